//! `tryghed goals`: evaluate every goal of the agreement for a report year.

use std::fmt::Write as _;
use std::path::PathBuf;
use tryghed_agreement::Year;

use serde::Serialize;
use tryghed_agreement::{Agreement, Evaluation, PlanCount, goal_year};
use tryghed_goals::{GoalEvaluation, Observations};

use crate::common::{CliError, Format, load_agreement, load_plan, read_observations, to_json};
use crate::output::Destination;
use crate::published::PublishedGoals;

/// Evaluate every goal for a report year: met, not met, on track, off track, pending or
/// monitored, with the numbers behind it.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Eksempler:\n  tryghed goals\n  tryghed goals --observations observationer-2026.csv --year 2026\n  tryghed goals --year 2026 --plan tryghedsplan-2026.toml --format json\n\nÅret er rapportens år, Tryghedsundersøgelsens år: kriminalitetsmålene vurderes på anmeldelserne i kalenderåret før, samarbejdsmålet på årets tryghedsplan (som i `tryghed report`).\nObservationsfilen (CSV med kolonnerne indicator,area,year,value,respondents) er beskrevet i docs/observations.md.\nAftalens egne tal (Tryghedsundersøgelsen 2025) er altid med."
)]
pub(crate) struct Args {
    /// En aftalefil i TOML (standard: den indbyggede aftale for Folehaven).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Observationer (andele fra Tryghedsundersøgelsen, antal anmeldelser, indbyggere) i CSV.
    #[arg(long, value_name = "FIL.csv")]
    observations: Option<PathBuf>,
    /// Årets tryghedsplan (TOML): samarbejdsmålet vurderes på den.
    #[arg(long, value_name = "FIL")]
    plan: Option<PathBuf>,
    /// Rapportåret = Tryghedsundersøgelsens år; kriminaliteten vurderes for året før.
    /// Standard: det seneste år, observationerne når (et kriminalitetsår tæller som året
    /// efter), ellers periodens første år.
    #[arg(long, value_name = "ÅR", value_parser = crate::common::parse_year)]
    year: Option<Year>,
    /// Antal anmeldelser under N (også 0) vises aldrig, og heller intet, der afslører dem (som
    /// i `tryghed report`). Mindst 3; standard 5.
    #[arg(long, value_name = "N", default_value = "5", value_parser = crate::common::parse_threshold)]
    suppression_threshold: tryghed_disclosure::SuppressionThreshold,
    /// Nøjagtige tal til intern brug, mærket »fortroligt – ikke til offentliggørelse«.
    #[arg(long)]
    unsuppressed: bool,
    /// Uddataformat: text (standard; til mennesker) eller json (til tjenester).
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Skriv til FIL i stedet for standardoutput.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

#[derive(Serialize)]
struct GoalsDocument<'a> {
    /// "fortroligt – ikke til offentliggørelse" with `--unsuppressed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    confidential: Option<&'static str>,
    agreement: &'a str,
    /// The report year (as `survey_year`), kept for existing readers.
    year: Year,
    survey_year: Year,
    crime_year: Year,
    plan_year: Year,
    goals: &'a [GoalEvaluation],
    notes: &'a [String],
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let destination = Destination::new(
        args.output.as_deref(),
        &[
            args.agreement.as_deref(),
            args.observations.as_deref(),
            args.plan.as_deref(),
        ],
    )?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    let observations = match &args.observations {
        Some(path) => read_observations(&agreement, path)?,
        None => Observations::new(),
    };
    let loaded = args
        .plan
        .as_ref()
        .map(|path| load_plan(&agreement, path))
        .transpose()?;
    let plan = match &loaded {
        Some(loaded) => Some(PlanCount::from_plan(
            &loaded.plan,
            &agreement,
            loaded.name.clone(),
        )?),
        None => None,
    };
    if let Some(year) = args.year {
        crate::common::check_report_year(&agreement, year)?;
    }
    let year = args
        .year
        .unwrap_or_else(|| agreement.default_report_year(&observations));
    let evaluation = agreement
        .evaluate(year, &observations, plan.as_ref())
        .map_err(|e| match (&args.observations, e) {
            (Some(path), e @ tryghed_agreement::AgreementError::ObservationsDoNotFit { .. }) => {
                CliError::Invalid(format!("fejl: {}: {}", path.display(), e.message_da()))
            }
            (_, e) => CliError::from(e),
        })?;
    // Published by default: the crime figures as `tryghed report` publishes them.
    let published = if args.unsuppressed {
        None
    } else {
        let plan_input = loaded
            .as_ref()
            .map(|l| {
                tryghed_report::PlanInput::from_plan(
                    &l.plan,
                    None,
                    &agreement.plan_context(),
                    format!("Tryghedsplanen fra {}", l.name),
                )
            })
            .transpose()
            .map_err(|e| CliError::Invalid(format!("fejl: {}", e.message_da())))?;
        Some(PublishedGoals::new(
            &agreement,
            year,
            &observations,
            plan_input,
            tryghed_report::ReportOptions::default()
                .with_suppression_threshold(args.suppression_threshold),
        )?)
    };
    let text = match args.format {
        Format::Json => {
            let document = GoalsDocument {
                confidential: args
                    .unsuppressed
                    .then_some(tryghed_disclosure::CONFIDENTIAL_STAMP),
                agreement: agreement.id(),
                year: evaluation.survey_year(),
                survey_year: evaluation.survey_year(),
                crime_year: evaluation.crime_year(),
                plan_year: evaluation.plan_year(),
                goals: evaluation.goals(),
                notes: evaluation.notes(),
            };
            match &published {
                Some(p) => {
                    let value = serde_json::to_value(&document)
                        .map_err(|e| CliError::Usage(format!("fejl: JSON: {e}")))?;
                    to_json(&p.publish(value)?)?
                }
                None => to_json(&document)?,
            }
        }
        Format::Text => text(&agreement, &evaluation, published.as_ref()),
    };
    destination.write(&text)
}

fn text(
    agreement: &Agreement,
    evaluation: &Evaluation,
    published: Option<&PublishedGoals>,
) -> String {
    let mut out = String::new();
    if published.is_none() {
        let _ = writeln!(
            out,
            "{}\n",
            tryghed_disclosure::CONFIDENTIAL_STAMP.to_uppercase()
        );
    }
    let year = evaluation.survey_year();
    let title = format!("Målsætninger for {}: status for {year}", agreement.title());
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    let _ = writeln!(
        out,
        "Tryghedsundersøgelsen {year}, anmeldelser fra kalenderåret {} og tryghedsplanen for {}.",
        evaluation.crime_year(),
        evaluation.plan_year()
    );
    for (i, (goal, ev)) in agreement.goals().iter().zip(evaluation.goals()).enumerate() {
        let _ = writeln!(out, "\n{}. {}", i + 1, ev.title());
        // The evaluation exists, so the year before `year` does too.
        let judged = goal_year(goal, year).unwrap_or(evaluation.crime_year());
        let status = match published.and_then(|p| p.goal_status(ev.goal().as_str())) {
            Some(s @ tryghed_report::ReportStatus::Withheld { .. }) => s.label().to_owned(),
            _ => ev.status().to_string(),
        };
        if judged == year {
            let _ = writeln!(out, "   Status: {status}");
        } else {
            let _ = writeln!(out, "   Status: {status} (tal for {judged})");
        }
        for indicator in ev.indicators() {
            let explanation = published
                .and_then(|p| p.explanation(indicator.indicator().as_str()))
                .unwrap_or_else(|| indicator.explanation());
            let _ = writeln!(out, "   - {explanation}");
        }
    }
    if !evaluation.notes().is_empty() {
        let _ = writeln!(out, "\nBemærk:");
        for note in evaluation.notes() {
            let _ = writeln!(out, "- {note}");
        }
    }
    if !agreement.caveats().is_empty() {
        let _ = writeln!(out, "\nForbehold (aftalen):");
        for caveat in agreement.caveats() {
            let _ = writeln!(out, "- {caveat}");
        }
    }
    out
}
