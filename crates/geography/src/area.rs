//! Named areas and layers of areas, with GeoJSON reading and writing.

use std::marker::PhantomData;

use geo::{BoundingRect, Relate};
use geo_types::{MultiPolygon, Rect};
use geojson::{Feature, FeatureCollection, GeoJson, GeometryValue, JsonObject, JsonValue};

use crate::GeoError;
use crate::coord::{Crs, CrsCoord, Utm32, Wgs84, transform_xy};
use crate::error::{GeometryProblem, RingRef};
use crate::geometry::{RawPolygon, build_multipolygon, feature_label};

/// A named area (område) with a validated outline in the reference system of `P`
/// ([`Utm32`] metres or [`Wgs84`] degrees).
///
/// The outline is a valid multipolygon: closed rings, finite coordinates, no
/// self-intersections, holes inside their shells.
#[derive(Debug, Clone, PartialEq)]
#[doc(alias = "område")]
#[doc(alias = "delomraade")]
#[doc(alias = "boligområde")]
pub struct Area<P: CrsCoord> {
    name: String,
    id: Option<String>,
    properties: JsonObject,
    geometry: MultiPolygon<f64>,
    crs: PhantomData<P>,
}

impl<P: CrsCoord> Area<P> {
    /// An area from its name and outline (coordinates in `P`'s reference system).
    ///
    /// Its GeoJSON properties are `{"name": name}`.
    ///
    /// # Errors
    ///
    /// [`GeoError::InvalidGeometry`] if the outline is not a valid multipolygon (see
    /// [`Layer::from_geojson`] for the rules), naming the area.
    pub fn new(name: impl Into<String>, geometry: MultiPolygon<f64>) -> Result<Self, GeoError> {
        let name = name.into();
        let raw: Vec<RawPolygon> = geometry
            .0
            .iter()
            .map(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
                    .collect()
            })
            .collect();
        let feature = format!("area {name:?}");
        // Ring checks on the raw positions, then the whole-geometry checks (once).
        drop(geometry);
        let geometry = build_multipolygon(&raw, P::CRS, &feature)?;
        let mut properties = JsonObject::new();
        properties.insert("name".to_owned(), JsonValue::String(name.clone()));
        Ok(Area {
            name,
            id: None,
            properties,
            geometry,
            crs: PhantomData,
        })
    }

    /// The area's published name, such as `Ved Folehaven`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The GeoJSON feature id, if the source had one (e.g. `f_udsatte_byomraader.13`).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The GeoJSON properties as read (written back unchanged by [`Layer::to_geojson`]).
    pub fn properties(&self) -> &JsonObject {
        &self.properties
    }

    /// The outline, in `P`'s reference system.
    pub fn geometry(&self) -> &MultiPolygon<f64> {
        &self.geometry
    }

    /// The reference system of the outline.
    pub fn crs(&self) -> Crs {
        P::CRS
    }

    /// Sets the feature id and properties the area was read from (its outline unchanged).
    pub(crate) fn set_source(&mut self, id: Option<&str>, properties: JsonObject) {
        self.id = id.map(str::to_owned);
        self.properties = properties;
    }

    /// The bounding rectangle of the outline.
    pub(crate) fn bbox(&self) -> Option<Rect<f64>> {
        self.geometry.bounding_rect()
    }

    /// Whether the point lies inside the outline. A point exactly on the boundary is outside
    /// (the crate's boundary rule). This is the exact but unindexed test; use a
    /// [`Locator`](crate::Locator) for many points.
    pub fn contains(&self, point: P) -> bool {
        use geo::Contains;
        self.geometry
            .contains(&geo_types::coord! { x: point.x(), y: point.y() })
    }

    /// The same area with its outline transformed into `Q`'s reference system (each vertex
    /// transformed with proj4rs; the vertex count and order are unchanged).
    ///
    /// # Errors
    ///
    /// [`GeoError::Transform`] if a vertex cannot be transformed.
    pub fn transform<Q: CrsCoord>(&self) -> Result<Area<Q>, GeoError> {
        use geo::MapCoords;
        let geometry = self.geometry.try_map_coords(|c| -> Result<_, GeoError> {
            let (x, y) = transform_xy(P::CRS, Q::CRS, c.x, c.y)?;
            Ok(geo_types::coord! { x: x, y: y })
        })?;
        Ok(Area {
            name: self.name.clone(),
            id: self.id.clone(),
            properties: self.properties.clone(),
            geometry,
            crs: PhantomData,
        })
    }
}

// Every coordinate of a validated outline is finite (the constructors and transformations
// refuse NaN and infinities), so equality is an equivalence relation.
impl<P: CrsCoord> Eq for Area<P> {}

impl<P: CrsCoord> std::hash::Hash for Area<P> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.id.hash(state);
        // serde_json's `Value` has no `Hash`: the sorted keys are enough for a hash that
        // agrees with `==` (equal objects have the same keys, in any order).
        let mut keys: Vec<&String> = self.properties.keys().collect();
        keys.sort_unstable();
        keys.hash(state);
        hash_geometry(&self.geometry, state);
    }
}

/// Hashes a multipolygon's coordinates consistently with `==` (`-0.0` and `0.0` alike).
pub(crate) fn hash_geometry<H: std::hash::Hasher>(geometry: &MultiPolygon<f64>, state: &mut H) {
    use std::hash::Hash;
    geometry.0.len().hash(state);
    for polygon in &geometry.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            ring.0.len().hash(state);
            for c in &ring.0 {
                (c.x + 0.0).to_bits().hash(state);
                (c.y + 0.0).to_bits().hash(state);
            }
        }
    }
}

impl Area<Utm32> {
    /// The planar area of the outline in square metres (EPSG:25832 is a conformal projection;
    /// this is the figure Københavns Kommune publishes as `m2`).
    #[doc(alias = "areal")]
    pub fn area_m2(&self) -> f64 {
        use geo::Area as _;
        self.geometry.unsigned_area()
    }
}

/// A layer (kortlag) of named, non-overlapping areas in one reference system, such as
/// Københavns Kommune's 17 "udsatte byområder".
///
/// Read and write it as GeoJSON; build a [`Locator`](crate::Locator) from it to classify
/// points.
#[derive(Debug, Clone, PartialEq)]
#[doc(alias = "kortlag")]
pub struct Layer<P: CrsCoord> {
    areas: Vec<Area<P>>,
}

/// Københavns Kommune's layer "Udsatte byområder" as of 2023-07-18 (WGS84 GeoJSON).
const CITY_GEOJSON: &str = include_str!("../data/f_udsatte_byomraader_2023-07-18_wgs84.geojson");

impl Layer<Wgs84> {
    /// The embedded city layer: Københavns Kommune's 17 "udsatte byområder" (layer
    /// `f_udsatte_byomraader`, 2023-07-18), as published in WGS84, named by their
    /// `delomraade` property. Contains data from Københavns Kommune, *Udsatte byområder*
    /// (opendata.dk), CC BY 4.0.
    ///
    /// # Errors
    ///
    /// None in practice: the embedded file is checked by the crate's tests. The `Result`
    /// keeps the parsing path the same as for user data.
    #[doc(alias = "udsatte byområder")]
    pub fn city() -> Result<Self, GeoError> {
        Layer::from_geojson(CITY_GEOJSON, "delomraade")
    }
}

impl Layer<Utm32> {
    /// The embedded city layer ([`Layer::city`]) with its 17 outlines transformed once to
    /// EPSG:25832, for classifying points given in metres.
    ///
    /// # Errors
    ///
    /// [`GeoError::Transform`] if a vertex cannot be transformed (not expected).
    #[doc(alias = "udsatte byområder")]
    pub fn city_utm32() -> Result<Self, GeoError> {
        Layer::<Wgs84>::city()?.transform()
    }
}

impl<P: CrsCoord> Layer<P> {
    /// A layer of the given areas, in this order.
    ///
    /// Areas may overlap: the published city layer does (Nordvest and Ydre Nørrebro share
    /// about 44,600 m²). A [`Locator`](crate::Locator) gives a point in several areas to the
    /// first of them in this order; [`Layer::overlapping_pairs`] lists the overlaps.
    ///
    /// # Errors
    ///
    /// None today; kept fallible so that layer-wide checks can be added without breaking
    /// callers.
    pub fn new(areas: Vec<Area<P>>) -> Result<Self, GeoError> {
        Ok(Layer { areas })
    }

    /// The pairs of areas (indices, the lower first) whose interiors intersect; touching
    /// along edges or at points is not an overlap.
    pub fn overlapping_pairs(&self) -> Vec<(usize, usize)> {
        let items: Vec<_> = self
            .areas
            .iter()
            .map(|a| (String::new(), &a.geometry))
            .collect();
        overlapping_pairs(&items)
    }

    /// The areas, in the order given.
    pub fn areas(&self) -> &[Area<P>] {
        &self.areas
    }

    /// The area with this name, if any.
    pub fn area(&self, name: &str) -> Option<&Area<P>> {
        self.areas.iter().find(|a| a.name == name)
    }

    /// Consumes the layer, returning its areas.
    pub fn into_areas(self) -> Vec<Area<P>> {
        self.areas
    }

    /// The same layer transformed into `Q`'s reference system: "transform the few polygons,
    /// not the millions of points".
    ///
    /// # Errors
    ///
    /// [`GeoError::Transform`] if a vertex cannot be transformed.
    pub fn transform<Q: CrsCoord>(&self) -> Result<Layer<Q>, GeoError> {
        Ok(Layer {
            areas: self
                .areas
                .iter()
                .map(Area::transform)
                .collect::<Result<_, _>>()?,
        })
    }

    /// Reads a GeoJSON `FeatureCollection` (or a single `Feature`) of `Polygon` /
    /// `MultiPolygon` features, naming each area by the string property `name_property`.
    ///
    /// The coordinates are in the reference system the document declares in a legacy `crs`
    /// member (`urn:ogc:def:crs:EPSG::25832`, `EPSG:4326`, `CRS84`, …), or in WGS84 when it
    /// declares none, as RFC 7946 says. They are transformed into `P`'s system when that
    /// differs. Use [`Layer::from_geojson_in`] for a document whose coordinates are in a
    /// system it does not declare.
    ///
    /// Each geometry is validated: every ring closed with at least 4 positions, 2-D finite
    /// positions (within ±180°/±90° for WGS84, within [`Utm32::EASTINGS`] ×
    /// [`Utm32::NORTHINGS`] for EPSG:25832), at most [`MAX_VERTICES`](crate::MAX_VERTICES)
    /// positions per feature, no self-intersection, holes inside shells, parts not
    /// overlapping. Areas may overlap each other ([`Layer::overlapping_pairs`]).
    ///
    /// # Errors
    ///
    /// [`GeoError::Json`] (with line and column) for text that is not GeoJSON;
    /// [`GeoError::Feature`] for a feature without a polygonal geometry or without the name
    /// property; [`GeoError::InvalidGeometry`]; [`GeoError::UnsupportedCrs`];
    /// [`GeoError::Overlap`]; [`GeoError::Transform`]. Feature errors name the feature by
    /// index, id and name.
    pub fn from_geojson(text: &str, name_property: &str) -> Result<Self, GeoError> {
        read_layer(text, name_property, None)
    }

    /// Like [`Layer::from_geojson`], for a document whose coordinates are in `crs` (given by
    /// the caller rather than by the document).
    ///
    /// # Errors
    ///
    /// As [`Layer::from_geojson`], and [`GeoError::CrsMismatch`] if the document declares a
    /// different system.
    pub fn from_geojson_in(text: &str, name_property: &str, crs: Crs) -> Result<Self, GeoError> {
        read_layer(text, name_property, Some(crs))
    }

    /// Writes the layer as a GeoJSON `FeatureCollection`, each area a `MultiPolygon`
    /// feature with its id and properties.
    ///
    /// A WGS84 layer is plain RFC 7946. An EPSG:25832 layer carries the legacy member
    /// `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}}`, which
    /// [`Layer::from_geojson`] (and QGIS, GDAL) read back.
    pub fn to_geojson(&self) -> String {
        let features = self.areas.iter().map(|a| Feature {
            bbox: None,
            geometry: Some(geojson::Geometry::new(GeometryValue::from(&a.geometry))),
            id: a.id.clone().map(geojson::feature::Id::String),
            properties: Some(a.properties.clone()),
            foreign_members: None,
        });
        let mut fc = FeatureCollection::new(features);
        if P::CRS != Crs::Wgs84 {
            let mut crs = JsonObject::new();
            crs.insert("type".to_owned(), "name".into());
            let mut props = JsonObject::new();
            props.insert("name".to_owned(), P::CRS.urn().into());
            crs.insert("properties".to_owned(), JsonValue::Object(props));
            let mut members = JsonObject::new();
            members.insert("crs".to_owned(), JsonValue::Object(crs));
            fc.foreign_members = Some(members);
        }
        fc.to_string()
    }
}

/// The index pairs of multipolygons whose interiors intersect: candidates from an R-tree of
/// their bounding boxes (not every pair), each candidate related exactly.
fn overlapping_pairs(items: &[(String, &MultiPolygon<f64>)]) -> Vec<(usize, usize)> {
    use rstar::primitives::{GeomWithData, Rectangle};
    let boxes: Vec<GeomWithData<Rectangle<[f64; 2]>, usize>> = items
        .iter()
        .enumerate()
        .filter_map(|(i, (_, g))| {
            g.bounding_rect().map(|b| {
                GeomWithData::new(
                    Rectangle::from_corners([b.min().x, b.min().y], [b.max().x, b.max().y]),
                    i,
                )
            })
        })
        .collect();
    let tree = rstar::RTree::bulk_load(boxes.clone());
    let mut pairs = Vec::new();
    for item in &boxes {
        let first = item.data;
        let envelope = rstar::RTreeObject::envelope(item.geom());
        for other in tree.locate_in_envelope_intersecting(&envelope) {
            let second = other.data;
            if second <= first {
                continue;
            }
            let (Some((_, a)), Some((_, b))) = (items.get(first), items.get(second)) else {
                continue;
            };
            let m = a.relate(*b);
            if m.get(
                geo::coordinate_position::CoordPos::Inside,
                geo::coordinate_position::CoordPos::Inside,
            ) != geo::dimensions::Dimensions::Empty
            {
                pairs.push((first, second));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Fails if the interiors of any two multipolygons intersect, naming the first such pair.
pub(crate) fn check_no_overlap(items: &[(String, &MultiPolygon<f64>)]) -> Result<(), GeoError> {
    match overlapping_pairs(items).first() {
        Some(&(i, j)) => Err(GeoError::Overlap {
            first: items.get(i).map(|x| x.0.clone()).unwrap_or_default(),
            second: items.get(j).map(|x| x.0.clone()).unwrap_or_default(),
        }),
        None => Ok(()),
    }
}

/// The reference system named by a document's legacy `crs` member, if any.
fn declared_crs(members: Option<&JsonObject>) -> Result<Option<Crs>, GeoError> {
    let Some(crs) = members.and_then(|m| m.get("crs")) else {
        return Ok(None);
    };
    if crs.is_null() {
        return Ok(None);
    }
    let name = crs
        .get("properties")
        .and_then(|p| p.get("name"))
        .and_then(JsonValue::as_str)
        .ok_or_else(|| GeoError::UnsupportedCrs {
            value: crs.to_string(),
        })?;
    name.parse().map(Some)
}

fn raw_positions(
    ring: &[geojson::Position],
    at: RingRef,
    feature: &str,
) -> Result<Vec<[f64; 2]>, GeoError> {
    ring.iter()
        .enumerate()
        .map(|(k, p)| match p.as_slice() {
            &[x, y] => Ok([x, y]),
            other => Err(GeoError::InvalidGeometry {
                feature: feature.to_owned(),
                problem: GeometryProblem::NotTwoDimensional {
                    ring: at,
                    position: k,
                    values: other.len(),
                },
            }),
        })
        .collect()
}

/// The raw rings of polygon `polygon` of a feature.
pub(crate) fn raw_polygon(
    rings: &[Vec<geojson::Position>],
    polygon: usize,
    feature: &str,
) -> Result<RawPolygon, GeoError> {
    rings
        .iter()
        .enumerate()
        .map(|(ri, r)| raw_positions(r, RingRef::new(polygon, ri.checked_sub(1)), feature))
        .collect()
}

fn read_layer<P: CrsCoord>(
    text: &str,
    name_property: &str,
    caller_crs: Option<Crs>,
) -> Result<Layer<P>, GeoError> {
    let gj: GeoJson = serde_json::from_str(text).map_err(GeoError::from_json)?;
    let (features, members) = match gj {
        GeoJson::FeatureCollection(fc) => (fc.features, fc.foreign_members),
        GeoJson::Feature(f) => {
            let members = f.foreign_members.clone();
            (vec![f], members)
        }
        GeoJson::Geometry(_) => {
            return Err(GeoError::Feature {
                feature: "document".to_owned(),
                message: "expected a FeatureCollection or a Feature, found a bare Geometry"
                    .to_owned(),
                message_da:
                    "filen skal være en FeatureCollection eller en Feature, ikke en bar geometri"
                        .to_owned(),
            });
        }
    };
    let declared = declared_crs(members.as_ref())?;
    let source_crs = match (declared, caller_crs) {
        (Some(d), Some(c)) if d != c => {
            return Err(GeoError::CrsMismatch {
                declared: d,
                expected: c,
            });
        }
        (Some(d), _) => d,
        (None, Some(c)) => c,
        (None, None) => Crs::Wgs84,
    };
    let mut areas = Vec::with_capacity(features.len());
    for (index, feature) in features.into_iter().enumerate() {
        let id = feature.id.as_ref().map(|id| match id {
            geojson::feature::Id::String(s) => s.clone(),
            geojson::feature::Id::Number(n) => n.to_string(),
        });
        let name = feature
            .property(name_property)
            .and_then(JsonValue::as_str)
            .map(str::to_owned);
        let label = feature_label(index, id.as_deref(), name.as_deref());
        let Some(name) = name else {
            return Err(GeoError::Feature {
                feature: label,
                message: format!("missing string property {name_property:?}"),
                message_da: format!("mangler tekst-egenskaben \"{name_property}\""),
            });
        };
        let raw = match feature.geometry.as_ref().map(|g| &g.value) {
            Some(GeometryValue::Polygon { coordinates }) => {
                vec![raw_polygon(coordinates, 0, &label)?]
            }
            Some(GeometryValue::MultiPolygon { coordinates }) => coordinates
                .iter()
                .enumerate()
                .map(|(pi, p)| raw_polygon(p, pi, &label))
                .collect::<Result<_, _>>()?,
            Some(other) => {
                return Err(GeoError::Feature {
                    feature: label,
                    message: format!(
                        "geometry is a {}, expected Polygon or MultiPolygon",
                        other.type_name()
                    ),
                    message_da: format!(
                        "geometrien er en {}; den skal være Polygon eller MultiPolygon",
                        other.type_name()
                    ),
                });
            }
            None => {
                return Err(GeoError::Feature {
                    feature: label,
                    message: "has no geometry".to_owned(),
                    message_da: "har ingen geometri".to_owned(),
                });
            }
        };
        let mut geometry = build_multipolygon(&raw, source_crs, &label)?;
        if source_crs != P::CRS {
            use geo::MapCoords;
            geometry = geometry.try_map_coords(|c| -> Result<_, GeoError> {
                let (x, y) = transform_xy(source_crs, P::CRS, c.x, c.y)?;
                Ok(geo_types::coord! { x: x, y: y })
            })?;
        }
        let area = Area {
            name,
            id,
            properties: feature.properties.unwrap_or_default(),
            geometry,
            crs: PhantomData,
        };
        areas.push(area);
    }
    Layer::new(areas)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_layer_has_17_areas_with_folehaven() {
        let city = Layer::city().unwrap();
        assert_eq!(city.areas().len(), 17);
        let f = city.area("Ved Folehaven").unwrap();
        assert_eq!(f.id(), Some("f_udsatte_byomraader.13"));
        assert_eq!(f.crs(), Crs::Wgs84);
    }

    #[test]
    fn city_layer_in_metres_has_published_areas() {
        let city = Layer::city_utm32().unwrap();
        for a in city.areas() {
            let published = a
                .properties()
                .get("m2")
                .and_then(JsonValue::as_f64)
                .unwrap();
            // The WGS84 copy has 8 decimals (about 1 mm), so the area agrees to well under 0.1 %.
            let rel = (a.area_m2() - published).abs() / published;
            assert!(rel < 1e-3, "{}: {} vs {published}", a.name(), a.area_m2());
        }
    }

    #[test]
    fn geojson_round_trip_both_crs() {
        let city = Layer::city().unwrap();
        let again = Layer::<Wgs84>::from_geojson(&city.to_geojson(), "delomraade").unwrap();
        assert_eq!(city, again);

        let utm = city.transform::<Utm32>().unwrap();
        let text = utm.to_geojson();
        assert!(text.contains("urn:ogc:def:crs:EPSG::25832"));
        let back = Layer::<Utm32>::from_geojson(&text, "delomraade").unwrap();
        assert_eq!(utm, back);
        // Reading the 25832 document into a WGS84 layer transforms it back.
        let wgs = Layer::<Wgs84>::from_geojson(&text, "delomraade").unwrap();
        let a = wgs.areas()[0].geometry().0[0].exterior().0[0];
        let b = city.areas()[0].geometry().0[0].exterior().0[0];
        assert!((a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9);
        // A caller's CRS that contradicts the declared one is an error.
        assert!(matches!(
            Layer::<Utm32>::from_geojson_in(&text, "delomraade", Crs::Wgs84),
            Err(GeoError::CrsMismatch { .. })
        ));
    }

    #[test]
    fn errors_name_the_feature() {
        let e = Layer::<Wgs84>::from_geojson(
            "{\"type\": \"FeatureCollection\",\n \"features\": [}",
            "name",
        )
        .unwrap_err();
        assert!(matches!(e, GeoError::Json { line: 2, .. }), "{e}");

        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","id":"a","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[12,55],[12.1,55],[12.1,55.1],[12,55.1],[12,55]]]}},
          {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"Polygon","coordinates":[[[13,55],[13.1,55],[13.1,55.1],[13,55]]]}},
          {"type":"Feature","properties":{"name":"C"},"geometry":{"type":"Polygon","coordinates":[[[14,55],[14.1,55],[14.1,55.1],[14,55.1]]]}}
        ]}"#;
        let e = Layer::<Wgs84>::from_geojson(text, "name")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("feature 2") && e.contains("\"C\"") && e.contains("not closed"),
            "{e}"
        );

        let e = Layer::<Wgs84>::from_geojson(text, "label")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("feature 0 (id \"a\")") && e.contains("missing string property \"label\""),
            "{e}"
        );

        let point = r#"{"type":"Feature","properties":{"name":"P"},"geometry":{"type":"Point","coordinates":[12,55]}}"#;
        let e = Layer::<Wgs84>::from_geojson(point, "name")
            .unwrap_err()
            .to_string();
        assert!(e.contains("Point"), "{e}");

        let three_d = r#"{"type":"Feature","properties":{"name":"Z"},"geometry":{"type":"Polygon","coordinates":[[[12,55,1],[12.1,55,1],[12.1,55.1,1],[12,55,1]]]}}"#;
        let e = Layer::<Wgs84>::from_geojson(three_d, "name")
            .unwrap_err()
            .to_string();
        assert!(e.contains("2-D"), "{e}");

        let bad_crs = r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#;
        assert!(matches!(
            Layer::<Wgs84>::from_geojson(bad_crs, "name"),
            Err(GeoError::UnsupportedCrs { .. })
        ));
    }

    #[test]
    fn overlaps_are_listed() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}},
          {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"Polygon","coordinates":[[[2,0],[4,0],[4,2],[2,2],[2,0]]]}},
          {"type":"Feature","properties":{"name":"C"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[3,1],[3,3],[1,3],[1,1]]]}}
        ]}"#;
        let layer = Layer::<Wgs84>::from_geojson(text, "name").unwrap();
        // A and B only touch; C overlaps both.
        assert_eq!(layer.overlapping_pairs(), vec![(0, 2), (1, 2)]);
        let names = |(i, j): (usize, usize)| (layer.areas()[i].name(), layer.areas()[j].name());
        assert_eq!(names(layer.overlapping_pairs()[0]), ("A", "C"));

        // The published city layer: Nordvest and Ydre Nørrebro overlap.
        let city = Layer::city().unwrap();
        let pairs = city.overlapping_pairs();
        assert_eq!(pairs, vec![(3, 4)]);
        assert_eq!(city.areas()[3].name(), "Nordvest");
        assert_eq!(city.areas()[4].name(), "Ydre Nørrebro");
    }
}
