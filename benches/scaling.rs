//! Scaling curves (issue 15): the estimate (full, and horizon-only as the fix search
//! runs it), the recovery assessment, the full recovery report with its fix search,
//! and the export of all four targets, on synthetic plans of 10, 50, 100 and 200
//! components (`tests/support/synthetic.rs`): a realistic mix of every kind, and a
//! mix whose data components are each protected by six AWS Backup rules.
//!
//! Criterion reports every figure per component (`Throughput::Elements`), so a cost
//! that grows faster than the plan shows as a rising time per component; at the end
//! the bench prints a table of µs per component from criterion's own estimates.
//!
//! `cargo bench --bench scaling` (all), `cargo bench --bench scaling -- estimate`
//! (one engine). Under `cargo test` each benchmark runs once, at the smallest size.

use criterion::{BenchmarkId, Criterion, Throughput};
use drplan::plan::Plan;
use drplan::{cost, export, recovery};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

/// One engine run on a plan, given the plan's own estimate.
type Engine = fn(&Plan, &cost::Estimate);
/// Builds a plan of the given number of components.
type Family = fn(usize) -> Plan;

/// The engines measured, each a group of criterion benchmarks.
const ENGINES: [(&str, Engine); 5] = [
    ("estimate", |plan, _| drop(black_box(cost::estimate(plan)))),
    ("estimate-horizon", |plan, _| drop(black_box(cost::estimate_horizon(plan)))),
    ("assess", |plan, _| drop(black_box(recovery::assess(plan)))),
    // The fix search is what `report` adds to `assess`; the plan's own estimate is
    // an input (the app and CLI compute it once for the totals).
    ("report-with-fixes", |plan, estimate| drop(black_box(recovery::report(plan, estimate)))),
    ("export-all-targets", |plan, _| drop(black_box(export::export_all(plan)))),
];

/// The plan families measured.
const FAMILIES: [(&str, Family); 2] =
    [("mixed", synthetic::mixed), ("backup-heavy", synthetic::backup_heavy)];

/// Where criterion writes its estimates (its own default, made explicit so that the
/// summary can read them back).
fn output_directory() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return PathBuf::from(home);
    }
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("criterion")
}

fn bench(c: &mut Criterion, benchmarking: bool) {
    let sizes: &[usize] = if benchmarking { &synthetic::SIZES } else { &synthetic::SIZES[..1] };
    for (engine, run) in ENGINES {
        let mut group = c.benchmark_group(format!("scaling-{engine}"));
        group.sample_size(20).warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(3));
        for (family, build) in FAMILIES {
            for &n in sizes {
                let plan = build(n);
                let estimate = cost::estimate(&plan);
                group.throughput(Throughput::Elements(n as u64));
                group.bench_with_input(BenchmarkId::new(family, n), &plan, |b, plan| {
                    b.iter(|| run(black_box(plan), &estimate))
                });
            }
        }
        group.finish();
    }
}

/// Criterion's mean estimate of one benchmark, in nanoseconds.
fn mean_ns(dir: &std::path::Path, group: &str, family: &str, n: usize) -> Option<f64> {
    let path = dir.join(group).join(family).join(n.to_string()).join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json.pointer("/mean/point_estimate")?.as_f64()
}

/// The table of µs per component, one row per engine and family, one column per size.
fn summary(dir: &std::path::Path, filter: Option<&str>) {
    let header: Vec<String> = synthetic::SIZES.iter().map(|n| format!("{n:>9}")).collect();
    println!("\nµs per component (criterion mean ÷ components)");
    println!("{:<34}{}", "engine / plan", header.join(""));
    for (engine, _) in ENGINES {
        let group = format!("scaling-{engine}");
        for (family, _) in FAMILIES {
            let cells: Vec<String> = synthetic::SIZES
                .iter()
                .map(|&n| match mean_ns(dir, &group, family, n) {
                    Some(ns) => format!("{:>9.2}", ns / 1_000.0 / n as f64),
                    None => format!("{:>9}", "-"),
                })
                .collect();
            let name = format!("{engine} / {family}");
            if filter.is_none_or(|f| name.contains(f) || group.contains(f)) {
                println!("{name:<34}{}", cells.join(""));
            }
        }
    }
}

fn main() {
    // Parse the price sheets once, outside the measurement.
    let _ = drplan::pricing::sheets();
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = output_directory();
    let mut c = Criterion::default().output_directory(&dir).configure_from_args();
    bench(&mut c, benchmarking);
    c.final_summary();
    if benchmarking {
        summary(&dir, filter.as_deref());
    }
}
