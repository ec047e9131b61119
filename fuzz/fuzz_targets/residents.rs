//! The residents CSV: residents or every problem with its line, never a panic; residents
//! read attach to a count of the partnership area or are refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_count::{CountError, Residents};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Residents::from_csv_str(text) {
        Ok(residents) => {
            assert!(residents.entries().iter().all(|e| e.residents() > 0));
        }
        Err(CountError::Residents { problems, .. }) => {
            assert!(!problems.is_empty());
            // Lines as the readers count them: `\r\n`, a lone `\r` and a lone `\n` each end one.
            let lines = tryghed_diagnostics::LineEnds::<&[u8]>::breaks_in(data) + 1;
            for p in &problems {
                assert!(p.line() >= 1 && p.line() <= lines, "{p}");
                // Values are quoted at most 80 characters, each escaped to at most 10.
                assert!(p.to_string().chars().count() < 2_000, "{p}");
            }
        }
        Err(other) => panic!("an in-memory reader gave {other}"),
    }
});
