//! Opens the HTML report in headless Chromium and checks that the three charts render at a
//! visible size. Skips (with a message) when Chromium is not installed; CI installs Debian's
//! `chromium` package.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::PathBuf;
use std::process::Command;

use tryghed_report::render_html;

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// A small script appended to the page: it writes each SVG's rendered size into a
/// `data-rect` attribute, which `--dump-dom` then shows.
const MEASURE: &str = r"<script>
for (const svg of document.querySelectorAll('svg')) {
  const r = svg.getBoundingClientRect();
  svg.setAttribute('data-rect', Math.round(r.width) + 'x' + Math.round(r.height));
}
</script>";

#[test]
fn charts_render_at_a_visible_size_in_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("skipping the browser test: Chromium not found (apt-get install chromium)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("tryghed-report-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = render_html(&support::example_report()).unwrap();
    let page = dir.join("status.html");
    std::fs::write(&page, html.replace("</body>", &format!("{MEASURE}</body>"))).unwrap();
    let output = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,3000",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut sizes = Vec::new();
    for id in ["chart-survey", "chart-crime", "chart-map"] {
        let at = dom
            .find(&format!("id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} missing"));
        let tag_start = dom[..at].rfind("<svg").unwrap();
        let tag_end = at + dom[at..].find('>').unwrap();
        let tag = &dom[tag_start..tag_end];
        let rect = tag
            .split("data-rect=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or_else(|| panic!("{id} has no measured size: {tag}"));
        let (w, h) = rect.split_once('x').unwrap();
        let (w, h): (u32, u32) = (w.parse().unwrap(), h.parse().unwrap());
        // Visible and readable: at least 600 px wide and in the SVG's proportions.
        assert!(w >= 600 && h >= 250, "{id} renders at {w}×{h}");
        sizes.push((id, w, h));
    }
    eprintln!("rendered chart sizes: {sizes:?}");
}
