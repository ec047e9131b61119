//! The report's plan input read from JSON goes through the same checks as its constructors,
//! and whether an activity has two or more samarbejdspartnere is computed, never trusted.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use tryghed_report::Year;
use tryghed_report::{ActivityRow, DeliverableRow, Delivery, PlanInput};

/// A synthetic plan input as JSON, with `activity` as its one activity.
fn plan(title: &str, activities: &str) -> String {
    format!(
        r#"{{"year": 2026, "title": "{title}", "follow_up": true, "activities": [{activities}]}}"#
    )
}

fn activity(id: &str, extra: &str) -> String {
    format!(
        r#"{{"id": "{id}", "title": "Eksempel", "focus_area": "kommunikation", "responsible": "Boligforeningen 3B", "partners": []{extra}}}"#
    )
}

fn read(json: &str) -> Result<PlanInput, String> {
    serde_json::from_str::<PlanInput>(json).map_err(|e| e.to_string())
}

#[test]
fn a_valid_plan_input_reads_back_equal() {
    let row = ActivityRow::new(
        "a",
        "Eksempel",
        "kommunikation",
        "Boligforeningen 3B",
        vec!["Københavns Politi".into()],
    )
    .unwrap()
    .with_deliverables(vec![
        DeliverableRow::new("Noget", Delivery::Delivered, None).unwrap(),
    ]);
    let input =
        PlanInput::new(Year::new(2026).unwrap(), "Eksempel: plan", true, vec![row]).unwrap();
    let json = serde_json::to_string(&input).unwrap();
    assert!(json.contains(r#""multi_partner":true"#), "{json}");
    assert_eq!(read(&json).unwrap(), input);
}

#[test]
fn every_constructor_check_holds_on_the_way_in() {
    let blank_title = read(&plan(" ", &activity("a", ""))).unwrap_err();
    assert!(blank_title.contains("plan.title"), "{blank_title}");
    let twice = read(&plan(
        "P",
        &format!("{},{}", activity("a", ""), activity("a", "")),
    ))
    .unwrap_err();
    assert!(twice.contains("repeats"), "{twice}");
    let negative = read(&plan("P", &activity("a", r#", "budget": "-1,00""#))).unwrap_err();
    assert!(negative.contains("negative"), "{negative}");
    let blank = read(&plan(
        "P",
        &activity(
            "a",
            r#", "deliverables": [{"what": " ", "delivery": "delivered"}]"#,
        ),
    ))
    .unwrap_err();
    assert!(blank.contains("description"), "{blank}");
    let unknown = read(&plan("P", &activity("a", r#", "colour": "red""#))).unwrap_err();
    assert!(unknown.contains("colour"), "{unknown}");
}

#[test]
fn multi_partner_is_computed_not_trusted() {
    // No partners, but "multi_partner": true: refused.
    let lie = read(&plan("P", &activity("a", r#", "multi_partner": true"#))).unwrap_err();
    assert!(lie.contains("multi_partner"), "{lie}");
    // Organisations beyond the parties the activity names: refused.
    let more = read(&plan(
        "P",
        &activity("a", r#", "organisations": ["A", "B"]"#),
    ))
    .unwrap_err();
    assert!(more.contains("organisations"), "{more}");
    // Without the field it is computed: one organisation, not multi-partner.
    let input = read(&plan("P", &activity("a", ""))).unwrap();
    assert!(!input.activities()[0].is_multi_partner());
}
