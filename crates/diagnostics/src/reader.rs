//! [`TomlReader`]: a TOML file read with the place of every key and value, reporting every
//! problem as a [`Diagnostic`] and carrying on.

use std::fmt::Write as _;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::{Diagnostic, LineIndex, Location, Severity};

/// A byte range in the text read.
pub type Span = Range<usize>;

/// The most characters of a value that a message quotes; longer values end in "…".
pub const QUOTE_LIMIT: usize = 80;

/// `value` in double quotes, cut to [`QUOTE_LIMIT`] characters with "…", so that a huge value
/// is never echoed in full; quotes, backslashes and control characters are escaped as `{:?}`
/// escapes them.
///
/// ```
/// use tryghed_diagnostics::quote;
///
/// assert_eq!(quote("politii"), "\"politii\"");
/// assert_eq!(quote(&"x".repeat(1000)).chars().count(), 80 + 3);
/// ```
pub fn quote(value: &str) -> String {
    let mut chars = value.chars();
    let mut shown: String = chars.by_ref().take(QUOTE_LIMIT).collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    // As `{:?}` writes it: quotes, backslashes and control characters escaped, so that a
    // value cannot break the line it is quoted on.
    format!("{shown:?}")
}

/// Reads a TOML text and collects diagnostics about it.
///
/// [`TomlReader::parse`] reads the text into a tree that keeps the place of every key and value;
/// the accessors of [`Table`] and [`Value`] report a missing field, a value of the wrong type
/// or an unknown key as a Danish diagnostic at its place and return `None`, so a reader built
/// on them checks every other field too and lists every problem of the file in one run.
///
/// # Examples
///
/// ```
/// use tryghed_diagnostics::TomlReader;
///
/// let text = "year = \"2026\"\nwhere = 1\n[[meetings]]\ndate = \"2026-02-30\"\n";
/// let mut reader = TomlReader::new("møder.toml", text);
/// let document = reader.parse().ok_or("not TOML")?;
/// let root = document.root();
/// root.deny_unknown(&mut reader, &["year", "meetings"]);
/// assert_eq!(root.integer(&mut reader, "year"), None); // a string, not an integer
/// for meeting in root.tables(&mut reader, "meetings") {
///     assert_eq!(meeting.date(&mut reader, "date"), None); // 30 February
/// }
/// let diagnostics = reader.finish();
/// let places: Vec<_> = diagnostics
///     .iter()
///     .map(|d| (d.location().map(|l| l.line()), d.field()))
///     .collect();
/// assert_eq!(
///     places,
///     [(Some(1), "year"), (Some(2), "where"), (Some(4), "meetings[0].date")]
/// );
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug)]
pub struct TomlReader<'a> {
    origin: &'a str,
    text: &'a str,
    lines: LineIndex,
    diagnostics: Vec<Diagnostic>,
}

/// A parsed TOML document: the top-level table and the place of everything in it.
#[derive(Debug)]
pub struct Document<'a> {
    root: Spanned<DeTable<'a>>,
}

impl<'a> Document<'a> {
    /// The top-level table.
    pub fn root(&self) -> Table<'_, 'a> {
        Table {
            entries: self.root.get_ref(),
            span: self.root.span(),
            path: String::new(),
        }
    }
}

impl<'a> TomlReader<'a> {
    /// A reader of `text`, named `origin` (e.g. its path) in locations.
    pub fn new(origin: &'a str, text: &'a str) -> Self {
        TomlReader {
            origin,
            text,
            lines: LineIndex::new(text),
            diagnostics: Vec::new(),
        }
    }

    /// The name of the text.
    pub fn origin(&self) -> &'a str {
        self.origin
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Parses the text. Every TOML syntax error becomes an error diagnostic at its place and
    /// `None` is returned: the structure of a file that is not TOML is not guessed at.
    pub fn parse(&mut self) -> Option<Document<'a>> {
        let (root, errors) = DeTable::parse_recoverable(self.text);
        if errors.is_empty() {
            return Some(Document { root });
        }
        for error in errors {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim_end().to_owned();
            self.error(span, "", format!("filen er ikke gyldig TOML: {message}"));
        }
        None
    }

    /// The location of `span` in the text.
    pub fn location(&self, span: Span) -> Location {
        Location::from_span_indexed(self.origin, self.text, &self.lines, span)
    }

    /// Adds `diagnostic`, placed at `span` when given.
    pub fn push(&mut self, span: Option<Span>, diagnostic: Diagnostic) {
        let diagnostic = match span {
            Some(span) => diagnostic.with_location(self.location(span)),
            None => diagnostic,
        };
        self.diagnostics.push(diagnostic);
    }

    /// Adds an error at `span`.
    pub fn error(&mut self, span: Span, field: impl Into<String>, message: impl Into<String>) {
        self.push(Some(span), Diagnostic::error(field, message));
    }

    /// Adds a warning at `span`.
    pub fn warning(&mut self, span: Span, field: impl Into<String>, message: impl Into<String>) {
        self.push(Some(span), Diagnostic::warning(field, message));
    }

    /// Whether an error has been reported so far.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The number of diagnostics so far.
    pub fn len(&self) -> usize {
        self.diagnostics.len()
    }

    /// The number of errors among the diagnostics reported since there were `count` of them
    /// (see [`TomlReader::len`]): whether the part read since then could be read whole.
    pub fn errors_since(&self, count: usize) -> usize {
        self.diagnostics
            .get(count..)
            .map_or(0, |new| new.iter().filter(|d| d.is_error()).count())
    }

    /// Whether no diagnostic has been reported.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Every diagnostic, sorted by place (those without a place last), errors before warnings
    /// at the same place.
    pub fn finish(self) -> Vec<Diagnostic> {
        sorted(self.diagnostics)
    }
}

/// `diagnostics` sorted by place (those without a place last), errors before warnings at the
/// same place; otherwise in the order given.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| {
        let place = |d: &Diagnostic| {
            d.location().map_or((1, String::new(), 0, 0), |l| {
                (0, l.origin().to_owned(), l.line(), l.column())
            })
        };
        place(a)
            .cmp(&place(b))
            .then_with(|| severity_rank(a.severity()).cmp(&severity_rank(b.severity())))
    });
    diagnostics
}

fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 0,
        _ => 1,
    }
}

/// The kind of a TOML value, in Danish with its article, for messages: "en tekst", "et heltal".
fn kind_da(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "en tekst",
        DeValue::Integer(_) => "et heltal",
        DeValue::Float(_) => "et decimaltal",
        DeValue::Boolean(_) => "en sandhedsværdi",
        DeValue::Datetime(_) => "en dato eller et tidspunkt",
        DeValue::Array(_) => "en liste",
        DeValue::Table(_) => "en tabel",
    }
}

/// A table of the document, with its place and its path (e.g. `meetings[2]`).
#[derive(Debug, Clone)]
pub struct Table<'d, 'a> {
    entries: &'d DeTable<'a>,
    span: Span,
    path: String,
}

/// A value of the document, with its place and its path (e.g. `meetings[2].date`).
#[derive(Debug, Clone)]
pub struct Value<'d, 'a> {
    inner: &'d DeValue<'a>,
    span: Span,
    path: String,
}

/// Joins a table path and a key: `meetings[0]` + `date` is `meetings[0].date`.
fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl<'d, 'a> Table<'d, 'a> {
    /// The table's place: for a `[[meetings]]` table its header and keys.
    pub fn span(&self) -> Span {
        self.span.clone()
    }

    /// The table's path; empty for the top level.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path of `key` in this table.
    pub fn field(&self, key: &str) -> String {
        join(&self.path, key)
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.entries.get(key).is_some()
    }

    /// Whether the table has no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys in the table with their places, in key order.
    pub fn keys(&self) -> impl Iterator<Item = (&'d str, Span)> + 'd {
        self.entries
            .iter()
            .map(|(key, _)| (key.get_ref().as_ref(), key.span()))
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<Value<'d, 'a>> {
        let value = self.entries.get(key)?;
        Some(Value {
            inner: value.get_ref(),
            span: value.span(),
            path: self.field(key),
        })
    }

    /// Reports every key not in `known` as an error at the key ("ukendt felt").
    pub fn deny_unknown(&self, reader: &mut TomlReader<'_>, known: &[&str]) {
        for (key, value) in self.entries {
            let name: &str = key.get_ref().as_ref();
            if !known.contains(&name) {
                let mut message = format!("ukendt felt {}", quote(name));
                if !known.is_empty() {
                    let _ = write!(message, "; felterne her er: {}", known.join(", "));
                }
                let span = key.span();
                let span = if span.is_empty() { value.span() } else { span };
                reader.error(span, self.field(name), message);
            }
        }
    }

    /// The value of `key`, reporting it missing (an error at the table) when `required`.
    fn value(
        &self,
        reader: &mut TomlReader<'_>,
        key: &str,
        required: bool,
    ) -> Option<Value<'d, 'a>> {
        let value = self.get(key);
        if value.is_none() && required {
            reader.error(
                self.span(),
                self.field(key),
                format!("feltet {key} mangler"),
            );
        }
        value
    }

    /// A required text (not blank): missing, not a text or blank is an error.
    pub fn string(&self, reader: &mut TomlReader<'_>, key: &str) -> Option<(&'d str, Span)> {
        self.value(reader, key, true)?.text(reader)
    }

    /// An optional text: `None` when absent; not a text or blank is an error.
    pub fn optional_string(
        &self,
        reader: &mut TomlReader<'_>,
        key: &str,
    ) -> Option<(&'d str, Span)> {
        self.value(reader, key, false)?.text(reader)
    }

    /// A required whole number.
    pub fn integer(&self, reader: &mut TomlReader<'_>, key: &str) -> Option<(i64, Span)> {
        self.value(reader, key, true)?.integer(reader)
    }

    /// A required date: a TOML date (`2026-02-03`) or a text `"2026-02-03"`.
    pub fn date(&self, reader: &mut TomlReader<'_>, key: &str) -> Option<(NaiveDate, Span)> {
        self.value(reader, key, true)?.date(reader)
    }

    /// An optional date.
    pub fn optional_date(
        &self,
        reader: &mut TomlReader<'_>,
        key: &str,
    ) -> Option<(NaiveDate, Span)> {
        self.value(reader, key, false)?.date(reader)
    }

    /// An optional `true`/`false`.
    pub fn optional_bool(&self, reader: &mut TomlReader<'_>, key: &str) -> Option<(bool, Span)> {
        let value = self.value(reader, key, false)?;
        match value.inner {
            DeValue::Boolean(b) => Some((*b, value.span())),
            other => {
                value.wrong(reader, "true eller false", other);
                None
            }
        }
    }

    /// An optional list: its elements (empty when absent); a value that is not a list is an
    /// error and gives no elements.
    pub fn array(&self, reader: &mut TomlReader<'_>, key: &str) -> Vec<Value<'d, 'a>> {
        self.value(reader, key, false)
            .map(|value| value.elements(reader))
            .unwrap_or_default()
    }

    /// An optional sub-table; a value that is not a table is an error.
    pub fn table(&self, reader: &mut TomlReader<'_>, key: &str) -> Option<Table<'d, 'a>> {
        self.value(reader, key, false)?.table(reader)
    }

    /// An optional array of tables (`[[meetings]]`): the tables, in file order. An element that
    /// is not a table is an error and left out; so is a value that is not a list.
    pub fn tables(&self, reader: &mut TomlReader<'_>, key: &str) -> Vec<Table<'d, 'a>> {
        self.array(reader, key)
            .into_iter()
            .filter_map(|value| value.table(reader))
            .collect()
    }
}

impl<'d, 'a> Value<'d, 'a> {
    /// The value's place.
    pub fn span(&self) -> Span {
        self.span.clone()
    }

    /// The value's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value as text if it is a TOML string (no diagnostic otherwise).
    pub fn as_str(&self) -> Option<&'d str> {
        self.inner.as_str()
    }

    /// Whether the value is a table.
    pub fn is_table(&self) -> bool {
        self.inner.is_table()
    }

    /// Whether the value is a floating-point number.
    pub fn is_float(&self) -> bool {
        self.inner.is_float()
    }

    /// The value as a whole number if it is a TOML integer (no diagnostic otherwise); one
    /// beyond the range of `i64` saturates, so a caller's range check refuses it.
    pub fn as_integer(&self) -> Option<(i64, Span)> {
        let DeValue::Integer(integer) = self.inner else {
            return None;
        };
        let digits = integer.as_str();
        let n =
            i64::from_str_radix(digits, integer.radix()).unwrap_or(if digits.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            });
        Some((n, self.span()))
    }

    /// Reports that the value is not `expected` (e.g. "en tekst").
    pub fn wrong(&self, reader: &mut TomlReader<'_>, expected: &str, found: &DeValue<'_>) {
        reader.error(
            self.span(),
            self.path.clone(),
            format!("her skal stå {expected}, ikke {}", kind_da(found)),
        );
    }

    /// Reports that the value is not `expected`, without a value at hand.
    pub fn expected(&self, reader: &mut TomlReader<'_>, expected: &str) {
        self.wrong(reader, expected, self.inner);
    }

    /// A text that is not blank; anything else is an error.
    pub fn text(&self, reader: &mut TomlReader<'_>) -> Option<(&'d str, Span)> {
        match self.inner {
            DeValue::String(text) if text.trim().is_empty() => {
                reader.error(self.span(), self.path.clone(), "teksten er tom");
                None
            }
            DeValue::String(text) => Some((text.as_ref(), self.span())),
            other => {
                self.wrong(reader, "en tekst", other);
                None
            }
        }
    }

    /// A whole number that fits in an `i64`; anything else is an error.
    pub fn integer(&self, reader: &mut TomlReader<'_>) -> Option<(i64, Span)> {
        match self.inner {
            DeValue::Integer(integer) => {
                let digits = integer.as_str();
                if let Ok(n) = i64::from_str_radix(digits, integer.radix()) {
                    Some((n, self.span()))
                } else {
                    reader.error(
                        self.span(),
                        self.path.clone(),
                        format!("tallet {} er for stort", quote(digits)),
                    );
                    None
                }
            }
            other => {
                self.wrong(reader, "et heltal", other);
                None
            }
        }
    }

    /// A date: a TOML date (`2026-02-03`) or a text `"2026-02-03"`; anything else is an error.
    pub fn date(&self, reader: &mut TomlReader<'_>) -> Option<(NaiveDate, Span)> {
        match read_date(self.inner) {
            Ok(date) => Some((date, self.span())),
            Err(message) => {
                reader.error(self.span(), self.path.clone(), message);
                None
            }
        }
    }

    /// The elements of a list; anything else is an error and gives none.
    pub fn elements(&self, reader: &mut TomlReader<'_>) -> Vec<Value<'d, 'a>> {
        match self.inner {
            DeValue::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| Value {
                    inner: item.get_ref(),
                    span: item.span(),
                    path: format!("{}[{i}]", self.path),
                })
                .collect(),
            other => {
                self.wrong(reader, "en liste", other);
                Vec::new()
            }
        }
    }

    /// The value as a table; anything else is an error.
    pub fn table(&self, reader: &mut TomlReader<'_>) -> Option<Table<'d, 'a>> {
        match self.inner {
            DeValue::Table(table) => Some(Table {
                entries: table,
                span: self.span(),
                path: self.path.clone(),
            }),
            other => {
                self.wrong(reader, "en tabel", other);
                None
            }
        }
    }

    /// The value as a table if it is one (no diagnostic otherwise).
    pub fn as_table(&self) -> Option<Table<'d, 'a>> {
        match self.inner {
            DeValue::Table(table) => Some(Table {
                entries: table,
                span: self.span(),
                path: self.path.clone(),
            }),
            _ => None,
        }
    }

    /// The underlying TOML value.
    pub fn raw(&self) -> &'d DeValue<'a> {
        self.inner
    }
}

/// A date written out in Danish, as a report or a message gives it: `2026-11-17` →
/// `17. november 2026`.
///
/// ```
/// use chrono::NaiveDate;
/// use tryghed_diagnostics::format_date_da;
///
/// let date = NaiveDate::from_ymd_opt(2026, 6, 5).ok_or("a date")?;
/// assert_eq!(format_date_da(date), "5. juni 2026");
/// # Ok::<(), &str>(())
/// ```
#[must_use]
pub fn format_date_da(date: NaiveDate) -> String {
    use chrono::Datelike as _;
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let month = usize::try_from(date.month0())
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("?");
    format!("{}. {month} {}", date.day(), date.year())
}

/// Reads a date given as a TOML date (`2026-06-30`) or as a text `"2026-06-30"`; the error is a
/// Danish sentence.
///
/// ```
/// use tryghed_diagnostics::parse_date_da;
///
/// assert!(parse_date_da("2026-06-30").is_ok());
/// assert_eq!(
///     parse_date_da("2026-02-30").unwrap_err(),
///     "\"2026-02-30\" er ikke en dato; skriv f.eks. 2026-06-30"
/// );
/// ```
pub fn parse_date_da(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("{} er ikke en dato; skriv f.eks. 2026-06-30", quote(text)))
}

fn read_date(value: &DeValue<'_>) -> Result<NaiveDate, String> {
    match value {
        DeValue::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .ok_or_else(|| format!("{datetime} er ikke en dato i kalenderen")),
            _ => Err(format!(
                "{datetime} er ikke en ren dato; skriv f.eks. 2026-06-30"
            )),
        },
        DeValue::String(text) => parse_date_da(text),
        other => Err(format!(
            "her skal stå en dato som 2026-06-30, ikke {}",
            kind_da(other)
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn read(text: &str) -> (Vec<Diagnostic>, Option<()>) {
        let mut reader = TomlReader::new("t.toml", text);
        let Some(document) = reader.parse() else {
            return (reader.finish(), None);
        };
        let root = document.root();
        root.deny_unknown(&mut reader, &["a", "b", "list", "t"]);
        let _ = root.string(&mut reader, "a");
        let _ = root.integer(&mut reader, "b");
        for value in root.array(&mut reader, "list") {
            let _ = value.date(&mut reader);
        }
        for table in root.tables(&mut reader, "t") {
            let _ = table.optional_bool(&mut reader, "x");
        }
        (reader.finish(), Some(()))
    }

    fn fields(diagnostics: &[Diagnostic]) -> Vec<(usize, &str)> {
        diagnostics
            .iter()
            .map(|d| (d.location().map_or(0, Location::line), d.field()))
            .collect()
    }

    #[test]
    fn every_problem_is_reported_with_its_line_and_field() {
        let text = "a = 1\nb = \"x\"\nc = 3\nlist = [2026-02-03, \"2026-13-01\", 5]\n[[t]]\nx = 1\n[[t]]\nx = true\n";
        let (diagnostics, parsed) = read(text);
        assert!(parsed.is_some());
        assert_eq!(
            fields(&diagnostics),
            [
                (1, "a"),
                (2, "b"),
                (3, "c"),
                (4, "list[1]"),
                (4, "list[2]"),
                (6, "t[0].x")
            ]
        );
        assert!(
            diagnostics[0]
                .message()
                .contains("en tekst, ikke et heltal")
        );
    }

    #[test]
    fn missing_and_blank_fields() {
        let (diagnostics, _) = read("a = \"  \"\n");
        // The missing field points at the table (here the start of the file).
        assert_eq!(fields(&diagnostics), [(1, "b"), (1, "a")]);
        assert_eq!(diagnostics[0].message(), "feltet b mangler");
        assert_eq!(diagnostics[1].message(), "teksten er tom");
    }

    #[test]
    fn syntax_errors_stop_the_reading() {
        let (diagnostics, parsed) = read("a = \nb = 1\n");
        assert!(parsed.is_none());
        assert!(!diagnostics.is_empty());
        assert!(
            diagnostics[0]
                .message()
                .starts_with("filen er ikke gyldig TOML")
        );
    }

    #[test]
    fn quotes_are_cut() {
        assert_eq!(quote("abc"), "\"abc\"");
        let long = quote(&"é".repeat(200));
        assert!(long.ends_with("…\""));
        assert_eq!(long.chars().count(), QUOTE_LIMIT + 3);
    }

    #[test]
    fn a_too_large_integer_is_an_error() {
        let (diagnostics, _) = read("a = \"x\"\nb = 99999999999999999999\n");
        assert_eq!(fields(&diagnostics), [(2, "b")]);
    }
}
