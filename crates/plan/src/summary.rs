//! [`PlanSummary`]: a plan at a glance.

use crate::Year;
use tryghed_budget::Dkk;

use crate::{BudgetUse, Collaboration, FocusAreaId, Plan, PlanContext};

/// One focus area's part of the plan.
#[doc(alias = "indsatsområde")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FocusAreaSummary {
    id: FocusAreaId,
    name: Option<String>,
    activities: u64,
    multi_partner: u64,
    budget: Dkk,
    deliverables: u64,
}

impl FocusAreaSummary {
    /// The focus area's id.
    pub fn id(&self) -> &FocusAreaId {
        &self.id
    }

    /// Its name, when the agreement has the focus area.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The number of activities in it.
    pub fn activities(&self) -> u64 {
        self.activities
    }

    /// How many of them involve two or more partners.
    pub fn multi_partner(&self) -> u64 {
        self.multi_partner
    }

    /// The sum of their budgets (saturating at [`Dkk::MAX`]).
    pub fn budget(&self) -> Dkk {
        self.budget
    }

    /// The number of their deliverables.
    pub fn deliverables(&self) -> u64 {
        self.deliverables
    }
}

/// A plan at a glance: activities per focus area, budget use, collaboration share,
/// deliverables.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlanSummary {
    year: Year,
    by_focus_area: Vec<FocusAreaSummary>,
    budget: Option<BudgetUse>,
    collaboration: Collaboration,
    deliverables: u64,
}

impl PlanSummary {
    /// The plan's year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// Per focus area: every focus area of the agreement in its order (also those without
    /// activities), then any other focus area the plan names, by id.
    pub fn by_focus_area(&self) -> &[FocusAreaSummary] {
        &self.by_focus_area
    }

    /// The budget total against the activity funds (`None` if the total overflows).
    pub fn budget(&self) -> Option<&BudgetUse> {
        self.budget.as_ref()
    }

    /// The collaboration count.
    pub fn collaboration(&self) -> Collaboration {
        self.collaboration
    }

    /// The number of deliverables in the plan.
    pub fn deliverables(&self) -> u64 {
        self.deliverables
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

impl Plan {
    /// Sums the plan up against the agreement's facts.
    pub fn summary(&self, context: &PlanContext) -> PlanSummary {
        let mut areas: Vec<FocusAreaSummary> = context
            .focus_areas()
            .iter()
            .map(|area| FocusAreaSummary {
                id: area.id().clone(),
                name: Some(area.name().to_owned()),
                activities: 0,
                multi_partner: 0,
                budget: Dkk::ZERO,
                deliverables: 0,
            })
            .collect();
        let known = areas.len();
        for activity in self.activities() {
            let position = areas.iter().position(|a| &a.id == activity.focus_area());
            if position.is_none() {
                areas.push(FocusAreaSummary {
                    id: activity.focus_area().clone(),
                    name: None,
                    activities: 0,
                    multi_partner: 0,
                    budget: Dkk::ZERO,
                    deliverables: 0,
                });
            }
            let index = position.unwrap_or(areas.len().saturating_sub(1));
            let Some(area) = areas.get_mut(index) else {
                continue;
            };
            area.activities = area.activities.saturating_add(1);
            if activity.is_multi_partner(context) {
                area.multi_partner = area.multi_partner.saturating_add(1);
            }
            area.budget = area
                .budget
                .checked_add(activity.budget())
                .unwrap_or(Dkk::MAX);
            area.deliverables = area
                .deliverables
                .saturating_add(count(activity.deliverables().len()));
        }
        if let Some(unknown) = areas.get_mut(known..) {
            unknown.sort_by(|a, b| a.id.cmp(&b.id));
        }
        PlanSummary {
            year: self.year(),
            by_focus_area: areas,
            budget: self.budget_use(context).ok(),
            collaboration: self.collaboration(context),
            deliverables: count(
                self.activities()
                    .iter()
                    .map(|a| a.deliverables().len())
                    .sum(),
            ),
        }
    }
}
