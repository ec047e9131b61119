//! The error type of this crate.

use crate::Year;
use tryghed_diagnostics::Diagnostic;

/// What went wrong when building, reading or checking a meeting log.
///
/// Reading a log file reports every problem at once as [`Diagnostic`]s (see
/// [`check_meetings`](crate::check_meetings)); this type carries them in
/// [`MeetingsError::Invalid`] when a caller asks for a log and the text cannot give one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MeetingsError {
    /// A text that must say something (a decision, an action, a name) is blank.
    #[error("the {what} is empty")]
    #[non_exhaustive]
    EmptyText {
        /// Which text, e.g. `"decision"`.
        what: &'static str,
    },
    /// A context was given an empty range of years.
    #[error("the period {first}–{last} holds no year (the first year is after the last)")]
    #[non_exhaustive]
    EmptyPeriod {
        /// The first year given.
        first: Year,
        /// The last year given.
        last: Year,
    },
    /// A year outside the agreement period was asked for.
    #[error("the year {year} is outside the agreement period {first}–{last}")]
    #[non_exhaustive]
    YearOutsidePeriod {
        /// The year asked for.
        year: Year,
        /// The period's first year.
        first: Year,
        /// The period's last year.
        last: Year,
    },
    /// A summary read from data states a fact that the rest of it does not give (a cadence
    /// that its meetings and rule do not give, a decision after the day of the check):
    /// derived facts are recomputed on the way in, never trusted.
    #[error("meetings summary: {field} {reason}")]
    #[non_exhaustive]
    Inconsistent {
        /// The field, e.g. `bodies[0].cadence`.
        field: String,
        /// What is wrong, naming the values.
        reason: String,
    },
    /// A meeting log text has problems; every one is listed with its place.
    #[error("{origin}: {} problem(s):{}", diagnostics.len(), list(diagnostics))]
    #[non_exhaustive]
    Invalid {
        /// The file name (or `<string>`).
        origin: String,
        /// Every problem found, in file order.
        diagnostics: Vec<Diagnostic>,
    },
}

impl MeetingsError {
    /// The problem in Danish, for a person (the `Display` text is English and stable for
    /// services; a meeting log's diagnostics are Danish already).
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            MeetingsError::EmptyText { what } => format!("{what} er tom"),
            MeetingsError::EmptyPeriod { first, last } => {
                format!(
                    "perioden {first}–{last} har intet år (det første år ligger efter det sidste)"
                )
            }
            MeetingsError::YearOutsidePeriod { year, first, last } => {
                format!("året {year} ligger uden for aftaleperioden {first}–{last}")
            }
            MeetingsError::Inconsistent { field, reason } => {
                format!("mødeopgørelsen: {field} passer ikke ({reason})")
            }
            MeetingsError::Invalid {
                origin,
                diagnostics,
            } => format!(
                "{origin}: {} fejl: {}",
                diagnostics.len(),
                diagnostics
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

fn list(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().fold(String::new(), |mut out, d| {
        out.push_str("\n  ");
        out.push_str(&d.to_string());
        out
    })
}
