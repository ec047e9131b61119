//! The report's whole-budget section: both lines of the year and every year of the period,
//! from a year ledger of every line. Whatever is booked, its rows add up: per row allocated =
//! committed + spent + free, the year's lines to the agreement's yearly total, the period to
//! the sum of its years; and an overspent line is flagged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use chrono::NaiveDate;
use proptest::prelude::*;
use tryghed_agreement::Agreement;
use tryghed_budget::{
    ActivityId, Dkk, LineId, LineTransaction, Transaction, TransactionKind, YearLedger,
};
use tryghed_report::{BudgetLineRow, ReportBuilder, Year, render_markdown};

fn y(n: i32) -> Year {
    Year::new(n).unwrap()
}

fn adds_up(row: &BudgetLineRow) -> bool {
    row.committed()
        .checked_add(*row.spent())
        .and_then(|d| d.checked_add(*row.free()))
        .is_ok_and(|sum| sum == *row.allocated())
}

fn kind(k: u8) -> TransactionKind {
    match k % 4 {
        0 => TransactionKind::Commitment,
        1 => TransactionKind::Expenditure,
        2 => TransactionKind::CommitmentReversal,
        _ => TransactionKind::ExpenditureReversal,
    }
}

/// A 2026 ledger with `postings` on projektledelse and two activities (each posting the
/// ledger refuses, e.g. an overspend, is left out, as a ledger file would refuse it).
fn ledger(
    agreement: &Agreement,
    allocations: (i64, i64),
    postings: &[(u8, u8, i64)],
) -> YearLedger {
    let budget = agreement.annual_budget(y(2026)).unwrap();
    let mut activity_funds = tryghed_budget::Ledger::new(budget);
    let ids = [ActivityId::new("a").unwrap(), ActivityId::new("b").unwrap()];
    let _ = activity_funds.allocate(ids[0].clone(), Dkk::from_ore(allocations.0));
    let _ = activity_funds.allocate(ids[1].clone(), Dkk::from_ore(allocations.1));
    let date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for (i, (target, k, ore)) in postings.iter().enumerate() {
        if *target % 3 != 2 {
            let id = ids[usize::from(*target % 3)].clone();
            if let Ok(t) = Transaction::new(
                date,
                id,
                kind(*k),
                Dkk::from_ore(*ore),
                format!("synthetic {i}"),
            ) {
                let _ = activity_funds.record(t);
            }
        }
    }
    let mut ledger = YearLedger::with_activity_funds(budget, activity_funds).unwrap();
    let line = LineId::new("projektledelse").unwrap();
    for (i, (target, k, ore)) in postings.iter().enumerate() {
        if *target % 3 == 2
            && let Ok(t) = LineTransaction::new(
                date,
                kind(*k),
                Dkk::from_ore(*ore),
                format!("synthetic {i}"),
            )
        {
            let _ = ledger.record_line(&line, t);
        }
    }
    ledger
}

proptest! {
    #[test]
    fn the_budget_section_always_adds_up_to_the_agreement(
        allocations in (0i64..60_000_000, 0i64..60_000_000),
        postings in proptest::collection::vec((0u8..3, 0u8..4, 1i64..50_000_000), 0..30),
    ) {
        let agreement = Agreement::folehaven();
        let ledger = ledger(&agreement, allocations, &postings);
        let report = ReportBuilder::new(&agreement).year(y(2026)).year_ledger(&ledger).build().unwrap();
        let w = report.whole_budget().as_ref().unwrap();
        let total = agreement.annual_budget(y(2026)).unwrap().total();
        prop_assert_eq!(*w.total().allocated(), total);
        prop_assert_eq!(w.lines().len(), 2);
        let sum = Dkk::checked_sum(w.lines().iter().map(|l| *l.allocated())).unwrap();
        prop_assert_eq!(sum, total);
        for row in w.lines().iter().chain([w.total(), w.period_total()]).chain(w.period_lines()) {
            prop_assert!(adds_up(row), "{:?}", row);
        }
        prop_assert_eq!(w.period().len(), 4);
        for year in w.period() {
            prop_assert!(adds_up(year.amounts()), "{:?}", year);
            prop_assert_eq!(*year.amounts().allocated(), total);
            prop_assert_eq!(*year.booked(), *year.year() == y(2026));
        }
        let period = Dkk::checked_sum(w.period().iter().map(|y| *y.amounts().allocated())).unwrap();
        prop_assert_eq!(*w.period_total().allocated(), period);
        // The year of the ledger is the first of the period: the same amounts.
        prop_assert_eq!(w.period()[0].amounts().free(), w.total().free());
        // The Markdown shows the section.
        let md = render_markdown(&report).unwrap();
        prop_assert!(md.contains("## Hele budgettet"));
        prop_assert!(md.contains("| 2027 (ikke bogført) | 1.467.000,00 kr. |"));
    }
}

#[test]
fn an_overspent_line_is_flagged_in_the_section_and_the_summary() {
    let agreement = Agreement::folehaven();
    let budget = agreement.annual_budget(y(2026)).unwrap();
    let mut ledger = YearLedger::new(budget);
    let line = LineId::new("projektledelse").unwrap();
    let date = NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
    // Synthetic: the salary plus an overrun recorded as such.
    ledger
        .record_line(
            &line,
            LineTransaction::new(
                date,
                TransactionKind::Expenditure,
                "417.000 kr.".parse().unwrap(),
                "synthetic løn",
            )
            .unwrap(),
        )
        .unwrap();
    ledger
        .record_line(
            &line,
            LineTransaction::new(
                date,
                TransactionKind::Expenditure,
                "20.000 kr.".parse().unwrap(),
                "synthetic overtid",
            )
            .unwrap()
            .recorded_as_overrun()
            .unwrap(),
        )
        .unwrap();
    let report = ReportBuilder::new(&agreement)
        .year(y(2026))
        .year_ledger(&ledger)
        .build()
        .unwrap();
    let w = report.whole_budget().as_ref().unwrap();
    assert!(w.lines()[0].is_over());
    assert_eq!(w.lines()[0].free().to_string(), "-20.000,00 kr.");
    let md = render_markdown(&report).unwrap();
    assert!(md.contains("| Projektledelse (overskredet) | 417.000,00 kr. | 0,00 kr. | 437.000,00 kr. | -20.000,00 kr. | 104,8 % |"), "{md}");
    assert!(md.contains("**Overskredet:** Projektledelse 2026 er overskredet: der er disponeret og forbrugt 20.000,00 kr. mere end bevilget."), "{md}");
    assert!(
        md.contains("3 afventer. Projektledelse er overskredet."),
        "{md}"
    );
    let html = tryghed_report::render_html(&report).unwrap();
    assert!(html.contains("<span class=\"status not-met\">overskredet</span>"));
}

#[test]
fn a_ledger_of_another_year_is_refused() {
    let agreement = Agreement::folehaven();
    let ledger = YearLedger::new(agreement.annual_budget(y(2027)).unwrap());
    let err = ReportBuilder::new(&agreement)
        .year(y(2026))
        .year_ledger(&ledger)
        .build();
    assert!(
        matches!(err, Err(tryghed_report::ReportError::LedgerYear { .. })),
        "{err:?}"
    );
}
