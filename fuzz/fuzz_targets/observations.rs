//! The observations CSV: observations or every problem with its line, never a panic.
//! Observations read are written and read back to equal observations (a round trip), and
//! merging them with the Folehaven agreement never panics.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tryghed_agreement::Agreement;
use tryghed_goals::{GoalsError, Observations};

static AGREEMENT: LazyLock<Agreement> = LazyLock::new(Agreement::folehaven);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Observations::from_csv_str(text) {
        Ok(observations) => {
            let mut written = Vec::new();
            observations
                .write_csv(&mut written)
                .expect("writes to memory");
            let back = Observations::from_csv_reader(written.as_slice()).expect("reads back");
            assert_eq!(back, observations);
            let _ = AGREEMENT.merge_observations(&observations);
        }
        Err(GoalsError::InvalidObservations { problems, .. }) => {
            assert!(!problems.is_empty());
            // Lines as the readers count them: `\r\n`, a lone `\r` and a lone `\n` each end one.
            let lines = tryghed_diagnostics::LineEnds::<&[u8]>::breaks_in(data) + 1;
            for p in &problems {
                assert!(p.line().is_some_and(|l| l >= 1 && l <= lines), "{p}");
                // Values are quoted at most 80 characters, each escaped to at most 10.
                assert!(p.to_string().chars().count() < 2_000, "{p}");
            }
        }
        Err(other) => panic!("an in-memory reader gave {other}"),
    }
});
