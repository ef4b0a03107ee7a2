//! The AWS deploy rules hold beyond the fixed plans: on valid variations of every
//! preset and the all-options plan (reservations, adoption modes, mirrors, engines,
//! naming and key case, network placement, DR region on or off), every rule passes
//! in every target.

mod rules;

use drplan::plan::{
    validate, Component, ConfigBackup, ExistingManagement, KeyCase, MirrorTarget, Naming, Plan,
    RdsEngine, Severity,
};
use proptest::prelude::*;
use rules::{check_all, plans, Bundle};

#[derive(Clone, Debug)]
struct Variation {
    base: usize,
    reserve: Option<u32>,
    manage_full: bool,
    mirror_to_s3: bool,
    postgres: bool,
    retention_days: u32,
    naming: u8,
    camel: bool,
    no_dr: bool,
}

fn variation() -> impl Strategy<Value = Variation> {
    (
        0usize..6,
        prop::option::of(1u32..50),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        1u32..=35,
        0u8..3,
        any::<bool>(),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(
                base,
                reserve,
                manage_full,
                mirror_to_s3,
                postgres,
                retention_days,
                naming,
                camel,
                no_dr,
            )| {
                Variation {
                    base,
                    reserve,
                    manage_full,
                    mirror_to_s3,
                    postgres,
                    retention_days,
                    naming,
                    camel,
                    no_dr,
                }
            },
        )
}

fn apply(plan: &mut Plan, v: &Variation) {
    for c in plan.components.iter_mut() {
        match c {
            Component::LambdaFunction(f) => f.reserved_concurrency = v.reserve,
            Component::S3Bucket(b) if b.existing => {
                b.manage_existing = if v.manage_full {
                    ExistingManagement::Full
                } else {
                    ExistingManagement::BackupSettings
                }
            }
            Component::ConfigBackup(ConfigBackup { mirror_to, .. }) => {
                *mirror_to =
                    if v.mirror_to_s3 { MirrorTarget::S3 } else { MirrorTarget::Codecommit }
            }
            Component::RdsInstance(r) if !r.existing => {
                r.engine = if v.postgres { RdsEngine::Postgres } else { RdsEngine::Mysql };
                r.backup_retention_days = v.retention_days;
            }
            _ => {}
        }
    }
    plan.export.naming = match v.naming {
        0 => Naming::Project,
        1 => Naming::ProjectEnvironment,
        _ => Naming::EnvironmentSuffix,
    };
    if plan.export.naming == Naming::ProjectEnvironment {
        plan.export.project_name = Some("varied".into());
    }
    plan.export.cdk_context_keys = if v.camel { KeyCase::Camel } else { KeyCase::Snake };
    if v.no_dr {
        plan.dr_region = None;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_rule_passes_on_valid_variations_of_the_plans(v in variation()) {
        let (id, mut plan) = plans().swap_remove(v.base);
        apply(&mut plan, &v);
        // Variations the plan's own checks refuse never reach an export.
        prop_assume!(validate(&plan).iter().all(|d| d.severity != Severity::Error));
        let findings = check_all(&Bundle::of(&format!("{id} {v:?}"), &plan));
        prop_assert!(findings.is_empty(), "{}", findings.join("\n"));
    }
}
