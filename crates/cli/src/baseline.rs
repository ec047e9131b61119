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
    after_help = "Eksempler:\n  tryghed baseline --year 2025 --observations observationer-2026.csv\n  tryghed baseline --year 2025 --observations observationer-2026.csv --date 2026-06-15 -o tillaeg-baseline-2025.toml\n\nUddata er ét tillæg ([[amendments]]): føj det til aftalefilen, og brug den med --agreement. Tillægget fører årets antal anmeldelser (og indbyggere, til tallet per 1.000 indbyggere) ind i aftalen og fastlægger hver afventende baseline ud fra dem. -o erstatter aldrig en fil, der findes i forvejen."
)]
pub(crate) struct Args {
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Baselineåret (aftalens »Baseline for 2025«).
    #[arg(long, value_name = "ÅR", value_parser = crate::common::parse_year)]
    year: Year,
    /// Observationer (CSV) med årets antal anmeldelser og indbyggere.
    #[arg(long, value_name = "FIL.csv")]
    observations: PathBuf,
    /// Tillæggets dato, ÅÅÅÅ-MM-DD (standard: i dag); den skal ligge i aftaleperioden.
    #[arg(long, value_name = "DATO", value_parser = crate::common::parse_date)]
    date: Option<NaiveDate>,
    /// Skriv til FIL, som ikke må findes i forvejen, i stedet for standardoutput.
    #[arg(short, long, value_name = "FIL")]
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
            "fejl: aftalens afventende baselines gælder {expected} (»som minimum fastholdes på {expected}-niveau«), ikke {}",
            args.year
        )));
    }
    let observations = read_observations(&agreement, &args.observations)?;
    let date = args.date.unwrap_or_else(today);
    let period = agreement.period();
    if date < period.start() || date > period.end() {
        return Err(CliError::Usage(format!(
            "fejl: tillæggets dato {date} ligger uden for aftaleperioden ({period}); giv datoen for afrapporteringen til Økonomiudvalget med --date"
        )));
    }
    let source = args.observations.file_name().map_or_else(
        || args.observations.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let amendment = agreement
        .baseline_amendment(args.year, date, &observations, &source)
        .map_err(|e| {
            CliError::Invalid(format!(
                "fejl: {}: {}",
                args.observations.display(),
                e.message_da()
            ))
        })?;
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
