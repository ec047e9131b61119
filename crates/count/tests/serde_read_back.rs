//! Reading a count report back from JSON: equal when it is what a count gave, refused with
//! `CountError::Inconsistent` when a figure disagrees with the rest.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::too_many_lines
)]

use serde_json::Value;
use tryghed_count::{CountOptions, CountReport, Counter, LayerChoice, Residents};
use tryghed_goals::CategorySet;

/// Synthetic reports in EPSG:25832: inside Ved Folehaven, outside, an unknown code and a bad
/// row (skipped).
const EXTRACT: &str = "id,date,code,x,y\n\
    S1,2025-03-14,1320,720302.0,6172500.0\n\
    S2,2025-05-02,1210,700000.0,6100000.0\n\
    S3,2026-01-02,2110,720302.0,6172500.0\n\
    S4,2026-02-30,1320,720302.0,6172500.0\n";

fn report() -> CountReport {
    let counter = Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new().with_skip_invalid(true),
    )
    .unwrap();
    let residents =
        Residents::from_csv_str("area,year,residents\nomraade,2025,2100\nomraade,2026,2150\n")
            .unwrap();
    counter
        .count(EXTRACT.as_bytes())
        .unwrap()
        .with_residents(&residents)
        .unwrap()
}

fn refused(json: &Value, edit: &dyn Fn(&mut Value), reason: &str) {
    let mut bad = json.clone();
    edit(&mut bad);
    let err = serde_json::from_str::<CountReport>(&bad.to_string()).unwrap_err();
    assert_eq!(err.classify(), serde_json::error::Category::Data, "{err}");
    assert!(err.to_string().contains(reason), "{reason:?} not in {err}");
}

/// The index of the table row of `area`, `category` and `year`.
fn row(json: &Value, area: &str, category: &str, year: i32) -> usize {
    json["table"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["area"] == area && r["category"] == category && r["year"] == year)
        .unwrap()
}

#[test]
fn a_count_report_with_residents_reads_back_equal() {
    let report = report();
    let s = report.summary();
    assert_eq!(
        (s.rows_read(), s.classified(), s.outside(), s.skipped()),
        (4, 2, 1, 1)
    );
    let json = serde_json::to_string(&report).unwrap();
    let back: CountReport = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
    // The rates came back with the table: 2 years × the 8 rows of the area with a known
    // count (the categories with codes, other and all).
    assert_eq!(
        back.table()
            .rows()
            .filter(|r| r.rate_per_1000().is_some())
            .count(),
        2 * 8
    );
}

#[test]
fn a_count_report_that_does_not_add_up_is_refused() {
    let json = serde_json::to_value(report()).unwrap();
    let all_2025 = row(&json, "omraade", "all", 2025);
    let indbrud_2025 = row(&json, "omraade", "indbrud", 2025);
    let trusler_2025 = row(&json, "omraade", "trusler", 2025);
    let outside_2025 = row(&json, "outside", "all", 2025);
    let other_2026 = row(&json, "omraade", "other", 2026);

    // The summary.
    refused(
        &json,
        &|v| v["summary"]["rows_read"] = 5.into(),
        "summary.rows_read is 5",
    );
    refused(
        &json,
        &|v| v["summary"]["skipped"] = 0.into(),
        "summary.skipped",
    );
    refused(
        &json,
        &|v| v["summary"]["skips"][0]["rows"] = 2.into(),
        "first_lines",
    );
    refused(
        &json,
        &|v| v["summary"]["skips"][0]["first"]["line"] = 9.into(),
        "first",
    );
    refused(
        &json,
        &|v| v["summary"]["other_rows"] = 0.into(),
        "summary.other_rows",
    );
    refused(
        &json,
        &|v| v["summary"]["unknown_codes"][0]["rows"] = 3.into(),
        "summary.other_rows",
    );
    refused(
        &json,
        &|v| v["summary"]["layer"] = " ".into(),
        "summary.layer is empty",
    );
    // The summary against the table: one more "all" report inside, one fewer outside.
    refused(
        &json,
        &|v| {
            v["summary"]["classified"] = 3.into();
            v["summary"]["outside"] = 0.into();
        },
        "summary.classified is 3",
    );
    refused(
        &json,
        &|v| v["table"]["rows"][outside_2025]["count"] = 0.into(),
        "area outside",
    );
    refused(
        &json,
        &|v| {
            v["summary"]["outside"] = 2.into();
            v["summary"]["rows_read"] = 5.into();
        },
        "summary.outside is 2",
    );
    // The table's rows.
    refused(
        &json,
        &|v| {
            v["table"]["rows"][indbrud_2025]["count"] = 2.into();
            // 2 × 1.000 / 2.100, so that only the count is wrong.
            v["table"]["rows"][indbrud_2025]["rate_per_1000"] =
                "0.9523809523809523809523809524".into();
        },
        "more than the 1 reports under \"all\"",
    );
    refused(
        &json,
        &|v| v["table"]["rows"][trusler_2025]["count"] = 0.into(),
        "without codes",
    );
    refused(
        &json,
        &|v| v["table"]["rows"][all_2025]["rate_per_1000"] = "1".into(),
        "rate_per_1000",
    );
    refused(
        &json,
        &|v| v["table"]["rows"][all_2025]["residents"] = 2200.into(),
        "differs from the area's other rows",
    );
    refused(
        &json,
        &|v| v["table"]["rows"][all_2025]["area_name"] = "Valby".into(),
        "area_name",
    );
    refused(
        &json,
        &|v| v["table"]["rows"][other_2026]["category"] = "all".into(),
        "category",
    );
    refused(
        &json,
        &|v| v["table"]["rows"].as_array_mut().unwrap().truncate(3),
        "holds 3 rows",
    );
    refused(
        &json,
        &|v| v["table"]["years"] = serde_json::json!([2026, 2025]),
        "not ascending",
    );
    refused(&json, &|v| v["table"]["extra"] = 1.into(), "unknown field");
}
