//! `tryghed budget` as a user runs it.
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
fn json_shows_every_year_with_its_two_lines() {
    let out = run(&["budget", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let years = json["years"].as_array().unwrap();
    let numbers: Vec<i64> = years.iter().map(|y| y["year"].as_i64().unwrap()).collect();
    assert_eq!(numbers, [2026, 2027, 2028, 2029]);
    for year in years {
        assert_eq!(year["total"], "1467000.00");
        let lines = year["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["id"], "projektledelse");
        assert_eq!(lines[0]["amount"], "417000.00");
        assert_eq!(lines[0]["fte"], "0.5");
        assert_eq!(lines[1]["id"], "aktivitetsmidler");
        assert_eq!(lines[1]["amount"], "1050000.00");
    }
    assert_eq!(json["totals"]["total"], "5868000.00");
}

#[test]
fn text_uses_danish_kroner() {
    let out = run(&["budget", "--year", "2028"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1.050.000,00 kr."), "{}", out.stdout);
    assert!(
        out.stdout.contains("Projektledelse (0,5 årsværk)"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("2027"), "{}", out.stdout);
}

#[test]
fn a_year_outside_the_period_exits_1() {
    let out = run(&["budget", "--year", "2030"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("2030 is not in the budget"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_malformed_amount_exits_1_naming_field_and_line() {
    let text = FOLEHAVEN_TOML.replace("amount = \"417.000,00\"", "amount = \"417.000,005\"");
    let line = text
        .lines()
        .position(|l| l.contains("417.000,005"))
        .unwrap()
        + 1;
    let path = temp_file("synthetic_bad_amount.toml", &text);
    let out = run(&["budget", "--agreement", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains(&format!(":{line}:")), "{}", out.stderr);
    assert!(
        out.stderr.contains("budget.lines[0].amount"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("417.000,005"), "{}", out.stderr);
}

#[test]
fn lines_that_do_not_sum_to_the_total_exit_1() {
    let text = FOLEHAVEN_TOML.replace("amount = \"1.050.000,00\"", "amount = \"1.050.000,01\"");
    let path = temp_file("synthetic_unbalanced.toml", &text);
    let out = run(&["budget", "--agreement", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("budget"), "{}", out.stderr);
}
