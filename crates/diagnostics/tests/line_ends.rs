//! `LineEnds` against line numbers counted independently: for any mix of `\n`, `\r\n` and
//! `\r` line ends, blank lines and quoted fields with line breaks, the line given for each
//! record is the line its first byte is on.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::format_push_string
)]

use proptest::prelude::*;
use tryghed_diagnostics::LineEnds;

#[derive(Debug, Clone)]
enum Line {
    Record(bool),
    Blank,
    Comment,
}

fn end() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n"), Just("\r")]
}

/// Line breaks in `text` as an editor counts them: `\r\n`, `\r` and `\n` each one.
fn breaks(text: &str) -> u64 {
    let b = text.as_bytes();
    let mut n = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\r' || (c == b'\n' && (i == 0 || b[i - 1] != b'\r')) {
            n += 1;
        }
    }
    n
}

/// The text as `LineEnds` hands it on: every line end a `\n`.
fn normalised(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// The text and, for each record, the line it starts on and its byte offset in the
/// normalised text.
fn build(lines: &[(Line, &str)]) -> (String, Vec<(u64, u64)>) {
    let mut text = String::new();
    let mut starts = Vec::new();
    for (i, (kind, end)) in lines.iter().enumerate() {
        if let Line::Record(quoted) = kind {
            starts.push((1 + breaks(&text), normalised(&text).len() as u64));
            if *quoted {
                // A field with line breaks inside quotes, one of them a blank line and one
                // starting with the comment byte (both data there).
                text.push_str(&format!("\"r{i}{end}{end}#more\",x"));
            } else {
                text.push_str(&format!("r{i},x"));
            }
        }
        if let Line::Comment = kind {
            text.push_str("# a comment, x");
        }
        text.push_str(end);
    }
    (text, starts)
}

fn lines_of(text: &str, buffer: usize) -> Vec<u64> {
    places_of(text, buffer)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// Each record's (line, byte) after [`LineEnds::place`].
fn places_of(text: &str, buffer: usize) -> Vec<(u64, u64)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .buffer_capacity(buffer)
        .from_reader(LineEnds::new(text.as_bytes()).with_comment(b'#'));
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    while rdr.read_byte_record(&mut record).unwrap() {
        rdr.get_mut().place(&mut record);
        let p = record.position().unwrap();
        out.push((p.line(), p.byte()));
    }
    out
}

#[test]
fn excel_line_ends_and_blank_lines() {
    let text = "a,b\r\nc,d\r\n\r\n\r\ne,f\r\n";
    assert_eq!(lines_of(text, 8 * 1024), [1, 2, 5]);
    // The csv crate alone: one line early after every \r\n, and on the blank line.
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let raw: Vec<u64> = rdr
        .byte_records()
        .map(|r| r.unwrap().position().unwrap().line())
        .collect();
    assert_ne!(raw, [1, 2, 5]);
    // Blank lines and comments at the start of the file.
    assert_eq!(lines_of("\n\r\nx\n", 64), [3]);
    assert_eq!(lines_of("# made up\r\n\r\nx\r\n#\ny", 64), [3, 5]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_record_on_its_own_line(
        lines in prop::collection::vec(
            (
                prop_oneof![
                    any::<bool>().prop_map(Line::Record),
                    Just(Line::Blank),
                    Just(Line::Comment)
                ],
                end(),
            ),
            0..40,
        ),
        buffer in 1usize..64,
    ) {
        let (text, starts) = build(&lines);
        prop_assert_eq!(places_of(&text, buffer), starts);
    }
}
