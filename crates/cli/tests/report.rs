//! `tryghed report` as a user runs it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::fmt::Write as _;

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
    // Two survey panels, four crime panels and the map, each with its title and description.
    assert_eq!(
        html.matches("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")
            .count(),
        7
    );
    assert_eq!(html.matches("<desc id=").count(), 7);
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
    // The published JSON carries no value for a suppressed count.
    assert_eq!(
        chikane["series"][1]["count"],
        serde_json::json!({"status": "suppressed", "threshold": 5})
    );
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

/// A synthetic plan for 2026 with `multi` activities of two organisations and `single` of
/// one, each with `budget` kroner.
fn synthetic_plan(multi: usize, single: usize, budget: u64) -> String {
    let mut text = String::from("# SYNTHETIC plan for tests\nyear = 2026\n");
    for i in 0..multi + single {
        let partners = if i < multi { "[\"politi\"]" } else { "[]" };
        let _ = write!(
            text,
            "\n[[activities]]\nid = \"synthetic-{i}\"\ntitle = \"Synthetic {i}\"\nfocus_area = \"kommunikation\"\nresponsible = \"3b\"\npartners = {partners}\nbudget = {budget}\n\n[[activities.deliverables]]\nid = \"d\"\nwhat = \"Something\"\ndue = 2026-06-30\n"
        );
    }
    text
}

#[test]
fn a_plan_below_75_percent_is_a_verdict_in_the_report_and_an_error_in_plan_check() {
    // 149 of 200 activities = 74,5 %: below the agreement's 75 %.
    let plan = temp_file("synthetic_plan_74_5.toml", &synthetic_plan(149, 51, 0));
    let path = plan.to_str().unwrap();
    let out = run(&["report", "--year", "2026", "--plan", path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "149 af 200 aktiviteter (74,5 %) involverer to eller flere samarbejdspartnere. Målet er mindst 75 %. Status: **ikke opfyldt**."
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Andel af tryghedsplanens aktiviteter med to eller flere samarbejdspartnere: ikke opfyldt"),
        "{}",
        out.stdout
    );
    let json = run(&[
        "report", "--year", "2026", "--plan", path, "--format", "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["collaboration"]["status"]["status"], "not-met");
    // While the plan is being written, the same plan is an error.
    let check = run(&["plan", "check", path]);
    assert_eq!(check.code, 1, "{}", check.stdout);
}

#[test]
fn a_plan_over_the_activity_funds_is_a_verdict_in_the_report() {
    // 4 activities of 300.000 kr. = 1.200.000 kr., over the 1.050.000 kr. of 2026.
    let plan = temp_file("synthetic_plan_over.toml", &synthetic_plan(4, 0, 300_000));
    let path = plan.to_str().unwrap();
    let out = run(&["report", "--year", "2026", "--plan", path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "Aktiviteternes budget i alt, 1.200.000,00 kr., overstiger aktivitetsmidlerne for 2026 (1.050.000,00 kr.) med 150.000,00 kr.: ikke opfyldt."
        ),
        "{}",
        out.stdout
    );
    assert_eq!(run(&["plan", "check", path]).code, 1);
}

#[test]
fn a_plan_naming_an_unknown_party_exits_1_at_its_line() {
    let text = synthetic_plan(1, 0, 0).replace("[\"politi\"]", "[\"politii\"]");
    let plan = temp_file("synthetic_plan_unknown.toml", &text);
    let out = run(&["report", "--year", "2026", "--plan", plan.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("samarbejdspartneren \"politii\" er ikke part i aftalen"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("synthetic_plan_unknown.toml:9:"),
        "{}",
        out.stderr
    );
}

#[test]
fn observations_and_plan_disagreeing_on_the_share_use_the_plan_with_a_note() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let plan = root.join("tryghedsplan-2026-eksempel.toml");
    let observations = temp_file(
        "synthetic_share.csv",
        "indicator,area,year,value,respondents\naktiviteter-flere-partnere,omraade,2026,2/3,\n",
    );
    let out = run(&[
        "report",
        "--year",
        "2026",
        "--plan",
        plan.to_str().unwrap(),
        "--observations",
        observations.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "Observationerne angiver 2/3 (66,7 %) for aktiviteter-flere-partnere i 2026, men tryghedsplanen (Tryghedsplanen fra tryghedsplan-2026-eksempel.toml) giver 4 af 5 aktiviteter (80 %); vurderingen bruger tryghedsplanen, fordi målet gælder \"det samlede antal aktiviteter i tryghedsplanen\", og planens aktiviteter tælles efter samme regel som i kontrollen af tryghedsplanen."
        ),
        "{}",
        out.stdout
    );
    // Only the plan's share is shown as the value: 80 %, not 66,7 %.
    assert!(!out.stdout.contains("| 66,7 % |"), "{}", out.stdout);
}

/// The README's example, as JSON.
fn readme_example_json(observations: &str, extra: &[&str]) -> support::Output {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut args = vec![
        "report".to_owned(),
        "--year".to_owned(),
        "2026".to_owned(),
        "--observations".to_owned(),
        observations.to_owned(),
    ];
    for f in [
        ("--plan", "tryghedsplan-2026-eksempel.toml"),
        ("--follow-up", "opfoelgning-2026-eksempel.toml"),
        ("--ledger", "synthetic-regnskab-2026.toml"),
    ] {
        args.push(f.0.to_owned());
        args.push(root.join(f.1).to_str().unwrap().to_owned());
    }
    // A fixed date of issue, so that runs on either side of midnight agree.
    args.extend(["--date".to_owned(), "2026-05-12".to_owned()]);
    args.extend(["--format".to_owned(), "json".to_owned()]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

/// The crime cell of `category` in `year`.
fn crime_cell(json: &serde_json::Value, category: &str, year: u64) -> serde_json::Value {
    json["crime"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == category)
        .and_then(|c| {
            c["series"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["year"] == year)
        })
        .map_or_else(
            || panic!("no {category} {year} in {json}"),
            |p| p["count"].clone(),
        )
}

#[test]
fn the_published_json_of_the_readme_example_gives_no_suppressed_value_away() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let original = root.join("synthetic-observationer-2026.csv");
    let text = std::fs::read_to_string(&original).unwrap();
    // The example's small counts: hærværk 3 and narkotika 0 in 2025.
    assert!(
        text.contains("haervaerk,omraade,2025,3,") && text.contains("narkotika,omraade,2025,0,")
    );
    // The same example with other hidden values (still below 5).
    let other = temp_file(
        "synthetic-andre-skjulte-tal.csv",
        &text
            .replace("haervaerk,omraade,2025,3,", "haervaerk,omraade,2025,1,")
            .replace("narkotika,omraade,2025,0,", "narkotika,omraade,2025,4,"),
    );
    let published = readme_example_json(original.to_str().unwrap(), &[]);
    assert_eq!(published.code, 0, "{}", published.stderr);
    let json: serde_json::Value = serde_json::from_str(&published.stdout).unwrap();
    let suppressed = serde_json::json!({"status": "suppressed", "threshold": 5});
    assert_eq!(crime_cell(&json, "haervaerk", 2025), suppressed);
    assert_eq!(crime_cell(&json, "narkotika", 2025), suppressed);
    assert!(json.get("confidential").is_none());
    // Nothing in the document depends on the hidden values: with other values below the
    // threshold it is the same document, byte for byte (the observations' file name aside).
    let again = readme_example_json(other.to_str().unwrap(), &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout.replace(
            "synthetic-andre-skjulte-tal.csv",
            "synthetic-observationer-2026.csv"
        ),
        published.stdout
    );

    // --unsuppressed: the exact values, stamped; and they do differ, so the comparison above
    // could have failed.
    let exact = readme_example_json(original.to_str().unwrap(), &["--unsuppressed"]);
    assert_eq!(exact.code, 0, "{}", exact.stderr);
    let json: serde_json::Value = serde_json::from_str(&exact.stdout).unwrap();
    assert_eq!(
        json["confidential"],
        "fortroligt – ikke til offentliggørelse"
    );
    assert!(
        exact
            .stdout
            .starts_with("{\n  \"confidential\": \"fortroligt – ikke til offentliggørelse\"")
    );
    assert_eq!(
        crime_cell(&json, "haervaerk", 2025),
        serde_json::json!({"status": "exact", "value": 3})
    );
    assert_eq!(
        crime_cell(&json, "narkotika", 2025),
        serde_json::json!({"status": "exact", "value": 0})
    );
    let exact_other = readme_example_json(other.to_str().unwrap(), &["--unsuppressed"]);
    assert_ne!(
        exact_other.stdout.replace(
            "synthetic-andre-skjulte-tal.csv",
            "synthetic-observationer-2026.csv"
        ),
        exact.stdout
    );
}

#[test]
fn exact_figures_are_json_only_and_suppression_cannot_be_switched_off() {
    for format in ["md", "html"] {
        let out = run(&["report", "--unsuppressed", "--format", format]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.contains("--format json"), "{}", out.stderr);
    }
    for t in ["0", "1", "2"] {
        let out = run(&["report", "--suppression-threshold", t]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(
            out.stderr.contains("lowest threshold is 3"),
            "{}",
            out.stderr
        );
    }
    let out = run(&["report", "--suppression-threshold", "3"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("under 3"), "{}", out.stdout);
}

/// Issue 13, item 13: the survey chart's axis started at 50 %, so 10 %, 12 % and 15 % were all
/// drawn on it. The axis now reaches the lowest share.
#[test]
fn the_survey_chart_does_not_clamp_low_shares_onto_the_axis() {
    let path = support::temp_file(
        "synthetic_low_shares.csv",
        "indicator,area,year,value,respondents\n\
         tryg-i-nabolaget,omraade,2026,10%,380\n\
         tryg-i-nabolaget,valby,2026,12%,900\n\
         tryg-i-nabolaget,kobenhavn,2026,15%,3600\n",
    );
    let out = support::run(&[
        "report",
        "--year",
        "2026",
        "--observations",
        path.to_str().unwrap(),
        "--format",
        "html",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        ["10 %", "15 %", "20 %"]
            .iter()
            .any(|label| out.stdout.contains(&format!(">{label}</text>"))),
        "the share axis reaches below 50 %"
    );
}

/// Issue 13, item 12: a ledger for 2031 was shown in the status for 2026.
#[test]
fn a_ledger_of_another_year_is_refused() {
    let example = std::fs::read_to_string(format!(
        "{}/../../examples/synthetic-regnskab-2026.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let ledger = support::temp_file(
        "synthetic_regnskab_2027.toml",
        &example.replacen("year = 2026", "year = 2027", 1),
    );
    let out = support::run(&[
        "report",
        "--year",
        "2026",
        "--ledger",
        ledger.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("2027"), "{}", out.stderr);
}

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// Issue 14, item 5: a ledger outside the period or the report year, or with funds that
/// contradict the agreement, is an input error (exit 1, file and line), not a figure.
#[test]
fn a_ledger_that_does_not_belong_to_the_report_is_an_input_error_at_its_line() {
    let ledger = std::fs::read_to_string(example("synthetic-regnskab-2026.toml")).unwrap();
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let cases = [
        (
            ledger.replacen("year = 2026", "year = 2031", 1),
            "year = 2031",
            "regnskabet er for 2031, uden for aftaleperioden 2026–2029",
        ),
        (
            ledger.replacen("year = 2026", "year = 2027", 1),
            "year = 2027",
            "regnskabet er for 2027, men rapporten gælder 2026",
        ),
        (
            ledger.replacen(
                "year = 2026\n",
                "year = 2026\nline = \"aktivitetsmidler\"\nfunds = \"9.999.999,00\"\n",
                1,
            ),
            "9.999.999,00",
            "regnskabets midler (9.999.999,00 kr.) passer ikke med aftalens aktivitetsmidler for 2026 (1.050.000,00 kr.)",
        ),
    ];
    for (i, (text, needle, message)) in cases.iter().enumerate() {
        let path = temp_file(&format!("synthetic-ledger-{i}.toml"), text);
        let out = run(&[
            "report",
            "--year",
            "2026",
            "--ledger",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.code, 1, "{message}: {}", out.stderr);
        assert!(out.stderr.contains(message), "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "synthetic-ledger-{i}.toml:{}:",
                line_of(text, needle)
            )),
            "{}",
            out.stderr
        );
        assert!(out.stdout.is_empty(), "no report is written");
    }
    // Without --year the report's own year decides, and a ledger of another year is refused.
    let path = temp_file(
        "synthetic-ledger-2027.toml",
        &ledger
            .replacen("year = 2026", "year = 2027", 1)
            .replace("\"2026-", "\"2027-"),
    );
    let out = run(&["report", "--ledger", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("regnskabet er for 2027, men rapporten gælder 2026"),
        "{}",
        out.stderr
    );
}
