//! The plan's lifecycle (draft, approved, revised), activity objectives, and a follow-up that
//! lists every problem with its line and field, deviations with reason, action and new
//! deadline.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use chrono::NaiveDate;
use common::folehaven_context;
use tryghed_plan::{
    DeviationItem, FollowUpCheck, Plan, PlanCheck, PlanStatus, Severity, check_follow_up,
    check_plan,
};

/// A synthetic plan with one activity (one deliverable, one objective) and `head` as its
/// status lines.
fn plan_text(head: &str) -> String {
    format!(
        "year = 2026\n{head}\n[[activities]]\nid = \"a\"\ntitle = \"Synthetic A\"\nfocus_area = \"kommunikation\"\nresponsible = \"okf\"\npartners = [\"3b\"]\nbudget = 0\n\n[[activities.deliverables]]\nid = \"d\"\nwhat = \"Something\"\ndue = 2026-06-30\n\n[[activities.objectives]]\nid = \"o\"\nwhat = \"Some aim\"\n"
    )
}

fn check(text: &str) -> PlanCheck {
    check_plan(text, "plan.toml", &folehaven_context())
}

/// (severity, line, field, message) of every diagnostic.
fn found(diagnostics: &[tryghed_plan::Diagnostic]) -> Vec<(Severity, usize, String, String)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d.severity(),
                d.location().map_or(0, tryghed_plan::Location::line),
                d.field().to_owned(),
                d.message().to_owned(),
            )
        })
        .collect()
}

const APPROVED: &str =
    "status = \"approved\"\n\n[approval]\ndate = 2026-02-24\nbody = \"styregruppe\"\n";
const REVISED: &str = "status = \"revised\"\n\n[approval]\ndate = 2026-02-24\nbody = \"styregruppe\"\n\n[[revisions]]\ndate = 2026-11-17\nreason = \"Synthetic: later lamps\"\n";

#[test]
fn a_plan_without_status_is_a_draft_and_old_files_stay_readable() {
    let checked = check(&plan_text(""));
    assert!(checked.is_valid(), "{:?}", found(checked.diagnostics()));
    let plan = checked.plan().unwrap();
    assert_eq!(plan.status(), PlanStatus::Draft);
    assert!(plan.approval().is_none() && plan.revisions().is_empty());
    assert_eq!(plan.activities()[0].objectives()[0].what(), "Some aim");
}

#[test]
fn approved_and_revised_plans_carry_their_dates_body_and_reason() {
    let checked = check(&plan_text(APPROVED));
    assert!(
        checked.diagnostics().is_empty(),
        "{:?}",
        found(checked.diagnostics())
    );
    let plan = checked.plan().unwrap();
    assert_eq!(plan.status(), PlanStatus::Approved);
    let approval = plan.approval().unwrap();
    assert_eq!(
        approval.date(),
        NaiveDate::from_ymd_opt(2026, 2, 24).unwrap()
    );
    assert_eq!(approval.body(), "styregruppe");

    let checked = check(&plan_text(REVISED));
    assert!(
        checked.diagnostics().is_empty(),
        "{:?}",
        found(checked.diagnostics())
    );
    let plan = checked.plan().unwrap();
    assert_eq!(plan.status(), PlanStatus::Revised);
    assert_eq!(plan.revisions()[0].reason(), "Synthetic: later lamps");
}

#[test]
fn a_status_must_match_the_approval_and_revisions() {
    // Approved without [approval]: an error at the status line.
    let checked = check(&plan_text("status = \"approved\"\n"));
    let d = &found(checked.diagnostics())[0];
    assert_eq!((d.0, d.1, d.2.as_str()), (Severity::Error, 2, "status"));
    assert_eq!(
        d.3,
        "tryghedsplanen er godkendt, men der står ikke, hvem der godkendte den og hvornår"
    );

    // Revised without a revision.
    let text = plan_text(&APPROVED.replace("approved", "revised"));
    let d = &found(check(&text).diagnostics())[0];
    assert_eq!(
        (d.1, d.3.as_str()),
        (
            2,
            "tryghedsplanen er revideret, men har ingen revision ([[revisions]])"
        )
    );

    // A draft with an approval.
    let text = plan_text(&APPROVED.replace("\"approved\"", "\"draft\""));
    let d = &found(check(&text).diagnostics())[0];
    assert_eq!((d.1, d.2.as_str()), (4, "approval"));

    // Approved but with a revision.
    let text = plan_text(&REVISED.replace("\"revised\"", "\"approved\""));
    let d = &found(check(&text).diagnostics())[0];
    assert_eq!((d.1, d.2.as_str()), (8, "revisions[0]"));
    assert_eq!(
        d.3,
        "tryghedsplanen har en revision, men dens status er godkendt"
    );

    // A status that is not one.
    let d = &found(check(&plan_text("status = \"vedtaget\"\n")).diagnostics())[0];
    assert_eq!(
        d.3,
        "ukendt status \"vedtaget\"; brug \"draft\", \"approved\" eller \"revised\""
    );
}

#[test]
fn revision_dates_follow_the_approval_and_the_year() {
    let text = plan_text(&REVISED.replace("date = 2026-11-17", "date = 2026-01-10"));
    let checked = check(&text);
    let d = &found(checked.diagnostics())[0];
    assert_eq!(
        (d.0, d.1, d.2.as_str(), d.3.as_str()),
        (
            Severity::Error,
            9,
            "revisions[0].date",
            "revisionen den 2026-01-10 ligger før godkendelsen den 2026-02-24"
        )
    );
    let text = plan_text(&REVISED.replace("date = 2026-11-17", "date = 2027-01-10"));
    let d = &found(check(&text).diagnostics())[0];
    assert_eq!(
        (d.0, d.3.as_str()),
        (
            Severity::Warning,
            "revisionen den 2027-01-10 ligger uden for planåret 2026"
        )
    );
}

#[test]
fn unreadable_lifecycle_fields_are_each_reported_and_the_activities_still_checked() {
    let text = plan_text(
        "status = \"revised\"\n\n[approval]\ndate = \"24-02-2026\"\nwho = \"x\"\n\n[[revisions]]\nreason = \"\"\n",
    )
    .replace("responsible = \"okf\"", "responsible = \"okff\"");
    let checked = check(&text);
    let fields: Vec<String> = found(checked.diagnostics())
        .into_iter()
        .map(|d| d.2)
        .collect();
    assert_eq!(
        fields,
        [
            "approval.body",
            "approval.date",
            "approval.who",
            "revisions[0].date",
            "revisions[0].reason",
            "activities[0].responsible",
        ],
        "{:?}",
        found(checked.diagnostics())
    );
    assert!(checked.plan().is_none());
}

#[test]
fn objective_ids_are_unique_within_their_activity() {
    let text = plan_text("").replace(
        "what = \"Some aim\"\n",
        "what = \"Some aim\"\n\n[[activities.objectives]]\nid = \"o\"\nwhat = \"Again\"\n",
    );
    let checked = check(&text);
    let d = &found(checked.diagnostics())[0];
    assert_eq!(d.2, "activities[0].objectives[1].id");
    assert_eq!(
        d.3,
        "aktiviteten \"a\": målsætnings-id'et \"o\" bruges mere end én gang"
    );
}

fn plan() -> Plan {
    check(&plan_text(APPROVED)).plan().unwrap().clone()
}

fn follow(text: &str) -> FollowUpCheck {
    check_follow_up(text, "opfoelgning.toml", &plan())
}

#[test]
fn a_follow_up_year_mismatch_points_at_its_line() {
    let text = "# synthetic\n\nyear = 2027\n\n[[deliverables]]\nactivity = \"a\"\ndeliverable = \"d\"\nstatus = \"delivered\"\n";
    let checked = follow(text);
    let d = &found(checked.diagnostics())[0];
    assert_eq!(
        (d.0, d.1, d.2.as_str(), d.3.as_str()),
        (
            Severity::Error,
            3,
            "year",
            "opfølgningen er for 2027, men tryghedsplanen er for 2026"
        )
    );
}

#[test]
fn a_missing_year_or_a_bad_status_does_not_hide_the_other_problems() {
    let text = "[[deliverables]]\nactivity = \"a\"\ndeliverable = \"x\"\nstatus = \"done\"\n\n[[deliverables]]\nactivity = \"zz\"\ndeliverable = \"d\"\nstatus = \"delivered\"\nextra = 1\n\n[[objectives]]\nactivity = \"a\"\nobjective = \"o\"\nstatus = \"almost\"\n";
    let checked = follow(text);
    assert!(!checked.is_valid());
    let errors: Vec<(usize, String)> = found(checked.diagnostics())
        .into_iter()
        .filter(|d| d.0 == Severity::Error)
        .map(|d| (d.1, d.2))
        .collect();
    assert_eq!(
        errors,
        [
            (1, "year".to_owned()),
            (3, "deliverables[0].deliverable".to_owned()),
            (4, "deliverables[0].status".to_owned()),
            (7, "deliverables[1].activity".to_owned()),
            (10, "deliverables[1].extra".to_owned()),
            (15, "objectives[0].status".to_owned()),
        ],
        "{:?}",
        found(checked.diagnostics())
    );
}

#[test]
fn a_deviation_needs_a_reason_an_action_and_a_new_deadline_after_the_old_one() {
    let text = "year = 2026\n\n[[deliverables]]\nactivity = \"a\"\ndeliverable = \"d\"\nstatus = \"not-delivered\"\nnew_due = 2026-06-01\n\n[[objectives]]\nactivity = \"a\"\nobjective = \"o\"\nstatus = \"achieved\"\naction = \"Synthetic\"\n";
    let checked = follow(text);
    assert!(checked.is_valid(), "warnings only");
    let messages: Vec<String> = found(checked.diagnostics())
        .into_iter()
        .map(|d| d.3)
        .collect();
    assert_eq!(
        messages,
        [
            "leverancen \"d\" i aktiviteten \"a\" er ikke leveret, men afvigelsen har ingen begrundelse",
            "leverancen \"d\" i aktiviteten \"a\" er ikke leveret, men der står ingen handling",
            "den nye frist 2026-06-01 ligger ikke efter den oprindelige frist 2026-06-30",
            "målsætningen \"o\" i aktiviteten \"a\" er opnået, men har action; det hører til en afvigelse",
        ]
    );
}

#[test]
fn deviations_carry_reason_action_and_new_deadline_in_plan_order() {
    let text = "year = 2026\n\n[[objectives]]\nactivity = \"a\"\nobjective = \"o\"\nstatus = \"not-achieved\"\nreason = \"Synthetic: too few came\"\naction = \"Synthetic: a second round\"\n\n[[deliverables]]\nactivity = \"a\"\ndeliverable = \"d\"\nstatus = \"partly-delivered\"\nnote = \"Synthetic: an older file's note\"\naction = \"Synthetic: finish it\"\nnew_due = 2026-09-30\n";
    let checked = follow(text);
    assert!(checked.is_valid(), "{:?}", found(checked.diagnostics()));
    let plan = plan();
    let summary = checked.follow_up().unwrap().summary(&plan);
    let deviations = summary.deviations();
    assert_eq!(deviations.len(), 2);
    // The deliverable first (plan order), with the note as its reason.
    assert!(matches!(
        deviations[0].item(),
        DeviationItem::Deliverable { .. }
    ));
    assert_eq!(deviations[0].status_da(), "delvist leveret");
    assert_eq!(
        deviations[0].reason(),
        Some("Synthetic: an older file's note")
    );
    assert_eq!(deviations[0].action(), Some("Synthetic: finish it"));
    assert_eq!(
        deviations[0].new_due(),
        NaiveDate::from_ymd_opt(2026, 9, 30)
    );
    assert_eq!(deviations[1].status_da(), "ikke opnået");
    assert_eq!(deviations[1].what(), "Some aim");
    assert_eq!(summary.objectives().not_achieved(), 1);
    let grouped = summary.deviations_by_activity();
    assert_eq!(grouped.len(), 1);
    assert_eq!(grouped[0].1.len(), 2);
}

#[test]
fn the_schemas_describe_status_objectives_and_deviation_fields() {
    let plan: serde_json::Value = serde_json::from_str(&tryghed_plan::plan_schema()).unwrap();
    assert!(plan["properties"]["status"].is_object());
    assert!(plan["properties"]["approval"].is_object());
    assert!(plan["$defs"]["RawActivity"]["properties"]["objectives"].is_object());
    let follow: serde_json::Value =
        serde_json::from_str(&tryghed_plan::follow_up_schema()).unwrap();
    let report = &follow["$defs"]["DeliverableReportFile"]["properties"];
    for field in ["reason", "action", "new_due"] {
        assert!(report[field].is_object(), "{field}");
    }
    assert!(follow["properties"]["objectives"].is_object());
}
