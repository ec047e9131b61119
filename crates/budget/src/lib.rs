//! Money in Danish kroner exact to the øre, the annual budget of a safety partnership, the
//! allocation of its activity funds and a ledger (work in progress).
#![deny(missing_docs)]

mod budget;
mod error;
mod id;
mod ledger;
mod money;

pub use budget::{AnnualBudget, BudgetLine, LineKind, PeriodBudget};
pub use error::{AmountErrorKind, BudgetError};
pub use id::{ActivityId, LineId};
pub use ledger::TransactionKind;
pub use money::Dkk;
