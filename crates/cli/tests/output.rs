//! No run of `tryghed` destroys a file: `-o` equal to an input is refused for every command,
//! a failed run leaves a pre-existing `-o` file byte-identical, and only the run's own
//! temporary file is ever removed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::path::{Path, PathBuf};

use support::{run, temp_file};
use tryghed_agreement::FOLEHAVEN_TOML;

fn example(name: &str) -> String {
    format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The names in `path`'s folder, sorted.
fn folder(path: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

const POINTS: &str = "lon,lat\n12.5005,55.6505\n12.6,55.7\n";

#[test]
fn locate_x_o_x_leaves_x_byte_identical() {
    let input = temp_file("synthetic_points.csv", POINTS);
    let out = run(&["locate", s(&input), "-o", s(&input)]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("samme fil"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&input).unwrap(), POINTS);
    assert_eq!(folder(&input), ["synthetic_points.csv"]);
}

#[test]
fn the_same_file_by_another_path_is_refused_too() {
    let input = temp_file("synthetic_points.csv", POINTS);
    let dir = input.parent().unwrap();
    // ./name, folder/../folder/name and a hard link are all the same file.
    let dotted = dir.join(".").join("synthetic_points.csv");
    let around = dir
        .join("..")
        .join(dir.file_name().unwrap())
        .join("synthetic_points.csv");
    let hard = dir.join("hard-link.csv");
    std::fs::hard_link(&input, &hard).unwrap();
    for output in [&dotted, &around, &hard] {
        let out = run(&["locate", s(&input), "-o", s(output)]);
        assert_eq!(out.code, 2, "{}: {}", output.display(), out.stderr);
        assert_eq!(std::fs::read_to_string(&input).unwrap(), POINTS);
    }
    #[cfg(unix)]
    {
        let soft = dir.join("soft-link.csv");
        std::os::unix::fs::symlink(&input, &soft).unwrap();
        let out = run(&["locate", s(&soft), "-o", s(&input)]);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert_eq!(std::fs::read_to_string(&input).unwrap(), POINTS);
    }
}

/// Every command with `-o`, with `-o` naming one of its inputs: exit 2, input unchanged.
#[test]
fn every_command_with_o_refuses_an_input_as_output() {
    let agreement = temp_file("synthetic_aftale.toml", FOLEHAVEN_TOML);
    let points = temp_file("synthetic_points.csv", POINTS);
    let extract = temp_file("synthetic_extract.csv", "id,date,code,x,y\n");
    let residents = temp_file("synthetic_residents.csv", "area,year,residents\n");
    let plan = example("tryghedsplan-2026-eksempel.toml");
    let plan_copy = temp_file("plan.toml", &std::fs::read_to_string(&plan).unwrap());
    let follow_up = temp_file(
        "follow.toml",
        &std::fs::read_to_string(example("opfoelgning-2026-eksempel.toml")).unwrap(),
    );
    let observations = temp_file(
        "obs.csv",
        &std::fs::read_to_string(example("synthetic-observationer-2026.csv")).unwrap(),
    );
    let ledger = temp_file(
        "ledger.toml",
        &std::fs::read_to_string(example("synthetic-regnskab-2026.toml")).unwrap(),
    );
    let a = s(&agreement);
    let cases: Vec<(Vec<&str>, &PathBuf)> = vec![
        (vec!["agreement", "--agreement", a], &agreement),
        (vec!["budget", "--agreement", a], &agreement),
        (vec!["goals", "--agreement", a], &agreement),
        (
            vec!["goals", "--observations", s(&observations)],
            &observations,
        ),
        (vec!["locate", s(&points)], &points),
        (vec!["count", s(&extract)], &extract),
        (
            vec!["count", s(&extract), "--residents", s(&residents)],
            &residents,
        ),
        (
            vec!["count", s(&extract), "--observations", "--agreement", a],
            &agreement,
        ),
        (vec!["plan", "summary", s(&plan_copy)], &plan_copy),
        (
            vec![
                "plan",
                "summary",
                s(&plan_copy),
                "--follow-up",
                s(&follow_up),
            ],
            &follow_up,
        ),
        (vec!["report", "--agreement", a], &agreement),
        (
            vec!["report", "--observations", s(&observations)],
            &observations,
        ),
        (vec!["report", "--plan", s(&plan_copy)], &plan_copy),
        (vec!["report", "--ledger", s(&ledger)], &ledger),
    ];
    for (args, input) in cases {
        let before = std::fs::read(input).unwrap();
        let mut args = args.clone();
        args.extend(["-o", s(input)]);
        let out = run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("samme fil"), "{args:?}: {}", out.stderr);
        assert_eq!(std::fs::read(input).unwrap(), before, "{args:?}");
    }
    // `plan new` never writes over an existing file, an input or not.
    let out = run(&["plan", "new", "--year", "2027", "--agreement", a, "-o", a]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&agreement).unwrap(), FOLEHAVEN_TOML);
}

#[test]
fn an_error_never_removes_a_pre_existing_output_file() {
    let bad = temp_file("synthetic_bad.csv", "lon,lat\n12.5,abc\n");
    let output = bad.with_file_name("precious.csv");
    std::fs::write(&output, "keep me\n").unwrap();
    let out = run(&["locate", s(&bad), "-o", s(&output)]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me\n");
    assert_eq!(folder(&output), ["precious.csv", "synthetic_bad.csv"]);

    let out = run(&["count", s(&bad), "-o", s(&output)]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me\n");

    let out = run(&["goals", "--observations", s(&bad), "-o", s(&output)]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me\n");

    let out = run(&["report", "--observations", s(&bad), "-o", s(&output)]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&output).unwrap(), "keep me\n");
    // Nothing else is left in the folder: no temporary file.
    assert_eq!(folder(&output), ["precious.csv", "synthetic_bad.csv"]);
}

#[test]
fn a_successful_run_replaces_the_file_and_leaves_no_temporary() {
    let input = temp_file("synthetic_points.csv", POINTS);
    let output = input.with_file_name("located.csv");
    std::fs::write(&output, "old result\n").unwrap();
    let out = run(&["locate", s(&input), "-o", s(&output)]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        std::fs::read_to_string(&output).unwrap(),
        "lon,lat,area\n12.5005,55.6505,Ved Folehaven\n12.6,55.7,\n"
    );
    assert_eq!(folder(&output), ["located.csv", "synthetic_points.csv"]);
}

/// A special file (here a Unix socket, as a device node would be) named by `-o` is never
/// removed or replaced, whatever goes wrong. (The test makes its own special files: it must
/// never put `/dev/null` at risk, since tests may run as root.)
#[cfg(unix)]
#[test]
fn a_special_file_as_output_is_never_removed() {
    use std::os::unix::fs::FileTypeExt;
    let bad = temp_file("synthetic_bad.csv", "lon,lat\n12.5,abc\n");
    let socket = bad.with_file_name("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let out = run(&["locate", s(&bad), "-o", s(&socket)]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    let kind = std::fs::symlink_metadata(&socket).unwrap().file_type();
    assert!(kind.is_socket(), "the socket is still there");
}

/// A named pipe is written to, not replaced by a regular file.
#[cfg(unix)]
#[test]
fn a_named_pipe_as_output_is_written_to() {
    use std::os::unix::fs::FileTypeExt;
    let input = temp_file("synthetic_points.csv", POINTS);
    let fifo = input.with_file_name("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run(&["locate", s(&input), "-o", s(&fifo)]);
    if out.code != 0 {
        // Unblock the reader before failing.
        drop(std::fs::OpenOptions::new().write(true).open(&fifo));
    }
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        reader.join().unwrap(),
        "lon,lat,area\n12.5005,55.6505,Ved Folehaven\n12.6,55.7,\n"
    );
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe is still a pipe");
}

#[test]
fn a_folder_or_a_missing_folder_as_output_is_a_usage_error() {
    let input = temp_file("synthetic_points.csv", POINTS);
    let dir = input.parent().unwrap();
    let out = run(&["locate", s(&input), "-o", s(dir)]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = run(&[
        "locate",
        s(&input),
        "-o",
        s(&dir.join("no-such-folder/out.csv")),
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}
