//! `tryghed budget`: the agreement's budget per year and line and, with the year ledgers, the
//! whole budget: allocated, committed, spent and free per line and year.

use std::fmt::Write as _;
use std::path::PathBuf;
use tryghed_agreement::Year;

use serde::Serialize;
use tryghed_agreement::Agreement;
use tryghed_budget::{
    AnnualBudget, BudgetOverview, Dkk, LineTotals, LineUse, PeriodBudget, YearLedger, YearUse,
    check_ledger,
};

use crate::common::{CliError, Format, load_agreement, read_text, to_json};
use crate::output::Destination;

/// Budgettet pr. år og linje, og med regnskaber hele budgettet: bevilget, disponeret, forbrugt
/// og fri pr. linje og år.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Med --ledger (et eller flere års regnskaber) vises hele budgettet for perioden: pr. linje og år det bevilgede, det disponerede (lovet, men ikke betalt), det forbrugte og det frie. Et år uden regnskab står med alt frit. Midler kan ikke overføres mellem år (aftalen nævner det ikke; det er vores læsning).\n\nEksempler:\n  tryghed budget\n  tryghed budget --year 2027\n  tryghed budget --ledger regnskab-2026.toml --ledger regnskab-2027.toml\n  tryghed budget --format json"
)]
pub(crate) struct Args {
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Kun dette år (det skal ligge i aftaleperioden).
    #[arg(long, value_name = "ÅR")]
    year: Option<Year>,
    /// Et års regnskab (TOML, begge linjer); kan gives flere gange, ét pr. år.
    #[arg(long, value_name = "FIL")]
    ledger: Vec<PathBuf>,
    /// Uddataformat: text (standard; til mennesker) eller json (til tjenester).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Skriv til FIL i stedet for standard-output.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

/// The JSON document without ledgers: each year's budget, and the totals of the years shown.
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

/// The JSON document with ledgers: the whole budget.
#[derive(Serialize)]
struct OverviewDocument<'a> {
    agreement: &'a str,
    ledgers: Vec<String>,
    overview: &'a BudgetOverview,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let inputs: Vec<Option<&std::path::Path>> = std::iter::once(args.agreement.as_deref())
        .chain(args.ledger.iter().map(|p| Some(p.as_path())))
        .collect();
    let destination = Destination::new(args.output.as_deref(), &inputs)?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let budget = agreement.budget();
    if let Some(year) = args.year
        && budget.year(year).is_none()
    {
        return Err(CliError::Invalid(format!(
            "fejl: {year} ligger ikke i budgettet for {} ({}–{})",
            agreement.title(),
            budget.first_year(),
            budget.last_year()
        )));
    }
    if !args.ledger.is_empty() {
        return overview(args, &agreement, &destination);
    }
    let years: Vec<&AnnualBudget> = match args.year {
        Some(year) => budget.year(year).into_iter().collect(),
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

/// Reads every ledger (all problems of all files are listed) and shows the whole budget.
fn overview(args: &Args, agreement: &Agreement, destination: &Destination) -> Result<(), CliError> {
    let mut ledgers: Vec<YearLedger> = Vec::new();
    let mut problems = Vec::new();
    for path in &args.ledger {
        let text = read_text(path)?;
        let checked = check_ledger(&text, &path.display().to_string(), agreement.budget(), None);
        if checked.is_valid()
            && let Some(ledger) = checked.ledger()
        {
            ledgers.push(ledger.clone());
        } else {
            problems.push(checked.render(&text).trim_end().to_owned());
        }
    }
    if !problems.is_empty() {
        return Err(CliError::Invalid(problems.join("\n\n")));
    }
    let overview = BudgetOverview::new(agreement.budget(), &ledgers)
        .map_err(|e| CliError::Invalid(format!("fejl: {}", e.message_da())))?;
    let names: Vec<String> = args
        .ledger
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let text = match args.format {
        Format::Json => to_json(&OverviewDocument {
            agreement: agreement.id(),
            ledgers: names,
            overview: &overview,
        })?,
        Format::Text => overview_text(agreement, &overview, &ledgers, args),
    };
    destination.write(&text)
}

const LABEL: usize = 30;
const AMOUNT: usize = 17;

fn amount_row(out: &mut String, label: &str, t: (Dkk, Dkk, Dkk, Dkk), over: bool) {
    let _ = writeln!(
        out,
        "  {label:<LABEL$} {:>AMOUNT$} {:>AMOUNT$} {:>AMOUNT$} {:>AMOUNT$}{}",
        t.0.danish(),
        t.1.danish(),
        t.2.danish(),
        t.3.danish(),
        if over { "  OVERSKREDET" } else { "" }
    );
}

fn header(out: &mut String) {
    let _ = writeln!(
        out,
        "  {:<LABEL$} {:>AMOUNT$} {:>AMOUNT$} {:>AMOUNT$} {:>AMOUNT$}",
        "", "Bevilget", "Disponeret", "Forbrugt", "Fri"
    );
}

fn line_row(out: &mut String, line: &LineUse) {
    amount_row(
        out,
        line.name(),
        (
            line.allocated(),
            line.committed(),
            line.spent(),
            line.free(),
        ),
        line.is_over(),
    );
}

fn totals_row(out: &mut String, t: LineTotals) {
    amount_row(
        out,
        "I alt",
        (t.allocated(), t.committed(), t.spent(), t.free()),
        t.free().is_negative(),
    );
}

fn year_block(out: &mut String, year: &YearUse, source: Option<&str>) {
    let note = match source {
        Some(name) => format!("regnskab: {name}"),
        None => "intet regnskab givet: intet disponeret eller forbrugt".to_owned(),
    };
    let _ = writeln!(out, "\n{} ({note})", year.year());
    header(out);
    for line in year.lines() {
        line_row(out, line);
    }
    totals_row(out, year.total());
    for line in year.lines() {
        if let Some(distributed) = line.distributed()
            && year.is_booked()
        {
            let _ = writeln!(
                out,
                "  {} fordelt på aktiviteter: {}",
                line.name(),
                distributed.danish()
            );
        }
    }
}

fn overview_text(
    agreement: &Agreement,
    overview: &BudgetOverview,
    ledgers: &[YearLedger],
    args: &Args,
) -> String {
    let mut out = String::new();
    let title = format!("Hele budgettet for {}", agreement.title());
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    let _ = writeln!(
        out,
        "Disponeret: lovet, men ikke betalt. Fri: hverken disponeret eller forbrugt."
    );
    let source = |year: Year| {
        ledgers
            .iter()
            .position(|l| l.year() == year)
            .and_then(|i| args.ledger.get(i))
            .map(|p| p.display().to_string())
    };
    for year in overview.years() {
        if args.year.is_some_and(|y| y != year.year()) {
            continue;
        }
        year_block(&mut out, year, source(year.year()).as_deref());
    }
    if args.year.is_none() {
        let _ = writeln!(
            out,
            "\nHele perioden {}–{}",
            overview.first_year(),
            overview.last_year()
        );
        header(&mut out);
        for line in overview.lines() {
            line_row(&mut out, line);
        }
        totals_row(&mut out, overview.total());
    }
    let _ = writeln!(
        out,
        "\nUbrugte midler overføres ikke til næste år: aftalen giver midlerne årligt og nævner ikke overførsel (vores læsning)."
    );
    out
}

fn totals(budget: &PeriodBudget, years: &[&AnnualBudget]) -> Result<Totals, CliError> {
    let overflow =
        |e: tryghed_budget::BudgetError| CliError::Invalid(format!("fejl: {}", e.message_da()));
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
