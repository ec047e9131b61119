//! The values of a meeting log: [`MeetingLog`], [`MeetingRecord`], [`Attendee`], [`Action`].

use crate::Year;
use chrono::NaiveDate;
use tryghed_parties::{BodyKind, PartyId};

use crate::MeetingsError;

/// Checks that a text says something and has no surrounding white space.
fn text(what: &'static str, value: &str) -> Result<String, MeetingsError> {
    if value.trim().is_empty() {
        return Err(MeetingsError::EmptyText { what });
    }
    Ok(value.trim().to_owned())
}

/// Someone who attended a meeting: the party they represented and, if recorded, their name.
///
/// In the file: a party id (`"okf"`) or `{ party = "okf", person = "…" }`.
#[doc(alias = "deltager")]
#[doc(alias = "fremmøde")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Attendee {
    party: PartyId,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    person: Option<String>,
}

impl Attendee {
    /// An attendee for `party`, with no name recorded.
    pub fn new(party: PartyId) -> Self {
        Attendee {
            party,
            person: None,
        }
    }

    /// This attendee with the person's name (trimmed).
    ///
    /// # Errors
    ///
    /// [`MeetingsError::EmptyText`] for a blank name.
    pub fn with_person(mut self, person: &str) -> Result<Self, MeetingsError> {
        self.person = Some(text("person's name", person)?);
        Ok(self)
    }

    /// The party the attendee represented.
    pub fn party(&self) -> &PartyId {
        &self.party
    }

    /// The person's name, if recorded.
    pub fn person(&self) -> Option<&str> {
        self.person.as_deref()
    }
}

/// A follow-up action decided at a meeting: what is to be done, by which party, by when.
///
/// In the file: a `[[meetings.actions]]` table with `what`, `owner` and `due`.
#[doc(alias = "opfølgningspunkt")]
#[doc(alias = "handling")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Action {
    what: String,
    owner: PartyId,
    due: NaiveDate,
}

impl Action {
    /// An action: what (trimmed), the owning party and the deadline.
    ///
    /// # Errors
    ///
    /// [`MeetingsError::EmptyText`] for a blank `what`.
    pub fn new(what: &str, owner: PartyId, due: NaiveDate) -> Result<Self, MeetingsError> {
        Ok(Action {
            what: text("action", what)?,
            owner,
            due,
        })
    }

    /// What is to be done.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The party responsible for it (ansvarlig).
    #[doc(alias = "ansvarlig")]
    pub fn owner(&self) -> &PartyId {
        &self.owner
    }

    /// The deadline (frist).
    #[doc(alias = "frist")]
    pub fn due(&self) -> NaiveDate {
        self.due
    }
}

/// One meeting of the styregruppe or the arbejdsgruppe: when, who attended for which party,
/// who chaired it (the tovholder), what was decided and what is to be done.
///
/// A meeting dated after the day of the check counts as planned (planlagt), not held.
#[doc(alias = "møde")]
#[doc(alias = "mødereferat")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeetingRecord {
    body: BodyKind,
    date: NaiveDate,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub(crate) chair: Option<PartyId>,
    pub(crate) attendees: Vec<Attendee>,
    pub(crate) guests: Vec<String>,
    pub(crate) decisions: Vec<String>,
    pub(crate) actions: Vec<Action>,
}

impl MeetingRecord {
    /// A meeting of `body` on `date`, with no chair, attendees, guests, decisions or actions
    /// yet.
    pub fn new(body: BodyKind, date: NaiveDate) -> Self {
        MeetingRecord {
            body,
            date,
            chair: None,
            attendees: Vec::new(),
            guests: Vec::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
        }
    }

    /// This meeting chaired by (a representative of) `party`.
    #[must_use]
    pub fn chaired_by(mut self, party: PartyId) -> Self {
        self.chair = Some(party);
        self
    }

    /// This meeting with one more attendee.
    #[must_use]
    pub fn with_attendee(mut self, attendee: Attendee) -> Self {
        self.attendees.push(attendee);
        self
    }

    /// This meeting with a guest: someone who is not a party of the agreement (the agreement:
    /// "Hvis parterne ønsker det, kan flere aktører inddrages efter behov").
    ///
    /// # Errors
    ///
    /// [`MeetingsError::EmptyText`] for a blank name.
    pub fn with_guest(mut self, guest: &str) -> Result<Self, MeetingsError> {
        self.guests.push(text("guest's name", guest)?);
        Ok(self)
    }

    /// This meeting with one more decision (beslutning).
    ///
    /// # Errors
    ///
    /// [`MeetingsError::EmptyText`] for a blank decision.
    pub fn with_decision(mut self, decision: &str) -> Result<Self, MeetingsError> {
        self.decisions.push(text("decision", decision)?);
        Ok(self)
    }

    /// This meeting with one more follow-up action.
    #[must_use]
    pub fn with_action(mut self, action: Action) -> Self {
        self.actions.push(action);
        self
    }

    /// The body that met.
    pub fn body(&self) -> BodyKind {
        self.body
    }

    /// The date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The party whose representative chaired the meeting (mødeleder, tovholder), if recorded.
    #[doc(alias = "tovholder")]
    #[doc(alias = "mødeleder")]
    pub fn chair(&self) -> Option<&PartyId> {
        self.chair.as_ref()
    }

    /// The attendees, in file order.
    #[doc(alias = "deltagere")]
    pub fn attendees(&self) -> &[Attendee] {
        &self.attendees
    }

    /// Guests who are not parties of the agreement.
    #[doc(alias = "gæster")]
    pub fn guests(&self) -> &[String] {
        &self.guests
    }

    /// The decisions (beslutninger), in file order.
    #[doc(alias = "beslutninger")]
    pub fn decisions(&self) -> &[String] {
        &self.decisions
    }

    /// The follow-up actions, in file order.
    #[doc(alias = "opfølgningspunkter")]
    pub fn actions(&self) -> &[Action] {
        &self.actions
    }

    /// Whether the meeting had been held on `as_of` (its date is on or before it).
    pub fn is_held(&self, as_of: NaiveDate) -> bool {
        self.date <= as_of
    }
}

/// A year's meeting log (mødelog): the meetings of the partnership's styregruppe and
/// arbejdsgruppe in one calendar year.
///
/// Read one from its file with [`check_meetings`](crate::check_meetings) (which also checks it
/// against the agreement's organisation), or build one with
/// [`MeetingLog::new`].
#[doc(alias = "mødelog")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MeetingLog {
    year: Year,
    meetings: Vec<MeetingRecord>,
}

impl MeetingLog {
    /// A log of `year` with `meetings` (in the order given).
    pub fn new(year: Year, meetings: Vec<MeetingRecord>) -> Self {
        MeetingLog { year, meetings }
    }

    /// The calendar year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The meetings, in file order.
    pub fn meetings(&self) -> &[MeetingRecord] {
        &self.meetings
    }

    /// The meetings of `body`, in file order.
    pub fn meetings_of(&self, body: BodyKind) -> impl Iterator<Item = &MeetingRecord> {
        self.meetings.iter().filter(move |m| m.body == body)
    }
}
