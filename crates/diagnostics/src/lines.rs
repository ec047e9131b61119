//! The line a CSV record starts on, right for Windows line ends and blank lines.

use std::collections::VecDeque;
use std::io::{self, Read};

/// A reader that hands on its input with every line end as `\n` and tells the line a CSV
/// record starts on.
///
/// The `csv` crate numbers lines by the `\n` bytes it has consumed, and a record's position is
/// where the reader stood when it began looking for it. Two common inputs make that line wrong
/// (see rust-csv issues 208 and 395):
///
/// * **Windows line ends** (`\r\n`, what Excel writes): the reader ends a record at the `\r`
///   and takes the `\n` as the start of the next one, so every record after the first is
///   reported one line early;
/// * **blank lines**: they are skipped, and the record after them is reported on the first
///   blank line.
///
/// `LineEnds` sits between the file and the CSV reader. It turns `\r\n` and a lone `\r` into
/// `\n` (so byte offsets are those of the normalised text, and a quoted field keeps its line
/// breaks as `\n`), and it notes where runs of blank lines are. Given the position the CSV
/// reader gave a record, [`record_line`](LineEnds::record_line) returns the line of the
/// record's first byte, counted in the file as a text editor counts it.
///
/// Comment lines, when the CSV reader skips them, are counted like blank lines
/// ([`with_comment`](LineEnds::with_comment)).
///
/// It remembers at most [`LineEnds::MAX_RUNS`] runs of skipped lines; call
/// [`forget_before`](LineEnds::forget_before) with each record's start byte so that the
/// memory stays small. When a hostile file has more blank runs within one record than that,
/// the oldest are forgotten and a line number can be early by the blank lines forgotten; no
/// input makes it use more memory.
///
/// # Example
///
/// ```
/// use tryghed_diagnostics::LineEnds;
///
/// let text = "year,share\r\n2025,70\r\n\r\n2026,x\r\n";
/// let mut rdr = csv::ReaderBuilder::new().from_reader(LineEnds::new(text.as_bytes()));
/// let mut lines = Vec::new();
/// let mut record = csv::ByteRecord::new();
/// while rdr.read_byte_record(&mut record)? {
///     rdr.get_mut().place(&mut record);
///     lines.extend(record.position().map(csv::Position::line));
/// }
/// // "2026,x" is on the fourth line of the file, after a blank line.
/// assert_eq!(lines, [2, 4]);
/// # Ok::<(), csv::Error>(())
/// ```
#[derive(Debug)]
pub struct LineEnds<R> {
    inner: R,
    /// The comment byte the CSV reader is given, if any: a line starting with it is skipped.
    comment: Option<u8>,
    /// Bytes handed on so far (of the normalised text).
    offset: u64,
    /// The last byte read from the input was `\r` (handed on as `\n`).
    after_cr: bool,
    /// The next byte starts a line.
    at_line_start: bool,
    /// Inside a comment line.
    in_comment: bool,
    /// The lines skipped since the last line that was not, and where each began (the last
    /// [`LineEnds::MAX_RUNS`] of them): (start, index in the run).
    skipped: u64,
    open: VecDeque<(u64, u64)>,
    /// Lines skipped before a record: (where the line starts, lines skipped from there on,
    /// the byte where the record starts).
    runs: VecDeque<(u64, u64, u64)>,
}

impl<R> LineEnds<R> {
    /// Most skipped lines remembered at once.
    pub const MAX_RUNS: usize = 1 << 16;

    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        Self {
            inner,
            comment: None,
            offset: 0,
            after_cr: false,
            at_line_start: true,
            in_comment: false,
            skipped: 0,
            open: VecDeque::new(),
            runs: VecDeque::new(),
        }
    }

    /// Counts lines that start with `comment` as skipped, as the CSV reader does when given
    /// the same byte (`csv::ReaderBuilder::comment`).
    #[must_use]
    pub fn with_comment(mut self, comment: u8) -> Self {
        self.comment = Some(comment);
        self
    }

    /// The line (1-based) of the first byte of the record whose position the CSV reader gave
    /// as `byte` and `line` (`csv::Position::byte` and `csv::Position::line`).
    #[must_use]
    pub fn record_line(&self, byte: u64, line: u64) -> u64 {
        let skipped = self.run_at(byte).map_or(0, |(n, _)| n);
        line.saturating_add(skipped)
    }

    /// The byte offset (of the normalised text) of the first byte of the record whose
    /// position the CSV reader gave as `byte`: after the blank and comment lines it skipped,
    /// so that a record's length does not count them.
    #[must_use]
    pub fn record_byte(&self, byte: u64) -> u64 {
        self.run_at(byte).map_or(byte, |(_, start)| start)
    }

    /// The lines skipped from `byte` on and where the record after them starts.
    fn run_at(&self, byte: u64) -> Option<(u64, u64)> {
        let i = self
            .runs
            .binary_search_by_key(&byte, |&(at, _, _)| at)
            .ok()?;
        self.runs.get(i).map(|&(_, n, start)| (n, start))
    }

    /// Puts the line and byte offset of `record`'s first byte into its position (see
    /// [`record_line`](LineEnds::record_line) and [`record_byte`](LineEnds::record_byte))
    /// and forgets what is noted before it: call it after each record read, through
    /// `csv::Reader::get_mut`.
    pub fn place(&mut self, record: &mut csv::ByteRecord) {
        if let Some(position) = record.position() {
            let mut position = position.clone();
            let byte = position.byte();
            position.set_line(self.record_line(byte, position.line()));
            position.set_byte(self.record_byte(byte));
            record.set_position(Some(position));
            self.forget_before(byte);
        }
    }

    /// The line of an error's record, as [`record_line`](LineEnds::record_line); `None` when
    /// the error has no position.
    #[must_use]
    pub fn error_line(&self, error: &csv::Error) -> Option<u64> {
        error
            .position()
            .map(|p| self.record_line(p.byte(), p.line()))
    }

    /// Line breaks in `bytes` as `LineEnds` counts them: `\r\n`, a lone `\r` and a lone
    /// `\n` each one. For text cut into pieces, a piece that starts with the `\n` of a `\r\n`
    /// split between two pieces must be counted without that `\n`.
    ///
    /// ```
    /// use tryghed_diagnostics::LineEnds;
    ///
    /// assert_eq!(LineEnds::<&[u8]>::breaks_in(b"a\r\nb\rc\n\n"), 4);
    /// ```
    #[must_use]
    #[allow(
        clippy::naive_bytecount,
        reason = "no bytecount dependency for loops that vectorise"
    )]
    pub fn breaks_in(bytes: &[u8]) -> u64 {
        let count = |byte: u8| bytes.iter().filter(|&&b| b == byte).count() as u64;
        let pairs = bytes.windows(2).filter(|w| w == b"\r\n").count() as u64;
        count(b'\r') + count(b'\n') - pairs
    }

    /// Forgets what is noted about text before `byte`: call it with each record's start.
    pub fn forget_before(&mut self, byte: u64) {
        while self.runs.front().is_some_and(|&(at, _, _)| at < byte) {
            self.runs.pop_front();
        }
    }

    /// The wrapped reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// The wrapped reader, mutably.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// Unwraps the reader.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Notes one byte handed on. A line is skipped by the CSV reader when it is blank or a
    /// comment, and a record after skipped lines is placed by what is noted at the start of
    /// the line where the reader began looking. Lines inside a quoted field are noted too,
    /// but no record starts there, so they are never asked for; and from a line where a
    /// record can start, the lines up to the record are classed as the reader classes them.
    #[inline]
    fn note(&mut self, b: u8) {
        if self.in_comment {
            if b == b'\n' {
                self.in_comment = false;
                self.at_line_start = true;
            }
        } else if self.at_line_start {
            if b == b'\n' || Some(b) == self.comment {
                if self.open.len() == Self::MAX_RUNS {
                    self.open.pop_front();
                }
                self.open.push_back((self.offset, self.skipped));
                self.skipped += 1;
                self.in_comment = b != b'\n';
                self.at_line_start = b == b'\n';
            } else {
                let total = self.skipped;
                for (start, index) in self.open.drain(..) {
                    if self.runs.len() == Self::MAX_RUNS {
                        self.runs.pop_front();
                    }
                    self.runs.push_back((start, total - index, self.offset));
                }
                self.skipped = 0;
                self.at_line_start = false;
            }
        } else if b == b'\n' {
            self.at_line_start = true;
        }
        self.offset += 1;
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                return Ok(0);
            }
            let mut written = 0;
            for read in 0..n {
                let Some(&b) = buf.get(read) else { break };
                let out = match b {
                    b'\n' if self.after_cr => {
                        // The \n of \r\n: the \r already stood for the line end.
                        self.after_cr = false;
                        continue;
                    }
                    b'\r' => {
                        self.after_cr = true;
                        b'\n'
                    }
                    other => {
                        self.after_cr = false;
                        other
                    }
                };
                if let Some(slot) = buf.get_mut(written) {
                    *slot = out;
                }
                written += 1;
                self.note(out);
            }
            if written > 0 {
                return Ok(written);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(input: &[u8], chunk: usize) -> Vec<u8> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        LineEnds::new(Trickle(input, chunk))
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn line_ends_become_newlines_across_reads() {
        for chunk in [1, 2, 3, 64] {
            assert_eq!(normalised(b"a\r\nb\rc\n\r\r\nd", chunk), b"a\nb\nc\n\n\nd");
            assert_eq!(normalised(b"\r", chunk), b"\n");
            assert_eq!(normalised(b"\r\n", chunk), b"\n");
        }
    }
}
