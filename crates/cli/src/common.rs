//! What the subcommands share: output formats, the agreement option, errors and exit codes.

use std::fmt;
use std::io;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::ValueEnum;
use tryghed_agreement::{Agreement, AgreementError, Year};
use tryghed_goals::Observations;
use tryghed_plan::{Diagnostic, Partner, Plan, check_plan};

/// Output format of commands that print a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum Format {
    /// Til mennesker: danske navne og dansk talformat.
    #[default]
    Text,
    /// Bibliotekernes serde-form, til tjenester.
    Json,
}

/// Parses `--suppression-threshold`: a number of at least
/// [`SuppressionThreshold::MIN`](tryghed_disclosure::SuppressionThreshold::MIN). A lower one
/// (0 included) is a usage error that says where exact figures come from instead.
pub(crate) fn parse_threshold(
    text: &str,
) -> Result<tryghed_disclosure::SuppressionThreshold, String> {
    let n: u64 = text.trim().parse().map_err(|_| {
        format!(
            "{} er ikke et helt tal",
            tryghed_diagnostics::quote(text.trim())
        )
    })?;
    tryghed_disclosure::SuppressionThreshold::new(n).map_err(|_| {
        format!(
            "den laveste grænse er {}; diskretioneringen kan ikke slås fra (nøjagtige tal: --format json --unsuppressed, kun til intern brug)",
            tryghed_disclosure::SuppressionThreshold::MIN
        )
    })
}

/// Parses a `--year`: a calendar year tryghed accepts, with a Danish message otherwise.
pub(crate) fn parse_year(text: &str) -> Result<Year, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{} er ikke et år; skriv det med cifre, f.eks. 2026",
            tryghed_diagnostics::quote(trimmed)
        ));
    }
    trimmed.parse().map_err(|_| {
        format!(
            "{} ligger uden for {}–{}, de år tryghed regner med",
            tryghed_diagnostics::quote(trimmed),
            Year::MIN,
            Year::MAX
        )
    })
}

/// Parses a date option (`--date`, `--as-of`): ÅÅÅÅ-MM-DD, with a Danish message otherwise.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    tryghed_diagnostics::parse_date_da(text.trim())
}

/// A failed command: why, and which exit code it gives.
#[derive(Debug)]
pub(crate) enum CliError {
    /// The input is invalid: exit code 1. The message lists every problem.
    Invalid(String),
    /// A usage or I/O error: exit code 2.
    Usage(String),
}

impl CliError {
    /// The process exit code for this error.
    pub(crate) fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Invalid(_) => ExitCode::from(1),
            CliError::Usage(_) => ExitCode::from(2),
        }
    }

    /// An I/O error on `path`, as a usage error (exit 2).
    pub(crate) fn io(path: &Path, error: &io::Error) -> Self {
        CliError::Usage(format!("fejl: {}: {}", path.display(), io_da(error)))
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Invalid(message) | CliError::Usage(message) => f.write_str(message),
        }
    }
}

impl From<AgreementError> for CliError {
    fn from(error: AgreementError) -> Self {
        // Every problem on its own "fejl:" line, in Danish.
        let lines: Vec<String> = error
            .message_da()
            .lines()
            .map(|line| format!("fejl: {line}"))
            .collect();
        let message = lines.join("\n");
        if error.is_io() {
            CliError::Usage(message)
        } else {
            CliError::Invalid(message)
        }
    }
}

/// An I/O error in Danish: what went wrong, by its kind; the system's own text (English on
/// most systems) only for kinds without a Danish sentence.
pub(crate) fn io_da(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "filen eller mappen findes ikke".to_owned(),
        io::ErrorKind::PermissionDenied => "adgang nægtet".to_owned(),
        io::ErrorKind::AlreadyExists => "filen findes allerede".to_owned(),
        io::ErrorKind::IsADirectory => "det er en mappe, ikke en fil".to_owned(),
        io::ErrorKind::NotADirectory => "en del af stien er ikke en mappe".to_owned(),
        io::ErrorKind::StorageFull => "der er ikke plads på disken".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "filsystemet kan kun læses".to_owned(),
        io::ErrorKind::BrokenPipe => "modtageren lukkede forbindelsen".to_owned(),
        io::ErrorKind::InvalidData => "indholdet kan ikke læses".to_owned(),
        _ => format!("kan ikke læses eller skrives (systemets besked: {error})"),
    }
}

/// Loads the agreement from `path` (the files its `[area]` names are read from the same
/// folder), or the embedded agreement when `None`.
pub(crate) fn load_agreement(path: Option<&Path>) -> Result<Agreement, CliError> {
    match path {
        Some(path) => {
            let text = crate::input::read_text(path, crate::input::Kind::Agreement)?;
            let dir = path.parent().unwrap_or_else(|| Path::new(""));
            Ok(Agreement::from_toml_str_in(
                &text,
                &path.display().to_string(),
                dir,
            )?)
        }
        None => Ok(Agreement::folehaven()),
    }
}

/// Refuses an `-o` that is one of the files the agreement's `[area]` was read from (exit 2),
/// as [`Destination::new`](crate::output::Destination::new) does for the other inputs.
pub(crate) fn protect_area_files(
    output: Option<&Path>,
    agreement: &Agreement,
) -> Result<(), CliError> {
    let files: Vec<Option<&Path>> = agreement.area_files().into_iter().map(Some).collect();
    crate::output::Destination::new(output, &files).map(drop)
}

/// The partnership area the agreement declares, or exit 1 saying the agreement has none.
pub(crate) fn declared_area<'a>(
    agreement: &'a Agreement,
    path: Option<&Path>,
) -> Result<&'a tryghed_agreement::PartnershipArea, CliError> {
    agreement.area().ok_or_else(|| {
        CliError::Invalid(format!(
            "fejl: {}: aftalen angiver ikke sit område; tilføj [area] med name = \"…\" (et delområde i kortlaget \"Udsatte byområder\") eller outline = \"…geojson\", eller brug --layer city",
            path.map_or_else(|| "aftalen".to_owned(), |p| p.display().to_string())
        ))
    })
}

/// Reads the observations CSV at `path` and checks that it fits `agreement` (the merge that
/// [`Agreement::evaluate`] does again): every problem of the file, and every observation that
/// does not fit the agreement, is listed with the file, line and column (exit 1).
pub(crate) fn read_observations(
    agreement: &Agreement,
    path: &Path,
) -> Result<Observations, CliError> {
    let text = crate::input::read_text(path, crate::input::Kind::Table)?;
    let observations = Observations::from_csv_str(&text).map_err(|e| match e {
        tryghed_goals::GoalsError::InvalidObservations { problems, .. } => {
            observation_problems(path, &problems)
        }
        other => CliError::Invalid(format!("fejl: {}: {}", path.display(), other.message_da())),
    })?;
    match agreement.merge_observations(&observations) {
        Ok(_) => Ok(observations),
        Err(AgreementError::ObservationsDoNotFit { problems, .. }) => {
            Err(observation_problems(path, &problems))
        }
        Err(other) => Err(CliError::Invalid(format!(
            "fejl: {}: {}",
            path.display(),
            other.message_da()
        ))),
    }
}

/// Refuses a `--year` outside the agreement's report years, from the baseline year (the
/// Tryghedsundersøgelse before the period) to the period's last year: `goals --year 0` once
/// gave "status for 0" (exit 2).
pub(crate) fn check_report_year(
    agreement: &Agreement,
    year: tryghed_agreement::Year,
) -> Result<(), CliError> {
    let first = agreement.baseline_year();
    let last = agreement.period().last_year();
    if year < first || year > last {
        return Err(CliError::Usage(format!(
            "fejl: --year {year} ligger uden for aftalens år: afrapporteringen dækker {first}–{last} (baseline {first}, perioden {}–{last})",
            agreement.period().first_year()
        )));
    }
    Ok(())
}

/// At most this many problems of one file are printed; the rest are counted.
pub(crate) const MAX_LISTED_PROBLEMS: usize = 1_000;

/// Every problem of an observations file, one line each in Danish: `fejl: fil linje 3,
/// kolonne "value": …`.
pub(crate) fn observation_problems(
    path: &Path,
    problems: &[tryghed_goals::ObservationProblem],
) -> CliError {
    let lines = problems.iter().map(|p| {
        let line = p.line().map(|l| format!(" linje {l}")).unwrap_or_default();
        let column = p
            .column()
            .map(|c| format!(", kolonne \"{}\"", c.name()))
            .unwrap_or_default();
        let place = format!("{}{line}{column}", path.display());
        let about = p
            .observation()
            .map(|(i, a, y)| format!(" ({i}, {a}, {y})"))
            .unwrap_or_default();
        format!("fejl: {place}: {}{about}", p.message_da())
    });
    CliError::Invalid(listed(lines, problems.len()))
}

/// Joins problem lines, at most [`MAX_LISTED_PROBLEMS`] of them, and says how many are left.
pub(crate) fn listed(lines: impl Iterator<Item = String>, total: usize) -> String {
    let mut out: Vec<String> = lines.take(MAX_LISTED_PROBLEMS).collect();
    if total > MAX_LISTED_PROBLEMS {
        out.push(format!(
            "… og {} problemer mere (de første {MAX_LISTED_PROBLEMS} er vist)",
            total - MAX_LISTED_PROBLEMS
        ));
    }
    out.join("\n")
}

/// Reads a year's file (plan, follow-up, meeting log, ledger) as text: one that cannot be
/// read is an I/O error (exit 2); one too large or not UTF-8 is invalid input (exit 1).
pub(crate) fn read_text(path: &Path) -> Result<String, CliError> {
    crate::input::read_text(path, crate::input::Kind::YearFile)
}

/// Today's date (UTC; a check run around midnight on 31 December may see the other year).
pub(crate) fn today() -> chrono::NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    chrono::DateTime::from_timestamp(seconds, 0).map_or(chrono::NaiveDate::MIN, |t| t.date_naive())
}

/// A tryghedsplan read for judging goal 3 (`tryghed goals --plan`, `tryghed report --plan`).
pub(crate) struct LoadedPlan {
    /// The plan.
    pub(crate) plan: Plan,
    /// The file name, for notes.
    pub(crate) name: String,
}

/// Reads a tryghedsplan to judge it, not to write it: any plan that can be read and names
/// only the agreement's parties is accepted. The 75 % rule, the activity funds and the other
/// rules of `tryghed plan check` are outcomes the report states ("ikke opfyldt"), not input
/// errors. A plan that cannot be read, or names a party the agreement does not have, exits 1
/// with those diagnostics, each at its line.
pub(crate) fn load_plan(agreement: &Agreement, path: &Path) -> Result<LoadedPlan, CliError> {
    let context = agreement.plan_context();
    let text = read_text(path)?;
    let check = check_plan(&text, &path.display().to_string(), &context);
    let Some(plan) = check.plan().cloned() else {
        return Err(CliError::Invalid(check.render(&text).trim_end().to_owned()));
    };
    // The fields that name a party the agreement does not have.
    let mut unknown = Vec::new();
    for (i, activity) in plan.activities().iter().enumerate() {
        if !context.is_party(activity.responsible()) {
            unknown.push(format!("activities[{i}].responsible"));
        }
        for (j, partner) in activity.partners().iter().enumerate() {
            if let Partner::Party(id) = partner
                && !context.is_party(id)
            {
                unknown.push(format!("activities[{i}].partners[{j}]"));
            }
        }
    }
    if !unknown.is_empty() {
        let located: Vec<Diagnostic> = check
            .diagnostics()
            .iter()
            .filter(|d| d.is_error() && unknown.iter().any(|f| f == d.field()))
            .cloned()
            .collect();
        let mut message = tryghed_plan::render_all(&located, &text);
        if located.is_empty() {
            message = format!(
                "fejl: {}: ukendte parter i {}",
                path.display(),
                unknown.join(", ")
            );
        }
        return Err(CliError::Invalid(format!(
            "{}\nfejl: {} nævner parter, som aftalen ikke har ({}), så dens aktiviteter kan ikke tælles",
            message.trim_end(),
            path.display(),
            unknown.len()
        )));
    }
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok(LoadedPlan { plan, name })
}

/// Serialises `value` as pretty JSON followed by a newline.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| CliError::Usage(format!("fejl: JSON kunne ikke skrives: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// A date in Danish, e.g. `8. april 2025`.
pub(crate) fn danish_date(date: chrono::NaiveDate) -> String {
    tryghed_diagnostics::format_date_da(date)
}
