//! Validated slug identifiers.

use crate::GoalsError;

/// Checks the slug rules shared by every identifier in this crate.
fn validate_slug(kind: &'static str, s: &str) -> Result<(), GoalsError> {
    let err = |reason| GoalsError::InvalidId {
        kind,
        value: s.to_owned(),
        reason,
    };
    if s.is_empty() {
        return Err(err("must not be empty"));
    }
    if s.len() > 64 {
        return Err(err("must be at most 64 characters"));
    }
    let mut chars = s.chars();
    if !chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    {
        return Err(err("must start with a lowercase ASCII letter or a digit"));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Err(err(
            "may contain only lowercase ASCII letters, digits, '-' and '_' (write æ, ø, å as ae, oe, aa)",
        ));
    }
    Ok(())
}

macro_rules! slug_id {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        ///
        /// A slug: 1–64 characters, lowercase ASCII letters, digits, `-` and `_`, starting
        /// with a letter or digit.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
        pub struct $name(String);

        impl $name {
            /// Validates and wraps `id`.
            ///
            /// # Errors
            ///
            /// [`GoalsError::InvalidId`] when `id` is not a slug.
            pub fn new(id: impl Into<String>) -> Result<Self, GoalsError> {
                let id = id.into();
                validate_slug($kind, &id)?;
                Ok(Self(id))
            }

            /// The identifier as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = GoalsError;
            fn from_str(s: &str) -> Result<Self, GoalsError> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = GoalsError;
            fn try_from(s: String) -> Result<Self, GoalsError> {
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

slug_id!(
    /// The identifier of an indicator (indikator), e.g. `tryg-i-nabolaget`.
    #[doc(alias = "indikator")]
    IndicatorId,
    "indicator"
);

slug_id!(
    /// The identifier of a goal (målsætning), e.g. `tryghed`.
    #[doc(alias = "målsætning")]
    GoalId,
    "goal"
);

slug_id!(
    /// The identifier of a crime category (gerningstype), e.g. `indbrud`.
    #[doc(alias = "gerningstype")]
    CategoryId,
    "category"
);

slug_id!(
    /// The identifier of an area that observations describe: the partnership area
    /// ([`AreaId::partnership`], `omraade`), a reference area such as Valby (`valby`) or the
    /// whole city (`kobenhavn`), or any other area a user names.
    #[doc(alias = "område")]
    AreaId,
    "area"
);

impl AreaId {
    /// `omraade`: the partnership area (partnerskabsområdet) itself.
    #[doc(alias = "partnerskabsområde")]
    pub fn partnership() -> Self {
        Self("omraade".to_owned())
    }

    /// `valby`: the bydel Valby.
    pub fn valby() -> Self {
        Self("valby".to_owned())
    }

    /// The Danish name for explanations: `partnerskabsområdet`, `Valby`, `København` for the
    /// three well-known ids, the id itself otherwise.
    pub fn danish_name(&self) -> &str {
        match self.0.as_str() {
            "omraade" => "partnerskabsområdet",
            "valby" => "Valby",
            "kobenhavn" => "København",
            other => other,
        }
    }

    /// `kobenhavn`: the City of Copenhagen as a whole (københavnerniveau).
    #[doc(alias = "københavnerniveau")]
    pub fn copenhagen() -> Self {
        Self("kobenhavn".to_owned())
    }
}

impl IndicatorId {
    /// `indbyggere`: the reserved indicator id under which the number of residents of an area
    /// is observed. Rates per 1,000 residents are derived from it.
    #[doc(alias = "indbyggere")]
    pub fn residents() -> Self {
        Self("indbyggere".to_owned())
    }

    /// Whether this is the reserved [`IndicatorId::residents`] id.
    pub fn is_residents(&self) -> bool {
        self.0 == "indbyggere"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_slugs() {
        for ok in ["tryg-i-nabolaget", "a", "2025", "vold_vaaben", "omraade"] {
            assert_eq!(IndicatorId::new(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn rejects_non_slugs() {
        for bad in ["", "Tryg", "-x", "vold/våben", "a b", &"x".repeat(65)] {
            let err = IndicatorId::new(bad).unwrap_err();
            assert!(err.to_string().contains("indicator"), "{err}");
        }
        assert!(AreaId::new("København").is_err());
    }

    #[test]
    fn well_known_areas() {
        assert_eq!(AreaId::partnership().as_str(), "omraade");
        assert_eq!(AreaId::copenhagen(), "kobenhavn".parse().unwrap());
        assert!(IndicatorId::residents().is_residents());
    }
}
