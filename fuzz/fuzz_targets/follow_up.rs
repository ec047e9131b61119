//! A follow-up on the example plan's deliverables: diagnostics at lines of the text or a
//! follow-up, never a panic; a follow-up read sums up.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tryghed_agreement::Agreement;
use tryghed_plan::{Plan, check_follow_up, check_plan};

static PLAN: LazyLock<Plan> = LazyLock::new(|| {
    let context = Agreement::folehaven().plan_context();
    let text = include_str!("../../examples/tryghedsplan-2026-eksempel.toml");
    check_plan(text, "plan.toml", &context)
        .plan()
        .cloned()
        .expect("the example plan reads")
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checked = check_follow_up(text, "fuzz.toml", &PLAN);
    let lines = text.lines().count() + 1;
    for d in checked.diagnostics() {
        if let Some(location) = d.location() {
            assert!(location.line() <= lines);
        }
    }
    let _ = checked.render(text);
    if let Some(follow_up) = checked.follow_up() {
        let _ = follow_up.summary(&PLAN);
    }
});
