//! `tryghed report --meetings`: the report's Organisering section from the year's meeting log.
//! A log that cannot be read is bad input (exit 1 at its line); a rule of the organisation the
//! log breaks is a result the section reports (exit 0).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn report(meetings: Option<&str>, date: &str, format: &str) -> support::Output {
    let mut args = vec![
        "report".to_owned(),
        "--year".into(),
        "2026".into(),
        "--date".into(),
        date.into(),
        "--format".into(),
        format.into(),
    ];
    if let Some(m) = meetings {
        args.push("--meetings".into());
        args.push(m.into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

fn section(md: &str) -> &str {
    let start = md.find("## Organisering").expect("an Organisering section");
    let end = md[start..]
        .find("\n## Området")
        .map_or(md.len(), |e| start + e);
    &md[start..end]
}

#[test]
fn the_example_log_gives_meetings_attendance_decisions_and_actions() {
    let out = report(
        Some(&example("moeder-2026-eksempel.toml")),
        "2026-05-12",
        "md",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = &out.stdout;
    let org = section(md);
    assert!(
        org.contains("opgjort 12. maj 2026 (året er i gang)"),
        "{org}"
    );
    assert!(
        org.contains(
            "| Styregruppe | 1 | 1 | mindst 1 om året | på rette vej: minimum nået (året er ikke slut) |"
        ),
        "{org}"
    );
    assert!(
        org.contains(
            "| Arbejdsgruppe | 4 | 5 | 8-10 om året | på rette vej: på vej (året er ikke slut) |"
        ),
        "{org}"
    );
    assert!(
        org.contains("Styregruppe, fremmøde per part ved det holdte møde:"),
        "{org}"
    );
    assert!(org.contains("| Københavns Politi | 4 af 4 | ja |"), "{org}");
    assert!(
        org.contains("- 24. februar 2026: Eksempel: Tryghedsplan 2026 godkendt"),
        "{org}"
    );
    assert!(org.contains("| Eksempel: Aftal datoer for tryghedsvandringen | Boligforeningen 3B | 10. februar 2026 | 13. januar 2026 |"), "{org}");
    // A meeting after the date of issue is planned, not held: its decisions are not there.
    assert!(!org.contains("17. november 2026"), "{org}");
    // The log is example data: the report says so.
    assert!(md.starts_with("# EKSEMPEL – Status 2026:"), "{md}");
    assert!(!md.contains("Mødeloggen for 2026 er ikke angivet"), "{md}");
}

#[test]
fn without_a_log_the_section_and_the_missing_box_say_so() {
    let out = report(None, "2026-05-12", "md");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(section(&out.stdout).contains("Mødeloggen er ikke angivet."));
    assert!(out.stdout.contains("Mødeloggen for 2026 er ikke angivet"));
}

const TOO_FEW: &str = r#"year = 2026

[[meetings]]
body = "arbejdsgruppe"
date = 2026-03-10
attendees = ["sikker-by", "politi"]
chair = "sikker-by"

[[meetings]]
body = "arbejdsgruppe"
date = 2026-09-10
attendees = ["sikker-by", "politi"]
chair = "sikker-by"
"#;

#[test]
fn a_year_over_with_too_few_meetings_is_a_finding_not_an_input_error() {
    let log = temp_file("moeder-2026.toml", TOO_FEW);
    // `tryghed meetings check` calls it an error …
    let check = run(&[
        "meetings",
        "check",
        log.to_str().unwrap(),
        "--as-of",
        "2027-02-01",
    ]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    // … and the report reports it.
    let out = report(Some(log.to_str().unwrap()), "2027-02-01", "md");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let org = section(&out.stdout);
    assert!(org.contains("(året er afsluttet)"), "{org}");
    assert!(
        org.contains("| Arbejdsgruppe | 2 | 0 | 8-10 om året | ikke opfyldt: for få møder |"),
        "{org}"
    );
    assert!(
        org.contains("| Styregruppe | 0 | 0 | mindst 1 om året | ikke opfyldt: for få møder |"),
        "{org}"
    );
    assert!(
        org.contains("Aftalens regler, der ikke er overholdt:"),
        "{org}"
    );
    // The same in the HTML page, with a badge.
    let html = report(Some(log.to_str().unwrap()), "2027-02-01", "html");
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(html.stdout.contains("<h2 id=\"h-org\">Organisering</h2>"));
    assert!(
        html.stdout
            .contains("<span class=\"status not-met\">ikke opfyldt</span>")
    );
}

#[test]
fn a_log_naming_an_unknown_party_exits_1_at_its_line() {
    let log = temp_file(
        "moeder-2026.toml",
        &TOO_FEW.replace(
            "[\"sikker-by\", \"politi\"]",
            "[\"sikker-by\", \"politii\"]",
        ),
    );
    let out = report(Some(log.to_str().unwrap()), "2026-05-12", "md");
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("\"politii\" er ikke part i aftalen"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("moeder-2026.toml:6"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn a_log_of_another_year_exits_1() {
    let log = temp_file("moeder-2027.toml", &TOO_FEW.replace("2026", "2027"));
    let out = report(Some(log.to_str().unwrap()), "2026-05-12", "md");
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    // With --year, the meetings check itself names the line.
    assert!(
        out.stderr
            .contains("mødeloggen er for 2027, men kontrollen gælder 2026"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("moeder-2027.toml:1:8"),
        "{}",
        out.stderr
    );
    // Without --year, the report's own year (the period's first) decides.
    let out = run(&["report", "--meetings", log.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("mødeloggen er for 2027, men rapporten gælder 2026"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_json_carries_the_section_and_reads_back() {
    let out = report(
        Some(&example("moeder-2026-eksempel.toml")),
        "2026-05-12",
        "json",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: tryghed_report::StatusReport = serde_json::from_str(&out.stdout).unwrap();
    let org = report.organisation().as_ref().expect("the section");
    assert_eq!(org.bodies().len(), 2);
    assert_eq!(*org.bodies()[1].held(), 4);
    assert_eq!(*org.bodies()[1].planned(), 5);
    // No person's name from the log reaches the report.
    assert!(!out.stdout.contains("Anne Eksempel"), "{}", out.stdout);
}
