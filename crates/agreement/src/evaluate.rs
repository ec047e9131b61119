//! One evaluation of an agreement's goals for a year, used by every caller: which figures
//! judge which goal (the survey of Y, the crime of Y − 1, the plan of Y) is decided here.

use std::collections::BTreeSet;

use tryghed_goals::{
    AreaId, EvalOptions, Goal, GoalEvaluation, IndicatorEvaluation, IndicatorId, Observation,
    Observations, ObservedValue, Share, Source, crime_year_reported_in, evaluate,
};
use tryghed_plan::{Collaboration, Plan};

use crate::{Agreement, AgreementError, Year};

/// The collaboration count of the year's tryghedsplan, for goal 3: how many of its
/// activities involve two or more samarbejdspartnere, counted by the plan crate's one rule
/// ([`tryghed_plan::Collaboration`]).
///
/// Build it from a checked plan with [`PlanCount::from_plan`], or from counts a service has
/// made by the same rule with [`PlanCount::new`]. With the `serde` feature it is read back
/// through [`PlanCount::new`] (`{ "year": 2026, "multi_partner": 4, "total": 5, "source":
/// "…" }`), so more activities with two or more partners than activities is refused.
#[doc(alias = "samarbejdsandel")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawPlanCount"))]
pub struct PlanCount {
    year: Year,
    multi_partner: u64,
    total: u64,
    source: String,
}

/// The data form of a [`PlanCount`], read through [`PlanCount::new`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanCount {
    year: Year,
    multi_partner: u64,
    total: u64,
    source: String,
}

#[cfg(feature = "serde")]
impl TryFrom<RawPlanCount> for PlanCount {
    type Error = AgreementError;

    fn try_from(raw: RawPlanCount) -> Result<PlanCount, AgreementError> {
        PlanCount::new(raw.year, raw.multi_partner, raw.total, raw.source)
    }
}

impl PlanCount {
    /// The plan of `year` with `multi_partner` of `total` activities involving two or more
    /// samarbejdspartnere; `source` names the plan in notes (e.g. its file name).
    ///
    /// # Errors
    ///
    /// [`AgreementError::PlanDoesNotFit`] when `multi_partner > total`.
    pub fn new(
        year: Year,
        multi_partner: u64,
        total: u64,
        source: impl Into<String>,
    ) -> Result<PlanCount, AgreementError> {
        let source = source.into();
        if multi_partner > total {
            return Err(AgreementError::PlanDoesNotFit {
                source_name: source,
                reason: format!(
                    "{multi_partner} activities with two or more partners of only {total}"
                ),
            });
        }
        Ok(PlanCount {
            year,
            multi_partner,
            total,
            source,
        })
    }

    /// The count of `plan` under `agreement`'s parties (units fold into their organisation,
    /// see [`tryghed_plan::Collaboration`]).
    ///
    /// # Errors
    ///
    /// [`AgreementError::PlanDoesNotFit`] as [`PlanCount::new`].
    pub fn from_plan(
        plan: &Plan,
        agreement: &Agreement,
        source: impl Into<String>,
    ) -> Result<PlanCount, AgreementError> {
        let source = source.into();
        let counted: Collaboration = plan.collaboration(&agreement.plan_context());
        PlanCount::new(
            plan.year(),
            counted.multi_partner(),
            counted.total(),
            source,
        )
    }

    /// The plan's year.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The activities with two or more samarbejdspartnere.
    pub fn multi_partner(&self) -> u64 {
        self.multi_partner
    }
    /// All activities of the plan.
    pub fn total(&self) -> u64 {
        self.total
    }
    /// What the plan is called in notes.
    pub fn source(&self) -> &str {
        &self.source
    }
}

/// Every goal of an agreement judged for one report year, with the years of the figures it
/// used and any note a reader must see.
///
/// Made by [`Agreement::evaluate`] (or [`evaluate_goals`] for goals other than the
/// agreement's).
///
/// With the `serde` feature an evaluation (de)serialises with every field, the figures
/// judged (`observations`) as a list of observations. Reading it back recomputes what follows
/// from the survey year and refuses a value that disagrees
/// ([`AgreementError::Inconsistent`]): the crime year must be the year before
/// ([`crime_year_reported_in`]), the plan year the survey year, each goal judged on one of
/// the two, goal and indicator ids used once; each goal's evaluation and the observations go
/// through the goals crate's own checks (a repeated observation is refused).
///
/// ```
/// # #[cfg(feature = "serde")]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tryghed_agreement::{Agreement, Evaluation, Year};
/// use tryghed_goals::Observations;
///
/// let status = Agreement::folehaven().evaluate(Year::new(2026)?, &Observations::new(), None)?;
/// let json = serde_json::to_string(&status)?;
/// let back: Evaluation = serde_json::from_str(&json)?;
/// assert_eq!(back, status);
///
/// let wrong = json.replace(r#""crime_year":2025"#, r#""crime_year":2024"#);
/// let error = serde_json::from_str::<Evaluation>(&wrong).unwrap_err();
/// assert!(error.to_string().contains("crime_year"));
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "serde"))]
/// # fn main() {}
/// ```
#[doc(alias = "evaluering")]
#[doc(alias = "status")]
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawEvaluation"))]
pub struct Evaluation {
    survey_year: Year,
    crime_year: Year,
    plan_year: Year,
    goals: Vec<GoalEvaluation>,
    notes: Vec<String>,
    observations: Observations,
}

/// The data form of an [`Evaluation`]: every field, the derived years checked.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvaluation {
    survey_year: Year,
    crime_year: Year,
    plan_year: Year,
    goals: Vec<GoalEvaluation>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    observations: Observations,
}

#[cfg(feature = "serde")]
impl TryFrom<RawEvaluation> for Evaluation {
    type Error = AgreementError;

    fn try_from(raw: RawEvaluation) -> Result<Evaluation, AgreementError> {
        let wrong = |field: String, reason: String| AgreementError::Inconsistent {
            what: "evaluation",
            field,
            reason,
        };
        let survey_year = raw.survey_year;
        let crime_year = crime_year_reported_in(survey_year)
            .ok_or(AgreementError::NoCrimeYear { survey_year })?;
        if raw.crime_year != crime_year {
            return Err(wrong(
                "crime_year".into(),
                format!(
                    "is {}, but the status of {survey_year} judges the police reports of {crime_year}",
                    raw.crime_year
                ),
            ));
        }
        if raw.plan_year != survey_year {
            return Err(wrong(
                "plan_year".into(),
                format!(
                    "is {}, but the status of {survey_year} judges the plan of {survey_year}",
                    raw.plan_year
                ),
            ));
        }
        let mut goal_ids = BTreeSet::new();
        let mut indicator_ids = BTreeSet::new();
        for (i, goal) in raw.goals.iter().enumerate() {
            if !goal_ids.insert(goal.goal()) {
                return Err(wrong(
                    format!("goals[{i}].goal"),
                    format!("{:?} is evaluated twice", goal.goal().as_str()),
                ));
            }
            if goal.year() != survey_year && goal.year() != crime_year {
                return Err(wrong(
                    format!("goals[{i}].year"),
                    format!(
                        "is {}, but the status of {survey_year} judges the survey of {survey_year} or the police reports of {crime_year}",
                        goal.year()
                    ),
                ));
            }
            for (j, indicator) in goal.indicators().iter().enumerate() {
                if !indicator_ids.insert(indicator.indicator()) {
                    return Err(wrong(
                        format!("goals[{i}].indicators[{j}].indicator"),
                        format!("{:?} is evaluated twice", indicator.indicator().as_str()),
                    ));
                }
                if indicator.year() != goal.year() {
                    return Err(wrong(
                        format!("goals[{i}].indicators[{j}].year"),
                        format!(
                            "is {}, but its goal is judged on {}",
                            indicator.year(),
                            goal.year()
                        ),
                    ));
                }
            }
        }
        if let Some(i) = raw.notes.iter().position(|n| n.trim().is_empty()) {
            return Err(wrong(format!("notes[{i}]"), "is empty".into()));
        }
        Ok(Evaluation {
            survey_year,
            crime_year,
            plan_year: survey_year,
            goals: raw.goals,
            notes: raw.notes,
            observations: raw.observations,
        })
    }
}

impl Evaluation {
    /// The report's year: the year of the Tryghedsundersøgelse judged.
    pub fn survey_year(&self) -> Year {
        self.survey_year
    }
    /// The calendar year of the police reports judged: `survey_year − 1`.
    #[doc(alias = "kriminalitetsår")]
    pub fn crime_year(&self) -> Year {
        self.crime_year
    }
    /// The year of the tryghedsplan judged: the survey year.
    pub fn plan_year(&self) -> Year {
        self.plan_year
    }
    /// Every goal's evaluation, in the agreement's order.
    pub fn goals(&self) -> &[GoalEvaluation] {
        &self.goals
    }
    /// The evaluation of one indicator, by id.
    pub fn indicator(&self, id: &IndicatorId) -> Option<&IndicatorEvaluation> {
        self.goals
            .iter()
            .flat_map(GoalEvaluation::indicators)
            .find(|i| i.indicator() == id)
    }
    /// Notes a reader must see, in Danish (e.g. which of two differing sources of the
    /// collaboration share was used).
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
    /// The figures the goals were judged on: the agreement's own, the given observations and
    /// the plan's collaboration share.
    pub fn observations(&self) -> &Observations {
        &self.observations
    }
}

/// The single source of a goal's indicators, if they share one.
fn source_of(goal: &Goal) -> Option<Source> {
    let first = goal.indicators().first()?.indicator().source();
    goal.indicators()
        .iter()
        .all(|gi| gi.indicator().source() == first)
        .then_some(first)
}

/// The year whose figures judge `goal` in the report of `survey_year`: the calendar year
/// before for police-report goals ([`crime_year_reported_in`]), the survey year for the rest
/// (the Tryghedsundersøgelse and the tryghedsplan of that year). `None` only for a
/// police-report goal in the report of [`Year::MIN`], which has no year before it.
pub fn goal_year(goal: &Goal, survey_year: Year) -> Option<Year> {
    match source_of(goal) {
        Some(Source::PoliceReportRegister) => crime_year_reported_in(survey_year),
        _ => Some(survey_year),
    }
}

/// The report year the observations reach furthest: the latest survey or plan year, or the
/// year after the latest year of police reports or residents (crime of Y goes with the survey
/// of Y + 1). `None` without observations.
pub fn latest_report_year(goals: &[Goal], observations: &Observations) -> Option<Year> {
    let police: BTreeSet<&IndicatorId> = goals
        .iter()
        .flat_map(Goal::indicators)
        .filter(|gi| gi.indicator().source() == Source::PoliceReportRegister)
        .map(|gi| gi.indicator().id())
        .collect();
    observations
        .iter()
        .map(|o| {
            if police.contains(o.indicator()) || o.indicator().is_residents() {
                // The survey of the year after; a count of the last Year has none.
                o.year().next()
            } else {
                Some(o.year())
            }
        })
        .max()
        .flatten()
}

/// Evaluates `goals` for the report of `survey_year` on `observations` (already merged with
/// whatever the agreement states) and, for the collaboration goal, the plan's count.
///
/// This is the one pairing rule: survey goals with the survey of `survey_year`, crime goals
/// with the calendar year before, the collaboration goal with the plan of `survey_year`.
/// Where the plan is given, its count is the collaboration share; an observation of the same
/// indicator with other counts (even an equal share from other counts, such as 12/15 against
/// the plan's 4 of 5) is not used, and a note says so once, naming both and why the plan wins.
///
/// # Errors
///
/// [`AgreementError::PlanDoesNotFit`] when the plan is for another year than `survey_year`;
/// [`AgreementError::NoCrimeYear`] for the report of [`Year::MIN`], which has no year of
/// police reports before it.
pub fn evaluate_goals(
    goals: &[Goal],
    survey_year: Year,
    observations: &Observations,
    plan: Option<&PlanCount>,
    options: &EvalOptions,
) -> Result<Evaluation, AgreementError> {
    let crime_year =
        crime_year_reported_in(survey_year).ok_or(AgreementError::NoCrimeYear { survey_year })?;
    let mut figures = observations.clone();
    let mut notes = Vec::new();
    if let Some(plan) = plan {
        if plan.year != survey_year {
            return Err(AgreementError::PlanDoesNotFit {
                source_name: plan.source.clone(),
                reason: format!(
                    "the plan is for {}, but the status of {survey_year} judges the plan of {survey_year}",
                    plan.year
                ),
            });
        }
        let area = AreaId::partnership();
        for gi in goals
            .iter()
            .filter(|g| source_of(g) == Some(Source::Tryghedsplan))
            .flat_map(Goal::indicators)
        {
            let id = gi.indicator().id();
            let stated = figures.remove(id, &area, survey_year);
            let counted = Share::new(plan.multi_partner, plan.total).ok();
            match (&stated, counted) {
                // The same counts: nothing to tell. The same share from other counts
                // (12/15 against the plan's 4 of 5) is a disagreement on what was counted.
                (Some(o), Some(share))
                    if matches!(o.value(), ObservedValue::Share(s)
                        if s.numerator() == share.numerator()
                            && s.denominator() == share.denominator()) => {}
                (Some(o), Some(share)) => notes.push(format!(
                    "Observationerne angiver {} for {id} i {survey_year}, men tryghedsplanen ({}) giver {} af {} aktiviteter ({}); vurderingen bruger tryghedsplanen, fordi målet gælder \"det samlede antal aktiviteter i tryghedsplanen\", og planens aktiviteter tælles efter samme regel som i kontrollen af tryghedsplanen.",
                    o.value(),
                    plan.source,
                    plan.multi_partner,
                    plan.total,
                    percent(share)
                )),
                (Some(o), None) => notes.push(format!(
                    "Observationerne angiver {} for {id} i {survey_year}, men tryghedsplanen ({}) har ingen aktiviteter; andelen kan ikke opgøres.",
                    o.value(),
                    plan.source
                )),
                (None, _) => {}
            }
            if let Some(share) = counted {
                let observation =
                    Observation::share(id.clone(), area.clone(), survey_year, share, None)
                        .map_err(AgreementError::Goals)?;
                figures.insert(observation).map_err(AgreementError::Goals)?;
            }
        }
    }
    let goals = goals
        .iter()
        .map(|goal| {
            let year = match source_of(goal) {
                Some(Source::PoliceReportRegister) => crime_year,
                _ => survey_year,
            };
            evaluate(goal, &figures, year, options)
        })
        .collect();
    Ok(Evaluation {
        survey_year,
        crime_year,
        plan_year: survey_year,
        goals,
        notes,
        observations: figures,
    })
}

/// `149/200` → `74,5 %`, `4/5` → `80 %` (tenths of a percent, half away from zero).
fn percent(share: Share) -> String {
    let (n, d) = (
        u128::from(share.numerator()),
        u128::from(share.denominator()),
    );
    let tenths = (n * 2000 + d) / (2 * d);
    match tenths % 10 {
        0 => format!("{} %", tenths / 10),
        r => format!("{},{r} %", tenths / 10),
    }
}

impl Agreement {
    /// Judges every goal for the report of `survey_year`, the one call behind `tryghed
    /// goals`, `tryghed report` and any service: the agreement's own figures merged with
    /// `observations` ([`Agreement::merge_observations`]), the survey goals judged on the
    /// Tryghedsundersøgelse of `survey_year`, the crime goals on the police reports of the
    /// calendar year before ([`crime_year_reported_in`]), the collaboration goal on the
    /// tryghedsplan of `survey_year` when `plan` is given (else on an observation of its
    /// share, if any).
    ///
    /// # Errors
    ///
    /// [`AgreementError::ObservationsDoNotFit`] as [`Agreement::merge_observations`];
    /// [`AgreementError::PlanDoesNotFit`] when the plan is for another year.
    ///
    /// # Examples
    ///
    /// ```
    /// use tryghed_agreement::Agreement;
    /// use tryghed_goals::{Observations, Status, Year};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let agreement = Agreement::folehaven();
    /// // Synthetic figures: the 2026 survey and the 2025 crime.
    /// let observations = Observations::from_csv_str(
    ///     "indicator,area,year,value,respondents\n\
    ///      tryg-aften-nat,omraade,2026,71%,380\n\
    ///      tryg-aften-nat,kobenhavn,2026,80%,3600\n\
    ///      indbrud,omraade,2025,14,\n",
    /// )?;
    /// let status = agreement.evaluate(Year::new(2026)?, &observations, None)?;
    /// assert_eq!(status.crime_year(), Year::new(2025)?);
    /// let night = status.indicator(&"tryg-aften-nat".parse()?).ok_or("no indicator")?;
    /// // 70 % → 71 %, and the gap to København 10 → 9 points: on track.
    /// assert_eq!(*night.status(), Status::OnTrack);
    /// let burglary = status.indicator(&"indbrud".parse()?).ok_or("no indicator")?;
    /// assert_eq!(burglary.year(), Year::new(2025)?); // judged on the crime of the year before
    /// # Ok(())
    /// # }
    /// ```
    #[doc(alias = "evaluering")]
    pub fn evaluate(
        &self,
        survey_year: Year,
        observations: &Observations,
        plan: Option<&PlanCount>,
    ) -> Result<Evaluation, AgreementError> {
        self.evaluate_with(survey_year, observations, plan, &EvalOptions::default())
    }

    /// As [`Agreement::evaluate`], with other evaluation options (confidence level,
    /// significance test, whether a rise must be significant).
    ///
    /// # Errors
    ///
    /// As [`Agreement::evaluate`].
    pub fn evaluate_with(
        &self,
        survey_year: Year,
        observations: &Observations,
        plan: Option<&PlanCount>,
        options: &EvalOptions,
    ) -> Result<Evaluation, AgreementError> {
        let merged = self.merge_observations(observations)?;
        evaluate_goals(self.goals(), survey_year, &merged, plan, options)
    }

    /// The default report year of `tryghed goals` and `tryghed report`: the year the given
    /// `observations` reach furthest ([`latest_report_year`]: a crime or residents year
    /// counts as the year after), else the first year of the agreement period.
    ///
    /// ```
    /// use tryghed_agreement::Agreement;
    /// use tryghed_goals::{Observations, Year};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let agreement = Agreement::folehaven();
    /// assert_eq!(agreement.default_report_year(&Observations::new()), Year::new(2026)?);
    /// // Synthetic crime counts of 2026 belong to the report of 2027.
    /// let crime = Observations::from_csv_str("indicator,area,year,value,respondents\nindbrud,omraade,2026,12,\n")?;
    /// assert_eq!(agreement.default_report_year(&crime), Year::new(2027)?);
    /// # Ok(())
    /// # }
    /// ```
    pub fn default_report_year(&self, observations: &Observations) -> Year {
        latest_report_year(self.goals(), observations).unwrap_or_else(|| self.period().first_year())
    }
}
