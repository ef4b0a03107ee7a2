//! Recovery paths through the plan's backup account (issue 13).
//!
//! A compromise of the workload's account is survived only by copies its credentials
//! can neither delete nor re-encrypt: AWS Backup copies in the backup account's vault
//! (re-encrypted there with the vault's key, or an AWS-owned key in a logically
//! air-gapped vault) and S3 replicas in a bucket the backup account owns (written with
//! the backup account's key). Recovering from them means taking over the backup
//! account first (`backup_account.activation_minutes`, the plan's runbook figure),
//! then restoring or serving the data there; [`Ctx::close`] adds the redeploy from
//! the repository and the DNS cut-over. When the backup account's region differs from
//! the primary region, the same copies also survive the loss of the primary region.

use super::charges;
use super::context::{text, Costs, Ctx, Found, Mechanism};
use super::facts;
use super::range::{fmt_minutes, Part, Range};
use super::sizes::BucketSizes;
use super::Scenario;
use crate::plan::{AccountVaultKind, BackupAccount, BackupRule, ComponentKind, S3Bucket};

/// The backup account, when the plan has one.
fn account<'a>(ctx: &Ctx<'a>) -> Option<&'a BackupAccount> {
    ctx.plan.backup_account.as_ref()
}

/// Whether copies in the backup account are outside the region lost in a region loss.
fn outside_primary<'a>(ctx: &Ctx<'a>, a: &'a BackupAccount) -> Option<&'a str> {
    ctx.other_region(Some(a.region_or(&ctx.plan.primary_region)))
}

/// Taking over the backup account: break-glass sign-in, roles, quotas.
fn activation(ctx: &Ctx, a: &BackupAccount) -> Part {
    Part::new(
        text!(ctx, "take over the backup account \"{}\" (backup_account.activation_minutes: the plan's runbook figure, AWS states none)", a.name),
        Range::exact(a.activation_minutes as f64),
    )
    .undrilled()
}

/// Why the copies survive the compromise, for the RPO basis.
fn why_safe(ctx: &Ctx, a: &BackupAccount) -> String {
    let key = match a.vault.kind {
        AccountVaultKind::LogicallyAirGapped => {
            "an AWS-owned key of the logically air-gapped vault"
        }
        AccountVaultKind::Standard => "a KMS key of the backup account",
    };
    text!(ctx, "the copies live in the backup account \"{}\", encrypted with {key}: the compromised account's credentials can neither delete nor re-encrypt them", a.name)
}

/// The restore step of an AWS Backup recovery point of `kind`: a DynamoDB table is
/// restored by DynamoDB itself, as its own backups are (seed 004); other kinds take
/// seed 001's AWS Backup restore.
pub fn restore_step(ctx: &Ctx, kind: ComponentKind) -> Part {
    match kind {
        ComponentKind::DynamodbTable => {
            ctx.step("AWS Backup restore of the table", facts::DYNAMODB_BACKUP_RESTORE)
        }
        _ => ctx.step("AWS Backup restore", facts::AWS_BACKUP_RESTORE),
    }
}

/// In a region loss the backup account has no stack of the workload yet: it is
/// redeployed there from the repository, as after a compromise. False (with a note)
/// when nothing outside the account records how to.
fn redeploy_for_region_loss(
    ctx: &Ctx,
    scenario: Scenario,
    name: &str,
    parts: &mut Vec<Part>,
    found: &mut Found,
) -> bool {
    if scenario != Scenario::RegionLoss {
        return true;
    }
    match ctx.stack(Scenario::AccountCompromise) {
        Ok(stack) => {
            parts.extend(stack);
            true
        }
        Err(why) => {
            found.note(text!(ctx, "{name}: {why}"));
            false
        }
    }
}

/// An AWS Backup rule's copy into the backup account, for component `id` of `kind`.
#[allow(clippy::too_many_arguments)]
pub fn backup_copy(
    ctx: &Ctx,
    (plan_id, name): (&str, &str),
    rule: &BackupRule,
    kind: ComponentKind,
    size_gb: f64,
    scenario: Scenario,
    found: &mut Found,
    restore: &dyn Fn(Option<&str>) -> Costs,
) {
    let (Some(a), Some(_)) = (account(ctx), rule.copy_to_backup_account.as_ref()) else { return };
    let region = match scenario {
        Scenario::AccountCompromise => a.region_or(&ctx.plan.primary_region),
        Scenario::RegionLoss => match outside_primary(ctx, a) {
            Some(r) => r,
            None => return,
        },
        Scenario::Deletion | Scenario::AzLoss => return,
    };
    if !a.same_organization {
        found.note(text!(ctx, "{name}: AWS Backup copies to another account only within one AWS Organization, and the backup account is outside it"));
        return;
    }
    let every = rule.frequency_minutes.max(60) as f64;
    let basis = text!(ctx, "a recovery point every {} (frequency_minutes), copied to the backup account's vault in {region}; copies are snapshot recovery points taken on the rule's schedule; the copy's own transfer time is not documented and not counted; {}", fmt_minutes(every), why_safe(ctx, a));
    let mut parts =
        vec![ctx.detection(), activation(ctx, a), restore_step(ctx, kind), ctx.transfer(size_gb)];
    if !redeploy_for_region_loss(ctx, scenario, name, &mut parts, found) {
        return;
    }
    let costs = restore(ctx.other_region(Some(region)));
    let path = text!(ctx, "{name}, copy in the backup account ({region})");
    let mechanism = Mechanism::BackupAccountCopy {
        plan: plan_id.to_string(),
        rule: rule.name.clone(),
        region: region.to_string(),
    };
    ctx.push_costed(
        found,
        scenario,
        (path, mechanism),
        Range::periodic(every),
        basis,
        parts,
        costs,
    );
}

/// A bucket's replica in the backup account.
pub fn bucket_replica(
    ctx: &Ctx,
    b: &S3Bucket,
    sizes: &BucketSizes,
    scenario: Scenario,
    found: &mut Found,
) {
    let (Some(a), Some(replica)) = (account(ctx), b.backup_account_replica.as_ref()) else {
        return;
    };
    let region = match scenario {
        Scenario::AccountCompromise => a.region_or(&ctx.plan.primary_region),
        Scenario::RegionLoss => match outside_primary(ctx, a) {
            Some(r) => r,
            None => return,
        },
        Scenario::Deletion | Scenario::AzLoss => return,
    };
    if !b.versioning.enabled {
        found.note("the replica in the backup account is set but versioning is off, which S3 replication requires");
        return;
    }
    let lag =
        if replica.replication_time_control { facts::S3_CRR_RTC_LAG } else { facts::S3_CRR_LAG };
    let class = replica.storage_class;
    let mut parts = vec![ctx.detection(), activation(ctx, a)];
    let mut costs = Costs::default();
    let current = if class.is_archive() { ctx.bucket_gb(sizes) } else { 0.0 };
    let other = ctx.other_region(Some(region));
    if current > 0.0 {
        // Archived replicas are read only after a retrieval and a copy into a readable
        // class, as for a cross-region replica.
        if let Some(wait) = ctx.retrieval(class, b.average_object_size_kb) {
            parts.push(wait);
        }
        parts.push(ctx.transfer(current));
        costs = charges::archive_retrieval(ctx, class, current, b.average_object_size_kb, other);
    } else {
        parts.push(Part::new(
            text!(ctx, "serve from the replica bucket in place: the redeployed stack points at it ({} is readable at once)", class.label()),
            Range::ZERO,
        ));
    }
    let name_of = text!(ctx, "replica in the backup account");
    if !redeploy_for_region_loss(ctx, scenario, &name_of, &mut parts, found) {
        return;
    }
    let basis = text!(ctx, "replication lag ({}); {}", lag.source, why_safe(ctx, a));
    let name = text!(ctx, "replica in the backup account ({region}, {})", class.label());
    let mechanism = Mechanism::BackupAccountReplica { region: region.to_string() };
    ctx.push_costed(found, scenario, (name, mechanism), lag.range(), basis, parts, costs);
}
