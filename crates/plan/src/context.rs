//! [`PlanContext`]: what a plan is validated against.

use crate::{Year, Years};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;

use tryghed_budget::Dkk;
use tryghed_goals::IndicatorId;
use tryghed_parties::{Parties, PartyId, PartyKind};

use crate::{FocusArea, FocusAreaId, PlanError};

/// A party as the validation needs it: its name for messages, the organisation it counts
/// as in the collaboration rule, and the parties it is part of.
#[derive(Debug, Clone, PartialEq, Eq)]
struct KnownParty {
    name: String,
    organisation: PartyId,
    ancestors: Vec<PartyId>,
}

/// What a plan is validated against: the facts of an agreement that the plan must keep.
///
/// This crate does not depend on the agreement crate (the agreement depends on this one), so
/// the agreement hands over what is needed here: the years of its period, its parties, its
/// focus areas and the activity funds (aktivitetsmidler) of each year. Optionally the known
/// indicator ids, so that an activity naming an unknown indicator gets a warning.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeMap;
/// use tryghed_budget::Dkk;
/// use tryghed_parties::{Parties, Party, PartyKind};
/// use tryghed_plan::{FocusArea, PlanContext, Year};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let parties = Parties::new(vec![
///     Party::new("3b".parse()?, "Boligforeningen 3B", PartyKind::HousingAssociation)?,
///     Party::new("politi".parse()?, "Københavns Politi", PartyKind::Police)?,
/// ])?;
/// let areas = vec![FocusArea::new("tryggere-byrum".parse()?, "Tryggere byrum")?];
/// let funds = BTreeMap::from([(Year::new(2026)?, Dkk::from_kroner(1_050_000)?)]);
/// let context = PlanContext::new(Year::new(2026)?..=Year::new(2029)?, &parties, areas, funds)?;
/// assert_eq!(context.activity_funds(Year::new(2026)?), Some(Dkk::from_kroner(1_050_000)?));
/// assert_eq!(context.activity_funds(Year::new(2027)?), None); // not given: the budget check is skipped
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanContext {
    first_year: Year,
    last_year: Year,
    parties: BTreeMap<PartyId, KnownParty>,
    focus_areas: Vec<FocusArea>,
    activity_funds: BTreeMap<Year, Dkk>,
    indicators: Option<BTreeSet<IndicatorId>>,
}

impl PlanContext {
    /// A context from an agreement's facts.
    ///
    /// - `years`: the calendar years of the agreement period, e.g. `Year::new(2026)?..=Year::new(2029)?`.
    /// - `parties`: every party a plan may name (as responsible or partner). A party of kind
    ///   [`PartyKind::Unit`] counts as the organisation it belongs to in the collaboration
    ///   rule (see [`PlanContext::organisation_of`]).
    /// - `focus_areas`: the agreement's focus areas, in order.
    /// - `activity_funds`: the activity funds per year. A year left out is unknown: a plan for
    ///   it gets a warning that its budget total was not checked, never a made-up limit.
    ///
    /// # Errors
    ///
    /// [`PlanError::EmptyPeriod`] when `years` is empty, [`PlanError::FundsOutsidePeriod`]
    /// for funds of a year outside `years`, [`PlanError::NegativeFunds`] for funds below zero.
    pub fn new(
        years: RangeInclusive<Year>,
        parties: &Parties,
        focus_areas: Vec<FocusArea>,
        activity_funds: BTreeMap<Year, Dkk>,
    ) -> Result<PlanContext, PlanError> {
        let (first, last) = (*years.start(), *years.end());
        if first > last {
            return Err(PlanError::EmptyPeriod { first, last });
        }
        for (&year, &amount) in &activity_funds {
            if !years.contains(&year) {
                return Err(PlanError::FundsOutsidePeriod { year, first, last });
            }
            if amount.is_negative() {
                return Err(PlanError::NegativeFunds { year, amount });
            }
        }
        let known = parties
            .iter()
            .map(|party| {
                let known = KnownParty {
                    name: party.name().to_owned(),
                    organisation: organisation(parties, party.id()),
                    ancestors: ancestors(parties, party.id()),
                };
                (party.id().clone(), known)
            })
            .collect();
        Ok(PlanContext {
            first_year: first,
            last_year: last,
            parties: known,
            focus_areas,
            activity_funds,
            indicators: None,
        })
    }

    /// This context with the indicator ids an activity may name; an activity naming another
    /// then gets a warning. Without this call indicator ids are not checked.
    #[must_use]
    pub fn with_indicators(mut self, indicators: impl IntoIterator<Item = IndicatorId>) -> Self {
        self.indicators = Some(indicators.into_iter().collect());
        self
    }

    /// The years of the agreement period, in order.
    pub fn years(&self) -> Years {
        self.first_year.through(self.last_year)
    }

    /// The first year of the agreement period.
    pub fn first_year(&self) -> Year {
        self.first_year
    }

    /// The last year of the agreement period (inclusive).
    pub fn last_year(&self) -> Year {
        self.last_year
    }

    /// Whether `id` is a party of the agreement.
    pub fn is_party(&self, id: &PartyId) -> bool {
        self.parties.contains_key(id)
    }

    /// The name of party `id`, if it is a party of the agreement.
    pub fn party_name(&self, id: &PartyId) -> Option<&str> {
        self.parties.get(id).map(|p| p.name.as_str())
    }

    /// The ids of every party, in id order.
    pub fn party_ids(&self) -> impl Iterator<Item = &PartyId> {
        self.parties.keys()
    }

    /// The organisation party `id` counts as in the collaboration rule: the party itself, or
    /// for a unit (SSP within Socialforvaltningen, an office within Økonomiforvaltningen) the
    /// nearest ancestor that is not a unit. `None` for an unknown party.
    pub fn organisation_of(&self, id: &PartyId) -> Option<&PartyId> {
        self.parties.get(id).map(|p| &p.organisation)
    }

    /// Whether party `inner` is part of party `outer` (a forvaltning of Københavns Kommune,
    /// SSP of Socialforvaltningen and so of Københavns Kommune), following the parents.
    /// `false` for a party and itself, and for unknown parties.
    ///
    /// In the collaboration rule a party and a party it is part of count as one
    /// organisation: Københavns Kommune named beside Økonomiforvaltningen is not a second
    /// samarbejdspartner (see [`crate::Collaboration`]).
    pub fn is_within(&self, inner: &PartyId, outer: &PartyId) -> bool {
        self.parties
            .get(inner)
            .is_some_and(|p| p.ancestors.contains(outer))
    }

    /// The focus areas, in the agreement's order.
    pub fn focus_areas(&self) -> &[FocusArea] {
        &self.focus_areas
    }

    /// The focus area with id `id`, if the agreement has it.
    pub fn focus_area(&self, id: &FocusAreaId) -> Option<&FocusArea> {
        self.focus_areas.iter().find(|area| area.id() == id)
    }

    /// The activity funds of `year`, if known.
    #[doc(alias = "aktivitetsmidler")]
    pub fn activity_funds(&self, year: Year) -> Option<Dkk> {
        self.activity_funds.get(&year).copied()
    }

    /// The known indicator ids, if they were given with [`PlanContext::with_indicators`].
    pub fn indicators(&self) -> Option<&BTreeSet<IndicatorId>> {
        self.indicators.as_ref()
    }
}

/// The parents of `id`, nearest first (bounded, so a cyclic registry cannot hang it).
fn ancestors(parties: &Parties, id: &PartyId) -> Vec<PartyId> {
    let mut out: Vec<PartyId> = Vec::new();
    let mut current = id;
    for _ in 0..parties.len() {
        let Some(parent) = parties.get(current).and_then(|p| p.parent()) else {
            break;
        };
        if parent == id || out.contains(parent) || !parties.contains(parent) {
            break;
        }
        out.push(parent.clone());
        current = parent;
    }
    out
}

/// The nearest party at or above `id` that is not a unit (bounded, so a cyclic registry
/// cannot hang it).
fn organisation(parties: &Parties, id: &PartyId) -> PartyId {
    let mut current = id;
    for _ in 0..=parties.len() {
        let Some(party) = parties.get(current) else {
            break;
        };
        match (party.kind(), party.parent()) {
            (PartyKind::Unit, Some(parent)) if parties.contains(parent) => current = parent,
            _ => break,
        }
    }
    current.clone()
}
