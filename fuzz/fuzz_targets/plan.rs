//! A tryghedsplan: any text gives diagnostics (each at a line of the text) or a plan, never a
//! panic; rendering the diagnostics and summing up a plan never panic.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tryghed_agreement::Agreement;
use tryghed_plan::{PlanContext, check_plan};

static CONTEXT: LazyLock<PlanContext> = LazyLock::new(|| Agreement::folehaven().plan_context());

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = check_plan(text, "fuzz.toml", &CONTEXT);
    let lines = text.lines().count() + 1;
    for d in checked.diagnostics() {
        if let Some(location) = d.location() {
            assert!(location.line() <= lines, "{} > {lines}", location.line());
        }
        assert!(d.message().chars().count() < 2_000);
    }
    let _ = checked.render(text);
    if let Some(plan) = checked.plan() {
        let _ = plan.summary(&CONTEXT);
    }
});
