//! Validated slug identifiers.

use crate::GoalsError;

tryghed_core::slug_id! {
    /// The identifier of an indicator (indikator), e.g. `tryg-i-nabolaget`.
    #[doc(alias = "indikator")]
    pub struct IndicatorId;
    what = "indicator id", error = GoalsError
}

tryghed_core::slug_id! {
    /// The identifier of a goal (målsætning), e.g. `tryghed`.
    #[doc(alias = "målsætning")]
    pub struct GoalId;
    what = "goal id", error = GoalsError
}

tryghed_core::slug_id! {
    /// The identifier of a crime category (gerningstype), e.g. `indbrud`.
    #[doc(alias = "gerningstype")]
    pub struct CategoryId;
    what = "category id", error = GoalsError
}

tryghed_core::slug_id! {
    /// The identifier of an area that observations describe: the partnership area
    /// ([`AreaId::partnership`], `omraade`), a reference area such as Valby (`valby`) or the
    /// whole city (`kobenhavn`), or any other area a user names.
    #[doc(alias = "område")]
    pub struct AreaId;
    what = "area id", error = GoalsError
}

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
        for bad in ["", "Tryg", "-x", "_x", "vold/våben", "a b", &"x".repeat(65)] {
            let err = IndicatorId::new(bad).unwrap_err();
            assert!(err.to_string().contains("indicator"), "{err}");
        }
        assert!(AreaId::new("København").is_err());
    }

    #[test]
    fn well_known_areas() {
        assert_eq!(AreaId::partnership().as_str(), "omraade");
        assert_eq!(AreaId::copenhagen(), "kobenhavn".parse::<AreaId>().unwrap());
        assert!(IndicatorId::residents().is_residents());
    }
}
