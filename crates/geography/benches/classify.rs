//! Classifying 1 M points spread over the city layer's bounding box (WGS84): naive
//! `geo::Contains` over all 17 areas, per-area bounding box + `IntervalTreeMultiPolygon`, and
//! the prepared `Locator`, single-threaded and in parallel.
//!
//! Run: `cargo bench -p tryghed-geography --features rayon --bench classify`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use geo::indexed::IntervalTreeMultiPolygon;
use geo::{BoundingRect, Contains};
use tryghed_geography::{Layer, Locator, Wgs84};

const POINTS: usize = 1_000_000;
/// The naive path takes microseconds per point; a smaller sample keeps the run short.
const NAIVE_POINTS: usize = 20_000;

/// A deterministic xorshift64* generator: no dependency, same points every run.
struct XorShift(u64);
impl XorShift {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let v = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        #[allow(clippy::cast_precision_loss)]
        let u = (v >> 11) as f64 / (1_u64 << 53) as f64;
        u
    }
}

/// Synthetic points uniform over the layer's bounding box.
fn synthetic_points(layer: &Layer<Wgs84>, n: usize) -> Vec<Wgs84> {
    let mut bbox = layer.areas()[0].geometry().bounding_rect().unwrap();
    for a in layer.areas() {
        let b = a.geometry().bounding_rect().unwrap();
        bbox = geo_types::Rect::new(
            geo_types::coord! { x: bbox.min().x.min(b.min().x), y: bbox.min().y.min(b.min().y) },
            geo_types::coord! { x: bbox.max().x.max(b.max().x), y: bbox.max().y.max(b.max().y) },
        );
    }
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    (0..n)
        .map(|_| {
            let lon = bbox.min().x + rng.next_f64() * bbox.width();
            let lat = bbox.min().y + rng.next_f64() * bbox.height();
            Wgs84::new(lon, lat).unwrap()
        })
        .collect()
}

fn classify(c: &mut Criterion) {
    let layer = Layer::city().unwrap();
    let points = synthetic_points(&layer, POINTS);
    let locator = Locator::new(layer.clone());
    let inside = locator.locate_batch(&points).iter().flatten().count();
    eprintln!("{inside} of {POINTS} synthetic points fall inside an area");

    let mut g = c.benchmark_group("city_layer");
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));

    g.throughput(Throughput::Elements(NAIVE_POINTS as u64));
    g.bench_function("naive_geo_contains", |b| {
        b.iter(|| {
            points[..NAIVE_POINTS]
                .iter()
                .filter_map(|p| {
                    let pt = geo::Point::new(p.lon(), p.lat());
                    layer
                        .areas()
                        .iter()
                        .position(|a| a.geometry().contains(&pt))
                })
                .count()
        });
    });

    g.throughput(Throughput::Elements(POINTS as u64));
    let trees: Vec<_> = layer
        .areas()
        .iter()
        .map(|a| {
            let g = geo::Orient::orient(a.geometry(), geo::orient::Direction::Default);
            (
                a.geometry().bounding_rect().unwrap(),
                IntervalTreeMultiPolygon::new(&g),
            )
        })
        .collect();
    g.bench_function("bbox_then_interval_tree", |b| {
        b.iter(|| {
            points
                .iter()
                .filter_map(|p| {
                    let c = geo_types::coord! { x: p.lon(), y: p.lat() };
                    trees.iter().position(|(r, t)| {
                        c.x >= r.min().x
                            && c.x <= r.max().x
                            && c.y >= r.min().y
                            && c.y <= r.max().y
                            && t.contains(&c)
                    })
                })
                .count()
        });
    });

    g.bench_function("prepared_locator_single", |b| {
        b.iter(|| {
            black_box(&points)
                .iter()
                .filter(|&&p| locator.locate_index(p).is_some())
                .count()
        });
    });
    g.bench_function("prepared_locator_batch", |b| {
        b.iter(|| black_box(locator.locate_batch(black_box(&points))));
    });
    let xs: Vec<f64> = points.iter().map(|p| p.lon()).collect();
    let ys: Vec<f64> = points.iter().map(|p| p.lat()).collect();
    g.bench_function("prepared_locator_columns", |b| {
        b.iter(|| {
            black_box(
                locator
                    .locate_columns(black_box(&xs), black_box(&ys))
                    .unwrap(),
            )
        });
    });
    g.bench_function("prepared_locator_parallel", |b| {
        b.iter(|| black_box(locator.par_locate_batch(black_box(&points))));
    });
    g.finish();

    let mut g = c.benchmark_group("prepare");
    g.sample_size(10);
    g.bench_function("locator_new_city", |b| {
        b.iter(|| Locator::new(black_box(layer.clone())));
    });
    g.finish();
}

criterion_group!(benches, classify);
criterion_main!(benches);
