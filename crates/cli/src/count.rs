//! `tryghed count`: from a police-report extract to counts per area × crime category × year.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use tryghed_count::{
    AreaKey, CategoryKey, CountError, CountOptions, CountReport, CountRow, CountSummary, Counter,
    IndicatorMap, LayerChoice, Residents,
};
use tryghed_geography::Crs;
use tryghed_goals::CategorySet;

use crate::common::{CliError, load_agreement, to_json};
use crate::count_published::{PublishedDocument, PublishedTable};
use crate::output::Destination;

/// Count police reports (anmeldelser) per area, crime category and calendar year.
///
/// Reads a CSV extract with a header row, streamed in constant memory. Each report's
/// position is classified into the partnership area (or the city's udsatte byområder), its
/// offence code matched to the crime categories; reports outside every area are counted as
/// such and codes matching no category are counted under "other" and listed. Every row is
/// classified, outside or skipped, and the summary shows that they add up.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Input: a CSV extract with a header row. Default columns: id (optional), date (2026-03-01 or \
01-03-2026), code (offence code, digits), x and y (EPSG:25832 metres; with --crs 4326 \
longitude and latitude).

Years are calendar years of the report dates (the survey of year Y reports the crime of Y-1).

Examples:
  tryghed count anmeldelser.csv
  tryghed count anmeldelser.csv --layer city --format csv -o counts.csv
  tryghed count anmeldelser.csv --crs 4326 --x-column lon --y-column lat --skip-invalid
  tryghed count anmeldelser.csv --residents indbyggere.csv --observations -o observationer.csv
  tryghed goals --observations observationer.csv --year 2025

Exit codes: 0 success, 1 invalid input (the line is named), 2 usage or I/O error.")]
pub(crate) struct Args {
    /// The extract (CSV with a header row); `-` reads standard input.
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// The areas to count in.
    #[arg(long, value_enum, default_value_t = LayerArg::Partnership)]
    layer: LayerArg,
    /// The coordinate system of the positions: 25832 (ETRS89 / UTM 32N, metres) or 4326
    /// (WGS84 longitude/latitude).
    #[arg(long, value_enum, default_value_t = CrsArg::Utm32)]
    crs: CrsArg,
    /// The column with the easting or longitude.
    #[arg(long, value_name = "NAME", default_value = "x")]
    x_column: String,
    /// The column with the northing or latitude.
    #[arg(long, value_name = "NAME", default_value = "y")]
    y_column: String,
    /// The column with the report date.
    #[arg(long, value_name = "NAME", default_value = "date")]
    date_column: String,
    /// The column with the offence code (gerningskode).
    #[arg(long, value_name = "NAME", default_value = "code")]
    code_column: String,
    /// The column with the report id (optional in the file; used in messages).
    #[arg(long, value_name = "NAME", default_value = "id")]
    id_column: String,
    /// The field delimiter, e.g. ';' [default: read from the header line: ';' or ',', and a
    /// decimal comma is read as such].
    #[arg(long, value_name = "CHAR")]
    delimiter: Option<char>,
    /// A crime-category file in TOML (default: the embedded straffelov-2026 categories).
    #[arg(long, value_name = "FILE")]
    categories: Option<PathBuf>,
    /// A residents CSV (columns area, year, residents) for rates per 1,000 residents.
    #[arg(long, value_name = "FILE")]
    residents: Option<PathBuf>,
    /// Output format of the table. Text and JSON are the published form (counts below the
    /// threshold hidden); CSV is machine input with the exact counts.
    #[arg(long, value_enum, default_value_t)]
    format: CountFormat,
    /// Counts of reports below N (0 included) are never shown in the text and JSON, nor
    /// anything that gives them away. At least 3.
    #[arg(long, value_name = "N", default_value = "5", value_parser = crate::common::parse_threshold)]
    suppression_threshold: tryghed_disclosure::SuppressionThreshold,
    /// Exact counts in the text and JSON too, stamped "fortroligt – ikke til
    /// offentliggørelse" (for checking the extract; CSV and --observations are always exact).
    #[arg(long)]
    unsuppressed: bool,
    /// Write observation rows (the observations CSV that `tryghed goals` and `tryghed
    /// report` read) instead of the table: one count per area, crime indicator of the
    /// agreement and year, and the residents; the summary goes to standard error.
    #[arg(long)]
    observations: bool,
    /// The agreement whose area (its `[area]`) the partnership layer counts in and whose
    /// crime indicators name the observation rows (default: the embedded agreement).
    #[arg(long, value_name = "FILE")]
    agreement: Option<PathBuf>,
    /// Skip invalid rows, counting them per reason, instead of stopping at the first.
    #[arg(long)]
    skip_invalid: bool,
    /// Threads: 1 streams on one core; 0 uses every core (parallel blocks, same result); at
    /// most 256.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u16).range(0..=i64::from(MAX_THREADS)))]
    threads: u16,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The most threads `--threads` accepts: more than any machine this runs on has cores, and few
/// enough that their stacks cannot exhaust memory.
const MAX_THREADS: u16 = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LayerArg {
    /// The area the agreement declares in `[area]` (area id `omraade`).
    Partnership,
    /// The city's 17 udsatte byområder (area ids are their names as slugs).
    City,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CrsArg {
    /// WGS84 longitude/latitude in degrees.
    #[value(name = "4326")]
    Wgs84,
    /// ETRS89 / UTM zone 32N, metres.
    #[value(name = "25832")]
    Utm32,
}

/// Output formats of `tryghed count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
enum CountFormat {
    /// For people: the summary and a table per area.
    #[default]
    Text,
    /// One row per area × category × year with the exact counts, as machine input (the
    /// summary goes to standard error).
    Csv,
    /// The summary and every row, for services.
    Json,
}

impl From<CountError> for CliError {
    fn from(error: CountError) -> Self {
        match error {
            CountError::Io(_) | CountError::Options { .. } => {
                CliError::Usage(format!("error: {error}"))
            }
            _ => CliError::Invalid(format!("error: {error}")),
        }
    }
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    let destination = Destination::new(
        args.output.as_deref(),
        &[
            Some(&args.input),
            args.categories.as_deref(),
            args.residents.as_deref(),
            args.agreement.as_deref(),
        ],
    )?;
    let categories = match &args.categories {
        Some(path) => {
            let text = crate::input::read_text(path, crate::input::Kind::Categories)?;
            CategorySet::from_toml_str(&text)
                .map_err(|e| CliError::Invalid(format!("error: {}: {e}", path.display())))?
        }
        None => {
            CategorySet::straffelov_2026().map_err(|e| CliError::Invalid(format!("error: {e}")))?
        }
    };
    let delimiter = crate::input::delimiter_option(args.delimiter)?;
    let mut options = CountOptions::new()
        .with_crs(match args.crs {
            CrsArg::Wgs84 => Crs::Wgs84,
            CrsArg::Utm32 => Crs::Etrs89Utm32,
        })
        .with_x_column(&args.x_column)
        .with_y_column(&args.y_column)
        .with_date_column(&args.date_column)
        .with_code_column(&args.code_column)
        .with_id_column(Some(&args.id_column))
        .with_skip_invalid(args.skip_invalid);
    if let Some(delimiter) = delimiter {
        options = options.with_delimiter(delimiter);
    }
    let agreement = load_agreement(args.agreement.as_deref())?;
    crate::common::protect_area_files(args.output.as_deref(), &agreement)?;
    let residents = match &args.residents {
        Some(path) => {
            let text = crate::input::read_text(path, crate::input::Kind::Table)?;
            Some(Residents::from_csv_reader(text.as_bytes()).map_err(|e| in_file(path, e))?)
        }
        None => None,
    };
    let counter = match args.layer {
        LayerArg::Partnership => {
            let area = crate::common::declared_area(&agreement, args.agreement.as_deref())?;
            Counter::for_area(area, categories.clone(), options)?
        }
        LayerArg::City => Counter::new(LayerChoice::City, categories.clone(), options)?,
    };
    let mut report = count(&counter, &args.input, args.threads)?;
    if let Some(residents) = &residents {
        report = report
            .with_residents(residents)
            .map_err(|e| in_file(args.residents.as_deref().unwrap_or(Path::new("")), e))?;
    }
    if args.observations {
        // The agreement's indicators with a crime category name the rows, so that
        // `tryghed goals` and `tryghed report` find them.
        let map = IndicatorMap::from_indicators(
            agreement
                .goals()
                .iter()
                .flat_map(tryghed_goals::Goal::indicators)
                .map(tryghed_goals::GoalIndicator::indicator),
        );
        let observations = report.observations(&map)?;
        let mut bytes = Vec::new();
        tryghed_goals::write_csv(observations.iter(), &mut bytes)
            .map_err(|e| CliError::Usage(format!("error: {e}")))?;
        eprint!("{}", summary_text(report.summary(), None));
        eprintln!("{EXACT_NOTE}");
        return destination.write(&String::from_utf8_lossy(&bytes));
    }
    let text = render(args, &report, &categories)?;
    destination.write(&text)
}

/// The table and summary in the chosen format: published, or exact with `--unsuppressed`.
fn render(args: &Args, report: &CountReport, categories: &CategorySet) -> Result<String, CliError> {
    let published = (!args.unsuppressed)
        .then(|| PublishedTable::new(report.table(), categories, args.suppression_threshold));
    let text = match (args.format, &published) {
        (CountFormat::Json, Some(table)) => to_json(&PublishedDocument::new(report, table))?,
        (CountFormat::Json, None) => to_json(&ExactDocument {
            confidential: tryghed_disclosure::CONFIDENTIAL_STAMP,
            report,
        })?,
        (CountFormat::Csv, _) => {
            eprint!("{}", summary_text(report.summary(), None));
            eprintln!("{EXACT_NOTE}");
            let mut bytes = Vec::new();
            report.table().write_csv(&mut bytes)?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        (CountFormat::Text, Some(table)) => {
            let mut out = summary_text(report.summary(), Some(args.suppression_threshold));
            out.push_str(&table_text(report, Some(table)));
            out
        }
        (CountFormat::Text, None) => {
            let mut out = format!(
                "{}\n",
                tryghed_disclosure::CONFIDENTIAL_STAMP.to_uppercase()
            );
            out.push_str(&summary_text(report.summary(), None));
            out.push_str(&table_text(report, None));
            out
        }
    };
    Ok(text)
}

/// Said on standard error with every exact file.
const EXACT_NOTE: &str = "Bemærk: filen har de nøjagtige antal (maskinlæsbare inddata til tryghed goals/report), fortroligt – ikke til offentliggørelse.";

/// `--format json --unsuppressed`: the report's serde form, stamped.
#[derive(serde::Serialize)]
struct ExactDocument<'a> {
    confidential: &'static str,
    #[serde(flatten)]
    report: &'a CountReport,
}

/// A residents-file error with the file's name.
fn in_file(path: &Path, error: CountError) -> CliError {
    match error {
        CountError::Io(e) => CliError::io(path, &e),
        CountError::Residents { problems, .. } => {
            let lines = problems.iter().map(|p| {
                let column = p
                    .column()
                    .map(|c| format!(", kolonne \"{c}\""))
                    .unwrap_or_default();
                format!(
                    "fejl: {} linje {}{column}: {}",
                    path.display(),
                    p.line(),
                    p.message_da()
                )
            });
            CliError::Invalid(crate::common::listed(lines, problems.len()))
        }
        other => CliError::Invalid(format!("error: {}: {other}", path.display())),
    }
}

/// Counts the input file (or standard input), with a progress bar on a terminal.
fn count(counter: &Counter, input: &Path, threads: u16) -> Result<CountReport, CliError> {
    let run = |reader: Box<dyn Read + Send>| -> Result<CountReport, CountError> {
        if threads == 1 {
            return counter.count(reader);
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(threads))
            .build()
            .map_err(|e| CountError::Io(io::Error::other(e.to_string())))?;
        pool.install(|| counter.par_count(reader))
    };
    let in_input = |e: CountError| match e {
        CountError::Io(io) => CliError::io(input, &io),
        CountError::InvalidRow(_) | CountError::RecordTooLong { .. } => {
            CliError::Invalid(format!("error: {}: {e}", input.display()))
        }
        CountError::Header {
            line,
            problem,
            header,
            delimiter,
            ..
        } => {
            let problem = match problem {
                tryghed_count::HeaderProblem::Empty => {
                    "filen er tom: den har ingen overskrift".to_owned()
                }
                tryghed_count::HeaderProblem::MissingColumn { column, .. } => {
                    format!("ingen kolonne {}", tryghed_diagnostics::quote(&column))
                }
                tryghed_count::HeaderProblem::RepeatedColumn { column, .. } => format!(
                    "kolonnen {} står der mere end én gang",
                    tryghed_diagnostics::quote(&column)
                ),
                other => other.to_string(),
            };
            crate::input::header_error(input, line, &problem, &header, delimiter)
        }
        other => CliError::from(other),
    };
    if input == Path::new("-") {
        return run(Box::new(io::stdin())).map_err(in_input);
    }
    let file = File::open(input).map_err(|e| CliError::io(input, &e))?;
    let len = file.metadata().map_or(0, |m| m.len());
    if !io::stderr().is_terminal() {
        return run(Box::new(file)).map_err(in_input);
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} {bytes}/{total_bytes} {wide_bar} {bytes_per_sec}, {eta} left",
    ) {
        bar.set_style(style);
    }
    let result = run(Box::new(bar.wrap_read(file)));
    bar.finish_and_clear();
    result.map_err(in_input)
}

/// A whole number with Danish thousands separators: 1.234.567.
fn dk(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The accounting, in Danish: read = classified + outside + skipped, skip reasons with their
/// first lines, unknown codes. The published form (`threshold` given) says only whether it adds
/// up, with the skip reasons and the unknown codes but no numbers: they are totals of the
/// table's cells and could give a hidden one back by subtraction.
fn summary_text(
    s: &CountSummary,
    threshold: Option<tryghed_disclosure::SuppressionThreshold>,
) -> String {
    let exact = threshold.is_none();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Optælling af anmeldelser: lag {}, {}, kategorier {}",
        s.layer(),
        s.crs(),
        s.category_set()
    );
    let verdict = if s.adds_up() {
        "stemmer"
    } else {
        "STEMMER IKKE"
    };
    if exact {
        let _ = writeln!(
            out,
            "Rækker læst {} = i områderne {} + uden for {} + sprunget over {} ({verdict})",
            dk(s.rows_read()),
            dk(s.classified()),
            dk(s.outside()),
            dk(s.skipped()),
        );
    } else {
        let _ = writeln!(
            out,
            "Regnskabet {verdict}: hver læst række er talt i et område, uden for eller sprunget over."
        );
    }
    for skip in s.skips() {
        let lines: Vec<String> = skip.first_lines().iter().map(ToString::to_string).collect();
        let rows = if exact {
            format!("{} rækker, ", dk(skip.rows()))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  sprunget over, {}: {rows}første linjer {}{}",
            skip.reason().label_da(),
            lines.join(", "),
            skip.first()
                .map(|p| format!(" (fx {p})"))
                .unwrap_or_default()
        );
    }
    if !s.unknown_codes().is_empty() || (exact && s.other_rows() > 0) {
        let top: Vec<String> = s
            .unknown_codes()
            .iter()
            .take(10)
            .map(|c| {
                if exact {
                    format!("{} ({})", c.code(), dk(c.rows()))
                } else {
                    c.code().to_string()
                }
            })
            .collect();
        let more = if s.unknown_codes().len() > 10 {
            ", …"
        } else {
            ""
        };
        if exact {
            let unlisted = if s.unlisted_unknown_rows() > 0 {
                format!(
                    " (+ {} rækker med flere koder)",
                    dk(s.unlisted_unknown_rows())
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "Koder uden kategori (talt som \"andet\"): {} rækker, {} forskellige koder{unlisted}: {}{more}",
                dk(s.other_rows()),
                s.unknown_codes().len(),
                top.join(", "),
            );
        } else {
            let _ = writeln!(
                out,
                "Koder uden kategori (talt som \"andet\"): {}{more}",
                top.join(", ")
            );
        }
    }
    if let Some(t) = threshold {
        let _ = writeln!(
            out,
            "Antal under {t} vises som \"< {t}\", og \"skjult\" er skjult, så de små antal ikke kan regnes ud (diskretionering). Antallene i regnskabet og de nøjagtige tal: --unsuppressed (fortroligt)."
        );
    }
    out
}

/// One block per area (and outside): a row per category, a column per year; a rate per
/// 1,000 residents (one decimal, Danish comma) after the count when residents are given.
fn table_text(report: &CountReport, published: Option<&PublishedTable>) -> String {
    let t = report.table();
    let years = t.years();
    let mut out = String::new();
    if years.is_empty() {
        out.push_str("\nIngen gyldige rækker.\n");
        return out;
    }
    let rows: Vec<CountRow> = t.rows().collect();
    // Area keys in table order, each once.
    let mut areas: Vec<(AreaKey, String)> = Vec::new();
    let mut categories: Vec<(CategoryKey, String)> = Vec::new();
    for r in &rows {
        if !areas.iter().any(|(k, _)| k == r.area()) {
            areas.push((r.area().clone(), r.area_name().to_owned()));
        }
        if !categories.iter().any(|(k, _)| k == r.category()) {
            categories.push((r.category().clone(), r.category_name().to_owned()));
        }
    }
    for (area, area_name) in &areas {
        let _ = write!(out, "\n{area_name} ({area})\n  {:<34}", "");
        for y in years {
            let _ = write!(out, " {y:>18}");
        }
        out.push('\n');
        for (category, category_name) in &categories {
            let _ = write!(out, "  {category_name:<34}");
            for &y in years {
                let row = rows
                    .iter()
                    .find(|r| r.area() == area && r.category() == category && r.year() == y);
                let cell = match (row, published) {
                    (Some(r), Some(table)) => match table.get(r.area(), r.category(), r.year()) {
                        // A rate only for a shown count: it would give a hidden one back.
                        Some(c) => match (c.value(), r.rate_per_1000()) {
                            (Some(_), Some(rate)) => {
                                format!("{c} ({}‰)", rate.round_dp(1).to_string().replace('.', ","))
                            }
                            _ => c.to_string(),
                        },
                        None => "ukendt".to_owned(),
                    },
                    (Some(r), None) => match (r.count(), r.rate_per_1000()) {
                        (Some(n), None) => dk(n),
                        (Some(n), Some(rate)) => format!(
                            "{} ({}‰)",
                            dk(n),
                            rate.round_dp(1).to_string().replace('.', ",")
                        ),
                        _ => "ukendt".to_owned(),
                    },
                    (None, _) => "ukendt".to_owned(),
                };
                let _ = write!(out, " {cell:>18}");
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_thousands() {
        assert_eq!(dk(0), "0");
        assert_eq!(dk(999), "999");
        assert_eq!(dk(1000), "1.000");
        assert_eq!(dk(1_234_567), "1.234.567");
    }
}
