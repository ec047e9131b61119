//! The error type of this crate.

/// What went wrong when building or checking a plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// A focus area id is not a slug.
    #[error(
        "invalid focus area id {value:?}: {reason} (use 1–64 lowercase letters a–z, digits and '-', starting with a letter or digit)"
    )]
    InvalidFocusAreaId {
        /// The text that was given.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A focus area has an empty name.
    #[error("focus area {id:?} has an empty name")]
    EmptyFocusAreaName {
        /// The focus area's id.
        id: String,
    },
}
