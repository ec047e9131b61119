//! The plan's values: [`Plan`], [`Activity`], [`Partner`], [`Deliverable`] and their ids.

use crate::Year;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use tryghed_budget::{ActivityId, Dkk};
use tryghed_goals::IndicatorId;
use tryghed_parties::PartyId;

use crate::{FocusAreaId, PlanError};

/// The yearly tryghedsplan: the year it covers and its activities.
///
/// Read one from its TOML file with [`Plan::from_toml_str`] or [`check_plan`](crate::check_plan)
/// (which also validates it against the agreement), or build one in code with [`Plan::new`].
/// The plan itself only holds well-formed values; whether it keeps the agreement (known parties
/// and focus areas, money within the activity funds, the 75 % collaboration rule) is decided by
/// [`Plan::validate`] against a [`PlanContext`](crate::PlanContext).
///
/// With the `serde` feature the plan (de)serialises in the shape of the plan file (see
/// [`format`](mod@crate::format)); deserialising runs the same checks as reading the file.
#[doc(alias = "tryghedsplan")]
#[doc(alias = "handleplan")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Plan {
    year: Year,
    status: PlanStatus,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    approval: Option<Approval>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    revisions: Vec<Revision>,
    activities: Vec<Activity>,
}

impl Plan {
    /// A draft plan for `year` with `activities` (in the order given). Record its approval and
    /// revisions with [`Plan::approved`] and [`Plan::revised`].
    pub fn new(year: Year, activities: Vec<Activity>) -> Plan {
        Plan {
            year,
            status: PlanStatus::Draft,
            approval: None,
            revisions: Vec::new(),
            activities,
        }
    }

    /// This plan, approved: its status becomes [`PlanStatus::Approved`] (or stays
    /// [`PlanStatus::Revised`]).
    #[must_use]
    pub fn approved(mut self, approval: Approval) -> Plan {
        self.approval = Some(approval);
        if self.status == PlanStatus::Draft {
            self.status = PlanStatus::Approved;
        }
        self
    }

    /// This plan with one more revision: its status becomes [`PlanStatus::Revised`].
    #[must_use]
    pub fn revised(mut self, revision: Revision) -> Plan {
        self.revisions.push(revision);
        self.status = PlanStatus::Revised;
        self
    }

    /// Where the plan stands: draft, approved or revised.
    #[doc(alias = "planstatus")]
    pub fn status(&self) -> PlanStatus {
        self.status
    }

    /// Who approved the plan and when, if it has been approved.
    #[doc(alias = "godkendelse")]
    pub fn approval(&self) -> Option<&Approval> {
        self.approval.as_ref()
    }

    /// The revisions after approval, in file order.
    #[doc(alias = "revisioner")]
    pub fn revisions(&self) -> &[Revision] {
        &self.revisions
    }

    pub(crate) fn set_lifecycle(
        &mut self,
        status: PlanStatus,
        approval: Option<Approval>,
        revisions: Vec<Revision>,
    ) {
        self.status = status;
        self.approval = approval;
        self.revisions = revisions;
    }

    /// The calendar year the plan covers.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The activities in file order.
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }

    /// The activity with id `id`, if any (the first, should ids repeat).
    pub fn activity(&self, id: &ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id() == id)
    }
}

/// Where a plan stands: a draft (udkast), approved (godkendt) or revised after approval
/// (revideret).
///
/// In the plan file: `status = "draft"`, `"approved"` or `"revised"`; a draft when left out.
#[doc(alias = "planstatus")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum PlanStatus {
    /// Not approved yet (udkast).
    #[doc(alias = "udkast")]
    #[default]
    Draft,
    /// Approved (godkendt): the plan has an [`Approval`].
    #[doc(alias = "godkendt")]
    Approved,
    /// Revised after approval (revideret): it has an [`Approval`] and at least one
    /// [`Revision`].
    #[doc(alias = "revideret")]
    Revised,
}

impl PlanStatus {
    /// Every status, in order.
    pub const ALL: [PlanStatus; 3] = [PlanStatus::Draft, PlanStatus::Approved, PlanStatus::Revised];

    /// The name in the plan file: `"draft"`, `"approved"`, `"revised"`.
    pub fn as_str(self) -> &'static str {
        match self {
            PlanStatus::Draft => "draft",
            PlanStatus::Approved => "approved",
            PlanStatus::Revised => "revised",
        }
    }

    /// The Danish word: udkast, godkendt, revideret.
    pub fn label_da(self) -> &'static str {
        match self {
            PlanStatus::Draft => "udkast",
            PlanStatus::Approved => "godkendt",
            PlanStatus::Revised => "revideret",
        }
    }
}

impl fmt::Display for PlanStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for PlanStatus {
    type Err = String;

    /// Reads the file name of a status; the error (in Danish) lists the accepted names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PlanStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "ukendt status {}; brug \"draft\", \"approved\" eller \"revised\"",
                    tryghed_diagnostics::quote(s)
                )
            })
    }
}

/// The approval of a plan: when, and by which body (e.g. the styregruppe).
///
/// In the plan file: `[approval]` with `date` and `body`.
#[doc(alias = "godkendelse")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Approval {
    date: NaiveDate,
    body: String,
}

impl Approval {
    /// An approval on `date` by `body` (trimmed), e.g. "styregruppe".
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyText`] for a blank body.
    pub fn new(date: NaiveDate, body: &str) -> Result<Self, PlanError> {
        let body = body.trim();
        if body.is_empty() {
            return Err(PlanError::EmptyText {
                what: "approving body",
            });
        }
        Ok(Approval {
            date,
            body: body.to_owned(),
        })
    }

    /// The date of the approval.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The body that approved the plan.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// A revision of an approved plan: when, and why.
///
/// In the plan file: a `[[revisions]]` table with `date` and `reason`.
#[doc(alias = "revision")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Revision {
    date: NaiveDate,
    reason: String,
}

impl Revision {
    /// A revision on `date` for `reason` (trimmed).
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyText`] for a blank reason.
    pub fn new(date: NaiveDate, reason: &str) -> Result<Self, PlanError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(PlanError::EmptyText {
                what: "reason for the revision",
            });
        }
        Ok(Revision {
            date,
            reason: reason.to_owned(),
        })
    }

    /// The date of the revision.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Why the plan was revised.
    #[doc(alias = "begrundelse")]
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// What state an activity is in.
///
/// In the plan file: `"planned"`, `"ongoing"`, `"completed"` or `"cancelled"`; planned when
/// left out.
#[doc(alias = "status")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum ActivityStatus {
    /// Not started yet (planlagt).
    #[doc(alias = "planlagt")]
    #[default]
    Planned,
    /// Under way (igangværende).
    #[doc(alias = "igangværende")]
    Ongoing,
    /// Done (afsluttet).
    #[doc(alias = "afsluttet")]
    Completed,
    /// Given up (aflyst). Still counted in the plan's rules, since it was planned.
    #[doc(alias = "aflyst")]
    Cancelled,
}

impl ActivityStatus {
    /// Every status, in order.
    pub const ALL: [ActivityStatus; 4] = [
        ActivityStatus::Planned,
        ActivityStatus::Ongoing,
        ActivityStatus::Completed,
        ActivityStatus::Cancelled,
    ];

    /// The name used in the plan file: `"planned"`, `"ongoing"`, `"completed"`, `"cancelled"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::Ongoing => "ongoing",
            ActivityStatus::Completed => "completed",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    /// The Danish word: planlagt, igangværende, afsluttet, aflyst.
    pub fn label_da(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planlagt",
            ActivityStatus::Ongoing => "igangværende",
            ActivityStatus::Completed => "afsluttet",
            ActivityStatus::Cancelled => "aflyst",
        }
    }
}

impl fmt::Display for ActivityStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for ActivityStatus {
    type Err = String;

    /// Reads the file name of a status (`"ongoing"`). The error lists the accepted names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ActivityStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                format!("unknown status {s:?}; use \"planned\", \"ongoing\", \"completed\" or \"cancelled\"")
            })
    }
}

/// Whether an external partner is located inside or outside the partnership area.
///
/// The agreement counts partners "lokaliseret i eller udenfor partnerskabsområdet": both count
/// towards the collaboration rule; the location is recorded for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Locality {
    /// Located in the partnership area (i partnerskabsområdet).
    #[doc(alias = "i området")]
    Inside,
    /// Located outside the partnership area (udenfor partnerskabsområdet).
    #[doc(alias = "udenfor området")]
    Outside,
}

impl Locality {
    /// `"inside"` or `"outside"`, as in the plan file.
    pub fn as_str(self) -> &'static str {
        match self {
            Locality::Inside => "inside",
            Locality::Outside => "outside",
        }
    }
}

impl fmt::Display for Locality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// An organisation that is not a party of the agreement but takes part in an activity: a
/// forening, a school, a company, a network. Named, and located inside or outside the area.
#[doc(alias = "samarbejdspartner")]
#[doc(alias = "ekstern partner")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ExternalPartner {
    name: String,
    located: Locality,
}

impl ExternalPartner {
    /// An external organisation named `name` (trimmed), located inside or outside the area.
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyText`] when `name` is empty or only white space.
    pub fn new(name: &str, located: Locality) -> Result<Self, PlanError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(PlanError::EmptyText {
                what: "name of the external partner",
            });
        }
        Ok(ExternalPartner {
            name: name.to_owned(),
            located,
        })
    }

    /// The organisation's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Inside or outside the partnership area.
    pub fn located(&self) -> Locality {
        self.located
    }
}

/// A partner in an activity (samarbejdspartner): a party of the agreement, by id, or a named
/// external organisation.
///
/// In the plan file a party is its id as a string (`"politi"`) and an external organisation an
/// inline table (`{ name = "Valby Lokaludvalg", located = "outside" }`).
#[doc(alias = "samarbejdspartner")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged))]
#[non_exhaustive]
pub enum Partner {
    /// A party of the agreement.
    Party(PartyId),
    /// An organisation outside the agreement.
    External(ExternalPartner),
}

impl fmt::Display for Partner {
    /// The party id, or the external organisation's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Partner::Party(id) => f.pad(id.as_str()),
            Partner::External(external) => f.pad(external.name()),
        }
    }
}

tryghed_core::slug_id! {
    /// The id of a deliverable within its activity, a slug such as `folder` or `moede-1`.
    /// The follow-up file refers to a deliverable by its activity's id and this id.
    #[doc(alias = "leverance")]
    pub struct DeliverableId;
    what = "deliverable id", error = PlanError
}

/// A deliverable (leverance): what an activity promises to deliver, and by when.
///
/// The activity owners report on their deliverables to the project leader; see
/// [`FollowUp`](crate::FollowUp).
#[doc(alias = "leverance")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Deliverable {
    id: DeliverableId,
    what: String,
    due: NaiveDate,
}

impl Deliverable {
    /// A deliverable: its id, what will be delivered (trimmed) and the due date.
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyText`] when `what` is empty or only white space.
    pub fn new(id: DeliverableId, what: &str, due: NaiveDate) -> Result<Self, PlanError> {
        let what = what.trim();
        if what.is_empty() {
            return Err(PlanError::EmptyText {
                what: "description of the deliverable (what)",
            });
        }
        Ok(Deliverable {
            id,
            what: what.to_owned(),
            due,
        })
    }

    /// The deliverable's id within its activity.
    pub fn id(&self) -> &DeliverableId {
        &self.id
    }

    /// What will be delivered.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The date it is due (senest).
    #[doc(alias = "frist")]
    pub fn due(&self) -> NaiveDate {
        self.due
    }
}

tryghed_core::slug_id! {
    /// The id of an objective (målsætning) within its activity, a slug such as `deltagere`.
    /// The follow-up file refers to an objective by its activity's id and this id.
    #[doc(alias = "målsætning")]
    pub struct ObjectiveId;
    what = "objective id", error = PlanError
}

/// An objective (målsætning) of an activity: what the activity aims at, which its owner
/// reports on in the follow-up, as the agreement asks the activity owners to report "på, om de
/// har opnået leverancer og målsætninger for deres aktivitet".
#[doc(alias = "målsætning")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Objective {
    id: ObjectiveId,
    what: String,
}

impl Objective {
    /// An objective: its id and what it aims at (trimmed).
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyText`] when `what` is blank.
    pub fn new(id: ObjectiveId, what: &str) -> Result<Self, PlanError> {
        let what = what.trim();
        if what.is_empty() {
            return Err(PlanError::EmptyText {
                what: "description of the objective (what)",
            });
        }
        Ok(Objective {
            id,
            what: what.to_owned(),
        })
    }

    /// The objective's id within its activity.
    pub fn id(&self) -> &ObjectiveId {
        &self.id
    }

    /// What the activity aims at.
    pub fn what(&self) -> &str {
        &self.what
    }
}

/// An activity (aktivitet) of the plan: what is done, in which focus area, by whom, with whom,
/// for how much, and what it delivers.
#[doc(alias = "aktivitet")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Activity {
    id: ActivityId,
    title: String,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    description: Option<String>,
    focus_area: FocusAreaId,
    responsible: PartyId,
    partners: Vec<Partner>,
    budget: Dkk,
    status: ActivityStatus,
    indicators: Vec<IndicatorId>,
    deliverables: Vec<Deliverable>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    objectives: Vec<Objective>,
}

impl Activity {
    /// An activity with its id, title (trimmed), focus area, responsible party and budget; no
    /// partners, deliverables or indicators yet, status planned. Add the rest with the `with_…`
    /// methods.
    ///
    /// A budget of zero is allowed: some activities need no funds.
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyText`] for an empty title; [`PlanError::NegativeBudget`] for a budget
    /// below zero.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_budget::Dkk;
    /// use tryghed_plan::{Activity, Partner};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let activity = Activity::new(
    ///     "tryghedsvandring".parse()?,
    ///     "Tryghedsvandring",
    ///     "tryggere-byrum".parse()?,
    ///     "3b".parse()?,
    ///     Dkk::ZERO,
    /// )?
    /// .with_partner(Partner::Party("politi".parse()?));
    /// assert_eq!(activity.partners().len(), 1);
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(
        id: ActivityId,
        title: &str,
        focus_area: FocusAreaId,
        responsible: PartyId,
        budget: Dkk,
    ) -> Result<Self, PlanError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(PlanError::EmptyText {
                what: "activity title",
            });
        }
        if budget.is_negative() {
            return Err(PlanError::NegativeBudget {
                activity: id.as_str().to_owned(),
                amount: budget,
            });
        }
        Ok(Activity {
            id,
            title: title.to_owned(),
            description: None,
            focus_area,
            responsible,
            partners: Vec::new(),
            budget,
            status: ActivityStatus::Planned,
            indicators: Vec::new(),
            deliverables: Vec::new(),
            objectives: Vec::new(),
        })
    }

    /// This activity with a description (trimmed; an empty one removes it).
    #[must_use]
    pub fn with_description(mut self, description: &str) -> Self {
        let description = description.trim();
        self.description = (!description.is_empty()).then(|| description.to_owned());
        self
    }

    /// This activity with one more partner.
    #[must_use]
    pub fn with_partner(mut self, partner: Partner) -> Self {
        self.partners.push(partner);
        self
    }

    /// This activity with one more deliverable.
    #[must_use]
    pub fn with_deliverable(mut self, deliverable: Deliverable) -> Self {
        self.deliverables.push(deliverable);
        self
    }

    /// This activity with one more objective (målsætning).
    #[must_use]
    pub fn with_objective(mut self, objective: Objective) -> Self {
        self.objectives.push(objective);
        self
    }

    /// This activity supporting one more indicator.
    #[must_use]
    pub fn with_indicator(mut self, indicator: IndicatorId) -> Self {
        self.indicators.push(indicator);
        self
    }

    /// This activity with `status`.
    #[must_use]
    pub fn with_status(mut self, status: ActivityStatus) -> Self {
        self.status = status;
        self
    }

    /// The activity's id, unique in the plan.
    pub fn id(&self) -> &ActivityId {
        &self.id
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The description, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The focus area (indsatsområde) the activity is placed in.
    #[doc(alias = "indsatsområde")]
    pub fn focus_area(&self) -> &FocusAreaId {
        &self.focus_area
    }

    /// The party responsible for the activity (aktivitetsansvarlig).
    #[doc(alias = "aktivitetsansvarlig")]
    pub fn responsible(&self) -> &PartyId {
        &self.responsible
    }

    /// The partners besides the responsible party, as written.
    #[doc(alias = "samarbejdspartnere")]
    pub fn partners(&self) -> &[Partner] {
        &self.partners
    }

    /// The money from the year's activity funds (aktivitetsmidler); may be zero.
    #[doc(alias = "aktivitetsmidler")]
    pub fn budget(&self) -> Dkk {
        self.budget
    }

    /// The status.
    pub fn status(&self) -> ActivityStatus {
        self.status
    }

    /// The indicators the activity supports.
    #[doc(alias = "indikatorer")]
    pub fn indicators(&self) -> &[IndicatorId] {
        &self.indicators
    }

    /// The deliverables (leverancer).
    #[doc(alias = "leverancer")]
    pub fn deliverables(&self) -> &[Deliverable] {
        &self.deliverables
    }

    /// The deliverable with id `id`, if any.
    pub fn deliverable(&self, id: &DeliverableId) -> Option<&Deliverable> {
        self.deliverables.iter().find(|d| d.id() == id)
    }

    /// The objectives (målsætninger) for the activity.
    #[doc(alias = "målsætninger")]
    pub fn objectives(&self) -> &[Objective] {
        &self.objectives
    }

    /// The objective with id `id`, if any.
    pub fn objective(&self, id: &ObjectiveId) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id() == id)
    }
}
