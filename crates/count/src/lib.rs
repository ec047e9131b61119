//! From a police-report extract (anmeldelser) to counts per area × crime category ×
//! calendar year: the crime indicators of a Copenhagen safety partnership, streamed, fast and
//! in memory that does not grow with the extract.
//!
//! Each report's position is classified into an area with `tryghed-geography`'s prepared
//! [`Locator`](tryghed_geography::Locator) (the Folehaven partnership area, or the city's
//! "udsatte byområder"); its offence code (gerningskode) is matched to crime categories with
//! `tryghed-goals`' [`CategorySet`](tryghed_goals::CategorySet); the counts go into a
//! [`CountTable`], with rates per 1,000 residents when [`Residents`] are given, and out as
//! observation rows ([`CountReport::observations`]) in exactly the format `tryghed goals`
//! and `tryghed report` read. The `tryghed count` command is a thin layer over this crate.
//!
//! ```
//! use tryghed_count::{AreaKey, CategoryKey, CountOptions, Counter, LayerChoice};
//! use tryghed_goals::{AreaId, CategorySet, Year};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A synthetic extract: two reports inside Ved Folehaven, one far outside, in EPSG:25832.
//! let extract = "\
//! id,date,code,x,y
//! S1,2025-03-14,1320,720302.0,6172500.0
//! S2,01-11-2025,2110,720302.0,6172500.0
//! S3,2026-01-02,1210,700000.0,6100000.0
//! ";
//! let counter = Counter::new(
//!     LayerChoice::Partnership,
//!     CategorySet::straffelov_2026()?,
//!     CountOptions::new(),
//! )?;
//! let report = counter.count(extract.as_bytes())?;
//!
//! let s = report.summary();
//! assert_eq!((s.rows_read(), s.classified(), s.outside(), s.skipped()), (3, 2, 1, 0));
//! assert!(s.adds_up());
//! // 2110 (a traffic code) matches no category: counted under "other" and reported.
//! assert_eq!(s.unknown_codes()[0].code().to_string(), "2110");
//!
//! let t = report.table();
//! let area = AreaKey::Area(AreaId::partnership());
//! assert_eq!(t.count(&area, &CategoryKey::Category("indbrud".parse()?), Year::new(2025)?), Some(1));
//! assert_eq!(t.count(&area, &CategoryKey::Other, Year::new(2025)?), Some(1));
//! assert_eq!(t.count(&AreaKey::Outside, &CategoryKey::All, Year::new(2026)?), Some(1));
//! // Trusler has no verified code list: its count is unknown, not 0.
//! assert_eq!(t.count(&area, &CategoryKey::Category("trusler".parse()?), Year::new(2025)?), None);
//! # Ok(())
//! # }
//! ```
//!
//! # The input
//!
//! A CSV extract with a header row, one report per row. The columns are found by name (any
//! order, other columns ignored); the names, the delimiter and the coordinate system are
//! [`CountOptions`], with these defaults:
//!
//! | column | default name | content |
//! |---|---|---|
//! | report id | `id` | optional: names rows in messages; reports are not de-duplicated |
//! | date | `date` | ISO `2026-03-01` or Danish `01-03-2026`; a time after a space or `T` is ignored |
//! | offence code | `code` | 1–12 digits (gerningskode, "overtrædelsens art") |
//! | x | `x` | easting in metres (EPSG:25832, the default) or longitude (EPSG:4326) |
//! | y | `y` | northing in metres or latitude |
//!
//! Numbers may use a decimal point or a Danish decimal comma (`720302,5`, in a `;`-separated
//! file). Fields are trimmed; a leading byte-order mark is ignored; blank lines are not rows.
//!
//! # What is counted
//!
//! - **Years** are calendar years of the report date. The Tryghedsundersøgelse of year Y
//!   reports the crime of year Y − 1 ([`tryghed_goals::crime_year_reported_in`]); the counts
//!   here are already per crime year, which is what the goals' baselines (2025) mean.
//! - **Areas**: the area containing the position, by the layer's rule (a point on a boundary
//!   is outside; where two areas overlap, the first in layer order). Reports outside every
//!   area are counted as `outside`, per category and year, not dropped.
//! - **Categories**: a report counts in every category its code matches (prefix semantics:
//!   `1320` counts in straffelovskriminalitet and indbrud); a code matching none is counted
//!   under `other` and listed in the summary; `all` counts every report. Categories whose
//!   code list is not verified (trusler, chikane in the embedded data) have *unknown* counts:
//!   no number in the table, no observation.
//! - **Rates**: `count × 1000 / residents` per area and year, exact decimals, when
//!   [`CountReport::with_residents`] is given the residents (the CSV format is in
//!   [`Residents`]).
//!
//! # Nothing is dropped
//!
//! Every data row is exactly one of: *classified* (inside an area), *outside*, or
//! *skipped*. The [`CountSummary`] has the four numbers and `rows_read == classified +
//! outside + skipped` always holds ([`CountSummary::adds_up`]). An invalid row (a missing
//! or empty field, a date that does not exist, a coordinate that is not a finite number, a
//! code that is not digits) is an error naming its line, id, column and value
//! ([`CountError::InvalidRow`]) unless [`CountOptions::with_skip_invalid`] is set; then it
//! is skipped and counted per [`SkipReason`] with its first line numbers.
//!
//! # Speed and memory
//!
//! Rows are parsed from a reused [`csv::ByteRecord`] with no allocation per valid row:
//! dates and numbers are parsed from bytes, positions classified by the prepared grid index
//! and codes matched by the allocation-free trie. The counts are a dense array per year.
//! Memory is constant in the number of rows. Figures are in `docs/performance.md`.
//!
//! # Cargo features
//!
//! - `serde`: `Serialize` for [`CountReport`], [`CountSummary`], [`CountTable`] (with its
//!   rows) and their parts, for JSON output. Rates are decimal strings. `Deserialize` for
//!   [`CountReport`] (and [`RowProblem`], [`SkipReason`]): every derived figure is recomputed
//!   and a report that does not add up is refused ([`CountError::Inconsistent`]).
//! - `rayon`: [`Counter::par_count`], which parses and counts blocks of the input on all
//!   cores with the same result as [`Counter::count`].
//!
//! # Synthetic data
//!
//! [`SyntheticExtract`] writes made-up extracts (seeded, reproducible) for tests and
//! benchmarks; the example `synthetic_extract` writes one to a file.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod counter;
mod error;
#[doc = include_str!("../docs/residents-format.md")]
pub mod residents_format {}
mod options;
mod parse;
mod report;
mod synthetic;

pub use counter::{CountArea, CountCategory, Counter, FIRST_LINES, MAX_LISTED_UNKNOWN_CODES};
pub use error::{CountError, HeaderProblem, ResidentsProblem, ResidentsProblemKind, RowProblem};
pub use options::{CountOptions, DEFAULT_MAX_RECORD_BYTES, LayerChoice, SkipReason};
pub use report::{
    ALL_NAME, AreaKey, CategoryKey, CountReport, CountRow, CountSummary, CountTable, IndicatorMap,
    OTHER_NAME, OUTSIDE_NAME, Residents, ResidentsEntry, SkipStat, UnknownCode,
};
pub use synthetic::SyntheticExtract;
/// The year type of counts and rows (from `tryghed-core`, through `tryghed-goals`).
pub use tryghed_goals::Year;
