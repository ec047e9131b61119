//! The crate's one error type.

use crate::coord::Crs;

/// Everything that can go wrong in this crate: invalid coordinates, failed transformations,
/// malformed GeoJSON or WKT, invalid geometry, estate outlines that do not fit the area.
///
/// Every variant carries the offending value and, where there is one, the place it came from
/// (the feature, the line and column, the byte offset). The JSON parser's and the projection
/// library's own errors are kept as [`source`](std::error::Error::source).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A coordinate was NaN or infinite.
    #[error("{crs} coordinate ({x}, {y}) is not finite")]
    #[non_exhaustive]
    NonFiniteCoordinate {
        /// The reference system the coordinate was meant for.
        crs: Crs,
        /// The first value (longitude or easting).
        x: f64,
        /// The second value (latitude or northing).
        y: f64,
    },
    /// A WGS84 longitude or latitude outside its valid range.
    #[error(
        "WGS84 coordinate lon {lon}, lat {lat} is out of range (lon must be within -180..=180, lat within -90..=90)"
    )]
    #[non_exhaustive]
    OutOfRange {
        /// The longitude in degrees.
        lon: f64,
        /// The latitude in degrees.
        lat: f64,
    },
    /// A coordinate far outside the area where its reference system is used (for EPSG:25832
    /// outside [`Utm32::EASTINGS`](crate::Utm32::EASTINGS) ×
    /// [`Utm32::NORTHINGS`](crate::Utm32::NORTHINGS)).
    #[error("{crs} coordinate ({x}, {y}) is far outside the area where the system is used")]
    #[non_exhaustive]
    OutsideAreaOfUse {
        /// The reference system.
        crs: Crs,
        /// The first value (easting).
        x: f64,
        /// The second value (northing).
        y: f64,
    },
    /// The projection library could not transform a coordinate.
    #[error("cannot transform ({x}, {y}) from {from} to {to}: {reason}")]
    #[non_exhaustive]
    Transform {
        /// Source reference system.
        from: Crs,
        /// Target reference system.
        to: Crs,
        /// The first input value.
        x: f64,
        /// The second input value.
        y: f64,
        /// What the projection library reported.
        reason: String,
        /// The projection library's error, when it gave one (not for a result that is not
        /// finite).
        #[source]
        source: Option<proj4rs::errors::Error>,
    },
    /// A text naming a reference system that this crate does not support.
    #[error(
        "unsupported coordinate reference system {value:?}: expected EPSG:4326 (WGS84) or EPSG:25832 (ETRS89 / UTM zone 32N)"
    )]
    #[non_exhaustive]
    UnsupportedCrs {
        /// The name as given.
        value: String,
    },
    /// A GeoJSON document declares one reference system where another was required.
    #[error(
        "the GeoJSON declares {declared}, but the caller said its coordinates are in {expected}"
    )]
    #[non_exhaustive]
    CrsMismatch {
        /// The reference system named in the document's `crs` member.
        declared: Crs,
        /// The reference system the caller asked for.
        expected: Crs,
    },
    /// The text is not valid JSON or not valid GeoJSON.
    #[error("invalid GeoJSON at line {line}, column {column}: {message}")]
    #[non_exhaustive]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser reported.
        message: String,
        /// The parser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Valid GeoJSON that does not have the expected shape (for example a geometry that is
    /// not a polygon, or a missing name property).
    #[error("{feature}: {message}")]
    #[non_exhaustive]
    Feature {
        /// The feature: its index, id and name where known.
        feature: String,
        /// What is wrong.
        message: String,
        /// The same in Danish, for a person.
        message_da: String,
    },
    /// A polygon that is not valid: unclosed or too short ring, non-finite coordinate,
    /// self-intersection, hole outside its shell, overlapping parts.
    #[error("{feature}: invalid geometry: {problem}")]
    #[non_exhaustive]
    InvalidGeometry {
        /// The feature: its index, id and name where known.
        feature: String,
        /// What is wrong, with the ring and position.
        problem: GeometryProblem,
    },
    /// Malformed WKT text.
    #[error("invalid WKT at byte {offset}: {message}")]
    #[non_exhaustive]
    Wkt {
        /// Byte offset into the WKT text.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// Malformed embedded or supplied CSV holding WKT.
    #[error("invalid CSV at line {line}: {message}")]
    #[non_exhaustive]
    Csv {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Two areas (or two estate outlines) overlap.
    #[error("{first} and {second} overlap")]
    #[non_exhaustive]
    Overlap {
        /// The first area or estate.
        first: String,
        /// The second area or estate.
        second: String,
    },
    /// An estate outline reaches outside the partnership area by more than the tolerance.
    #[error("estate outline {estate:?} lies outside the partnership area: {detail}")]
    #[non_exhaustive]
    EstateOutsideArea {
        /// The estate's name.
        estate: String,
        /// How far outside, in metres or square metres.
        detail: String,
    },
    /// A name that is not a delområde of the embedded city layer "Udsatte byområder".
    #[error(
        "{value:?} is not a delområde of the city layer \"Udsatte byområder\" (2023-07-18); its delområder are {}",
        known.iter().map(|k| format!("{k:?}")).collect::<Vec<_>>().join(", ")
    )]
    UnknownDelomraade {
        /// The name as given.
        value: String,
        /// The layer's delområder, in layer order.
        known: Vec<String>,
    },
    /// A GeoJSON feature names an estate that is not one of the partnership's estates.
    #[error("{feature}: unknown estate {value:?} (known: {known})")]
    #[non_exhaustive]
    UnknownEstate {
        /// The feature.
        feature: String,
        /// The value of its estate property.
        value: String,
        /// The estates of the partnership.
        known: String,
    },
    /// Two GeoJSON features give an outline for the same estate.
    #[error("{feature}: a second outline for estate {estate:?}")]
    #[non_exhaustive]
    DuplicateEstate {
        /// The second feature.
        feature: String,
        /// The estate's name.
        estate: String,
    },
    /// An estate identifier that is not a slug.
    #[error(transparent)]
    InvalidEstateId(#[from] tryghed_core::SlugError),
    /// The `xs` and `ys` columns of a columnar call differ in length.
    #[error("column lengths differ: {xs} x values but {ys} y values")]
    #[non_exhaustive]
    LengthMismatch {
        /// Number of x values.
        xs: usize,
        /// Number of y values.
        ys: usize,
    },
}

/// A ring of a multipolygon: the polygon's index and, for a hole, the hole's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RingRef {
    polygon: usize,
    hole: Option<usize>,
}

impl RingRef {
    pub(crate) fn new(polygon: usize, hole: Option<usize>) -> Self {
        RingRef { polygon, hole }
    }

    /// The polygon's index in the multipolygon (0 for a plain polygon).
    pub fn polygon(&self) -> usize {
        self.polygon
    }

    /// The hole's index among the polygon's interior rings; `None` for the exterior ring.
    pub fn hole(&self) -> Option<usize> {
        self.hole
    }
}

impl std::fmt::Display for RingRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.hole {
            None => write!(f, "polygon {}, exterior ring", self.polygon),
            Some(h) => write!(f, "polygon {}, interior ring {h}", self.polygon),
        }
    }
}

/// What is wrong with a geometry, with the ring and position (or point) at fault: the
/// problem of [`GeoError::InvalidGeometry`].
///
/// Positions are `[x, y]` in the geometry's own reference system.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeometryProblem {
    /// A multipolygon without polygons.
    #[error("the multipolygon has no polygons")]
    NoPolygons,
    /// A polygon without rings.
    #[error("polygon {polygon} has no rings")]
    #[non_exhaustive]
    NoRings {
        /// The polygon's index.
        polygon: usize,
    },
    /// A ring with fewer than 4 positions (as given, or distinct for the whole-geometry
    /// check).
    #[error("{ring} has {positions} positions; a closed ring needs at least 4")]
    #[non_exhaustive]
    TooFewPositions {
        /// The ring.
        ring: RingRef,
        /// How many it has.
        positions: usize,
    },
    /// A position that is not 2-D.
    #[error("{ring}, position {position} has {values} values; only 2-D positions are supported")]
    #[non_exhaustive]
    NotTwoDimensional {
        /// The ring.
        ring: RingRef,
        /// The position's index in the ring.
        position: usize,
        /// How many values it has.
        values: usize,
    },
    /// A NaN or infinite coordinate.
    #[error("{ring}, position {position}: ({}, {}) is not finite", at[0], at[1])]
    #[non_exhaustive]
    NotFinite {
        /// The ring.
        ring: RingRef,
        /// The position's index in the ring.
        position: usize,
        /// The position.
        at: [f64; 2],
    },
    /// A WGS84 position outside ±180° / ±90°.
    #[error("{ring}, position {position}: lon {}, lat {} is out of the WGS84 range", at[0], at[1])]
    #[non_exhaustive]
    OutOfRange {
        /// The ring.
        ring: RingRef,
        /// The position's index in the ring.
        position: usize,
        /// The position.
        at: [f64; 2],
    },
    /// A position far outside the reference system's area of use (for EPSG:25832 outside
    /// [`Utm32::EASTINGS`](crate::Utm32::EASTINGS) ×
    /// [`Utm32::NORTHINGS`](crate::Utm32::NORTHINGS)).
    #[error("{ring}, position {position}: ({}, {}) is far outside the area where {crs} is used", at[0], at[1])]
    #[non_exhaustive]
    OutsideAreaOfUse {
        /// The ring.
        ring: RingRef,
        /// The position's index in the ring.
        position: usize,
        /// The position.
        at: [f64; 2],
        /// The reference system.
        crs: Crs,
    },
    /// A ring whose last position differs from its first.
    #[error("{ring} is not closed: first position ({}, {}) differs from last ({}, {})", first[0], first[1], last[0], last[1])]
    #[non_exhaustive]
    NotClosed {
        /// The ring.
        ring: RingRef,
        /// The first position.
        first: [f64; 2],
        /// The last position.
        last: [f64; 2],
    },
    /// More vertices than [`MAX_VERTICES`](crate::MAX_VERTICES).
    #[error("{vertices} positions; at most {limit} are accepted")]
    #[non_exhaustive]
    TooManyVertices {
        /// How many positions the geometry has.
        vertices: usize,
        /// The limit.
        limit: usize,
    },
    /// Too many pairs of segments overlap in x to check the geometry in bounded time (more
    /// than [`MAX_SEGMENT_PAIRS`](crate::MAX_SEGMENT_PAIRS)): thousands of long segments
    /// stacked above each other.
    #[error(
        "{pairs} pairs of segments overlap from west to east; at most {limit} are checked (the outline has too many long segments stacked above each other)"
    )]
    #[non_exhaustive]
    TooComplex {
        /// How many pairs of segments have overlapping x-ranges.
        pairs: u64,
        /// The limit.
        limit: u64,
    },
    /// A ring that crosses or touches itself other than where consecutive segments meet.
    #[error("{ring} has a self-intersection at ({}, {})", at[0], at[1])]
    #[non_exhaustive]
    SelfIntersection {
        /// The ring.
        ring: RingRef,
        /// Where.
        at: [f64; 2],
    },
    /// Two rings of one polygon cross.
    #[error("{first} and {second} cross at ({}, {})", at[0], at[1])]
    #[non_exhaustive]
    RingsCross {
        /// The first ring.
        first: RingRef,
        /// The second ring.
        second: RingRef,
        /// Where.
        at: [f64; 2],
    },
    /// Two rings of one polygon share a line (they may touch only at points).
    #[error("{first} and {second} share a line from ({}, {})", at[0], at[1])]
    #[non_exhaustive]
    RingsShareALine {
        /// The first ring.
        first: RingRef,
        /// The second ring.
        second: RingRef,
        /// Where the shared line starts.
        at: [f64; 2],
    },
    /// A hole that is not inside its polygon's exterior ring.
    #[error("{ring} is not contained in its polygon's exterior ring (at ({}, {}))", at[0], at[1])]
    #[non_exhaustive]
    HoleOutsideShell {
        /// The hole.
        ring: RingRef,
        /// A point of the hole outside the exterior ring.
        at: [f64; 2],
    },
    /// A hole inside another hole of the same polygon.
    #[error("{first} lies inside {second} (at ({}, {}))", at[0], at[1])]
    #[non_exhaustive]
    HolesOverlap {
        /// The inner hole.
        first: RingRef,
        /// The outer hole.
        second: RingRef,
        /// A point of the first inside the second.
        at: [f64; 2],
    },
    /// Two polygons of the multipolygon overlap.
    #[error("polygons {first} and {second} overlap (at ({}, {}))", at[0], at[1])]
    #[non_exhaustive]
    PartsOverlap {
        /// The lower index.
        first: usize,
        /// The higher index.
        second: usize,
        /// A point in both.
        at: [f64; 2],
    },
    /// Two polygons of the multipolygon share a line (they may touch only at points).
    #[error("polygons {first} and {second} share a line from ({}, {})", at[0], at[1])]
    #[non_exhaustive]
    PartsShareALine {
        /// The first polygon.
        first: usize,
        /// The second polygon.
        second: usize,
        /// Where the shared line starts.
        at: [f64; 2],
    },
}

impl GeoError {
    pub(crate) fn from_json(err: serde_json::Error) -> Self {
        GeoError::Json {
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
            source: err,
        }
    }
}

/// A feature label of [`feature_label`](crate::geometry::feature_label) in Danish:
/// "objekt 3 (id "a", navn "b")".
fn feature_da(label: &str) -> String {
    label
        .replacen("feature ", "objekt ", 1)
        .replacen(", name ", ", navn ", 1)
        .replacen("(name ", "(navn ", 1)
}

impl GeoError {
    /// The problem as a Danish sentence for the person who made the file (the `Display` text
    /// is English and stable for services).
    ///
    /// ```
    /// use tryghed_geography::PartnershipArea;
    ///
    /// let e = PartnershipArea::from_city_layer("Folehaven").unwrap_err();
    /// assert!(e.message_da().starts_with("\"Folehaven\" er ikke et delområde i kortlaget"));
    /// ```
    #[must_use]
    pub fn message_da(&self) -> String {
        match self {
            Self::NonFiniteCoordinate { crs, x, y } => {
                format!("koordinaten ({x}, {y}) i {crs} er ikke et endeligt tal")
            }
            Self::OutOfRange { lon, lat } => format!(
                "WGS84-koordinaten lon {lon}, lat {lat} er uden for intervallet (lon -180..180, lat -90..90)"
            ),
            Self::OutsideAreaOfUse { crs, x, y } => format!(
                "koordinaten ({x}, {y}) i {crs} ligger langt uden for det område, systemet bruges i"
            ),
            Self::Transform { from, to, x, y, .. } => {
                format!("({x}, {y}) kan ikke omregnes fra {from} til {to}")
            }
            Self::UnsupportedCrs { value } => format!(
                "referencesystemet \"{value}\" understøttes ikke; brug EPSG:4326 (WGS84) eller EPSG:25832 (ETRS89 / UTM zone 32N)"
            ),
            Self::CrsMismatch { declared, expected } => format!(
                "GeoJSON-filen angiver {declared}, men koordinaterne skulle være i {expected}"
            ),
            Self::Json { line, column, .. } => {
                format!("filen er ikke gyldig GeoJSON (linje {line}, kolonne {column})")
            }
            Self::Feature {
                feature,
                message_da,
                ..
            } => format!("{}: {message_da}", feature_da(feature)),
            Self::InvalidGeometry { feature, problem } => format!(
                "{}: ugyldig geometri: {}",
                feature_da(feature),
                problem.message_da()
            ),
            Self::Wkt { offset, .. } => format!("ugyldig WKT ved byte {offset}"),
            Self::Csv { line, .. } => format!("CSV-filen kan ikke læses (linje {line})"),
            Self::Overlap { first, second } => {
                format!("{} og {} overlapper", feature_da(first), feature_da(second))
            }
            Self::EstateOutsideArea { estate, .. } => {
                format!("afdelingen \"{estate}\" ligger uden for partnerskabets område")
            }
            Self::UnknownDelomraade { value, known } => format!(
                "\"{value}\" er ikke et delområde i kortlaget \"Udsatte byområder\" (2023-07-18); delområderne er {}",
                known
                    .iter()
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::UnknownEstate {
                feature,
                value,
                known,
            } => format!(
                "{}: ukendt afdeling \"{value}\" (kendte: {known})",
                feature_da(feature)
            ),
            Self::DuplicateEstate { feature, estate } => format!(
                "{}: afdelingen \"{estate}\" har allerede et omrids",
                feature_da(feature)
            ),
            Self::InvalidEstateId(e) => e.message_da("et afdelings-id"),
            Self::LengthMismatch { xs, ys } => {
                format!("kolonnerne er ikke lige lange: {xs} x-værdier, men {ys} y-værdier")
            }
        }
    }
}

impl RingRef {
    /// The ring in Danish: "polygon 0, ydre ring" or "polygon 0, hul 1".
    fn da(self) -> String {
        match self.hole {
            None => format!("polygon {}, ydre ring", self.polygon),
            Some(h) => format!("polygon {}, hul {h}", self.polygon),
        }
    }
}

impl GeometryProblem {
    /// The problem as a Danish sentence.
    #[must_use]
    #[allow(clippy::too_many_lines, reason = "one sentence per variant")]
    pub fn message_da(&self) -> String {
        let p = |at: &[f64; 2]| format!("({}, {})", at[0], at[1]);
        match self {
            Self::NoPolygons => "multipolygonen har ingen polygoner".to_owned(),
            Self::NoRings { polygon } => format!("polygon {polygon} har ingen ringe"),
            Self::TooFewPositions { ring, positions } => format!(
                "{} har {positions} punkter; en lukket ring skal have mindst 4",
                ring.da()
            ),
            Self::NotTwoDimensional {
                ring,
                position,
                values,
            } => format!(
                "{}, punkt {position} har {values} værdier; kun punkter i 2-D kan bruges",
                ring.da()
            ),
            Self::NotFinite { ring, position, at } => {
                format!("{}, punkt {position}: {} er ikke endelig", ring.da(), p(at))
            }
            Self::OutOfRange { ring, position, at } => format!(
                "{}, punkt {position}: lon {}, lat {} er uden for WGS84's interval",
                ring.da(),
                at[0],
                at[1]
            ),
            Self::OutsideAreaOfUse {
                ring,
                position,
                at,
                crs,
            } => format!(
                "{}, punkt {position}: {} ligger langt uden for det område, hvor {crs} bruges",
                ring.da(),
                p(at)
            ),
            Self::NotClosed { ring, first, last } => format!(
                "{} er ikke lukket: første punkt {} er ikke det sidste {}",
                ring.da(),
                p(first),
                p(last)
            ),
            Self::TooManyVertices { vertices, limit } => {
                format!("{vertices} punkter; højst {limit} kan bruges")
            }
            Self::TooComplex { pairs, limit } => format!(
                "{pairs} par af linjestykker overlapper fra vest til øst; højst {limit} kontrolleres (omridset har for mange lange linjestykker over hinanden)"
            ),
            Self::SelfIntersection { ring, at } => {
                format!("{} skærer sig selv i {}", ring.da(), p(at))
            }
            Self::RingsCross { first, second, at } => {
                format!(
                    "{} og {} krydser hinanden i {}",
                    first.da(),
                    second.da(),
                    p(at)
                )
            }
            Self::RingsShareALine { first, second, at } => format!(
                "{} og {} har en fælles linje fra {}",
                first.da(),
                second.da(),
                p(at)
            ),
            Self::HoleOutsideShell { ring, at } => format!(
                "{} ligger ikke inden for sin polygons ydre ring (ved {})",
                ring.da(),
                p(at)
            ),
            Self::HolesOverlap { first, second, at } => {
                format!(
                    "{} ligger inden i {} (ved {})",
                    first.da(),
                    second.da(),
                    p(at)
                )
            }
            Self::PartsOverlap { first, second, at } => {
                format!("polygonerne {first} og {second} overlapper (ved {})", p(at))
            }
            Self::PartsShareALine { first, second, at } => format!(
                "polygonerne {first} og {second} har en fælles linje fra {}",
                p(at)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static() {
        fn assert_bounds<T: Send + Sync + 'static + std::error::Error>() {}
        assert_bounds::<GeoError>();
    }

    #[test]
    fn messages_name_the_value() {
        let e = GeoError::OutOfRange {
            lon: 200.0,
            lat: 55.0,
        };
        assert!(e.to_string().contains("200"));
        let e = GeoError::LengthMismatch { xs: 3, ys: 2 };
        assert_eq!(
            e.to_string(),
            "column lengths differ: 3 x values but 2 y values"
        );
    }
}
