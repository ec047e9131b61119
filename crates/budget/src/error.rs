//! The crate's one error type.

use crate::SlugError;
use crate::Year;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{ActivityId, Dkk, LineId, TransactionKind};

/// Everything that can go wrong in `tryghed-budget`.
///
/// Every variant carries the offending value (and, where there is one, the year, the line or
/// the activity), so the message alone tells a user what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BudgetError {
    /// A text could not be read as an amount in kroner.
    #[error("invalid amount {}: {kind}", ::tryghed_diagnostics::quote(.input))]
    #[non_exhaustive]
    InvalidAmount {
        /// The text as given.
        input: String,
        /// What was wrong with it.
        kind: AmountErrorKind,
    },
    /// A decimal number has more than two decimals after normalisation (finer than one øre).
    #[error(
        "the amount {value} has more than two decimals; amounts are whole øre and are never rounded"
    )]
    #[non_exhaustive]
    SubOre {
        /// The number as given.
        value: Decimal,
    },
    /// An amount is outside the range of [`Dkk`] (whole øre in an `i64`).
    #[error("the amount {value} is outside the supported range {min} to {max}", min = Dkk::MIN.machine(), max = Dkk::MAX.machine())]
    #[non_exhaustive]
    OutOfRange {
        /// The number as given.
        value: String,
    },
    /// Arithmetic on amounts overflowed the range of [`Dkk`].
    #[error("overflow: {operation} is outside the supported range of amounts")]
    #[non_exhaustive]
    Overflow {
        /// The operation with its operands, e.g. `1.000,00 kr. + 2,00 kr.`.
        operation: String,
    },
    /// An identifier (line id or activity id) is not a valid slug; [`SlugError::what`] says
    /// which.
    #[error(transparent)]
    InvalidId(#[from] SlugError),
    /// A budget line's name is empty.
    #[error("budget line {line}: the name is empty")]
    #[non_exhaustive]
    EmptyLineName {
        /// The line.
        line: LineId,
    },
    /// A budget line has a negative amount.
    #[error("budget line {line}: the amount {amount} is negative")]
    #[non_exhaustive]
    NegativeLineAmount {
        /// The line.
        line: LineId,
        /// The amount given.
        amount: Dkk,
    },
    /// A budget line's full-time equivalent (årsværk) is negative.
    #[error("budget line {line}: the full-time equivalent (årsværk) {fte} is negative")]
    #[non_exhaustive]
    NegativeFte {
        /// The line.
        line: LineId,
        /// The value given.
        fte: Decimal,
    },
    /// A full-time equivalent (årsværk) could not be read.
    #[error("invalid full-time equivalent (årsværk) {}: {reason}", ::tryghed_diagnostics::quote(.input))]
    #[non_exhaustive]
    InvalidFte {
        /// The text as given.
        input: String,
        /// What was wrong with it.
        reason: String,
    },
    /// An annual budget has no lines.
    #[error("budget {year}: there are no budget lines")]
    #[non_exhaustive]
    NoLines {
        /// The budget year.
        year: Year,
    },
    /// Two lines of an annual budget share an id.
    #[error("budget {year}: the line id {line} is used twice")]
    #[non_exhaustive]
    DuplicateLine {
        /// The budget year.
        year: Year,
        /// The repeated id.
        line: LineId,
    },
    /// An annual budget does not have exactly one line of the given kind (activity funds), or has
    /// more than one project-management line.
    #[error("budget {year}: {count} lines of kind {kind}, expected {expected}")]
    #[non_exhaustive]
    LineKindCount {
        /// The budget year.
        year: Year,
        /// The kind counted.
        kind: crate::LineKind,
        /// How many lines of that kind there are.
        count: usize,
        /// What is allowed (`exactly one`, `at most one`).
        expected: &'static str,
    },
    /// The lines of an annual budget do not add up to its total.
    #[error(
        "budget {year}: the lines sum to {sum} but the total is {total} (difference {difference})"
    )]
    #[non_exhaustive]
    LinesDoNotSum {
        /// The budget year.
        year: Year,
        /// The stated total.
        total: Dkk,
        /// The sum of the lines.
        sum: Dkk,
        /// `total - sum`.
        difference: Dkk,
    },
    /// A period budget was given no annual budgets.
    #[error("a budget period needs at least one annual budget")]
    NoYears,
    /// A period budget's first year is after its last.
    #[error("budget period {first}–{last} is empty")]
    #[non_exhaustive]
    EmptyPeriod {
        /// The first year given.
        first: Year,
        /// The last year given.
        last: Year,
    },
    /// A period budget spans more than
    /// [`MAX_PERIOD_YEARS`](crate::MAX_PERIOD_YEARS) years.
    #[error("budget period {first}–{last} is longer than {limit} years")]
    #[non_exhaustive]
    PeriodTooLong {
        /// The first year given.
        first: Year,
        /// The last year given.
        last: Year,
        /// The limit.
        limit: usize,
    },
    /// A period budget has two budgets for the same year.
    #[error("budget period: the year {year} appears twice")]
    #[non_exhaustive]
    DuplicateYear {
        /// The repeated year.
        year: Year,
    },
    /// A period budget has no budget for a year inside its period.
    #[error("budget period {first}–{last}: the year {year} has no budget")]
    #[non_exhaustive]
    MissingYear {
        /// The missing year.
        year: Year,
        /// The first year of the period.
        first: Year,
        /// The last year of the period.
        last: Year,
    },
    /// The budget data mixes the uniform and the per-year form, or lacks a field.
    #[error("budget period: {0}")]
    PeriodForm(String),
    /// An allocation or a transaction names an activity that has no allocation.
    #[error("activity {activity} has no allocation")]
    #[non_exhaustive]
    UnknownActivity {
        /// The activity named.
        activity: ActivityId,
    },
    /// `allocate` was called for an activity that already has an allocation.
    #[error(
        "activity {activity} already has an allocation of {existing}; use reallocate to change it"
    )]
    #[non_exhaustive]
    DuplicateAllocation {
        /// The activity.
        activity: ActivityId,
        /// Its current allocation.
        existing: Dkk,
    },
    /// An allocation amount is negative.
    #[error("activity {activity}: the allocation {amount} is negative")]
    #[non_exhaustive]
    NegativeAllocation {
        /// The activity.
        activity: ActivityId,
        /// The amount given.
        amount: Dkk,
    },
    /// An allocation would take the total allocated above the activity funds.
    #[error(
        "activity {activity}: allocating {amount} would exceed the activity funds of {funds} \
         ({allocated} is already allocated to other activities, {available} is available)",
        available = AvailableDisplay(*funds, *allocated)
    )]
    #[non_exhaustive]
    OverAllocation {
        /// The activity.
        activity: ActivityId,
        /// The amount asked for.
        amount: Dkk,
        /// The year's activity funds.
        funds: Dkk,
        /// What is allocated to the other activities.
        allocated: Dkk,
    },
    /// A new allocation would be lower than what the activity's ledger needs.
    #[error(
        "activity {activity}: the allocation cannot be set to {amount} because its booked expenditure \
         (up to {needed} without a recorded overrun) would then exceed it"
    )]
    #[non_exhaustive]
    AllocationBelowSpent {
        /// The activity.
        activity: ActivityId,
        /// The allocation asked for.
        amount: Dkk,
        /// The expenditure that needs to stay covered.
        needed: Dkk,
    },
    /// Splitting by weights needs at least one weight.
    #[error("cannot split {amount} by an empty list of weights")]
    #[non_exhaustive]
    EmptyWeights {
        /// The amount to split.
        amount: Dkk,
    },
    /// Splitting by weights needs at least one weight above zero.
    #[error("cannot split {amount}: all {count} weights are zero")]
    #[non_exhaustive]
    ZeroWeights {
        /// The amount to split.
        amount: Dkk,
        /// How many weights were given.
        count: usize,
    },
    /// A transaction date is outside the ledger's year.
    #[error("transaction dated {date} is outside the ledger year {year}")]
    #[non_exhaustive]
    DateOutsideYear {
        /// The date given.
        date: NaiveDate,
        /// The ledger's year.
        year: Year,
    },
    /// A year has no calendar in `chrono` (far outside any real budget).
    #[error("the year {year} is outside the supported calendar")]
    #[non_exhaustive]
    UnsupportedYear {
        /// The year given.
        year: Year,
    },
    /// A transaction amount is zero or negative (direction is given by the kind).
    #[error("transaction amount {amount} must be above zero; use a reversal to go back")]
    #[non_exhaustive]
    NonPositiveTransaction {
        /// The amount given.
        amount: Dkk,
    },
    /// A transaction has an empty text.
    #[error("transaction for activity {activity} dated {date}: the text is empty")]
    #[non_exhaustive]
    EmptyTransactionText {
        /// The activity.
        activity: ActivityId,
        /// The date.
        date: NaiveDate,
    },
    /// Only expenditures can be recorded as overruns.
    #[error(
        "transaction for activity {activity} dated {date}: a {kind} cannot be marked as an overrun"
    )]
    #[non_exhaustive]
    OverrunNotExpenditure {
        /// The activity.
        activity: ActivityId,
        /// The date.
        date: NaiveDate,
        /// The kind given.
        kind: TransactionKind,
    },
    /// An expenditure would take spending above the activity's allocation.
    #[error(
        "activity {activity}: spending {amount} would exceed the allocation of {allocated} \
         ({spent} is already spent); record it explicitly as an overrun if that is intended"
    )]
    #[non_exhaustive]
    Overspend {
        /// The activity.
        activity: ActivityId,
        /// The expenditure.
        amount: Dkk,
        /// The activity's allocation.
        allocated: Dkk,
        /// What is already spent.
        spent: Dkk,
    },
    /// A reversal is larger than what it reverses.
    #[error(
        "activity {activity}: a {kind} of {amount} exceeds the {available} that can be reversed"
    )]
    #[non_exhaustive]
    ReversalTooLarge {
        /// The activity.
        activity: ActivityId,
        /// The reversal kind.
        kind: TransactionKind,
        /// The reversal amount.
        amount: Dkk,
        /// What is committed (or spent) and can be reversed.
        available: Dkk,
    },
    /// A line transaction has a blank text.
    #[error("line transaction dated {date}: the text is empty")]
    EmptyLineTransactionText {
        /// The date.
        date: NaiveDate,
    },
    /// A line transaction that is not an expenditure was marked as an overrun.
    #[error("line transaction dated {date}: a {kind} cannot be marked as an overrun")]
    LineOverrunNotExpenditure {
        /// The date.
        date: NaiveDate,
        /// Its kind.
        kind: TransactionKind,
    },
    /// A transaction names a budget line the year's budget does not have.
    #[error("budget {year} has no line {line}")]
    UnknownLine {
        /// The year.
        year: Year,
        /// The line named.
        line: LineId,
    },
    /// A transaction on the activity-funds line was booked without an activity.
    #[error("line {line} is shared out to activities: a transaction on it names its activity")]
    ActivityFundsNeedAnActivity {
        /// The activity-funds line.
        line: LineId,
    },
    /// An expenditure would take a line's spending above its funds.
    #[error(
        "line {line}: spending {amount} would exceed its funds of {funds} ({spent} is already spent); record it explicitly as an overrun if that is intended"
    )]
    LineOverspend {
        /// The line.
        line: LineId,
        /// The expenditure.
        amount: Dkk,
        /// The line's funds.
        funds: Dkk,
        /// Spent before it.
        spent: Dkk,
    },
    /// A reversal on a line larger than what it reverses.
    #[error("line {line}: a {kind} of {amount} exceeds the {available} that can be reversed")]
    LineReversalTooLarge {
        /// The line.
        line: LineId,
        /// The reversal's kind.
        kind: TransactionKind,
        /// The amount.
        amount: Dkk,
        /// What is committed (or spent) on the line.
        available: Dkk,
    },
    /// A year ledger for a year outside the period.
    #[error("the ledger of {year} is outside the budget period {first}–{last}")]
    LedgerOutsidePeriod {
        /// The ledger's year.
        year: Year,
        /// The period's first year.
        first: Year,
        /// The period's last year.
        last: Year,
    },
    /// Two year ledgers of one year.
    #[error("two ledgers are given for {year}")]
    DuplicateLedgerYear {
        /// The year.
        year: Year,
    },
    /// A year ledger built against another budget than the period's for its year.
    #[error("the ledger of {year} books against other funds than the budget of {year}")]
    LedgerNotOfBudget {
        /// The year.
        year: Year,
    },
    /// An attempt to move funds from one year to another. The agreement gives its funds per
    /// year and does not say that unspent funds may be carried forward; we read that as: they
    /// may not.
    #[error(
        "funds cannot be carried {}to another year: the agreement gives its funds per year and does not provide for carrying them forward (our reading)",
        from.map_or_else(String::new, |y| format!("from {y} "))
    )]
    CarryForwardNotAllowed {
        /// The year the funds would come from, when the ledger names a valid one.
        from: Option<Year>,
    },
    /// A summary read from data states a figure that its own parts do not give (a
    /// [`LedgerSummary`](crate::LedgerSummary) whose totals do not add up): derived figures
    /// are recomputed on the way in, never trusted.
    #[error("summary: {field} is given as {stated}, but its parts give {computed}")]
    #[non_exhaustive]
    SummaryDoesNotAddUp {
        /// The figure, e.g. `spent` or `activities[a1].remaining`.
        field: String,
        /// The figure as given.
        stated: Dkk,
        /// What the summary's parts give.
        computed: Dkk,
    },
    /// A summary read from data has a negative amount committed or spent (reversals can never
    /// take either below zero).
    #[error("summary: {field} is {amount}, but it can never be negative")]
    #[non_exhaustive]
    NegativeInSummary {
        /// The figure, e.g. `activities[a1].spent`.
        field: String,
        /// The amount as given.
        amount: Dkk,
    },
    /// A transaction read from data was rejected; `index` counts from 1.
    #[error("transaction {index}: {source}")]
    #[non_exhaustive]
    Transaction {
        /// Position of the transaction in the list, counting from 1.
        index: usize,
        /// Why it was rejected.
        source: Box<BudgetError>,
    },
}

/// `funds - allocated`, shown in an error message (cannot overflow for valid states, but a
/// message must never panic either).
struct AvailableDisplay(Dkk, Dkk);

impl fmt::Display for AvailableDisplay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.checked_sub(self.1) {
            Ok(v) => write!(f, "{v}"),
            Err(_) => f.write_str("(out of range)"),
        }
    }
}

/// What was wrong with a text given as an amount; part of [`BudgetError::InvalidAmount`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AmountErrorKind {
    /// Nothing but whitespace (or only a sign or `kr.`).
    Empty,
    /// A character that is not a digit, `.`, `,`, a leading `-` or a trailing `kr.`.
    InvalidCharacter(char),
    /// One `.` followed by exactly three digits, with no decimal comma and no `kr.`, such as
    /// `1.467`: it could
    /// be Danish thousands grouping (1467 kr.) or a decimal point (1,467 kr.).
    Ambiguous,
    /// English grouping with `,` as thousands separator, such as `1,467.00` or `1,467,000`.
    EnglishGrouping,
    /// Danish thousands grouping that is not groups of three digits after a first group of one
    /// to three digits, such as `1.46.000`.
    BadGrouping,
    /// A separator with no digits on one side, such as `,50` or `1467.`.
    MissingDigits,
    /// More than two decimals (finer than one øre); never rounded.
    TooManyDecimals,
    /// Outside the range of [`Dkk`].
    OutOfRange,
    /// A floating-point number in data (JSON/TOML); write the amount as a string.
    Float,
}

impl AmountErrorKind {
    /// The problem as a Danish sentence, for the person who wrote the amount.
    ///
    /// ```
    /// use tryghed_budget::AmountErrorKind;
    ///
    /// assert_eq!(
    ///     AmountErrorKind::TooManyDecimals.message_da(),
    ///     "mere end to decimaler; beløb er hele ører og afrundes aldrig"
    /// );
    /// ```
    pub fn message_da(&self) -> String {
        match self {
            Self::Empty => "der står intet beløb".to_owned(),
            Self::InvalidCharacter(c) => format!(
                "uventet tegn {c:?}; brug cifre, '.' mellem tusinder, ',' før decimaler og evt. 'kr.'"
            ),
            Self::Ambiguous => "tvetydigt: ét '.' efterfulgt af tre cifre kan være tusinder eller decimaler; skriv f.eks. 1467, 1.467 kr., 1.467,00 eller 1,467".to_owned(),
            Self::EnglishGrouping => "engelsk skrivemåde med ',' mellem tusinder bruges ikke; skriv 1.467.000,00 eller 1467000.00".to_owned(),
            Self::BadGrouping => "tusindgrupper efter '.' skal have præcis tre cifre, og den første gruppe et til tre cifre, der ikke begynder med 0".to_owned(),
            Self::MissingDigits => "et skilletegn har ingen cifre på den ene side".to_owned(),
            Self::TooManyDecimals => {
                "mere end to decimaler; beløb er hele ører og afrundes aldrig".to_owned()
            }
            Self::OutOfRange => format!(
                "uden for det mulige interval {} til {}",
                Dkk::MIN.danish(),
                Dkk::MAX.danish()
            ),
            Self::Float => "et decimaltal bruges ikke, fordi det kan være afrundet allerede; skriv beløbet som tekst, f.eks. \"1.467.000,50 kr.\"".to_owned(),
        }
    }
}

impl fmt::Display for AmountErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("no amount given"),
            Self::InvalidCharacter(c) => write!(
                f,
                "unexpected character {c:?}; use digits, '.' for thousands, ',' for decimals and an optional 'kr.'"
            ),
            Self::Ambiguous => f.write_str(
                "ambiguous: a single '.' followed by three digits could be thousands or decimals; \
                 write e.g. 1467, 1.467 kr., 1.467,00 or 1,467",
            ),
            Self::EnglishGrouping => f.write_str(
                "English grouping with ',' between thousands is not accepted; write 1.467.000,00 or 1467000.00",
            ),
            Self::BadGrouping => f.write_str(
                "thousands groups after a '.' must have exactly three digits, and the first group one to three digits not starting with 0",
            ),
            Self::MissingDigits => f.write_str("a separator has no digits on one side"),
            Self::TooManyDecimals => {
                f.write_str("more than two decimals; amounts are whole øre and are never rounded")
            }
            Self::OutOfRange => write!(
                f,
                "outside the supported range {} to {}",
                Dkk::MIN.machine(),
                Dkk::MAX.machine()
            ),
            Self::Float => f.write_str(
                "a floating-point number is not accepted because it may already be rounded; write the amount as a string, e.g. \"1467000.50\"",
            ),
        }
    }
}

impl BudgetError {
    /// The problem as a Danish sentence for the person who wrote the file (the `Display` text
    /// is English and stable for services).
    #[allow(clippy::too_many_lines, reason = "one sentence per variant")]
    pub fn message_da(&self) -> String {
        match self {
            Self::InvalidAmount { input, kind } => {
                format!(
                    "{} er ikke et beløb: {}",
                    quote_da(input),
                    kind.message_da()
                )
            }
            Self::SubOre { value } => format!(
                "beløbet {value} har mere end to decimaler; beløb er hele ører og afrundes aldrig"
            ),
            Self::OutOfRange { value } => format!(
                "beløbet {} er uden for det mulige interval",
                quote_da(value)
            ),
            Self::InvalidId(e) => e.message_da(match e.what() {
                "activity id" => "aktivitets-id",
                "line id" => "budgetlinje-id",
                _ => "id",
            }),
            Self::UnknownLine { year, line } => {
                format!("budgettet for {year} har ingen linje \"{line}\"")
            }
            Self::ActivityFundsNeedAnActivity { line } => format!(
                "linjen \"{line}\" fordeles på aktiviteter; en postering på den skal nævne sin aktivitet (activity)"
            ),
            Self::UnknownActivity { activity } => {
                format!("aktiviteten \"{activity}\" har ingen fordeling af aktivitetsmidlerne")
            }
            Self::DateOutsideYear { date, year } => {
                format!("posteringen den {date} ligger uden for regnskabsåret {year}")
            }
            Self::Overspend {
                activity,
                amount,
                allocated,
                spent,
            } => format!(
                "aktiviteten \"{activity}\": en udgift på {amount} ville bringe forbruget over fordelingen på {allocated} ({spent} er allerede forbrugt); skriv overrun = true, hvis overskridelsen er tilsigtet"
            ),
            Self::LineOverspend {
                line,
                amount,
                funds,
                spent,
            } => format!(
                "linjen \"{line}\": en udgift på {amount} ville bringe forbruget over linjens {funds} ({spent} er allerede forbrugt); skriv overrun = true, hvis overskridelsen er tilsigtet"
            ),
            Self::ReversalTooLarge {
                activity,
                kind,
                amount,
                available,
            } => format!(
                "aktiviteten \"{activity}\": en {} på {amount} er større end de {available}, der kan tilbageføres",
                kind.label_da()
            ),
            Self::LineReversalTooLarge {
                line,
                kind,
                amount,
                available,
            } => format!(
                "linjen \"{line}\": en {} på {amount} er større end de {available}, der kan tilbageføres",
                kind.label_da()
            ),
            Self::NonPositiveTransaction { amount } => format!(
                "beløbet {amount} skal være over nul; brug en tilbageførsel for at gå tilbage"
            ),
            Self::OverrunNotExpenditure { kind, .. }
            | Self::LineOverrunNotExpenditure { kind, .. } => format!(
                "kun en udgift kan være en tilsigtet overskridelse (overrun), ikke en {}",
                kind.label_da()
            ),
            Self::EmptyTransactionText { .. } | Self::EmptyLineTransactionText { .. } => {
                "posteringens tekst (text) er tom".to_owned()
            }
            Self::NegativeAllocation { activity, amount } => {
                format!("fordelingen til aktiviteten \"{activity}\" er negativ ({amount})")
            }
            Self::DuplicateAllocation { activity, .. } => {
                format!("aktiviteten \"{activity}\" er fordelt midler to gange")
            }
            Self::OverAllocation {
                activity,
                amount,
                funds,
                allocated,
                ..
            } => format!(
                "fordelingen af {amount} til aktiviteten \"{activity}\" bringer det fordelte over aktivitetsmidlerne på {funds} ({allocated} er allerede fordelt)"
            ),
            Self::Overflow { .. } => "beløbet er uden for det mulige interval".to_owned(),
            Self::LedgerOutsidePeriod { year, first, last } => {
                format!("regnskabet for {year} ligger uden for aftaleperioden {first}–{last}")
            }
            Self::DuplicateLedgerYear { year } => format!("der er to regnskaber for {year}"),
            Self::LedgerNotOfBudget { year } => format!(
                "regnskabet for {year} bogfører mod andre midler end aftalens budget for {year}"
            ),
            Self::CarryForwardNotAllowed { from } => format!(
                "midler kan ikke overføres {}til et andet år: aftalen giver midlerne »årligt« og nævner ikke overførsel; tryghed læser det sådan, at det ikke kan lade sig gøre (vores læsning)",
                from.map_or_else(String::new, |y| format!("fra {y} "))
            ),
            Self::EmptyLineName { line } => format!("budgetlinjen \"{line}\" har intet navn"),
            Self::NegativeLineAmount { line, amount } => {
                format!("budgetlinjen \"{line}\" har et negativt beløb ({amount})")
            }
            Self::NegativeFte { line, fte } => {
                format!("budgetlinjen \"{line}\" har et negativt antal årsværk ({fte})")
            }
            Self::InvalidFte { input, .. } => format!(
                "{} er ikke et antal årsværk (skriv fx \"1.5\")",
                quote_da(input)
            ),
            Self::NoLines { year } => format!("budgettet for {year} har ingen budgetlinjer"),
            Self::DuplicateLine { year, line } => {
                format!("budgettet for {year} bruger linje-id'et \"{line}\" to gange")
            }
            Self::LineKindCount {
                year,
                kind,
                count,
                expected,
            } => format!(
                "budgettet for {year} har {count} linjer af typen {kind}; der må være {}",
                match *expected {
                    "exactly one" => "præcis én",
                    "at most one" => "højst én",
                    other => other,
                }
            ),
            Self::LinesDoNotSum {
                year, total, sum, ..
            } => format!(
                "budgettet for {year}: linjerne giver {sum}, men det samlede beløb er {total}"
            ),
            Self::NoYears => "budgetperioden skal have mindst ét årsbudget".to_owned(),
            Self::EmptyPeriod { first, last } => {
                format!(
                    "budgetperioden {first}–{last} er tom (det sidste år ligger før det første)"
                )
            }
            Self::PeriodTooLong { first, last, limit } => {
                format!("budgetperioden {first}–{last} er længere end {limit} år")
            }
            Self::DuplicateYear { year } => format!("budgetperioden har året {year} to gange"),
            Self::MissingYear { year, first, last } => {
                format!("budgetperioden {first}–{last} har intet budget for {year}")
            }
            Self::PeriodForm(detail) => format!("budgetperioden kan ikke læses ({detail})"),
            Self::AllocationBelowSpent {
                activity,
                amount,
                needed,
            } => format!(
                "fordelingen på {amount} til aktiviteten \"{activity}\" er mindre end de {needed}, der allerede er brugt eller bundet"
            ),
            Self::EmptyWeights { amount } => {
                format!("{amount} kan ikke fordeles efter en tom liste af vægte")
            }
            Self::ZeroWeights { amount, count } => {
                format!("{amount} kan ikke fordeles: alle {count} vægte er nul")
            }
            Self::UnsupportedYear { year } => {
                format!("året {year} ligger uden for den kalender, der regnes med")
            }
            Self::SummaryDoesNotAddUp {
                field,
                stated,
                computed,
            } => {
                format!("opgørelsen: {field} er angivet som {stated}, men delene giver {computed}")
            }
            Self::NegativeInSummary { field, amount } => {
                format!("opgørelsen: {field} er {amount}, men kan aldrig være negativ")
            }
            Self::Transaction { index, source } => {
                format!("postering nr. {}: {}", index + 1, source.message_da())
            }
        }
    }
}

/// `value` in quotes, cut to 80 characters.
fn quote_da(value: &str) -> String {
    let mut out: String = value.chars().take(80).collect();
    if value.chars().nth(80).is_some() {
        out.push('…');
    }
    format!("\"{out}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static() {
        fn check<E: std::error::Error + Send + Sync + 'static>() {}
        check::<BudgetError>();
    }

    #[test]
    fn float_and_range_messages() {
        let e = BudgetError::InvalidAmount {
            input: "1.5".to_owned(),
            kind: AmountErrorKind::Float,
        };
        assert!(
            e.to_string().contains("write the amount as a string"),
            "{e}"
        );
        let e = Dkk::from_kroner(i64::MAX).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the amount 9223372036854775807 is outside the supported range \
             -92233720368547758.08 to 92233720368547758.07"
        );
    }
}
