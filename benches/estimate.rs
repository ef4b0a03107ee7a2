//! Criterion benchmarks of the cost engine: each preset, a 50-component plan, and a
//! 120-month ledger. An estimate prices 120 months for its outlook (issue 10): goal
//! ≤ 1 ms per preset; the horizon-only estimate the fix search uses: ≤ 100 µs.

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::cost::estimate;
use drplan::presets::PRESETS;
use std::hint::black_box;

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn bench(c: &mut Criterion) {
    // Parse the price sheets once, outside the measurement.
    let _ = drplan::pricing::sheets();
    for preset in PRESETS {
        let plan = preset.plan();
        c.bench_function(&format!("estimate/{}", preset.id), |b| {
            b.iter(|| estimate(black_box(&plan)))
        });
        c.bench_function(&format!("estimate-horizon/{}", preset.id), |b| {
            b.iter(|| drplan::cost::estimate_horizon(black_box(&plan)))
        });
    }
    // Copies of the presets' components (the figure issue 15 started from), and a
    // valid mix of every kind (see `benches/scaling.rs` for other sizes).
    let fifty = synthetic::preset_copies(50);
    c.bench_function("estimate/50-components", |b| b.iter(|| estimate(black_box(&fifty))));
    let mixed = synthetic::mixed(50);
    c.bench_function("estimate/50-components-mixed", |b| b.iter(|| estimate(black_box(&mixed))));
    c.bench_function("usage-only/50-components", |b| {
        b.iter(|| drplan::cost::usage_of(black_box(&fifty), 36, 36))
    });
    let mut long = drplan::presets::default_plan();
    long.horizon_months = 120;
    c.bench_function("ledger/120-months/photo-portfolio", |b| {
        b.iter(|| estimate(black_box(&long)))
    });
    let mut long_s3 = drplan::presets::find("s3-glacier-backup").unwrap().plan();
    long_s3.horizon_months = 120;
    c.bench_function("ledger/120-months/s3-glacier-backup", |b| {
        b.iter(|| estimate(black_box(&long_s3)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
