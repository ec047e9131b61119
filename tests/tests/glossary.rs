//! One word per concept: the user-facing strings of the CLI and of the libraries whose text it
//! prints use none of the words that `docs/glossary.md` retires.
//!
//! The retired words are read from the glossary's table (column "Ikke", each in backticks),
//! so adding a row there extends this test. A word matches case-insensitively at the start of
//! a word; a phrase in the column "Tilladt" (the agreement's own wording) is not a match.
//!
//! Scanned: string literals in `src/` of the crates below (not comments, not attributes such as
//! `#[doc(alias = "…")]`), and the report's templates as a whole.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::case_sensitive_file_extension_comparisons
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The crates whose `src/` strings reach a person through `tryghed`.
const SCANNED_CRATES: &[&str] = &[
    "cli",
    "plan",
    "meetings",
    "diagnostics",
    "budget",
    "goals",
    "report",
    "count",
    "agreement",
    "disclosure",
];

/// Files not yet swept to the glossary's words, with the retired word they still use and why
/// they are not swept yet. Each entry must still match (remove it when the file is swept);
/// the list may only shrink. A later lane sweeps the remaining CLI and report strings.
const NOT_YET_SWEPT: &[(&str, &str, &str)] = &[
    (
        "crates/goals/src/eval.rs",
        "basisår",
        "goal 1's verdict sentences (eval lane, issue 11)",
    ),
    (
        "crates/report/src/build.rs",
        "basisår",
        "the report's goal-1 sentence (eval lane, issue 11)",
    ),
    (
        "crates/report/src/build.rs",
        "aktivitetsejer",
        "the report's activities section (later lane: report sections)",
    ),
    (
        "crates/cli/src/count.rs",
        "‰",
        "`tryghed count` text output (later lane: Danish for every CLI string)",
    ),
];

/// One row of the glossary's table: the retired words and the allowed phrases.
struct Row {
    retired: Vec<String>,
    allowed: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The text between each pair of `open`/`close` in `cell`.
fn between(cell: &str, open: char, close: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = cell;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len_utf8()..];
        let Some(end) = after.find(close) else { break };
        out.push(after[..end].to_lowercase());
        rest = &after[end + close.len_utf8()..];
    }
    out
}

fn glossary() -> Vec<Row> {
    let text = std::fs::read_to_string(root().join("docs/glossary.md")).unwrap();
    let section = text
        .split("## Ord\n")
        .nth(1)
        .expect("docs/glossary.md has a section \"## Ord\"");
    let mut rows = Vec::new();
    for line in section.lines() {
        if line.starts_with("## ") {
            break;
        }
        let cells: Vec<&str> = line.split('|').collect();
        // | Begreb | Brug | Ikke | Tilladt | Kilde |
        if cells.len() < 6 || cells[1].trim() == "Begreb" || cells[1].starts_with("---") {
            continue;
        }
        rows.push(Row {
            retired: between(cells[3], '`', '`'),
            allowed: between(cells[4], '»', '«'),
        });
    }
    assert!(
        rows.iter().filter(|r| !r.retired.is_empty()).count() >= 10,
        "the glossary table could not be read"
    );
    rows
}

/// The string literals of a Rust source, with the line each starts on; comments and
/// attribute lines (`#[…]`) are left out.
fn literals(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (number, line) in source.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with("#[") || trimmed.starts_with("#![") {
            continue;
        }
        let mut chars = line.chars().peekable();
        let mut current: Option<String> = None;
        let mut previous = ' ';
        while let Some(c) = chars.next() {
            match &mut current {
                None => {
                    if c == '/' && chars.peek() == Some(&'/') {
                        break;
                    }
                    // A char literal such as '"' is not the start of a string.
                    if c == '"' && previous != '\'' {
                        current = Some(String::new());
                    }
                }
                Some(text) => match c {
                    '\\' => {
                        // An escaped character stands for itself (`\"` is a quote).
                        if let Some(next) = chars.next() {
                            text.push(next);
                        }
                    }
                    '"' => {
                        out.push((number + 1, std::mem::take(text)));
                        current = None;
                    }
                    other => text.push(other),
                },
            }
            previous = c;
        }
        // A literal continued on the next line is still scanned up to the line's end.
        if let Some(text) = current {
            out.push((number + 1, text));
        }
    }
    out
}

/// Whether `word` occurs in `text` (lowercase) at the start of a word, outside `allowed`.
fn finds(text: &str, word: &str, allowed: &[String]) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(word) {
        let start = from + at;
        let at_word_start = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphabetic());
        let inside_allowed = allowed.iter().any(|phrase| {
            text.match_indices(phrase.as_str())
                .any(|(p, _)| p <= start && start < p + phrase.len())
        });
        if at_word_start && !inside_allowed {
            return true;
        }
        from = start + word.len();
    }
    false
}

fn files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    for name in SCANNED_CRATES {
        walk(&root().join("crates").join(name).join("src"), &mut out);
    }
    walk(&root().join("crates/report/templates"), &mut out);
    out
}

#[test]
fn no_retired_word_in_what_tryghed_prints() {
    let rows = glossary();
    let mut found = Vec::new();
    let mut swept_entries_seen = vec![false; NOT_YET_SWEPT.len()];
    for path in files() {
        let relative = path
            .strip_prefix(root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let texts: Vec<(usize, String)> = if relative.ends_with(".rs") {
            literals(&source)
        } else {
            source
                .lines()
                .enumerate()
                .map(|(i, l)| (i + 1, l.to_owned()))
                .collect()
        };
        for (line, text) in texts {
            let text = text.to_lowercase();
            for row in &rows {
                for word in &row.retired {
                    if !finds(&text, word, &row.allowed) {
                        continue;
                    }
                    if let Some(i) = NOT_YET_SWEPT
                        .iter()
                        .position(|(file, retired, _)| *file == relative && *retired == word)
                    {
                        swept_entries_seen[i] = true;
                        continue;
                    }
                    found.push(format!("{relative}:{line}: `{word}` in {text:?}"));
                }
            }
        }
    }
    let mut message = String::new();
    if !found.is_empty() {
        let _ = writeln!(
            message,
            "retired words (docs/glossary.md, column \"Ikke\") in user-facing strings:"
        );
        for f in &found {
            let _ = writeln!(message, "  {f}");
        }
    }
    for (seen, (file, word, _)) in swept_entries_seen.iter().zip(NOT_YET_SWEPT) {
        if !seen {
            let _ = writeln!(
                message,
                "{file} no longer uses `{word}`: remove it from NOT_YET_SWEPT"
            );
        }
    }
    assert!(message.is_empty(), "{message}");
}

#[test]
fn the_matcher_respects_word_starts_and_the_agreements_phrases() {
    let allowed = vec!["forvaltninger og partnere".to_owned()];
    assert!(finds("ikke rapporteret", "rapporteret", &[]));
    assert!(!finds("ikke afrapporteret", "rapporteret", &[]));
    assert!(!finds("to eller flere samarbejdspartnere", "partnere", &[]));
    assert!(finds("to eller flere partnere", "partnere", &allowed));
    assert!(!finds(
        "alle forvaltninger og partnere er med",
        "partnere",
        &allowed
    ));
    assert_eq!(
        literals("let a = \"én\"; // \"to\"\n#[doc(alias = \"tre\")]\nx('\"', \"fire\\\"s\")"),
        [(1, "én".to_owned()), (3, "fire\"s".to_owned())]
    );
}
