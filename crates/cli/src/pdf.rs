//! `tryghed report --format pdf`: the HTML page printed to an A4 PDF by a headless Chromium,
//! when one is installed.
//!
//! The page carries its own print stylesheet (A4, margins, page numbers, running footer), so
//! the PDF is exactly what printing the HTML from a browser gives. Chromium is found through
//! the environment variable `CHROMIUM` or as `chromium`, `chromium-browser`, `google-chrome`
//! or `google-chrome-stable` on `PATH`. It runs with a fresh profile in a temporary folder,
//! without network services, and is given at most [`TIMEOUT`]; the temporary folder (the
//! page, the profile, the PDF) is removed afterwards. Without Chromium the command fails with
//! exit 2 and says how to get one, or to print the HTML instead.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::CliError;

/// The longest a print may take.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium to print with: `$CHROMIUM`, else the first known name on `PATH`.
pub(crate) fn find_chromium() -> Option<PathBuf> {
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

fn missing() -> CliError {
    CliError::Usage(
        "fejl: --format pdf kræver Chromium, men det er ikke installeret (eller ikke fundet). \
         Installer det (Debian/Ubuntu: apt-get install chromium), angiv programmet med \
         miljøvariablen CHROMIUM, eller skriv siden med --format html og udskriv den fra en \
         browser: den har selv sider i A4 med sidetal."
            .to_owned(),
    )
}

/// A temporary folder this run created, removed with everything in it when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self, CliError> {
        let base = std::env::temp_dir();
        for n in 0..100u32 {
            let dir = base.join(format!("tryghed-pdf-{}-{n}", std::process::id()));
            match std::fs::create_dir(&dir) {
                Ok(()) => return Ok(TempDir(dir)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(CliError::io(&dir, &e)),
            }
        }
        Err(CliError::Usage(format!(
            "fejl: ingen ledig midlertidig mappe i {}",
            base.display()
        )))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Prints `html` to PDF bytes.
pub(crate) fn html_to_pdf(html: &str) -> Result<Vec<u8>, CliError> {
    let chromium = find_chromium().ok_or_else(missing)?;
    let dir = TempDir::new()?;
    let page = dir.0.join("status.html");
    let pdf = dir.0.join("status.pdf");
    std::fs::write(&page, html).map_err(|e| CliError::io(&page, &e))?;
    let arg = |name: &str, value: &Path| {
        let mut a = OsString::from(name);
        a.push(value.as_os_str());
        a
    };
    let profile = arg("--user-data-dir=", &dir.0.join("profile"));
    let out = arg("--print-to-pdf=", &pdf);
    let url = format!("file://{}", page.display());
    let log_path = dir.0.join("chromium.log");
    let log = std::fs::File::create(&log_path).map_err(|e| CliError::io(&log_path, &e))?;
    let child = Command::new(&chromium)
        .args([
            "--headless",
            // The page is this program's own, with no scripts and no network.
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(profile)
        .arg(out)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing()),
        Err(e) => {
            return Err(CliError::Usage(format!(
                "fejl: Chromium ({}) kunne ikke startes: {e}",
                chromium.display()
            )));
        }
    };
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(CliError::Usage(format!(
                    "fejl: Chromium ({}) blev ikke færdig med PDF'en inden for {} sekunder",
                    chromium.display(),
                    TIMEOUT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                return Err(CliError::Usage(format!(
                    "fejl: Chromium ({}): {e}",
                    chromium.display()
                )));
            }
        }
    };
    let bytes = std::fs::read(&pdf).ok().filter(|b| b.starts_with(b"%PDF"));
    match bytes {
        Some(b) if status.success() => Ok(b),
        _ => {
            let err = std::fs::read_to_string(&log_path).unwrap_or_default();
            let last: Vec<&str> = err.lines().rev().take(3).collect();
            Err(CliError::Usage(format!(
                "fejl: Chromium ({}) skrev ingen PDF ({status}){}",
                chromium.display(),
                if last.is_empty() {
                    String::new()
                } else {
                    format!(
                        ": {}",
                        last.into_iter().rev().collect::<Vec<_>>().join(" / ")
                    )
                }
            )))
        }
    }
}
