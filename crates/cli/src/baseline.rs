//! `tryghed baseline`: the amendment that fixes the agreement's pending 2025 baselines.

use std::path::PathBuf;
use tryghed_agreement::Year;

use chrono::NaiveDate;

use crate::common::{CliError, load_agreement, read_observations, today};
use crate::output::Destination;

/// Write the amendment (tillæg) that fixes the pending baselines from the baseline year's
/// counts: "Baseline for 2025 fastlægges ifm. den første afrapportering til Økonomiudvalget i
/// 2026 og tilføjes partnerskabsaftalen herefter."
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tryghed baseline --year 2025 --observations observationer-2026.csv\n  tryghed baseline --year 2025 --observations observationer-2026.csv --date 2026-06-15 -o tillaeg-baseline-2025.toml\n\nThe output is one [[amendments]] entry: append it to the agreement file and load that with --agreement. It adds the year's counts (and residents, for the rate per 1.000 indbyggere) to the agreement and sets each pending baseline to them. -o never replaces an existing file."
)]
pub(crate) struct Args {
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// The baseline year (the agreement's "Baseline for 2025").
    #[arg(long, value_name = "YEAR")]
    year: Year,
    /// Observations CSV with the year's counts of reports and residents.
    #[arg(long, value_name = "FILE.csv")]
    observations: PathBuf,
    /// The amendment's date (default: today); it must lie in the agreement period.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<NaiveDate>,
    /// Write to FILE, which must not exist yet, instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let destination = Destination::new(
        args.output.as_deref(),
        &[args.agreement.as_deref(), Some(args.observations.as_path())],
    )?
    .new_only()?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let expected = agreement.baseline_year();
    if args.year != expected {
        return Err(CliError::Usage(format!(
            "error: the agreement's pending baselines are for {expected} (\"som minimum fastholdes på {expected}-niveau\"), not {}",
            args.year
        )));
    }
    let observations = read_observations(&agreement, &args.observations)?;
    let date = args.date.unwrap_or_else(today);
    let period = agreement.period();
    if date < period.start() || date > period.end() {
        return Err(CliError::Usage(format!(
            "error: the amendment's date {date} lies outside the agreement period ({period}); give the date of the report to Økonomiudvalget with --date"
        )));
    }
    let source = args.observations.file_name().map_or_else(
        || args.observations.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let amendment = agreement
        .baseline_amendment(args.year, date, &observations, &source)
        .map_err(|e| CliError::Invalid(format!("error: {}: {e}", args.observations.display())))?;
    destination.write(&amendment.to_toml())?;
    // The amendment carries the exact counts: say so when one is below the threshold, since
    // an agreement with its amendments may be published.
    let threshold = tryghed_disclosure::SuppressionThreshold::DEFAULT;
    let small: Vec<String> = amendment
        .observations()
        .iter()
        .filter(|o| !o.indicator().is_residents())
        .filter(|o| matches!(o.value(), tryghed_goals::ObservedValue::Count(n) if threshold.suppresses(n)))
        .map(|o| o.indicator().to_string())
        .collect();
    if !small.is_empty() {
        eprintln!(
            "Bemærk: tillægget har de nøjagtige antal, og {} er under {threshold}. Rapporten viser dem som \"< {threshold}\", men offentliggøres aftalen med tillægget, offentliggøres de nøjagtige tal (fortroligt – ikke til offentliggørelse).",
            small.join(", ")
        );
    }
    Ok(())
}
