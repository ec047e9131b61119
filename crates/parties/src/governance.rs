//! Governance: bodies, memberships, posts, rules as data, and the yearly check.
//!
//! The shapes follow Popolo: an organisation ([`Body`]) has [`Membership`]s with a
//! `role` and an `on_behalf_of`, a [`Post`] is an office such as projektleder, and
//! [`Meeting`]s are events counted per calendar year.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::Year;
use crate::error::PartiesError;
use crate::id::{BodyId, PartyId};
use crate::identifier::check_text;
use crate::party::{Party, PartyKind};
use crate::registry::Parties;

/// The kind of a governance body.
///
/// With the `serde` feature: `"steering_group"`, `"working_group"`, `"secretariat"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BodyKind {
    /// Styregruppe: holds the overall responsibility for the agreement's goals.
    #[doc(alias = "styregruppe")]
    SteeringGroup,
    /// Arbejdsgruppe: plans the focus areas, writes the yearly tryghedsplan and
    /// carries out the activities.
    #[doc(alias = "arbejdsgruppe")]
    WorkingGroup,
    /// Sekretariat: the administrative office that serves the partnership.
    #[doc(alias = "sekretariat")]
    #[doc(alias = "sekretariatsbetjening")]
    Secretariat,
}

impl BodyKind {
    /// Every kind, in declaration order.
    pub const ALL: [Self; 3] = [Self::SteeringGroup, Self::WorkingGroup, Self::Secretariat];

    /// The Danish word: "styregruppe", "arbejdsgruppe", "sekretariat".
    pub fn label_da(self) -> &'static str {
        match self {
            Self::SteeringGroup => "styregruppe",
            Self::WorkingGroup => "arbejdsgruppe",
            Self::Secretariat => "sekretariat",
        }
    }

    /// The machine name, as in serde: "steering_group", "working_group", "secretariat".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SteeringGroup => "steering_group",
            Self::WorkingGroup => "working_group",
            Self::Secretariat => "secretariat",
        }
    }
}

/// The Danish word, e.g. "styregruppe".
impl fmt::Display for BodyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_da())
    }
}

/// Parses the machine name (`steering_group`) or the Danish word (`styregruppe`).
impl FromStr for BodyKind {
    type Err = PartiesError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s || kind.label_da() == s)
            .ok_or_else(|| PartiesError::UnknownName {
                what: "body kind",
                value: s.to_owned(),
            })
    }
}

/// A governance body of the partnership, e.g. its styregruppe.
///
/// With the `serde` feature: `{ id = "styregruppe", kind = "steering_group", name = "Styregruppe" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawBody", into = "RawBody"))]
pub struct Body {
    id: BodyId,
    kind: BodyKind,
    name: String,
}

impl Body {
    /// A body with its id, kind and Danish name.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad name.
    pub fn new(id: BodyId, kind: BodyKind, name: &str) -> Result<Self, PartiesError> {
        check_text("name", name, Some(id.as_str()))?;
        Ok(Self {
            id,
            kind,
            name: name.to_owned(),
        })
    }

    /// The body's id.
    pub fn id(&self) -> &BodyId {
        &self.id
    }

    /// The kind of body.
    pub fn kind(&self) -> BodyKind {
        self.kind
    }

    /// The name, e.g. "Styregruppe".
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A number of full-time equivalents (årsværk), e.g. 0.5 for the projektleder. Exact
/// (a [`Decimal`]), more than 0 and at most [`Fte::MAX`].
///
/// ```
/// use tryghed_parties::Fte;
///
/// let half: Fte = "0,5".parse()?; // Danish decimal comma, or "0.5"
/// assert_eq!(half.to_string(), "0.5");
/// assert!("0".parse::<Fte>().is_err());
/// # Ok::<(), tryghed_parties::PartiesError>(())
/// ```
///
/// With the `serde` feature it is written as a string (`fte = "0.5"`) or a whole number
/// (`fte = 2`). A floating-point number such as `0.5` is rejected, because it may already
/// have been rounded on the way in.
#[doc(alias = "årsværk")]
#[doc(alias = "FTE")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fte(Decimal);

impl Fte {
    /// The largest accepted value, 100 årsværk.
    pub const MAX: Decimal = Decimal::ONE_HUNDRED;

    /// Checks `0 < value <= 100`.
    ///
    /// # Errors
    ///
    /// [`PartiesError::InvalidFte`] if `value` is zero, negative or above [`Fte::MAX`].
    pub fn new(value: Decimal) -> Result<Self, PartiesError> {
        let problem = if value <= Decimal::ZERO {
            "it must be more than 0"
        } else if value > Self::MAX {
            "it must be at most 100"
        } else {
            return Ok(Self(value));
        };
        Err(PartiesError::InvalidFte {
            value: value.to_string(),
            problem,
        })
    }

    /// The number, exactly as given.
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl fmt::Display for Fte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Parses `0.5` or, with a Danish decimal comma, `0,5` (not both marks).
impl FromStr for Fte {
    type Err = PartiesError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = |problem| PartiesError::InvalidFte {
            value: s.to_owned(),
            problem,
        };
        if s.contains('.') && s.contains(',') {
            return Err(invalid(
                "use either '.' or ',' as the decimal mark, not both",
            ));
        }
        let value = Decimal::from_str_exact(&s.replace(',', "."))
            .map_err(|_| invalid("it is not a decimal number"))?;
        Self::new(value)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Fte {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Fte {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Fte;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of årsværk as a string such as \"0.5\", or a whole number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Fte, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Fte, E> {
                Fte::new(Decimal::from(v)).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Fte, E> {
                Fte::new(Decimal::from(v)).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Fte, E> {
                Err(E::custom(PartiesError::InvalidFte {
                    value: v.to_string(),
                    problem: "write it as a string such as \"0.5\"; floating-point numbers may already be rounded",
                }))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// An office (post) of the partnership, such as the projektleder, and the party that
/// holds or appoints it.
///
/// With the `serde` feature: `{ title = "projektleder", held_by = "okf", fte = "0.5",
/// leads = "working_group", wording = "…" }` (`fte`, `leads` and `wording` may be left out).
#[doc(alias = "projektleder")]
#[doc(alias = "stilling")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawPost", into = "RawPost"))]
pub struct Post {
    title: String,
    held_by: PartyId,
    fte: Option<Fte>,
    leads: Option<BodyKind>,
    wording: Option<String>,
}

impl Post {
    /// A post with its title (e.g. "projektleder") and the party that holds or appoints it.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad title.
    pub fn new(title: &str, held_by: PartyId) -> Result<Self, PartiesError> {
        check_text("title", title, Some(held_by.as_str()))?;
        Ok(Self {
            title: title.to_owned(),
            held_by,
            fte: None,
            leads: None,
            wording: None,
        })
    }

    /// Records that the holder of the post is the tovholder (leads the meetings) of `body`,
    /// as the projektleder is of the arbejdsgruppe.
    #[doc(alias = "tovholder")]
    #[must_use]
    pub fn leading(mut self, body: BodyKind) -> Self {
        self.leads = Some(body);
        self
    }

    /// Sets the agreement's own words for the post, quoted when a rule about it is broken.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad text.
    pub fn with_wording(mut self, wording: &str) -> Result<Self, PartiesError> {
        check_text("wording", wording, Some(self.title.as_str()))?;
        self.wording = Some(wording.to_owned());
        Ok(self)
    }

    /// The body whose meetings the holder leads (tovholder), if any.
    #[doc(alias = "tovholder")]
    pub fn leads(&self) -> Option<BodyKind> {
        self.leads
    }

    /// The agreement's own words for the post, if given.
    #[doc(alias = "ordlyd")]
    pub fn wording(&self) -> Option<&str> {
        self.wording.as_deref()
    }

    /// Sets the time set aside for the post, in årsværk.
    #[must_use]
    pub fn with_fte(mut self, fte: Fte) -> Self {
        self.fte = Some(fte);
        self
    }

    /// The title, e.g. "projektleder".
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The party that holds or appoints the post.
    pub fn held_by(&self) -> &PartyId {
        &self.held_by
    }

    /// The time set aside, in årsværk, if known.
    #[doc(alias = "årsværk")]
    pub fn fte(&self) -> Option<Fte> {
        self.fte
    }
}

/// A party's seat in a body: who sits there, in what role, on whose behalf, and when.
///
/// `from` and `to` are inclusive; a missing date means open-ended.
///
/// ```
/// use chrono::NaiveDate;
/// use tryghed_parties::{BodyKind, Membership, PartyId, Year};
///
/// let seat = Membership::new(PartyId::new("ssp")?, BodyKind::WorkingGroup, "medlem")?
///     .on_behalf_of(PartyId::new("sof")?)
///     .with_period(NaiveDate::from_ymd_opt(2026, 3, 1), None)?;
/// assert!(seat.active_in_year(Year::new(2026)?));
/// assert!(!seat.active_in_year(Year::new(2025)?));
/// assert_eq!(seat.represents().as_str(), "sof");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// With the `serde` feature:
/// `{ party = "okf", body = "working_group", role = "tovholder", person = "…",
/// on_behalf_of = "…", from = "2026-01-01", to = "2026-12-31" }`, where only `party`,
/// `body` and `role` are required. Dates are quoted strings.
#[doc(alias = "medlemskab")]
#[doc(alias = "repræsentant")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawMembership", into = "RawMembership")
)]
pub struct Membership {
    party: PartyId,
    body: BodyKind,
    role: String,
    person: Option<String>,
    on_behalf_of: Option<PartyId>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Membership {
    /// A seat for `party` in `body`, with a role such as "medlem", "formand" or
    /// "tovholder"; open-ended, no named person.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad role.
    pub fn new(party: PartyId, body: BodyKind, role: &str) -> Result<Self, PartiesError> {
        check_text("role", role, Some(party.as_str()))?;
        Ok(Self {
            party,
            body,
            role: role.to_owned(),
            person: None,
            on_behalf_of: None,
            from: None,
            to: None,
        })
    }

    /// Names the person holding the seat.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad name.
    pub fn with_person(mut self, person: &str) -> Result<Self, PartiesError> {
        check_text("person", person, Some(self.party.as_str()))?;
        self.person = Some(person.to_owned());
        Ok(self)
    }

    /// Records that the member sits on behalf of another party (e.g. an SSP member for
    /// Socialforvaltningen).
    #[must_use]
    pub fn on_behalf_of(mut self, party: PartyId) -> Self {
        self.on_behalf_of = Some(party);
        self
    }

    /// Sets the first and last day of the membership (inclusive; `None` is open-ended).
    ///
    /// # Errors
    ///
    /// [`PartiesError::MembershipDates`] if `to` is before `from`.
    pub fn with_period(
        mut self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Self, PartiesError> {
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            return Err(PartiesError::MembershipDates {
                party: self.party,
                body: self.body,
                from,
                to,
            });
        }
        self.from = from;
        self.to = to;
        Ok(self)
    }

    /// The member party.
    pub fn party(&self) -> &PartyId {
        &self.party
    }

    /// The body.
    pub fn body(&self) -> BodyKind {
        self.body
    }

    /// The role, e.g. "medlem".
    pub fn role(&self) -> &str {
        &self.role
    }

    /// The person, if named.
    pub fn person(&self) -> Option<&str> {
        self.person.as_deref()
    }

    /// The party the member sits for, if not their own.
    pub fn on_behalf_of_party(&self) -> Option<&PartyId> {
        self.on_behalf_of.as_ref()
    }

    /// The party this seat represents: `on_behalf_of` if given, else the member party.
    pub fn represents(&self) -> &PartyId {
        self.on_behalf_of.as_ref().unwrap_or(&self.party)
    }

    /// The first day, if any.
    pub fn from(&self) -> Option<NaiveDate> {
        self.from
    }

    /// The last day, if any.
    pub fn to(&self) -> Option<NaiveDate> {
        self.to
    }

    /// Whether the membership is active on `date` (both ends inclusive).
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.to.is_none_or(|to| date <= to)
    }

    /// Whether the membership is active on at least one day of the calendar year.
    pub fn active_in_year(&self, year: Year) -> bool {
        self.from.is_none_or(|from| from.year() <= year.get())
            && self.to.is_none_or(|to| to.year() >= year.get())
    }
}

/// A meeting of a body on a date (a Popolo event).
///
/// With the `serde` feature: `{ body = "working_group", date = "2026-02-03" }`.
#[doc(alias = "møde")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Meeting {
    body: BodyKind,
    date: NaiveDate,
}

impl Meeting {
    /// A meeting of `body` on `date`.
    pub fn new(body: BodyKind, date: NaiveDate) -> Self {
        Self { body, date }
    }

    /// The body that met.
    pub fn body(&self) -> BodyKind {
        self.body
    }

    /// The date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }
}

/// How often a body must meet per calendar year: at least `min_per_year`, and at most
/// `max_per_year` when given (the styregruppe at least once, the arbejdsgruppe 8 to 10
/// times).
///
/// With the `serde` feature: `{ body = "working_group", min_per_year = 8, max_per_year = 10,
/// wording = "Arbejdsgruppen mødes 8-10 gange årligt." }` (`max_per_year` and `wording` may be
/// left out).
#[doc(alias = "mødekadence")]
#[doc(alias = "mødefrekvens")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawMeetingRule", into = "RawMeetingRule")
)]
pub struct MeetingRule {
    body: BodyKind,
    min_per_year: u32,
    max_per_year: Option<u32>,
    wording: Option<String>,
}

impl MeetingRule {
    /// A rule that `body` meets at least `min_per_year` and at most `max_per_year` times.
    ///
    /// # Errors
    ///
    /// [`PartiesError::InvalidMeetingRule`] if the maximum is below the minimum.
    pub fn new(
        body: BodyKind,
        min_per_year: u32,
        max_per_year: Option<u32>,
    ) -> Result<Self, PartiesError> {
        if let Some(max) = max_per_year
            && max < min_per_year
        {
            return Err(PartiesError::InvalidMeetingRule {
                body,
                min: min_per_year,
                max,
            });
        }
        Ok(Self {
            body,
            min_per_year,
            max_per_year,
            wording: None,
        })
    }

    /// Sets the agreement's own words for the rule (e.g. "Styregruppen mødes efter behov, dog
    /// mindst én gang årligt."), quoted when the rule is broken.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad text.
    pub fn with_wording(mut self, wording: &str) -> Result<Self, PartiesError> {
        check_text("wording", wording, Some(self.body.label_da()))?;
        self.wording = Some(wording.to_owned());
        Ok(self)
    }

    /// The agreement's own words for the rule, if given.
    #[doc(alias = "ordlyd")]
    pub fn wording(&self) -> Option<&str> {
        self.wording.as_deref()
    }

    /// The body.
    pub fn body(&self) -> BodyKind {
        self.body
    }

    /// The fewest meetings allowed in a calendar year.
    pub fn min_per_year(&self) -> u32 {
        self.min_per_year
    }

    /// The most meetings allowed in a calendar year, if capped.
    pub fn max_per_year(&self) -> Option<u32> {
        self.max_per_year
    }
}

/// Which parties a body must include.
///
/// With the `serde` feature: `"every_party"`, `"all_administrations_and_partners"` or
/// `{ of_kinds = ["administration", "police"] }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RepresentationRequirement {
    /// A representative of every participant (deltager): every party whose kind
    /// [is a participant](PartyKind::is_participant), i.e. not the municipality itself
    /// and not a unit inside another party. The styregruppe's rule.
    EveryParty,
    /// All forvaltninger and partners: every [`Administration`](PartyKind::Administration)
    /// and every other participant (police, housing associations, others). The
    /// arbejdsgruppe's rule. For the kinds this crate knows it selects the same parties
    /// as [`EveryParty`](Self::EveryParty); it is a value of its own because the agreement
    /// words the two rules differently and a future kind may fall on one side only.
    AllAdministrationsAndPartners,
    /// Every party of one of these kinds.
    OfKinds(Vec<PartyKind>),
}

impl RepresentationRequirement {
    /// Whether `party` must be represented under this requirement.
    pub fn requires(&self, party: &Party) -> bool {
        match self {
            Self::EveryParty => party.kind().is_participant(),
            Self::AllAdministrationsAndPartners => {
                party.kind() == PartyKind::Administration || party.kind().is_participant()
            }
            Self::OfKinds(kinds) => kinds.contains(&party.kind()),
        }
    }
}

/// A rule that a body must include a representative of certain parties.
///
/// With the `serde` feature: `{ body = "steering_group", requirement = "every_party",
/// wording = "…" }` (`wording` may be left out).
#[doc(alias = "repræsentation")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawRepresentationRule", into = "RawRepresentationRule")
)]
pub struct RepresentationRule {
    body: BodyKind,
    requirement: RepresentationRequirement,
    wording: Option<String>,
}

impl RepresentationRule {
    /// A rule that `body` includes the parties selected by `requirement`.
    pub fn new(body: BodyKind, requirement: RepresentationRequirement) -> Self {
        Self {
            body,
            requirement,
            wording: None,
        }
    }

    /// Sets the agreement's own words for the rule, quoted when it is not kept.
    ///
    /// # Errors
    ///
    /// [`PartiesError::Empty`] or [`PartiesError::SurroundingWhitespace`] for a bad text.
    pub fn with_wording(mut self, wording: &str) -> Result<Self, PartiesError> {
        check_text("wording", wording, Some(self.body.label_da()))?;
        self.wording = Some(wording.to_owned());
        Ok(self)
    }

    /// The agreement's own words for the rule, if given.
    #[doc(alias = "ordlyd")]
    pub fn wording(&self) -> Option<&str> {
        self.wording.as_deref()
    }

    /// The body.
    pub fn body(&self) -> BodyKind {
        self.body
    }

    /// Which parties must be represented.
    pub fn requirement(&self) -> &RepresentationRequirement {
        &self.requirement
    }
}

/// A partnership's governance (organisering) as data: its bodies, the rules they
/// follow, and its posts.
///
/// Build it with [`Governance::new`] and the `with_…` methods, or read it with serde:
///
/// ```toml
/// bodies = [
///   { id = "styregruppe", kind = "steering_group", name = "Styregruppe" },
///   { id = "arbejdsgruppe", kind = "working_group", name = "Arbejdsgruppe" },
/// ]
/// meeting_rules = [
///   { body = "steering_group", min_per_year = 1 },
///   { body = "working_group", min_per_year = 8, max_per_year = 10 },
/// ]
/// representation_rules = [
///   { body = "steering_group", requirement = "every_party" },
///   { body = "working_group", requirement = "all_administrations_and_partners" },
/// ]
/// posts = [{ title = "projektleder", held_by = "okf", fte = "0.5" }]
/// ```
///
/// Then [`check`](Governance::check) a year's roster and meetings against the rules.
#[doc(alias = "organisering")]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "RawGovernance", into = "RawGovernance")
)]
pub struct Governance {
    bodies: Vec<Body>,
    meeting_rules: Vec<MeetingRule>,
    representation_rules: Vec<RepresentationRule>,
    posts: Vec<Post>,
}

impl Governance {
    /// A governance with these bodies and no rules or posts yet.
    ///
    /// # Errors
    ///
    /// [`PartiesError::DuplicateBody`] if two bodies share an id.
    pub fn new(bodies: Vec<Body>) -> Result<Self, PartiesError> {
        let mut seen = BTreeSet::new();
        for body in &bodies {
            if !seen.insert(body.id()) {
                return Err(PartiesError::DuplicateBody {
                    id: body.id().to_string(),
                });
            }
        }
        Ok(Self {
            bodies,
            ..Self::default()
        })
    }

    /// Adds a meeting rule.
    ///
    /// # Errors
    ///
    /// [`PartiesError::RuleForMissingBody`] if no body has the rule's kind.
    pub fn with_meeting_rule(mut self, rule: MeetingRule) -> Result<Self, PartiesError> {
        self.require_body("meeting", rule.body())?;
        self.meeting_rules.push(rule);
        Ok(self)
    }

    /// Adds a representation rule.
    ///
    /// # Errors
    ///
    /// [`PartiesError::RuleForMissingBody`] if no body has the rule's kind.
    pub fn with_representation_rule(
        mut self,
        rule: RepresentationRule,
    ) -> Result<Self, PartiesError> {
        self.require_body("representation", rule.body())?;
        self.representation_rules.push(rule);
        Ok(self)
    }

    /// Adds a post (whether its party exists is checked by [`check`](Self::check)).
    #[must_use]
    pub fn with_post(mut self, post: Post) -> Self {
        self.posts.push(post);
        self
    }

    fn require_body(&self, rule: &'static str, body: BodyKind) -> Result<(), PartiesError> {
        if self.body(body).is_some() {
            Ok(())
        } else {
            Err(PartiesError::RuleForMissingBody { rule, body })
        }
    }

    /// The bodies, in the order given.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// The first body of this kind.
    pub fn body(&self, kind: BodyKind) -> Option<&Body> {
        self.bodies.iter().find(|body| body.kind() == kind)
    }

    /// The meeting rules.
    pub fn meeting_rules(&self) -> &[MeetingRule] {
        &self.meeting_rules
    }

    /// The representation rules.
    pub fn representation_rules(&self) -> &[RepresentationRule] {
        &self.representation_rules
    }

    /// The posts.
    pub fn posts(&self) -> &[Post] {
        &self.posts
    }

    /// Checks one calendar year against every rule and returns **every** violation
    /// (empty when all rules hold).
    ///
    /// The rules applied:
    ///
    /// * **References.** A party named by a membership active in `year` (as member or
    ///   `on_behalf_of`) or by a post must be in `parties`
    ///   ([`RuleViolation::UnknownParty`]); a membership active in `year` or a meeting in
    ///   `year` must be of a body this governance defines ([`RuleViolation::UnknownBody`]).
    ///   Each unknown name is reported once per place.
    /// * **Representation.** For each representation rule, each party its requirement
    ///   selects (in the order of `parties`) needs a membership in the rule's body that is
    ///   active on at least one day of `year` and represents that party, or a unit or
    ///   office under it: the seat represents [`Membership::represents`] and all its
    ///   ancestors, so an SSP seat counts for Socialforvaltningen.
    ///   ([`RuleViolation::NotRepresented`]).
    /// * **Cadence.** For each meeting rule, the meetings of its body dated in `year` are
    ///   counted (two on the same day count twice; meetings in other years are ignored)
    ///   and compared with the minimum and maximum ([`RuleViolation::TooFewMeetings`],
    ///   [`RuleViolation::TooManyMeetings`]).
    ///
    /// Violations come in that order: references, representation, cadence.
    #[must_use = "the violations found are the result of the check"]
    pub fn check(
        &self,
        parties: &Parties,
        roster: &[Membership],
        meetings: &[Meeting],
        year: Year,
    ) -> Vec<RuleViolation> {
        let mut violations = Vec::new();
        let active: Vec<&Membership> = roster.iter().filter(|m| m.active_in_year(year)).collect();

        let mut unknown_parties = BTreeSet::new();
        let mut unknown_bodies = BTreeSet::new();
        let mut unknown_party = |party: &PartyId, place: &'static str, out: &mut Vec<_>| {
            if !parties.contains(party) && unknown_parties.insert((party.clone(), place)) {
                out.push(RuleViolation::UnknownParty {
                    year,
                    party: party.clone(),
                    place,
                });
            }
        };
        for membership in &active {
            unknown_party(membership.party(), "membership", &mut violations);
            if let Some(other) = membership.on_behalf_of_party() {
                unknown_party(other, "membership on_behalf_of", &mut violations);
            }
        }
        for post in &self.posts {
            unknown_party(post.held_by(), "post", &mut violations);
        }
        let body_places = active.iter().map(|m| (m.body(), "membership")).chain(
            meetings
                .iter()
                .filter(|m| m.date().year() == year.get())
                .map(|m| (m.body(), "meeting")),
        );
        for (body, place) in body_places {
            if self.body(body).is_none() && unknown_bodies.insert((body, place)) {
                violations.push(RuleViolation::UnknownBody { year, body, place });
            }
        }

        for rule in &self.representation_rules {
            let mut represented: BTreeSet<&PartyId> = BTreeSet::new();
            for membership in active.iter().filter(|m| m.body() == rule.body()) {
                let seat = membership.represents();
                represented.insert(seat);
                represented.extend(parties.ancestors(seat).map(Party::id));
            }
            for party in parties {
                if rule.requirement().requires(party) && !represented.contains(party.id()) {
                    violations.push(RuleViolation::NotRepresented {
                        year,
                        body: rule.body(),
                        party: party.id().clone(),
                    });
                }
            }
        }

        for rule in &self.meeting_rules {
            let held = meetings
                .iter()
                .filter(|m| m.body() == rule.body() && m.date().year() == year.get())
                .count();
            let held_u64 = u64::try_from(held).unwrap_or(u64::MAX);
            if held_u64 < u64::from(rule.min_per_year()) {
                violations.push(RuleViolation::TooFewMeetings {
                    year,
                    body: rule.body(),
                    held,
                    min: rule.min_per_year(),
                });
            }
            if let Some(max) = rule.max_per_year()
                && held_u64 > u64::from(max)
            {
                violations.push(RuleViolation::TooManyMeetings {
                    year,
                    body: rule.body(),
                    held,
                    max,
                });
            }
        }
        violations
    }
}

/// One broken governance rule, found by [`Governance::check`].
///
/// Its `Display` is an English sentence with the Danish body names and the numbers.
/// With the `serde` feature it serialises (only) as an object tagged by `violation`,
/// e.g. `{"violation":"too_few_meetings","year":2026,"body":"working_group","held":7,"min":8}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "violation", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum RuleViolation {
    /// A party that must sit in a body had no active representative there during the year.
    NotRepresented {
        /// The calendar year checked.
        year: Year,
        /// The body.
        body: BodyKind,
        /// The party without a seat.
        party: PartyId,
    },
    /// A body met fewer times than its rule requires.
    TooFewMeetings {
        /// The calendar year checked.
        year: Year,
        /// The body.
        body: BodyKind,
        /// Meetings held in the year.
        held: usize,
        /// The minimum.
        min: u32,
    },
    /// A body met more times than its rule allows.
    TooManyMeetings {
        /// The calendar year checked.
        year: Year,
        /// The body.
        body: BodyKind,
        /// Meetings held in the year.
        held: usize,
        /// The maximum.
        max: u32,
    },
    /// A membership or post names a party that is not in the party list.
    UnknownParty {
        /// The calendar year checked.
        year: Year,
        /// The unknown party id.
        party: PartyId,
        /// Where it was named: `"membership"`, `"membership on_behalf_of"` or `"post"`.
        place: &'static str,
    },
    /// A membership or meeting refers to a kind of body the governance does not define.
    UnknownBody {
        /// The calendar year checked.
        year: Year,
        /// The body kind.
        body: BodyKind,
        /// Where it was named: `"membership"` or `"meeting"`.
        place: &'static str,
    },
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRepresented { year, body, party } => write!(
                f,
                "{year}: party {party} has no active representative in the {body}"
            ),
            Self::TooFewMeetings {
                year,
                body,
                held,
                min,
            } => write!(
                f,
                "{year}: the {body} met {held} {}, at least {min} required",
                times(*held)
            ),
            Self::TooManyMeetings {
                year,
                body,
                held,
                max,
            } => write!(
                f,
                "{year}: the {body} met {held} {}, at most {max} allowed",
                times(*held)
            ),
            Self::UnknownParty { year, party, place } => write!(
                f,
                "{year}: party {party} named in a {place} is not in the party list"
            ),
            Self::UnknownBody { year, body, place } => write!(
                f,
                "{year}: a {place} refers to the {body}, but no body of that kind is defined"
            ),
        }
    }
}

fn times(n: usize) -> &'static str {
    if n == 1 { "time" } else { "times" }
}

#[cfg(feature = "serde")]
mod raw {
    //! Serde forms that go through the validating constructors.

    use super::{
        Body, BodyKind, Fte, Governance, MeetingRule, Membership, Post, RepresentationRequirement,
        RepresentationRule,
    };
    use crate::error::PartiesError;
    use crate::id::{BodyId, PartyId};
    use chrono::NaiveDate;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawBody {
        id: BodyId,
        kind: BodyKind,
        name: String,
    }

    impl TryFrom<RawBody> for Body {
        type Error = PartiesError;
        fn try_from(raw: RawBody) -> Result<Self, Self::Error> {
            Body::new(raw.id, raw.kind, &raw.name)
        }
    }

    impl From<Body> for RawBody {
        fn from(body: Body) -> Self {
            Self {
                id: body.id,
                kind: body.kind,
                name: body.name,
            }
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawPost {
        title: String,
        held_by: PartyId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fte: Option<Fte>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        leads: Option<BodyKind>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wording: Option<String>,
    }

    impl TryFrom<RawPost> for Post {
        type Error = PartiesError;
        fn try_from(raw: RawPost) -> Result<Self, Self::Error> {
            let mut post = Post::new(&raw.title, raw.held_by)?;
            if let Some(fte) = raw.fte {
                post = post.with_fte(fte);
            }
            if let Some(body) = raw.leads {
                post = post.leading(body);
            }
            if let Some(wording) = raw.wording {
                post = post.with_wording(&wording)?;
            }
            Ok(post)
        }
    }

    impl From<Post> for RawPost {
        fn from(post: Post) -> Self {
            Self {
                title: post.title,
                held_by: post.held_by,
                fte: post.fte,
                leads: post.leads,
                wording: post.wording,
            }
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawMembership {
        party: PartyId,
        body: BodyKind,
        role: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        person: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_behalf_of: Option<PartyId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<NaiveDate>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        to: Option<NaiveDate>,
    }

    impl TryFrom<RawMembership> for Membership {
        type Error = PartiesError;
        fn try_from(raw: RawMembership) -> Result<Self, Self::Error> {
            let mut membership =
                Membership::new(raw.party, raw.body, &raw.role)?.with_period(raw.from, raw.to)?;
            if let Some(person) = raw.person {
                membership = membership.with_person(&person)?;
            }
            if let Some(other) = raw.on_behalf_of {
                membership = membership.on_behalf_of(other);
            }
            Ok(membership)
        }
    }

    impl From<Membership> for RawMembership {
        fn from(m: Membership) -> Self {
            Self {
                party: m.party,
                body: m.body,
                role: m.role,
                person: m.person,
                on_behalf_of: m.on_behalf_of,
                from: m.from,
                to: m.to,
            }
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawMeetingRule {
        body: BodyKind,
        min_per_year: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_per_year: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wording: Option<String>,
    }

    impl TryFrom<RawMeetingRule> for MeetingRule {
        type Error = PartiesError;
        fn try_from(raw: RawMeetingRule) -> Result<Self, Self::Error> {
            let rule = MeetingRule::new(raw.body, raw.min_per_year, raw.max_per_year)?;
            match raw.wording {
                Some(wording) => rule.with_wording(&wording),
                None => Ok(rule),
            }
        }
    }

    impl From<MeetingRule> for RawMeetingRule {
        fn from(rule: MeetingRule) -> Self {
            Self {
                body: rule.body,
                min_per_year: rule.min_per_year,
                max_per_year: rule.max_per_year,
                wording: rule.wording,
            }
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawRepresentationRule {
        body: BodyKind,
        requirement: RepresentationRequirement,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wording: Option<String>,
    }

    impl TryFrom<RawRepresentationRule> for RepresentationRule {
        type Error = PartiesError;
        fn try_from(raw: RawRepresentationRule) -> Result<Self, Self::Error> {
            let rule = RepresentationRule::new(raw.body, raw.requirement);
            match raw.wording {
                Some(wording) => rule.with_wording(&wording),
                None => Ok(rule),
            }
        }
    }

    impl From<RepresentationRule> for RawRepresentationRule {
        fn from(rule: RepresentationRule) -> Self {
            Self {
                body: rule.body,
                requirement: rule.requirement,
                wording: rule.wording,
            }
        }
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    pub(super) struct RawGovernance {
        bodies: Vec<Body>,
        #[serde(default)]
        meeting_rules: Vec<MeetingRule>,
        #[serde(default)]
        representation_rules: Vec<RepresentationRule>,
        #[serde(default)]
        posts: Vec<Post>,
    }

    impl TryFrom<RawGovernance> for Governance {
        type Error = PartiesError;
        fn try_from(raw: RawGovernance) -> Result<Self, Self::Error> {
            let mut governance = Governance::new(raw.bodies)?;
            for rule in raw.meeting_rules {
                governance = governance.with_meeting_rule(rule)?;
            }
            for rule in raw.representation_rules {
                governance = governance.with_representation_rule(rule)?;
            }
            for post in raw.posts {
                governance = governance.with_post(post);
            }
            Ok(governance)
        }
    }

    impl From<Governance> for RawGovernance {
        fn from(g: Governance) -> Self {
            Self {
                bodies: g.bodies,
                meeting_rules: g.meeting_rules,
                representation_rules: g.representation_rules,
                posts: g.posts,
            }
        }
    }
}

#[cfg(feature = "serde")]
use raw::{RawBody, RawGovernance, RawMeetingRule, RawMembership, RawPost, RawRepresentationRule};

#[cfg(test)]
#[path = "governance_tests.rs"]
mod tests;
