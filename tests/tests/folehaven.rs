//! The embedded Folehaven agreement across crates: its parties under the governance rules of
//! `tryghed-parties`, its budget under the invariants of `tryghed-budget`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;
use proptest::prelude::*;
use tryghed_agreement::Year;
use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
use tryghed_budget::{AnnualBudget, Dkk, LineKind};
use tryghed_parties::{BodyKind, Meeting, Membership, PartyKind, RuleViolation};

fn meetings(body: BodyKind, year: i32, count: u32) -> Vec<Meeting> {
    (1..=count)
        .map(|month| Meeting::new(body, NaiveDate::from_ymd_opt(year, month, 15).unwrap()))
        .collect()
}

/// A synthetic roster: one seat per participant in the styregruppe and the arbejdsgruppe.
fn synthetic_full_roster(agreement: &Agreement) -> Vec<Membership> {
    let mut roster = Vec::new();
    for party in agreement.participants() {
        for body in [BodyKind::SteeringGroup, BodyKind::WorkingGroup] {
            roster.push(Membership::new(party.id().clone(), body, "medlem").unwrap());
        }
    }
    roster
}

#[test]
fn a_year_that_keeps_every_rule_has_no_violations() {
    let agreement = Agreement::folehaven();
    let roster = synthetic_full_roster(&agreement);
    let mut held = meetings(BodyKind::WorkingGroup, 2026, 9);
    held.extend(meetings(BodyKind::SteeringGroup, 2026, 1));
    let violations = agreement.organisation().check(
        agreement.parties(),
        &roster,
        &held,
        Year::new(2026).unwrap(),
    );
    assert!(violations.is_empty(), "{violations:?}");
}

#[test]
fn every_broken_rule_is_reported() {
    let agreement = Agreement::folehaven();
    let roster: Vec<Membership> = synthetic_full_roster(&agreement)
        .into_iter()
        .filter(|m| m.party().as_str() != "politi")
        .collect();
    // Seven arbejdsgruppe meetings and no styregruppe meeting.
    let held = meetings(BodyKind::WorkingGroup, 2027, 7);
    let violations = agreement.organisation().check(
        agreement.parties(),
        &roster,
        &held,
        Year::new(2027).unwrap(),
    );
    let not_represented = violations
        .iter()
        .filter(|v| matches!(v, RuleViolation::NotRepresented { .. }))
        .count();
    assert_eq!(
        not_represented, 2,
        "police missing from both bodies: {violations:?}"
    );
    assert!(violations.iter().any(|v| matches!(
        v,
        RuleViolation::TooFewMeetings {
            held: 7,
            min: 8,
            ..
        }
    )));
    assert!(violations.iter().any(|v| matches!(
        v,
        RuleViolation::TooFewMeetings {
            held: 0,
            min: 1,
            ..
        }
    )));
    assert_eq!(violations.len(), 4, "{violations:?}");
}

#[test]
fn eleven_working_group_meetings_are_too_many() {
    let agreement = Agreement::folehaven();
    let roster = synthetic_full_roster(&agreement);
    let mut held = meetings(BodyKind::WorkingGroup, 2028, 11);
    held.extend(meetings(BodyKind::SteeringGroup, 2028, 2));
    let violations = agreement.organisation().check(
        agreement.parties(),
        &roster,
        &held,
        Year::new(2028).unwrap(),
    );
    assert!(
        matches!(
            violations.as_slice(),
            [RuleViolation::TooManyMeetings {
                held: 11,
                max: 10,
                ..
            }]
        ),
        "{violations:?}"
    );
}

#[test]
fn the_participants_are_the_forvaltninger_the_police_and_the_housing_associations() {
    let agreement = Agreement::folehaven();
    let kinds: Vec<PartyKind> = agreement
        .participants()
        .map(tryghed_parties::Party::kind)
        .collect();
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == PartyKind::Administration)
            .count(),
        7
    );
    assert_eq!(kinds.iter().filter(|k| **k == PartyKind::Police).count(), 1);
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == PartyKind::HousingAssociation)
            .count(),
        2
    );
    for party in agreement.participants() {
        if party.kind() == PartyKind::Administration {
            assert_eq!(
                party.parent().map(tryghed_parties::PartyId::as_str),
                Some("kk")
            );
        }
    }
    let kk = agreement.parties().get("kk").unwrap();
    assert_eq!(kk.cvr().map(tryghed_parties::Cvr::get), Some(64_942_212));
}

#[test]
fn the_budget_holds_for_every_year_of_the_period() {
    let agreement = Agreement::folehaven();
    let budget = agreement.budget();
    let years: Vec<Year> = budget
        .years()
        .iter()
        .map(tryghed_budget::AnnualBudget::year)
        .collect();
    assert_eq!(years, agreement.period().years().collect::<Vec<_>>());
    for year in budget.years() {
        assert_eq!(year.total(), Dkk::from_kroner(1_467_000).unwrap());
        assert_eq!(
            year.activity_funds().amount(),
            Dkk::from_kroner(1_050_000).unwrap()
        );
        assert_eq!(year.activity_funds().kind(), LineKind::ActivityFunds);
        let pm = year.project_management().unwrap();
        assert_eq!(pm.amount(), Dkk::from_kroner(417_000).unwrap());
        assert_eq!(pm.fte().map(|f| f.to_string()), Some("0.5".to_owned()));
        let sum =
            Dkk::checked_sum(year.lines().iter().map(tryghed_budget::BudgetLine::amount)).unwrap();
        assert_eq!(sum, year.total());
    }
    assert_eq!(budget.total(), Dkk::from_kroner(5_868_000).unwrap());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The embedded budget holds its invariant for every year: a year has a budget exactly when
    /// it is in the period, and then its lines sum to its total to the øre, and the year reads
    /// back through the validating serde form unchanged.
    #[test]
    fn the_embedded_budget_holds_its_invariant_for_every_year(year in 1990_i32..2060) {
        let agreement = Agreement::folehaven();
        let annual = agreement.annual_budget(Year::new(year).unwrap());
        prop_assert_eq!(annual.is_some(), agreement.period().contains_year(Year::new(year).unwrap()));
        if let Some(annual) = annual {
            prop_assert_eq!(annual.year().get(), year);
            let sum = Dkk::checked_sum(annual.lines().iter().map(tryghed_budget::BudgetLine::amount))
                .unwrap();
            prop_assert_eq!(sum, annual.total());
            prop_assert!(annual.lines().iter().all(|line| !line.amount().is_negative()));
            let json = serde_json::to_string(annual).unwrap();
            let back: AnnualBudget = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, annual);
        }
    }

    /// The embedded file's budget goes through the same check as any file: moving the activity
    /// funds by any number of øre breaks "the lines sum to the total" and is refused, naming
    /// the budget.
    #[test]
    fn the_embedded_budget_is_checked_by_the_same_code(delta in -1_000_000_i64..1_000_000) {
        let funds = Dkk::from_ore(105_000_000 + delta);
        let text = FOLEHAVEN_TOML.replace(
            "amount = \"1.050.000,00\"",
            &format!("amount = \"{}\"", funds.danish()),
        );
        let result = Agreement::from_toml_str(&text);
        prop_assert_eq!(result.is_ok(), delta == 0);
        if let Err(error) = result {
            prop_assert!(error.to_string().contains("budget"), "{}", error);
        }
    }
}
