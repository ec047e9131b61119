//! Governance bodies (placeholder, filled in next).

use std::fmt;

/// A kind of governance body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BodyKind {
    /// Styregruppe.
    SteeringGroup,
    /// Arbejdsgruppe.
    WorkingGroup,
    /// Sekretariat.
    Secretariat,
}

impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::SteeringGroup => "styregruppe",
            Self::WorkingGroup => "arbejdsgruppe",
            Self::Secretariat => "sekretariat",
        })
    }
}
