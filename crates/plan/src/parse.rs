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
    Activity, ActivityStatus, Deliverable, DeliverableId, Diagnostic, ExternalPartner, FocusAreaId,
    Locality, Location, Partner, Plan,
};

/// A tryghedsplan: the yearly plan of a safety partnership's activities (see
/// docs/plan-format.md).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tryghedsplan")]
pub(crate) struct RawPlan {
    /// The calendar year the plan covers, e.g. 2026. It must lie in the agreement period.
    #[schemars(with = "Year")]
    year: Option<Spanned<i64>>,
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
            message: error
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
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
            "unknown field `{}`, expected one of `{}`",
            key.get_ref(),
            expected.join("`, `")
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
];

const DELIVERABLE_KEYS: &[&str] = &["id", "what", "due"];

impl<'de> Deserialize<'de> for RawActivity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RawActivity;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an activity table")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawActivity, A::Error> {
                let mut raw = RawActivity::default();
                let problems = &mut raw.problems;
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "id" => take(&mut map, &key, &mut raw.id, problems),
                        "title" => take(&mut map, &key, &mut raw.title, problems),
                        "description" => take(&mut map, &key, &mut raw.description, problems),
                        "focus_area" => take(&mut map, &key, &mut raw.focus_area, problems),
                        "responsible" => take(&mut map, &key, &mut raw.responsible, problems),
                        "partners" => take(&mut map, &key, &mut raw.partners, problems),
                        "budget" => take(&mut map, &key, &mut raw.budget, problems),
                        "status" => take(&mut map, &key, &mut raw.status, problems),
                        "indicators" => take(&mut map, &key, &mut raw.indicators, problems),
                        "deliverables" => take(&mut map, &key, &mut raw.deliverables, problems),
                        _ => unknown(&mut map, &key, ACTIVITY_KEYS, problems)?,
                    }
                }
                Ok(raw)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

impl<'de> Deserialize<'de> for RawDeliverable {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = RawDeliverable;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a deliverable table")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDeliverable, A::Error> {
                let mut raw = RawDeliverable::default();
                let problems = &mut raw.problems;
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    match key.get_ref().as_str() {
                        "id" => take(&mut map, &key, &mut raw.id, problems),
                        "what" => take(&mut map, &key, &mut raw.what, problems),
                        "due" => take(&mut map, &key, &mut raw.due, problems),
                        _ => unknown(&mut map, &key, DELIVERABLE_KEYS, problems)?,
                    }
                }
                Ok(raw)
            }
        }
        deserializer.deserialize_map(Fields)
    }
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
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    pub(crate) fn location(&self, span: Range<usize>) -> Location {
        Location::from_span(self.origin, self.text, span)
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
                self.error(whole.clone(), field, format!("{what} is missing"));
                None
            }
            Some(value) => {
                let span = value.span();
                let text = value.into_inner();
                if text.trim().is_empty() {
                    self.error(span, field, format!("{what} is empty"));
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
        self.push(
            Some(span),
            Diagnostic::error("", error.message().trim_end().to_owned()),
        );
    }
}

/// Parses with `parse`, turning errors into a diagnostic.
fn parse_id<T, E: std::fmt::Display>(
    reader: &mut Reader<'_>,
    value: Option<(String, Range<usize>)>,
    field: &str,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> (Option<T>, Option<Range<usize>>) {
    let Some((text, span)) = value else {
        return (None, None);
    };
    match parse(&text) {
        Ok(id) => (Some(id), Some(span)),
        Err(error) => {
            reader.error(span.clone(), field.to_owned(), error.to_string());
            (None, Some(span))
        }
    }
}

/// Reads a plan file.
pub(crate) fn parse(text: &str, origin: &str) -> Parsed {
    let mut reader = Reader {
        origin,
        text,
        diagnostics: Vec::new(),
    };
    let raw: RawPlan = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            reader.syntax(&error);
            return Parsed {
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
                Diagnostic::error("year", "the plan's year is missing")
                    .with_help("start the file with e.g. `year = 2026`"),
            );
            None
        }
        Some(year) => {
            spans.year = Some(year.span());
            let span = year.span();
            match Year::from_i64(*year.get_ref()) {
                Ok(y) => Some(y),
                Err(e) => {
                    reader.error(span, "year".to_owned(), e.to_string());
                    None
                }
            }
        }
    };
    let mut partial = PartialPlan {
        year,
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
    let plan = year
        .zip(activities)
        .map(|(year, activities)| Plan::new(year, activities));
    Parsed {
        partial: Some(partial),
        plan,
        spans,
        diagnostics: reader.diagnostics,
    }
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

    let id = required(reader, raw.id, "id", "the activity's id");
    let (id, span) = parse_id(reader, id, &field("id"), |s: &str| ActivityId::new(s));
    spans.id = span;
    let title = required(reader, raw.title, "title", "the activity's title");
    let focus = required(
        reader,
        raw.focus_area,
        "focus_area",
        "the activity's focus area",
    );
    let (focus_area, span) = parse_id(reader, focus, &field("focus_area"), |s: &str| {
        FocusAreaId::new(s)
    });
    spans.focus_area = span;
    let responsible = required(
        reader,
        raw.responsible,
        "responsible",
        "the activity's responsible party",
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
                Diagnostic::error(field("budget"), "the activity's budget is missing")
                    .with_help("write `budget = 0` for an activity that needs no funds"),
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
        match IndicatorId::new(value.get_ref().as_str()) {
            Ok(id) => indicators.push(Some(id)),
            Err(error) => {
                reader.error(
                    value.span(),
                    format!("activities[{index}].indicators[{j}]"),
                    error.to_string(),
                );
                indicators.push(None);
            }
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

    report_shape(reader, raw.problems, |key| field(key));

    let partial = PartialActivity {
        id: id.clone(),
        focus_area: focus_area.clone(),
        responsible: responsible.clone(),
        partners: (!partners_unreadable).then(|| partners.clone()),
        budget,
        indicators: indicators.clone(),
        deliverables: (!deliverables_unreadable).then_some(partial_deliverables),
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
        activity.with_status(status)
    });
    match built {
        Ok(activity) => (partial, Some(activity), spans),
        Err(error) => {
            reader.error(whole, format!("activities[{index}]"), error.to_string());
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
    let shape = "a partner is a party id (\"politi\") or an external organisation { name = \"…\", located = \"inside\" } or \"outside\"";
    match value.into_inner() {
        toml::Value::String(id) => match PartyId::new(&id) {
            Ok(id) => Some(Partner::Party(id)),
            Err(error) => {
                reader.push(
                    Some(span),
                    Diagnostic::error(field, error.to_string()).with_help(shape),
                );
                None
            }
        },
        toml::Value::Table(table) => {
            let mut problems = Vec::new();
            if let Some(key) = table.keys().find(|k| *k != "name" && *k != "located") {
                problems.push(format!("unknown key \"{key}\" in an external partner"));
            }
            let name = table.get("name").and_then(toml::Value::as_str);
            if name.is_none() {
                problems.push("an external partner needs a name (a string)".to_owned());
            }
            let located = match table.get("located").and_then(toml::Value::as_str) {
                Some("inside") => Some(Locality::Inside),
                Some("outside") => Some(Locality::Outside),
                _ => {
                    problems.push(
                        "an external partner needs located = \"inside\" or \"outside\" (the partnership area)"
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
                    reader.error(span, field.to_owned(), error.to_string());
                    None
                }
            }
        }
        other => {
            reader.push(
                Some(span),
                Diagnostic::error(
                    field,
                    format!("a partner cannot be {}", with_article(other.type_str())),
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
        "write whole kroner as an integer (45000) or an amount as a string (\"45.000,50 kr.\")";
    let amount = match value.get_ref() {
        toml::Value::Integer(kroner) => Dkk::from_kroner(*kroner).map_err(|e| e.to_string()),
        toml::Value::String(text) => text.parse::<Dkk>().map_err(|e| e.to_string()),
        toml::Value::Float(_) => Err(
            "a budget cannot be a floating-point number, which is not exact to the øre".to_owned(),
        ),
        other => Err(format!(
            "a budget cannot be {}",
            with_article(other.type_str())
        )),
    };
    match amount {
        Ok(amount) if amount.is_negative() => {
            reader.push(
                Some(span),
                Diagnostic::error(field, format!("the budget is negative ({amount})")),
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
fn with_article(type_name: &str) -> String {
    if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {type_name}")
    } else {
        format!("a {type_name}")
    }
}

/// Reads a date given as a TOML date or as a string `YYYY-MM-DD`.
pub(crate) fn read_date(value: &toml::Value) -> Result<NaiveDate, String> {
    let expected = "expected a date such as 2026-06-30";
    match value {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(date), None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            )
            .ok_or_else(|| format!("{datetime} is not a date in the calendar")),
            _ => Err(format!("{datetime} is not a plain date; {expected}")),
        },
        toml::Value::String(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| format!("\"{text}\" is not a date; {expected}")),
        other => Err(format!(
            "{} is not a date; {expected}",
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
        reader.required(raw.id, &whole, field("id"), "the deliverable's id")
    };
    let (id, span) = parse_id(reader, id, &field("id"), |s: &str| DeliverableId::new(s));
    spans.id = span;
    let what = if unreadable("what") {
        None
    } else {
        reader.required(raw.what, &whole, field("what"), "what the deliverable is")
    };
    let due = match raw.due {
        None if unreadable("due") => None,
        None => {
            reader.error(
                whole.clone(),
                field("due"),
                "the deliverable's due date is missing".to_owned(),
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
            reader.error(what_span, field("what"), error.to_string());
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
