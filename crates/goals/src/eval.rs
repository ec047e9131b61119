//! Evaluation: is each goal met in a year, by which numbers, and how sure can we be?
//!
//! # Statuses
//!
//! Every target of an indicator gets a [`Status`]; the indicator's status is the worst of its
//! targets', the goal's the worst of its targeted indicators', in this order (worst first):
//!
//! 1. [`Status::NotMet`]: a target is definitely missed, whatever else is unknown;
//! 2. [`Status::OffTrack`]: the value lies on the wrong side of the trajectory;
//! 3. [`Status::Pending`]: a baseline or figure is missing, or the year is the baseline year;
//! 4. [`Status::OnTrack`]: on or beyond the trajectory, target year not yet reached;
//! 5. [`Status::Met`].
//!
//! So pending dominates met and on track (nothing unknown is ever reported as met), and a
//! definite miss dominates pending. Monitor-only indicators get [`Status::Monitored`] (or
//! pending when their figure is missing) and do not affect the goal; a goal with only such
//! indicators is monitored.
//!
//! # Significance
//!
//! A rise in a survey share counts as a rise; [`IndicatorEvaluation::change`] says whether it
//! is statistically significant under the chosen [`SignificanceTest`] (or why that cannot be
//! computed: the number of respondents is unknown for the agreement's 2025 figures) and the
//! explanation says so. With [`EvalOptions::require_significant_rise`] a rise that is not
//! significant counts as not met.
//!
//! # Years
//!
//! `year` is the year the figures describe (see [`crate::crime_year_reported_in`]). A year's
//! evaluation reads only the observations of that year, the year before (for rises and
//! comparison) and the baseline year: adding other years never changes it.

use crate::Year;
use std::fmt;
use std::fmt::Write as _;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::fmt as dk;
use crate::observation::rate_per_1000;
use crate::stats::{Interval, Proportion, SignificanceTest, TestOutcome, TwoProportionZTest};
use crate::{
    AreaId, Baseline, Direction, Goal, GoalId, GoalIndicator, GoalsError, IndicatorId,
    Observations, ObservedValue, Share, Target, Unit, wilson_interval,
};

/// The verdict for a target, an indicator or a goal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "status", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Status {
    /// The target is met (opfyldt).
    Met,
    /// The target is not met (ikke opfyldt).
    NotMet,
    /// On or beyond the trajectory towards a later target year (på rette vej).
    OnTrack,
    /// Behind the trajectory towards a later target year (ikke på rette vej).
    OffTrack,
    /// Cannot be judged yet: a baseline or a figure is missing, or the year is the baseline
    /// year (afventer). Never counts as met.
    Pending {
        /// Why, in Danish.
        reason: String,
    },
    /// Monitored only, no target (monitoreres).
    Monitored,
}

impl Status {
    fn rank(&self) -> u8 {
        match self {
            Status::NotMet => 5,
            Status::OffTrack => 4,
            Status::Pending { .. } => 3,
            Status::OnTrack => 2,
            Status::Met => 1,
            Status::Monitored => 0,
        }
    }

    /// The worse of two statuses (see the [module docs](self) for the order).
    #[must_use]
    pub fn worst(self, other: Status) -> Status {
        if other.rank() > self.rank() {
            other
        } else {
            self
        }
    }

    /// Whether this is [`Status::Met`].
    pub fn is_met(&self) -> bool {
        *self == Status::Met
    }

    /// Whether this is [`Status::Pending`].
    pub fn is_pending(&self) -> bool {
        matches!(self, Status::Pending { .. })
    }
}

/// Danish: `opfyldt`, `ikke opfyldt`, `på rette vej`, `ikke på rette vej`, `afventer (…)`,
/// `monitoreres`.
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Met => f.write_str("opfyldt"),
            Status::NotMet => f.write_str("ikke opfyldt"),
            Status::OnTrack => f.write_str("på rette vej"),
            Status::OffTrack => f.write_str("ikke på rette vej"),
            Status::Pending { reason } => write!(f, "afventer ({reason})"),
            Status::Monitored => f.write_str("monitoreres"),
        }
    }
}

/// Whether a change between two years is statistically significant.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Significance {
    /// The test rejects "no change" at its level α.
    Significant {
        /// The test's result.
        outcome: TestOutcome,
    },
    /// The change is within chance at level α.
    NotSignificant {
        /// The test's result.
        outcome: TestOutcome,
    },
    /// No test was possible.
    NotComputable {
        /// Why, in Danish (e.g. the number of respondents is unknown).
        reason: String,
    },
}

/// The change of an indicator from the year before.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Change {
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    from: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    to: Decimal,
    significance: Significance,
}

impl Change {
    /// The previous year's value.
    pub fn from(&self) -> Decimal {
        self.from
    }
    /// This year's value.
    pub fn to(&self) -> Decimal {
        self.to
    }
    /// `to − from`.
    pub fn difference(&self) -> Decimal {
        self.to - self.from
    }
    /// Whether the change is significant, or why that is unknown.
    pub fn significance(&self) -> &Significance {
        &self.significance
    }
}

/// Options for [`evaluate`].
#[derive(Debug, Clone)]
pub struct EvalOptions {
    area: AreaId,
    confidence: f64,
    test: Arc<dyn SignificanceTest>,
    require_significant_rise: bool,
}

impl Default for EvalOptions {
    /// The partnership area (`omraade`), 95 % intervals, the two-sided two-proportion z test
    /// at α = 0.05, and a rise counts even when not significant (the explanation says so).
    fn default() -> Self {
        Self {
            area: AreaId::partnership(),
            confidence: 0.95,
            test: Arc::new(TwoProportionZTest::default()),
            require_significant_rise: false,
        }
    }
}

impl EvalOptions {
    /// Evaluates `area` instead of the partnership area.
    #[must_use]
    pub fn with_area(mut self, area: AreaId) -> Self {
        self.area = area;
        self
    }
    /// The confidence level of the Wilson intervals.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidValue`] unless `0 < confidence < 1`.
    pub fn with_confidence(mut self, confidence: f64) -> Result<Self, GoalsError> {
        if !(confidence > 0.0 && confidence < 1.0) {
            return Err(GoalsError::InvalidValue {
                value: confidence.to_string(),
                reason: "a confidence level lies strictly between 0 and 1".into(),
            });
        }
        self.confidence = confidence;
        Ok(self)
    }
    /// The test for changes in survey shares.
    #[must_use]
    pub fn with_test(mut self, test: impl SignificanceTest + 'static) -> Self {
        self.test = Arc::new(test);
        self
    }
    /// Whether a rise must be statistically significant to count (default `false`).
    #[must_use]
    pub fn require_significant_rise(mut self, require: bool) -> Self {
        self.require_significant_rise = require;
        self
    }
    /// The evaluated area.
    pub fn area(&self) -> &AreaId {
        &self.area
    }
    /// The confidence level.
    pub fn confidence(&self) -> f64 {
        self.confidence
    }
    /// The significance test.
    pub fn test(&self) -> &dyn SignificanceTest {
        self.test.as_ref()
    }
}

/// The value of an area other than the evaluated one, for comparison (Valby, København).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AreaValue {
    area: AreaId,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    value: Decimal,
}

impl AreaValue {
    /// The area.
    pub fn area(&self) -> &AreaId {
        &self.area
    }
    /// Its value in the evaluated year.
    pub fn value(&self) -> Decimal {
        self.value
    }
}

/// The verdict on one target, with its numbers.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TargetEvaluation {
    target: Target,
    status: Status,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    reference: Option<Decimal>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    trajectory: Option<Decimal>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    gap: Option<Decimal>,
    explanation: String,
}

impl TargetEvaluation {
    /// The target judged.
    pub fn target(&self) -> &Target {
        &self.target
    }
    /// The verdict.
    pub fn status(&self) -> &Status {
        &self.status
    }
    /// The reference area's value in the year ([`Target::ApproachReference`]).
    pub fn reference(&self) -> Option<Decimal> {
        self.reference
    }
    /// The trajectory's value for the year ([`Target::ApproachReference`]).
    pub fn trajectory(&self) -> Option<Decimal> {
        self.trajectory
    }
    /// The gap still to close to the reference (positive: behind it), in the indicator's
    /// unit (a fraction for shares).
    pub fn gap(&self) -> Option<Decimal> {
        self.gap
    }
    /// One line in Danish.
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// The verdict on one indicator of a goal, with the numbers behind it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IndicatorEvaluation {
    indicator: IndicatorId,
    name: String,
    unit: Unit,
    year: Year,
    status: Status,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    value: Option<Decimal>,
    share: Option<Share>,
    count: Option<u64>,
    residents: Option<u64>,
    respondents: Option<u64>,
    interval: Option<Interval>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    previous: Option<Decimal>,
    baseline_year: Option<Year>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    baseline: Option<Decimal>,
    change: Option<Change>,
    comparisons: Vec<AreaValue>,
    targets: Vec<TargetEvaluation>,
    explanation: String,
}

impl IndicatorEvaluation {
    /// The indicator.
    pub fn indicator(&self) -> &IndicatorId {
        &self.indicator
    }
    /// The indicator's Danish name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The unit of [`value`](Self::value).
    pub fn unit(&self) -> Unit {
        self.unit
    }
    /// The evaluated year.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The worst of the targets' statuses.
    pub fn status(&self) -> &Status {
        &self.status
    }
    /// The value in the year (a fraction for shares, a rate or a count otherwise).
    pub fn value(&self) -> Option<Decimal> {
        self.value
    }
    /// The exact share observed, for share units.
    pub fn share(&self) -> Option<Share> {
        self.share
    }
    /// The count of reports, for report units.
    pub fn count(&self) -> Option<u64> {
        self.count
    }
    /// The residents the rate was derived from.
    pub fn residents(&self) -> Option<u64> {
        self.residents
    }
    /// The number of survey respondents, when known.
    pub fn respondents(&self) -> Option<u64> {
        self.respondents
    }
    /// The Wilson interval of a survey share (when the number of respondents is known).
    pub fn interval(&self) -> Option<Interval> {
        self.interval
    }
    /// The value the year before.
    pub fn previous(&self) -> Option<Decimal> {
        self.previous
    }
    /// The baseline year, when fixed.
    pub fn baseline_year(&self) -> Option<Year> {
        self.baseline_year
    }
    /// The baseline value, when fixed and known.
    pub fn baseline(&self) -> Option<Decimal> {
        self.baseline
    }
    /// The change from the year before with its significance.
    pub fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
    /// Other areas' values in the same year (Valby, København …), by area id.
    pub fn comparisons(&self) -> &[AreaValue] {
        &self.comparisons
    }
    /// The verdict per target.
    pub fn targets(&self) -> &[TargetEvaluation] {
        &self.targets
    }
    /// One line in Danish, e.g. "Andel trygge i nabolaget 2026: 80 % (…): opfyldt …".
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// The verdict on a goal in a year.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GoalEvaluation {
    goal: GoalId,
    title: String,
    year: Year,
    area: AreaId,
    status: Status,
    indicators: Vec<IndicatorEvaluation>,
    explanation: String,
}

impl GoalEvaluation {
    /// The goal.
    pub fn goal(&self) -> &GoalId {
        &self.goal
    }
    /// The goal's Danish title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The evaluated year.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The evaluated area.
    pub fn area(&self) -> &AreaId {
        &self.area
    }
    /// The goal's status (worst of its targeted indicators, see the [module docs](self)).
    pub fn status(&self) -> &Status {
        &self.status
    }
    /// The indicators' verdicts, in the goal's order.
    pub fn indicators(&self) -> &[IndicatorEvaluation] {
        &self.indicators
    }
    /// One line in Danish.
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// Evaluates `goal` for `year` (the year the figures describe) from `observations`.
///
/// Total and deterministic: every input gives a status, never a panic, and the same input
/// the same output.
#[doc(alias = "evaluering")]
#[doc(alias = "status")]
pub fn evaluate(
    goal: &Goal,
    observations: &Observations,
    year: Year,
    options: &EvalOptions,
) -> GoalEvaluation {
    let indicators: Vec<IndicatorEvaluation> = goal
        .indicators()
        .iter()
        .map(|gi| evaluate_indicator(gi, observations, year, options))
        .collect();
    let mut status: Option<Status> = None;
    let mut monitored = false;
    for (gi, ev) in goal.indicators().iter().zip(&indicators) {
        if gi.is_monitor_only() {
            monitored = true;
            continue;
        }
        status = Some(match status {
            None => ev.status.clone(),
            Some(s) => s.worst(ev.status.clone()),
        });
    }
    let status = status.unwrap_or(if monitored {
        Status::Monitored
    } else {
        Status::Pending {
            reason: "ingen indikatorer".into(),
        }
    });
    let counts = |pred: fn(&Status) -> bool| {
        goal.indicators()
            .iter()
            .zip(&indicators)
            .filter(|(gi, ev)| !gi.is_monitor_only() && pred(&ev.status))
            .count()
    };
    let targeted = goal
        .indicators()
        .iter()
        .filter(|g| !g.is_monitor_only())
        .count();
    let explanation = format!(
        "{} {year}: {status}. Af {targeted} indikatorer med mål er {} opfyldt, {} på rette vej, {} afventer og {} ikke opfyldt eller ikke på rette vej{}.",
        goal.title(),
        counts(|s| *s == Status::Met),
        counts(|s| *s == Status::OnTrack),
        counts(Status::is_pending),
        counts(|s| matches!(s, Status::NotMet | Status::OffTrack)),
        match goal.indicators().len() - targeted {
            0 => String::new(),
            m => format!("; {m} monitoreres"),
        }
    );
    GoalEvaluation {
        goal: goal.id().clone(),
        title: goal.title().to_owned(),
        year,
        area: options.area.clone(),
        status,
        indicators,
        explanation,
    }
}

/// Checks "at least `minimum` of the activities" for counts the plan supplies:
/// met exactly when `minimum.den · multi ≥ minimum.num · total` (for 3/4: `4·multi ≥
/// 3·total`), in integer arithmetic. A plan without activities is pending.
///
/// # Errors
///
/// [`GoalsError::InvalidShare`] when `multi > total`.
///
/// ```
/// use tryghed_goals::{Share, Status, evaluate_share_at_least};
/// let three_quarters = Share::new(3, 4)?;
/// assert_eq!(evaluate_share_at_least(3, 4, three_quarters)?, Status::Met);
/// assert_eq!(evaluate_share_at_least(74, 99, three_quarters)?, Status::NotMet);
/// # Ok::<(), tryghed_goals::GoalsError>(())
/// ```
#[doc(alias = "samarbejde")]
pub fn evaluate_share_at_least(
    multi: u64,
    total: u64,
    minimum: Share,
) -> Result<Status, GoalsError> {
    if total == 0 {
        if multi > 0 {
            return Err(GoalsError::InvalidShare {
                numerator: multi,
                denominator: total,
                reason: "more activities with several partners than activities",
            });
        }
        return Ok(Status::Pending {
            reason: "tryghedsplanen har ingen aktiviteter".into(),
        });
    }
    let share = Share::new(multi, total)?;
    Ok(if share >= minimum {
        Status::Met
    } else {
        Status::NotMet
    })
}

/// A measured value of an indicator for an area and year.
#[derive(Debug, Clone, Copy)]
struct Measured {
    value: Decimal,
    share: Option<Share>,
    count: Option<u64>,
    residents: Option<u64>,
    respondents: Option<u64>,
}

/// `Ok(None)` when there is no observation; `Err(reason)` when it cannot be used.
fn measure(
    gi: &GoalIndicator,
    obs: &Observations,
    area: &AreaId,
    year: Year,
) -> Result<Option<Measured>, String> {
    let ind = gi.indicator();
    let Some(o) = obs.get(ind.id(), area, year) else {
        return Ok(None);
    };
    let unit = ind.unit();
    match (unit, o.value()) {
        (Unit::ShareOfRespondents | Unit::ShareOfPlanActivities, ObservedValue::Share(s)) => {
            Ok(Some(Measured {
                value: s.to_decimal(),
                share: Some(s),
                count: None,
                residents: None,
                respondents: o.respondents(),
            }))
        }
        (Unit::NumberOfReports, ObservedValue::Count(n)) => Ok(Some(Measured {
            value: Decimal::from(n),
            share: None,
            count: Some(n),
            residents: None,
            respondents: None,
        })),
        (Unit::ReportsPer1000Residents, ObservedValue::Count(n)) => {
            let Some(r) = obs.residents(area, year) else {
                return Err(format!(
                    "indbyggertallet for {area} i {year} mangler, så raten kan ikke beregnes"
                ));
            };
            let value = rate_per_1000(n, r)
                .ok_or_else(|| format!("raten for {area} i {year} kan ikke beregnes"))?;
            Ok(Some(Measured {
                value,
                share: None,
                count: Some(n),
                residents: Some(r),
                respondents: None,
            }))
        }
        (_, v) => Err(format!(
            "målingen {v} for {area} i {year} passer ikke til enheden {unit}"
        )),
    }
}

/// Formats a value of the indicator's unit in Danish.
fn show(unit: Unit, v: Decimal) -> String {
    match unit {
        Unit::ShareOfRespondents | Unit::ShareOfPlanActivities => dk::percent(v),
        Unit::NumberOfReports => format!("{} anmeldelser", dk::number(v, 0)),
        Unit::ReportsPer1000Residents => {
            format!("{} anmeldelser per 1.000 indbyggere", dk::number(v, 1))
        }
    }
}

/// Formats a difference of values of the unit in Danish.
fn show_diff(unit: Unit, v: Decimal) -> String {
    if unit.is_share() {
        dk::points(v)
    } else {
        show(unit, v)
    }
}

fn pending(reason: impl Into<String>) -> Status {
    Status::Pending {
        reason: reason.into(),
    }
}

struct Ctx<'a> {
    gi: &'a GoalIndicator,
    obs: &'a Observations,
    year: Year,
    options: &'a EvalOptions,
    current: Result<Option<Measured>, String>,
    previous: Result<Option<Measured>, String>,
    /// Resolved baseline: Ok((year, value)) or Err(reason it is pending).
    baseline: Option<Result<(Year, Decimal), String>>,
    change: Option<Change>,
}

#[allow(clippy::too_many_lines)] // one pass collecting every number behind the verdict
fn evaluate_indicator(
    gi: &GoalIndicator,
    obs: &Observations,
    year: Year,
    options: &EvalOptions,
) -> IndicatorEvaluation {
    let area = &options.area;
    let ind = gi.indicator();
    let unit = ind.unit();
    let current = measure(gi, obs, area, year);
    let previous = match year.previous() {
        Some(py) => measure(gi, obs, area, py),
        None => Ok(None),
    };
    let baseline = gi.baseline().map(|b| match b {
        Baseline::Pending { note } => Err(format!("baseline afventer: {note}")),
        Baseline::Set { year, value } => Ok((*year, *value)),
        Baseline::Observed { year: by } => match measure(gi, obs, area, *by) {
            Ok(Some(m)) => Ok((*by, m.value)),
            Ok(None) => Err(format!(
                "ingen måling for {} i basisåret {by}",
                area.danish_name()
            )),
            Err(e) => Err(e),
        },
    });
    let change = match (&current, &previous) {
        (Ok(Some(c)), Ok(Some(p))) => Some(Change {
            from: p.value,
            to: c.value,
            significance: significance(unit, p, c, options),
        }),
        _ => None,
    };
    let mut ctx = Ctx {
        gi,
        obs,
        year,
        options,
        current,
        previous,
        baseline,
        change,
    };
    let targets: Vec<TargetEvaluation> = gi
        .targets()
        .iter()
        .map(|t| evaluate_target(&mut ctx, t))
        .collect();
    let status = targets
        .iter()
        .map(|t| t.status.clone())
        .reduce(Status::worst)
        .unwrap_or_else(|| pending("ingen mål"));
    let cur = ctx.current.as_ref().ok().copied().flatten();
    let interval = cur.and_then(|m| {
        if unit != Unit::ShareOfRespondents {
            return None;
        }
        let p = Proportion::new(m.share?, m.respondents?).ok()?;
        wilson_interval(p, options.confidence).ok()
    });
    let mut comparisons: Vec<AreaValue> = obs
        .iter()
        .filter(|o| o.indicator() == ind.id() && o.year() == year && o.area() != area)
        .filter_map(|o| {
            let m = measure(gi, obs, o.area(), year).ok().flatten()?;
            Some(AreaValue {
                area: o.area().clone(),
                value: m.value,
            })
        })
        .collect();
    comparisons.sort_by(|a, b| a.area.cmp(&b.area));

    let mut line = format!("{} {year}: ", ind.name());
    match (&ctx.current, cur) {
        (_, Some(m)) => {
            line.push_str(&show(unit, m.value));
            match (interval, unit) {
                (Some(i), _) => {
                    let _ = write!(line, " ({i}, n = {})", m.respondents.unwrap_or_default());
                }
                (None, Unit::ShareOfRespondents) => {
                    line.push_str(" (antal respondenter ukendt, intet konfidensinterval)");
                }
                _ => {}
            }
        }
        (Err(e), None) => line.push_str(e),
        (Ok(_), None) => line.push_str("ingen måling"),
    }
    if !comparisons.is_empty() {
        let cmp: Vec<String> = comparisons
            .iter()
            .map(|c| format!("{} {}", c.area.danish_name(), show(unit, c.value)))
            .collect();
        let _ = write!(line, "; til sammenligning {}", cmp.join(", "));
    }
    let _ = write!(line, ". {status}");
    for t in &targets {
        let _ = write!(line, ". {}", t.explanation);
    }
    line.push('.');

    IndicatorEvaluation {
        indicator: ind.id().clone(),
        name: ind.name().to_owned(),
        unit,
        year,
        status,
        value: cur.map(|m| m.value),
        share: cur.and_then(|m| m.share),
        count: cur.and_then(|m| m.count),
        residents: cur.and_then(|m| m.residents),
        respondents: cur.and_then(|m| m.respondents),
        interval,
        previous: ctx
            .previous
            .as_ref()
            .ok()
            .copied()
            .flatten()
            .map(|m| m.value),
        baseline_year: ctx
            .baseline
            .as_ref()
            .and_then(|b| b.as_ref().ok())
            .map(|b| b.0)
            .or_else(|| gi.baseline().and_then(Baseline::year)),
        baseline: ctx
            .baseline
            .as_ref()
            .and_then(|b| b.as_ref().ok())
            .map(|b| b.1),
        change: ctx.change.take(),
        comparisons,
        targets,
        explanation: line,
    }
}

fn significance(unit: Unit, before: &Measured, after: &Measured, o: &EvalOptions) -> Significance {
    if unit != Unit::ShareOfRespondents {
        return Significance::NotComputable {
            reason: "signifikans beregnes kun for andele i spørgeundersøgelser".into(),
        };
    }
    let props = before
        .share
        .zip(before.respondents)
        .and_then(|(s, n)| Proportion::new(s, n).ok())
        .zip(
            after
                .share
                .zip(after.respondents)
                .and_then(|(s, n)| Proportion::new(s, n).ok()),
        );
    match props {
        Some((b, a)) => {
            let outcome = o.test.test(b, a);
            if outcome.is_significant() {
                Significance::Significant { outcome }
            } else {
                Significance::NotSignificant { outcome }
            }
        }
        None => Significance::NotComputable {
            reason: "antal respondenter ukendt".into(),
        },
    }
}

fn target_eval(target: &Target, status: Status, explanation: String) -> TargetEvaluation {
    TargetEvaluation {
        target: target.clone(),
        status,
        reference: None,
        trajectory: None,
        gap: None,
        explanation,
    }
}

/// A target that cannot be evaluated yet, and why.
fn pending_eval(target: &Target, reason: &str) -> TargetEvaluation {
    target_eval(
        target,
        pending(reason),
        format!("{target}: afventer, {reason}"),
    )
}

/// Whether `a` is at least as good as `b` in `dir`.
fn at_least_as_good(dir: Direction, a: Decimal, b: Decimal) -> bool {
    match dir {
        Direction::LowerIsBetter => a <= b,
        Direction::HigherIsBetter => a >= b,
    }
}

#[allow(clippy::too_many_lines)] // one arm per target kind
fn evaluate_target(ctx: &mut Ctx<'_>, target: &Target) -> TargetEvaluation {
    let year = ctx.year;
    let ind = ctx.gi.indicator();
    let unit = ind.unit();
    let dir = ind.direction();
    let area = &ctx.options.area;
    let cur = match &ctx.current {
        Ok(Some(m)) => *m,
        Ok(None) => {
            let mut r = format!("ingen måling for {} i {year}", area.danish_name());
            // A pending baseline is the more fundamental gap: say it first.
            if matches!(target, Target::NotAboveBaseline)
                && let Some(Err(baseline)) = &ctx.baseline
            {
                r = format!("{baseline}; {r}");
            }
            return pending_eval(target, &r);
        }
        Err(e) => {
            return pending_eval(target, e);
        }
    };
    let baseline_year = ctx.gi.baseline().and_then(Baseline::year);
    let in_or_before_baseline = |b: Year| year <= b;
    match target {
        Target::IncreaseEveryYear => {
            if let Some(b) = baseline_year
                && in_or_before_baseline(b)
            {
                let r = format!(
                    "{year} er {}; første sammenligning er {}",
                    if year == b {
                        "basisåret"
                    } else {
                        "før basisåret"
                    },
                    b.get() + 1
                );
                return pending_eval(target, &r);
            }
            let prev = match &ctx.previous {
                Ok(Some(p)) => *p,
                Ok(None) => {
                    let r = format!(
                        "ingen måling for {} i {}",
                        area.danish_name(),
                        year.get() - 1
                    );
                    return pending_eval(target, &r);
                }
                Err(e) => {
                    return pending_eval(target, e);
                }
            };
            let diff = cur.value - prev.value;
            let rose = cur.value > prev.value;
            let sig = ctx.change.as_ref().map(|c| &c.significance);
            let sig_text = match sig {
                Some(Significance::Significant { outcome }) => {
                    format!(
                        "statistisk signifikant (p = {})",
                        dk::prob(outcome.p_value())
                    )
                }
                Some(Significance::NotSignificant { outcome }) => format!(
                    "ikke statistisk signifikant (p = {}, {})",
                    dk::prob(outcome.p_value()),
                    ctx.options.test.describe()
                ),
                Some(Significance::NotComputable { reason }) => {
                    format!("signifikans kan ikke beregnes: {reason}")
                }
                None => String::new(),
            };
            let significant = matches!(sig, Some(Significance::Significant { .. }));
            let (status, verb) = if rose {
                if ctx.options.require_significant_rise && !significant {
                    (
                        Status::NotMet,
                        "steget, men ikke signifikant, og signifikans kræves",
                    )
                } else {
                    (Status::Met, "steget")
                }
            } else if diff.is_zero() {
                (Status::NotMet, "uændret")
            } else {
                (Status::NotMet, "faldet")
            };
            let expl = format!(
                "{target}: {verb} fra {} til {} ({}{}); {sig_text}",
                show(unit, prev.value),
                show(unit, cur.value),
                if diff.is_sign_negative() { "" } else { "+" },
                show_diff(unit, diff),
            );
            target_eval(target, status, expl)
        }
        Target::ApproachReference {
            reference_area,
            by_year,
        } => {
            let reference = match measure(ctx.gi, ctx.obs, reference_area, year) {
                Ok(Some(m)) => m.value,
                Ok(None) => {
                    let r = format!("ingen måling for {} i {year}", reference_area.danish_name());
                    return pending_eval(target, &r);
                }
                Err(e) => {
                    return pending_eval(target, &e);
                }
            };
            let gap = match dir {
                Direction::LowerIsBetter => cur.value - reference,
                Direction::HigherIsBetter => reference - cur.value,
            };
            let gap_text = if gap.is_sign_positive() && !gap.is_zero() {
                format!(
                    "afstand til {}: {}",
                    reference_area.danish_name(),
                    show_diff(unit, gap)
                )
            } else {
                format!(
                    "på eller bedre end niveauet i {}",
                    reference_area.danish_name()
                )
            };
            let te = |status: Status, trajectory: Option<Decimal>, text: String| TargetEvaluation {
                target: target.clone(),
                status,
                reference: Some(reference),
                trajectory,
                gap: Some(gap),
                explanation: text,
            };
            let (b, vb) = match &ctx.baseline {
                Some(Ok(bv)) => *bv,
                Some(Err(e)) => {
                    return te(
                        pending(e.clone()),
                        None,
                        format!("{target}: afventer, {e}; {gap_text}"),
                    );
                }
                None => {
                    return te(
                        pending("ingen baseline"),
                        None,
                        format!("{target}: afventer, ingen baseline; {gap_text}"),
                    );
                }
            };
            if year <= b {
                let r = format!("{year} er basisår; udviklingen måles fra {}", b.get() + 1);
                return te(
                    pending(r.clone()),
                    None,
                    format!("{target}: afventer, {r}; {gap_text} der skal lukkes inden {by_year}"),
                );
            }
            let span = i64::from(*by_year) - i64::from(b);
            let elapsed = (i64::from(year) - i64::from(b)).min(span);
            let trajectory = (reference - vb)
                .checked_mul(Decimal::from(elapsed))
                .and_then(|d| d.checked_div(Decimal::from(span.max(1))))
                .and_then(|d| d.checked_add(vb));
            let Some(traj) = trajectory else {
                return te(
                    pending("talfejl i banen"),
                    None,
                    format!("{target}: afventer, banen kan ikke beregnes"),
                );
            };
            let good = at_least_as_good(dir, cur.value, traj);
            let status = match (year >= *by_year, good) {
                (true, true) => Status::Met,
                (true, false) => Status::NotMet,
                (false, true) => Status::OnTrack,
                (false, false) => Status::OffTrack,
            };
            let text = format!(
                "{target}: {status}; den lige linje fra {} i {b} mod niveauet i {} i {by_year} giver {} i {year}; {gap_text}",
                show(unit, vb),
                reference_area.danish_name(),
                show(unit, traj),
            );
            te(status, Some(traj), text)
        }
        Target::NotAboveBaseline => {
            let (b, vb) = match &ctx.baseline {
                Some(Ok(bv)) => *bv,
                Some(Err(e)) => {
                    return pending_eval(target, e);
                }
                None => {
                    return target_eval(
                        target,
                        pending("ingen baseline"),
                        format!("{target}: afventer, ingen baseline"),
                    );
                }
            };
            if year <= b {
                let r = format!(
                    "{year} er basisåret; første sammenligning er {}",
                    b.get() + 1
                );
                return pending_eval(target, &r);
            }
            let (status, word) = if cur.value <= vb {
                (Status::Met, "ikke over")
            } else {
                (Status::NotMet, "over")
            };
            target_eval(
                target,
                status,
                format!(
                    "{target}: {} er {word} baseline {} ({b})",
                    show(unit, cur.value),
                    show(unit, vb)
                ),
            )
        }
        Target::ShareAtLeast { minimum } => {
            let Some(share) = cur.share else {
                return target_eval(
                    target,
                    pending("målingen er ikke en andel"),
                    format!("{target}: afventer, målingen er ikke en andel"),
                );
            };
            let status = if share >= *minimum {
                Status::Met
            } else {
                Status::NotMet
            };
            target_eval(
                target,
                status,
                format!(
                    "{target}: {} af {} = {} mod mindst {}",
                    share.numerator(),
                    share.denominator(),
                    dk::percent(share.to_decimal()),
                    dk::percent(minimum.to_decimal())
                ),
            )
        }
        Target::MonitorOnly => {
            let prev = ctx.previous.as_ref().ok().copied().flatten();
            let text = match prev {
                Some(p) => format!(
                    "monitoreres: {} ({}: {})",
                    show(unit, cur.value),
                    year.get() - 1,
                    show(unit, p.value)
                ),
                None => format!("monitoreres: {}", show(unit, cur.value)),
            };
            target_eval(target, Status::Monitored, text)
        }
    }
}
