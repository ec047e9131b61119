//! The committed JSON Schemas match the types; `TRYGHED_BLESS=1 cargo test -p tryghed-plan
//! --test schema` rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

fn compare(file: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    if std::env::var_os("TRYGHED_BLESS").is_some() {
        std::fs::write(&path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is out of date with the types; regenerate it with\n  TRYGHED_BLESS=1 cargo test -p tryghed-plan --test schema\nand commit the result",
        path.display()
    );
}

#[test]
fn plan_schema_is_committed() {
    compare("plan.schema.json", &tryghed_plan::plan_schema());
}

#[test]
fn follow_up_schema_is_committed() {
    compare("follow-up.schema.json", &tryghed_plan::follow_up_schema());
}

#[test]
fn the_plan_schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&tryghed_plan::plan_schema()).unwrap();
    assert_eq!(schema["title"], "Tryghedsplan");
    assert_eq!(schema["additionalProperties"], false);
    let activity = &schema["$defs"]["RawActivity"];
    let required: Vec<&str> = activity["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for field in ["id", "title", "focus_area", "responsible", "budget"] {
        assert!(required.contains(&field), "{field} in {required:?}");
    }
    assert!(!required.contains(&"partners"));
}
