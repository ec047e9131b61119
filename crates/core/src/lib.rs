//! Small validated types that every tryghed crate shares, so that they agree on what a year
//! and an identifier are.
//!
//! * [`Year`]: a calendar year from 1900 to 2199 (our rule: the years a partnership's data can
//!   name; anything else is a typo). Budgets, periods, plans, observations, evaluations, counts
//!   and reports all use it, so a loop over an agreement's years feeds every crate.
//! * [`check_slug`] and [`slug_id!`]: the one slug rule of every identifier (`PartyId`,
//!   `LineId`, `ActivityId`, `GoalId`, `FocusAreaId`, `EstateId`, …) and the macro that
//!   defines each crate's identifier type by it, with [`SlugError`] saying what is wrong.
//!
//! The other crates re-export what their public API uses ([`Year`], [`SlugError`],
//! [`SlugProblem`]), so a service depending on one of them does not need this crate directly.
//!
//! # Example
//!
//! ```
//! use tryghed_core::{Year, YearError};
//!
//! let period: Vec<Year> = Year::try_from(2026)?.through(Year::try_from(2029)?).collect();
//! assert_eq!(period.len(), 4);
//! assert_eq!(period[0].to_string(), "2026");
//! assert_eq!(Year::try_from(9999).map_err(|e| e.value()), Err(9999));
//! # Ok::<(), YearError>(())
//! ```
//!
//! # Features
//!
//! * `serde`: `Year` reads and writes as an integer, checked on the way in.
//! * `schemars`: a JSON Schema for `Year` (an integer from 1900 to 2199).
//! * `chrono`: `Year` from a `chrono::NaiveDate`, and its first and last day.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod slug;
mod year;

pub use slug::{SLUG_MAX_LEN, SlugError, SlugProblem, check_slug};
pub use year::{ParseYearError, Year, YearError, Years};
