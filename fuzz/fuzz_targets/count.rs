//! Counting an extract held in memory: the sequential and the parallel count give the same
//! report or the same error, strict and skipping, with the default record limit and a small
//! one; a report always adds up.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tryghed_count::{CountOptions, Counter, LayerChoice};
use tryghed_goals::CategorySet;

static COUNTERS: LazyLock<Vec<Counter>> = LazyLock::new(|| {
    let mut counters = Vec::new();
    for skip in [false, true] {
        for limit in [usize::MAX, 40] {
            counters.push(
                Counter::new(
                    LayerChoice::Partnership,
                    CategorySet::straffelov_2026().expect("embedded categories"),
                    CountOptions::new()
                        .with_skip_invalid(skip)
                        .with_max_record_bytes(limit),
                )
                .expect("a counter"),
            );
        }
    }
    counters
});

fuzz_target!(|data: &[u8]| {
    for counter in COUNTERS.iter() {
        let sequential = counter.count(data).map_err(|e| e.to_string());
        let parallel = counter.par_count(data).map_err(|e| e.to_string());
        assert_eq!(sequential, parallel);
        if let Ok(report) = sequential {
            assert!(report.summary().adds_up());
        }
    }
});
