//! [`Allocations`]: a year's activity funds shared out to activities.

use crate::Year;
use std::collections::BTreeMap;

use crate::error::BudgetError;
use crate::{ActivityId, AnnualBudget, Dkk, LineId};

/// The allocation (fordeling) of one year's activity funds (aktivitetsmidler) to the activities
/// of the year's tryghedsplan.
///
/// Invariants: every allocation is zero or more, and the allocations never sum to more than the
/// funds. An operation that would break them returns an error and changes nothing.
///
/// Each activity is allocated once with [`allocate`](Allocations::allocate); calling it again for
/// the same activity is an error (so a typo cannot silently replace an amount), and
/// [`reallocate`](Allocations::reallocate) changes an existing allocation under the same check.
/// A zero allocation is allowed: it records an activity that is planned without funds, or whose
/// funds were moved elsewhere.
///
/// ```
/// use tryghed_budget::{ActivityId, Allocations, Dkk, LineId, Year};
///
/// let mut a = Allocations::with_funds(Year::new(2026)?, LineId::new("aktivitetsmidler")?, Dkk::from_kroner(1_050_000)?)?;
/// a.allocate(ActivityId::new("a1")?, Dkk::from_kroner(600_000)?)?;
/// let err = a.allocate(ActivityId::new("a2")?, Dkk::from_kroner(500_000)?).unwrap_err();
/// assert!(err.to_string().contains("450.000,00 kr. is available"));
/// assert_eq!(a.remaining().to_string(), "450.000,00 kr.");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "fordeling")]
#[doc(alias = "aktivitetsmidler")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawAllocations", into = "RawAllocations")
)]
pub struct Allocations {
    year: Year,
    line: LineId,
    funds: Dkk,
    entries: BTreeMap<ActivityId, Dkk>,
    allocated: Dkk,
}

impl Allocations {
    /// No allocations yet of the activity funds of `budget`.
    pub fn new(budget: &AnnualBudget) -> Allocations {
        let line = budget.activity_funds();
        Allocations {
            year: budget.year(),
            line: line.id().clone(),
            funds: line.amount(),
            entries: BTreeMap::new(),
            allocated: Dkk::ZERO,
        }
    }

    /// No allocations yet of `funds` from the budget line `line` in `year`.
    ///
    /// # Errors
    ///
    /// [`BudgetError::NegativeLineAmount`] when `funds` is negative.
    pub fn with_funds(year: Year, line: LineId, funds: Dkk) -> Result<Allocations, BudgetError> {
        if funds.is_negative() {
            return Err(BudgetError::NegativeLineAmount {
                line,
                amount: funds,
            });
        }
        Ok(Allocations {
            year,
            line,
            funds,
            entries: BTreeMap::new(),
            allocated: Dkk::ZERO,
        })
    }

    /// Allocates `amount` to a new activity.
    ///
    /// # Errors
    ///
    /// [`BudgetError::DuplicateAllocation`] if the activity already has an allocation,
    /// [`BudgetError::NegativeAllocation`], or [`BudgetError::OverAllocation`] naming the
    /// activity, the amount, the funds and what is already allocated. Nothing changes on error.
    pub fn allocate(&mut self, activity: ActivityId, amount: Dkk) -> Result<(), BudgetError> {
        if let Some(existing) = self.entries.get(&activity) {
            return Err(BudgetError::DuplicateAllocation {
                activity,
                existing: *existing,
            });
        }
        let allocated = self.check(&activity, amount, Dkk::ZERO)?;
        self.entries.insert(activity, amount);
        self.allocated = allocated;
        Ok(())
    }

    /// Changes the allocation of an activity that already has one.
    ///
    /// # Errors
    ///
    /// [`BudgetError::UnknownActivity`] if it has none, [`BudgetError::NegativeAllocation`] or
    /// [`BudgetError::OverAllocation`]. Nothing changes on error.
    pub fn reallocate(&mut self, activity: &ActivityId, amount: Dkk) -> Result<(), BudgetError> {
        let old = self.get(activity)?;
        let allocated = self.check(activity, amount, old)?;
        self.entries.insert(activity.clone(), amount);
        self.allocated = allocated;
        Ok(())
    }

    /// The new total allocated if `activity` goes from `old` to `amount`.
    pub(crate) fn check(
        &self,
        activity: &ActivityId,
        amount: Dkk,
        old: Dkk,
    ) -> Result<Dkk, BudgetError> {
        if amount.is_negative() {
            return Err(BudgetError::NegativeAllocation {
                activity: activity.clone(),
                amount,
            });
        }
        // 0 <= old <= allocated <= funds, so `others` is in range.
        let others = self.allocated.checked_sub(old)?;
        let over = || BudgetError::OverAllocation {
            activity: activity.clone(),
            amount,
            funds: self.funds,
            allocated: others,
        };
        let total = others.checked_add(amount).map_err(|_| over())?;
        if total > self.funds {
            return Err(over());
        }
        Ok(total)
    }

    /// The allocation of an activity.
    ///
    /// # Errors
    ///
    /// [`BudgetError::UnknownActivity`] if it has none.
    pub fn get(&self, activity: &ActivityId) -> Result<Dkk, BudgetError> {
        self.entries
            .get(activity)
            .copied()
            .ok_or_else(|| BudgetError::UnknownActivity {
                activity: activity.clone(),
            })
    }

    /// The budget year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The budget line the funds come from (the activity-funds line).
    pub fn line(&self) -> &LineId {
        &self.line
    }

    /// The funds that can be allocated.
    pub fn funds(&self) -> Dkk {
        self.funds
    }

    /// The sum of all allocations; never more than [`funds`](Allocations::funds).
    pub fn allocated(&self) -> Dkk {
        self.allocated
    }

    /// The funds not yet allocated; never negative.
    pub fn remaining(&self) -> Dkk {
        self.funds.checked_sub(self.allocated).unwrap_or(Dkk::ZERO)
    }

    /// The allocations, sorted by activity id.
    pub fn iter(&self) -> impl Iterator<Item = (&ActivityId, Dkk)> {
        self.entries.iter().map(|(id, amount)| (id, *amount))
    }

    /// How many activities have an allocation.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no activity has an allocation yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The data form: `year`, `line`, `funds` and a map `activities` from activity id to amount.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAllocations {
    pub(crate) year: Year,
    pub(crate) line: LineId,
    pub(crate) funds: Dkk,
    #[serde(default)]
    pub(crate) activities: BTreeMap<ActivityId, Dkk>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawAllocations> for Allocations {
    type Error = BudgetError;

    fn try_from(raw: RawAllocations) -> Result<Allocations, BudgetError> {
        let mut a = Allocations::with_funds(raw.year, raw.line, raw.funds)?;
        for (activity, amount) in raw.activities {
            a.allocate(activity, amount)?;
        }
        Ok(a)
    }
}

#[cfg(feature = "serde")]
impl From<Allocations> for RawAllocations {
    fn from(a: Allocations) -> RawAllocations {
        RawAllocations {
            year: a.year,
            line: a.line,
            funds: a.funds,
            activities: a.entries,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kr(k: i64) -> Dkk {
        Dkk::from_kroner(k).unwrap()
    }

    fn id(s: &str) -> ActivityId {
        ActivityId::new(s).unwrap()
    }

    fn synthetic_allocations() -> Allocations {
        Allocations::with_funds(
            Year::new(2026).unwrap(),
            LineId::new("aktivitetsmidler").unwrap(),
            kr(1_050_000),
        )
        .unwrap()
    }

    #[test]
    fn allocates_up_to_the_funds_exactly() {
        let mut a = synthetic_allocations();
        a.allocate(id("a1"), kr(1_000_000)).unwrap();
        a.allocate(id("a2"), kr(50_000)).unwrap();
        a.allocate(id("a3"), Dkk::ZERO).unwrap();
        assert_eq!(a.allocated(), kr(1_050_000));
        assert_eq!(a.remaining(), Dkk::ZERO);
        assert_eq!(a.len(), 3);
        assert_eq!(a.get(&id("a3")).unwrap(), Dkk::ZERO);
    }

    #[test]
    fn over_allocation_names_everything_and_changes_nothing() {
        let mut a = synthetic_allocations();
        a.allocate(id("a1"), kr(1_000_000)).unwrap();
        let before = a.clone();
        let e = a.allocate(id("a2"), Dkk::from_ore(5_000_001)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "activity a2: allocating 50.000,01 kr. would exceed the activity funds of \
             1.050.000,00 kr. (1.000.000,00 kr. is already allocated to other activities, \
             50.000,00 kr. is available)"
        );
        assert_eq!(a, before);
    }

    #[test]
    fn duplicate_unknown_and_negative_are_errors() {
        let mut a = synthetic_allocations();
        a.allocate(id("a1"), kr(100)).unwrap();
        let before = a.clone();
        let e = a.allocate(id("a1"), kr(200)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "activity a1 already has an allocation of 100,00 kr.; use reallocate to change it"
        );
        let e = a.reallocate(&id("a9"), kr(200)).unwrap_err();
        assert_eq!(e.to_string(), "activity a9 has no allocation");
        let e = a.allocate(id("a2"), Dkk::from_ore(-1)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "activity a2: the allocation -0,01 kr. is negative"
        );
        assert_eq!(a, before);
        assert!(
            Allocations::with_funds(
                Year::new(2026).unwrap(),
                LineId::new("x").unwrap(),
                Dkk::from_ore(-1)
            )
            .is_err()
        );
    }

    #[test]
    fn reallocate_checks_against_the_other_activities() {
        let mut a = synthetic_allocations();
        a.allocate(id("a1"), kr(1_000_000)).unwrap();
        a.allocate(id("a2"), kr(50_000)).unwrap();
        // Moving money from a1 to a2 needs a1 lowered first.
        assert!(a.reallocate(&id("a2"), kr(60_000)).is_err());
        a.reallocate(&id("a1"), kr(990_000)).unwrap();
        a.reallocate(&id("a2"), kr(60_000)).unwrap();
        assert_eq!(a.allocated(), kr(1_050_000));
        a.reallocate(&id("a1"), kr(990_000)).unwrap();
    }
}
