//! The follow-up (opfølgning): what became of each deliverable and objective of the year's
//! plan, and why, and what is done about what was not delivered.

use crate::Year;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use tryghed_budget::ActivityId;
use tryghed_parties::PartyId;

use crate::{DeliverableId, FocusAreaId, ObjectiveId, Plan};

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

    /// Reads the file name of a status; the error (in Danish) lists the accepted names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DeliveryStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "ukendt status {}; brug \"delivered\", \"partly-delivered\" eller \"not-delivered\"",
                    tryghed_diagnostics::quote(s)
                )
            })
    }
}

/// What became of an activity's objective (målsætning).
///
/// In the follow-up file: `"achieved"`, `"partly-achieved"` or `"not-achieved"`.
#[doc(alias = "målopfyldelse")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum ObjectiveStatus {
    /// Achieved (opnået).
    #[doc(alias = "opnået")]
    Achieved,
    /// Achieved in part (delvist opnået).
    #[doc(alias = "delvist opnået")]
    PartlyAchieved,
    /// Not achieved (ikke opnået).
    #[doc(alias = "ikke opnået")]
    NotAchieved,
}

impl ObjectiveStatus {
    /// Every status, in order.
    pub const ALL: [ObjectiveStatus; 3] = [
        ObjectiveStatus::Achieved,
        ObjectiveStatus::PartlyAchieved,
        ObjectiveStatus::NotAchieved,
    ];

    /// The name in the follow-up file.
    pub fn as_str(self) -> &'static str {
        match self {
            ObjectiveStatus::Achieved => "achieved",
            ObjectiveStatus::PartlyAchieved => "partly-achieved",
            ObjectiveStatus::NotAchieved => "not-achieved",
        }
    }

    /// The Danish words: opnået, delvist opnået, ikke opnået.
    pub fn label_da(self) -> &'static str {
        match self {
            ObjectiveStatus::Achieved => "opnået",
            ObjectiveStatus::PartlyAchieved => "delvist opnået",
            ObjectiveStatus::NotAchieved => "ikke opnået",
        }
    }
}

impl fmt::Display for ObjectiveStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for ObjectiveStatus {
    type Err = String;

    /// Reads the file name of a status; the error (in Danish) lists the accepted names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ObjectiveStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "ukendt status {}; brug \"achieved\", \"partly-achieved\" eller \"not-achieved\"",
                    tryghed_diagnostics::quote(s)
                )
            })
    }
}

/// Trims a text; a blank one is none.
fn text(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// One activity owner's report on one deliverable: what became of it and, when it was not
/// delivered in full, why (`reason`), what is done about it (`action`) and by when
/// (`new_due`).
#[doc(alias = "afrapportering")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeliverableReport {
    activity: ActivityId,
    deliverable: DeliverableId,
    status: DeliveryStatus,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    reason: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    action: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    new_due: Option<NaiveDate>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    note: Option<String>,
}

impl DeliverableReport {
    /// A report; `note` is trimmed and an empty note is none. Add the reason, action and new
    /// deadline of a deviation with the `with_…` methods.
    pub fn new(
        activity: ActivityId,
        deliverable: DeliverableId,
        status: DeliveryStatus,
        note: Option<&str>,
    ) -> Self {
        DeliverableReport {
            activity,
            deliverable,
            status,
            reason: None,
            action: None,
            new_due: None,
            note: text(note),
        }
    }

    /// This report with the reason the deliverable was not delivered in full (trimmed; blank
    /// removes it).
    #[must_use]
    pub fn with_reason(mut self, reason: &str) -> Self {
        self.reason = text(Some(reason));
        self
    }

    /// This report with what is done about the deviation (trimmed; blank removes it).
    #[must_use]
    pub fn with_action(mut self, action: &str) -> Self {
        self.action = text(Some(action));
        self
    }

    /// This report with the new deadline.
    #[must_use]
    pub fn with_new_due(mut self, new_due: NaiveDate) -> Self {
        self.new_due = Some(new_due);
        self
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

    /// Why it was not delivered in full (begrundelse), if given. Follow-ups written before
    /// the `reason` field put the reason in the note: see [`Deviation::reason`].
    #[doc(alias = "begrundelse")]
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// What is done about it (handling), if given.
    #[doc(alias = "handling")]
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The new deadline (ny frist), if given.
    #[doc(alias = "ny frist")]
    pub fn new_due(&self) -> Option<NaiveDate> {
        self.new_due
    }

    /// The owner's note, if any.
    #[doc(alias = "bemærkning")]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// One activity owner's report on one of the activity's objectives (målsætninger).
#[doc(alias = "afrapportering")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ObjectiveReport {
    activity: ActivityId,
    objective: ObjectiveId,
    status: ObjectiveStatus,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    reason: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    action: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    note: Option<String>,
}

impl ObjectiveReport {
    /// A report on `objective` of `activity`.
    pub fn new(activity: ActivityId, objective: ObjectiveId, status: ObjectiveStatus) -> Self {
        ObjectiveReport {
            activity,
            objective,
            status,
            reason: None,
            action: None,
            note: None,
        }
    }

    /// This report with the reason the objective was not achieved in full.
    #[must_use]
    pub fn with_reason(mut self, reason: &str) -> Self {
        self.reason = text(Some(reason));
        self
    }

    /// This report with what is done about it.
    #[must_use]
    pub fn with_action(mut self, action: &str) -> Self {
        self.action = text(Some(action));
        self
    }

    /// This report with a note.
    #[must_use]
    pub fn with_note(mut self, note: &str) -> Self {
        self.note = text(Some(note));
        self
    }

    /// The activity's id.
    pub fn activity(&self) -> &ActivityId {
        &self.activity
    }

    /// The objective's id within the activity.
    pub fn objective(&self) -> &ObjectiveId {
        &self.objective
    }

    /// Achieved, partly or not.
    pub fn status(&self) -> ObjectiveStatus {
        self.status
    }

    /// Why it was not achieved in full, if given.
    #[doc(alias = "begrundelse")]
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// What is done about it, if given.
    #[doc(alias = "handling")]
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// A note, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// The follow-up (opfølgning) of a year's plan: the activity owners' reports on their
/// deliverables and objectives, which the project leader collects.
#[doc(alias = "opfølgning")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FollowUp {
    year: Year,
    deliverables: Vec<DeliverableReport>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    objectives: Vec<ObjectiveReport>,
}

impl FollowUp {
    /// A follow-up of `year` with `reports` on deliverables.
    pub fn new(year: Year, reports: Vec<DeliverableReport>) -> Self {
        FollowUp {
            year,
            deliverables: reports,
            objectives: Vec::new(),
        }
    }

    /// This follow-up with reports on objectives.
    #[must_use]
    pub fn with_objectives(mut self, reports: Vec<ObjectiveReport>) -> Self {
        self.objectives = reports;
        self
    }

    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The reports on deliverables, in file order.
    pub fn reports(&self) -> &[DeliverableReport] {
        &self.deliverables
    }

    /// The reports on objectives, in file order.
    pub fn objective_reports(&self) -> &[ObjectiveReport] {
        &self.objectives
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

    /// The report on `objective` of `activity`, if any.
    pub fn objective_report(
        &self,
        activity: &ActivityId,
        objective: &ObjectiveId,
    ) -> Option<&ObjectiveReport> {
        self.objectives
            .iter()
            .find(|r| r.activity() == activity && r.objective() == objective)
    }

    /// Every deliverable not delivered in full and every objective not achieved in full, in
    /// the plan's order (activity by activity, deliverables before objectives), with the
    /// reason, action and new deadline the owners gave.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_plan::{DeliverableReport, DeliveryStatus, FollowUp, Plan, Year};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let plan = Plan::from_toml_str(
    ///     "year = 2026\n[[activities]]\nid = \"belysning\"\ntitle = \"Belysning\"\n\
    ///      focus_area = \"tryggere-byrum\"\nresponsible = \"tmf\"\nbudget = 0\n\
    ///      [[activities.deliverables]]\nid = \"lamper\"\nwhat = \"Nye lamper\"\ndue = 2026-11-30\n",
    /// )?;
    /// let report = DeliverableReport::new(
    ///     "belysning".parse()?,
    ///     "lamper".parse()?,
    ///     DeliveryStatus::NotDelivered,
    ///     None,
    /// )
    /// .with_reason("Eksempel: leverandøren er forsinket")
    /// .with_new_due(chrono::NaiveDate::from_ymd_opt(2027, 4, 30).ok_or("date")?);
    /// let follow_up = FollowUp::new(Year::new(2026)?, vec![report]);
    /// let deviations = follow_up.deviations(&plan);
    /// assert_eq!(deviations.len(), 1);
    /// assert_eq!(deviations[0].status_da(), "ikke leveret");
    /// assert_eq!(deviations[0].reason(), Some("Eksempel: leverandøren er forsinket"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn deviations(&self, plan: &Plan) -> Vec<Deviation> {
        let index = self.index();
        let mut out = Vec::new();
        for activity in plan.activities() {
            let base = |item: DeviationItem| Deviation {
                activity: activity.id().clone(),
                title: activity.title().to_owned(),
                responsible: activity.responsible().clone(),
                focus_area: activity.focus_area().clone(),
                item,
                reason: None,
                action: None,
                new_due: None,
            };
            for deliverable in activity.deliverables() {
                let Some(report) = index.deliverable(activity.id(), deliverable.id()) else {
                    continue;
                };
                if report.status() == DeliveryStatus::Delivered {
                    continue;
                }
                let mut deviation = base(DeviationItem::Deliverable {
                    id: deliverable.id().clone(),
                    what: deliverable.what().to_owned(),
                    due: deliverable.due(),
                    status: report.status(),
                });
                deviation.reason = report.reason().or(report.note()).map(str::to_owned);
                deviation.action = report.action().map(str::to_owned);
                deviation.new_due = report.new_due();
                out.push(deviation);
            }
            for objective in activity.objectives() {
                let Some(report) = index.objective(activity.id(), objective.id()) else {
                    continue;
                };
                if report.status() == ObjectiveStatus::Achieved {
                    continue;
                }
                let mut deviation = base(DeviationItem::Objective {
                    id: objective.id().clone(),
                    what: objective.what().to_owned(),
                    status: report.status(),
                });
                deviation.reason = report.reason().or(report.note()).map(str::to_owned);
                deviation.action = report.action().map(str::to_owned);
                out.push(deviation);
            }
        }
        out
    }

    /// Sums the reports up against `plan`, by focus area and by responsible party, with the
    /// deviations. A deliverable or objective of the plan without a report counts as not
    /// reported; reports on items the plan does not have are left out (the check reports
    /// them).
    pub fn summary(&self, plan: &Plan) -> FollowUpSummary {
        let mut by_focus_area: BTreeMap<FocusAreaId, Tally> = BTreeMap::new();
        let mut by_responsible: BTreeMap<PartyId, Tally> = BTreeMap::new();
        let mut total = Tally::default();
        let mut objectives = ObjectiveTally::default();
        let index = self.index();
        for activity in plan.activities() {
            for deliverable in activity.deliverables() {
                let status = index
                    .deliverable(activity.id(), deliverable.id())
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
            for objective in activity.objectives() {
                objectives.add(
                    index
                        .objective(activity.id(), objective.id())
                        .map(ObjectiveReport::status),
                );
            }
        }
        FollowUpSummary {
            year: plan.year(),
            total,
            objectives,
            by_focus_area: by_focus_area.into_iter().collect(),
            by_responsible: by_responsible.into_iter().collect(),
            deviations: self.deviations(plan),
        }
    }
}

/// The reports by (activity, item), the first of each: lookups in logarithmic time, so a
/// summary takes time in proportion to the plan and the follow-up, not their product.
struct ReportIndex<'f> {
    deliverables: BTreeMap<(&'f ActivityId, &'f DeliverableId), &'f DeliverableReport>,
    objectives: BTreeMap<(&'f ActivityId, &'f ObjectiveId), &'f ObjectiveReport>,
}

impl<'f> ReportIndex<'f> {
    fn deliverable(
        &self,
        activity: &'f ActivityId,
        id: &'f DeliverableId,
    ) -> Option<&'f DeliverableReport> {
        self.deliverables.get(&(activity, id)).copied()
    }

    fn objective(
        &self,
        activity: &'f ActivityId,
        id: &'f ObjectiveId,
    ) -> Option<&'f ObjectiveReport> {
        self.objectives.get(&(activity, id)).copied()
    }
}

impl FollowUp {
    fn index(&self) -> ReportIndex<'_> {
        let mut deliverables = BTreeMap::new();
        for r in &self.deliverables {
            deliverables
                .entry((r.activity(), r.deliverable()))
                .or_insert(r);
        }
        let mut objectives = BTreeMap::new();
        for r in &self.objectives {
            objectives.entry((r.activity(), r.objective())).or_insert(r);
        }
        ReportIndex {
            deliverables,
            objectives,
        }
    }
}

/// What a [`Deviation`] is about: a deliverable (with its original due date) or an objective.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum DeviationItem {
    /// A deliverable not delivered in full.
    Deliverable {
        /// Its id within the activity.
        id: DeliverableId,
        /// What was to be delivered.
        what: String,
        /// The original due date.
        due: NaiveDate,
        /// Partly or not delivered.
        status: DeliveryStatus,
    },
    /// An objective not achieved in full.
    Objective {
        /// Its id within the activity.
        id: ObjectiveId,
        /// What the activity aimed at.
        what: String,
        /// Partly or not achieved.
        status: ObjectiveStatus,
    },
}

/// A deviation (afvigelse) from the plan: a deliverable not delivered in full or an objective
/// not achieved in full, with the activity it belongs to and what the owner reported about
/// it. Made by [`FollowUp::deviations`]; the status report lists them with their actions.
#[doc(alias = "afvigelse")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Deviation {
    activity: ActivityId,
    title: String,
    responsible: PartyId,
    focus_area: FocusAreaId,
    item: DeviationItem,
    reason: Option<String>,
    action: Option<String>,
    new_due: Option<NaiveDate>,
}

impl Deviation {
    /// The activity's id.
    pub fn activity(&self) -> &ActivityId {
        &self.activity
    }

    /// The activity's title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The party responsible for the activity.
    pub fn responsible(&self) -> &PartyId {
        &self.responsible
    }

    /// The activity's focus area.
    pub fn focus_area(&self) -> &FocusAreaId {
        &self.focus_area
    }

    /// The deliverable or objective.
    pub fn item(&self) -> &DeviationItem {
        &self.item
    }

    /// What was to be delivered or achieved.
    pub fn what(&self) -> &str {
        match &self.item {
            DeviationItem::Deliverable { what, .. } | DeviationItem::Objective { what, .. } => what,
        }
    }

    /// The status in Danish: "delvist leveret", "ikke leveret", "delvist opnået", "ikke opnået".
    pub fn status_da(&self) -> &'static str {
        match &self.item {
            DeviationItem::Deliverable { status, .. } => status.label_da(),
            DeviationItem::Objective { status, .. } => status.label_da(),
        }
    }

    /// Why (begrundelse): the report's `reason`, or its note when a follow-up written before
    /// the `reason` field gives only a note.
    #[doc(alias = "begrundelse")]
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// What is done about it (handling), if reported.
    #[doc(alias = "handling")]
    pub fn action(&self) -> Option<&str> {
        self.action.as_deref()
    }

    /// The new deadline (ny frist) of a deliverable, if reported.
    #[doc(alias = "ny frist")]
    pub fn new_due(&self) -> Option<NaiveDate> {
        self.new_due
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

/// Counts of objectives by what became of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ObjectiveTally {
    achieved: u64,
    partly_achieved: u64,
    not_achieved: u64,
    not_reported: u64,
}

impl ObjectiveTally {
    fn add(&mut self, status: Option<ObjectiveStatus>) {
        let slot = match status {
            Some(ObjectiveStatus::Achieved) => &mut self.achieved,
            Some(ObjectiveStatus::PartlyAchieved) => &mut self.partly_achieved,
            Some(ObjectiveStatus::NotAchieved) => &mut self.not_achieved,
            None => &mut self.not_reported,
        };
        *slot = slot.saturating_add(1);
    }

    /// Achieved in full.
    pub fn achieved(&self) -> u64 {
        self.achieved
    }

    /// Achieved in part.
    pub fn partly_achieved(&self) -> u64 {
        self.partly_achieved
    }

    /// Not achieved.
    pub fn not_achieved(&self) -> u64 {
        self.not_achieved
    }

    /// Not reported on.
    pub fn not_reported(&self) -> u64 {
        self.not_reported
    }

    /// All objectives counted.
    pub fn total(&self) -> u64 {
        self.achieved
            .saturating_add(self.partly_achieved)
            .saturating_add(self.not_achieved)
            .saturating_add(self.not_reported)
    }
}

/// The follow-up summed up: deliverables in total, by focus area and by responsible party (in
/// id order), objectives, and the deviations with their actions.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FollowUpSummary {
    year: Year,
    total: Tally,
    objectives: ObjectiveTally,
    by_focus_area: Vec<(FocusAreaId, Tally)>,
    by_responsible: Vec<(PartyId, Tally)>,
    deviations: Vec<Deviation>,
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

    /// Every objective of the plan.
    pub fn objectives(&self) -> ObjectiveTally {
        self.objectives
    }

    /// Per focus area (indsatsområde).
    pub fn by_focus_area(&self) -> &[(FocusAreaId, Tally)] {
        &self.by_focus_area
    }

    /// Per responsible party (aktivitetsansvarlig).
    pub fn by_responsible(&self) -> &[(PartyId, Tally)] {
        &self.by_responsible
    }

    /// The deviations, in the plan's order ([`FollowUp::deviations`]).
    #[doc(alias = "afvigelser")]
    pub fn deviations(&self) -> &[Deviation] {
        &self.deviations
    }

    /// The deviations grouped by activity, in the plan's order: each activity with at least
    /// one deviation, and its deviations.
    pub fn deviations_by_activity(&self) -> Vec<(&ActivityId, Vec<&Deviation>)> {
        let mut out: Vec<(&ActivityId, Vec<&Deviation>)> = Vec::new();
        for deviation in &self.deviations {
            match out.last_mut() {
                Some((id, list)) if *id == deviation.activity() => list.push(deviation),
                _ => out.push((deviation.activity(), vec![deviation])),
            }
        }
        out
    }
}
