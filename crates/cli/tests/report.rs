//! `tryghed report` as a user runs it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

const SYNTHETIC_OBSERVATIONS: &str =
    include_str!("../../report/tests/data/synthetic_observations.csv");
const SYNTHETIC_LEDGER: &str = include_str!("../../report/tests/data/synthetic_ledger.toml");

#[test]
fn with_no_options_it_reports_on_the_embedded_agreement_and_says_what_is_missing() {
    let out = run(&["report"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("# Status 2026: Folehaven Tryghedspartnerskab 2026–2029")
    );
    assert!(out.stdout.contains("77 % (2025)"));
    assert!(out.stdout.contains("Mangler i grundlaget"));
    assert!(
        out.stdout
            .contains("Tryghedsplanen for 2026 er ikke angivet")
    );
}

#[test]
fn html_to_a_file_is_one_self_contained_page() {
    let dir = temp_file("placeholder", "");
    let path = dir.with_file_name("status.html");
    let out = run(&["report", "--format", "html", "-o", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<svg").count(), 3);
}

#[test]
fn observations_and_ledger_feed_the_report() {
    let obs = temp_file("synthetic_observations.csv", SYNTHETIC_OBSERVATIONS);
    let ledger = temp_file("synthetic_ledger.toml", SYNTHETIC_LEDGER);
    let out = run(&[
        "report",
        "--observations",
        obs.to_str().unwrap(),
        "--ledger",
        ledger.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["year"], 2026);
    assert_eq!(json["budget"]["spent"], "392500.00");
    let chikane = json["crime"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "chikane")
        .unwrap();
    // Exact in JSON, marked as suppressed in print.
    assert_eq!(chikane["series"][1]["count"]["value"], 4);
    assert_eq!(chikane["series"][1]["count"]["suppressed"], true);
    let md = run(&["report", "--observations", obs.to_str().unwrap()]);
    assert!(md.stdout.contains("| < 5 |"));
}

#[test]
fn bad_observations_exit_1_and_name_the_line() {
    let obs = temp_file(
        "bad.csv",
        "indicator,area,year,value\nindbrud,omraade,20x5,3\n",
    );
    let out = run(&["report", "--observations", obs.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("bad.csv"), "{}", out.stderr);
    assert!(out.stderr.contains("year"), "{}", out.stderr);
}

#[test]
fn a_missing_file_exits_2() {
    let out = run(&["report", "--ledger", "/nonexistent/ledger.toml"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("/nonexistent/ledger.toml"));
}

#[test]
fn the_example_plan_and_follow_up_feed_the_report() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let plan = root.join("tryghedsplan-2026-eksempel.toml");
    let follow_up = root.join("opfoelgning-2026-eksempel.toml");
    let out = run(&[
        "report",
        "--plan",
        plan.to_str().unwrap(),
        "--follow-up",
        follow_up.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        !out.stdout
            .contains("Tryghedsplanen for 2026 er ikke angivet")
    );
    assert!(
        out.stdout
            .contains("Tryghedsplanen fra tryghedsplan-2026-eksempel.toml (2026)")
    );
    assert!(out.stdout.contains("aktiviteter ("), "{}", out.stdout);
    assert!(
        !out.stdout
            .contains("Opfølgningen på tryghedsplanen er ikke angivet")
    );
}

#[test]
fn an_invalid_plan_exits_1() {
    let plan = temp_file("plan.toml", "year = \"x\"\n");
    let out = run(&["report", "--plan", plan.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("plan.toml"), "{}", out.stderr);
}
