//! The crate's single error type.

use crate::{ObservationProblem, Year};

/// Everything that can go wrong in `tryghed-goals`: invalid identifiers, codes, shares,
/// category files, observation files and goal definitions.
///
/// Every variant names the offending value and, where there is one, where it came from
/// (line and column of a file, the field of a definition).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GoalsError {
    /// An identifier (indicator, goal, category, area) is not a valid slug;
    /// [`SlugError::what`](crate::SlugError::what) says which kind.
    #[error(transparent)]
    InvalidId(#[from] crate::SlugError),
    /// An offence code (gerningskode) is not 1–12 ASCII digits.
    #[error("invalid offence code {}: {reason}", ::tryghed_diagnostics::quote(.value))]
    #[non_exhaustive]
    InvalidOffenceCode {
        /// The rejected text.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A share is not a ratio `numerator / denominator` with `0 ≤ numerator ≤ denominator`,
    /// `denominator > 0`.
    #[error("invalid share {numerator}/{denominator}: {reason}")]
    #[non_exhaustive]
    InvalidShare {
        /// The numerator given.
        numerator: u64,
        /// The denominator given.
        denominator: u64,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A value (of an observation or a baseline) could not be read or is out of range.
    #[error("invalid value {}: {reason}", ::tryghed_diagnostics::quote(.value))]
    #[non_exhaustive]
    InvalidValue {
        /// The rejected text or number.
        value: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A crime-category file is malformed or violates an invariant.
    #[error("crime-category file, line {line}, column {column}: {message}")]
    #[non_exhaustive]
    CategoryFile {
        /// 1-based line of the problem (0 when the parser gave no position).
        line: usize,
        /// 1-based column of the problem (0 when the parser gave no position).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// An observations CSV file has problems: every one is listed, each with its line and
    /// column.
    #[error("the observations CSV has {} problem(s):\n{}", problems.len(), list(problems))]
    #[non_exhaustive]
    InvalidObservations {
        /// Every problem, in file order.
        problems: Vec<ObservationProblem>,
    },
    /// Two observations for the same indicator, area and year.
    #[error("duplicate observation for indicator {indicator:?}, area {area:?}, year {year}")]
    #[non_exhaustive]
    DuplicateObservation {
        /// The indicator id.
        indicator: String,
        /// The area id.
        area: String,
        /// The year.
        year: Year,
    },
    /// An observation's parts do not fit together (e.g. respondents on a count).
    #[error("invalid observation for {indicator:?}: {reason}")]
    #[non_exhaustive]
    InvalidObservation {
        /// The indicator id.
        indicator: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A goal, indicator, baseline or target definition is invalid.
    #[error("invalid goal definition {goal:?}, field {field}: {reason}")]
    #[non_exhaustive]
    InvalidGoal {
        /// The goal (or indicator) id, as given.
        goal: String,
        /// The field at fault.
        field: String,
        /// Why it was rejected.
        reason: String,
    },
    /// Reading or writing a file failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// Observations that do not fit the stated figures they are merged with: an indicator no
    /// goal has, a value that contradicts a stated one, a year after the period. Every
    /// problem is listed, with the line it was read from where known.
    #[error("the observations do not fit:\n{}", list(problems))]
    #[non_exhaustive]
    ObservationsDoNotFit {
        /// One entry per observation, naming its indicator, area and year.
        problems: Vec<ObservationProblem>,
    },
}

impl GoalsError {
    /// The problem in Danish, for a person (the `Display` text is English and stable for
    /// services): a value that is neither a count nor a share says which and how to write it.
    ///
    /// ```
    /// use tryghed_goals::ObservedValue;
    ///
    /// let e = ObservedValue::parse("120%").unwrap_err();
    /// assert_eq!(
    ///     e.message_da(),
    ///     "120/100 er ikke en andel: en andel kan ikke være over 100 % (tælleren er større end nævneren)"
    /// );
    /// ```
    #[must_use]
    pub fn message_da(&self) -> String {
        use crate::share::reason::da;
        use ::tryghed_diagnostics::quote;
        match self {
            GoalsError::InvalidId(e) => e.message_da("et id"),
            GoalsError::InvalidOffenceCode { value, reason } => {
                format!("{} er ikke en gerningskode: {}", quote(value), da(reason))
            }
            GoalsError::InvalidShare {
                numerator,
                denominator,
                reason,
            } => format!("{numerator}/{denominator} er ikke en andel: {}", da(reason)),
            GoalsError::InvalidValue { value, reason } => {
                format!("{} kan ikke bruges: {}", quote(value), da(reason))
            }
            GoalsError::CategoryFile {
                line,
                column,
                message,
            } => format!("kategorifilen, linje {line}, kolonne {column}: {message}"),
            GoalsError::InvalidObservations { problems }
            | GoalsError::ObservationsDoNotFit { problems } => problems
                .iter()
                .map(ObservationProblem::message_da)
                .collect::<Vec<_>>()
                .join("; "),
            GoalsError::DuplicateObservation {
                indicator,
                area,
                year,
            } => format!("{indicator}, {area}, {year} står der mere end én gang"),
            GoalsError::InvalidObservation { indicator, reason } => {
                format!(
                    "observationen for {indicator} kan ikke bruges: {}",
                    da(reason)
                )
            }
            GoalsError::InvalidGoal {
                goal,
                field,
                reason,
            } => format!("målet {goal}, feltet {field}: {}", da(reason)),
            GoalsError::Io(e) => format!("filen kan ikke læses: {e}"),
        }
    }
}

fn list(problems: &[ObservationProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::GoalsError;
    use crate::{ObservationColumn, ObservationProblem, ObservationProblemKind};

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: Send + Sync + 'static + std::error::Error>() {}
        assert_bounds::<GoalsError>();
    }

    #[test]
    fn messages_name_the_value_and_place() {
        let e = GoalsError::InvalidObservations {
            problems: vec![ObservationProblem::new(
                Some(7),
                Some(ObservationColumn::Year),
                ObservationProblemKind::InvalidYear {
                    value: "20x5".into(),
                },
            )],
        };
        let s = e.to_string();
        assert!(
            s.contains("line 7") && s.contains("year") && s.contains("20x5"),
            "{s}"
        );
    }
}
