//! The parties (parter) of Copenhagen's safety partnerships (tryghedspartnerskaber) and
//! how they govern themselves.
//!
//! A partnership such as Folehaven Tryghedspartnerskab 2026–2029 is an agreement between
//! Københavns Kommune's forvaltninger, Københavns Politi and the housing associations
//! (boligforeninger) of the area. This crate gives those parties typed, validated values and
//! models the partnership's organisering as data:
//!
//! * **Parties**: [`PartyId`] (a short slug such as `okf`), [`PartyKind`] (kommune,
//!   forvaltning, enhed, politi, boligforening, anden), [`Party`] with its official Danish
//!   name and parent, and [`Parties`], a list with unique ids, resolving parents and no
//!   cycles.
//! * **Identifiers**: [`Cvr`] (eight digits, modulus-11 check) and [`Identifier`]
//!   (`scheme` + `id`, as in IATI organisation identifiers: `DK-CVR` + `64942212`).
//! * **Governance** (after Popolo): [`Body`] ([`BodyKind`]: styregruppe, arbejdsgruppe,
//!   sekretariat), [`Membership`] with role and `on_behalf_of`, [`Post`] (projektleder) with
//!   its time in årsværk ([`Fte`], exact decimal), [`Meeting`]s, and rules as data:
//!   [`MeetingRule`] (how often a body meets per year) and [`RepresentationRule`] (who must
//!   sit in it). [`Governance::check`] tests a year against all rules and returns every
//!   [`RuleViolation`].
//!
//! The facts of a particular partnership (which parties, which bodies, which rules) are
//! not in this crate: they are data, read with the `serde` feature (the `tryghed-agreement`
//! crate embeds Folehaven's as TOML).
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use tryghed_parties::{
//!     Body, BodyId, BodyKind, Cvr, Governance, Identifier, Meeting, MeetingRule, Membership,
//!     Parties, Party, PartyId, PartyKind, RepresentationRequirement, RepresentationRule,
//!     RuleViolation, Year,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let kk = PartyId::new("kk")?;
//! let parties = Parties::new(vec![
//!     Party::new(kk.clone(), "Københavns Kommune", PartyKind::Municipality)?
//!         .with_identifier(Identifier::cvr(Cvr::new("64942212")?))
//!         .with_identifier(Identifier::municipality_code(101)?),
//!     Party::new(PartyId::new("okf")?, "Økonomiforvaltningen", PartyKind::Administration)?
//!         .with_abbreviation("ØKF")?
//!         .with_parent(kk.clone())?,
//!     Party::new(PartyId::new("politi")?, "Københavns Politi", PartyKind::Police)?,
//! ])?;
//! assert_eq!(parties.get("okf").map(Party::name), Some("Økonomiforvaltningen"));
//! assert_eq!(parties.get("kk").and_then(Party::cvr), Some(Cvr::new("64942212")?));
//!
//! // The arbejdsgruppe meets 8–10 times a year and includes every forvaltning and partner.
//! let governance = Governance::new(vec![Body::new(
//!     BodyId::new("arbejdsgruppe")?,
//!     BodyKind::WorkingGroup,
//!     "Arbejdsgruppe",
//! )?])?
//! .with_meeting_rule(MeetingRule::new(BodyKind::WorkingGroup, 8, Some(10))?)?
//! .with_representation_rule(RepresentationRule::new(
//!     BodyKind::WorkingGroup,
//!     RepresentationRequirement::AllAdministrationsAndPartners,
//! ))?;
//!
//! // A synthetic year: only ØKF sits in the group, and it meets seven times.
//! let roster = [Membership::new(PartyId::new("okf")?, BodyKind::WorkingGroup, "tovholder")?];
//! let meetings: Vec<Meeting> = (1..=7)
//!     .filter_map(|month| NaiveDate::from_ymd_opt(2026, month, 10))
//!     .map(|date| Meeting::new(BodyKind::WorkingGroup, date))
//!     .collect();
//!
//! let violations = governance.check(&parties, &roster, &meetings, Year::new(2026)?);
//! assert_eq!(violations.len(), 2);
//! assert_eq!(
//!     violations[0].to_string(),
//!     "2026: party politi has no active representative in the arbejdsgruppe"
//! );
//! assert!(matches!(
//!     violations[1],
//!     RuleViolation::TooFewMeetings { held: 7, min: 8, .. }
//! ));
//! # Ok(())
//! # }
//! ```
//!
//! # Cargo features
//!
//! * `serde` (off by default): `Serialize` and `Deserialize` for every value type, and
//!   `Serialize` for [`RuleViolation`]. The forms are made to be written by hand in TOML or
//!   JSON (ids and CVR numbers as strings, kinds as snake_case names, dates as
//!   strings `"2026-01-01"` (TOML's unquoted dates are refused), årsværk as `"0.5"`), and everything read goes through the same
//!   validation as the constructors, so invalid data is an error, never a value. Enables
//!   `chrono/serde` and `tryghed-core/serde`.
//!
//! # Errors
//!
//! Every fallible function returns [`PartiesError`], which names the offending value and
//! what is wrong with it. [`Parties::new`] reports all problems of a list at once
//! ([`RegistryIssue`]).
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;
mod governance;
mod id;
mod identifier;
mod party;
mod registry;

pub use error::{PartiesError, RegistryIssue};
pub use governance::{
    Body, BodyKind, Fte, Governance, Meeting, MeetingRule, Membership, Post,
    RepresentationRequirement, RepresentationRule, RuleViolation,
};
pub use id::{BodyId, PartyId};
pub use identifier::{Cvr, Identifier};
pub use party::{Party, PartyKind};
pub use registry::Parties;
/// The shared types this crate's API uses, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{ParseYearError, SlugError, SlugProblem, Year, YearError};
