//! Headless Chromium for the tests of what a person sees: the page at a given viewport with a
//! measuring script, and the page printed to PDF. Every test that needs Chromium (or
//! poppler's `pdftotext`, or axe-core) skips with a message saying what is missing, written
//! straight to the terminal (past the test harness's capture, so a passing run shows it);
//! `.ci/run` installs all three and sets `TRYGHED_BROWSER_TESTS=require`, under which a missing
//! tool fails the test instead of skipping it.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Whether the browser tests must run (`TRYGHED_BROWSER_TESTS=require`, as `.ci/run` sets it).
pub(crate) fn required() -> bool {
    std::env::var("TRYGHED_BROWSER_TESTS").is_ok_and(|v| v == "require")
}

/// Skips `test` because `missing` is not there: says so on the terminal (not through the
/// harness's captured output, which a passing test never shows), or fails when the tests are
/// [`required`].
pub(crate) fn skip(test: &str, missing: &str) {
    assert!(
        !required(),
        "{test} cannot run: {missing} (TRYGHED_BROWSER_TESTS=require)"
    );
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {missing}");
}

/// Chromium: `$CHROMIUM`, else the first of the names `tryghed report --format pdf` looks
/// for on `PATH`.
pub(crate) fn find() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    let names = [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A program on `PATH` (e.g. `pdftotext`).
pub(crate) fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

/// axe-core's `axe.min.js`: `$AXE_CORE_JS`, else where `.ci/run` installs it
/// (`target/axe/node_modules/axe-core/axe.min.js`), else a `node_modules` at the workspace root.
pub(crate) fn axe_core() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("AXE_CORE_JS").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    [
        root.join("target/axe/node_modules/axe-core/axe.min.js"),
        root.join("node_modules/axe-core/axe.min.js"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// A fresh folder for one browser run.
pub(crate) fn temp_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "tryghed-browser-{label}-{}-{n}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn base_args(chromium: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(chromium);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--no-first-run",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()));
    cmd
}

/// The page `html` at a `width` × `height` viewport, with `script` run after it loaded (it may
/// be asynchronous: Chromium waits up to fifteen seconds of virtual time). The script hands
/// its result as text to `tryghedReport(text)`; this returns that text. `assets` are
/// files copied next to the page (e.g. axe-core, loaded by a `<script src>`).
pub(crate) fn run_script(
    chromium: &Path,
    html: &str,
    width: u32,
    height: u32,
    script: &str,
    assets: &[&Path],
) -> String {
    let dir = temp_dir("dom");
    for a in assets {
        std::fs::copy(a, dir.join(a.file_name().unwrap())).unwrap();
    }
    // Headless Chromium's window is at least 500 px wide, so the page is measured in an
    // iframe of exactly `width` × `height`: its viewport, media queries and `innerWidth` are
    // the iframe's. The script in the page reports to the wrapper by `postMessage`.
    let page = dir.join("page.html");
    let report = "<script>window.tryghedReport = r => parent.postMessage(String(r), '*');</script>";
    let injected = format!("{report}{script}</body>");
    std::fs::write(&page, html.replacen("</body>", &injected, 1)).unwrap();
    let wrapper = dir.join("wrapper.html");
    std::fs::write(
        &wrapper,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\"><pre id=\"tryghed-result\"></pre>\
             <script>addEventListener('message', e => {{ document.getElementById('tryghed-result').textContent = e.data; }});</script>\
             <iframe src=\"page.html\" width=\"{width}\" height=\"{height}\" style=\"border:0;display:block\"></iframe></body></html>"
        ),
    )
    .unwrap();
    let output = base_args(chromium, &dir)
        .arg(format!(
            "--window-size={},{}",
            (width + 40).max(600),
            height + 200
        ))
        .arg("--virtual-time-budget=15000")
        .arg("--dump-dom")
        .arg(format!("file://{}", wrapper.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let start = dom
        .find("<pre id=\"tryghed-result\">")
        .unwrap_or_else(|| panic!("no result element in the DOM"))
        + "<pre id=\"tryghed-result\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    unescape(&dom[start..end])
}

/// The page printed to PDF (the page's own `@page` rules: A4, margins, footer).
pub(crate) fn print_pdf(chromium: &Path, html: &str) -> Vec<u8> {
    let dir = temp_dir("pdf");
    let page = dir.join("page.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.join("page.pdf");
    let output = base_args(chromium, &dir)
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

/// The text of each page of a PDF (`pdftotext -raw`, pages split at form feeds).
pub(crate) fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = temp_dir("text");
    let file = dir.join("page.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "pdftotext failed");
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The page size of a PDF in points, from its first `/MediaBox`.
pub(crate) fn media_box(pdf: &[u8]) -> Option<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let at = text.find("/MediaBox")?;
    let rest = &text[at..];
    let open = rest.find('[')?;
    let close = rest.find(']')?;
    let nums: Vec<f64> = rest[open + 1..close]
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    match nums.as_slice() {
        [x0, y0, x1, y1] => Some((x1 - x0, y1 - y0)),
        _ => None,
    }
}

/// Decodes the entities the report's templates and an HTML serialiser write: `&lt;`, `&gt;`,
/// `&quot;`, `&nbsp;`, `&amp;` and numeric ones (`&#39;`, `&#x2f;`).
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|e| *e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let decoded = match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "amp" => Some('&'),
            "nbsp" => Some('\u{a0}'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &rest[end + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// A table of the page: its caption, header cells and rows of cell texts.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) caption: String,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
    /// Whether it sits in a `<details>` (a chart's data table, not printed).
    pub(crate) in_details: bool,
    /// The `<table …>` start tag and every `<th …>` start tag, for attribute checks.
    pub(crate) th_tags: Vec<String>,
    pub(crate) has_caption: bool,
}

/// Text without tags, entities decoded, whitespace collapsed.
pub(crate) fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tables of `html` (the report's own markup: no nested tables, quoted attributes).
pub(crate) fn tables(html: &str) -> Vec<Table> {
    let mut out = Vec::new();
    // Skip the <style> element: its text is not markup.
    let body = html.split_once("</style>").map_or(html, |(_, b)| b);
    let mut rest = body;
    let mut offset = body.len() - rest.len();
    while let Some(start) = rest.find("<table") {
        let abs = offset + start;
        let end = rest[start..].find("</table>").unwrap() + start;
        let inner = &rest[start..end];
        let before = &body[..abs];
        let in_details = before.rfind("<details").unwrap_or(0)
            > before.rfind("</details>").unwrap_or(0)
            && before.contains("<details");
        let caption = inner
            .split_once("<caption")
            .and_then(|(_, c)| c.split_once("</caption>"))
            .map_or_else(String::new, |(c, _)| text_of(&format!("<x{c}")));
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut th_tags = Vec::new();
        for tr in inner.split("<tr").skip(1) {
            let tr = tr.split("</tr>").next().unwrap_or("");
            let mut cells = Vec::new();
            let mut s = tr;
            while let Some(i) = s.find(['<']) {
                s = &s[i..];
                let header = s.starts_with("<th") && s[3..].starts_with([' ', '>']);
                let data = s.starts_with("<td") && s[3..].starts_with([' ', '>']);
                if !(header || data) {
                    s = &s[1..];
                    continue;
                }
                let tag_end = s.find('>').unwrap();
                if header {
                    th_tags.push(s[..=tag_end].to_owned());
                }
                let close = if header { "</th>" } else { "</td>" };
                let cell_end = s.find(close).unwrap();
                cells.push(text_of(&s[tag_end + 1..cell_end]));
                s = &s[cell_end + close.len()..];
            }
            let in_head = tr.contains("scope=\"col\"");
            if in_head && header.is_empty() {
                header = cells;
            } else {
                rows.push(cells);
            }
        }
        out.push(Table {
            caption,
            header,
            rows,
            in_details,
            th_tags,
            has_caption: inner.contains("<caption"),
        });
        rest = &rest[end + "</table>".len()..];
        offset = body.len() - rest.len();
    }
    out
}

/// Text with every whitespace removed, for finding a cell's text however the PDF wrapped it.
pub(crate) fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{ad}')
        .collect()
}
