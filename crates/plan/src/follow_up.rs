//! The follow-up (opfølgning): what became of each deliverable of the year's plan.

use crate::Year;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use tryghed_budget::ActivityId;
use tryghed_parties::PartyId;

use crate::parse::Reader;
use crate::{DeliverableId, Diagnostic, FocusAreaId, Plan, PlanError, Severity};

/// What became of a deliverable.
///
/// In the follow-up file: `"delivered"`, `"partly-delivered"` or `"not-delivered"`.
#[doc(alias = "leverancestatus")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum DeliveryStatus {
    /// Delivered in full (leveret).
    #[doc(alias = "leveret")]
    Delivered,
    /// Delivered in part (delvist leveret).
    #[doc(alias = "delvist leveret")]
    PartlyDelivered,
    /// Not delivered (ikke leveret).
    #[doc(alias = "ikke leveret")]
    NotDelivered,
}

impl DeliveryStatus {
    /// Every status, in order.
    pub const ALL: [DeliveryStatus; 3] = [
        DeliveryStatus::Delivered,
        DeliveryStatus::PartlyDelivered,
        DeliveryStatus::NotDelivered,
    ];

    /// The name in the follow-up file.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Delivered => "delivered",
            DeliveryStatus::PartlyDelivered => "partly-delivered",
            DeliveryStatus::NotDelivered => "not-delivered",
        }
    }

    /// The Danish words: leveret, delvist leveret, ikke leveret.
    pub fn label_da(self) -> &'static str {
        match self {
            DeliveryStatus::Delivered => "leveret",
            DeliveryStatus::PartlyDelivered => "delvist leveret",
            DeliveryStatus::NotDelivered => "ikke leveret",
        }
    }
}

impl fmt::Display for DeliveryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for DeliveryStatus {
    type Err = String;

    /// Reads the file name of a status; the error lists the accepted names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DeliveryStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown status {s:?}; use \"delivered\", \"partly-delivered\" or \"not-delivered\""
                )
            })
    }
}

/// One activity owner's report on one deliverable.
#[doc(alias = "afrapportering")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeliverableReport {
    activity: ActivityId,
    deliverable: DeliverableId,
    status: DeliveryStatus,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    note: Option<String>,
}

impl DeliverableReport {
    /// A report; `note` is trimmed and an empty note is none.
    pub fn new(
        activity: ActivityId,
        deliverable: DeliverableId,
        status: DeliveryStatus,
        note: Option<&str>,
    ) -> Self {
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        DeliverableReport {
            activity,
            deliverable,
            status,
            note,
        }
    }

    /// The activity's id.
    pub fn activity(&self) -> &ActivityId {
        &self.activity
    }

    /// The deliverable's id within the activity.
    pub fn deliverable(&self) -> &DeliverableId {
        &self.deliverable
    }

    /// Delivered, partly or not.
    pub fn status(&self) -> DeliveryStatus {
        self.status
    }

    /// The owner's note, if any.
    #[doc(alias = "bemærkning")]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// The follow-up (opfølgning) of a year's plan: the activity owners' reports on their
/// deliverables, which the project leader collects.
#[doc(alias = "opfølgning")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FollowUp {
    year: Year,
    deliverables: Vec<DeliverableReport>,
}

impl FollowUp {
    /// A follow-up of `year` with `reports`.
    pub fn new(year: Year, reports: Vec<DeliverableReport>) -> Self {
        FollowUp {
            year,
            deliverables: reports,
        }
    }

    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The reports, in file order.
    pub fn reports(&self) -> &[DeliverableReport] {
        &self.deliverables
    }

    /// The report on `deliverable` of `activity`, if any.
    pub fn report(
        &self,
        activity: &ActivityId,
        deliverable: &DeliverableId,
    ) -> Option<&DeliverableReport> {
        self.deliverables
            .iter()
            .find(|r| r.activity() == activity && r.deliverable() == deliverable)
    }

    /// Reads a follow-up file without checking it against a plan.
    ///
    /// # Errors
    ///
    /// [`PlanError::Invalid`] listing every problem of reading, with line and column.
    pub fn from_toml_str(text: &str) -> Result<FollowUp, PlanError> {
        let (follow_up, _, diagnostics) = parse(text, "<string>");
        match follow_up {
            Some(follow_up) if diagnostics.is_empty() => Ok(follow_up),
            _ => Err(PlanError::Invalid {
                origin: "<string>".to_owned(),
                diagnostics,
            }),
        }
    }

    /// Sums the reports up against `plan`, by focus area and by responsible party. A
    /// deliverable of the plan without a report counts as not reported; reports on
    /// deliverables the plan does not have are left out (the check reports them).
    pub fn summary(&self, plan: &Plan) -> FollowUpSummary {
        let mut by_focus_area: BTreeMap<FocusAreaId, Tally> = BTreeMap::new();
        let mut by_responsible: BTreeMap<PartyId, Tally> = BTreeMap::new();
        let mut total = Tally::default();
        for activity in plan.activities() {
            for deliverable in activity.deliverables() {
                let status = self
                    .report(activity.id(), deliverable.id())
                    .map(DeliverableReport::status);
                total.add(status);
                by_focus_area
                    .entry(activity.focus_area().clone())
                    .or_default()
                    .add(status);
                by_responsible
                    .entry(activity.responsible().clone())
                    .or_default()
                    .add(status);
            }
        }
        FollowUpSummary {
            year: plan.year(),
            total,
            by_focus_area: by_focus_area.into_iter().collect(),
            by_responsible: by_responsible.into_iter().collect(),
        }
    }
}

/// Counts of deliverables by what became of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Tally {
    delivered: u64,
    partly_delivered: u64,
    not_delivered: u64,
    not_reported: u64,
}

impl Tally {
    fn add(&mut self, status: Option<DeliveryStatus>) {
        let slot = match status {
            Some(DeliveryStatus::Delivered) => &mut self.delivered,
            Some(DeliveryStatus::PartlyDelivered) => &mut self.partly_delivered,
            Some(DeliveryStatus::NotDelivered) => &mut self.not_delivered,
            None => &mut self.not_reported,
        };
        *slot = slot.saturating_add(1);
    }

    /// Delivered in full.
    pub fn delivered(&self) -> u64 {
        self.delivered
    }

    /// Delivered in part.
    pub fn partly_delivered(&self) -> u64 {
        self.partly_delivered
    }

    /// Not delivered.
    pub fn not_delivered(&self) -> u64 {
        self.not_delivered
    }

    /// Not reported on.
    pub fn not_reported(&self) -> u64 {
        self.not_reported
    }

    /// All deliverables counted.
    pub fn total(&self) -> u64 {
        self.delivered
            .saturating_add(self.partly_delivered)
            .saturating_add(self.not_delivered)
            .saturating_add(self.not_reported)
    }
}

/// The follow-up summed up by focus area and by responsible party (in id order).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FollowUpSummary {
    year: Year,
    total: Tally,
    by_focus_area: Vec<(FocusAreaId, Tally)>,
    by_responsible: Vec<(PartyId, Tally)>,
}

impl FollowUpSummary {
    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// Every deliverable of the plan.
    pub fn total(&self) -> Tally {
        self.total
    }

    /// Per focus area (indsatsområde).
    pub fn by_focus_area(&self) -> &[(FocusAreaId, Tally)] {
        &self.by_focus_area
    }

    /// Per responsible party (aktivitetsansvarlig).
    pub fn by_responsible(&self) -> &[(PartyId, Tally)] {
        &self.by_responsible
    }
}

/// A follow-up file: the year and the reports on the plan's deliverables (see
/// docs/plan-format.md).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Opfølgning")]
struct RawFollowUp {
    /// The year of the plan followed up.
    #[schemars(with = "Year")]
    year: Option<Spanned<i64>>,
    /// One report per deliverable, each a [[deliverables]] table.
    #[serde(default)]
    #[schemars(with = "Vec<RawReport>")]
    deliverables: Vec<Spanned<RawReport>>,
}

/// An activity owner's report on one deliverable.
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawReport {
    /// The activity's id in the plan.
    #[schemars(with = "String")]
    activity: Option<Spanned<String>>,
    /// The deliverable's id within the activity.
    #[schemars(with = "String")]
    deliverable: Option<Spanned<String>>,
    /// What became of it.
    #[schemars(with = "DeliveryStatusSchema")]
    status: Option<Spanned<String>>,
    /// A note from the activity owner; expected when not fully delivered.
    #[schemars(with = "Option<String>")]
    note: Option<Spanned<String>>,
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

/// The JSON Schema of the follow-up file, as pretty-printed JSON with a final newline
/// (committed as `crates/plan/follow-up.schema.json`).
pub fn follow_up_schema() -> String {
    let schema = schemars::schema_for!(RawFollowUp);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The place of one report: its index in the file, the table, the activity id, the
/// deliverable id.
type ReportSpans = (
    usize,
    Range<usize>,
    Option<Range<usize>>,
    Option<Range<usize>>,
);

fn parse(text: &str, origin: &str) -> (Option<FollowUp>, Vec<ReportSpans>, Vec<Diagnostic>) {
    let mut reader = Reader {
        origin,
        text,
        diagnostics: Vec::new(),
    };
    let raw: RawFollowUp = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            reader.syntax(&error);
            return (None, Vec::new(), reader.diagnostics);
        }
    };
    let year = match raw.year {
        None => {
            reader.push(
                None,
                Diagnostic::error("year", "the follow-up's year is missing"),
            );
            None
        }
        Some(year) => match Year::from_i64(*year.get_ref()) {
            Ok(read) => Some(read),
            Err(e) => {
                reader.error(year.span(), "year".to_owned(), e.to_string());
                None
            }
        },
    };
    let mut reports = Vec::new();
    let mut spans = Vec::new();
    for (index, raw) in raw.deliverables.into_iter().enumerate() {
        let whole = raw.span();
        let raw = raw.into_inner();
        let field = |name: &str| format!("deliverables[{index}].{name}");
        let activity =
            reader.required(raw.activity, &whole, field("activity"), "the activity's id");
        let activity_span = activity.as_ref().map(|(_, s)| s.clone());
        let activity = activity.and_then(|(text, span)| match ActivityId::new(text) {
            Ok(id) => Some(id),
            Err(error) => {
                reader.error(span, field("activity"), error.to_string());
                None
            }
        });
        let deliverable = reader.required(
            raw.deliverable,
            &whole,
            field("deliverable"),
            "the deliverable's id",
        );
        let deliverable_span = deliverable.as_ref().map(|(_, s)| s.clone());
        let deliverable = deliverable.and_then(|(text, span)| match DeliverableId::new(&text) {
            Ok(id) => Some(id),
            Err(error) => {
                reader.error(span, field("deliverable"), error.to_string());
                None
            }
        });
        let status = reader
            .required(raw.status, &whole, field("status"), "the status")
            .and_then(|(text, span)| match text.parse::<DeliveryStatus>() {
                Ok(status) => Some(status),
                Err(message) => {
                    reader.error(span, field("status"), message);
                    None
                }
            });
        if let (Some(activity), Some(deliverable), Some(status)) = (activity, deliverable, status) {
            let note = raw.note.map(Spanned::into_inner);
            reports.push(DeliverableReport::new(
                activity,
                deliverable,
                status,
                note.as_deref(),
            ));
            spans.push((index, whole, activity_span, deliverable_span));
        }
    }
    (
        year.map(|year| FollowUp::new(year, reports)),
        spans,
        reader.diagnostics,
    )
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

    /// The follow-up as read (the reports that could be read).
    pub fn follow_up(&self) -> Option<&FollowUp> {
        self.follow_up.as_ref()
    }

    /// Every diagnostic in rustc style, quoting `source` (the checked text).
    pub fn render(&self, source: &str) -> String {
        crate::render_all(&self.diagnostics, source)
    }
}

/// Reads the follow-up file `text` (named `origin`) and checks it against the year's `plan`:
/// the same year; every report names an activity and a deliverable of the plan, once
/// (errors, at the line of the unknown id); every deliverable of the plan is reported on and a
/// deliverable not fully delivered has a note (warnings).
///
/// # Examples
///
/// ```
/// use tryghed_plan::{Plan, check_follow_up};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let plan = Plan::from_toml_str("year = 2026\n")?;
/// let text = "year = 2026\n\n[[deliverables]]\nactivity = \"x\"\ndeliverable = \"y\"\nstatus = \"delivered\"\n";
/// let check = check_follow_up(text, "opfoelgning.toml", &plan);
/// assert!(!check.is_valid());
/// assert_eq!(check.diagnostics()[0].location().map(|l| l.line()), Some(4));
/// # Ok(())
/// # }
/// ```
#[allow(clippy::too_many_lines, reason = "one rule after the other")]
pub fn check_follow_up(text: &str, origin: &str, plan: &Plan) -> FollowUpCheck {
    let (follow_up, spans, mut diagnostics) = parse(text, origin);
    let reader = Reader {
        origin,
        text,
        diagnostics: Vec::new(),
    };
    if let Some(follow_up) = &follow_up {
        let mut push = |span: Range<usize>, diagnostic: Diagnostic| {
            diagnostics.push(diagnostic.with_location(reader.location(span)));
        };
        if follow_up.year() != plan.year() {
            push(
                0..0,
                Diagnostic::error(
                    "year",
                    format!(
                        "the follow-up is for {}, but the plan is for {}",
                        follow_up.year(),
                        plan.year()
                    ),
                ),
            );
        }
        let mut seen = BTreeSet::new();
        for (report, (index, whole, activity_span, deliverable_span)) in
            follow_up.reports().iter().zip(spans)
        {
            let field = |name: &str| format!("deliverables[{index}].{name}");
            let (activity, deliverable) = (report.activity(), report.deliverable());
            let Some(planned) = plan.activity(activity) else {
                push(
                    activity_span.unwrap_or(whole),
                    Diagnostic::error(
                        field("activity"),
                        format!(
                            "the plan for {} has no activity \"{activity}\"",
                            plan.year()
                        ),
                    ),
                );
                continue;
            };
            if planned.deliverable(deliverable).is_none() {
                let ids: Vec<&str> = planned
                    .deliverables()
                    .iter()
                    .map(|d| d.id().as_str())
                    .collect();
                push(
                    deliverable_span.unwrap_or(whole),
                    Diagnostic::error(
                        field("deliverable"),
                        format!("activity \"{activity}\" has no deliverable \"{deliverable}\""),
                    )
                    .with_help(format!("its deliverables are: {}", ids.join(", "))),
                );
                continue;
            }
            if !seen.insert((activity, deliverable)) {
                push(
                    whole,
                    Diagnostic::error(
                        field("deliverable"),
                        format!(
                            "deliverable \"{deliverable}\" of activity \"{activity}\" is reported more than once"
                        ),
                    ),
                );
                continue;
            }
            if report.status() != DeliveryStatus::Delivered && report.note().is_none() {
                push(
                    whole,
                    Diagnostic::warning(
                        field("note"),
                        format!(
                            "deliverable \"{deliverable}\" of activity \"{activity}\" is {} but has no note",
                            report.status().label_da()
                        ),
                    )
                    .with_help("say why, and what happens next"),
                );
            }
        }
        for activity in plan.activities() {
            for deliverable in activity.deliverables() {
                if !seen.contains(&(activity.id(), deliverable.id())) {
                    diagnostics.push(Diagnostic::new(
                        Severity::Warning,
                        "deliverables",
                        format!(
                            "deliverable \"{}\" of activity \"{}\" is not reported",
                            deliverable.id(),
                            activity.id()
                        ),
                    ));
                }
            }
        }
    }
    diagnostics.sort_by(|a, b| a.location().cmp(&b.location()));
    FollowUpCheck {
        origin: origin.to_owned(),
        valid: !diagnostics.iter().any(Diagnostic::is_error),
        diagnostics,
        follow_up,
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
