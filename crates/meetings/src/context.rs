//! [`MeetingContext`]: what a meeting log is checked against.

use crate::{Year, Years};
use std::ops::RangeInclusive;

use tryghed_parties::{BodyKind, Governance, Parties, Party, PartyId, Post};

use crate::MeetingsError;

/// What a meeting log is checked against: the agreement's period, its parties and its
/// organisation (bodies, meeting rules, representation rules and posts).
///
/// This crate does not depend on the agreement crate (the agreement depends on this one), so
/// the agreement hands these over: `tryghed_agreement::Agreement::meeting_context()` builds
/// one.
///
/// # Examples
///
/// ```
/// use tryghed_meetings::MeetingContext;
/// use tryghed_parties::{Body, BodyKind, Governance, MeetingRule, Parties, Party, PartyKind, Year};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let parties = Parties::new(vec![
///     Party::new("politi".parse()?, "Københavns Politi", PartyKind::Police)?,
/// ])?;
/// let governance = Governance::new(vec![Body::new(
///     "styregruppe".parse()?,
///     BodyKind::SteeringGroup,
///     "Styregruppe",
/// )?])?
/// .with_meeting_rule(MeetingRule::new(BodyKind::SteeringGroup, 1, None)?)?;
/// let context = MeetingContext::new(Year::new(2026)?..=Year::new(2029)?, parties, governance)?;
/// assert!(context.years().map(Year::get).eq(2026..=2029));
/// assert_eq!(context.party_label(&"politi".parse()?), "Københavns Politi (politi)");
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingContext {
    first_year: Year,
    last_year: Year,
    parties: Parties,
    governance: Governance,
}

impl MeetingContext {
    /// A context from an agreement's period (its calendar years), parties and organisation.
    ///
    /// # Errors
    ///
    /// [`MeetingsError::EmptyPeriod`] when `years` is empty.
    pub fn new(
        years: RangeInclusive<Year>,
        parties: Parties,
        governance: Governance,
    ) -> Result<MeetingContext, MeetingsError> {
        let (first, last) = (*years.start(), *years.end());
        if first > last {
            return Err(MeetingsError::EmptyPeriod { first, last });
        }
        Ok(MeetingContext {
            first_year: first,
            last_year: last,
            parties,
            governance,
        })
    }

    /// The calendar years of the agreement period, in order.
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

    /// The parties of the agreement.
    pub fn parties(&self) -> &Parties {
        &self.parties
    }

    /// The organisation: bodies, rules and posts.
    pub fn governance(&self) -> &Governance {
        &self.governance
    }

    /// Whether `id` is a party of the agreement.
    pub fn is_party(&self, id: &PartyId) -> bool {
        self.parties.contains(id)
    }

    /// `"Name (id)"` for a party of the agreement, else the id in quotes.
    pub fn party_label(&self, id: &PartyId) -> String {
        match self.parties.get(id) {
            Some(party) => format!("{} ({id})", party.name()),
            None => format!("\"{id}\""),
        }
    }

    /// The party's name, or its id when it is not a party of the agreement.
    pub fn party_name(&self, id: &PartyId) -> String {
        self.parties
            .get(id)
            .map_or_else(|| id.to_string(), |p| p.name().to_owned())
    }

    /// The post whose holder leads the meetings of `body` (the projektleder for the
    /// arbejdsgruppe), if the organisation names one.
    pub fn leader_of(&self, body: BodyKind) -> Option<&Post> {
        self.governance
            .posts()
            .iter()
            .find(|post| post.leads() == Some(body))
    }

    /// The ids of every party, in the agreement's order.
    pub(crate) fn party_ids(&self) -> impl Iterator<Item = &PartyId> {
        self.parties.iter().map(Party::id)
    }
}
