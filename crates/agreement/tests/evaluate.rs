//! `Agreement::evaluate`: the one evaluation behind `tryghed goals`, `tryghed report` and any
//! service, pairing the survey of Y with the crime of Y − 1 and the plan of Y.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;
use tryghed_agreement::Year;

use tryghed_agreement::{Agreement, AgreementError, FOLEHAVEN_TOML, PlanCount};
use tryghed_goals::{IndicatorId, Observations, Status};
use tryghed_plan::Plan;

fn id(s: &str) -> IndicatorId {
    s.parse().unwrap()
}

/// Synthetic figures: the 2026 survey, crime of 2025 and 2026, residents.
const SYNTHETIC: &str = "indicator,area,year,value,respondents\n\
    tryg-aften-nat,omraade,2026,71%,380\n\
    tryg-aften-nat,kobenhavn,2026,80%,3600\n\
    indbrud,omraade,2025,14,\n\
    indbrud,omraade,2026,16,\n\
    aktiviteter-flere-partnere,omraade,2026,2/3,\n";

#[test]
fn each_goal_is_judged_on_its_own_year() {
    let agreement = Agreement::folehaven();
    let obs = Observations::from_csv_str(SYNTHETIC).unwrap();
    let e = agreement
        .evaluate(Year::new(2026).unwrap(), &obs, None)
        .unwrap();
    assert_eq!(
        (
            e.survey_year().get(),
            e.crime_year().get(),
            e.plan_year().get()
        ),
        (2026, 2025, 2026)
    );
    let years: Vec<i32> = e.goals().iter().map(|g| g.year().get()).collect();
    assert_eq!(years, [2026, 2025, 2026]);
    // Indbrud 2025 is the count the 2026 status judges (its 2026 count is the 2027 status's).
    assert_eq!(e.indicator(&id("indbrud")).unwrap().count(), Some(14));
    // Without a plan the observation of the share judges goal 3: 2 of 3 is below 75 %.
    assert_eq!(
        *e.indicator(&id("aktiviteter-flere-partnere"))
            .unwrap()
            .status(),
        Status::NotMet
    );
    assert!(e.notes().is_empty());
}

#[test]
fn the_default_year_follows_the_figures_as_the_report_does() {
    let agreement = Agreement::folehaven();
    let obs = Observations::from_csv_str(SYNTHETIC).unwrap();
    // The 2026 crime counts belong to the 2027 status.
    assert_eq!(
        agreement.default_report_year(&obs),
        Year::new(2027).unwrap()
    );
    assert_eq!(
        agreement.default_report_year(&Observations::new()),
        Year::new(2026).unwrap()
    );
}

fn plan_2026(partners: &[&str]) -> Plan {
    let mut text = String::from("year = 2026\n");
    for (i, p) in partners.iter().enumerate() {
        let _ = write!(
            text,
            "\n[[activities]]\nid = \"a{i}\"\ntitle = \"Synthetic\"\nfocus_area = \"kommunikation\"\nresponsible = \"3b\"\npartners = {p}\nbudget = 0\n"
        );
    }
    Plan::from_toml_str(&text).unwrap()
}

#[test]
fn the_plan_wins_over_a_differing_observation_and_a_note_names_both() {
    let agreement = Agreement::folehaven();
    let obs = Observations::from_csv_str(SYNTHETIC).unwrap();
    // 3 of 4 activities with two organisations: exactly 75 %.
    let plan = plan_2026(&["[\"politi\"]", "[\"sab\"]", "[\"okf\"]", "[]"]);
    let count = PlanCount::from_plan(&plan, &agreement, "plan.toml").unwrap();
    assert_eq!((count.multi_partner(), count.total()), (3, 4));
    let e = agreement
        .evaluate(Year::new(2026).unwrap(), &obs, Some(&count))
        .unwrap();
    let collab = e.indicator(&id("aktiviteter-flere-partnere")).unwrap();
    assert_eq!(*collab.status(), Status::Met);
    assert_eq!(
        collab.share().map(|s| (s.numerator(), s.denominator())),
        Some((3, 4))
    );
    assert_eq!(
        e.notes(),
        [
            "Observationerne angiver 2/3 (66,7 %) for aktiviteter-flere-partnere i 2026, men tryghedsplanen (plan.toml) giver 3 af 4 aktiviteter (75 %); vurderingen bruger tryghedsplanen, fordi målet gælder \"det samlede antal aktiviteter i tryghedsplanen\", og planens aktiviteter tælles efter samme regel som i kontrollen af tryghedsplanen."
        ]
    );
}

#[test]
fn an_equal_share_from_other_counts_is_named_and_the_same_counts_are_not() {
    let agreement = Agreement::folehaven();
    let plan = plan_2026(&["[\"politi\"]", "[\"sab\"]", "[\"okf\"]", "[]"]);
    let count = PlanCount::from_plan(&plan, &agreement, "plan.toml").unwrap();
    let notes = |value: &str| {
        let csv = format!(
            "indicator,area,year,value,respondents\naktiviteter-flere-partnere,omraade,2026,{value},\n"
        );
        let obs = Observations::from_csv_str(&csv).unwrap();
        agreement
            .evaluate(Year::new(2026).unwrap(), &obs, Some(&count))
            .unwrap()
            .notes()
            .to_vec()
    };
    // 75 % from 12 of 16 activities is not what the plan of 4 activities says.
    let other = notes("12/16");
    assert_eq!(other.len(), 1, "{other:?}");
    assert!(
        other[0].starts_with("Observationerne angiver 12/16 (75 %)"),
        "{other:?}"
    );
    assert!(other[0].contains("vurderingen bruger tryghedsplanen, fordi"));
    // The plan's own counts: nothing to tell.
    assert_eq!(notes("3/4"), Vec::<String>::new());
}

#[test]
fn a_plan_below_75_percent_is_not_met_not_an_error() {
    let agreement = Agreement::folehaven();
    let plan = plan_2026(&["[\"politi\"]", "[]"]);
    let count = PlanCount::from_plan(&plan, &agreement, "plan.toml").unwrap();
    let e = agreement
        .evaluate(Year::new(2026).unwrap(), &Observations::new(), Some(&count))
        .unwrap();
    assert_eq!(*e.goals()[2].status(), Status::NotMet);
}

#[test]
fn a_plan_of_another_year_is_refused() {
    let agreement = Agreement::folehaven();
    let count = PlanCount::new(Year::new(2026).unwrap(), 1, 1, "plan.toml").unwrap();
    let error = agreement
        .evaluate(Year::new(2027).unwrap(), &Observations::new(), Some(&count))
        .unwrap_err();
    assert!(
        matches!(error, AgreementError::PlanDoesNotFit { .. }),
        "{error}"
    );
    assert!(PlanCount::new(Year::new(2026).unwrap(), 2, 1, "x").is_err());
}

#[test]
fn a_goal_mixing_sources_is_refused_on_load() {
    // Move the collaboration indicator into the crime goal: one goal, two years' figures.
    let text = FOLEHAVEN_TOML.replace(
        "[[goals]]\nid = \"samarbejde\"\ntitle = \"Mindst 75 % af tryghedsplanens aktiviteter involverer to eller flere samarbejdspartnere\"\n",
        "",
    );
    let error = Agreement::from_toml_str(&text).unwrap_err().to_string();
    assert!(error.contains("mixes sources"), "{error}");
}
