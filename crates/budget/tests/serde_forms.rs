//! The serde data forms: round trips, TOML input, and validation on the way in.
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use tryghed_budget::{ActivityId, Dkk, Ledger, PeriodBudget, Transaction, TransactionKind};

const FOLEHAVEN_TOML: &str = r#"
[budget]
first_year = 2026
last_year = 2029
total = "1467000"

[[budget.lines]]
id = "projektledelse"
name = "Projektledelse"
kind = "project_management"
amount = "417.000 kr."
fte = "0.5"

[[budget.lines]]
id = "aktivitetsmidler"
name = "Aktivitetsmidler"
kind = "activity_funds"
amount = 1050000
"#;

#[derive(serde::Deserialize)]
struct File {
    budget: PeriodBudget,
}

fn kr(k: i64) -> Dkk {
    Dkk::from_kroner(k).unwrap()
}

fn read(toml_text: &str) -> Result<PeriodBudget, String> {
    toml::from_str::<File>(toml_text)
        .map(|f| f.budget)
        .map_err(|e| e.to_string())
}

#[test]
fn folehaven_budget_from_toml() {
    let p = read(FOLEHAVEN_TOML).unwrap();
    assert_eq!(p.years().len(), 4);
    assert_eq!(p.total(), kr(5_868_000));
    for y in p.years() {
        assert_eq!(y.total(), kr(1_467_000));
        assert_eq!(y.activity_funds().amount(), kr(1_050_000));
        assert_eq!(
            y.project_management().unwrap().fte(),
            Some(rust_decimal::Decimal::new(5, 1))
        );
    }
    // JSON round trip, uniform form.
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(json["first_year"], 2026);
    assert_eq!(json["total"], "1467000.00");
    assert_eq!(json["lines"][0]["fte"], "0.5");
    let back: PeriodBudget = serde_json::from_value(json).unwrap();
    assert_eq!(back, p);
}

#[test]
fn years_list_and_per_year_forms() {
    let t = FOLEHAVEN_TOML.replace(
        "first_year = 2026\nlast_year = 2029",
        "years = [2026, 2027, 2028, 2029]",
    );
    assert_eq!(read(&t).unwrap(), read(FOLEHAVEN_TOML).unwrap());
    let t = FOLEHAVEN_TOML.replace(
        "first_year = 2026\nlast_year = 2029",
        "years = [2026, 2028]",
    );
    let e = read(&t).unwrap_err();
    assert!(e.contains("the year 2027 has no budget"), "{e}");

    let per_year = r#"
[[budget.annual]]
year = 2026
total = "100"
lines = [{ id = "aktivitetsmidler", name = "Aktivitetsmidler", kind = "activity_funds", amount = "100" }]

[[budget.annual]]
year = 2027
total = "90,50"
lines = [
  { id = "aktivitetsmidler", name = "Aktivitetsmidler", kind = "activity_funds", amount = "80" },
  { id = "synthetic-andet", name = "Andet", kind = "other", amount = "10,50" },
]
"#;
    let p = read(per_year).unwrap();
    assert!(!p.is_uniform());
    assert_eq!(p.total(), Dkk::from_ore(19_050));
    let json = serde_json::to_value(&p).unwrap();
    assert!(json.get("annual").is_some() && json.get("total").is_none());
    assert_eq!(serde_json::from_value::<PeriodBudget>(json).unwrap(), p);
}

#[test]
fn invalid_budget_data_is_refused_with_its_reason() {
    let cases = [
        (
            "total = \"1467000\"",
            "total = \"1467001\"",
            "the lines sum to 1.467.000,00 kr. but the total is 1.467.001,00 kr.",
        ),
        ("total = \"1467000\"", "total = 1467000.0", "floating-point"),
        (
            "total = \"1467000\"",
            "total = \"1.467\"",
            "invalid amount \"1.467\": ambiguous",
        ),
        (
            "amount = 1050000",
            "amount = \"1,050,000\"",
            "English grouping",
        ),
        ("fte = \"0.5\"", "fte = 0.5", "floating-point"),
        ("fte = \"0.5\"", "fte = \"-1\"", "is negative"),
        (
            "fte = \"0.5\"",
            "fte = \"halv\"",
            "invalid full-time equivalent",
        ),
        (
            "kind = \"activity_funds\"",
            "kind = \"other\"",
            "0 lines of kind activity_funds",
        ),
        (
            "id = \"projektledelse\"",
            "id = \"Projektledelse\"",
            "invalid line id",
        ),
        (
            "last_year = 2029",
            "",
            "give both `first_year` and `last_year`",
        ),
        (
            "last_year = 2029",
            "last_year = 2029\nyears = [2026]",
            "not both",
        ),
        (
            "last_year = 2029",
            "last_year = 2029\ncolour = \"red\"",
            "unknown field",
        ),
        (
            "first_year = 2026\nlast_year = 2029",
            "first_year = 2030\nlast_year = 2029",
            "is empty",
        ),
    ];
    for (from, to, expected) in cases {
        let t = FOLEHAVEN_TOML.replacen(from, to, 1);
        assert_ne!(t, FOLEHAVEN_TOML, "{from}");
        let e = read(&t).unwrap_err();
        assert!(e.contains(expected), "{to}: {e}");
    }
    // TOML reports where: the line of the budget table.
    let e =
        read(&FOLEHAVEN_TOML.replacen("total = \"1467000\"", "total = \"1.467\"", 1)).unwrap_err();
    assert!(e.contains("line 5"), "{e}");
}

#[test]
fn amounts_in_json() {
    let d: Dkk = serde_json::from_str("\"1.467.000,50 kr.\"").unwrap();
    assert_eq!(d, Dkk::from_ore(146_700_050));
    assert_eq!(serde_json::to_string(&d).unwrap(), "\"1467000.50\"");
    assert_eq!(
        serde_json::from_str::<Dkk>("1467000").unwrap(),
        kr(1_467_000)
    );
    assert_eq!(serde_json::from_str::<Dkk>("-5").unwrap(), kr(-5));
    let e = serde_json::from_str::<Dkk>("1467000.5")
        .unwrap_err()
        .to_string();
    assert!(e.contains("floating-point"), "{e}");
    let e = serde_json::from_str::<Dkk>("92233720368547759")
        .unwrap_err()
        .to_string();
    assert!(e.contains("outside the supported range"), "{e}");
    let e = serde_json::from_str::<Dkk>("true").unwrap_err().to_string();
    assert!(e.contains("an amount in kroner"), "{e}");
    let e = serde_json::from_str::<ActivityId>("\"A 1\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("invalid activity id \"A 1\""), "{e}");
}

const SYNTHETIC_LEDGER_TOML: &str = r#"
year = 2026
line = "aktivitetsmidler"
funds = "1050000"

[activities]
synthetic-a1 = "100000"
synthetic-a2 = "50.000,00 kr."

[[transaction]]
date = "2026-03-01"
activity = "synthetic-a1"
kind = "commitment"
amount = "80000"
text = "Kontrakt 12"

[[transaction]]
date = "2026-04-01"
activity = "synthetic-a1"
kind = "expenditure"
amount = "12500,00"
text = "Faktura 1017"

[[transaction]]
date = "2026-05-01"
activity = "synthetic-a2"
kind = "expenditure"
amount = "60000"
text = "Faktura 1018"
overrun = true
"#;

#[test]
fn ledger_from_toml_and_back() {
    let l: Ledger = toml::from_str(SYNTHETIC_LEDGER_TOML).unwrap();
    assert_eq!(l.transactions().len(), 3);
    let s = l.summary();
    assert_eq!(s.spent(), Dkk::from_ore(7_250_000));
    assert_eq!(s.overrun(), kr(10_000));
    let json = serde_json::to_string(&l).unwrap();
    assert!(json.contains("\"transactions\""));
    let back: Ledger = serde_json::from_str(&json).unwrap();
    assert_eq!(back, l);
    let summary = serde_json::to_value(l.summary()).unwrap();
    assert_eq!(summary["overrun"], "10000.00");
    assert_eq!(summary["activities"][1]["remaining"], "-10000.00");
}

#[test]
fn ledger_data_is_replayed_through_the_rules() {
    let cases = [
        (
            "overrun = true\n",
            "",
            "transaction 3: activity synthetic-a2: spending 60.000,00 kr. would exceed the allocation of 50.000,00 kr.",
        ),
        (
            "date = \"2026-05-01\"",
            "date = \"2027-05-01\"",
            "transaction 3: transaction dated 2027-05-01 is outside the ledger year 2026",
        ),
        (
            "kind = \"commitment\"",
            "kind = \"commitment_reversal\"",
            "transaction 1: activity synthetic-a1: a commitment_reversal of 80.000,00 kr. exceeds the 0,00 kr.",
        ),
        (
            "kind = \"commitment\"\n",
            "kind = \"commitment\"\noverrun = true\n",
            "cannot be marked as an overrun",
        ),
        (
            "synthetic-a1 = \"100000\"",
            "synthetic-a1 = \"1000001\"",
            "would exceed the activity funds of 1.050.000,00 kr.",
        ),
        ("amount = \"80000\"", "amount = \"0\"", "must be above zero"),
        ("amount = \"80000\"", "amount = 80000.0", "floating-point"),
        ("text = \"Kontrakt 12\"", "text = \"\"", "the text is empty"),
        (
            "activity = \"synthetic-a1\"",
            "activity = \"synthetic-a3\"",
            "activity synthetic-a3 has no allocation",
        ),
    ];
    for (from, to, expected) in cases {
        let t = SYNTHETIC_LEDGER_TOML.replacen(from, to, 1);
        assert_ne!(t, SYNTHETIC_LEDGER_TOML, "{from}");
        let e = toml::from_str::<Ledger>(&t).unwrap_err().to_string();
        assert!(e.contains(expected), "{to}: {e}");
    }
}

#[test]
fn transaction_form() {
    let t = Transaction::new(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        ActivityId::new("a1").unwrap(),
        TransactionKind::ExpenditureReversal,
        Dkk::from_ore(1),
        "Kreditnota",
    )
    .unwrap();
    let json = serde_json::to_value(&t).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "date": "2026-03-01", "activity": "a1", "kind": "expenditure_reversal",
            "amount": "0.01", "text": "Kreditnota"
        })
    );
    assert_eq!(serde_json::from_value::<Transaction>(json).unwrap(), t);
}

/// A summary with an overrun, a commitment and an untouched activity.
fn synthetic_summary() -> tryghed_budget::LedgerSummary {
    let allocations = tryghed_budget::Allocations::with_funds(
        tryghed_budget::Year::new(2026).unwrap(),
        tryghed_budget::LineId::new("aktivitetsmidler").unwrap(),
        kr(1_050_000),
    )
    .unwrap();
    let mut ledger = Ledger::with_allocations(allocations);
    let (a, b) = (
        ActivityId::new("synthetic-a").unwrap(),
        ActivityId::new("synthetic-b").unwrap(),
    );
    ledger.allocate(b.clone(), kr(50_000)).unwrap();
    ledger.allocate(a.clone(), kr(100_000)).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
    let t = |kind, amount| Transaction::new(date, a.clone(), kind, amount, "synthetic").unwrap();
    ledger
        .record(t(TransactionKind::Commitment, kr(40_000)))
        .unwrap();
    ledger
        .record(
            t(TransactionKind::Expenditure, kr(120_000))
                .recorded_as_overrun()
                .unwrap(),
        )
        .unwrap();
    ledger.summary()
}

#[test]
fn ledger_summary_reads_back_with_its_totals_recomputed() {
    let summary = synthetic_summary();
    assert_eq!(summary.overrun(), kr(20_000));
    let json = serde_json::to_value(&summary).unwrap();
    let back: tryghed_budget::LedgerSummary = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(back, summary);

    // The activities' order is the summary's own (by id), whatever the input's.
    let mut reversed = json.clone();
    reversed["activities"].as_array_mut().unwrap().reverse();
    let back: tryghed_budget::LedgerSummary = serde_json::from_value(reversed).unwrap();
    assert_eq!(back, summary);

    let refused = |edit: &dyn Fn(&mut serde_json::Value), reason: &str| {
        let mut bad = json.clone();
        edit(&mut bad);
        let err = serde_json::from_value::<tryghed_budget::LedgerSummary>(bad).unwrap_err();
        assert!(err.to_string().contains(reason), "{reason:?} not in {err}");
    };
    // Totals that do not add up.
    refused(&|v| v["spent"] = "1.00".into(), "spent is given as");
    refused(&|v| v["unallocated"] = "0.00".into(), "unallocated");
    refused(&|v| v["overrun"] = "0.00".into(), "overrun");
    refused(&|v| v["allocated"] = "150000.01".into(), "allocated");
    refused(&|v| v["remaining"] = "1050000.00".into(), "remaining");
    refused(&|v| v["committed"] = "0.00".into(), "committed");
    refused(
        &|v| v["activities"][0]["remaining"] = "0.00".into(),
        "activities[synthetic-a].remaining",
    );
    refused(
        &|v| v["activities"][0]["overrun"] = "0.00".into(),
        "activities[synthetic-a].overrun",
    );
    // Impossible parts.
    refused(
        &|v| v["activities"][1]["spent"] = "-1.00".into(),
        "can never be negative",
    );
    refused(
        &|v| v["activities"][1] = v["activities"][0].clone(),
        "synthetic-a",
    );
    refused(
        &|v| v["funds"] = "100000.00".into(),
        "exceed the activity funds",
    );
    refused(&|v| v["extra"] = 1.into(), "unknown field");
}
