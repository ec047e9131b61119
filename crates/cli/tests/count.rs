//! `tryghed count` as a user runs it, on synthetic extracts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};
use tryghed_count::SyntheticExtract;
use tryghed_goals::Year;
use tryghed_goals::{AreaId, IndicatorId, Observations};

fn synthetic_extract(rows: u64, seed: u64, invalid_per_mille: u32) -> String {
    let mut v = Vec::new();
    SyntheticExtract::new(rows, seed)
        .with_invalid_per_mille(invalid_per_mille)
        .write(&mut v)
        .unwrap();
    String::from_utf8(v).unwrap()
}

#[test]
fn text_shows_the_accounting_and_the_areas() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(5_000, 1, 0));
    // The published form says that the accounting adds up, without its numbers.
    let out = run(&["count", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Regnskabet stemmer"), "{}", out.stdout);
    assert!(!out.stdout.contains("Rækker læst"), "{}", out.stdout);
    assert!(out.stdout.contains("Ved Folehaven (omraade)"));
    // The numbers with --unsuppressed, stamped.
    let out = run(&["count", path.to_str().unwrap(), "--unsuppressed"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("FORTROLIGT – IKKE TIL OFFENTLIGGØRELSE"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("Rækker læst 5.000 = i områderne"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("(stemmer)"));
    assert!(out.stdout.contains("Ved Folehaven (omraade)"));
    assert!(out.stdout.contains("Uden for områderne (outside)"));
    assert!(out.stdout.contains("ukendt"), "trusler is not countable");
    // Silent on stderr when it is not a terminal.
    assert_eq!(out.stderr, "");
}

#[test]
fn csv_rows_cover_areas_categories_and_years() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(5_000, 2, 0));
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--layer",
        "city",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("area,area_name,category,category_name,year,count,residents,rate_per_1000")
    );
    // 3 years × (15 areas + outside) × (8 categories + other + all).
    assert_eq!(lines.count(), 3 * 16 * 10);
    assert!(
        out.stdout
            .contains("ved-folehaven,Ved Folehaven,indbrud,Indbrud,2025,")
    );
    // The summary goes to stderr.
    assert!(out.stderr.contains("Rækker læst 5.000"), "{}", out.stderr);
}

#[test]
fn json_has_summary_and_rows_and_threads_agree() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(20_000, 3, 0));
    let p = path.to_str().unwrap();
    let one = run(&["count", p, "--format", "json", "--unsuppressed"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let json: serde_json::Value = serde_json::from_str(&one.stdout).unwrap();
    assert_eq!(
        json["confidential"],
        "fortroligt – ikke til offentliggørelse"
    );
    let s = &json["summary"];
    assert_eq!(s["rows_read"], 20_000);
    assert_eq!(
        s["classified"].as_u64().unwrap() + s["outside"].as_u64().unwrap(),
        20_000
    );
    assert_eq!(s["crs"], "EPSG:25832");
    let rows = json["table"]["rows"].as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["category"] == "trusler" && r["count"].is_null())
    );
    let all = run(&[
        "count",
        p,
        "--format",
        "json",
        "--unsuppressed",
        "--threads",
        "0",
    ]);
    assert_eq!(all.stdout, one.stdout);
    // The published JSON: counts in their published form, the accounting without numbers.
    let published = run(&["count", p, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&published.stdout).unwrap();
    assert_eq!(json["adds_up"], true);
    assert!(json.get("summary").is_none() && json.get("confidential").is_none());
    let rows = json["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r["count"].is_null()
        || r["count"]["status"] != "shown"
        || r["count"]["value"].as_u64().unwrap() >= 5));
    assert!(rows.iter().any(|r| r["count"]["status"] == "shown"));
}

#[test]
fn an_invalid_row_is_an_error_naming_its_line() {
    let text = "id,date,code,x,y\nS1,2025-03-14,1320,720302.0,6172500.0\nS2,2025-03-14,1320,720302.0,nord\n";
    let path = temp_file("synthetic_bad.csv", text);
    let out = run(&["count", path.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("line 3")
            && out.stderr.contains("\"S2\"")
            && out.stderr.contains("\"nord\""),
        "{}",
        out.stderr
    );
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--skip-invalid",
        "--unsuppressed",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("Rækker læst 2 = i områderne 1 + uden for 0 + sprunget over 1 (stemmer)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("sprunget over, ugyldig koordinat: 1 rækker, første linjer 3"),
        "{}",
        out.stdout
    );
}

#[test]
fn skip_invalid_reports_every_reason() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(20_000, 4, 20));
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--skip-invalid",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for reason in [
        "manglende felt",
        "ugyldig dato",
        "ugyldig koordinat",
        "ugyldig gerningskode",
    ] {
        assert!(out.stderr.contains(reason), "{reason}: {}", out.stderr);
    }
    assert!(out.stderr.contains("(stemmer)"));
}

#[test]
fn degrees_with_own_column_names_and_semicolons() {
    let text =
        "nr;dato;kode;lon;lat\n1;01-03-2026;1320;12,5005;55,6505\n2;2026-03-02;1210;12,0;55,0\n";
    let path = temp_file("synthetic_wgs84.csv", text);
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--crs",
        "4326",
        "--delimiter",
        ";",
        "--id-column",
        "nr",
        "--date-column",
        "dato",
        "--code-column",
        "kode",
        "--x-column",
        "lon",
        "--y-column",
        "lat",
        "--format",
        "csv",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("omraade,Ved Folehaven,indbrud,Indbrud,2026,1,,"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("outside,Uden for områderne,vold-vaaben,Vold/våben,2026,1,,")
    );
}

#[test]
fn observations_feed_the_goals_reader_with_residents_and_rates() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(50_000, 5, 0));
    let residents = temp_file(
        "synthetic_residents.csv",
        "area,year,residents\nomraade,2025,2100\n",
    );
    let out_path = path.with_file_name("observations.csv");
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--residents",
        residents.to_str().unwrap(),
        "--observations",
        "-o",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("Rækker læst 50.000"), "{}", out.stderr);
    let obs = Observations::from_csv_reader(std::fs::File::open(&out_path).unwrap()).unwrap();
    let a = AreaId::partnership();
    // The agreement's indicator for the straffelov rate.
    let total: IndicatorId = "straffelov-per-1000".parse().unwrap();
    let n = obs.count(&total, &a, Year::new(2025).unwrap()).unwrap();
    assert!(n > 0);
    assert_eq!(obs.residents(&a, Year::new(2025).unwrap()), Some(2100));
    assert!(
        obs.rate_per_1000(&total, &a, Year::new(2025).unwrap())
            .is_some()
    );
    // Agrees with the table.
    let table = run(&["count", path.to_str().unwrap(), "--format", "csv"]);
    let prefix = format!(
        "omraade,Ved Folehaven,straffelovskriminalitet,Straffelovskriminalitet i alt,2025,{n},"
    );
    assert!(table.stdout.contains(&prefix), "{prefix}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = run(&["count", "/nonexistent/synthetic.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("/nonexistent/synthetic.csv"),
        "{}",
        out.stderr
    );
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(10, 6, 0));
    let out = run(&["count", path.to_str().unwrap(), "--crs", "3857"]);
    assert_eq!(out.code, 2);
    let out = run(&["count", path.to_str().unwrap(), "--x-column", "y"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // A header without the configured column is invalid input.
    let out = run(&["count", path.to_str().unwrap(), "--date-column", "dato"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("ingen kolonne \"dato\"")
            && out.stderr.contains("synthetic_extract.csv linje 1")
            && out.stderr.contains("--delimiter"),
        "{}",
        out.stderr
    );
    let bad = temp_file(
        "synthetic_residents.csv",
        "area,year,residents\nValby,2025,1\n",
    );
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--residents",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("synthetic_residents.csv linje 2") && out.stderr.contains("Valby"),
        "{}",
        out.stderr
    );
}

#[test]
fn help_has_an_example() {
    let out = run(&["count", "--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("tryghed count anmeldelser.csv"));
    assert!(out.stdout.contains("--observations"));
}

#[test]
fn pipeline_count_then_goals_then_report() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(50_000, 7, 0));
    let residents = temp_file(
        "synthetic_residents.csv",
        "area,year,residents\nomraade,2025,2100\nomraade,2026,2150\n",
    );
    let obs_path = path.with_file_name("observationer.csv");
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--residents",
        residents.to_str().unwrap(),
        "--observations",
        "-o",
        obs_path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&obs_path).unwrap();
    assert!(
        text.starts_with("indicator,area,year,value,respondents\n"),
        "{text}"
    );
    assert!(text.contains("straffelov-per-1000,omraade,2025,"), "{text}");
    assert!(text.contains("indbyggere,omraade,2025,2100,"), "{text}");

    let goals = run(&[
        "goals",
        "--observations",
        obs_path.to_str().unwrap(),
        "--year",
        "2027",
        "--format",
        "json",
    ]);
    assert_eq!(goals.code, 0, "{}", goals.stderr);
    // The 2027 status judges the crime of 2026, as the report does.
    assert_eq!(json_of(&goals.stdout)["crime_year"], 2026);
    let json = json_of(&goals.stdout);
    // The counted figures reach the evaluation: the rate indicator has its count and
    // residents, and the value is the rate.
    let rate = json["goals"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["indicators"].as_array().unwrap())
        .find(|i| i["indicator"] == "straffelov-per-1000")
        .unwrap();
    // The published form: the rate with its (shown) count and residents.
    let n = rate["value"]["count"]["value"].as_u64().unwrap();
    assert!(n > 0, "{rate}");
    assert_eq!(rate["value"]["residents"], 2150);
    assert!(text.contains(&format!("straffelov-per-1000,omraade,2026,{n},")));
    let report = run(&[
        "report",
        "--observations",
        obs_path.to_str().unwrap(),
        "--year",
        "2027",
    ]);
    assert_eq!(report.code, 0, "{}", report.stderr);
}

#[test]
fn threads_are_bounded() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(5, 1, 0));
    let out = run(&["count", path.to_str().unwrap(), "--threads", "10000"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("0..=256"), "{}", out.stderr);
    let out = run(&["count", path.to_str().unwrap(), "--threads", "256"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_record_over_the_limit_is_invalid_input_naming_file_and_line() {
    let text = format!(
        "id,date,code,x,y\nS1,2025-03-14,1320,720302.0,{}\n",
        "6".repeat(2 << 20)
    );
    let path = temp_file("synthetic_long.csv", &text);
    for threads in ["1", "0"] {
        let out = run(&["count", path.to_str().unwrap(), "--threads", threads]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.contains("synthetic_long.csv") && out.stderr.contains("line 2"),
            "{}",
            out.stderr
        );
    }
}

fn json_of(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap()
}

/// Issue 13, item 8: the residents reader stopped at the first bad row; now every problem is
/// listed with file, line and column, and a 20-digit number is "too large", not "not a whole
/// number" (item 15).
#[test]
fn every_residents_problem_is_listed() {
    let path = temp_file("synthetic_extract.csv", &synthetic_extract(10, 6, 0));
    let bad = temp_file(
        "synthetic_residents_bad.csv",
        "area;year;residents\nomraade;20x5;100\nomraade;2025;99999999999999999999\nomraade;2026;0\nomraade;2027;-4\n",
    );
    let out = run(&[
        "count",
        path.to_str().unwrap(),
        "--residents",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for want in [
        "synthetic_residents_bad.csv linje 2, kolonne \"year\"",
        "linje 3, kolonne \"residents\": antal indbyggere \"99999999999999999999\" er for stort",
        "linje 4, kolonne \"residents\": 0 indbyggere",
        "linje 5, kolonne \"residents\": antal indbyggere \"-4\" er ikke et helt tal",
    ] {
        assert!(out.stderr.contains(want), "{want}\n{}", out.stderr);
    }
}
