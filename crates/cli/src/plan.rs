//! `tryghed plan`: check a yearly tryghedsplan against the agreement, start a new one, and
//! sum a plan and its follow-up up.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use tryghed_agreement::Year;

use clap::Subcommand;
use serde::Serialize;
use tryghed_agreement::Agreement;
use tryghed_plan::{
    DeviationItem, FollowUpSummary, PlanCheck, PlanContext, PlanStatus, PlanSummary, Tally,
    check_follow_up, check_plan, skeleton,
};

use crate::common::{CliError, Format, danish_date, load_agreement, to_json};
use crate::output::Destination;

/// Tryghedsplanen: kontrollér den, start en ny, eller få et overblik.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: PlanCommand,
}

#[derive(Debug, Subcommand)]
enum PlanCommand {
    /// Kontrollér en tryghedsplan mod aftalen, og vis hvert problem med linje og felt.
    Check(CheckArgs),
    /// Skriv en tom tryghedsplan for et år med danske kommentarer, aftalens indsatsområder og parter.
    New(NewArgs),
    /// Overblik over en plan: status, aktiviteter pr. indsatsområde, budget, samarbejde, leverancer, afvigelser.
    Summary(SummaryArgs),
}

/// Kontrollér en tryghedsplan mod aftalen.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Afslutningskoder: 0 planen overholder aftalen (advarsler er tilladt), 1 den gør ikke (hvert problem vises), 2 forkert brug eller fejl ved læsning af filer.\n\nEksempler:\n  tryghed plan check tryghedsplan-2026.toml\n  tryghed plan check tryghedsplan-2026.toml --format json"
)]
struct CheckArgs {
    /// Tryghedsplanen (TOML; formatet er beskrevet i tryghed-plans dokumentation).
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Uddataformat: text (standard; til mennesker) eller json (til tjenester).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
}

/// Skriv en tom tryghedsplan.
#[derive(Debug, clap::Args)]
#[command(after_help = "Eksempler:\n  tryghed plan new --year 2027 -o tryghedsplan-2027.toml")]
struct NewArgs {
    /// Planens år (det skal ligge i aftaleperioden).
    #[arg(long, value_name = "ÅR")]
    year: Year,
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Skriv til FIL (som ikke må findes i forvejen) i stedet for standard-output.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

/// Overblik over en tryghedsplan (og dens opfølgning).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Eksempler:\n  tryghed plan summary tryghedsplan-2026.toml\n  tryghed plan summary tryghedsplan-2026.toml --follow-up opfoelgning-2026.toml --format json"
)]
struct SummaryArgs {
    /// Tryghedsplanen (TOML).
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// Årets opfølgning (TOML): hvad der blev af hver leverance og målsætning.
    #[arg(long, value_name = "FIL")]
    follow_up: Option<PathBuf>,
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Uddataformat: text (standard; til mennesker) eller json (til tjenester).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Skriv til FIL i stedet for standard-output.
    #[arg(short, long, value_name = "FIL")]
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
                    "fejl: {origin} overholder ikke aftalen ({} fejl)",
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
                let _ = writeln!(out, " af {funds} i aktivitetsmidler (rest {remainder})");
            }
            _ => {
                let _ = writeln!(out, " (årets aktivitetsmidler kendes ikke)");
            }
        }
    }
    if let Some(collaboration) = checked.collaboration() {
        let _ = writeln!(
            out,
            "samarbejde: {} af {} aktiviteter involverer to eller flere samarbejdspartnere ({}; kravet er mindst 75 %)",
            collaboration.multi_partner(),
            collaboration.total(),
            if collaboration.is_met() {
                "opfyldt"
            } else {
                "ikke opfyldt"
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
        .map_err(|e| CliError::Usage(format!("fejl: {}", e.message_da())))?;
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
        "{} leveret, {} delvist leveret, {} ikke leveret, {} ikke afrapporteret",
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
    if let Some(plan) = checked.plan() {
        let _ = writeln!(out, "Status: {}", plan_status(plan));
        for revision in plan.revisions() {
            let _ = writeln!(
                out,
                "  revideret {}: {}",
                danish_date(revision.date()),
                revision.reason()
            );
        }
    }
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
            "  {name:<width$}  {:<15} {:>18}  {} med flere samarbejdspartnere, {} leverancer",
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
        "Samarbejde: {} af {} aktiviteter har to eller flere samarbejdspartnere ({share}); kravet om mindst 75 % er {}",
        collaboration.multi_partner(),
        collaboration.total(),
        if collaboration.is_met() {
            "opfyldt"
        } else {
            "ikke opfyldt"
        }
    );
    if let Some(follow_up) = follow_up {
        follow_up_text(&mut out, context, follow_up);
    }
    out
}

/// The follow-up per focus area and responsible party, the objectives and the deviations.
fn follow_up_text(out: &mut String, context: &PlanContext, follow_up: &FollowUpSummary) {
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
    let objectives = follow_up.objectives();
    if objectives.total() > 0 {
        let _ = writeln!(
            out,
            "\nOpfølgning på målsætningerne: {} opnået, {} delvist opnået, {} ikke opnået, {} ikke afrapporteret",
            objectives.achieved(),
            objectives.partly_achieved(),
            objectives.not_achieved(),
            objectives.not_reported()
        );
    }
    deviations_text(out, context, follow_up);
}

/// "udkast", "godkendt 24. februar 2026 af styregruppe", "revideret (godkendt …)".
fn plan_status(plan: &tryghed_plan::Plan) -> String {
    let approved = plan.approval().map(|a| {
        // "af styregruppen" when the body is one of the organisation's words.
        let body = match a.body() {
            "styregruppe" | "arbejdsgruppe" => format!("{}n", a.body()),
            other => other.to_owned(),
        };
        format!("godkendt {} af {body}", danish_date(a.date()))
    });
    match (plan.status(), approved) {
        (PlanStatus::Revised, Some(approved)) => format!("revideret ({approved})"),
        (PlanStatus::Approved, Some(approved)) => approved,
        (status, _) => status.label_da().to_owned(),
    }
}

/// The deviations (not delivered or achieved in full) with reason, action and new deadline.
fn deviations_text(out: &mut String, context: &PlanContext, follow_up: &FollowUpSummary) {
    let groups = follow_up.deviations_by_activity();
    if groups.is_empty() {
        let _ = writeln!(out, "\nAfvigelser: ingen");
        return;
    }
    let _ = writeln!(out, "\nAfvigelser og handlinger:");
    for (_, deviations) in groups {
        let Some(first) = deviations.first() else {
            continue;
        };
        let owner = context
            .party_name(first.responsible())
            .unwrap_or(first.responsible().as_str());
        let _ = writeln!(out, "  {} ({owner})", first.title());
        for deviation in deviations {
            let _ = writeln!(out, "    {}: {}", deviation.what(), deviation.status_da());
            let reason = deviation.reason().unwrap_or("ikke oplyst");
            let _ = writeln!(out, "      Begrundelse: {reason}");
            let action = deviation.action().unwrap_or("ikke oplyst");
            let _ = writeln!(out, "      Handling: {action}");
            if let DeviationItem::Deliverable { due, .. } = deviation.item() {
                let new_due = deviation
                    .new_due()
                    .map_or_else(|| "ikke oplyst".to_owned(), danish_date);
                let _ = writeln!(
                    out,
                    "      Frist: {} (ny frist: {new_due})",
                    danish_date(*due)
                );
            }
        }
    }
}
