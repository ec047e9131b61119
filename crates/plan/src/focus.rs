//! Focus areas (indsatsområder): the headings a partnership places its activities under.

use std::fmt;
use std::str::FromStr;

use crate::PlanError;

/// Checks the slug rule of focus area and deliverable ids; the error says which part broke.
pub(crate) fn check_slug(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        return Err("it is empty");
    }
    if value.len() > 64 {
        return Err("it is longer than 64 characters");
    }
    if value.starts_with('-') {
        return Err("it starts with '-'");
    }
    if !value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("it holds a character other than a–z, 0–9 and '-'");
    }
    Ok(())
}

/// The stable id of a focus area, a slug such as `tryggere-byrum`.
///
/// 1–64 characters: lowercase ASCII letters, digits and `-`, starting with a letter or a
/// digit. Plans refer to focus areas by this id.
#[doc(alias = "indsatsområde")]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
pub struct FocusAreaId(String);

impl FocusAreaId {
    /// Validates `value` as a focus area id.
    ///
    /// # Errors
    ///
    /// [`PlanError::InvalidFocusAreaId`] when `value` is empty, longer than 64 characters,
    /// starts with `-` or holds anything but `a`–`z`, `0`–`9` and `-`.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_plan::FocusAreaId;
    ///
    /// assert!(FocusAreaId::new("kommunikation").is_ok());
    /// assert!(FocusAreaId::new("Tryggere byrum").is_err());
    /// ```
    pub fn new(value: &str) -> Result<Self, PlanError> {
        check_slug(value).map_err(|reason| PlanError::InvalidFocusAreaId {
            value: value.to_owned(),
            reason,
        })?;
        Ok(FocusAreaId(value.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FocusAreaId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for FocusAreaId {
    type Err = PlanError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        FocusAreaId::new(s)
    }
}

impl TryFrom<String> for FocusAreaId {
    type Error = PlanError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        FocusAreaId::new(&value)
    }
}

impl From<FocusAreaId> for String {
    fn from(id: FocusAreaId) -> Self {
        id.0
    }
}

impl AsRef<str> for FocusAreaId {
    fn as_ref(&self) -> &str {
        &self.0
    }
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
