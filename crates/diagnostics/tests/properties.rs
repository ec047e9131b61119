//! The indexed location is the same as the direct one, for any text and span, and rendering
//! all diagnostics at once gives the same text as rendering each.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use tryghed_diagnostics::{Diagnostic, LineIndex, Location, render_all};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn indexed_locations_equal_direct_ones(
        text in "(a|é|\n|\r\n| |x){0,60}",
        start in 0usize..80,
        length in 0usize..20,
    ) {
        let index = LineIndex::new(&text);
        let span = start..start.saturating_add(length);
        prop_assert_eq!(
            Location::from_span_indexed("f", &text, &index, span.clone()),
            Location::from_span("f", &text, span)
        );
    }

    #[test]
    fn render_all_is_each_render_joined(
        text in "(a|é|\n| ){0,40}",
        starts in proptest::collection::vec(0usize..50, 0..5),
    ) {
        let diagnostics: Vec<Diagnostic> = starts
            .iter()
            .map(|&s| Diagnostic::error("f", "m").with_location(Location::from_span("t", &text, s..s + 1)))
            .collect();
        let each: Vec<String> = diagnostics.iter().map(|d| d.render(&text)).collect();
        prop_assert_eq!(render_all(&diagnostics, &text), each.join("\n"));
    }
}
