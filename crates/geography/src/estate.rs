//! The partnership area (partnerskabsområde) and its housing estates (afdelinger).

use geo::{BooleanOps, Contains, Distance, Euclidean, Length};
use geo_types::{MultiPolygon, Point};

use crate::GeoError;
use crate::area::{Area, Layer, check_no_overlap};
use crate::coord::{CrsCoord, Utm32};
use crate::geometry::build_multipolygon;
use crate::locate::Locator;
use crate::wkt::parse_polygonal;

/// How far (in metres) a user-supplied estate outline may reach outside the partnership
/// area: every vertex within this distance of the area, and the part outside no larger than
/// this width times the estate's perimeter. Absorbs digitising differences between datasets.
pub const ESTATE_TOLERANCE_M: f64 = 1.0;

/// The official outline of "Ved Folehaven", EPSG:25832, as a CSV row with WKT.
const FOLEHAVEN_CSV: &str = include_str!("../data/ved_folehaven_udsatte_byomraade_epsg25832.csv");

/// The credit line the data licence (CC BY 4.0) asks for.
pub const DATA_CREDIT: &str =
    "Contains data from Københavns Kommune, Udsatte byområder (opendata.dk), CC BY 4.0.";

/// The same credit line in Danish, for Danish documents such as the status report.
#[doc(alias = "kildeangivelse")]
pub const DATA_CREDIT_DA: &str =
    "Indeholder data fra Københavns Kommune, Udsatte byområder (opendata.dk), CC BY 4.0.";

tryghed_core::slug_id! {
    /// The identifier of a housing estate (afdeling), such as `folehaven` or `baerhaven`.
    ///
    /// ```
    /// use tryghed_geography::EstateId;
    /// let id: EstateId = "elmehaven".parse()?;
    /// assert_eq!(id.as_str(), "elmehaven");
    /// assert!("Bærhaven".parse::<EstateId>().is_err());
    /// # Ok::<(), tryghed_geography::GeoError>(())
    /// ```
    #[doc(alias = "afdeling")]
    pub struct EstateId;
    what = "estate id", error = GeoError
}

/// A housing estate (boligafdeling) in the partnership area.
///
/// Unknown facts are `None`: the embedded data has no outline for any estate (no public
/// outline of a single estate was found) and neither owner nor number of homes for Bærhaven
/// and Elmehaven.
#[derive(Debug, Clone, PartialEq)]
#[doc(alias = "afdeling")]
#[doc(alias = "boligområde")]
#[doc(alias = "boligafdeling")]
pub struct Estate {
    id: EstateId,
    name: String,
    owner: Option<String>,
    homes: Option<u32>,
    boundary: Option<MultiPolygon<f64>>,
}

impl Estate {
    /// An estate record without an outline.
    ///
    /// `owner` is the owning housing association's party id as used by `tryghed-parties`
    /// (for example `"3b"` or `"sab"`); this crate keeps it as text so that it stands alone.
    pub fn new(
        id: EstateId,
        name: impl Into<String>,
        owner: Option<String>,
        homes: Option<u32>,
    ) -> Self {
        Estate {
            id,
            name: name.into(),
            owner,
            homes,
            boundary: None,
        }
    }

    /// The estate's id, such as `folehaven`.
    pub fn id(&self) -> &EstateId {
        &self.id
    }

    /// The estate's name, such as `Bærhaven`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The owning housing association's party id (`"3b"`, `"sab"`), `None` when unknown.
    #[doc(alias = "ejer")]
    #[doc(alias = "boligorganisation")]
    pub fn owner(&self) -> Option<&str> {
        self.owner.as_deref()
    }

    /// The number of homes (boliger), `None` when unknown.
    #[doc(alias = "boliger")]
    pub fn homes(&self) -> Option<u32> {
        self.homes
    }

    /// The estate's outline in EPSG:25832, `None` unless supplied with
    /// [`PartnershipArea::with_estate_outlines`].
    pub fn boundary(&self) -> Option<&MultiPolygon<f64>> {
        self.boundary.as_ref()
    }
}

/// The serde form of [`Estate`]: the outline as a GeoJSON geometry in EPSG:25832.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEstate {
    id: EstateId,
    name: String,
    owner: Option<String>,
    homes: Option<u32>,
    /// A GeoJSON `Polygon` or `MultiPolygon` in EPSG:25832 metres.
    boundary: Option<geojson::Geometry>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Estate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RawEstate {
            id: self.id.clone(),
            name: self.name.clone(),
            owner: self.owner.clone(),
            homes: self.homes,
            boundary: self
                .boundary
                .as_ref()
                .map(|b| geojson::Geometry::new(geojson::GeometryValue::from(b))),
        }
        .serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Estate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = RawEstate::deserialize(deserializer)?;
        let feature = format!("estate {:?}", raw.name);
        let boundary = match raw.boundary {
            None => None,
            Some(g) => {
                let rings = match &g.value {
                    geojson::GeometryValue::Polygon { coordinates } => vec![coordinates.clone()],
                    geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.clone(),
                    other => {
                        return Err(serde::de::Error::custom(format!(
                            "{feature}: boundary is a {}, expected Polygon or MultiPolygon",
                            other.type_name()
                        )));
                    }
                };
                let raw_polys = rings
                    .iter()
                    .enumerate()
                    .map(|(pi, p)| crate::area::raw_polygon(p, pi, &feature))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(serde::de::Error::custom)?;
                Some(
                    build_multipolygon(&raw_polys, Utm32::CRS, &feature)
                        .map_err(serde::de::Error::custom)?,
                )
            }
        };
        Ok(Estate {
            id: raw.id,
            name: raw.name,
            owner: raw.owner,
            homes: raw.homes,
            boundary,
        })
    }
}

/// The partnership area (partnerskabsområde) of the Folehaven Tryghedspartnerskab: the
/// official outline "Ved Folehaven" and the four estates in it.
///
/// ```
/// use tryghed_geography::PartnershipArea;
/// let area = PartnershipArea::folehaven()?;
/// assert_eq!(area.area().name(), "Ved Folehaven");
/// assert!((area.area().area_m2() - 563_796.0).abs() < 1.0);
/// assert_eq!(area.estates().len(), 4);
/// # Ok::<(), tryghed_geography::GeoError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[doc(alias = "partnerskabsområde")]
pub struct PartnershipArea {
    area: Area<Utm32>,
    estates: Vec<Estate>,
}

impl PartnershipArea {
    /// The embedded Folehaven partnership area.
    ///
    /// The outline is Københavns Kommune's "Ved Folehaven" feature of the layer "Udsatte
    /// byområder" in its native EPSG:25832, 124 vertices, 563,796 m² (see [`DATA_CREDIT`]).
    /// The estates are Folehaven (owner Boligforeningen 3B, `"3b"`, 972 homes), Elleparken
    /// (owner SAB, `"sab"`, 270 homes), Bærhaven and Elmehaven (owner and homes unknown);
    /// none has an outline.
    ///
    /// # Errors
    ///
    /// None in practice: the embedded data is checked by the crate's tests.
    pub fn folehaven() -> Result<Self, GeoError> {
        let area = folehaven_outline()?;
        let estate = |id: &str, name: &str, owner: Option<&str>, homes| {
            Ok::<_, GeoError>(Estate::new(
                EstateId::new(id)?,
                name,
                owner.map(str::to_owned),
                homes,
            ))
        };
        Ok(PartnershipArea {
            area,
            estates: vec![
                estate("folehaven", "Folehaven", Some("3b"), Some(972))?,
                estate("baerhaven", "Bærhaven", None, None)?,
                estate("elmehaven", "Elmehaven", None, None)?,
                estate("elleparken", "Elleparken", Some("sab"), Some(270))?,
            ],
        })
    }

    /// A partnership area from an outline and estate records (for the sibling partnerships).
    ///
    /// # Errors
    ///
    /// Any error of [`PartnershipArea::with_estate_outlines`]'s checks for estates that carry
    /// outlines: none may come with one here, so this is infallible today but kept fallible.
    pub fn new(area: Area<Utm32>, estates: Vec<Estate>) -> Result<Self, GeoError> {
        Ok(PartnershipArea { area, estates })
    }

    /// The official outline of the whole area, in EPSG:25832.
    pub fn area(&self) -> &Area<Utm32> {
        &self.area
    }

    /// The estates.
    pub fn estates(&self) -> &[Estate] {
        &self.estates
    }

    /// The estate with this id or (case-insensitively) this name.
    pub fn estate(&self, key: &str) -> Option<&Estate> {
        self.estates
            .iter()
            .find(|e| e.id.as_str() == key || e.name.to_lowercase() == key.to_lowercase())
    }

    /// The credit line for the embedded outline (CC BY 4.0).
    pub fn credit(&self) -> &'static str {
        DATA_CREDIT
    }

    /// The credit line in Danish ([`DATA_CREDIT_DA`]).
    pub fn credit_da(&self) -> &'static str {
        DATA_CREDIT_DA
    }

    /// Adds official estate outlines from GeoJSON.
    ///
    /// Each feature names its estate in the string property `estate` by id (`folehaven`) or
    /// name (`Bærhaven`); coordinates are WGS84 unless the document declares EPSG:25832 (see
    /// [`Layer::from_geojson`], whose geometry checks apply). Then each outline must lie inside
    /// the partnership area within [`ESTATE_TOLERANCE_M`], and no two outlines may overlap.
    /// Estates without a feature keep `None`.
    ///
    /// # Errors
    ///
    /// The GeoJSON and geometry errors of [`Layer::from_geojson`];
    /// [`GeoError::UnknownEstate`], [`GeoError::DuplicateEstate`],
    /// [`GeoError::EstateOutsideArea`], [`GeoError::Overlap`].
    pub fn with_estate_outlines(mut self, geojson: &str) -> Result<Self, GeoError> {
        let layer = Layer::<Utm32>::from_geojson(geojson, "estate")?;
        let known = self
            .estates
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let mut outlines: Vec<(usize, MultiPolygon<f64>)> = Vec::new();
        for (index, area) in layer.into_areas().into_iter().enumerate() {
            let feature = crate::geometry::feature_label(index, area.id(), Some(area.name()));
            let Some(pos) = self.estates.iter().position(|e| {
                e.id.as_str() == area.name() || e.name.to_lowercase() == area.name().to_lowercase()
            }) else {
                return Err(GeoError::UnknownEstate {
                    feature,
                    value: area.name().to_owned(),
                    known,
                });
            };
            if outlines.iter().any(|(p, _)| *p == pos) {
                return Err(GeoError::DuplicateEstate {
                    feature,
                    estate: self
                        .estates
                        .get(pos)
                        .map(|e| e.name.clone())
                        .unwrap_or_default(),
                });
            }
            outlines.push((pos, area.geometry().clone()));
        }
        for (pos, outline) in &outlines {
            let name = self
                .estates
                .get(*pos)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            check_inside(self.area.geometry(), outline, &name)?;
        }
        let named: Vec<(String, &MultiPolygon<f64>)> = outlines
            .iter()
            .map(|(pos, g)| {
                let name = self
                    .estates
                    .get(*pos)
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                (format!("estate {name:?}"), g)
            })
            .collect();
        check_no_overlap(&named)?;
        for (pos, outline) in outlines {
            if let Some(e) = self.estates.get_mut(pos) {
                e.boundary = Some(outline);
            }
        }
        Ok(self)
    }

    /// Prepares a [`PartnershipLocator`] for points in `P`'s reference system (the outlines
    /// are transformed once when `P` is [`Wgs84`](crate::Wgs84)).
    ///
    /// # Errors
    ///
    /// [`GeoError::Transform`] if an outline cannot be transformed.
    pub fn locator<P: CrsCoord>(&self) -> Result<PartnershipLocator<P>, GeoError> {
        let area = Locator::new(Layer::new(vec![self.area.transform::<P>()?])?);
        let with_outline: Vec<usize> = self
            .estates
            .iter()
            .enumerate()
            .filter(|(_, e)| e.boundary.is_some())
            .map(|(i, _)| i)
            .collect();
        let estates = if with_outline.is_empty() {
            None
        } else {
            let mut areas = Vec::with_capacity(with_outline.len());
            for &i in &with_outline {
                if let Some(Estate {
                    name,
                    boundary: Some(b),
                    ..
                }) = self.estates.get(i)
                {
                    areas.push(Area::<Utm32>::new(name.clone(), b.clone())?.transform::<P>()?);
                }
            }
            Some((Locator::new(Layer::new(areas)?), with_outline))
        };
        Ok(PartnershipLocator {
            partnership: self.clone(),
            area,
            estates,
        })
    }
}

/// Checks that `outline` lies inside `area` within [`ESTATE_TOLERANCE_M`].
fn check_inside(
    area: &MultiPolygon<f64>,
    outline: &MultiPolygon<f64>,
    estate: &str,
) -> Result<(), GeoError> {
    for poly in &outline.0 {
        for c in poly.exterior().coords() {
            let p = Point::from(*c);
            if !area.contains(&p) {
                let d = area
                    .0
                    .iter()
                    .map(|a| Euclidean.distance(&p, a))
                    .fold(f64::INFINITY, f64::min);
                if d > ESTATE_TOLERANCE_M {
                    return Err(GeoError::EstateOutsideArea {
                        estate: estate.to_owned(),
                        detail: format!(
                            "vertex ({}, {}) is {d:.2} m outside (tolerance {ESTATE_TOLERANCE_M} m)",
                            c.x, c.y
                        ),
                    });
                }
            }
        }
    }
    let outside = {
        use geo::Area as _;
        outline.difference(area).unsigned_area()
    };
    let perimeter: f64 = outline
        .0
        .iter()
        .map(|p| Euclidean.length(p.exterior()))
        .sum();
    let allowed = ESTATE_TOLERANCE_M * perimeter;
    if outside > allowed {
        return Err(GeoError::EstateOutsideArea {
            estate: estate.to_owned(),
            detail: format!(
                "{outside:.1} m² lies outside (tolerance {allowed:.1} m² = {ESTATE_TOLERANCE_M} m × perimeter)"
            ),
        });
    }
    Ok(())
}

/// Reads the embedded EPSG:25832 CSV row and its WKT.
fn folehaven_outline() -> Result<Area<Utm32>, GeoError> {
    let mut lines = FOLEHAVEN_CSV.lines();
    let header = lines.next().unwrap_or_default();
    let row = lines.next().ok_or(GeoError::Csv {
        line: 2,
        message: "missing data row".to_owned(),
    })?;
    if !header.starts_with("FID,id,wkb_geometry,") {
        return Err(GeoError::Csv {
            line: 1,
            message: format!("unexpected header {header:?}"),
        });
    }
    // The geometry is the only quoted field.
    let mut parts = row.split('"');
    let (Some(_), Some(wkt), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(GeoError::Csv {
            line: 2,
            message: "no quoted WKT field".to_owned(),
        });
    };
    let name = rest.split(',').nth(2).unwrap_or_default();
    if name != "Ved Folehaven" {
        return Err(GeoError::Csv {
            line: 2,
            message: format!("expected delomraade \"Ved Folehaven\", found {name:?}"),
        });
    }
    let raw = parse_polygonal(wkt)?;
    let geometry = build_multipolygon(&raw, Utm32::CRS, "Ved Folehaven (embedded CSV, line 2)")?;
    Area::new(name, geometry)
}

/// Where a point lies within the partnership area: in an estate (when outlines are known) or
/// elsewhere in the area.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Place<'a> {
    /// Inside the outline of this estate.
    Estate(&'a Estate),
    /// Inside the partnership area but in no estate with a known outline (with the embedded
    /// data, which has no estate outlines, every point inside the area).
    Area(&'a Area<Utm32>),
}

impl<'a> Place<'a> {
    /// The estate's name, or the partnership area's name.
    pub fn name(self) -> &'a str {
        match self {
            Place::Estate(e) => e.name(),
            Place::Area(a) => a.name(),
        }
    }
}

/// A prepared index for classifying points into the partnership area and its estates.
///
/// A point outside the official area outline is outside, even if it lies within the
/// tolerance of a user-supplied estate outline. The boundary rule is that of [`Locator`]: on
/// the boundary is outside.
///
/// One point at a time with [`locate`](PartnershipLocator::locate), many with
/// [`locate_batch`](PartnershipLocator::locate_batch) or, for raw values in two columns,
/// [`locate_columns`](PartnershipLocator::locate_columns).
///
/// # Sharing
///
/// A locator is `Send + Sync` and is read-only once built, so threads share one by reference
/// or in an [`Arc`](std::sync::Arc); it is not `Clone` (its index is not, and building
/// another takes a few milliseconds).
///
/// ```
/// use std::sync::Arc;
/// use tryghed_geography::{PartnershipArea, Wgs84};
/// let loc = Arc::new(PartnershipArea::folehaven()?.locator::<Wgs84>()?);
/// let worker = {
///     let loc = Arc::clone(&loc);
///     std::thread::spawn(move || loc.locate_xy(12.5005, 55.6505).is_some())
/// };
/// assert_eq!(worker.join().ok(), Some(true));
/// # Ok::<(), tryghed_geography::GeoError>(())
/// ```
#[derive(Debug)]
pub struct PartnershipLocator<P: CrsCoord> {
    partnership: PartnershipArea,
    area: Locator<P>,
    /// The estates' index and, for each of its areas, the estate's position.
    estates: Option<(Locator<P>, Vec<usize>)>,
}

impl<P: CrsCoord> PartnershipLocator<P> {
    /// The partnership area the index was built from.
    pub fn partnership(&self) -> &PartnershipArea {
        &self.partnership
    }

    /// Where the point lies, or `None` when outside the area.
    ///
    /// ```
    /// use tryghed_geography::{PartnershipArea, Wgs84};
    /// let loc = PartnershipArea::folehaven()?.locator::<Wgs84>()?;
    /// let place = loc.locate(Wgs84::new(12.5005, 55.6505)?);
    /// assert_eq!(place.map(|p| p.name()), Some("Ved Folehaven"));
    /// # Ok::<(), tryghed_geography::GeoError>(())
    /// ```
    pub fn locate(&self, point: P) -> Option<Place<'_>> {
        self.locate_xy(point.x(), point.y())
    }

    /// [`locate`](PartnershipLocator::locate) for raw values in `P`'s reference system; NaN
    /// or infinite values are outside.
    pub fn locate_xy(&self, x: f64, y: f64) -> Option<Place<'_>> {
        self.area.locate_xy(x, y)?;
        if let Some((loc, positions)) = &self.estates
            && let Some(k) = loc.locate_xy(x, y)
            && let Some(estate) = positions
                .get(k)
                .and_then(|&i| self.partnership.estates.get(i))
        {
            return Some(Place::Estate(estate));
        }
        Some(Place::Area(&self.partnership.area))
    }

    /// Classifies a slice of points: element `k` of the result is
    /// [`locate`](PartnershipLocator::locate) of `points[k]`.
    ///
    /// ```
    /// use tryghed_geography::{PartnershipArea, Wgs84};
    /// let loc = PartnershipArea::folehaven()?.locator::<Wgs84>()?;
    /// let points = [Wgs84::new(12.5005, 55.6505)?, Wgs84::new(12.5683, 55.6761)?];
    /// let names: Vec<_> = loc.locate_batch(&points).iter().map(|p| p.map(|p| p.name())).collect();
    /// assert_eq!(names, [Some("Ved Folehaven"), None]);
    /// # Ok::<(), tryghed_geography::GeoError>(())
    /// ```
    pub fn locate_batch(&self, points: &[P]) -> Vec<Option<Place<'_>>> {
        points.iter().map(|&p| self.locate(p)).collect()
    }

    /// Classifies points given as two columns of raw values in `P`'s reference system (see
    /// [`locate_xy`](PartnershipLocator::locate_xy)); NaN or infinite values are outside.
    ///
    /// # Errors
    ///
    /// [`GeoError::LengthMismatch`] if `xs` and `ys` differ in length.
    ///
    /// ```
    /// use tryghed_geography::{PartnershipArea, Utm32};
    /// let loc = PartnershipArea::folehaven()?.locator::<Utm32>()?;
    /// let inside = Utm32::try_from((12.5005, 55.6505)).ok(); // degrees are not metres…
    /// assert!(inside.is_some_and(|p| loc.locate(p).is_none())); // …so it is far outside
    /// let found = loc.locate_columns(&[f64::NAN], &[6_172_500.0])?;
    /// assert!(found[0].is_none());
    /// assert!(loc.locate_columns(&[1.0, 2.0], &[1.0]).is_err());
    /// # Ok::<(), tryghed_geography::GeoError>(())
    /// ```
    pub fn locate_columns(
        &self,
        xs: &[f64],
        ys: &[f64],
    ) -> Result<Vec<Option<Place<'_>>>, GeoError> {
        if xs.len() != ys.len() {
            return Err(GeoError::LengthMismatch {
                xs: xs.len(),
                ys: ys.len(),
            });
        }
        Ok(xs
            .iter()
            .zip(ys)
            .map(|(&x, &y)| self.locate_xy(x, y))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Wgs84;

    #[test]
    fn locators_are_send_and_sync() {
        fn shared<T: Send + Sync + 'static>() {}
        shared::<PartnershipLocator<Wgs84>>();
        shared::<PartnershipLocator<Utm32>>();
        shared::<Locator<Wgs84>>();
    }

    #[test]
    fn batch_and_columns_agree_with_one_at_a_time() {
        let loc = PartnershipArea::folehaven()
            .unwrap()
            .locator::<Wgs84>()
            .unwrap();
        let xs = [12.5005, 12.5683, f64::NAN, 12.49];
        let ys = [55.6505, 55.6761, 55.65, 55.648];
        let points: Vec<Wgs84> = xs
            .iter()
            .zip(&ys)
            .filter_map(|(&x, &y)| Wgs84::new(x, y).ok())
            .collect();
        let batch: Vec<_> = loc
            .locate_batch(&points)
            .iter()
            .map(|p| p.map(Place::name))
            .collect();
        let single: Vec<_> = points
            .iter()
            .map(|&p| loc.locate(p).map(Place::name))
            .collect();
        assert_eq!(batch, single);
        assert_eq!(batch.first(), Some(&Some("Ved Folehaven")));
        let columns = loc.locate_columns(&xs, &ys).unwrap();
        assert_eq!(columns.len(), 4);
        assert!(columns[2].is_none(), "NaN is outside");
        assert!(matches!(
            loc.locate_columns(&xs, &ys[..3]),
            Err(GeoError::LengthMismatch { xs: 4, ys: 3, .. })
        ));
    }

    #[test]
    fn embedded_outline_has_published_area() {
        let p = PartnershipArea::folehaven().unwrap();
        let a = p.area().area_m2();
        assert!((a - 563_796.0).abs() <= 1.0, "{a}");
        assert_eq!(p.area().geometry().0.len(), 1);
        assert_eq!(p.area().geometry().0[0].exterior().0.len(), 124);
        assert!(p.credit().contains("CC BY 4.0"));
        assert!(
            p.credit_da()
                .starts_with("Indeholder data fra Københavns Kommune")
        );
    }

    #[test]
    fn estates_hold_only_known_facts() {
        let p = PartnershipArea::folehaven().unwrap();
        let f = p.estate("folehaven").unwrap();
        assert_eq!((f.owner(), f.homes()), (Some("3b"), Some(972)));
        let e = p.estate("Elleparken").unwrap();
        assert_eq!((e.owner(), e.homes()), (Some("sab"), Some(270)));
        for key in ["baerhaven", "elmehaven"] {
            let e = p.estate(key).unwrap();
            assert_eq!((e.owner(), e.homes()), (None, None));
        }
        assert!(p.estates().iter().all(|e| e.boundary().is_none()));
        assert_eq!(p.estate("bærhaven").unwrap().id().as_str(), "baerhaven");
    }

    #[test]
    fn embedded_outline_matches_the_wgs84_copy() {
        // The city layer's WGS84 copy of the same feature, projected, agrees within 5 mm.
        let p = PartnershipArea::folehaven().unwrap();
        let city = Layer::city_utm32().unwrap();
        let w = city.area("Ved Folehaven").unwrap();
        let a = &p.area().geometry().0[0].exterior().0;
        let b = &w.geometry().0[0].exterior().0;
        assert_eq!(a.len(), b.len());
        for (u, v) in a.iter().zip(b) {
            assert!((u.x - v.x).hypot(u.y - v.y) < 0.005, "{u:?} vs {v:?}");
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn estates_round_trip_through_serde_and_validate() {
        let p = PartnershipArea::folehaven()
            .unwrap()
            .with_estate_outlines(&synthetic_outlines(0.0))
            .unwrap();
        for e in p.estates() {
            let json = serde_json::to_string(e).unwrap();
            let back: Estate = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, e);
        }
        let json = serde_json::to_value(p.estate("elmehaven").unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": "elmehaven", "name": "Elmehaven", "owner": null, "homes": null, "boundary": null})
        );
        let bad_id = r#"{"id":"Elme Haven","name":"x","owner":null,"homes":null,"boundary":null}"#;
        assert!(serde_json::from_str::<Estate>(bad_id).is_err());
        let open_ring = r#"{"id":"x","name":"x","owner":null,"homes":null,"boundary":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}"#;
        let e = serde_json::from_str::<Estate>(open_ring)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not closed"), "{e}");
    }

    #[test]
    fn estate_ids_validate() {
        assert!(EstateId::new("").is_err());
        assert!(EstateId::new("-x").is_err());
        assert!(EstateId::new("Folehaven").is_err());
        assert!(EstateId::new("a".repeat(65)).is_err());
        assert_eq!(EstateId::new("afd-12").unwrap().to_string(), "afd-12");
    }

    /// Synthetic outlines: two halves of a box well inside the area, in EPSG:25832.
    fn synthetic_outlines(shift: f64) -> String {
        let poly = |x0: f64, x1: f64| {
            format!(
                "[[[{x0},6172500],[{x1},6172500],[{x1},6172600],[{x0},6172600],[{x0},6172500]]]"
            )
        };
        format!(
            r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::25832"}}}},"features":[
            {{"type":"Feature","properties":{{"estate":"folehaven"}},"geometry":{{"type":"Polygon","coordinates":{}}}}},
            {{"type":"Feature","properties":{{"estate":"Bærhaven"}},"geometry":{{"type":"Polygon","coordinates":{}}}}}]}}"#,
            poly(720_300.0, 720_400.0),
            poly(720_400.0 - shift, 720_500.0)
        )
    }

    #[test]
    fn synthetic_estate_outlines_are_used() {
        let p = PartnershipArea::folehaven()
            .unwrap()
            .with_estate_outlines(&synthetic_outlines(0.0))
            .unwrap();
        assert!(p.estate("folehaven").unwrap().boundary().is_some());
        assert!(p.estate("elmehaven").unwrap().boundary().is_none());
        let loc = p.locator::<Utm32>().unwrap();
        let at = |x, y| {
            loc.locate(Utm32::new(x, y).unwrap())
                .map(|pl| pl.name().to_owned())
        };
        assert_eq!(at(720_350.0, 6_172_550.0).as_deref(), Some("Folehaven"));
        assert_eq!(at(720_450.0, 6_172_550.0).as_deref(), Some("Bærhaven"));
        assert_eq!(at(720_350.0, 6_172_650.0).as_deref(), Some("Ved Folehaven"));
        assert_eq!(at(700_000.0, 6_172_650.0), None);
        // The same in WGS84.
        let wloc = p.locator::<Wgs84>().unwrap();
        let w = Utm32::new(720_450.0, 6_172_550.0)
            .unwrap()
            .to_wgs84()
            .unwrap();
        assert_eq!(
            wloc.locate(w).map(|pl| pl.name().to_owned()).as_deref(),
            Some("Bærhaven")
        );
    }

    #[test]
    fn overlapping_or_outside_outlines_are_rejected() {
        let p = PartnershipArea::folehaven().unwrap();
        let e = p
            .clone()
            .with_estate_outlines(&synthetic_outlines(10.0))
            .unwrap_err();
        assert!(matches!(e, GeoError::Overlap { .. }), "{e}");

        let far = synthetic_outlines(0.0).replace("720300", "710300");
        let e = p.clone().with_estate_outlines(&far).unwrap_err();
        assert!(matches!(e, GeoError::EstateOutsideArea { .. }), "{e}");

        let unknown = synthetic_outlines(0.0).replace("Bærhaven", "Tingbjerg");
        let e = p.clone().with_estate_outlines(&unknown).unwrap_err();
        assert!(matches!(e, GeoError::UnknownEstate { .. }), "{e}");

        let dup = synthetic_outlines(0.0).replace("Bærhaven", "Folehaven");
        let e = p.with_estate_outlines(&dup).unwrap_err();
        assert!(matches!(e, GeoError::DuplicateEstate { .. }), "{e}");
    }

    #[test]
    fn outline_within_tolerance_is_accepted() {
        // A synthetic estate that is exactly the whole area is inside (difference area ~0).
        let p = PartnershipArea::folehaven().unwrap();
        let text = crate::Layer::new(vec![
            Area::<Utm32>::new("x", p.area().geometry().clone()).unwrap(),
        ])
        .unwrap()
        .to_geojson();
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["features"][0]["properties"] = serde_json::json!({"estate": "folehaven"});
        let whole = doc.to_string();
        let p = p.with_estate_outlines(&whole).unwrap();
        assert!(p.estate("folehaven").unwrap().boundary().is_some());
    }
}
