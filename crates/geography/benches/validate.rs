//! Validating large outlines: time should grow about linearly with the vertex count.
//!
//! `cargo bench -p tryghed-geography --bench validate`
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use tryghed_geography::{Area, Utm32};

/// A wobbly circle of `n` vertices (radius 1,000 m ± 5 m, 50 waves) around a point in
/// Valby: the shape of a detailed outline, each segment short.
#[allow(clippy::cast_precision_loss)]
fn wobbly(n: usize) -> MultiPolygon<f64> {
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
    MultiPolygon::new(vec![Polygon::new(LineString::new(ring), vec![])])
}

/// A star of `n` vertices alternating between radius 1,000 m and 900 m: every segment a
/// 100 m spoke, neighbours centimetres apart, so thousands of segments overlap in x (the
/// sweep's worst kind of input among valid outlines).
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

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate_outline");
    g.sample_size(10);
    for n in [10_000usize, 100_000] {
        g.throughput(Throughput::Elements(n as u64));
        let shape = wobbly(n);
        g.bench_with_input(BenchmarkId::new("wobbly_circle", n), &shape, |b, s| {
            b.iter(|| Area::<Utm32>::new("synthetic", s.clone()).unwrap());
        });
        let mut crossed = shape.clone();
        crossed.0[0].exterior_mut(|r| r.0.swap(10, n / 2 + 10));
        g.bench_with_input(
            BenchmarkId::new("wobbly_circle_crossed", n),
            &crossed,
            |b, s| {
                b.iter(|| Area::<Utm32>::new("synthetic", s.clone()).unwrap_err());
            },
        );
    }
    // 10,000 spokes are checked (4 million stacked pairs); 100,000 and 999,999 (the most
    // positions accepted) are refused as too
    // complex (421 million pairs, over `MAX_SEGMENT_PAIRS`) once the pairs are counted.
    g.throughput(Throughput::Elements(10_000));
    let shape = star(10_000);
    g.bench_with_input(BenchmarkId::new("star", 10_000), &shape, |b, s| {
        b.iter(|| Area::<Utm32>::new("synthetic", s.clone()).unwrap());
    });
    for n in [100_000usize, 999_999] {
        g.throughput(Throughput::Elements(n as u64));
        let shape = star(n);
        g.bench_with_input(BenchmarkId::new("star_refused", n), &shape, |b, s| {
            b.iter(|| Area::<Utm32>::new("synthetic", s.clone()).unwrap_err());
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
