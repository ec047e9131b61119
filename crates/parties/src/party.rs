//! [`PartyKind`] and [`Party`].

use std::fmt;
use std::str::FromStr;

use crate::error::PartiesError;
use crate::id::PartyId;
use crate::identifier::{Cvr, Identifier, check_text};

/// What kind of organisation a party is.
///
/// With the `serde` feature: the snake_case names `"municipality"`,
/// `"administration"`, `"unit"`, `"police"`, `"housing_association"`, `"other"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum PartyKind {
    /// A municipality (kommune), e.g. Københavns Kommune.
    #[doc(alias = "kommune")]
    Municipality,
    /// One of a municipality's administrations (forvaltning), e.g. Økonomiforvaltningen.
    #[doc(alias = "forvaltning")]
    Administration,
    /// A unit (enhed) inside another party, e.g. SSP inside Socialforvaltningen, or an
    /// office (kontor) inside a forvaltning.
    #[doc(alias = "enhed")]
    #[doc(alias = "kontor")]
    Unit,
    /// A police district (politikreds), e.g. Københavns Politi.
    #[doc(alias = "politi")]
    Police,
    /// A housing association (boligforening, boligorganisation), e.g. 3B or SAB.
    #[doc(alias = "boligforening")]
    #[doc(alias = "boligorganisation")]
    HousingAssociation,
    /// Any other organisation (forening, helhedsplan, virksomhed, …).
    #[doc(alias = "anden")]
    Other,
}

impl PartyKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 6] = [
        Self::Municipality,
        Self::Administration,
        Self::Unit,
        Self::Police,
        Self::HousingAssociation,
        Self::Other,
    ];

    /// The Danish word: "kommune", "forvaltning", "enhed", "politi", "boligforening", "anden".
    pub fn label_da(self) -> &'static str {
        match self {
            Self::Municipality => "kommune",
            Self::Administration => "forvaltning",
            Self::Unit => "enhed",
            Self::Police => "politi",
            Self::HousingAssociation => "boligforening",
            Self::Other => "anden",
        }
    }

    /// The machine name, as in serde: "municipality", "administration", "unit", "police",
    /// "housing_association", "other".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Municipality => "municipality",
            Self::Administration => "administration",
            Self::Unit => "unit",
            Self::Police => "police",
            Self::HousingAssociation => "housing_association",
            Self::Other => "other",
        }
    }

    /// Whether a party of this kind is, by default, a participant (deltager) that a
    /// governance body must include.
    ///
    /// True for [`Administration`](Self::Administration), [`Police`](Self::Police),
    /// [`HousingAssociation`](Self::HousingAssociation) and [`Other`](Self::Other). False
    /// for a [`Municipality`](Self::Municipality), which signs through its forvaltninger,
    /// and for a [`Unit`](Self::Unit), which is represented by the party it sits in
    /// (SSP by Socialforvaltningen).
    #[doc(alias = "deltager")]
    pub fn is_participant(self) -> bool {
        matches!(
            self,
            Self::Administration | Self::Police | Self::HousingAssociation | Self::Other
        )
    }
}

/// The Danish label, e.g. "forvaltning".
impl fmt::Display for PartyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_da())
    }
}

/// Parses the machine name (`housing_association`) or the Danish label (`boligforening`).
impl FromStr for PartyKind {
    type Err = PartiesError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s || kind.label_da() == s)
            .ok_or_else(|| PartiesError::UnknownName {
                what: "party kind",
                value: s.to_owned(),
            })
    }
}

/// A party (part) to a partnership: a forvaltning, the police, a housing association …
///
/// A party has a stable [`PartyId`], its official Danish name, an optional abbreviation,
/// a [`PartyKind`], an optional parent (a forvaltning's parent is its kommune) and any
/// number of register [`Identifier`]s.
///
/// ```
/// use tryghed_parties::{Cvr, Identifier, Party, PartyId, PartyKind};
///
/// let okf = Party::new(PartyId::new("okf")?, "Økonomiforvaltningen", PartyKind::Administration)?
///     .with_abbreviation("ØKF")?
///     .with_parent(PartyId::new("kk")?)?
///     .with_identifier(Identifier::cvr(Cvr::new("64942212")?));
/// assert_eq!(okf.name(), "Økonomiforvaltningen");
/// assert_eq!(okf.abbreviation(), Some("ØKF"));
/// assert_eq!(okf.parent().map(PartyId::as_str), Some("kk"));
/// assert_eq!(okf.to_string(), "Økonomiforvaltningen (ØKF)");
/// # Ok::<(), tryghed_parties::PartiesError>(())
/// ```
///
/// With the `serde` feature a party reads and writes as
/// `{ id = "okf", name = "Økonomiforvaltningen", abbreviation = "ØKF", kind = "administration",
/// parent = "kk", identifiers = [{ scheme = "DK-CVR", id = "64942212" }] }`;
/// `abbreviation`, `parent` and `identifiers` may be left out, unknown fields are errors,
/// and every value is validated as by the constructors.
#[doc(alias = "part")]
#[doc(alias = "deltager")]
#[doc(alias = "organisation")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawParty", into = "RawParty"))]
pub struct Party {
    id: PartyId,
    name: String,
    abbreviation: Option<String>,
    kind: PartyKind,
    parent: Option<PartyId>,
    identifiers: Vec<Identifier>,
}

impl Party {
    /// A party with its id, official name and kind; no abbreviation, parent or identifiers.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] if `name` is empty or whitespace,
    /// [`PartiesError::SurroundingWhitespace`] if it has leading or trailing whitespace.
    pub fn new(id: PartyId, name: &str, kind: PartyKind) -> Result<Self, PartiesError> {
        check_text("name", name, Some(id.as_str()))?;
        Ok(Self {
            id,
            name: name.to_owned(),
            abbreviation: None,
            kind,
            parent: None,
            identifiers: Vec::new(),
        })
    }

    /// Sets the abbreviation, e.g. "ØKF".
    ///
    /// # Errors
    ///
    /// As for the name in [`Party::new`].
    pub fn with_abbreviation(mut self, abbreviation: &str) -> Result<Self, PartiesError> {
        check_text("abbreviation", abbreviation, Some(self.id.as_str()))?;
        self.abbreviation = Some(abbreviation.to_owned());
        Ok(self)
    }

    /// Sets the parent party, e.g. `kk` for a forvaltning. Whether the parent exists is
    /// checked by [`Parties::new`](crate::Parties::new).
    ///
    /// # Errors
    ///
    /// [`PartiesError::SelfParent`] if `parent` is this party's own id.
    pub fn with_parent(mut self, parent: PartyId) -> Result<Self, PartiesError> {
        if parent == self.id {
            return Err(PartiesError::SelfParent { party: parent });
        }
        self.parent = Some(parent);
        Ok(self)
    }

    /// Adds a register identifier (kept in the order added).
    #[must_use]
    pub fn with_identifier(mut self, identifier: Identifier) -> Self {
        self.identifiers.push(identifier);
        self
    }

    /// The party's id.
    pub fn id(&self) -> &PartyId {
        &self.id
    }

    /// The official Danish name, e.g. "Økonomiforvaltningen".
    #[doc(alias = "navn")]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The abbreviation, e.g. "ØKF", if one is given.
    #[doc(alias = "forkortelse")]
    pub fn abbreviation(&self) -> Option<&str> {
        self.abbreviation.as_deref()
    }

    /// The kind of organisation.
    pub fn kind(&self) -> PartyKind {
        self.kind
    }

    /// The parent party's id, if any.
    pub fn parent(&self) -> Option<&PartyId> {
        self.parent.as_ref()
    }

    /// The register identifiers, in the order given.
    pub fn identifiers(&self) -> &[Identifier] {
        &self.identifiers
    }

    /// The first `DK-CVR` identifier's CVR number, if there is one.
    pub fn cvr(&self) -> Option<Cvr> {
        self.identifiers.iter().find_map(Identifier::as_cvr)
    }
}

/// The name, followed by the abbreviation in parentheses when there is one.
impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.abbreviation {
            Some(abbreviation) => write!(f, "{} ({abbreviation})", self.name),
            None => f.write_str(&self.name),
        }
    }
}

/// The serde form of [`Party`].
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    id: PartyId,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    abbreviation: Option<String>,
    kind: PartyKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<PartyId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    identifiers: Vec<Identifier>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawParty> for Party {
    type Error = PartiesError;
    fn try_from(raw: RawParty) -> Result<Self, Self::Error> {
        let mut party = Party::new(raw.id, &raw.name, raw.kind)?;
        if let Some(abbreviation) = raw.abbreviation {
            party = party.with_abbreviation(&abbreviation)?;
        }
        if let Some(parent) = raw.parent {
            party = party.with_parent(parent)?;
        }
        party.identifiers = raw.identifiers;
        Ok(party)
    }
}

#[cfg(feature = "serde")]
impl From<Party> for RawParty {
    fn from(party: Party) -> Self {
        Self {
            id: party.id,
            name: party.name,
            abbreviation: party.abbreviation,
            kind: party.kind,
            parent: party.parent,
            identifiers: party.identifiers,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> PartyId {
        PartyId::new(s).unwrap()
    }

    #[test]
    fn labels_and_names() {
        let labels: Vec<_> = PartyKind::ALL.iter().map(|k| k.label_da()).collect();
        assert_eq!(
            labels,
            [
                "kommune",
                "forvaltning",
                "enhed",
                "politi",
                "boligforening",
                "anden"
            ]
        );
        for kind in PartyKind::ALL {
            assert_eq!(kind.as_str().parse::<PartyKind>().unwrap(), kind);
            assert_eq!(kind.to_string().parse::<PartyKind>().unwrap(), kind);
        }
        assert_eq!(
            "kontor".parse::<PartyKind>().unwrap_err().to_string(),
            "unknown party kind \"kontor\""
        );
    }

    #[test]
    fn participants_exclude_municipality_and_unit() {
        let participants: Vec<_> = PartyKind::ALL
            .into_iter()
            .filter(|k| k.is_participant())
            .collect();
        assert_eq!(
            participants,
            [
                PartyKind::Administration,
                PartyKind::Police,
                PartyKind::HousingAssociation,
                PartyKind::Other
            ]
        );
    }

    #[test]
    fn party_validation_errors() {
        assert_eq!(
            Party::new(id("okf"), "  ", PartyKind::Administration)
                .unwrap_err()
                .to_string(),
            "name must not be empty (in okf)"
        );
        assert!(matches!(
            Party::new(
                id("okf"),
                " Økonomiforvaltningen",
                PartyKind::Administration
            ),
            Err(PartiesError::SurroundingWhitespace { field: "name", .. })
        ));
        let okf = Party::new(id("okf"), "Økonomiforvaltningen", PartyKind::Administration).unwrap();
        assert_eq!(
            okf.clone().with_parent(id("okf")).unwrap_err().to_string(),
            "party okf cannot be its own parent"
        );
        assert!(matches!(
            okf.with_abbreviation(""),
            Err(PartiesError::Empty {
                field: "abbreviation",
                ..
            })
        ));
    }

    #[test]
    fn accessors_and_display() {
        let kk = Party::new(id("kk"), "Københavns Kommune", PartyKind::Municipality)
            .unwrap()
            .with_identifier(Identifier::municipality_code(101).unwrap())
            .with_identifier(Identifier::cvr(Cvr::new("64942212").unwrap()));
        assert_eq!(kk.to_string(), "Københavns Kommune");
        assert_eq!(kk.cvr().map(Cvr::get), Some(64_942_212));
        assert_eq!(kk.identifiers().len(), 2);
        assert_eq!(kk.parent(), None);
        assert_eq!(kk.kind(), PartyKind::Municipality);
    }
}
