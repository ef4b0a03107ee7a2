//! Criterion benchmarks of the IaC export. Goal (issue 4): all four bundles of a
//! preset in at most 10 ms native.

use criterion::{criterion_group, criterion_main, Criterion};
use drplan::export::{export_all, model, Target};
use drplan::presets::PRESETS;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for preset in PRESETS {
        let plan = preset.plan();
        c.bench_function(&format!("export/all-targets/{}", preset.id), |b| {
            b.iter(|| export_all(black_box(&plan)))
        });
    }
    let plan = drplan::presets::find("photo-portfolio").map(|p| p.plan()).unwrap_or_default();
    c.bench_function("export/model/photo-portfolio", |b| b.iter(|| model::build(black_box(&plan))));
    let built = model::build(&plan).ok();
    for target in Target::ALL {
        if let Some(m) = &built {
            c.bench_function(&format!("export/emit/{}/photo-portfolio", target.id()), |b| {
                b.iter(|| drplan::export::emit(black_box(m), target))
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
