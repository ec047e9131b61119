//! `tryghed report`: the annual status for Økonomiudvalget as Markdown, HTML or JSON.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use tryghed_agreement::Year;

use clap::ValueEnum;
use tryghed_budget::{Ledger, YearLedger, check_ledger};
use tryghed_meetings::{CheckOptions, MeetingCheck, check_meetings};
use tryghed_plan::check_follow_up;
use tryghed_report::{
    PlanInput, ReportBuilder, ReportError, ReportOptions, render_html_with_area, render_json,
    render_markdown,
};

use crate::common::{CliError, load_agreement};
use crate::output::Destination;

/// Output format of the status report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ReportFormat {
    /// Markdown in Danish.
    #[default]
    Md,
    /// One self-contained HTML page with charts and a map.
    Html,
    /// The serde form of the report: the published form, or with --unsuppressed the exact
    /// figures stamped confidential.
    Json,
    /// The HTML page printed to an A4 PDF by headless Chromium (when installed).
    Pdf,
}

/// Write the annual status for Økonomiudvalget (goals, crime, activities, budget).
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Uden tilvalg dækker rapporten den indbyggede aftale og dens egne tal for 2025 og nævner, hvad der mangler.\n\nEksempler:\n  tryghed report --format html -o status.html\n  tryghed report --year 2026 --observations observationer-2026.csv --ledger regnskab-2026.toml"
)]
pub(crate) struct Args {
    /// En aftalefil i TOML (standard: den indbyggede aftale); dens `[area]` er kortet.
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Rapportens år: Tryghedsundersøgelsens år (kriminalitetstallene er fra året før).
    /// Standard: det seneste år i observationerne, ellers periodens første.
    #[arg(long, value_name = "ÅR", value_parser = crate::common::parse_year)]
    year: Option<Year>,
    /// Observationer i CSV (indicator,area,year,value,respondents), se docs/observations.md.
    #[arg(long, value_name = "FIL")]
    observations: Option<PathBuf>,
    /// Årets tryghedsplan (TOML).
    #[arg(long, value_name = "FIL")]
    plan: Option<PathBuf>,
    /// Opfølgningen på tryghedsplanens leverancer (TOML); kræver --plan.
    #[arg(long = "follow-up", value_name = "FIL", requires = "plan")]
    follow_up: Option<PathBuf>,
    /// Næste års tryghedsplan (TOML, for rapportens år + 1; kontrolleres som --plan): giver
    /// afsnittet »Tryghedsplan for <år>« med planens status, aktiviteter og budget.
    #[arg(long = "next-plan", value_name = "FIL")]
    next_plan: Option<PathBuf>,
    /// Årets regnskab for projektledelse og aktivitetsmidler (TOML, eller JSON når navnet
    /// ender på .json).
    #[arg(long, value_name = "FIL")]
    ledger: Option<PathBuf>,
    /// Årets mødelog (TOML, som `tryghed meetings check` læser): giver afsnittet
    /// Organisering, opgjort på udgivelsesdatoen (--date).
    #[arg(long, value_name = "FIL")]
    meetings: Option<PathBuf>,
    /// Antal anmeldelser under N (også 0) offentliggøres aldrig: de vises som »< N«, og intet
    /// afledt af dem vises (statistisk diskretionering). Mindst 3; standard 5.
    #[arg(long, value_name = "N", default_value = "5", value_parser = crate::common::parse_threshold)]
    suppression_threshold: tryghed_disclosure::SuppressionThreshold,
    /// Nøjagtige tal til intern brug, mærket »fortroligt – ikke til offentliggørelse«: kun
    /// json (Markdown, HTML og PDF er altid den offentlige form).
    #[arg(long)]
    unsuppressed: bool,
    /// Udgivelsesdatoen, ÅÅÅÅ-MM-DD, i rapportens hoved og på hver trykt side (standard: i
    /// dag).
    #[arg(long, value_name = "DATO", value_parser = crate::common::parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Mærk rapporten som lavet af eksempeldata (»EKSEMPEL« i titlen). Inddata, hvis filnavne
    /// indeholder »eksempel«, »example«, »synthetic« eller »syntetisk«, mærker den af sig selv.
    #[arg(long)]
    eksempel: bool,
    /// Uddataformat: md (standard; Markdown), html (én selvstændig side med diagrammer og
    /// kort), pdf (HTML-siden trykt til A4 med headless Chromium, når den er installeret) eller
    /// json (rapportens serde-form: den offentlige form, eller med --unsuppressed de nøjagtige
    /// tal mærket fortroligt).
    #[arg(long, value_enum, default_value_t)]
    format: ReportFormat,
    /// Skriv til FIL i stedet for standardoutput.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

fn read(path: &Path) -> Result<String, CliError> {
    crate::common::read_text(path)
}

fn invalid(path: &Path, error: impl std::fmt::Display) -> CliError {
    CliError::Invalid(format!("fejl: {}: {error}", path.display()))
}

/// Reads the ledger and checks it against the agreement's budget and the report's year (when
/// given): a ledger of another year or with other funds is an input error at its line, never
/// a figure in the report.
fn load_ledger(
    agreement: &tryghed_agreement::Agreement,
    path: &Path,
    year: Option<Year>,
) -> Result<YearLedger, CliError> {
    let text = read(path)?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        // The serde form of the activity-funds ledger, for services: checked the same way,
        // without lines to point at.
        let ledger: Ledger = serde_json::from_str(&text).map_err(|e| {
            invalid(
                path,
                format!(
                    "regnskabet kan ikke læses som JSON (linje {}, kolonne {}; tolkerens besked: {e})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        let Some(budget) = agreement.budget().year(ledger.year()) else {
            return Err(CliError::Invalid(format!(
                "fejl: {}: {}",
                path.display(),
                tryghed_budget::BudgetError::LedgerOutsidePeriod {
                    year: ledger.year(),
                    first: agreement.budget().first_year(),
                    last: agreement.budget().last_year(),
                }
                .message_da()
            )));
        };
        if let Some(year) = year
            && year != ledger.year()
        {
            return Err(CliError::Invalid(format!(
                "fejl: {}: regnskabet er for {}, men rapporten gælder {year}",
                path.display(),
                ledger.year()
            )));
        }
        return YearLedger::with_activity_funds(budget, ledger).map_err(|e| {
            CliError::Invalid(format!("fejl: {}: {}", path.display(), e.message_da()))
        });
    }
    let checked = check_ledger(&text, &path.display().to_string(), agreement.budget(), year);
    match checked.ledger() {
        Some(ledger) if checked.is_valid() => Ok(ledger.clone()),
        _ => Err(CliError::Invalid(
            checked.render(&text).trim_end().to_owned(),
        )),
    }
}

/// Reads the plan to judge it ([`crate::common::load_plan`]: any plan that can be read and
/// names only the agreement's parties) and checks the follow-up against it.
fn load_plan(
    agreement: &tryghed_agreement::Agreement,
    path: &Path,
    follow_up: Option<&Path>,
) -> Result<PlanInput, CliError> {
    let context = agreement.plan_context();
    let loaded = crate::common::load_plan(agreement, path)?;
    refuse_bad_lifecycle(agreement, path)?;
    let plan = &loaded.plan;
    let follow = match follow_up {
        None => None,
        Some(fpath) => {
            let ftext = read(fpath)?;
            let fcheck = check_follow_up(&ftext, &fpath.display().to_string(), plan);
            if !fcheck.is_valid() {
                return Err(CliError::Invalid(
                    fcheck.render(&ftext).trim_end().to_owned(),
                ));
            }
            fcheck.follow_up().cloned()
        }
    };
    let title = format!("Tryghedsplanen fra {}", loaded.name);
    PlanInput::from_plan(plan, follow.as_ref(), &context, title).map_err(report_error)
}

/// A plan whose status does not follow its approval and revisions (`status = "approved"`
/// without `[approval]`, a revision before the approval, …) would show a status it does not
/// have: bad input, every such problem at its line.
fn refuse_bad_lifecycle(
    agreement: &tryghed_agreement::Agreement,
    path: &Path,
) -> Result<(), CliError> {
    let text = read(path)?;
    let check = tryghed_plan::check_plan(
        &text,
        &path.display().to_string(),
        &agreement.plan_context(),
    );
    let lifecycle: Vec<tryghed_plan::Diagnostic> = check
        .diagnostics()
        .iter()
        .filter(|d| {
            d.is_error()
                && (d.field() == "status"
                    || d.field().starts_with("approval")
                    || d.field().starts_with("revisions"))
        })
        .cloned()
        .collect();
    if lifecycle.is_empty() {
        return Ok(());
    }
    Err(CliError::Invalid(
        tryghed_plan::render_all(&lifecycle, &text)
            .trim_end()
            .to_owned(),
    ))
}

/// Reads next year's plan like `--plan` (any plan that can be read, naming only the
/// agreement's parties, whose status follows its approval) and refuses one that is not for
/// the year after the report's, or lies after the agreement period.
fn load_next_plan(
    agreement: &tryghed_agreement::Agreement,
    path: &Path,
    report_year: Year,
) -> Result<PlanInput, CliError> {
    let loaded = crate::common::load_plan(agreement, path)?;
    refuse_bad_lifecycle(agreement, path)?;
    let year = loaded.plan.year();
    let last = agreement.period().last_year();
    if report_year.checked_add(1) != Some(year) {
        let next = report_year
            .checked_add(1)
            .map_or_else(|| "året efter".to_owned(), |y| y.to_string());
        return Err(CliError::Invalid(format!(
            "fejl: {}: næste års tryghedsplan er for {year}, men rapporten gælder {report_year}; giv tryghedsplanen for {next}",
            path.display(),
        )));
    }
    if year > last {
        return Err(CliError::Invalid(format!(
            "fejl: {}: tryghedsplanen er for {year}, efter aftaleperioden {}–{last}",
            path.display(),
            agreement.period().first_year()
        )));
    }
    let title = format!("Tryghedsplanen fra {}", loaded.name);
    PlanInput::from_plan(&loaded.plan, None, &agreement.plan_context(), title).map_err(report_error)
}

/// Reads the meeting log as of the date of issue. A log that cannot be read whole is bad
/// input (exit 1, every problem at its line); the organisation rules it breaks are findings
/// of the report's Organisering section.
fn load_meetings(
    agreement: &tryghed_agreement::Agreement,
    path: &Path,
    issued: chrono::NaiveDate,
    year: Option<Year>,
) -> Result<MeetingCheck, CliError> {
    let text = read(path)?;
    let mut options = CheckOptions::new(issued);
    if let Some(year) = year {
        options = options.for_year(year);
    }
    let check = check_meetings(
        &text,
        &path.display().to_string(),
        agreement.meeting_context(),
        options,
    );
    if check.log().is_none() {
        return Err(CliError::Invalid(check.render(&text).trim_end().to_owned()));
    }
    Ok(check)
}

/// A ledger for another year than the report, in the library's check and the CLI's alike.
fn ledger_year(path: &Path, ledger: Year, report: Year) -> CliError {
    CliError::Invalid(format!(
        "fejl: {}: regnskabet er for {ledger}, men rapporten gælder {report}; giv --year {ledger} eller regnskabet for {report}",
        path.display(),
    ))
}

fn report_error(error: ReportError) -> CliError {
    match error {
        ReportError::InvalidInput { .. }
        | ReportError::NextPlanYear { .. }
        | ReportError::Goals(_)
        | ReportError::Agreement(_) => CliError::Invalid(format!("fejl: {}", error.message_da())),
        other => CliError::Usage(format!("fejl: {}", other.message_da())),
    }
}

/// An input whose file name says it is made-up data marks the report (docs/report.md).
fn mark_examples<'a>(mut builder: ReportBuilder<'a>, args: &Args) -> ReportBuilder<'a> {
    for path in [
        args.agreement.as_deref(),
        args.observations.as_deref(),
        args.plan.as_deref(),
        args.follow_up.as_deref(),
        args.next_plan.as_deref(),
        args.ledger.as_deref(),
        args.meetings.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if tryghed_report::is_example_marker(&name) {
            builder = builder.example(name);
        }
    }
    builder
}

/// A ledger or meeting log of another year than the report's is bad input, named with its
/// file (before the report is built, so the message can say how to fix it).
fn same_year(
    builder: &ReportBuilder<'_>,
    ledger: Option<&YearLedger>,
    meetings: Option<&MeetingCheck>,
    args: &Args,
) -> Result<(), CliError> {
    if let (Some(ledger), Some(path)) = (ledger, &args.ledger)
        && ledger.year() != builder.report_year()
    {
        return Err(ledger_year(path, ledger.year(), builder.report_year()));
    }
    if let (Some(check), Some(path)) = (meetings, &args.meetings)
        && let Some(summary) = check.summary()
        && summary.year() != builder.report_year()
    {
        return Err(CliError::Invalid(format!(
            "fejl: {}: mødeloggen er for {}, men rapporten gælder {}; giv --year {} eller mødeloggen for {}",
            path.display(),
            summary.year(),
            builder.report_year(),
            summary.year(),
            builder.report_year()
        )));
    }
    Ok(())
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    if args.unsuppressed && args.format != ReportFormat::Json {
        return Err(CliError::Usage(
            "fejl: --unsuppressed giver nøjagtige tal til intern brug og kræver --format json; Markdown, HTML og PDF er altid den offentlige form".into(),
        ));
    }
    let destination = Destination::new(
        args.output.as_deref(),
        &[
            args.agreement.as_deref(),
            args.observations.as_deref(),
            args.plan.as_deref(),
            args.follow_up.as_deref(),
            args.ledger.as_deref(),
            args.meetings.as_deref(),
        ],
    )?;
    let agreement = load_agreement(args.agreement.as_deref())?;
    crate::common::protect_area_files(args.output.as_deref(), &agreement)?;
    let mut options =
        ReportOptions::default().with_suppression_threshold(args.suppression_threshold);
    if args.unsuppressed {
        options = options.unsuppressed();
    }
    if args.format == ReportFormat::Pdf
        && destination.is_stdout()
        && std::io::stdout().is_terminal()
    {
        return Err(CliError::Usage(
            "fejl: --format pdf skriver en binær fil; angiv den med -o FILE".into(),
        ));
    }
    let issued = args.date.unwrap_or_else(crate::common::today);
    let meetings = args
        .meetings
        .as_deref()
        .map(|path| load_meetings(&agreement, path, issued, args.year))
        .transpose()?;
    let mut builder = ReportBuilder::new(&agreement)
        .options(options)
        .issued(issued);
    if let Some(check) = &meetings {
        builder = builder.meetings(check);
    }
    if args.eksempel {
        builder = builder.example("--eksempel");
    }
    builder = mark_examples(builder, args);
    if let Some(year) = args.year {
        crate::common::check_report_year(&agreement, year)?;
        builder = builder.year(year);
    }
    if let Some(path) = &args.observations {
        let observations = crate::common::read_observations(&agreement, path)?;
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        builder = builder.observations(observations, Some(name));
    }
    if let Some(path) = &args.plan {
        builder = builder.plan(load_plan(&agreement, path, args.follow_up.as_deref())?);
    }
    if let Some(path) = &args.next_plan {
        let year = builder.report_year();
        builder = builder.next_plan(load_next_plan(&agreement, path, year)?);
    }
    let ledger = args
        .ledger
        .as_deref()
        .map(|path| load_ledger(&agreement, path, args.year))
        .transpose()?;
    if let Some(ledger) = &ledger {
        builder = builder.year_ledger(ledger);
    }
    same_year(&builder, ledger.as_ref(), meetings.as_ref(), args)?;
    let report = builder.build().map_err(|e| match (e, &args.ledger) {
        (ReportError::LedgerYear { ledger, report }, Some(path)) => {
            ledger_year(path, ledger, report)
        }
        (e, _) => report_error(e),
    })?;
    let text = match args.format {
        ReportFormat::Md => render_markdown(&report),
        ReportFormat::Html | ReportFormat::Pdf => render_html_with_area(&report, agreement.area()),
        ReportFormat::Json => render_json(&report),
    }
    .map_err(report_error)?;
    if args.format == ReportFormat::Pdf {
        return destination.write_bytes(&crate::pdf::html_to_pdf(&text)?);
    }
    destination.write(&text)
}
