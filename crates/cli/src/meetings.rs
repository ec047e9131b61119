//! `tryghed meetings`: check the year's meeting log against the agreement's organisation, and
//! start a new one.

use std::fmt::Write as _;
use std::path::PathBuf;
use tryghed_agreement::Year;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use tryghed_meetings::{
    BodySummary, CheckOptions, MeetingsSummary, YearState, check_meetings, skeleton,
};

use crate::common::{CliError, Format, danish_date, load_agreement, read_text, to_json, today};
use crate::output::Destination;

/// Mødeloggen: styregruppens og arbejdsgruppens møder.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: MeetingsCommand,
}

#[derive(Debug, Subcommand)]
enum MeetingsCommand {
    /// Kontrollér en mødelog mod aftalens organisering, og vis hvert problem med linje og felt.
    Check(CheckArgs),
    /// Skriv en tom mødelog med danske kommentarer, aftalens regler og parternes id'er.
    New(NewArgs),
}

/// Kontrollér en mødelog mod aftalens organisering.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Afslutningskoder: 0 mødeloggen overholder aftalens organisering (advarsler er tilladt), 1 den gør ikke (hvert problem vises), 2 forkert brug eller fejl ved læsning af filer.\n\nEt møde med en dato efter kontroldagen tæller som planlagt. Et år, der ikke er slut, kan endnu ikke have for få møder; det er først en fejl, når året er gået.\n\nEksempler:\n  tryghed meetings check møder-2026.toml\n  tryghed meetings check møder-2026.toml --year 2026 --format json\n  tryghed meetings check møder-2026.toml --as-of 2027-01-15"
)]
struct CheckArgs {
    /// Mødeloggen (TOML; formatet er beskrevet i tryghed-meetings' dokumentation).
    #[arg(value_name = "FIL")]
    file: PathBuf,
    /// Året, mødeloggen skal gælde (standard: filens eget år).
    #[arg(long, value_name = "ÅR")]
    year: Option<Year>,
    /// Kontroldagen, ÅÅÅÅ-MM-DD: møder til og med den er holdt (standard: i dag).
    #[arg(long, value_name = "DATO", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Uddataformat: text (standard; til mennesker) eller json (til tjenester).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Skriv en tom mødelog.
#[derive(Debug, clap::Args)]
#[command(after_help = "Eksempler:\n  tryghed meetings new --year 2027 -o møder-2027.toml")]
struct NewArgs {
    /// Mødeloggens år (standard: i år); det skal ligge i aftaleperioden.
    #[arg(long, value_name = "ÅR")]
    year: Option<Year>,
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Skriv til FIL (som ikke må findes i forvejen) i stedet for standard-output.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    tryghed_diagnostics::parse_date_da(text)
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    match &args.command {
        MeetingsCommand::Check(args) => check(args),
        MeetingsCommand::New(args) => new(args),
    }
}

fn check(args: &CheckArgs) -> Result<(), CliError> {
    let agreement = load_agreement(args.agreement.as_deref())?;
    let text = read_text(&args.file)?;
    let origin = args.file.display().to_string();
    let mut options = CheckOptions::new(args.as_of.unwrap_or_else(today));
    if let Some(year) = args.year {
        options = options.for_year(year);
    }
    let checked = check_meetings(&text, &origin, agreement.meeting_context(), options);
    match args.format {
        Format::Json => {
            Destination::new(None, &[])?.write(&to_json(&checked)?)?;
            if checked.is_valid() {
                Ok(())
            } else {
                Err(CliError::Invalid(format!(
                    "fejl: {origin} overholder ikke aftalens organisering ({} fejl)",
                    checked.error_count()
                )))
            }
        }
        Format::Text => {
            let mut out = checked.render(&text);
            if let Some(summary) = checked.summary() {
                out.push('\n');
                out.push_str(&summary_text(summary));
            }
            if checked.is_valid() {
                Destination::new(None, &[])?.write(&out)
            } else {
                Err(CliError::Invalid(out.trim_end().to_owned()))
            }
        }
    }
}

/// The year's meetings per body, for people.
fn summary_text(summary: &MeetingsSummary) -> String {
    let mut out = String::new();
    let state = match summary.state() {
        YearState::NotBegun => "året er ikke begyndt",
        YearState::UnderWay => "året er ikke slut",
        _ => "året er slut",
    };
    let _ = writeln!(
        out,
        "Møder i {} (kontrolleret {}; {state}):",
        summary.year(),
        danish_date(summary.as_of())
    );
    for body in summary.bodies() {
        let _ = writeln!(out, "  {}", body_line(body));
    }
    out
}

fn body_line(body: &BodySummary) -> String {
    let rule = match (body.min_per_year(), body.max_per_year()) {
        (Some(min), Some(max)) if min == max => format!("{min} om året"),
        (Some(min), Some(max)) => format!("{min}-{max} om året"),
        (Some(min), None) => format!("mindst {min} om året"),
        (None, _) => "ingen regel".to_owned(),
    };
    let represented = body
        .attendance()
        .iter()
        .filter(|a| a.is_required() && a.meetings() > 0)
        .count();
    let required = body.attendance().iter().filter(|a| a.is_required()).count();
    let mut line = format!(
        "{}: {} holdt, {} planlagt; {rule}: {}",
        body.name(),
        body.held(),
        body.planned(),
        body.cadence().label_da()
    );
    if required > 0 {
        let _ = write!(
            line,
            "; {represented} af {required} parter har været repræsenteret"
        );
    }
    line
}

fn new(args: &NewArgs) -> Result<(), CliError> {
    let destination =
        Destination::new(args.output.as_deref(), &[args.agreement.as_deref()])?.new_only()?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let context = agreement.meeting_context();
    let outside = |year: &dyn std::fmt::Display| {
        CliError::Usage(format!(
            "fejl: {year} ligger uden for aftaleperioden {}–{}; vælg et år med --year",
            context.first_year(),
            context.last_year()
        ))
    };
    let year = if let Some(year) = args.year {
        year
    } else {
        let this_year = today().year();
        Year::new(this_year).map_err(|_| outside(&this_year))?
    };
    let text = skeleton(year, context).map_err(|_| outside(&year))?;
    destination.write(&text)
}
