//! Property tests for the invariants of the budget crate (1,000 cases each).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use tryghed_budget::Year;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use tryghed_budget::{
    ActivityId, Allocations, AnnualBudget, BudgetLine, Dkk, Ledger, LineId, LineKind, PeriodBudget,
    Transaction, TransactionKind, split,
};

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(1000)
}

/// Amounts as whole øre: the full range, and a range of everyday amounts.
fn ore() -> impl Strategy<Value = i64> {
    prop_oneof![any::<i64>(), -100_000_000_i64..100_000_000]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn danish_form_parses_back(o in ore()) {
        let d = Dkk::from_ore(o);
        prop_assert_eq!(d.danish().parse::<Dkk>().unwrap(), d);
        prop_assert_eq!(d.to_string().parse::<Dkk>().unwrap(), d);
    }

    #[test]
    fn machine_form_parses_back(o in ore()) {
        let d = Dkk::from_ore(o);
        prop_assert_eq!(d.machine().parse::<Dkk>().unwrap(), d);
        prop_assert_eq!(Dkk::try_from(Decimal::from(d)).unwrap(), d);
        prop_assert_eq!(d.ore(), o);
    }

    #[test]
    fn checked_add_matches_wide_integers(a in ore(), b in ore()) {
        let wide = i128::from(a) + i128::from(b);
        let result = Dkk::from_ore(a).checked_add(Dkk::from_ore(b));
        match i64::try_from(wide) {
            Ok(sum) => prop_assert_eq!(result.unwrap().ore(), sum),
            Err(_) => prop_assert!(result.is_err()),
        }
    }

    #[test]
    fn split_loses_no_ore_and_stays_within_one_ore(
        o in ore(),
        weights in prop::collection::vec(prop_oneof![Just(0_u64), 0_u64..1000, 0..u64::from(u32::MAX)], 1..20),
    ) {
        prop_assume!(weights.iter().any(|w| *w > 0));
        let parts = split(Dkk::from_ore(o), &weights).unwrap();
        prop_assert_eq!(parts.len(), weights.len());
        let sum: i128 = parts.iter().map(|p| i128::from(p.ore())).sum();
        prop_assert_eq!(sum, i128::from(o));
        let total: i128 = weights.iter().map(|w| i128::from(*w)).sum();
        for (part, w) in parts.iter().zip(&weights) {
            // |part - o·w/W| < 1  ⇔  |part·W - o·w| < W, exactly in i128.
            let error = (i128::from(part.ore()) * total - i128::from(o) * i128::from(*w)).abs();
            prop_assert!(error < total, "part {part:?} weight {w} of {o} øre");
            if *w == 0 {
                prop_assert_eq!(part.ore(), 0);
            }
        }
        // Deterministic.
        prop_assert_eq!(split(Dkk::from_ore(o), &weights).unwrap(), parts);
    }

    /// The Folehaven shape (agreement section 5): a total, a project-management line with its
    /// FTE and an activity-funds line. Built from the agreement's figures and from arbitrary
    /// figures: a year is accepted exactly when the lines sum to the total, and then every year
    /// of a uniform period holds the invariant.
    #[test]
    fn annual_budget_holds_its_invariant(
        pm in 0_i64..1_000_000_000_000,
        funds in 0_i64..1_000_000_000_000,
        delta in prop_oneof![Just(0_i64), -2_i64..=2],
        first in 1990_i32..2100,
        years in 1_i32..10,
        folehaven in any::<bool>(),
    ) {
        let (pm, funds, total) = if folehaven {
            (41_700_000, 105_000_000, 146_700_000 + delta)
        } else {
            (pm, funds, pm + funds + delta)
        };
        let lines = vec![
            BudgetLine::new(LineId::new("projektledelse").unwrap(), "Projektledelse",
                LineKind::ProjectManagement, Dkk::from_ore(pm)).unwrap()
                .with_fte(Decimal::new(5, 1)).unwrap(),
            BudgetLine::new(LineId::new("aktivitetsmidler").unwrap(), "Aktivitetsmidler",
                LineKind::ActivityFunds, Dkk::from_ore(funds)).unwrap(),
        ];
        let last = first + years - 1;
        let period = PeriodBudget::uniform(Year::new(first).unwrap(), Year::new(last).unwrap(), Dkk::from_ore(total), lines);
        prop_assert_eq!(period.is_ok(), delta == 0);
        if let Ok(period) = period {
            prop_assert_eq!(period.years().len(), usize::try_from(years).unwrap());
            for (year, b) in (first..=last).zip(period.years()) {
                prop_assert_eq!(b.year(), Year::new(year).unwrap());
                let pm_line = b.project_management().unwrap();
                prop_assert_eq!(
                    b.total().ore(),
                    pm_line.amount().ore() + b.activity_funds().amount().ore()
                );
                prop_assert_eq!(pm_line.fte(), Some(Decimal::new(5, 1)));
            }
            prop_assert_eq!(i128::from(period.total().ore()), i128::from(total) * i128::from(years));
            if folehaven && years == 4 {
                prop_assert_eq!(period.total(), Dkk::from_kroner(5_868_000).unwrap());
            }
        }
    }
}

#[cfg(feature = "serde")]
proptest! {
    #![proptest_config(config())]

    #[test]
    fn serde_json_round_trip_is_lossless(o in ore()) {
        let d = Dkk::from_ore(o);
        let json = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(&json, &format!("\"{}\"", d.machine()));
        prop_assert_eq!(serde_json::from_str::<Dkk>(&json).unwrap(), d);
        // The Danish form is accepted on the way in too.
        let danish = serde_json::to_string(&d.danish()).unwrap();
        prop_assert_eq!(serde_json::from_str::<Dkk>(&danish).unwrap(), d);
    }
}

// ---- Sequences of allocation and ledger operations, checked against a simple model ----

const FUNDS: i64 = 1_000_000; // øre
const ACTIVITIES: usize = 4; // the last index has no allocation unless allocated

#[derive(Debug, Clone)]
enum Op {
    Allocate(usize, i64),
    Reallocate(usize, i64),
    Record {
        activity: usize,
        kind: u8,
        amount: i64,
        overrun: bool,
        month: u32,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..ACTIVITIES, -10_i64..FUNDS / 2).prop_map(|(a, o)| Op::Allocate(a, o)),
        1 => (0..ACTIVITIES, -10_i64..FUNDS / 2).prop_map(|(a, o)| Op::Reallocate(a, o)),
        4 => (0..ACTIVITIES, 0_u8..4, 1_i64..FUNDS / 4, prop::bool::weighted(0.15), prop_oneof![9 => 1_u32..=12, 1 => 13_u32..=13])
            .prop_map(|(activity, kind, amount, overrun, month)| Op::Record { activity, kind, amount, overrun, month }),
    ]
}

fn activity(i: usize) -> ActivityId {
    ActivityId::new(format!("synthetic-a{i}")).unwrap()
}

fn kind(k: u8) -> TransactionKind {
    match k {
        0 => TransactionKind::Commitment,
        1 => TransactionKind::Expenditure,
        2 => TransactionKind::CommitmentReversal,
        _ => TransactionKind::ExpenditureReversal,
    }
}

/// A model that says independently which operations the ledger must accept.
#[derive(Default, Clone)]
struct Model {
    allocations: BTreeMap<usize, i64>,
    /// (activity, kind, amount, overrun) in order.
    transactions: Vec<(usize, u8, i64, bool)>,
}

impl Model {
    /// Replays one activity's transactions under `allocated`; `None` if a rule breaks.
    fn replay(
        &self,
        a: usize,
        allocated: i64,
        extra: Option<(u8, i64, bool)>,
    ) -> Option<(i64, i64)> {
        let (mut committed, mut spent) = (0_i64, 0_i64);
        let mine = self
            .transactions
            .iter()
            .filter(|t| t.0 == a)
            .map(|t| (t.1, t.2, t.3));
        for (k, amount, overrun) in mine.chain(extra) {
            match k {
                0 => committed += amount,
                1 => {
                    spent += amount;
                    if spent > allocated && !overrun {
                        return None;
                    }
                }
                2 if amount <= committed => committed -= amount,
                3 if amount <= spent => spent -= amount,
                _ => return None,
            }
        }
        Some((committed, spent))
    }

    fn accepts(&self, op: &Op) -> bool {
        let allocated: i64 = self.allocations.values().sum();
        match *op {
            Op::Allocate(a, o) => {
                !self.allocations.contains_key(&a) && o >= 0 && allocated + o <= FUNDS
            }
            Op::Reallocate(a, o) => self.allocations.get(&a).is_some_and(|old| {
                o >= 0 && allocated - old + o <= FUNDS && self.replay(a, o, None).is_some()
            }),
            Op::Record {
                activity: a,
                kind: k,
                amount,
                overrun,
                month,
            } => {
                month <= 12
                    && (!overrun || k == 1)
                    && self
                        .allocations
                        .get(&a)
                        .is_some_and(|al| self.replay(a, *al, Some((k, amount, overrun))).is_some())
            }
        }
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Allocate(a, o) | Op::Reallocate(a, o) => {
                self.allocations.insert(a, o);
            }
            Op::Record {
                activity,
                kind,
                amount,
                overrun,
                ..
            } => {
                self.transactions.push((activity, kind, amount, overrun));
            }
        }
    }
}

fn run(ledger: &mut Ledger, op: &Op) -> Result<(), tryghed_budget::BudgetError> {
    match *op {
        Op::Allocate(a, o) => ledger.allocate(activity(a), Dkk::from_ore(o)),
        Op::Reallocate(a, o) => ledger.reallocate(&activity(a), Dkk::from_ore(o)),
        Op::Record {
            activity: a,
            kind: k,
            amount,
            overrun,
            month,
        } => {
            let date = if month <= 12 {
                NaiveDate::from_ymd_opt(2026, month, 15).unwrap()
            } else {
                NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
            };
            let t = Transaction::new(
                date,
                activity(a),
                kind(k),
                Dkk::from_ore(amount),
                "synthetic",
            )?;
            let t = if overrun { t.recorded_as_overrun()? } else { t };
            ledger.record(t)
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_operation_sequence_breaks_the_ledger(ops in prop::collection::vec(op(), 0..60)) {
        let allocations = Allocations::with_funds(
            Year::new(2026).unwrap(), LineId::new("aktivitetsmidler").unwrap(), Dkk::from_ore(FUNDS)).unwrap();
        let mut ledger = Ledger::with_allocations(allocations);
        let mut model = Model::default();
        for op in &ops {
            let before = ledger.clone();
            let expected = model.accepts(op);
            let result = run(&mut ledger, op);
            prop_assert_eq!(result.is_ok(), expected, "{:?}: {:?}", op, result);
            if result.is_ok() {
                model.apply(op);
            } else {
                prop_assert_eq!(&ledger, &before, "a rejected {:?} changed the ledger", op);
            }

            let summary = ledger.summary();
            prop_assert!(summary.allocated() <= summary.funds());
            prop_assert_eq!(
                Dkk::checked_sum(ledger.allocations().iter().map(|(_, a)| a)).unwrap(),
                summary.allocated()
            );
            prop_assert_eq!(ledger.transactions().len(), model.transactions.len());
            let mut spent_sum = 0_i64;
            for b in summary.activities() {
                prop_assert!(b.spent() >= Dkk::ZERO && b.committed() >= Dkk::ZERO);
                let recorded_overrun = ledger.transactions().iter()
                    .any(|t| t.activity() == b.activity() && t.is_overrun());
                prop_assert!(b.spent() <= b.allocated() || recorded_overrun,
                    "{:?} overspent without a recorded overrun", b.activity());
                prop_assert_eq!(b.overrun().ore(), (b.spent().ore() - b.allocated().ore()).max(0));
                spent_sum += b.spent().ore();
            }
            prop_assert_eq!(summary.spent().ore(), spent_sum);
        }
        #[cfg(feature = "serde")]
        {
            let json = serde_json::to_string(&ledger).unwrap();
            let back: Ledger = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &ledger);
            // The summary reads back equal, its totals recomputed on the way in.
            let summary = ledger.summary();
            let json = serde_json::to_string(&summary).unwrap();
            let back: tryghed_budget::LedgerSummary = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, summary);
        }
    }
}

#[test]
fn folehaven_activity_funds_allocate_to_the_last_ore() {
    let lines = vec![
        BudgetLine::new(
            LineId::new("projektledelse").unwrap(),
            "Projektledelse",
            LineKind::ProjectManagement,
            Dkk::from_kroner(417_000).unwrap(),
        )
        .unwrap(),
        BudgetLine::new(
            LineId::new("aktivitetsmidler").unwrap(),
            "Aktivitetsmidler",
            LineKind::ActivityFunds,
            Dkk::from_kroner(1_050_000).unwrap(),
        )
        .unwrap(),
    ];
    let year = AnnualBudget::new(
        Year::new(2026).unwrap(),
        Dkk::from_kroner(1_467_000).unwrap(),
        lines,
    )
    .unwrap();
    let mut a = Allocations::new(&year);
    for (i, part) in split(year.activity_funds().amount(), &[3, 3, 1])
        .unwrap()
        .into_iter()
        .enumerate()
    {
        a.allocate(activity(i), part).unwrap();
    }
    assert_eq!(a.remaining(), Dkk::ZERO);
    assert!(a.allocate(activity(9), Dkk::from_ore(1)).is_err());
}
