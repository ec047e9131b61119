//! `tryghed`: the command-line tool of a Copenhagen safety partnership (tryghedspartnerskab).
//!
//! Every subcommand is a thin layer over a library call that a service could make itself.
//! Exit codes: 0 success, 1 the input is invalid (every problem is listed), 2 usage or I/O error.

mod agreement;
mod baseline;
mod budget;
mod common;
mod count;
mod count_published;
mod goals;
mod help_da;
mod input;
mod locate;
mod meetings;
mod output;
mod pdf;
mod plan;
mod portfolio;
mod published;
mod report;

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// The command line of `tryghed`.
#[derive(Debug, Parser)]
#[command(
    name = "tryghed",
    version,
    about = "Værktøjer til et københavnsk tryghedspartnerskab: aftalen, budgettet, målene, tryghedsplanen, mødeloggen, geografien og den årlige status til Økonomiudvalget.",
    long_about = None,
    after_help = "Afslutningskoder: 0 udført, 1 ugyldige inddata (hvert problem vises), 2 forkert brug eller fejl ved læsning eller skrivning af filer.\n\nUden --agreement bruges den indbyggede aftale for Folehaven Tryghedspartnerskab 2026–2029.\n\nSe hjælpen til en kommando med `tryghed KOMMANDO --help`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One subcommand per job of the project leader.
#[derive(Debug, Subcommand)]
enum Command {
    /// Vis aftalen: parter, organisering, periode, indsatsområder og tillæg.
    Agreement(agreement::Args),
    /// Skriv tillægget, der fastlægger aftalens baseline for 2025 ud fra årets tal.
    Baseline(baseline::Args),
    /// Budgettet pr. år og linje; med --ledger hele budgettet: bevilget, disponeret, forbrugt og fri.
    Budget(budget::Args),
    /// Tæl anmeldelser pr. område, kriminalitetskategori og år i et CSV-udtræk.
    Count(count::Args),
    /// Vurdér hvert mål for et år, med tallene bag hver status.
    Goals(goals::Args),
    /// Tilføj området (eller boligområdet), som hver rækkes punkt ligger i, til en CSV-fil.
    Locate(locate::Args),
    /// Mødeloggen: kontrollér styregruppens og arbejdsgruppens møder mod aftalen, eller start en ny.
    Meetings(meetings::Args),
    /// Tryghedsplanen: kontrollér den mod aftalen, start en ny, eller få et overblik med afvigelser.
    Plan(plan::Args),
    /// Overblik over flere partnerskaber: periode, budget, målsætningernes status og samarbejde.
    Portfolio(portfolio::Args),
    /// Skriv den årlige status til Økonomiudvalget som Markdown, HTML, PDF eller JSON.
    Report(report::Args),
}

/// The command line with every help text in Danish.
fn command() -> clap::Command {
    help_da::danish(Cli::command(), "")
}

fn main() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => match error.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => error.exit(),
            _ => {
                eprint!("{}", help_da::error_da(&error));
                return ExitCode::from(2);
            }
        },
    };
    let result = match cli.command {
        Command::Agreement(args) => agreement::run(&args),
        Command::Baseline(args) => baseline::run(&args),
        Command::Budget(args) => budget::run(&args),
        Command::Count(args) => count::run(&args),
        Command::Goals(args) => goals::run(&args),
        Command::Locate(args) => locate::run(&args),
        Command::Meetings(args) => meetings::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Portfolio(args) => portfolio::run(&args),
        Command::Report(args) => report::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            error.exit_code()
        }
    }
}
