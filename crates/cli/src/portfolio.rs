//! `tryghed portfolio`: the office's overview of several partnerships, one row each, from
//! the same published evaluation as `tryghed report`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Serialize;
use tryghed_agreement::{Agreement, Year};
use tryghed_goals::Source;
use tryghed_report::{Figure, ReportBuilder, ReportOptions, StatusReport};

use crate::common::{CliError, load_agreement, read_observations, to_json};
use crate::output::Destination;

/// Output formats of `tryghed portfolio`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum PortfolioFormat {
    /// En Markdown-tabel.
    #[default]
    Md,
    /// En selvstændig HTML-side.
    Html,
    /// JSON til andre systemer.
    Json,
}

/// Overblik over flere partnerskaber: én række pr. aftale med periode, budget, hver
/// målsætnings status for det seneste år og andelen af aktiviteter med to eller flere
/// samarbejdspartnere.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Eksempler:\n  tryghed portfolio --embedded examples/eksempel-partnerskab-ryparken.toml\n  tryghed portfolio --embedded examples/eksempel-partnerskab-ryparken.toml --year 2026 --observations examples/synthetic-observationer-2026.csv --observations examples/eksempel-ryparken-observationer-2026.csv\n  tryghed portfolio a.toml b.toml --observations a-2026.csv --observations b-2026.csv --format html -o overblik.html\n\nStatus følger samme vurdering som tryghed report, i den offentliggjorte form: et antal anmeldelser vises aldrig, og en status, der ville afsløre et lille antal, vises som \"ikke vist\"."
)]
pub(crate) struct Args {
    /// Aftalefiler (TOML), én række hver.
    #[arg(value_name = "AFTALE.toml")]
    agreements: Vec<PathBuf>,
    /// Tag den indlejrede aftale med som første række.
    #[arg(long)]
    embedded: bool,
    /// Observationer (CSV) til rækkerne, én pr. række i rækkernes rækkefølge (eller ingen).
    #[arg(long, value_name = "FIL.csv")]
    observations: Vec<PathBuf>,
    /// Rapportåret for alle rækker (Tryghedsundersøgelsens år; kriminaliteten året før).
    /// Standard: for hver række det seneste år, dens observationer når (som i tryghed report).
    #[arg(long, value_name = "ÅR", value_parser = crate::common::parse_year)]
    year: Option<Year>,
    /// Antal anmeldelser under N vises aldrig, heller ikke gennem en status (som i tryghed
    /// report). Mindst 3; standard 5.
    #[arg(long, value_name = "N", default_value = "5", value_parser = crate::common::parse_threshold)]
    suppression_threshold: tryghed_disclosure::SuppressionThreshold,
    /// Uddataformat: md (standard; en Markdown-tabel), html (en selvstændig HTML-side) eller
    /// json (til andre systemer).
    #[arg(long, value_enum, default_value_t)]
    format: PortfolioFormat,
    /// Skriv til FIL i stedet for standardoutput.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

/// One partnership's row.
#[derive(Debug, Serialize)]
struct Row {
    agreement: String,
    title: String,
    /// Made from example or synthetic inputs (the report's `example`).
    example: bool,
    first_year: Year,
    last_year: Year,
    /// The budget of each year of the period.
    budget: Vec<YearBudget>,
    /// The year of the statuses (the report's year).
    year: Year,
    goals: Vec<GoalStatus>,
    collaboration: Collaboration,
}

#[derive(Debug, Serialize)]
struct YearBudget {
    year: Year,
    /// Machine form, e.g. `1467000.00`.
    total: String,
}

#[derive(Debug, Serialize)]
struct GoalStatus {
    goal: String,
    title: String,
    /// `opfyldt`, `ikke opfyldt`, `på rette vej`, `ikke på rette vej`, `afventer`,
    /// `monitoreres` or `ikke vist`.
    status: &'static str,
}

/// The share of the plan's activities with two or more partners, as the report has it.
#[derive(Debug, Serialize)]
struct Collaboration {
    /// The share as a decimal fraction (`0.8`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    share: Option<String>,
    /// The same in Danish, e.g. `80 %`, or `ukendt`.
    text: String,
}

#[derive(Serialize)]
struct Document<'a> {
    suppression_threshold: u64,
    partnerships: &'a [Row],
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let mut inputs: Vec<Option<&Path>> =
        args.agreements.iter().map(|p| Some(p.as_path())).collect();
    inputs.extend(args.observations.iter().map(|p| Some(p.as_path())));
    let destination = Destination::new(args.output.as_deref(), &inputs)?;
    let mut sources: Vec<Option<&Path>> = Vec::new();
    if args.embedded {
        sources.push(None);
    }
    sources.extend(args.agreements.iter().map(|p| Some(p.as_path())));
    if sources.is_empty() {
        return Err(CliError::Usage(
            "fejl: angiv mindst én aftalefil, eller --embedded for den indlejrede aftale".into(),
        ));
    }
    if !args.observations.is_empty() && args.observations.len() != sources.len() {
        return Err(CliError::Usage(format!(
            "fejl: {} observationsfiler til {} rækker; giv én --observations pr. række i rækkernes rækkefølge, eller ingen",
            args.observations.len(),
            sources.len()
        )));
    }
    let mut rows = Vec::with_capacity(sources.len());
    for (i, source) in sources.iter().enumerate() {
        let agreement = load_agreement(*source)?;
        crate::common::protect_area_files(args.output.as_deref(), &agreement)?;
        let observations = args.observations.get(i);
        rows.push(row(&agreement, *source, observations, args)?);
    }
    let text = match args.format {
        PortfolioFormat::Json => to_json(&Document {
            suppression_threshold: args.suppression_threshold.get(),
            partnerships: &rows,
        })?,
        PortfolioFormat::Md => markdown(&rows),
        PortfolioFormat::Html => html(&rows),
    };
    destination.write(&text)
}

/// The published status report of one agreement, read into a row.
fn row(
    agreement: &Agreement,
    source: Option<&Path>,
    observations: Option<&PathBuf>,
    args: &Args,
) -> Result<Row, CliError> {
    let options = ReportOptions::default().with_suppression_threshold(args.suppression_threshold);
    let mut builder = ReportBuilder::new(agreement).options(options);
    if let Some(year) = args.year {
        crate::common::check_report_year(agreement, year)?;
        builder = builder.year(year);
    }
    for path in source.into_iter().chain(observations.map(PathBuf::as_path)) {
        let name = file_name(path);
        if tryghed_report::is_example_marker(&name) {
            builder = builder.example(name);
        }
    }
    if let Some(path) = observations {
        builder = builder.observations(read_observations(agreement, path)?, Some(file_name(path)));
    }
    let report = builder.build().map_err(|e| {
        let place = observations.map(PathBuf::as_path).or(source).map_or_else(
            || "den indlejrede aftale".to_owned(),
            |p| p.display().to_string(),
        );
        CliError::Invalid(format!("fejl: {place}: {}", e.message_da()))
    })?;
    Ok(Row {
        agreement: agreement.id().to_owned(),
        title: agreement.title().to_owned(),
        example: report.example().is_some(),
        first_year: agreement.period().first_year(),
        last_year: agreement.period().last_year(),
        budget: agreement
            .budget()
            .years()
            .iter()
            .map(|y| YearBudget {
                year: y.year(),
                total: format!("{:#}", y.total()),
            })
            .collect(),
        year: *report.year(),
        goals: report
            .summary()
            .iter()
            .map(|s| GoalStatus {
                goal: s.goal().to_owned(),
                title: s.title().to_owned(),
                status: s.status().label(),
            })
            .collect(),
        collaboration: collaboration(agreement, &report),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The collaboration share the report gives: from the goals table's plan indicator, else the
/// plan section's count.
fn collaboration(agreement: &Agreement, report: &StatusReport) -> Collaboration {
    let plan_indicators: Vec<&str> = agreement
        .goals()
        .iter()
        .flat_map(tryghed_goals::Goal::indicators)
        .map(tryghed_goals::GoalIndicator::indicator)
        .filter(|i| i.source() == Source::Tryghedsplan)
        .map(|i| i.id().as_str())
        .collect();
    let share = report
        .goals()
        .iter()
        .filter(|g| plan_indicators.contains(&g.indicator()))
        .find_map(|g| match g.value() {
            Some(Figure::Share { fraction }) => Some(*fraction),
            _ => None,
        })
        .or_else(|| {
            let c = report.collaboration().as_ref()?;
            let (multi, total) = ((*c.multi_partner())?, (*c.total())?);
            (total > 0).then(|| {
                tryghed_budget::Decimal::from(multi) / tryghed_budget::Decimal::from(total)
            })
        });
    match share {
        Some(fraction) => {
            let percent = (fraction * tryghed_budget::Decimal::ONE_HUNDRED).round_dp(0);
            Collaboration {
                share: Some(fraction.normalize().to_string()),
                text: format!("{percent} %"),
            }
        }
        None => Collaboration {
            share: None,
            text: "ukendt".into(),
        },
    }
}

/// `1.467.000,00 kr. om året`, or the years one by one when they differ.
fn budget_text(row: &Row) -> String {
    let Some(first) = row.budget.first() else {
        return "ukendt".into();
    };
    let danish = |machine: &str| {
        machine
            .parse::<tryghed_budget::Decimal>()
            .ok()
            .and_then(|d| tryghed_budget::Dkk::try_from(d).ok())
            .map_or_else(|| machine.to_owned(), |d| d.to_string())
    };
    if row.budget.iter().all(|y| y.total == first.total) {
        format!("{} om året", danish(&first.total))
    } else {
        row.budget
            .iter()
            .map(|y| format!("{}: {}", y.year, danish(&y.total)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn goals_text(row: &Row, separator: &str) -> String {
    row.goals
        .iter()
        .enumerate()
        .map(|(i, g)| format!("{}. {}", i + 1, g.status))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `|` and line breaks would break a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn markdown(rows: &[Row]) -> String {
    let mut out = String::from("# Overblik over tryghedspartnerskaberne\n\n");
    out.push_str(
        "Én række pr. partnerskab: aftaleperioden, budgettet, hver målsætnings status for rapportens år (samme vurdering som den årlige status, i den offentliggjorte form) og andelen af tryghedsplanens aktiviteter med to eller flere samarbejdspartnere.\n\n",
    );
    out.push_str("| Partnerskab | Periode | Budget | År | Målsætninger | Samarbejde |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for row in rows {
        let _ = writeln!(
            out,
            "| {}{} | {}–{} | {} | {} | {} | {} |",
            cell(&row.title),
            if row.example { " (eksempel)" } else { "" },
            row.first_year,
            row.last_year,
            cell(&budget_text(row)),
            row.year,
            cell(&goals_text(row, "; ")),
            cell(&row.collaboration.text)
        );
    }
    out.push_str("\n## Målsætningerne\n");
    for row in rows {
        let _ = writeln!(out, "\n**{}**\n", row.title);
        for (i, g) in row.goals.iter().enumerate() {
            let _ = writeln!(out, "{}. {}: {}", i + 1, g.title, g.status);
        }
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn html(rows: &[Row]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Overblik over tryghedspartnerskaberne</title>\n<style>\nbody { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1a1a1a; max-width: 70rem; }\n.wide { overflow-x: auto; }\ntable { border-collapse: collapse; width: 100%; }\nth, td { border: 1px solid #c8ced8; padding: .4rem .6rem; text-align: left; vertical-align: top; }\nth { background: #eef2f7; }\nul { margin: 0; padding-left: 1.1rem; }\n@media print { .wide { overflow: visible; } tr { break-inside: avoid; } }\n</style>\n</head>\n<body>\n<h1>Overblik over tryghedspartnerskaberne</h1>\n<p>Én række pr. partnerskab: aftaleperioden, budgettet, hver målsætnings status for rapportens år (samme vurdering som den årlige status, i den offentliggjorte form) og andelen af tryghedsplanens aktiviteter med to eller flere samarbejdspartnere.</p>\n<div class=\"wide\">\n<table>\n<caption>Partnerskaberne</caption>\n<thead><tr><th scope=\"col\">Partnerskab</th><th scope=\"col\">Periode</th><th scope=\"col\">Budget</th><th scope=\"col\">År</th><th scope=\"col\">Målsætninger</th><th scope=\"col\">Samarbejde</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let mut goals = String::new();
        for g in &row.goals {
            let _ = write!(goals, "<li>{}: {}</li>", escape(&g.title), escape(g.status));
        }
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}{}</th><td>{}–{}</td><td>{}</td><td>{}</td><td><ul>{goals}</ul></td><td>{}</td></tr>",
            escape(&row.title),
            if row.example { " (eksempel)" } else { "" },
            row.first_year,
            row.last_year,
            escape(&budget_text(row)),
            row.year,
            escape(&row.collaboration.text)
        );
    }
    out.push_str("</tbody>\n</table>\n</div>\n</body>\n</html>\n");
    out
}
