//! Criterion benchmarks of the recovery model (issue 3): for each preset, the full
//! pipeline the CLI and the app run on every edit (cost estimate, recovery
//! assessment, and the fix search with its re-estimates), and the assessment alone.
//! Goal: ≤ 1 ms per preset for the full pipeline.

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::cost::estimate;
use drplan::presets::PRESETS;
use drplan::recovery;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    // Parse the price sheets once, outside the measurement.
    let _ = drplan::pricing::sheets();
    for preset in PRESETS {
        let plan = preset.plan();
        c.bench_function(&format!("estimate+recovery+fixes/{}", preset.id), |b| {
            b.iter(|| {
                let plan = black_box(&plan);
                let e = estimate(plan);
                recovery::report(plan, &e)
            })
        });
        c.bench_function(&format!("recovery-assess/{}", preset.id), |b| {
            b.iter(|| recovery::assess(black_box(&plan)))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
