//! The crate's single error type.

use crate::Year;

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
    #[error("invalid offence code {value:?}: {reason}")]
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
    #[error("invalid value {value:?}: {reason}")]
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
    /// A row of an observations CSV file is malformed.
    #[error("observations CSV, line {line}, column {column:?}: {message}")]
    #[non_exhaustive]
    Csv {
        /// 1-based line in the file (the header is line 1).
        line: u64,
        /// The column's name (from the header), or `"-"` for row-level problems.
        column: String,
        /// What was wrong, with the offending value.
        message: String,
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
    /// goal has, or a value that contradicts a stated one. Every problem is listed.
    #[error("the observations do not fit:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    #[non_exhaustive]
    ObservationsDoNotFit {
        /// One entry per observation, naming its indicator, area and year.
        problems: Vec<String>,
    },
}

#[cfg(test)]
mod tests {
    use super::GoalsError;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: Send + Sync + 'static + std::error::Error>() {}
        assert_bounds::<GoalsError>();
    }

    #[test]
    fn messages_name_the_value_and_place() {
        let e = GoalsError::Csv {
            line: 7,
            column: "year".into(),
            message: "\"20x5\" is not a year".into(),
        };
        let s = e.to_string();
        assert!(s.contains("line 7") && s.contains("year") && s.contains("20x5"));
    }
}
