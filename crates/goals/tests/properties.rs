//! Property tests of the evaluation's invariants (1,000 cases each).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use rust_decimal::Decimal;
use tryghed_goals::Year;
use tryghed_goals::{
    AreaId, Baseline, Dimension, Direction, EvalOptions, Goal, GoalIndicator, Indicator,
    IndicatorId, Observation, Observations, ObservedValue, Proportion, Share, Source, Status,
    Target, Unit, evaluate, evaluate_share_at_least, wilson_interval,
};

const IDS: [&str; 4] = ["tryg", "rate", "antal", "samarbejde"];
const BASELINE_YEAR: Year = match Year::new(2025) {
    Ok(year) => year,
    Err(_) => panic!("2025 is a year"),
};

fn ind(id: &str, unit: Unit, dir: Direction) -> Indicator {
    Indicator::new(
        id.parse().unwrap(),
        format!("synthetic {id}"),
        unit,
        dir,
        Source::Tryghedsundersoegelsen,
        Dimension::Neighbourhood,
    )
    .unwrap()
}

/// A goal with every kind of target; `crime_baseline` is the crime indicators' baseline.
fn synthetic_goal(crime_baseline: Baseline) -> Goal {
    let survey = GoalIndicator::new(
        ind("tryg", Unit::ShareOfRespondents, Direction::HigherIsBetter),
        Some(Baseline::Observed {
            year: BASELINE_YEAR,
        }),
        vec![
            Target::IncreaseEveryYear,
            Target::ApproachReference {
                reference_area: AreaId::copenhagen(),
                by_year: Year::new(2029).unwrap(),
            },
        ],
    )
    .unwrap();
    let rate = GoalIndicator::new(
        ind(
            "rate",
            Unit::ReportsPer1000Residents,
            Direction::LowerIsBetter,
        ),
        Some(crime_baseline.clone()),
        vec![Target::NotAboveBaseline],
    )
    .unwrap();
    let count = GoalIndicator::new(
        ind("antal", Unit::NumberOfReports, Direction::LowerIsBetter),
        Some(crime_baseline),
        vec![Target::NotAboveBaseline],
    )
    .unwrap();
    let collab = GoalIndicator::new(
        ind(
            "samarbejde",
            Unit::ShareOfPlanActivities,
            Direction::HigherIsBetter,
        ),
        None,
        vec![Target::ShareAtLeast {
            minimum: Share::new(3, 4).unwrap(),
        }],
    )
    .unwrap();
    let monitored = GoalIndicator::new(
        ind("monitor", Unit::NumberOfReports, Direction::LowerIsBetter),
        None,
        vec![Target::MonitorOnly],
    )
    .unwrap();
    Goal::new(
        "synthetic".parse().unwrap(),
        "synthetic goal",
        vec![survey, rate, count, collab, monitored],
    )
    .unwrap()
}

fn arb_area() -> impl Strategy<Value = AreaId> {
    prop_oneof![
        Just(AreaId::partnership()),
        Just(AreaId::valby()),
        Just(AreaId::copenhagen()),
    ]
}

fn arb_value() -> impl Strategy<Value = (ObservedValue, Option<u64>)> {
    prop_oneof![
        (0u64..100_000).prop_map(|n| (ObservedValue::Count(n), None)),
        (1u64..10_000, any::<u64>(), prop::option::of(1u64..5_000)).prop_map(|(d, n, r)| {
            (ObservedValue::Share(Share::new(n % (d + 1), d).unwrap()), r)
        }),
    ]
}

/// Arbitrary observations (any kind for any indicator, including mismatched ones), years
/// 2020–2032, plus residents.
fn arb_observations() -> impl Strategy<Value = Vec<Observation>> {
    prop::collection::vec(
        (
            prop::sample::select(&[IDS[0], IDS[1], IDS[2], IDS[3], "monitor", "indbyggere"][..]),
            arb_area(),
            2020i32..2033,
            arb_value(),
        ),
        0..60,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .filter_map(|(id, area, year, (v, r))| {
                let id: IndicatorId = id.parse().unwrap();
                // invalid combinations (e.g. 0 residents) are simply not built
                Observation::new(id, area, Year::new(year).unwrap(), v, r).ok()
            })
            .collect()
    })
}

fn collect(rows: &[Observation]) -> Observations {
    let mut obs = Observations::new();
    for o in rows {
        let _ = obs.insert(o.clone()); // later duplicates are dropped by the test, not the API
    }
    obs
}

fn arb_baseline() -> impl Strategy<Value = Baseline> {
    prop_oneof![
        Just(Baseline::Pending {
            note: "synthetic".into()
        }),
        Just(Baseline::Observed {
            year: BASELINE_YEAR
        }),
        (0u64..5_000).prop_map(|v| Baseline::Set {
            year: BASELINE_YEAR,
            value: Decimal::from(v),
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any observations give a status for every indicator, and the same input the same output.
    #[test]
    fn evaluation_is_total_and_deterministic(
        rows in arb_observations(),
        baseline in arb_baseline(),
        year in 2018i32..2035,
        strict in any::<bool>(),
    ) {
        let goal = synthetic_goal(baseline);
        let obs = collect(&rows);
        let opts = EvalOptions::default().require_significant_rise(strict);
        let a = evaluate(&goal, &obs, Year::new(year).unwrap(), &opts);
        let b = evaluate(&goal, &obs, Year::new(year).unwrap(), &opts);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.indicators().len(), goal.indicators().len());
        prop_assert!(!a.explanation().is_empty());
        for i in a.indicators() {
            prop_assert!(!i.explanation().is_empty());
            if let Some(iv) = i.interval() {
                prop_assert!(0.0 <= iv.lower() && iv.upper() <= 1.0);
            }
        }
    }

    /// "Not above baseline" is met exactly when value ≤ baseline (after the baseline year).
    #[test]
    fn not_above_baseline_met_iff_value_le_baseline(
        base in 0u64..10_000,
        value in 0u64..10_000,
        year in 2026i32..2035,
    ) {
        let goal = synthetic_goal(Baseline::Set { year: BASELINE_YEAR, value: Decimal::from(base) });
        let mut obs = Observations::new();
        obs.insert(Observation::count("antal".parse().unwrap(), AreaId::partnership(), Year::new(year).unwrap(), value).unwrap()).unwrap();
        let e = evaluate(&goal, &obs, Year::new(year).unwrap(), &EvalOptions::default());
        let status = e.indicators()[2].status().clone();
        prop_assert_eq!(status == Status::Met, value <= base);
        prop_assert_eq!(status == Status::NotMet, value > base);
    }

    /// The same for the derived rate with an observed baseline, compared exactly.
    #[test]
    fn rate_not_above_observed_baseline(
        c0 in 0u64..5_000, r0 in 1u64..5_000, c1 in 0u64..5_000, r1 in 1u64..5_000,
    ) {
        let goal = synthetic_goal(Baseline::Observed { year: BASELINE_YEAR });
        let a = AreaId::partnership();
        let mut obs = Observations::new();
        let rate: IndicatorId = "rate".parse().unwrap();
        obs.insert(Observation::count(rate.clone(), a.clone(), Year::new(2025).unwrap(), c0).unwrap()).unwrap();
        obs.insert(Observation::count(rate, a.clone(), Year::new(2026).unwrap(), c1).unwrap()).unwrap();
        obs.insert(Observation::residents(a.clone(), Year::new(2025).unwrap(), r0).unwrap()).unwrap();
        obs.insert(Observation::residents(a, Year::new(2026).unwrap(), r1).unwrap()).unwrap();
        let e = evaluate(&goal, &obs, Year::new(2026).unwrap(), &EvalOptions::default());
        let v = e.indicators()[1].value().unwrap();
        let b = e.indicators()[1].baseline().unwrap();
        prop_assert_eq!(*e.indicators()[1].status() == Status::Met, v <= b);
    }

    /// A pending baseline never gives Met, for the indicator or the goal.
    #[test]
    fn pending_baseline_never_met(rows in arb_observations(), year in 2018i32..2035) {
        let goal = synthetic_goal(Baseline::Pending { note: "synthetic".into() });
        let e = evaluate(&goal, &collect(&rows), Year::new(year).unwrap(), &EvalOptions::default());
        for i in &e.indicators()[1..3] {
            prop_assert!(i.status().is_pending(), "{}", i.status());
        }
        prop_assert!(!e.status().is_met());
    }

    /// The share rule agrees with an independent formulation: multi ≥ ⌈num·total/den⌉.
    #[test]
    fn share_at_least_matches_rational_comparison(
        total in 1u64..1_000_000_000,
        m in any::<u64>(),
        den in 1u64..1_000,
        n in any::<u64>(),
    ) {
        let multi = m % (total + 1);
        let num = n % (den + 1);
        let minimum = Share::new(num, den).unwrap();
        let needed = (u128::from(num) * u128::from(total)).div_ceil(u128::from(den));
        let met = evaluate_share_at_least(multi, total, minimum).unwrap() == Status::Met;
        prop_assert_eq!(met, u128::from(multi) >= needed);
    }

    /// Wilson intervals lie in [0, 1] and contain the observed share.
    #[test]
    fn wilson_interval_in_unit_range_and_contains_share(
        d in 1u64..100_000, k in any::<u64>(), n in 1u64..1_000_000, conf in 0.5f64..0.9999,
    ) {
        let share = Share::new(k % (d + 1), d).unwrap();
        let i = wilson_interval(Proportion::new(share, n).unwrap(), conf).unwrap();
        prop_assert!(0.0 <= i.lower() && i.lower() <= i.upper() && i.upper() <= 1.0);
        prop_assert!(i.contains(share.to_f64()));
    }

    /// Observations for years that do not feed a year's evaluation (not the year, the year
    /// before or the baseline year) do not change it.
    #[test]
    fn other_years_do_not_change_a_years_status(
        rows in arb_observations(),
        extra in arb_observations(),
        baseline in arb_baseline(),
        year in 2018i32..2035,
    ) {
        let goal = synthetic_goal(baseline);
        let base = collect(&rows);
        let mut more = base.clone();
        for o in extra {
            if o.year() != Year::new(year).unwrap() && Some(o.year()) != Year::new(year).unwrap().previous() && o.year() != BASELINE_YEAR {
                let _ = more.insert(o);
            }
        }
        let opts = EvalOptions::default();
        prop_assert_eq!(evaluate(&goal, &base, Year::new(year).unwrap(), &opts), evaluate(&goal, &more, Year::new(year).unwrap(), &opts));
    }

    /// The CSV writer's output reads back to the same observations.
    #[test]
    fn csv_round_trip(rows in arb_observations()) {
        let obs = collect(&rows);
        let mut buf = Vec::new();
        obs.write_csv(&mut buf).unwrap();
        let back = Observations::from_csv_reader(buf.as_slice()).unwrap();
        prop_assert_eq!(back, obs);
    }
}

#[test]
fn three_quarters_at_its_edges() {
    let q = Share::new(3, 4).unwrap();
    let s = |m, t| evaluate_share_at_least(m, t, q).unwrap();
    assert_eq!(s(3, 4), Status::Met);
    assert_eq!(s(75, 100), Status::Met);
    assert_eq!(s(2, 3), Status::NotMet);
    assert_eq!(s(74, 99), Status::NotMet); // 74/99 = 0.7474…
    assert_eq!(s(75, 99), Status::Met);
    assert_eq!(s(74, 100), Status::NotMet);
    assert!(s(0, 0).is_pending());
    assert!(evaluate_share_at_least(5, 4, q).is_err());
    assert!(evaluate_share_at_least(1, 0, q).is_err());
}

#[test]
fn three_quarters_through_observations() {
    let goal = synthetic_goal(Baseline::Pending { note: "x".into() });
    for (m, t, met) in [
        (3, 4, true),
        (2, 3, false),
        (74, 99, false),
        (75, 100, true),
    ] {
        let mut obs = Observations::new();
        obs.insert(
            Observation::share(
                "samarbejde".parse().unwrap(),
                AreaId::partnership(),
                Year::new(2026).unwrap(),
                Share::new(m, t).unwrap(),
                None,
            )
            .unwrap(),
        )
        .unwrap();
        let e = evaluate(
            &goal,
            &obs,
            Year::new(2026).unwrap(),
            &EvalOptions::default(),
        );
        assert_eq!(e.indicators()[3].status().is_met(), met, "{m}/{t}");
    }
}
