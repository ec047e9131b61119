//! `tryghed agreement` as a user runs it: output, exit codes and error messages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};
use tryghed_agreement::FOLEHAVEN_TOML;

#[test]
fn json_lists_the_participants_parents_period_and_focus_areas() {
    let out = run(&["agreement", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();

    let participants = json["participants"].as_array().unwrap();
    assert_eq!(participants.len(), 10);
    let parties = json["parties"].as_array().unwrap();
    let party = |id: &str| {
        parties
            .iter()
            .find(|p| p["id"] == id)
            .unwrap_or_else(|| panic!("no party {id}"))
    };
    for id in ["okf", "sof", "buf", "tmf", "bif", "suf", "kff"] {
        assert_eq!(party(id)["kind"], "administration");
        assert_eq!(party(id)["parent"], "kk", "{id}");
    }
    assert_eq!(party("kk")["name"], "Københavns Kommune");
    assert_eq!(party("kk")["kind"], "municipality");
    assert_eq!(party("ssp")["kind"], "unit");
    assert_eq!(party("ssp")["parent"], "sof");
    assert_eq!(party("politi")["kind"], "police");
    assert_eq!(party("3b")["kind"], "housing_association");
    assert_eq!(party("sab")["kind"], "housing_association");

    assert_eq!(json["period"]["start"], "2026-01-01");
    assert_eq!(json["period"]["end"], "2029-12-31");
    let areas: Vec<&str> = json["focus_areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        areas,
        [
            "Kommunikation",
            "Tryggere byrum",
            "Flere positive fællesskaber"
        ]
    );
}

#[test]
fn text_is_danish() {
    let out = run(&["agreement"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Periode: 1. januar 2026 til og med 31. december 2029")
    );
    assert!(out.stdout.contains("SSP — enhed under Socialforvaltningen"));
    assert!(
        out.stdout
            .contains("Økonomiforvaltningen (ØKF) — forvaltning under Københavns Kommune")
    );
    let caveats = out
        .stdout
        .split_once("Forbehold i hver afrapportering:")
        .map(|(_, rest)| rest);
    assert!(
        caveats.is_some_and(|c| c.contains("det hidtidige partnerskabsområde")),
        "{}",
        out.stdout
    );
}

/// Runs `tryghed agreement --agreement` on `text` and returns (exit code, stderr).
fn check(name: &str, text: &str) -> (i32, String) {
    let path = temp_file(name, text);
    let out = run(&["agreement", "--agreement", path.to_str().unwrap()]);
    (out.code, out.stderr)
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_bad_cvr_exits_1_naming_the_value_and_line() {
    let text = FOLEHAVEN_TOML.replace("64942212", "64942213");
    let (code, stderr) = check("synthetic_bad_cvr.toml", &text);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("64942213"), "{stderr}");
    let line = line_of(&text, "id = \"64942213\"");
    assert!(
        stderr.contains(&format!(":{line}:")),
        "line {line}: {stderr}"
    );
    assert!(stderr.contains("parties[0].identifiers"), "{stderr}");
}

#[test]
fn an_unknown_party_exits_1_naming_field_and_line() {
    let text = FOLEHAVEN_TOML.replace(
        "participants = [\"okf\"",
        "participants = [\"fsb\", \"okf\"",
    );
    let (code, stderr) = check("synthetic_unknown_party.toml", &text);
    assert_eq!(code, 1, "{stderr}");
    let line = line_of(&text, "participants = [\"fsb\"");
    assert!(
        stderr.contains(&format!(":{line}:")) && stderr.contains("participants[0]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ukendt part \"fsb\": den står ikke blandt [[parties]]"),
        "{stderr}"
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let text = FOLEHAVEN_TOML
        .replace("parent = \"sof\"", "parent = \"nope\"")
        .replace("end = 2029-12-31", "end = 2025-12-31")
        .replace(
            "\"politi\", \"3b\", \"sab\"]\nparticipants",
            "\"politi\", \"3c\", \"sab\"]\nparticipants",
        );
    let (code, stderr) = check("synthetic_three_problems.toml", &text);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("aftalen kan ikke bruges (3 fejl)"),
        "{stderr}"
    );
    assert!(stderr.contains("period.end"), "{stderr}");
    assert!(
        stderr.contains("nævner en ukendt overordnet \"nope\""),
        "{stderr}"
    );
    // One "fejl:" line per problem, in Danish.
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("fejl: ")).count(),
        4,
        "{stderr}"
    );
    for english in ["unknown", "3 problems", "before it starts"] {
        assert!(!stderr.contains(english), "{english}: {stderr}");
    }
    assert!(stderr.contains("signatories[2]"), "{stderr}");
}

#[test]
fn a_period_that_ends_before_it_starts_exits_1() {
    let text = FOLEHAVEN_TOML.replace("end = 2029-12-31", "end = 2025-12-31");
    let (code, stderr) = check("synthetic_backwards_period.toml", &text);
    assert_eq!(code, 1, "{stderr}");
    let line = line_of(&text, "end = 2025-12-31");
    assert!(stderr.contains(&format!(":{line}:")), "{stderr}");
    assert!(
        stderr.contains("period.end: perioden slutter (2025-12-31), før den begynder (2026-01-01)"),
        "{stderr}"
    );
}

#[test]
fn malformed_toml_exits_1_with_line_and_column() {
    let text = FOLEHAVEN_TOML.replace("district = \"Valby\"", "district = \"Valby");
    let (code, stderr) = check("synthetic_malformed.toml", &text);
    assert_eq!(code, 1, "{stderr}");
    let line = line_of(&text, "district = \"Valby");
    assert!(stderr.contains(&format!(":{line}:")), "{stderr}");
}

#[test]
fn a_missing_file_is_an_io_error_exit_2() {
    let out = run(&["agreement", "--agreement", "/nonexistent/aftale.toml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("/nonexistent/aftale.toml"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_usage_error_exits_2() {
    let out = run(&["agreement", "--format", "pdf"]);
    assert_eq!(out.code, 2);
}

#[test]
fn never_panics_on_truncated_files() {
    // Every prefix cut at a line end is either valid or a clean exit 1.
    let lines: Vec<&str> = FOLEHAVEN_TOML.lines().collect();
    for cut in (0..lines.len()).step_by(9) {
        let text = lines[..cut].join("\n");
        let (code, stderr) = check("synthetic_truncated.toml", &text);
        assert!(code == 0 || code == 1, "cut {cut}: {code} {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
