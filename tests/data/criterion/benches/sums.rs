// The tiny Criterion.rs benchmark the fixtures in this directory come from (README.md).
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;

fn sum(n: u64) -> u64 {
    (0..n).fold(0, |a, x| a.wrapping_add(black_box(x) * x))
}

fn benches(c: &mut Criterion) {
    // A lone function: target/criterion/sum_100/
    c.bench_function("sum_100", |b| b.iter(|| sum(black_box(100))));
    // A group with parameters and a throughput: target/criterion/sums/sum/{10,1000}/
    let mut g = c.benchmark_group("sums");
    for n in [10u64, 1000] {
        g.throughput(Throughput::Elements(n));
        g.bench_with_input(BenchmarkId::new("sum", n), &n, |b, &n| b.iter(|| sum(black_box(n))));
    }
    g.finish();
}

criterion_group! {
    name = group;
    config = Criterion::default()
        .without_plots()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(100))
        .measurement_time(Duration::from_millis(300));
    targets = benches
}
criterion_main!(group);
