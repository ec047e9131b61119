//! `tryghed budget`: the agreement's budget per year and line.

use std::fmt::Write as _;
use std::path::PathBuf;
use tryghed_agreement::Year;

use serde::Serialize;
use tryghed_agreement::Agreement;
use tryghed_budget::{AnnualBudget, Dkk, PeriodBudget};

use crate::common::{CliError, Format, load_agreement, to_json};
use crate::output::Destination;

/// Print the budget per year and line (Danish formatting in text).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tryghed budget\n  tryghed budget --year 2027\n  tryghed budget --format json"
)]
pub(crate) struct Args {
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Only this year (it must be in the agreement's period).
    #[arg(long, value_name = "YEAR")]
    year: Option<Year>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The JSON document: each year's budget, and the totals of the years shown.
#[derive(Serialize)]
struct BudgetDocument<'a> {
    agreement: &'a str,
    years: Vec<&'a AnnualBudget>,
    totals: Totals,
}

#[derive(Serialize)]
struct Totals {
    first_year: Year,
    last_year: Year,
    total: Dkk,
    lines: Vec<LineTotal>,
}

#[derive(Serialize)]
struct LineTotal {
    id: String,
    name: String,
    amount: Dkk,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let destination = Destination::new(args.output.as_deref(), &[args.agreement.as_deref()])?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let budget = agreement.budget();
    let years: Vec<&AnnualBudget> = match args.year {
        Some(year) => vec![budget.year(year).ok_or_else(|| {
            CliError::Invalid(format!(
                "error: {year} is not in the budget of {} ({}–{})",
                agreement.title(),
                budget.first_year(),
                budget.last_year()
            ))
        })?],
        None => budget.years().iter().collect(),
    };
    let totals = totals(budget, &years)?;
    let text = match args.format {
        Format::Json => to_json(&BudgetDocument {
            agreement: agreement.id(),
            years,
            totals,
        })?,
        Format::Text => text(&agreement, &years, &totals),
    };
    destination.write(&text)
}

fn totals(budget: &PeriodBudget, years: &[&AnnualBudget]) -> Result<Totals, CliError> {
    let overflow = |e: tryghed_budget::BudgetError| CliError::Invalid(format!("error: {e}"));
    let total = Dkk::checked_sum(years.iter().map(|y| y.total())).map_err(overflow)?;
    // Line ids in the order of the first year shown; a line missing in a year counts 0.
    let mut lines = Vec::new();
    if let Some(first) = years.first() {
        for line in first.lines() {
            let amount = Dkk::checked_sum(
                years
                    .iter()
                    .filter_map(|y| y.line(line.id().as_str()))
                    .map(tryghed_budget::BudgetLine::amount),
            )
            .map_err(overflow)?;
            lines.push(LineTotal {
                id: line.id().as_str().to_owned(),
                name: line.name().to_owned(),
                amount,
            });
        }
    }
    Ok(Totals {
        first_year: years.first().map_or(budget.first_year(), |y| y.year()),
        last_year: years.last().map_or(budget.last_year(), |y| y.year()),
        total,
        lines,
    })
}

fn text(agreement: &Agreement, years: &[&AnnualBudget], totals: &Totals) -> String {
    let mut out = String::new();
    let title = format!("Budget for {}", agreement.title());
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    let width = 34;
    for year in years {
        let _ = writeln!(out, "\n{}", year.year());
        for line in year.lines() {
            let label = match line.fte() {
                Some(fte) => format!(
                    "{} ({} årsværk)",
                    line.name(),
                    fte.to_string().replace('.', ",")
                ),
                None => line.name().to_owned(),
            };
            let _ = writeln!(out, "  {label:<width$} {:>18}", line.amount().danish());
        }
        let _ = writeln!(out, "  {:<width$} {:>18}", "I alt", year.total().danish());
    }
    if years.len() > 1 {
        let _ = writeln!(
            out,
            "\nHele perioden {}–{}",
            totals.first_year, totals.last_year
        );
        for line in &totals.lines {
            let _ = writeln!(out, "  {:<width$} {:>18}", line.name, line.amount.danish());
        }
        let _ = writeln!(out, "  {:<width$} {:>18}", "I alt", totals.total.danish());
    }
    out
}
