//! Resource limits: a record longer than the limit is refused with its line, in both modes,
//! and the parallel count refuses it having read only about the limit (bounded memory),
//! however long the record is. Record ends are found the same way in one piece or many.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::io::{self, Read};
use std::sync::LazyLock;

use proptest::prelude::*;
use tryghed_count::{CountError, CountOptions, Counter, DEFAULT_MAX_RECORD_BYTES, LayerChoice};
use tryghed_goals::CategorySet;

const HEADER: &str = "id,date,code,x,y\n";
const GOOD: &str = "S1,2025-03-14,1320,720302.0,6172500.0\n";

fn counter(options: CountOptions) -> Counter {
    Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        options,
    )
    .unwrap()
}

/// An endless record: the header and a good row, then `"` or `a` for ever. Reading more
/// than `budget` bytes is an error, so a count that holds the whole record fails.
struct Endless {
    prefix: Vec<u8>,
    fill: u8,
    given: usize,
    budget: usize,
}

impl Read for Endless {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.given >= self.budget {
            return Err(io::Error::other("read far past the record limit"));
        }
        let n = buf.len().min(self.budget - self.given);
        for (i, b) in buf.iter_mut().take(n).enumerate() {
            *b = self
                .prefix
                .get(self.given + i)
                .copied()
                .unwrap_or(self.fill);
        }
        self.given += n;
        Ok(n)
    }
}

fn too_long(result: Result<tryghed_count::CountReport, CountError>) -> (u64, usize) {
    match result {
        Err(CountError::RecordTooLong { line, limit, .. }) => (line, limit),
        Err(other) => panic!("expected RecordTooLong, got {other}"),
        Ok(_) => panic!("expected RecordTooLong, got a report"),
    }
}

#[test]
fn a_record_over_the_limit_is_refused_with_its_line_in_both_modes() {
    let c = counter(CountOptions::new().with_max_record_bytes(100));
    let long = format!("S2,2025-03-14,1320,720302.0,{}\n", "6".repeat(200));
    let text = format!("{HEADER}{GOOD}{GOOD}{long}{GOOD}");
    let (line, limit) = too_long(c.count(text.as_bytes()));
    assert_eq!((line, limit), (4, 100));
    #[cfg(feature = "rayon")]
    assert_eq!(too_long(c.par_count(text.as_bytes())), (4, 100));
    // The message names the line and the limit.
    let message = c.count(text.as_bytes()).unwrap_err().to_string();
    assert!(
        message.contains("line 4") && message.contains("100 bytes"),
        "{message}"
    );
    // Skipping invalid rows does not lift the limit.
    let skip = counter(
        CountOptions::new()
            .with_max_record_bytes(100)
            .with_skip_invalid(true),
    );
    assert_eq!(too_long(skip.count(text.as_bytes())), (4, 100));
    // A record of exactly the limit is fine.
    let exact = format!("{HEADER}{GOOD}");
    let c = counter(CountOptions::new().with_max_record_bytes(GOOD.len()));
    assert_eq!(c.count(exact.as_bytes()).unwrap().summary().rows_read(), 1);
    #[cfg(feature = "rayon")]
    assert_eq!(
        c.par_count(exact.as_bytes()).unwrap().summary().rows_read(),
        1
    );
}

#[test]
fn a_header_over_the_limit_is_refused() {
    let c = counter(CountOptions::new().with_max_record_bytes(10));
    let (line, _) = too_long(c.count(format!("{HEADER}{GOOD}").as_bytes()));
    assert_eq!(line, 1);
    #[cfg(feature = "rayon")]
    assert_eq!(
        too_long(c.par_count(format!("{HEADER}{GOOD}").as_bytes())).0,
        1
    );
}

fn endless(prefix: &str, fill: u8) -> Endless {
    Endless {
        prefix: prefix.as_bytes().to_vec(),
        fill,
        given: 0,
        budget: DEFAULT_MAX_RECORD_BYTES + (8 << 20),
    }
}

/// Before the fix, both modes kept reading a record that never ends, holding all of it
/// (and the parallel count rescanned it after every MiB): here that reads past the budget
/// and fails with an I/O error instead of the limit.
#[test]
fn an_endless_record_is_refused_after_reading_about_the_limit() {
    let c = counter(CountOptions::new());
    let rows = format!("{HEADER}{GOOD}S2,");
    for fill in [b'a', b'"'] {
        let (line, limit) = too_long(c.count(endless(&rows, fill)));
        assert_eq!((line, limit), (3, DEFAULT_MAX_RECORD_BYTES));
        #[cfg(feature = "rayon")]
        assert_eq!(
            too_long(c.par_count(endless(&rows, fill))),
            (3, DEFAULT_MAX_RECORD_BYTES)
        );
        // An endless header too.
        assert_eq!(too_long(c.count(endless("", fill))).0, 1);
        #[cfg(feature = "rayon")]
        assert_eq!(too_long(c.par_count(endless("", fill))).0, 1);
    }
    // A quoted field with endless line breaks in it.
    let quoted = format!("{HEADER}{GOOD}S2,\"");
    assert_eq!(too_long(c.count(endless(&quoted, b'\n'))).0, 3);
    #[cfg(feature = "rayon")]
    assert_eq!(too_long(c.par_count(endless(&quoted, b'\n'))).0, 3);
}

#[test]
fn a_zero_limit_is_an_option_error() {
    let result = Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new().with_max_record_bytes(0),
    );
    assert!(matches!(result, Err(CountError::Options { .. })));
}

/// A long record within a raised limit is counted the same way by both modes.
#[cfg(feature = "rayon")]
#[test]
fn a_long_record_within_the_limit_counts_the_same_in_both_modes() {
    let c = counter(CountOptions::new().with_max_record_bytes(usize::MAX));
    let long = format!(
        "S2,2025-03-14,1320,720302.0,6172500.0,\"{}\"\n",
        "a\nb,".repeat(1 << 20)
    );
    let text = format!("id,date,code,x,y,note\n{GOOD}{long}{GOOD}");
    let seq = c.count(text.as_bytes()).unwrap();
    assert_eq!(seq.summary().rows_read(), 3);
    assert_eq!(c.par_count(text.as_bytes()).unwrap(), seq);
}

const LIMITS: [usize; 4] = [usize::MAX, 8, 21, 60];

/// Counters for each limit, strict and skipping, prepared once.
static COUNTERS: LazyLock<[Vec<Counter>; 2]> = LazyLock::new(|| {
    [false, true].map(|skip| {
        LIMITS
            .iter()
            .map(|&limit| {
                counter(
                    CountOptions::new()
                        .with_skip_invalid(skip)
                        .with_max_record_bytes(limit),
                )
            })
            .collect()
    })
});

fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("a"),
        Just(","),
        Just(";"),
        Just("\""),
        Just("\"\""),
        Just("\n"),
        Just("\r"),
        Just("\r\n"),
        Just("2025-03-14"),
        Just("720302.0"),
        Just("1320"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Quotes, line breaks and carriage returns anywhere: the parallel count (whose chunks
    /// are cut at the record ends it finds incrementally) equals the sequential one, also
    /// with a small record limit.
    #[cfg(feature = "rayon")]
    #[test]
    fn sequential_equals_parallel_on_quotes_and_line_ends(
        pieces in prop::collection::vec(piece(), 0..200),
        limit in 0..LIMITS.len(),
    ) {
        let text = format!("{HEADER}{}", pieces.concat());
        for skip in [false, true] {
            let c = &COUNTERS[usize::from(skip)][limit];
            let seq = c.count(text.as_bytes()).map_err(|e| e.to_string());
            let par = c.par_count(text.as_bytes()).map_err(|e| e.to_string());
            prop_assert_eq!(seq, par);
        }
    }
}
