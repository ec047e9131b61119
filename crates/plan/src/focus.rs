//! Focus areas (indsatsområder): the headings a partnership places its activities under.

use std::fmt;

use crate::PlanError;

tryghed_core::slug_id! {
    /// The stable id of a focus area, a slug such as `tryggere-byrum`. Plans refer to focus
    /// areas by this id.
    ///
    /// ```
    /// use tryghed_plan::FocusAreaId;
    ///
    /// assert!(FocusAreaId::new("kommunikation").is_ok());
    /// assert!(FocusAreaId::new("Tryggere byrum").is_err());
    /// ```
    #[doc(alias = "indsatsområde")]
    pub struct FocusAreaId;
    what = "focus area id", error = PlanError
}

/// A focus area (indsatsområde) of a partnership: an id and its Danish name.
///
/// The Folehaven agreement has three: Kommunikation, Tryggere byrum and Flere positive
/// fællesskaber.
#[doc(alias = "indsatsområde")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawFocusArea"))]
pub struct FocusArea {
    id: FocusAreaId,
    name: String,
}

impl FocusArea {
    /// A focus area with the given id and Danish name.
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyFocusAreaName`] when `name` is empty or only white space.
    pub fn new(id: FocusAreaId, name: impl Into<String>) -> Result<Self, PlanError> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(PlanError::EmptyFocusAreaName { id: id.0 });
        }
        Ok(FocusArea { id, name })
    }

    /// The focus area's id.
    pub fn id(&self) -> &FocusAreaId {
        &self.id
    }

    /// The focus area's Danish name, e.g. "Tryggere byrum".
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for FocusArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFocusArea {
    id: FocusAreaId,
    name: String,
}

#[cfg(feature = "serde")]
impl TryFrom<RawFocusArea> for FocusArea {
    type Error = PlanError;

    fn try_from(raw: RawFocusArea) -> Result<Self, Self::Error> {
        FocusArea::new(raw.id, raw.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_slugs() {
        for good in ["kommunikation", "tryggere-byrum", "a1", "3b"] {
            assert!(FocusAreaId::new(good).is_ok(), "{good}");
        }
        for bad in ["", "-x", "Tryggere", "æble", "a b", &"a".repeat(65)] {
            let error = FocusAreaId::new(bad).unwrap_err();
            assert!(error.to_string().contains(&format!("{bad:?}")), "{error}");
        }
    }

    #[test]
    fn names_must_not_be_empty() {
        let id = FocusAreaId::new("kommunikation").unwrap();
        assert_eq!(
            FocusArea::new(id, "  ").unwrap_err().to_string(),
            "focus area \"kommunikation\" has an empty name"
        );
    }
}
