//! Reading a year's ledger file (regnskab) of every budget line, field by field, and checking
//! it against the agreement's budget: every problem with its line and field.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use tryghed_diagnostics::{Diagnostic, Span, Table, TomlReader, Value, quote};
use tryghed_diagnostics::{Severity, render_all};

use crate::{
    ActivityId, AnnualBudget, BudgetError, Dkk, LineId, LineKind, LineTransaction, PeriodBudget,
    Transaction, TransactionKind, Year, YearLedger,
};

const TOP_KEYS: &[&str] = &[
    "year",
    "line",
    "funds",
    "activities",
    "transactions",
    "transaction",
    "carry_forward",
];
const TRANSACTION_KEYS: &[&str] = &[
    "date", "line", "activity", "kind", "amount", "text", "overrun",
];

/// The result of [`check_ledger`]: every problem with its place, and the year's ledger when
/// the whole file could be read and booked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LedgerCheck {
    origin: String,
    valid: bool,
    diagnostics: Vec<Diagnostic>,
    #[cfg_attr(feature = "serde", serde(skip))]
    ledger: Option<YearLedger>,
}

impl LedgerCheck {
    /// Whether no diagnostic is an error.
    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// Every error and warning, in file order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .count()
    }

    /// The year's ledger of every line, when the file has no error.
    pub fn ledger(&self) -> Option<&YearLedger> {
        self.ledger.as_ref()
    }

    /// The ledger, taken out of the check.
    pub fn into_ledger(self) -> Option<YearLedger> {
        self.ledger
    }

    /// Every diagnostic in the style of rustc (Danish), quoting `source`.
    pub fn render(&self, source: &str) -> String {
        render_all(&self.diagnostics, source)
    }
}

/// An amount in kroner: an integer of whole kroner or a text such as "34.750,00 kr.".
fn read_amount(reader: &mut TomlReader<'_>, value: &Value<'_, '_>) -> Option<Dkk> {
    let amount = if let Some(text) = value.as_str() {
        text.parse::<Dkk>().map_err(|e| e.message_da())
    } else if let Some((kroner, _)) = value.as_integer() {
        Dkk::from_kroner(kroner).map_err(|e| e.message_da())
    } else if value.is_float() {
        Err("et beløb kan ikke være et decimaltal, som ikke er præcist til øren; skriv det som tekst, f.eks. \"34.750,50 kr.\"".to_owned())
    } else {
        value.expected(
            reader,
            "et beløb (et heltal af kroner eller en tekst som \"34.750,00 kr.\")",
        );
        return None;
    };
    match amount {
        Ok(amount) => Some(amount),
        Err(message) => {
            reader.error(value.span(), value.path().to_owned(), message);
            None
        }
    }
}

fn read_line_id(
    reader: &mut TomlReader<'_>,
    text: &str,
    span: Span,
    field: String,
) -> Option<LineId> {
    if let Ok(id) = LineId::new(text) {
        Some(id)
    } else {
        reader.error(
            span,
            field,
            format!(
                "{} er ikke et budgetlinje-id (små bogstaver a-z, cifre og '-')",
                quote(text)
            ),
        );
        None
    }
}

fn known_line<'b>(
    reader: &mut TomlReader<'_>,
    budget: &'b AnnualBudget,
    id: &LineId,
    span: Span,
    field: String,
) -> Option<&'b crate::BudgetLine> {
    let line = budget.line(id.as_str());
    if line.is_none() {
        let ids: Vec<&str> = budget.lines().iter().map(|l| l.id().as_str()).collect();
        reader.push(
            Some(span),
            Diagnostic::error(
                field,
                format!("budgettet for {} har ingen linje \"{id}\"", budget.year()),
            )
            .with_help(format!("aftalens linjer er: {}", ids.join(", "))),
        );
    }
    line
}

/// What one `[[transactions]]` table gave, before booking.
struct ReadTransaction {
    line: Option<LineId>,
    activity: Option<(ActivityId, Span)>,
    date: (NaiveDate, Span),
    kind: TransactionKind,
    amount: (Dkk, Span),
    text: String,
    overrun: bool,
    whole: Span,
    path: String,
}

#[allow(clippy::too_many_lines, reason = "one field after the other")]
fn read_transaction(
    reader: &mut TomlReader<'_>,
    table: &Table<'_, '_>,
    year: Option<Year>,
    default_line: Option<&LineId>,
) -> Option<ReadTransaction> {
    let before = reader.len();
    table.deny_unknown(reader, TRANSACTION_KEYS);
    let date = table.date(reader, "date");
    if let (Some((date, span)), Some(year)) = (&date, year)
        && date.year() != year.get()
    {
        reader.push(
            Some(span.clone()),
            Diagnostic::error(
                table.field("date"),
                format!("posteringen den {date} ligger uden for regnskabsåret {year}"),
            )
            .with_help("et regnskab gælder ét år; bogfør posteringen i det års regnskab"),
        );
    }
    let line = table
        .optional_string(reader, "line")
        .and_then(|(text, span)| read_line_id(reader, text, span, table.field("line")));
    let activity = table
        .optional_string(reader, "activity")
        .and_then(|(text, span)| {
            if let Ok(id) = ActivityId::new(text) {
                Some((id, span))
            } else {
                reader.error(
                    span,
                    table.field("activity"),
                    format!(
                        "{} er ikke et aktivitets-id (små bogstaver a-z, cifre og '-')",
                        quote(text)
                    ),
                );
                None
            }
        });
    let kind = table.string(reader, "kind").and_then(|(text, span)| {
        let found = TransactionKind::ALL.into_iter().find(|k| k.as_str() == text);
        if found.is_none() {
            reader.error(
                span,
                table.field("kind"),
                format!(
                    "ukendt art {}; brug \"commitment\" (disponering), \"expenditure\" (udgift), \"commitment_reversal\" eller \"expenditure_reversal\" (tilbageførsler)",
                    quote(text)
                ),
            );
        }
        found
    });
    let amount = match table.get("amount") {
        None => {
            reader.error(table.span(), table.field("amount"), "feltet amount mangler");
            None
        }
        Some(value) => read_amount(reader, &value).and_then(|amount| {
            if amount <= Dkk::ZERO {
                reader.push(
                    Some(value.span()),
                    Diagnostic::error(
                        table.field("amount"),
                        format!("beløbet {amount} skal være over nul"),
                    )
                    .with_help(
                        "en tilbagebetaling er en tilbageførsel: kind = \"expenditure_reversal\"",
                    ),
                );
                None
            } else {
                Some((amount, value.span()))
            }
        }),
    };
    let text = table.string(reader, "text").map(|(t, _)| t.to_owned());
    let overrun = table.optional_bool(reader, "overrun");
    if let (Some((true, span)), Some(kind)) = (&overrun, kind)
        && kind != TransactionKind::Expenditure
    {
        reader.error(
            span.clone(),
            table.field("overrun"),
            format!(
                "kun en udgift kan være en tilsigtet overskridelse (overrun), ikke en {}",
                kind.label_da()
            ),
        );
    }
    let line = line.or_else(|| default_line.cloned());
    if reader.errors_since(before) > 0 {
        return None;
    }
    Some(ReadTransaction {
        line,
        activity,
        date: date?,
        kind: kind?,
        amount: amount?,
        text: text?,
        overrun: overrun.is_some_and(|(o, _)| o),
        whole: table.span(),
        path: table.path().to_owned(),
    })
}

/// Books one read transaction; a refusal is an error at the place that caused it.
fn book(reader: &mut TomlReader<'_>, ledger: &mut YearLedger, read: ReadTransaction) {
    let funds_line = ledger.budget().activity_funds().id().clone();
    let line = match (&read.line, &read.activity) {
        (Some(line), _) => line.clone(),
        (None, Some(_)) => funds_line.clone(),
        (None, None) => {
            let ids: Vec<String> = ledger
                .budget()
                .lines()
                .iter()
                .map(|l| l.id().to_string())
                .collect();
            reader.push(
                Some(read.whole.clone()),
                Diagnostic::error(
                    format!("{}.line", read.path),
                    "posteringen nævner hverken en budgetlinje (line) eller en aktivitet (activity)",
                )
                .with_help(format!("aftalens linjer er: {}", ids.join(", "))),
            );
            return;
        }
    };
    let budget = ledger.budget().clone();
    let Some(budget_line) = known_line(
        reader,
        &budget,
        &line,
        read.whole.clone(),
        format!("{}.line", read.path),
    ) else {
        return;
    };
    let (amount, amount_span) = read.amount;
    let result = if budget_line.kind() == LineKind::ActivityFunds {
        let Some((activity, activity_span)) = read.activity else {
            reader.push(
                Some(read.whole.clone()),
                Diagnostic::error(
                    format!("{}.activity", read.path),
                    format!(
                        "en postering på linjen \"{line}\" skal nævne sin aktivitet (activity)"
                    ),
                )
                .with_help("aktivitetsmidlerne fordeles på tryghedsplanens aktiviteter; skriv activity = \"…\""),
            );
            return;
        };
        let transaction = Transaction::new(read.date.0, activity, read.kind, amount, read.text)
            .and_then(|t| {
                if read.overrun {
                    t.recorded_as_overrun()
                } else {
                    Ok(t)
                }
            });
        let place = |e: &BudgetError| match e {
            BudgetError::UnknownActivity { .. } => (activity_span.clone(), "activity"),
            BudgetError::DateOutsideYear { .. } => (read.date.1.clone(), "date"),
            _ => (amount_span.clone(), "amount"),
        };
        transaction
            .and_then(|t| ledger.record_activity(t))
            .map_err(|e| (place(&e), e))
    } else {
        if let Some((activity, span)) = read.activity {
            reader.push(
                Some(span),
                Diagnostic::error(
                    format!("{}.activity", read.path),
                    format!(
                        "linjen \"{line}\" fordeles ikke på aktiviteter, så posteringen kan ikke nævne aktiviteten \"{activity}\""
                    ),
                ),
            );
            return;
        }
        let transaction =
            LineTransaction::new(read.date.0, read.kind, amount, read.text).and_then(|t| {
                if read.overrun {
                    t.recorded_as_overrun()
                } else {
                    Ok(t)
                }
            });
        transaction
            .and_then(|t| ledger.record_line(&line, t))
            .map_err(|e| {
                let place = if matches!(e, BudgetError::DateOutsideYear { .. }) {
                    (read.date.1.clone(), "date")
                } else {
                    (amount_span.clone(), "amount")
                };
                (place, e)
            })
    };
    if let Err(((span, key), error)) = result {
        reader.error(span, format!("{}.{key}", read.path), error.message_da());
    }
}

/// Reads the year ledger file `text` (named `origin`) and checks it against `budget` (the
/// agreement's budget for its period), listing every problem at once with its line and field.
/// With `year`, the ledger must be for that year (the year of the status report it goes into).
///
/// The format is described in the [ledger format documentation](mod@crate::ledger_format).
/// Errors: the year missing, not a year, outside the period or not `year`; a line the
/// agreement does not have; funds (`funds`) that are not the agreement's for the line; an
/// allocation that is not an amount or takes the activity funds over; a transaction with an
/// unknown key, a value that cannot be read, a date outside the year, an unknown line or
/// allocation, an activity on a line that is not shared out to activities (or none on the
/// activity funds), or an amount the ledger refuses (spending above the allocation without
/// `overrun = true`, a reversal larger than what it reverses); any attempt to carry funds to
/// another year (`carry_forward`). Every transaction is booked in file order; a refused one is
/// reported and the rest are still booked and checked.
///
/// # Examples
///
/// ```
/// use tryghed_budget::{BudgetLine, LineId, LineKind, PeriodBudget, Year, check_ledger};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let lines = vec![
/// #     BudgetLine::new(LineId::new("projektledelse")?, "Projektledelse",
/// #         LineKind::ProjectManagement, "417.000 kr.".parse()?)?,
/// #     BudgetLine::new(LineId::new("aktivitetsmidler")?, "Aktivitetsmidler",
/// #         LineKind::ActivityFunds, "1.050.000 kr.".parse()?)?,
/// # ];
/// # let period = PeriodBudget::uniform(Year::new(2026)?, Year::new(2029)?, "1.467.000 kr.".parse()?, lines)?;
/// let text = r#"
/// year = 2031
/// funds = "9.999.999,00"
/// "#;
/// let check = check_ledger(text, "regnskab.toml", &period, Some(Year::new(2026)?));
/// let lines: Vec<_> = check
///     .diagnostics()
///     .iter()
///     .map(|d| (d.location().map(|l| l.line()), d.message()))
///     .collect();
/// assert_eq!(
///     lines,
///     [
///         (Some(2), "regnskabet er for 2031, uden for aftaleperioden 2026–2029"),
///         (Some(2), "regnskabet er for 2031, men rapporten gælder 2026"),
///     ]
/// );
/// # Ok(())
/// # }
/// ```
#[allow(
    clippy::too_many_lines,
    reason = "one part of the file after the other"
)]
pub fn check_ledger(
    text: &str,
    origin: &str,
    budget: &PeriodBudget,
    year: Option<Year>,
) -> LedgerCheck {
    let mut reader = TomlReader::new(origin, text);
    let Some(document) = reader.parse() else {
        return finish(reader, origin, None);
    };
    let root = document.root();
    root.deny_unknown(&mut reader, TOP_KEYS);
    let file_year = match root.get("year") {
        None => {
            reader.push(
                Some(0..0),
                Diagnostic::error("year", "regnskabets år (year) mangler")
                    .with_help("begynd filen med f.eks. `year = 2026`"),
            );
            None
        }
        Some(value) => value.integer(&mut reader).and_then(|(y, span)| {
            if let Ok(y) = Year::from_i64(y) {
                Some((y, span))
            } else {
                reader.error(
                    span,
                    "year",
                    format!(
                        "{y} er ikke et kalenderår, som tryghed regner med ({}–{})",
                        Year::MIN,
                        Year::MAX
                    ),
                );
                None
            }
        }),
    };
    if let Some(value) = root.get("carry_forward") {
        let from = file_year.as_ref().map(|(y, _)| *y);
        reader.push(
            Some(value.span()),
            Diagnostic::error(
                "carry_forward",
                BudgetError::CarryForwardNotAllowed { from }.message_da(),
            )
            .with_help("aftalens afsnit 5: »1.467.000 kr. årligt i perioden fra 1. januar 2026 til og med 31. december 2029«; hvert år har sine egne midler"),
        );
    }
    let mut annual = None;
    if let Some((y, span)) = &file_year {
        match budget.year(*y) {
            Some(b) => annual = Some(b),
            None => reader.error(
                span.clone(),
                "year",
                format!(
                    "regnskabet er for {y}, uden for aftaleperioden {}–{}",
                    budget.first_year(),
                    budget.last_year()
                ),
            ),
        }
        if let Some(asked) = year
            && asked != *y
        {
            reader.error(
                span.clone(),
                "year",
                format!("regnskabet er for {y}, men rapporten gælder {asked}"),
            );
        }
    }
    let mut ledger = annual.map(YearLedger::new);

    // The legacy single-line form: `line` (the default line) and `funds` (its amount).
    let default_line = root
        .optional_string(&mut reader, "line")
        .and_then(|(text, span)| {
            let id = read_line_id(&mut reader, text, span.clone(), "line".to_owned())?;
            match annual {
                Some(b) => known_line(&mut reader, b, &id, span, "line".to_owned()).map(|_| id),
                None => Some(id),
            }
        });
    if let Some(value) = root.get("funds")
        && let Some(funds) = read_amount(&mut reader, &value)
        && let Some(b) = annual
    {
        let line = default_line
            .as_ref()
            .and_then(|id| b.line(id.as_str()))
            .unwrap_or_else(|| b.activity_funds());
        if funds != line.amount() {
            reader.push(
                Some(value.span()),
                Diagnostic::error(
                    "funds",
                    format!(
                        "regnskabets midler ({funds}) passer ikke med aftalens {} for {} ({})",
                        line.name().to_lowercase(),
                        b.year(),
                        line.amount()
                    ),
                )
                .with_help("midlerne står i aftalen, ét beløb om året; ubrugte midler kan ikke overføres til et andet år (vores læsning: aftalen nævner det ikke); skriv aftalens beløb, eller udelad funds"),
            );
        }
    }

    // Allocations of the activity funds to activities.
    if let Some(table) = root.table(&mut reader, "activities") {
        let entries: Vec<(String, Span)> = table
            .keys()
            .map(|(key, span)| (key.to_owned(), span))
            .collect();
        // File order, so "the allocation that takes the funds over" is the one a reader sees.
        let mut ordered = entries;
        ordered.sort_by_key(|(_, span)| span.start);
        let mut seen = BTreeMap::new();
        for (key, key_span) in ordered {
            let Some(value) = table.get(&key) else {
                continue;
            };
            let Ok(activity) = ActivityId::new(&key) else {
                reader.error(
                    key_span,
                    value.path().to_owned(),
                    format!(
                        "{} er ikke et aktivitets-id (små bogstaver a-z, cifre og '-')",
                        quote(&key)
                    ),
                );
                continue;
            };
            let Some(amount) = read_amount(&mut reader, &value) else {
                continue;
            };
            seen.insert(activity.clone(), amount);
            if let Some(ledger) = ledger.as_mut()
                && let Err(error) = ledger.allocate(activity, amount)
            {
                reader.error(value.span(), value.path().to_owned(), error.message_da());
            }
        }
    }

    // Transactions, booked in file order.
    let plural = root.tables(&mut reader, "transactions");
    let singular = root.tables(&mut reader, "transaction");
    if !plural.is_empty() && !singular.is_empty() {
        reader.error(
            singular.first().map_or(0..0, Table::span),
            "transaction",
            "brug enten [[transactions]] eller [[transaction]] i én fil, ikke begge",
        );
    }
    let the_year = file_year.as_ref().map(|(y, _)| *y);
    for table in plural.iter().chain(singular.iter()) {
        let Some(read) = read_transaction(&mut reader, table, the_year, default_line.as_ref())
        else {
            continue;
        };
        if let Some(ledger) = ledger.as_mut() {
            book(&mut reader, ledger, read);
        }
    }
    let ledger = if reader.has_errors() { None } else { ledger };
    finish(reader, origin, ledger)
}

fn finish(reader: TomlReader<'_>, origin: &str, ledger: Option<YearLedger>) -> LedgerCheck {
    let diagnostics = reader.finish();
    LedgerCheck {
        origin: origin.to_owned(),
        valid: !diagnostics.iter().any(Diagnostic::is_error),
        diagnostics,
        ledger,
    }
}
