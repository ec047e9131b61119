//! Building validated multipolygons from raw rings (GeoJSON positions or WKT).

use geo::{Validation, coord};
use geo_types::{LineString, MultiPolygon, Polygon};

use crate::GeoError;
use crate::coord::Crs;

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

/// Checks every ring (closed, at least 4 positions, finite, in range for WGS84) and the
/// polygons as a whole (no self-intersection, holes inside shells, parts not overlapping),
/// and builds the multipolygon.
pub(crate) fn build_multipolygon(
    polygons: &[RawPolygon],
    crs: Crs,
    feature: &str,
) -> Result<MultiPolygon<f64>, GeoError> {
    let invalid = |problem: String| GeoError::InvalidGeometry {
        feature: feature.to_owned(),
        problem,
    };
    if polygons.is_empty() {
        return Err(invalid("the multipolygon has no polygons".to_owned()));
    }
    let mut out = Vec::with_capacity(polygons.len());
    for (pi, rings) in polygons.iter().enumerate() {
        if rings.is_empty() {
            return Err(invalid(format!("polygon {pi} has no rings")));
        }
        let mut built = Vec::with_capacity(rings.len());
        for (ri, ring) in rings.iter().enumerate() {
            let role = if ri == 0 {
                format!("polygon {pi}, exterior ring")
            } else {
                format!("polygon {pi}, interior ring {}", ri - 1)
            };
            if ring.len() < 4 {
                return Err(invalid(format!(
                    "{role} has {} positions; a closed ring needs at least 4",
                    ring.len()
                )));
            }
            for (k, &[x, y]) in ring.iter().enumerate() {
                if !x.is_finite() || !y.is_finite() {
                    return Err(invalid(format!(
                        "{role}, position {k}: ({x}, {y}) is not finite"
                    )));
                }
                if crs == Crs::Wgs84
                    && (!(-180.0..=180.0).contains(&x) || !(-90.0..=90.0).contains(&y))
                {
                    return Err(invalid(format!(
                        "{role}, position {k}: lon {x}, lat {y} is out of the WGS84 range"
                    )));
                }
            }
            if ring.first() != ring.last() {
                return Err(invalid(format!(
                    "{role} is not closed: first position {:?} differs from last {:?}",
                    ring.first(),
                    ring.last()
                )));
            }
            built.push(LineString::new(
                ring.iter().map(|&[x, y]| coord! { x: x, y: y }).collect(),
            ));
        }
        let mut iter = built.into_iter();
        let Some(shell) = iter.next() else {
            return Err(invalid(format!("polygon {pi} has no rings")));
        };
        out.push(Polygon::new(shell, iter.collect()));
    }
    validated(MultiPolygon::new(out), feature)
}

/// Checks a multipolygon as a whole (no self-intersection, holes inside shells, parts not
/// overlapping) and returns it.
pub(crate) fn validated(
    mp: MultiPolygon<f64>,
    feature: &str,
) -> Result<MultiPolygon<f64>, GeoError> {
    match mp.check_validation() {
        Ok(()) => Ok(mp),
        Err(problem) => Err(GeoError::InvalidGeometry {
            feature: feature.to_owned(),
            problem: problem.to_string(),
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
        assert!(e.contains("invalid geometry"), "{e}");

        let e = build_multipolygon(&[vec![square(179.5, 0.0, 1.0)]], Crs::Wgs84, "f")
            .unwrap_err()
            .to_string();
        assert!(e.contains("out of the WGS84 range"), "{e}");
    }
}
