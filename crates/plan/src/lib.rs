//! The yearly tryghedsplan of a Copenhagen safety partnership.
//!
//! This crate is being built; so far it holds the focus areas (indsatsområder) that a plan's
//! activities are placed in.
//!
//! ```
//! use tryghed_plan::{FocusArea, FocusAreaId};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let area = FocusArea::new("tryggere-byrum".parse()?, "Tryggere byrum")?;
//! assert_eq!(area.name(), "Tryggere byrum");
//! assert_eq!(area.id(), &FocusAreaId::new("tryggere-byrum")?);
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod error;
mod focus;

pub use error::PlanError;
pub use focus::{FocusArea, FocusAreaId};
