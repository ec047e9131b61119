//! The whole budget: every line of a year booked ([`YearLedger`]), and every year of the period
//! summed up per line into allocated, committed, spent and free ([`BudgetOverview`]).

use chrono::NaiveDate;

use crate::error::BudgetError;
use crate::{
    ActivityId, Allocations, AnnualBudget, Dkk, Ledger, LedgerSummary, LineId, LineKind,
    PeriodBudget, Transaction, TransactionKind, Year,
};

/// One dated entry on a budget line that is not shared out to activities, such as the
/// projektledelse line: a commitment (a salary for the year), an expenditure (a month's
/// salary) or a reversal of either.
///
/// Invariants as for [`Transaction`]: the amount is above zero, the text is not blank, only an
/// expenditure can be an overrun.
#[doc(alias = "postering")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LineTransaction {
    date: NaiveDate,
    kind: TransactionKind,
    amount: Dkk,
    text: String,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "std::ops::Not::not"))]
    overrun: bool,
}

impl LineTransaction {
    /// A line transaction that is not an overrun.
    ///
    /// # Errors
    ///
    /// [`BudgetError::NonPositiveTransaction`] for an amount of zero or less,
    /// [`BudgetError::EmptyLineTransactionText`] for a blank text.
    pub fn new(
        date: NaiveDate,
        kind: TransactionKind,
        amount: Dkk,
        text: impl Into<String>,
    ) -> Result<LineTransaction, BudgetError> {
        if amount <= Dkk::ZERO {
            return Err(BudgetError::NonPositiveTransaction { amount });
        }
        let text = text.into();
        if text.trim().is_empty() {
            return Err(BudgetError::EmptyLineTransactionText { date });
        }
        Ok(LineTransaction {
            date,
            kind,
            amount,
            text,
            overrun: false,
        })
    }

    /// The same expenditure, marked as an intended overrun of the line's funds.
    ///
    /// # Errors
    ///
    /// [`BudgetError::LineOverrunNotExpenditure`] for any other kind.
    pub fn recorded_as_overrun(mut self) -> Result<LineTransaction, BudgetError> {
        if self.kind != TransactionKind::Expenditure {
            return Err(BudgetError::LineOverrunNotExpenditure {
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

    /// The kind.
    pub fn kind(&self) -> TransactionKind {
        self.kind
    }

    /// The amount, above zero.
    pub fn amount(&self) -> Dkk {
        self.amount
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether it was recorded as an intended overrun.
    pub fn is_overrun(&self) -> bool {
        self.overrun
    }
}

/// A line that is booked as a whole: its ledger holds one allocation (the line's funds) under
/// the line's own id, so the booking rules are those of [`Ledger`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct LineBook {
    line: LineId,
    key: ActivityId,
    ledger: Ledger,
    transactions: Vec<LineTransaction>,
}

/// One year's ledger of **every** budget line (årsregnskab): the activity funds booked per
/// activity (a [`Ledger`] with its allocations) and each other line, such as projektledelse,
/// booked against the line itself.
///
/// The year's funds are the agreement's: a `YearLedger` is built from the year's
/// [`AnnualBudget`] and cannot hold more or less than it. Carrying unspent funds from one year
/// to the next is not something this type can do (see [`BudgetOverview`]).
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use tryghed_budget::{
///     AnnualBudget, BudgetLine, Dkk, LineId, LineKind, LineTransaction, Transaction,
///     TransactionKind, Year, YearLedger,
/// };
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let budget = AnnualBudget::new(Year::new(2026)?, "1.467.000 kr.".parse()?, vec![
///     BudgetLine::new(LineId::new("projektledelse")?, "Projektledelse",
///         LineKind::ProjectManagement, "417.000 kr.".parse()?)?,
///     BudgetLine::new(LineId::new("aktivitetsmidler")?, "Aktivitetsmidler",
///         LineKind::ActivityFunds, "1.050.000 kr.".parse()?)?,
/// ])?;
/// let mut ledger = YearLedger::new(&budget);
/// let date = NaiveDate::from_ymd_opt(2026, 1, 31).ok_or("date")?;
/// // Synthetic: the year's salary committed, one month paid.
/// let line = LineId::new("projektledelse")?;
/// ledger.record_line(&line, LineTransaction::new(date, TransactionKind::Commitment,
///     "417.000 kr.".parse()?, "Synthetic: løn 2026")?)?;
/// ledger.record_line(&line, LineTransaction::new(date, TransactionKind::Expenditure,
///     "34.750 kr.".parse()?, "Synthetic: løn januar")?)?;
/// // Synthetic: 100.000 kr. of the activity funds for one activity, 20.000 kr. spent.
/// let activity = "synthetic-nyhedsbrev".parse()?;
/// ledger.allocate(activity, Dkk::from_kroner(100_000)?)?;
/// ledger.record_activity(Transaction::new(date, "synthetic-nyhedsbrev".parse()?,
///     TransactionKind::Expenditure, Dkk::from_kroner(20_000)?, "Synthetic: tryk")?)?;
///
/// let lines = ledger.lines()?;
/// let management = &lines[0];
/// assert_eq!(management.committed().to_string(), "382.250,00 kr."); // not yet paid
/// assert_eq!(management.spent().to_string(), "34.750,00 kr.");
/// assert_eq!(management.free(), Dkk::ZERO);
/// let funds = &lines[1];
/// assert_eq!(funds.free().to_string(), "1.030.000,00 kr.");
/// # Ok(())
/// # }
/// ```
#[doc(alias = "årsregnskab")]
#[doc(alias = "regnskab")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearLedger {
    budget: AnnualBudget,
    activity_funds: Ledger,
    others: Vec<LineBook>,
}

impl YearLedger {
    /// An empty ledger of every line of `budget`.
    pub fn new(budget: &AnnualBudget) -> YearLedger {
        let others = budget
            .lines()
            .iter()
            .filter(|line| line.kind() != LineKind::ActivityFunds)
            .filter_map(|line| {
                // A line id is a valid activity id (the same slug rule), so this never fails.
                let key = ActivityId::new(line.id().as_str()).ok()?;
                let mut allocations =
                    Allocations::with_funds(budget.year(), line.id().clone(), line.amount())
                        .ok()?;
                allocations.allocate(key.clone(), line.amount()).ok()?;
                Some(LineBook {
                    line: line.id().clone(),
                    key,
                    ledger: Ledger::with_allocations(allocations),
                    transactions: Vec::new(),
                })
            })
            .collect();
        YearLedger {
            budget: budget.clone(),
            activity_funds: Ledger::new(budget),
            others,
        }
    }

    /// The year ledger of `budget` whose activity funds are booked in `ledger` (a ledger of
    /// the activity funds alone, as older files and the serde form of [`Ledger`] hold), with
    /// nothing booked on the other lines.
    ///
    /// # Errors
    ///
    /// [`BudgetError::LedgerNotOfBudget`] when `ledger` is of another year, another line or
    /// other funds than `budget`'s activity funds: the agreement's funds are the only ones.
    pub fn with_activity_funds(
        budget: &AnnualBudget,
        ledger: Ledger,
    ) -> Result<YearLedger, BudgetError> {
        let line = budget.activity_funds();
        let allocations = ledger.allocations();
        if ledger.year() != budget.year()
            || allocations.line() != line.id()
            || allocations.funds() != line.amount()
        {
            return Err(BudgetError::LedgerNotOfBudget {
                year: ledger.year(),
            });
        }
        let mut year = YearLedger::new(budget);
        year.activity_funds = ledger;
        Ok(year)
    }

    /// The year.
    pub fn year(&self) -> Year {
        self.budget.year()
    }

    /// The year's budget (from the agreement) the ledger books against.
    pub fn budget(&self) -> &AnnualBudget {
        &self.budget
    }

    /// The ledger of the activity funds: allocations per activity and their transactions.
    #[doc(alias = "aktivitetsmidler")]
    pub fn activity_funds(&self) -> &Ledger {
        &self.activity_funds
    }

    /// Allocates activity funds to an activity ([`Ledger::allocate`]).
    ///
    /// # Errors
    ///
    /// As [`Ledger::allocate`].
    pub fn allocate(&mut self, activity: ActivityId, amount: Dkk) -> Result<(), BudgetError> {
        self.activity_funds.allocate(activity, amount)
    }

    /// Books a transaction on an activity of the activity funds ([`Ledger::record`]).
    ///
    /// # Errors
    ///
    /// As [`Ledger::record`]. Nothing changes on error.
    pub fn record_activity(&mut self, transaction: Transaction) -> Result<(), BudgetError> {
        self.activity_funds.record(transaction)
    }

    /// Books a transaction on `line`, a line that is not the activity funds (projektledelse).
    /// The rules are those of [`Ledger::record`] with the line's funds as the allocation.
    ///
    /// # Errors
    ///
    /// [`BudgetError::UnknownLine`] for a line the year's budget does not have,
    /// [`BudgetError::ActivityFundsNeedAnActivity`] for the activity-funds line,
    /// [`BudgetError::DateOutsideYear`], [`BudgetError::LineOverspend`],
    /// [`BudgetError::LineReversalTooLarge`] or [`BudgetError::Overflow`]. Nothing changes on
    /// error.
    pub fn record_line(
        &mut self,
        line: &LineId,
        transaction: LineTransaction,
    ) -> Result<(), BudgetError> {
        if self.budget.activity_funds().id() == line {
            return Err(BudgetError::ActivityFundsNeedAnActivity { line: line.clone() });
        }
        let year = self.year();
        let Some(book) = self.others.iter_mut().find(|b| b.line == *line) else {
            return Err(BudgetError::UnknownLine {
                year,
                line: line.clone(),
            });
        };
        let mut booked = Transaction::new(
            transaction.date,
            book.key.clone(),
            transaction.kind,
            transaction.amount,
            transaction.text.clone(),
        )?;
        if transaction.overrun {
            booked = booked.recorded_as_overrun()?;
        }
        book.ledger.record(booked).map_err(|e| match e {
            BudgetError::Overspend {
                amount,
                allocated,
                spent,
                ..
            } => BudgetError::LineOverspend {
                line: line.clone(),
                amount,
                funds: allocated,
                spent,
            },
            BudgetError::ReversalTooLarge {
                kind,
                amount,
                available,
                ..
            } => BudgetError::LineReversalTooLarge {
                line: line.clone(),
                kind,
                amount,
                available,
            },
            other => other,
        })?;
        book.transactions.push(transaction);
        Ok(())
    }

    /// The transactions booked on `line` (a line that is not the activity funds), in
    /// recording order; empty for an unknown line.
    pub fn line_transactions(&self, line: &LineId) -> &[LineTransaction] {
        self.others
            .iter()
            .find(|b| b.line == *line)
            .map_or(&[], |b| b.transactions.as_slice())
    }

    /// The activity funds summed up ([`Ledger::summary`]).
    pub fn activity_summary(&self) -> LedgerSummary {
        self.activity_funds.summary()
    }

    /// Every line of the year, in the budget's order: allocated, committed, spent and free.
    ///
    /// # Errors
    ///
    /// [`BudgetError::Overflow`] if a sum leaves the range of [`Dkk`] (never for a real
    /// budget).
    pub fn lines(&self) -> Result<Vec<LineUse>, BudgetError> {
        self.budget
            .lines()
            .iter()
            .map(|line| {
                let (summary, distributed) = if line.kind() == LineKind::ActivityFunds {
                    let summary = self.activity_funds.summary();
                    let distributed = summary.allocated();
                    (Some(summary), Some(distributed))
                } else {
                    let summary = self
                        .others
                        .iter()
                        .find(|b| b.line == *line.id())
                        .map(|b| b.ledger.summary());
                    (summary, None)
                };
                let (committed, spent) = match &summary {
                    Some(s) => (outstanding(s)?, s.spent()),
                    None => (Dkk::ZERO, Dkk::ZERO),
                };
                Ok(LineUse::new(
                    line.id(),
                    line.name(),
                    line.kind(),
                    line.amount(),
                    committed,
                    spent,
                )?
                .with_distributed(distributed))
            })
            .collect()
    }
}

/// The commitments not yet paid: per activity, what is committed beyond what is spent.
fn outstanding(summary: &LedgerSummary) -> Result<Dkk, BudgetError> {
    let mut total = Dkk::ZERO;
    for activity in summary.activities() {
        // Both are zero or more, so the difference cannot overflow.
        let open = activity.committed().checked_sub(activity.spent())?;
        total = total.checked_add(open.max(Dkk::ZERO))?;
    }
    Ok(total)
}

/// One budget line in one year (or the period): what the agreement allocates, what is
/// committed and not yet paid, what is paid, and what is free.
///
/// Always `allocated = committed + spent + free`, exactly. `committed` counts, per activity
/// (or for the line), commitments beyond what is already spent: a contract of 400.000 kr. of
/// which 250.000 kr. is paid is 250.000 kr. spent and 150.000 kr. committed. `free` is what is
/// neither, and is **negative** when more is committed or spent than allocated (see
/// [`LineUse::is_over`]).
#[doc(alias = "budgetlinje")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LineUse {
    line: LineId,
    name: String,
    kind: LineKind,
    allocated: Dkk,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    distributed: Option<Dkk>,
    committed: Dkk,
    spent: Dkk,
    free: Dkk,
}

impl LineUse {
    fn new(
        line: &LineId,
        name: &str,
        kind: LineKind,
        allocated: Dkk,
        committed: Dkk,
        spent: Dkk,
    ) -> Result<LineUse, BudgetError> {
        let free = allocated.checked_sub(committed)?.checked_sub(spent)?;
        Ok(LineUse {
            line: line.clone(),
            name: name.to_owned(),
            kind,
            allocated,
            distributed: None,
            committed,
            spent,
            free,
        })
    }

    fn with_distributed(mut self, distributed: Option<Dkk>) -> LineUse {
        self.distributed = distributed;
        self
    }

    /// The line's id.
    pub fn line(&self) -> &LineId {
        &self.line
    }

    /// The line's name, e.g. "Projektledelse".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The kind of line.
    pub fn kind(&self) -> LineKind {
        self.kind
    }

    /// The line's amount in the agreement (bevilget).
    #[doc(alias = "bevilget")]
    pub fn allocated(&self) -> Dkk {
        self.allocated
    }

    /// For the activity funds: how much is shared out to activities (fordelt).
    #[doc(alias = "fordelt")]
    pub fn distributed(&self) -> Option<Dkk> {
        self.distributed
    }

    /// Committed and not yet spent (disponeret).
    #[doc(alias = "disponeret")]
    pub fn committed(&self) -> Dkk {
        self.committed
    }

    /// Spent (forbrugt).
    #[doc(alias = "forbrugt")]
    pub fn spent(&self) -> Dkk {
        self.spent
    }

    /// Neither committed nor spent (fri); negative when the line is over.
    #[doc(alias = "fri")]
    #[doc(alias = "frie midler")]
    pub fn free(&self) -> Dkk {
        self.free
    }

    /// Whether more is committed and spent than allocated.
    pub fn is_over(&self) -> bool {
        self.free.is_negative()
    }

    fn add(&self, other: &LineUse) -> Result<LineUse, BudgetError> {
        let distributed = match (self.distributed, other.distributed) {
            (Some(a), Some(b)) => Some(a.checked_add(b)?),
            (a, b) => a.or(b),
        };
        Ok(LineUse {
            line: self.line.clone(),
            name: self.name.clone(),
            kind: self.kind,
            allocated: self.allocated.checked_add(other.allocated)?,
            distributed,
            committed: self.committed.checked_add(other.committed)?,
            spent: self.spent.checked_add(other.spent)?,
            free: self.free.checked_add(other.free)?,
        })
    }
}

/// One year of the whole budget: each line's use, and whether a ledger was given for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct YearUse {
    year: Year,
    booked: bool,
    total: LineTotals,
    lines: Vec<LineUse>,
}

/// The sum over a year's (or the period's) lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LineTotals {
    allocated: Dkk,
    committed: Dkk,
    spent: Dkk,
    free: Dkk,
}

impl LineTotals {
    fn of<'a>(lines: impl IntoIterator<Item = &'a LineUse>) -> Result<LineTotals, BudgetError> {
        let mut total = LineTotals::default();
        for line in lines {
            total.allocated = total.allocated.checked_add(line.allocated)?;
            total.committed = total.committed.checked_add(line.committed)?;
            total.spent = total.spent.checked_add(line.spent)?;
            total.free = total.free.checked_add(line.free)?;
        }
        Ok(total)
    }

    /// Allocated over the lines (bevilget).
    pub fn allocated(&self) -> Dkk {
        self.allocated
    }

    /// Committed and not yet spent (disponeret).
    pub fn committed(&self) -> Dkk {
        self.committed
    }

    /// Spent (forbrugt).
    pub fn spent(&self) -> Dkk {
        self.spent
    }

    /// Free (fri); negative when over.
    pub fn free(&self) -> Dkk {
        self.free
    }
}

impl YearUse {
    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// Whether a ledger was given for the year (otherwise nothing is committed or spent and
    /// everything is free, as far as the tool knows).
    pub fn is_booked(&self) -> bool {
        self.booked
    }

    /// The sum over the year's lines; `allocated` is the agreement's total for the year.
    pub fn total(&self) -> LineTotals {
        self.total
    }

    /// Each line, in the budget's order.
    pub fn lines(&self) -> &[LineUse] {
        &self.lines
    }

    /// The line with id `id`, if the year has it.
    pub fn line(&self, id: &str) -> Option<&LineUse> {
        self.lines.iter().find(|l| l.line.as_str() == id)
    }
}

/// The whole budget of an agreement period (2026–2029 for Folehaven): per year and line what
/// is allocated, committed, spent and free, from the year ledgers that are given.
///
/// The lines of every year add up to the agreement's yearly total, and per line and year
/// `allocated = committed + spent + free`, exactly.
///
/// **Carrying forward.** The agreement gives "1.467.000 kr. årligt" and does not say whether
/// money left in one year may be used the next. We read that as: it may not. Each year's funds
/// are the agreement's, a year ledger cannot hold another amount, and a ledger file that tries
/// to move money between years is refused. This is *our* reading, not the agreement's words; an
/// agreement that allows it would need a way to say so in its data, which the format does not
/// have yet.
///
/// # Examples
///
/// ```
/// use tryghed_budget::{
///     BudgetLine, BudgetOverview, LineId, LineKind, PeriodBudget, Year, YearLedger,
/// };
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let lines = vec![
///     BudgetLine::new(LineId::new("projektledelse")?, "Projektledelse",
///         LineKind::ProjectManagement, "417.000 kr.".parse()?)?,
///     BudgetLine::new(LineId::new("aktivitetsmidler")?, "Aktivitetsmidler",
///         LineKind::ActivityFunds, "1.050.000 kr.".parse()?)?,
/// ];
/// let period = PeriodBudget::uniform(Year::new(2026)?, Year::new(2029)?, "1.467.000 kr.".parse()?, lines)?;
/// let ledger_2026 = YearLedger::new(period.year(Year::new(2026)?).ok_or("2026")?);
/// let overview = BudgetOverview::new(&period, &[ledger_2026])?;
/// assert_eq!(overview.years().len(), 4);
/// assert!(overview.years()[0].is_booked() && !overview.years()[1].is_booked());
/// assert_eq!(overview.total().free().to_string(), "5.868.000,00 kr.");
/// # Ok(())
/// # }
/// ```
#[doc(alias = "budgetoverblik")]
#[doc(alias = "hele budgettet")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BudgetOverview {
    first_year: Year,
    last_year: Year,
    years: Vec<YearUse>,
    lines: Vec<LineUse>,
    total: LineTotals,
}

impl BudgetOverview {
    /// The period's budget with the given year ledgers (any years of the period, each at most
    /// once; years without one count as nothing committed or spent).
    ///
    /// # Errors
    ///
    /// [`BudgetError::LedgerOutsidePeriod`] for a ledger of a year outside the period,
    /// [`BudgetError::DuplicateLedgerYear`] for two ledgers of one year,
    /// [`BudgetError::LedgerNotOfBudget`] for a ledger built against another budget than the
    /// period's for its year (other funds: the agreement's are the only ones), or
    /// [`BudgetError::Overflow`].
    pub fn new(period: &PeriodBudget, ledgers: &[YearLedger]) -> Result<Self, BudgetError> {
        let (first, last) = (period.first_year(), period.last_year());
        for (i, ledger) in ledgers.iter().enumerate() {
            let year = ledger.year();
            let Some(budget) = period.year(year) else {
                return Err(BudgetError::LedgerOutsidePeriod { year, first, last });
            };
            if ledger.budget() != budget {
                return Err(BudgetError::LedgerNotOfBudget { year });
            }
            if ledgers.iter().take(i).any(|l| l.year() == year) {
                return Err(BudgetError::DuplicateLedgerYear { year });
            }
        }
        let mut years = Vec::with_capacity(period.years().len());
        for budget in period.years() {
            let ledger = ledgers.iter().find(|l| l.year() == budget.year());
            let lines = match ledger {
                Some(ledger) => ledger.lines()?,
                None => YearLedger::new(budget).lines()?,
            };
            years.push(YearUse {
                year: budget.year(),
                booked: ledger.is_some(),
                total: LineTotals::of(&lines)?,
                lines,
            });
        }
        // Per line over the period, in the first year's order of lines.
        let mut lines: Vec<LineUse> = Vec::new();
        for year in &years {
            for line in &year.lines {
                match lines.iter_mut().find(|l| l.line == line.line) {
                    Some(sum) => *sum = sum.add(line)?,
                    None => lines.push(line.clone()),
                }
            }
        }
        let total = LineTotals::of(&lines)?;
        Ok(BudgetOverview {
            first_year: first,
            last_year: last,
            years,
            lines,
            total,
        })
    }

    /// The period's first year.
    pub fn first_year(&self) -> Year {
        self.first_year
    }

    /// The period's last year.
    pub fn last_year(&self) -> Year {
        self.last_year
    }

    /// Every year of the period, in order.
    pub fn years(&self) -> &[YearUse] {
        &self.years
    }

    /// The year `year`, if it is in the period.
    pub fn year(&self, year: Year) -> Option<&YearUse> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Each line summed over the period.
    pub fn lines(&self) -> &[LineUse] {
        &self.lines
    }

    /// Everything summed over the period.
    pub fn total(&self) -> LineTotals {
        self.total
    }
}
