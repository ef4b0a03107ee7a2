//! Usage model of a `backup_plan`: recovery points piling up per rule and protected
//! component, warm and cold, and their copies in the DR region.

use super::usage::{fmt_qty, retained_copies, Context, StorageKind, UsageSeries};
use crate::plan::schedule_expr::DAYS_PER_MONTH;
use crate::plan::{BackupPlan, BackupRule, Component};

/// What AWS Backup needs to know of a protected component.
struct Protected<'a> {
    id: &'a str,
    /// Suffix of the `backup.warm.*` price id.
    price_kind: &'static str,
    /// Whether each recovery point is a full copy (DynamoDB) or incremental.
    full_copies: bool,
    supports_cold: bool,
    supports_continuous: bool,
    /// Size in GB at month `m`.
    size_gb: Box<dyn Fn(usize) -> f64 + 'a>,
    /// GB changed a day.
    daily_change_gb: Box<dyn Fn(usize) -> f64 + 'a>,
}

fn protected(component: &Component) -> Option<Protected<'_>> {
    Some(match component {
        Component::S3Bucket(b) => Protected {
            id: &b.id,
            price_kind: "s3",
            full_copies: false,
            supports_cold: false,
            supports_continuous: true,
            size_gb: Box::new(move |m| b.stored_gb + b.monthly_growth_gb * m as f64),
            daily_change_gb: Box::new(move |m| {
                ((b.stored_gb + b.monthly_growth_gb * m as f64) * b.monthly_change_percent / 100.0
                    + b.monthly_growth_gb)
                    / DAYS_PER_MONTH
            }),
        },
        Component::DynamodbTable(t) => Protected {
            id: &t.id,
            price_kind: "dynamodb",
            full_copies: true,
            supports_cold: true,
            supports_continuous: false,
            size_gb: Box::new(move |_| t.size_gb),
            daily_change_gb: Box::new(|_| 0.0),
        },
        Component::RdsInstance(r) => Protected {
            id: &r.id,
            price_kind: "rds",
            full_copies: false,
            supports_cold: false,
            supports_continuous: true,
            size_gb: Box::new(move |_| r.storage_gb),
            daily_change_gb: Box::new(move |_| r.storage_gb * r.daily_change_percent / 100.0),
        },
        Component::AuroraCluster(a) => Protected {
            id: &a.id,
            price_kind: "aurora",
            full_copies: false,
            supports_cold: false,
            supports_continuous: true,
            size_gb: Box::new(move |_| a.storage_gb),
            daily_change_gb: Box::new(move |_| a.storage_gb * a.daily_change_percent / 100.0),
        },
        _ => return None,
    })
}

/// GB held by `count` recovery points taken `every_days` apart.
fn pile_gb(p: &Protected, month: usize, count: f64, every_days: f64) -> f64 {
    if count <= 0.0 {
        return 0.0;
    }
    let size = (p.size_gb)(month);
    if p.full_copies {
        count * size
    } else {
        size + (count - 1.0) * (p.daily_change_gb)(month) * every_days
    }
}

fn rule_series(
    ctx: &Context,
    plan: &BackupPlan,
    rule: &BackupRule,
    p: &Protected,
    out: &mut Vec<UsageSeries>,
) {
    let continuous = rule.continuous && p.supports_continuous;
    // Continuous backup keeps one base copy and every change since: like a daily
    // incremental pile over the retention window.
    let every_days = if continuous { 1.0 } else { rule.frequency_minutes.max(60) as f64 / 1440.0 };
    let retention = rule.retention_days as f64;
    let cold_after =
        rule.cold_storage_after_days.filter(|_| p.supports_cold && !continuous).map(f64::from);
    let warm_count = |m: usize| {
        let kept = retained_copies(m, every_days, retention);
        cold_after.map_or(kept, |c| kept.min((c / every_days).floor().max(1.0)))
    };
    let cold_count = |m: usize| retained_copies(m, every_days, retention) - warm_count(m);
    let mode = if continuous {
        "continuous".to_string()
    } else {
        format!("every {} h", fmt_qty(every_days * 24.0))
    };
    let label = format!(
        "AWS Backup rule \"{}\" ({mode}, {} days) of {}",
        rule.name, rule.retention_days, p.id
    );
    let kind_words = if p.full_copies { "full copies" } else { "a full copy plus increments" };
    let n = ctx.months;
    let mut warm = ctx.by_month(
        &plan.id,
        format!("{label}: warm storage"),
        format!("backup.warm.{}", p.price_kind),
        format!(
            "{} recovery points ({kind_words}) = {} GB",
            fmt_qty(warm_count(n)),
            fmt_qty(pile_gb(p, n, warm_count(n), every_days))
        ),
        |m| pile_gb(p, m, warm_count(m), every_days),
    );
    warm.storage = Some(StorageKind::AwsBackupWarm);
    out.push(warm);
    if cold_after.is_some() {
        let mut cold = ctx.by_month(
            &plan.id,
            format!("{label}: cold storage"),
            "backup.cold",
            format!(
                "{} recovery points older than {} days",
                fmt_qty(cold_count(n)),
                rule.cold_storage_after_days.unwrap_or_default()
            ),
            |m| pile_gb(p, m, cold_count(m), every_days),
        );
        cold.storage = Some(StorageKind::AwsBackupCold);
        out.push(cold);
    }
    if let (Some(copy), Some(dr)) = (&rule.copy_to_dr, &ctx.plan.dr_region) {
        let kept = |m: usize| retained_copies(m, every_days, copy.retention_days as f64);
        let mut stored = ctx.by_month(
            &plan.id,
            format!("{label}: copies in {dr} ({} days)", copy.retention_days),
            format!("backup.warm.{}", p.price_kind),
            format!(
                "{} copied recovery points = {} GB",
                fmt_qty(kept(n)),
                fmt_qty(pile_gb(p, n, kept(n), every_days))
            ),
            |m| pile_gb(p, m, kept(m), every_days),
        );
        stored.storage = Some(StorageKind::AwsBackupWarm);
        out.push(stored);
        let per_month = DAYS_PER_MONTH / every_days;
        let transfer = |m: usize| {
            if p.full_copies {
                per_month * (p.size_gb)(m)
            } else {
                let first = if m == 1 { (p.size_gb)(m) } else { 0.0 };
                first + (p.daily_change_gb)(m) * DAYS_PER_MONTH
            }
        };
        let basis = if p.full_copies {
            format!(
                "{} copies a month × {} GB (each a full copy)",
                fmt_qty(per_month),
                fmt_qty((p.size_gb)(n))
            )
        } else {
            format!(
                "{} GB of changes a month (month 1 adds the first full copy)",
                fmt_qty(transfer(n))
            )
        };
        out.push(ctx.by_month(
            &plan.id,
            format!("{label}: copy transfer to {dr}"),
            "transfer.inter_region",
            basis,
            transfer,
        ));
    }
}

pub fn usage(ctx: &Context, plan: &BackupPlan) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    for rule in &plan.rules {
        for id in &plan.protects {
            if let Some(p) = ctx.plan.component(id).and_then(protected) {
                rule_series(ctx, plan, rule, &p, &mut out);
            }
        }
    }
    out
}
