//! The library path of `tryghed count` on a synthetic extract of 1,000,000 rows held in
//! memory: parse, classify, match, count. Throughput is reported in rows per second.
//!
//! `cargo bench -p tryghed-count --all-features --bench count`
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tryghed_count::{CountOptions, Counter, LayerChoice, SyntheticExtract};
use tryghed_geography::Crs;
use tryghed_goals::CategorySet;

const ROWS: u64 = 1_000_000;

fn extract(crs: Crs) -> Vec<u8> {
    let mut v = Vec::with_capacity(50 * 1_000_000);
    SyntheticExtract::new(ROWS, 2026)
        .with_crs(crs)
        .write(&mut v)
        .unwrap();
    v
}

fn counter(layer: LayerChoice, crs: Crs) -> Counter {
    Counter::new(
        layer,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new().with_crs(crs),
    )
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let utm = extract(Crs::Etrs89Utm32);
    let mut g = c.benchmark_group("count_1m");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS));
    for (name, layer) in [
        ("city", LayerChoice::City),
        ("partnership", LayerChoice::Partnership),
    ] {
        let k = counter(layer, Crs::Etrs89Utm32);
        g.bench_function(format!("{name}_25832_sequential"), |b| {
            b.iter(|| k.count(utm.as_slice()).unwrap());
        });
        #[cfg(feature = "rayon")]
        g.bench_function(format!("{name}_25832_parallel"), |b| {
            b.iter(|| k.par_count(utm.as_slice()).unwrap());
        });
    }
    // The floor: the csv crate reading every record into a reused ByteRecord, nothing else.
    g.bench_function("csv_records_only", |b| {
        b.iter(|| {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .buffer_capacity(1 << 16)
                .from_reader(utm.as_slice());
            let mut rec = csv::ByteRecord::new();
            let mut n = 0u64;
            while rdr.read_byte_record(&mut rec).unwrap() {
                n += 1;
            }
            n
        });
    });
    let wgs = extract(Crs::Wgs84);
    let k = counter(LayerChoice::City, Crs::Wgs84);
    g.bench_function("city_4326_sequential", |b| {
        b.iter(|| k.count(wgs.as_slice()).unwrap());
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
