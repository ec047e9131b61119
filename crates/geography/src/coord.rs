//! Coordinate reference systems and coordinates that keep them apart.

use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use proj4rs::Proj;

use crate::GeoError;

/// A coordinate reference system (koordinatsystem) supported by this crate.
///
/// Parses from `"4326"`, `"EPSG:4326"`, `"urn:ogc:def:crs:EPSG::4326"`, `"CRS84"` and the
/// same forms of `25832`; displays as `EPSG:4326` / `EPSG:25832`.
///
/// ```
/// use tryghed_geography::Crs;
/// assert_eq!("25832".parse::<Crs>()?, Crs::Etrs89Utm32);
/// assert_eq!(Crs::Wgs84.to_string(), "EPSG:4326");
/// # Ok::<(), tryghed_geography::GeoError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "String", into = "String"))]
#[non_exhaustive]
#[doc(alias = "koordinatsystem")]
pub enum Crs {
    /// WGS84 longitude/latitude in degrees (EPSG:4326, axis order lon, lat as in RFC 7946).
    Wgs84,
    /// ETRS89 / UTM zone 32N, easting/northing in metres (EPSG:25832): the native system of
    /// Københavns Kommune's map layers.
    Etrs89Utm32,
}

impl Crs {
    /// The EPSG code: 4326 or 25832.
    pub fn epsg(self) -> u32 {
        match self {
            Crs::Wgs84 => 4326,
            Crs::Etrs89Utm32 => 25832,
        }
    }

    /// The OGC URN used in a GeoJSON legacy `crs` member, e.g. `urn:ogc:def:crs:EPSG::25832`.
    pub fn urn(self) -> String {
        format!("urn:ogc:def:crs:EPSG::{}", self.epsg())
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{}", self.epsg())
    }
}

impl FromStr for Crs {
    type Err = GeoError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let lower = t.to_ascii_lowercase();
        if lower == "crs84" || lower == "urn:ogc:def:crs:ogc:1.3:crs84" || lower == "wgs84" {
            return Ok(Crs::Wgs84);
        }
        // Accept "4326", "EPSG:4326", "epsg::4326", "urn:ogc:def:crs:EPSG::4326" and
        // "urn:ogc:def:crs:EPSG:9.9:4326": the code is the last ':'-separated part, and
        // anything before it must name EPSG.
        let (prefix, code) = match lower.rsplit_once(':') {
            Some((prefix, code)) => (prefix, code),
            None => ("epsg", lower.as_str()),
        };
        let names_epsg =
            prefix == "epsg" || prefix == "epsg:" || prefix.starts_with("urn:ogc:def:crs:epsg:");
        match (names_epsg, code) {
            (true, "4326") => Ok(Crs::Wgs84),
            (true, "25832") => Ok(Crs::Etrs89Utm32),
            _ => Err(GeoError::UnsupportedCrs {
                value: s.to_owned(),
            }),
        }
    }
}

impl TryFrom<String> for Crs {
    type Error = GeoError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Crs> for String {
    fn from(value: Crs) -> Self {
        value.to_string()
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Wgs84 {}
    impl Sealed for super::Utm32 {}
}

/// A coordinate type tied to one reference system: [`Wgs84`] or [`Utm32`].
///
/// Layers, areas and locators are generic over it, so a locator built for metres only accepts
/// [`Utm32`] points and one built for degrees only accepts [`Wgs84`] points. The trait is
/// sealed.
pub trait CrsCoord: sealed::Sealed + Copy + fmt::Debug + PartialEq + Send + Sync + 'static {
    /// The reference system of this coordinate type.
    const CRS: Crs;

    /// Builds a validated coordinate from its two values (lon/lat or easting/northing).
    ///
    /// # Errors
    ///
    /// [`GeoError::NonFiniteCoordinate`] for NaN or infinite values;
    /// [`GeoError::OutOfRange`] for WGS84 values outside ±180° / ±90°.
    fn from_xy(x: f64, y: f64) -> Result<Self, GeoError>;

    /// The first value: longitude (degrees) or easting (metres).
    fn x(self) -> f64;

    /// The second value: latitude (degrees) or northing (metres).
    fn y(self) -> f64;
}

/// A WGS84 position in degrees, longitude first (EPSG:4326, the order of RFC 7946 GeoJSON).
///
/// Always finite, longitude within −180..=180 and latitude within −90..=90.
///
/// ```
/// use tryghed_geography::Wgs84;
/// // A row of the PROJ reference fixture in tests/data.
/// let p = Wgs84::new(12.430282040, 55.646418686)?;
/// let utm = p.to_utm32()?;
/// assert!((utm.easting() - 715_841.4842).abs() < 0.001);
/// assert!((utm.northing() - 6_172_064.8647).abs() < 0.001);
/// # Ok::<(), tryghed_geography::GeoError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawWgs84"))]
#[doc(alias = "lonlat")]
#[doc(alias = "EPSG:4326")]
pub struct Wgs84 {
    lon: f64,
    lat: f64,
}

/// The unvalidated serde form of [`Wgs84`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawWgs84 {
    lon: f64,
    lat: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawWgs84> for Wgs84 {
    type Error = GeoError;
    fn try_from(raw: RawWgs84) -> Result<Self, Self::Error> {
        Wgs84::new(raw.lon, raw.lat)
    }
}

impl Wgs84 {
    /// A WGS84 position from longitude and latitude in degrees.
    ///
    /// # Errors
    ///
    /// [`GeoError::NonFiniteCoordinate`] if either value is NaN or infinite,
    /// [`GeoError::OutOfRange`] if the longitude is outside −180..=180 or the latitude outside
    /// −90..=90.
    pub fn new(lon: f64, lat: f64) -> Result<Self, GeoError> {
        if !lon.is_finite() || !lat.is_finite() {
            return Err(GeoError::NonFiniteCoordinate {
                crs: Crs::Wgs84,
                x: lon,
                y: lat,
            });
        }
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(GeoError::OutOfRange { lon, lat });
        }
        Ok(Wgs84 { lon, lat })
    }

    /// Longitude in degrees east.
    pub fn lon(self) -> f64 {
        self.lon
    }

    /// Latitude in degrees north.
    pub fn lat(self) -> f64 {
        self.lat
    }

    /// Projects to ETRS89 / UTM zone 32N (EPSG:25832) with proj4rs.
    ///
    /// ETRS89 and WGS84 are treated as the same datum (a null transformation), as PROJ does
    /// for EPSG:4326 → EPSG:25832.
    ///
    /// # Errors
    ///
    /// [`GeoError::Transform`] if the projection fails for this position.
    pub fn to_utm32(self) -> Result<Utm32, GeoError> {
        let (e, n) = transform_xy(Crs::Wgs84, Crs::Etrs89Utm32, self.lon, self.lat)?;
        Utm32::new(e, n)
    }
}

impl fmt::Display for Wgs84 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lon {}°, lat {}° (EPSG:4326)", self.lon, self.lat)
    }
}

impl CrsCoord for Wgs84 {
    const CRS: Crs = Crs::Wgs84;
    fn from_xy(x: f64, y: f64) -> Result<Self, GeoError> {
        Wgs84::new(x, y)
    }
    fn x(self) -> f64 {
        self.lon
    }
    fn y(self) -> f64 {
        self.lat
    }
}

/// An ETRS89 / UTM zone 32N position in metres (EPSG:25832), easting first.
///
/// This is the reference system Københavns Kommune publishes its layers in. Always finite.
///
/// ```
/// use tryghed_geography::Utm32;
/// let p = Utm32::new(720_302.0, 6_172_500.0)?;
/// let lonlat = p.to_wgs84()?;
/// assert!((lonlat.lat() - 55.65).abs() < 0.01);
/// # Ok::<(), tryghed_geography::GeoError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawUtm32"))]
#[doc(alias = "EPSG:25832")]
#[doc(alias = "UTM32")]
pub struct Utm32 {
    easting: f64,
    northing: f64,
}

/// The unvalidated serde form of [`Utm32`].
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawUtm32 {
    easting: f64,
    northing: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawUtm32> for Utm32 {
    type Error = GeoError;
    fn try_from(raw: RawUtm32) -> Result<Self, Self::Error> {
        Utm32::new(raw.easting, raw.northing)
    }
}

impl Utm32 {
    /// The eastings accepted, in metres: −1,000,000..=2,000,000.
    ///
    /// EPSG:25832 is defined for Europe between 6° and 12° east (false easting 500,000 m at
    /// 9° E); Copenhagen lies at about 725,000 m. This range (our choice) reaches about 20°
    /// of longitude either side of the zone at Danish latitudes, far beyond any use of the
    /// system, and keeps every coordinate small enough that geometric predicates stay exact
    /// (a point 10³⁰⁷ m away was once classified as inside two city areas).
    pub const EASTINGS: std::ops::RangeInclusive<f64> = -1_000_000.0..=2_000_000.0;

    /// The northings accepted, in metres: −100,000..=9,500,000 (the equator to beyond 84° N,
    /// the northern limit of the system's area of use; our choice, as for
    /// [`Utm32::EASTINGS`]).
    pub const NORTHINGS: std::ops::RangeInclusive<f64> = -100_000.0..=9_500_000.0;

    /// An EPSG:25832 position from easting and northing in metres.
    ///
    /// # Errors
    ///
    /// [`GeoError::NonFiniteCoordinate`] if either value is NaN or infinite;
    /// [`GeoError::OutsideAreaOfUse`] if it lies outside [`Utm32::EASTINGS`] ×
    /// [`Utm32::NORTHINGS`], far from where the system is used.
    ///
    /// ```
    /// use tryghed_geography::{GeoError, Utm32};
    /// assert!(Utm32::new(720_302.0, 6_172_500.0).is_ok());
    /// assert!(matches!(
    ///     Utm32::new(-1.966e307, 6_172_550.0),
    ///     Err(GeoError::OutsideAreaOfUse { .. })
    /// ));
    /// ```
    pub fn new(easting: f64, northing: f64) -> Result<Self, GeoError> {
        if !easting.is_finite() || !northing.is_finite() {
            return Err(GeoError::NonFiniteCoordinate {
                crs: Crs::Etrs89Utm32,
                x: easting,
                y: northing,
            });
        }
        if !Self::EASTINGS.contains(&easting) || !Self::NORTHINGS.contains(&northing) {
            return Err(GeoError::OutsideAreaOfUse {
                crs: Crs::Etrs89Utm32,
                x: easting,
                y: northing,
            });
        }
        Ok(Utm32 { easting, northing })
    }

    /// Easting in metres.
    pub fn easting(self) -> f64 {
        self.easting
    }

    /// Northing in metres.
    pub fn northing(self) -> f64 {
        self.northing
    }

    /// Unprojects to WGS84 longitude/latitude with proj4rs.
    ///
    /// # Errors
    ///
    /// [`GeoError::Transform`] if the inverse projection fails, [`GeoError::OutOfRange`] if
    /// the result is not a valid WGS84 position.
    pub fn to_wgs84(self) -> Result<Wgs84, GeoError> {
        let (lon, lat) = transform_xy(Crs::Etrs89Utm32, Crs::Wgs84, self.easting, self.northing)?;
        Wgs84::new(lon, lat)
    }
}

impl fmt::Display for Utm32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "E {} m, N {} m (EPSG:25832)",
            self.easting, self.northing
        )
    }
}

impl CrsCoord for Utm32 {
    const CRS: Crs = Crs::Etrs89Utm32;
    fn from_xy(x: f64, y: f64) -> Result<Self, GeoError> {
        Utm32::new(x, y)
    }
    fn x(self) -> f64 {
        self.easting
    }
    fn y(self) -> f64 {
        self.northing
    }
}

// geo-types interop: a validated coordinate converts into geo-types' and (f64, f64) without
// loss; the other way is checked (`TryFrom`), so a NaN or an out-of-range degree is refused.

macro_rules! geo_interop {
    ($t:ident, $x:literal, $y:literal) => {
        impl From<$t> for geo_types::Coord<f64> {
            #[doc = concat!("The coordinate as `Coord { x: ", $x, ", y: ", $y, " }`.")]
            fn from(p: $t) -> Self {
                geo_types::Coord { x: p.x(), y: p.y() }
            }
        }

        impl From<$t> for geo_types::Point<f64> {
            #[doc = concat!("The coordinate as a point with x = ", $x, ", y = ", $y, ".")]
            fn from(p: $t) -> Self {
                geo_types::Point::new(p.x(), p.y())
            }
        }

        impl From<$t> for (f64, f64) {
            #[doc = concat!("The pair (", $x, ", ", $y, ").")]
            fn from(p: $t) -> Self {
                (p.x(), p.y())
            }
        }

        impl TryFrom<geo_types::Coord<f64>> for $t {
            type Error = GeoError;

            #[doc = concat!("Reads x as ", $x, " and y as ", $y, ", checked as [`", stringify!($t), "::new`].")]
            fn try_from(c: geo_types::Coord<f64>) -> Result<Self, GeoError> {
                $t::new(c.x, c.y)
            }
        }

        impl TryFrom<geo_types::Point<f64>> for $t {
            type Error = GeoError;

            #[doc = concat!("Reads x as ", $x, " and y as ", $y, ", checked as [`", stringify!($t), "::new`].")]
            fn try_from(p: geo_types::Point<f64>) -> Result<Self, GeoError> {
                $t::new(p.x(), p.y())
            }
        }

        impl TryFrom<(f64, f64)> for $t {
            type Error = GeoError;

            #[doc = concat!("Reads the pair as (", $x, ", ", $y, "), checked as [`", stringify!($t), "::new`].")]
            fn try_from((x, y): (f64, f64)) -> Result<Self, GeoError> {
                $t::new(x, y)
            }
        }
    };
}

geo_interop!(Wgs84, "longitude", "latitude");
geo_interop!(Utm32, "easting", "northing");

/// The two proj4rs definitions, parsed once.
struct Projections {
    lonlat: Proj,
    utm32: Proj,
}

/// ETRS89 geographic and ETRS89 / UTM 32N on the same GRS80 ellipsoid, so the datum step is
/// the identity (as in PROJ's EPSG:4326 → EPSG:25832).
static PROJECTIONS: LazyLock<Result<Projections, String>> = LazyLock::new(|| {
    let lonlat =
        Proj::from_proj_string("+proj=longlat +ellps=GRS80 +no_defs").map_err(|e| e.to_string())?;
    let utm32 = Proj::from_proj_string("+proj=utm +zone=32 +ellps=GRS80 +units=m +no_defs")
        .map_err(|e| e.to_string())?;
    Ok(Projections { lonlat, utm32 })
});

/// Transforms one coordinate pair between the supported systems (degrees for WGS84).
pub(crate) fn transform_xy(from: Crs, to: Crs, x: f64, y: f64) -> Result<(f64, f64), GeoError> {
    if from == to {
        return Ok((x, y));
    }
    let fail = |reason: String, source: Option<proj4rs::errors::Error>| GeoError::Transform {
        from,
        to,
        x,
        y,
        reason,
        source,
    };
    let projs = PROJECTIONS.as_ref().map_err(|e| fail(e.clone(), None))?;
    let mut pt = match from {
        Crs::Wgs84 => (x.to_radians(), y.to_radians(), 0.0),
        Crs::Etrs89Utm32 => (x, y, 0.0),
    };
    let (src, dst) = match from {
        Crs::Wgs84 => (&projs.lonlat, &projs.utm32),
        Crs::Etrs89Utm32 => (&projs.utm32, &projs.lonlat),
    };
    proj4rs::transform::transform(src, dst, &mut pt).map_err(|e| fail(e.to_string(), Some(e)))?;
    let out = match to {
        Crs::Wgs84 => (pt.0.to_degrees(), pt.1.to_degrees()),
        Crs::Etrs89Utm32 => (pt.0, pt.1),
    };
    if out.0.is_finite() && out.1.is_finite() {
        Ok(out)
    } else {
        Err(fail(
            format!("result ({}, {}) is not finite", out.0, out.1),
            None,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crs_parses_common_forms() {
        for s in [
            "4326",
            "EPSG:4326",
            "epsg:4326",
            "urn:ogc:def:crs:EPSG::4326",
            "CRS84",
        ] {
            assert_eq!(s.parse::<Crs>().unwrap(), Crs::Wgs84, "{s}");
        }
        for s in [
            "25832",
            "EPSG:25832",
            "urn:ogc:def:crs:EPSG::25832",
            "EPSG::25832",
        ] {
            assert_eq!(s.parse::<Crs>().unwrap(), Crs::Etrs89Utm32, "{s}");
        }
        for s in ["3857", "EPSG:25833", "foo:25832", ""] {
            assert!(s.parse::<Crs>().is_err(), "{s}");
        }
        assert_eq!(Crs::Etrs89Utm32.urn(), "urn:ogc:def:crs:EPSG::25832");
    }

    #[test]
    fn constructors_validate() {
        assert!(Wgs84::new(f64::NAN, 1.0).is_err());
        assert!(Wgs84::new(181.0, 1.0).is_err());
        assert!(Wgs84::new(1.0, -90.5).is_err());
        assert!(Wgs84::new(-180.0, 90.0).is_ok());
        assert!(Utm32::new(1.0, f64::INFINITY).is_err());
        assert!(Utm32::new(720_000.0, 6_170_000.0).is_ok());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn serde_validates() {
        let p: Wgs84 = serde_json::from_str(r#"{"lon":12.5,"lat":55.6}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"lon":12.5,"lat":55.6}"#
        );
        assert!(serde_json::from_str::<Wgs84>(r#"{"lon":212.5,"lat":55.6}"#).is_err());
        let u: Utm32 =
            serde_json::from_str(r#"{"easting":720000.0,"northing":6172000.0}"#).unwrap();
        assert_eq!(u, Utm32::new(720_000.0, 6_172_000.0).unwrap());
        assert_eq!(
            serde_json::to_string(&Crs::Etrs89Utm32).unwrap(),
            r#""EPSG:25832""#
        );
        assert!(serde_json::from_str::<Crs>(r#""EPSG:3857""#).is_err());
    }

    #[test]
    fn round_trip_copenhagen() {
        let p = Wgs84::new(12.568_337, 55.676_098).unwrap();
        let back = p.to_utm32().unwrap().to_wgs84().unwrap();
        assert!((back.lon() - p.lon()).abs() < 1e-9);
        assert!((back.lat() - p.lat()).abs() < 1e-9);
    }

    #[test]
    fn geo_types_conversions_keep_the_axes_and_check_the_way_back() {
        let w = Wgs84::new(12.5005, 55.6505).unwrap();
        let c: geo_types::Coord<f64> = w.into();
        assert_eq!((c.x, c.y), (12.5005, 55.6505));
        assert_eq!(
            geo_types::Point::from(w),
            geo_types::Point::new(12.5005, 55.6505)
        );
        assert_eq!(<(f64, f64)>::from(w), (12.5005, 55.6505));
        assert_eq!(Wgs84::try_from(c).unwrap(), w);
        assert_eq!(Wgs84::try_from(geo_types::Point::from(c)).unwrap(), w);
        assert_eq!(Wgs84::try_from((12.5005, 55.6505)).unwrap(), w);
        assert!(
            Wgs84::try_from((55.6505, 212.5)).is_err(),
            "latitude out of range"
        );
        assert!(Wgs84::try_from(geo_types::coord! { x: f64::NAN, y: 0.0 }).is_err());

        let u = Utm32::new(720_302.0, 6_172_500.0).unwrap();
        let c = geo_types::Coord::from(u);
        assert_eq!((c.x, c.y), (720_302.0, 6_172_500.0));
        assert_eq!(Utm32::try_from(c).unwrap(), u);
        assert_eq!(Utm32::try_from(<(f64, f64)>::from(u)).unwrap(), u);
        assert!(Utm32::try_from((f64::INFINITY, 6_172_500.0)).is_err());
    }
}
