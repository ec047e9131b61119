//! What a person sees, in headless Chromium: the README's example report printed to A4 with
//! every column of every table and no row split over two pages; no sideways scrolling on a
//! phone (360–414 px) and chart text of at least 11 px; the charts at a readable size on a
//! desktop; and axe-core's WCAG 2.2 AA rules with no violation on the default and the
//! example report.
//!
//! Each test skips, saying so on the terminal, when Chromium (or `pdftotext`, or axe-core) is
//! missing; `.ci/run` installs them (apt: chromium, poppler-utils, npm; npm: axe-core) and sets
//! `TRYGHED_BROWSER_TESTS=require`, so there a missing tool fails the test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::chromium::{self, squeeze};
use support::run;

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The README's walkthrough command, with `format`, as arguments.
fn readme_args(format: &str) -> Vec<String> {
    [
        "report",
        "--year",
        "2026",
        "--observations",
        &example("synthetic-observationer-2026.csv"),
        "--plan",
        &example("tryghedsplan-2026-eksempel.toml"),
        "--follow-up",
        &example("opfoelgning-2026-eksempel.toml"),
        "--ledger",
        &example("synthetic-regnskab-2026.toml"),
        "--meetings",
        &example("moeder-2026-eksempel.toml"),
        "--next-plan",
        &example("tryghedsplan-2027-eksempel.toml"),
        "--date",
        "2026-05-12",
        "--format",
        format,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

fn html(args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

fn example_html() -> String {
    html(&readme_args("html"))
}

fn default_html() -> String {
    html(&["report".into(), "--format".into(), "html".into()])
}

fn chromium_or_skip(test: &str) -> Option<std::path::PathBuf> {
    let c = chromium::find();
    if c.is_none() {
        chromium::skip(
            test,
            "Chromium not found (apt-get install chromium, or set CHROMIUM)",
        );
    }
    c
}

#[test]
fn the_readme_example_prints_to_a4_with_every_column_and_no_split_row() {
    let Some(_) = chromium_or_skip("the A4 print test") else {
        return;
    };
    if !chromium::on_path("pdftotext") {
        chromium::skip(
            "the A4 print test",
            "pdftotext not found (apt-get install poppler-utils)",
        );
        return;
    }
    let page = example_html();
    // The PDF as `tryghed report --format pdf` writes it.
    let path = support::temp_file("status.pdf", "");
    std::fs::remove_file(&path).unwrap();
    let mut args = readme_args("pdf");
    args.push("-o".into());
    args.push(path.display().to_string());
    let args_ref: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args_ref);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let (w, h) = chromium::media_box(&pdf).expect("a page size");
    // A4 is 595,3 × 841,9 pt.
    assert!(
        (w - 595.3).abs() < 2.0 && (h - 841.9).abs() < 2.0,
        "page size {w} × {h} pt"
    );
    let pages = chromium::pdf_pages(&pdf);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let squeezed: Vec<String> = pages.iter().map(|p| squeeze(p)).collect();
    let all = squeezed.concat();
    // Every page: its number and the running footer with title, year, date and sender.
    for (i, p) in squeezed.iter().enumerate() {
        let n = format!("Side{}af{}", i + 1, pages.len());
        assert!(
            p.contains(&n),
            "page {} has no page number: {}",
            i + 1,
            pages[i]
        );
        for part in [
            "EKSEMPEL–Status2026:FolehavenTryghedspartnerskab2026–2029",
            "udgivet12.maj2026",
            "KontorforSikkerByogUdsatteBoligområder",
        ] {
            assert!(
                p.contains(part),
                "page {} lacks {part:?} in its footer",
                i + 1
            );
        }
    }
    let tables = chromium::tables(&page);
    let printed: Vec<&chromium::Table> = tables.iter().filter(|t| !t.in_details).collect();
    assert!(printed.len() >= 8, "{} printed tables", printed.len());
    for table in &printed {
        // Every column: the header row, every cell of it in order, is on a page (a column
        // cut off at the page edge would be missing from it).
        let header = squeeze(&table.header.concat());
        assert!(
            squeezed.iter().any(|p| p.contains(&header)),
            "table {:?}: the header row {:?} is not whole in the PDF",
            table.caption,
            table.header
        );
        assert!(
            all.contains(&squeeze(&table.caption)),
            "caption {:?}",
            table.caption
        );
        // No row split: all of a row's cells are whole on one page.
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| squeeze(c))
                .filter(|c| !c.is_empty())
                .collect();
            assert!(
                squeezed
                    .iter()
                    .any(|p| cells.iter().all(|c| p.contains(c.as_str()))),
                "table {:?}: the row {row:?} is not whole on any one page",
                table.caption
            );
        }
    }
}

/// Measures the page: the document's scroll width, the viewport, and the smallest rendered
/// font size of any text in a chart (font size × the chart's rendered width / its viewBox).
const MEASURE: &str = r"<script>
const svgs = [...document.querySelectorAll('svg.chart')];
let minFont = 1e9, minAt = '';
for (const svg of svgs) {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  for (const t of svg.querySelectorAll('text')) {
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (px < minFont) { minFont = px; minAt = svg.id + ': ' + t.textContent; }
  }
}
const wide = [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap') && !e.closest('svg'))
  .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id);
const charts = svgs.map(s => s.id + '=' + Math.round(s.getBoundingClientRect().width));
tryghedReport([
  document.documentElement.scrollWidth, window.innerWidth, minFont.toFixed(2), minAt,
  wide.join(' '), charts.join(' ')].join('|'));
</script>";

struct Measured {
    scroll_width: f64,
    viewport: f64,
    min_font: f64,
    min_at: String,
    wide: String,
    charts: Vec<(String, f64)>,
}

fn measure(chromium: &std::path::Path, html: &str, width: u32) -> Measured {
    let r = chromium::run_script(chromium, html, width, 900, MEASURE, &[]);
    let parts: Vec<&str> = r.split('|').collect();
    assert_eq!(parts.len(), 6, "{r}");
    Measured {
        scroll_width: parts[0].parse().unwrap(),
        viewport: parts[1].parse().unwrap(),
        min_font: parts[2].parse().unwrap(),
        min_at: parts[3].to_owned(),
        wide: parts[4].to_owned(),
        charts: parts[5]
            .split_whitespace()
            .map(|c| {
                let (id, w) = c.split_once('=').unwrap();
                (id.to_owned(), w.parse().unwrap())
            })
            .collect(),
    }
}

#[test]
fn a_phone_never_scrolls_sideways_and_chart_text_stays_readable() {
    let Some(chromium) = chromium_or_skip("the phone test") else {
        return;
    };
    for (name, page) in [("example", example_html()), ("default", default_html())] {
        for width in [360, 390, 414] {
            let m = measure(&chromium, &page, width);
            assert!(
                (m.viewport - f64::from(width)).abs() < 1.0,
                "the viewport is {} px, not {width}",
                m.viewport
            );
            assert!(
                m.scroll_width <= m.viewport,
                "{name} at {width} px: the page scrolls sideways ({} px wide; too wide: {})",
                m.scroll_width,
                m.wide
            );
            assert!(
                m.min_font >= 11.0,
                "{name} at {width} px: chart text of {:.1} px ({})",
                m.min_font,
                m.min_at
            );
            assert!(m.charts.len() >= 7, "{name}: {} charts", m.charts.len());
        }
    }
}

#[test]
fn on_a_desktop_the_charts_are_drawn_at_a_readable_size() {
    let Some(chromium) = chromium_or_skip("the desktop test") else {
        return;
    };
    let m = measure(&chromium, &example_html(), 1366);
    assert!(
        m.scroll_width <= m.viewport,
        "{} > {}",
        m.scroll_width,
        m.viewport
    );
    for (id, w) in &m.charts {
        assert!(*w >= 400.0, "{id} is {w} px wide at 1366 px");
    }
    assert!(
        m.min_font >= 12.0,
        "chart text of {:.1} px ({})",
        m.min_font,
        m.min_at
    );
}

/// Runs axe-core (WCAG 2.0–2.2 A and AA rules, and its best practices) and lists the
/// violations as `rule: target` lines.
const AXE: &str = r"<script src='axe.min.js'></script><script>
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] })
  .then(r => {
    const lines = r.violations.flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' – ' + (n.failureSummary || '').replace(/\s+/g, ' ')));
    tryghedReport('axe ' + axe.version + ' ok\n' + lines.join('\n'));
  })
  .catch(e => tryghedReport('axe failed: ' + e));
</script>";

#[test]
fn axe_core_finds_no_accessibility_violation() {
    let Some(chromium) = chromium_or_skip("the accessibility test") else {
        return;
    };
    let Some(axe) = chromium::axe_core() else {
        chromium::skip(
            "the accessibility test",
            "axe-core not found (npm install --prefix target/axe axe-core, or set AXE_CORE_JS)",
        );
        return;
    };
    // The checker works: a page with an image without text and grey-on-white text fails.
    let broken = default_html().replacen(
        "<main>",
        "<main><img src=\"x.png\"><p style=\"color:#aaa\">utydelig tekst</p>",
        1,
    );
    let result = chromium::run_script(&chromium, &broken, 1366, 900, AXE, &[&axe]);
    for rule in ["image-alt", "color-contrast"] {
        assert!(
            result.contains(&format!("\n{rule}: ")),
            "axe missed {rule}: {result}"
        );
    }
    for (name, page) in [("default", default_html()), ("example", example_html())] {
        for width in [1366, 390] {
            // The data tables of the charts are checked open as well as closed.
            let opened = page.replace("<details class=\"data\">", "<details class=\"data\" open>");
            for (state, p) in [("", &page), (" with the data tables open", &opened)] {
                let result = chromium::run_script(&chromium, p, width, 900, AXE, &[&axe]);
                let mut lines = result.lines();
                let head = lines.next().unwrap_or_default();
                assert!(
                    head.starts_with("axe ") && head.ends_with(" ok"),
                    "{name}: {result}"
                );
                let violations: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
                assert!(
                    violations.is_empty(),
                    "{name} at {width} px{state}: {} violations:\n{}",
                    violations.len(),
                    violations.join("\n")
                );
                eprintln!("{name} at {width} px{state}: {head}, no violations");
            }
        }
    }
}

#[test]
fn every_table_has_a_caption_and_scoped_headers() {
    for (name, page) in [("default", default_html()), ("example", example_html())] {
        let tables = chromium::tables(&page);
        assert!(tables.len() >= 5, "{name}: {} tables", tables.len());
        for t in &tables {
            assert!(
                t.has_caption && !t.caption.is_empty(),
                "{name}: a table without a caption: {t:?}"
            );
            assert!(
                !t.th_tags.is_empty(),
                "{name}: {:?} has no header cells",
                t.caption
            );
            for th in &t.th_tags {
                assert!(
                    th.contains("scope=\"col\"") || th.contains("scope=\"row\""),
                    "{name}: {:?}: {th} has no scope",
                    t.caption
                );
            }
        }
    }
}
