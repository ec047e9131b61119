//! Reading the follow-up file field by field and checking it against the plan.

use crate::Year;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use schemars::JsonSchema;
use tryghed_budget::ActivityId;
use tryghed_diagnostics::{Diagnostic, Span, Table, TomlReader, quote};

use crate::{
    DeliverableId, DeliverableReport, DeliveryStatus, FollowUp, ObjectiveId, ObjectiveReport,
    ObjectiveStatus, Plan, PlanError,
};

const TOP_KEYS: &[&str] = &["year", "deliverables", "objectives"];
const DELIVERABLE_KEYS: &[&str] = &[
    "activity",
    "deliverable",
    "status",
    "reason",
    "action",
    "new_due",
    "note",
];
const OBJECTIVE_KEYS: &[&str] = &[
    "activity",
    "objective",
    "status",
    "reason",
    "action",
    "note",
];

/// A follow-up file: the year and the reports on the plan's deliverables and objectives (see
/// the format documentation of tryghed-plan).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Opfølgning")]
#[allow(dead_code, reason = "describes the schema only")]
struct FollowUpFile {
    /// The year of the plan followed up.
    year: Year,
    /// One report per deliverable, each a [[deliverables]] table.
    #[serde(default)]
    deliverables: Vec<DeliverableReportFile>,
    /// One report per objective (målsætning), each an [[objectives]] table.
    #[serde(default)]
    objectives: Vec<ObjectiveReportFile>,
}

/// An activity owner's report on one deliverable.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "describes the schema only")]
struct DeliverableReportFile {
    /// The activity's id in the plan.
    activity: String,
    /// The deliverable's id within the activity.
    deliverable: String,
    /// What became of it.
    status: DeliveryStatusSchema,
    /// Why it was not delivered in full (begrundelse); expected when it was not.
    reason: Option<String>,
    /// What is done about it (handling); expected when it was not delivered in full.
    action: Option<String>,
    /// The new deadline (ny frist): a TOML date or a string "2027-03-31".
    new_due: Option<NaiveDate>,
    /// Any other remark. In files written before `reason` existed it holds the reason.
    note: Option<String>,
}

/// An activity owner's report on one objective.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code, reason = "describes the schema only")]
struct ObjectiveReportFile {
    /// The activity's id in the plan.
    activity: String,
    /// The objective's id within the activity.
    objective: String,
    /// What became of it.
    status: ObjectiveStatusSchema,
    /// Why it was not achieved in full.
    reason: Option<String>,
    /// What is done about it.
    action: Option<String>,
    /// Any other remark.
    note: Option<String>,
}

/// What became of a deliverable.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code, reason = "describes the schema only")]
enum DeliveryStatusSchema {
    /// Delivered in full.
    Delivered,
    /// Delivered in part.
    PartlyDelivered,
    /// Not delivered.
    NotDelivered,
}

/// What became of an objective.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code, reason = "describes the schema only")]
enum ObjectiveStatusSchema {
    /// Achieved in full.
    Achieved,
    /// Achieved in part.
    PartlyAchieved,
    /// Not achieved.
    NotAchieved,
}

/// The JSON Schema of the follow-up file, as pretty-printed JSON with a final newline
/// (committed as `crates/plan/follow-up.schema.json`).
pub fn follow_up_schema() -> String {
    let schema = schemars::schema_for!(FollowUpFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// One report as far as it could be read, with the places the checks point at.
struct Read<Id, Status> {
    path: String,
    whole: Span,
    activity: Option<(ActivityId, Span)>,
    item: Option<(Id, Span)>,
    status: Option<Status>,
    reason: Option<String>,
    action: Option<String>,
    new_due: Option<(NaiveDate, Span)>,
    note: Option<String>,
    /// Every field could be read.
    complete: bool,
}

impl<Id, Status> Read<Id, Status> {
    fn field(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }
}

fn read_activity(reader: &mut TomlReader<'_>, table: &Table<'_, '_>) -> Option<(ActivityId, Span)> {
    let (text, span) = table.string(reader, "activity")?;
    if let Ok(id) = ActivityId::new(text) {
        Some((id, span))
    } else {
        reader.error(
            span,
            table.field("activity"),
            format!(
                "{} er ikke et aktivitets-id (små bogstaver a-z, cifre og '-')",
                quote(text)
            ),
        );
        None
    }
}

fn read_id<Id>(
    reader: &mut TomlReader<'_>,
    table: &Table<'_, '_>,
    key: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<Id>,
) -> Option<(Id, Span)> {
    let (text, span) = table.string(reader, key)?;
    if let Some(id) = parse(text) {
        Some((id, span))
    } else {
        reader.error(
            span,
            table.field(key),
            format!(
                "{} er ikke et {what} (små bogstaver a-z, cifre og '-')",
                quote(text)
            ),
        );
        None
    }
}

fn read_status<Status: std::str::FromStr<Err = String>>(
    reader: &mut TomlReader<'_>,
    table: &Table<'_, '_>,
) -> Option<Status> {
    let (text, span) = table.string(reader, "status")?;
    match text.parse::<Status>() {
        Ok(status) => Some(status),
        Err(message) => {
            reader.error(span, table.field("status"), message);
            None
        }
    }
}

fn read_report<Id, Status: std::str::FromStr<Err = String>>(
    reader: &mut TomlReader<'_>,
    table: &Table<'_, '_>,
    keys: &[&str],
    item_key: &str,
    what: &str,
    parse: impl Fn(&str) -> Option<Id>,
) -> Read<Id, Status> {
    let before = reader.len();
    table.deny_unknown(reader, keys);
    let activity = read_activity(reader, table);
    let item = read_id(reader, table, item_key, what, parse);
    let status = read_status(reader, table);
    let reason = table
        .optional_string(reader, "reason")
        .map(|(t, _)| t.to_owned());
    let action = table
        .optional_string(reader, "action")
        .map(|(t, _)| t.to_owned());
    let new_due = if keys.contains(&"new_due") {
        table.optional_date(reader, "new_due")
    } else {
        None
    };
    let note = table
        .optional_string(reader, "note")
        .map(|(t, _)| t.to_owned());
    Read {
        path: table.path().to_owned(),
        whole: table.span(),
        activity,
        item,
        status,
        reason,
        action,
        new_due,
        note,
        complete: reader.errors_since(before) == 0,
    }
}

/// What reading the file gave: the year with its place, and every report as far as it could
/// be read.
struct Parsed {
    year: Option<(Year, Span)>,
    deliverables: Vec<Read<DeliverableId, DeliveryStatus>>,
    objectives: Vec<Read<ObjectiveId, ObjectiveStatus>>,
}

fn parse(reader: &mut TomlReader<'_>) -> Option<Parsed> {
    let document = reader.parse()?;
    let root = document.root();
    root.deny_unknown(reader, TOP_KEYS);
    let year = if root.has("year") {
        root.integer(reader, "year").and_then(|(year, span)| {
            if let Ok(y) = Year::from_i64(year) {
                Some((y, span))
            } else {
                let (min, max) = (Year::MIN, Year::MAX);
                let message = format!("{year} er ikke et kalenderår fra {min} til {max}");
                reader.error(span, "year", message);
                None
            }
        })
    } else {
        reader.push(
            Some(0..0),
            Diagnostic::error("year", "opfølgningens år (year) mangler")
                .with_help("begynd filen med f.eks. `year = 2026`"),
        );
        None
    };
    let deliverables = root
        .tables(reader, "deliverables")
        .iter()
        .map(|table| {
            read_report(
                reader,
                table,
                DELIVERABLE_KEYS,
                "deliverable",
                "leverance-id",
                |t| DeliverableId::new(t).ok(),
            )
        })
        .collect();
    let objectives = root
        .tables(reader, "objectives")
        .iter()
        .map(|table| {
            read_report(
                reader,
                table,
                OBJECTIVE_KEYS,
                "objective",
                "målsætnings-id",
                |t| ObjectiveId::new(t).ok(),
            )
        })
        .collect();
    Some(Parsed {
        year,
        deliverables,
        objectives,
    })
}

/// The follow-up built from what could be read: every complete report, when the year could
/// be read.
fn build(parsed: &Parsed) -> Option<FollowUp> {
    let (year, _) = parsed.year.clone()?;
    let deliverables = parsed
        .deliverables
        .iter()
        .filter(|r| r.complete)
        .filter_map(|r| {
            let mut report = DeliverableReport::new(
                r.activity.clone()?.0,
                r.item.clone()?.0,
                r.status?,
                r.note.as_deref(),
            );
            if let Some(reason) = &r.reason {
                report = report.with_reason(reason);
            }
            if let Some(action) = &r.action {
                report = report.with_action(action);
            }
            if let Some((due, _)) = r.new_due {
                report = report.with_new_due(due);
            }
            Some(report)
        })
        .collect();
    let objectives = parsed
        .objectives
        .iter()
        .filter(|r| r.complete)
        .filter_map(|r| {
            let mut report =
                ObjectiveReport::new(r.activity.clone()?.0, r.item.clone()?.0, r.status?);
            if let Some(reason) = &r.reason {
                report = report.with_reason(reason);
            }
            if let Some(action) = &r.action {
                report = report.with_action(action);
            }
            if let Some(note) = &r.note {
                report = report.with_note(note);
            }
            Some(report)
        })
        .collect();
    Some(FollowUp::new(year, deliverables).with_objectives(objectives))
}

/// The result of [`check_follow_up`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FollowUpCheck {
    origin: String,
    valid: bool,
    diagnostics: Vec<Diagnostic>,
    #[cfg_attr(feature = "serde", serde(skip))]
    follow_up: Option<FollowUp>,
}

impl FollowUpCheck {
    /// Whether no diagnostic is an error.
    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// Every error and warning, in file order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The follow-up as read: every report that could be read whole, when the year could be
    /// read.
    pub fn follow_up(&self) -> Option<&FollowUp> {
        self.follow_up.as_ref()
    }

    /// Every diagnostic in rustc style (Danish), quoting `source` (the checked text).
    pub fn render(&self, source: &str) -> String {
        crate::render_all(&self.diagnostics, source)
    }
}

/// The plan's activities and their items (deliverables or objectives) by id, built once so that
/// checking a follow-up takes time in proportion to its size and the plan's, not their product.
struct PlanIndex<'p, Id> {
    activities: BTreeMap<&'p ActivityId, BTreeMap<Id, Option<NaiveDate>>>,
}

impl<'p, Id: Ord> PlanIndex<'p, Id> {
    fn new(
        plan: &'p Plan,
        items: impl Fn(&'p crate::Activity) -> Vec<(Id, Option<NaiveDate>)>,
    ) -> Self {
        let mut activities = BTreeMap::new();
        for activity in plan.activities() {
            // The first activity of an id wins, as in `Plan::activity`.
            activities
                .entry(activity.id())
                .or_insert_with(|| items(activity).into_iter().collect());
        }
        PlanIndex { activities }
    }
}

/// The Danish forms of the word for an item: "leverance", "leverancen", "leverancer".
struct Words {
    singular: &'static str,
    definite: &'static str,
    plural: &'static str,
    key: &'static str,
}

const DELIVERABLE_WORDS: Words = Words {
    singular: "leverance",
    definite: "leverancen",
    plural: "leverancer",
    key: "deliverable",
};

const OBJECTIVE_WORDS: Words = Words {
    singular: "målsætning",
    definite: "målsætningen",
    plural: "målsætninger",
    key: "objective",
};

/// Checks what is known of one report against the plan: the activity, the item and the
/// deviation fields. `items` gives the ids of an activity's items with their due dates (none
/// for objectives). Returns the (activity, item) pair when it names one of the plan's items.
#[allow(
    clippy::too_many_arguments,
    clippy::too_many_lines,
    reason = "one report's places and words, one rule after the other"
)]
fn check_report<'p, Id: Ord + Clone + std::fmt::Display, Status: Copy + PartialEq>(
    reader: &mut TomlReader<'_>,
    plan: &'p Plan,
    index: &PlanIndex<'p, Id>,
    read: &Read<Id, Status>,
    words: &Words,
    full: Status,
    label: impl Fn(Status) -> &'static str,
    seen: &mut BTreeSet<(ActivityId, Id)>,
) {
    let Some((activity_id, activity_span)) = &read.activity else {
        return;
    };
    let Some(known) = index.activities.get(activity_id) else {
        reader.push(
            Some(activity_span.clone()),
            Diagnostic::error(
                read.field("activity"),
                format!(
                    "tryghedsplanen for {} har ingen aktivitet \"{activity_id}\"",
                    plan.year()
                ),
            ),
        );
        return;
    };
    let Some((item_id, item_span)) = &read.item else {
        return;
    };
    let Some(due) = known.get(item_id) else {
        // At most 20 ids in the hint, so a huge activity does not make every message huge.
        let mut ids: Vec<String> = known.keys().take(20).map(ToString::to_string).collect();
        if known.len() > 20 {
            ids.push("…".to_owned());
        }
        let help = if ids.is_empty() {
            format!("aktiviteten har ingen {}", words.plural)
        } else {
            format!("aktivitetens {} er: {}", words.plural, ids.join(", "))
        };
        reader.push(
            Some(item_span.clone()),
            Diagnostic::error(
                read.field(words.key),
                format!(
                    "aktiviteten \"{activity_id}\" har ingen {} \"{item_id}\"",
                    words.singular
                ),
            )
            .with_help(help),
        );
        return;
    };
    if !seen.insert((activity_id.clone(), item_id.clone())) {
        reader.push(
            Some(item_span.clone()),
            Diagnostic::error(
                read.path.clone(),
                format!(
                    "{} \"{item_id}\" i aktiviteten \"{activity_id}\" er afrapporteret mere end én gang",
                    words.definite
                ),
            ),
        );
        return;
    }
    let Some(status) = read.status else {
        return;
    };
    let name = format!(
        "{} \"{item_id}\" i aktiviteten \"{activity_id}\"",
        words.definite
    );
    if status == full {
        let extra: Vec<&str> = [
            read.reason.as_ref().map(|_| "reason"),
            read.action.as_ref().map(|_| "action"),
            read.new_due.as_ref().map(|_| "new_due"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !extra.is_empty() {
            reader.push(
                Some(read.whole.clone()),
                Diagnostic::warning(
                    read.path.clone(),
                    format!(
                        "{name} er {}, men har {}; det hører til en afvigelse",
                        label(status),
                        extra.join(", ")
                    ),
                ),
            );
        }
        return;
    }
    if read.reason.is_none() && read.note.is_none() {
        reader.push(
            Some(read.whole.clone()),
            Diagnostic::warning(
                read.field("reason"),
                format!(
                    "{name} er {}, men afvigelsen har ingen begrundelse",
                    label(status)
                ),
            )
            .with_help("skriv reason = \"…\": hvorfor"),
        );
    }
    if read.action.is_none() {
        reader.push(
            Some(read.whole.clone()),
            Diagnostic::warning(
                read.field("action"),
                format!("{name} er {}, men der står ingen handling", label(status)),
            )
            .with_help("skriv action = \"…\": hvad der gøres ved det"),
        );
    }
    if let Some(due) = due {
        match &read.new_due {
            None => reader.push(
                Some(read.whole.clone()),
                Diagnostic::warning(
                    read.field("new_due"),
                    format!("{name} er {}, men har ingen ny frist", label(status)),
                )
                .with_help(format!(
                    "den oprindelige frist var {due}; skriv new_due = ÅÅÅÅ-MM-DD"
                )),
            ),
            Some((new_due, span)) if new_due <= due => reader.push(
                Some(span.clone()),
                Diagnostic::warning(
                    read.field("new_due"),
                    format!(
                        "den nye frist {new_due} ligger ikke efter den oprindelige frist {due}"
                    ),
                ),
            ),
            Some(_) => {}
        }
    }
}

/// Reads the follow-up file `text` (named `origin`) and checks it against the year's `plan`,
/// listing every problem with its line and field: the year (missing, not a year, or not the
/// plan's, at its line); every report names an activity and a deliverable (or objective) of
/// the plan, once (errors at the unknown or repeated id); a value that cannot be read (an
/// unknown key, a wrong type, a status that is not one, a date that is not one) is an error
/// at its place and the report's other fields are still checked. Warnings: a deliverable or
/// objective of the plan without a report; a deviation (not delivered or achieved in full)
/// without a reason, an action or — for a deliverable — a new deadline, or with a new deadline
/// that is not after the original one; a reason, action or new deadline on something delivered
/// in full.
///
/// # Examples
///
/// ```
/// use tryghed_plan::{Plan, check_follow_up};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let plan = Plan::from_toml_str("year = 2026\n")?;
/// let text = "year = 2027\n\n[[deliverables]]\nactivity = \"x\"\ndeliverable = \"y\"\nstatus = \"lost\"\n";
/// let check = check_follow_up(text, "opfoelgning.toml", &plan);
/// assert!(!check.is_valid());
/// let places: Vec<_> = check
///     .diagnostics()
///     .iter()
///     .map(|d| (d.location().map(|l| l.line()), d.field()))
///     .collect();
/// assert_eq!(
///     places,
///     [
///         (Some(1), "year"),
///         (Some(4), "deliverables[0].activity"),
///         (Some(6), "deliverables[0].status"),
///     ]
/// );
/// # Ok(())
/// # }
/// ```
#[must_use = "the check finds problems only for those who read them"]
pub fn check_follow_up(text: &str, origin: &str, plan: &Plan) -> FollowUpCheck {
    let mut reader = TomlReader::new(origin, text);
    let Some(parsed) = parse(&mut reader) else {
        return finish(reader, origin, None);
    };
    if let Some((year, span)) = &parsed.year
        && *year != plan.year()
    {
        reader.error(
            span.clone(),
            "year",
            format!(
                "opfølgningen er for {year}, men tryghedsplanen er for {}",
                plan.year()
            ),
        );
    }
    let deliverables = PlanIndex::new(plan, |a| {
        a.deliverables()
            .iter()
            .map(|d| (d.id().clone(), Some(d.due())))
            .collect()
    });
    let mut seen_deliverables = BTreeSet::new();
    for read in &parsed.deliverables {
        check_report(
            &mut reader,
            plan,
            &deliverables,
            read,
            &DELIVERABLE_WORDS,
            DeliveryStatus::Delivered,
            DeliveryStatus::label_da,
            &mut seen_deliverables,
        );
    }
    let objectives = PlanIndex::new(plan, |a| {
        a.objectives()
            .iter()
            .map(|o| (o.id().clone(), None))
            .collect()
    });
    let mut seen_objectives = BTreeSet::new();
    for read in &parsed.objectives {
        check_report(
            &mut reader,
            plan,
            &objectives,
            read,
            &OBJECTIVE_WORDS,
            ObjectiveStatus::Achieved,
            ObjectiveStatus::label_da,
            &mut seen_objectives,
        );
    }
    let at = parsed.year.as_ref().map_or(0..0, |(_, span)| span.clone());
    for activity in plan.activities() {
        for deliverable in activity.deliverables() {
            if !seen_deliverables.contains(&(activity.id().clone(), deliverable.id().clone())) {
                reader.warning(
                    at.clone(),
                    "deliverables",
                    format!(
                        "leverancen \"{}\" i aktiviteten \"{}\" er ikke afrapporteret",
                        deliverable.id(),
                        activity.id()
                    ),
                );
            }
        }
        for objective in activity.objectives() {
            if !seen_objectives.contains(&(activity.id().clone(), objective.id().clone())) {
                reader.warning(
                    at.clone(),
                    "objectives",
                    format!(
                        "målsætningen \"{}\" i aktiviteten \"{}\" er ikke afrapporteret",
                        objective.id(),
                        activity.id()
                    ),
                );
            }
        }
    }
    let follow_up = build(&parsed);
    finish(reader, origin, follow_up)
}

fn finish(reader: TomlReader<'_>, origin: &str, follow_up: Option<FollowUp>) -> FollowUpCheck {
    let diagnostics = reader.finish();
    FollowUpCheck {
        origin: origin.to_owned(),
        valid: !diagnostics.iter().any(Diagnostic::is_error),
        diagnostics,
        follow_up,
    }
}

impl FollowUp {
    /// Reads a follow-up file without checking it against a plan.
    ///
    /// # Errors
    ///
    /// [`PlanError::Invalid`] listing every problem of reading, with line and column.
    pub fn from_toml_str(text: &str) -> Result<FollowUp, PlanError> {
        let mut reader = TomlReader::new("<string>", text);
        let follow_up = parse(&mut reader).as_ref().and_then(build);
        let diagnostics = reader.finish();
        match follow_up {
            Some(follow_up) if diagnostics.is_empty() => Ok(follow_up),
            _ => Err(PlanError::Invalid {
                origin: "<string>".to_owned(),
                diagnostics,
            }),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for FollowUp {
    /// Reads the shape of the follow-up file, with the same checks as
    /// [`FollowUp::from_toml_str`].
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = toml::Value::deserialize(deserializer)?;
        let text = toml::to_string(&value).map_err(D::Error::custom)?;
        FollowUp::from_toml_str(&text).map_err(D::Error::custom)
    }
}
