//! Slug identifiers: [`PartyId`] and [`BodyId`].

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use crate::error::{PartiesError, SlugProblem};

/// Longest slug accepted, in characters.
pub(crate) const MAX_SLUG_LEN: usize = 32;

/// Checks the slug rule shared by [`PartyId`] and [`BodyId`].
fn check_slug(what: &'static str, value: &str) -> Result<(), PartiesError> {
    let fail = |problem| PartiesError::InvalidSlug {
        what,
        value: value.to_owned(),
        problem,
    };
    if value.is_empty() {
        return Err(fail(SlugProblem::Empty));
    }
    for (index, ch) in value.chars().enumerate() {
        if !(ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-') {
            return Err(fail(SlugProblem::BadChar {
                found: ch,
                position: index + 1,
            }));
        }
    }
    // Only ASCII remains, so bytes are characters.
    if value.len() > MAX_SLUG_LEN {
        return Err(fail(SlugProblem::TooLong {
            length: value.len(),
        }));
    }
    if value.starts_with('-') {
        return Err(fail(SlugProblem::StartsWithHyphen));
    }
    Ok(())
}

macro_rules! slug_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(String);

        impl $name {
            /// The longest accepted id, in characters.
            pub const MAX_LEN: usize = MAX_SLUG_LEN;

            #[doc = concat!("Validates `value` as a ", $what, ".")]
            ///
            /// A slug has 1 to 32 characters from `a`–`z`, `0`–`9` and `-`, and
            /// starts with a letter or digit.
            ///
            /// # Errors
            ///
            /// [`PartiesError::InvalidSlug`] saying which rule `value` breaks.
            pub fn new(value: &str) -> Result<Self, PartiesError> {
                check_slug($what, value)?;
                Ok(Self(value.to_owned()))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = PartiesError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = PartiesError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                check_slug($what, &value)?;
                Ok(Self(value))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = PartiesError;
            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        /// Sound because `Eq`, `Ord` and `Hash` are those of the inner string,
        /// so maps keyed by this id can be queried with a `&str`.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

slug_type!(
    /// The short, stable id of a party (part), such as `okf`, `sof`, `politi` or `3b`.
    ///
    /// A slug: 1 to 32 characters from `a`–`z`, `0`–`9` and `-`, starting with a
    /// letter or digit. It is the key that other crates (plans, estates, activities)
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
    ///
    /// With the `serde` feature it is a plain string, validated when read.
    #[doc(alias = "part")]
    #[doc(alias = "deltager")]
    PartyId,
    "party id"
);

slug_type!(
    /// The short, stable id of a governance body, such as `styregruppe` or `arbejdsgruppe`.
    ///
    /// Same rules as [`PartyId`]: 1 to 32 characters from `a`–`z`, `0`–`9` and
    /// `-`, starting with a letter or digit.
    ///
    /// ```
    /// use tryghed_parties::BodyId;
    ///
    /// let id = BodyId::new("styregruppe")?;
    /// assert_eq!(id.to_string(), "styregruppe");
    /// # Ok::<(), tryghed_parties::PartiesError>(())
    /// ```
    BodyId,
    "body id"
);

#[cfg(test)]
mod tests {
    use super::*;
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
            Err(PartiesError::InvalidSlug { problem, .. }) => problem,
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(problem(""), SlugProblem::Empty);
        assert_eq!(
            problem(&"a".repeat(33)),
            SlugProblem::TooLong { length: 33 }
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
        assert_eq!(problem("-okf"), SlugProblem::StartsWithHyphen);
        assert!(PartyId::new(&"a".repeat(32)).is_ok());
        assert!(PartyId::new("a-").is_ok());
    }

    #[test]
    fn error_message_names_value_and_problem() {
        let err = PartyId::new("ok f").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid party id \"ok f\": ' ' at position 3 is not allowed (use lowercase a-z, digits 0-9 and '-')"
        );
        let err = BodyId::new(&"x".repeat(40)).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "invalid body id \"{}\": it has 40 characters, at most 32 are allowed",
                "x".repeat(40)
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
