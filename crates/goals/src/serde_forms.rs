//! The serde (TOML-friendly) forms of goals, indicators, baselines and targets. Every form
//! is validated through the same constructors as the Rust API.

use crate::Year;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    AreaId, Baseline, Dimension, Direction, Goal, GoalId, GoalIndicator, GoalsError, Indicator,
    IndicatorId, Share, Source, Target, Unit,
};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoal {
    id: GoalId,
    title: String,
    indicators: Vec<RawGoalIndicator>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIndicator {
    id: IndicatorId,
    name: String,
    unit: Unit,
    direction: Direction,
    source: Source,
    dimension: Dimension,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawGoalIndicator {
    id: IndicatorId,
    name: String,
    unit: Unit,
    direction: Direction,
    source: Source,
    dimension: Dimension,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    baseline: Option<Baseline>,
    targets: Vec<Target>,
}

/// `{ pending = "note" }`, `{ year = 2025, value = "77%" }` or `{ year = 2025 }` (observed).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBaseline {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<Year>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<RawNumber>,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawNumber {
    Int(u64),
    Text(String),
}

#[derive(Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "snake_case",
    deny_unknown_fields
)]
pub(crate) enum RawTarget {
    IncreaseEveryYear,
    ApproachReference {
        reference_area: AreaId,
        by_year: Year,
    },
    NotAboveBaseline,
    ShareAtLeast {
        numerator: u64,
        denominator: u64,
    },
    MonitorOnly,
}

/// A baseline value: `"77%"` (a percentage → 0.77), `"0.77"`, `"45.3"` or a whole number.
fn parse_baseline_value(raw: RawNumber) -> Result<Decimal, GoalsError> {
    let text = match raw {
        RawNumber::Int(n) => return Ok(Decimal::from(n)),
        RawNumber::Text(t) => t,
    };
    let bad = |reason: &str| GoalsError::InvalidValue {
        value: text.clone(),
        reason: reason.to_owned(),
    };
    let t = text.trim();
    let (number, percent) = match t.strip_suffix('%') {
        Some(p) => (p.trim_end(), true),
        None => (t, false),
    };
    let d = Decimal::from_str_exact(number)
        .map_err(|_| bad("expected a decimal number (45.3) or a percentage (77%)"))?;
    if percent {
        d.checked_div(Decimal::ONE_HUNDRED)
            .ok_or_else(|| bad("out of range"))
    } else {
        Ok(d)
    }
}

impl TryFrom<RawBaseline> for Baseline {
    type Error = GoalsError;
    fn try_from(r: RawBaseline) -> Result<Self, GoalsError> {
        let bad = |reason: &str| GoalsError::InvalidValue {
            value: "baseline".into(),
            reason: reason.to_owned(),
        };
        match (r.pending, r.year, r.value) {
            (Some(note), None, None) => Ok(Baseline::Pending { note }),
            (None, Some(year), Some(v)) => Ok(Baseline::Set {
                year,
                value: parse_baseline_value(v)?,
            }),
            (None, Some(year), None) => Ok(Baseline::Observed { year }),
            _ => Err(bad(
                "write { pending = \"…\" }, { year = 2025, value = \"77%\" } or { year = 2025 }",
            )),
        }
    }
}

impl From<Baseline> for RawBaseline {
    fn from(b: Baseline) -> Self {
        match b {
            Baseline::Pending { note } => RawBaseline {
                pending: Some(note),
                year: None,
                value: None,
            },
            Baseline::Set { year, value } => RawBaseline {
                pending: None,
                year: Some(year),
                value: Some(RawNumber::Text(value.to_string())),
            },
            Baseline::Observed { year } => RawBaseline {
                pending: None,
                year: Some(year),
                value: None,
            },
        }
    }
}

impl TryFrom<RawTarget> for Target {
    type Error = GoalsError;
    fn try_from(r: RawTarget) -> Result<Self, GoalsError> {
        Ok(match r {
            RawTarget::IncreaseEveryYear => Target::IncreaseEveryYear,
            RawTarget::ApproachReference {
                reference_area,
                by_year,
            } => Target::ApproachReference {
                reference_area,
                by_year,
            },
            RawTarget::NotAboveBaseline => Target::NotAboveBaseline,
            RawTarget::ShareAtLeast {
                numerator,
                denominator,
            } => Target::ShareAtLeast {
                minimum: Share::new(numerator, denominator)?,
            },
            RawTarget::MonitorOnly => Target::MonitorOnly,
        })
    }
}

impl From<Target> for RawTarget {
    fn from(t: Target) -> Self {
        match t {
            Target::IncreaseEveryYear => RawTarget::IncreaseEveryYear,
            Target::ApproachReference {
                reference_area,
                by_year,
            } => RawTarget::ApproachReference {
                reference_area,
                by_year,
            },
            Target::NotAboveBaseline => RawTarget::NotAboveBaseline,
            Target::ShareAtLeast { minimum } => RawTarget::ShareAtLeast {
                numerator: minimum.numerator(),
                denominator: minimum.denominator(),
            },
            Target::MonitorOnly => RawTarget::MonitorOnly,
        }
    }
}

impl TryFrom<RawIndicator> for Indicator {
    type Error = GoalsError;
    fn try_from(r: RawIndicator) -> Result<Self, GoalsError> {
        Indicator::new(r.id, r.name, r.unit, r.direction, r.source, r.dimension)
    }
}

impl From<Indicator> for RawIndicator {
    fn from(i: Indicator) -> Self {
        RawIndicator {
            id: i.id().clone(),
            name: i.name().to_owned(),
            unit: i.unit(),
            direction: i.direction(),
            source: i.source(),
            dimension: i.dimension().clone(),
        }
    }
}

impl TryFrom<RawGoalIndicator> for GoalIndicator {
    type Error = GoalsError;
    fn try_from(r: RawGoalIndicator) -> Result<Self, GoalsError> {
        let indicator = Indicator::new(r.id, r.name, r.unit, r.direction, r.source, r.dimension)?;
        GoalIndicator::new(indicator, r.baseline, r.targets)
    }
}

impl From<GoalIndicator> for RawGoalIndicator {
    fn from(g: GoalIndicator) -> Self {
        let i = g.indicator();
        RawGoalIndicator {
            id: i.id().clone(),
            name: i.name().to_owned(),
            unit: i.unit(),
            direction: i.direction(),
            source: i.source(),
            dimension: i.dimension().clone(),
            baseline: g.baseline().cloned(),
            targets: g.targets().to_vec(),
        }
    }
}

impl TryFrom<RawGoal> for Goal {
    type Error = GoalsError;
    fn try_from(r: RawGoal) -> Result<Self, GoalsError> {
        let indicators = r
            .indicators
            .into_iter()
            .map(GoalIndicator::try_from)
            .collect::<Result<Vec<_>, _>>()?;
        Goal::new(r.id, r.title, indicators)
    }
}

impl From<Goal> for RawGoal {
    fn from(g: Goal) -> Self {
        RawGoal {
            id: g.id().clone(),
            title: g.title().to_owned(),
            indicators: g.indicators().iter().cloned().map(Into::into).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baseline_forms() {
        let b: Baseline = toml::from_str::<Wrap>("b = { year = 2025, value = \"77%\" }")
            .unwrap()
            .b;
        assert_eq!(
            b,
            Baseline::Set {
                year: Year::new(2025).unwrap(),
                value: Decimal::new(77, 2)
            }
        );
        let b = toml::from_str::<Wrap>("b = { year = 2025 }").unwrap().b;
        assert_eq!(
            b,
            Baseline::Observed {
                year: Year::new(2025).unwrap()
            }
        );
        let b = toml::from_str::<Wrap>("b = { pending = \"fastlægges 2026\" }")
            .unwrap()
            .b;
        assert!(matches!(b, Baseline::Pending { .. }));
        let b = toml::from_str::<Wrap>("b = { year = 2025, value = 12 }")
            .unwrap()
            .b;
        assert_eq!(
            b,
            Baseline::Set {
                year: Year::new(2025).unwrap(),
                value: Decimal::from(12)
            }
        );
        assert!(toml::from_str::<Wrap>("b = { pending = \"x\", year = 2025 }").is_err());
        assert!(toml::from_str::<Wrap>("b = { year = 2025, value = \"lots\" }").is_err());
    }

    #[derive(Deserialize)]
    struct Wrap {
        b: Baseline,
    }
}
