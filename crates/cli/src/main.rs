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

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

/// The command line of `tryghed`.
#[derive(Debug, Parser)]
#[command(
    name = "tryghed",
    version,
    about = "Tools for a Copenhagen safety partnership (tryghedspartnerskab): the agreement, its budget, goals, plan, geography and the annual status report.",
    long_about = None,
    after_help = "Exit codes: 0 success, 1 invalid input (all problems are listed), 2 usage or I/O error.\n\nWith no --agreement the embedded Folehaven Tryghedspartnerskab 2026–2029 is used."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// One subcommand per job of the project leader.
#[derive(Debug, Subcommand)]
enum Command {
    /// Print the agreement: parties, organisation, period, focus areas and amendments.
    Agreement(agreement::Args),
    /// Write the amendment that fixes the pending 2025 baselines from the year's counts.
    Baseline(baseline::Args),
    /// Budgettet pr. år og linje; med --ledger hele budgettet: bevilget, disponeret, forbrugt og fri.
    Budget(budget::Args),
    /// Count police reports per area, crime category and year from a CSV extract.
    Count(count::Args),
    /// Evaluate every goal for a year, with the numbers behind each status.
    Goals(goals::Args),
    /// Add the area (or estate) containing each row's point to a CSV file, streaming.
    Locate(locate::Args),
    /// Mødeloggen: kontrollér styregruppens og arbejdsgruppens møder mod aftalen, eller start en ny.
    Meetings(meetings::Args),
    /// Tryghedsplanen: kontrollér den mod aftalen, start en ny, eller få et overblik med afvigelser.
    Plan(plan::Args),
    /// Overblik over flere partnerskaber: periode, budget, målsætningernes status og samarbejde.
    Portfolio(portfolio::Args),
    /// Write the annual status for Økonomiudvalget as Markdown, HTML or JSON.
    Report(report::Args),
}

/// The command line with the swept subcommands' help in Danish.
fn command() -> clap::Command {
    let mut command = Cli::command();
    for name in help_da::SWEPT {
        command = command.mut_subcommand(name, |sub| help_da::danish(sub, "tryghed"));
    }
    command
}

fn main() -> ExitCode {
    let cli = match Cli::from_arg_matches(&command().get_matches()) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
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
