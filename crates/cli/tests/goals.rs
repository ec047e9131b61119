//! `tryghed goals` as a user runs it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

const SYNTHETIC_2026: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/synthetic-observationer-2026.csv"
);

fn goal<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["goal"] == id)
        .unwrap_or_else(|| panic!("no goal {id}"))
}

#[test]
fn with_no_options_it_reports_the_first_year_of_the_period_with_crime_of_the_year_before() {
    let out = run(&["goals", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["year"], 2026);
    assert_eq!(json["survey_year"], 2026);
    assert_eq!(json["crime_year"], 2025);
    assert_eq!(json["plan_year"], 2026);
    let crime = goal(&json, "kriminalitet");
    assert_eq!(crime["status"]["status"], "pending");
    assert!(
        crime["status"]["reason"]
            .as_str()
            .unwrap()
            .contains("baseline"),
        "{crime}"
    );
    // The crime goal is judged on 2025, and the text says so.
    assert_eq!(crime["year"], 2025);
    let text = run(&["goals"]).stdout;
    assert!(
        text.contains("Tryghedsundersøgelsen 2026, anmeldelser fra kalenderåret 2025 og tryghedsplanen for 2026."),
        "{text}"
    );
    assert!(text.contains("(tal for 2025)"), "{text}");
    // The caveats the agreement's text implies close the text.
    let caveats = text
        .split_once("Forbehold (aftalen):")
        .map(|(_, rest)| rest);
    assert!(
        caveats.is_some_and(|c| c.contains("det hidtidige partnerskabsområde")
            && c.contains("øvrige aktører, indsatser og faktorer")),
        "{text}"
    );
}

#[test]
fn the_baseline_year_2025_shows_the_agreements_figures_and_gaps() {
    let out = run(&["goals", "--year", "2025", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(goal(&json, "tryghed")["status"]["status"], "pending");
    let text = run(&["goals", "--year", "2025"]).stdout;
    assert!(
        text.contains("77 %") && text.contains("København 88 %") && text.contains("Valby 88 %"),
        "{text}"
    );
    // The agreement's words: the gap to København, not a distance "to close by 2029".
    assert!(
        text.contains("afstanden til København er 11,0 procentpoint"),
        "{text}"
    );
    assert!(
        text.contains("afstanden til København er 10,0 procentpoint"),
        "{text}"
    );
    assert!(!text.contains("lukkes"), "{text}");
}

#[test]
fn with_2026_observations_it_reports_met_and_on_track_with_intervals() {
    let out = run(&[
        "goals",
        "--observations",
        SYNTHETIC_2026,
        "--year",
        "2026",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json["year"], 2026);
    let safety = goal(&json, "tryghed");
    let neighbourhood = &safety["indicators"][0];
    assert_eq!(neighbourhood["status"]["status"], "on_track");
    assert!(neighbourhood["interval"].is_object(), "{neighbourhood}");
    assert_eq!(goal(&json, "samarbejde")["status"]["status"], "met");
    let text = run(&["goals", "--observations", SYNTHETIC_2026, "--year", "2026"]).stdout;
    assert!(text.contains("konfidensinterval 75,7–83,7"), "{text}");
    assert!(
        text.contains("På rette vej: andelen steg fra 70 % til 71 %"),
        "{text}"
    );
    // Without --year the example file's 2026 crime counts make it the 2027 status, as in
    // `tryghed report`.
    let out = run(&[
        "goals",
        "--observations",
        SYNTHETIC_2026,
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        (json["year"].as_u64(), json["crime_year"].as_u64()),
        (Some(2027), Some(2026))
    );
}

#[test]
fn a_bad_row_exits_1_naming_line_and_column() {
    let path = temp_file(
        "synthetic_bad_observations.csv",
        "indicator,area,year,value,respondents\ntryg-i-nabolaget,omraade,2026,80%,380\ntryg-i-nabolaget,valby,20x6,88%,900\n",
    );
    let out = run(&["goals", "--observations", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("linje 3"), "{}", out.stderr);
    assert!(out.stderr.contains("year"), "{}", out.stderr);
}

#[test]
fn a_figure_that_contradicts_the_agreement_is_an_error() {
    let path = temp_file(
        "synthetic_contradiction.csv",
        "indicator,area,year,value,respondents\ntryg-i-nabolaget,omraade,2025,79%,\n",
    );
    let out = run(&["goals", "--observations", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("aftalen siger 77 %"), "{}", out.stderr);
}

#[test]
fn a_missing_observations_file_exits_2() {
    let out = run(&["goals", "--observations", "/nonexistent/obs.csv"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn a_row_for_an_unknown_indicator_exits_1_instead_of_being_ignored() {
    // A typo in the indicator column must not leave indbrud silently without data.
    let path = temp_file(
        "synthetic_unknown_indicator.csv",
        "indicator,area,year,value,respondents\nindbrudd,omraade,2026,16,\n",
    );
    let out = run(&["goals", "--observations", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("ukendt indikator \"indbrudd\""),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("indicator"), "{}", out.stderr);
}

#[test]
fn respondents_may_be_added_to_the_agreements_own_figure() {
    // The agreement gives 77 % for 2025 without n; a file with the same share and its n
    // adds to it, and then the 2026 rise gets a significance test.
    let path = temp_file(
        "synthetic_respondents_2025.csv",
        "indicator,area,year,value,respondents\n\
         tryg-i-nabolaget,omraade,2025,77%,400\n\
         tryg-i-nabolaget,omraade,2026,83%,380\n",
    );
    let out = run(&["goals", "--observations", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("statistisk signifikant, p = "),
        "{}",
        out.stdout
    );

    let other = temp_file(
        "synthetic_respondents_contradiction.csv",
        "indicator,area,year,value,respondents\ntryg-i-nabolaget,omraade,2025,78%,400\n",
    );
    let out = run(&["goals", "--observations", other.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("filen siger 78 % (n = 400), men aftalen siger 77 %"),
        "{}",
        out.stderr
    );
}

/// Issue 13, items 8 and 12: every problem of an observations file is listed with file, line
/// and column, observations that do not fit the agreement too (the file named, also by
/// `report`), and a year far outside the agreement is refused, as is `--year 0`.
#[test]
fn every_observation_problem_is_listed_and_years_outside_the_agreement_are_refused() {
    let path = support::temp_file(
        "synthetic_obs_bad.csv",
        "indicator,area,year,value,respondents\n\
         tryg-i-nabolaget,omraade,20x5,80%,380\n\
         indbrud,omraade,2025,-3,\n\
         tryg-i-nabolage,omraade,2026,80%,380\n\
         indbrud,omraade,9999,14,\n",
    );
    let p = path.to_str().unwrap();
    let out = support::run(&["goals", "--observations", p]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for want in [
        "synthetic_obs_bad.csv linje 2, kolonne \"year\"",
        "synthetic_obs_bad.csv linje 5, kolonne \"year\": \"9999\" er ikke et årstal fra 1900 til 2199",
        "synthetic_obs_bad.csv linje 3, kolonne \"value\": værdien \"-3\" er negativ",
    ] {
        assert!(out.stderr.contains(want), "{want}\n{}", out.stderr);
    }
    // Once the file reads, what does not fit the agreement is listed with its lines.
    let path = support::temp_file(
        "synthetic_obs_misfit.csv",
        "indicator,area,year,value,respondents\n\
         tryg-i-nabolage,omraade,2026,80%,380\n\
         indbrud,omraade,2150,14,\n",
    );
    let p = path.to_str().unwrap();
    for command in ["goals", "report"] {
        let out = support::run(&[command, "--observations", p]);
        assert_eq!(out.code, 1, "{command}: {}", out.stderr);
        for want in [
            "synthetic_obs_misfit.csv linje 2, kolonne \"indicator\": ukendt indikator \"tryg-i-nabolage\"",
            "synthetic_obs_misfit.csv linje 3, kolonne \"year\": året 2150 ligger efter aftalens periode, som slutter i 2029",
        ] {
            assert!(
                out.stderr.contains(want),
                "{command}: {want}\n{}",
                out.stderr
            );
        }
        assert!(!out.stdout.contains("2150"), "{command}: {}", out.stdout);
    }
    // 0 and 9999 are not years tryghed accepts at all; 2024 is one, but before the baseline.
    for (year, range) in [
        ("0", "1900–2199"),
        ("9999", "1900–2199"),
        ("2024", "2025–2029"),
    ] {
        let out = support::run(&["goals", "--year", year]);
        assert_eq!(out.code, 2, "--year {year}: {}", out.stderr);
        assert!(out.stderr.contains(range), "{}", out.stderr);
    }
    let out = support::run(&["goals", "--year", "2025"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}
