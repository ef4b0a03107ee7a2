//! Fixed workloads for instruction counts under callgrind (issue 15). Wall-clock
//! figures move with whatever else the machine runs; counted instructions do not, so
//! before/after comparisons of the engines use these:
//!
//! ```text
//! cargo bench --bench instructions --no-run
//! valgrind --tool=callgrind --collect-atstart=no --toggle-collect='instructions::measured' \
//!     target/release/deps/instructions-<hash> estimate mixed:50 10
//! ```
//!
//! Arguments: the engine (`estimate`, `estimate-edit`, `estimate-edit-figures`, `other-sheet-edit`, `estimate-horizon`, `assess`,
//! `assess-edit`, `validate`, `report`, `export`), the plan (`mixed:N`, `backup-heavy:N`, `copies:N`, `buckets:N`,
//! `preset:<id>` or `file:<plan.json>`) and the number of runs. Only `measured` is counted: building the plan, parsing the price sheets
//! and the plan's own estimate (an input of `report`) are not. Without arguments (as
//! under `cargo test`) it runs every engine once on a small plan.

use drplan::plan::Plan;
use drplan::{cost, export, recovery};
use std::hint::black_box;
use std::sync::Arc;

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn plan(spec: &str) -> Option<Plan> {
    let (family, arg) = spec.split_once(':')?;
    match family {
        "preset" => drplan::presets::find(arg).map(|p| p.plan()),
        "mixed" => arg.parse().ok().map(synthetic::mixed),
        "backup-heavy" => arg.parse().ok().map(synthetic::backup_heavy),
        "copies" => arg.parse().ok().map(synthetic::preset_copies),
        "buckets" => arg.parse().ok().and_then(heavy_buckets),
        // A plan file, such as the browser benchmark's 200-bucket plan.
        "file" => std::fs::read_to_string(arg).ok().and_then(|t| serde_json::from_str(&t).ok()),
        _ => None,
    }
}

/// The browser benchmark's large plan (`twoHundredComponentPlan` in
/// `tests/browser/specs/helpers.mjs`), cut to `n` buckets: versioned, tiered,
/// replicated buckets with RTC over a 120-month horizon, the heaviest cost model.
fn heavy_buckets(n: usize) -> Option<Plan> {
    let bucket = |i: usize| {
        serde_json::json!({
            "kind": "s3_bucket", "id": format!("b{i}"), "stored_gb": 10000,
            "monthly_growth_gb": 500, "monthly_change_percent": 20, "average_object_size_kb": 64,
            "versioning": { "enabled": true, "noncurrent_standard_ia_days": 30,
                "noncurrent_glacier_days": 60, "noncurrent_expiration_days": 365 },
            "lifecycle": { "standard_ia_days": 30, "glacier_days": 60, "deep_archive_days": 180 },
            "replication": { "storage_class": "standard_ia", "replication_time_control": true },
        })
    };
    let plan = serde_json::json!({
        "schema_version": 1, "name": format!("{n} components"), "horizon_months": 120,
        "dr_region": "us-west-2", "targets": { "rpo_minutes": 1, "rto_minutes": 1 },
        "components": (0..n).map(bucket).collect::<Vec<_>>(),
    });
    serde_json::from_value(plan).ok()
}

/// The plan with its first data component's size changed, as one keystroke in the app
/// changes it (`estimate-edit` and `assess-edit` alternate between the two versions).
fn edited(plan: &Plan) -> Plan {
    use drplan::plan::Component;
    let mut edited = plan.clone();
    for component in &mut edited.components {
        let gb = match component {
            Component::S3Bucket(b) => &mut b.stored_gb,
            Component::DynamodbTable(t) => &mut t.size_gb,
            Component::RdsInstance(r) => &mut r.storage_gb,
            Component::AuroraCluster(a) => &mut a.storage_gb,
            _ => continue,
        };
        *gb += 1.0;
        break;
    }
    edited
}

/// What the app keeps from one edit to the next, made from the plan before the edit
/// outside the count.
struct Kept {
    usage: cost::KeptUsage,
    /// The kept usage of the estimate of the figures alone.
    figures: cost::KeptUsage,
    assessment: recovery::KeptAssessment,
    /// The last report, which the app's memo hands back to the next assessment.
    report: Option<recovery::RecoveryReport>,
    /// The other price sheet's usage, as the app's notes keep it to price that sheet's
    /// total once typing pauses.
    other_sheet: cost::KeptUsage,
}

impl Kept {
    fn of(plan: &Arc<Plan>) -> Kept {
        let mut kept = Kept {
            usage: cost::KeptUsage::default(),
            figures: cost::KeptUsage::default(),
            assessment: Default::default(),
            report: None,
            other_sheet: cost::KeptUsage::default(),
        };
        drop(cost::estimate_reusing(plan, &mut kept.usage, cost::Detail::Full));
        drop(cost::estimate_reusing(plan, &mut kept.figures, cost::Detail::Figures));
        drop(drplan::report::other_sheet_total(plan, &mut kept.other_sheet));
        kept.report = Some(recovery::assess_reusing(plan, None, &mut kept.assessment).0);
        kept
    }
}

#[inline(never)]
fn measured(
    engine: &str,
    plans: [&Arc<Plan>; 2],
    estimate: &cost::Estimate,
    kept: &mut Kept,
    runs: usize,
) -> bool {
    let plan: &Plan = plans[0];
    for run in 0..runs {
        let next = plans[1 - run % 2];
        match engine {
            // The app's estimate and assessment after an edit: what they keep comes
            // from the plan before (made outside the count), and each run edits again.
            "estimate-edit" => drop(black_box(cost::estimate_reusing(
                black_box(next),
                &mut kept.usage,
                cost::Detail::Full,
            ))),
            // The same, as the app's plan editor estimates: the figures alone.
            "estimate-edit-figures" => drop(black_box(cost::estimate_reusing(
                black_box(next),
                &mut kept.figures,
                cost::Detail::Figures,
            ))),
            "assess-edit" => {
                let last = kept.report.take();
                let (report, changed) =
                    recovery::assess_reusing(black_box(next), last, &mut kept.assessment);
                kept.report = Some(black_box(report));
                black_box(changed);
            }
            // The other sheet's total once typing pauses, priced with its kept usage.
            "other-sheet-edit" => drop(black_box(drplan::report::other_sheet_total(
                black_box(next),
                &mut kept.other_sheet,
            ))),
            "estimate" => drop(black_box(cost::estimate(black_box(plan)))),
            "estimate-horizon" => drop(black_box(cost::estimate_horizon(black_box(plan)))),
            "assess" => drop(black_box(recovery::assess(black_box(plan)))),
            // What the app's diagnostics memo runs on every edit.
            "validate" => drop(black_box(drplan::plan::validate::DiagnosticsByPath::new(
                drplan::plan::validate(black_box(plan)),
            ))),
            "report" => drop(black_box(recovery::report(black_box(plan), estimate))),
            "export" => drop(black_box(export::export_all(black_box(plan)))),
            _ => return false,
        }
    }
    true
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    // Parse the price sheets once, outside the counted function.
    let _ = drplan::pricing::sheets();
    if args.is_empty() {
        let plan = Arc::new(synthetic::mixed(10));
        let estimate = cost::estimate(&plan);
        let (edited, mut kept) = (Arc::new(edited(&plan)), Kept::of(&plan));
        for engine in [
            "estimate",
            "estimate-edit",
            "estimate-edit-figures",
            "other-sheet-edit",
            "estimate-horizon",
            "assess",
            "assess-edit",
            "report",
            "export",
        ] {
            assert!(measured(engine, [&plan, &edited], &estimate, &mut kept, 1));
        }
        return;
    }
    let usage =
        "usage: instructions <estimate|estimate-edit|estimate-edit-figures|other-sheet-edit|estimate-horizon|assess|assess-edit|report|export> \
                 <mixed:N|backup-heavy:N|copies:N|buckets:N|preset:ID|file:PLAN.json> [runs]";
    let Some(plan) = args.get(1).and_then(|s| plan(s)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let runs = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(1);
    let plan = Arc::new(plan);
    let estimate = cost::estimate(&plan);
    let (edited, mut kept) = (Arc::new(edited(&plan)), Kept::of(&plan));
    if !measured(&args[0], [&plan, &edited], &estimate, &mut kept, runs) {
        eprintln!("{usage}");
        std::process::exit(2);
    }
}
