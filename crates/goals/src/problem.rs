//! [`ObservationProblem`]: one problem with observations, with its line and column, so that a
//! reader can list every problem of a file and a service can match on what went wrong.

use std::fmt;

use crate::Year;

/// A column of the observations CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ObservationColumn {
    /// `indicator`.
    Indicator,
    /// `area`.
    Area,
    /// `year`.
    Year,
    /// `value`.
    Value,
    /// `respondents`.
    Respondents,
}

impl ObservationColumn {
    /// The columns in the order written.
    pub const ALL: [ObservationColumn; 5] = [
        ObservationColumn::Indicator,
        ObservationColumn::Area,
        ObservationColumn::Year,
        ObservationColumn::Value,
        ObservationColumn::Respondents,
    ];

    /// The column's name in the header.
    pub fn name(self) -> &'static str {
        match self {
            ObservationColumn::Indicator => "indicator",
            ObservationColumn::Area => "area",
            ObservationColumn::Year => "year",
            ObservationColumn::Value => "value",
            ObservationColumn::Respondents => "respondents",
        }
    }
}

impl fmt::Display for ObservationColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What is wrong (see [`ObservationProblem`]). Values are quoted at most
/// [`tryghed_diagnostics::QUOTE_LIMIT`] characters in messages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ObservationProblemKind {
    /// The header has a column that is not one of the five.
    UnknownColumn {
        /// The name as given.
        name: String,
    },
    /// The header has a column twice.
    RepeatedColumn {
        /// The column.
        column: ObservationColumn,
    },
    /// The header lacks a required column.
    MissingColumn {
        /// The column.
        column: ObservationColumn,
    },
    /// A row with more or fewer cells than the header.
    CellCount {
        /// The header's number of columns.
        expected: u64,
        /// The row's number of cells.
        found: u64,
    },
    /// A row that is not UTF-8 text.
    NotText,
    /// A row the CSV parser could not read for another reason.
    Unreadable {
        /// What the parser said.
        message: String,
    },
    /// An indicator or area id that is not a valid slug.
    InvalidId {
        /// The text.
        value: String,
        /// Why.
        problem: crate::SlugProblem,
    },
    /// A year that is not a number from 1900 to 2199 (`Year`'s range).
    InvalidYear {
        /// The text.
        value: String,
    },
    /// A value that is neither a whole number nor a share.
    InvalidValue {
        /// The text.
        value: String,
        /// Why (from the share or count parser).
        reason: String,
    },
    /// A count written with a minus sign.
    NegativeCount {
        /// The text.
        value: String,
    },
    /// A number of respondents that is not a whole number, or is too large for one.
    InvalidRespondents {
        /// The text.
        value: String,
        /// Whole digits, but more than fit in 64 bits.
        too_large: bool,
    },
    /// The parts of a row do not fit together (respondents given for a count, a share's
    /// denominator that differs from the respondents, …).
    InvalidObservation {
        /// Why.
        reason: String,
    },
    /// A second row for the same indicator, area and year.
    Duplicate {
        /// The line of the first.
        first_line: Option<u64>,
    },
    /// An indicator that no goal of the agreement has.
    UnknownIndicator {
        /// The indicator id.
        indicator: String,
    },
    /// A figure that contradicts the one the agreement states.
    Contradicts {
        /// The figure given, with its respondents where known.
        given: String,
        /// The figure the agreement states.
        stated: String,
    },
    /// A year after the agreement's period: no report is made for it, and as the latest
    /// year it would become the default report year ("Status 2150").
    YearAfterPeriod {
        /// The year given.
        year: Year,
        /// The period's last year.
        last: Year,
    },
}

/// One problem with observations: where it is (the line of the file it was read from, when
/// it was, and the column) and what it is.
///
/// [`Observations::from_csv_reader`](crate::Observations::from_csv_reader) lists every problem
/// of a file in [`GoalsError::InvalidObservations`](crate::GoalsError::InvalidObservations);
/// [`Observations::merged_with`](crate::Observations::merged_with) every observation that
/// does not fit the stated figures in
/// [`GoalsError::ObservationsDoNotFit`](crate::GoalsError::ObservationsDoNotFit).
/// `Display` is English; [`ObservationProblem::message_da`] gives the Danish sentence that
/// `tryghed` prints.
///
/// ```
/// use tryghed_goals::{GoalsError, ObservationColumn, ObservationProblemKind, Observations};
///
/// let text = "indicator,area,year,value\nindbrud,omraade,20x5,14\nindbrud,omraade,2025,-3\n";
/// let Err(GoalsError::InvalidObservations { problems, .. }) = Observations::from_csv_str(text) else {
///     panic!("both rows are wrong");
/// };
/// let places: Vec<_> = problems.iter().map(|p| (p.line(), p.column())).collect();
/// assert_eq!(
///     places,
///     [(Some(2), Some(ObservationColumn::Year)), (Some(3), Some(ObservationColumn::Value))]
/// );
/// assert!(matches!(problems[1].kind(), ObservationProblemKind::NegativeCount { .. }));
/// assert_eq!(
///     problems[1].message_da(),
///     "værdien \"-3\" er negativ; et antal kan ikke være negativt"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObservationProblem {
    line: Option<u64>,
    column: Option<ObservationColumn>,
    place: Option<(String, String, Year)>,
    kind: ObservationProblemKind,
}

impl ObservationProblem {
    /// A problem at `line` (of the file the observation was read from) and `column`.
    pub fn new(
        line: Option<u64>,
        column: Option<ObservationColumn>,
        kind: ObservationProblemKind,
    ) -> Self {
        ObservationProblem {
            line,
            column,
            place: None,
            kind,
        }
    }

    /// The same problem, naming the observation's indicator, area and year.
    #[must_use]
    pub fn for_observation(mut self, indicator: &str, area: &str, year: Year) -> Self {
        self.place = Some((indicator.to_owned(), area.to_owned(), year));
        self
    }

    /// The line of the file, when the observation was read from one (1 is the header).
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The column at fault, if one is.
    pub fn column(&self) -> Option<ObservationColumn> {
        self.column
    }

    /// The indicator, area and year of the observation, when the problem is about one.
    pub fn observation(&self) -> Option<(&str, &str, Year)> {
        self.place
            .as_ref()
            .map(|(i, a, y)| (i.as_str(), a.as_str(), *y))
    }

    /// What is wrong.
    pub fn kind(&self) -> &ObservationProblemKind {
        &self.kind
    }

    /// The problem as a Danish sentence, without its place (which `tryghed` prints before
    /// it: `fil linje 3, kolonne "value": …`).
    pub fn message_da(&self) -> String {
        use ObservationProblemKind as K;
        use tryghed_diagnostics::quote;
        let columns = ObservationColumn::ALL
            .map(ObservationColumn::name)
            .join(", ");
        match &self.kind {
            K::UnknownColumn { name } => {
                format!("ukendt kolonne {}; kolonnerne er {columns}", quote(name))
            }
            K::RepeatedColumn { column } => {
                format!("kolonnen {} står der to gange", quote(column.name()))
            }
            K::MissingColumn { column } => {
                format!("overskriften mangler kolonnen {}", quote(column.name()))
            }
            K::CellCount { expected, found } => {
                format!("rækken har {found} celler, men overskriften har {expected}")
            }
            K::NotText => "rækken er ikke UTF-8-tekst".to_owned(),
            K::Unreadable { message } => format!("rækken kan ikke læses: {message}"),
            K::InvalidId { value, problem } => {
                format!(
                    "{} er ikke et gyldigt id: {}",
                    quote(value),
                    problem.message_da()
                )
            }
            K::InvalidYear { value } => {
                format!("{} er ikke et årstal fra 1900 til 2199", quote(value))
            }
            K::InvalidValue { value, reason } => match crate::ObservedValue::parse(value) {
                Err(crate::GoalsError::InvalidShare {
                    numerator,
                    denominator,
                    ..
                }) if denominator != 0 && numerator > denominator => format!(
                    "værdien {} er over 100 %; en andel skrives som 77%, 12/15 eller 0.77, et antal som et helt tal",
                    quote(value)
                ),
                Err(crate::GoalsError::InvalidShare { reason, .. }) => format!(
                    "værdien {} kan ikke bruges: {}",
                    quote(value),
                    crate::share::reason::da(reason)
                ),
                Err(crate::GoalsError::InvalidValue { reason, .. }) => format!(
                    "værdien {} kan ikke bruges: {}",
                    quote(value),
                    crate::share::reason::da(&reason)
                ),
                Err(other) => other.message_da(),
                Ok(_) => format!(
                    "værdien {} kan ikke bruges: {}",
                    quote(value),
                    crate::share::reason::da(reason)
                ),
            },
            K::NegativeCount { value } => {
                format!(
                    "værdien {} er negativ; et antal kan ikke være negativt",
                    quote(value)
                )
            }
            K::InvalidRespondents {
                value,
                too_large: true,
            } => format!(
                "antal svarpersoner {} er for stort til at være et antal",
                quote(value)
            ),
            K::InvalidRespondents {
                value,
                too_large: false,
            } => {
                format!("antal svarpersoner {} er ikke et helt tal", quote(value))
            }
            K::InvalidObservation { reason } => format!("rækken hænger ikke sammen: {reason}"),
            K::Duplicate { first_line } => match first_line {
                Some(line) => {
                    format!("samme indikator, område og år står der allerede på linje {line}")
                }
                None => "samme indikator, område og år står der allerede".to_owned(),
            },
            K::UnknownIndicator { indicator } => format!(
                "ukendt indikator {}: ingen af aftalens mål har den",
                quote(indicator)
            ),
            K::Contradicts { given, stated } => format!(
                "filen siger {given}, men aftalen siger {stated}; et tal, der strider mod aftalen, erstatter den aldrig"
            ),
            K::YearAfterPeriod { year, last } => {
                format!("året {year} ligger efter aftalens periode, som slutter i {last}")
            }
        }
    }
}

impl fmt::Display for ObservationProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ObservationProblemKind as K;
        use tryghed_diagnostics::quote;
        let mut place = Vec::new();
        if let Some(line) = self.line {
            place.push(format!("line {line}"));
        }
        if let Some(column) = self.column {
            place.push(format!("column {:?}", column.name()));
        }
        if let Some((indicator, area, year)) = &self.place {
            place.push(format!("{indicator} {area} {year}"));
        }
        if !place.is_empty() {
            write!(f, "{}: ", place.join(", "))?;
        }
        match &self.kind {
            K::UnknownColumn { name } => write!(
                f,
                "unknown column {}; the columns are {}",
                quote(name),
                ObservationColumn::ALL
                    .map(ObservationColumn::name)
                    .join(", ")
            ),
            K::RepeatedColumn { column } => write!(f, "column {:?} appears twice", column.name()),
            K::MissingColumn { column } => {
                write!(
                    f,
                    "the header lacks the required column {:?}",
                    column.name()
                )
            }
            K::CellCount { expected, found } => {
                write!(f, "{found} cells where the header has {expected}")
            }
            K::NotText => f.write_str("the row is not UTF-8 text"),
            K::Unreadable { message } => write!(f, "unreadable row: {message}"),
            K::InvalidId { value, problem } => write!(f, "invalid id {}: {problem}", quote(value)),
            K::InvalidYear { value } => {
                write!(f, "{} is not a year from 1900 to 2199", quote(value))
            }
            K::InvalidValue { value, reason } => {
                write!(f, "invalid value {}: {reason}", quote(value))
            }
            K::NegativeCount { value } => {
                write!(
                    f,
                    "value {} is negative; a count cannot be negative",
                    quote(value)
                )
            }
            K::InvalidRespondents {
                value,
                too_large: true,
            } => {
                write!(f, "respondents {} is too large for a count", quote(value))
            }
            K::InvalidRespondents {
                value,
                too_large: false,
            } => {
                write!(f, "respondents {} is not a whole number", quote(value))
            }
            K::InvalidObservation { reason } => write!(f, "invalid observation: {reason}"),
            K::Duplicate { first_line } => match first_line {
                Some(line) => write!(f, "duplicate row; first on line {line}"),
                None => f.write_str("duplicate observation"),
            },
            K::UnknownIndicator { indicator } => {
                write!(f, "unknown indicator {}: no goal has it", quote(indicator))
            }
            K::Contradicts { given, stated } => write!(
                f,
                "the file says {given} but the agreement says {stated} (a figure that contradicts the agreement is never replaced)"
            ),
            K::YearAfterPeriod { year, last } => write!(
                f,
                "the year {year} is after the agreement's period, which ends in {last}"
            ),
        }
    }
}
