//! What `tryghed meetings`, `tryghed plan` and `tryghed budget` print for a person is Danish:
//! on the example files, on broken copies of them, in the skeletons and in `--help`, no
//! English sentence. (A later sweep extends this to every command.)
//!
//! The check looks for English function words and the tool's former English messages. It
//! skips what is not the tool's own prose: quoted values, the field paths (`= felt: …`, which
//! are the files' English identifiers), the quoted lines of the file and the skeleton's
//! commented-out TOML keys.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use support::{run, temp_file};

/// Words that only English prose has (none is a Danish word the tool uses).
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "is",
    "are",
    "was",
    "with",
    "which",
    "has",
    "been",
    "this",
    "that",
    "from",
    "should",
    "must",
    "when",
    "than",
    "not",
    "and",
    "or",
    "error",
    "errors",
    "warning",
    "warnings",
    "usage",
    "options",
    "possible",
    "values",
    "default",
    "print",
    "valid",
    "missing",
    "unknown",
    "expected",
    "found",
    "outside",
    "because",
    "could",
    "cannot",
    "only",
    "least",
    "required",
    "allowed",
    "met",
    "remainder",
    "collaboration",
    "involve",
    "skeleton",
    "written",
    "described",
    "copy",
    "block",
    "remove",
];

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The text with quoted values, field paths, quoted source lines and TOML key lines removed.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        let uncommented = trimmed.trim_start_matches('#').trim_start();
        let is_source = trimmed.starts_with('|')
            || trimmed.starts_with("-->")
            || trimmed
                .split_once(" |")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
        let is_key = uncommented.split_once(" = ").is_some_and(|(key, _)| {
            key.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
        }) || uncommented.starts_with('[');
        if trimmed.starts_with("= felt:") || is_source || is_key {
            continue;
        }
        let mut in_quote = None;
        for c in line.chars() {
            match (in_quote, c) {
                (None, '"' | '`') => in_quote = Some(c),
                (Some(q), c) if c == q => in_quote = None,
                (None, c) => out.push(c),
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

fn assert_danish(what: &str, text: &str) {
    let prose = prose(text);
    // Options (`--as-of`) are names, not prose.
    let english: Vec<&str> = prose
        .split_whitespace()
        .filter(|w| !w.starts_with('-'))
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()))
        .filter(|w| ENGLISH.contains(&w.to_lowercase().as_str()))
        .collect();
    assert!(
        english.is_empty(),
        "{what} prints English words {english:?}:\n{text}"
    );
}

/// Runs `tryghed args` and checks standard output and standard error.
fn check(args: &[&str]) {
    let out = run(args);
    assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
    assert_danish(&format!("{args:?} (stdout)"), &out.stdout);
    assert_danish(&format!("{args:?} (stderr)"), &out.stderr);
}

#[test]
fn the_commands_on_the_example_files_speak_danish() {
    let plan = example("tryghedsplan-2026-eksempel.toml");
    let follow_up = example("opfoelgning-2026-eksempel.toml");
    let meetings = example("moeder-2026-eksempel.toml");
    let ledger = example("synthetic-regnskab-2026.toml");
    check(&["meetings", "check", &meetings]);
    check(&["meetings", "check", &meetings, "--as-of", "2027-01-15"]);
    check(&["meetings", "new", "--year", "2027"]);
    check(&["plan", "check", &plan]);
    check(&["plan", "new", "--year", "2027"]);
    check(&["plan", "summary", &plan, "--follow-up", &follow_up]);
    check(&["budget"]);
    check(&["budget", "--year", "2027"]);
    check(&["budget", "--ledger", &ledger]);
}

#[test]
fn the_messages_about_broken_copies_speak_danish() {
    let read = |name: &str| std::fs::read_to_string(example(name)).unwrap();
    let meetings = temp_file(
        "synthetic-moeder.toml",
        &read("moeder-2026-eksempel.toml")
            .replacen("\"politi\",", "\"politii\", 5,", 1)
            .replacen("chair = \"sikker-by\"", "chair = \"3b\"", 1)
            .replacen("date = 2026-02-10", "date = \"2026-02-30\"", 1),
    );
    check(&[
        "meetings",
        "check",
        meetings.to_str().unwrap(),
        "--as-of",
        "2027-01-15",
    ]);
    let plan = temp_file(
        "synthetic-plan.toml",
        &read("tryghedsplan-2026-eksempel.toml")
            .replacen("responsible = \"okf\"", "responsible = \"okff\"", 1)
            .replacen("budget = 25000", "budget = 2.5", 1)
            .replacen("status = \"revised\"", "status = \"approved\"", 1)
            .replacen("partners = [\"sab\"]", "partners = []", 1),
    );
    check(&["plan", "check", plan.to_str().unwrap()]);
    let follow_up = temp_file(
        "synthetic-opfoelgning.toml",
        &read("opfoelgning-2026-eksempel.toml")
            .replacen("year = 2026", "year = 2027", 1)
            .replacen("status = \"delivered\"", "status = \"done\"", 1)
            .replacen("reason = ", "because = ", 1),
    );
    check(&[
        "plan",
        "summary",
        &example("tryghedsplan-2026-eksempel.toml"),
        "--follow-up",
        follow_up.to_str().unwrap(),
    ]);
    let ledger = temp_file(
        "synthetic-regnskab.toml",
        &read("synthetic-regnskab-2026.toml")
            .replacen(
                "year = 2026\n",
                "year = 2026\nfunds = \"9.999.999,00\"\n",
                1,
            )
            .replacen("kind = \"expenditure\"", "kind = \"payment\"", 1)
            .replacen("amount = \"120.000,00\"", "amount = \"360.000,00\"", 1),
    );
    check(&["budget", "--ledger", ledger.to_str().unwrap()]);
    check(&[
        "report",
        "--year",
        "2026",
        "--ledger",
        ledger.to_str().unwrap(),
    ]);
}

#[test]
fn help_speaks_danish() {
    for args in [
        &["meetings", "--help"][..],
        &["meetings", "check", "--help"],
        &["meetings", "new", "--help"],
        &["plan", "--help"],
        &["plan", "check", "--help"],
        &["plan", "new", "--help"],
        &["plan", "summary", "--help"],
        &["budget", "--help"],
        &["budget", "-h"],
    ] {
        let out = run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(
            out.stdout.contains("Brug: tryghed"),
            "{args:?}: {}",
            out.stdout
        );
        assert_danish(&format!("{args:?}"), &out.stdout);
    }
}

#[test]
fn the_detector_finds_english() {
    assert!(std::panic::catch_unwind(|| assert_danish("x", "the plan is valid")).is_err());
    assert_danish(
        "x",
        "planen overholder aftalen\n  = felt: activities[0].partners",
    );
}
