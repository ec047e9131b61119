//! `tryghed locate`: add the area (or estate) that contains each row's point to a CSV file.

use std::io;
use std::path::PathBuf;

use clap::ValueEnum;
use tryghed_agreement::Agreement;
use tryghed_geography::{CrsCoord, Layer, Locator, Utm32, Wgs84};

use crate::common::CliError;
use crate::output::Destination;

/// Which areas to classify the points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum LayerChoice {
    /// The area the agreement declares in `[area]` and its estates with known outlines (from
    /// the agreement's `estates` file or --estates).
    #[default]
    Partnership,
    /// Københavns Kommune's 17 "udsatte byområder" (the `delomraade` name).
    City,
}

/// The reference system of the input coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum CrsChoice {
    /// WGS84 longitude/latitude in degrees.
    #[default]
    #[value(name = "4326")]
    Wgs84,
    /// ETRS89 / UTM zone 32N easting/northing in metres.
    #[value(name = "25832")]
    Utm32,
}

/// Add a last column `area` naming the area that contains each row's point.
///
/// Streams the CSV: every input row and column is written unchanged, plus `area` (the
/// estate's name where estate outlines are known, else the partnership area's name, or the
/// city area's `delomraade`; empty when outside). A point exactly on a boundary is outside.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Eksempler:\n  tryghed locate anmeldelser.csv -o placeret.csv\n  \
    tryghed locate anmeldelser.csv --layer city\n  \
    tryghed locate anmeldelser.csv --crs 25832 --x-column x --y-column y --skip-invalid\n\n\
    Indeholder data fra Københavns Kommune, Udsatte byområder (opendata.dk), CC BY 4.0."
)]
pub(crate) struct Args {
    /// CSV-filen med en overskriftslinje (»-« læser standardinput).
    #[arg(value_name = "FIL.csv")]
    input: PathBuf,
    /// Områderne, punkterne placeres i: partnership (standard; partnerskabsområdet »Ved
    /// Folehaven« og, når deres omrids gives med --estates, dets boligområder) eller city
    /// (Københavns Kommunes 17 udsatte byområder, med navnet fra `delomraade`).
    #[arg(long, value_enum, value_name = "LAG", default_value_t)]
    layer: LayerChoice,
    /// Koordinaternes referencesystem: EPSG-kode 4326 (standard; WGS84 længde- og breddegrad i
    /// grader) eller 25832 (ETRS89 / UTM 32N, øst- og nordkoordinat i meter).
    #[arg(long, value_enum, default_value_t)]
    crs: CrsChoice,
    /// Kolonnen med x: længdegrad eller østkoordinat (standard: lon, eller easting med --crs
    /// 25832).
    #[arg(long, value_name = "NAVN")]
    x_column: Option<String>,
    /// Kolonnen med y: breddegrad eller nordkoordinat (standard: lat, eller northing med --crs
    /// 25832).
    #[arg(long, value_name = "NAVN")]
    y_column: Option<String>,
    /// Aftalen, hvis område (dens `[area]`) partnerskabslaget er (standard: den indbyggede
    /// aftale).
    #[arg(long, value_name = "FIL")]
    agreement: Option<PathBuf>,
    /// Officielle omrids af boligområderne (GeoJSON, egenskaben `estate`) til
    /// partnerskabsområdet.
    #[arg(long, value_name = "FIL.geojson")]
    estates: Option<PathBuf>,
    /// Behold rækker med en manglende eller ugyldig koordinat med en tom `area` (deres antal
    /// skrives på standardfejl) i stedet for at stoppe med afslutningskode 1.
    #[arg(long)]
    skip_invalid: bool,
    /// Feltskilletegnet, f.eks. ';' (standard: læses af overskriftslinjen, ';' eller ',';
    /// med ';' læses et decimalkomma som sådan). Uddata bruger samme skilletegn.
    #[arg(long, value_name = "TEGN")]
    delimiter: Option<char>,
    /// Skriv til FIL i stedet for standardoutput.
    #[arg(short, long, value_name = "FIL")]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Result<(), CliError> {
    // On any error the temporary output file is removed and a file at `-o` stays as it was.
    let destination = Destination::new(
        args.output.as_deref(),
        &[
            Some(&args.input),
            args.estates.as_deref(),
            args.agreement.as_deref(),
        ],
    )?;
    let agreement = match args.layer {
        LayerChoice::Partnership => {
            let agreement = crate::common::load_agreement(args.agreement.as_deref())?;
            crate::common::protect_area_files(args.output.as_deref(), &agreement)?;
            Some(agreement)
        }
        LayerChoice::City => None,
    };
    match args.crs {
        CrsChoice::Wgs84 => run_in::<Wgs84>(args, agreement.as_ref(), &destination),
        CrsChoice::Utm32 => run_in::<Utm32>(args, agreement.as_ref(), &destination),
    }
}

fn geo_error(error: &tryghed_geography::GeoError) -> CliError {
    CliError::Invalid(format!("fejl: {}", error.message_da()))
}

/// Builds the classifier for `P` and streams the file through it.
fn run_in<P: CrsCoord>(
    args: &Args,
    agreement: Option<&Agreement>,
    destination: &Destination,
) -> Result<(), CliError> {
    match (args.layer, agreement) {
        (LayerChoice::City, _) | (LayerChoice::Partnership, None) => {
            let layer = Layer::<Wgs84>::city().map_err(|e| geo_error(&e))?;
            let layer = layer.transform::<P>().map_err(|e| geo_error(&e))?;
            let locator = Locator::new(layer);
            stream(args, destination, |p: P| {
                locator.locate(p).map(tryghed_geography::Area::name)
            })
        }
        (LayerChoice::Partnership, Some(agreement)) => {
            let mut area =
                crate::common::declared_area(agreement, args.agreement.as_deref())?.clone();
            if let Some(path) = &args.estates {
                let text = crate::input::read_text(path, crate::input::Kind::Outlines)?;
                area = area.with_estate_outlines(&text).map_err(|e| {
                    CliError::Invalid(format!("fejl: {}: {}", path.display(), e.message_da()))
                })?;
            }
            let locator = area.locator::<P>().map_err(|e| geo_error(&e))?;
            stream(args, destination, |p: P| {
                locator.locate(p).map(tryghed_geography::Place::name)
            })
        }
    }
}

/// A CSV error: I/O problems are exit 2, malformed CSV is exit 1; both name the place. A
/// record over the limit (the reader stopped handing out bytes) names its line.
fn csv_error(
    source: &str,
    error: &csv::Error,
    reader: &crate::input::CsvReader,
    start: &crate::input::RecordStart,
    limit: usize,
) -> CliError {
    let place = reader
        .lines()
        .error_line(error)
        .map(|line| format!(" linje {line}"))
        .unwrap_or_default();
    match error.kind() {
        csv::ErrorKind::Io(io) if crate::input::is_record_limit(io) => {
            let (byte, line) = start.get();
            too_long(source, reader.lines().record_line(byte, line), limit)
        }
        csv::ErrorKind::Io(_) => CliError::Usage(format!("fejl: {source}{place}: {error}")),
        _ => CliError::Invalid(format!("fejl: {source}{place}: {error}")),
    }
}

/// Reads the rows one at a time, writing each with its area: memory stays flat (a record is
/// at most [`tryghed_count::DEFAULT_MAX_RECORD_BYTES`]).
fn stream<'l, P: CrsCoord>(
    args: &Args,
    destination: &Destination,
    classify: impl Fn(P) -> Option<&'l str>,
) -> Result<(), CliError> {
    let source = args.input.display().to_string();
    let (default_x, default_y) = match args.crs {
        CrsChoice::Wgs84 => ("lon", "lat"),
        CrsChoice::Utm32 => ("easting", "northing"),
    };
    let x_name = args.x_column.as_deref().unwrap_or(default_x);
    let y_name = args.y_column.as_deref().unwrap_or(default_y);

    let given = crate::input::delimiter_option(args.delimiter)?;
    let (delimiter, input) = crate::input::open_csv(&args.input, given)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(delimiter)
        .from_reader(input.reader);
    let limit = tryghed_count::DEFAULT_MAX_RECORD_BYTES;
    let (headers, header_line) = read_header(&mut reader, &source, &input.start, limit)?;
    input
        .start
        .set((reader.position().byte(), reader.position().line()));
    let names: Vec<String> = headers
        .iter()
        .map(|h| tryghed_diagnostics::header_name(&String::from_utf8_lossy(h)).to_owned())
        .collect();
    let column = |name: &str| {
        names.iter().position(|h| h == name).ok_or_else(|| {
            crate::input::header_error(
                &args.input,
                header_line,
                &format!("ingen kolonne {}", tryghed_diagnostics::quote(name)),
                &names,
                delimiter,
            )
        })
    };
    let (xi, yi) = (column(x_name)?, column(y_name)?);

    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(destination.open()?);
    let out_name = destination.name();
    // A closed pipe (`tryghed locate … | head`) ends the run quietly.
    let write_err = |e: csv::Error| match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe => None,
        _ => Some(CliError::Usage(format!("fejl: {out_name}: {e}"))),
    };
    if let Err(e) = writer.write_record(headers.iter().chain(std::iter::once(&b"area"[..]))) {
        return write_err(e).map_or(Ok(()), Err);
    }

    let mut record = csv::ByteRecord::new();
    let mut skipped: u64 = 0;
    let mut first_skipped: Option<(u64, String)> = None;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => reader.get_mut().lines_mut().place(&mut record),
            Ok(false) => break,
            Err(e) => {
                return Err(csv_error(
                    &source,
                    &e,
                    reader.get_ref(),
                    &input.start,
                    limit,
                ));
            }
        }
        let line = record.position().map_or(0, csv::Position::line);
        let start = record.position().map_or(0, csv::Position::byte);
        let next = reader.position();
        if next.byte().saturating_sub(start) > limit as u64 {
            return Err(too_long(&source, line, limit));
        }
        input.start.set((next.byte(), next.line()));
        check_utf8(&source, &record, Some(&names))?;
        let area = match point::<P>(&record, delimiter, (xi, x_name), (yi, y_name)) {
            Ok(p) => classify(p).unwrap_or(""),
            Err(problem) if args.skip_invalid => {
                skipped += 1;
                if first_skipped.is_none() {
                    first_skipped = Some((line, problem));
                }
                ""
            }
            Err(problem) => {
                return Err(CliError::Invalid(format!(
                    "fejl: {source} linje {line}: {problem} (brug --skip-invalid for at beholde sådanne rækker med et tomt område)"
                )));
            }
        };
        if let Err(e) = writer.write_record(record.iter().chain(std::iter::once(area.as_bytes()))) {
            return write_err(e).map_or(Ok(()), Err);
        }
    }
    match writer.into_inner() {
        Ok(output) => output.finish()?,
        Err(e) if e.error().kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(CliError::Usage(format!("fejl: {out_name}: {}", e.error()))),
    }
    if let Some((line, problem)) = first_skipped {
        eprintln!(
            "sprang {skipped} række(r) med en manglende eller ugyldig koordinat over (beholdt med et tomt område); den første på linje {line}: {problem}"
        );
    }
    Ok(())
}

/// The header record, UTF-8, and its own line (blank lines may come before it).
fn read_header(
    reader: &mut csv::Reader<crate::input::CsvReader>,
    source: &str,
    start: &crate::input::RecordStart,
    limit: usize,
) -> Result<(csv::ByteRecord, u64), CliError> {
    let headers = match reader.byte_headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return Err(csv_error(source, &e, reader.get_ref(), start, limit)),
    };
    let line = headers.position().map_or(1, |p| {
        reader.get_ref().lines().record_line(p.byte(), p.line())
    });
    check_utf8(source, &headers, None)?;
    Ok((headers, line))
}

fn too_long(source: &str, line: u64, limit: usize) -> CliError {
    CliError::Invalid(format!(
        "fejl: {source} linje {line}: rækken er længere end {limit} bytes, den længste der læses"
    ))
}

/// A record's fields must be UTF-8 text; the first that is not is named with its line.
fn check_utf8(
    source: &str,
    record: &csv::ByteRecord,
    names: Option<&[String]>,
) -> Result<(), CliError> {
    for (i, field) in record.iter().enumerate() {
        if let Err(e) = std::str::from_utf8(field) {
            let line = record.position().map_or(1, csv::Position::line);
            let problem = tryghed_diagnostics::NotUtf8::new(field, e.valid_up_to());
            let column = names.and_then(|n| n.get(i)).map_or_else(
                || format!("felt {}", i + 1),
                |n| format!("kolonnen {}", tryghed_diagnostics::quote(n)),
            );
            let hint = match problem.looks_like() {
                Some(tryghed_diagnostics::Encoding::Windows1252) => {
                    "; filen ser ud til at være Windows-1252; gem den som UTF-8"
                }
                Some(tryghed_diagnostics::Encoding::Utf16) => {
                    "; filen ser ud til at være UTF-16; gem den som UTF-8"
                }
                _ => "",
            };
            return Err(CliError::Invalid(format!(
                "fejl: {source} linje {line}, {column}: filen er ikke UTF-8 (byten 0x{:02X} kan ikke læses){hint}",
                problem.byte()
            )));
        }
    }
    Ok(())
}

/// The row's point, or what is wrong with it.
fn point<P: CrsCoord>(
    record: &csv::ByteRecord,
    delimiter: u8,
    (xi, x_name): (usize, &str),
    (yi, y_name): (usize, &str),
) -> Result<P, String> {
    let value = |i: usize, name: &str| -> Result<f64, String> {
        let text = record
            .get(i)
            .and_then(|f| std::str::from_utf8(f).ok())
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                format!(
                    "kolonnen {} mangler eller er tom",
                    tryghed_diagnostics::quote(name)
                )
            })?;
        tryghed_diagnostics::parse_decimal(text, delimiter).ok_or_else(|| {
            format!(
                "kolonnen {}: {} er ikke et endeligt tal",
                tryghed_diagnostics::quote(name),
                tryghed_diagnostics::quote(text)
            )
        })
    };
    let (x, y) = (value(xi, x_name)?, value(yi, y_name)?);
    P::from_xy(x, y).map_err(|e| e.to_string())
}
