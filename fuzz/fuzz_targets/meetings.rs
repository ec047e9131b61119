//! A meeting log: any text gives diagnostics (each at a line of the text) or a log, never a
//! panic; rendering the diagnostics never panics and quotes no value in full.
#![no_main]

use std::sync::LazyLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use tryghed_agreement::Agreement;
use tryghed_meetings::{CheckOptions, check_meetings};

static AGREEMENT: LazyLock<Agreement> = LazyLock::new(Agreement::folehaven);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = NaiveDate::from_ymd_opt(2027, 1, 15).expect("a date");
    let checked = check_meetings(
        text,
        "fuzz.toml",
        AGREEMENT.meeting_context(),
        CheckOptions::new(as_of),
    );
    let lines = text.lines().count() + 1;
    for d in checked.diagnostics() {
        if let Some(location) = d.location() {
            assert!(location.line() <= lines, "{} > {lines}", location.line());
        }
        assert!(d.message().chars().count() < 2_000);
    }
    let _ = checked.render(text);
});
