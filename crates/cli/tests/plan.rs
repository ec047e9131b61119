//! `tryghed plan`: the example passes; a broken plan lists every problem with its line.
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
    "/../../examples/tryghedsplan-2026-eksempel.toml"
);
const FOLLOW_UP: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/opfoelgning-2026-eksempel.toml"
);

#[test]
fn the_example_plan_passes() {
    let out = run(&["plan", "check", EXAMPLE]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("the plan is valid"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "835.000,00 kr. of 1.050.000,00 kr. activity funds (remainder 215.000,00 kr.)"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("4 of 5 activities"), "{}", out.stdout);
}

/// Synthetic: 3 activities of which 2 have two or more partners, the budgets 0,01 kr. over
/// the activity funds of 1.050.000 kr., and an unknown party.
const SYNTHETIC_BROKEN: &str = r#"year = 2026

[[activities]]
id = "a"
title = "Synthetic A"
focus_area = "kommunikation"
responsible = "okf"
partners = ["3b"]
budget = "1.000.000,00 kr."

[[activities.deliverables]]
id = "d"
what = "Something"
due = 2026-06-30

[[activities]]
id = "b"
title = "Synthetic B"
focus_area = "tryggere-byrum"
responsible = "politii"
partners = ["sab"]
budget = "50.000,01"

[[activities.deliverables]]
id = "d"
what = "Something"
due = 2026-06-30

[[activities]]
id = "c"
title = "Synthetic C"
focus_area = "positive-faellesskaber"
responsible = "kff"
budget = 0

[[activities.deliverables]]
id = "d"
what = "Something"
due = 2026-06-30
"#;

#[test]
fn a_broken_plan_lists_all_three_problems_with_their_lines() {
    let path = temp_file("synthetic-broken.toml", SYNTHETIC_BROKEN);
    let out = run(&["plan", "check", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let err = &out.stderr;
    // The unknown party, at its line and column.
    assert!(
        err.contains("the responsible party \"politii\" is not a party of the agreement"),
        "{err}"
    );
    assert!(err.contains("synthetic-broken.toml:20:15"), "{err}");
    assert!(err.contains("20 | responsible = \"politii\""), "{err}");
    // The budget 0,01 kr. over, at the budget that takes the total over.
    assert!(
        err.contains("total 1.050.000,01 kr., which is 0,01 kr. more than the activity funds for 2026 (1.050.000,00 kr.)"),
        "{err}"
    );
    assert!(err.contains("synthetic-broken.toml:22:10"), "{err}");
    // 2 of 3 is below 75 %, pointing at the single-organisation activity.
    assert!(
        err.contains("only 2 of 3 activities involve two or more partners"),
        "{err}"
    );
    assert!(err.contains("synthetic-broken.toml:29:1"), "{err}");
    assert!(err.contains("(3 errors, 0 warnings)"), "{err}");
}

#[test]
fn json_output_lists_the_diagnostics_and_exits_1() {
    let path = temp_file("synthetic-broken.toml", SYNTHETIC_BROKEN);
    let out = run(&["plan", "check", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["valid"], false);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 3);
    let lines: Vec<u64> = diagnostics
        .iter()
        .map(|d| d["location"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [20, 22, 29]);
    assert_eq!(diagnostics[0]["field"], "activities[1].responsible");
}

#[test]
fn missing_file_is_a_usage_error() {
    let out = run(&["plan", "check", "/nonexistent/plan.toml"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn new_writes_a_skeleton_that_checks_with_one_warning() {
    let out = run(&["plan", "new", "--year", "2027"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("year = 2027"));
    assert!(
        out.stdout
            .contains("#   positive-faellesskaber  Flere positive fællesskaber")
    );
    assert!(
        !out.stdout.contains("\n[[activities]]"),
        "no invented activities"
    );
    let path = temp_file("skeleton.toml", &out.stdout);
    let check = run(&["plan", "check", path.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check.stdout.contains("has no activities"),
        "{}",
        check.stdout
    );

    let outside = run(&["plan", "new", "--year", "2031"]);
    assert_eq!(outside.code, 2);
    assert!(
        outside
            .stderr
            .contains("outside the agreement period 2026–2029")
    );
}

#[test]
fn new_does_not_overwrite_a_file() {
    let path = temp_file("exists.toml", "year = 2026\n");
    let out = run(&[
        "plan",
        "new",
        "--year",
        "2026",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "year = 2026\n");
}

#[test]
fn summary_with_follow_up() {
    let out = run(&["plan", "summary", EXAMPLE, "--follow-up", FOLLOW_UP]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("5 aktiviteter i alt, 6 leverancer"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Tryggere byrum"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("4 af 5 aktiviteter har to eller flere partnere (80,0 %)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "Opfølgning på leverancerne: 4 leveret, 1 delvist, 1 ikke leveret, 0 ikke rapporteret"
        ),
        "{}",
        out.stdout
    );
    // The follow-up per focus area lists the areas in the agreement's order, as above.
    let follow_up = out.stdout.split("Pr. indsatsområde:").nth(1).unwrap();
    let at = |name: &str| follow_up.find(&format!("    {name}:")).unwrap();
    assert!(
        at("Kommunikation") < at("Tryggere byrum")
            && at("Tryggere byrum") < at("Flere positive fællesskaber"),
        "{}",
        out.stdout
    );

    let json = run(&[
        "plan",
        "summary",
        EXAMPLE,
        "--follow-up",
        FOLLOW_UP,
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["summary"]["budget"]["total"], "835000.00");
    assert_eq!(value["follow_up"]["total"]["not_delivered"], 1);
}

#[test]
fn a_follow_up_naming_an_unknown_deliverable_fails_with_its_line() {
    let text = "year = 2026\n\n[[deliverables]]\nactivity = \"nyhedsbrev\"\ndeliverable = \"nr-9\"\nstatus = \"delivered\"\n";
    let path = temp_file("synthetic-follow-up.toml", text);
    let out = run(&[
        "plan",
        "summary",
        EXAMPLE,
        "--follow-up",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("activity \"nyhedsbrev\" has no deliverable \"nr-9\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("synthetic-follow-up.toml:5:15"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unreadable_budget_does_not_hide_the_other_problems_of_its_activity() {
    // Synthetic: activity "b" gets the id of "a" and a budget that cannot be read.
    let text = SYNTHETIC_BROKEN
        .replacen("id = \"b\"", "id = \"a\"", 1)
        .replacen("budget = \"50.000,01\"", "budget = \"1e3\"", 1);
    let path = temp_file("synthetic-unreadable-budget.toml", &text);
    let out = run(&["plan", "check", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let err = &out.stderr;
    assert!(
        err.contains("activity id \"a\" is used more than once"),
        "{err}"
    );
    assert!(
        err.contains("the responsible party \"politii\" is not a party of the agreement"),
        "{err}"
    );
    for place in ["17:6", "20:15", "22:10"] {
        assert!(
            err.contains(&format!("synthetic-unreadable-budget.toml:{place}")),
            "{err}"
        );
    }
    assert!(
        err.contains("the budget total and its limit of the activity funds were not checked, because activities[1].budget (activity \"a\") could not be read"),
        "{err}"
    );
    // The parties could all be read, so the collaboration rule still ran.
    assert!(
        err.contains("only 2 of 3 activities involve two or more partners"),
        "{err}"
    );
    assert!(err.contains("(4 errors, 1 warning)"), "{err}");
}
