//! Reading the plan file: TOML with the place of every value, turned into a [`Plan`] while
//! collecting every problem.

use std::ops::Range;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use tryghed_budget::{ActivityId, Dkk};
use tryghed_goals::IndicatorId;
use tryghed_parties::PartyId;

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
    #[schemars(with = "i32")]
    year: Option<Spanned<i64>>,
    /// The activities (aktiviteter), each an [[activities]] table.
    #[serde(default)]
    #[schemars(with = "Vec<RawActivity>")]
    activities: Vec<Spanned<RawActivity>>,
}

/// An activity (aktivitet) of the plan.
#[derive(Deserialize, JsonSchema)]
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
}

/// A deliverable (leverance): what the activity delivers, and by when.
#[derive(Deserialize, JsonSchema)]
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

/// A plan file as read: the plan (the activities that could be read), where each part is, and
/// the problems of reading.
pub(crate) struct Parsed {
    pub(crate) plan: Option<Plan>,
    pub(crate) spans: SpanMap,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Whether every activity of the file is in `plan`.
    pub(crate) complete: bool,
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
                plan: None,
                spans: SpanMap::default(),
                diagnostics: reader.diagnostics,
                complete: false,
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
            match i32::try_from(*year.get_ref()) {
                Ok(y) if (1..=9999).contains(&y) => Some(y),
                _ => {
                    reader.error(
                        span,
                        "year".to_owned(),
                        format!("{} is not a calendar year", year.get_ref()),
                    );
                    None
                }
            }
        }
    };
    let mut activities = Vec::new();
    let mut complete = true;
    for (index, raw) in raw.activities.into_iter().enumerate() {
        let (activity, activity_spans) = read_activity(&mut reader, index, raw);
        match activity {
            Some(activity) => {
                activities.push(activity);
                spans.activities.push(activity_spans);
            }
            None => complete = false,
        }
    }
    let plan = year.map(|year| Plan::new(year, activities));
    Parsed {
        complete: complete && plan.is_some(),
        plan,
        spans,
        diagnostics: reader.diagnostics,
    }
}

#[allow(clippy::too_many_lines, reason = "one field after the other")]
fn read_activity(
    reader: &mut Reader<'_>,
    index: usize,
    raw: Spanned<RawActivity>,
) -> (Option<Activity>, ActivitySpans) {
    let whole = raw.span();
    let raw = raw.into_inner();
    let field = |name: &str| format!("activities[{index}].{name}");
    let errors_before = reader.diagnostics.len();
    let mut spans = ActivitySpans {
        file_index: index,
        whole: whole.clone(),
        ..ActivitySpans::default()
    };

    let id = reader.required(raw.id, &whole, field("id"), "the activity's id");
    let (id, span) = parse_id(reader, id, &field("id"), |s: &str| ActivityId::new(s));
    spans.id = span;
    let title = reader.required(raw.title, &whole, field("title"), "the activity's title");
    let focus = reader.required(
        raw.focus_area,
        &whole,
        field("focus_area"),
        "the activity's focus area",
    );
    let (focus_area, span) = parse_id(reader, focus, &field("focus_area"), FocusAreaId::new);
    spans.focus_area = span;
    let responsible = reader.required(
        raw.responsible,
        &whole,
        field("responsible"),
        "the activity's responsible party",
    );
    let (responsible, span) = parse_id(reader, responsible, &field("responsible"), |s: &str| {
        PartyId::new(s)
    });
    spans.responsible = span;

    let mut partners = Vec::new();
    for (j, value) in raw.partners.into_iter().enumerate() {
        spans.partners.push(value.span());
        if let Some(partner) =
            read_partner(reader, &format!("activities[{index}].partners[{j}]"), value)
        {
            partners.push(partner);
        }
    }

    let budget = match raw.budget {
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
            Ok(id) => indicators.push(id),
            Err(error) => reader.error(
                value.span(),
                format!("activities[{index}].indicators[{j}]"),
                error.to_string(),
            ),
        }
    }

    let mut deliverables = Vec::new();
    for (k, value) in raw.deliverables.into_iter().enumerate() {
        let (deliverable, d_spans) = read_deliverable(reader, index, k, value);
        spans.deliverables.push(d_spans);
        if let Some(deliverable) = deliverable {
            deliverables.push(deliverable);
        }
    }

    if reader.diagnostics.len() > errors_before {
        return (None, spans);
    }
    let (
        Some(id),
        Some((title, _)),
        Some(focus_area),
        Some(responsible),
        Some(budget),
        Some(status),
    ) = (id, title, focus_area, responsible, budget, status)
    else {
        return (None, spans);
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
        Ok(activity) => (Some(activity), spans),
        Err(error) => {
            reader.error(whole, format!("activities[{index}]"), error.to_string());
            (None, spans)
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
) -> (Option<Deliverable>, DeliverableSpans) {
    let whole = raw.span();
    let raw = raw.into_inner();
    let field = |name: &str| format!("activities[{index}].deliverables[{k}].{name}");
    let mut spans = DeliverableSpans {
        whole: whole.clone(),
        ..DeliverableSpans::default()
    };
    let id = reader.required(raw.id, &whole, field("id"), "the deliverable's id");
    let (id, span) = parse_id(reader, id, &field("id"), DeliverableId::new);
    spans.id = span;
    let what = reader.required(raw.what, &whole, field("what"), "what the deliverable is");
    let due = match raw.due {
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
    let (Some(id), Some((what, what_span)), Some(due)) = (id, what, due) else {
        return (None, spans);
    };
    match Deliverable::new(id, &what, due) {
        Ok(deliverable) => (Some(deliverable), spans),
        Err(error) => {
            reader.error(what_span, field("what"), error.to_string());
            (None, spans)
        }
    }
}
