//! What every reader of a hand-made file shares before it parses: which delimiter a CSV file
//! uses, numbers with a Danish decimal comma, header names as a spreadsheet writes them, and
//! where a file that is not UTF-8 goes wrong.

use std::fmt;

/// The field delimiter of a CSV file, read from its header line: `;` when the line has more
/// semicolons than commas outside quotes (a Danish spreadsheet's export, whose numbers use a
/// decimal comma), otherwise `,`.
///
/// Every CSV reader of the tryghed crates (observations, residents, `tryghed count` and
/// `tryghed locate` extracts) detects it this way unless told otherwise, so the same file
/// reads the same everywhere.
///
/// ```
/// use tryghed_diagnostics::detect_delimiter;
///
/// assert_eq!(detect_delimiter(b"id;dato;kode;x;y\n1;01-03-2026;1320;720302,5;6172500,0\n"), b';');
/// assert_eq!(detect_delimiter(b"indicator,area,year,value\n"), b',');
/// // A quoted header name may hold the other character.
/// assert_eq!(detect_delimiter(b"\"a;b\",c,d\n"), b',');
/// ```
pub fn detect_delimiter(text: &[u8]) -> u8 {
    // The first line that is neither blank nor a `#` comment.
    let mut rest = text.trim_ascii_start();
    while rest.first() == Some(&b'#') {
        let next = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        rest = rest.get(next..).unwrap_or_default().trim_ascii_start();
    }
    let (mut commas, mut semicolons, mut quoted) = (0usize, 0usize, false);
    for &b in rest {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// A finite number written with a decimal point, or with a Danish decimal comma when the
/// file's delimiter is `;` (`720302,5`); surrounding spaces are allowed. `None` for anything
/// else, NaN and infinities included.
///
/// ```
/// use tryghed_diagnostics::parse_decimal;
///
/// assert_eq!(parse_decimal("720302.5", b','), Some(720_302.5));
/// assert_eq!(parse_decimal(" 720302,5 ", b';'), Some(720_302.5));
/// assert_eq!(parse_decimal("720302,5", b','), None);
/// assert_eq!(parse_decimal("1.234,5", b';'), None);
/// assert_eq!(parse_decimal("NaN", b','), None);
/// ```
pub fn parse_decimal(text: &str, delimiter: u8) -> Option<f64> {
    let text = text.trim();
    let value = match text.parse::<f64>() {
        Ok(v) => v,
        Err(_) if delimiter == b';' && text.matches(',').count() == 1 && !text.contains('.') => {
            text.replacen(',', ".", 1).parse::<f64>().ok()?
        }
        Err(_) => return None,
    };
    // `inf`, `NaN` and the like parse but are not numbers a file means.
    (value.is_finite() && !text.chars().any(char::is_alphabetic)).then_some(value)
}

/// A header name as the readers compare it: a leading byte-order mark and surrounding
/// whitespace dropped (spreadsheets write both).
///
/// ```
/// use tryghed_diagnostics::header_name;
///
/// assert_eq!(header_name("\u{feff} year "), "year");
/// ```
pub fn header_name(name: &str) -> &str {
    name.trim_start_matches('\u{feff}').trim()
}

/// Where a text that is not UTF-8 goes wrong: the line and column (from 1, the column in
/// characters) of the first byte that cannot be read, that byte, and what the file looks
/// like instead. Its `Display` is the Danish message the tryghed readers give.
///
/// ```
/// use tryghed_diagnostics::NotUtf8;
///
/// // "ældre" saved by Excel as Windows-1252.
/// let bytes = b"indicator,area\nvalby,\xE6ldre\n";
/// let error = std::str::from_utf8(bytes).unwrap_err();
/// let problem = NotUtf8::new(bytes, error.valid_up_to());
/// assert_eq!((problem.line(), problem.column()), (2, 7));
/// assert_eq!(
///     problem.to_string(),
///     "linje 2, kolonne 7: filen er ikke UTF-8 (byten 0xE6 kan ikke læses); \
///      filen ser ud til at være Windows-1252; gem den som UTF-8"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NotUtf8 {
    line: usize,
    column: usize,
    byte: u8,
    looks_like: Option<Encoding>,
}

/// An encoding a text that is not UTF-8 seems to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// Windows-1252 (the Western European code page Excel uses on Danish Windows).
    Windows1252,
    /// UTF-16 with a byte-order mark.
    Utf16,
}

impl NotUtf8 {
    /// The problem in `bytes`, whose first `valid_up_to` bytes are UTF-8 (as
    /// [`std::str::Utf8Error::valid_up_to`] gives).
    pub fn new(bytes: &[u8], valid_up_to: usize) -> Self {
        let before = bytes.get(..valid_up_to).unwrap_or_default();
        #[allow(
            clippy::naive_bytecount,
            reason = "once per file that is not UTF-8; no bytecount dependency for it"
        )]
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        let looks_like = if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
            Some(Encoding::Utf16)
        } else if bytes
            .iter()
            .any(|&b| b == 0 || matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D))
        {
            // NUL bytes and the five bytes Windows-1252 leaves undefined point elsewhere.
            None
        } else {
            Some(Encoding::Windows1252)
        };
        NotUtf8 {
            line,
            column,
            byte: bytes.get(valid_up_to).copied().unwrap_or_default(),
            looks_like,
        }
    }

    /// The line of the first bad byte, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column of the first bad byte in characters, from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The first bad byte.
    pub fn byte(&self) -> u8 {
        self.byte
    }

    /// The encoding the text seems to be in, if it looks like one.
    pub fn looks_like(&self) -> Option<Encoding> {
        self.looks_like
    }
}

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "linje {}, kolonne {}: filen er ikke UTF-8 (byten 0x{:02X} kan ikke læses)",
            self.line, self.column, self.byte
        )?;
        match self.looks_like {
            Some(Encoding::Windows1252) => {
                f.write_str("; filen ser ud til at være Windows-1252; gem den som UTF-8")
            }
            Some(Encoding::Utf16) => {
                f.write_str("; filen ser ud til at være UTF-16; gem den som UTF-8")
            }
            None => Ok(()),
        }
    }
}

impl std::error::Error for NotUtf8 {}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn comments_and_blank_lines_before_the_header_are_skipped() {
        assert_eq!(detect_delimiter(b"# a, b, c\n\na;b;c\n"), b';');
        assert_eq!(detect_delimiter(b""), b',');
        assert_eq!(detect_delimiter(b"x\n1;2;3\n"), b',');
    }

    #[test]
    fn utf16_is_told_apart() {
        assert_eq!(
            NotUtf8::new(b"\xFF\xFEa\x00", 0).looks_like(),
            Some(Encoding::Utf16)
        );
        assert_eq!(NotUtf8::new(b"a\x00\x81", 2).looks_like(), None);
    }

    proptest! {
        #[test]
        fn any_bytes_give_a_delimiter_and_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let d = detect_delimiter(&bytes);
            prop_assert!(d == b',' || d == b';');
            if let Err(e) = std::str::from_utf8(&bytes) {
                let p = NotUtf8::new(&bytes, e.valid_up_to());
                prop_assert!(p.line() >= 1 && p.column() >= 1);
            }
        }

        #[test]
        fn a_number_written_either_way_reads_back(v in -1e9f64..1e9) {
            let text = v.to_string();
            prop_assert_eq!(parse_decimal(&text, b','), Some(v));
            prop_assert_eq!(parse_decimal(&text.replace('.', ","), b';'), Some(v));
        }
    }
}
