//! An agreement's TOML: any text is an agreement or an error with its place, never a panic;
//! an agreement read is judged for every year of its period without a panic, and its error
//! messages never echo a long value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryghed_agreement::Agreement;
use tryghed_goals::Observations;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Agreement::from_toml_str_named(text, "fuzz.toml") {
        Ok(agreement) => {
            let years = agreement.observation_years();
            assert!(years.start() <= years.end());
            for year in agreement.period().years() {
                let _ = agreement.evaluate(year, &Observations::new(), None);
            }
        }
        Err(error) => {
            // Every problem is located and quoted briefly: no line of the message is longer
            // than a located sentence with an 80-character quote.
            for line in error.to_string().lines() {
                assert!(line.chars().count() < 2_000, "{}", line.len());
            }
        }
    }
});
