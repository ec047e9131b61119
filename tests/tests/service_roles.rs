//! The four service roles of issue 16, played against the public API only, as a municipal
//! team would from a crate of its own: a bulk "is this report in the area" function, a finance
//! integration, a statistics dashboard and a report service. Every serde type they exchange is
//! written to JSON and read back equal; invalid JSON (including a value whose derived facts
//! disagree with the rest of it) is refused with the crate's own checks.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;

use chrono::NaiveDate;
use tryghed_agreement::{Agreement, Evaluation, PlanCount};
use tryghed_budget::{ActivityId, Dkk, Ledger, LedgerSummary, Transaction, TransactionKind};
use tryghed_count::{CountOptions, CountReport, Counter, LayerChoice};
use tryghed_geography::{PartnershipArea, PartnershipLocator, Place, Utm32, Wgs84, geo_types};
use tryghed_goals::CategorySet;
use tryghed_goals::{GoalEvaluation, Observations, Status};
use tryghed_meetings::{CheckOptions, MeetingsSummary, YearState, check_meetings};
use tryghed_plan::Plan;
use tryghed_report::{ReportBuilder, StatusReport, Year, render_json};

fn year(y: i32) -> Year {
    Year::new(y).unwrap()
}

/// A JSON round trip: the value written and read back is equal.
fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(&back, value);
    back
}

/// Refused as data (not as malformed JSON), with the crate's reason in the message.
fn refused<T: serde::de::DeserializeOwned + std::fmt::Debug>(json: &str, reason: &str) {
    let err = serde_json::from_str::<T>(json).unwrap_err();
    assert_eq!(err.classify(), serde_json::error::Category::Data, "{err}");
    assert!(err.to_string().contains(reason), "{reason:?} not in {err}");
}

// Role 1: a bulk "is this report in the area" function, shared between threads.

fn in_area(locator: &PartnershipLocator<Wgs84>, points: &[(f64, f64)]) -> Vec<bool> {
    // Raw pairs from another system: checked into coordinates, a bad one is outside.
    let xs: Vec<f64> = points.iter().map(|p| p.0).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.1).collect();
    let by_columns: Vec<bool> = locator
        .locate_columns(&xs, &ys)
        .unwrap()
        .iter()
        .map(Option::is_some)
        .collect();
    let checked: Vec<Wgs84> = points
        .iter()
        .filter_map(|&p| Wgs84::try_from(p).ok())
        .collect();
    assert_eq!(
        locator.locate_batch(&checked).len(),
        checked.len(),
        "one answer per point"
    );
    by_columns
}

#[test]
fn role_1_bulk_area_check_from_threads_and_geo_types() {
    let locator = Arc::new(
        PartnershipArea::folehaven()
            .unwrap()
            .locator::<Wgs84>()
            .unwrap(),
    );
    let inside = (12.5005, 55.6505);
    let outside = (12.5683, 55.6761); // Rådhuspladsen
    let points = vec![inside, outside, (f64::NAN, 55.65), (200.0, 55.65)];

    let handles: Vec<_> = (0..2)
        .map(|_| {
            let locator = Arc::clone(&locator);
            let points = points.clone();
            std::thread::spawn(move || in_area(&locator, &points))
        })
        .collect();
    for handle in handles {
        assert_eq!(handle.join().unwrap(), vec![true, false, false, false]);
    }

    // geo-types in and out, through the re-exported crate.
    let p: geo_types::Point<f64> = geo_types::Point::new(inside.0, inside.1);
    let w = Wgs84::try_from(p).unwrap();
    assert!(matches!(
        locator.locate(w),
        Some(Place::Area(_) | Place::Estate(_))
    ));
    assert_eq!(
        geo_types::Coord::from(w),
        geo_types::coord! { x: inside.0, y: inside.1 }
    );
    assert!(Wgs84::try_from(geo_types::Point::new(f64::NAN, 0.0)).is_err());
    assert!(Utm32::try_from((f64::INFINITY, 6_172_500.0)).is_err());

    // The same place in metres, through the projection, is in the area too.
    let utm = PartnershipArea::folehaven()
        .unwrap()
        .locator::<Utm32>()
        .unwrap();
    assert!(utm.locate(w.to_utm32().unwrap()).is_some());

    // Coordinates read from JSON are checked.
    round_trip(&w);
    refused::<Wgs84>(r#"{"lon":200.0,"lat":55.65}"#, "200");
}

// Role 2: a finance integration that books real money and exports the balances.

#[test]
fn role_2_finance_integration_books_and_exports() {
    let agreement = Agreement::folehaven();
    let budget = agreement.annual_budget(year(2026)).unwrap();
    let mut ledger = Ledger::new(budget);
    let walks = ActivityId::new("synthetic-natteravne").unwrap();
    ledger
        .allocate(walks.clone(), Dkk::from_kroner(250_000).unwrap())
        .unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    ledger
        .record(
            Transaction::new(
                date,
                walks.clone(),
                TransactionKind::Expenditure,
                "12.500,00".parse().unwrap(),
                "Faktura 1017 (synthetic)",
            )
            .unwrap(),
        )
        .unwrap();
    // Spending above the allocation is refused and changes nothing.
    let before = ledger.clone();
    assert!(
        ledger
            .record(
                Transaction::new(
                    date,
                    walks,
                    TransactionKind::Expenditure,
                    Dkk::from_kroner(1_000_000).unwrap(),
                    "too much",
                )
                .unwrap()
            )
            .is_err()
    );
    assert_eq!(ledger, before);

    let back = round_trip(&ledger);
    let summary: LedgerSummary = round_trip(&back.summary());
    assert_eq!(summary.spent(), "12.500,00".parse::<Dkk>().unwrap());
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["spent"], "12500.00", "{json}");
    // A summary from another system whose totals do not add up is refused.
    let mut wrong = json.clone();
    wrong["remaining"] = "1050000.00".into();
    refused::<LedgerSummary>(&wrong.to_string(), "remaining is given as");
    round_trip(&"1.467.000,00 kr.".parse::<Dkk>().unwrap());
    refused::<Dkk>(r#""12.345""#, "12.345");
    refused::<Dkk>("12.5", "12.5");
}

// Role 3: a statistics dashboard that evaluates the goals and caches the verdicts as JSON.

#[test]
fn role_3_dashboard_evaluates_and_caches_as_json() {
    let agreement = Agreement::folehaven();
    let observations = Observations::from_csv_str(
        "indicator,area,year,value,respondents\n\
         tryg-i-nabolaget,omraade,2026,79%,400\n\
         tryg-i-nabolaget,kobenhavn,2026,85%,\n",
    )
    .unwrap();
    let observations = round_trip(&observations);
    let plan = PlanCount::new(year(2026), 4, 5, "tryghedsplan-2026 (synthetic)").unwrap();
    round_trip(&plan);
    refused::<PlanCount>(
        &serde_json::to_string(&plan).unwrap().replace(":4,", ":6,"),
        "of only 5",
    );
    let evaluation = agreement
        .evaluate(year(2026), &observations, Some(&plan))
        .unwrap();
    assert!(!evaluation.goals().is_empty());
    // The whole evaluation is cached and read back; one that contradicts itself is not.
    let json = serde_json::to_string(&round_trip(&evaluation)).unwrap();
    refused::<Evaluation>(
        &json.replace(r#""crime_year":2025"#, r#""crime_year":2026"#),
        "crime_year is 2026",
    );
    for goal in evaluation.goals() {
        let cached: GoalEvaluation = round_trip(goal);
        let _: Status = round_trip(cached.status());
    }
    // A cache entry with a repeated observation is refused, not silently merged.
    let one = r#"{"indicator":"indbrud","area":"omraade","year":2025,"value":14}"#;
    refused::<Observations>(&format!("[{one},{one}]"), "duplicate");
    refused::<Observations>(
        &one.replace("2025", "1850")
            .replace('{', "[{")
            .replace('}', "}]"),
        "1850",
    );
}

/// A dashboard that counts a police-report extract itself and caches the count.
#[test]
fn role_3_dashboard_caches_a_count_and_refuses_one_that_does_not_add_up() {
    let counter = Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new(),
    )
    .unwrap();
    // Synthetic reports in EPSG:25832: two inside Ved Folehaven, one far outside.
    let extract = "id,date,code,x,y\n\
        S1,2025-03-14,1320,720302.0,6172500.0\n\
        S2,2025-06-01,1320,720302.0,6172500.0\n\
        S3,2025-05-02,1210,700000.0,6100000.0\n";
    let report: CountReport = round_trip(&counter.count(extract.as_bytes()).unwrap());
    assert_eq!(report.summary().classified(), 2);
    let json = serde_json::to_string(&report).unwrap();
    refused::<CountReport>(
        &json.replace(r#""classified":2"#, r#""classified":3"#),
        "rows_read",
    );
}

// Role 4: a report service that builds the annual status and serves it as JSON.

#[test]
fn role_4_report_service_serves_json_that_reads_back() {
    let agreement = Agreement::folehaven();
    let years: Vec<Year> = agreement.period().years().collect();
    assert_eq!(years.first(), Some(&year(2026)));
    for y in years {
        let report = ReportBuilder::new(&agreement).year(y).build().unwrap();
        let json = render_json(&report).unwrap();
        let back: StatusReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
    }
}

/// The report service also serves the year's plan and meetings summary as JSON.
#[test]
fn role_4_report_service_serves_the_plan_and_the_meetings_summary() {
    let agreement = Agreement::folehaven();
    let plan = Plan::from_toml_str(include_str!(
        "../../examples/tryghedsplan-2026-eksempel.toml"
    ))
    .unwrap();
    round_trip(&plan);
    let json = serde_json::to_value(&plan).unwrap();
    let mut blank = json.clone();
    blank["activities"][0]["title"] = " ".into();
    refused::<Plan>(&blank.to_string(), "title");

    let log = include_str!("../../examples/moeder-2026-eksempel.toml");
    let as_of = NaiveDate::from_ymd_opt(2027, 1, 15).unwrap();
    let check = check_meetings(
        log,
        "moeder-2026-eksempel.toml",
        agreement.meeting_context(),
        CheckOptions::new(as_of),
    );
    let summary: MeetingsSummary = round_trip(check.summary().unwrap());
    assert_eq!(summary.state(), YearState::Complete);
    let json = serde_json::to_string(&summary).unwrap();
    refused::<MeetingsSummary>(
        &json.replace(r#""state":"complete""#, r#""state":"under_way""#),
        "state is",
    );
}
