//! A Copenhagen safety partnership agreement (partnerskabsaftale) as typed, checked data,
//! with the Folehaven Tryghedspartnerskab 2026–2029 embedded.
//!
//! An [`Agreement`] says who takes part (the parties, from `tryghed-parties`), for how long
//! (the [`Period`], and the partnership's earlier periods), what it works on (the focus areas,
//! indsatsområder), how it is organised (styregruppe, arbejdsgruppe, sekretariat) and how it has
//! been changed (dated [`Amendment`]s). The agreement is **data**: a TOML file, read and checked
//! by this crate. The Folehaven agreement is embedded ([`FOLEHAVEN_TOML`]); any other
//! partnership (Tingbjerg-Husum, Amager) is another file of the same format.
//!
//! # Example
//!
//! ```
//! use tryghed_agreement::Agreement;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let agreement = Agreement::folehaven();
//! assert_eq!(agreement.title(), "Folehaven Tryghedspartnerskab 2026–2029");
//!
//! // The seven forvaltninger, Københavns Politi, 3B and SAB.
//! for party in agreement.participants() {
//!     println!("{} ({})", party.name(), party.kind());
//! }
//!
//! // Any partnership in the same format, with errors that name line, column and field.
//! let text = tryghed_agreement::FOLEHAVEN_TOML.replace("\"sab\"]", "\"fsb\"]");
//! let error = tryghed_agreement::Agreement::from_toml_str(&text).unwrap_err();
//! assert!(error.to_string().contains("unknown party \"fsb\""));
//! # Ok(())
//! # }
//! ```
//!
//! # Checks
//!
//! Loading an agreement checks, and reports **every** problem at once with its line, column
//! and field:
//!
//! - the file is TOML of the documented shape (unknown keys are errors, not ignored);
//! - every id is valid and used once (parties, focus areas);
//! - every party reference resolves (parents, signatories, participants);
//! - the period ends on or after its start; earlier periods are oldest first, without overlap,
//!   and end before the current period; amendments are in date order inside the period;
//! - `[area]` names a delområde of the embedded city layer or an outline file next to the
//!   agreement file, whose estates lie inside it without overlapping ([`format`](mod@format)).
//!
//! # The area
//!
//! The agreement says where the partnership is ([`Agreement::area`]), so a program serves any
//! partnership from its file: count reports in its area, draw its map.
//!
//! ```
//! use tryghed_agreement::{Agreement, FOLEHAVEN_TOML};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let text = FOLEHAVEN_TOML.replace("name = \"Ved Folehaven\"", "name = \"Tingbjerg/Husum\"");
//! let other = Agreement::from_toml_str(&text)?;
//! assert_eq!(other.area().map(|a| a.area().name()), Some("Tingbjerg/Husum"));
//! # Ok(())
//! # }
//! ```
//!
//! # Features
//!
//! - `serde`: `Serialize` for [`Agreement`] and its parts (the CLI's `--format json`), and
//!   `Deserialize` for [`Agreement`], [`Evaluation`] and [`PlanCount`], each through the same
//!   checks as its constructor. An agreement is read back by turning its serialised form into
//!   the file's shape and checking it as [`Agreement::from_toml_str`] does (every rule of the
//!   file, every problem listed); the area's outline, the plan and meeting contexts are
//!   rebuilt, never taken from the data, and a stated outline that differs from the rebuilt
//!   one is refused. An area from an outline or estates file cannot be read back from data
//!   (its files are not in it): read such an agreement with [`Agreement::from_path`].
//!
//!   ```
//!   # #[cfg(feature = "serde")]
//!   # fn main() -> Result<(), Box<dyn std::error::Error>> {
//!   use tryghed_agreement::Agreement;
//!
//!   let json = serde_json::to_string(&Agreement::folehaven())?;
//!   assert_eq!(serde_json::from_str::<Agreement>(&json)?, Agreement::folehaven());
//!   // The file's rules apply: a signatory that is not a party is refused.
//!   let wrong = json.replace(r#""signatories":["kk""#, r#""signatories":["fsb""#);
//!   let error = serde_json::from_str::<Agreement>(&wrong).unwrap_err();
//!   assert!(error.to_string().contains("unknown party \"fsb\""));
//!   # Ok(())
//!   # }
//!   # #[cfg(not(feature = "serde"))]
//!   # fn main() {}
//!   ```
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod agreement;
mod baseline;
#[doc = include_str!("../docs/format.md")]
pub mod format {}
mod error;
mod evaluate;
mod period;

pub use agreement::{
    Agreement, Amendment, AreaOrigin, BaselineChange, Decision, FOLEHAVEN_TOML, FORMAT_VERSION,
    MAX_AREA_FILE_BYTES,
};
pub use baseline::BaselineAmendment;
pub use error::{AgreementError, Location, Problem};
pub use evaluate::{Evaluation, PlanCount, evaluate_goals, goal_year, latest_report_year};
pub use period::{Period, YearSpan};
/// The shared types this crate's API uses, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{ParseYearError, SlugError, SlugProblem, Year, YearError, Years};
/// The geography types this crate's API uses ([`Agreement::area`]), re-exported so that
/// callers need not depend on `tryghed-geography` themselves.
pub use tryghed_geography::{Estate, EstateId, PartnershipArea};
