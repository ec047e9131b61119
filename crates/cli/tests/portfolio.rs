//! `tryghed portfolio`: one row per partnership, in every format, from the same published
//! evaluation as `tryghed report`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::run;

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_embedded_agreement_and_the_example_give_one_row_each_in_every_format() {
    let other = example("eksempel-partnerskab-ryparken.toml");
    let out = run(&["portfolio", "--embedded", &other, "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = json["partnerships"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["agreement"], "folehaven-2026-2029");
    assert_eq!(rows[1]["agreement"], "eksempel-ryparken-2026-2029");
    assert_eq!(rows[0]["budget"][0]["total"], "1467000.00");
    assert_eq!(rows[1]["budget"][0]["total"], "1267000.00");
    assert_eq!(rows[0]["goals"].as_array().unwrap().len(), 3);

    let out = run(&["portfolio", "--embedded", &other]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let table_rows: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Partnerskab"))
        .collect();
    assert_eq!(table_rows.len(), 2, "{}", out.stdout);
    assert!(table_rows[0].contains("Folehaven Tryghedspartnerskab 2026–2029"));
    assert!(table_rows[1].contains("Ryparken") && table_rows[1].contains("(eksempel)"));
    assert!(
        table_rows[0].contains("1.467.000,00 kr. om året"),
        "{}",
        table_rows[0]
    );

    let out = run(&["portfolio", "--embedded", &other, "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("<!DOCTYPE html>"));
    assert_eq!(out.stdout.matches("<tr><th scope=\"row\">").count(), 2);
}

#[test]
fn the_statuses_are_the_report_s() {
    let out = run(&[
        "portfolio",
        &example("eksempel-partnerskab-ryparken.toml"),
        "--year",
        "2026",
        "--observations",
        &example("eksempel-ryparken-observationer-2026.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let row = &json["partnerships"][0];
    let report = run(&[
        "report",
        "--agreement",
        &example("eksempel-partnerskab-ryparken.toml"),
        "--year",
        "2026",
        "--observations",
        &example("eksempel-ryparken-observationer-2026.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
    let report: serde_json::Value = serde_json::from_str(&report.stdout).unwrap();
    let summary = report["summary"].as_array().unwrap();
    assert_eq!(row["goals"].as_array().unwrap().len(), summary.len());
    let label = |s: &str| match s {
        "met" => "opfyldt",
        "not-met" => "ikke opfyldt",
        "on-track" => "på rette vej",
        "off-track" => "ikke på rette vej",
        "pending" => "afventer",
        "monitored" => "monitoreres",
        _ => "ikke vist",
    };
    for (goal, line) in row["goals"].as_array().unwrap().iter().zip(summary) {
        assert_eq!(goal["goal"], line["goal"]);
        assert_eq!(
            goal["status"],
            label(line["status"]["status"].as_str().unwrap())
        );
    }
    assert_eq!(row["collaboration"]["text"], "80 %");
    // No count of police reports is in the overview (only statuses and the plan's share).
    assert!(!out.stdout.contains("\"count\""), "{}", out.stdout);
}

#[test]
fn observations_must_pair_with_the_rows() {
    let out = run(&[
        "portfolio",
        "--embedded",
        &example("eksempel-partnerskab-ryparken.toml"),
        "--observations",
        &example("eksempel-ryparken-observationer-2026.csv"),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("observationsfiler"), "{}", out.stderr);
    let out = run(&["portfolio"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}
