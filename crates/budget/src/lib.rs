//! Money in Danish kroner exact to the øre, the annual budget (bevilling) of a safety
//! partnership, the allocation of its activity funds (aktivitetsmidler) to activities, and a
//! ledger (regnskab) of what is committed and spent.
//!
//! A finance system books real money against these types, so they are built to be exact and
//! hard to push into an inconsistent state:
//!
//! - [`Dkk`] is a decimal amount with exactly two decimals. Arithmetic is checked and never
//!   rounds; text is read and written in the Danish form `1.467.000,00 kr.` and a machine form
//!   `1467000.00`, and ambiguous text such as `1.467` is refused.
//! - [`AnnualBudget`] is a year's total and its [`BudgetLine`]s (projektledelse with its årsværk,
//!   aktivitetsmidler, …); the lines always sum to the total. [`PeriodBudget`] holds one per year
//!   of an agreement period, without gaps or duplicates.
//! - [`Allocations`] shares a year's activity funds out to activities ([`ActivityId`]) and never
//!   beyond the funds. [`split`] divides an amount by weights without losing an øre.
//! - [`Ledger`] books dated [`Transaction`]s (commitments, expenditures and their reversals)
//!   against the allocations; spending above an allocation is refused unless it is recorded as
//!   an overrun, and [`Ledger::summary`] gives the balances.
//!
//! Every operation that is refused returns a [`BudgetError`] naming the values involved and
//! changes nothing.
//!
//! # Example
//!
//! The Folehaven Tryghedspartnerskab budget for 2026 (agreement section 5: 1.467.000 kr. a year,
//! of which 417.000 kr. for project management, 0,5 årsværk, and 1.050.000 kr. activity funds),
//! with the activity funds allocated to two activities and a commitment and an expenditure
//! booked. The activities and amounts below the budget are made up for the example.
//!
//! ```
//! use chrono::NaiveDate;
//! use rust_decimal::Decimal;
//! use tryghed_budget::{
//!     ActivityId, AnnualBudget, BudgetLine, Dkk, Ledger, LineId, LineKind, Transaction,
//!     TransactionKind, Year,
//! };
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let budget = AnnualBudget::new(
//!     Year::new(2026)?,
//!     "1.467.000 kr.".parse()?,
//!     vec![
//!         BudgetLine::new(
//!             LineId::new("projektledelse")?,
//!             "Projektledelse",
//!             LineKind::ProjectManagement,
//!             "417.000 kr.".parse()?,
//!         )?
//!         .with_fte(Decimal::new(5, 1))?,
//!         BudgetLine::new(
//!             LineId::new("aktivitetsmidler")?,
//!             "Aktivitetsmidler",
//!             LineKind::ActivityFunds,
//!             "1.050.000 kr.".parse()?,
//!         )?,
//!     ],
//! )?;
//!
//! let mut ledger = Ledger::new(&budget);
//! let nightwalks = ActivityId::new("synthetic-natteravne")?;
//! let homework = ActivityId::new("synthetic-lektiecafe")?;
//! ledger.allocate(nightwalks.clone(), Dkk::from_kroner(250_000)?)?;
//! ledger.allocate(homework, Dkk::from_kroner(400_000)?)?;
//!
//! let date = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("invalid date")?;
//! ledger.record(Transaction::new(
//!     date,
//!     nightwalks.clone(),
//!     TransactionKind::Commitment,
//!     Dkk::from_kroner(120_000)?,
//!     "Aftale om vandringer, marts–december",
//! )?)?;
//! ledger.record(Transaction::new(
//!     date,
//!     nightwalks.clone(),
//!     TransactionKind::Expenditure,
//!     "12.500,00".parse()?,
//!     "Faktura 1017",
//! )?)?;
//!
//! // Spending beyond the allocation is refused unless recorded as an overrun.
//! let too_much = Transaction::new(
//!     date, nightwalks.clone(), TransactionKind::Expenditure,
//!     Dkk::from_kroner(240_000)?, "Faktura 1018",
//! )?;
//! assert!(ledger.record(too_much).is_err());
//!
//! let summary = ledger.summary();
//! println!("Ikke fordelt: {}", summary.unallocated());
//! println!("Tilbage af aktivitetsmidlerne: {}", summary.remaining());
//! assert_eq!(summary.unallocated().to_string(), "400.000,00 kr.");
//! assert_eq!(summary.remaining().to_string(), "1.037.500,00 kr.");
//! assert_eq!(ledger.balance(&nightwalks)?.remaining().to_string(), "237.500,00 kr.");
//! # Ok(())
//! # }
//! ```
//!
//! # Cargo features
//!
//! - **`serde`** (off by default): `Serialize`/`Deserialize` for the values, with
//!   deserialisation going through the same validating constructors (a budget whose lines do not
//!   sum, an over-allocation or an overspending ledger cannot be read). Amounts are strings in
//!   the machine form (`"1467000.00"`); on input every text form [`Dkk`] parses is accepted,
//!   and so is an integer of whole kroner (`total = 1467000` in TOML), but a floating-point
//!   number is refused because it may already have been rounded. This crate never turns on
//!   `rust_decimal`'s global serde features. The data forms:
//!
//!   | type | form |
//!   |---|---|
//!   | [`Dkk`] | `"1467000.00"` (or any form [`Dkk`]'s `FromStr` reads, or an integer of kroner) |
//!   | [`ActivityId`], [`LineId`] | `"a1"` |
//!   | [`LineKind`] | `"project_management"`, `"activity_funds"`, `"other"` |
//!   | [`BudgetLine`] | `{ id, name, kind, amount, fte? }`; `fte` a string `"0.5"` (or integer) |
//!   | [`AnnualBudget`] | `{ year, total, lines: [BudgetLine] }` |
//!   | [`PeriodBudget`] | uniform `{ first_year, last_year, total, lines }` (or `years = [2026, …]` instead of the first/last pair), or per year `{ annual: [AnnualBudget] }` |
//!   | [`Allocations`] | `{ year, line, funds, activities: { "a1": "300000.00", … } }` |
//!   | [`TransactionKind`] | `"commitment"`, `"expenditure"`, `"commitment_reversal"`, `"expenditure_reversal"` |
//!   | [`Transaction`] | `{ date: "2026-03-01", activity, kind, amount, text, overrun? }` |
//!   | [`Ledger`] | `{ year, line, funds, activities, transactions: [Transaction] }` (alias `transaction` for TOML's `[[transaction]]`) |
//!   | [`LedgerSummary`], [`ActivityBalance`] | every figure as its accessor; read back with the derived figures recomputed and checked |
//!
//!   A period budget in TOML:
//!
//!   ```toml
//!   [budget]
//!   first_year = 2026
//!   last_year = 2029
//!   total = "1467000"
//!
//!   [[budget.lines]]
//!   id = "projektledelse"
//!   name = "Projektledelse"
//!   kind = "project_management"
//!   amount = "417000"
//!   fte = "0.5"
//!
//!   [[budget.lines]]
//!   id = "aktivitetsmidler"
//!   name = "Aktivitetsmidler"
//!   kind = "activity_funds"
//!   amount = "1050000"
//!   ```
//!
//!   Dates are strings (`"2026-03-01"`), not TOML's bare date values.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod allocation;
mod budget;
mod error;
mod id;
mod ledger;
#[cfg(feature = "toml")]
mod ledger_file;
mod money;
mod split;
mod whole;

pub use allocation::Allocations;
pub use budget::{AnnualBudget, BudgetLine, LineKind, MAX_PERIOD_YEARS, PeriodBudget};
pub use error::{AmountErrorKind, BudgetError};
pub use id::{ActivityId, LineId};
pub use ledger::{ActivityBalance, Ledger, LedgerSummary, Transaction, TransactionKind};
#[cfg(feature = "toml")]
pub use ledger_file::{LedgerCheck, check_ledger};

#[doc = include_str!("../docs/ledger-format.md")]
pub mod ledger_format {}
pub use money::Dkk;
/// The decimal type behind [`Dkk`] and FTE values, re-exported so callers need no version match.
pub use rust_decimal::Decimal;
pub use split::split;
/// The shared types this crate's API uses, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{ParseYearError, SlugError, SlugProblem, Year, YearError};
pub use whole::{BudgetOverview, LineTotals, LineTransaction, LineUse, YearLedger, YearUse};
