//! Slug identifiers: [`PartyId`] and [`BodyId`].

use crate::error::PartiesError;

tryghed_core::slug_id! {
    /// The short, stable id of a party (part), such as `okf`, `sof`, `politi` or `3b`.
    ///
    /// It is the key that other crates (plans, estates, activities)
    /// use to refer to a party; the party's official name lives in
    /// [`Party::name`](crate::Party::name).
    ///
    /// ```
    /// use tryghed_parties::PartyId;
    ///
    /// let okf: PartyId = "okf".parse()?;
    /// assert_eq!(okf.as_str(), "okf");
    /// assert!(PartyId::new("ØKF").is_err());
    /// assert!(PartyId::new("-x").is_err());
    /// # Ok::<(), tryghed_parties::PartiesError>(())
    /// ```
    #[doc(alias = "part")]
    #[doc(alias = "deltager")]
    pub struct PartyId;
    what = "party id", error = PartiesError
}

tryghed_core::slug_id! {
    /// The short, stable id of a governance body, such as `styregruppe` or `arbejdsgruppe`.
    ///
    /// Same rules as [`PartyId`].
    ///
    /// ```
    /// use tryghed_parties::BodyId;
    ///
    /// let id = BodyId::new("styregruppe")?;
    /// assert_eq!(id.to_string(), "styregruppe");
    /// # Ok::<(), tryghed_parties::PartiesError>(())
    /// ```
    pub struct BodyId;
    what = "body id", error = PartiesError
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SlugProblem;
    use std::collections::BTreeMap;

    #[test]
    fn accepts_the_folehaven_party_ids() {
        for id in [
            "okf", "sof", "buf", "tmf", "bif", "suf", "kff", "kk", "politi", "3b", "sab", "ssp",
        ] {
            assert_eq!(PartyId::new(id).unwrap().as_str(), id);
        }
    }

    #[test]
    fn rejects_each_kind_of_bad_slug() {
        let problem = |s: &str| match PartyId::new(s) {
            Err(PartiesError::InvalidSlug(err)) => err.problem(),
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(problem(""), SlugProblem::Empty);
        assert_eq!(
            problem(&"a".repeat(65)),
            SlugProblem::TooLong { length: 65 }
        );
        assert_eq!(
            problem("økf"),
            SlugProblem::BadChar {
                found: 'ø',
                position: 1
            }
        );
        assert_eq!(
            problem("ok f"),
            SlugProblem::BadChar {
                found: ' ',
                position: 3
            }
        );
        assert_eq!(
            problem("OKF"),
            SlugProblem::BadChar {
                found: 'O',
                position: 1
            }
        );
        assert_eq!(problem("-okf"), SlugProblem::BadStart { found: '-' });
        assert!(PartyId::new("a".repeat(64)).is_ok());
        assert!(PartyId::new("a-").is_ok());
    }

    #[test]
    fn error_message_names_value_and_problem() {
        let err = PartyId::new("ok f").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid party id \"ok f\": ' ' at position 3 is not allowed (use a-z, 0-9, '-' and '_')"
        );
        let err = BodyId::new("x".repeat(70)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "invalid body id \"{}\": it has 70 characters, at most 64 are allowed",
                "x".repeat(70)
            )
        );
        assert_eq!(
            PartyId::new("").unwrap_err().to_string(),
            "invalid party id \"\": it is empty"
        );
        assert_eq!(
            PartyId::new("-a").unwrap_err().to_string(),
            "invalid party id \"-a\": it must start with a letter or digit, not '-'"
        );
    }

    #[test]
    fn borrow_str_lets_maps_be_queried_by_text() {
        let mut map = BTreeMap::new();
        map.insert(PartyId::new("sof").unwrap(), 1);
        assert_eq!(map.get("sof"), Some(&1));
        let set: std::collections::HashSet<PartyId> = [PartyId::new("3b").unwrap()].into();
        assert!(set.contains("3b"));
    }

    #[test]
    fn display_and_from_str_round_trip() {
        let id: PartyId = "politi".parse().unwrap();
        assert_eq!(id.to_string().parse::<PartyId>().unwrap(), id);
        assert_eq!(id, "politi");
    }
}
