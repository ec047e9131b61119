//! Indicators, baselines, targets, observations and an honest evaluation of a safety
//! partnership's goals (målsætninger), with the survey statistics behind them.
//!
//! A Copenhagen tryghedspartnerskab is judged every year by its goals: does the share of
//! residents who feel safe (Tryghedsundersøgelsen) rise and approach the city's level; are
//! the police reports (anmeldelser) at least held at the baseline; do three quarters of the
//! tryghedsplan's activities involve several partners? This crate models those goals as
//! data ([`Goal`], [`Indicator`], [`Baseline`], [`Target`]), the yearly figures as
//! [`Observations`] (read from and written to a documented CSV format, [`format`](mod@format)), crime categories as
//! versioned sets of offence codes ([`CategorySet`]), and evaluates a goal for a year
//! ([`evaluate`]) with the numbers behind each verdict and a one-sentence Danish verdict. It
//! does not claim more than the data shows: a missing baseline is [`Status::Pending`], never
//! met; survey shares carry Wilson intervals; a rise says whether it is statistically
//! significant.
//!
//! # Example
//!
//! ```
//! use tryghed_goals::{
//!     AreaId, Baseline, Dimension, Direction, EvalOptions, Goal, GoalIndicator, Indicator,
//!     IndicatorId, Observation, Observations, Share, Source, Status, Target, Unit, evaluate,
//! };
//! use tryghed_goals::Year;
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let indicator = Indicator::new(
//!     "tryg-i-nabolaget".parse()?,
//!     "Andel trygge borgere i nabolaget",
//!     Unit::ShareOfRespondents,
//!     Direction::HigherIsBetter,
//!     Source::Tryghedsundersoegelsen,
//!     Dimension::Neighbourhood,
//! )?;
//! let goal = Goal::new(
//!     "tryghed".parse()?,
//!     "Flere trygge borgere",
//!     vec![GoalIndicator::new(
//!         indicator,
//!         Some(Baseline::Observed { year: Year::new(2025)? }),
//!         vec![
//!             Target::IncreaseEveryYear,
//!             Target::ApproachReference { reference_area: AreaId::copenhagen(), by_year: Year::new(2029)? },
//!         ],
//!     )?],
//! )?;
//!
//! let id: IndicatorId = "tryg-i-nabolaget".parse()?;
//! let mut obs = Observations::new();
//! // 2025: the agreement's figures (no number of respondents given).
//! obs.insert(Observation::share(id.clone(), AreaId::partnership(), Year::new(2025)?, Share::new(77, 100)?, None)?)?;
//! obs.insert(Observation::share(id.clone(), AreaId::copenhagen(), Year::new(2025)?, Share::new(88, 100)?, None)?)?;
//! // 2026: synthetic figures with respondents.
//! obs.insert(Observation::share(id.clone(), AreaId::partnership(), Year::new(2026)?, Share::new(81, 100)?, Some(350))?)?;
//! obs.insert(Observation::share(id, AreaId::copenhagen(), Year::new(2026)?, Share::new(88, 100)?, Some(3_600))?)?;
//!
//! let result = evaluate(&goal, &obs, Year::new(2026)?, &EvalOptions::default());
//! let ind = &result.indicators()[0];
//! // The share rose (77 % → 81 %) and the gap to København narrowed (11 → 7 points).
//! assert_eq!(*result.status(), Status::OnTrack);
//! assert!(ind.verdict().starts_with("På rette vej: andelen steg fra 77 % til 81 %"));
//! assert!(ind.interval().is_some());
//! # Ok(())
//! # }
//! ```
//!
//! # Modules of the model
//!
//! Some modules are public for their long-form documentation; everything in them is also
//! re-exported at the crate root.
//!
//! - Crime categories and the offence-code matcher, with prefix semantics: the [`category`]
//!   module, [`CategorySet`] and [`OffenceCode`] (a code counts in every category one of whose codes
//!   is a prefix of it: `1320` → straffelovskriminalitet and indbrud; `3210` → narkotika).
//! - Observations, the CSV format and the survey-year convention: [`Observations`],
//!   [`crime_year_reported_in`].
//! - Statistics (Wilson score interval, two-proportion z test): the [`stats`] module,
//!   [`wilson_interval`],
//!   [`TwoProportionZTest`], [`SignificanceTest`].
//! - Totals and parts among the categories, for disclosure control: the [`sums`] module,
//!   [`CategorySet::sum_tables`], [`SumTable`].
//! - Evaluation and the status order: the [`eval`] module, [`evaluate`], [`Status`], [`EvalOptions`].
//!
//! # Cargo features
//!
//! - `serde` (off by default): `Serialize`/`Deserialize` for the public data types
//!   ([`Goal`], [`GoalIndicator`], [`Indicator`], [`Baseline`], [`Target`], [`Observation`],
//!   ids, [`Share`]) in a TOML-friendly form validated by the same constructors, and
//!   `Serialize` for the evaluation results ([`GoalEvaluation`] …) for JSON output. Decimals
//!   are serialised as strings.

#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod category;
mod error;
pub mod eval;
mod fmt;
#[doc = include_str!("../docs/observations-format.md")]
pub mod format {}
mod goal;
mod id;
mod indicator;
pub mod observation;
mod problem;
#[cfg(feature = "serde")]
mod serde_forms;
mod share;
pub mod stats;
pub mod sums;

pub use category::{
    Category, CategoryMatches, CategorySet, MAX_CATEGORIES, OffenceCode, STRAFFELOV_2026_TOML,
};
pub use error::GoalsError;
pub use eval::{
    AreaValue, Change, EvalOptions, GapAt, GoalEvaluation, IndicatorEvaluation, Significance,
    Status, TargetEvaluation, evaluate, evaluate_share_at_least,
};
pub use goal::{Baseline, Goal, GoalIndicator, Target};
pub use id::{AreaId, CategoryId, GoalId, IndicatorId};
pub use indicator::{Dimension, Direction, Indicator, Source, Unit};
pub use observation::{
    CSV_COLUMNS, Observation, Observations, ObservedValue, crime_year_reported_in, write_csv,
};
pub use problem::{ObservationColumn, ObservationProblem, ObservationProblemKind};
pub use share::Share;
pub use stats::{
    Alternative, Interval, Proportion, SignificanceTest, TestOutcome, TwoProportionZTest,
    wilson_interval,
};
pub use sums::SumTable;
/// The shared types this crate's API uses, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{ParseYearError, SlugError, SlugProblem, Year, YearError};
