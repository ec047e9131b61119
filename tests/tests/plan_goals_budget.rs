//! A tryghedsplan across crates: checked against the agreement (plan), its activity budgets
//! booked against the year's activity funds (budget), its collaboration share evaluated as
//! goal 3 (goals).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use tryghed_agreement::Agreement;
use tryghed_budget::{Allocations, Dkk, Ledger};
use tryghed_goals::{Share, Status, evaluate_share_at_least};
use tryghed_plan::{Collaboration, check_plan};

const EXAMPLE_PLAN: &str = include_str!("../../examples/tryghedsplan-2026-eksempel.toml");

#[test]
fn the_example_plan_fits_the_agreement_the_budget_and_goal_3() {
    let agreement = Agreement::folehaven();
    let check = check_plan(EXAMPLE_PLAN, "eksempel", &agreement.plan_context());
    assert!(check.is_valid(), "{}", check.render(EXAMPLE_PLAN));
    let plan = check.plan().unwrap();

    // Every activity's budget allocated against the year's activity funds, through the
    // budget crate's own rule: the same remainder as the plan check reports.
    let year = agreement.annual_budget(plan.year()).unwrap();
    let mut allocations = Allocations::new(year);
    for activity in plan.activities() {
        allocations
            .allocate(activity.id().clone(), activity.budget())
            .unwrap();
    }
    let budget_use = check.budget().unwrap();
    assert_eq!(allocations.allocated(), budget_use.total());
    assert_eq!(Some(allocations.remaining()), budget_use.remainder());

    // Goal 3, from the plan's count, through the goals crate's rule.
    let collaboration = check.collaboration().unwrap();
    let status = evaluate_share_at_least(
        collaboration.multi_partner(),
        collaboration.total(),
        Share::new(3, 4).unwrap(),
    )
    .unwrap();
    assert_eq!(status == Status::Met, collaboration.is_met());

    // And a ledger over those allocations accepts spending within them.
    let ledger = Ledger::with_allocations(allocations);
    assert_eq!(ledger.summary().spent(), Dkk::ZERO);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The plan crate's 75 % rule and the goals crate's share rule agree everywhere.
    #[test]
    fn plan_and_goals_agree_on_the_75_percent_rule(total in 1u64..500, multi_frac in 0u64..=1000) {
        let multi = total * multi_frac / 1000;
        let plan_says = Collaboration::new(multi, total).is_met();
        let goals_say = evaluate_share_at_least(multi, total, Share::new(3, 4).unwrap()).unwrap() == Status::Met;
        prop_assert_eq!(plan_says, goals_say);
        prop_assert_eq!(plan_says, 4 * multi >= 3 * total);
    }
}
