//! Identifiers: [`ActivityId`] and [`LineId`], both validated slugs.

use std::fmt;
use std::str::FromStr;

use crate::error::BudgetError;

/// The longest identifier accepted, in bytes.
const MAX_LEN: usize = 64;

/// Checks the slug rules shared by every identifier in this crate.
fn check_slug(what: &'static str, s: &str) -> Result<(), BudgetError> {
    let fail = |reason| {
        Err(BudgetError::InvalidId {
            what,
            input: s.to_owned(),
            reason,
        })
    };
    if s.is_empty() {
        return fail("it is empty");
    }
    if s.len() > MAX_LEN {
        return fail("it is longer than 64 characters");
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return fail("use only lowercase ASCII letters a–z, digits and '-'");
    }
    if s.starts_with('-') || s.ends_with('-') {
        return fail("it starts or ends with '-'");
    }
    if s.contains("--") {
        return fail("it contains '--'");
    }
    Ok(())
}

macro_rules! slug_type {
    ($(#[$meta:meta])* $name:ident, $what:literal) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(String);

        impl $name {
            /// Validates `id` by the slug rules: 1–64 characters of lowercase ASCII letters
            /// `a`–`z`, digits and `-`, not starting or ending with `-` and without `--`.
            ///
            /// # Errors
            ///
            /// [`BudgetError::InvalidId`] saying which rule the text breaks.
            pub fn new(id: impl Into<String>) -> Result<Self, BudgetError> {
                let id = id.into();
                check_slug($what, &id)?;
                Ok(Self(id))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl FromStr for $name {
            type Err = BudgetError;

            fn from_str(s: &str) -> Result<Self, BudgetError> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = BudgetError;

            fn try_from(s: String) -> Result<Self, BudgetError> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = BudgetError;

            fn try_from(s: &str) -> Result<Self, BudgetError> {
                Self::new(s)
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
    };
}

slug_type!(
    /// The identifier of an activity in the year's tryghedsplan, which receives an allocation of
    /// the activity funds and has transactions booked against it: `a1`, `natteravne-2026`.
    ///
    /// A slug: 1–64 characters of lowercase ASCII letters, digits and `-`, not starting or ending
    /// with `-`, without `--`. Danish letters are not allowed, so the id is safe in file names,
    /// URLs and CSV; the activity's Danish name lives elsewhere (in the plan).
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
    ActivityId,
    "activity id"
);

slug_type!(
    /// The identifier of a budget line: `projektledelse`, `aktivitetsmidler`.
    ///
    /// The same slug rules as [`ActivityId`]. The line's Danish name is kept separately in
    /// [`BudgetLine::name`](crate::BudgetLine::name).
    ///
    /// ```
    /// use tryghed_budget::LineId;
    /// assert_eq!(LineId::new("aktivitetsmidler")?.to_string(), "aktivitetsmidler");
    /// assert!(LineId::new("aktivitets midler").is_err());
    /// # Ok::<(), tryghed_budget::BudgetError>(())
    /// ```
    #[doc(alias = "budgetlinje")]
    LineId,
    "line id"
);

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
            ("A1", "use only lowercase"),
            ("ældre", "use only lowercase"),
            ("a b", "use only lowercase"),
            ("a_b", "use only lowercase"),
            ("-a", "starts or ends"),
            ("a-", "starts or ends"),
            ("a--b", "contains '--'"),
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
        assert!(e.to_string().contains("longer than 64"), "{e}");
        assert!(e.to_string().starts_with("invalid line id"), "{e}");
    }
}
