//! [`Diagnostic`]: one problem found in a file, with its place.

use std::fmt::{self, Write as _};
use std::ops::Range;

/// How serious a [`Diagnostic`] is.
///
/// A file with an error does not keep the agreement (or cannot be read); a warning points at
/// something the project leader should look at but that does not break a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Severity {
    /// A broken rule: the plan is invalid.
    #[doc(alias = "fejl")]
    Error,
    /// Worth a look, but the plan stays valid.
    #[doc(alias = "advarsel")]
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`: the machine name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// The Danish word, as [`Diagnostic::render`] writes it: `"fejl"` or `"advarsel"`.
    pub fn label_da(self) -> &'static str {
        match self {
            Severity::Error => "fejl",
            Severity::Warning => "advarsel",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Where in a file something is: the file, line and column (both counted from 1, the column in
/// characters) and how many characters on that line the thing spans.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Location {
    origin: String,
    line: usize,
    column: usize,
    length: usize,
}

impl Location {
    /// A location given by its parts. `line`, `column` and `length` are raised to at least 1.
    pub fn new(origin: impl Into<String>, line: usize, column: usize, length: usize) -> Self {
        Location {
            origin: origin.into(),
            line: line.max(1),
            column: column.max(1),
            length: length.max(1),
        }
    }

    /// The location of the byte range `span` in `text`. Offsets past the end or inside a
    /// character are clamped; this never panics.
    pub fn from_span(origin: &str, text: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(text, span.start);
        let end = floor_char_boundary(text, span.end.max(start));
        let before = text.get(..start).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        let rest = text.get(start..end).unwrap_or_default();
        let length = rest.split('\n').next().unwrap_or_default().chars().count();
        Location::new(origin, line, column, length)
    }

    /// The location of `span` in `text`, found with `index` (made from the same text): in
    /// logarithmic time, for readers that place many diagnostics in one large file.
    pub fn from_span_indexed(
        origin: &str,
        text: &str,
        index: &LineIndex,
        span: Range<usize>,
    ) -> Self {
        let start = floor_char_boundary(text, span.start);
        let end = floor_char_boundary(text, span.end.max(start));
        // The number of line starts at or before `start` is the line number.
        let line = index.starts.partition_point(|&s| s <= start);
        let line_start = index
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = text.get(line_start..start).map_or(0, |s| s.chars().count()) + 1;
        let rest = text.get(start..end).unwrap_or_default();
        let length = rest.split('\n').next().unwrap_or_default().chars().count();
        Location::new(origin, line, column, length)
    }

    /// The file (or `<string>` for text that came from no file).
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

    /// How many characters on the line are meant (at least 1).
    pub fn length(&self) -> usize {
        self.length
    }
}

/// Where each line of a text starts, to find the line of an offset in logarithmic time
/// ([`Location::from_span_indexed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl fmt::Display for Location {
    /// `file:line:column`, as rustc and cargo write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.origin, self.line, self.column)
    }
}

/// One problem found in a file: how serious, where, in which field and what.
///
/// `field` is a path into the file such as `activities[2].partners[1]` (indices from 0, in
/// file order); the empty string means the file as a whole. Diagnostics made from a value
/// rather than a file (e.g. a plan built in code) have no location.
///
/// The message and help are sentences for the person who wrote the file (in the tryghed
/// crates: Danish); `severity`, `location` and `field` are the stable, machine-readable part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Diagnostic {
    severity: Severity,
    location: Option<Location>,
    field: String,
    message: String,
    help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with no location and no help.
    pub fn new(severity: Severity, field: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            location: None,
            field: field.into(),
            message: message.into(),
            help: None,
        }
    }

    /// An error with no location and no help.
    pub fn error(field: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, field, message)
    }

    /// A warning with no location and no help.
    pub fn warning(field: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, field, message)
    }

    /// This diagnostic with another field path.
    #[must_use]
    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }

    /// This diagnostic with a hint on how to fix it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// This diagnostic placed at `location`.
    #[must_use]
    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where in the file, if the diagnostic came from a file.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The path of the field, e.g. `activities[2].budget`; empty for the file as a whole.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong, in one sentence.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// A hint on how to fix it, if there is one.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The diagnostic in the style of rustc with Danish labels, quoting the line of `source`
    /// it points at:
    ///
    /// ```text
    /// fejl: aktiviteten "natteravne": den ansvarlige part "politii" er ikke part i aftalen
    ///   --> plan.toml:12:15
    ///    |
    /// 12 | responsible = "politii"
    ///    |               ^^^^^^^^^
    ///    = felt: activities[1].responsible
    /// ```
    ///
    /// `source` must be the text the location refers to; a location outside it only loses the
    /// quoted line.
    pub fn render(&self, source: &str) -> String {
        let line = self
            .location
            .as_ref()
            .and_then(|l| source.lines().nth(l.line - 1));
        self.render_line(line)
    }

    /// [`Diagnostic::render`] with the source line already found.
    fn render_line(&self, source_line: Option<&str>) -> String {
        let mut out = format!("{}: {}\n", self.severity.label_da(), self.message);
        let gutter_width = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        let pad = " ".repeat(gutter_width);
        if let Some(location) = &self.location {
            let _ = writeln!(out, "{pad}--> {location}");
            if let Some(line) = source_line {
                let (shown, indent, carets) =
                    snippet(line.trim_end(), location.column, location.length);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{} | {shown}", location.line);
                let _ = writeln!(out, "{pad} | {indent}{}", "^".repeat(carets));
            }
        }
        if !self.field.is_empty() {
            let _ = writeln!(out, "{pad} = felt: {}", self.field);
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = hjælp: {help}");
        }
        out
    }
}

/// The most characters of a source line shown before and after the column a diagnostic
/// points at; a longer line is cut with "…" (a 100 MB line was once echoed in full).
const SNIPPET_BEFORE: usize = 40;
const SNIPPET_AFTER: usize = 80;

/// The part of `line` shown for a diagnostic at `column` (from 1) spanning `length`
/// characters: the text, the indent before the carets (tabs kept) and the number of carets.
fn snippet(line: &str, column: usize, length: usize) -> (String, String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(SNIPPET_BEFORE);
    let end = chars.len().min(at + SNIPPET_AFTER);
    let mut shown = String::new();
    let mut indent = String::new();
    if start > 0 {
        shown.push('…');
        indent.push(' ');
    }
    shown.extend(chars.get(start..end).unwrap_or_default());
    indent.extend(
        chars
            .get(start..at)
            .unwrap_or_default()
            .iter()
            .map(|&c| if c == '\t' { '\t' } else { ' ' }),
    );
    if end < chars.len() {
        shown.push('…');
    }
    let carets = length.clamp(1, (end - at).max(1));
    (shown, indent, carets)
}

impl fmt::Display for Diagnostic {
    /// One line: `fejl: message (plan.toml:12:15, felt activities[1].responsible)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.label_da(), self.message)?;
        match (&self.location, self.field.is_empty()) {
            (Some(location), false) => write!(f, " ({location}, felt {})", self.field),
            (Some(location), true) => write!(f, " ({location})"),
            (None, false) => write!(f, " (felt {})", self.field),
            (None, true) => Ok(()),
        }
    }
}

/// Renders every diagnostic in rustc style (see [`Diagnostic::render`]), separated by blank
/// lines.
///
/// The source is split into lines once, so many diagnostics in a large file render in time
/// in proportion to the file and the diagnostics.
pub fn render_all(diagnostics: &[Diagnostic], source: &str) -> String {
    // The lines once, not once per diagnostic: linear in the text and the diagnostics.
    let lines: Vec<&str> = source.lines().collect();
    diagnostics
        .iter()
        .map(|d| {
            let line = d
                .location
                .as_ref()
                .and_then(|l| lines.get(l.line.wrapping_sub(1)).copied());
            d.render_line(line)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 13, item 6: a diagnostic on a 1 MB line echoed the whole line.
    #[test]
    fn a_long_source_line_is_cut_around_the_place() {
        let line = format!("title = \"{}\" # end", "y".repeat(1_000_000));
        let text = format!("year = 2026\n{line}\n");
        let d = Diagnostic::error("title", "for lang").with_location(Location::new(
            "plan.toml",
            2,
            9,
            1_000_002,
        ));
        let shown = d.render(&text);
        assert!(shown.len() < 600, "{} bytes", shown.len());
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines[3], format!("2 | title = \"{}…", "y".repeat(79)));
        assert_eq!(lines[4], format!("  | {}{}", " ".repeat(8), "^".repeat(80)));
        // Far into the line the start is cut too, and the caret stays under its character.
        let d = Diagnostic::error("x", "her").with_location(Location::new("p", 2, 500_000, 1));
        let shown = d.render(&text);
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[3].starts_with("2 | …yyyy"), "{}", lines[3]);
        assert_eq!(lines[4], format!("  | {}^", " ".repeat(41)));
        assert_eq!(
            render_all(&[d.clone(), d], &text).len(),
            2 * shown.len() + 1
        );
    }
}
