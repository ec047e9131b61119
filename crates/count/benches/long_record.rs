//! One very long record: time must grow linearly with its length, sequentially and with
//! `--threads 0` (`par_count`), whether the record is refused (the default 1 MiB limit) or
//! read (the limit raised above it). A 100 MB field once took ~50 s with `--threads 0`, the
//! pending buffer being rescanned after every 1 MiB block.
//!
//! `cargo bench -p tryghed-count --all-features --bench long_record`
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tryghed_count::{CountOptions, Counter, LayerChoice};
use tryghed_goals::CategorySet;

/// A synthetic extract: the header, one row whose `id` is `bytes` long, one ordinary row.
fn extract(bytes: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(bytes + 200);
    v.extend_from_slice(b"id,date,code,x,y\n");
    v.resize(v.len() + bytes, b'x');
    v.extend_from_slice(b",2026-03-01,1320,720302.5,6172500.0\n");
    v.extend_from_slice(b"2,2026-03-01,1320,720302.5,6172500.0\n");
    v
}

fn counter(max_record_bytes: usize) -> Counter {
    Counter::new(
        LayerChoice::Partnership,
        CategorySet::straffelov_2026().unwrap(),
        CountOptions::new().with_max_record_bytes(max_record_bytes),
    )
    .unwrap()
}

fn bench(c: &mut Criterion) {
    let refuse = counter(tryghed_count::DEFAULT_MAX_RECORD_BYTES);
    let read = counter(128 << 20);
    let mut g = c.benchmark_group("long_record");
    g.sample_size(10);
    for mb in [10usize, 100] {
        let data = extract(mb * 1_000_000);
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_with_input(BenchmarkId::new("read_sequential", mb), &data, |b, d| {
            b.iter(|| read.count(d.as_slice()).unwrap());
        });
        g.bench_with_input(BenchmarkId::new("refused_sequential", mb), &data, |b, d| {
            b.iter(|| refuse.count(d.as_slice()).unwrap_err());
        });
        #[cfg(feature = "rayon")]
        {
            g.bench_with_input(BenchmarkId::new("read_parallel", mb), &data, |b, d| {
                b.iter(|| read.par_count(d.as_slice()).unwrap());
            });
            g.bench_with_input(BenchmarkId::new("refused_parallel", mb), &data, |b, d| {
                b.iter(|| refuse.par_count(d.as_slice()).unwrap_err());
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
