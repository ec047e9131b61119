//! Geometry validation: a multipolygon made from the bytes (small integer coordinates, so
//! that touches, shared lines and crossings are common) gets the same verdict from the
//! crate's linear-time validation as from geo's own quadratic one (the reference), except
//! for rings of zero area, which geo accepts in some shapes and the crate refuses.
#![no_main]

use geo::{Area as _, Validation};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use libfuzzer_sys::fuzz_target;
use tryghed_geography::{Area, Utm32};

fn ring(bytes: &[u8]) -> LineString<f64> {
    let mut coords: Vec<Coord<f64>> = bytes
        .chunks_exact(2)
        .map(|p| Coord {
            x: 720_000.0 + f64::from(p[0] % 8),
            y: 6_170_000.0 + f64::from(p[1] % 8),
        })
        .collect();
    if let Some(&first) = coords.first() {
        coords.push(first);
    }
    LineString::new(coords)
}

fuzz_target!(|data: &[u8]| {
    // Bytes: [polygons] then per polygon [rings] then per ring [points] and the points.
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next();
    let mut polygons = Vec::new();
    let n_polygons = next().map_or(1, |b| 1 + usize::from(b % 3));
    for _ in 0..n_polygons {
        let n_rings = next().map_or(1, |b| 1 + usize::from(b % 3));
        let mut rings = Vec::new();
        for _ in 0..n_rings {
            let n_points = next().map_or(3, |b| 3 + usize::from(b % 5));
            let points: Vec<u8> = (0..2 * n_points).map_while(|_| next()).collect();
            rings.push(ring(&points));
        }
        let mut rings = rings.into_iter();
        let Some(shell) = rings.next() else { continue };
        polygons.push(Polygon::new(shell, rings.collect()));
    }
    let mp = MultiPolygon::new(polygons);
    let degenerate = mp.0.iter().any(|p| {
        std::iter::once(p.exterior())
            .chain(p.interiors())
            .any(|r| r.0.len() < 4 || Polygon::new(r.clone(), vec![]).unsigned_area() == 0.0)
    });
    if degenerate {
        let _ = Area::<Utm32>::new("fuzz", mp);
        return;
    }
    let reference = mp.is_valid();
    let ours = Area::<Utm32>::new("fuzz", mp.clone());
    assert_eq!(
        ours.is_ok(),
        reference,
        "ours {:?}, geo {:?}, {mp:?}",
        ours.err(),
        mp.validation_errors()
    );
});
