//! Usage in the plan's backup account (issue 13): AWS Backup copies in its vault and
//! S3 replicas in its buckets, with the transfer when the account's region is not the
//! source's. The same price ids as the source account's lines, billed in the backup
//! account's region; a logically air-gapped vault has its own storage price ids.
//!
//! Volume tiers are reckoned per account by AWS; the engine adds these lines to the
//! plan's own, which can only reach a tier sooner (S3 Standard's first tier is 50 TB).

use std::borrow::Cow;

use super::backup::{copy_transfer, kind_words, pile_gb, Billing, Protected};
use super::storage::{event_series, put_series, simulate, storage_series, At};
use super::texts::{label, Qty};
use super::usage::{retained_copies, Context, StorageKind, UsageSeries};
use crate::plan::{AccountVaultKind, BackupAccount, BackupPlan, BackupRule, S3Bucket};

/// The backup account's region when it differs from the primary region.
fn other_region(ctx: &Context, a: &BackupAccount) -> Option<String> {
    a.region.clone().filter(|r| *r != ctx.plan.primary_region)
}

/// An AWS Backup rule's copies in the backup account. `rule_at` is the rule's label
/// and the days between its recovery points.
pub(super) fn backup_copy(
    ctx: &Context,
    plan: &BackupPlan,
    rule: &BackupRule,
    p: &Protected,
    rule_at: (&str, f64),
    out: &mut Vec<UsageSeries>,
) {
    let (label, every_days) = rule_at;
    let (Some(a), Some(copy)) = (&ctx.plan.backup_account, &rule.copy_to_backup_account) else {
        return;
    };
    let region = other_region(ctx, a);
    let where_ = match &region {
        Some(r) => label!("the backup account \"{}\" ({r})", a.name),
        None => label!("the backup account \"{}\"", a.name),
    };
    let (price_id, vault) = match a.vault.kind {
        AccountVaultKind::Standard => (Cow::Borrowed(p.warm_price), "vault"),
        AccountVaultKind::LogicallyAirGapped => (
            Cow::Owned(["backup.air_gapped.", p.price_kind].concat()),
            "logically air-gapped vault",
        ),
    };
    let n = ctx.horizon;
    let kept = |m: usize| retained_copies(m, every_days, copy.retention_days as f64);
    // A copy in another account has no source cluster: Aurora copies are full copies,
    // as in another region.
    let storage = ctx
        .by_month_settled(
            &plan.id,
            label!("{label}: copies in {where_}'s {vault} ({} days)", copy.retention_days),
            price_id,
            label!(
                "{} copied recovery points ({}) = {} GB",
                Qty(kept(n)),
                if matches!(p.billing, Billing::AuroraSnapshots { .. }) {
                    "each a full copy: the cluster is in another account"
                } else {
                    kind_words(p)
                },
                Qty(pile_gb(p, n, kept(n), every_days, true))
            ),
            p.pile_settles(ctx.months, every_days, copy.retention_days as f64),
            |m| pile_gb(p, m, kept(m), every_days, true),
        )
        .stored_as(StorageKind::AwsBackupWarm);
    out.push(match &region {
        Some(r) => storage.in_region(r),
        None => storage,
    });
    let Some(to) = region else { return };
    // Only a copy to another region is a transfer AWS bills.
    out.push(copy_transfer(
        ctx,
        &plan.id,
        p,
        every_days,
        label!("{label}: copy transfer to {where_}"),
        &to,
    ));
}

/// A bucket's replica in the backup account: storage, versions and lifecycle events
/// of the replica bucket, replication PUTs, RTC, and the transfer when cross-region.
pub(super) fn bucket_replica(ctx: &Context, b: &S3Bucket, out: &mut Vec<UsageSeries>) {
    let (Some(a), Some(replica)) = (&ctx.plan.backup_account, &b.backup_account_replica) else {
        return;
    };
    let region = other_region(ctx, a);
    let words = match &region {
        Some(r) => label!(" (replica, backup account \"{}\", {r})", a.name),
        None => label!(" (replica, backup account \"{}\")", a.name),
    };
    let there = At { words: &words, region: region.as_deref() };
    let sim = simulate(ctx, b, replica.storage_class, true);
    storage_series(ctx, b, &sim, &there, false, out);
    storage_series(ctx, b, &sim, &there, true, out);
    event_series(ctx, b, &sim, &there, out);
    // Existing objects are copied once by S3 Batch Replication in month 1.
    let mut replicated = sim.written_gb.clone();
    if let Some(first) = replicated.first_mut() {
        *first += b.stored_gb;
    }
    let last = ctx.at_horizon(&replicated);
    let basis = label!(
        "{} GB of new objects and versions replicated (month 1 adds the {} GB already stored)",
        Qty(last),
        Qty(b.stored_gb)
    );
    if let Some(to) = &region {
        out.push(
            ctx.by_month(
                &b.id,
                label!("Replication to the backup account ({to})"),
                "s3.replication.data",
                basis.clone(),
                |m| replicated.get(m - 1).copied().unwrap_or(0.0),
            )
            .sent_to(to),
        );
    }
    // Same-region replication moves no data between regions, so it has no transfer
    // line: S3 bills it as the destination's storage and PUT requests.
    if replica.replication_time_control {
        out.push(ctx.by_month(
            &b.id,
            "Replication Time Control (backup account)",
            "s3.replication.rtc",
            label!("{} GB replicated under RTC", Qty(last)),
            |m| replicated.get(m - 1).copied().unwrap_or(0.0),
        ));
        out.push(ctx.flat(
            &b.id,
            "Replication metrics (backup account rule, turned on by RTC)",
            "s3.replication.metrics",
            super::storage::REPLICATION_METRICS_PER_RULE,
            "4 metrics of the replication rule (latency, bytes and operations pending, operations failed), which RTC turns on",
        ));
    }
    let puts = label!("Replica PUT requests in the backup account \"{}\"", a.name);
    put_series(ctx, b, &replicated, replica.storage_class, (puts, ""), &there, out);
}
