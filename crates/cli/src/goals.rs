//! `tryghed goals`: evaluate every goal of the agreement for a year.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tryghed_agreement::Agreement;
use tryghed_goals::{EvalOptions, GoalEvaluation, Observations, evaluate};

use crate::common::{CliError, Format, load_agreement, to_json};
use crate::output::Destination;

/// Evaluate every goal for a year: met, not met, on track, off track, pending or monitored,
/// with the numbers behind it.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tryghed goals\n  tryghed goals --observations observationer-2026.csv --year 2026\n  tryghed goals --format json\n\nThe observations CSV (columns indicator,area,year,value,respondents) is described in docs/observations.md.\nThe agreement's own figures (Tryghedsundersøgelsen 2025) are always included."
)]
pub(crate) struct Args {
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Observations (survey shares, report counts, residents) in CSV.
    #[arg(long, value_name = "FILE.csv")]
    observations: Option<PathBuf>,
    /// The year to evaluate (default: the latest year with data).
    #[arg(long, value_name = "YEAR")]
    year: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Serialize)]
struct GoalsDocument<'a> {
    agreement: &'a str,
    year: u16,
    goals: Vec<GoalEvaluation>,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let destination = Destination::new(
        args.output.as_deref(),
        &[args.agreement.as_deref(), args.observations.as_deref()],
    )?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let observations = observations(&agreement, args.observations.as_deref())?;
    let year = match args.year {
        Some(year) => year,
        None => observations.latest_year().ok_or_else(|| {
            CliError::Invalid(
                "error: there are no observations; give --year or --observations".to_owned(),
            )
        })?,
    };
    let options = EvalOptions::default();
    let goals: Vec<GoalEvaluation> = agreement
        .goals()
        .iter()
        .map(|goal| evaluate(goal, &observations, year, &options))
        .collect();
    let text = match args.format {
        Format::Json => to_json(&GoalsDocument {
            agreement: agreement.id(),
            year,
            goals,
        })?,
        Format::Text => text(&agreement, year, &goals),
    };
    destination.write(&text)
}

/// The agreement's own figures together with those in `path`.
///
/// A figure in the file that the agreement also gives must agree with it; a different value
/// is an error, never a silent choice between the two. The file may add the number of
/// respondents to a figure that the agreement gives without one (the same share, with its n):
/// that adds to the agreement's figure and contradicts nothing. A row for an indicator that no
/// goal of the agreement has is an error too: it would otherwise be read and then ignored.
pub(crate) fn observations(
    agreement: &Agreement,
    path: Option<&Path>,
) -> Result<Observations, CliError> {
    let Some(path) = path else {
        return Ok(agreement.observations().clone());
    };
    let file = std::fs::File::open(path).map_err(|e| CliError::io(path, &e))?;
    let read = Observations::from_csv_reader(std::io::BufReader::new(file))
        .map_err(|e| CliError::Invalid(format!("error: {}: {e}", path.display())))?;
    agreement
        .merge_observations(&read)
        .map_err(|e| CliError::Invalid(format!("error: {}: {e}", path.display())))
}

fn text(agreement: &Agreement, year: u16, goals: &[GoalEvaluation]) -> String {
    let mut out = String::new();
    let title = format!("Målsætninger for {}: status for {year}", agreement.title());
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    for (i, goal) in goals.iter().enumerate() {
        let _ = writeln!(out, "\n{}. {}", i + 1, goal.title());
        let _ = writeln!(out, "   Status: {}", goal.status());
        for indicator in goal.indicators() {
            let _ = writeln!(out, "   - {}", indicator.explanation());
        }
    }
    out
}
