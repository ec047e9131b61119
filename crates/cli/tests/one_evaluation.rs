//! `tryghed goals --year Y` and `tryghed report --year Y --format json` judge the same figures
//! (the survey of Y, the crime of Y − 1, the plan of Y) and give the same status for every
//! indicator, for every year of the period, on the example data and on random observations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use support::{run, temp_file};

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/synthetic-observationer-2026.csv"
);
const PLAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../examples/tryghedsplan-2026-eksempel.toml"
);

/// Indicator (and goal, as `goal:<id>`) → status kind (`on-track`, `pending`, …) from
/// `tryghed goals --format json`.
fn goals_statuses(args: &[&str]) -> BTreeMap<String, String> {
    let out = run(&[&["goals", "--format", "json"], args].concat());
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut statuses = BTreeMap::new();
    for goal in json["goals"].as_array().unwrap() {
        let kind = goal["status"]["status"].as_str().unwrap().replace('_', "-");
        statuses.insert(format!("goal:{}", goal["goal"].as_str().unwrap()), kind);
        for indicator in goal["indicators"].as_array().unwrap() {
            let kind = indicator["status"]["status"]
                .as_str()
                .unwrap()
                .replace('_', "-");
            statuses.insert(indicator["indicator"].as_str().unwrap().to_owned(), kind);
        }
    }
    statuses
}

/// The same from `tryghed report --format json`: the summary (one row per goal), the goals
/// table and the crime table (which also has the monitored categories).
fn report_statuses(args: &[&str]) -> BTreeMap<String, String> {
    let out = run(&[&["report", "--format", "json"], args].concat());
    assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut statuses = BTreeMap::new();
    for goal in json["summary"].as_array().unwrap() {
        let kind = goal["status"]["status"].as_str().unwrap().to_owned();
        statuses.insert(format!("goal:{}", goal["goal"].as_str().unwrap()), kind);
    }
    for row in json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .chain(json["crime"].as_array().unwrap())
    {
        let kind = row["status"]["status"].as_str().unwrap().to_owned();
        statuses.insert(row["indicator"].as_str().unwrap().to_owned(), kind);
    }
    statuses
}

fn assert_same(args: &[&str]) {
    let goals = goals_statuses(args);
    let report = report_statuses(args);
    assert_eq!(goals.len(), 11 + 3, "{goals:?}");
    assert_eq!(goals, report, "{args:?}");
}

#[test]
fn the_example_data_gives_the_same_statuses_every_year() {
    for year in ["2026", "2027", "2028", "2029"] {
        assert_same(&["--year", year]);
        assert_same(&["--year", year, "--observations", EXAMPLE]);
    }
    // The plan of 2026 with the 2026 status.
    assert_same(&["--year", "2026", "--observations", EXAMPLE, "--plan", PLAN]);
}

/// A synthetic plan for 2026: `multi` activities with two organisations, `single` with one.
fn synthetic_plan(multi: usize, single: usize) -> String {
    let mut text = String::from("# SYNTHETIC plan\nyear = 2026\n");
    for i in 0..multi + single {
        let partners = if i < multi { "[\"politi\"]" } else { "[]" };
        let _ = write!(
            text,
            "\n[[activities]]\nid = \"a{i}\"\ntitle = \"Synthetic {i}\"\nfocus_area = \"kommunikation\"\nresponsible = \"3b\"\npartners = {partners}\nbudget = 0\n"
        );
    }
    text
}

#[test]
fn plans_on_both_sides_of_75_percent_give_the_same_statuses() {
    // 149 of 200 = 74,5 % (ikke opfyldt), 3 of 4 = 75 % (opfyldt), 0 of 1, 1 of 1.
    for (multi, single) in [(149, 51), (3, 1), (0, 1), (1, 0)] {
        let plan = temp_file(
            &format!("synthetic_plan_{multi}_{single}.toml"),
            &synthetic_plan(multi, single),
        );
        let plan = plan.to_str().unwrap();
        assert_same(&["--year", "2026", "--plan", plan]);
        assert_same(&["--year", "2026", "--observations", EXAMPLE, "--plan", plan]);
    }
    // The 74,5 % plan: goal 3 is not met, in both.
    let plan = temp_file("synthetic_plan_149_51.toml", &synthetic_plan(149, 51));
    let statuses = goals_statuses(&["--year", "2026", "--plan", plan.to_str().unwrap()]);
    assert_eq!(statuses["goal:samarbejde"], "not-met", "{statuses:?}");
}

#[test]
fn a_plan_of_another_year_than_the_status_is_refused_by_both() {
    for command in ["goals", "report"] {
        let out = run(&[command, "--year", "2027", "--plan", PLAN]);
        assert_eq!(out.code, 1, "{command}: {}", out.stderr);
        assert!(
            out.stderr
                .contains("the plan is for 2026, but the status of 2027 judges the plan of 2027"),
            "{command}: {}",
            out.stderr
        );
    }
}

/// A small deterministic generator (xorshift), so that a failure can be reproduced.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Random observations for 2024–2029 (synthetic): survey shares with or without respondents
/// for the area, Valby and København, counts of every crime category and residents, and the
/// collaboration share; any row may be missing. The agreement's 2025 survey figures are left
/// to the agreement (a different figure would be refused, rightly).
fn random_observations(rng: &mut Rng) -> String {
    let mut csv =
        String::from("# SYNTHETIC random observations\nindicator,area,year,value,respondents\n");
    let crime = [
        "straffelov-per-1000",
        "indbrud",
        "tyveri-roeveri",
        "vold-vaaben",
        "chikane",
        "haervaerk",
        "narkotika",
        "trusler",
    ];
    for year in 2024..=2029 {
        for indicator in ["tryg-i-nabolaget", "tryg-aften-nat"] {
            for area in ["omraade", "valby", "kobenhavn"] {
                if year == 2025 || rng.below(5) == 0 {
                    continue;
                }
                let share = 50 + rng.below(50);
                let n = if rng.below(2) == 0 {
                    String::new()
                } else {
                    (100 + rng.below(3_000)).to_string()
                };
                let _ = writeln!(csv, "{indicator},{area},{year},{share}%,{n}");
            }
        }
        for indicator in crime {
            if rng.below(4) != 0 {
                let _ = writeln!(csv, "{indicator},omraade,{year},{},", rng.below(300));
            }
        }
        if rng.below(4) != 0 {
            let _ = writeln!(
                csv,
                "indbyggere,omraade,{year},{},",
                1_500 + rng.below(1_000)
            );
        }
        if rng.below(2) == 0 {
            let total = 1 + rng.below(30);
            let _ = writeln!(
                csv,
                "aktiviteter-flere-partnere,omraade,{year},{}/{total},",
                rng.below(total + 1)
            );
        }
    }
    csv
}

#[test]
fn random_observations_give_the_same_statuses_every_year() {
    let mut rng = Rng(0x5eed_2026_0000_0001);
    for case in 0..20 {
        let path = temp_file(
            &format!("synthetic_random_{case}.csv"),
            &random_observations(&mut rng),
        );
        let path = path.to_str().unwrap();
        for year in ["2026", "2027", "2028", "2029"] {
            assert_same(&["--year", year, "--observations", path]);
        }
    }
}
