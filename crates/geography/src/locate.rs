//! The prepared point-classification index.

use std::fmt;

use geo::Contains;
use geo::indexed::IntervalTreeMultiPolygon;
use geo::orient::{Direction, Orient};
use geo_types::{Rect, coord};

use crate::GeoError;
use crate::area::{Area, Layer};
use crate::coord::CrsCoord;

/// Cell value: no area touches or contains the cell.
const OUTSIDE: u8 = u8::MAX;
/// Cell value: an area boundary passes near the cell (or the cell lies inside an area whose
/// index does not fit a `u8`); `mixed_at` holds its candidate list. Any other value is the
/// index of the area that contains the whole cell.
const MIXED: u8 = u8::MAX - 1;
/// The grid has about this many cells: 256 KiB of `u8`, small enough to stay in cache.
const TARGET_CELLS: f64 = 262_144.0;
/// Cells are widened by this fraction of their size on each side when looking for edges, so
/// rounding in the point-to-cell mapping can never put a point in a cell whose class is wrong.
const CELL_MARGIN: f64 = 0.01;

/// A prepared index over a [`Layer`] for classifying many points fast: "which area contains
/// this point?"
///
/// Build it once with [`Locator::new`], then call [`locate`](Locator::locate),
/// [`locate_batch`](Locator::locate_batch), [`locate_columns`](Locator::locate_columns) or,
/// with the `rayon` feature, [`par_locate_batch`](Locator::par_locate_batch). All forms give
/// the same answer for every point.
///
/// # Boundary rule
///
/// A point exactly on an area's boundary (an edge or vertex of its outer ring or of a hole)
/// is **outside** that area, as in GEOS/shapely `contains` and `geo::Contains` (DE-9IM:
/// the interior only). Points with NaN or infinite coordinates are outside every area.
///
/// # How it works
///
/// A regular grid of about 262,144 cells covers the layer's bounding box. Each cell is
/// classified once: *outside* every area, *inside* one area, or *mixed* when an area boundary
/// passes within 1 % of a cell size of it. A point outside the bounding box, or in an outside
/// or inside cell, is answered with one lookup; a point in a mixed cell is tested exactly with
/// geo's [`IntervalTreeMultiPolygon`] for the areas whose bounding boxes cover the cell.
/// Where areas overlap (as two in the city layer do), a point is given to the first of them
/// in layer order, in every form of the call.
///
/// # Sharing
///
/// A locator is `Send + Sync` and read-only once built: share one between threads by
/// reference or in an [`Arc`](std::sync::Arc). It is not `Clone` (geo's
/// `IntervalTreeMultiPolygon` is not, and building another takes milliseconds).
#[doc(alias = "indeks")]
pub struct Locator<P: CrsCoord> {
    layer: Layer<P>,
    trees: Vec<IntervalTreeMultiPolygon<f64>>,
    boxes: Vec<Option<Rect<f64>>>,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    /// Cells per unit of x and y.
    sx: f64,
    sy: f64,
    nx: usize,
    ny: usize,
    cells: Vec<u8>,
    /// For a mixed cell `k`: `mixed[mixed_at[k]]` (read only for mixed cells).
    mixed_at: Vec<u32>,
    /// Candidate ranges: `candidates[start..end]`.
    mixed: Vec<(u32, u32)>,
    candidates: Vec<u32>,
}

impl<P: CrsCoord> fmt::Debug for Locator<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Locator")
            .field("crs", &P::CRS)
            .field("areas", &self.layer.areas().len())
            .field("grid", &(self.nx, self.ny))
            .field("mixed_cells", &self.mixed.len())
            .finish_non_exhaustive()
    }
}

impl<P: CrsCoord> Locator<P> {
    /// Prepares the index for a layer. This takes a few milliseconds for the city layer.
    pub fn new(layer: Layer<P>) -> Self {
        let trees: Vec<_> = layer
            .areas()
            .iter()
            // The interval tree counts winding numbers, so a hole wound like its shell would
            // count as inside: orient shells counter-clockwise and holes clockwise first.
            .map(|a| IntervalTreeMultiPolygon::new(&a.geometry().orient(Direction::Default)))
            .collect();
        let boxes: Vec<_> = layer.areas().iter().map(Area::bbox).collect();
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        for b in boxes.iter().flatten() {
            let (min, max) = (b.min(), b.max());
            bounds = Some(match bounds {
                None => (min.x, min.y, max.x, max.y),
                Some((a, b, c, d)) => (a.min(min.x), b.min(min.y), c.max(max.x), d.max(max.y)),
            });
        }
        let mut loc = Locator {
            layer,
            trees,
            boxes,
            // An empty box that no point falls in.
            x0: f64::INFINITY,
            y0: f64::INFINITY,
            x1: f64::NEG_INFINITY,
            y1: f64::NEG_INFINITY,
            sx: 0.0,
            sy: 0.0,
            nx: 0,
            ny: 0,
            cells: Vec::new(),
            mixed_at: Vec::new(),
            mixed: Vec::new(),
            candidates: Vec::new(),
        };
        if let Some(bounds) = bounds {
            loc.build_grid(bounds);
        }
        loc
    }

    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "grid sizes are small positive integers computed from finite extents"
    )]
    fn build_grid(&mut self, (x0, y0, x1, y1): (f64, f64, f64, f64)) {
        let w = (x1 - x0).max(f64::MIN_POSITIVE);
        let h = (y1 - y0).max(f64::MIN_POSITIVE);
        let cell = (w * h / TARGET_CELLS).sqrt().max(f64::MIN_POSITIVE);
        let nx = ((w / cell).ceil() as usize).clamp(1, 4096);
        let ny = ((h / cell).ceil() as usize).clamp(1, 4096);
        let cw = w / nx as f64;
        let ch = h / ny as f64;
        let (mx, my) = (cw * CELL_MARGIN, ch * CELL_MARGIN);
        let mut touched = vec![false; nx * ny];
        let col = |x: f64| (((x - x0) / cw).floor().max(0.0) as usize).min(nx - 1);
        let row = |y: f64| (((y - y0) / ch).floor().max(0.0) as usize).min(ny - 1);
        for area in self.layer.areas() {
            for poly in &area.geometry().0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    for seg in ring.lines() {
                        let (a, b) = (seg.start, seg.end);
                        let (c0, c1) = (col(a.x.min(b.x) - mx), col(a.x.max(b.x) + mx));
                        let (r0, r1) = (row(a.y.min(b.y) - my), row(a.y.max(b.y) + my));
                        for r in r0..=r1 {
                            for c in c0..=c1 {
                                let rect = (
                                    x0 + c as f64 * cw - mx,
                                    y0 + r as f64 * ch - my,
                                    x0 + (c + 1) as f64 * cw + mx,
                                    y0 + (r + 1) as f64 * ch + my,
                                );
                                if segment_meets_rect((a.x, a.y), (b.x, b.y), rect)
                                    && let Some(t) = touched.get_mut(r * nx + c)
                                {
                                    *t = true;
                                }
                            }
                        }
                    }
                }
            }
        }
        let mut cells = vec![OUTSIDE; nx * ny];
        let mut mixed_at = vec![0_u32; nx * ny];
        let mut mixed = Vec::new();
        let mut candidates = Vec::new();
        for r in 0..ny {
            for c in 0..nx {
                let k = r * nx + c;
                // No boundary near the cell: its centre decides for all of it.
                let pure = if touched.get(k).copied().unwrap_or(true) {
                    None
                } else {
                    Some(self.exact_all(x0 + (c as f64 + 0.5) * cw, y0 + (r as f64 + 0.5) * ch))
                };
                let value = match pure {
                    Some(None) => OUTSIDE,
                    Some(Some(i)) if i < usize::from(MIXED) => i as u8,
                    _ => {
                        let rect = (
                            x0 + c as f64 * cw - mx,
                            y0 + r as f64 * ch - my,
                            x0 + (c + 1) as f64 * cw + mx,
                            y0 + (r + 1) as f64 * ch + my,
                        );
                        let start = candidates.len() as u32;
                        for (i, b) in self.boxes.iter().enumerate() {
                            if let Some(b) = b
                                && b.min().x <= rect.2
                                && b.max().x >= rect.0
                                && b.min().y <= rect.3
                                && b.max().y >= rect.1
                            {
                                candidates.push(i as u32);
                            }
                        }
                        if let Some(m) = mixed_at.get_mut(k) {
                            *m = mixed.len() as u32;
                        }
                        mixed.push((start, candidates.len() as u32));
                        MIXED
                    }
                };
                if let Some(cell) = cells.get_mut(k) {
                    *cell = value;
                }
            }
        }
        self.x0 = x0;
        self.y0 = y0;
        self.x1 = x1;
        self.y1 = y1;
        self.sx = 1.0 / cw;
        self.sy = 1.0 / ch;
        self.nx = nx;
        self.ny = ny;
        self.cells = cells;
        self.mixed_at = mixed_at;
        self.mixed = mixed;
        self.candidates = candidates;
    }

    /// Exact test against every area whose box holds the point.
    fn exact_all(&self, x: f64, y: f64) -> Option<usize> {
        (0..self.trees.len()).find(|&i| self.exact(i, x, y))
    }

    #[inline]
    fn exact(&self, i: usize, x: f64, y: f64) -> bool {
        let in_box = matches!(self.boxes.get(i), Some(Some(b))
            if x >= b.min().x && x <= b.max().x && y >= b.min().y && y <= b.max().y);
        in_box
            && self
                .trees
                .get(i)
                .is_some_and(|t| t.contains(&coord! { x: x, y: y }))
    }

    /// The layer this index was built from.
    pub fn layer(&self) -> &Layer<P> {
        &self.layer
    }

    /// The area at `index` (as returned by the batch forms).
    pub fn area(&self, index: usize) -> Option<&Area<P>> {
        self.layer.areas().get(index)
    }

    /// The area containing the point, or `None` when it lies outside every area (or exactly
    /// on a boundary: see the boundary rule above).
    ///
    /// ```
    /// use tryghed_geography::{Layer, Locator, Wgs84};
    /// let city = Locator::new(Layer::city()?);
    /// let hit = city.locate(Wgs84::new(12.5005, 55.6505)?);
    /// assert_eq!(hit.map(|a| a.name()), Some("Ved Folehaven"));
    /// assert!(city.locate(Wgs84::new(12.0, 55.0)?).is_none());
    /// # Ok::<(), tryghed_geography::GeoError>(())
    /// ```
    #[inline]
    pub fn locate(&self, point: P) -> Option<&Area<P>> {
        self.locate_index(point).and_then(|i| self.area(i))
    }

    /// The index (into [`Layer::areas`]) of the area containing the point, or `None`.
    #[inline]
    pub fn locate_index(&self, point: P) -> Option<usize> {
        self.locate_xy(point.x(), point.y())
    }

    /// Like [`locate_index`](Locator::locate_index) for raw values already in the locator's
    /// reference system (lon/lat degrees or easting/northing metres). NaN or infinite values
    /// are outside every area. Prefer the typed forms where the system is known at compile
    /// time.
    #[inline]
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "values are non-negative and bounded by the grid checks before the cast"
    )]
    pub fn locate_xy(&self, x: f64, y: f64) -> Option<usize> {
        // Written so that NaN fails the test.
        if !(x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1) {
            return None;
        }
        let col = (((x - self.x0) * self.sx) as usize).min(self.nx - 1);
        let row = (((y - self.y0) * self.sy) as usize).min(self.ny - 1);
        let k = row * self.nx + col;
        let cell = *self.cells.get(k)?;
        if cell == OUTSIDE {
            None
        } else if cell != MIXED {
            Some(usize::from(cell))
        } else {
            let &(start, end) = self.mixed.get(*self.mixed_at.get(k)? as usize)?;
            self.candidates
                .get(start as usize..end as usize)?
                .iter()
                .map(|&i| i as usize)
                .find(|&i| self.exact(i, x, y))
        }
    }

    /// Classifies a slice of points: element `k` of the result is
    /// [`locate_index`](Locator::locate_index) of `points[k]`.
    pub fn locate_batch(&self, points: &[P]) -> Vec<Option<usize>> {
        points.iter().map(|&p| self.locate_index(p)).collect()
    }

    /// Classifies points given as two columns of raw values in the locator's reference
    /// system (see [`locate_xy`](Locator::locate_xy)).
    ///
    /// # Errors
    ///
    /// [`GeoError::LengthMismatch`] if `xs` and `ys` differ in length.
    pub fn locate_columns(&self, xs: &[f64], ys: &[f64]) -> Result<Vec<Option<usize>>, GeoError> {
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

    /// [`locate_batch`](Locator::locate_batch) on all cores with rayon.
    #[cfg(feature = "rayon")]
    pub fn par_locate_batch(&self, points: &[P]) -> Vec<Option<usize>> {
        use rayon::prelude::*;
        points.par_iter().map(|&p| self.locate_index(p)).collect()
    }

    /// [`locate_columns`](Locator::locate_columns) on all cores with rayon.
    ///
    /// # Errors
    ///
    /// [`GeoError::LengthMismatch`] if `xs` and `ys` differ in length.
    #[cfg(feature = "rayon")]
    pub fn par_locate_columns(
        &self,
        xs: &[f64],
        ys: &[f64],
    ) -> Result<Vec<Option<usize>>, GeoError> {
        use rayon::prelude::*;
        if xs.len() != ys.len() {
            return Err(GeoError::LengthMismatch {
                xs: xs.len(),
                ys: ys.len(),
            });
        }
        Ok(xs
            .par_iter()
            .zip(ys.par_iter())
            .map(|(&x, &y)| self.locate_xy(x, y))
            .collect())
    }
}

/// Whether the segment `a`–`b` meets the closed rectangle `(xmin, ymin, xmax, ymax)`.
/// Used only to find cells near boundaries; the cells' margin absorbs rounding.
fn segment_meets_rect(a: (f64, f64), b: (f64, f64), r: (f64, f64, f64, f64)) -> bool {
    let (xmin, ymin, xmax, ymax) = r;
    if a.0.max(b.0) < xmin || a.0.min(b.0) > xmax || a.1.max(b.1) < ymin || a.1.min(b.1) > ymax {
        return false;
    }
    // The segment's line separates the corners only if they are not all on one side.
    let side = |x: f64, y: f64| (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0);
    let s = [
        side(xmin, ymin),
        side(xmax, ymin),
        side(xmax, ymax),
        side(xmin, ymax),
    ];
    !(s.iter().all(|&v| v > 0.0) || s.iter().all(|&v| v < 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Utm32, Wgs84};

    #[test]
    fn segment_rect_test() {
        let r = (0.0, 0.0, 1.0, 1.0);
        assert!(segment_meets_rect((-1.0, 0.5), (2.0, 0.5), r));
        assert!(segment_meets_rect((0.5, 0.5), (0.6, 0.6), r));
        assert!(!segment_meets_rect((-1.0, 1.5), (0.4, 3.0), r));
        assert!(!segment_meets_rect((1.5, -1.0), (3.0, 0.8), r));
        assert!(segment_meets_rect((1.0, 1.0), (2.0, 2.0), r));
    }

    #[test]
    fn boundary_points_are_outside() {
        let square = Layer::new(vec![
            Area::<Utm32>::new(
                "synthetic square",
                geo_types::MultiPolygon::new(vec![geo_types::Polygon::new(
                    vec![
                        (0.0, 0.0),
                        (10.0, 0.0),
                        (10.0, 10.0),
                        (0.0, 10.0),
                        (0.0, 0.0),
                    ]
                    .into(),
                    vec![vec![(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)].into()],
                )]),
            )
            .unwrap(),
        ])
        .unwrap();
        let loc = Locator::new(square);
        let at = |x, y| loc.locate_index(Utm32::new(x, y).unwrap());
        assert_eq!(at(1.0, 1.0), Some(0));
        assert_eq!(at(0.0, 5.0), None, "on the outer edge");
        assert_eq!(at(10.0, 10.0), None, "on a vertex");
        assert_eq!(at(5.0, 4.0), None, "on the hole's edge");
        assert_eq!(at(5.0, 5.0), None, "inside the hole");
        assert_eq!(at(4.5, 3.999_999), Some(0));
        assert_eq!(at(-0.000_001, 5.0), None);
        assert_eq!(loc.locate_xy(f64::NAN, 5.0), None);
    }

    #[test]
    fn more_areas_than_a_cell_byte_can_name() {
        // 300 synthetic unit squares on a 20 x 15 lattice, 0.5 apart: areas 254 and above
        // cannot be stored in a cell and take the exact path.
        let mut areas = Vec::new();
        for i in 0..300_u32 {
            let (x, y) = (f64::from(i % 20) * 1.5, f64::from(i / 20) * 1.5);
            let ring = vec![
                (x, y),
                (x + 1.0, y),
                (x + 1.0, y + 1.0),
                (x, y + 1.0),
                (x, y),
            ];
            let mp =
                geo_types::MultiPolygon::new(vec![geo_types::Polygon::new(ring.into(), vec![])]);
            areas.push(Area::<Utm32>::new(format!("synthetic {i}"), mp).unwrap());
        }
        let loc = Locator::new(Layer::new(areas).unwrap());
        for i in 0..300_u32 {
            let (x, y) = (f64::from(i % 20) * 1.5 + 0.5, f64::from(i / 20) * 1.5 + 0.5);
            assert_eq!(loc.locate_xy(x, y), Some(i as usize));
            assert_eq!(loc.locate_xy(x + 0.75, y), None);
        }
    }

    #[test]
    fn empty_layer_locates_nothing() {
        let loc = Locator::<Wgs84>::new(Layer::new(Vec::new()).unwrap());
        assert_eq!(loc.locate_xy(0.0, 0.0), None);
        assert_eq!(loc.locate_columns(&[1.0], &[2.0]).unwrap(), vec![None]);
    }

    #[test]
    fn columns_must_match() {
        let loc = Locator::new(Layer::city().unwrap());
        assert!(matches!(
            loc.locate_columns(&[1.0, 2.0], &[1.0]),
            Err(GeoError::LengthMismatch { xs: 2, ys: 1 })
        ));
    }
}
