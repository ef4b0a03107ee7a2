//! Usage models of `dynamodb_table`, `rds_instance` and `aurora_cluster`.

use super::usage::{fmt_qty, retained_copies, Context, StorageKind, UsageSeries};
use crate::plan::{AuroraCluster, DynamoDbTable, RdsInstance};
use crate::pricing::ids;
use crate::HOURS_PER_MONTH;

pub fn dynamodb(ctx: &Context, t: &DynamoDbTable) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    let id = &t.id;
    if !t.existing {
        out.push(ctx.flat(
            id,
            "Table storage",
            "dynamodb.storage",
            t.size_gb,
            format!("{} GB table", fmt_qty(t.size_gb)),
        ));
    }
    if t.pitr.enabled {
        out.push(ctx.flat(
            id,
            format!("Point-in-time recovery ({} days)", t.pitr.recovery_period_days),
            "dynamodb.pitr",
            t.size_gb,
            format!("{} GB table, billed on its size", fmt_qty(t.size_gb)),
        ));
    }
    if let Some(b) = &t.on_demand_backups {
        let every_days = b.every_hours as f64 / 24.0;
        let kept = retained_copies(ctx.months, every_days, b.retention_days as f64);
        let mut series = ctx.by_month(
            id,
            format!("On-demand backups, every {} h kept {} days", b.every_hours, b.retention_days),
            "dynamodb.backup",
            format!(
                "{} full backups kept × {} GB each (DynamoDB backups are full copies)",
                fmt_qty(kept),
                fmt_qty(t.size_gb)
            ),
            |m| retained_copies(m, every_days, b.retention_days as f64) * t.size_gb,
        );
        series.storage = Some(StorageKind::DynamodbBackup);
        out.push(series);
    }
    if let Some(g) = &t.global_table {
        let region =
            g.replica_region.clone().or_else(|| ctx.plan.dr_region.clone()).unwrap_or_default();
        out.push(ctx.flat(
            id,
            format!("Global-table replicated writes to {region}"),
            "dynamodb.replicated_write",
            t.monthly_writes_millions,
            format!(
                "{} million writes a month, each replicated once",
                fmt_qty(t.monthly_writes_millions)
            ),
        ));
        out.push(ctx.flat(
            id,
            format!("Replica table storage in {region}"),
            "dynamodb.storage",
            t.size_gb,
            format!("{} GB replica", fmt_qty(t.size_gb)),
        ));
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
            format!("{} {} instance, {az_words}", r.engine.id(), r.instance_class),
            ids::rds_instance_hour(r.engine.id(), &r.instance_class),
            az * HOURS_PER_MONTH as f64,
            format!("{az} × {HOURS_PER_MONTH} hours"),
        ));
        out.push(ctx.flat(
            id,
            format!("gp2 storage, {az_words}"),
            "rds.storage.gp2",
            az * r.storage_gb,
            format!("{az} × {} GB", fmt_qty(r.storage_gb)),
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
    let last = pile(ctx.months);
    let mut backups = ctx.by_month(
        id,
        "Backup storage beyond the free allowance",
        "rds.backup_storage",
        format!(
            "{} GB of backups and snapshots − {} GB free (100% of provisioned storage)",
            fmt_qty(last),
            fmt_qty(r.storage_gb)
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
            format!("Cross-region automated backups in {dr} ({} days)", cross.retention_days),
            "rds.backup_storage",
            format!(
                "{} GB: a full copy plus {} days of changes (no free allowance in the DR region)",
                fmt_qty(pile(ctx.months)),
                cross.retention_days
            ),
            pile,
        );
        stored.storage = Some(StorageKind::DatabaseBackup);
        out.push(stored);
        out.push(ctx.by_month(
            id,
            format!("Backup replication transfer to {dr}"),
            "transfer.inter_region",
            changed_basis(r.storage_gb, r.daily_change_percent),
            |m| transfer_gb(r.storage_gb, r.daily_change_percent, m),
        ));
    }
    if let Some(s) = &r.manual_snapshots {
        let per_month = crate::plan::schedule_expr::DAYS_PER_MONTH / s.every_days as f64;
        if s.copy_to_dr_region {
            if let Some(dr) = &ctx.plan.dr_region {
                let kept =
                    |m: usize| retained_copies(m, s.every_days as f64, s.retention_days as f64);
                let mut copies = ctx.by_month(
                    id,
                    format!("Snapshot copies in {dr}"),
                    "rds.backup_storage",
                    format!(
                        "first copy full ({} GB), then {} increments kept",
                        fmt_qty(r.storage_gb),
                        fmt_qty(kept(ctx.months) - 1.0)
                    ),
                    |m| {
                        r.storage_gb
                            + (kept(m) - 1.0) * r.storage_gb * r.daily_change_percent / 100.0
                                * s.every_days as f64
                    },
                );
                copies.storage = Some(StorageKind::DatabaseBackup);
                out.push(copies);
                out.push(ctx.by_month(
                    id,
                    format!("Snapshot copy transfer to {dr}"),
                    "transfer.inter_region",
                    changed_basis(r.storage_gb, r.daily_change_percent),
                    |m| transfer_gb(r.storage_gb, r.daily_change_percent, m),
                ));
            }
        }
        if r.snapshot_export_to_s3 {
            out.push(ctx.flat(
                id,
                "Snapshot export to S3",
                "rds.snapshot_export",
                per_month * r.storage_gb,
                format!(
                    "{} exports a month × {} GB snapshot",
                    fmt_qty(per_month),
                    fmt_qty(r.storage_gb)
                ),
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

fn changed_basis(size_gb: f64, daily_change_percent: f64) -> String {
    format!(
        "{} GB × {}% changed a day × {:.2} days (month 1 adds the full copy)",
        fmt_qty(size_gb),
        fmt_qty(daily_change_percent),
        crate::plan::schedule_expr::DAYS_PER_MONTH
    )
}

pub fn aurora(ctx: &Context, a: &AuroraCluster) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    let id = &a.id;
    if !a.existing {
        out.push(ctx.flat(
            id,
            format!("{} {} instances", a.engine.id(), a.instance_class),
            ids::aurora_instance_hour(a.engine.id(), &a.instance_class),
            a.instance_count as f64 * HOURS_PER_MONTH as f64,
            format!("{} instances × {HOURS_PER_MONTH} hours", a.instance_count),
        ));
        out.push(ctx.flat(
            id,
            "Cluster storage",
            "aurora.storage",
            a.storage_gb,
            format!("{} GB cluster volume", fmt_qty(a.storage_gb)),
        ));
        out.push(ctx.flat(
            id,
            "I/O requests",
            "aurora.io",
            a.monthly_io_millions,
            format!("{} million requests a month", fmt_qty(a.monthly_io_millions)),
        ));
    }
    let pile =
        |m: usize| backup_pile_gb(a.storage_gb, a.daily_change_percent, a.backup_retention_days, m);
    let mut backups = ctx.by_month(
        id,
        "Backup storage beyond the free allowance",
        "aurora.backup_storage",
        format!(
            "{} GB of continuous backup − {} GB free (100% of cluster storage)",
            fmt_qty(pile(ctx.months)),
            fmt_qty(a.storage_gb)
        ),
        |m| (pile(m) - a.storage_gb).max(0.0),
    );
    backups.storage = Some(StorageKind::DatabaseBackup);
    out.push(backups);
    if let Some(hours) = a.backtrack_window_hours {
        // Change records scale with write activity; I/O is the closest measure the plan has.
        let records = a.monthly_io_millions * hours as f64 / HOURS_PER_MONTH as f64;
        out.push(ctx.flat(
            id,
            format!("Backtrack change records ({hours} h window)"),
            "aurora.backtrack",
            records,
            format!(
                "about {} million change records held ({} million I/O a month × {hours} h ÷ 730 h)",
                fmt_qty(records),
                fmt_qty(a.monthly_io_millions)
            ),
        ));
    }
    out
}
