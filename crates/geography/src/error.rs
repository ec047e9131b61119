//! The crate's one error type.

use crate::coord::Crs;

/// Everything that can go wrong in this crate: invalid coordinates, failed transformations,
/// malformed GeoJSON or WKT, invalid geometry, estate outlines that do not fit the area.
///
/// Every variant carries the offending value and, where there is one, the place it came from
/// (the feature, the line and column, the byte offset).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GeoError {
    /// A coordinate was NaN or infinite.
    #[error("{crs} coordinate ({x}, {y}) is not finite")]
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
    OutOfRange {
        /// The longitude in degrees.
        lon: f64,
        /// The latitude in degrees.
        lat: f64,
    },
    /// The projection library could not transform a coordinate.
    #[error("cannot transform ({x}, {y}) from {from} to {to}: {reason}")]
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
    },
    /// A text naming a reference system that this crate does not support.
    #[error(
        "unsupported coordinate reference system {value:?}: expected EPSG:4326 (WGS84) or EPSG:25832 (ETRS89 / UTM zone 32N)"
    )]
    UnsupportedCrs {
        /// The name as given.
        value: String,
    },
    /// A GeoJSON document declares one reference system where another was required.
    #[error(
        "the GeoJSON declares {declared}, but the caller said its coordinates are in {expected}"
    )]
    CrsMismatch {
        /// The reference system named in the document's `crs` member.
        declared: Crs,
        /// The reference system the caller asked for.
        expected: Crs,
    },
    /// The text is not valid JSON or not valid GeoJSON.
    #[error("invalid GeoJSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser reported.
        message: String,
    },
    /// Valid GeoJSON that does not have the expected shape (for example a geometry that is
    /// not a polygon, or a missing name property).
    #[error("{feature}: {message}")]
    Feature {
        /// The feature: its index, id and name where known.
        feature: String,
        /// What is wrong.
        message: String,
    },
    /// A polygon that is not valid: unclosed or too short ring, non-finite coordinate,
    /// self-intersection, hole outside its shell, overlapping parts.
    #[error("{feature}: invalid geometry: {problem}")]
    InvalidGeometry {
        /// The feature: its index, id and name where known.
        feature: String,
        /// What is wrong, with the ring and position.
        problem: String,
    },
    /// Malformed WKT text.
    #[error("invalid WKT at byte {offset}: {message}")]
    Wkt {
        /// Byte offset into the WKT text.
        offset: usize,
        /// What is wrong.
        message: String,
    },
    /// Malformed embedded or supplied CSV holding WKT.
    #[error("invalid CSV at line {line}: {message}")]
    Csv {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Two areas (or two estate outlines) overlap.
    #[error("{first} and {second} overlap")]
    Overlap {
        /// The first area or estate.
        first: String,
        /// The second area or estate.
        second: String,
    },
    /// An estate outline reaches outside the partnership area by more than the tolerance.
    #[error("estate outline {estate:?} lies outside the partnership area: {detail}")]
    EstateOutsideArea {
        /// The estate's name.
        estate: String,
        /// How far outside, in metres or square metres.
        detail: String,
    },
    /// A GeoJSON feature names an estate that is not one of the partnership's estates.
    #[error("{feature}: unknown estate {value:?} (known: {known})")]
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
    LengthMismatch {
        /// Number of x values.
        xs: usize,
        /// Number of y values.
        ys: usize,
    },
}

impl GeoError {
    pub(crate) fn from_json(err: &serde_json::Error) -> Self {
        GeoError::Json {
            line: err.line(),
            column: err.column(),
            message: err.to_string(),
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
