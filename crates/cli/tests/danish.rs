//! What every `tryghed` command prints for a person is Danish: on the example files, on broken
//! copies of them, in the skeletons, in `--help` of every command and in usage errors, no
//! English sentence.
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
    assert!(out.code <= 2, "{args:?}: {}", out.stderr);
    // A failure is named, not left to the exit code.
    assert!(out.code == 0 || !out.stderr.trim().is_empty(), "{args:?}");
    // An input error is named, not left to the exit code.
    assert!(out.code == 0 || !out.stderr.trim().is_empty(), "{args:?}");
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
    // The report's deviations and next year's plan (issues 14, 15), and its refusal of a plan
    // for the wrong year.
    let next = example("tryghedsplan-2027-eksempel.toml");
    let report = [
        "report",
        "--year",
        "2026",
        "--plan",
        &plan,
        "--follow-up",
        &follow_up,
        "--date",
        "2026-05-12",
    ];
    check(&[&report[..], &["--next-plan", &next]].concat());
    check(&[&report[..], &["--next-plan", &plan]].concat());
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

/// The commands `tryghed … --help` lists under "Kommandoer:", so a new one is covered.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Kommandoer:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect()
}

#[test]
fn help_speaks_danish() {
    let root = run(&["--help"]);
    assert_eq!(root.code, 0, "{}", root.stderr);
    let mut all: Vec<Vec<String>> = vec![vec!["--help".to_owned()], vec!["-h".to_owned()]];
    let commands = listed_commands(&root.stdout);
    assert!(commands.len() >= 9, "{commands:?}");
    for command in commands {
        let help = run(&[&command, "--help"]);
        for sub in listed_commands(&help.stdout) {
            all.push(vec![command.clone(), sub, "--help".to_owned()]);
        }
        all.push(vec![command.clone(), "-h".to_owned()]);
        all.push(vec![command, "--help".to_owned()]);
    }
    for args in &all {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let args = &args[..];
        let out = run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(
            out.stdout.contains("Brug: tryghed") && out.stdout.contains("Vis denne hjælp"),
            "{args:?}: {}",
            out.stdout
        );
        assert_danish(&format!("{args:?}"), &out.stdout);
    }
}

#[test]
fn usage_errors_speak_danish() {
    for (args, expected) in [
        (&["count"][..], "fejl: det krævede argument mangler: <FIL>"),
        (&["foo"], "fejl: ukendt kommando »foo«"),
        (&["metings"], "mente du »meetings«?"),
        (&["count", "--bogus", "x"], "fejl: ukendt tilvalg »--bogus«"),
        (&["goals", "--year", "abc"], "er ikke et år"),
        (&["goals", "--year", "1700"], "uden for 1900–2199"),
        (&["goals", "--format", "xml"], "mulige værdier: text, json"),
        (&["count", "--threads", "999", "x"], "fra 0 til 256"),
        (&["report", "--date", "2026-13-01"], "er ikke en dato"),
        (&["report", "--follow-up", "x"], "--plan"),
        (
            &["agreement", "--source", "--format", "json"],
            "kan ikke bruges sammen med",
        ),
        (
            &["goals", "--suppression-threshold", "1"],
            "den laveste grænse er 3",
        ),
        (
            &["goals", "--suppression-threshold", "x"],
            "er ikke et helt tal",
        ),
        (&["baseline"], "de krævede argumenter mangler"),
        (
            &["meetings", "check", "--as-of", "1. maj", "x"],
            "er ikke en dato",
        ),
    ] {
        let out = run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains(expected), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("Se mere med »--help«"),
            "{args:?}: {}",
            out.stderr
        );
        assert_danish(&format!("{args:?}"), &out.stderr);
    }
}

/// A small synthetic police-report extract: two reports in the partnership area, one far
/// outside, one with a code no category has.
const SYNTHETIC_EXTRACT: &str = "id,date,code,x,y
S1,2025-03-14,1320,720302.0,6172500.0
S2,2025-05-02,1320,720310.0,6172510.0
S3,2025-06-01,1320,700000.0,6100000.0
S4,2025-07-09,9999,720302.0,6172500.0
";

#[test]
fn the_other_commands_speak_danish() {
    let observations = example("synthetic-observationer-2026.csv");
    check(&["agreement"]);
    check(&["goals"]);
    check(&["goals", "--observations", &observations]);
    check(&["goals", "--observations", &observations, "--unsuppressed"]);
    let extract = temp_file("synthetic-anmeldelser.csv", SYNTHETIC_EXTRACT);
    let extract = extract.to_str().unwrap();
    check(&["count", extract]);
    check(&["count", extract, "--unsuppressed"]);
    check(&["count", extract, "--observations"]);
    let broken = temp_file(
        "synthetic-anmeldelser-fejl.csv",
        &SYNTHETIC_EXTRACT
            .replacen("6172510.0", "nord", 1)
            .replacen("2025-06-01", "1. juni", 1),
    );
    check(&["count", broken.to_str().unwrap()]);
    check(&["count", broken.to_str().unwrap(), "--skip-invalid"]);
    let points = temp_file(
        "synthetic-punkter.csv",
        "lon,lat\n12.5005,55.6505\n12.5,abc\n",
    );
    check(&["locate", points.to_str().unwrap(), "--skip-invalid"]);
    check(&["locate", points.to_str().unwrap()]);
    check(&[
        "baseline",
        "--year",
        "2025",
        "--observations",
        &observations,
    ]);
    check(&["report", "--observations", &observations]);
    check(&["agreement", "--agreement", "/findes/ikke.toml"]);
}

#[test]
fn the_detector_finds_english() {
    assert!(std::panic::catch_unwind(|| assert_danish("x", "the plan is valid")).is_err());
    assert_danish(
        "x",
        "planen overholder aftalen\n  = felt: activities[0].partners",
    );
}
