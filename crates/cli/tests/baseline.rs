//! `tryghed baseline`: the amendment that fixes the 2025 baseline, accepted by the agreement
//! format and treated as fixed by later reports.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/synthetic-observationer-2026.csv"
);

fn amendment_file() -> std::path::PathBuf {
    let out = temp_file("placeholder", "").with_file_name("tillaeg-baseline-2025.toml");
    let written = run(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        EXAMPLE,
        "--date",
        "2026-06-15",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    out
}

/// The agreement file with the amendment appended, as a user does it.
fn amended_agreement(amendment: &std::path::Path) -> std::path::PathBuf {
    let source = run(&["agreement", "--source"]);
    assert_eq!(source.code, 0, "{}", source.stderr);
    let text = format!(
        "{}{}",
        source.stdout,
        std::fs::read_to_string(amendment).unwrap()
    );
    temp_file("aftale-med-tillaeg.toml", &text)
}

#[test]
fn the_2026_report_shows_the_baseline_table_fixed_with_this_report() {
    let out = run(&["report", "--year", "2026", "--observations", EXAMPLE]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    assert!(md.contains("### Baseline 2025"), "{md}");
    assert!(
        md.contains("Baseline 2025 fastlægges med denne afrapportering"),
        "{md}"
    );
    assert!(
        md.contains("| Gerningstype | Mål | Baseline 2025 |"),
        "{md}"
    );
    assert!(
        md.contains("| Antal anmeldelser af straffelovskriminalitet | Minimum fastholdelse | 210 anmeldelser; 100,0 per 1.000 indbyggere (2.100 indbyggere) |"),
        "{md}"
    );
    assert!(
        md.contains("| Indbrud | Minimum fastholdelse | 14 |"),
        "{md}"
    );
}

#[test]
fn the_amendment_is_accepted_and_later_reports_treat_the_baseline_as_fixed() {
    let amendment = amendment_file();
    let text = std::fs::read_to_string(&amendment).unwrap();
    assert!(text.contains("[[amendments]]\ndate = 2026-06-15"), "{text}");
    assert!(
        text.contains("{ indicator = \"indbrud\", baseline = { year = 2025 } }"),
        "{text}"
    );
    let agreement = amended_agreement(&amendment);
    let agreement = agreement.to_str().unwrap();
    let shown = run(&["agreement", "--agreement", agreement]);
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert!(
        shown
            .stdout
            .contains("15. juni 2026: Baseline 2025 for kriminaliteten"),
        "{}",
        shown.stdout
    );
    assert!(
        shown
            .stdout
            .contains("Fastlægger baseline for: straffelov-per-1000 (2025), indbrud (2025)"),
        "{}",
        shown.stdout
    );

    // The 2027 status judges the crime of 2026 against the fixed 2025 baseline.
    let out = run(&[
        "report",
        "--agreement",
        agreement,
        "--year",
        "2027",
        "--observations",
        EXAMPLE,
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = out.stdout;
    assert!(
        md.contains("Baseline 2025 er fastlagt ved tillæg til partnerskabsaftalen af 15. juni 2026 (\"Baseline 2025 for kriminaliteten\")."),
        "{md}"
    );
    assert!(!md.contains("baseline afventer"), "{md}");
    let json = run(&[
        "report",
        "--agreement",
        agreement,
        "--year",
        "2027",
        "--observations",
        EXAMPLE,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let status = |id: &str| {
        json["goals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["indicator"] == id)
            .map(|g| g["status"]["status"].as_str().unwrap().to_owned())
            .unwrap()
    };
    // Indbrud 14 → 16: above the baseline; tyveri/røveri 40 → 38: held.
    assert_eq!(status("indbrud"), "not-met");
    assert_eq!(status("tyveri-roeveri"), "met");
    assert_eq!(json["baseline"]["fixing"]["kind"], "amendment");
    assert_eq!(json["baseline"]["fixing"]["date"], "2026-06-15");
    // `tryghed goals` agrees, and a second amendment is refused.
    let goals = run(&[
        "goals",
        "--agreement",
        agreement,
        "--year",
        "2027",
        "--observations",
        EXAMPLE,
    ]);
    assert_eq!(goals.code, 0, "{}", goals.stderr);
    let again = run(&[
        "baseline",
        "--agreement",
        agreement,
        "--year",
        "2025",
        "--observations",
        EXAMPLE,
        "--date",
        "2026-06-16",
    ]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("fixed already, by the amendment of 2026-06-15"),
        "{}",
        again.stderr
    );
}

#[test]
fn an_existing_file_is_never_replaced_and_the_input_is_never_the_output() {
    let amendment = amendment_file();
    let before = std::fs::read(&amendment).unwrap();
    let again = run(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        EXAMPLE,
        "--date",
        "2026-06-15",
        "-o",
        amendment.to_str().unwrap(),
    ]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert_eq!(std::fs::read(&amendment).unwrap(), before);
    let copy = temp_file(
        "synthetic_obs.csv",
        &std::fs::read_to_string(EXAMPLE).unwrap(),
    );
    let same = run(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        copy.to_str().unwrap(),
        "--date",
        "2026-06-15",
        "-o",
        copy.to_str().unwrap(),
    ]);
    assert_eq!(same.code, 2, "{}", same.stderr);
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        std::fs::read_to_string(EXAMPLE).unwrap()
    );
}

#[test]
fn missing_figures_are_all_listed_and_a_wrong_year_or_date_is_a_usage_error() {
    let partial = temp_file(
        "synthetic_partial.csv",
        "indicator,area,year,value,respondents\nindbrud,omraade,2025,14,\n",
    );
    let out = run(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        partial.to_str().unwrap(),
        "--date",
        "2026-06-15",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for needle in [
        "straffelov-per-1000",
        "tyveri-roeveri",
        "vold-vaaben",
        "indbyggere",
    ] {
        assert!(out.stderr.contains(needle), "{needle}: {}", out.stderr);
    }
    let year = run(&[
        "baseline",
        "--year",
        "2026",
        "--observations",
        EXAMPLE,
        "--date",
        "2026-06-15",
    ]);
    assert_eq!(year.code, 2, "{}", year.stderr);
    let date = run(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        EXAMPLE,
        "--date",
        "2025-12-31",
    ]);
    assert_eq!(date.code, 2, "{}", date.stderr);
}
