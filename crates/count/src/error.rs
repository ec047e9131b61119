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
        /// The same in Danish, for a person.
        reason_da: String,
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
    /// A count report read from data states a figure that the rest of it does not give (a
    /// summary that does not add up, a table cell that disagrees with the summary, a rate
    /// that its count and residents do not give): derived figures are recomputed on the way
    /// in, never trusted.
    #[error("count report: {field} {reason}")]
    #[non_exhaustive]
    Inconsistent {
        /// The field, e.g. `summary.rows_read` or `table.rows[12].rate_per_1000`.
        field: String,
        /// What is wrong, naming the values.
        reason: String,
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
    /// The residents file is malformed, or names an area the layer does not have: every
    /// problem is listed, each with its line.
    #[error("residents file: {}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    #[non_exhaustive]
    Residents {
        /// Every problem, in file order.
        problems: Vec<ResidentsProblem>,
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

/// One problem with a residents file (or an entry added in code): its line (0 when added in
/// code), the column where one is at fault, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResidentsProblem {
    pub(crate) line: u64,
    pub(crate) column: Option<&'static str>,
    pub(crate) kind: ResidentsProblemKind,
}

/// What is wrong (see [`ResidentsProblem`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResidentsProblemKind {
    /// A header column other than `area`, `year`, `residents`.
    UnknownColumn {
        /// The name as given.
        name: String,
    },
    /// A header column given twice.
    RepeatedColumn,
    /// A required column missing from the header.
    MissingColumn,
    /// A row with more or fewer cells than the header.
    CellCount {
        /// The header's number of columns.
        expected: u64,
        /// The row's.
        found: u64,
    },
    /// A row that is not UTF-8 text.
    NotText,
    /// A row the CSV parser could not read.
    Unreadable {
        /// What the parser said.
        message: String,
    },
    /// A blank area.
    EmptyArea,
    /// A year that is not a number from 1900 to 2199 (`Year`'s range).
    InvalidYear {
        /// The text.
        value: String,
    },
    /// A number of residents that is not a whole number, or too large for one.
    InvalidResidents {
        /// The text.
        value: String,
        /// Digits only, but more than fit in 64 bits.
        too_large: bool,
    },
    /// 0 residents: an area has at least one.
    Zero,
    /// A second entry for the same area and year.
    Duplicate {
        /// The line of the first (0 when added in code).
        first_line: u64,
    },
    /// An area the layer does not have.
    UnknownArea {
        /// The area as given.
        area: String,
        /// The layer's areas, as `name (id)`.
        known: Vec<String>,
    },
}

impl ResidentsProblem {
    /// The line in the residents file (1 is the header; 0 for an entry added in code).
    pub fn line(&self) -> u64 {
        self.line
    }
    /// The column at fault, if one is: `area`, `year` or `residents`.
    pub fn column(&self) -> Option<&'static str> {
        self.column
    }
    /// What is wrong.
    pub fn kind(&self) -> &ResidentsProblemKind {
        &self.kind
    }

    /// The problem as a Danish sentence without its place (which `tryghed` prints first).
    pub fn message_da(&self) -> String {
        use ResidentsProblemKind as K;
        use tryghed_diagnostics::quote;
        match &self.kind {
            K::UnknownColumn { name } => format!(
                "ukendt kolonne {}; kolonnerne er area, year, residents",
                quote(name)
            ),
            K::RepeatedColumn => "kolonnen står der to gange".to_owned(),
            K::MissingColumn => "overskriften mangler kolonnen".to_owned(),
            K::CellCount { expected, found } => {
                format!("rækken har {found} celler, men overskriften har {expected}")
            }
            K::NotText => "rækken er ikke UTF-8-tekst".to_owned(),
            K::Unreadable { message } => format!("rækken kan ikke læses: {message}"),
            K::EmptyArea => "området er tomt".to_owned(),
            K::InvalidYear { value } => {
                format!("{} er ikke et årstal fra 1900 til 2199", quote(value))
            }
            K::InvalidResidents {
                value,
                too_large: true,
            } => format!(
                "antal indbyggere {} er for stort til at være et antal",
                quote(value)
            ),
            K::InvalidResidents {
                value,
                too_large: false,
            } => {
                format!("antal indbyggere {} er ikke et helt tal", quote(value))
            }
            K::Zero => "0 indbyggere; et område har mindst én".to_owned(),
            K::Duplicate { first_line } => {
                format!("samme område og år står der allerede på linje {first_line}")
            }
            K::UnknownArea { area, known } => format!(
                "området {} findes ikke i laget; dets områder er {}",
                quote(area),
                known.join(", ")
            ),
        }
    }
}

impl fmt::Display for ResidentsProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ResidentsProblemKind as K;
        use tryghed_diagnostics::quote;
        write!(f, "line {}", self.line)?;
        if let Some(column) = self.column {
            write!(f, ", column {column:?}")?;
        }
        f.write_str(": ")?;
        match &self.kind {
            K::UnknownColumn { name } => write!(
                f,
                "unknown column {}; the columns are area, year, residents",
                quote(name)
            ),
            K::RepeatedColumn => f.write_str("the column appears twice"),
            K::MissingColumn => f.write_str("the header lacks the column"),
            K::CellCount { expected, found } => {
                write!(f, "{found} cells where the header has {expected}")
            }
            K::NotText => f.write_str("the row is not UTF-8 text"),
            K::Unreadable { message } => write!(f, "unreadable row: {message}"),
            K::EmptyArea => f.write_str("the area is empty"),
            K::InvalidYear { value } => {
                write!(f, "year {} is not a year from 1900 to 2199", quote(value))
            }
            K::InvalidResidents {
                value,
                too_large: true,
            } => {
                write!(f, "residents {} is too large for a count", quote(value))
            }
            K::InvalidResidents {
                value,
                too_large: false,
            } => {
                write!(f, "residents {} is not a whole number", quote(value))
            }
            K::Zero => f.write_str("0 residents; an area has at least one"),
            K::Duplicate { first_line } => {
                write!(
                    f,
                    "the area and year are given twice; first on line {first_line}"
                )
            }
            K::UnknownArea { area, known } => write!(
                f,
                "area {} is not in the layer; its areas are {}",
                quote(area),
                known.join(", ")
            ),
        }
    }
}

impl CountError {
    /// The problem in Danish, for a person (the `Display` text is English and stable for
    /// services).
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            CountError::Options {
                option, reason_da, ..
            } => format!("indstillingen {option} kan ikke bruges: {reason_da}"),
            CountError::Header {
                line,
                problem,
                header,
                delimiter,
            } => format!(
                "overskriften (linje {line}, læst med skilletegnet \"{}\"): {}; kolonnerne er {}",
                char::from(*delimiter),
                problem.message_da(),
                header
                    .iter()
                    .map(|h| ::tryghed_diagnostics::quote(h))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            CountError::Inconsistent { field, reason } => {
                format!("optællingen: {field} passer ikke ({reason})")
            }
            CountError::InvalidRow(problem) => problem.message_da(),
            CountError::RecordTooLong { line, limit } => {
                format!("linje {line}: rækken er længere end {limit} bytes, den længste der læses")
            }
            CountError::Residents { problems } => format!(
                "indbyggerfilen: {}",
                problems
                    .iter()
                    .map(ResidentsProblem::message_da)
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            CountError::Geography(e) => format!("kortlaget: {}", e.message_da()),
            CountError::Goals(e) => e.message_da(),
            CountError::Io(e) => format!("udtrækket kan ikke læses (systemets besked: {e})"),
        }
    }
}

impl HeaderProblem {
    /// The problem in Danish.
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            HeaderProblem::Empty => "udtrækket er tomt: det har ingen overskrift".to_owned(),
            HeaderProblem::MissingColumn { column } => {
                format!("ingen kolonne {}", ::tryghed_diagnostics::quote(column))
            }
            HeaderProblem::RepeatedColumn { column } => format!(
                "kolonnen {} står mere end én gang",
                ::tryghed_diagnostics::quote(column)
            ),
        }
    }
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
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

    /// The problem as a Danish sentence for the person who made the extract, e.g.
    /// `linje 3 (anmeldelse "S2"), kolonnen "y": "nord" er ikke et endeligt tal i
    /// koordinatsystemets område`. The `Display` form stays English for services.
    pub fn message_da(&self) -> String {
        use std::fmt::Write as _;
        let quote = tryghed_diagnostics::quote;
        let mut out = format!("linje {}", self.line);
        if let Some(id) = &self.id {
            let _ = write!(out, " (anmeldelse {})", quote(id));
        }
        let _ = write!(out, ", kolonnen {}: ", quote(&self.column));
        let value = quote(&self.value);
        let _ = match self.reason {
            SkipReason::MissingField => write!(out, "feltet mangler eller er tomt"),
            SkipReason::BadDate => write!(
                out,
                "{value} er ikke en dato (skriv 2026-03-01 eller 01-03-2026)"
            ),
            SkipReason::BadCoordinate => write!(
                out,
                "{value} er ikke et endeligt tal i koordinatsystemets område"
            ),
            SkipReason::BadCode => write!(out, "{value} er ikke en gerningskode (1–12 cifre)"),
        };
        out
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(id) = &self.id {
            write!(f, " (report {})", tryghed_diagnostics::quote(id))?;
        }
        write!(f, ", column {}: ", tryghed_diagnostics::quote(&self.column))?;
        match self.reason {
            SkipReason::MissingField => write!(f, "the field is missing or empty"),
            SkipReason::BadDate => write!(
                f,
                "{} is not a date (expected ISO 2026-03-01 or Danish 01-03-2026)",
                tryghed_diagnostics::quote(&self.value)
            ),
            SkipReason::BadCoordinate => write!(
                f,
                "{} is not a finite number in the coordinate system's range",
                tryghed_diagnostics::quote(&self.value)
            ),
            SkipReason::BadCode => {
                write!(
                    f,
                    "{} is not an offence code (1–12 digits)",
                    tryghed_diagnostics::quote(&self.value)
                )
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
