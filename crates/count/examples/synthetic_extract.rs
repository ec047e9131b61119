//! Writes a **synthetic** police-report extract (made-up data) for trying out and
//! benchmarking `tryghed count`.
//!
//! ```text
//! cargo run --release -p tryghed-count --example synthetic_extract -- ROWS FILE [SEED] [4326|25832]
//! cargo run --release -p tryghed-count --example synthetic_extract -- 1000000 /tmp/synthetic_1m.csv
//! ```
//!
//! See [`tryghed_count::SyntheticExtract`] for what the rows contain.

use std::fs::File;
use std::process::ExitCode;

use tryghed_count::SyntheticExtract;
use tryghed_geography::Crs;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(rows), Some(path)) = (args.first(), args.get(1)) else {
        eprintln!("usage: synthetic_extract ROWS FILE [SEED] [4326|25832]");
        return ExitCode::from(2);
    };
    let Ok(rows) = rows.replace('_', "").parse::<u64>() else {
        eprintln!("error: ROWS must be a whole number, not {rows:?}");
        return ExitCode::from(2);
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 2026,
        Some(Ok(seed)) => seed,
        Some(Err(e)) => {
            eprintln!("error: SEED: {e}");
            return ExitCode::from(2);
        }
    };
    let crs = match args.get(3).map(|s| s.parse::<Crs>()) {
        None => Crs::Etrs89Utm32,
        Some(Ok(crs)) => crs,
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let result = File::create(path)
        .map_err(tryghed_count::CountError::from)
        .and_then(|file| SyntheticExtract::new(rows, seed).with_crs(crs).write(file));
    match result {
        Ok(()) => {
            eprintln!("wrote {rows} synthetic rows (seed {seed}, {crs}) to {path}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::from(1)
        }
    }
}
