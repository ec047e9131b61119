//! The JSON Schema of `[area]` (`schema/area.schema.json`) describes what the reader accepts:
//! every key it lists is read, a key it does not list is refused, and its delområder are the
//! city layer's.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};

const SCHEMA: &str = include_str!("../schema/area.schema.json");

fn schema() -> serde_json::Value {
    serde_json::from_str(SCHEMA).unwrap()
}

#[test]
fn every_listed_key_is_read_and_no_other() {
    let schema = schema();
    let keys: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    let mut listed: Vec<&str> = keys.iter().map(|k| k.as_str()).collect();
    listed.sort_unstable();
    assert_eq!(listed, ["credit", "estates", "name", "note", "outline"]);
    assert_eq!(schema["additionalProperties"], false);
    let unknown = FOLEHAVEN_TOML.replace(
        "name = \"Ved Folehaven\"",
        "name = \"Ved Folehaven\"\nshape = \"x\"",
    );
    let error = Agreement::from_toml_str(&unknown).unwrap_err().to_string();
    assert!(error.contains("shape"), "{error}");
}

#[test]
fn the_schema_s_delomraader_are_the_city_layer_s() {
    let schema = schema();
    let names: Vec<&str> = schema["properties"]["name"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 15);
    for name in &names {
        let text = FOLEHAVEN_TOML.replace("name = \"Ved Folehaven\"", &format!("name = {name:?}"));
        let agreement = Agreement::from_toml_str(&text).unwrap();
        assert_eq!(agreement.area().unwrap().area().name(), *name);
    }
    // And the reader's list of names (in its error) is the schema's.
    let text = FOLEHAVEN_TOML.replace("name = \"Ved Folehaven\"", "name = \"?\"");
    let error = Agreement::from_toml_str(&text).unwrap_err().to_string();
    for name in names {
        assert!(error.contains(&format!("{name:?}")), "{name}: {error}");
    }
}
