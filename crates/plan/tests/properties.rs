//! Properties: validation never panics and does not depend on the order of the activities.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::collections::BTreeMap;
use tryghed_plan::Year;

use chrono::NaiveDate;
use proptest::prelude::*;
use tryghed_budget::Dkk;
use tryghed_plan::{
    Activity, Deliverable, DeliverableId, ExternalPartner, Locality, Partner, Plan, Severity,
    check_plan,
};

const PARTIES: [&str; 7] = ["okf", "sof", "ssp", "politi", "3b", "sikker-by", "ukendt"];
const AREAS: [&str; 4] = [
    "kommunikation",
    "tryggere-byrum",
    "positive-faellesskaber",
    "andet",
];

fn partner() -> impl Strategy<Value = Partner> {
    prop_oneof![
        prop::sample::select(&PARTIES[..]).prop_map(|id| Partner::Party(id.parse().unwrap())),
        (
            prop::sample::select(vec!["Forening", "forening ", "Skole"]),
            any::<bool>()
        )
            .prop_map(|(name, inside)| {
                let located = if inside {
                    Locality::Inside
                } else {
                    Locality::Outside
                };
                Partner::External(ExternalPartner::new(name, located).unwrap())
            }),
    ]
}

fn deliverable() -> impl Strategy<Value = Deliverable> {
    (
        prop::sample::select(vec!["d1", "d2", "d3"]),
        2024..2029_i32,
        1..=12_u32,
    )
        .prop_map(|(id, year, month)| {
            Deliverable::new(
                DeliverableId::new(id).unwrap(),
                "Synthetic deliverable",
                NaiveDate::from_ymd_opt(year, month, 1).unwrap(),
            )
            .unwrap()
        })
}

fn activity() -> impl Strategy<Value = Activity> {
    (
        prop::sample::select(vec!["a", "b", "c", "d", "e", "f"]),
        prop::sample::select(&AREAS[..]),
        prop::sample::select(&PARTIES[..]),
        prop::collection::vec(partner(), 0..4),
        0..60_000_000_i64,
        prop::collection::vec(deliverable(), 0..3),
    )
        .prop_map(|(id, area, responsible, partners, ore, deliverables)| {
            let mut activity = Activity::new(
                id.parse().unwrap(),
                "Synthetic activity",
                area.parse().unwrap(),
                responsible.parse().unwrap(),
                Dkk::from_ore(ore),
            )
            .unwrap();
            for p in partners {
                activity = activity.with_partner(p);
            }
            for d in deliverables {
                activity = activity.with_deliverable(d);
            }
            activity
        })
}

fn synthetic_plan() -> impl Strategy<Value = (Plan, Vec<Activity>)> {
    (2025..2031_i32, prop::collection::vec(activity(), 0..9)).prop_flat_map(|(year, activities)| {
        let shuffled = Just(activities.clone()).prop_shuffle();
        (
            Just(Plan::new(Year::new(year).unwrap(), activities)),
            shuffled,
        )
    })
}

/// The diagnostics as a multiset of (severity, message), without locations or fields.
fn outcome(plan: &Plan) -> BTreeMap<(Severity, String), usize> {
    let context = common::folehaven_context_with_funds(&[2026, 2027]);
    let mut counts = BTreeMap::new();
    for d in plan.validate(&context) {
        *counts
            .entry((d.severity(), d.message().to_owned()))
            .or_insert(0) += 1;
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn validation_is_independent_of_activity_order((plan, shuffled) in synthetic_plan()) {
        let reordered = Plan::new(plan.year(), shuffled);
        prop_assert_eq!(outcome(&plan), outcome(&reordered));
        let context = common::folehaven_context_with_funds(&[2026, 2027]);
        prop_assert_eq!(plan.collaboration(&context), reordered.collaboration(&context));
        prop_assert_eq!(plan.budget_use(&context).ok(), reordered.budget_use(&context).ok());
    }

    #[test]
    fn the_collaboration_rule_is_exact(multi in 0..10_000_u64, extra in 0..10_000_u64) {
        let total = multi + extra;
        let c = tryghed_plan::Collaboration::new(multi, total);
        prop_assert_eq!(c.is_met(), 4 * multi >= 3 * total);
        let fixed = tryghed_plan::Collaboration::new(multi + c.missing(), total);
        prop_assert!(fixed.is_met());
        if c.missing() > 0 {
            prop_assert!(!tryghed_plan::Collaboration::new(multi + c.missing() - 1, total).is_met());
        }
    }

    #[test]
    fn checking_text_never_panics(text in "(year = 2026\n)?(\\[\\[activities\\]\\]\n|id = \"[a-z]{0,3}\"\n|budget = [0-9.,\"-]{0,8}\n|partners = \\[[a-z\", {}=]{0,20}\\]\n|due = 20[0-9]{2}-[0-9]{2}-[0-9]{2}\n|[a-z_ =\"\\[\\]{}0-9.,\n-]{0,30})*") {
        let context = common::folehaven_context();
        let checked = check_plan(&text, "fuzz.toml", &context);
        let _ = checked.render(&text);
        prop_assert_eq!(checked.is_valid(), checked.error_count() == 0);
    }
}
