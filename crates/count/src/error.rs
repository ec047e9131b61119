//! The crate's single error type.

use std::fmt;

use crate::SkipReason;

/// Everything that can go wrong while counting: a bad option, a header without a configured
/// column, an invalid row (by default), a bad residents file, reading failures.
///
/// Every variant names the offending value and where it was (line, column).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CountError {
    /// An option is invalid (an empty or repeated column name, a bad delimiter, …).
    #[error("invalid option {option}: {reason}")]
    #[non_exhaustive]
    Options {
        /// The option, e.g. `x column`.
        option: &'static str,
        /// Why it was rejected, with the value.
        reason: String,
    },
    /// The header of the extract lacks a configured column, or has it twice.
    #[error("extract header (line {line}, read with the delimiter {:?}): {problem}; the columns are {}", char::from(*delimiter), header.join(", "))]
    #[non_exhaustive]
    Header {
        /// 1-based line of the header.
        line: u64,
        /// What is wrong.
        problem: HeaderProblem,
        /// The header's column names as read (trimmed).
        header: Vec<String>,
        /// The delimiter the header was read with (given, or detected from the header).
        delimiter: u8,
    },
    /// A row of the extract is invalid (only without `skip_invalid`; with it the row is
    /// counted as skipped under its [`SkipReason`]).
    #[error("{0}")]
    InvalidRow(RowProblem),
    /// A record (row) of the extract is longer than
    /// [`CountOptions::max_record_bytes`](crate::CountOptions::max_record_bytes); refused
    /// before it is held in memory whole when counting in parallel.
    #[error("line {line}: the record is longer than {limit} bytes (the longest accepted)")]
    #[non_exhaustive]
    RecordTooLong {
        /// 1-based line where the record starts.
        line: u64,
        /// The limit in bytes.
        limit: usize,
    },
    /// The residents file is malformed, or names an area the layer does not have.
    #[error("residents file, line {line}: {message}")]
    #[non_exhaustive]
    Residents {
        /// 1-based line in the residents file (1 is the header).
        line: u64,
        /// What was wrong, with the value.
        message: String,
    },
    /// A layer could not be prepared (from `tryghed-geography`).
    #[error("layer: {0}")]
    Geography(#[from] tryghed_geography::GeoError),
    /// The category data or an observation was rejected (from `tryghed-goals`).
    #[error("goals: {0}")]
    Goals(#[from] tryghed_goals::GoalsError),
    /// Reading the extract failed.
    #[error("reading the extract: {0}")]
    Io(#[from] std::io::Error),
}

/// What is wrong with an extract's header.
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// The extract is empty: it has no header.
    #[error("the extract is empty: it has no header")]
    Empty,
    /// A configured column is not in the header.
    #[error("no column {column:?}")]
    #[non_exhaustive]
    MissingColumn {
        /// The column's name, as configured.
        column: String,
    },
    /// A configured column appears more than once.
    #[error("column {column:?} appears more than once")]
    #[non_exhaustive]
    RepeatedColumn {
        /// The column's name.
        column: String,
    },
}

/// One invalid row: its line, the report id when there is one, the column and value at
/// fault and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RowProblem {
    pub(crate) line: u64,
    pub(crate) id: Option<String>,
    pub(crate) reason: SkipReason,
    pub(crate) column: String,
    pub(crate) value: String,
}

impl RowProblem {
    /// The 1-based line where the row starts (the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }
    /// The report id from the id column, when the extract has one.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }
    /// Why the row is invalid.
    pub fn reason(&self) -> SkipReason {
        self.reason
    }
    /// The name of the column at fault, as in the header.
    pub fn column(&self) -> &str {
        &self.column
    }
    /// The offending value (lossily decoded as UTF-8; empty for a missing field).
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(id) = &self.id {
            write!(f, " (report {id:?})")?;
        }
        write!(f, ", column {:?}: ", self.column)?;
        match self.reason {
            SkipReason::MissingField => write!(f, "the field is missing or empty"),
            SkipReason::BadDate => write!(
                f,
                "{:?} is not a date (expected ISO 2026-03-01 or Danish 01-03-2026)",
                self.value
            ),
            SkipReason::BadCoordinate => write!(
                f,
                "{:?} is not a finite number in the coordinate system's range",
                self.value
            ),
            SkipReason::BadCode => {
                write!(f, "{:?} is not an offence code (1–12 digits)", self.value)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: Send + Sync + 'static + std::error::Error>() {}
        assert_bounds::<CountError>();
    }

    #[test]
    fn row_message_names_line_id_column_and_value() {
        let p = RowProblem {
            line: 17,
            id: Some("A-1".into()),
            reason: SkipReason::BadDate,
            column: "dato".into(),
            value: "2026-13-01".into(),
        };
        let s = CountError::InvalidRow(p).to_string();
        for part in ["line 17", "A-1", "dato", "2026-13-01", "01-03-2026"] {
            assert!(s.contains(part), "{s}");
        }
    }
}
