//! Building validated multipolygons from raw rings (GeoJSON positions or WKT).

use geo_types::{LineString, MultiPolygon, Polygon, coord};

use crate::GeoError;
use crate::coord::{Crs, Utm32, Wgs84};
use crate::error::{GeometryProblem, RingRef};

/// One polygon as raw rings: the shell first, then its holes; each ring a list of positions.
pub(crate) type RawPolygon = Vec<Vec<[f64; 2]>>;

/// A human-readable label for a feature: its index, id and name where known.
pub(crate) fn feature_label(index: usize, id: Option<&str>, name: Option<&str>) -> String {
    match (id, name) {
        (Some(id), Some(name)) => format!("feature {index} (id {id:?}, name {name:?})"),
        (Some(id), None) => format!("feature {index} (id {id:?})"),
        (None, Some(name)) => format!("feature {index} (name {name:?})"),
        (None, None) => format!("feature {index}"),
    }
}

/// The most positions one geometry (a feature's multipolygon, an area's outline) may have:
/// 1,000,000. Københavns Kommune's most detailed area has about 2,000; a larger geometry is
/// refused with [`GeometryProblem::TooManyVertices`] before any other work.
pub const MAX_VERTICES: usize = 1_000_000;

/// The most pairs of segments whose x-ranges overlap that one geometry may have: 50,000,000.
///
/// Validation sweeps the segments from west to east and compares each with the segments
/// whose x-range overlaps its own, so its time grows with that number of pairs (about 22 ns
/// each here: the limit is about a second). A detailed outline has about as many pairs as
/// segments (100,000 vertices: 220,000 pairs); an outline with thousands of long segments
/// stacked above each other has far more (a star of 100,000 spokes: 421,000,000, which took
/// 9 s, and 1,000,000 spokes would take many minutes). Such a geometry is refused with
/// [`GeometryProblem::TooComplex`], counted in `O(n log n)` before the sweep starts.
pub const MAX_SEGMENT_PAIRS: u64 = 50_000_000;

/// Checks every ring (closed, at least 4 positions, finite, in range for WGS84, within the
/// area of use for EPSG:25832) and the polygons as a whole (no self-intersection, holes
/// inside shells, parts not overlapping), and builds the multipolygon.
pub(crate) fn build_multipolygon(
    polygons: &[RawPolygon],
    crs: Crs,
    feature: &str,
) -> Result<MultiPolygon<f64>, GeoError> {
    let invalid = |problem: GeometryProblem| GeoError::InvalidGeometry {
        feature: feature.to_owned(),
        problem,
    };
    if polygons.is_empty() {
        return Err(invalid(GeometryProblem::NoPolygons));
    }
    let vertices: usize = polygons.iter().flatten().map(Vec::len).sum();
    if vertices > MAX_VERTICES {
        return Err(invalid(GeometryProblem::TooManyVertices {
            vertices,
            limit: MAX_VERTICES,
        }));
    }
    let mut out = Vec::with_capacity(polygons.len());
    for (pi, rings) in polygons.iter().enumerate() {
        if rings.is_empty() {
            return Err(invalid(GeometryProblem::NoRings { polygon: pi }));
        }
        let mut built = Vec::with_capacity(rings.len());
        for (ri, ring) in rings.iter().enumerate() {
            let at = RingRef::new(pi, ri.checked_sub(1));
            if ring.len() < 4 {
                return Err(invalid(GeometryProblem::TooFewPositions {
                    ring: at,
                    positions: ring.len(),
                }));
            }
            for (k, &[x, y]) in ring.iter().enumerate() {
                if !x.is_finite() || !y.is_finite() {
                    return Err(invalid(GeometryProblem::NotFinite {
                        ring: at,
                        position: k,
                        at: [x, y],
                    }));
                }
                match crs {
                    Crs::Wgs84 if Wgs84::new(x, y).is_err() => {
                        return Err(invalid(GeometryProblem::OutOfRange {
                            ring: at,
                            position: k,
                            at: [x, y],
                        }));
                    }
                    Crs::Etrs89Utm32 if Utm32::new(x, y).is_err() => {
                        return Err(invalid(GeometryProblem::OutsideAreaOfUse {
                            ring: at,
                            position: k,
                            at: [x, y],
                            crs,
                        }));
                    }
                    _ => {}
                }
            }
            #[allow(
                clippy::float_cmp,
                reason = "a closed ring repeats its first position exactly"
            )]
            let open = ring.first() != ring.last();
            if let (true, Some(&first), Some(&last)) = (open, ring.first(), ring.last()) {
                return Err(invalid(GeometryProblem::NotClosed {
                    ring: at,
                    first,
                    last,
                }));
            }
            built.push(LineString::new(
                ring.iter().map(|&[x, y]| coord! { x: x, y: y }).collect(),
            ));
        }
        let mut iter = built.into_iter();
        let Some(shell) = iter.next() else {
            return Err(invalid(GeometryProblem::NoRings { polygon: pi }));
        };
        out.push(Polygon::new(shell, iter.collect()));
    }
    validated(MultiPolygon::new(out), feature)
}

/// Checks a multipolygon as a whole (no self-intersection, holes inside shells, parts not
/// overlapping) and returns it: geo's validation rules in about linear time
/// ([`crate::validate`]).
pub(crate) fn validated(
    mp: MultiPolygon<f64>,
    feature: &str,
) -> Result<MultiPolygon<f64>, GeoError> {
    match crate::validate::check(&mp) {
        Ok(()) => Ok(mp),
        Err(problem) => Err(GeoError::InvalidGeometry {
            feature: feature.to_owned(),
            problem,
        }),
    }
}

/// The rings of a multipolygon as raw positions.
#[cfg(test)]
pub(crate) fn raw_of(mp: &MultiPolygon<f64>) -> Vec<RawPolygon> {
    mp.0.iter()
        .map(|p| {
            std::iter::once(p.exterior())
                .chain(p.interiors())
                .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square(x0: f64, y0: f64, s: f64) -> Vec<[f64; 2]> {
        vec![
            [x0, y0],
            [x0 + s, y0],
            [x0 + s, y0 + s],
            [x0, y0 + s],
            [x0, y0],
        ]
    }

    fn err(polys: &[RawPolygon]) -> String {
        build_multipolygon(polys, Crs::Etrs89Utm32, "feature 7 (name \"X\")")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn accepts_square_with_hole() {
        let mp = build_multipolygon(
            &[vec![square(0.0, 0.0, 10.0), square(2.0, 2.0, 2.0)]],
            Crs::Etrs89Utm32,
            "f",
        )
        .unwrap();
        assert_eq!(raw_of(&mp).len(), 1);
    }

    #[test]
    fn rejects_bad_rings_and_names_the_feature() {
        let mut open = square(0.0, 0.0, 1.0);
        open.pop();
        open.push([0.5, 0.0]);
        let e = err(&[vec![open]]);
        assert!(e.contains("feature 7") && e.contains("not closed"), "{e}");

        let e = err(&[vec![vec![[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]]]]);
        assert!(e.contains("needs at least 4"), "{e}");

        let mut nan = square(0.0, 0.0, 1.0);
        nan[2] = [f64::NAN, 1.0];
        let e = err(&[vec![nan]]);
        assert!(e.contains("position 2") && e.contains("not finite"), "{e}");

        // A bow tie crosses itself.
        let bow = vec![[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];
        let e = err(&[vec![bow]]);
        assert!(e.contains("self-intersection"), "{e}");

        // A hole outside its shell.
        let e = err(&[vec![square(0.0, 0.0, 1.0), square(5.0, 5.0, 1.0)]]);
        assert!(e.contains("not contained"), "{e}");

        // Two overlapping parts.
        let e = err(&[vec![square(0.0, 0.0, 2.0)], vec![square(1.0, 1.0, 2.0)]]);
        assert!(e.contains("overlap"), "{e}");

        let e = build_multipolygon(&[vec![square(179.5, 0.0, 1.0)]], Crs::Wgs84, "f")
            .unwrap_err()
            .to_string();
        assert!(e.contains("out of the WGS84 range"), "{e}");
    }
}
