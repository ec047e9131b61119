//! The agreement as a whole, and how it is read from TOML and checked.

use crate::Year;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use tryghed_budget::{AnnualBudget, PeriodBudget};
use tryghed_goals::{
    Baseline, CategorySet, Dimension, Goal, GoalIndicator, IndicatorId, Observation, Observations,
};
use tryghed_meetings::MeetingContext;
use tryghed_parties::{Governance, Parties, Party, PartyId};
use tryghed_plan::{FocusArea, FocusAreaId, PlanContext};

use crate::error::{Location, Problem, field_at};
use crate::{AgreementError, Period, YearSpan};

mod area;

pub use area::{AreaOrigin, MAX_AREA_FILE_BYTES};
use area::{DeclaredArea, RawArea};

/// The embedded Folehaven Tryghedspartnerskab 2026–2029, as TOML.
///
/// This is the text [`Agreement::folehaven`] parses. It is also a complete, commented example
/// of the file format that [`Agreement::from_toml_str`] reads.
pub const FOLEHAVEN_TOML: &str = include_str!("../data/folehaven-2026-2029.toml");

const FOLEHAVEN_ORIGIN: &str = "<embedded folehaven-2026-2029.toml>";

/// The only file format version this crate reads.
pub const FORMAT_VERSION: u32 = 1;

static FOLEHAVEN: LazyLock<Agreement> = LazyLock::new(|| {
    #[allow(
        clippy::expect_used,
        reason = "the embedded file is fixed at build time and a unit test proves it valid"
    )]
    Agreement::parse(FOLEHAVEN_TOML, FOLEHAVEN_ORIGIN, None)
        .expect("the embedded Folehaven agreement is valid")
});

/// A safety partnership agreement (partnerskabsaftale): who takes part, for how long, what
/// the partnership works on and how it is organised.
///
/// Build one with [`Agreement::folehaven`] (the embedded Folehaven Tryghedspartnerskab
/// 2026–2029) or load any partnership in the same format with [`Agreement::from_toml_str`] or
/// [`Agreement::from_path`]. Every value has been checked on the way in: every party
/// reference resolves, no id is used twice, dates are in order.
#[doc(alias = "partnerskabsaftale")]
#[doc(alias = "tryghedspartnerskab")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Agreement {
    id: String,
    title: String,
    short_name: Option<String>,
    purpose: Option<String>,
    district: Option<String>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_area"))]
    area: Option<DeclaredArea>,
    period: Period,
    earlier_periods: Vec<YearSpan>,
    decision: Option<Decision>,
    parties: Parties,
    signatories: Vec<PartyId>,
    participants: Vec<PartyId>,
    secretariat: Option<PartyId>,
    organisation: Governance,
    focus_areas: Vec<FocusArea>,
    budget: PeriodBudget,
    goals: Vec<Goal>,
    #[cfg_attr(feature = "serde", serde(serialize_with = "serialize_observations"))]
    observations: Observations,
    amendments: Vec<Amendment>,
    caveats: Vec<String>,
    /// Built once while checking, so that building it can be reported as a problem.
    #[cfg_attr(feature = "serde", serde(skip))]
    plan_context: PlanContext,
    /// Built once while checking, like `plan_context`.
    #[cfg_attr(feature = "serde", serde(skip))]
    meeting_context: MeetingContext,
}

/// The area with where it came from: `{"origin": …, "estates_file": …, …the area…}`.
#[cfg(feature = "serde")]
#[allow(
    clippy::ref_option,
    reason = "serde's serialize_with passes a reference to the field"
)]
fn serialize_area<S: serde::Serializer>(
    area: &Option<DeclaredArea>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(serde::Serialize)]
    struct Form<'a> {
        origin: &'a AreaOrigin,
        #[serde(skip_serializing_if = "Option::is_none")]
        estates_file: Option<&'a Path>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<&'a str>,
        #[serde(flatten)]
        area: &'a tryghed_geography::PartnershipArea,
    }
    serde::Serialize::serialize(
        &area.as_ref().map(|a| Form {
            origin: &a.origin,
            estates_file: a.estates_file.as_deref(),
            note: a.note.as_deref(),
            area: &a.area,
        }),
        serializer,
    )
}

/// Observations as a list, in their stored order.
#[cfg(feature = "serde")]
fn serialize_observations<S: serde::Serializer>(
    observations: &Observations,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(observations.iter())
}

impl Agreement {
    /// The Folehaven Tryghedspartnerskab 2026–2029, embedded in this crate.
    ///
    /// The data is [`FOLEHAVEN_TOML`], checked by the same code as any other file; a unit test
    /// proves it valid, so this never fails.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, Year};
    ///
    /// let agreement = Agreement::folehaven();
    /// assert_eq!(agreement.participants().count(), 10);
    /// assert!(agreement.period().years().map(Year::get).eq(2026..=2029));
    /// ```
    pub fn folehaven() -> Agreement {
        FOLEHAVEN.clone()
    }

    /// Reads and checks an agreement from TOML text in the format of [`FOLEHAVEN_TOML`].
    ///
    /// # Errors
    ///
    /// [`AgreementError::Syntax`] when the text is not TOML of the expected shape (the first
    /// such problem, with line and column), [`AgreementError::Invalid`] listing every broken
    /// rule with its line, column and field.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
    ///
    /// let broken = FOLEHAVEN_TOML.replace("end = 2029-12-31", "end = 2025-12-31");
    /// let error = Agreement::from_toml_str(&broken).unwrap_err();
    /// assert!(error.to_string().contains("period.end"));
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Agreement, AgreementError> {
        Agreement::parse(text, "<string>", None)
    }

    /// Like [`Agreement::from_toml_str`], naming the text `origin` (e.g. the path it was read
    /// from) in every problem's location: for a caller that reads the file itself (to limit
    /// its size, or to check its encoding first).
    ///
    /// # Errors
    ///
    /// As [`Agreement::from_toml_str`].
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
    ///
    /// let broken = FOLEHAVEN_TOML.replace("end = 2029-12-31", "end = 2025-12-31");
    /// let error = Agreement::from_toml_str_named(&broken, "aftale.toml").unwrap_err();
    /// assert!(error.to_string().contains("aftale.toml"));
    /// ```
    pub fn from_toml_str_named(text: &str, origin: &str) -> Result<Agreement, AgreementError> {
        Agreement::parse(text, origin, None)
    }

    /// Like [`Agreement::from_toml_str_named`] for the text of an agreement file in the
    /// folder `dir`: the files its `[area]` names (`outline`, `estates`) are read from there
    /// (an absolute path as it is). This is what [`Agreement::from_path`] does after reading
    /// the file; a caller that reads the file itself (to limit its size, to check its
    /// encoding) calls this with the file's folder.
    ///
    /// # Errors
    ///
    /// As [`Agreement::from_toml_str`]; a file of `[area]` that is missing, too large
    /// ([`MAX_AREA_FILE_BYTES`]), not UTF-8 or not a valid outline is a problem of
    /// [`AgreementError::Invalid`] at the key that names it, with the file and what is wrong.
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
    ///
    /// let text = FOLEHAVEN_TOML.replace(
    ///     "name = \"Ved Folehaven\"",
    ///     "outline = \"omraade.geojson\"",
    /// );
    /// let dir = std::env::temp_dir().join("tryghed-agreement-doc-missing");
    /// let error = Agreement::from_toml_str_in(&text, "aftale.toml", &dir).unwrap_err();
    /// let problem = &error.problems()[0];
    /// assert_eq!(problem.field(), "area.outline");
    /// assert!(problem.message().contains("omraade.geojson: cannot be read"));
    /// ```
    pub fn from_toml_str_in(
        text: &str,
        origin: &str,
        dir: &Path,
    ) -> Result<Agreement, AgreementError> {
        Agreement::parse(text, origin, Some(dir))
    }

    /// Reads and checks the agreement in the TOML file at `path`.
    ///
    /// Problems name the file, line, column and field.
    ///
    /// # Errors
    ///
    /// [`AgreementError::Io`] when the file cannot be read; otherwise as
    /// [`Agreement::from_toml_str`].
    pub fn from_path(path: impl AsRef<Path>) -> Result<Agreement, AgreementError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| AgreementError::Io {
            path: path.to_owned(),
            source,
        })?;
        let dir = path.parent().unwrap_or_else(|| Path::new(""));
        Agreement::parse(&text, &path.display().to_string(), Some(dir))
    }

    fn parse(text: &str, origin: &str, dir: Option<&Path>) -> Result<Agreement, AgreementError> {
        let raw: RawAgreement = toml::from_str(text).map_err(|error| {
            let offset = error.span().map_or(0, |span| span.start);
            AgreementError::Syntax {
                location: Location::in_text(origin, text, offset),
                field: field_at(text, offset),
                message: error.message().trim_end().to_owned(),
            }
        })?;
        let mut check = Checker {
            origin,
            text,
            dir,
            problems: Vec::new(),
        };
        let agreement = check.agreement(raw);
        match agreement {
            Some(agreement) if check.problems.is_empty() => Ok(agreement),
            _ => Err(AgreementError::Invalid {
                problems: check.problems,
            }),
        }
    }

    /// A stable id for the agreement, e.g. `folehaven-2026-2029`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The agreement's title, e.g. "Folehaven Tryghedspartnerskab 2026–2029".
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The partnership's name without the period, e.g. "Folehaven Tryghedspartnerskab".
    pub fn short_name(&self) -> Option<&str> {
        self.short_name.as_deref()
    }

    /// The purpose in one Danish sentence, where the file gives it.
    pub fn purpose(&self) -> Option<&str> {
        self.purpose.as_deref()
    }

    /// The city district (bydel) the partnership area lies in, e.g. "Valby".
    #[doc(alias = "bydel")]
    pub fn district(&self) -> Option<&str> {
        self.district.as_deref()
    }

    /// The partnership area (partnerskabsområdet) the agreement declares in `[area]`: its
    /// outline in EPSG:25832, its estates (afdelinger) and the credit its outline needs;
    /// `None` for an agreement file without `[area]`.
    ///
    /// This is the area `tryghed count`, `tryghed locate` and the status report's map use
    /// for the partnership: classify points into it with
    /// [`PartnershipArea::locator`](tryghed_geography::PartnershipArea::locator).
    ///
    /// ```
    /// use tryghed_agreement::Agreement;
    /// use tryghed_geography::Wgs84;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let agreement = Agreement::folehaven();
    /// let area = agreement.area().ok_or("no [area]")?;
    /// assert_eq!(area.area().name(), "Ved Folehaven");
    /// assert_eq!(area.estates().len(), 4);
    /// let locator = area.locator::<Wgs84>()?;
    /// let inside = locator.locate(Wgs84::new(12.5005, 55.6505)?);
    /// assert_eq!(inside.map(|place| place.name()), Some("Ved Folehaven"));
    /// # Ok(())
    /// # }
    /// ```
    #[doc(alias = "partnerskabsområde")]
    #[doc(alias = "område")]
    pub fn area(&self) -> Option<&tryghed_geography::PartnershipArea> {
        self.area.as_ref().map(|a| &a.area)
    }

    /// Where the area's outline comes from: a delområde of the city layer, or a file.
    pub fn area_origin(&self) -> Option<&AreaOrigin> {
        self.area.as_ref().map(|a| &a.origin)
    }

    /// The agreement's own note on its area (`[area] note`, Danish): what the outline is and
    /// how sure it is, for the report's map.
    pub fn area_note(&self) -> Option<&str> {
        self.area.as_ref().and_then(|a| a.note.as_deref())
    }

    /// The files the agreement's `[area]` was read from (the outline, the estates), as
    /// found: a program that writes files must not write over them.
    pub fn area_files(&self) -> Vec<&Path> {
        let Some(area) = &self.area else {
            return Vec::new();
        };
        let outline = match &area.origin {
            AreaOrigin::File { path } => Some(path.as_path()),
            AreaOrigin::CityLayer { .. } => None,
        };
        outline
            .into_iter()
            .chain(area.estates_file.as_deref())
            .collect()
    }

    /// The period the agreement is in force, both ends included.
    #[doc(alias = "aftaleperiode")]
    pub fn period(&self) -> &Period {
        &self.period
    }

    /// The partnership's earlier periods, oldest first (for Folehaven 2018–2021 and
    /// 2022–2025).
    pub fn earlier_periods(&self) -> &[YearSpan] {
        &self.earlier_periods
    }

    /// The political decision behind the agreement, where the file gives it.
    #[doc(alias = "beslutning")]
    pub fn decision(&self) -> Option<&Decision> {
        self.decision.as_ref()
    }

    /// Every party the agreement names: participants, their parents (Københavns Kommune) and
    /// units within them (SSP, the secretariat's office).
    #[doc(alias = "parter")]
    pub fn parties(&self) -> &Parties {
        &self.parties
    }

    /// The ids of the parties that sign the agreement.
    pub fn signatory_ids(&self) -> &[PartyId] {
        &self.signatories
    }

    /// The parties that sign the agreement (for Folehaven: Københavns Kommune, Københavns
    /// Politi, Boligforeningen 3B and Boligforeningen SAB).
    pub fn signatories(&self) -> impl Iterator<Item = &Party> {
        self.signatories
            .iter()
            .filter_map(|id| self.parties.get(id))
    }

    /// The ids of the parties that take part ("deltagere"), in the agreement's order.
    pub fn participant_ids(&self) -> &[PartyId] {
        &self.participants
    }

    /// The parties that take part, in the agreement's order (for Folehaven: the seven
    /// forvaltninger, Københavns Politi, Boligforeningen 3B and Boligforeningen SAB).
    #[doc(alias = "deltagere")]
    pub fn participants(&self) -> impl Iterator<Item = &Party> {
        self.participants
            .iter()
            .filter_map(|id| self.parties.get(id))
    }

    /// The party that holds the secretariat (for Folehaven: Kontor for Sikker By og Udsatte
    /// Boligområder in Økonomiforvaltningen), where the file names one.
    #[doc(alias = "sekretariat")]
    pub fn secretariat(&self) -> Option<&Party> {
        self.secretariat
            .as_ref()
            .and_then(|id| self.parties.get(id))
    }

    /// The organisation (organisering): bodies (styregruppe, arbejdsgruppe, sekretariat), their
    /// meeting and representation rules, and posts such as the projektleder.
    ///
    /// Check a year's roster and meetings against it with
    /// [`Governance::check`](tryghed_parties::Governance::check) and [`Agreement::parties`].
    #[doc(alias = "organisering")]
    #[doc(alias = "styregruppe")]
    #[doc(alias = "arbejdsgruppe")]
    pub fn organisation(&self) -> &Governance {
        &self.organisation
    }

    /// The budget for every year of the period, checked line by line: each year's lines sum to
    /// its total exactly, and the years are exactly the period's.
    #[doc(alias = "økonomi")]
    #[doc(alias = "bevilling")]
    pub fn budget(&self) -> &PeriodBudget {
        &self.budget
    }

    /// The budget of one year, if the year is in the period.
    pub fn annual_budget(&self, year: Year) -> Option<&AnnualBudget> {
        self.budget.year(year)
    }

    /// What a yearly tryghedsplan is validated against: the period's years, the parties, the
    /// focus areas, each year's activity funds (aktivitetsmidler) and the goals' indicator
    /// ids. See
    /// [`tryghed_plan::check_plan`].
    ///
    /// # Panics
    ///
    /// Never: an agreement is only built after checking that its period is not empty, that
    /// its budget covers exactly the period's years and that no budget line is negative,
    /// which is everything [`PlanContext::new`] asks.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, Year};
    ///
    /// let context = Agreement::folehaven().plan_context();
    /// assert!(context.years().map(Year::get).eq(2026..=2029));
    /// let funds = context.activity_funds(Year::new(2026)?);
    /// assert_eq!(funds.map(|d| d.to_string()).as_deref(), Some("1.050.000,00 kr."));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[doc(alias = "tryghedsplan")]
    pub fn plan_context(&self) -> PlanContext {
        self.plan_context.clone()
    }

    /// What a meeting log (mødelog) is checked against: the period, the parties and the
    /// organisation, for [`tryghed_meetings::check_meetings`].
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, Year};
    /// use tryghed_parties::BodyKind;
    ///
    /// let agreement = Agreement::folehaven();
    /// let context = agreement.meeting_context();
    /// assert!(context.years().map(Year::get).eq(2026..=2029));
    /// let projektleder = context.leader_of(BodyKind::WorkingGroup).map(|p| p.held_by().as_str());
    /// assert_eq!(projektleder, Some("sikker-by"));
    /// ```
    #[doc(alias = "mødelog")]
    pub fn meeting_context(&self) -> &MeetingContext {
        &self.meeting_context
    }

    /// The goals (målsætninger), in the agreement's order, with every amendment applied: a
    /// baseline that an amendment has set is no longer pending.
    ///
    /// Evaluate them for a report year with [`Agreement::evaluate`], which pairs each goal
    /// with the right year's figures. Every goal's indicators come from one source (checked on
    /// load), so that one year's figures judge it.
    #[doc(alias = "målsætninger")]
    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }

    /// The goal and indicator with this indicator id, if one of the goals has it.
    pub fn indicator(&self, id: &IndicatorId) -> Option<(&Goal, &GoalIndicator)> {
        self.goals.iter().find_map(|goal| {
            goal.indicators()
                .iter()
                .find(|i| i.indicator().id() == id)
                .map(|i| (goal, i))
        })
    }

    /// The figures the agreement itself gives (for Folehaven: Tryghedsundersøgelsen 2025 for
    /// the area, Valby and København), including those added by amendments.
    pub fn observations(&self) -> &Observations {
        &self.observations
    }

    /// The agreement's own figures together with `extra` (a year's observations from a file or
    /// a service), checked against the agreement.
    ///
    /// - Every observation must be of an indicator of one of the goals, or the residents count
    ///   ([`IndicatorId::residents`]); any other is an error, so that a mistyped indicator id
    ///   is never silently ignored.
    /// - A figure the agreement also gives must be the same value. It may add the number of
    ///   respondents that the agreement lacks (then it replaces the agreement's figure, so that
    ///   a confidence interval and a significance test can be computed); any other difference
    ///   is an error, never a silent choice between the two.
    ///
    /// # Errors
    ///
    /// [`AgreementError::ObservationsDoNotFit`] listing every problem.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_agreement::Agreement;
    /// use tryghed_goals::Observations;
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let agreement = Agreement::folehaven();
    /// // A synthetic 2026 figure for the area.
    /// let extra = Observations::from_csv_str(
    ///     "indicator,area,year,value,respondents\ntryg-i-nabolaget,omraade,2026,80%,380\n",
    /// )?;
    /// let all = agreement.merge_observations(&extra)?;
    /// assert_eq!(all.len(), agreement.observations().len() + 1);
    ///
    /// let typo = Observations::from_csv_str(
    ///     "indicator,area,year,value,respondents\ntryg-i-nabolage,omraade,2026,80%,380\n",
    /// )?;
    /// assert!(agreement.merge_observations(&typo).is_err());
    /// # Ok(())
    /// # }
    /// ```
    pub fn merge_observations(&self, extra: &Observations) -> Result<Observations, AgreementError> {
        use tryghed_goals::{ObservationProblem, ObservationProblemKind};
        let known: BTreeSet<&IndicatorId> = self
            .goals
            .iter()
            .flat_map(Goal::indicators)
            .map(|i| i.indicator().id())
            .collect();
        let mut problems = self.observations_outside_years(extra);
        match self
            .observations
            .merged_with(extra, |id| known.contains(id))
        {
            Ok(merged) if problems.is_empty() => Ok(merged),
            Ok(_) => Err(AgreementError::ObservationsDoNotFit { problems }),
            Err(tryghed_goals::GoalsError::ObservationsDoNotFit { problems: more, .. }) => {
                problems.extend(more);
                problems.sort_by_key(|p| (p.line(), p.column()));
                Err(AgreementError::ObservationsDoNotFit { problems })
            }
            Err(other) => {
                problems.push(ObservationProblem::new(
                    None,
                    None,
                    ObservationProblemKind::InvalidObservation {
                        reason: other.to_string(),
                    },
                ));
                Err(AgreementError::ObservationsDoNotFit { problems })
            }
        }
    }

    /// Every observation of `observations` for a year after the agreement's period
    /// ([`Agreement::observation_years`]), as a problem naming its line where known. Such a
    /// year would otherwise become the default report year ("Status 2150"); years before the
    /// period are history (the series charts show them) and pass.
    pub fn observations_outside_years(
        &self,
        observations: &Observations,
    ) -> Vec<tryghed_goals::ObservationProblem> {
        use tryghed_goals::{ObservationColumn, ObservationProblem, ObservationProblemKind};
        let years = self.observation_years();
        observations
            .iter()
            .filter(|o| !years.contains(&o.year()))
            .map(|o| {
                ObservationProblem::new(
                    observations.line_of(o.indicator(), o.area(), o.year()),
                    Some(ObservationColumn::Year),
                    ObservationProblemKind::YearAfterPeriod {
                        year: o.year(),
                        last: *years.end(),
                    },
                )
                .for_observation(
                    o.indicator().as_str(),
                    o.area().as_str(),
                    o.year(),
                )
            })
            .collect()
    }

    /// The years an observation may be for: any [`Year`] up to the period's last year.
    /// Earlier years are history (shown in the series charts, never judged); a year after
    /// the period has no report. Years before [`Year::MIN`] (1900) cannot even be read.
    ///
    /// ```
    /// use tryghed_agreement::{Agreement, Year};
    ///
    /// let years = Agreement::folehaven().observation_years();
    /// assert_eq!(years, Year::MIN..=Year::new(2029)?);
    /// # Ok::<(), tryghed_agreement::YearError>(())
    /// ```
    pub fn observation_years(&self) -> std::ops::RangeInclusive<Year> {
        Year::MIN..=self.period.last_year()
    }

    /// The focus areas (indsatsområder), in the agreement's order.
    #[doc(alias = "indsatsområder")]
    pub fn focus_areas(&self) -> &[FocusArea] {
        &self.focus_areas
    }

    /// The focus area with this id, if the agreement has it.
    pub fn focus_area(&self, id: &FocusAreaId) -> Option<&FocusArea> {
        self.focus_areas.iter().find(|area| area.id() == id)
    }

    /// Caveats the agreement's own text implies, in Danish, that every status report must
    /// carry (for Folehaven: the 2025 survey figures cover the area before the extension, and
    /// other actors and factors also affect the results, section 3). Each is quoted from the
    /// agreement in the data file's comments.
    #[doc(alias = "forbehold")]
    pub fn caveats(&self) -> &[String] {
        &self.caveats
    }

    /// The dated amendments (tillæg), oldest first.
    #[doc(alias = "tillæg")]
    #[doc(alias = "justeringer")]
    pub fn amendments(&self) -> &[Amendment] {
        &self.amendments
    }
}

/// A political decision behind an agreement: which body decided what, and when.
#[doc(alias = "beslutning")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Decision {
    body: String,
    date: NaiveDate,
    summary: String,
}

impl Decision {
    /// The deciding body, e.g. "Økonomiudvalget".
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The day of the decision.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// What was decided, in Danish.
    pub fn summary(&self) -> &str {
        &self.summary
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.body, self.date, self.summary)
    }
}

/// A dated amendment (tillæg) to an agreement, such as the table of 2025 baselines that is
/// added after the first report in 2026.
#[doc(alias = "tillæg")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Amendment {
    date: NaiveDate,
    title: String,
    description: Option<String>,
    baselines: Vec<BaselineChange>,
}

impl Amendment {
    /// The day the amendment was agreed.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// A short title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// What the amendment changes, where the file says.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The baselines the amendment sets (such as the 2025 crime baselines).
    pub fn baselines(&self) -> &[BaselineChange] {
        &self.baselines
    }
}

/// A baseline set by an amendment: which indicator, and its new baseline.
///
/// In TOML: `{ indicator = "indbrud", baseline = { year = 2025, value = 123 } }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[serde(deny_unknown_fields)]
pub struct BaselineChange {
    indicator: IndicatorId,
    baseline: Baseline,
}

impl BaselineChange {
    /// The indicator whose baseline is set.
    pub fn indicator(&self) -> &IndicatorId {
        &self.indicator
    }

    /// The baseline it gets.
    pub fn baseline(&self) -> &Baseline {
        &self.baseline
    }
}

/// Replaces the baseline of `change`'s indicator in `goals`, through the goals crate's own
/// checks (a share baseline must be a share, …).
/// Sets one baseline; the error in English and Danish.
fn set_baseline(goals: &mut [Goal], change: &BaselineChange) -> Result<(), (String, String)> {
    let both = |e: tryghed_goals::GoalsError| (e.to_string(), e.message_da());
    for goal in goals.iter_mut() {
        let Some(position) = goal
            .indicators()
            .iter()
            .position(|i| i.indicator().id() == change.indicator())
        else {
            continue;
        };
        let mut indicators = goal.indicators().to_vec();
        let old = indicators.get(position).ok_or_else(|| {
            (
                "indicator vanished".to_owned(),
                "indikatoren forsvandt".to_owned(),
            )
        })?;
        let updated = GoalIndicator::new(
            old.indicator().clone(),
            Some(change.baseline().clone()),
            old.targets().to_vec(),
        )
        .map_err(both)?;
        if let Some(slot) = indicators.get_mut(position) {
            *slot = updated;
        }
        *goal = Goal::new(goal.id().clone(), goal.title(), indicators).map_err(both)?;
        return Ok(());
    }
    Err((
        format!(
            "unknown indicator {:?}: no goal has it",
            change.indicator().as_str()
        ),
        format!(
            "ukendt indikator \"{}\": intet mål har den",
            change.indicator().as_str()
        ),
    ))
}

/// "ukendt part …" for a party id that is not among `[[parties]]`.
fn unknown_party_da(id: &str) -> String {
    format!("ukendt part \"{id}\": den står ikke blandt [[parties]]")
}

// --- The file format --------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    format_version: Spanned<u32>,
    id: Spanned<String>,
    title: Spanned<String>,
    short_name: Option<String>,
    purpose: Option<String>,
    district: Option<String>,
    area: Option<Spanned<RawArea>>,
    period: RawPeriod,
    #[serde(default)]
    earlier_periods: Vec<Spanned<RawYearSpan>>,
    decision: Option<RawDecision>,
    signatories: Spanned<Vec<Spanned<PartyId>>>,
    participants: Spanned<Vec<Spanned<PartyId>>>,
    secretariat: Option<Spanned<PartyId>>,
    parties: Spanned<Vec<Spanned<Party>>>,
    organisation: Spanned<Governance>,
    focus_areas: Spanned<Vec<Spanned<FocusArea>>>,
    budget: Spanned<PeriodBudget>,
    #[serde(default)]
    goals: Vec<Spanned<Goal>>,
    #[serde(default)]
    observations: Vec<Spanned<Observation>>,
    #[serde(default)]
    caveats: Vec<Spanned<String>>,
    #[serde(default)]
    amendments: Vec<Spanned<RawAmendment>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    start: Spanned<toml::value::Datetime>,
    end: Spanned<toml::value::Datetime>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYearSpan {
    first_year: Year,
    last_year: Year,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    body: Spanned<String>,
    date: Spanned<toml::value::Datetime>,
    summary: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAmendment {
    date: Spanned<toml::value::Datetime>,
    title: Spanned<String>,
    description: Option<String>,
    #[serde(default)]
    baselines: Vec<Spanned<BaselineChange>>,
    #[serde(default)]
    observations: Vec<Spanned<Observation>>,
}

/// Collects every problem in one pass, so that a user sees all of them at once.
struct Checker<'a> {
    origin: &'a str,
    text: &'a str,
    /// The agreement file's folder, where the files of `[area]` are; `None` for text that
    /// was not read from a file.
    dir: Option<&'a Path>,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    /// Notes a problem at `span`, in English (for services) and Danish (for a person).
    fn report(
        &mut self,
        span: Range<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
        message_da: impl Into<String>,
    ) {
        let location = Location::in_text(self.origin, self.text, span.start);
        self.problems
            .push(Problem::new(location, field, message).with_danish(message_da));
    }

    fn date(&mut self, value: &Spanned<toml::value::Datetime>, field: &str) -> Option<NaiveDate> {
        let datetime = value.get_ref();
        let date = match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            ),
            _ => None,
        };
        if date.is_none() {
            self.report(
                value.span(),
                field,
                format!("expected a calendar date such as 2026-01-01, found {datetime}"),
                format!("her skal stå en dato som 2026-01-01, ikke {datetime}"),
            );
        }
        date
    }

    fn non_empty(&mut self, value: Spanned<String>, field: &str) -> String {
        if value.get_ref().trim().is_empty() {
            self.report(value.span(), field, "must not be empty", "må ikke være tom");
        }
        value.into_inner()
    }

    /// A party id that must be among `[[parties]]`.
    fn known_party(
        &mut self,
        id: Spanned<PartyId>,
        field: &str,
        known: &BTreeSet<PartyId>,
    ) -> PartyId {
        let span = id.span();
        let id = id.into_inner();
        if !known.contains(&id) {
            self.report(
                span,
                field,
                format!(
                    "unknown party {:?}: it is not among [[parties]]",
                    id.as_str()
                ),
                unknown_party_da(id.as_str()),
            );
        }
        id
    }

    fn agreement(&mut self, raw: RawAgreement) -> Option<Agreement> {
        if *raw.format_version.get_ref() != FORMAT_VERSION {
            self.report(
                raw.format_version.span(),
                "format_version",
                format!(
                    "this version of tryghed reads format version {FORMAT_VERSION}, found {}",
                    raw.format_version.get_ref()
                ),
                format!(
                    "denne udgave af tryghed læser formatversion {FORMAT_VERSION}, filen har {}",
                    raw.format_version.get_ref()
                ),
            );
        }
        let id = self.non_empty(raw.id, "id");
        let title = self.non_empty(raw.title, "title");
        let period = self.period(&raw.period);
        let earlier_periods = self.earlier_periods(raw.earlier_periods, period.as_ref());
        let decision = raw.decision.and_then(|d| self.decision(d));
        let known: BTreeSet<PartyId> = raw
            .parties
            .get_ref()
            .iter()
            .map(|party| party.get_ref().id().clone())
            .collect();
        let parties = self.parties(raw.parties);
        let area = raw.area.and_then(|a| self.area(a, parties.as_ref()));
        let signatories = self.party_list(raw.signatories, "signatories", &known);
        let participants = self.party_list(raw.participants, "participants", &known);
        let secretariat = raw
            .secretariat
            .map(|id| self.known_party(id, "secretariat", &known));
        let organisation = self.organisation(raw.organisation, &known);
        let focus_areas = self.focus_areas(raw.focus_areas);
        let budget_span = raw.budget.span();
        let budget = self.budget(raw.budget, period.as_ref());
        let mut goals = self.goals(raw.goals);
        let mut observations = Observations::new();
        self.observations(&mut observations, raw.observations, &goals, "observations");
        let amendments = self.amendments(
            raw.amendments,
            period.as_ref(),
            &mut goals,
            &mut observations,
        );
        let caveats = raw
            .caveats
            .into_iter()
            .enumerate()
            .map(|(i, c)| self.non_empty(c, &format!("caveats[{i}]")))
            .collect();
        let period = period?;
        let parties = parties?;
        let plan_context =
            self.plan_context(period, &parties, &focus_areas, &budget, &goals, budget_span)?;
        let meeting_context = match MeetingContext::new(
            period.first_year()..=period.last_year(),
            parties.clone(),
            organisation.clone(),
        ) {
            Ok(context) => context,
            Err(error) => {
                self.report(0..0, "period", error.to_string(), error.message_da());
                return None;
            }
        };
        Some(Agreement {
            id,
            title,
            short_name: raw.short_name,
            purpose: raw.purpose,
            district: raw.district,
            area,
            period,
            earlier_periods,
            decision,
            parties,
            signatories,
            participants,
            secretariat,
            organisation,
            focus_areas,
            budget,
            goals,
            observations,
            amendments,
            caveats,
            plan_context,
            meeting_context,
        })
    }

    /// What a tryghedsplan is checked against: the period, parties, focus areas, each year's
    /// activity funds and the goals' indicators. A problem is reported at the `[budget]`
    /// table (`budget_span`), the data it comes from.
    fn plan_context(
        &mut self,
        period: Period,
        parties: &Parties,
        focus_areas: &[FocusArea],
        budget: &PeriodBudget,
        goals: &[Goal],
        budget_span: Range<usize>,
    ) -> Option<PlanContext> {
        let funds = budget
            .years()
            .iter()
            .map(|year| (year.year(), year.activity_funds().amount()))
            .collect();
        match PlanContext::new(
            period.first_year()..=period.last_year(),
            parties,
            focus_areas.to_vec(),
            funds,
        ) {
            Ok(context) => {
                Some(context.with_indicators(
                    goals.iter().flat_map(|goal| {
                        goal.indicators().iter().map(|i| i.indicator().id().clone())
                    }),
                ))
            }
            Err(error) => {
                self.report(budget_span, "budget", error.to_string(), error.message_da());
                None
            }
        }
    }

    /// Checks goal and indicator ids for duplicates, and that every crime category an
    /// indicator counts is in the embedded category list.
    fn goals(&mut self, raw: Vec<Spanned<Goal>>) -> Vec<Goal> {
        let categories = CategorySet::straffelov_2026().ok();
        let mut goal_ids = BTreeSet::new();
        let mut indicator_ids = BTreeSet::new();
        let mut goals = Vec::with_capacity(raw.len());
        for (i, goal) in raw.into_iter().enumerate() {
            let span = goal.span();
            let goal = goal.into_inner();
            if !goal_ids.insert(goal.id().clone()) {
                self.report(
                    span.clone(),
                    format!("goals[{i}].id"),
                    format!("goal id {:?} is used twice", goal.id().as_str()),
                    format!("mål-id'et \"{}\" bruges to gange", goal.id().as_str()),
                );
            }
            let sources: BTreeSet<&str> = goal
                .indicators()
                .iter()
                .map(|gi| gi.indicator().source().label())
                .collect();
            if sources.len() > 1 {
                self.report(
                    span.clone(),
                    format!("goals[{i}].indicators"),
                    format!(
                        "goal {:?} mixes sources ({}): one goal is judged on one year's figures (the survey of Y, the crime of Y − 1 or the plan of Y), so give each source its own goal",
                        goal.id().as_str(),
                        sources.iter().copied().collect::<Vec<_>>().join(", ")
                    ),
                    format!(
                        "målet \"{}\" blander kilder ({}): et mål vurderes på ét års tal (Tryghedsundersøgelsen for år Y, anmeldelserne for Y − 1 eller tryghedsplanen for Y), så giv hver kilde sit eget mål",
                        goal.id().as_str(),
                        sources.into_iter().collect::<Vec<_>>().join(", ")
                    ),
                );
            }
            for (j, indicator) in goal.indicators().iter().enumerate() {
                let id = indicator.indicator().id();
                if !indicator_ids.insert(id.clone()) {
                    self.report(
                        span.clone(),
                        format!("goals[{i}].indicators[{j}].id"),
                        format!("indicator id {:?} is used twice", id.as_str()),
                        format!("indikator-id'et \"{}\" bruges to gange", id.as_str()),
                    );
                }
                if let (Dimension::CrimeCategory(category), Some(set)) =
                    (indicator.indicator().dimension(), categories.as_ref())
                    && set.by_id(category).is_none()
                {
                    self.report(
                        span.clone(),
                        format!("goals[{i}].indicators[{j}].dimension"),
                        format!(
                            "unknown crime category {:?}: the code list has {}",
                            category.as_str(),
                            set.categories()
                                .iter()
                                .map(|c| c.id().as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        format!(
                            "ukendt kriminalitetskategori \"{}\"; kodelisten har {}",
                            category.as_str(),
                            set.categories()
                                .iter()
                                .map(|c| c.id().as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    );
                }
            }
            goals.push(goal);
        }
        goals
    }

    /// Adds observations, each for an indicator of the goals (or the residents count), once.
    fn observations(
        &mut self,
        into: &mut Observations,
        raw: Vec<Spanned<Observation>>,
        goals: &[Goal],
        field: &str,
    ) {
        for (i, observation) in raw.into_iter().enumerate() {
            let span = observation.span();
            let observation = observation.into_inner();
            let id = observation.indicator();
            let known = *id == IndicatorId::residents()
                || goals
                    .iter()
                    .flat_map(Goal::indicators)
                    .any(|g| g.indicator().id() == id);
            if !known {
                self.report(
                    span,
                    format!("{field}[{i}].indicator"),
                    format!("unknown indicator {:?}: no goal has it", id.as_str()),
                    format!("ukendt indikator \"{}\": intet mål har den", id.as_str()),
                );
                continue;
            }
            if let Err(error) = into.insert(observation) {
                self.report(
                    span,
                    format!("{field}[{i}]"),
                    error.to_string(),
                    error.message_da(),
                );
            }
        }
    }

    /// Checks that every party the organisation names (posts) is known.
    fn organisation(&mut self, raw: Spanned<Governance>, known: &BTreeSet<PartyId>) -> Governance {
        let span = raw.span();
        let governance = raw.into_inner();
        for (i, post) in governance.posts().iter().enumerate() {
            if !known.contains(post.held_by()) {
                self.report(
                    span.clone(),
                    format!("organisation.posts[{i}].held_by"),
                    format!(
                        "unknown party {:?}: it is not among [[parties]]",
                        post.held_by().as_str()
                    ),
                    unknown_party_da(post.held_by().as_str()),
                );
            }
        }
        governance
    }

    /// Checks that the budget covers exactly the years of the period.
    fn budget(&mut self, raw: Spanned<PeriodBudget>, period: Option<&Period>) -> PeriodBudget {
        let span = raw.span();
        let budget = raw.into_inner();
        if let Some(period) = period {
            let (first, last) = (period.first_year(), period.last_year());
            if budget.first_year() != first || budget.last_year() != last {
                self.report(
                    span,
                    "budget",
                    format!(
                        "the budget covers {}–{} but the period covers {first}–{last}",
                        budget.first_year(),
                        budget.last_year()
                    ),
                    format!(
                        "budgettet dækker {}–{}, men perioden dækker {first}–{last}",
                        budget.first_year(),
                        budget.last_year()
                    ),
                );
            }
        }
        budget
    }

    fn period(&mut self, raw: &RawPeriod) -> Option<Period> {
        let start = self.date(&raw.start, "period.start");
        let end = self.date(&raw.end, "period.end");
        let (start, end) = (start?, end?);
        match Period::new(start, end) {
            Ok(period) => Some(period),
            Err(error) => {
                self.report(
                    raw.end.span(),
                    "period.end",
                    error.to_string(),
                    error.message_da(),
                );
                None
            }
        }
    }

    fn earlier_periods(
        &mut self,
        raw: Vec<Spanned<RawYearSpan>>,
        current: Option<&Period>,
    ) -> Vec<YearSpan> {
        let mut spans: Vec<YearSpan> = Vec::with_capacity(raw.len());
        for (i, item) in raw.into_iter().enumerate() {
            let field = format!("earlier_periods[{i}]");
            let span = item.span();
            let RawYearSpan {
                first_year,
                last_year,
            } = item.into_inner();
            match YearSpan::new(first_year, last_year) {
                Err(error) => self.report(span, field, error.to_string(), error.message_da()),
                Ok(years) => {
                    if let Some(previous) = spans.last()
                        && years.first_year() <= previous.last_year()
                    {
                        self.report(
                                span.clone(),
                                field.clone(),
                                format!(
                                    "{years} must come after the earlier period {previous}, oldest first, without overlap"
                                ),
                                format!(
                                    "{years} skal komme efter den tidligere periode {previous}, ældste først og uden overlap"
                                ),
                            );
                    }
                    if let Some(current) = current
                        && years.last_year() >= current.first_year()
                    {
                        self.report(
                            span,
                            field,
                            format!(
                                "{years} does not end before the agreement's period ({current})"
                            ),
                            format!("{years} slutter ikke før aftalens periode ({current})"),
                        );
                    }
                    spans.push(years);
                }
            }
        }
        spans
    }

    fn decision(&mut self, raw: RawDecision) -> Option<Decision> {
        let date = self.date(&raw.date, "decision.date");
        let body = self.non_empty(raw.body, "decision.body");
        let summary = self.non_empty(raw.summary, "decision.summary");
        Some(Decision {
            body,
            date: date?,
            summary,
        })
    }

    fn parties(&mut self, raw: Spanned<Vec<Spanned<Party>>>) -> Option<Parties> {
        let list_span = raw.span();
        let raw = raw.into_inner();
        let mut first_seen: BTreeMap<PartyId, usize> = BTreeMap::new();
        let mut clean = true;
        for (i, party) in raw.iter().enumerate() {
            let id = party.get_ref().id();
            if let Some(first) = first_seen.get(id) {
                clean = false;
                self.report(
                    party.span(),
                    format!("parties[{i}].id"),
                    format!(
                        "party id {:?} is used twice (first by parties[{first}])",
                        id.as_str()
                    ),
                    format!(
                        "part-id'et \"{}\" bruges to gange (først af parties[{first}])",
                        id.as_str()
                    ),
                );
            } else {
                first_seen.insert(id.clone(), i);
            }
        }
        for (i, party) in raw.iter().enumerate() {
            if let Some(parent) = party.get_ref().parent()
                && !first_seen.contains_key(parent)
            {
                clean = false;
                self.report(
                    party.span(),
                    format!("parties[{i}].parent"),
                    format!(
                        "party {:?} names an unknown parent {:?}",
                        party.get_ref().id().as_str(),
                        parent.as_str()
                    ),
                    format!(
                        "parten \"{}\" nævner en ukendt overordnet \"{}\"",
                        party.get_ref().id().as_str(),
                        parent.as_str()
                    ),
                );
            }
        }
        if raw.is_empty() {
            self.report(
                list_span.clone(),
                "parties",
                "an agreement needs at least one party",
                "en aftale skal have mindst én part",
            );
            return None;
        }
        if !clean {
            return None;
        }
        match Parties::new(raw.into_iter().map(Spanned::into_inner).collect()) {
            Ok(parties) => Some(parties),
            Err(error) => {
                self.report(list_span, "parties", error.to_string(), error.message_da());
                None
            }
        }
    }

    fn party_list(
        &mut self,
        raw: Spanned<Vec<Spanned<PartyId>>>,
        field: &str,
        known: &BTreeSet<PartyId>,
    ) -> Vec<PartyId> {
        let list_span = raw.span();
        let raw = raw.into_inner();
        if raw.is_empty() {
            self.report(list_span, field, "the list is empty", "listen er tom");
        }
        let mut seen = BTreeSet::new();
        let mut ids = Vec::with_capacity(raw.len());
        for (i, id) in raw.into_iter().enumerate() {
            let span = id.span();
            let id = id.into_inner();
            if !known.contains(&id) {
                self.report(
                    span.clone(),
                    format!("{field}[{i}]"),
                    format!(
                        "unknown party {:?}: it is not among [[parties]]",
                        id.as_str()
                    ),
                    unknown_party_da(id.as_str()),
                );
            }
            if !seen.insert(id.clone()) {
                self.report(
                    span,
                    format!("{field}[{i}]"),
                    format!("party {:?} is listed twice", id.as_str()),
                    format!("parten \"{}\" står to gange", id.as_str()),
                );
            }
            ids.push(id);
        }
        ids
    }

    fn focus_areas(&mut self, raw: Spanned<Vec<Spanned<FocusArea>>>) -> Vec<FocusArea> {
        let list_span = raw.span();
        let raw = raw.into_inner();
        if raw.is_empty() {
            self.report(
                list_span,
                "focus_areas",
                "an agreement needs at least one focus area",
                "en aftale skal have mindst ét indsatsområde",
            );
        }
        let mut seen = BTreeSet::new();
        let mut areas = Vec::with_capacity(raw.len());
        for (i, area) in raw.into_iter().enumerate() {
            let span = area.span();
            let area = area.into_inner();
            if !seen.insert(area.id().clone()) {
                self.report(
                    span,
                    format!("focus_areas[{i}].id"),
                    format!("focus area id {:?} is used twice", area.id().as_str()),
                    format!(
                        "indsatsområdets id \"{}\" bruges to gange",
                        area.id().as_str()
                    ),
                );
            }
            areas.push(area);
        }
        areas
    }

    fn amendments(
        &mut self,
        raw: Vec<Spanned<RawAmendment>>,
        period: Option<&Period>,
        goals: &mut [Goal],
        observations: &mut Observations,
    ) -> Vec<Amendment> {
        let mut amendments: Vec<Amendment> = Vec::with_capacity(raw.len());
        for (i, item) in raw.into_iter().enumerate() {
            let item = item.into_inner();
            let field = format!("amendments[{i}]");
            let date_span = item.date.span();
            let date = self.date(&item.date, &format!("{field}.date"));
            let title = self.non_empty(item.title, &format!("{field}.title"));
            let Some(date) = date else { continue };
            if let Some(previous) = amendments.last()
                && date < previous.date
            {
                self.report(
                    date_span.clone(),
                    format!("{field}.date"),
                    format!(
                        "amendments must be in date order: {date} comes after {}",
                        previous.date
                    ),
                    format!(
                        "tillæggene skal stå i datoorden: {date} kommer efter {}",
                        previous.date
                    ),
                );
            }
            if let Some(period) = period
                && date > period.end()
            {
                self.report(
                    date_span,
                    format!("{field}.date"),
                    format!(
                        "{date} is after the agreement's period ends ({})",
                        period.end()
                    ),
                    format!(
                        "{date} ligger efter aftaleperiodens slutning ({})",
                        period.end()
                    ),
                );
            } else if let Some(period) = period
                && date < period.start()
            {
                self.report(
                    date_span,
                    format!("{field}.date"),
                    format!(
                        "{date} is before the agreement's period starts ({}): an amendment changes an agreement in force",
                        period.start()
                    ),
                    format!(
                        "{date} ligger før aftaleperiodens start ({}): et tillæg ændrer en aftale, der gælder",
                        period.start()
                    ),
                );
            }
            let mut baselines = Vec::with_capacity(item.baselines.len());
            for (j, change) in item.baselines.into_iter().enumerate() {
                let span = change.span();
                let change = change.into_inner();
                match set_baseline(goals, &change) {
                    Ok(()) => baselines.push(change),
                    Err((message, message_da)) => {
                        self.report(span, format!("{field}.baselines[{j}]"), message, message_da);
                    }
                }
            }
            self.observations(
                observations,
                item.observations,
                goals,
                &format!("{field}.observations"),
            );
            amendments.push(Amendment {
                date,
                title,
                description: item.description,
                baselines,
            });
        }
        amendments
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_agreement_is_valid() {
        let agreement = Agreement::parse(FOLEHAVEN_TOML, FOLEHAVEN_ORIGIN, None).unwrap();
        assert_eq!(agreement.id(), "folehaven-2026-2029");
        assert_eq!(agreement.participants().count(), 10);
        assert_eq!(agreement.signatories().count(), 4);
        assert_eq!(agreement.focus_areas().len(), 3);
        assert!(agreement.period().years().map(Year::get).eq(2026..=2029));
        assert_eq!(agreement.earlier_periods().len(), 2);
        assert_eq!(Agreement::folehaven(), agreement);
    }
}
