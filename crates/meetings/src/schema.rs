//! The JSON Schema of the meeting log file, from types that describe it.
//!
//! The reader walks the TOML tree itself (so that it can report every problem); these types
//! only describe the accepted shape, and a test keeps the committed `meetings.schema.json`
//! equal to them.
#![allow(dead_code, reason = "the types describe the schema only")]

use crate::Year;
use chrono::NaiveDate;
use schemars::JsonSchema;

/// A meeting log (mødelog): the meetings of a safety partnership's styregruppe and
/// arbejdsgruppe in one calendar year (see the format documentation of tryghed-meetings).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Mødelog")]
struct MeetingLogFile {
    /// The calendar year of the log, e.g. 2026. It must lie in the agreement period.
    year: Year,
    /// The meetings, each a [[meetings]] table.
    #[serde(default)]
    meetings: Vec<MeetingFile>,
}

/// One meeting.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct MeetingFile {
    /// The body that met.
    body: BodySchema,
    /// The date of the meeting: a TOML date (2026-03-10) or a string "2026-03-10".
    date: NaiveDate,
    /// The id of the party whose representative chaired the meeting (mødeleder, tovholder);
    /// for the arbejdsgruppe the party of the projektleder.
    chair: Option<String>,
    /// Who attended, for which party: party ids, or { party = "…", person = "…" }. Required
    /// for a meeting that has been held.
    #[serde(default)]
    attendees: Vec<AttendeeSchema>,
    /// People who are not parties of the agreement (guests).
    #[serde(default)]
    guests: Vec<String>,
    /// The decisions (beslutninger).
    #[serde(default)]
    decisions: Vec<String>,
    /// The follow-up actions, each a [[meetings.actions]] table.
    #[serde(default)]
    actions: Vec<ActionFile>,
}

/// The body that met.
#[derive(JsonSchema)]
enum BodySchema {
    /// The styregruppe.
    #[serde(rename = "styregruppe")]
    Styregruppe,
    /// The arbejdsgruppe.
    #[serde(rename = "arbejdsgruppe")]
    Arbejdsgruppe,
    /// The styregruppe, by its machine name.
    #[serde(rename = "steering_group")]
    SteeringGroup,
    /// The arbejdsgruppe, by its machine name.
    #[serde(rename = "working_group")]
    WorkingGroup,
}

/// An attendee: a party id, or a party with the person's name.
#[derive(JsonSchema)]
#[serde(untagged)]
enum AttendeeSchema {
    /// The id of a party of the agreement, e.g. "politi".
    Party(String),
    /// A party and the person who came for it.
    Person(PersonSchema),
}

/// A party and the person who came for it.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct PersonSchema {
    /// The id of a party of the agreement.
    party: String,
    /// The person's name.
    person: Option<String>,
}

/// A follow-up action: what, by which party, by when.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct ActionFile {
    /// What is to be done.
    what: String,
    /// The id of the party responsible for it.
    owner: String,
    /// The deadline: a TOML date or a string "2026-04-30".
    due: NaiveDate,
}

/// The JSON Schema of the meeting log file, as pretty-printed JSON with a final newline
/// (committed as `crates/meetings/meetings.schema.json`).
pub fn meetings_schema() -> String {
    let schema = schemars::schema_for!(MeetingLogFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
