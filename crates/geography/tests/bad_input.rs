//! Hostile geometry and coordinates: far-away points are refused by the constructors and
//! every classification path agrees with geo's exact `Contains` on any finite input; large
//! outlines validate (the validation is no longer quadratic); a self-intersection in a large
//! ring is found and located; the vertex limit holds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::LazyLock;

use geo::Contains;
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use proptest::prelude::*;
use tryghed_geography::{Area, GeoError, GeometryProblem, Layer, Locator, MAX_VERTICES, Utm32};

static CITY_M: LazyLock<Layer<Utm32>> = LazyLock::new(|| Layer::city_utm32().unwrap());
static LOCATOR_M: LazyLock<Locator<Utm32>> = LazyLock::new(|| Locator::new(CITY_M.clone()));

/// The first area containing (x, y) by geo's exact test, for a point the constructor takes.
fn reference(x: f64, y: f64) -> Option<usize> {
    Utm32::new(x, y).ok()?;
    CITY_M
        .areas()
        .iter()
        .position(|a| a.geometry().contains(&geo_types::Point::new(x, y)))
}

#[test]
fn a_point_far_away_is_refused_not_placed_in_sydhavnen() {
    // Issue 13, item 16: this point was "inside" Sydhavnen and Urbanplanen.
    let far = Utm32::new(-1.966e307, 6_172_550.0);
    assert!(
        matches!(far, Err(GeoError::OutsideAreaOfUse { .. })),
        "{far:?}"
    );
    assert!(Utm32::new(1e9, 6_172_550.0).is_err());
    assert!(Utm32::new(720_000.0, -1e8).is_err());
    assert_eq!(LOCATOR_M.locate_xy(-1.966e307, 6_172_550.0), None);
    assert_eq!(LOCATOR_M.locate_xy(f64::MAX, f64::MAX), None);
    // Points that are fine stay fine.
    assert!(Utm32::new(720_302.0, 6_172_500.0).is_ok());
    assert!(Utm32::new(870_000.0, 6_130_000.0).is_ok(), "Bornholm");
}

#[test]
fn an_outline_far_away_is_refused() {
    let far = MultiPolygon::new(vec![Polygon::new(
        LineString::from(vec![(0.0, 0.0), (1e12, 0.0), (1e12, 1e12), (0.0, 0.0)]),
        vec![],
    )]);
    match Area::<Utm32>::new("synthetic far", far) {
        Err(GeoError::InvalidGeometry {
            problem: GeometryProblem::OutsideAreaOfUse { position, .. },
            ..
        }) => assert_eq!(position, 1),
        other => panic!("{other:?}"),
    }
}

/// A wobbly circle of `n` vertices (radius 1,000 m ± 5 m) around a point in Valby: the
/// shape of a detailed outline.
fn wobbly(n: usize) -> Vec<Coord<f64>> {
    #[allow(clippy::cast_precision_loss)]
    let mut ring: Vec<Coord<f64>> = (0..n)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            let r = 1_000.0 + 5.0 * (50.0 * t).sin();
            Coord {
                x: 720_000.0 + r * t.cos(),
                y: 6_170_000.0 + r * t.sin(),
            }
        })
        .collect();
    ring.push(ring[0]);
    ring
}

#[test]
fn a_100_000_vertex_ring_validates() {
    // Before: over 60 s (the validation compared every pair of segments).
    let ring = wobbly(100_000);
    let mp = MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])]);
    let area = Area::<Utm32>::new("synthetic circle", mp).unwrap();
    assert!(area.contains(Utm32::new(720_000.0, 6_170_000.0).unwrap()));
}

#[test]
fn a_self_intersection_in_a_100_000_vertex_ring_is_found_and_located() {
    // Before: 34 s. Swap two vertices far apart: the ring now crosses itself.
    let mut ring = wobbly(100_000);
    ring.swap(10, 50_010);
    let mp = MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])]);
    match Area::<Utm32>::new("synthetic crossed circle", mp) {
        Err(GeoError::InvalidGeometry {
            problem: GeometryProblem::SelfIntersection { ring, .. },
            feature,
            ..
        }) => {
            assert_eq!((ring.polygon(), ring.hole()), (0, None));
            assert!(feature.contains("synthetic crossed circle"), "{feature}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn many_holes_and_parts_validate() {
    // 2,500 square holes in a square, and 2,500 square islands in a second polygon's holes.
    let square = |x: f64, y: f64, s: f64| {
        LineString::from(vec![(x, y), (x + s, y), (x + s, y + s), (x, y + s), (x, y)])
    };
    let (x0, y0) = (700_000.0, 6_160_000.0);
    let holes: Vec<_> = (0..50)
        .flat_map(|i| (0..50).map(move |j| (f64::from(i), f64::from(j))))
        .map(|(i, j)| square(x0 + 10.0 + 20.0 * i, y0 + 10.0 + 20.0 * j, 5.0))
        .collect();
    let islands: Vec<_> = (0..50)
        .flat_map(|i| (0..50).map(move |j| (f64::from(i), f64::from(j))))
        .map(|(i, j)| {
            Polygon::new(
                square(x0 + 11.0 + 20.0 * i, y0 + 11.0 + 20.0 * j, 2.0),
                vec![],
            )
        })
        .collect();
    let mut polygons = vec![Polygon::new(square(x0, y0, 1_010.0), holes)];
    polygons.extend(islands);
    Area::<Utm32>::new("synthetic lakes and islands", MultiPolygon::new(polygons)).unwrap();
}

#[test]
fn more_than_max_vertices_is_refused_before_any_work() {
    let ring = wobbly(MAX_VERTICES + 2);
    let mp = MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])]);
    match Area::<Utm32>::new("synthetic huge", mp) {
        Err(GeoError::InvalidGeometry {
            problem:
                GeometryProblem::TooManyVertices {
                    vertices, limit, ..
                },
            ..
        }) => assert_eq!((vertices, limit), (MAX_VERTICES + 3, MAX_VERTICES)),
        other => panic!("{other:?}"),
    }
}

/// A star of `n` spokes of 100 m, neighbours centimetres apart: a valid outline whose
/// segments stack above each other (the sweep's worst case).
#[allow(clippy::cast_precision_loss)]
fn star(n: usize) -> MultiPolygon<f64> {
    let mut ring: Vec<Coord<f64>> = (0..n)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / n as f64;
            let r = if k % 2 == 0 { 1_000.0 } else { 900.0 };
            Coord {
                x: 720_000.0 + r * t.cos(),
                y: 6_170_000.0 + r * t.sin(),
            }
        })
        .collect();
    ring.push(ring[0]);
    MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
}

/// A star of 100,000 spokes once took 9 s to validate and a million would take many
/// minutes: it is refused as too complex once its stacked segment pairs are counted, while a
/// star of 10,000 spokes is checked and valid.
#[test]
fn an_outline_of_stacked_long_segments_is_refused_before_the_sweep() {
    Area::<Utm32>::new("synthetic star", star(10_000)).unwrap();
    match Area::<Utm32>::new("synthetic star", star(100_000)) {
        Err(GeoError::InvalidGeometry {
            problem: GeometryProblem::TooComplex { pairs, limit, .. },
            ..
        }) => {
            assert!(pairs > limit, "{pairs} {limit}");
            assert_eq!(limit, tryghed_geography::MAX_SEGMENT_PAIRS);
        }
        other => panic!("{other:?}"),
    }
}

/// Any finite value, with a bias towards the city and towards the extremes.
fn any_finite() -> impl Strategy<Value = (f64, f64)> {
    let near = (700_000.0..740_000.0_f64, 6_160_000.0..6_185_000.0_f64);
    let wild = (
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
    );
    prop_oneof![
        near,
        wild.prop_map(|(x, y)| (x, y)),
        (Just(-1.966e307), Just(6_172_550.0))
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The typed path (constructor, then `locate`), the raw path (`locate_xy`) and each
    /// area's `contains` agree with geo's exact test on every finite input the constructor
    /// takes; what it refuses is outside on the raw path.
    #[test]
    fn every_classification_path_agrees_with_the_reference((x, y) in any_finite()) {
        let want = reference(x, y);
        prop_assert_eq!(LOCATOR_M.locate_xy(x, y), want);
        if let Ok(p) = Utm32::new(x, y) {
            prop_assert_eq!(LOCATOR_M.locate_index(p), want);
            let first = CITY_M.areas().iter().position(|a| a.contains(p));
            prop_assert_eq!(first, want);
        } else {
            prop_assert_eq!(want, None);
        }
    }
}

#[test]
fn json_errors_keep_the_parser_error_as_source() {
    let e =
        Layer::<Utm32>::from_geojson("{ \"type\": \"FeatureCollection\", ", "name").unwrap_err();
    assert!(matches!(e, GeoError::Json { line: 1, .. }), "{e}");
    let source = std::error::Error::source(&e).expect("a source");
    assert!(source.downcast_ref::<serde_json::Error>().is_some());
}
