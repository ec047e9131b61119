//! Helpers shared by the CLI tests: run the binary, write a temporary file.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a run of `tryghed` gave.
pub(crate) struct Output {
    /// The exit code.
    pub(crate) code: i32,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
}

/// Runs the `tryghed` binary with `args`.
pub(crate) fn run(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_tryghed"))
        .args(args)
        .output()
        .expect("run tryghed");
    Output {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// Writes `text` to a new file named after `name` in a fresh temporary folder.
pub(crate) fn temp_file(name: &str, text: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tryghed-cli-test-{}-{n}", std::process::id()));
    // A folder left by an earlier test process with the same (recycled) id is not ours to
    // keep: start empty, so that tests counting a folder's files see only their own.
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Writes `bytes` (not necessarily UTF-8) to a new file named after `name` in a fresh
/// temporary folder.
pub(crate) fn temp_bytes(name: &str, bytes: &[u8]) -> PathBuf {
    let path = temp_file(name, "");
    std::fs::write(&path, bytes).unwrap();
    path
}

pub(crate) mod chromium;
