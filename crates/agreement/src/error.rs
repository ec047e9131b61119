//! The error type of this crate and the place a problem was found.

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;

/// Where in an agreement file a problem is: the file, line and column (both from 1) and the
/// field (a path such as `parties[3].parent`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Location {
    origin: String,
    line: usize,
    column: usize,
}

impl Location {
    pub(crate) fn in_text(origin: &str, text: &str, offset: usize) -> Self {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before
            .get(line_start..)
            .map_or(1, |s| s.chars().count() + 1);
        Location {
            origin: origin.to_owned(),
            line,
            column,
        }
    }

    /// The file (or `<embedded …>` for the built-in data, `<string>` for text).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The line, counted from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column in characters, counted from 1.
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for Location {
    /// Formats as `file:line:column`, as rustc and cargo do.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.origin, self.line, self.column)
    }
}

/// One problem found while validating an agreement: where, which field and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Problem {
    location: Location,
    field: String,
    message: String,
    message_da: String,
}

impl Problem {
    pub(crate) fn new(
        location: Location,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let message = message.into();
        Problem {
            location,
            field: field.into(),
            message_da: message.clone(),
            message,
        }
    }

    /// The same problem with its Danish sentence.
    pub(crate) fn with_danish(mut self, message_da: impl Into<String>) -> Self {
        self.message_da = message_da.into();
        self
    }

    /// Where the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The field, as a path such as `parties[3].parent`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong, with the offending value.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What is wrong, in Danish, for a person.
    pub fn message_da(&self) -> &str {
        &self.message_da
    }
}

impl fmt::Display for Problem {
    /// Formats as `file:line:column: field: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.field, self.message)
    }
}

/// Everything that can go wrong when loading or building an agreement.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AgreementError {
    /// The agreement file could not be read.
    #[error("could not read {}: {source}", path.display())]
    #[non_exhaustive]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not valid TOML, or a value has the wrong type or an invalid form (a bad CVR
    /// number, an unknown party kind, a malformed date).
    #[error("{location}: {}{message}", if field.is_empty() { String::new() } else { format!("{field}: ") })]
    #[non_exhaustive]
    Syntax {
        /// Where the parser stopped.
        location: Location,
        /// The field at that place, as a path such as `parties[0].identifiers`, or empty when
        /// the text is not TOML at all.
        field: String,
        /// The parser's message, naming the value where it can.
        message: String,
    },
    /// The file parsed but breaks the agreement's rules; every problem is listed.
    #[error("the agreement is invalid ({} problem{}):\n{}", problems.len(), if problems.len() == 1 { "" } else { "s" }, ProblemList(problems))]
    #[non_exhaustive]
    Invalid {
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
    /// Observations that do not fit the agreement: an unknown indicator, a figure that
    /// contradicts one the agreement gives, a year after the agreement's period
    /// ([`Agreement::observation_years`](crate::Agreement::observation_years)). Every problem
    /// is listed, each with the line it was read from where known.
    #[error("the observations do not fit the agreement:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    #[non_exhaustive]
    ObservationsDoNotFit {
        /// What is wrong, one entry per observation, naming indicator, area and year.
        problems: Vec<tryghed_goals::ObservationProblem>,
    },
    /// A tryghedsplan that cannot be judged with the report: it is for another year, or its
    /// counts do not add up.
    #[error("{source_name}: {reason}")]
    #[non_exhaustive]
    PlanDoesNotFit {
        /// The plan's name (its file, or what the caller called it).
        source_name: String,
        /// Why, naming the years or counts.
        reason: String,
    },
    /// The pending baselines cannot be fixed from the figures given: every missing or unfit
    /// figure is listed.
    #[error("the baseline cannot be fixed:\n{}", problems.iter().map(|p| format!("  {p}")).collect::<Vec<_>>().join("\n"))]
    #[non_exhaustive]
    BaselineNotPossible {
        /// What is missing or wrong, one entry per figure.
        problems: Vec<String>,
    },
    /// A figure could not be built (an invalid share or a duplicate observation).
    #[error(transparent)]
    Goals(#[from] tryghed_goals::GoalsError),
    /// A period whose end is before its start.
    #[error("the period ends ({end}) before it starts ({start})")]
    #[non_exhaustive]
    PeriodEndsBeforeStart {
        /// The first day given.
        start: NaiveDate,
        /// The last day given.
        end: NaiveDate,
    },
    /// A value read from data (an [`Evaluation`](crate::Evaluation)) states a fact that the
    /// rest of it does not give, such as a crime year that is not the year before the survey
    /// year: derived facts are recomputed on the way in, never trusted.
    #[error("{what}: {field} {reason}")]
    #[non_exhaustive]
    Inconsistent {
        /// What was read, e.g. `evaluation`.
        what: &'static str,
        /// The field, e.g. `crime_year` or `goals[2].goal`.
        field: String,
        /// What is wrong, naming the values.
        reason: String,
    },
    /// The report of [`Year::MIN`](crate::Year::MIN) judges the police reports of the year
    /// before, which no [`Year`](crate::Year) can name.
    #[error("the report of {survey_year} has no year of police reports before it")]
    #[non_exhaustive]
    NoCrimeYear {
        /// The report year asked for.
        survey_year: crate::Year,
    },
    /// A period with a day outside the years a [`Year`](crate::Year) holds (1900–2199).
    #[error("the period {start} – {end} lies outside the years 1900–2199")]
    #[non_exhaustive]
    PeriodOutsideYears {
        /// The first day given.
        start: NaiveDate,
        /// The last day given.
        end: NaiveDate,
        /// The year that is out of range.
        source: crate::YearError,
    },
    /// A span of years whose last year is before its first.
    #[error("the years end ({last_year}) before they start ({first_year})")]
    #[non_exhaustive]
    YearSpanEndsBeforeStart {
        /// The first year given.
        first_year: crate::Year,
        /// The last year given.
        last_year: crate::Year,
    },
}

impl AgreementError {
    /// The problem in Danish, for a person: each problem on its own line as
    /// `fil:linje:kolonne: felt: besked` (the `Display` text is English and stable for
    /// services).
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
    ///
    /// let broken = FOLEHAVEN_TOML.replace("end = 2029-12-31", "end = 2025-12-31");
    /// let e = Agreement::from_toml_str(&broken).unwrap_err();
    /// let shown = e.message_da();
    /// assert!(shown.contains("period.end: perioden slutter (2025-12-31), før den begynder (2026-01-01)"));
    /// assert!(shown.ends_with("aftalen kan ikke bruges (1 fejl)"));
    /// ```
    #[must_use]
    pub fn message_da(&self) -> String {
        let problem = |p: &Problem| {
            if p.field().is_empty() {
                format!("{}: {}", p.location(), p.message_da())
            } else {
                format!("{}: {}: {}", p.location(), p.field(), p.message_da())
            }
        };
        match self {
            AgreementError::Io { path, source } => format!(
                "{} kan ikke læses ({})",
                path.display(),
                match source.kind() {
                    std::io::ErrorKind::NotFound => "filen findes ikke".to_owned(),
                    std::io::ErrorKind::PermissionDenied => "adgang nægtet".to_owned(),
                    _ => format!("systemets besked: {source}"),
                }
            ),
            AgreementError::Syntax {
                location,
                field,
                message,
            } => {
                let field = if field.is_empty() {
                    String::new()
                } else {
                    format!("{field}: ")
                };
                format!("{location}: {field}{}", syntax_da(message))
            }
            AgreementError::Invalid { problems } => {
                let mut lines: Vec<String> = problems.iter().map(problem).collect();
                lines.push(format!("aftalen kan ikke bruges ({} fejl)", problems.len()));
                lines.join("\n")
            }
            AgreementError::ObservationsDoNotFit { problems } => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(tryghed_goals::ObservationProblem::message_da)
                    .collect();
                format!(
                    "observationerne passer ikke til aftalen: {}",
                    lines.join("; ")
                )
            }
            AgreementError::PlanDoesNotFit {
                source_name,
                reason,
            } => {
                format!("{source_name}: tryghedsplanen passer ikke til aftalen ({reason})")
            }
            AgreementError::BaselineNotPossible { problems } => {
                format!("baseline kan ikke fastlægges: {}", problems.join("; "))
            }
            AgreementError::Inconsistent {
                what,
                field,
                reason,
            } => format!("{what}: {field} passer ikke ({reason})"),
            AgreementError::Goals(e) => e.message_da(),
            AgreementError::PeriodEndsBeforeStart { start, end } => {
                format!("perioden slutter ({end}), før den begynder ({start})")
            }
            AgreementError::NoCrimeYear { survey_year } => {
                format!("afrapporteringen for {survey_year} har intet år med anmeldelser før sig")
            }
            AgreementError::PeriodOutsideYears { start, end, .. } => {
                format!("perioden {start} – {end} ligger uden for årene 1900–2199")
            }
            AgreementError::YearSpanEndsBeforeStart {
                first_year,
                last_year,
            } => format!("årene slutter ({last_year}), før de begynder ({first_year})"),
        }
    }

    /// [`AgreementError::ObservationsDoNotFit`] with these problems, for a caller that checks
    /// observations against the agreement itself (as
    /// [`Agreement::observations_outside_years`](crate::Agreement::observations_outside_years)
    /// does): the variant is `#[non_exhaustive]`, so this is how it is built outside the crate.
    #[must_use]
    pub fn observations_do_not_fit(problems: Vec<tryghed_goals::ObservationProblem>) -> Self {
        AgreementError::ObservationsDoNotFit { problems }
    }

    /// Whether this is an I/O error (the file could not be read) rather than invalid content.
    ///
    /// Command-line tools use it to choose an exit code.
    pub fn is_io(&self) -> bool {
        matches!(self, AgreementError::Io { .. })
    }

    /// The problems behind an [`AgreementError::Invalid`] or [`AgreementError::Syntax`] error.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            AgreementError::Invalid { problems } => problems.clone(),
            AgreementError::Syntax {
                location,
                field,
                message,
            } => {
                vec![Problem::new(
                    location.clone(),
                    field.clone(),
                    message.clone(),
                )]
            }
            _ => Vec::new(),
        }
    }
}

/// The field at byte `offset` of a TOML document, as a path such as `parties[3].parent`.
///
/// It follows table headers (`[period]`, `[[parties]]`, counting array entries) and the key
/// on the line of `offset`. It is a reading aid for error messages, not a TOML parser: for
/// text that is not TOML it gives its best guess, or an empty string.
/// A message of the TOML reader in Danish: the structural ones (a missing or unknown field, a
/// value of the wrong type) in words; anything else with the reader's own message, labelled
/// as the reader's.
fn syntax_da(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("feltet {rest} mangler");
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        return match rest.split_once(", expected ") {
            Some((field, known)) => format!(
                "ukendt felt {field}; her kan stå {}",
                known.trim_start_matches("one of ")
            ),
            None => format!("ukendt felt {rest}"),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return match rest.split_once(", expected ") {
            Some((found, expected)) => format!(
                "forkert type: her skal stå {}, ikke {}",
                type_da(expected),
                type_da(found)
            ),
            None => format!("forkert type ({rest})"),
        };
    }
    // A TOML syntax error, or a value a type refused while it was read: the reader's own
    // message, labelled as such.
    format!("kan ikke læses (tolkerens besked: {message})")
}

/// The serde names of TOML value types in Danish.
fn type_da(text: &str) -> String {
    let t = text.trim();
    let integer = |w: &str| {
        w.len() > 1
            && (w.starts_with('u') || w.starts_with('i'))
            && w.bytes().skip(1).all(|b| b.is_ascii_digit())
    };
    if integer(t) {
        return "et helt tal".to_owned();
    }
    for (en, da) in [
        ("a string", "en tekst"),
        ("string", "tekst"),
        ("a sequence", "en liste"),
        ("sequence", "en liste"),
        ("a boolean", "true eller false"),
        ("boolean", "en sandhedsværdi"),
        ("integer", "et heltal"),
        ("floating point", "et decimaltal"),
        ("a map", "en tabel"),
        ("map", "en tabel"),
        ("a datetime", "en dato"),
    ] {
        if let Some(rest) = t.strip_prefix(en) {
            return format!("{da}{rest}");
        }
    }
    t.to_owned()
}

pub(crate) fn field_at(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let mut table = String::new();
    let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let current = text
        .get(line_start..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or("");
    let headers = text.get(..line_start).unwrap_or("").lines().chain(
        // An error at a table header belongs to that table.
        Some(current).filter(|line| line.trim_start().starts_with('[')),
    );
    for line in headers {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            let name = name.trim().to_owned();
            let n = counts
                .entry(name.clone())
                .and_modify(|n| *n += 1)
                .or_insert(0);
            table = format!("{name}[{n}]");
        } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            name.trim().clone_into(&mut table);
        }
    }
    let current = text
        .get(line_start..)
        .and_then(|rest| rest.lines().next())
        .unwrap_or("");
    let key = current
        .split_once('=')
        .map(|(key, _)| key.trim())
        .filter(|key| {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        })
        .unwrap_or("");
    match (table.is_empty(), key.is_empty()) {
        (true, _) => key.to_owned(),
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    }
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "  {problem}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters_from_one() {
        let text = "a = 1\nbø = 2\n";
        let at = text.find('2').unwrap();
        let location = Location::in_text("f.toml", text, at);
        assert_eq!((location.line(), location.column()), (2, 6));
        assert_eq!(location.to_string(), "f.toml:2:6");
        assert_eq!(Location::in_text("f", text, 0).to_string(), "f:1:1");
        assert_eq!(Location::in_text("f", text, 999).line(), 3);
    }

    #[test]
    fn fields_follow_tables_and_keys() {
        let text =
            "id = 1\n[period]\nstart = 2\n[[parties]]\nid = \"a\"\n[[parties]]\nid = \"b\"\n";
        assert_eq!(field_at(text, 0), "id");
        assert_eq!(
            field_at(text, text.find("start").unwrap() + 8),
            "period.start"
        );
        assert_eq!(field_at(text, text.find("\"b\"").unwrap()), "parties[1].id");
        assert_eq!(
            field_at(text, text.find("[[parties]]").unwrap()),
            "parties[0]"
        );
        assert_eq!(field_at(text, text.find("[period]").unwrap()), "period");
    }

    #[test]
    fn the_error_is_send_sync_static() {
        fn check<T: Send + Sync + 'static>() {}
        check::<AgreementError>();
    }
}
