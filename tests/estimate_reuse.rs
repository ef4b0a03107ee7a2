//! The app estimates every version of a plan with the usage series it kept from the
//! last one (`cost::estimate_reusing`, and `estimate_horizon_reusing` for the other
//! price sheet's total); these check that it always gives the figures
//! of estimating afresh: over random sequences of edited versions of real plans, and
//! for each kind of change that must make a kept series stale (a component's own
//! value, a setting of the plan, the months simulated, components moving). The app's
//! plan editor estimates with `Detail::Figures`: the same estimate without its lines
//! and stored GB, with the same count of lines that have a free allowance.

mod support;

use drplan::cost::{
    estimate, estimate_horizon, estimate_horizon_reusing, estimate_reusing, Detail, Estimate,
    FreeTier, KeptUsage,
};
use drplan::plan::{parse_plan, Component, Plan};
use proptest::prelude::*;

/// A full estimate as [`Detail::Figures`] gives it: no lines, no stored GB.
fn figures_of(mut full: Estimate) -> Estimate {
    full.lines.clear();
    full.ledger.iter_mut().for_each(|m| m.storage_gb_by_class.clear());
    full.detail = Detail::Figures;
    full
}

/// Estimates `versions` one after another with one `KeptUsage`, and checks each
/// against a fresh estimate; the same for the figures alone (with a `KeptUsage` of
/// their own, as the app's editor keeps them) and for the horizon-only estimate (as
/// the app prices the other price sheet).
fn check_in_turn(versions: &[Plan]) -> Result<(), String> {
    let (mut kept, mut kept_horizon) = (KeptUsage::default(), KeptUsage::default());
    let mut kept_figures = KeptUsage::default();
    for (n, plan) in versions.iter().enumerate() {
        let fresh = estimate(plan);
        let free = fresh.lines.iter().filter(|l| l.free_tier != FreeTier::NotOffered).count();
        if fresh.lines_with_free_tier != free {
            return Err(format!(
                "version {n} of {:?}: {free} lines have a free allowance, not {}",
                plan.name, fresh.lines_with_free_tier
            ));
        }
        if estimate_reusing(plan, &mut kept, Detail::Full).0 != fresh {
            return Err(format!("version {n} of {:?} differs from a fresh estimate", plan.name));
        }
        if estimate_reusing(plan, &mut kept_figures, Detail::Figures).0 != figures_of(fresh) {
            return Err(format!(
                "version {n} of {:?}: its figures differ from a fresh estimate's",
                plan.name
            ));
        }
        if estimate_horizon_reusing(plan, &mut kept_horizon, Detail::Full) != estimate_horizon(plan)
        {
            return Err(format!(
                "version {n} of {:?} differs from a fresh estimate of the horizon",
                plan.name
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edited_versions_estimate_as_afresh(texts in support::mutate::versions_of_a_plan(4)) {
        let versions: Vec<Plan> = texts.iter().filter_map(|t| parse_plan(t).ok()).collect();
        prop_assert_eq!(check_in_turn(&versions), Ok(()));
    }
}

/// Every preset, then each data component's size doubled, one at a time.
#[test]
fn a_changed_component_is_estimated_again() {
    for p in drplan::presets::PRESETS {
        let base = p.plan();
        let mut versions = vec![base.clone()];
        for i in 0..base.components.len() {
            let mut next = versions[versions.len() - 1].clone();
            match &mut next.components[i] {
                Component::S3Bucket(b) => b.stored_gb = b.stored_gb * 2.0 + 1.0,
                Component::DynamodbTable(t) => t.size_gb = t.size_gb * 2.0 + 1.0,
                Component::RdsInstance(r) => r.storage_gb = r.storage_gb * 2.0 + 1.0,
                Component::AuroraCluster(a) => a.storage_gb = a.storage_gb * 2.0 + 1.0,
                _ => continue,
            }
            versions.push(next);
        }
        assert_eq!(check_in_turn(&versions), Ok(()), "{}", p.id);
    }
}

/// The settings a data component's usage reads: a kept series must not outlive them.
#[test]
fn a_changed_setting_is_estimated_again() {
    let edits: [fn(&mut Plan); 8] = [
        |plan| plan.dr_region = Some("eu-west-1".into()),
        |plan| plan.dr_region = None,
        |plan| plan.horizon_months = plan.horizon_months / 2 + 1,
        |plan| plan.backup_account = None,
        // Prices: the kept series are priced again, with new prices and couplings.
        |plan| plan.pricing.sheet = "aws-list-2026".into(),
        |plan| plan.pricing.apply_free_tier = !plan.pricing.apply_free_tier,
        |plan| {
            for id in ["s3.storage.standard", "backup.warm.s3", "dynamodb.storage"] {
                plan.pricing.overrides.insert(id.into(), 0.5);
            }
        },
        |plan| plan.pricing.overrides.clear(),
    ];
    support::check_each_preset_changed_and_back(&edits, check_in_turn);
}

/// Components moved, added and removed: kept series belong to a position only while
/// the same component is there.
#[test]
fn moved_components_are_not_mixed_up() {
    let base = support::preset("photo-portfolio");
    let mut reversed = base.clone();
    reversed.components.reverse();
    let mut shorter = base.clone();
    shorter.components.remove(0);
    assert_eq!(check_in_turn(&[base.clone(), reversed, shorter, base]), Ok(()));
}

/// A kept component's cost is kept for the months priced, and pricing stops at the
/// month after which nothing changes. A table of constant size settles at once, so
/// alone it is priced for the horizon only; with a bucket whose data moves to S3
/// Glacier in month 30, every month to the end is priced, the kept table's too. Were
/// the table's cost missing past month 12, the outlook's plateau would be short of it.
#[test]
fn kept_costs_cover_the_months_priced_now() {
    let json = serde_json::json!({
        "schema_version": 1, "name": "settling", "horizon_months": 12,
        "targets": { "rpo_minutes": 1440, "rto_minutes": 1440 },
        "components": [
            { "kind": "dynamodb_table", "id": "table", "size_gb": 500,
              "monthly_writes_millions": 10, "monthly_reads_millions": 10 },
            { "kind": "s3_bucket", "id": "bucket", "stored_gb": 500,
              "lifecycle": { "glacier_days": 900 } },
        ],
    });
    let with_bucket = parse_plan(&json.to_string()).expect("a valid plan");
    let mut table_alone = with_bucket.clone();
    table_alone.components.pop();
    assert_eq!(
        check_in_turn(&[table_alone.clone(), with_bucket.clone(), table_alone, with_bucket]),
        Ok(())
    );
}

/// Buckets priced at AWS's list prices share S3 Standard's volume tiers (50 TB and
/// 500 TB a month), so each bucket's bill depends on the buckets before it. The app
/// reuses a bucket's bill from the last estimate when its quantity is as it was and
/// its use before is too, or when both bills lie inside one tier. Here the first
/// bucket shrinks and grows, and a middle one moves across a tier's start, so later
/// buckets' bills move into, out of and across tiers: every version must cost what
/// a fresh estimate says.
#[test]
fn bills_that_move_across_volume_tiers_are_billed_again() {
    let plan = |first_gb: f64, middle_gb: f64| {
        let bucket = |i: usize| {
            let gb = match i {
                0 => first_gb,
                9 => middle_gb,
                _ => 30_000.0 + i as f64 * 0.5,
            };
            serde_json::json!({ "kind": "s3_bucket", "id": format!("b{i}"), "stored_gb": gb,
                "monthly_growth_gb": 700 })
        };
        let json = serde_json::json!({
            "schema_version": 1, "name": "tiered", "horizon_months": 18,
            "pricing": { "sheet": "aws-list-2026" },
            "targets": { "rpo_minutes": 1440, "rto_minutes": 1440 },
            "components": (0..24).map(bucket).collect::<Vec<_>>(),
        });
        parse_plan(&json.to_string()).expect("a valid plan")
    };
    let versions = [
        plan(30_000.0, 30_000.0),
        plan(1_000.0, 30_000.0),
        plan(1_000.0, 30_000.0),
        plan(64_000.0, 30_000.0),
        plan(64_000.0, 4_000.25),
        plan(30_000.0, 4_000.25),
        plan(0.0, 90_000.0),
        plan(30_000.0, 30_000.0),
    ];
    assert_eq!(check_in_turn(&versions), Ok(()));
}
