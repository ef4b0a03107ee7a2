//! The engines stay bounded on the worst plan shapes (issue 8): the issue's shapes are
//! refused where plans are read, and the fix search's counted work stays within its
//! caps on every shape within the limits, and on the issue's shape built in memory.
//! Wall-clock time is measured in `benches/limits.rs`, never asserted here.

mod support;

use drplan::cost::estimate_horizon;
use drplan::plan::{parse_plan, validate, Plan, Severity};
use drplan::recovery::{self, apply_fix, FixSearch, MAX_EVALUATED, MAX_WORK};
use support::shapes;

/// The most one search may spend: the cap, plus the step that crossed it, plus one
/// verified combination per missed target (at most 8), each far below a tenth of the cap
/// on any plan within the limits.
const MOST_WORK: u64 = MAX_WORK + MAX_WORK / 10 * 9;

fn errors(plan: &Plan) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect()
}

fn search(plan: &Plan) -> FixSearch {
    let before = recovery::assess(plan);
    let found = recovery::fixes(plan, &before, &estimate_horizon(plan));
    let missed = before.missed().len();
    assert!(
        found.stats.evaluated <= MAX_EVALUATED + missed,
        "{}: {:?} evaluated past the cap",
        plan.name,
        found.stats
    );
    assert!(found.stats.work <= MOST_WORK, "{}: {:?} spent past the cap", plan.name, found.stats);
    found
}

#[test]
fn the_issue_shapes_are_refused_where_plans_are_read() {
    for plan in [shapes::issue_40x20x20(), shapes::issue_160_plans()] {
        let e = parse_plan(&plan.to_json_pretty()).expect_err("past the pair limit");
        assert!(e.path.ends_with(".protects") && e.message.contains("1000"), "{}: {e}", plan.name);
        assert!(
            errors(&plan).iter().any(|e| e.contains("protects") && e.contains("1000")),
            "{}: validation says so too",
            plan.name
        );
    }
}

/// Built in memory (as an app edit could), the issue's shape still gets a fix search
/// that stops at its caps and says it was cut short.
#[test]
fn the_issue_shape_in_memory_stays_within_the_caps() {
    let found = search(&shapes::issue_40x20x20());
    assert!(found.stats.cut_short, "{:?}", found.stats);
    assert!(found.stats.candidates > found.stats.evaluated);
}

/// Every worst shape within the limits reads, validates, and gets a search within its
/// caps whose fixes hold when applied.
#[test]
fn every_worst_shape_within_the_limits_stays_within_the_caps() {
    for plan in shapes::within_limits() {
        assert_eq!(parse_plan(&plan.to_json_pretty()).as_ref(), Ok(&plan), "{}", plan.name);
        assert_eq!(errors(&plan), Vec::<String>::new(), "{}", plan.name);
        let found = search(&plan);
        // The horizon alone gives the steady-state month (the outlook is not needed).
        let baseline = estimate_horizon(&plan);
        for fix in &found.fixes {
            let changed = apply_fix(&plan, fix);
            let after = recovery::assess(&changed);
            for t in &fix.fixes_targets {
                let s = after.scenario(t.scenario).unwrap();
                assert!(s.meets(t.measure), "{}: \"{}\" claims {}", plan.name, fix.change, t.id());
            }
            let delta =
                estimate_horizon(&changed).monthly_total.saturating_sub(baseline.monthly_total);
            assert_eq!(delta, fix.monthly_cost_delta, "{}: {}", plan.name, fix.change);
        }
    }
}

/// Components alike share one search: the 200 default buckets cost what one does.
#[test]
fn alike_components_share_their_tries() {
    let found = search(&shapes::default_buckets());
    assert!(!found.stats.cut_short, "{:?}", found.stats);
    assert!(found.stats.evaluated < 20, "{:?}", found.stats);
    assert!(!found.fixes.is_empty(), "the region-loss fix covers all 200 buckets");
}
