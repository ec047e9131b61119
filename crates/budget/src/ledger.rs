//! The ledger (regnskab) of one year's activity funds.

use crate::Year;
use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::error::BudgetError;
use crate::{ActivityId, Allocations, AnnualBudget, Dkk, LineId};

/// The kind of a ledger transaction, after the IATI transaction types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum TransactionKind {
    /// A commitment (bevilget/disponeret): money promised to the activity, e.g. a signed contract
    /// (IATI type 2, Outgoing Commitment).
    Commitment,
    /// An expenditure (udgift): money paid out (IATI type 4, Expenditure).
    Expenditure,
    /// A reversal of (part of) a commitment, e.g. a cancelled contract.
    CommitmentReversal,
    /// A reversal of (part of) an expenditure, e.g. a refund.
    ExpenditureReversal,
}

impl TransactionKind {
    /// The name used in data and messages: `commitment`, `expenditure`, `commitment_reversal`,
    /// `expenditure_reversal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commitment => "commitment",
            Self::Expenditure => "expenditure",
            Self::CommitmentReversal => "commitment_reversal",
            Self::ExpenditureReversal => "expenditure_reversal",
        }
    }
}

impl TransactionKind {
    /// The Danish words: disponering, udgift, tilbageførsel af disponering, tilbageførsel af
    /// udgift.
    pub fn label_da(self) -> &'static str {
        match self {
            Self::Commitment => "disponering",
            Self::Expenditure => "udgift",
            Self::CommitmentReversal => "tilbageførsel af disponering",
            Self::ExpenditureReversal => "tilbageførsel af udgift",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [TransactionKind; 4] = [
        Self::Commitment,
        Self::Expenditure,
        Self::CommitmentReversal,
        Self::ExpenditureReversal,
    ];
}

impl fmt::Display for TransactionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One dated entry in a [`Ledger`] (postering): a commitment, an expenditure or a reversal of
/// either, against one activity's allocation.
///
/// Invariants: the amount is above zero (the kind gives the direction), the text is not blank,
/// and only an expenditure can be marked as an overrun.
///
/// ```
/// use chrono::NaiveDate;
/// use tryghed_budget::{ActivityId, Dkk, Transaction, TransactionKind};
///
/// let t = Transaction::new(
///     NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?,
///     ActivityId::new("a1")?,
///     TransactionKind::Expenditure,
///     "12.500,00".parse()?,
///     "Faktura 1017, foredrag",
/// )?;
/// assert!(!t.is_overrun());
/// let t = t.recorded_as_overrun()?; // only if spending above the allocation is intended
/// assert!(t.is_overrun());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "postering")]
#[doc(alias = "bogføring")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawTransaction", into = "RawTransaction")
)]
pub struct Transaction {
    date: NaiveDate,
    activity: ActivityId,
    kind: TransactionKind,
    amount: Dkk,
    text: String,
    overrun: bool,
}

impl Transaction {
    /// A transaction that is not an overrun.
    ///
    /// # Errors
    ///
    /// [`BudgetError::NonPositiveTransaction`] for an amount of zero or less,
    /// [`BudgetError::EmptyTransactionText`] for a blank text.
    pub fn new(
        date: NaiveDate,
        activity: ActivityId,
        kind: TransactionKind,
        amount: Dkk,
        text: impl Into<String>,
    ) -> Result<Transaction, BudgetError> {
        if amount <= Dkk::ZERO {
            return Err(BudgetError::NonPositiveTransaction { amount });
        }
        let text = text.into();
        if text.trim().is_empty() {
            return Err(BudgetError::EmptyTransactionText { activity, date });
        }
        Ok(Transaction {
            date,
            activity,
            kind,
            amount,
            text,
            overrun: false,
        })
    }

    /// The same expenditure, marked as an intended overrun: the ledger accepts it even if it
    /// takes spending above the activity's allocation, and the summary shows the overrun.
    ///
    /// # Errors
    ///
    /// [`BudgetError::OverrunNotExpenditure`] for any other kind.
    pub fn recorded_as_overrun(mut self) -> Result<Transaction, BudgetError> {
        if self.kind != TransactionKind::Expenditure {
            return Err(BudgetError::OverrunNotExpenditure {
                activity: self.activity,
                date: self.date,
                kind: self.kind,
            });
        }
        self.overrun = true;
        Ok(self)
    }

    /// The date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The activity whose allocation it is booked against.
    pub fn activity(&self) -> &ActivityId {
        &self.activity
    }

    /// The kind.
    pub fn kind(&self) -> TransactionKind {
        self.kind
    }

    /// The amount, above zero.
    pub fn amount(&self) -> Dkk {
        self.amount
    }

    /// The text: what it is and a reference (invoice, contract).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether it was recorded as an intended overrun.
    pub fn is_overrun(&self) -> bool {
        self.overrun
    }
}

/// Running balance of one activity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Running {
    committed: Dkk,
    spent: Dkk,
}

/// Applies one transaction to an activity's balance; `None` means no limit on spending.
fn step(running: Running, allocated: Option<Dkk>, t: &Transaction) -> Result<Running, BudgetError> {
    let mut next = running;
    match t.kind {
        TransactionKind::Commitment => next.committed = running.committed.checked_add(t.amount)?,
        TransactionKind::CommitmentReversal | TransactionKind::ExpenditureReversal => {
            let available = if t.kind == TransactionKind::CommitmentReversal {
                running.committed
            } else {
                running.spent
            };
            if t.amount > available {
                return Err(BudgetError::ReversalTooLarge {
                    activity: t.activity.clone(),
                    kind: t.kind,
                    amount: t.amount,
                    available,
                });
            }
            let left = available.checked_sub(t.amount)?;
            if t.kind == TransactionKind::CommitmentReversal {
                next.committed = left;
            } else {
                next.spent = left;
            }
        }
        TransactionKind::Expenditure => {
            next.spent = running.spent.checked_add(t.amount)?;
            if let Some(allocated) = allocated
                && next.spent > allocated
                && !t.overrun
            {
                return Err(BudgetError::Overspend {
                    activity: t.activity.clone(),
                    amount: t.amount,
                    allocated,
                    spent: running.spent,
                });
            }
        }
    }
    Ok(next)
}

/// `a - b` for amounts that are both zero or more (cannot overflow).
fn diff(a: Dkk, b: Dkk) -> Dkk {
    a.checked_sub(b).unwrap_or(Dkk::MIN)
}

/// The ledger (regnskab) of one year's activity funds: the allocations and every transaction
/// booked against them, in the order they were recorded.
///
/// Rules, checked by [`record`](Ledger::record) and again for every transaction when a ledger
/// is deserialised:
/// - a transaction is dated in the ledger's year and names an activity with an allocation;
/// - an **expenditure** may not take the activity's spending above its allocation, unless the
///   transaction is [recorded as an overrun](Transaction::recorded_as_overrun); the
///   [summary](Ledger::summary) then shows the overrun;
/// - a **reversal** may not exceed what is committed (or spent), so neither is ever negative;
/// - **commitments are not limited** by the allocation: a commitment is a promise, and the
///   issue's rule guards actual spending. The summary shows commitments next to the allocation,
///   so an over-commitment is visible without being blocked.
///
/// Transactions are kept one by one in recording order (which need not be date order, so a
/// late invoice can be booked with its own date); none is merged or dropped. A rejected
/// operation changes nothing.
///
/// The ledger's state is always what replaying its transactions against its current
/// allocations gives: [`reallocate`](Ledger::reallocate) refuses a new amount under which an
/// expenditure already booked would no longer fit. So a deserialised ledger is checked by the
/// same code that built it.
#[doc(alias = "regnskab")]
#[doc(alias = "bogføring")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawLedger", into = "RawLedger"))]
pub struct Ledger {
    allocations: Allocations,
    transactions: Vec<Transaction>,
    balances: BTreeMap<ActivityId, Running>,
    committed: Dkk,
    spent: Dkk,
}

impl Ledger {
    /// An empty ledger with no allocations of `budget`'s activity funds.
    pub fn new(budget: &AnnualBudget) -> Ledger {
        Ledger::with_allocations(Allocations::new(budget))
    }

    /// An empty ledger over existing allocations.
    pub fn with_allocations(allocations: Allocations) -> Ledger {
        Ledger {
            allocations,
            transactions: Vec::new(),
            balances: BTreeMap::new(),
            committed: Dkk::ZERO,
            spent: Dkk::ZERO,
        }
    }

    /// Allocates funds to a new activity; see [`Allocations::allocate`].
    ///
    /// # Errors
    ///
    /// As [`Allocations::allocate`]. Nothing changes on error.
    pub fn allocate(&mut self, activity: ActivityId, amount: Dkk) -> Result<(), BudgetError> {
        self.allocations.allocate(activity, amount)
    }

    /// Changes an activity's allocation; see [`Allocations::reallocate`]. The new amount must
    /// also cover every expenditure already booked that was not recorded as an overrun.
    ///
    /// # Errors
    ///
    /// As [`Allocations::reallocate`], and [`BudgetError::AllocationBelowSpent`] when booked
    /// expenditure would no longer fit. Nothing changes on error.
    pub fn reallocate(&mut self, activity: &ActivityId, amount: Dkk) -> Result<(), BudgetError> {
        let old = self.allocations.get(activity)?;
        self.allocations.check(activity, amount, old)?;
        let mine = || self.transactions.iter().filter(|t| t.activity == *activity);
        let fits = mine()
            .try_fold(Running::default(), |r, t| step(r, Some(amount), t))
            .is_ok();
        if !fits {
            // The highest spending reached by an expenditure that is not an overrun.
            let mut running = Running::default();
            let mut needed = Dkk::ZERO;
            for t in mine() {
                running = step(running, None, t)?;
                if t.kind == TransactionKind::Expenditure && !t.overrun {
                    needed = needed.max(running.spent);
                }
            }
            return Err(BudgetError::AllocationBelowSpent {
                activity: activity.clone(),
                amount,
                needed,
            });
        }
        self.allocations.reallocate(activity, amount)
    }

    /// Books one transaction.
    ///
    /// # Errors
    ///
    /// [`BudgetError::DateOutsideYear`], [`BudgetError::UnknownActivity`],
    /// [`BudgetError::Overspend`] naming the activity and the amounts,
    /// [`BudgetError::ReversalTooLarge`], or [`BudgetError::Overflow`]. Nothing changes on error.
    ///
    /// # Examples
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use tryghed_budget::{
    ///     Allocations, BudgetError, Dkk, Ledger, LineId, Transaction, TransactionKind, Year,
    /// };
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let funds = Allocations::with_funds(
    ///     Year::new(2026)?,
    ///     LineId::new("aktivitetsmidler")?,
    ///     Dkk::from_kroner(1_050_000)?,
    /// )?;
    /// let mut ledger = Ledger::with_allocations(funds);
    /// let walk = "tryghedsvandring".parse()?;
    /// ledger.allocate(walk, Dkk::from_kroner(25_000)?)?;
    ///
    /// let day = NaiveDate::from_ymd_opt(2026, 10, 1).ok_or("date")?;
    /// let invoice = |amount: &str| -> Result<Transaction, BudgetError> {
    ///     Transaction::new(
    ///         day,
    ///         "tryghedsvandring".parse()?,
    ///         TransactionKind::Expenditure,
    ///         amount.parse()?,
    ///         "Faktura (synthetic)",
    ///     )
    /// };
    /// ledger.record(invoice("20.000,00")?)?;
    /// // Spending beyond the allocation is refused, and the ledger is unchanged.
    /// let error = ledger.record(invoice("6.000,00")?).unwrap_err();
    /// assert!(matches!(error, BudgetError::Overspend { .. }));
    /// assert_eq!(ledger.summary().spent(), Dkk::from_kroner(20_000)?);
    /// // Recorded explicitly as an overrun, it is booked and shown.
    /// ledger.record(invoice("6.000,00")?.recorded_as_overrun()?)?;
    /// assert_eq!(ledger.summary().overrun(), Dkk::from_kroner(1_000)?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn record(&mut self, transaction: Transaction) -> Result<(), BudgetError> {
        let year = self.allocations.year();
        if transaction.date.year() != year.get() {
            return Err(BudgetError::DateOutsideYear {
                date: transaction.date,
                year,
            });
        }
        let allocated = self.allocations.get(&transaction.activity)?;
        let before = self
            .balances
            .get(&transaction.activity)
            .copied()
            .unwrap_or_default();
        let after = step(before, Some(allocated), &transaction)?;
        // Totals over all activities: add the change, checked.
        let committed = self
            .committed
            .checked_sub(before.committed)?
            .checked_add(after.committed)?;
        let spent = self
            .spent
            .checked_sub(before.spent)?
            .checked_add(after.spent)?;
        self.balances.insert(transaction.activity.clone(), after);
        self.committed = committed;
        self.spent = spent;
        self.transactions.push(transaction);
        Ok(())
    }

    /// Books many transactions, all or none.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Transaction`] with the position (from 1) and the reason of the first
    /// transaction rejected; then nothing is booked.
    pub fn record_all<I>(&mut self, transactions: I) -> Result<(), BudgetError>
    where
        I: IntoIterator<Item = Transaction>,
    {
        let mut next = self.clone();
        for (i, t) in transactions.into_iter().enumerate() {
            next.record(t).map_err(|e| BudgetError::Transaction {
                index: i.saturating_add(1),
                source: Box::new(e),
            })?;
        }
        *self = next;
        Ok(())
    }

    /// The ledger's year.
    pub fn year(&self) -> Year {
        self.allocations.year()
    }

    /// The allocations.
    pub fn allocations(&self) -> &Allocations {
        &self.allocations
    }

    /// Every transaction, in recording order.
    pub fn transactions(&self) -> &[Transaction] {
        &self.transactions
    }

    /// The balance of one activity.
    ///
    /// # Errors
    ///
    /// [`BudgetError::UnknownActivity`] if it has no allocation.
    pub fn balance(&self, activity: &ActivityId) -> Result<ActivityBalance, BudgetError> {
        let allocated = self.allocations.get(activity)?;
        Ok(self.balance_of(activity, allocated))
    }

    fn balance_of(&self, activity: &ActivityId, allocated: Dkk) -> ActivityBalance {
        let running = self.balances.get(activity).copied().unwrap_or_default();
        ActivityBalance::computed(
            activity.clone(),
            allocated,
            running.committed,
            running.spent,
        )
    }

    /// Balances per activity and for the activity-funds line.
    pub fn summary(&self) -> LedgerSummary {
        let activities: Vec<ActivityBalance> = self
            .allocations
            .iter()
            .map(|(id, allocated)| self.balance_of(id, allocated))
            .collect();
        let overrun = Dkk::checked_sum(activities.iter().map(|a| a.overrun)).unwrap_or(Dkk::MAX);
        let funds = self.allocations.funds();
        LedgerSummary {
            year: self.year(),
            line: self.allocations.line().clone(),
            funds,
            allocated: self.allocations.allocated(),
            unallocated: self.allocations.remaining(),
            committed: self.committed,
            spent: self.spent,
            remaining: diff(funds, self.spent),
            overrun,
            activities,
        }
    }
}

/// The balance of one activity in a [`Ledger`].
///
/// With the `serde` feature a balance is read back with its derived figures (`remaining`,
/// `overrun`) recomputed from the allocation and the spending: one that disagrees is refused
/// with [`BudgetError::SummaryDoesNotAddUp`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawActivityBalance"))]
pub struct ActivityBalance {
    activity: ActivityId,
    allocated: Dkk,
    committed: Dkk,
    spent: Dkk,
    remaining: Dkk,
    overrun: Dkk,
}

impl ActivityBalance {
    /// The activity.
    pub fn activity(&self) -> &ActivityId {
        &self.activity
    }

    /// Its allocation.
    pub fn allocated(&self) -> Dkk {
        self.allocated
    }

    /// Net commitments (commitments less their reversals); may exceed the allocation.
    pub fn committed(&self) -> Dkk {
        self.committed
    }

    /// Net expenditure (expenditures less their reversals).
    pub fn spent(&self) -> Dkk {
        self.spent
    }

    /// `allocated - spent`; negative only after a recorded overrun.
    pub fn remaining(&self) -> Dkk {
        self.remaining
    }

    /// How far spending is above the allocation (zero when it is not).
    pub fn overrun(&self) -> Dkk {
        self.overrun
    }
}

/// The balances of a [`Ledger`]: for the activity-funds budget line as a whole and per activity.
///
/// With the `serde` feature a summary is read back through [`TryFrom`] checks: the activities
/// must be allocations the funds can hold (as [`Allocations::allocate`] checks), committed and
/// spent are never negative, and every derived figure (`allocated`, `unallocated`,
/// `committed`, `spent`, `remaining`, `overrun` and each activity's `remaining` and
/// `overrun`) is recomputed from the parts: a summary whose totals do not add up is refused
/// with [`BudgetError::SummaryDoesNotAddUp`].
///
/// ```
/// # #[cfg(feature = "serde")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tryghed_budget::{Allocations, Dkk, Ledger, LedgerSummary, LineId, Year};
///
/// let funds = Allocations::with_funds(
///     Year::new(2026)?,
///     LineId::new("aktivitetsmidler")?,
///     Dkk::from_kroner(1_050_000)?,
/// )?;
/// let mut ledger = Ledger::with_allocations(funds);
/// ledger.allocate("natteravne".parse()?, Dkk::from_kroner(250_000)?)?;
/// let json = serde_json::to_string(&ledger.summary())?;
/// let back: LedgerSummary = serde_json::from_str(&json)?;
/// assert_eq!(back, ledger.summary());
///
/// // Totals that do not add up are refused.
/// let wrong = json.replace(r#""unallocated":"800000.00""#, r#""unallocated":"900000.00""#);
/// let error = serde_json::from_str::<LedgerSummary>(&wrong).unwrap_err();
/// assert!(error.to_string().contains("unallocated"));
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "serde"))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawLedgerSummary"))]
pub struct LedgerSummary {
    year: Year,
    line: LineId,
    funds: Dkk,
    allocated: Dkk,
    unallocated: Dkk,
    committed: Dkk,
    spent: Dkk,
    remaining: Dkk,
    overrun: Dkk,
    activities: Vec<ActivityBalance>,
}

impl LedgerSummary {
    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The budget line of the funds (the activity-funds line).
    pub fn line(&self) -> &LineId {
        &self.line
    }

    /// The line's funds for the year.
    pub fn funds(&self) -> Dkk {
        self.funds
    }

    /// The sum of the allocations.
    pub fn allocated(&self) -> Dkk {
        self.allocated
    }

    /// Funds not allocated to any activity.
    pub fn unallocated(&self) -> Dkk {
        self.unallocated
    }

    /// Net commitments over all activities.
    pub fn committed(&self) -> Dkk {
        self.committed
    }

    /// Net expenditure over all activities.
    pub fn spent(&self) -> Dkk {
        self.spent
    }

    /// `funds - spent`.
    pub fn remaining(&self) -> Dkk {
        self.remaining
    }

    /// The sum of the activities' overruns.
    pub fn overrun(&self) -> Dkk {
        self.overrun
    }

    /// One balance per activity with an allocation, sorted by activity id.
    pub fn activities(&self) -> &[ActivityBalance] {
        &self.activities
    }
}

impl ActivityBalance {
    /// The balance of `activity` with its derived figures computed as [`Ledger::summary`]
    /// computes them.
    fn computed(activity: ActivityId, allocated: Dkk, committed: Dkk, spent: Dkk) -> Self {
        ActivityBalance {
            activity,
            allocated,
            committed,
            spent,
            remaining: diff(allocated, spent),
            overrun: diff(spent, allocated).max(Dkk::ZERO),
        }
    }
}

/// A figure as given against the figure computed from the parts.
#[cfg(feature = "serde")]
fn agrees(field: impl FnOnce() -> String, stated: Dkk, computed: Dkk) -> Result<(), BudgetError> {
    if stated == computed {
        Ok(())
    } else {
        Err(BudgetError::SummaryDoesNotAddUp {
            field: field(),
            stated,
            computed,
        })
    }
}

/// An amount committed or spent, which reversals never take below zero.
#[cfg(feature = "serde")]
fn not_negative(field: impl FnOnce() -> String, amount: Dkk) -> Result<(), BudgetError> {
    if amount.is_negative() {
        Err(BudgetError::NegativeInSummary {
            field: field(),
            amount,
        })
    } else {
        Ok(())
    }
}

/// The data form of an [`ActivityBalance`]: every figure, the derived ones checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawActivityBalance {
    activity: ActivityId,
    allocated: Dkk,
    committed: Dkk,
    spent: Dkk,
    remaining: Dkk,
    overrun: Dkk,
}

#[cfg(feature = "serde")]
impl TryFrom<RawActivityBalance> for ActivityBalance {
    type Error = BudgetError;

    fn try_from(raw: RawActivityBalance) -> Result<ActivityBalance, BudgetError> {
        let at = |what: &str| format!("activities[{}].{what}", raw.activity);
        if raw.allocated.is_negative() {
            return Err(BudgetError::NegativeAllocation {
                activity: raw.activity,
                amount: raw.allocated,
            });
        }
        not_negative(|| at("committed"), raw.committed)?;
        not_negative(|| at("spent"), raw.spent)?;
        let computed = ActivityBalance::computed(
            raw.activity.clone(),
            raw.allocated,
            raw.committed,
            raw.spent,
        );
        agrees(|| at("remaining"), raw.remaining, computed.remaining)?;
        agrees(|| at("overrun"), raw.overrun, computed.overrun)?;
        Ok(computed)
    }
}

/// The data form of a [`LedgerSummary`]: every figure, the derived ones checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLedgerSummary {
    year: Year,
    line: LineId,
    funds: Dkk,
    allocated: Dkk,
    unallocated: Dkk,
    committed: Dkk,
    spent: Dkk,
    remaining: Dkk,
    overrun: Dkk,
    activities: Vec<ActivityBalance>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawLedgerSummary> for LedgerSummary {
    type Error = BudgetError;

    fn try_from(raw: RawLedgerSummary) -> Result<LedgerSummary, BudgetError> {
        // The allocations go through the allocation rules: funds not negative, each
        // activity once, no more allocated than the funds.
        let mut allocations = Allocations::with_funds(raw.year, raw.line, raw.funds)?;
        for a in &raw.activities {
            allocations.allocate(a.activity.clone(), a.allocated)?;
        }
        let mut activities = raw.activities;
        activities.sort_by(|a, b| a.activity.cmp(&b.activity));
        let committed = Dkk::checked_sum(activities.iter().map(|a| a.committed))?;
        let spent = Dkk::checked_sum(activities.iter().map(|a| a.spent))?;
        let overrun = Dkk::checked_sum(activities.iter().map(|a| a.overrun)).unwrap_or(Dkk::MAX);
        let funds = allocations.funds();
        let summary = LedgerSummary {
            year: allocations.year(),
            line: allocations.line().clone(),
            funds,
            allocated: allocations.allocated(),
            unallocated: allocations.remaining(),
            committed,
            spent,
            remaining: diff(funds, spent),
            overrun,
            activities,
        };
        let field = |name: &str| {
            let name = name.to_owned();
            move || name
        };
        agrees(field("allocated"), raw.allocated, summary.allocated)?;
        agrees(field("unallocated"), raw.unallocated, summary.unallocated)?;
        agrees(field("committed"), raw.committed, summary.committed)?;
        agrees(field("spent"), raw.spent, summary.spent)?;
        agrees(field("remaining"), raw.remaining, summary.remaining)?;
        agrees(field("overrun"), raw.overrun, summary.overrun)?;
        Ok(summary)
    }
}

#[cfg(feature = "serde")]
#[allow(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// The data form of a transaction:
/// `date = "2026-03-01"`, `activity = "a1"`, `kind = "expenditure"`, `amount = "12500.00"`,
/// `text = "…"`, and `overrun = true` only when it is one.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransaction {
    date: NaiveDate,
    activity: ActivityId,
    kind: TransactionKind,
    amount: Dkk,
    text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    overrun: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<RawTransaction> for Transaction {
    type Error = BudgetError;

    fn try_from(raw: RawTransaction) -> Result<Transaction, BudgetError> {
        let t = Transaction::new(raw.date, raw.activity, raw.kind, raw.amount, raw.text)?;
        if raw.overrun {
            t.recorded_as_overrun()
        } else {
            Ok(t)
        }
    }
}

#[cfg(feature = "serde")]
impl From<Transaction> for RawTransaction {
    fn from(t: Transaction) -> RawTransaction {
        RawTransaction {
            date: t.date,
            activity: t.activity,
            kind: t.kind,
            amount: t.amount,
            text: t.text,
            overrun: t.overrun,
        }
    }
}

/// The data form of a ledger: the allocations' fields and the transactions in order
/// (`transactions`, or `transaction` for TOML's `[[transaction]]`).
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLedger {
    year: Year,
    line: LineId,
    funds: Dkk,
    #[serde(default)]
    activities: BTreeMap<ActivityId, Dkk>,
    #[serde(default, alias = "transaction")]
    transactions: Vec<Transaction>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawLedger> for Ledger {
    type Error = BudgetError;

    fn try_from(raw: RawLedger) -> Result<Ledger, BudgetError> {
        let allocations = Allocations::try_from(crate::allocation::RawAllocations {
            year: raw.year,
            line: raw.line,
            funds: raw.funds,
            activities: raw.activities,
        })?;
        let mut ledger = Ledger::with_allocations(allocations);
        ledger.record_all(raw.transactions)?;
        Ok(ledger)
    }
}

#[cfg(feature = "serde")]
impl From<Ledger> for RawLedger {
    fn from(l: Ledger) -> RawLedger {
        RawLedger {
            year: l.allocations.year(),
            line: l.allocations.line().clone(),
            funds: l.allocations.funds(),
            activities: l
                .allocations
                .iter()
                .map(|(id, a)| (id.clone(), a))
                .collect(),
            transactions: l.transactions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(k: i64) -> Dkk {
        Dkk::from_kroner(k).unwrap()
    }

    fn id(s: &str) -> ActivityId {
        ActivityId::new(s).unwrap()
    }

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn tx(activity: &str, kind: TransactionKind, amount: Dkk) -> Transaction {
        Transaction::new(date(3, 1), id(activity), kind, amount, "synthetic").unwrap()
    }

    /// A ledger over 1.050.000 kr. with a1 = 100.000 and a2 = 50.000 kr.
    fn synthetic_ledger() -> Ledger {
        let a = Allocations::with_funds(
            Year::new(2026).unwrap(),
            LineId::new("aktivitetsmidler").unwrap(),
            kr(1_050_000),
        )
        .unwrap();
        let mut l = Ledger::with_allocations(a);
        l.allocate(id("a1"), kr(100_000)).unwrap();
        l.allocate(id("a2"), kr(50_000)).unwrap();
        l
    }

    use TransactionKind::{Commitment, CommitmentReversal, Expenditure, ExpenditureReversal};

    #[test]
    fn books_and_summarises() {
        let mut l = synthetic_ledger();
        l.record(tx("a1", Commitment, kr(80_000))).unwrap();
        l.record(tx("a1", Expenditure, kr(30_000))).unwrap();
        l.record(tx("a1", Expenditure, kr(30_000))).unwrap();
        l.record(tx("a1", ExpenditureReversal, kr(5_000))).unwrap();
        l.record(tx("a2", Commitment, kr(10_000))).unwrap();
        l.record(tx("a2", CommitmentReversal, kr(10_000))).unwrap();
        assert_eq!(l.transactions().len(), 6, "nothing is merged");
        let b = l.balance(&id("a1")).unwrap();
        assert_eq!(
            (
                b.allocated(),
                b.committed(),
                b.spent(),
                b.remaining(),
                b.overrun()
            ),
            (kr(100_000), kr(80_000), kr(55_000), kr(45_000), Dkk::ZERO)
        );
        let s = l.summary();
        assert_eq!(s.funds(), kr(1_050_000));
        assert_eq!(s.allocated(), kr(150_000));
        assert_eq!(s.unallocated(), kr(900_000));
        assert_eq!(s.committed(), kr(80_000));
        assert_eq!(s.spent(), kr(55_000));
        assert_eq!(s.remaining(), kr(995_000));
        assert_eq!(s.overrun(), Dkk::ZERO);
        assert_eq!(s.activities().len(), 2);
        assert_eq!(s.line().as_str(), "aktivitetsmidler");
        assert_eq!(s.year(), Year::new(2026).unwrap());
    }

    #[test]
    fn overspend_is_refused_unless_recorded_as_overrun() {
        let mut l = synthetic_ledger();
        l.record(tx("a2", Expenditure, kr(50_000))).unwrap();
        let before = l.clone();
        let e = l
            .record(tx("a2", Expenditure, Dkk::from_ore(1)))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "activity a2: spending 0,01 kr. would exceed the allocation of 50.000,00 kr. \
             (50.000,00 kr. is already spent); record it explicitly as an overrun if that is intended"
        );
        assert_eq!(l, before);
        l.record(
            tx("a2", Expenditure, kr(2_000))
                .recorded_as_overrun()
                .unwrap(),
        )
        .unwrap();
        let b = l.balance(&id("a2")).unwrap();
        assert_eq!(b.remaining(), kr(-2_000));
        assert_eq!(b.overrun(), kr(2_000));
        assert_eq!(l.summary().overrun(), kr(2_000));
        assert!(l.transactions().last().unwrap().is_overrun());
    }

    #[test]
    fn commitments_are_not_limited_by_the_allocation() {
        let mut l = synthetic_ledger();
        l.record(tx("a2", Commitment, kr(70_000))).unwrap();
        assert_eq!(l.balance(&id("a2")).unwrap().committed(), kr(70_000));
    }

    #[test]
    fn reversals_cannot_exceed_what_they_reverse() {
        let mut l = synthetic_ledger();
        l.record(tx("a1", Commitment, kr(10))).unwrap();
        l.record(tx("a1", Expenditure, kr(5))).unwrap();
        let before = l.clone();
        let e = l.record(tx("a1", CommitmentReversal, kr(11))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "activity a1: a commitment_reversal of 11,00 kr. exceeds the 10,00 kr. that can be reversed"
        );
        let e = l.record(tx("a1", ExpenditureReversal, kr(6))).unwrap_err();
        assert!(
            e.to_string()
                .contains("expenditure_reversal of 6,00 kr. exceeds the 5,00 kr.")
        );
        assert_eq!(l, before);
    }

    #[test]
    fn date_activity_and_transaction_checks() {
        let mut l = synthetic_ledger();
        let t = Transaction::new(
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            id("a1"),
            Commitment,
            kr(1),
            "x",
        )
        .unwrap();
        let e = l.record(t).unwrap_err();
        assert_eq!(
            e.to_string(),
            "transaction dated 2027-01-01 is outside the ledger year 2026"
        );
        let e = l.record(tx("a9", Commitment, kr(1))).unwrap_err();
        assert_eq!(e.to_string(), "activity a9 has no allocation");
        let e = Transaction::new(date(1, 1), id("a1"), Commitment, Dkk::ZERO, "x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "transaction amount 0,00 kr. must be above zero; use a reversal to go back"
        );
        let e = Transaction::new(date(1, 1), id("a1"), Commitment, kr(1), "  ").unwrap_err();
        assert_eq!(
            e.to_string(),
            "transaction for activity a1 dated 2026-01-01: the text is empty"
        );
        let e = tx("a1", Commitment, kr(1))
            .recorded_as_overrun()
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "transaction for activity a1 dated 2026-03-01: a commitment cannot be marked as an overrun"
        );
        assert!(l.transactions().is_empty());
    }

    #[test]
    fn reallocation_keeps_booked_spending_covered() {
        let mut l = synthetic_ledger();
        l.record(tx("a1", Expenditure, kr(100_000))).unwrap();
        l.record(tx("a1", ExpenditureReversal, kr(50_000))).unwrap();
        let before = l.clone();
        // Spending is 50.000 now, but the first expenditure needed 100.000 when it was booked.
        let e = l.reallocate(&id("a1"), kr(50_000)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "activity a1: the allocation cannot be set to 50.000,00 kr. because its booked \
             expenditure (up to 100.000,00 kr. without a recorded overrun) would then exceed it"
        );
        assert_eq!(l, before);
        l.reallocate(&id("a1"), kr(200_000)).unwrap();
        assert_eq!(l.allocations().get(&id("a1")).unwrap(), kr(200_000));
        assert!(l.reallocate(&id("a9"), kr(1)).is_err());
    }

    #[test]
    fn record_all_is_all_or_nothing() {
        let mut l = synthetic_ledger();
        let e = l
            .record_all([tx("a1", Commitment, kr(1)), tx("a9", Commitment, kr(1))])
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "transaction 2: activity a9 has no allocation"
        );
        assert!(l.transactions().is_empty());
        l.record_all([tx("a1", Commitment, kr(1))]).unwrap();
        assert_eq!(l.transactions().len(), 1);
    }
}
