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
        out.stderr.contains("2030 ligger ikke i budgettet"),
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

const LEDGER: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/synthetic-regnskab-2026.toml"
);

fn ledger_text() -> String {
    std::fs::read_to_string(LEDGER).unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn the_whole_budget_from_a_ledger_shows_both_lines_every_year() {
    let out = run(&["budget", "--ledger", LEDGER]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = &out.stdout;
    assert!(
        text.contains("Bevilget        Disponeret          Forbrugt               Fri"),
        "{text}"
    );
    assert!(
        text.contains("  Projektledelse                    417.000,00 kr.    208.500,00 kr.    208.500,00 kr.          0,00 kr."),
        "{text}"
    );
    assert!(
        text.contains("  Aktivitetsmidler                1.050.000,00 kr.    150.000,00 kr.    412.500,00 kr.    487.500,00 kr."),
        "{text}"
    );
    assert!(text.contains("2027 (intet regnskab givet"), "{text}");
    assert!(text.contains("Hele perioden 2026–2029"), "{text}");
    assert!(text.contains("(vores læsning)"), "{text}");

    let json = run(&["budget", "--ledger", LEDGER, "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let year = &value["overview"]["years"][0];
    assert_eq!(year["booked"], true);
    assert_eq!(year["lines"][1]["committed"], "150000.00");
    assert_eq!(year["total"]["allocated"], "1467000.00");
    assert_eq!(value["overview"]["total"]["allocated"], "5868000.00");

    let one = run(&["budget", "--ledger", LEDGER, "--year", "2026"]);
    assert!(!one.stdout.contains("2027"), "{}", one.stdout);
}

#[test]
fn a_ledger_with_problems_exits_1_with_every_problem_at_its_line() {
    // Synthetic breakage: a posting dated in 2025, and spending above an allocation.
    let text = ledger_text()
        .replacen("date = \"2026-03-15\"", "date = \"2025-03-15\"", 1)
        .replacen("amount = \"120.000,00\"", "amount = \"360.000,00\"", 1);
    let path = temp_file("synthetic-regnskab.toml", &text);
    let out = run(&["budget", "--ledger", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let err = &out.stderr;
    let at = |needle: &str| format!("synthetic-regnskab.toml:{}:", line_of(&text, needle));
    assert!(
        err.contains("posteringen den 2025-03-15 ligger uden for regnskabsåret 2026"),
        "{err}"
    );
    assert!(err.contains(&at("2025-03-15")), "{err}");
    assert!(
        err.contains("aktiviteten \"fritidsjob\": en udgift på 360.000,00 kr. ville bringe forbruget over fordelingen på 350.000,00 kr."),
        "{err}"
    );
    assert!(err.contains(&at("360.000,00")), "{err}");
}

#[test]
fn two_ledgers_of_one_year_are_refused() {
    let out = run(&["budget", "--ledger", LEDGER, "--ledger", LEDGER]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr.contains("der er to regnskaber for 2026"),
        "{}",
        out.stderr
    );
}
