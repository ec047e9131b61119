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
Inddata: et CSV-udtræk med en overskriftslinje. Kolonner som standard: id (kan udelades), date \
(2026-03-01 eller 01-03-2026), code (gerningskode, cifre), x og y (EPSG:25832 i meter; med \
--crs 4326 længde- og breddegrad).

Årene er kalenderår for anmeldelsernes datoer (Tryghedsundersøgelsen i år Å afrapporterer \
kriminaliteten i år Å-1).

Eksempler:
  tryghed count anmeldelser.csv
  tryghed count anmeldelser.csv --layer city --format csv -o antal.csv
  tryghed count anmeldelser.csv --crs 4326 --x-column lon --y-column lat --skip-invalid
  tryghed count anmeldelser.csv --residents indbyggere.csv --observations -o observationer.csv
  tryghed goals --observations observationer.csv --year 2025

Afslutningskoder: 0 udført, 1 ugyldige inddata (linjen nævnes), 2 forkert brug eller fejl ved \
læsning eller skrivning af filer.")]
pub(crate) struct Args {
    /// Udtrækket (CSV med en overskriftslinje); `-` læser standardinput.
    #[arg(value_name = "FIL")]
    input: PathBuf,
    /// Områderne, der tælles i: partnership (standard; partnerskabsområdet, område-id
    /// `omraade`) eller city (byens 17 udsatte byområder; id'erne er deres navne som slugs).
    #[arg(long, value_enum, value_name = "LAG", default_value_t = LayerArg::Partnership)]
    layer: LayerArg,
    /// Positionernes koordinatsystem: 25832 (standard; ETRS89 / UTM 32N, meter) eller 4326
    /// (WGS84 længde- og breddegrad i grader).
    #[arg(long, value_enum, default_value_t = CrsArg::Utm32)]
    crs: CrsArg,
    /// Kolonnen med østkoordinaten eller længdegraden (standard: x).
    #[arg(long, value_name = "NAVN", default_value = "x")]
    x_column: String,
    /// Kolonnen med nordkoordinaten eller breddegraden (standard: y).
    #[arg(long, value_name = "NAVN", default_value = "y")]
    y_column: String,
    /// Kolonnen med anmeldelsens dato (standard: date).
    #[arg(long, value_name = "NAVN", default_value = "date")]
    date_column: String,
    /// Kolonnen med gerningskoden (standard: code).
    #[arg(long, value_name = "NAVN", default_value = "code")]
    code_column: String,
    /// Kolonnen med anmeldelsens id (kan mangle i filen; bruges i meddelelser; standard: id).
    #[arg(long, value_name = "NAVN", default_value = "id")]
    id_column: String,
    /// Feltskilletegnet, f.eks. ';' (standard: læses af overskriftslinjen, ';' eller ',';
    /// med ';' læses et decimalkomma som sådan).
    #[arg(long, value_name = "TEGN")]
    delimiter: Option<char>,
    /// En fil med kriminalitetskategorier i TOML (standard: de indbyggede kategorier
    /// straffelov-2026).
    #[arg(long, value_name = "FIL")]
    categories: Option<PathBuf>,
    /// En CSV-fil med indbyggere (kolonnerne area, year, residents) til tal per 1.000
    /// indbyggere.
    #[arg(long, value_name = "FIL")]
    residents: Option<PathBuf>,
    /// Tabellens uddataformat: text (standard; opsummeringen og en tabel pr. område), csv (én
    /// række pr. område × kategori × år med de nøjagtige antal, til maskiner; opsummeringen
    /// går til standardfejl) eller json (opsummeringen og hver række, til tjenester). text og
    /// json er den offentlige form (antal under grænsen skjules).
    #[arg(long, value_enum, default_value_t)]
    format: CountFormat,
    /// Antal anmeldelser under N (også 0) vises aldrig i text og json, og heller intet, der
    /// afslører dem. Mindst 3; standard 5.
    #[arg(long, value_name = "N", default_value = "5", value_parser = crate::common::parse_threshold)]
    suppression_threshold: tryghed_disclosure::SuppressionThreshold,
    /// Nøjagtige antal også i text og json, mærket »fortroligt – ikke til
    /// offentliggørelse« (til kontrol af udtrækket; csv og --observations er altid nøjagtige).
    #[arg(long)]
    unsuppressed: bool,
    /// Skriv observationsrækker (den CSV med observationer, som `tryghed goals` og `tryghed
    /// report` læser) i stedet for tabellen: ét antal pr. område, aftalens
    /// kriminalitetsindikator og år, og indbyggerne; opsummeringen går til standardfejl.
    #[arg(long)]
    observations: bool,
    /// Aftalen, hvis område (dens `[area]`) partnerskabslaget tæller i, og hvis
    /// kriminalitetsindikatorer navngiver observationsrækkerne (standard: den indbyggede aftale).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Spring ugyldige rækker over og tæl dem pr. årsag i stedet for at stoppe ved den første.
    #[arg(long)]
    skip_invalid: bool,
    /// Tråde: 1 (standard) læser filen på én kerne; 0 bruger alle kerner (blokke parallelt,
    /// samme resultat); højst 256.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = parse_threads)]
    threads: u16,
    /// Skriv til FIL i stedet for standardoutput.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

/// The most threads `--threads` accepts: more than any machine this runs on has cores, and few
/// enough that their stacks cannot exhaust memory.
const MAX_THREADS: u16 = 256;

/// Parses `--threads`: 0 to [`MAX_THREADS`], with a Danish message otherwise.
fn parse_threads(text: &str) -> Result<u16, String> {
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|n| *n <= MAX_THREADS)
        .ok_or_else(|| {
            format!(
                "{} er ikke et antal tråde fra 0 til {MAX_THREADS}",
                tryghed_diagnostics::quote(text.trim())
            )
        })
}

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
                CliError::Usage(format!("fejl: {}", error.message_da()))
            }
            _ => CliError::Invalid(format!("fejl: {}", error.message_da())),
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
            CategorySet::from_toml_str(&text).map_err(|e| {
                CliError::Invalid(format!("fejl: {}: {}", path.display(), e.message_da()))
            })?
        }
        None => CategorySet::straffelov_2026()
            .map_err(|e| CliError::Invalid(format!("fejl: {}", e.message_da())))?,
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
            .map_err(|e| CliError::Usage(format!("fejl: {e}")))?;
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
        other => CliError::Invalid(format!("fejl: {}: {}", path.display(), other.message_da())),
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
        CountError::InvalidRow(row) => {
            CliError::Invalid(format!("fejl: {}: {}", input.display(), row.message_da()))
        }
        CountError::RecordTooLong { line, limit, .. } => CliError::Invalid(format!(
            "fejl: {}: linje {line}: posten er længere end {limit} byte (det længste, der læses)",
            input.display()
        )),
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
                .map(|p| format!(" (fx {})", p.message_da()))
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
        // An area is shown with its id (the JSON's and CSV's key); "outside" is no id of an
        // area, so its Danish name stands alone.
        if matches!(area, AreaKey::Outside) {
            let _ = write!(out, "\n{area_name}\n  {:<34}", "");
        } else {
            let _ = write!(out, "\n{area_name} ({area})\n  {:<34}", "");
        }
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
