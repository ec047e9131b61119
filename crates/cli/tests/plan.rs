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
    assert!(
        out.stdout.contains("tryghedsplanen overholder aftalen"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "835.000,00 kr. af 1.050.000,00 kr. i aktivitetsmidler (rest 215.000,00 kr.)"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("4 af 5 aktiviteter"), "{}", out.stdout);
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
        err.contains("den ansvarlige part \"politii\" er ikke part i aftalen"),
        "{err}"
    );
    assert!(err.contains("synthetic-broken.toml:20:15"), "{err}");
    assert!(err.contains("20 | responsible = \"politii\""), "{err}");
    // The budget 0,01 kr. over, at the budget that takes the total over.
    assert!(
        err.contains("i alt 1.050.000,01 kr., hvilket er 0,01 kr. mere end aktivitetsmidlerne for 2026 (1.050.000,00 kr.)"),
        "{err}"
    );
    assert!(err.contains("synthetic-broken.toml:22:10"), "{err}");
    // 2 of 3 is below 75 %, pointing at the single-organisation activity.
    assert!(
        err.contains("kun 2 af 3 aktiviteter involverer to eller flere samarbejdspartnere"),
        "{err}"
    );
    assert!(err.contains("synthetic-broken.toml:29:1"), "{err}");
    assert!(err.contains("(3 fejl, 0 advarsler)"), "{err}");
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
        check.stdout.contains("har ingen aktiviteter"),
        "{}",
        check.stdout
    );

    let outside = run(&["plan", "new", "--year", "2031"]);
    assert_eq!(outside.code, 2);
    assert!(
        outside
            .stderr
            .contains("ligger uden for aftaleperioden 2026–2029")
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
            .contains("4 af 5 aktiviteter har to eller flere samarbejdspartnere (80,0 %)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "Opfølgning på leverancerne: 4 leveret, 1 delvist leveret, 1 ikke leveret, 0 ikke afrapporteret"
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
            .contains("aktiviteten \"nyhedsbrev\" har ingen leverance \"nr-9\""),
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
        err.contains("aktivitets-id'et \"a\" bruges mere end én gang"),
        "{err}"
    );
    assert!(
        err.contains("den ansvarlige part \"politii\" er ikke part i aftalen"),
        "{err}"
    );
    for place in ["17:6", "20:15", "22:10"] {
        assert!(
            err.contains(&format!("synthetic-unreadable-budget.toml:{place}")),
            "{err}"
        );
    }
    assert!(
        err.contains("budgettets sum og grænsen på årets aktivitetsmidler blev ikke kontrolleret, fordi activities[1].budget (aktiviteten \"a\") ikke kunne læses"),
        "{err}"
    );
    // The parties could all be read, so the collaboration rule still ran.
    assert!(
        err.contains("kun 2 af 3 aktiviteter involverer to eller flere samarbejdspartnere"),
        "{err}"
    );
    assert!(err.contains("(4 fejl, 1 advarsel)"), "{err}");
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_broken_copy_of_the_revised_example_plan_exits_1_with_lines() {
    // Synthetic breakage: the revision removed (the plan still says "revised"), the approval
    // dated 30 February, and an objective without its description.
    let example = std::fs::read_to_string(EXAMPLE).unwrap();
    let revision = example
        .split("[[revisions]]")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    let text = example
        .replace(&format!("[[revisions]]{revision}"), "")
        .replace("date = 2026-02-24", "date = \"2026-02-30\"")
        .replacen(
            "what = \"Eksempel: Mindst halvdelen af husstandene kender nyhedsbrevet\"\n",
            "",
            1,
        );
    let path = temp_file("synthetic-revised-plan.toml", &text);
    let out = run(&["plan", "check", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let err = &out.stderr;
    let at = |needle: &str| format!("synthetic-revised-plan.toml:{}:", line_of(&text, needle));
    assert!(
        err.contains("tryghedsplanen er revideret, men har ingen revision ([[revisions]])"),
        "{err}"
    );
    assert!(err.contains(&at("status = \"revised\"")), "{err}");
    assert!(
        err.contains("\"2026-02-30\" er ikke en dato; skriv en dato som 2026-06-30"),
        "{err}"
    );
    assert!(err.contains(&at("2026-02-30")), "{err}");
    assert!(
        err.contains("beskrivelsen af målsætningen (what) mangler"),
        "{err}"
    );
    assert!(
        err.contains("= felt: activities[0].objectives[0].what"),
        "{err}"
    );
    assert!(err.contains("(3 fejl, 0 advarsler)"), "{err}");
}

#[test]
fn summary_shows_the_status_and_every_deviation_with_its_action() {
    let out = run(&["plan", "summary", EXAMPLE, "--follow-up", FOLLOW_UP]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = &out.stdout;
    assert!(
        text.contains("Status: revideret (godkendt 24. februar 2026 af styregruppen)"),
        "{text}"
    );
    assert!(
        text.contains("  revideret 17. november 2026: Eksempel:"),
        "{text}"
    );
    let deviations = text.split("Afvigelser og handlinger:").nth(1).unwrap();
    assert!(
        deviations.contains("    Nye lamper sat op langs stierne: ikke leveret"),
        "{text}"
    );
    assert!(
        deviations.contains("      Begrundelse: Eksempel: leverandøren af lamperne er forsinket"),
        "{text}"
    );
    assert!(
        deviations.contains("      Frist: 30. november 2026 (ny frist: 30. april 2027)"),
        "{text}"
    );
    assert!(deviations.contains(": delvist opnået"), "{text}");
    assert!(
        text.contains("Opfølgning på målsætningerne: 1 opnået, 1 delvist opnået"),
        "{text}"
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
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let deviations = value["follow_up"]["deviations"].as_array().unwrap();
    assert_eq!(deviations.len(), 3);
    assert_eq!(deviations[1]["item"]["kind"], "deliverable");
    assert_eq!(deviations[1]["new_due"], "2027-04-30");
}

#[test]
fn a_broken_follow_up_lists_every_problem_with_its_line() {
    // Synthetic: the example follow-up for the wrong year, with one bad status and one
    // unknown deliverable; none hides the others.
    let example = std::fs::read_to_string(FOLLOW_UP).unwrap();
    let text = example
        .replacen("year = 2026", "year = 2027", 1)
        .replacen("status = \"delivered\"", "status = \"done\"", 1)
        .replacen("deliverable = \"pladser\"", "deliverable = \"pladsen\"", 1);
    let path = temp_file("synthetic-opfoelgning.toml", &text);
    let out = run(&[
        "plan",
        "summary",
        EXAMPLE,
        "--follow-up",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let err = &out.stderr;
    let at = |needle: &str| format!("synthetic-opfoelgning.toml:{}:", line_of(&text, needle));
    assert!(
        err.contains("opfølgningen er for 2027, men tryghedsplanen er for 2026"),
        "{err}"
    );
    assert!(err.contains(&at("year = 2027")), "{err}");
    assert!(err.contains("ukendt status \"done\""), "{err}");
    assert!(err.contains(&at("status = \"done\"")), "{err}");
    assert!(
        err.contains("aktiviteten \"fritidsjob\" har ingen leverance \"pladsen\""),
        "{err}"
    );
    assert!(err.contains(&at("\"pladsen\"")), "{err}");
}
