//! Dates as the project leader writes them (ISO `2026-06-30` in plans, follow-ups, meeting
//! logs and ledgers): a date or a Danish message, never a panic; a date read is written and
//! read back to the same date. Report dates in extracts (`2026-03-01` or `01-03-2026`) are
//! read by the `count` target.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_diagnostics::parse_date_da;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_date_da(text) {
        Ok(date) => {
            let written = date.format("%Y-%m-%d").to_string();
            assert_eq!(parse_date_da(&written), Ok(date));
        }
        // At most 80 characters are quoted, but each may be escaped (`\u{16}`: up to 10).
        Err(message) => assert!(message.chars().count() < 1_000, "{message}"),
    }
});
