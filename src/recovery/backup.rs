//! Recovery paths through AWS Backup: every rule of every `backup_plan` that protects
//! a component gives one path per scenario it survives.
//!
//! * The rule's frequency is the RPO of periodic backups; continuous backup (RDS,
//!   Aurora, S3 only) trails by the log interval.
//! * A restore takes seed 001's 2–4 h plus the data size at the plan's throughput; a
//!   DynamoDB table is restored by DynamoDB itself, as its own backups are (seed 004:
//!   5–10 min), plus the size.
//! * Copies into the plan's backup account are paths of their own (`account.rs`).
//! * Region loss needs `copy_to_dr`: copies are snapshot recovery points taken on the
//!   rule's schedule, so a continuous rule's copy still loses up to one interval.
//! * Account compromise needs a vault lock in compliance mode: a governance-mode lock
//!   can be lifted by any principal with the right IAM permissions, which an attacker
//!   holding the account's administrator credentials has.

use super::context::{text, Costs, Ctx, Found, Mechanism};
use super::facts;
use super::range::{fmt_minutes, Range};
use super::Scenario;
use crate::plan::{BackupPlan, Component, ComponentKind, VaultLockMode};

/// The backup plans that list `id` in `protects`, in plan order.
pub fn protecting<'a>(ctx: &Ctx<'a>, id: &'a str) -> impl Iterator<Item = &'a BackupPlan> + 'a {
    ctx.plan.components.iter().filter_map(move |c| match c {
        Component::BackupPlan(p) if p.protects.iter().any(|x| x == id) => Some(p),
        _ => None,
    })
}

/// AWS Backup offers continuous backup for these kinds only (not DynamoDB).
fn supports_continuous(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::S3Bucket | ComponentKind::RdsInstance | ComponentKind::AuroraCluster
    )
}

/// Adds the AWS Backup paths of component `id` (of `kind`, holding `size_gb` at the end
/// of the horizon) for `scenario`. `restore` gives what a restore into a region (`None`
/// for the primary) costs.
pub fn paths(
    ctx: &Ctx,
    id: &str,
    kind: ComponentKind,
    size_gb: f64,
    scenario: Scenario,
    found: &mut Found,
    restore: &dyn Fn(Option<&str>) -> Costs,
) {
    for plan in protecting(ctx, id) {
        for rule in &plan.rules {
            // AWS Backup runs at most hourly; validation reports anything faster.
            let every = rule.frequency_minutes.max(60) as f64;
            let continuous = rule.continuous && supports_continuous(kind);
            let name = text!(ctx, "AWS Backup \"{}\" rule \"{}\"", plan.id, rule.name);
            // The periodic basis and the parts are written only for paths that are
            // added, not for the scenarios a rule does not survive.
            let periodic = || {
                (
                    Range::periodic(every),
                    text!(ctx, "a recovery point every {} (frequency_minutes)", fmt_minutes(every)),
                )
            };
            let (rpo, basis) = if continuous {
                (
                    facts::AWS_BACKUP_CONTINUOUS_RPO.range(),
                    text!(ctx, "continuous backup ({})", facts::AWS_BACKUP_CONTINUOUS_RPO.source),
                )
            } else {
                if rule.continuous {
                    found.note(text!(ctx, "{name}: AWS Backup has no continuous backup for {}, so the rule takes periodic backups", kind.id()));
                }
                periodic()
            };
            let parts = || {
                vec![
                    ctx.detection(),
                    super::account::restore_step(ctx, kind),
                    ctx.transfer(size_gb),
                ]
            };
            let mechanism = |copy_region: Option<&str>| Mechanism::AwsBackup {
                plan: plan.id.clone(),
                rule: rule.name.clone(),
                copy_region: copy_region.map(str::to_string),
            };
            super::account::backup_copy(
                ctx,
                (&plan.id, &name),
                rule,
                kind,
                size_gb,
                scenario,
                found,
                restore,
            );
            match scenario {
                Scenario::Deletion | Scenario::AzLoss => ctx.push_costed(found, scenario, (name, mechanism(None)), rpo, basis, parts(), restore(None)),
                Scenario::RegionLoss => match (&rule.copy_to_dr, ctx.dr_region) {
                    (Some(_), Some(dr)) => {
                        let (every_rpo, every_basis) = periodic();
                        let basis = text!(ctx, "{every_basis} copied to {dr}; copies are snapshot recovery points taken on the rule's schedule (AWS Backup developer guide); the copy's own transfer time is not documented and not counted");
                        ctx.push_costed(found, scenario, (text!(ctx, "{name}, copy in {dr}"), mechanism(Some(dr))), every_rpo, basis, parts(), restore(Some(dr)));
                    }
                    _ => found.note(text!(ctx, "{name} keeps its recovery points in the primary region (no copy_to_dr)")),
                },
                Scenario::AccountCompromise => match plan.vault_lock.as_ref().map(|l| l.mode) {
                    Some(VaultLockMode::Compliance) => {
                        let basis = text!(ctx, "{basis}; the vault lock is in compliance mode, so not even the root user can delete recovery points early");
                        ctx.push_costed(found, scenario, (text!(ctx, "{name}, compliance-locked vault"), mechanism(None)), rpo, basis, parts(), restore(None));
                    }
                    Some(VaultLockMode::Governance) => found.note(text!(ctx,
                        "{name}: the vault lock is in governance mode, which a principal with the right IAM permissions can lift; compromised administrator credentials can, so it does not count"
                    )),
                    None => found.note(text!(ctx, "{name}: the vault is not locked, so the compromised credentials can delete its recovery points")),
                },
            }
        }
    }
}
