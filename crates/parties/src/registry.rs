//! [`Parties`]: a validated, ordered list of parties.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use crate::error::{PartiesError, RegistryIssue};
use crate::id::PartyId;
use crate::party::Party;

/// The parties of a partnership: an ordered list with unique ids, where every parent
/// resolves and no chain of parents loops.
///
/// The order is the order given (the order of the agreement's list) and is kept by
/// [`iter`](Self::iter) and in serde output.
///
/// ```
/// use tryghed_parties::{Parties, Party, PartyId, PartyKind};
///
/// let kk = PartyId::new("kk")?;
/// let parties = Parties::new(vec![
///     Party::new(kk.clone(), "Københavns Kommune", PartyKind::Municipality)?,
///     Party::new(PartyId::new("sof")?, "Socialforvaltningen", PartyKind::Administration)?
///         .with_parent(kk.clone())?,
///     Party::new(PartyId::new("ssp")?, "SSP", PartyKind::Unit)?
///         .with_parent(PartyId::new("sof")?)?,
/// ])?;
/// assert_eq!(parties.get("sof").map(|p| p.name()), Some("Socialforvaltningen"));
/// assert_eq!(parties.children(&kk).count(), 1);
/// let chain: Vec<_> = parties.ancestors("ssp").map(|p| p.id().as_str()).collect();
/// assert_eq!(chain, ["sof", "kk"]);
/// # Ok::<(), tryghed_parties::PartiesError>(())
/// ```
///
/// With the `serde` feature it is a list of [`Party`] values (in TOML an array of tables,
/// `[[parties]]`), checked as by [`Parties::new`] when read.
#[doc(alias = "parter")]
#[doc(alias = "deltagere")]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "Vec<Party>", into = "Vec<Party>"))]
pub struct Parties {
    parties: Vec<Party>,
    index: BTreeMap<PartyId, usize>,
}

impl Parties {
    /// Checks and stores the parties, in the order given.
    ///
    /// # Errors
    ///
    /// [`PartiesError::InvalidParties`] listing **every** problem found: each repeated id
    /// ([`RegistryIssue::DuplicateId`]), each parent not in the list
    /// ([`RegistryIssue::UnknownParent`]) and each cycle of parents, once
    /// ([`RegistryIssue::ParentCycle`]). Duplicate ids are reported first; after them,
    /// the first party with a given id is the one whose parent is followed.
    pub fn new(parties: Vec<Party>) -> Result<Self, PartiesError> {
        let mut issues = Vec::new();
        let mut index = BTreeMap::new();
        for (position, party) in parties.iter().enumerate() {
            if let Some(&first) = index.get(party.id()) {
                issues.push(RegistryIssue::DuplicateId {
                    id: party.id().clone(),
                    first,
                    again: position,
                });
            } else {
                index.insert(party.id().clone(), position);
            }
        }
        for party in &parties {
            if let Some(parent) = party.parent()
                && !index.contains_key(parent)
            {
                issues.push(RegistryIssue::UnknownParent {
                    party: party.id().clone(),
                    parent: parent.clone(),
                });
            }
        }
        issues.extend(find_cycles(&parties, &index));
        if issues.is_empty() {
            Ok(Self { parties, index })
        } else {
            Err(PartiesError::InvalidParties { issues })
        }
    }

    /// The party with this id (a [`PartyId`] or a `&str`).
    pub fn get<Q>(&self, id: &Q) -> Option<&Party>
    where
        PartyId: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.index
            .get(id)
            .and_then(|&position| self.parties.get(position))
    }

    /// Whether a party with this id is in the list.
    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        PartyId: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.index.contains_key(id)
    }

    /// The parties, in the order given.
    pub fn iter(&self) -> std::slice::Iter<'_, Party> {
        self.parties.iter()
    }

    /// The parties as a slice, in the order given.
    pub fn as_slice(&self) -> &[Party] {
        &self.parties
    }

    /// The number of parties.
    pub fn len(&self) -> usize {
        self.parties.len()
    }

    /// Whether there are no parties.
    pub fn is_empty(&self) -> bool {
        self.parties.is_empty()
    }

    /// The parties whose parent is `id`, in list order.
    pub fn children<'a, Q>(&'a self, id: &'a Q) -> impl Iterator<Item = &'a Party> + 'a
    where
        PartyId: Borrow<Q>,
        Q: Eq + ?Sized,
    {
        self.parties
            .iter()
            .filter(move |party| party.parent().is_some_and(|p| p.borrow() == id))
    }

    /// The parent, grandparent … of `id`, nearest first; empty if `id` is unknown or
    /// has no parent. Finite, because [`Parties::new`] rejects cycles.
    pub fn ancestors<'a, Q>(&'a self, id: &Q) -> impl Iterator<Item = &'a Party> + 'a
    where
        PartyId: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        let mut next = self.get(id).and_then(Party::parent);
        std::iter::from_fn(move || {
            let party = self.get::<PartyId>(next?)?;
            next = party.parent();
            Some(party)
        })
    }

    /// The parties whose kind [is a participant](crate::PartyKind::is_participant)
    /// (forvaltninger, police, housing associations, others), in list order.
    pub fn participants(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.kind().is_participant())
    }

    /// The parties, in the order given.
    pub fn into_vec(self) -> Vec<Party> {
        self.parties
    }
}

/// Finds each cycle of parents once, listed from its smallest id.
fn find_cycles(parties: &[Party], index: &BTreeMap<PartyId, usize>) -> Vec<RegistryIssue> {
    // 0 = not visited, 1 = on the current walk, 2 = done.
    let mut state = vec![0_u8; parties.len()];
    let mut cycles = Vec::new();
    for start in 0..parties.len() {
        let mut walk = Vec::new();
        let mut current = Some(start);
        while let Some(position) = current {
            match state.get(position) {
                Some(0) => {}
                Some(1) => {
                    // The walk came back to itself: the cycle is the walk from `position` on.
                    if let Some(from) = walk.iter().position(|&p| p == position) {
                        let cycle: Vec<PartyId> = walk
                            .get(from..)
                            .unwrap_or(&[])
                            .iter()
                            .filter_map(|&p| parties.get(p).map(|party: &Party| party.id().clone()))
                            .collect();
                        cycles.push(RegistryIssue::ParentCycle {
                            cycle: rotate_to_smallest(cycle),
                        });
                    }
                    break;
                }
                _ => break,
            }
            if let Some(s) = state.get_mut(position) {
                *s = 1;
            }
            walk.push(position);
            current = parties
                .get(position)
                .and_then(Party::parent)
                .and_then(|parent| index.get(parent).copied());
        }
        for position in walk {
            if let Some(s) = state.get_mut(position) {
                *s = 2;
            }
        }
    }
    cycles
}

fn rotate_to_smallest(mut cycle: Vec<PartyId>) -> Vec<PartyId> {
    if let Some(min) = cycle
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.cmp(b.1))
        .map(|(i, _)| i)
    {
        cycle.rotate_left(min);
    }
    cycle
}

impl<'a> IntoIterator for &'a Parties {
    type Item = &'a Party;
    type IntoIter = std::slice::Iter<'a, Party>;
    fn into_iter(self) -> Self::IntoIter {
        self.parties.iter()
    }
}

impl IntoIterator for Parties {
    type Item = Party;
    type IntoIter = std::vec::IntoIter<Party>;
    fn into_iter(self) -> Self::IntoIter {
        self.parties.into_iter()
    }
}

impl TryFrom<Vec<Party>> for Parties {
    type Error = PartiesError;
    fn try_from(parties: Vec<Party>) -> Result<Self, Self::Error> {
        Self::new(parties)
    }
}

impl From<Parties> for Vec<Party> {
    fn from(parties: Parties) -> Self {
        parties.parties
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PartyKind;

    fn id(s: &str) -> PartyId {
        PartyId::new(s).unwrap()
    }

    fn party(s: &str, parent: Option<&str>) -> Party {
        let p = Party::new(id(s), &format!("Synthetic party {s}"), PartyKind::Other).unwrap();
        match parent {
            Some(parent) => p.with_parent(id(parent)).unwrap(),
            None => p,
        }
    }

    fn issues(parties: Vec<Party>) -> Vec<RegistryIssue> {
        match Parties::new(parties) {
            Err(PartiesError::InvalidParties { issues }) => issues,
            other => panic!("expected issues, got {other:?}"),
        }
    }

    #[test]
    fn lookups() {
        let parties = Parties::new(vec![
            party("kk", None),
            party("okf", Some("kk")),
            party("sof", Some("kk")),
            party("ssp", Some("sof")),
        ])
        .unwrap();
        assert_eq!(parties.len(), 4);
        assert!(parties.contains("ssp"));
        assert!(!parties.contains("politi"));
        assert_eq!(parties.get(&id("okf")).unwrap().id(), "okf");
        let kids: Vec<_> = parties.children("kk").map(|p| p.id().as_str()).collect();
        assert_eq!(kids, ["okf", "sof"]);
        assert_eq!(parties.children("ssp").count(), 0);
        assert_eq!(parties.ancestors("kk").count(), 0);
        assert_eq!(parties.ancestors("nobody").count(), 0);
        let order: Vec<_> = parties.iter().map(|p| p.id().as_str()).collect();
        assert_eq!(order, ["kk", "okf", "sof", "ssp"]);
    }

    #[test]
    fn reports_every_problem_at_once() {
        let found = issues(vec![
            party("a", None),
            party("a", None),
            party("b", Some("ghost")),
            party("c", Some("d")),
            party("d", Some("c")),
            party("e", Some("c")),
        ]);
        assert_eq!(
            found,
            vec![
                RegistryIssue::DuplicateId {
                    id: id("a"),
                    first: 0,
                    again: 1
                },
                RegistryIssue::UnknownParent {
                    party: id("b"),
                    parent: id("ghost")
                },
                RegistryIssue::ParentCycle {
                    cycle: vec![id("c"), id("d")]
                },
            ]
        );
        let message = PartiesError::InvalidParties { issues: found }.to_string();
        assert_eq!(
            message,
            "3 problems in the party list: party id a is used at positions 0 and 1 (counting from 0); \
             party b has parent ghost, which is not in the list; parents form a cycle: c -> d -> c"
        );
    }

    #[test]
    fn each_cycle_reported_once_from_smallest_id() {
        let found = issues(vec![
            party("z", Some("x")),
            party("x", Some("y")),
            party("y", Some("z")),
            party("q", Some("r")),
            party("r", Some("q")),
        ]);
        assert_eq!(
            found,
            vec![
                RegistryIssue::ParentCycle {
                    cycle: vec![id("x"), id("y"), id("z")]
                },
                RegistryIssue::ParentCycle {
                    cycle: vec![id("q"), id("r")]
                },
            ]
        );
        assert_eq!(
            PartiesError::InvalidParties {
                issues: found[1..].to_vec()
            }
            .to_string(),
            "1 problem in the party list: parents form a cycle: q -> r -> q"
        );
    }

    #[test]
    fn empty_list_is_fine() {
        assert!(Parties::new(Vec::new()).unwrap().is_empty());
    }
}
