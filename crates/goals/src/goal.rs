//! Goals (målsætninger), their indicators, baselines and targets, as validated data.

use crate::Year;
use std::fmt;

use rust_decimal::Decimal;

use crate::{AreaId, Direction, GoalId, GoalsError, Indicator, Share, Unit};

/// The starting point an indicator is judged from.
#[doc(alias = "baseline")]
#[doc(alias = "udgangspunkt")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde_forms::RawBaseline",
        into = "crate::serde_forms::RawBaseline"
    )
)]
#[non_exhaustive]
pub enum Baseline {
    /// Not fixed yet. The Folehaven 2025 crime baselines are fixed at the first report to
    /// Økonomiudvalget in 2026 and then added to the agreement; until then they are pending,
    /// and a target that needs them is never reported as met.
    Pending {
        /// Why it is pending and when it will be fixed (Danish).
        note: String,
    },
    /// A value fixed in the agreement (or an amendment) for a year. For shares a fraction
    /// (`0.77`); for rates reports per 1,000 residents; for counts the count.
    Set {
        /// The baseline year.
        year: Year,
        /// The baseline value.
        value: Decimal,
    },
    /// The partnership area's own observation for `year` (so that a figure already in the
    /// observations is not typed twice).
    Observed {
        /// The baseline year.
        year: Year,
    },
}

impl Baseline {
    /// The baseline year, unless pending.
    pub fn year(&self) -> Option<Year> {
        match self {
            Baseline::Pending { .. } => None,
            Baseline::Set { year, .. } | Baseline::Observed { year } => Some(*year),
        }
    }
}

/// A target: what counts as success for an indicator. Several targets may apply to one
/// indicator; all must hold.
#[doc(alias = "mål")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde_forms::RawTarget",
        into = "crate::serde_forms::RawTarget"
    )
)]
#[non_exhaustive]
pub enum Target {
    /// The value rises every year ("skal årligt stige"): met in year Y when the value of Y
    /// exceeds that of Y − 1 (exactly, for shares). Judged from the year after the baseline
    /// year. A rise counts whether or not it is statistically significant; the verdict says
    /// which (see [`crate::eval`]).
    IncreaseEveryYear,
    /// The value approaches a reference area's level by a year ("nærme sig
    /// københavnerniveau i 2029"), judged by the gap to the reference (the reference's value
    /// minus the area's, each of its own year, for higher-is-better):
    ///
    /// - before `by_year`: on track when the gap of Y is smaller than the gap of Y − 1 and
    ///   than the gap of the baseline year, off track otherwise;
    /// - from `by_year`: met when the gap is smaller than the baseline year's, not met
    ///   otherwise.
    ///
    /// Being at or beyond the reference's level counts as smaller. The straight line from the
    /// baseline to the reference is only a guide ([`crate::TargetEvaluation::guide`]) and
    /// never decides the status.
    ApproachReference {
        /// The reference area, e.g. `kobenhavn`.
        reference_area: AreaId,
        /// The year by which the area should have come closer, e.g. 2029.
        by_year: Year,
    },
    /// At least held at the baseline (som minimum fastholdes): met exactly when the value is
    /// ≤ the baseline. For indicators where lower is better (crime).
    NotAboveBaseline,
    /// The share is at least `minimum` (e.g. 3/4), compared in exact integer arithmetic:
    /// `den·num_obs ≥ num·den_obs`, i.e. `4·multi ≥ 3·total`.
    ShareAtLeast {
        /// The smallest acceptable share.
        minimum: Share,
    },
    /// No target: the value is reported (monitoreres) and does not affect the goal's status.
    #[doc(alias = "monitorering")]
    MonitorOnly,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::IncreaseEveryYear => f.write_str("skal stige årligt"),
            Target::ApproachReference {
                reference_area,
                by_year,
            } => write!(
                f,
                "skal nærme sig niveauet i {} i {by_year}",
                reference_area.danish_name()
            ),
            Target::NotAboveBaseline => f.write_str("skal som minimum fastholdes på baseline"),
            Target::ShareAtLeast { minimum } => write!(f, "skal være mindst {minimum}"),
            Target::MonitorOnly => f.write_str("monitoreres"),
        }
    }
}

/// An indicator of a goal with its baseline and targets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde_forms::RawGoalIndicator",
        into = "crate::serde_forms::RawGoalIndicator"
    )
)]
pub struct GoalIndicator {
    indicator: Indicator,
    baseline: Option<Baseline>,
    targets: Vec<Target>,
}

impl GoalIndicator {
    /// Validates the combination.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidGoal`] when there is no target; `MonitorOnly` is combined with
    /// another target; a target does not fit the indicator (rising for lower_is_better,
    /// not_above_baseline for higher_is_better, a share target on a non-share unit); a target
    /// that needs a baseline has none; a `Set` share baseline lies outside [0, 1] or any set
    /// baseline is negative; the baseline year is not before an `ApproachReference`'s
    /// `by_year`.
    pub fn new(
        indicator: Indicator,
        baseline: Option<Baseline>,
        targets: Vec<Target>,
    ) -> Result<Self, GoalsError> {
        let err = |field: &str, reason: String| GoalsError::InvalidGoal {
            goal: indicator.id().to_string(),
            field: field.to_owned(),
            reason,
        };
        if targets.is_empty() {
            return Err(err(
                "targets",
                "an indicator needs at least one target (or monitor_only)".into(),
            ));
        }
        if targets.len() > 1 && targets.contains(&Target::MonitorOnly) {
            return Err(err(
                "targets",
                "monitor_only cannot be combined with other targets".into(),
            ));
        }
        for t in &targets {
            match t {
                Target::IncreaseEveryYear if indicator.direction() != Direction::HigherIsBetter => {
                    return Err(err(
                        "targets",
                        "increase_every_year needs a higher_is_better indicator".into(),
                    ));
                }
                Target::NotAboveBaseline if indicator.direction() != Direction::LowerIsBetter => {
                    return Err(err(
                        "targets",
                        "not_above_baseline needs a lower_is_better indicator".into(),
                    ));
                }
                Target::ShareAtLeast { .. } if !indicator.unit().is_share() => {
                    return Err(err(
                        "targets",
                        format!(
                            "share_at_least needs a share unit, not {}",
                            indicator.unit()
                        ),
                    ));
                }
                Target::NotAboveBaseline | Target::ApproachReference { .. }
                    if baseline.is_none() =>
                {
                    return Err(err(
                        "baseline",
                        format!("the target “{t}” needs a baseline (possibly pending)"),
                    ));
                }
                Target::ApproachReference { by_year, .. } => {
                    if let Some(b) = baseline.as_ref().and_then(Baseline::year)
                        && b >= *by_year
                    {
                        return Err(err(
                            "baseline",
                            format!("the baseline year {b} must be before {by_year}"),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(Baseline::Set { value, .. }) = &baseline {
            if value.is_sign_negative() {
                return Err(err(
                    "baseline",
                    format!("a baseline cannot be negative: {value}"),
                ));
            }
            if indicator.unit().is_share() && *value > Decimal::ONE {
                return Err(err(
                    "baseline",
                    format!(
                        "a share baseline is a fraction ≤ 1 (write \"77%\" for 77 %), not {value}"
                    ),
                ));
            }
            if indicator.unit() == Unit::NumberOfReports && !value.fract().is_zero() {
                return Err(err(
                    "baseline",
                    format!("a count baseline is a whole number, not {value}"),
                ));
            }
        }
        if let Some(Baseline::Pending { note }) = &baseline
            && note.trim().is_empty()
        {
            return Err(err(
                "baseline",
                "a pending baseline needs a note saying when it is fixed".into(),
            ));
        }
        Ok(Self {
            indicator,
            baseline,
            targets,
        })
    }

    /// The indicator.
    pub fn indicator(&self) -> &Indicator {
        &self.indicator
    }
    /// The baseline, if the targets need one.
    pub fn baseline(&self) -> Option<&Baseline> {
        self.baseline.as_ref()
    }
    /// The targets (all must hold).
    pub fn targets(&self) -> &[Target] {
        &self.targets
    }
    /// Whether the indicator is only monitored (no target affects the goal).
    pub fn is_monitor_only(&self) -> bool {
        self.targets.iter().all(|t| *t == Target::MonitorOnly)
    }
}

/// A goal (målsætning) of a partnership agreement: a title and its indicators.
#[doc(alias = "målsætning")]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        try_from = "crate::serde_forms::RawGoal",
        into = "crate::serde_forms::RawGoal"
    )
)]
pub struct Goal {
    id: GoalId,
    title: String,
    indicators: Vec<GoalIndicator>,
}

impl Goal {
    /// A validated goal.
    ///
    /// # Errors
    ///
    /// [`GoalsError::InvalidGoal`] when the title is blank, there are no indicators, or an
    /// indicator id repeats.
    pub fn new(
        id: GoalId,
        title: impl Into<String>,
        indicators: Vec<GoalIndicator>,
    ) -> Result<Self, GoalsError> {
        let title = title.into();
        let err = |field: &str, reason: String| GoalsError::InvalidGoal {
            goal: id.to_string(),
            field: field.to_owned(),
            reason,
        };
        if title.trim().is_empty() {
            return Err(err("title", "a goal needs a Danish title".into()));
        }
        if indicators.is_empty() {
            return Err(err(
                "indicators",
                "a goal needs at least one indicator".into(),
            ));
        }
        for (i, gi) in indicators.iter().enumerate() {
            if indicators
                .iter()
                .take(i)
                .any(|o| o.indicator.id() == gi.indicator.id())
            {
                return Err(err(
                    "indicators",
                    format!("indicator {} repeats", gi.indicator.id()),
                ));
            }
        }
        Ok(Self {
            id,
            title,
            indicators,
        })
    }

    /// The identifier.
    pub fn id(&self) -> &GoalId {
        &self.id
    }
    /// The Danish title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The indicators with their baselines and targets.
    pub fn indicators(&self) -> &[GoalIndicator] {
        &self.indicators
    }
}
