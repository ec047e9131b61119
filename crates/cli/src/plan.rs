//! `tryghed plan`: check a yearly tryghedsplan against the agreement, start a new one, and
//! sum a plan and its follow-up up.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tryghed_agreement::Year;

use clap::Subcommand;
use serde::Serialize;
use tryghed_agreement::Agreement;
use tryghed_plan::{
    FollowUpSummary, PlanCheck, PlanContext, PlanSummary, Tally, check_follow_up, check_plan,
    skeleton,
};

use crate::common::{CliError, Format, load_agreement, to_json};
use crate::output::Destination;

/// The yearly tryghedsplan: check it, start one, sum it up.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    /// Check a plan against the agreement and list every problem with its line.
    Check(CheckArgs),
    /// Write a commented, empty plan for a year, with the agreement's focus areas and parties.
    New(NewArgs),
    /// Sum a plan up: activities per focus area, budget use, collaboration, deliverables.
    Summary(SummaryArgs),
}

/// Check a plan against the agreement.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the plan keeps the agreement (warnings allowed), 1 it does not (every problem is listed), 2 usage or I/O error.\n\nExamples:\n  tryghed plan check tryghedsplan-2026.toml\n  tryghed plan check tryghedsplan-2026.toml --format json"
)]
struct CheckArgs {
    /// The plan file (TOML; see docs/plan-format.md).
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Write a skeleton plan.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tryghed plan new --year 2027 -o tryghedsplan-2027.toml")]
struct NewArgs {
    /// The plan's year (it must be in the agreement period).
    #[arg(long, value_name = "YEAR")]
    year: Year,
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Write to FILE (which must not exist yet) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Sum a plan (and its follow-up) up.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tryghed plan summary tryghedsplan-2026.toml\n  tryghed plan summary tryghedsplan-2026.toml --follow-up opfoelgning-2026.toml --format json"
)]
struct SummaryArgs {
    /// The plan file (TOML).
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// The year's follow-up file (TOML): what became of each deliverable.
    #[arg(long, value_name = "FILE")]
    follow_up: Option<PathBuf>,
    /// An agreement file in TOML (default: the embedded Folehaven agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    match &args.command {
        PlanCommand::Check(args) => check(args),
        PlanCommand::New(args) => new(args),
        PlanCommand::Summary(args) => summary(args),
    }
}

fn read(path: &Path) -> Result<String, CliError> {
    crate::common::read_text(path)
}

fn context(agreement: &Agreement) -> PlanContext {
    agreement.plan_context()
}

fn check(args: &CheckArgs) -> Result<(), CliError> {
    let agreement = load_agreement(args.agreement.as_deref())?;
    let text = read(&args.plan)?;
    let origin = args.plan.display().to_string();
    let context = context(&agreement);
    let checked = check_plan(&text, &origin, &context);
    match args.format {
        Format::Json => {
            Destination::new(None, &[])?.write(&to_json(&checked)?)?;
            if checked.is_valid() {
                Ok(())
            } else {
                Err(CliError::Invalid(format!(
                    "error: {origin} does not keep the agreement ({} errors)",
                    checked.error_count()
                )))
            }
        }
        Format::Text => {
            let mut out = checked.render(&text);
            out.push_str(&figures(&checked));
            if checked.is_valid() {
                Destination::new(None, &[])?.write(&out)
            } else {
                Err(CliError::Invalid(out.trim_end().to_owned()))
            }
        }
    }
}

/// The budget and collaboration lines after the diagnostics.
fn figures(checked: &PlanCheck) -> String {
    let mut out = String::new();
    if let Some(budget) = checked.budget() {
        let _ = write!(out, "budget {}: {}", budget.year(), budget.total());
        match (budget.funds(), budget.remainder()) {
            (Some(funds), Some(remainder)) => {
                let _ = writeln!(out, " of {funds} activity funds (remainder {remainder})");
            }
            _ => {
                let _ = writeln!(out, " (activity funds not known)");
            }
        }
    }
    if let Some(collaboration) = checked.collaboration() {
        let _ = writeln!(
            out,
            "collaboration: {} of {} activities involve two or more partners ({}; at least 75 % required)",
            collaboration.multi_partner(),
            collaboration.total(),
            if collaboration.is_met() {
                "met"
            } else {
                "not met"
            }
        );
    }
    out
}

fn new(args: &NewArgs) -> Result<(), CliError> {
    let destination =
        Destination::new(args.output.as_deref(), &[args.agreement.as_deref()])?.new_only()?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let text = skeleton(args.year, &context(&agreement))
        .map_err(|e| CliError::Usage(format!("error: {e}")))?;
    destination.write(&text)
}

/// The JSON document of `tryghed plan summary`.
#[derive(Serialize)]
struct SummaryDocument<'a> {
    plan: &'a str,
    valid: bool,
    summary: &'a PlanSummary,
    #[serde(skip_serializing_if = "Option::is_none")]
    follow_up: Option<&'a FollowUpSummary>,
}

fn summary(args: &SummaryArgs) -> Result<(), CliError> {
    let destination = Destination::new(
        args.output.as_deref(),
        &[
            Some(&args.plan),
            args.follow_up.as_deref(),
            args.agreement.as_deref(),
        ],
    )?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let context = context(&agreement);
    let text = read(&args.plan)?;
    let origin = args.plan.display().to_string();
    let checked = check_plan(&text, &origin, &context);
    let Some(plan) = checked.plan() else {
        return Err(CliError::Invalid(
            checked.render(&text).trim_end().to_owned(),
        ));
    };
    let follow_up = match &args.follow_up {
        None => None,
        Some(path) => {
            let follow_text = read(path)?;
            let follow_check = check_follow_up(&follow_text, &path.display().to_string(), plan);
            if !follow_check.is_valid() {
                return Err(CliError::Invalid(
                    follow_check.render(&follow_text).trim_end().to_owned(),
                ));
            }
            follow_check.follow_up().map(|f| f.summary(plan))
        }
    };
    let summary = plan.summary(&context);
    let out = match args.format {
        Format::Json => to_json(&SummaryDocument {
            plan: &origin,
            valid: checked.is_valid(),
            summary: &summary,
            follow_up: follow_up.as_ref(),
        })?,
        Format::Text => summary_text(&agreement, &context, &checked, &summary, follow_up.as_ref()),
    };
    destination.write(&out)
}

/// `part / total` as a Danish percentage with one decimal, rounded down (never overstated).
fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        return "ingen aktiviteter".to_owned();
    }
    let tenths = u128::from(part) * 1000 / u128::from(total);
    format!("{},{} %", tenths / 10, tenths % 10)
}

fn activities(n: u64) -> String {
    if n == 1 {
        "1 aktivitet".to_owned()
    } else {
        format!("{n} aktiviteter")
    }
}

fn tally(t: Tally) -> String {
    format!(
        "{} leveret, {} delvist, {} ikke leveret, {} ikke rapporteret",
        t.delivered(),
        t.partly_delivered(),
        t.not_delivered(),
        t.not_reported()
    )
}

/// The summary for people, in Danish.
fn summary_text(
    agreement: &Agreement,
    context: &PlanContext,
    checked: &PlanCheck,
    summary: &PlanSummary,
    follow_up: Option<&FollowUpSummary>,
) -> String {
    let mut out = String::new();
    let title = format!("Tryghedsplan {} — {}", summary.year(), agreement.title());
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    if !checked.is_valid() {
        let _ = writeln!(
            out,
            "OBS: planen overholder ikke aftalen ({} fejl); kør `tryghed plan check`.",
            checked.error_count()
        );
    }
    let collaboration = summary.collaboration();
    let _ = writeln!(
        out,
        "\n{} i alt, {} leverancer\n\nIndsatsområder:",
        activities(collaboration.total()),
        summary.deliverables()
    );
    let width = summary
        .by_focus_area()
        .iter()
        .map(|a| a.name().unwrap_or(a.id().as_str()).chars().count())
        .max()
        .unwrap_or(0);
    for area in summary.by_focus_area() {
        let name = area.name().unwrap_or(area.id().as_str());
        let _ = writeln!(
            out,
            "  {name:<width$}  {:<15} {:>18}  {} med flere partnere, {} leverancer",
            activities(area.activities()),
            area.budget().to_string(),
            area.multi_partner(),
            area.deliverables()
        );
    }
    if let Some(budget) = summary.budget() {
        let _ = write!(out, "\nBudget: {}", budget.total());
        match (budget.funds(), budget.remainder()) {
            (Some(funds), Some(remainder)) => {
                let _ = writeln!(out, " af {funds} i aktivitetsmidler (rest {remainder})");
            }
            _ => {
                let _ = writeln!(out, " (årets aktivitetsmidler kendes ikke)");
            }
        }
    }
    let share = percent(collaboration.multi_partner(), collaboration.total());
    let _ = writeln!(
        out,
        "Samarbejde: {} af {} aktiviteter har to eller flere partnere ({share}); kravet om mindst 75 % er {}",
        collaboration.multi_partner(),
        collaboration.total(),
        if collaboration.is_met() {
            "opfyldt"
        } else {
            "ikke opfyldt"
        }
    );
    if let Some(follow_up) = follow_up {
        let _ = writeln!(
            out,
            "\nOpfølgning på leverancerne: {}",
            tally(follow_up.total())
        );
        let _ = writeln!(out, "  Pr. indsatsområde:");
        // In the agreement's order of focus areas, as in the list above.
        let mut by_area: Vec<_> = follow_up.by_focus_area().iter().collect();
        by_area.sort_by_key(|(id, _)| {
            context
                .focus_areas()
                .iter()
                .position(|a| a.id() == id)
                .unwrap_or(usize::MAX)
        });
        for (id, t) in by_area {
            let name = context.focus_area(id).map_or(id.as_str(), |a| a.name());
            let _ = writeln!(out, "    {name}: {}", tally(*t));
        }
        let _ = writeln!(out, "  Pr. ansvarlig part:");
        for (id, t) in follow_up.by_responsible() {
            let name = context.party_name(id).unwrap_or(id.as_str());
            let _ = writeln!(out, "    {name}: {}", tally(*t));
        }
    }
    out
}
