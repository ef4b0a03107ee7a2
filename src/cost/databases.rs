//! Usage models of `dynamodb_table`, `rds_instance` and `aurora_cluster`.

use std::sync::Arc;

use super::texts::{label, Qty};
use super::usage::{retained_copies, Context, StorageKind, UsageSeries};
use crate::plan::{AuroraCluster, DynamoDbTable, RdsInstance};
use crate::pricing::ids;
use crate::HOURS_PER_MONTH;

/// Kilobytes in a gigabyte (AWS bills binary gigabytes).
const KB_PER_GB: f64 = 1_048_576.0;
/// Largest item one write request unit covers (DynamoDB developer guide).
const WRITE_UNIT_KB: f64 = 1.0;

pub fn dynamodb(ctx: &Context, t: &DynamoDbTable) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    let id = &t.id;
    if !t.existing {
        out.push(ctx.flat(
            id,
            "Table storage",
            "dynamodb.storage",
            t.size_gb,
            label!("{} GB table", Qty(t.size_gb)),
        ));
        out.push(ctx.flat(
            id,
            "Write requests (on-demand)",
            "dynamodb.write_request",
            t.monthly_writes_millions,
            label!(
                "{} million writes a month, one write request unit each (items up to 1 KB)",
                Qty(t.monthly_writes_millions)
            ),
        ));
        if t.monthly_reads_millions > 0.0 {
            out.push(ctx.flat(
                id,
                "Read requests (on-demand)",
                "dynamodb.read_request",
                t.monthly_reads_millions,
                label!(
                    "{} million strongly consistent reads a month, one read request unit each (items up to 4 KB)",
                    Qty(t.monthly_reads_millions)
                ),
            ));
        }
    }
    if t.pitr.enabled {
        out.push(ctx.flat(
            id,
            label!("Point-in-time recovery ({} days)", t.pitr.recovery_period_days),
            "dynamodb.pitr",
            t.size_gb,
            label!("{} GB table, billed on its size", Qty(t.size_gb)),
        ));
    }
    if let Some(b) = &t.on_demand_backups {
        let every_days = b.every_hours as f64 / 24.0;
        let kept = retained_copies(ctx.horizon, every_days, b.retention_days as f64);
        out.push(
            ctx.by_month(
                id,
                label!(
                    "On-demand backups, every {} h kept {} days",
                    b.every_hours,
                    b.retention_days
                ),
                "dynamodb.backup",
                label!(
                    "{} full backups kept × {} GB each (DynamoDB backups are full copies)",
                    Qty(kept),
                    Qty(t.size_gb)
                ),
                |m| retained_copies(m, every_days, b.retention_days as f64) * t.size_gb,
            )
            .stored_as(StorageKind::DynamodbBackup),
        );
    }
    if let Some(g) = &t.global_table {
        let region =
            g.replica_region.clone().or_else(|| ctx.plan.dr_region.clone()).unwrap_or_default();
        out.push(
            ctx.flat(
                id,
                label!("Global-table replicated writes to {region}"),
                "dynamodb.replicated_write",
                t.monthly_writes_millions,
                label!(
                    "{} million writes a month, each replicated once",
                    Qty(t.monthly_writes_millions)
                ),
            )
            .in_region(&region),
        );
        out.push(
            ctx.flat(
                id,
                label!("Replica table storage in {region}"),
                "dynamodb.storage",
                t.size_gb,
                label!("{} GB replica", Qty(t.size_gb)),
            )
            .in_region(&region),
        );
        // DynamoDB pricing: global-table replication is also billed as inter-region
        // data transfer out of the region the write happened in.
        let gb = t.monthly_writes_millions * 1e6 * WRITE_UNIT_KB / KB_PER_GB;
        out.push(
            ctx.flat(
                id,
                label!("Global-table replication transfer to {region}"),
                "transfer.inter_region",
                gb,
                label!(
                    "{} million writes × 1 KB (one write request unit each)",
                    Qty(t.monthly_writes_millions)
                ),
            )
            .sent_to(&region),
        );
    }
    out
}

/// GB of backup storage kept by daily-incremental backups: one full copy plus the
/// changed data of every retained day, as of the end of month `m`.
fn backup_pile_gb(
    size_gb: f64,
    daily_change_percent: f64,
    retention_days: u32,
    month: usize,
) -> f64 {
    let days = retained_copies(month, 1.0, retention_days as f64) - 1.0;
    size_gb + size_gb * daily_change_percent / 100.0 * days
}

pub fn rds(ctx: &Context, r: &RdsInstance) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    let id = &r.id;
    let az = if r.multi_az { 2.0 } else { 1.0 };
    let az_words = if r.multi_az { "Multi-AZ (2 instances)" } else { "Single-AZ" };
    if !r.existing {
        out.push(ctx.flat(
            id,
            label!("{} {} instance, {az_words}", r.engine.id(), r.instance_class),
            ids::rds_instance_hour(r.engine.id(), &r.instance_class),
            az * HOURS_PER_MONTH as f64,
            label!("{az} × {HOURS_PER_MONTH} hours"),
        ));
        out.push(ctx.flat(
            id,
            label!("gp2 storage, {az_words}"),
            "rds.storage.gp2",
            az * r.storage_gb,
            label!("{az} × {} GB", Qty(r.storage_gb)),
        ));
    }
    // Automated backups and manual snapshots share the free allowance of 100% of the
    // provisioned storage in the region.
    let snapshots = r.manual_snapshots.clone();
    let pile = |m: usize| {
        let automated =
            backup_pile_gb(r.storage_gb, r.daily_change_percent, r.backup_retention_days, m);
        let manual = snapshots.as_ref().map_or(0.0, |s| {
            let kept = retained_copies(m, s.every_days as f64, s.retention_days as f64);
            // Snapshots are incremental: each holds the blocks changed since the last one.
            kept * r.storage_gb * r.daily_change_percent / 100.0 * s.every_days as f64
        });
        automated + manual
    };
    let last = pile(ctx.horizon);
    let mut backups = ctx.by_month(
        id,
        "Backup storage beyond the free allowance",
        "rds.backup_storage",
        label!(
            "{} GB of backups and snapshots − {} GB free (100% of provisioned storage)",
            Qty(last),
            Qty(r.storage_gb)
        ),
        |m| (pile(m) - r.storage_gb).max(0.0),
    );
    backups.storage = Some(StorageKind::DatabaseBackup);
    out.push(backups);
    if let (Some(cross), Some(dr)) = (&r.cross_region_backups, &ctx.plan.dr_region) {
        let pile = |m: usize| {
            backup_pile_gb(r.storage_gb, r.daily_change_percent, cross.retention_days, m)
        };
        let mut stored = ctx.by_month(
            id,
            label!("Cross-region automated backups in {dr} ({} days)", cross.retention_days),
            "rds.backup_storage",
            label!(
                "{} GB: a full copy plus {} days of changes (no free allowance in the DR region)",
                Qty(pile(ctx.horizon)),
                cross.retention_days
            ),
            pile,
        );
        stored.storage = Some(StorageKind::DatabaseBackup);
        out.push(stored.in_region(dr));
        out.push(
            ctx.by_month(
                id,
                label!("Backup replication transfer to {dr}"),
                "transfer.inter_region",
                changed_basis(r.storage_gb, r.daily_change_percent),
                |m| transfer_gb(r.storage_gb, r.daily_change_percent, m),
            )
            .sent_to(dr),
        );
    }
    if let Some(s) = &r.manual_snapshots {
        let per_month = crate::plan::schedule_expr::DAYS_PER_MONTH / s.every_days as f64;
        if s.copy_to_dr_region {
            if let Some(dr) = &ctx.plan.dr_region {
                let kept =
                    |m: usize| retained_copies(m, s.every_days as f64, s.retention_days as f64);
                let mut copies = ctx.by_month(
                    id,
                    label!("Snapshot copies in {dr}"),
                    "rds.backup_storage",
                    label!(
                        "first copy full ({} GB), then {} increments kept",
                        Qty(r.storage_gb),
                        Qty(kept(ctx.horizon) - 1.0)
                    ),
                    |m| {
                        r.storage_gb
                            + (kept(m) - 1.0) * r.storage_gb * r.daily_change_percent / 100.0
                                * s.every_days as f64
                    },
                );
                copies.storage = Some(StorageKind::DatabaseBackup);
                out.push(copies.in_region(dr));
                out.push(
                    ctx.by_month(
                        id,
                        label!("Snapshot copy transfer to {dr}"),
                        "transfer.inter_region",
                        changed_basis(r.storage_gb, r.daily_change_percent),
                        |m| transfer_gb(r.storage_gb, r.daily_change_percent, m),
                    )
                    .sent_to(dr),
                );
            }
        }
        if r.snapshot_export_to_s3 {
            out.push(ctx.flat(
                id,
                "Snapshot export to S3",
                "rds.snapshot_export",
                per_month * r.storage_gb,
                label!("{} exports a month × {} GB snapshot", Qty(per_month), Qty(r.storage_gb)),
            ));
        }
    }
    out
}

/// Data sent to the DR region in month `m`: the full copy first, then the daily changes.
fn transfer_gb(size_gb: f64, daily_change_percent: f64, month: usize) -> f64 {
    let changes =
        size_gb * daily_change_percent / 100.0 * crate::plan::schedule_expr::DAYS_PER_MONTH;
    if month == 1 {
        size_gb + changes
    } else {
        changes
    }
}

fn changed_basis(size_gb: f64, daily_change_percent: f64) -> Arc<str> {
    label!(
        "{} GB × {}% changed a day × {:.2} days (month 1 adds the full copy)",
        Qty(size_gb),
        Qty(daily_change_percent),
        crate::plan::schedule_expr::DAYS_PER_MONTH
    )
}

pub fn aurora(ctx: &Context, a: &AuroraCluster) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    let id = &a.id;
    if !a.existing {
        out.push(ctx.flat(
            id,
            label!("{} {} instances", a.engine.id(), a.instance_class),
            ids::aurora_instance_hour(a.engine.id(), &a.instance_class),
            a.instance_count as f64 * HOURS_PER_MONTH as f64,
            label!("{} instances × {HOURS_PER_MONTH} hours", a.instance_count),
        ));
        out.push(ctx.flat(
            id,
            "Cluster storage",
            "aurora.storage",
            a.storage_gb,
            label!("{} GB cluster volume", Qty(a.storage_gb)),
        ));
        out.push(ctx.flat(
            id,
            "I/O requests",
            "aurora.io",
            a.monthly_io_millions,
            label!("{} million requests a month", Qty(a.monthly_io_millions)),
        ));
    }
    out.push(aurora_backup_storage(ctx, a));
    if let Some(hours) = a.backtrack_window_hours {
        // Aurora pricing: backtrack is billed per million change records stored per
        // hour, so a month holds the window's records for 730 hours.
        let (per_hour, how) = match a.backtrack_change_records_per_hour_millions {
            Some(v) => (v, Arc::from("plan setting backtrack_change_records_per_hour_millions")),
            None => (
                a.monthly_io_millions / HOURS_PER_MONTH as f64,
                label!(
                    "assumed: one change record per I/O request, {} million a month ÷ {HOURS_PER_MONTH} h",
                    Qty(a.monthly_io_millions)
                ),
            ),
        };
        let held = per_hour * hours as f64;
        out.push(ctx.flat(
            id,
            label!("Backtrack change records ({hours} h window)"),
            "aurora.backtrack",
            held * HOURS_PER_MONTH as f64,
            label!(
                "{} million records an hour ({how}) × {hours} h window = {} million held, × {HOURS_PER_MONTH} h",
                Qty(per_hour),
                Qty(held)
            ),
        ));
    }
    out
}

/// Aurora's automated (continuous) backup storage, as the Aurora user guide bills it
/// ("Understanding Aurora backup storage usage"): the backup keeps the volume and every
/// change within the retention period, counted at most at the volume size for each day
/// of it; the latest volume size is free, and a retention of one day costs nothing.
fn aurora_backup_storage(ctx: &Context, a: &AuroraCluster) -> UsageSeries {
    let retention = a.backup_retention_days.max(1);
    let used = |m: usize| {
        let pile = backup_pile_gb(a.storage_gb, a.daily_change_percent, retention, m);
        pile.min(a.storage_gb * retention as f64)
    };
    let billed =
        move |m: usize| if retention <= 1 { 0.0 } else { (used(m) - a.storage_gb).max(0.0) };
    let basis = if retention <= 1 {
        Arc::from("a retention period of 1 day is not charged (Aurora user guide)")
    } else {
        label!(
            "{} GB of continuous backup over {retention} days (at most {retention} × the volume) − {} GB free (the latest volume size)",
            Qty(used(ctx.horizon)),
            Qty(a.storage_gb)
        )
    };
    ctx.by_month(
        &a.id,
        "Backup storage beyond the free allowance",
        "aurora.backup_storage",
        basis,
        billed,
    )
    .stored_as(StorageKind::DatabaseBackup)
}
