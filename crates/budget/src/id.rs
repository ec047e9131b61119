//! Identifiers: [`ActivityId`] and [`LineId`], both validated slugs.

use crate::error::BudgetError;

tryghed_core::slug_id! {
    /// The identifier of an activity in the year's tryghedsplan, which receives an allocation of
    /// the activity funds and has transactions booked against it: `a1`, `natteravne-2026`.
    ///
    /// Danish letters are not allowed, so the id is safe in file names, URLs and CSV; the
    /// activity's Danish name lives elsewhere (in the plan).
    ///
    /// ```
    /// use tryghed_budget::ActivityId;
    /// let id: ActivityId = "natteravne-2026".parse()?;
    /// assert_eq!(id.as_str(), "natteravne-2026");
    /// assert!(ActivityId::new("Natteravne").is_err());
    /// assert!(ActivityId::new("").is_err());
    /// # Ok::<(), tryghed_budget::BudgetError>(())
    /// ```
    #[doc(alias = "aktivitet")]
    pub struct ActivityId;
    what = "activity id", error = BudgetError
}

tryghed_core::slug_id! {
    /// The identifier of a budget line: `projektledelse`, `aktivitetsmidler`.
    ///
    /// The same slug rule as [`ActivityId`]. The line's Danish name is kept separately in
    /// [`BudgetLine::name`](crate::BudgetLine::name).
    ///
    /// ```
    /// use tryghed_budget::LineId;
    /// assert_eq!(LineId::new("aktivitetsmidler")?.to_string(), "aktivitetsmidler");
    /// assert!(LineId::new("aktivitets midler").is_err());
    /// # Ok::<(), tryghed_budget::BudgetError>(())
    /// ```
    #[doc(alias = "budgetlinje")]
    pub struct LineId;
    what = "line id", error = BudgetError
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs() {
        for s in ["a1", "natteravne-2026", "projektledelse", "x", "1", "a-b-c"] {
            assert_eq!(ActivityId::new(s).unwrap().as_str(), s);
            assert_eq!(LineId::new(s).unwrap().as_str(), s);
        }
        assert!(ActivityId::new("a".repeat(64)).is_ok());
    }

    #[test]
    fn rejects_non_slugs_with_reason() {
        let cases = [
            ("", "it is empty"),
            ("A1", "'A' at position 1"),
            ("ældre", "'æ' at position 1"),
            ("a b", "' ' at position 2"),
            ("-a", "must start with a letter or digit"),
        ];
        for (s, reason) in cases {
            let e = ActivityId::new(s).unwrap_err();
            let msg = e.to_string();
            assert!(
                msg.starts_with(&format!("invalid activity id {s:?}: ")) && msg.contains(reason),
                "{msg}"
            );
        }
        let e = LineId::new("a".repeat(65)).unwrap_err();
        assert!(e.to_string().contains("65 characters"), "{e}");
        assert!(e.to_string().starts_with("invalid line id"), "{e}");
    }
}
