//! [`MeetingsSummary`]: a year of meetings at a glance, for the status report's
//! "Organisering" section.

use crate::Year;
use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use tryghed_parties::{
    BodyKind, MeetingRule, Party, PartyId, RepresentationRequirement, RepresentationRule,
};

use crate::{MeetingContext, MeetingLog, MeetingRecord};

/// Where the year of a log stands on the day of the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum YearState {
    /// The year has not begun: every meeting in the log is planned.
    #[doc(alias = "ikke begyndt")]
    NotBegun,
    /// The day of the check lies in the year: meetings up to that day are held, later ones
    /// planned; "at least N a year" cannot have failed yet.
    #[doc(alias = "i gang")]
    UnderWay,
    /// The year is over: every rule can be judged.
    #[doc(alias = "afsluttet")]
    Complete,
}

impl YearState {
    /// The state of `year` on `as_of`.
    pub fn of(year: Year, as_of: NaiveDate) -> YearState {
        match as_of.year().cmp(&year.get()) {
            std::cmp::Ordering::Less => YearState::NotBegun,
            std::cmp::Ordering::Equal => YearState::UnderWay,
            std::cmp::Ordering::Greater => YearState::Complete,
        }
    }

    /// The Danish words: "ikke begyndt", "i gang", "afsluttet".
    pub fn label_da(self) -> &'static str {
        match self {
            YearState::NotBegun => "ikke begyndt",
            YearState::UnderWay => "i gang",
            YearState::Complete => "afsluttet",
        }
    }
}

/// How a body's meetings compare with its meeting rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Cadence {
    /// The year is over and the body met as often as the rule says.
    #[doc(alias = "overholdt")]
    Met,
    /// The year is over and the body met fewer times than the rule's minimum.
    #[doc(alias = "for få møder")]
    TooFew,
    /// The body met more times than the rule's maximum (this can happen before the year ends).
    #[doc(alias = "for mange møder")]
    TooMany,
    /// The year is under way and the meetings held so far already reach the minimum (the
    /// maximum can still be passed).
    #[doc(alias = "minimum nået")]
    MinimumReached,
    /// The year is under way (or has not begun) and the held and planned meetings together
    /// reach the minimum.
    #[doc(alias = "på vej")]
    OnTrack,
    /// The year is under way (or has not begun) and even with the planned meetings the body
    /// will meet fewer times than the minimum.
    #[doc(alias = "for få planlagt")]
    ShortOfPlan,
    /// The organisation has no meeting rule for the body.
    NoRule,
}

impl Cadence {
    /// The Danish words, e.g. "overholdt", "for få møder".
    pub fn label_da(self) -> &'static str {
        match self {
            Cadence::Met => "overholdt",
            Cadence::TooFew => "for få møder",
            Cadence::TooMany => "for mange møder",
            Cadence::MinimumReached => "minimum nået (året er ikke slut)",
            Cadence::OnTrack => "på vej (året er ikke slut)",
            Cadence::ShortOfPlan => "for få møder planlagt (året er ikke slut)",
            Cadence::NoRule => "ingen regel",
        }
    }
}

/// How often a party was represented at a body's held meetings.
#[doc(alias = "fremmøde")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PartyAttendance {
    party: PartyId,
    name: String,
    meetings: u64,
    required: bool,
}

impl PartyAttendance {
    /// The party.
    pub fn party(&self) -> &PartyId {
        &self.party
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The number of held meetings at which it was represented, by its own people or by a
    /// unit under it (an SSP attendee represents Socialforvaltningen).
    pub fn meetings(&self) -> u64 {
        self.meetings
    }

    /// Whether the body's representation rule asks for the party.
    pub fn is_required(&self) -> bool {
        self.required
    }
}

/// A decision of a held meeting.
#[doc(alias = "beslutning")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Decision {
    date: NaiveDate,
    text: String,
}

impl Decision {
    /// The date of the meeting.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What was decided.
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A follow-up action of a held meeting, with its owner's name.
#[doc(alias = "opfølgningspunkt")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ActionItem {
    meeting: NaiveDate,
    what: String,
    owner: PartyId,
    owner_name: String,
    due: NaiveDate,
}

impl ActionItem {
    /// The date of the meeting that decided it.
    pub fn meeting(&self) -> NaiveDate {
        self.meeting
    }

    /// What is to be done.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// The owning party.
    pub fn owner(&self) -> &PartyId {
        &self.owner
    }

    /// The owning party's name.
    pub fn owner_name(&self) -> &str {
        &self.owner_name
    }

    /// The deadline.
    pub fn due(&self) -> NaiveDate {
        self.due
    }
}

/// One body's year: meetings held and planned against its rule, attendance per party,
/// decisions and actions of the held meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BodySummary {
    body: BodyKind,
    name: String,
    held: u64,
    planned: u64,
    min_per_year: Option<u32>,
    max_per_year: Option<u32>,
    wording: Option<String>,
    cadence: Cadence,
    attendance: Vec<PartyAttendance>,
    decisions: Vec<Decision>,
    actions: Vec<ActionItem>,
}

impl BodySummary {
    /// The body.
    pub fn body(&self) -> BodyKind {
        self.body
    }

    /// Its name in the agreement, e.g. "Styregruppe".
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Meetings held in the year up to the day of the check.
    #[doc(alias = "afholdte møder")]
    pub fn held(&self) -> u64 {
        self.held
    }

    /// Meetings in the log dated after the day of the check.
    #[doc(alias = "planlagte møder")]
    pub fn planned(&self) -> u64 {
        self.planned
    }

    /// The rule's minimum per year, if there is a rule.
    pub fn min_per_year(&self) -> Option<u32> {
        self.min_per_year
    }

    /// The rule's maximum per year, if it has one.
    pub fn max_per_year(&self) -> Option<u32> {
        self.max_per_year
    }

    /// The agreement's words for the meeting rule, if the data has them.
    pub fn wording(&self) -> Option<&str> {
        self.wording.as_deref()
    }

    /// How the meetings compare with the rule.
    pub fn cadence(&self) -> Cadence {
        self.cadence
    }

    /// Per party: every party the body's representation rule asks for (in the agreement's
    /// order), then every other party that attended.
    pub fn attendance(&self) -> &[PartyAttendance] {
        &self.attendance
    }

    /// The decisions of the held meetings, by date.
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The follow-up actions of the held meetings, by meeting date.
    pub fn actions(&self) -> &[ActionItem] {
        &self.actions
    }
}

/// A year of meetings at a glance: per body (styregruppe, arbejdsgruppe) the meetings held
/// and planned against the rule, attendance per party, decisions and actions.
///
/// Made by [`MeetingLog::summary`] (or [`MeetingCheck::summary`](crate::MeetingCheck::summary)
/// for what could be read of a file). The status report's "Organisering" section is built from
/// it.
///
/// # Examples
///
/// ```
/// use chrono::NaiveDate;
/// use tryghed_meetings::{Attendee, Cadence, MeetingContext, MeetingLog, MeetingRecord};
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
///
/// let date = NaiveDate::from_ymd_opt(2026, 3, 10).ok_or("date")?;
/// let meeting = MeetingRecord::new(BodyKind::SteeringGroup, date)
///     .with_attendee(Attendee::new("politi".parse()?));
/// let log = MeetingLog::new(Year::new(2026)?, vec![meeting]);
///
/// let as_of = NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?;
/// let summary = log.summary(&context, as_of);
/// let steering = &summary.bodies()[0];
/// assert_eq!((steering.held(), steering.cadence()), (1, Cadence::Met));
/// assert_eq!(steering.attendance()[0].meetings(), 1);
/// # Ok(())
/// # }
/// ```
///
/// # Reading one back
///
/// With the `serde` feature a summary is read back with every derived fact recomputed and
/// compared ([`MeetingsError::Inconsistent`](crate::MeetingsError::Inconsistent) when one
/// disagrees): the year's state from the year and the day of the check; each body's cadence
/// from its rule, held and planned meetings; attendance at most the meetings held, each party
/// once, the required parties first; decisions and actions dated in the year, up to the day
/// of the check, in date order, on no more days than meetings were held; no text blank.
///
/// ```
/// # #[cfg(feature = "serde")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use chrono::NaiveDate;
/// use tryghed_meetings::{MeetingLog, MeetingsSummary};
/// # use tryghed_meetings::MeetingContext;
/// # use tryghed_parties::{Body, BodyKind, Governance, MeetingRule, Parties, Party, PartyKind, Year};
/// # let parties = Parties::new(vec![Party::new("politi".parse()?, "Københavns Politi", PartyKind::Police)?])?;
/// # let governance = Governance::new(vec![Body::new("styregruppe".parse()?, BodyKind::SteeringGroup, "Styregruppe")?])?
/// #     .with_meeting_rule(MeetingRule::new(BodyKind::SteeringGroup, 2, None)?)?;
/// # let context = MeetingContext::new(Year::new(2026)?..=Year::new(2029)?, parties, governance)?;
/// let log = MeetingLog::new(Year::new(2026)?, Vec::new());
/// let summary = log.summary(&context, NaiveDate::from_ymd_opt(2027, 1, 15).ok_or("date")?);
/// let json = serde_json::to_string(&summary)?;
/// assert_eq!(serde_json::from_str::<MeetingsSummary>(&json)?, summary);
///
/// // No meeting held against "at least 2 a year" is not "met".
/// let wrong = json.replace(r#""cadence":"too_few""#, r#""cadence":"met""#);
/// let error = serde_json::from_str::<MeetingsSummary>(&wrong).unwrap_err();
/// assert!(error.to_string().contains("bodies[0].cadence"));
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "serde"))]
/// # fn main() {}
/// ```
#[doc(alias = "organisering")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawMeetingsSummary"))]
pub struct MeetingsSummary {
    year: Year,
    as_of: NaiveDate,
    state: YearState,
    bodies: Vec<BodySummary>,
}

impl MeetingsSummary {
    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The day of the check: meetings up to it are held, later ones planned.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Where the year stands on that day.
    pub fn state(&self) -> YearState {
        self.state
    }

    /// One summary per body with a meeting rule or meetings in the log, in the organisation's
    /// order of bodies.
    pub fn bodies(&self) -> &[BodySummary] {
        &self.bodies
    }

    /// The summary of `body`, if it is there.
    pub fn body(&self, body: BodyKind) -> Option<&BodySummary> {
        self.bodies.iter().find(|b| b.body == body)
    }
}

impl MeetingLog {
    /// Sums the log up against the agreement's organisation, with meetings up to `as_of` held
    /// and later ones planned. Meetings dated outside the log's year are left out (the check
    /// reports them).
    pub fn summary(&self, context: &MeetingContext, as_of: NaiveDate) -> MeetingsSummary {
        summarise(self.year(), self.meetings().iter(), context, as_of)
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The parties represented at `meeting`: every attendee's party and the parties above it.
pub(crate) fn represented<'c>(
    context: &'c MeetingContext,
    meeting: &MeetingRecord,
) -> BTreeSet<&'c PartyId> {
    let mut out = BTreeSet::new();
    for attendee in meeting.attendees() {
        if let Some(party) = context.parties().get(attendee.party()) {
            out.insert(party.id());
            out.extend(context.parties().ancestors(party.id()).map(Party::id));
        }
    }
    out
}

/// How `held` and `planned` meetings compare with `rule` in a year in `state`.
fn cadence(rule: &MeetingRule, state: YearState, held: u64, planned: u64) -> Cadence {
    cadence_within(
        rule.min_per_year(),
        rule.max_per_year(),
        state,
        held,
        planned,
    )
}

/// How `held` and `planned` meetings compare with "at least `min`, at most `max` a year".
fn cadence_within(
    min: u32,
    max: Option<u32>,
    state: YearState,
    held: u64,
    planned: u64,
) -> Cadence {
    let (min, max) = (u64::from(min), max.map(u64::from));
    if max.is_some_and(|max| held > max) {
        Cadence::TooMany
    } else if state == YearState::Complete {
        if held < min {
            Cadence::TooFew
        } else {
            Cadence::Met
        }
    } else if held >= min {
        Cadence::MinimumReached
    } else if held.saturating_add(planned) < min {
        Cadence::ShortOfPlan
    } else {
        Cadence::OnTrack
    }
}

/// Per party, the held meetings at which it was represented: the required parties first (in
/// the agreement's order), then the others that came.
fn attendance(
    context: &MeetingContext,
    requirement: Option<&RepresentationRequirement>,
    held: &[&MeetingRecord],
) -> Vec<PartyAttendance> {
    let represented: Vec<BTreeSet<&PartyId>> =
        held.iter().map(|m| represented(context, m)).collect();
    let (mut required, others): (Vec<_>, Vec<_>) = context
        .parties()
        .iter()
        .filter_map(|party| {
            let required = requirement.is_some_and(|r| r.requires(party));
            let meetings = count(
                represented
                    .iter()
                    .filter(|s| s.contains(party.id()))
                    .count(),
            );
            (required || meetings > 0).then(|| PartyAttendance {
                party: party.id().clone(),
                name: party.name().to_owned(),
                meetings,
                required,
            })
        })
        .partition(|a| a.required);
    required.extend(others);
    required
}

pub(crate) fn summarise<'m>(
    year: Year,
    meetings: impl Iterator<Item = &'m MeetingRecord> + Clone,
    context: &MeetingContext,
    as_of: NaiveDate,
) -> MeetingsSummary {
    let state = YearState::of(year, as_of);
    let governance = context.governance();
    let in_year = meetings.filter(move |m| m.date().year() == year.get());
    let mut bodies = Vec::new();
    for body in governance.bodies() {
        let kind = body.kind();
        let rule = governance.meeting_rules().iter().find(|r| r.body() == kind);
        let mut of_body: Vec<&MeetingRecord> =
            in_year.clone().filter(|m| m.body() == kind).collect();
        if rule.is_none() && of_body.is_empty() {
            continue;
        }
        of_body.sort_by_key(|m| m.date());
        let held: Vec<&MeetingRecord> = of_body
            .iter()
            .copied()
            .filter(|m| m.is_held(as_of))
            .collect();
        let (n_held, n_planned) = (count(held.len()), count(of_body.len() - held.len()));
        let cadence = rule.map_or(Cadence::NoRule, |rule| {
            cadence(rule, state, n_held, n_planned)
        });
        let requirement = governance
            .representation_rules()
            .iter()
            .find(|r| r.body() == kind)
            .map(RepresentationRule::requirement);
        let attendance = attendance(context, requirement, &held);
        let decisions = held
            .iter()
            .flat_map(|m| {
                m.decisions().iter().map(|text| Decision {
                    date: m.date(),
                    text: text.clone(),
                })
            })
            .collect();
        let actions = held
            .iter()
            .flat_map(|m| {
                m.actions().iter().map(|a| ActionItem {
                    meeting: m.date(),
                    what: a.what().to_owned(),
                    owner: a.owner().clone(),
                    owner_name: context.party_name(a.owner()),
                    due: a.due(),
                })
            })
            .collect();
        bodies.push(BodySummary {
            body: kind,
            name: body.name().to_owned(),
            held: n_held,
            planned: n_planned,
            min_per_year: rule.map(MeetingRule::min_per_year),
            max_per_year: rule.and_then(MeetingRule::max_per_year),
            wording: rule.and_then(|r| r.wording()).map(str::to_owned),
            cadence,
            attendance,
            decisions,
            actions,
        });
    }
    MeetingsSummary {
        year,
        as_of,
        state,
        bodies,
    }
}

/// The data form of a [`MeetingsSummary`]: every field, the derived ones checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeetingsSummary {
    year: Year,
    as_of: NaiveDate,
    state: YearState,
    bodies: Vec<RawBodySummary>,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBodySummary {
    body: BodyKind,
    name: String,
    held: u64,
    planned: u64,
    min_per_year: Option<u32>,
    max_per_year: Option<u32>,
    wording: Option<String>,
    cadence: Cadence,
    attendance: Vec<RawAttendance>,
    decisions: Vec<RawDecision>,
    actions: Vec<RawAction>,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttendance {
    party: PartyId,
    name: String,
    meetings: u64,
    required: bool,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    date: NaiveDate,
    text: String,
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAction {
    meeting: NaiveDate,
    what: String,
    owner: PartyId,
    owner_name: String,
    due: NaiveDate,
}

#[cfg(feature = "serde")]
fn inconsistent(field: String, reason: String) -> crate::MeetingsError {
    crate::MeetingsError::Inconsistent { field, reason }
}

/// A text of the summary, as the log's texts: not blank, trimmed.
#[cfg(feature = "serde")]
fn summary_text(
    field: impl FnOnce() -> String,
    value: &str,
) -> Result<String, crate::MeetingsError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(inconsistent(field(), "is empty".to_owned()));
    }
    Ok(trimmed.to_owned())
}

/// Checks that `dates` (of held meetings) lie in `year` up to `as_of`, in order, on at most
/// `held` days.
#[cfg(feature = "serde")]
fn held_dates(
    field: &str,
    dates: &[NaiveDate],
    year: Year,
    as_of: NaiveDate,
    held: u64,
) -> Result<(), crate::MeetingsError> {
    for (i, &date) in dates.iter().enumerate() {
        if date.year() != year.get() || date > as_of {
            return Err(inconsistent(
                format!("{field}[{i}]"),
                format!("is dated {date}, but only meetings of {year} held by {as_of} count"),
            ));
        }
    }
    if let Some(i) = dates.windows(2).position(|w| matches!(w, [a, b] if b < a)) {
        return Err(inconsistent(
            format!("{field}[{}]", i + 1),
            "is out of date order".to_owned(),
        ));
    }
    let days = count(dates.iter().collect::<BTreeSet<_>>().len());
    if days > held {
        return Err(inconsistent(
            field.to_owned(),
            format!("come from {days} meeting days, but {held} meeting(s) were held"),
        ));
    }
    Ok(())
}

#[cfg(feature = "serde")]
impl TryFrom<RawMeetingsSummary> for MeetingsSummary {
    type Error = crate::MeetingsError;

    fn try_from(raw: RawMeetingsSummary) -> Result<MeetingsSummary, crate::MeetingsError> {
        let (year, as_of) = (raw.year, raw.as_of);
        let state = YearState::of(year, as_of);
        if raw.state != state {
            return Err(inconsistent(
                "state".to_owned(),
                format!(
                    "is \"{}\", but on {as_of} the year {year} is \"{}\"",
                    raw.state.label_da(),
                    state.label_da()
                ),
            ));
        }
        let mut kinds = BTreeSet::new();
        let mut bodies = Vec::with_capacity(raw.bodies.len());
        for (i, b) in raw.bodies.into_iter().enumerate() {
            if !kinds.insert(b.body) {
                return Err(inconsistent(
                    format!("bodies[{i}].body"),
                    "is summed up twice".to_owned(),
                ));
            }
            bodies.push(body_summary(i, b, year, as_of, state)?);
        }
        Ok(MeetingsSummary {
            year,
            as_of,
            state,
            bodies,
        })
    }
}

/// One body of a summary read back, checked against the year, the day and the state.
#[cfg(feature = "serde")]
#[allow(clippy::too_many_lines, reason = "one check after the other")]
fn body_summary(
    i: usize,
    b: RawBodySummary,
    year: Year,
    as_of: NaiveDate,
    state: YearState,
) -> Result<BodySummary, crate::MeetingsError> {
    let at = |what: &str| format!("bodies[{i}].{what}");
    let name = summary_text(|| at("name"), &b.name)?;
    match (state, b.held, b.planned) {
        (YearState::NotBegun, held, _) if held > 0 => {
            return Err(inconsistent(
                at("held"),
                format!("is {held}, but on {as_of} the year {year} has not begun"),
            ));
        }
        (YearState::Complete, _, planned) if planned > 0 => {
            return Err(inconsistent(
                at("planned"),
                format!("is {planned}, but on {as_of} the year {year} is over"),
            ));
        }
        _ => {}
    }
    let cadence = match (b.min_per_year, b.max_per_year) {
        (Some(min), max) => {
            if let Some(max) = max.filter(|&max| max < min) {
                return Err(inconsistent(
                    at("max_per_year"),
                    format!("is {max}, below the minimum of {min}"),
                ));
            }
            cadence_within(min, max, state, b.held, b.planned)
        }
        (None, Some(_)) => {
            return Err(inconsistent(
                at("max_per_year"),
                "is given without a minimum (a meeting rule has both)".to_owned(),
            ));
        }
        (None, None) => {
            if b.wording.is_some() {
                return Err(inconsistent(
                    at("wording"),
                    "is given without a meeting rule".to_owned(),
                ));
            }
            Cadence::NoRule
        }
    };
    if b.cadence != cadence {
        return Err(inconsistent(
            at("cadence"),
            format!(
                "is \"{}\", but {} held and {} planned give \"{}\"",
                b.cadence.label_da(),
                b.held,
                b.planned,
                cadence.label_da()
            ),
        ));
    }
    let wording = match b.wording {
        Some(w) => Some(summary_text(|| at("wording"), &w)?),
        None => None,
    };
    let mut parties = BTreeSet::new();
    let mut attendance = Vec::with_capacity(b.attendance.len());
    for (j, a) in b.attendance.into_iter().enumerate() {
        let at = |what: &str| format!("bodies[{i}].attendance[{j}].{what}");
        if !parties.insert(a.party.clone()) {
            return Err(inconsistent(
                at("party"),
                format!("{} is listed twice", a.party),
            ));
        }
        if a.meetings > b.held {
            return Err(inconsistent(
                at("meetings"),
                format!("is {}, but {} meeting(s) were held", a.meetings, b.held),
            ));
        }
        if !a.required && a.meetings == 0 {
            return Err(inconsistent(
                at("meetings"),
                "is 0 for a party the rule does not ask for (only those that came are listed)"
                    .to_owned(),
            ));
        }
        if a.required
            && attendance
                .last()
                .is_some_and(|p: &PartyAttendance| !p.required)
        {
            return Err(inconsistent(
                at("required"),
                "comes after a party that is not required (the required parties come first)"
                    .to_owned(),
            ));
        }
        attendance.push(PartyAttendance {
            name: summary_text(|| at("name"), &a.name)?,
            party: a.party,
            meetings: a.meetings,
            required: a.required,
        });
    }
    let dates: Vec<NaiveDate> = b.decisions.iter().map(|d| d.date).collect();
    held_dates(&at("decisions"), &dates, year, as_of, b.held)?;
    let dates: Vec<NaiveDate> = b.actions.iter().map(|a| a.meeting).collect();
    held_dates(&at("actions"), &dates, year, as_of, b.held)?;
    let decisions = b
        .decisions
        .into_iter()
        .enumerate()
        .map(|(j, d)| {
            Ok(Decision {
                date: d.date,
                text: summary_text(|| format!("bodies[{i}].decisions[{j}].text"), &d.text)?,
            })
        })
        .collect::<Result<_, crate::MeetingsError>>()?;
    let actions = b
        .actions
        .into_iter()
        .enumerate()
        .map(|(j, a)| {
            let at = |what: &str| format!("bodies[{i}].actions[{j}].{what}");
            Ok(ActionItem {
                meeting: a.meeting,
                what: summary_text(|| at("what"), &a.what)?,
                owner: a.owner,
                owner_name: summary_text(|| at("owner_name"), &a.owner_name)?,
                due: a.due,
            })
        })
        .collect::<Result<_, crate::MeetingsError>>()?;
    Ok(BodySummary {
        body: b.body,
        name,
        held: b.held,
        planned: b.planned,
        min_per_year: b.min_per_year,
        max_per_year: b.max_per_year,
        wording,
        cadence,
        attendance,
        decisions,
        actions,
    })
}
