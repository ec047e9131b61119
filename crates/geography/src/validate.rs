//! Whole-geometry validation of a multipolygon in `O((n + m) log n)` time.
//!
//! The rules are geo's [`Validation`](geo::Validation) for `MultiPolygon` (the reference the
//! tests compare against): every ring has at least 4 distinct positions and does not cross or
//! touch itself (except where consecutive segments meet); the rings of a polygon do not cross
//! or share a line, its holes lie inside its shell and not inside each other; the polygons of
//! the multipolygon do not overlap or share a line. Rings may touch at points.
//!
//! geo checks every pair of segments of a ring, and relates every pair of rings and of
//! polygons: quadratic in the vertex count (10,000 vertices took 4 s, 100,000 over a
//! minute). Here:
//!
//! 1. one sweep over all segments ([`geo::algorithm::sweep::Intersections`], a simplified
//!    Bentley–Ottmann over the segments' x-intervals) finds every pair of segments that
//!    meet. A meeting within a ring that is not at a shared endpoint, a crossing or a shared
//!    line between two rings, is an error at once; a touch at a point splits the segments
//!    there;
//! 2. with no crossings left, each piece of a ring between those points lies wholly inside
//!    or outside every other ring, so one point in the middle of each piece, located with
//!    geo's [`IntervalTreeMultiPolygon`] in the rings whose bounding boxes hold it, decides
//!    whether a hole lies in its shell, two holes overlap or two polygons overlap.
//!
//! `m` is the number of segment pairs whose x-intervals overlap: about `n` for outlines such
//! as estates and city areas, more for outlines with many long segments stacked above each
//! other.

use geo::algorithm::sweep::{Cross, Intersections};
use geo::indexed::IntervalTreeMultiPolygon;
use geo::line_intersection::LineIntersection;
use geo::orient::{Direction, Orient};
use geo::{BoundingRect, Contains};
use geo_types::{Coord, Line, LineString, MultiPolygon, Polygon};

use crate::error::{GeometryProblem, RingRef};

/// One segment of a ring, with where it belongs.
#[derive(Debug, Clone, Copy)]
struct Segment {
    line: Line<f64>,
    /// Index into the list of rings.
    ring: usize,
    /// Index into the list of segments.
    id: usize,
}

impl Cross for Segment {
    type Scalar = f64;

    fn line(&self) -> Line<f64> {
        self.line
    }
}

/// Checks `mp` as geo's `Validation` would, in about linear time. Ring-level checks on raw
/// positions (closed, finite, range) are done before this by the caller.
pub(crate) fn check(mp: &MultiPolygon<f64>) -> Result<(), GeometryProblem> {
    let mut rings: Vec<(RingRef, &LineString<f64>)> = Vec::new();
    let mut segments: Vec<Segment> = Vec::new();
    for (pi, polygon) in mp.0.iter().enumerate() {
        let all = std::iter::once(polygon.exterior()).chain(polygon.interiors());
        for (ri, ring) in all.enumerate() {
            let at = RingRef::new(pi, ri.checked_sub(1));
            let mut distinct = ring.0.clone();
            distinct.dedup();
            if distinct.len() < 4 {
                return Err(GeometryProblem::TooFewPositions {
                    ring: at,
                    positions: distinct.len(),
                });
            }
            let index = rings.len();
            rings.push((at, ring));
            for line in ring.lines() {
                let id = segments.len();
                segments.push(Segment {
                    line,
                    ring: index,
                    id,
                });
            }
        }
    }

    let pairs = stacked_pairs(&segments);
    if pairs > crate::MAX_SEGMENT_PAIRS {
        return Err(GeometryProblem::TooComplex {
            pairs,
            limit: crate::MAX_SEGMENT_PAIRS,
        });
    }
    let splits = meetings(&rings, &segments)?;
    if rings.len() < 2 {
        return Ok(());
    }
    pieces(mp, &rings, &segments, &splits)
}

/// The number of pairs of segments whose x-ranges overlap (touching counts): the work of
/// the sweep in [`meetings`], counted in `O(n log n)` by walking the ranges' ends from west
/// to east.
fn stacked_pairs(segments: &[Segment]) -> u64 {
    let mut ends: Vec<(f64, bool)> = Vec::with_capacity(segments.len() * 2);
    for s in segments {
        let (a, b) = (s.line.start.x, s.line.end.x);
        // `false` (a start) sorts before `true` (an end) at the same x: touching ranges count.
        ends.push((a.min(b), false));
        ends.push((a.max(b), true));
    }
    ends.sort_unstable_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
    let (mut open, mut pairs) = (0u64, 0u64);
    for (_, is_end) in ends {
        if is_end {
            open = open.saturating_sub(1);
        } else {
            pairs = pairs.saturating_add(open);
            open += 1;
        }
    }
    pairs
}

/// Step 1: every pair of segments that meet. Returns, for each segment, the points where
/// another ring touches it.
fn meetings(
    rings: &[(RingRef, &LineString<f64>)],
    segments: &[Segment],
) -> Result<Vec<Vec<Coord<f64>>>, GeometryProblem> {
    let mut splits: Vec<Vec<Coord<f64>>> = vec![Vec::new(); segments.len()];
    let sweep: Intersections<Segment> = segments.iter().copied().collect();
    for (a, b, meeting) in sweep {
        let (Some(&(ra, _)), Some(&(rb, _))) = (rings.get(a.ring), rings.get(b.ring)) else {
            continue;
        };
        let point = match meeting {
            LineIntersection::SinglePoint { intersection, .. } => intersection,
            LineIntersection::Collinear { intersection } => intersection.start,
        };
        if a.ring == b.ring {
            // geo's rule: segments of one ring may meet only where one ends and the other
            // starts.
            if a.line.start != b.line.end && a.line.end != b.line.start {
                return Err(GeometryProblem::SelfIntersection {
                    ring: ra,
                    at: [point.x, point.y],
                });
            }
            continue;
        }
        let same_polygon = ra.polygon() == rb.polygon();
        let at = [point.x, point.y];
        match meeting {
            LineIntersection::Collinear { intersection }
                if intersection.start != intersection.end =>
            {
                return Err(if same_polygon {
                    GeometryProblem::RingsShareALine {
                        first: ra,
                        second: rb,
                        at,
                    }
                } else {
                    GeometryProblem::PartsShareALine {
                        first: ra.polygon(),
                        second: rb.polygon(),
                        at,
                    }
                });
            }
            LineIntersection::SinglePoint {
                is_proper: true, ..
            } => {
                return Err(if same_polygon {
                    GeometryProblem::RingsCross {
                        first: ra,
                        second: rb,
                        at,
                    }
                } else {
                    GeometryProblem::PartsOverlap {
                        first: ra.polygon(),
                        second: rb.polygon(),
                        at,
                    }
                });
            }
            _ => {
                // A touch at a point: the pieces on either side are checked below.
                if let Some(s) = splits.get_mut(a.id) {
                    s.push(point);
                }
                if let Some(s) = splits.get_mut(b.id) {
                    s.push(point);
                }
            }
        }
    }
    Ok(splits)
}

/// Step 2: where each piece of each ring lies relative to the other rings.
fn pieces(
    mp: &MultiPolygon<f64>,
    rings: &[(RingRef, &LineString<f64>)],
    segments: &[Segment],
    splits: &[Vec<Coord<f64>>],
) -> Result<(), GeometryProblem> {
    let ring_boxes: Vec<Option<geo_types::Rect<f64>>> =
        rings.iter().map(|(_, r)| r.bounding_rect()).collect();
    let ring_trees: Vec<IntervalTreeMultiPolygon<f64>> = rings
        .iter()
        .map(|(_, r)| {
            IntervalTreeMultiPolygon::new(&MultiPolygon::new(vec![Polygon::new(
                (*r).clone(),
                Vec::new(),
            )]))
        })
        .collect();
    let part_trees: Vec<IntervalTreeMultiPolygon<f64>> = mp
        .0
        .iter()
        .map(|p| {
            IntervalTreeMultiPolygon::new(&MultiPolygon::new(vec![p.orient(Direction::Default)]))
        })
        .collect();
    let shell_of: Vec<usize> = {
        let mut shell = 0;
        rings
            .iter()
            .enumerate()
            .map(|(i, (at, _))| {
                if at.hole().is_none() {
                    shell = i;
                }
                shell
            })
            .collect()
    };
    let candidates = RingIndex::new(&ring_boxes);
    let mut found = Vec::new();
    for segment in segments {
        let Some(&(at, _)) = rings.get(segment.ring) else {
            continue;
        };
        let mut points = splits.get(segment.id).cloned().unwrap_or_default();
        let start = segment.line.start;
        points.push(start);
        points.push(segment.line.end);
        points.sort_by(|p, q| {
            let dp = (p.x - start.x).powi(2) + (p.y - start.y).powi(2);
            let dq = (q.x - start.x).powi(2) + (q.y - start.y).powi(2);
            dp.total_cmp(&dq)
        });
        points.dedup();
        for pair in points.windows(2) {
            let [u, v] = pair else { continue };
            let middle = Coord {
                x: u.x + (v.x - u.x) / 2.0,
                y: u.y + (v.y - u.y) / 2.0,
            };
            if at.hole().is_some() {
                let shell = shell_of.get(segment.ring).copied().unwrap_or_default();
                if !ring_trees.get(shell).is_some_and(|t| t.contains(&middle)) {
                    return Err(GeometryProblem::HoleOutsideShell {
                        ring: at,
                        at: [middle.x, middle.y],
                    });
                }
            }
            found.clear();
            candidates.holding(middle, &mut found);
            for &other in &found {
                let Some(&(other_at, _)) = rings.get(other) else {
                    continue;
                };
                if other == segment.ring {
                    continue;
                }
                if other_at.polygon() == at.polygon() {
                    // A piece of a hole inside another hole of the same polygon.
                    if at.hole().is_some()
                        && other_at.hole().is_some()
                        && ring_trees.get(other).is_some_and(|t| t.contains(&middle))
                    {
                        return Err(GeometryProblem::HolesOverlap {
                            first: at,
                            second: other_at,
                            at: [middle.x, middle.y],
                        });
                    }
                } else if other_at.hole().is_none()
                    && part_trees
                        .get(other_at.polygon())
                        .is_some_and(|t| t.contains(&middle))
                {
                    // A piece of this polygon's boundary inside another polygon.
                    return Err(GeometryProblem::PartsOverlap {
                        first: at.polygon().min(other_at.polygon()),
                        second: at.polygon().max(other_at.polygon()),
                        at: [middle.x, middle.y],
                    });
                }
            }
        }
    }
    Ok(())
}

/// The rings whose bounding boxes hold a point (an R-tree of the boxes).
struct RingIndex {
    tree: rstar::RTree<
        rstar::primitives::GeomWithData<rstar::primitives::Rectangle<[f64; 2]>, usize>,
    >,
}

impl RingIndex {
    fn new(boxes: &[Option<geo_types::Rect<f64>>]) -> Self {
        let items = boxes
            .iter()
            .enumerate()
            .filter_map(|(i, b)| {
                b.map(|b| {
                    rstar::primitives::GeomWithData::new(
                        rstar::primitives::Rectangle::from_corners(
                            [b.min().x, b.min().y],
                            [b.max().x, b.max().y],
                        ),
                        i,
                    )
                })
            })
            .collect();
        RingIndex {
            tree: rstar::RTree::bulk_load(items),
        }
    }

    /// Appends to `out` every ring whose box holds `point`.
    fn holding(&self, point: Coord<f64>, out: &mut Vec<usize>) {
        out.extend(
            self.tree
                .locate_all_at_point(&[point.x, point.y])
                .map(|item| item.data),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Validation;
    use proptest::prelude::*;

    fn ring(points: &[(f64, f64)]) -> LineString<f64> {
        let mut coords: Vec<Coord<f64>> = points.iter().map(|&(x, y)| Coord { x, y }).collect();
        if let Some(&first) = coords.first() {
            coords.push(first);
        }
        LineString::new(coords)
    }

    fn square(x: f64, y: f64, s: f64) -> LineString<f64> {
        ring(&[(x, y), (x + s, y), (x + s, y + s), (x, y + s)])
    }

    fn poly(shell: LineString<f64>, holes: Vec<LineString<f64>>) -> Polygon<f64> {
        Polygon::new(shell, holes)
    }

    proptest! {
        /// The counted pairs are the pairs of segments whose x-ranges overlap, by brute force.
        #[test]
        fn stacked_pairs_counts_overlapping_ranges(
            xs in prop::collection::vec((-5i32..5, -5i32..5), 0..40),
        ) {
            let segments: Vec<Segment> = xs
                .iter()
                .enumerate()
                .map(|(id, &(a, b))| Segment {
                    line: Line::new(
                        Coord { x: f64::from(a), y: 0.0 },
                        Coord { x: f64::from(b), y: 1.0 },
                    ),
                    ring: 0,
                    id,
                })
                .collect();
            let mut naive = 0u64;
            for (i, p) in xs.iter().enumerate() {
                for q in xs.iter().skip(i + 1) {
                    let (plo, phi) = (p.0.min(p.1), p.0.max(p.1));
                    let (qlo, qhi) = (q.0.min(q.1), q.0.max(q.1));
                    if plo <= qhi && qlo <= phi {
                        naive += 1;
                    }
                }
            }
            prop_assert_eq!(stacked_pairs(&segments), naive);
        }
    }

    #[test]
    fn each_rule_has_its_problem() {
        let ok = MultiPolygon::new(vec![poly(
            square(0.0, 0.0, 10.0),
            vec![square(2.0, 2.0, 2.0)],
        )]);
        assert_eq!(check(&ok), Ok(()));
        let bow = MultiPolygon::new(vec![poly(
            ring(&[(0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0)]),
            vec![],
        )]);
        assert!(matches!(
            check(&bow),
            Err(GeometryProblem::SelfIntersection { .. })
        ));
        let outside = MultiPolygon::new(vec![poly(
            square(0.0, 0.0, 1.0),
            vec![square(5.0, 5.0, 1.0)],
        )]);
        assert!(matches!(
            check(&outside),
            Err(GeometryProblem::HoleOutsideShell { .. })
        ));
        let nested_holes = MultiPolygon::new(vec![poly(
            square(0.0, 0.0, 10.0),
            vec![square(1.0, 1.0, 6.0), square(2.0, 2.0, 1.0)],
        )]);
        assert!(matches!(
            check(&nested_holes),
            Err(GeometryProblem::HolesOverlap { .. })
        ));
        let crossing = MultiPolygon::new(vec![poly(
            square(0.0, 0.0, 4.0),
            vec![square(3.0, 1.0, 2.0)],
        )]);
        assert!(matches!(
            check(&crossing),
            Err(GeometryProblem::RingsCross { .. })
        ));
        let overlapping = MultiPolygon::new(vec![
            poly(square(0.0, 0.0, 2.0), vec![]),
            poly(square(1.0, 1.0, 2.0), vec![]),
        ]);
        assert!(matches!(
            check(&overlapping),
            Err(GeometryProblem::PartsOverlap { .. })
        ));
        let inside = MultiPolygon::new(vec![
            poly(square(0.0, 0.0, 10.0), vec![]),
            poly(square(1.0, 1.0, 2.0), vec![]),
        ]);
        assert!(matches!(
            check(&inside),
            Err(GeometryProblem::PartsOverlap { .. })
        ));
        let island = MultiPolygon::new(vec![
            poly(square(0.0, 0.0, 10.0), vec![square(1.0, 1.0, 5.0)]),
            poly(square(2.0, 2.0, 1.0), vec![]),
        ]);
        assert_eq!(check(&island), Ok(()));
        let sharing = MultiPolygon::new(vec![
            poly(square(0.0, 0.0, 1.0), vec![]),
            poly(square(1.0, 0.0, 1.0), vec![]),
        ]);
        assert!(matches!(
            check(&sharing),
            Err(GeometryProblem::PartsShareALine { .. })
        ));
        let touching = MultiPolygon::new(vec![
            poly(square(0.0, 0.0, 1.0), vec![]),
            poly(square(1.0, 1.0, 1.0), vec![]),
        ]);
        assert_eq!(check(&touching), Ok(()));
        let few = MultiPolygon::new(vec![poly(
            LineString::new(vec![
                Coord { x: 0.0, y: 0.0 },
                Coord { x: 1.0, y: 0.0 },
                Coord { x: 1.0, y: 0.0 },
                Coord { x: 0.0, y: 0.0 },
            ]),
            vec![],
        )]);
        assert!(matches!(
            check(&few),
            Err(GeometryProblem::TooFewPositions { .. })
        ));
    }

    /// A small multipolygon on a coarse grid, so that touches, shared lines and crossings
    /// are common.
    fn grid_ring() -> impl Strategy<Value = LineString<f64>> {
        prop::collection::vec((0i8..6, 0i8..6), 3..7).prop_map(|points| {
            ring(
                &points
                    .iter()
                    .map(|&(x, y)| (f64::from(x), f64::from(y)))
                    .collect::<Vec<_>>(),
            )
        })
    }

    fn grid_multipolygon() -> impl Strategy<Value = MultiPolygon<f64>> {
        prop::collection::vec(
            (grid_ring(), prop::collection::vec(grid_ring(), 0..3)),
            1..4,
        )
        .prop_map(|polys| MultiPolygon::new(polys.into_iter().map(|(s, h)| poly(s, h)).collect()))
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 5000,
            max_global_rejects: 100_000,
            ..ProptestConfig::default()
        })]

        /// The same verdict as geo's own (quadratic) validation, the reference.
        #[test]
        fn agrees_with_geo_validation(mp in grid_multipolygon()) {
            // geo accepts some rings of zero area (a shell folded onto one line "contains" a
            // hole); we refuse those, so they are left out of the comparison.
            prop_assume!(mp.0.iter().all(|p| {
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .all(|r| geo::Area::unsigned_area(&Polygon::new(r.clone(), vec![])) > 0.0)
            }));
            let reference = mp.is_valid();
            let ours = check(&mp);
            prop_assert_eq!(ours.is_ok(), reference, "ours {:?}, geo {:?}", ours, mp.validation_errors());
        }
    }
}
