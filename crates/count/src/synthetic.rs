//! A generator of **synthetic** police-report extracts for tests and benchmarks.
//!
//! Nothing here is real data: ids, dates, codes and positions are drawn from a seeded
//! pseudo-random sequence (splitmix64), so the same seed gives the same file on every
//! machine.

use std::io::{self, Write};

use tryghed_geography::{Crs, Layer};
use tryghed_goals::CategorySet;

use crate::CountError;

/// A recipe for a synthetic extract (made-up data, clearly not police data).
///
/// Each row has the default columns `id,date,code,x,y`:
///
/// - `id`: `S` and the row number;
/// - `date`: uniform over 2024–2026 (day 1–28 of a month), one in ten in the Danish form
///   `dd-mm-yyyy`, the rest ISO;
/// - `code`: a code of the category data (verified categories of
///   [`CategorySet::straffelov_2026`]) lengthened with random digits to four digits
///   (`12` → `12xx`); one in twenty is a made-up traffic code `2xxx` that matches no
///   category ("other");
/// - `x`, `y`: uniform over the bounding box of the city layer's 17 areas, in metres
///   (EPSG:25832, two decimals) or degrees (EPSG:4326, seven decimals).
///
/// With [`with_invalid_per_mille`](SyntheticExtract::with_invalid_per_mille) some rows are
/// spoiled on purpose (an empty field, a bad date, a non-numeric coordinate or a bad code)
/// to exercise the skip accounting.
///
/// ```
/// use tryghed_count::SyntheticExtract;
/// let mut out = Vec::new();
/// SyntheticExtract::new(3, 42).write(&mut out)?;
/// let text = String::from_utf8(out)?;
/// assert_eq!(text.lines().count(), 4);
/// assert!(text.starts_with("id,date,code,x,y\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "syntetisk")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SyntheticExtract {
    rows: u64,
    seed: u64,
    crs: Crs,
    invalid_per_mille: u32,
}

impl SyntheticExtract {
    /// `rows` rows from `seed`, in EPSG:25832, all valid.
    pub fn new(rows: u64, seed: u64) -> Self {
        Self {
            rows,
            seed,
            crs: Crs::Etrs89Utm32,
            invalid_per_mille: 0,
        }
    }

    /// Positions in this system instead (EPSG:4326 or EPSG:25832).
    #[must_use]
    pub fn with_crs(mut self, crs: Crs) -> Self {
        self.crs = crs;
        self
    }

    /// Spoils about this many rows per thousand (0–1000).
    #[must_use]
    pub fn with_invalid_per_mille(mut self, per_mille: u32) -> Self {
        self.invalid_per_mille = per_mille.min(1000);
        self
    }

    /// Writes the header and the rows.
    ///
    /// # Errors
    ///
    /// [`CountError::Io`] when writing fails; [`CountError::Options`] for an unsupported
    /// coordinate system; errors of the embedded data (not expected).
    pub fn write<W: Write>(&self, writer: W) -> Result<(), CountError> {
        let mut out = io::BufWriter::with_capacity(1 << 16, writer);
        let ((x0, y0, x1, y1), decimals) = match self.crs {
            Crs::Etrs89Utm32 => (extent(&Layer::city_utm32()?), 2),
            Crs::Wgs84 => (extent(&Layer::city()?), 7),
            other => {
                return Err(CountError::Options {
                    option: "crs",
                    reason: format!("{other} is not supported"),
                    reason_da: format!("{other} understøttes ikke"),
                });
            }
        };
        let set = CategorySet::straffelov_2026()?;
        let codes: Vec<String> = set
            .categories()
            .iter()
            .filter(|c| c.is_countable())
            .flat_map(|c| c.codes().iter().map(ToString::to_string))
            .collect();
        let mut rng = SplitMix(self.seed);
        out.write_all(b"id,date,code,x,y\n")?;
        for n in 1..=self.rows {
            let year = 2024 + rng.below(3);
            let month = 1 + rng.below(12);
            let day = 1 + rng.below(28);
            let mut code = if rng.below(20) == 0 {
                format!("2{:03}", rng.below(1000))
            } else {
                let i = usize::try_from(rng.below(codes.len() as u64)).unwrap_or(0);
                codes.get(i).cloned().unwrap_or_else(|| "1".to_owned())
            };
            while code.len() < 4 {
                code.push(char::from(b'0' + u8::try_from(rng.below(10)).unwrap_or(0)));
            }
            let x = x0 + rng.unit() * (x1 - x0);
            let y = y0 + rng.unit() * (y1 - y0);
            let mut date = if rng.below(10) == 0 {
                format!("{day:02}-{month:02}-{year}")
            } else {
                format!("{year}-{month:02}-{day:02}")
            };
            let mut xs = format!("{x:.decimals$}");
            let ys = format!("{y:.decimals$}");
            if self.invalid_per_mille > 0 && rng.below(1000) < u64::from(self.invalid_per_mille) {
                match rng.below(4) {
                    0 => date.clear(),
                    1 => date = format!("{year}-13-{day:02}"),
                    2 => "n/a".clone_into(&mut xs),
                    _ => "12a".clone_into(&mut code),
                }
            }
            writeln!(out, "S{n},{date},{code},{xs},{ys}")?;
        }
        out.flush()?;
        Ok(())
    }
}

/// The bounding box of every area of a layer: (min x, min y, max x, max y).
fn extent<P: tryghed_geography::CrsCoord>(layer: &Layer<P>) -> (f64, f64, f64, f64) {
    let mut b = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for area in layer.areas() {
        for poly in &area.geometry().0 {
            for c in &poly.exterior().0 {
                b = (b.0.min(c.x), b.1.min(c.y), b.2.max(c.x), b.3.max(c.y));
            }
        }
    }
    b
}

/// splitmix64 (Steele, Lea, Flood 2014): small, fast, good enough for test data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; tiny modulo bias is irrelevant for test data).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `[0, 1)`.
    #[allow(
        clippy::cast_precision_loss,
        reason = "53 random bits fit an f64 exactly"
    )]
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_file() {
        let make = |seed| {
            let mut v = Vec::new();
            SyntheticExtract::new(200, seed).write(&mut v).unwrap();
            v
        };
        assert_eq!(make(7), make(7));
        assert_ne!(make(7), make(8));
    }

    #[test]
    fn invalid_rows_appear_when_asked() {
        let mut v = Vec::new();
        SyntheticExtract::new(2000, 1)
            .with_invalid_per_mille(100)
            .write(&mut v)
            .unwrap();
        let text = String::from_utf8(v).unwrap();
        assert!(text.contains("n/a") && text.contains("12a") && text.contains("-13-"));
    }
}
