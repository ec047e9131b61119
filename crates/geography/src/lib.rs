//! The geography of Copenhagen's safety partnerships (tryghedspartnerskaber): the
//! Folehaven partnership area (partnerskabsområde) and its four estates, the city's 17
//! "udsatte byområder", coordinates in EPSG:25832 and WGS84, GeoJSON, and fast point
//! classification: "is this police report inside the partnership area, and in which estate?"
//!
//! ```
//! use tryghed_geography::{Layer, Locator, PartnershipArea, Utm32, Wgs84};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Which of the city's areas is this point in? Build the index once, then ask often.
//! let city = Locator::new(Layer::city()?);
//! let report = Wgs84::new(12.5005, 55.6505)?;
//! assert_eq!(city.locate(report).map(|a| a.name()), Some("Ved Folehaven"));
//!
//! // Convert between WGS84 degrees and EPSG:25832 metres (proj4rs, agrees with PROJ).
//! let metres: Utm32 = report.to_utm32()?;
//! assert!((metres.to_wgs84()?.lon() - report.lon()).abs() < 1e-9);
//!
//! // The partnership area in its native EPSG:25832, with its published area.
//! let folehaven = PartnershipArea::folehaven()?;
//! assert!((folehaven.area().area_m2() - 563_796.0).abs() < 1.0);
//! let partnership = folehaven.locator::<Utm32>()?;
//! let place = partnership.locate(metres);
//! assert_eq!(place.map(|p| p.name()), Some("Ved Folehaven"));
//! # Ok(())
//! # }
//! ```
//!
//! # Coordinates
//!
//! [`Wgs84`] (longitude, latitude in degrees; EPSG:4326) and [`Utm32`] (easting, northing in
//! metres; EPSG:25832, ETRS89 / UTM zone 32N) are distinct types with validating
//! constructors, so degrees can never be passed where metres are expected. [`Area`],
//! [`Layer`] and [`Locator`] are generic over them ([`CrsCoord`]). Conversion uses proj4rs,
//! pure Rust; it agrees with PROJ 9.5 to about 0.1 mm on the 1,000 reference points in
//! `tests/data` (the fixture's own rounding).
//!
//! # The data
//!
//! - [`PartnershipArea::folehaven`]: Københavns Kommune's outline "Ved Folehaven" from the
//!   layer "Udsatte byområder", embedded in its native EPSG:25832 (124 vertices,
//!   563,796 m²), and the four estates (afdelinger): Folehaven (Boligforeningen 3B, 972
//!   homes), Elleparken (SAB, 270 homes), Bærhaven and Elmehaven (owner and homes unknown:
//!   `None`). **No estate has an outline**: no public outline of a single estate was found,
//!   so [`Estate::boundary`] is `None` until a user supplies official outlines with
//!   [`PartnershipArea::with_estate_outlines`], which checks that each lies inside the area
//!   within [`ESTATE_TOLERANCE_M`] and that none overlap.
//! - [`Layer::city`]: all 17 "udsatte byområder" of 2023-07-18 in WGS84, named by their
//!   `delomraade`; [`Layer::city_utm32`] is the same in EPSG:25832. Two of them, Nordvest and
//!   Ydre Nørrebro, overlap in the published data (about 44,600 m²); a point there is given to
//!   the first in layer order (Nordvest).
//!
//! **Credit:** Contains data from Københavns Kommune, *Udsatte byområder* (opendata.dk),
//! CC BY 4.0 ([`DATA_CREDIT`]). Provenance: `data/PROVENANCE.md` in the crate.
//!
//! # GeoJSON
//!
//! [`Layer::from_geojson`] reads RFC 7946 GeoJSON (WGS84), or EPSG:25832 when the document
//! declares it in a legacy `crs` member or the caller says so ([`Layer::from_geojson_in`]),
//! and transforms the polygons into the layer's system. Every geometry is validated: closed
//! rings of at least 4 positions, finite 2-D coordinates (within ±180°/±90° for WGS84, within
//! [`Utm32::EASTINGS`] × [`Utm32::NORTHINGS`] for EPSG:25832), at most [`MAX_VERTICES`]
//! positions, no self-intersection, holes inside shells, parts neither overlapping nor
//! sharing a line (geo's validation rules, checked with one sweep over the segments in about
//! linear time for outlines such as these). Each error names the feature (index, id, name)
//! and says what is wrong as a [`GeometryProblem`] with the ring and position.
//! [`Layer::to_geojson`] writes it back.
//!
//! # Classification and the boundary rule
//!
//! A [`Locator`] is a prepared index built once per layer: a grid over the layer's bounding
//! box answers most points with one lookup; points near a boundary go to geo's
//! `IntervalTreeMultiPolygon`. It has single, batch, columnar (`xs`/`ys`) and parallel forms
//! that agree point by point: about 11 ns per point on one core for the city layer (see
//! `docs/performance.md`).
//!
//! **Boundary rule:** a point exactly on an area's boundary is *outside* it, as in GEOS /
//! shapely `contains` and `geo::Contains`. NaN or infinite raw values are outside every area.
//!
//! Classify in the polygons' own system: for points in WGS84 use a `Locator<Wgs84>`, for
//! points in metres transform the layer once ([`Layer::transform`]) rather than the points.
//!
//! # Cargo features
//!
//! - `serde`: `Serialize`/`Deserialize` for [`Crs`], [`Wgs84`], [`Utm32`], [`EstateId`] and
//!   [`Estate`] (its outline as a GeoJSON geometry in EPSG:25832); deserialising validates
//!   through the same constructors and geometry checks. Areas and layers are exchanged as
//!   GeoJSON ([`Layer::to_geojson`]).
//! - `rayon`: `Locator::par_locate_batch` and `Locator::par_locate_columns`, which
//!   classify on all cores.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod area;
mod coord;
mod error;
mod estate;
mod geometry;
mod locate;
mod validate;
mod wkt;

pub use area::{Area, Layer};
pub use coord::{Crs, CrsCoord, Utm32, Wgs84};
pub use error::{GeoError, GeometryProblem, RingRef};
pub use estate::{
    DATA_CREDIT, DATA_CREDIT_DA, ESTATE_TOLERANCE_M, Estate, EstateId, PartnershipArea,
    PartnershipLocator, Place,
};
/// The geometry types of this crate's API ([`Area::geometry`], the conversions of [`Wgs84`] and
/// [`Utm32`]), re-exported so that callers use the same version.
pub use geo_types;
pub use geometry::{MAX_SEGMENT_PAIRS, MAX_VERTICES};
pub use locate::Locator;
/// The shared slug types this crate's API uses, re-exported so that callers need not depend on
/// `tryghed-core` themselves.
pub use tryghed_core::{SlugError, SlugProblem};
