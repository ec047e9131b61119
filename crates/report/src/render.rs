//! Rendering a [`StatusReport`] as Markdown, HTML or JSON.

use std::fmt::Write as _;

use minijinja::{Environment, Value};
use tryghed_agreement::Agreement;
use tryghed_geography::PartnershipArea;

use crate::view::{VFigures, view};
use crate::{ReportError, StatusReport, charts};

const MARKDOWN_TEMPLATE: &str = include_str!("../templates/report.md");
const HTML_TEMPLATE: &str = include_str!("../templates/report.html");

/// Text as a CSS string literal (`"…"`), safe inside a `<style>` element: quotes, backslashes
/// and line breaks escaped, and `<`, `>` and `&` written as CSS escapes so that no input can
/// close the element or start markup.
fn css_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' | '\u{c}' => {
                let _ = write!(out, "\\{:x} ", u32::from(c));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes text for Markdown: a `<` that could open an HTML tag (`<stier>`) is written `\<`,
/// so that no input text turns into markup. `< 5` stays as it is.
fn md_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a Markdown table cell: pipes and line breaks would break the table.
fn md_cell(value: &str) -> String {
    md_text(&value.replace('\\', "\\\\"))
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn environment() -> Result<Environment<'static>, ReportError> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    // `.html` templates are HTML-escaped (minijinja's default for that extension); the
    // Markdown template is not, and escapes table cells with the `cell` filter.
    env.add_filter("cell", |v: String| md_cell(&v));
    env.add_filter("md", |v: String| md_text(&v));
    env.add_filter("css_string", |v: String| {
        Value::from_safe_string(css_string(&v))
    });
    for (name, source) in [
        ("report.md", MARKDOWN_TEMPLATE),
        ("report.html", HTML_TEMPLATE),
    ] {
        env.add_template(name, source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

fn template_error(name: &str, e: &minijinja::Error) -> ReportError {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    ReportError::Template {
        template: name.to_owned(),
        message,
    }
}

fn render(name: &str, ctx: &crate::view::View) -> Result<String, ReportError> {
    let env = environment()?;
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    template
        .render(Value::from_serialize(ctx))
        .map_err(|e| template_error(name, &e))
}

/// Markdown and HTML are published forms: they take only the published report.
fn refuse_unsuppressed(report: &StatusReport, format: &'static str) -> Result<(), ReportError> {
    if report.options().is_unsuppressed() || report.confidential().is_some() {
        return Err(ReportError::Unsuppressed { format });
    }
    Ok(())
}

/// The report as Markdown, in Danish: the published form, with counts below the suppression
/// threshold shown as `< 5` and nothing derived from them (see the crate docs, "Statistical
/// disclosure control").
///
/// # Errors
///
/// [`ReportError::Unsuppressed`] for a report built with exact figures;
/// [`ReportError::Template`] if the embedded template fails (a bug).
///
/// # Examples
///
/// ```
/// use tryghed_agreement::Agreement;
/// use tryghed_report::{ReportBuilder, ReportError, ReportOptions, Year, render_markdown};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let agreement = Agreement::folehaven();
/// let report = ReportBuilder::new(&agreement).year(Year::new(2027)?).build()?;
/// let markdown = render_markdown(&report)?;
/// assert!(markdown.starts_with("# Status 2027"));
/// for section in ["## Sammenfatning", "## Målsætninger", "## Kriminalitet", "## Samarbejde"] {
///     assert!(markdown.contains(section), "{section}");
/// }
///
/// // A report with exact figures is not a published form.
/// let exact = ReportBuilder::new(&agreement)
///     .year(Year::new(2027)?)
///     .options(ReportOptions::default().unsuppressed())
///     .build()?;
/// assert!(matches!(render_markdown(&exact), Err(ReportError::Unsuppressed { .. })));
/// # Ok(())
/// # }
/// ```
pub fn render_markdown(report: &StatusReport) -> Result<String, ReportError> {
    refuse_unsuppressed(report, "Markdown")?;
    render("report.md", &view(report))
}

/// The report as one self-contained HTML page (inline CSS, three inline SVG charts, no
/// external assets), in Danish, with the same suppression as Markdown. The map is drawn from
/// the area the embedded agreement declares ([`Agreement::folehaven`]) when the report is on
/// that agreement; for any other agreement use [`render_html_with_area`] with its
/// [`Agreement::area`] (as `tryghed report` does).
///
/// # Errors
///
/// [`ReportError::Unsuppressed`] for a report built with exact figures;
/// [`ReportError::Template`] or [`ReportError::Chart`] if drawing fails (a bug), or
/// [`ReportError::Geography`] if the embedded area cannot be read.
///
/// # Examples
///
/// ```
/// use tryghed_agreement::Agreement;
/// use tryghed_goals::Observations;
/// use tryghed_report::{ReportBuilder, Year, render_html};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let agreement = Agreement::folehaven();
/// // Synthetic survey figures for 2026.
/// let survey = Observations::from_csv_str(
///     "indicator,area,year,value,respondents\n\
///      tryg-i-nabolaget,omraade,2026,79%,400\n\
///      tryg-i-nabolaget,kobenhavn,2026,87%,3600\n",
/// )?;
/// let report = ReportBuilder::new(&agreement)
///     .year(Year::new(2026)?)
///     .observations(survey, Some("synthetic".into()))
///     .build()?;
/// let html = render_html(&report)?;
/// // One page: inline style and charts, nothing fetched from elsewhere.
/// assert!(html.contains("<style>") && html.contains("<svg"));
/// assert!(!html.contains("<script") && !html.contains("src=\"http"));
/// // Every table has a caption, every chart a title for screen readers.
/// assert!(html.contains("<caption") && html.contains("<title"));
/// assert!(html.contains("79 %"));
/// # Ok(())
/// # }
/// ```
pub fn render_html(report: &StatusReport) -> Result<String, ReportError> {
    let embedded = Agreement::folehaven();
    let area = if report.area().is_some() && report.agreement_id() == embedded.id() {
        embedded.area()
    } else {
        None
    };
    render_html_with_area(report, area)
}

/// As [`render_html`], with the map drawn from `area` (`None`: the page says there is no
/// map).
///
/// # Errors
///
/// As [`render_html`].
pub fn render_html_with_area(
    report: &StatusReport,
    area: Option<&PartnershipArea>,
) -> Result<String, ReportError> {
    refuse_unsuppressed(report, "HTML")?;
    let mut v = view(report);
    v.figures = Some(VFigures {
        survey: charts::survey_figure(report),
        crime: charts::crime_figure(report),
        map: charts::map_figure(report, area),
    });
    render("report.html", &v)
}

/// The report as pretty-printed JSON: the serde form of [`StatusReport`]. For the published
/// report (the default) that is the published form: a hidden count carries no value anywhere
/// in the document (`{"status":"suppressed","threshold":5}`), and no text, change, rate or
/// status gives one away. For a report built with
/// [`ReportOptions::unsuppressed`](crate::ReportOptions::unsuppressed) it carries the exact
/// figures and opens with `"confidential": "fortroligt – ikke til offentliggørelse"`. It
/// reads back with `serde_json::from_str::<StatusReport>`.
///
/// # Errors
///
/// [`ReportError::Json`] if serialisation fails (it does not for reports this crate builds).
pub fn render_json(report: &StatusReport) -> Result<String, ReportError> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_close_the_style_element() {
        assert_eq!(css_string("Status 2026: A–B"), "\"Status 2026: A–B\"");
        let s = css_string("x\"</style><script>\\");
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        assert_eq!(s.matches('"').count(), 2, "{s}");
        assert_eq!(s, "\"x\\22 \\3c /style\\3e \\3c script\\3e \\5c \"");
    }

    #[test]
    fn markdown_cells_are_escaped() {
        assert_eq!(md_cell("a|b\nc"), "a\\|b c");
        assert_eq!(md_cell("<stier> < 5"), "\\<stier> < 5");
        assert_eq!(md_text("a </b> <!x"), "a \\</b> \\<!x");
    }
}
