//! `tryghed meetings`: the example log passes; a broken copy lists every problem with its line.
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
    "/../../examples/moeder-2026-eksempel.toml"
);

fn example() -> String {
    std::fs::read_to_string(EXAMPLE).unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_example_log_passes_during_and_after_the_year() {
    for as_of in ["2026-12-01", "2027-01-15"] {
        let out = run(&["meetings", "check", EXAMPLE, "--as-of", as_of]);
        assert_eq!(out.code, 0, "{as_of}: {}{}", out.stdout, out.stderr);
        assert!(
            out.stdout
                .contains("mødeloggen overholder aftalens organisering (0 fejl, 0 advarsler)"),
            "{}",
            out.stdout
        );
    }
    let out = run(&["meetings", "check", EXAMPLE, "--as-of", "2027-01-15"]);
    assert!(
        out.stdout.contains(
            "Arbejdsgruppe: 9 holdt, 0 planlagt; 8-10 om året: overholdt; 10 af 10 parter har været repræsenteret"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("kontrolleret 15. januar 2027; året er slut"),
        "{}",
        out.stdout
    );
    // Without --as-of the check runs as of today, and the example passes then too.
    let out = run(&["meetings", "check", EXAMPLE, "--year", "2026"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn a_broken_copy_of_the_example_exits_1_with_every_problem_at_its_line() {
    // Synthetic breakage: an unknown attendee, another chair for one arbejdsgruppe meeting,
    // and a styregruppe meeting moved into 2025.
    let text = example()
        .replacen("    \"politi\",\n", "    \"politii\",\n", 1)
        .replacen(
            "date = 2026-03-10\nchair = \"sikker-by\"",
            "date = 2026-03-10\nchair = \"politi\"",
            1,
        )
        .replacen("date = 2026-11-17", "date = 2025-11-17", 1);
    let path = temp_file("synthetic-moeder-2026.toml", &text);
    let out = run(&[
        "meetings",
        "check",
        path.to_str().unwrap(),
        "--as-of",
        "2027-01-15",
    ]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let err = &out.stderr;
    let at = |needle: &str| format!("synthetic-moeder-2026.toml:{}:", line_of(&text, needle));
    assert!(
        err.contains("fejl: \"politii\" er ikke part i aftalen"),
        "{err}"
    );
    assert!(err.contains(&at("\"politii\"")), "{err}");
    assert!(err.contains("= felt: meetings[0].attendees[8]"), "{err}");
    assert!(
        err.contains("blev ledet af Københavns Politi (politi), men projektleder"),
        "{err}"
    );
    assert!(err.contains(&at("chair = \"politi\"")), "{err}");
    assert!(
        err.contains("mødet den 2025-11-17 ligger ikke i mødeloggens år 2026"),
        "{err}"
    );
    assert!(err.contains(&at("2025-11-17")), "{err}");
    assert!(err.contains("(3 fejl, "), "{err}");
    // The agreement's own words are quoted.
    assert!(
        err.contains("»Kontor for Sikker By og Udsatte Boligområder udpeger en projektleder, som samtidig fungerer som tovholder for arbejdsgruppen.«"),
        "{err}"
    );
}

#[test]
fn json_output_has_the_diagnostics_and_the_summary() {
    let out = run(&[
        "meetings",
        "check",
        EXAMPLE,
        "--as-of",
        "2027-01-15",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0);
    let bodies = json["summary"]["bodies"].as_array().unwrap();
    assert_eq!(bodies[0]["body"], "steering_group");
    assert_eq!(bodies[0]["held"], 2);
    assert_eq!(bodies[1]["cadence"], "met");
    assert_eq!(json["summary"]["state"], "complete");
}

#[test]
fn a_year_that_is_over_without_enough_meetings_is_an_error() {
    // Synthetic: the example with two arbejdsgruppe meetings moved out of the log.
    let text = example()
        .replacen("date = 2026-01-13", "date = 2027-01-13", 1)
        .replacen("date = 2026-02-10", "date = 2027-02-10", 1);
    let path = temp_file("synthetic-few-meetings.toml", &text);
    let out = run(&[
        "meetings",
        "check",
        path.to_str().unwrap(),
        "--as-of",
        "2027-03-01",
    ]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("arbejdsgruppen holdt 7 møder i 2026; aftalen kræver mindst 8"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("»Arbejdsgruppen mødes 8-10 gange årligt.«"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_file_is_a_usage_error_and_a_bad_date_too() {
    let out = run(&["meetings", "check", "/nonexistent/møder.toml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = run(&["meetings", "check", EXAMPLE, "--as-of", "2026-02-30"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("er ikke en dato"), "{}", out.stderr);
}

#[test]
fn new_writes_a_danish_skeleton_that_checks() {
    let out = run(&["meetings", "new", "--year", "2027"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("year = 2027"), "{}", out.stdout);
    assert!(
        out.stdout.contains("# Kopiér denne blok for hvert møde"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("»Styregruppen mødes efter behov, dog mindst én gang årligt.«"),
        "{}",
        out.stdout
    );
    let path = temp_file("moeder-2027.toml", &out.stdout);
    let check = run(&[
        "meetings",
        "check",
        path.to_str().unwrap(),
        "--as-of",
        "2027-01-02",
    ]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("mødeloggen for 2027 har ingen møder"),
        "{}",
        check.stdout
    );

    let outside = run(&["meetings", "new", "--year", "2031"]);
    assert_eq!(outside.code, 2);
    assert!(
        outside
            .stderr
            .contains("2031 ligger uden for aftaleperioden 2026–2029"),
        "{}",
        outside.stderr
    );
}

#[test]
fn new_does_not_overwrite_a_file() {
    let path = temp_file("exists.toml", "year = 2026\n");
    let out = run(&[
        "meetings",
        "new",
        "--year",
        "2026",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("findes allerede"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "year = 2026\n");
}
