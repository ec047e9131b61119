//! Reading the plan file: TOML with the place of every value, turned into a [`Plan`] while
//! collecting every problem.

use crate::Year;
use std::ops::Range;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use toml::Spanned;
use tryghed_budget::{ActivityId, Dkk};
use tryghed_goals::IndicatorId;
use tryghed_parties::PartyId;

use crate::partial::{PartialActivity, PartialDeliverable, PartialPlan};
use crate::site::{ActivitySpans, DeliverableSpans, SpanMap};
use crate::{
    Activity, ActivityStatus, Approval, Deliverable, DeliverableId, Diagnostic, ExternalPartner,
    FocusAreaId, Locality, Location, Objective, ObjectiveId, Partner, Plan, PlanStatus, Revision,
};

/// A tryghedsplan: the yearly plan of a safety partnership's activities (see
/// the format documentation of tryghed-plan).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tryghedsplan")]
pub(crate) struct RawPlan {
    /// The calendar year the plan covers, e.g. 2026. It must lie in the agreement period.
    #[schemars(with = "Year")]
    year: Option<Spanned<i64>>,
    /// Where the plan stands; "draft" when left out.
    #[schemars(with = "Option<PlanStatusSchema>")]
    status: Option<Spanned<String>>,
    /// Who approved the plan and when; required for an approved or revised plan.
    #[schemars(with = "Option<RawApproval>")]
    approval: Option<Spanned<RawApproval>>,
    /// The revisions after approval, each a [[revisions]] table; at least one for a revised
    /// plan.
    #[serde(default)]
    #[schemars(with = "Vec<RawRevision>")]
    revisions: Vec<Spanned<RawRevision>>,
    /// The activities (aktiviteter), each an [[activities]] table.
    #[serde(default)]
    #[schemars(with = "Vec<RawActivity>")]
    activities: Vec<Spanned<RawActivity>>,
}

// Read key by key (the `Deserialize` impl below): an unknown key or a value of the wrong type
// is kept as a `ShapeProblem` and the other keys are still read. (Plain comment: doc comments
// here would go into the JSON Schema.)
/// An activity (aktivitet) of the plan.
#[derive(Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawActivity {
    /// The activity's id, unique in the plan: 1–64 of a–z, 0–9 and '-', not starting or ending
    /// with '-', without '--'.
    #[schemars(with = "String")]
    id: Option<Spanned<String>>,
    /// A short title.
    #[schemars(with = "String")]
    title: Option<Spanned<String>>,
    /// What the activity does (optional).
    #[schemars(with = "Option<String>")]
    description: Option<Spanned<String>>,
    /// The id of the agreement's focus area (indsatsområde) the activity belongs to.
    #[schemars(with = "String")]
    focus_area: Option<Spanned<String>>,
    /// The id of the party responsible for the activity (aktivitetsansvarlig).
    #[schemars(with = "String")]
    responsible: Option<Spanned<String>>,
    /// The partners besides the responsible party: party ids, or external organisations as
    /// { name = "…", located = "inside" | "outside" }.
    #[serde(default)]
    #[schemars(with = "Vec<PartnerSchema>")]
    partners: Vec<Spanned<toml::Value>>,
    /// The money from the year's activity funds: whole kroner as an integer (45000) or an
    /// amount as a string ("45.000,00 kr.", "45000.50"). Zero is allowed.
    #[schemars(with = "AmountSchema")]
    budget: Option<Spanned<toml::Value>>,
    /// The status; "planned" when left out.
    #[schemars(with = "Option<StatusSchema>")]
    status: Option<Spanned<String>>,
    /// The ids of the indicators the activity supports (optional).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    indicators: Vec<Spanned<String>>,
    /// The deliverables (leverancer), each an [[activities.deliverables]] table.
    #[serde(default)]
    #[schemars(with = "Vec<RawDeliverable>")]
    deliverables: Vec<Spanned<RawDeliverable>>,
    /// The activity's objectives (målsætninger), each an [[activities.objectives]] table.
    #[serde(default)]
    #[schemars(with = "Vec<RawObjective>")]
    objectives: Vec<Spanned<RawObjective>>,
    /// Unknown keys and values of the wrong type (not part of the schema).
    #[serde(skip)]
    problems: Vec<ShapeProblem>,
}

// Read key by key, like `RawActivity`.
/// A deliverable (leverance): what the activity delivers, and by when.
#[derive(Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDeliverable {
    /// The deliverable's id, unique within its activity: 1–64 of a–z, 0–9 and '-'.
    #[schemars(with = "String")]
    id: Option<Spanned<String>>,
    /// What will be delivered.
    #[schemars(with = "String")]
    what: Option<Spanned<String>>,
    /// The due date: a TOML date (2026-06-30) or a string "2026-06-30".
    #[schemars(with = "NaiveDate")]
    due: Option<Spanned<toml::Value>>,
    /// Unknown keys and values of the wrong type (not part of the schema).
    #[serde(skip)]
    problems: Vec<ShapeProblem>,
}

// Read key by key, like `RawActivity`.
/// An objective (målsætning) of the activity: what it aims at.
#[derive(Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawObjective {
    /// The objective's id, unique within its activity: 1–64 of a–z, 0–9 and '-'.
    #[schemars(with = "String")]
    id: Option<Spanned<String>>,
    /// What the activity aims at, e.g. "Mindst 30 beboere deltager".
    #[schemars(with = "String")]
    what: Option<Spanned<String>>,
    /// Unknown keys and values of the wrong type (not part of the schema).
    #[serde(skip)]
    problems: Vec<ShapeProblem>,
}

// Read key by key, like `RawActivity`.
/// The approval (godkendelse) of the plan.
#[derive(Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawApproval {
    /// The date of the approval: a TOML date or a string "2026-02-24".
    #[schemars(with = "NaiveDate")]
    date: Option<Spanned<toml::Value>>,
    /// The body that approved it, e.g. "styregruppe".
    #[schemars(with = "String")]
    body: Option<Spanned<String>>,
    /// Unknown keys and values of the wrong type (not part of the schema).
    #[serde(skip)]
    problems: Vec<ShapeProblem>,
}

// Read key by key, like `RawActivity`.
/// A revision (revision) of the approved plan.
#[derive(Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRevision {
    /// The date of the revision: a TOML date or a string "2026-06-15".
    #[schemars(with = "NaiveDate")]
    date: Option<Spanned<toml::Value>>,
    /// Why the plan was revised.
    #[schemars(with = "String")]
    reason: Option<Spanned<String>>,
    /// Unknown keys and values of the wrong type (not part of the schema).
    #[serde(skip)]
    problems: Vec<ShapeProblem>,
}

/// A key of a table read key by key that could not be taken: unknown, or its value of the
/// wrong TOML type. Reported as an error at the key; the table's other keys are still read.
pub(crate) struct ShapeProblem {
    span: Range<usize>,
    key: String,
    message: String,
}

/// Reads the value of `key` into `slot`, or records why it could not be read.
fn take<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    key: &Spanned<String>,
    slot: &mut T,
    problems: &mut Vec<ShapeProblem>,
) {
    match map.next_value::<T>() {
        Ok(value) => *slot = value,
        Err(error) => problems.push(ShapeProblem {
            span: key.span(),
            key: key.get_ref().clone(),
            // The first line: toml adds "in `key`", which the field path already says.
            message: serde_message_da(error.to_string().lines().next().unwrap_or_default()),
        }),
    }
}

/// Skips the value of the unknown `key`, recording it as a problem.
fn unknown<'de, A: MapAccess<'de>>(
    map: &mut A,
    key: &Spanned<String>,
    expected: &'static [&'static str],
    problems: &mut Vec<ShapeProblem>,
) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>()?;
    problems.push(ShapeProblem {
        span: key.span(),
        key: key.get_ref().clone(),
        message: format!(
            "ukendt felt {}; felterne her er: {}",
            tryghed_diagnostics::quote(key.get_ref()),
            expected.join(", ")
        ),
    });
    Ok(())
}

const ACTIVITY_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "focus_area",
    "responsible",
    "partners",
    "budget",
    "status",
    "indicators",
    "deliverables",
    "objectives",
];

const DELIVERABLE_KEYS: &[&str] = &["id", "what", "due"];
const OBJECTIVE_KEYS: &[&str] = &["id", "what"];
const APPROVAL_KEYS: &[&str] = &["date", "body"];
const REVISION_KEYS: &[&str] = &["date", "reason"];

/// `Deserialize` for a table read key by key: each known key is taken on its own (a value of
/// the wrong type becomes a [`ShapeProblem`]), an unknown key is a problem, and reading goes on.
macro_rules! read_key_by_key {
    ($raw:ident, $expecting:literal, $keys:ident, { $($key:literal => $field:ident),* $(,)? }) => {
        impl<'de> Deserialize<'de> for $raw {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Fields;
                impl<'de> Visitor<'de> for Fields {
                    type Value = $raw;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$raw, A::Error> {
                        let mut raw = $raw::default();
                        while let Some(key) = map.next_key::<Spanned<String>>()? {
                            match key.get_ref().as_str() {
                                $($key => take(&mut map, &key, &mut raw.$field, &mut raw.problems),)*
                                _ => unknown(&mut map, &key, $keys, &mut raw.problems)?,
                            }
                        }
                        Ok(raw)
                    }
                }
                deserializer.deserialize_map(Fields)
            }
        }
    };
}

read_key_by_key!(RawActivity, "an activity table", ACTIVITY_KEYS, {
    "id" => id,
    "title" => title,
    "description" => description,
    "focus_area" => focus_area,
    "responsible" => responsible,
    "partners" => partners,
    "budget" => budget,
    "status" => status,
    "indicators" => indicators,
    "deliverables" => deliverables,
    "objectives" => objectives,
});

read_key_by_key!(RawDeliverable, "a deliverable table", DELIVERABLE_KEYS, {
    "id" => id,
    "what" => what,
    "due" => due,
});

read_key_by_key!(RawObjective, "an objective table", OBJECTIVE_KEYS, {
    "id" => id,
    "what" => what,
});

read_key_by_key!(RawApproval, "an approval table", APPROVAL_KEYS, {
    "date" => date,
    "body" => body,
});

read_key_by_key!(RawRevision, "a revision table", REVISION_KEYS, {
    "date" => date,
    "reason" => reason,
});

/// A serde error in Danish: "invalid type: integer `5`, expected a string" becomes "her skal
/// stå en tekst, ikke et heltal"; other messages are kept behind a Danish lead.
fn serde_message_da(message: &str) -> String {
    fn kind(text: &str) -> Option<&'static str> {
        let t = text.trim();
        let table = [
            ("integer", "et heltal"),
            ("i64", "et heltal"),
            ("u64", "et heltal"),
            ("string", "en tekst"),
            ("a string", "en tekst"),
            ("boolean", "en sandhedsværdi"),
            ("a boolean", "en sandhedsværdi"),
            ("floating point", "et decimaltal"),
            ("sequence", "en liste"),
            ("a sequence", "en liste"),
            ("map", "en tabel"),
            ("a map", "en tabel"),
            ("an activity table", "en tabel"),
            ("a deliverable table", "en tabel"),
            ("an objective table", "en tabel"),
            ("an approval table", "en tabel"),
            ("a revision table", "en tabel"),
            ("datetime", "en dato"),
        ];
        table
            .iter()
            .find(|(en, _)| t == *en || t.starts_with(&format!("{en} ")))
            .map(|(_, da)| *da)
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
        && let (Some(found), Some(expected)) = (kind(found), kind(expected))
    {
        return format!("her skal stå {expected}, ikke {found}");
    }
    format!("værdien kan ikke læses: {message}")
}

/// A partner: a party id, or an external organisation.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, reason = "describes the schema only")]
enum PartnerSchema {
    /// The id of a party of the agreement, e.g. "politi".
    Party(String),
    /// An organisation outside the agreement.
    External(ExternalSchema),
}

/// An organisation outside the agreement, located inside or outside the partnership area.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "describes the schema only")]
struct ExternalSchema {
    /// The organisation's name.
    name: String,
    /// Where it is located.
    located: LocalitySchema,
}

/// Inside or outside the partnership area.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code, reason = "describes the schema only")]
enum LocalitySchema {
    /// In the partnership area.
    Inside,
    /// Outside the partnership area.
    Outside,
}

/// An amount of Danish kroner.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, reason = "describes the schema only")]
enum AmountSchema {
    /// Whole kroner.
    Kroner(i64),
    /// An amount as text: "45000", "45000.50", "45.000,50 kr.".
    Text(String),
}

/// An activity's status.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code, reason = "describes the schema only")]
enum StatusSchema {
    /// Not started yet.
    Planned,
    /// Under way.
    Ongoing,
    /// Done.
    Completed,
    /// Given up.
    Cancelled,
}

/// Where a plan stands.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code, reason = "describes the schema only")]
enum PlanStatusSchema {
    /// Not approved yet (udkast).
    Draft,
    /// Approved (godkendt); needs [approval].
    Approved,
    /// Revised after approval (revideret); needs [approval] and [[revisions]].
    Revised,
}

/// The JSON Schema of the plan file, as pretty-printed JSON with a final newline.
///
/// Generated from the types the reader deserialises, so it describes exactly what
/// [`check_plan`](crate::check_plan) accepts in shape; the rules against the agreement are
/// not expressible in it. The same text is committed as `crates/plan/plan.schema.json`.
pub fn plan_schema() -> String {
    let schema = schemars::schema_for!(RawPlan);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A plan file as read: every field that could be read, where each part is, the plan itself
/// when everything could be read, and the problems of reading.
pub(crate) struct Parsed {
    /// The line starts of the text, for placing the diagnostics of the rules.
    pub(crate) lines: tryghed_diagnostics::LineIndex,
    /// What could be read; `None` when the file is not TOML or its top level has the wrong
    /// shape.
    pub(crate) partial: Option<PartialPlan>,
    /// The plan, when every field could be read.
    pub(crate) plan: Option<Plan>,
    pub(crate) spans: SpanMap,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Collects diagnostics with their places in one text.
pub(crate) struct Reader<'a> {
    pub(crate) origin: &'a str,
    pub(crate) text: &'a str,
    pub(crate) lines: tryghed_diagnostics::LineIndex,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    pub(crate) fn location(&self, span: Range<usize>) -> Location {
        Location::from_span_indexed(self.origin, self.text, &self.lines, span)
    }

    pub(crate) fn push(&mut self, span: Option<Range<usize>>, diagnostic: Diagnostic) {
        let located = match span {
            Some(span) => diagnostic.with_location(self.location(span)),
            None => diagnostic,
        };
        self.diagnostics.push(located);
    }

    pub(crate) fn error(&mut self, span: Range<usize>, field: String, message: String) {
        self.push(Some(span), Diagnostic::error(field, message));
    }

    /// A required string field: present and not blank.
    pub(crate) fn required(
        &mut self,
        value: Option<Spanned<String>>,
        whole: &Range<usize>,
        field: String,
        what: &str,
    ) -> Option<(String, Range<usize>)> {
        match value {
            None => {
                self.error(whole.clone(), field, format!("{what} mangler"));
                None
            }
            Some(value) => {
                let span = value.span();
                let text = value.into_inner();
                if text.trim().is_empty() {
                    self.error(span, field, format!("{what} er tom"));
                    None
                } else {
                    Some((text, span))
                }
            }
        }
    }

    /// A TOML syntax or shape error.
    pub(crate) fn syntax(&mut self, error: &toml::de::Error) {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim_end();
        let danish = if message.starts_with("invalid type: ") {
            serde_message_da(message)
        } else if let Some(rest) = message.strip_prefix("unknown field `") {
            let key = rest.split('`').next().unwrap_or_default();
            format!(
                "ukendt felt {}; felterne øverst i planen er: year, status, approval, revisions, activities",
                tryghed_diagnostics::quote(key)
            )
        } else {
            format!("filen er ikke gyldig TOML: {message}")
        };
        self.push(Some(span), Diagnostic::error("", danish));
    }
}

/// "\"x\" er ikke et gyldigt id": the Danish message for a text that breaks the slug rule.
pub(crate) fn bad_id(text: &str) -> String {
    format!(
        "{} er ikke et gyldigt id (brug små bogstaver a-z, cifre, '-' og '_', og begynd med et bogstav eller et ciffer)",
        tryghed_diagnostics::quote(text)
    )
}

/// Parses an id with `parse`, turning an error into a Danish diagnostic.
fn parse_id<T, E>(
    reader: &mut Reader<'_>,
    value: Option<(String, Range<usize>)>,
    field: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> (Option<T>, Option<Range<usize>>) {
    let Some((text, span)) = value else {
        return (None, None);
    };
    if let Ok(id) = parse(&text) {
        (Some(id), Some(span))
    } else {
        reader.error(span.clone(), field.to_owned(), bad_id(&text));
        (None, Some(span))
    }
}

/// Reads a plan file.
pub(crate) fn parse(text: &str, origin: &str) -> Parsed {
    let mut reader = Reader {
        origin,
        text,
        lines: tryghed_diagnostics::LineIndex::new(text),
        diagnostics: Vec::new(),
    };
    let raw: RawPlan = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            reader.syntax(&error);
            return Parsed {
                lines: reader.lines,
                partial: None,
                plan: None,
                spans: SpanMap::default(),
                diagnostics: reader.diagnostics,
            };
        }
    };
    let mut spans = SpanMap::default();
    let year = match raw.year {
        None => {
            reader.push(
                None,
                Diagnostic::error("year", "tryghedsplanens år (year) mangler")
                    .with_help("begynd filen med f.eks. `year = 2026`"),
            );
            None
        }
        Some(year) => {
            spans.year = Some(year.span());
            let span = year.span();
            if let Ok(y) = Year::from_i64(*year.get_ref()) {
                Some(y)
            } else {
                let (min, max) = (Year::MIN, Year::MAX);
                reader.error(
                    span,
                    "year".to_owned(),
                    format!(
                        "{} er ikke et kalenderår fra {min} til {max}",
                        year.get_ref()
                    ),
                );
                None
            }
        }
    };
    let lifecycle = read_lifecycle(
        &mut reader,
        raw.status,
        raw.approval,
        raw.revisions,
        &mut spans,
    );
    let mut partial = PartialPlan {
        year,
        status: lifecycle.status,
        approval: lifecycle.approval_date,
        revisions: lifecycle.revision_dates.clone(),
        activities: Vec::new(),
    };
    let mut activities = Some(Vec::new());
    for (index, raw) in raw.activities.into_iter().enumerate() {
        let (read, activity, activity_spans) = read_activity(&mut reader, index, raw);
        partial.activities.push(read);
        spans.activities.push(activity_spans);
        activities = activities.zip(activity).map(|(mut all, one)| {
            all.push(one);
            all
        });
    }
    let plan = year.zip(activities).and_then(|(year, activities)| {
        let mut plan = Plan::new(year, activities);
        plan.set_lifecycle(lifecycle.status?, lifecycle.approval?, lifecycle.revisions?);
        Some(plan)
    });
    Parsed {
        lines: reader.lines,
        partial: Some(partial),
        plan,
        spans,
        diagnostics: reader.diagnostics,
    }
}

/// The plan's status, approval and revisions as far as they could be read.
#[allow(
    clippy::option_option,
    reason = "none, an unreadable one and a read one are three different cases"
)]
struct Lifecycle {
    /// `None` when the status could not be read.
    status: Option<PlanStatus>,
    /// The approval when the table could be read whole (`Some(None)`: there is none).
    approval: Option<Option<Approval>>,
    /// `Some(date)` when there is an `[approval]` table (its date, if readable).
    approval_date: Option<Option<NaiveDate>>,
    /// Every revision, when all could be read.
    revisions: Option<Vec<Revision>>,
    revision_dates: Vec<Option<NaiveDate>>,
}

fn read_dated(
    reader: &mut Reader<'_>,
    whole: &Range<usize>,
    field: &str,
    date: Option<Spanned<toml::Value>>,
) -> (Option<NaiveDate>, Option<Range<usize>>) {
    let Some(value) = date else {
        reader.error(
            whole.clone(),
            format!("{field}.date"),
            "datoen (date) mangler".to_owned(),
        );
        return (None, None);
    };
    let span = value.span();
    match read_date(value.get_ref()) {
        Ok(date) => (Some(date), Some(span)),
        Err(message) => {
            reader.error(span.clone(), format!("{field}.date"), message);
            (None, Some(span))
        }
    }
}

fn read_lifecycle(
    reader: &mut Reader<'_>,
    status: Option<Spanned<String>>,
    approval: Option<Spanned<RawApproval>>,
    revisions: Vec<Spanned<RawRevision>>,
    spans: &mut SpanMap,
) -> Lifecycle {
    let status = match status {
        None => Some(PlanStatus::Draft),
        Some(value) => {
            spans.status = Some(value.span());
            match value.get_ref().parse::<PlanStatus>() {
                Ok(status) => Some(status),
                Err(message) => {
                    reader.error(value.span(), "status".to_owned(), message);
                    None
                }
            }
        }
    };
    let (approval, approval_date) = match approval {
        None => (Some(None), None),
        Some(raw) => {
            let whole = raw.span();
            let raw = raw.into_inner();
            let unreadable = |key: &str| raw.problems.iter().any(|p| p.key == key);
            let (date, date_span) = if unreadable("date") {
                (None, None)
            } else {
                read_dated(reader, &whole, "approval", raw.date)
            };
            spans.approval = Some((whole.clone(), date_span));
            let body = if unreadable("body") {
                None
            } else {
                reader.required(
                    raw.body,
                    &whole,
                    "approval.body".to_owned(),
                    "organet, der godkendte planen (body),",
                )
            };
            let shape_ok = raw.problems.is_empty();
            report_shape(reader, raw.problems, |key| format!("approval.{key}"));
            let approval = match (shape_ok, date, &body) {
                (true, Some(date), Some((body, _))) => Approval::new(date, body).ok().map(Some),
                _ => None,
            };
            (approval, Some(date))
        }
    };
    let mut all = Some(Vec::new());
    let mut dates = Vec::new();
    for (i, raw) in revisions.into_iter().enumerate() {
        let whole = raw.span();
        let raw = raw.into_inner();
        let field = format!("revisions[{i}]");
        let unreadable = |key: &str| raw.problems.iter().any(|p| p.key == key);
        let (date, date_span) = if unreadable("date") {
            (None, None)
        } else {
            read_dated(reader, &whole, &field, raw.date)
        };
        spans.revisions.push((whole.clone(), date_span));
        dates.push(date);
        let reason = if unreadable("reason") {
            None
        } else {
            reader.required(
                raw.reason,
                &whole,
                format!("{field}.reason"),
                "begrundelsen (reason)",
            )
        };
        let shape_ok = raw.problems.is_empty();
        report_shape(reader, raw.problems, |key| format!("{field}.{key}"));
        let revision = match (shape_ok, date, &reason) {
            (true, Some(date), Some((reason, _))) => Revision::new(date, reason).ok(),
            _ => None,
        };
        all = all.zip(revision).map(|(mut all, one)| {
            all.push(one);
            all
        });
    }
    Lifecycle {
        status,
        approval,
        approval_date,
        revisions: all,
        revision_dates: dates,
    }
}

fn read_objective(
    reader: &mut Reader<'_>,
    index: usize,
    k: usize,
    raw: Spanned<RawObjective>,
) -> (Option<ObjectiveId>, Option<Objective>, Range<usize>) {
    let whole = raw.span();
    let raw = raw.into_inner();
    let field = |name: &str| format!("activities[{index}].objectives[{k}].{name}");
    let unreadable = |key: &str| raw.problems.iter().any(|p| p.key == key);
    let id = if unreadable("id") {
        None
    } else {
        reader.required(raw.id, &whole, field("id"), "målsætningens id (id)")
    };
    let (id, span) = parse_id(reader, id, &field("id"), |s: &str| ObjectiveId::new(s));
    let what = if unreadable("what") {
        None
    } else {
        reader.required(
            raw.what,
            &whole,
            field("what"),
            "beskrivelsen af målsætningen (what)",
        )
    };
    let shape_ok = raw.problems.is_empty();
    report_shape(reader, raw.problems, |key| field(key));
    let objective = match (shape_ok, &id, &what) {
        (true, Some(id), Some((what, _))) => Objective::new(id.clone(), what).ok(),
        _ => None,
    };
    (id, objective, span.unwrap_or(whole))
}

/// Reports the shape problems of a table read key by key.
fn report_shape(
    reader: &mut Reader<'_>,
    problems: Vec<ShapeProblem>,
    field: impl Fn(&str) -> String,
) {
    for problem in problems {
        reader.error(problem.span, field(&problem.key), problem.message);
    }
}

/// Reads one activity field by field: what could be read (for the rules), the activity itself
/// when everything could be read, and the places of its parts.
#[allow(clippy::too_many_lines, reason = "one field after the other")]
fn read_activity(
    reader: &mut Reader<'_>,
    index: usize,
    raw: Spanned<RawActivity>,
) -> (PartialActivity, Option<Activity>, ActivitySpans) {
    let whole = raw.span();
    let raw = raw.into_inner();
    let field = |name: &str| format!("activities[{index}].{name}");
    let errors_before = reader.diagnostics.len();
    let mut spans = ActivitySpans {
        whole: whole.clone(),
        ..ActivitySpans::default()
    };
    let unreadable = |key: &str| raw.problems.iter().any(|p| p.key == key);
    let (partners_unreadable, deliverables_unreadable) =
        (unreadable("partners"), unreadable("deliverables"));
    // A key whose value had the wrong type is reported as such, not also as missing.
    let present = |value: Option<Spanned<String>>, key: &str| {
        if unreadable(key) { None } else { Some(value) }
    };
    let required = |reader: &mut Reader<'_>, value, key: &str, what: &str| {
        present(value, key).and_then(|value| reader.required(value, &whole, field(key), what))
    };

    let id = required(reader, raw.id, "id", "aktivitetens id (id)");
    let (id, span) = parse_id(reader, id, &field("id"), |s: &str| ActivityId::new(s));
    spans.id = span;
    let title = required(reader, raw.title, "title", "aktivitetens titel (title)");
    let focus = required(
        reader,
        raw.focus_area,
        "focus_area",
        "aktivitetens indsatsområde (focus_area)",
    );
    let (focus_area, span) = parse_id(reader, focus, &field("focus_area"), |s: &str| {
        FocusAreaId::new(s)
    });
    spans.focus_area = span;
    let responsible = required(
        reader,
        raw.responsible,
        "responsible",
        "aktivitetens ansvarlige part (responsible)",
    );
    let (responsible, span) = parse_id(reader, responsible, &field("responsible"), |s: &str| {
        PartyId::new(s)
    });
    spans.responsible = span;

    let mut partners = Vec::new();
    for (j, value) in raw.partners.into_iter().enumerate() {
        spans.partners.push(value.span());
        partners.push(read_partner(
            reader,
            &format!("activities[{index}].partners[{j}]"),
            value,
        ));
    }

    let budget = match raw.budget {
        None if unreadable("budget") => None,
        None => {
            reader.push(
                Some(whole.clone()),
                Diagnostic::error(field("budget"), "aktivitetens budget (budget) mangler")
                    .with_help("skriv `budget = 0` for en aktivitet, der ikke skal have midler"),
            );
            None
        }
        Some(value) => {
            spans.budget = Some(value.span());
            read_amount(reader, &field("budget"), &value)
        }
    };

    let status = match raw.status {
        None if unreadable("status") => None,
        None => Some(ActivityStatus::Planned),
        Some(value) => match value.get_ref().parse::<ActivityStatus>() {
            Ok(status) => Some(status),
            Err(message) => {
                reader.error(value.span(), field("status"), message);
                None
            }
        },
    };

    let mut indicators = Vec::new();
    for (j, value) in raw.indicators.into_iter().enumerate() {
        spans.indicators.push(value.span());
        if let Ok(id) = IndicatorId::new(value.get_ref().as_str()) {
            indicators.push(Some(id));
        } else {
            reader.error(
                value.span(),
                format!("activities[{index}].indicators[{j}]"),
                bad_id(value.get_ref()),
            );
            indicators.push(None);
        }
    }

    let mut deliverables = Vec::new();
    let mut partial_deliverables = Vec::new();
    for (k, value) in raw.deliverables.into_iter().enumerate() {
        let (read, deliverable, d_spans) = read_deliverable(reader, index, k, value);
        spans.deliverables.push(d_spans);
        partial_deliverables.push(read);
        deliverables.push(deliverable);
    }

    let mut objectives = Vec::new();
    let mut objective_ids = Vec::new();
    for (k, value) in raw.objectives.into_iter().enumerate() {
        let (id, objective, span) = read_objective(reader, index, k, value);
        spans.objectives.push(span);
        objective_ids.push(id);
        objectives.push(objective);
    }

    report_shape(reader, raw.problems, |key| field(key));

    let partial = PartialActivity {
        id: id.clone(),
        focus_area: focus_area.clone(),
        responsible: responsible.clone(),
        partners: (!partners_unreadable).then(|| partners.clone()),
        budget,
        indicators: indicators.clone(),
        deliverables: (!deliverables_unreadable).then_some(partial_deliverables),
        objectives: objective_ids,
    };
    if reader.diagnostics.len() > errors_before {
        return (partial, None, spans);
    }
    let (
        Some(id),
        Some((title, _)),
        Some(focus_area),
        Some(responsible),
        Some(budget),
        Some(status),
        Some(partners),
        Some(indicators),
        Some(deliverables),
        Some(objectives),
    ) = (
        id,
        title,
        focus_area,
        responsible,
        budget,
        status,
        partners.into_iter().collect::<Option<Vec<_>>>(),
        indicators.into_iter().collect::<Option<Vec<_>>>(),
        deliverables.into_iter().collect::<Option<Vec<_>>>(),
        objectives.into_iter().collect::<Option<Vec<_>>>(),
    )
    else {
        return (partial, None, spans);
    };
    let built = Activity::new(id, &title, focus_area, responsible, budget).map(|mut activity| {
        if let Some(description) = raw.description {
            activity = activity.with_description(description.get_ref());
        }
        for partner in partners {
            activity = activity.with_partner(partner);
        }
        for indicator in indicators {
            activity = activity.with_indicator(indicator);
        }
        for deliverable in deliverables {
            activity = activity.with_deliverable(deliverable);
        }
        for objective in objectives {
            activity = activity.with_objective(objective);
        }
        activity.with_status(status)
    });
    match built {
        Ok(activity) => (partial, Some(activity), spans),
        Err(error) => {
            reader.error(whole, format!("activities[{index}]"), error.message_da());
            (partial, None, spans)
        }
    }
}

fn read_partner(
    reader: &mut Reader<'_>,
    field: &str,
    value: Spanned<toml::Value>,
) -> Option<Partner> {
    let span = value.span();
    let shape = "en samarbejdspartner er et part-id (\"politi\") eller en organisation uden for aftalen: { name = \"…\", located = \"inside\" } eller \"outside\"";
    match value.into_inner() {
        toml::Value::String(id) => {
            if let Ok(id) = PartyId::new(&id) {
                Some(Partner::Party(id))
            } else {
                reader.push(
                    Some(span),
                    Diagnostic::error(field, bad_id(&id)).with_help(shape),
                );
                None
            }
        }
        toml::Value::Table(table) => {
            let mut problems = Vec::new();
            if let Some(key) = table.keys().find(|k| *k != "name" && *k != "located") {
                problems.push(format!(
                    "ukendt felt {} i en ekstern samarbejdspartner",
                    tryghed_diagnostics::quote(key)
                ));
            }
            let name = table.get("name").and_then(toml::Value::as_str);
            if name.is_none() {
                problems.push(
                    "en ekstern samarbejdspartner skal have et navn (name, en tekst)".to_owned(),
                );
            }
            let located = match table.get("located").and_then(toml::Value::as_str) {
                Some("inside") => Some(Locality::Inside),
                Some("outside") => Some(Locality::Outside),
                _ => {
                    problems.push(
                        "en ekstern samarbejdspartner skal have located = \"inside\" eller \"outside\" (partnerskabsområdet)"
                            .to_owned(),
                    );
                    None
                }
            };
            for problem in &problems {
                reader.push(
                    Some(span.clone()),
                    Diagnostic::error(field, problem.clone()).with_help(shape),
                );
            }
            let (name, located) = (name?, located?);
            match ExternalPartner::new(name, located) {
                Ok(external) if problems.is_empty() => Some(Partner::External(external)),
                Ok(_) => None,
                Err(error) => {
                    reader.error(span, field.to_owned(), error.message_da());
                    None
                }
            }
        }
        other => {
            reader.push(
                Some(span),
                Diagnostic::error(
                    field,
                    format!(
                        "en samarbejdspartner kan ikke være {}",
                        with_article(other.type_str())
                    ),
                )
                .with_help(shape),
            );
            None
        }
    }
}

fn read_amount(reader: &mut Reader<'_>, field: &str, value: &Spanned<toml::Value>) -> Option<Dkk> {
    let span = value.span();
    let help =
        "skriv hele kroner som et heltal (45000) eller et beløb som tekst (\"45.000,50 kr.\")";
    let amount = match value.get_ref() {
        toml::Value::Integer(kroner) => Dkk::from_kroner(*kroner).map_err(|e| e.message_da()),
        toml::Value::String(text) => text.parse::<Dkk>().map_err(|e| e.message_da()),
        toml::Value::Float(_) => {
            Err("et budget kan ikke være et decimaltal, som ikke er præcist til øren".to_owned())
        }
        other => Err(format!(
            "et budget kan ikke være {}",
            with_article(other.type_str())
        )),
    };
    match amount {
        Ok(amount) if amount.is_negative() => {
            reader.push(
                Some(span),
                Diagnostic::error(field, format!("budgettet er negativt ({amount})")),
            );
            None
        }
        Ok(amount) => Some(amount),
        Err(message) => {
            reader.push(
                Some(span),
                Diagnostic::error(field, message).with_help(help),
            );
            None
        }
    }
}

/// "an integer", "a string": the TOML type name with its article.
/// The TOML type in Danish with its article: "et heltal", "en tekst".
fn with_article(type_name: &str) -> String {
    match type_name {
        "string" => "en tekst",
        "integer" => "et heltal",
        "float" => "et decimaltal",
        "boolean" => "en sandhedsværdi",
        "datetime" => "en dato eller et tidspunkt",
        "array" => "en liste",
        "table" => "en tabel",
        _ => "en værdi af en anden type",
    }
    .to_owned()
}

/// Reads a date given as a TOML date or as a string `YYYY-MM-DD`.
pub(crate) fn read_date(value: &toml::Value) -> Result<NaiveDate, String> {
    let expected = "skriv en dato som 2026-06-30";
    match value {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .ok_or_else(|| format!("{datetime} er ikke en dato i kalenderen")),
            _ => Err(format!("{datetime} er ikke en ren dato; {expected}")),
        },
        toml::Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            format!(
                "{} er ikke en dato; {expected}",
                tryghed_diagnostics::quote(text)
            )
        }),
        other => Err(format!(
            "{} er ikke en dato; {expected}",
            with_article(other.type_str())
        )),
    }
}

fn read_deliverable(
    reader: &mut Reader<'_>,
    index: usize,
    k: usize,
    raw: Spanned<RawDeliverable>,
) -> (PartialDeliverable, Option<Deliverable>, DeliverableSpans) {
    let whole = raw.span();
    let raw = raw.into_inner();
    let field = |name: &str| format!("activities[{index}].deliverables[{k}].{name}");
    let mut spans = DeliverableSpans {
        whole: whole.clone(),
        ..DeliverableSpans::default()
    };
    let unreadable = |key: &str| raw.problems.iter().any(|p| p.key == key);
    let id = if unreadable("id") {
        None
    } else {
        reader.required(raw.id, &whole, field("id"), "leverancens id (id)")
    };
    let (id, span) = parse_id(reader, id, &field("id"), |s: &str| DeliverableId::new(s));
    spans.id = span;
    let what = if unreadable("what") {
        None
    } else {
        reader.required(
            raw.what,
            &whole,
            field("what"),
            "beskrivelsen af leverancen (what)",
        )
    };
    let due = match raw.due {
        None if unreadable("due") => None,
        None => {
            reader.error(
                whole.clone(),
                field("due"),
                "leverancens frist (due) mangler".to_owned(),
            );
            None
        }
        Some(value) => {
            spans.due = Some(value.span());
            match read_date(value.get_ref()) {
                Ok(date) => Some(date),
                Err(message) => {
                    reader.error(value.span(), field("due"), message);
                    None
                }
            }
        }
    };
    let shape_ok = raw.problems.is_empty();
    report_shape(reader, raw.problems, |key| field(key));
    let partial = PartialDeliverable {
        id: id.clone(),
        due,
    };
    let (true, Some(id), Some((what, what_span)), Some(due)) = (shape_ok, id, what, due) else {
        return (partial, None, spans);
    };
    match Deliverable::new(id, &what, due) {
        Ok(deliverable) => (partial, Some(deliverable), spans),
        Err(error) => {
            reader.error(what_span, field("what"), error.message_da());
            (partial, None, spans)
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::parse;
    use crate::Year;

    #[test]
    fn an_unreadable_field_keeps_the_others() {
        let text = "year = 2026\n[[activities]]\nid = \"a\"\ntitle = \"T\"\nfocus_area = \"x\"\nresponsible = 5\npartners = [\"okf\", 7]\nbudget = \"1e3\"\nwhere = 1\n[[activities.deliverables]]\nid = \"d\"\nwhat = \"W\"\ndue = \"2026-02-30\"\n";
        let parsed = parse(text, "t.toml");
        assert!(parsed.plan.is_none());
        let partial = parsed.partial.unwrap();
        assert_eq!(partial.year, Year::new(2026).ok());
        let activity = &partial.activities[0];
        assert_eq!(activity.id.as_ref().unwrap().as_str(), "a");
        assert_eq!(activity.focus_area.as_ref().unwrap().as_str(), "x");
        assert!(activity.responsible.is_none());
        let partners = activity.partners.as_ref().unwrap();
        assert_eq!(partners.len(), 2);
        assert!(partners[0].is_some() && partners[1].is_none());
        assert!(activity.budget.is_none());
        let deliverables = activity.deliverables.as_ref().unwrap();
        assert_eq!(deliverables[0].id.as_ref().unwrap().as_str(), "d");
        assert!(deliverables[0].due.is_none());
        let fields: Vec<&str> = parsed
            .diagnostics
            .iter()
            .map(crate::Diagnostic::field)
            .collect();
        assert_eq!(
            fields,
            [
                "activities[0].partners[1]",
                "activities[0].budget",
                "activities[0].deliverables[0].due",
                "activities[0].responsible",
                "activities[0].where",
            ]
        );
    }
}
