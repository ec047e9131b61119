//! A plan as far as it could be read: every field that could be read, `None` for the rest, so
//! that the rules can check what is there while a broken field is reported on its own.

use crate::Year;
use chrono::NaiveDate;
use tryghed_budget::{ActivityId, Dkk};
use tryghed_goals::IndicatorId;
use tryghed_parties::PartyId;

use crate::{Activity, DeliverableId, FocusAreaId, ObjectiveId, Partner, Plan, PlanStatus};

/// A plan whose fields may be unreadable; activity `i` is the file's activity `i`.
#[derive(Debug, Clone, Default)]
pub(crate) struct PartialPlan {
    /// The year, when it could be read.
    pub(crate) year: Option<Year>,
    /// The status, when it could be read (a plan without `status` is a draft).
    pub(crate) status: Option<PlanStatus>,
    #[allow(
        clippy::option_option,
        reason = "no table, an unreadable date and a date differ"
    )]
    /// The approval's date when there is an `[approval]` table (`Some(None)`: its date could
    /// not be read).
    pub(crate) approval: Option<Option<NaiveDate>>,
    /// The revisions' dates, in file order (`None`: that date could not be read).
    pub(crate) revisions: Vec<Option<NaiveDate>>,
    pub(crate) activities: Vec<PartialActivity>,
}

/// An activity as far as it could be read (`None`: missing or unreadable).
#[derive(Debug, Clone, Default)]
pub(crate) struct PartialActivity {
    pub(crate) id: Option<ActivityId>,
    pub(crate) focus_area: Option<FocusAreaId>,
    pub(crate) responsible: Option<PartyId>,
    /// The partners in file order, each `None` when it could not be read; `None` when the list
    /// itself could not be read.
    pub(crate) partners: Option<Vec<Option<Partner>>>,
    pub(crate) budget: Option<Dkk>,
    /// The indicators in file order, each `None` when it could not be read.
    pub(crate) indicators: Vec<Option<IndicatorId>>,
    /// The deliverables in file order; `None` when the list could not be read.
    pub(crate) deliverables: Option<Vec<PartialDeliverable>>,
    /// The objectives' ids in file order, each `None` when it could not be read.
    pub(crate) objectives: Vec<Option<ObjectiveId>>,
}

/// A deliverable as far as it could be read.
#[derive(Debug, Clone, Default)]
pub(crate) struct PartialDeliverable {
    pub(crate) id: Option<DeliverableId>,
    pub(crate) due: Option<NaiveDate>,
}

impl From<&Activity> for PartialActivity {
    fn from(activity: &Activity) -> Self {
        PartialActivity {
            id: Some(activity.id().clone()),
            focus_area: Some(activity.focus_area().clone()),
            responsible: Some(activity.responsible().clone()),
            partners: Some(activity.partners().iter().cloned().map(Some).collect()),
            budget: Some(activity.budget()),
            indicators: activity.indicators().iter().cloned().map(Some).collect(),
            deliverables: Some(
                activity
                    .deliverables()
                    .iter()
                    .map(|d| PartialDeliverable {
                        id: Some(d.id().clone()),
                        due: Some(d.due()),
                    })
                    .collect(),
            ),
            objectives: activity
                .objectives()
                .iter()
                .map(|o| Some(o.id().clone()))
                .collect(),
        }
    }
}

impl From<&Plan> for PartialPlan {
    fn from(plan: &Plan) -> Self {
        PartialPlan {
            year: Some(plan.year()),
            status: Some(plan.status()),
            approval: plan.approval().map(|a| Some(a.date())),
            revisions: plan.revisions().iter().map(|r| Some(r.date())).collect(),
            activities: plan
                .activities()
                .iter()
                .map(PartialActivity::from)
                .collect(),
        }
    }
}
