//! Indicators, baselines, targets, observations and the evaluation of a safety partnership's
//! goals (målsætninger), with survey statistics. (Work in progress.)

#![deny(missing_docs)]

mod category;
mod error;
mod fmt;
mod id;
mod indicator;
mod observation;
mod share;

pub use category::{
    Category, CategoryMatches, CategorySet, MAX_CATEGORIES, OffenceCode, STRAFFELOV_2026_TOML,
};
pub use error::GoalsError;
pub use id::{AreaId, CategoryId, GoalId, IndicatorId};
pub use indicator::{Dimension, Direction, Indicator, Source, Unit};
pub use observation::{
    CSV_COLUMNS, Observation, Observations, ObservedValue, crime_year_reported_in, write_csv,
};
pub use share::Share;
