//! WIP
#![deny(missing_docs)]

mod error;
mod governance;
mod id;
mod identifier;
mod party;
mod registry;

pub use error::{PartiesError, RegistryIssue, SlugProblem};
pub use governance::{
    Body, BodyKind, Fte, Governance, Meeting, MeetingRule, Membership, Post,
    RepresentationRequirement, RepresentationRule, RuleViolation,
};
pub use id::{BodyId, PartyId};
pub use identifier::{Cvr, Identifier};
pub use party::{Party, PartyKind};
pub use registry::Parties;
