//! The whole budget: the ledger file of both lines read with every problem at its line, the
//! summary per line and year, and its invariants as property tests.
#![cfg(feature = "toml")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::NaiveDate;
use proptest::prelude::*;
use tryghed_budget::{
    ActivityId, BudgetLine, BudgetOverview, Dkk, LedgerCheck, LineId, LineKind, LineTransaction,
    PeriodBudget, Transaction, TransactionKind, Year, YearLedger, check_ledger,
};

/// The Folehaven budget (agreement section 5): 1.467.000 kr. a year 2026–2029, of which
/// 417.000 kr. projektledelse and 1.050.000 kr. aktivitetsmidler.
fn folehaven() -> PeriodBudget {
    let line = |id: &str, name: &str, kind, kroner| {
        BudgetLine::new(
            LineId::new(id).unwrap(),
            name,
            kind,
            Dkk::from_kroner(kroner).unwrap(),
        )
        .unwrap()
    };
    PeriodBudget::uniform(
        y(2026),
        y(2029),
        Dkk::from_kroner(1_467_000).unwrap(),
        vec![
            line(
                "projektledelse",
                "Projektledelse",
                LineKind::ProjectManagement,
                417_000,
            ),
            line(
                "aktivitetsmidler",
                "Aktivitetsmidler",
                LineKind::ActivityFunds,
                1_050_000,
            ),
        ],
    )
    .unwrap()
}

const EXAMPLE: &str = include_str!("../../../examples/synthetic-regnskab-2026.toml");

fn check(text: &str, year: Option<i32>) -> LedgerCheck {
    check_ledger(text, "regnskab.toml", &folehaven(), year.map(y))
}

/// (line, field, message) of every diagnostic.
fn found(check: &LedgerCheck) -> Vec<(usize, String, String)> {
    check
        .diagnostics()
        .iter()
        .map(|d| {
            (
                d.location().map_or(0, tryghed_diagnostics::Location::line),
                d.field().to_owned(),
                d.message().to_owned(),
            )
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

fn y(year: i32) -> Year {
    Year::new(year).unwrap()
}

fn kr(k: i64) -> Dkk {
    Dkk::from_kroner(k).unwrap()
}

#[test]
fn the_example_covers_both_lines() {
    let checked = check(EXAMPLE, Some(2026));
    assert!(checked.diagnostics().is_empty(), "{:?}", found(&checked));
    let ledger = checked.ledger().unwrap();
    let lines = ledger.lines().unwrap();
    let management = &lines[0];
    assert_eq!(management.line().as_str(), "projektledelse");
    assert_eq!(
        (
            management.allocated(),
            management.committed(),
            management.spent(),
            management.free()
        ),
        (kr(417_000), kr(208_500), kr(208_500), Dkk::ZERO)
    );
    let funds = &lines[1];
    // 400.000 committed to belysning of which 250.000 is paid: 150.000 still committed.
    assert_eq!(funds.committed(), kr(150_000));
    assert_eq!(funds.spent(), kr(412_500));
    assert_eq!(funds.free(), kr(487_500));
    assert_eq!(funds.distributed(), Some(kr(835_000)));

    let overview = BudgetOverview::new(&folehaven(), std::slice::from_ref(ledger)).unwrap();
    let years: Vec<(i32, bool)> = overview
        .years()
        .iter()
        .map(|u| (u.year().get(), u.is_booked()))
        .collect();
    assert_eq!(
        years,
        [(2026, true), (2027, false), (2028, false), (2029, false)]
    );
    assert_eq!(overview.total().allocated(), kr(5_868_000));
    assert_eq!(overview.lines()[0].allocated(), kr(4 * 417_000));
    assert_eq!(
        overview.year(y(2027)).unwrap().total().free(),
        kr(1_467_000)
    );
}

#[test]
fn a_ledger_outside_the_period_or_the_report_year_is_an_input_error_at_its_line() {
    let text = EXAMPLE.replacen("year = 2026", "year = 2031", 1);
    let checked = check(&text, Some(2026));
    assert!(!checked.is_valid() && checked.ledger().is_none());
    let year_line = line_of(&text, "year = 2031");
    let found = found(&checked);
    assert!(found.contains(&(
        year_line,
        "year".to_owned(),
        "regnskabet er for 2031, uden for aftaleperioden 2026–2029".to_owned()
    )));
    assert!(found.contains(&(
        year_line,
        "year".to_owned(),
        "regnskabet er for 2031, men rapporten gælder 2026".to_owned()
    )));
    // Every posting dated 2026 is outside a 2031 ledger, each at its date.
    assert!(
        found
            .iter()
            .any(|d| d.2 == "posteringen den 2026-01-02 ligger uden for regnskabsåret 2031"),
        "{found:?}"
    );

    let text = EXAMPLE.replacen("year = 2026", "year = 2027", 1);
    let checked = check(&text, Some(2026));
    let found = self::found(&checked);
    assert_eq!(
        found[0],
        (
            line_of(&text, "year = 2027"),
            "year".to_owned(),
            "regnskabet er for 2027, men rapporten gælder 2026".to_owned()
        )
    );
    // Without a report year a 2027 ledger is fine in itself (its postings are not).
    assert!(
        self::found(&check(&text, None))
            .iter()
            .all(|d| d.1 != "year")
    );
}

#[test]
fn funds_that_contradict_the_agreement_are_an_input_error_at_their_line() {
    let text = EXAMPLE.replacen(
        "year = 2026\n",
        "year = 2026\nline = \"aktivitetsmidler\"\nfunds = \"9.999.999,00\"\n",
        1,
    );
    let checked = check(&text, Some(2026));
    assert!(!checked.is_valid());
    let d = &found(&checked)[0];
    assert_eq!(d.0, line_of(&text, "9.999.999"));
    assert_eq!(d.1, "funds");
    assert_eq!(
        d.2,
        "regnskabets midler (9.999.999,00 kr.) passer ikke med aftalens aktivitetsmidler for 2026 (1.050.000,00 kr.)"
    );
    assert!(
        checked.diagnostics()[0]
            .help()
            .unwrap()
            .contains("ikke overføres")
    );
    // The agreement's own amount is accepted (older files carry it).
    let text = text.replace("9.999.999,00", "1.050.000,00");
    assert!(check(&text, Some(2026)).is_valid());
}

#[test]
fn carrying_funds_forward_is_refused_with_our_reading() {
    let text = format!("{EXAMPLE}\n[carry_forward]\nto = 2027\namount = \"100.000,00\"\n");
    let checked = check(&text, None);
    let d = &found(&checked)[0];
    assert_eq!(d.1, "carry_forward");
    assert!(d.2.contains("vores læsning"), "{}", d.2);
    assert!(
        d.2.starts_with("midler kan ikke overføres fra 2026"),
        "{}",
        d.2
    );
}

#[test]
fn every_problem_of_the_postings_is_listed_with_its_line() {
    let text = r#"year = 2026

[activities]
a = "100,00"
b = 2.5
"Bad Id" = 1

[[transactions]]
date = "2026-02-30"
activity = "a"
kind = "expenditure"
amount = "10,00"
text = "x"

[[transactions]]
date = 2026-03-01
line = "projektledelse"
activity = "a"
kind = "expenditure"
amount = "10,00"
text = "x"

[[transactions]]
date = 2026-03-01
activity = "a"
kind = "expenditure"
amount = "150,00"
text = "over"

[[transactions]]
date = 2026-03-01
kind = "gift"
amount = -5
text = ""
color = "red"

[[transactions]]
date = 2026-03-02
line = "kaffe"
kind = "expenditure"
amount = 1
text = "x"

[[transactions]]
date = 2026-03-03
activity = "c"
kind = "commitment"
amount = 1
text = "x"
"#;
    let checked = check(text, Some(2026));
    let fields: Vec<(usize, String)> = found(&checked).into_iter().map(|d| (d.0, d.1)).collect();
    assert_eq!(
        fields,
        [
            (5, "activities.b".to_owned()),
            (6, "activities.Bad Id".to_owned()),
            (9, "transactions[0].date".to_owned()),
            (18, "transactions[1].activity".to_owned()),
            (27, "transactions[2].amount".to_owned()),
            (32, "transactions[3].kind".to_owned()),
            (33, "transactions[3].amount".to_owned()),
            (34, "transactions[3].text".to_owned()),
            (35, "transactions[3].color".to_owned()),
            (37, "transactions[4].line".to_owned()),
            (46, "transactions[5].activity".to_owned()),
        ],
        "{:#?}",
        found(&checked)
    );
    let messages: Vec<String> = found(&checked).into_iter().map(|d| d.2).collect();
    assert!(messages.contains(
        &"aktiviteten \"a\": en udgift på 150,00 kr. ville bringe forbruget over fordelingen på 100,00 kr. (0,00 kr. er allerede forbrugt); skriv overrun = true, hvis overskridelsen er tilsigtet".to_owned()
    ), "{messages:#?}");
    assert!(messages.contains(&"budgettet for 2026 har ingen linje \"kaffe\"".to_owned()));
    assert!(
        messages
            .contains(&"aktiviteten \"c\" har ingen fordeling af aktivitetsmidlerne".to_owned())
    );
}

#[test]
fn a_line_overspend_needs_overrun_and_a_reversal_cannot_exceed_what_it_reverses() {
    let text = "year = 2026\n\n[[transactions]]\ndate = 2026-12-01\nline = \"projektledelse\"\nkind = \"expenditure\"\namount = \"417.000,01\"\ntext = \"x\"\n\n[[transactions]]\ndate = 2026-12-02\nline = \"projektledelse\"\nkind = \"commitment_reversal\"\namount = 1\ntext = \"x\"\n";
    let checked = check(text, None);
    let messages: Vec<String> = found(&checked).into_iter().map(|d| d.2).collect();
    assert_eq!(
        messages,
        [
            "linjen \"projektledelse\": en udgift på 417.000,01 kr. ville bringe forbruget over linjens 417.000,00 kr. (0,00 kr. er allerede forbrugt); skriv overrun = true, hvis overskridelsen er tilsigtet",
            "linjen \"projektledelse\": en tilbageførsel af disponering på 1,00 kr. er større end de 0,00 kr., der kan tilbageføres",
        ]
    );
    let text = text.replace("text = \"x\"\n\n", "text = \"x\"\noverrun = true\n\n");
    let checked = check(&text, None);
    assert_eq!(found(&checked).len(), 1, "{:?}", found(&checked));
}

#[test]
fn a_legacy_activity_funds_ledger_and_its_serde_form_are_accepted() {
    let legacy = "year = 2026\nline = \"aktivitetsmidler\"\nfunds = \"1.050.000,00\"\n\n[activities]\na = \"100,00\"\n\n[[transaction]]\ndate = \"2026-03-01\"\nactivity = \"a\"\nkind = \"expenditure\"\namount = \"40,00\"\ntext = \"x\"\n";
    let checked = check(legacy, Some(2026));
    assert!(checked.diagnostics().is_empty(), "{:?}", found(&checked));
    let ledger = checked.ledger().unwrap();
    assert_eq!(ledger.activity_summary().spent(), kr(40));

    let budget = folehaven().year(y(2026)).unwrap().clone();
    let serde_ledger = ledger.activity_funds().clone();
    let year = YearLedger::with_activity_funds(&budget, serde_ledger.clone()).unwrap();
    assert_eq!(year.lines().unwrap()[1].spent(), kr(40));
    let other = folehaven().year(y(2027)).unwrap().clone();
    assert!(YearLedger::with_activity_funds(&other, serde_ledger).is_err());
}

#[test]
fn the_overview_refuses_ledgers_that_do_not_belong_to_the_period() {
    let period = folehaven();
    let a = YearLedger::new(period.year(y(2026)).unwrap());
    let b = YearLedger::new(period.year(y(2026)).unwrap());
    assert!(BudgetOverview::new(&period, &[a.clone(), b]).is_err());
    let other = PeriodBudget::uniform(
        y(2030),
        y(2031),
        kr(1_467_000),
        period.year(y(2026)).unwrap().lines().to_vec(),
    )
    .unwrap();
    assert!(BudgetOverview::new(&other, &[a]).is_err());
}

/// A random year of postings on both lines, booked where the ledger accepts them.
fn synthetic_ledger(
    year: Year,
    allocations: &[i64],
    postings: &[(usize, u8, i64, bool)],
) -> YearLedger {
    let period = folehaven();
    let mut ledger = YearLedger::new(period.year(year).unwrap());
    for (i, amount) in allocations.iter().enumerate() {
        let _ = ledger.allocate(
            ActivityId::new(format!("a{i}")).unwrap(),
            Dkk::from_ore(*amount),
        );
    }
    let date = NaiveDate::from_ymd_opt(year.get(), 6, 1).unwrap();
    let line = LineId::new("projektledelse").unwrap();
    for &(target, kind, amount, overrun) in postings {
        let kind = TransactionKind::ALL[usize::from(kind) % 4];
        let amount = Dkk::from_ore(amount);
        if target >= allocations.len() {
            let Ok(mut t) = LineTransaction::new(date, kind, amount, "synthetic") else {
                continue;
            };
            if overrun && kind == TransactionKind::Expenditure {
                t = t.recorded_as_overrun().unwrap();
            }
            let _ = ledger.record_line(&line, t);
        } else {
            let id = ActivityId::new(format!("a{target}")).unwrap();
            let Ok(mut t) = Transaction::new(date, id, kind, amount, "synthetic") else {
                continue;
            };
            if overrun && kind == TransactionKind::Expenditure {
                t = t.recorded_as_overrun().unwrap();
            }
            let _ = ledger.record_activity(t);
        }
    }
    ledger
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Per line and year: allocated = committed + spent + free, exactly, and the lines add up
    /// to the agreement's yearly total; over the period the same holds for the sums.
    #[test]
    fn the_whole_budget_always_adds_up(
        years in proptest::sample::subsequence(vec![2026, 2027, 2028, 2029], 0..=4),
        allocations in proptest::collection::vec(0i64..40_000_000, 0..5),
        postings in proptest::collection::vec((0usize..6, 0u8..4, 1i64..60_000_000, any::<bool>()), 0..40),
    ) {
        let period = folehaven();
        let ledgers: Vec<YearLedger> = years
            .iter()
            .map(|&year| synthetic_ledger(y(year), &allocations, &postings))
            .collect();
        let overview = BudgetOverview::new(&period, &ledgers).unwrap();
        for year in overview.years() {
            for line in year.lines() {
                let sum = line.committed().checked_add(line.spent()).unwrap().checked_add(line.free()).unwrap();
                prop_assert_eq!(sum, line.allocated());
                prop_assert!(!line.committed().is_negative() && !line.spent().is_negative());
                prop_assert_eq!(line.is_over(), line.free().is_negative());
            }
            let lines = Dkk::checked_sum(year.lines().iter().map(tryghed_budget::LineUse::allocated)).unwrap();
            prop_assert_eq!(lines, period.year(year.year()).unwrap().total());
            prop_assert_eq!(year.total().allocated(), lines);
            let t = year.total();
            prop_assert_eq!(t.committed().checked_add(t.spent()).unwrap().checked_add(t.free()).unwrap(), t.allocated());
        }
        let t = overview.total();
        prop_assert_eq!(t.allocated(), period.total());
        prop_assert_eq!(t.committed().checked_add(t.spent()).unwrap().checked_add(t.free()).unwrap(), t.allocated());
        for line in overview.lines() {
            prop_assert_eq!(Some(line.allocated()), period.line_total(line.line().as_str()));
        }
    }

    /// Whatever is booked, spending on a line without a recorded overrun never exceeds it.
    #[test]
    fn spending_stays_within_the_line_unless_an_overrun_is_recorded(
        postings in proptest::collection::vec((5usize..6, 0u8..4, 1i64..60_000_000, Just(false)), 0..40),
    ) {
        let ledger = synthetic_ledger(y(2026), &[], &postings);
        let management = &ledger.lines().unwrap()[0];
        prop_assert!(management.spent() <= management.allocated());
    }
}
