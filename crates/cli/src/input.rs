//! Reading the files a command reads whole: a size limit per kind of file, checked before the
//! work starts, and text that is not UTF-8 reported as bad input (exit 1) at the line of the
//! first bad byte, with a hint when the file looks like a Windows-1252 or UTF-16 export.
//!
//! The limits are the project's policy (docs/limits.md); the extracts that `count` and
//! `locate` stream have no size limit, only a limit per record.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::rc::Rc;

use tryghed_diagnostics::LineEnds;

use crate::common::CliError;

const MIB: u64 = 1 << 20;

/// The kinds of file read whole, each with the largest size accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An agreement (TOML): the Folehaven agreement is about 20 KB.
    Agreement,
    /// A tryghedsplan, follow-up, meeting log or ledger (TOML or JSON): a year's plan is a few
    /// dozen activities, tens of KB. Read into a tree that takes about 30 times the file's
    /// size, so the limit also bounds memory (about 250 MB at most).
    YearFile,
    /// A crime-category file (TOML).
    Categories,
    /// An observations or residents file (CSV): a row per indicator, area and year.
    Table,
    /// Estate outlines (GeoJSON): up to [`tryghed_geography::MAX_VERTICES`] positions.
    Outlines,
}

impl Kind {
    /// The largest file accepted, in bytes.
    pub(crate) fn limit(self) -> u64 {
        match self {
            Kind::Agreement | Kind::Categories => MIB,
            Kind::YearFile => 8 * MIB,
            Kind::Table => 16 * MIB,
            Kind::Outlines => 64 * MIB,
        }
    }
}

/// Reads the file at `path` as UTF-8 text (a leading byte-order mark is dropped).
///
/// A file larger than `kind`'s limit, or not UTF-8, is invalid input (exit 1); a file that
/// cannot be opened or read is an I/O error (exit 2).
pub(crate) fn read_text(path: &Path, kind: Kind) -> Result<String, CliError> {
    let bytes = read_bytes(path, kind)?;
    text(path, bytes)
}

/// Reads the file at `path` whole, refusing one larger than `kind`'s limit before reading it
/// (and, for a pipe or a file that grows, as soon as the limit is passed).
pub(crate) fn read_bytes(path: &Path, kind: Kind) -> Result<Vec<u8>, CliError> {
    let limit = kind.limit();
    let file = File::open(path).map_err(|e| CliError::io(path, &e))?;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > limit
    {
        return Err(too_large(path, limit));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::io(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, limit));
    }
    Ok(bytes)
}

fn too_large(path: &Path, limit: u64) -> CliError {
    CliError::Invalid(format!(
        "fejl: {}: filen er større end {} MiB, den største fil af den slags, der læses",
        path.display(),
        limit / MIB
    ))
}

/// `bytes` as text, or why it is not UTF-8 (at the line of the first bad byte).
pub(crate) fn text(path: &Path, mut bytes: Vec<u8>) -> Result<String, CliError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        CliError::Invalid(format!(
            "fejl: {}: {}",
            path.display(),
            tryghed_diagnostics::NotUtf8::new(bytes, e.utf8_error().valid_up_to())
        ))
    })
}

/// A header without a column the command needs (or with it twice), in Danish, naming the
/// file, the line, the columns read and the delimiter they were read with: the same message
/// for `tryghed count` and `tryghed locate`.
pub(crate) fn header_error(
    path: &Path,
    line: u64,
    problem: &str,
    columns: &[String],
    delimiter: u8,
) -> CliError {
    const SHOWN: usize = 20;
    let mut listed: Vec<String> = columns
        .iter()
        .take(SHOWN)
        .map(|c| tryghed_diagnostics::quote(c))
        .collect();
    if columns.len() > SHOWN {
        listed.push(format!("… ({} i alt)", columns.len()));
    }
    CliError::Invalid(format!(
        "fejl: {} linje {line}: {problem}; overskriften har kolonnerne {} (læst med skilletegnet {}; angiv et andet med --delimiter)",
        path.display(),
        if listed.is_empty() {
            "(ingen)".to_owned()
        } else {
            listed.join(", ")
        },
        tryghed_diagnostics::quote(&char::from(delimiter).to_string()),
    ))
}

/// The `--delimiter` option: one ASCII character, or `None` to read it from the header.
pub(crate) fn delimiter_option(value: Option<char>) -> Result<Option<u8>, CliError> {
    value
        .map(|c| {
            u8::try_from(c)
                .ok()
                .filter(|b| b.is_ascii() && !matches!(b, b'"' | b'\n' | b'\r'))
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "fejl: --delimiter {} skal være ét ASCII-tegn (ikke anførselstegn eller linjeskift)",
                        tryghed_diagnostics::quote(&c.to_string())
                    ))
                })
        })
        .transpose()
}

/// Where the record being read starts (byte offset and line), set by the reading loop after
/// each record; the reader of [`open_csv`] stops handing out bytes once that record passes
/// [`tryghed_count::DEFAULT_MAX_RECORD_BYTES`].
pub(crate) type RecordStart = Rc<Cell<(u64, u64)>>;

/// A streamed CSV input: the reader and where its current record starts.
pub(crate) struct CsvInput {
    pub(crate) reader: CsvReader,
    pub(crate) start: RecordStart,
}

/// The reader of [`open_csv`]: line ends normalised and records placed on their lines
/// ([`LineEnds`]), bytes handed out only while the current record is within the limit.
pub(crate) type CsvReader = Guard<LineEnds<io::Chain<io::Cursor<Vec<u8>>, Box<dyn Read>>>>;

/// Opens a CSV file (or standard input for `-`) to stream it, with its delimiter: `given`,
/// or read from the header line as every CSV reader does
/// ([`tryghed_diagnostics::detect_delimiter`]).
pub(crate) fn open_csv(path: &Path, given: Option<u8>) -> Result<(u8, CsvInput), CliError> {
    let mut inner: Box<dyn Read> = if path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(
            File::open(path).map_err(|e| CliError::io(path, &e))?,
        ))
    };
    // Enough of the start to see the header line's delimiters.
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    while head.len() < (1 << 16) && !head.contains(&b'\n') {
        let n = inner.read(&mut chunk).map_err(|e| CliError::io(path, &e))?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
    let delimiter = given.unwrap_or_else(|| tryghed_diagnostics::detect_delimiter(&head));
    let start: RecordStart = Rc::new(Cell::new((0, 1)));
    let reader = Guard {
        inner: LineEnds::new(io::Cursor::new(head).chain(inner)),
        given: 0,
        start: Rc::clone(&start),
        allowance: (tryghed_count::DEFAULT_MAX_RECORD_BYTES as u64).saturating_add(1 << 16),
    };
    Ok((delimiter, CsvInput { reader, start }))
}

/// Whether an I/O error is the one [`open_csv`]'s reader gives at the record limit.
pub(crate) fn is_record_limit(error: &io::Error) -> bool {
    error
        .get_ref()
        .is_some_and(<dyn std::error::Error + Send + Sync>::is::<RecordLimit>)
}

#[derive(Debug)]
struct RecordLimit;

impl std::fmt::Display for RecordLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record is longer than the limit")
    }
}

impl std::error::Error for RecordLimit {}

/// Hands out bytes until the record being read is longer than the allowance.
pub(crate) struct Guard<R> {
    inner: R,
    given: u64,
    start: RecordStart,
    allowance: u64,
}

impl<R> Guard<LineEnds<R>> {
    /// The line ends' record placing ([`LineEnds::place`]).
    pub(crate) fn lines(&self) -> &LineEnds<R> {
        &self.inner
    }

    /// As [`Guard::lines`], mutably.
    pub(crate) fn lines_mut(&mut self) -> &mut LineEnds<R> {
        &mut self.inner
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.given.saturating_sub(self.start.get().0) > self.allowance {
            return Err(io::Error::other(RecordLimit));
        }
        let n = self.inner.read(buf)?;
        self.given += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_first_bad_byte_is_named_with_its_line_and_a_hint() {
        let error = text(
            Path::new("obs.csv"),
            b"indicator,area\nvalby,\xE6ldre\n".to_vec(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            error.starts_with("fejl: obs.csv: linje 2, kolonne 7"),
            "{error}"
        );
        assert!(error.contains("Windows-1252; gem den som UTF-8"), "{error}");
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let text = text(Path::new("x"), b"\xEF\xBB\xBFyear = 2026\n".to_vec()).unwrap();
        assert_eq!(text, "year = 2026\n");
    }
}
