//! The error type of this crate.

use crate::Year;
use tryghed_budget::Dkk;

use crate::Diagnostic;

/// What went wrong when building, reading or checking a plan.
///
/// Reading a plan file reports every problem at once as [`Diagnostic`]s; this type carries
/// them in [`PlanError::Invalid`] when a caller asks for a plan and the text cannot give one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// A focus area id or deliverable id is not a slug; [`SlugError::what`](crate::SlugError::what)
    /// says which.
    #[error(transparent)]
    InvalidId(#[from] crate::SlugError),
    /// A focus area has an empty name.
    #[error("focus area {id:?} has an empty name")]
    #[non_exhaustive]
    EmptyFocusAreaName {
        /// The focus area's id.
        id: String,
    },
    /// A text that must say something (a title, a deliverable, a partner's name) is empty.
    #[error("the {what} is empty")]
    #[non_exhaustive]
    EmptyText {
        /// Which text, e.g. `"activity title"`.
        what: &'static str,
    },
    /// An activity's budget is below zero.
    #[error("the budget of activity {activity:?} is negative ({amount})")]
    #[non_exhaustive]
    NegativeBudget {
        /// The activity's id.
        activity: String,
        /// The amount given.
        amount: Dkk,
    },
    /// A plan context was given an empty range of years.
    #[error("the period {first}–{last} holds no year (the first year is after the last)")]
    #[non_exhaustive]
    EmptyPeriod {
        /// The first year given.
        first: Year,
        /// The last year given.
        last: Year,
    },
    /// Activity funds were given for a year outside the period.
    #[error("activity funds are given for {year}, outside the period {first}–{last}")]
    #[non_exhaustive]
    FundsOutsidePeriod {
        /// The year of the funds.
        year: Year,
        /// The period's first year.
        first: Year,
        /// The period's last year.
        last: Year,
    },
    /// Activity funds below zero.
    #[error("the activity funds for {year} are negative ({amount})")]
    #[non_exhaustive]
    NegativeFunds {
        /// The year of the funds.
        year: Year,
        /// The amount given.
        amount: Dkk,
    },
    /// A plan was asked for a year outside the agreement period.
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
    /// A plan or follow-up text has problems; every one is listed with its place.
    #[error("{origin}: {} problem(s):{}", diagnostics.len(), list(diagnostics))]
    #[non_exhaustive]
    Invalid {
        /// The file name (or `<string>`).
        origin: String,
        /// Every problem found, errors first in file order.
        diagnostics: Vec<Diagnostic>,
    },
}

impl PlanError {
    /// The problem as a Danish sentence, for messages about a plan file.
    pub fn message_da(&self) -> String {
        match self {
            PlanError::InvalidId(e) => crate::parse::bad_id(e.value()),
            PlanError::EmptyText { .. } => "teksten er tom".to_owned(),
            PlanError::EmptyFocusAreaName { id } => {
                format!("indsatsområdet \"{id}\" har et tomt navn")
            }
            PlanError::NegativeBudget { activity, amount } => {
                format!("budgettet for aktiviteten \"{activity}\" er negativt ({amount})")
            }
            PlanError::EmptyPeriod { first, last } => {
                format!("perioden {first}–{last} indeholder intet år")
            }
            PlanError::FundsOutsidePeriod { year, first, last } => {
                format!("der er aktivitetsmidler for {year}, uden for perioden {first}–{last}")
            }
            PlanError::NegativeFunds { year, amount } => {
                format!("aktivitetsmidlerne for {year} er negative ({amount})")
            }
            PlanError::YearOutsidePeriod { year, first, last } => {
                format!("{year} ligger uden for aftaleperioden {first}–{last}")
            }
            PlanError::Invalid {
                origin,
                diagnostics,
            } => format!(
                "{origin}: {} problem(er):{}",
                diagnostics.len(),
                list(diagnostics)
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
