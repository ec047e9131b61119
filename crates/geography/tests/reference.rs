//! Reference tests against independent implementations: PROJ 9.5.1 (via pyproj) for the
//! projection and GEOS 3.14.1 (via shapely) for point classification. See tests/data/README.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use tryghed_geography::{Layer, Locator, PartnershipArea, Utm32, Wgs84};

const PROJ: &str = include_str!("data/epsg4326_to_epsg25832_proj.csv");
const GEOS: &str = include_str!("data/city_areas_classification_geos.csv");

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines()
        .enumerate()
        .skip(1)
        .map(|(i, l)| (i + 1, l.split(',').collect()))
}

#[test]
fn projection_agrees_with_proj_within_a_millimetre_both_ways() {
    let mut n = 0;
    let (mut worst_fwd, mut worst_inv) = (0.0_f64, 0.0_f64);
    for (line, f) in rows(PROJ) {
        let lon: f64 = f[0].parse().unwrap();
        let lat: f64 = f[1].parse().unwrap();
        let e: f64 = f[2].parse().unwrap();
        let north: f64 = f[3].parse().unwrap();

        let fwd = Wgs84::new(lon, lat).unwrap().to_utm32().unwrap();
        let d = (fwd.easting() - e).hypot(fwd.northing() - north);
        worst_fwd = worst_fwd.max(d);
        assert!(d < 0.001, "line {line}: forward off by {d} m");

        // Inverse: compare in metres by projecting the difference (1e-8° ≈ 1 mm); measure it
        // by projecting our inverse result forward again is circular, so use degrees scaled
        // to metres at this latitude.
        let inv = Utm32::new(e, north).unwrap().to_wgs84().unwrap();
        let dy = (inv.lat() - lat) * 111_320.0;
        let dx = (inv.lon() - lon) * 111_320.0 * lat.to_radians().cos();
        let d = dx.hypot(dy);
        worst_inv = worst_inv.max(d);
        // The fixture's metres have 4 decimals (0.05 mm rounding) and its degrees 9
        // (≈ 0.1 mm), so 1 mm is a fair bound.
        assert!(d < 0.001, "line {line}: inverse off by {d} m");
        n += 1;
    }
    assert_eq!(n, 1000);
    eprintln!("worst forward {worst_fwd:e} m, worst inverse {worst_inv:e} m");
}

#[test]
fn city_classification_agrees_with_geos_on_every_row() {
    let layer = Layer::city().unwrap();
    let locator = Locator::new(layer.clone());
    let metres = Locator::new(layer.transform::<Utm32>().unwrap());
    let mut inside = 0;
    let mut in_overlap = 0;
    for (line, f) in rows(GEOS) {
        let p = Wgs84::new(f[0].parse().unwrap(), f[1].parse().unwrap()).unwrap();
        let expected = f.get(2).copied().unwrap_or("");
        let got = locator.locate(p).map_or("", |a| a.name());
        assert_eq!(got, expected, "line {line}: {p}");
        // The naive exact test agrees too.
        let naive = layer
            .areas()
            .iter()
            .find(|a| a.contains(p))
            .map_or("", |a| a.name());
        assert_eq!(naive, expected, "line {line} (naive)");
        if !expected.is_empty() {
            inside += 1;
        }
        if layer.areas()[3].contains(p) && layer.areas()[4].contains(p) {
            in_overlap += 1;
        }
        // Classifying in metres (polygons transformed once) agrees except within millimetres
        // of a boundary, which these random points never are.
        let m = metres
            .locate(p.to_utm32().unwrap())
            .map_or("", |a| a.name());
        assert_eq!(m, expected, "line {line} (EPSG:25832)");
    }
    eprintln!("{in_overlap} reference points lie where Nordvest and Ydre Nørrebro overlap");
    assert_eq!(inside, 666, "the fixture has 666 points inside some area");
}

#[test]
fn partnership_layer_agrees_with_geos_for_ved_folehaven() {
    let area = PartnershipArea::folehaven().unwrap();
    let loc = area.locator::<Wgs84>().unwrap();
    let loc_m = area.locator::<Utm32>().unwrap();
    for (line, f) in rows(GEOS) {
        let p = Wgs84::new(f[0].parse().unwrap(), f[1].parse().unwrap()).unwrap();
        let expected = f.get(2).copied().unwrap_or("") == "Ved Folehaven";
        assert_eq!(loc.locate(p).is_some(), expected, "line {line}");
        assert_eq!(
            loc_m.locate(p.to_utm32().unwrap()).is_some(),
            expected,
            "line {line} (m)"
        );
    }
}

#[test]
fn every_vertex_of_the_city_layer_is_outside() {
    // The boundary rule: a point exactly on a boundary (here, on a vertex) is outside.
    let layer = Layer::city().unwrap();
    let locator = Locator::new(layer.clone());
    for (i, area) in layer.areas().iter().enumerate() {
        for poly in &area.geometry().0 {
            for c in poly.exterior().coords() {
                let hit = locator.locate_xy(c.x, c.y);
                assert_ne!(hit, Some(i), "vertex {c:?} of {}", area.name());
            }
        }
    }
}

#[test]
fn every_delomraade_as_a_partnership_area_agrees_with_geos() {
    // The area an agreement declares by `[area] name = "…"`: each delområde of the city layer
    // classifies the 4,000 reference points as GEOS does.
    let city = Layer::city().unwrap();
    let mut names: Vec<&str> = city
        .areas()
        .iter()
        .map(tryghed_geography::Area::name)
        .collect();
    names.dedup();
    let points: Vec<(usize, Wgs84, String)> = rows(GEOS)
        .map(|(line, f)| {
            let p = Wgs84::new(f[0].parse().unwrap(), f[1].parse().unwrap()).unwrap();
            (line, p, f.get(2).copied().unwrap_or("").to_owned())
        })
        .collect();
    for name in names {
        let area = PartnershipArea::from_city_layer(name).unwrap();
        let loc = area.locator::<Wgs84>().unwrap();
        let loc_m = area.locator::<Utm32>().unwrap();
        let mut inside = 0;
        for (line, p, expected) in &points {
            let expected = expected == name;
            assert_eq!(loc.locate(*p).is_some(), expected, "{name}, line {line}");
            assert_eq!(
                loc_m.locate(p.to_utm32().unwrap()).is_some(),
                expected,
                "{name}, line {line} (m)"
            );
            inside += usize::from(expected);
        }
        eprintln!("{name}: {inside} reference points inside");
    }
}
