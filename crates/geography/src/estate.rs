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

// Outlines are validated, so every coordinate is finite and `==` is an equivalence.
impl Eq for Estate {}

impl std::hash::Hash for Estate {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.id.hash(state);
        self.name.hash(state);
        self.owner.hash(state);
        self.homes.hash(state);
        self.boundary.is_some().hash(state);
        if let Some(b) = &self.boundary {
            crate::area::hash_geometry(b, state);
        }
    }
}

impl Eq for PartnershipArea {}

impl std::hash::Hash for PartnershipArea {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.area.hash(state);
        self.estates.hash(state);
        self.credit.hash(state);
        self.credit_da.hash(state);
    }
}

/// The serde form of [`PartnershipArea`]: the outline as a GeoJSON geometry in EPSG:25832.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartnershipArea {
    name: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    properties: geojson::JsonObject,
    /// A GeoJSON `MultiPolygon` in EPSG:25832 metres.
    outline: geojson::Geometry,
    #[serde(default)]
    estates: Vec<Estate>,
    #[serde(default)]
    credit: Option<String>,
    #[serde(default)]
    credit_da: Option<String>,
}

#[cfg(feature = "serde")]
impl serde::Serialize for PartnershipArea {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RawPartnershipArea {
            name: self.area.name().to_owned(),
            id: self.area.id().map(str::to_owned),
            properties: self.area.properties().clone(),
            outline: geojson::Geometry::new(geojson::GeometryValue::from(self.area.geometry())),
            estates: self.estates.clone(),
            credit: self.credit.clone(),
            credit_da: self.credit_da.clone(),
        }
        .serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PartnershipArea {
    /// Validates as the constructors do: the outline's geometry, the estates' ids, and that
    /// every estate outline lies inside the area and none overlap.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let raw = RawPartnershipArea::deserialize(deserializer)?;
        let feature = format!("area {:?}", raw.name);
        let rings = match &raw.outline.value {
            geojson::GeometryValue::Polygon { coordinates } => vec![coordinates.clone()],
            geojson::GeometryValue::MultiPolygon { coordinates } => coordinates.clone(),
            other => {
                return Err(D::Error::custom(format!(
                    "{feature}: outline is a {}, expected Polygon or MultiPolygon",
                    other.type_name()
                )));
            }
        };
        let polygons = rings
            .iter()
            .enumerate()
            .map(|(pi, p)| crate::area::raw_polygon(p, pi, &feature))
            .collect::<Result<Vec<_>, _>>()
            .map_err(D::Error::custom)?;
        let geometry =
            build_multipolygon(&polygons, Utm32::CRS, &feature).map_err(D::Error::custom)?;
        let mut area = Area::<Utm32>::new(raw.name, geometry).map_err(D::Error::custom)?;
        area.set_source(raw.id.as_deref(), raw.properties);
        let area = PartnershipArea {
            area,
            estates: Vec::new(),
            credit: raw.credit,
            credit_da: raw.credit_da,
        };
        area.with_estates(raw.estates).map_err(D::Error::custom)
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

/// A partnership area (partnerskabsområde): the outline of the whole area in EPSG:25832, the
/// housing estates (afdelinger) in it, and the credit line its outline needs.
///
/// A partnership's agreement declares its area (`tryghed-agreement`'s `Agreement::area`), as
/// a delområde of the embedded city layer ([`PartnershipArea::from_city_layer`]) or as an
/// outline file ([`PartnershipArea::from_geojson`]); estates are added as records
/// ([`PartnershipArea::with_estates`]) and outlines ([`PartnershipArea::with_estate_outlines`]).
///
/// ```
/// use tryghed_geography::PartnershipArea;
/// let area = PartnershipArea::from_city_layer("Ryparken")?;
/// assert_eq!(area.area().name(), "Ryparken");
/// assert!((area.area().area_m2() - 1_138_501.0).abs() < 1_000.0);
/// assert!(area.estates().is_empty());
/// assert!(area.credit_da().is_some_and(|c| c.contains("CC BY 4.0")));
/// # Ok::<(), tryghed_geography::GeoError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[doc(alias = "partnerskabsområde")]
pub struct PartnershipArea {
    area: Area<Utm32>,
    estates: Vec<Estate>,
    credit: Option<String>,
    credit_da: Option<String>,
}

/// Reads a native EPSG:25832 copy of a delområde's outline.
type NativeOutline = fn() -> Result<Area<Utm32>, GeoError>;

/// Native EPSG:25832 copies of delområder, by name, used instead of the city layer's WGS84
/// copy (the outline as Københavns Kommune keeps it, without the round trip through degrees).
const NATIVE_OUTLINES: [(&str, NativeOutline); 1] = [("Ved Folehaven", folehaven_outline)];

impl PartnershipArea {
    /// The area of the Folehaven Tryghedspartnerskab as its embedded agreement declares it:
    /// the delområde "Ved Folehaven" ([`PartnershipArea::from_city_layer`]) with the four
    /// estates the agreement names.
    ///
    /// The outline is Københavns Kommune's "Ved Folehaven" feature of the layer "Udsatte
    /// byområder" in its native EPSG:25832, 124 vertices, 563,796 m² (see [`DATA_CREDIT`]).
    /// The estates are Folehaven (owner Boligforeningen 3B, `"3b"`, 972 homes), Elleparken
    /// (owner SAB, `"sab"`, 270 homes), Bærhaven and Elmehaven (owner and homes unknown);
    /// none has an outline.
    ///
    /// A service that serves any partnership takes the area from the agreement instead
    /// (`tryghed_agreement::Agreement::area`); a test there checks that the embedded agreement
    /// declares exactly this area.
    ///
    /// # Errors
    ///
    /// None in practice: the embedded data is checked by the crate's tests.
    pub fn folehaven() -> Result<Self, GeoError> {
        let estate = |id: &str, name: &str, owner: Option<&str>, homes| {
            Ok::<_, GeoError>(Estate::new(
                EstateId::new(id)?,
                name,
                owner.map(str::to_owned),
                homes,
            ))
        };
        PartnershipArea::from_city_layer("Ved Folehaven")?.with_estates(vec![
            estate("folehaven", "Folehaven", Some("3b"), Some(972))?,
            estate("baerhaven", "Bærhaven", None, None)?,
            estate("elmehaven", "Elmehaven", None, None)?,
            estate("elleparken", "Elleparken", Some("sab"), Some(270))?,
        ])
    }

    /// The delområde `name` of the embedded city layer "Udsatte byområder" (2023-07-18,
    /// [`Layer::city`]) as a partnership area, in EPSG:25832, without estates, with the
    /// layer's credit line ([`DATA_CREDIT`], [`DATA_CREDIT_DA`]).
    ///
    /// The name is matched exactly (`"Tingbjerg/Husum"`, `"Ved Folehaven"`, …). A delområde
    /// the layer publishes as several features (Ved Jagtvej, Ved Bispebjerg Parkallé) is one
    /// area of all their polygons. "Ved Folehaven" uses the crate's native EPSG:25832 copy of
    /// the outline, which the layer's WGS84 copy matches within 5 mm.
    ///
    /// # Errors
    ///
    /// [`GeoError::UnknownDelomraade`], listing the layer's names, when the layer has no such
    /// delområde.
    ///
    /// ```
    /// use tryghed_geography::{GeoError, PartnershipArea};
    /// let jagtvej = PartnershipArea::from_city_layer("Ved Jagtvej")?;
    /// assert_eq!(jagtvej.area().geometry().0.len(), 2);
    /// let error = PartnershipArea::from_city_layer("Folehaven").unwrap_err();
    /// assert!(matches!(error, GeoError::UnknownDelomraade { .. }));
    /// assert!(error.to_string().contains("\"Ved Folehaven\""));
    /// # Ok::<(), GeoError>(())
    /// ```
    #[doc(alias = "delområde")]
    pub fn from_city_layer(name: &str) -> Result<Self, GeoError> {
        let credited = |area| PartnershipArea {
            area,
            estates: Vec::new(),
            credit: Some(DATA_CREDIT.to_owned()),
            credit_da: Some(DATA_CREDIT_DA.to_owned()),
        };
        let city = Layer::city()?;
        let parts: Vec<&Area<crate::Wgs84>> =
            city.areas().iter().filter(|a| a.name() == name).collect();
        let Some(first) = parts.first() else {
            let mut known: Vec<String> = Vec::new();
            for a in city.areas() {
                if !known.iter().any(|k| k == a.name()) {
                    known.push(a.name().to_owned());
                }
            }
            return Err(GeoError::UnknownDelomraade {
                value: name.to_owned(),
                known,
            });
        };
        if let Some((_, native)) = NATIVE_OUTLINES.iter().find(|(n, _)| *n == name) {
            let mut area = native()?;
            area.set_source(first.id(), first.properties().clone());
            return Ok(credited(area));
        }
        let polygons: Vec<geo_types::Polygon<f64>> = parts
            .iter()
            .flat_map(|a| a.geometry().0.iter().cloned())
            .collect();
        let mut area = Area::<crate::Wgs84>::new(name, MultiPolygon::new(polygons))?;
        let ids: Vec<&str> = parts.iter().filter_map(|a| a.id()).collect();
        area.set_source(
            (ids.len() == 1).then(|| ids.first().copied()).flatten(),
            first.properties().clone(),
        );
        Ok(credited(area.transform::<Utm32>()?))
    }

    /// A partnership area from a GeoJSON outline file: a `FeatureCollection` (or one
    /// `Feature`) of `Polygon` / `MultiPolygon` features that all carry the same string
    /// property `name`, the area's name; several features are one area of all their polygons.
    /// Coordinates are WGS84 (RFC 7946) unless the document declares EPSG:25832 in a legacy
    /// `crs` member; every geometry is validated as in [`Layer::from_geojson`], and the parts
    /// may not overlap. No estates, no credit line ([`PartnershipArea::with_credit`]).
    ///
    /// # Errors
    ///
    /// The errors of [`Layer::from_geojson`]; [`GeoError::Feature`] for a document without
    /// features or with features of different names; [`GeoError::InvalidGeometry`] when the
    /// features' polygons overlap.
    ///
    /// ```
    /// use tryghed_geography::PartnershipArea;
    /// let text = r#"{"type": "Feature", "properties": {"name": "Eksempelkvarteret"},
    ///   "geometry": {"type": "Polygon", "coordinates":
    ///     [[[12.50, 55.65], [12.51, 55.65], [12.51, 55.66], [12.50, 55.66], [12.50, 55.65]]]}}"#;
    /// let area = PartnershipArea::from_geojson(text)?;
    /// assert_eq!(area.area().name(), "Eksempelkvarteret");
    /// assert_eq!(area.credit_da(), None);
    /// # Ok::<(), tryghed_geography::GeoError>(())
    /// ```
    pub fn from_geojson(text: &str) -> Result<Self, GeoError> {
        let layer = Layer::<Utm32>::from_geojson(text, "name")?;
        let areas = layer.into_areas();
        let Some(first) = areas.first() else {
            return Err(GeoError::Feature {
                feature: "document".to_owned(),
                message: "has no features: the outline needs at least one polygon".to_owned(),
                message_da: "har ingen objekter: omridset skal have mindst én polygon".to_owned(),
            });
        };
        let name = first.name().to_owned();
        if let Some((index, other)) = areas.iter().enumerate().find(|(_, a)| a.name() != name) {
            return Err(GeoError::Feature {
                feature: crate::geometry::feature_label(index, other.id(), Some(other.name())),
                message: format!(
                    "is named {:?}, but feature 0 is {name:?}: every feature of an area outline carries the area's name",
                    other.name()
                ),
                message_da: format!(
                    "hedder \"{}\", men objekt 0 hedder \"{name}\": alle objekter i et områdes omrids bærer områdets navn",
                    other.name()
                ),
            });
        }
        let (id, properties) = (first.id().map(str::to_owned), first.properties().clone());
        let polygons: Vec<geo_types::Polygon<f64>> = areas
            .into_iter()
            .flat_map(|a| a.geometry().0.clone())
            .collect();
        let mut area = Area::<Utm32>::new(name, MultiPolygon::new(polygons))?;
        area.set_source(id.as_deref(), properties);
        Ok(PartnershipArea {
            area,
            estates: Vec::new(),
            credit: None,
            credit_da: None,
        })
    }

    /// A partnership area from an outline and estate records.
    ///
    /// # Errors
    ///
    /// As [`PartnershipArea::with_estates`].
    pub fn new(area: Area<Utm32>, estates: Vec<Estate>) -> Result<Self, GeoError> {
        PartnershipArea {
            area,
            estates: Vec::new(),
            credit: None,
            credit_da: None,
        }
        .with_estates(estates)
    }

    /// The same area with these estate records instead of its own.
    ///
    /// # Errors
    ///
    /// [`GeoError::DuplicateEstate`] when two records have the same id; for records that
    /// carry outlines, the checks of [`PartnershipArea::with_estate_outlines`]
    /// ([`GeoError::EstateOutsideArea`], [`GeoError::Overlap`]).
    pub fn with_estates(mut self, estates: Vec<Estate>) -> Result<Self, GeoError> {
        for (i, estate) in estates.iter().enumerate() {
            if estates.iter().take(i).any(|e| e.id == estate.id) {
                return Err(GeoError::DuplicateEstate {
                    feature: format!("estate {i}"),
                    estate: estate.name.clone(),
                });
            }
        }
        check_estates(self.area.geometry(), &estates)?;
        self.estates = estates;
        Ok(self)
    }

    /// The same area with this credit line for its outline (for an outline from a file: its
    /// source and licence, as the data's publisher asks to be credited), in the Danish and
    /// the English documents alike.
    #[must_use]
    pub fn with_credit(mut self, credit: impl Into<String>) -> Self {
        let credit = credit.into();
        self.credit_da = Some(credit.clone());
        self.credit = Some(credit);
        self
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

    /// The credit line the outline's licence asks for ([`DATA_CREDIT`] for a delområde of
    /// the embedded city layer); `None` for an outline whose source was not given.
    pub fn credit(&self) -> Option<&str> {
        self.credit.as_deref()
    }

    /// The credit line in Danish ([`DATA_CREDIT_DA`] for a delområde of the embedded city
    /// layer); `None` for an outline whose source was not given.
    #[doc(alias = "kildeangivelse")]
    pub fn credit_da(&self) -> Option<&str> {
        self.credit_da.as_deref()
    }

    /// Adds estate outlines from GeoJSON: one feature per estate, coordinates in WGS84 unless
    /// the document declares EPSG:25832 (see [`Layer::from_geojson`], whose geometry checks
    /// apply).
    ///
    /// - When the area has estate records, each feature names one of them in the string
    ///   property `estate`, by id (`folehaven`) or name (`Bærhaven`); records without a
    ///   feature keep `None`.
    /// - When it has none, the features *are* the estates: `estate` is the estate's id (a
    ///   slug such as `afdeling-a`), and the optional properties `name` (a string; default
    ///   the id), `owner` (the owning housing association's party id) and `homes` (a whole
    ///   number) complete the record.
    ///
    /// Then each outline must lie inside the partnership area within
    /// [`ESTATE_TOLERANCE_M`], and no two outlines may overlap.
    ///
    /// # Errors
    ///
    /// The GeoJSON and geometry errors of [`Layer::from_geojson`];
    /// [`GeoError::UnknownEstate`], [`GeoError::DuplicateEstate`], [`GeoError::Feature`] (an
    /// estate id that is not a slug, a `name`, `owner` or `homes` of the wrong type),
    /// [`GeoError::EstateOutsideArea`], [`GeoError::Overlap`].
    pub fn with_estate_outlines(mut self, geojson: &str) -> Result<Self, GeoError> {
        let layer = Layer::<Utm32>::from_geojson(geojson, "estate")?;
        if self.estates.is_empty() {
            let mut estates = Vec::new();
            for (index, area) in layer.into_areas().into_iter().enumerate() {
                estates.push(estate_from_feature(index, &area)?);
            }
            return self.with_estates(estates);
        }
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
        let mut estates = self.estates.clone();
        for (pos, outline) in outlines {
            if let Some(e) = estates.get_mut(pos) {
                e.boundary = Some(outline);
            }
        }
        check_estates(self.area.geometry(), &estates)?;
        self.estates = estates;
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

/// Every outline inside the area (within the tolerance), no two overlapping.
fn check_estates(area: &MultiPolygon<f64>, estates: &[Estate]) -> Result<(), GeoError> {
    let mut named: Vec<(String, &MultiPolygon<f64>)> = Vec::new();
    for estate in estates {
        if let Some(outline) = &estate.boundary {
            check_inside(area, outline, &estate.name)?;
            named.push((format!("estate {:?}", estate.name), outline));
        }
    }
    check_no_overlap(&named)
}

/// The Danish of what a property must be (the `expected` texts of [`estate_from_feature`]).
fn expected_da(expected: &str) -> String {
    match expected {
        "a string that is not empty" => "en tekst, der ikke er tom".to_owned(),
        "a party id as a string" => "et part-id som tekst".to_owned(),
        "a whole number of homes" => "et helt antal boliger".to_owned(),
        other => other.to_owned(),
    }
}

/// An estate record from a feature of an estates file that defines its estates.
fn estate_from_feature(index: usize, area: &Area<Utm32>) -> Result<Estate, GeoError> {
    let feature = crate::geometry::feature_label(index, area.id(), Some(area.name()));
    let wrong = |key: &str, expected: &str| GeoError::Feature {
        feature: feature.clone(),
        message: format!("property {key:?} must be {expected}"),
        message_da: format!("egenskaben \"{key}\" skal være {}", expected_da(expected)),
    };
    let id = EstateId::new(area.name()).map_err(|e| GeoError::Feature {
        feature: feature.clone(),
        message: format!("property \"estate\" is the estate's id here: {e}"),
        message_da: format!(
            "egenskaben \"estate\" er afdelingens id her: {}",
            e.message_da()
        ),
    })?;
    let props = area.properties();
    let name = match props.get("name") {
        None | Some(serde_json::Value::Null) => area.name().to_owned(),
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(_) => return Err(wrong("name", "a string that is not empty")),
    };
    let owner = match props.get("owner") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(wrong("owner", "a party id as a string")),
    };
    let homes = match props.get("homes") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| wrong("homes", "a whole number of homes"))?,
        ),
    };
    let mut estate = Estate::new(id, name, owner, homes);
    estate.boundary = Some(area.geometry().clone());
    Ok(estate)
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
        assert!(p.credit().is_some_and(|c| c.contains("CC BY 4.0")));
        assert!(
            p.credit_da()
                .is_some_and(|c| c.starts_with("Indeholder data fra Københavns Kommune"))
        );
        // The layer's feature id and properties come with it.
        assert_eq!(p.area().id(), Some("f_udsatte_byomraader.13"));
        assert_eq!(
            p.area()
                .properties()
                .get("byomraade")
                .and_then(|v| v.as_str()),
            Some("Valby/Sydhavnen")
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
    fn every_delomraade_of_the_city_layer_is_an_area() {
        let city = Layer::city().unwrap();
        let mut names: Vec<&str> = city.areas().iter().map(Area::name).collect();
        names.dedup();
        for name in names {
            let p = PartnershipArea::from_city_layer(name).unwrap();
            assert_eq!(p.area().name(), name);
            // The published m2 of all its features, within 0.1 % (the WGS84 copy's rounding).
            let published: f64 = city
                .areas()
                .iter()
                .filter(|a| a.name() == name)
                .filter_map(|a| a.properties().get("m2").and_then(serde_json::Value::as_f64))
                .sum();
            let rel = (p.area().area_m2() - published).abs() / published;
            assert!(rel < 1e-3, "{name}: {} vs {published}", p.area().area_m2());
            assert!(p.estates().is_empty());
            assert_eq!(p.credit(), Some(DATA_CREDIT));
        }
    }

    #[test]
    fn an_unknown_delomraade_lists_the_names() {
        let e = PartnershipArea::from_city_layer("Tingbjerg").unwrap_err();
        let GeoError::UnknownDelomraade { value, known } = &e else {
            panic!("{e}");
        };
        assert_eq!(value, "Tingbjerg");
        assert_eq!(known.len(), 15, "{known:?}");
        assert!(e.to_string().contains("\"Tingbjerg/Husum\""), "{e}");
    }

    fn square_feature(name: &str, x0: f64, y0: f64, side: f64, extra: &str) -> String {
        let (x1, y1) = (x0 + side, y0 + side);
        format!(
            r#"{{"type":"Feature","properties":{{"name":"{name}"{extra}}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}"#
        )
    }

    fn collection(features: &[String]) -> String {
        format!(
            r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"urn:ogc:def:crs:EPSG::25832"}}}},"features":[{}]}}"#,
            features.join(",")
        )
    }

    #[test]
    fn an_outline_file_is_one_named_area() {
        let two = collection(&[
            square_feature("Eksempel", 720_000.0, 6_170_000.0, 100.0, ""),
            square_feature("Eksempel", 720_200.0, 6_170_000.0, 100.0, ""),
        ]);
        let p = PartnershipArea::from_geojson(&two).unwrap();
        assert_eq!(p.area().name(), "Eksempel");
        assert!((p.area().area_m2() - 20_000.0).abs() < 1e-6);
        assert_eq!((p.credit(), p.credit_da()), (None, None));
        let p = p.with_credit("Eksempeldata, opdigtet");
        assert_eq!(p.credit_da(), Some("Eksempeldata, opdigtet"));

        let names = collection(&[
            square_feature("A", 720_000.0, 6_170_000.0, 100.0, ""),
            square_feature("B", 720_200.0, 6_170_000.0, 100.0, ""),
        ]);
        let e = PartnershipArea::from_geojson(&names)
            .unwrap_err()
            .to_string();
        assert!(e.contains("feature 1") && e.contains("\"B\""), "{e}");

        let overlapping = collection(&[
            square_feature("A", 720_000.0, 6_170_000.0, 100.0, ""),
            square_feature("A", 720_050.0, 6_170_050.0, 100.0, ""),
        ]);
        let e = PartnershipArea::from_geojson(&overlapping).unwrap_err();
        assert!(matches!(e, GeoError::InvalidGeometry { .. }), "{e}");

        let e = PartnershipArea::from_geojson(&collection(&[])).unwrap_err();
        assert!(e.to_string().contains("no features"), "{e}");
    }

    #[test]
    fn an_estates_file_defines_the_estates_of_an_area_without_records() {
        let area = collection(&[square_feature(
            "Eksempel",
            720_000.0,
            6_170_000.0,
            300.0,
            "",
        )]);
        let estates = |b_extra: &str, b_x: f64| {
            collection(&[
                square_feature(
                    "x",
                    720_010.0,
                    6_170_010.0,
                    100.0,
                    r#","estate":"afdeling-a","owner":"eksempel-bolig","homes":120"#,
                )
                .replace(r#""name":"x","#, ""),
                square_feature(
                    "Afdeling B (eksempel)",
                    b_x,
                    6_170_010.0,
                    100.0,
                    &format!(r#","estate":"afdeling-b"{b_extra}"#),
                ),
            ])
        };
        let p = PartnershipArea::from_geojson(&area)
            .unwrap()
            .with_estate_outlines(&estates("", 720_150.0))
            .unwrap();
        let a = p.estate("afdeling-a").unwrap();
        assert_eq!(
            (a.name(), a.owner(), a.homes()),
            ("afdeling-a", Some("eksempel-bolig"), Some(120))
        );
        let b = p.estate("afdeling-b").unwrap();
        assert_eq!(
            (b.name(), b.owner(), b.homes()),
            ("Afdeling B (eksempel)", None, None)
        );
        assert!(p.estates().iter().all(|e| e.boundary().is_some()));
        let loc = p.locator::<Utm32>().unwrap();
        let at = |x, y| loc.locate(Utm32::new(x, y).unwrap()).map(Place::name);
        assert_eq!(at(720_200.0, 6_170_050.0), Some("Afdeling B (eksempel)"));
        assert_eq!(at(720_200.0, 6_170_250.0), Some("Eksempel"));

        let base = PartnershipArea::from_geojson(&area).unwrap();
        let e = base
            .clone()
            .with_estate_outlines(&estates("", 720_050.0))
            .unwrap_err();
        assert!(matches!(e, GeoError::Overlap { .. }), "{e}");
        let e = base
            .clone()
            .with_estate_outlines(&estates(r#","homes":"many""#, 720_150.0))
            .unwrap_err();
        assert!(e.to_string().contains("\"homes\""), "{e}");
        let e = base
            .clone()
            .with_estate_outlines(&estates("", 720_250.0))
            .unwrap_err();
        assert!(matches!(e, GeoError::EstateOutsideArea { .. }), "{e}");
        let bad_id = estates("", 720_150.0).replace("afdeling-b", "Afdeling B");
        let e = base.with_estate_outlines(&bad_id).unwrap_err();
        assert!(e.to_string().contains("estate's id"), "{e}");
    }

    #[test]
    fn estate_records_must_have_distinct_ids() {
        let id = EstateId::new("a").unwrap();
        let e = PartnershipArea::from_city_layer("Ryparken")
            .unwrap()
            .with_estates(vec![
                Estate::new(id.clone(), "A", None, None),
                Estate::new(id, "A igen", None, None),
            ])
            .unwrap_err();
        assert!(matches!(e, GeoError::DuplicateEstate { .. }), "{e}");
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_partnership_area_round_trips_through_serde_and_validates() {
        use std::hash::{BuildHasher, RandomState};
        let p = PartnershipArea::folehaven()
            .unwrap()
            .with_estate_outlines(&synthetic_outlines(0.0))
            .unwrap();
        let json = serde_json::to_string(&p).unwrap();
        let back: PartnershipArea = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
        let s = RandomState::new();
        assert_eq!(s.hash_one(&back), s.hash_one(&p));
        // An estate outline outside the area is refused on the way in too.
        let far = json.replace("720300", "710300");
        let e = serde_json::from_str::<PartnershipArea>(&far).unwrap_err();
        assert!(
            e.to_string().contains("outside the partnership area"),
            "{e}"
        );
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
