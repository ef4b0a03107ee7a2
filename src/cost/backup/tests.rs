//! Property tests of the backup usage model: a pile held once full is the pile
//! computed every month.

use super::super::usage::{every_month, Context};
use crate::plan::{Component, Plan};
use proptest::prelude::*;

/// A plan whose backup plan protects one component of every kind with a rule
/// built from the arguments and a continuous one, copied to the DR region and to
/// a backup account (logically air-gapped or not, in another region or not).
fn plan(
    (frequency_minutes, retention_days, cold_after): (u32, u32, Option<u32>),
    (copy_days, account_days): (u32, u32),
    (growth_gb, air_gapped, account_elsewhere): (f64, bool, bool),
    horizon_months: u32,
) -> Option<Plan> {
    let json = serde_json::json!({
        "schema_version": 1, "name": "piles", "horizon_months": horizon_months,
        "dr_region": "us-west-2",
        "backup_account": { "name": "vault", "account_id": "111122223333",
            "region": if account_elsewhere { "eu-central-1" } else { "us-east-1" },
            "vault": { "kind": if air_gapped { "logically_air_gapped" } else { "standard" } } },
        "components": [
            { "kind": "s3_bucket", "id": "b", "stored_gb": 300, "monthly_growth_gb": growth_gb,
              "monthly_change_percent": 5, "versioning": { "enabled": true } },
            { "kind": "dynamodb_table", "id": "t", "size_gb": 40 },
            { "kind": "rds_instance", "id": "r", "storage_gb": 100, "daily_change_percent": 2 },
            { "kind": "aurora_cluster", "id": "a", "storage_gb": 80, "daily_change_percent": 1,
              "backup_retention_days": 7 },
            { "kind": "backup_plan", "id": "p", "protects": ["b", "t", "r", "a"], "rules": [
                { "name": "ladder", "frequency_minutes": frequency_minutes,
                  "retention_days": retention_days, "cold_storage_after_days": cold_after,
                  "copy_to_dr": { "retention_days": copy_days },
                  "copy_to_backup_account": { "retention_days": account_days } },
                { "name": "pitr", "frequency_minutes": 60, "continuous": true, "retention_days": 35,
                  "copy_to_dr": { "retention_days": 14 } },
            ] },
        ],
    });
    serde_json::from_value(json).ok()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Piles that settle (a component of constant size, its pile full) give the
    /// series of computing every month, bit for bit, for the full estimate and
    /// the horizon-only one.
    #[test]
    fn settled_piles_are_every_months_piles(
        rule in (60u32..=60 * 24 * 35, 1u32..=3_000, proptest::option::of(1u32..=400)),
        copies in (1u32..=800, 1u32..=800),
        account in (prop_oneof![Just(0.0), Just(-0.0), 0.0..50.0f64], any::<bool>(), any::<bool>()),
        horizon in 1u32..=120,
        months in prop_oneof![Just(120usize), 1usize..=120],
    ) {
        let plan = plan(rule, copies, account, horizon);
        prop_assert!(plan.is_some(), "the plan reads");
        let Some(plan) = plan else { return Ok(()) };
        // Both rules of every kind are there, with their copies and the account's.
        let Some(Component::BackupPlan(backups)) = plan.components.last() else {
            return Err(TestCaseError::fail("no backup plan"));
        };
        let count = super::usage(&Context::new(&plan, months), backups).len();
        prop_assert!(count >= 4 * 4 + 4 * 3, "{} series", count);
        let series = |every: bool| {
            every_month::set(every);
            let series = super::super::usage_of(&plan, months, horizon as usize);
            every_month::set(false);
            format!("{series:?}")
        };
        prop_assert_eq!(series(false), series(true));
    }
}

/// Each kind's written-out warm price id is the one built from its kind.
#[test]
fn warm_price_ids_are_the_built_ones() {
    let plan = plan((60, 35, None), (7, 7), (0.0, false, false), 12);
    let components = plan.map(|p| p.components).unwrap_or_default();
    let kinds: Vec<_> = components.iter().filter_map(super::protected).collect();
    assert_eq!(kinds.len(), 4);
    for p in kinds {
        assert_eq!(p.warm_price, ["backup.warm.", p.price_kind].concat());
    }
}
