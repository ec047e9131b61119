//! Loading an agreement never panics, whatever the text, and a valid file stays valid.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use tryghed_agreement::{Agreement, AgreementError, FOLEHAVEN_TOML};

/// Cuts `text` at char boundaries near the given fractions.
fn splice(text: &str, at: usize, len: usize, insert: &str) -> String {
    let mut start = at.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{}{}", &text[..start], insert, &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any edit of the embedded file gives an agreement or an error with a location inside the
    /// text, never a panic.
    #[test]
    fn edits_never_panic(at in 0..FOLEHAVEN_TOML.len(), len in 0usize..40, insert in "[ -~æøåÆØÅ\n]{0,12}") {
        let text = splice(FOLEHAVEN_TOML, at, len, &insert);
        match Agreement::from_toml_str(&text) {
            Ok(agreement) => prop_assert!(!agreement.participant_ids().is_empty()),
            Err(error) => {
                let lines = text.lines().count().max(1) + 1;
                for problem in error.problems() {
                    prop_assert!(problem.location().line() >= 1 && problem.location().line() <= lines, "{error}");
                }
                prop_assert!(!error.to_string().is_empty());
            }
        }
    }

    /// Arbitrary text is rejected cleanly.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Agreement::from_toml_str(&text);
    }
}

#[test]
fn the_embedded_file_round_trips_through_from_toml_str() {
    let a = Agreement::from_toml_str(FOLEHAVEN_TOML).unwrap();
    assert_eq!(a, Agreement::folehaven());
}

#[test]
fn duplicate_ids_are_reported_with_both_places() {
    let text = FOLEHAVEN_TOML.replace("id = \"buf\"", "id = \"okf\"");
    let error = Agreement::from_toml_str(&text).unwrap_err();
    let AgreementError::Invalid { problems, .. } = &error else {
        panic!("{error}")
    };
    assert!(
        problems.iter().any(|p| p
            .message()
            .contains("\"okf\" is used twice (first by parties[1])")),
        "{error}"
    );
}

#[test]
fn unknown_keys_are_errors_not_ignored() {
    let text = FOLEHAVEN_TOML.replace(
        "district = \"Valby\"",
        "district = \"Valby\"\ndistrikt = \"x\"",
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    assert!(error.to_string().contains("distrikt"), "{error}");
}

#[test]
fn the_caveats_the_text_implies_are_read_and_a_blank_one_is_an_error() {
    let folehaven = Agreement::folehaven();
    let caveats = folehaven.caveats();
    assert_eq!(caveats.len(), 2, "{caveats:?}");
    assert!(caveats[0].contains("det hidtidige partnerskabsområde"));
    assert!(caveats[1].contains("øvrige aktører, indsatser og faktorer"));

    let start = FOLEHAVEN_TOML.find("caveats = [").unwrap();
    let text = format!(
        "{}caveats = [\"en\", \"  \"]\n{}",
        &FOLEHAVEN_TOML[..start],
        &FOLEHAVEN_TOML[start..].split_once("\n]\n").unwrap().1
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    let AgreementError::Invalid { problems, .. } = &error else {
        panic!("{error}")
    };
    assert!(
        problems
            .iter()
            .any(|p| p.to_string().contains("caveats[1]") && p.message().contains("empty")),
        "{error}"
    );
}

#[test]
fn amendments_must_be_in_date_order_inside_the_period() {
    let text = format!(
        "{FOLEHAVEN_TOML}\n[[amendments]]\ndate = 2027-06-01\ntitle = \"synthetic B\"\n\n[[amendments]]\ndate = 2026-06-01\ntitle = \"synthetic A\"\n\n[[amendments]]\ndate = 2031-01-01\ntitle = \"synthetic C\"\n"
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("amendments[1].date: amendments must be in date order"),
        "{message}"
    );
    assert!(
        message.contains("amendments[2].date: 2031-01-01 is after the agreement's period ends"),
        "{message}"
    );
}

#[test]
fn earlier_periods_must_come_before_the_current_one() {
    let text = FOLEHAVEN_TOML.replace(
        "first_year = 2022\nlast_year = 2025",
        "first_year = 2022\nlast_year = 2026",
    );
    let error = Agreement::from_toml_str(&text).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("earlier_periods[1]: 2022–2026 does not end before"),
        "{error}"
    );
}

#[test]
fn budget_problems_point_at_the_budget_table() {
    // A budget that starts a year before the period: every problem it causes is located at
    // the [budget] table, not at the top of the file.
    let text = FOLEHAVEN_TOML.replace("first_year = 2026", "first_year = 2025");
    let error = Agreement::from_toml_str(&text).unwrap_err();
    let budget_line = text
        .lines()
        .position(|line| line.trim() == "[budget]")
        .unwrap()
        + 1;
    let problems = error.problems();
    assert!(!problems.is_empty(), "{error}");
    for problem in &problems {
        assert_eq!(problem.field(), "budget", "{error}");
        assert!(problem.location().line() >= budget_line, "{error}");
    }
}

#[test]
fn an_amendment_before_the_period_starts_is_an_error() {
    // The crate docs promise amendments "inside the period": before 2026-01-01 is outside.
    let text = format!(
        "{FOLEHAVEN_TOML}\n[[amendments]]\ndate = 2025-12-31\ntitle = \"synthetic early\"\n"
    );
    let message = Agreement::from_toml_str(&text).unwrap_err().to_string();
    assert!(
        message.contains(
            "amendments[0].date: 2025-12-31 is before the agreement's period starts (2026-01-01)"
        ),
        "{message}"
    );
}

/// Issue 13, item 4: `first_year = 1, last_year = 100000000` (or the whole `i32` range)
/// allocated one budget per year before any check and aborted the process. Now such years
/// are not even a `Year` (1900–2199), and a period of real years longer than 100 years is an
/// error before anything is allocated.
#[test]
fn a_budget_period_of_millions_of_years_is_an_error_not_an_abort() {
    for (first, last) in [(1, 100_000_000), (i32::MIN, i32::MAX)] {
        let text = FOLEHAVEN_TOML.replacen(
            "first_year = 2026\nlast_year = 2029",
            &format!("first_year = {first}\nlast_year = {last}"),
            1,
        );
        assert_ne!(text, FOLEHAVEN_TOML);
        let error = Agreement::from_toml_str(&text).unwrap_err().to_string();
        assert!(error.contains("is outside 1900–2199"), "{error}");
    }
    for (first, last) in [(1900, 2199), (2026, 2126)] {
        let text = FOLEHAVEN_TOML.replacen(
            "first_year = 2026\nlast_year = 2029",
            &format!("first_year = {first}\nlast_year = {last}"),
            1,
        );
        assert_ne!(text, FOLEHAVEN_TOML);
        let error = Agreement::from_toml_str(&text).unwrap_err().to_string();
        assert!(error.contains("longer than 100 years"), "{error}");
    }
}
