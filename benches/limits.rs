//! Criterion benchmarks of the worst plan shapes within the limits (issue 8):
//! reading, the estimate and the recovery assessment together (goal: ≤ 50 ms native
//! for any plan the validator accepts), and the fix search alone (bounded by its
//! counted work; it runs off the UI thread in the app).
//!
//! `cargo bench --bench limits`. Under `cargo test` each benchmark runs once; the fix
//! searches, which `tests/fix_search_budget.rs` already runs, are left to `cargo bench`.

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::cost::estimate;
use drplan::plan::parse_plan;
use drplan::recovery;
use std::hint::black_box;
use std::time::Duration;

#[path = "../tests/support/shapes.rs"]
mod shapes;

fn bench(c: &mut Criterion) {
    let _ = drplan::pricing::sheets();
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut group = c.benchmark_group("worst-shapes");
    group.sample_size(10).measurement_time(Duration::from_secs(3));
    for plan in shapes::within_limits() {
        let json = plan.to_json_pretty();
        group.bench_function(format!("read/{}", plan.name), |b| {
            b.iter(|| parse_plan(black_box(&json)))
        });
        group.bench_function(format!("estimate+assess/{}", plan.name), |b| {
            b.iter(|| {
                let plan = black_box(&plan);
                (estimate(plan), recovery::assess(plan))
            })
        });
        if benchmarking {
            let (before, cost) = (recovery::assess(&plan), estimate(&plan));
            group.bench_function(format!("fixes/{}", plan.name), |b| {
                b.iter(|| recovery::fixes(black_box(&plan), &before, &cost))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
