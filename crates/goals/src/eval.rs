//! Evaluation: is each goal met in a year, by which numbers, and how sure can we be?
//!
//! Each rule below follows the agreement's own words (*Aftale om Folehaven
//! Tryghedspartnerskab*, sections 2 and 3), quoted beside it. Where the agreement is silent
//! the rule is **ours**, and it says so.
//!
//! # Statuses
//!
//! Every target of an indicator gets a [`Status`]; the indicator's status is the worst of its
//! targets', the goal's the worst of its targeted indicators', in this order (worst first):
//!
//! 1. [`Status::NotMet`]: a target is definitely missed, whatever else is unknown;
//! 2. [`Status::OffTrack`]: a condition towards a later target year does not hold this year;
//! 3. [`Status::Pending`]: a baseline or figure is missing, or the year is the baseline year;
//! 4. [`Status::OnTrack`]: every condition towards a later target year holds this year;
//! 5. [`Status::Met`].
//!
//! So pending dominates met and on track (nothing unknown is ever reported as met), and a
//! definite miss dominates pending. Monitor-only indicators get [`Status::Monitored`] (or
//! pending when their figure is missing) and do not affect the goal; a goal with only such
//! indicators is monitored. [`Status::is_worse_than`] exposes the order.
//!
//! # Goal 1: felt safety
//!
//! > "Andelen af trygge borgere i Folehaven Tryghedspartnerskab skal årligt stige og nærme
//! > sig københavnerniveau i 2029, også hvad utryghed i aften- og nattetimer angår."
//!
//! Two conditions, each judged with its own numbers:
//!
//! - **(a) "skal årligt stige"** ([`Target::IncreaseEveryYear`]): in year Y the share is
//!   above the share of Y − 1. Met or not met every year from the year after the baseline.
//! - **(b) "nærme sig københavnerniveau i 2029"** ([`Target::ApproachReference`]): the gap
//!   to København (København's share minus the area's, each of its own year) is compared.
//!   Before 2029 the condition holds (on track) when the gap of Y is smaller than the gap of
//!   Y − 1 *and* smaller than the gap of the baseline year 2025; otherwise it is off track.
//!   In 2029 (and after) it is met ("nærmet sig") when the 2029 gap is smaller than the 2025
//!   gap, else not met. A share at or above København's counts as closer: nothing is closer
//!   than being there.
//!
//! *Our rules where the agreement is silent:*
//!
//! - **Both conditions must hold.** The indicator is on track (2026–2028) or met (2029) only
//!   when (a) and (b) both hold. When the share did not rise, the indicator is "ikke
//!   opfyldt" for that year, because the agreement asks for a rise *every* year and that
//!   year's rise is definitely missed, even if the gap narrowed (København fell). When the
//!   share rose but the gap did not narrow, it is "ikke på rette vej" before 2029 and "ikke
//!   opfyldt" in 2029. The verdict sentence always names both conditions with their numbers,
//!   joined by "men" when one holds and the other does not.
//! - **Significance informs, it does not decide.** The agreement says "stige", not "stige
//!   signifikant": any rise counts as a rise. Every rise and fall states whether it is
//!   statistically significant under the chosen [`SignificanceTest`] (two-sided
//!   two-proportion z test at α = 0,05 by default), or that it cannot be tested and why
//!   (the agreement gives no number of respondents for its 2025 figures).
//!   [`EvalOptions::require_significant_rise`] makes a rise count only when significant, for
//!   those who want the stricter reading.
//! - **Exact comparison.** Rises and gaps of shares are compared exactly in integer
//!   arithmetic (`77/100` against `317/412`), so that a tie is a tie.
//! - **The straight line is a guide only.** [`TargetEvaluation::guide`] gives the value of a
//!   steady line from the 2025 share to København's level in 2029 ("jævn fremskrivning til
//!   københavnerniveau, ikke aftalens mål"). The agreement asks the share to come closer to
//!   København's level, not to reach it, so the line never decides a status.
//!
//! So the verdict is monotone: a higher share this year, or a smaller gap, never gives a
//! worse status, and a share that rose while the gap narrowed is never "ikke på rette vej"
//! (property tests in `tests/properties.rs`).
//!
//! # Goal 2: crime
//!
//! > "Det samlede antal anmeldelser af straffelovskriminalitet per 1.000 indbyggere … skal
//! > som minimum fastholdes på 2025-niveau." "Antal anmeldelser på tre udvalgte
//! > gerningstyper (indbrud, tyveri/røveri og vold/våben) … skal som minimum fastholdes på
//! > 2025-niveau." "Årlig monitorering på følgende gerningstyper: Chikane, hærværk,
//! > narkotika og trusler."
//!
//! [`Target::NotAboveBaseline`]: met exactly when the year's value (a rate per 1.000
//! indbyggere, or a count) is not above the 2025 baseline; not met otherwise. "Baseline for
//! 2025 fastlægges ifm. den første afrapportering til Økonomiudvalget i 2026 og tilføjes
//! partnerskabsaftalen herefter": until an amendment sets it the baseline is
//! [`Baseline::Pending`] and the target is pending, never met. The monitored types are
//! [`Target::MonitorOnly`]: reported, never judged.
//!
//! # Goal 3: collaboration
//!
//! > "Ud af det samlede antal aktiviteter i tryghedsplanen, skal minimum 75 % involvere to
//! > eller flere samarbejdspartnere, lokaliseret i eller udenfor partnerskabsområdet."
//!
//! [`Target::ShareAtLeast`]: met exactly when `4 · multi ≥ 3 · total`, in integers
//! ([`evaluate_share_at_least`]); a plan below it is "ikke opfyldt", an outcome to report.
//! How the activities with two or more samarbejdspartnere are counted is the plan crate's
//! rule (`tryghed_plan::Collaboration`).
//!
//! # Years
//!
//! `year` is the year the figures describe (see [`crate::crime_year_reported_in`]). A year's
//! evaluation reads only the observations of that year, the year before (for rises and
//! comparison) and the baseline year: adding other years never changes it. Which figures go
//! with which report (the survey of Y with the crime of Y − 1 and the plan of Y) is decided
//! in one place, `tryghed_agreement::Agreement::evaluate`.

use crate::Year;
use std::cmp::Ordering;
use std::fmt;
use std::fmt::Write as _;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::fmt as dk;
use crate::observation::rate_per_1000;
use crate::stats::{Interval, Proportion, SignificanceTest, TestOutcome, TwoProportionZTest};
use crate::{
    AreaId, Baseline, Direction, Goal, GoalId, GoalIndicator, GoalsError, IndicatorId,
    Observations, ObservedValue, Share, Source, Target, Unit, wilson_interval,
};

/// The verdict for a target, an indicator or a goal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

    /// Whether `self` is worse than `other` in the order of the [module docs](self)
    /// (not met, off track, pending, on track, met; monitored below all of them).
    ///
    /// ```
    /// use tryghed_goals::Status;
    /// assert!(Status::OffTrack.is_worse_than(&Status::OnTrack));
    /// assert!(Status::NotMet.is_worse_than(&Status::Pending { reason: "…".into() }));
    /// assert!(!Status::Met.is_worse_than(&Status::Met));
    /// ```
    pub fn is_worse_than(&self, other: &Status) -> bool {
        self.rank() > other.rank()
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

/// An area's value and a reference area's value in one year, and the gap between them
/// ([`Target::ApproachReference`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[doc(alias = "afstand")]
pub struct GapAt {
    year: Year,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    value: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    reference: Decimal,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str"))]
    gap: Decimal,
}

impl GapAt {
    /// The year.
    pub fn year(&self) -> Year {
        self.year
    }
    /// The evaluated area's value (a fraction for shares).
    pub fn value(&self) -> Decimal {
        self.value
    }
    /// The reference area's value.
    pub fn reference(&self) -> Decimal {
        self.reference
    }
    /// How far the area is behind the reference (negative: ahead of it), in the indicator's
    /// unit (a fraction for shares: `0.10` is 10 percentage points).
    pub fn gap(&self) -> Decimal {
        self.gap
    }
}

/// The verdict on one target, with its numbers.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TargetEvaluation {
    target: Target,
    status: Status,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    reference: Option<Decimal>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    gap: Option<Decimal>,
    previous_gap: Option<GapAt>,
    baseline_gap: Option<GapAt>,
    #[cfg_attr(feature = "serde", serde(with = "rust_decimal::serde::str_option"))]
    guide: Option<Decimal>,
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
    /// The gap to the reference in the evaluated year (positive: behind it), in the
    /// indicator's unit (a fraction for shares) ([`Target::ApproachReference`]).
    pub fn gap(&self) -> Option<Decimal> {
        self.gap
    }
    /// The year before's values and gap, when the verdict compared with it (not in the
    /// year after the baseline year, where the year before is the baseline year, nor in the
    /// target year, which is compared with the baseline year only).
    pub fn previous_gap(&self) -> Option<GapAt> {
        self.previous_gap
    }
    /// The baseline year's values and gap ([`Target::ApproachReference`]).
    pub fn baseline_gap(&self) -> Option<GapAt> {
        self.baseline_gap
    }
    /// A guide, **not the agreement's target and never part of the verdict**: the value a
    /// steady straight line from the baseline to the reference's level in the target year
    /// would give in the evaluated year ("jævn fremskrivning til københavnerniveau, ikke
    /// aftalens mål"). The agreement asks the share to come closer to København's level,
    /// not to reach it; see the [module docs](self).
    #[doc(alias = "fremskrivning")]
    pub fn guide(&self) -> Option<Decimal> {
        self.guide
    }
    /// The numbers behind the verdict in a Danish clause, e.g. "andelen steg fra 70 % til
    /// 71 % (+1,0 procentpoint; signifikans ukendt: …)" or, when pending, why.
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// The verdict on one indicator of a goal, with the numbers behind it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    verdict: String,
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
    /// The verdict in one plain Danish sentence: the status and the numbers behind each
    /// target, e.g. "På rette vej: andelen steg fra 70 % til 71 % (+1,0 procentpoint;
    /// signifikans ukendt: …), og afstanden til København blev mindre: 9,0 procentpoint mod
    /// 10,0 procentpoint i 2025."
    #[doc(alias = "vurdering")]
    pub fn verdict(&self) -> &str {
        &self.verdict
    }
    /// One line in Danish: the value with its interval and the comparison areas, then the
    /// [verdict](Self::verdict).
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// The verdict on a goal in a year.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
///
/// # Examples
///
/// A crime goal ("skal som minimum fastholdes på 2025-niveau") judged on synthetic counts: a
/// rise above the baseline is a result, "ikke opfyldt", not an error, and without the
/// year's count the goal waits.
///
/// ```
/// use tryghed_goals::{
///     AreaId, Baseline, Dimension, Direction, EvalOptions, Goal, GoalIndicator, Indicator,
///     Observation, Observations, Source, Status, Target, Unit, Year, evaluate,
/// };
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let burglary = Indicator::new(
///     "indbrud".parse()?,
///     "Anmeldelser af indbrud",
///     Unit::NumberOfReports,
///     Direction::LowerIsBetter,
///     Source::PoliceReportRegister,
///     Dimension::CrimeCategory("indbrud".parse()?),
/// )?;
/// let (y2025, y2026) = (Year::new(2025)?, Year::new(2026)?);
/// let goal = Goal::new(
///     "kriminalitet".parse()?,
///     "Kriminaliteten skal som minimum fastholdes på 2025-niveau",
///     vec![GoalIndicator::new(
///         burglary,
///         Some(Baseline::Observed { year: y2025 }),
///         vec![Target::NotAboveBaseline],
///     )?],
/// )?;
///
/// let mut counts = Observations::new();
/// counts.insert(Observation::count("indbrud".parse()?, AreaId::partnership(), y2025, 14)?)?;
/// let options = EvalOptions::default();
/// assert!(matches!(evaluate(&goal, &counts, y2026, &options).status(), Status::Pending { .. }));
///
/// counts.insert(Observation::count("indbrud".parse()?, AreaId::partnership(), y2026, 16)?)?;
/// let result = evaluate(&goal, &counts, y2026, &options);
/// assert_eq!(*result.status(), Status::NotMet);
/// assert_eq!(result.indicators()[0].count(), Some(16));
/// # Ok(())
/// # }
/// ```
#[doc(alias = "evaluering")]
#[doc(alias = "status")]
#[must_use = "an evaluation that is not looked at says nothing; read its status"]
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
    baseline: Option<Result<(Year, Measured), String>>,
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
        Baseline::Set { year, value } => Ok((
            *year,
            Measured {
                value: *value,
                share: None,
                count: None,
                residents: None,
                respondents: None,
            },
        )),
        Baseline::Observed { year: by } => match measure(gi, obs, area, *by) {
            Ok(Some(m)) => Ok((*by, m)),
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
            significance: significance(unit, (year.saturating_sub(1), p), (year, c), options),
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
        (Ok(_), None) if ind.source() == Source::Tryghedsplan => {
            line.push_str("ingen opgørelse fra tryghedsplanen");
        }
        (Ok(_), None) => line.push_str("ingen måling"),
    }
    if !comparisons.is_empty() {
        let cmp: Vec<String> = comparisons
            .iter()
            .map(|c| format!("{} {}", c.area.danish_name(), show(unit, c.value)))
            .collect();
        let _ = write!(line, "; til sammenligning {}", cmp.join(", "));
    }
    let verdict = verdict_sentence(&status, &targets);
    let _ = write!(line, ". {verdict}");

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
            .map(|b| b.1.value),
        change: ctx.change.take(),
        comparisons,
        targets,
        verdict,
        explanation: line,
    }
}

fn significance(
    unit: Unit,
    before: (Year, &Measured),
    after: (Year, &Measured),
    o: &EvalOptions,
) -> Significance {
    if unit != Unit::ShareOfRespondents {
        return Significance::NotComputable {
            reason: "signifikans beregnes kun for andele i spørgeundersøgelser".into(),
        };
    }
    let proportion = |m: &Measured| {
        m.share
            .zip(m.respondents)
            .and_then(|(s, n)| Proportion::new(s, n).ok())
    };
    match (proportion(before.1), proportion(after.1)) {
        (Some(b), Some(a)) => {
            let outcome = o.test.test(b, a);
            if outcome.is_significant() {
                Significance::Significant { outcome }
            } else {
                Significance::NotSignificant { outcome }
            }
        }
        (b, a) => {
            let unknown: Vec<String> = [(before.0, b.is_none()), (after.0, a.is_none())]
                .iter()
                .filter(|(_, unknown)| *unknown)
                .map(|(y, _)| y.to_string())
                .collect();
            Significance::NotComputable {
                reason: format!(
                    "antallet af besvarelser for {} kendes ikke, og uden det kan ændringen ikke testes",
                    unknown.join(" og ")
                ),
            }
        }
    }
}

fn target_eval(target: &Target, status: Status, explanation: String) -> TargetEvaluation {
    TargetEvaluation {
        target: target.clone(),
        status,
        reference: None,
        gap: None,
        previous_gap: None,
        baseline_gap: None,
        guide: None,
        explanation,
    }
}

/// A target that cannot be evaluated yet, and why.
fn pending_eval(target: &Target, reason: &str) -> TargetEvaluation {
    target_eval(target, pending(reason), reason.to_owned())
}

/// How a target's clause sounds in the verdict sentence: the clauses of an indicator are
/// joined by "og" when they agree and by "men" when one holds and another does not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Holds,
    Fails,
    Open,
}

fn tone(status: &Status) -> Tone {
    match status {
        Status::Met | Status::OnTrack => Tone::Holds,
        Status::NotMet | Status::OffTrack => Tone::Fails,
        _ => Tone::Open,
    }
}

/// `a` compared with `b`, exactly when both are shares.
fn cmp_measured(a: &Measured, b: &Measured) -> Ordering {
    match (a.share, b.share) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => a.value.cmp(&b.value),
    }
}

/// `a + b` compared with `c + d`, exactly when all four are shares and the products fit.
fn cmp_sums(a: &Measured, b: &Measured, c: &Measured, d: &Measured) -> Ordering {
    if let (Some(w), Some(x), Some(y), Some(z)) = (a.share, b.share, c.share, d.share)
        && let Some(order) = crate::share::cmp_sums(w, x, y, z)
    {
        return order;
    }
    match (a.value.checked_add(b.value), c.value.checked_add(d.value)) {
        (Some(left), Some(right)) => left.cmp(&right),
        // Decimal sums of counts only overflow beyond 7.9 · 10²⁸; compare the halves then.
        _ => (a.value / Decimal::TWO + b.value / Decimal::TWO)
            .cmp(&(c.value / Decimal::TWO + d.value / Decimal::TWO)),
    }
}

/// An area's value and the reference's in one year, and the gap between them.
#[derive(Clone, Copy)]
struct Pair {
    year: Year,
    value: Measured,
    reference: Measured,
}

impl Pair {
    /// The gap to the reference (positive: behind it), as a decimal.
    fn gap(&self, dir: Direction) -> Decimal {
        match dir {
            Direction::LowerIsBetter => self.value.value - self.reference.value,
            Direction::HigherIsBetter => self.reference.value - self.value.value,
        }
    }

    /// Whether the area is on the reference's level or better.
    fn reached(&self, dir: Direction) -> bool {
        match dir {
            Direction::LowerIsBetter => cmp_measured(&self.value, &self.reference).is_le(),
            Direction::HigherIsBetter => cmp_measured(&self.value, &self.reference).is_ge(),
        }
    }

    /// Whether this year's gap is smaller than `other`'s, exactly for shares; reaching the
    /// reference's level counts as smaller (nothing is closer than being there).
    fn closer_than(&self, other: &Pair, dir: Direction) -> bool {
        if self.reached(dir) {
            return true;
        }
        // higher is better: ref₁ − v₁ < ref₂ − v₂  ⇔  ref₁ + v₂ < ref₂ + v₁;
        // lower is better:  v₁ − ref₁ < v₂ − ref₂  ⇔  v₁ + ref₂ < v₂ + ref₁.
        match dir {
            Direction::HigherIsBetter => {
                cmp_sums(&self.reference, &other.value, &other.reference, &self.value).is_lt()
            }
            Direction::LowerIsBetter => {
                cmp_sums(&self.value, &other.reference, &other.value, &self.reference).is_lt()
            }
        }
    }

    fn public(&self, dir: Direction) -> GapAt {
        GapAt {
            year: self.year,
            value: self.value.value,
            reference: self.reference.value,
            gap: self.gap(dir),
        }
    }
}

/// "andelen" for a share, "værdien" otherwise.
fn noun(unit: Unit) -> &'static str {
    if unit.is_share() {
        "andelen"
    } else {
        "værdien"
    }
}

/// Whether a rise is significant, in a Danish clause for the verdict.
fn significance_text(significance: Option<&Significance>) -> String {
    match significance {
        Some(Significance::Significant { outcome }) => {
            format!(
                "statistisk signifikant, p = {}",
                dk::prob(outcome.p_value())
            )
        }
        Some(Significance::NotSignificant { outcome }) => format!(
            "ikke statistisk signifikant, p = {}",
            dk::prob(outcome.p_value())
        ),
        Some(Significance::NotComputable { reason }) => format!("signifikans ukendt: {reason}"),
        None => "signifikans ukendt".to_owned(),
    }
}

fn evaluate_target(ctx: &mut Ctx<'_>, target: &Target) -> TargetEvaluation {
    let year = ctx.year;
    let area = &ctx.options.area;
    let cur = match &ctx.current {
        Ok(Some(m)) => *m,
        Ok(None) => {
            let mut r = if ctx.gi.indicator().source() == Source::Tryghedsplan {
                // Counted from the plan, not measured: name what is missing.
                format!("ingen opgørelse fra tryghedsplanen for {year}")
            } else {
                format!("ingen måling for {} i {year}", area.danish_name())
            };
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
    match target {
        Target::IncreaseEveryYear => rise(ctx, target, cur),
        Target::ApproachReference {
            reference_area,
            by_year,
        } => approach(ctx, target, cur, reference_area, *by_year),
        Target::NotAboveBaseline => not_above_baseline(ctx, target, cur),
        Target::ShareAtLeast { minimum } => {
            let Some(share) = cur.share else {
                return pending_eval(target, "målingen er ikke en andel");
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
                    "{} af {} ({}) mod mindst {}",
                    share.numerator(),
                    share.denominator(),
                    dk::percent(share.to_decimal()),
                    dk::percent(minimum.to_decimal())
                ),
            )
        }
        Target::MonitorOnly => {
            let unit = ctx.gi.indicator().unit();
            let prev = ctx.previous.as_ref().ok().copied().flatten();
            let text = match prev {
                Some(p) => format!(
                    "{} ({}: {})",
                    show(unit, cur.value),
                    year.get() - 1,
                    show(unit, p.value)
                ),
                None => show(unit, cur.value),
            };
            target_eval(target, Status::Monitored, text)
        }
    }
}

/// "Skal årligt stige": met in year Y when the value of Y is above that of Y − 1.
fn rise(ctx: &Ctx<'_>, target: &Target, cur: Measured) -> TargetEvaluation {
    let year = ctx.year;
    let unit = ctx.gi.indicator().unit();
    if let Some(b) = ctx.gi.baseline().and_then(Baseline::year)
        && year <= b
    {
        let r = format!(
            "{year} er {}; første sammenligning er {}",
            if year == b {
                "basisåret"
            } else {
                "før basisåret"
            },
            b.saturating_add(1)
        );
        return pending_eval(target, &r);
    }
    let py = year.saturating_sub(1);
    let prev = match &ctx.previous {
        Ok(Some(p)) => *p,
        Ok(None) => {
            let r = format!(
                "ingen måling for {} i {py}, så det kan ikke afgøres, om {} steg",
                ctx.options.area.danish_name(),
                noun(unit)
            );
            return pending_eval(target, &r);
        }
        Err(e) => {
            return pending_eval(target, e);
        }
    };
    let significance = ctx.change.as_ref().map(|c| &c.significance);
    let significant = matches!(significance, Some(Significance::Significant { .. }));
    let sig = significance_text(significance);
    let diff = cur.value - prev.value;
    let signed = format!(
        "{}{}",
        if diff.is_sign_negative() { "" } else { "+" },
        show_diff(unit, diff)
    );
    let (from, to) = (show(unit, prev.value), show(unit, cur.value));
    let what = noun(unit);
    let (status, clause) = match cmp_measured(&cur, &prev) {
        Ordering::Greater if ctx.options.require_significant_rise && !significant => (
            Status::NotMet,
            format!(
                "{what} steg fra {from} til {to} ({signed}; {sig}), men med de valgte indstillinger skal en stigning være signifikant"
            ),
        ),
        Ordering::Greater => (
            Status::Met,
            format!("{what} steg fra {from} til {to} ({signed}; {sig})"),
        ),
        Ordering::Equal => (
            Status::NotMet,
            format!("{what} steg ikke: {to} i både {py} og {year}"),
        ),
        Ordering::Less => (
            Status::NotMet,
            format!("{what} faldt fra {from} til {to} ({signed}; {sig})"),
        ),
    };
    target_eval(target, status, clause)
}

/// "Nærme sig københavnerniveau i 2029", judged by the gap to the reference area: before
/// `by_year` on track when the gap is smaller than the year before and than in the baseline
/// year; from `by_year` met when it is smaller than in the baseline year.
#[allow(clippy::too_many_lines)] // each way of lacking a figure is said plainly
fn approach(
    ctx: &Ctx<'_>,
    target: &Target,
    cur: Measured,
    reference_area: &AreaId,
    by_year: Year,
) -> TargetEvaluation {
    let year = ctx.year;
    let ind = ctx.gi.indicator();
    let (unit, dir) = (ind.unit(), ind.direction());
    let place = reference_area.danish_name();
    let level = if *reference_area == AreaId::copenhagen() {
        "københavnerniveau".to_owned()
    } else {
        format!("niveauet i {place}")
    };
    let reference_at = |y: Year| measure(ctx.gi, ctx.obs, reference_area, y);
    let r_cur = match reference_at(year) {
        Ok(Some(m)) => m,
        Ok(None) => {
            return pending_eval(target, &format!("ingen måling for {place} i {year}"));
        }
        Err(e) => return pending_eval(target, &e),
    };
    let now = Pair {
        year,
        value: cur,
        reference: r_cur,
    };
    let gap = now.gap(dir);
    let gap_text = show_diff(unit, gap.max(Decimal::ZERO));
    let mut te = TargetEvaluation {
        target: target.clone(),
        status: pending("ingen baseline"),
        reference: Some(r_cur.value),
        gap: Some(gap),
        previous_gap: None,
        baseline_gap: None,
        guide: None,
        explanation: String::new(),
    };
    let open = |mut te: TargetEvaluation, reason: String| {
        te.status = pending(reason.clone());
        te.explanation = format!("{reason}; afstanden til {place} er {gap_text}");
        te
    };
    let (b, base_value) = match &ctx.baseline {
        Some(Ok(bv)) => *bv,
        Some(Err(e)) => return open(te, e.clone()),
        None => return open(te, "ingen baseline".into()),
    };
    if year <= b {
        return open(
            te,
            format!(
                "{year} er basisåret; udviklingen måles fra {}",
                b.saturating_add(1)
            ),
        );
    }
    let r_base = match reference_at(b) {
        Ok(Some(m)) => m,
        Ok(None) => return open(te, format!("ingen måling for {place} i basisåret {b}")),
        Err(e) => return open(te, e),
    };
    let base = Pair {
        year: b,
        value: base_value,
        reference: r_base,
    };
    te.baseline_gap = Some(base.public(dir));
    te.guide = guide(base_value.value, r_cur.value, b, year, by_year);
    let base_gap = show_diff(unit, base.gap(dir).max(Decimal::ZERO));
    if now.reached(dir) {
        te.status = if year >= by_year {
            Status::Met
        } else {
            Status::OnTrack
        };
        te.explanation = format!(
            "{} er på eller over {level} ({} mod {})",
            noun(unit),
            show(unit, cur.value),
            show(unit, r_cur.value)
        );
        return te;
    }
    let closer_than_base = now.closer_than(&base, dir);
    if year >= by_year {
        let (status, is, has) = if closer_than_base {
            (Status::Met, "er mindre", "har nærmet sig")
        } else {
            (Status::NotMet, "er ikke mindre", "har ikke nærmet sig")
        };
        te.status = status;
        te.explanation = format!(
            "afstanden til {place} {is} end i {b} ({gap_text} mod {base_gap}): {} {has} {level}",
            noun(unit)
        );
        return te;
    }
    if !closer_than_base {
        te.status = Status::OffTrack;
        te.explanation =
            format!("afstanden til {place} er ikke mindre end i {b}: {gap_text} mod {base_gap}");
        return te;
    }
    let py = year.saturating_sub(1);
    let previous = if py == b {
        base
    } else {
        let value = match &ctx.previous {
            Ok(Some(m)) => *m,
            Ok(None) => {
                return open(
                    te,
                    format!(
                        "ingen måling for {} i {py}, så det kan ikke afgøres, om afstanden til {place} blev mindre end året før",
                        ctx.options.area.danish_name()
                    ),
                );
            }
            Err(e) => return open(te, e.clone()),
        };
        let reference = match reference_at(py) {
            Ok(Some(m)) => m,
            Ok(None) => {
                return open(
                    te,
                    format!(
                        "ingen måling for {place} i {py}, så det kan ikke afgøres, om afstanden blev mindre end året før"
                    ),
                );
            }
            Err(e) => return open(te, e),
        };
        Pair {
            year: py,
            value,
            reference,
        }
    };
    te.previous_gap = Some(previous.public(dir));
    let prev_gap = show_diff(unit, previous.gap(dir).max(Decimal::ZERO));
    let since = if py == b {
        format!("{base_gap} i {b}")
    } else {
        format!("{prev_gap} i {py} og {base_gap} i {b}")
    };
    if now.closer_than(&previous, dir) {
        te.status = Status::OnTrack;
        te.explanation = format!("afstanden til {place} blev mindre: {gap_text} mod {since}");
    } else {
        te.status = Status::OffTrack;
        te.explanation =
            format!("afstanden til {place} blev ikke mindre end året før: {gap_text} mod {since}");
    }
    te
}

/// The straight line from the baseline value in year `b` to the reference's value in
/// `by_year`, at `year` (a guide only, never a verdict).
fn guide(from: Decimal, to: Decimal, b: Year, year: Year, by_year: Year) -> Option<Decimal> {
    let span = i64::from(by_year) - i64::from(b);
    let elapsed = (i64::from(year) - i64::from(b)).min(span);
    (to - from)
        .checked_mul(Decimal::from(elapsed))
        .and_then(|d| d.checked_div(Decimal::from(span.max(1))))
        .and_then(|d| d.checked_add(from))
}

/// "Som minimum fastholdes på 2025-niveau": met exactly when the value is not above the
/// baseline.
fn not_above_baseline(ctx: &Ctx<'_>, target: &Target, cur: Measured) -> TargetEvaluation {
    let year = ctx.year;
    let unit = ctx.gi.indicator().unit();
    let (b, base) = match &ctx.baseline {
        Some(Ok(bv)) => *bv,
        Some(Err(e)) => return pending_eval(target, e),
        None => return pending_eval(target, "ingen baseline"),
    };
    if year <= b {
        let r = format!(
            "{year} er basisåret; første sammenligning er {}",
            b.saturating_add(1)
        );
        return pending_eval(target, &r);
    }
    let (status, word) = if cur.value <= base.value {
        (Status::Met, "ikke over")
    } else {
        (Status::NotMet, "over")
    };
    target_eval(
        target,
        status,
        format!(
            "{} er {word} baseline {} ({b})",
            show(unit, cur.value),
            show(unit, base.value)
        ),
    )
}

/// The verdict in one Danish sentence: the status, then each target's clause, joined by
/// "og" when they agree and "men" when one holds and another fails.
fn verdict_sentence(status: &Status, targets: &[TargetEvaluation]) -> String {
    let head = match status {
        Status::Pending { .. } => "Afventer".to_owned(),
        other => capitalised(&other.to_string()),
    };
    let mut clauses: Vec<(&str, Tone)> = Vec::with_capacity(targets.len());
    for t in targets {
        if !clauses.iter().any(|(c, _)| *c == t.explanation) {
            clauses.push((&t.explanation, tone(&t.status)));
        }
    }
    let mut out = format!("{head}: ");
    for (i, (clause, tone)) in clauses.iter().enumerate() {
        if let Some((_, before)) = i.checked_sub(1).and_then(|j| clauses.get(j)) {
            out.push_str(match (before, tone) {
                (Tone::Holds, Tone::Fails) | (Tone::Fails, Tone::Holds) => ", men ",
                (Tone::Open, _) | (_, Tone::Open) => "; ",
                _ => ", og ",
            });
        }
        out.push_str(clause);
    }
    out.push('.');
    out
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
