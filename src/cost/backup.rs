//! Usage model of a `backup_plan`: recovery points piling up per rule and protected
//! component, warm and cold, and their copies in the DR region.

use std::sync::Arc;

use super::texts::{joined, label, Qty};
use super::usage::{floor, pile_full_from, retained_copies, Context, StorageKind, UsageSeries};
use crate::plan::schedule_expr::DAYS_PER_MONTH;
use crate::plan::{BackupPlan, BackupRule, Component};

/// How a protected component's recovery points are billed.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Billing {
    /// A full copy, then the changes since the previous recovery point.
    Incremental,
    /// Every recovery point is a full copy (DynamoDB backups).
    FullCopies,
    /// Aurora DB cluster snapshots: free while their creation time is within the
    /// cluster's backup retention period, each billed at the full volume size beyond
    /// it (Aurora user guide, "Understanding Aurora backup storage usage").
    AuroraSnapshots { cluster_retention_days: u32 },
}

/// What AWS Backup needs to know of a protected component.
pub(super) struct Protected<'a> {
    pub(super) id: &'a str,
    /// Suffix of the `backup.warm.*` price id.
    pub(super) price_kind: &'static str,
    /// The `backup.warm.*` price id, written out (each of hundreds of series asks for it).
    pub(super) warm_price: &'static str,
    pub(super) billing: Billing,
    pub(super) supports_cold: bool,
    pub(super) supports_continuous: bool,
    /// Size in GB at month `m`.
    pub(super) size_gb: Box<dyn Fn(usize) -> f64 + 'a>,
    /// GB changed a day.
    pub(super) daily_change_gb: Box<dyn Fn(usize) -> f64 + 'a>,
    /// Whether `size_gb` and `daily_change_gb` are the same every month.
    pub(super) constant_size: bool,
}

impl Protected<'_> {
    /// The first month from which a pile of this component's recovery points, taken
    /// `every_days` apart and kept `retention_days`, is the same every month (see
    /// `Context::by_month_settled`): once full, if the component's size is constant.
    pub(super) fn pile_settles(
        &self,
        months: usize,
        every_days: f64,
        retention_days: f64,
    ) -> usize {
        if self.constant_size {
            pile_full_from(months, every_days, retention_days)
        } else {
            usize::MAX
        }
    }

    /// `month` if the component's size is constant, for quantities that depend on
    /// the month only through it from `month` on.
    pub(super) fn settles_from(&self, month: usize) -> usize {
        if self.constant_size {
            month
        } else {
            usize::MAX
        }
    }
}

fn protected(component: &Component) -> Option<Protected<'_>> {
    Some(match component {
        Component::S3Bucket(b) => Protected {
            id: &b.id,
            price_kind: "s3",
            warm_price: "backup.warm.s3",
            billing: Billing::Incremental,
            supports_cold: false,
            supports_continuous: true,
            size_gb: Box::new(move |m| b.stored_gb + b.monthly_growth_gb * m as f64),
            daily_change_gb: Box::new(move |m| {
                ((b.stored_gb + b.monthly_growth_gb * m as f64) * b.monthly_change_percent / 100.0
                    + b.monthly_growth_gb)
                    / DAYS_PER_MONTH
            }),
            // `growth × m` is the same zero every month when the growth is zero.
            constant_size: b.monthly_growth_gb == 0.0,
        },
        Component::DynamodbTable(t) => Protected {
            id: &t.id,
            price_kind: "dynamodb",
            warm_price: "backup.warm.dynamodb",
            billing: Billing::FullCopies,
            supports_cold: true,
            supports_continuous: false,
            size_gb: Box::new(move |_| t.size_gb),
            daily_change_gb: Box::new(|_| 0.0),
            constant_size: true,
        },
        Component::RdsInstance(r) => Protected {
            id: &r.id,
            price_kind: "rds",
            warm_price: "backup.warm.rds",
            billing: Billing::Incremental,
            supports_cold: false,
            supports_continuous: true,
            size_gb: Box::new(move |_| r.storage_gb),
            daily_change_gb: Box::new(move |_| r.storage_gb * r.daily_change_percent / 100.0),
            constant_size: true,
        },
        Component::AuroraCluster(a) => Protected {
            id: &a.id,
            price_kind: "aurora",
            warm_price: "backup.warm.aurora",
            billing: Billing::AuroraSnapshots {
                cluster_retention_days: a.backup_retention_days.max(1),
            },
            supports_cold: false,
            supports_continuous: true,
            size_gb: Box::new(move |_| a.storage_gb),
            daily_change_gb: Box::new(move |_| a.storage_gb * a.daily_change_percent / 100.0),
            constant_size: true,
        },
        _ => return None,
    })
}

/// GB held by `count` recovery points taken `every_days` apart, as billed. In the
/// primary region an Aurora snapshot is free while it is younger than the cluster's
/// retention period; copies in another region have no cluster, so every copy is
/// billed at full size.
pub(super) fn pile_gb(p: &Protected, month: usize, count: f64, every_days: f64, copy: bool) -> f64 {
    if count <= 0.0 {
        return 0.0;
    }
    let size = (p.size_gb)(month);
    match p.billing {
        Billing::FullCopies => count * size,
        Billing::Incremental => size + (count - 1.0) * (p.daily_change_gb)(month) * every_days,
        Billing::AuroraSnapshots { .. } if copy => count * size,
        Billing::AuroraSnapshots { cluster_retention_days } => {
            // Ages 0, every, 2 × every… are within the retention period while below it.
            let free = (cluster_retention_days as f64 / every_days).ceil();
            (count - free).max(0.0) * size
        }
    }
}

/// Aurora continuous backup through AWS Backup is the cluster's own continuous
/// backup kept for the rule's retention: what it adds is the automated backup storage
/// beyond what the cluster's own retention already bills (`cost::databases`).
fn aurora_continuous_extra_gb(
    size_gb: f64,
    daily_change_gb: f64,
    rule_days: u32,
    cluster_days: u32,
) -> f64 {
    let billed = |days: u32| {
        if days <= 1 {
            return 0.0;
        }
        let used = (size_gb + daily_change_gb * (days - 1) as f64).min(size_gb * days as f64);
        (used - size_gb).max(0.0)
    };
    (billed(rule_days) - billed(cluster_days)).max(0.0)
}

pub(super) fn kind_words(p: &Protected) -> &'static str {
    match p.billing {
        Billing::Incremental => "a full copy plus increments",
        Billing::FullCopies => "full copies",
        Billing::AuroraSnapshots { .. } => "Aurora cluster snapshots",
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
    // The most recovery points kept warm, the same every month.
    let warm_at_most = cold_after.map(|c| floor(c / every_days).max(1.0));
    let warm_count = |m: usize| {
        let kept = retained_copies(m, every_days, retention);
        warm_at_most.map_or(kept, |most| kept.min(most))
    };
    let cold_count = |m: usize| retained_copies(m, every_days, retention) - warm_count(m);
    // Warm and cold counts are the same every month once the pile is full.
    let full = p.pile_settles(ctx.months, every_days, retention);
    let mode = if continuous {
        Arc::from("continuous")
    } else {
        label!("every {} h", Qty(every_days * 24.0))
    };
    let label = label!(
        "AWS Backup rule \"{}\" ({mode}, {} days) of {}",
        rule.name,
        rule.retention_days,
        p.id
    );
    let n = ctx.horizon;
    let warm = match p.billing {
        Billing::AuroraSnapshots { cluster_retention_days } if continuous => ctx.by_month_settled(
            &plan.id,
            label!("{label}: continuous backup beyond the cluster's {cluster_retention_days} days"),
            p.warm_price,
            label!(
                "the cluster's continuous backup kept {} days instead of {cluster_retention_days}: {} GB more beyond the free volume size",
                rule.retention_days,
                Qty(aurora_continuous_extra_gb((p.size_gb)(n), (p.daily_change_gb)(n), rule.retention_days, cluster_retention_days))
            ),
            p.settles_from(1),
            |m| aurora_continuous_extra_gb((p.size_gb)(m), (p.daily_change_gb)(m), rule.retention_days, cluster_retention_days),
        ),
        Billing::AuroraSnapshots { cluster_retention_days } => ctx.by_month_settled(
            &plan.id,
            joined(&[&label, ": warm storage"]),
            p.warm_price,
            label!(
                "{} snapshots kept, those younger than the cluster's {cluster_retention_days}-day retention free, the rest at the full volume size = {} GB",
                Qty(warm_count(n)),
                Qty(pile_gb(p, n, warm_count(n), every_days, false))
            ),
            full,
            |m| pile_gb(p, m, warm_count(m), every_days, false),
        ),
        _ => ctx.by_month_settled(
            &plan.id,
            joined(&[&label, ": warm storage"]),
            p.warm_price,
            label!(
                "{} recovery points ({}) = {} GB",
                Qty(warm_count(n)),
                kind_words(p),
                Qty(pile_gb(p, n, warm_count(n), every_days, false))
            ),
            full,
            |m| pile_gb(p, m, warm_count(m), every_days, false),
        ),
    };
    out.push(warm.stored_as(StorageKind::AwsBackupWarm));
    if cold_after.is_some() {
        out.push(
            ctx.by_month_settled(
                &plan.id,
                joined(&[&label, ": cold storage"]),
                "backup.cold",
                label!(
                    "{} recovery points older than {} days",
                    Qty(cold_count(n)),
                    rule.cold_storage_after_days.unwrap_or_default()
                ),
                full,
                |m| pile_gb(p, m, cold_count(m), every_days, false),
            )
            .stored_as(StorageKind::AwsBackupCold),
        );
    }
    if let (Some(copy), Some(dr)) = (&rule.copy_to_dr, &ctx.plan.dr_region) {
        let kept = |m: usize| retained_copies(m, every_days, copy.retention_days as f64);
        out.push(
            ctx.by_month_settled(
                &plan.id,
                label!("{label}: copies in {dr} ({} days)", copy.retention_days),
                p.warm_price,
                label!(
                    "{} copied recovery points ({}) = {} GB",
                    Qty(kept(n)),
                    if matches!(p.billing, Billing::AuroraSnapshots { .. }) {
                        "each a full copy: no cluster in the DR region"
                    } else {
                        kind_words(p)
                    },
                    Qty(pile_gb(p, n, kept(n), every_days, true))
                ),
                p.pile_settles(ctx.months, every_days, copy.retention_days as f64),
                |m| pile_gb(p, m, kept(m), every_days, true),
            )
            .stored_as(StorageKind::AwsBackupWarm)
            .in_region(dr),
        );
        out.push(copy_transfer(
            ctx,
            &plan.id,
            p,
            every_days,
            joined(&[&label, ": copy transfer to ", dr]),
            dr,
        ));
    }
    super::account::backup_copy(ctx, plan, rule, p, (&label, every_days), out);
}

/// The inter-region transfer of a rule's copies, made every `every_days` and sent to
/// `to` (AWS Backup pricing: cross-Region data transfer). DynamoDB backups are full
/// copies, and so are Aurora cluster snapshot copies (Aurora user guide, copying a DB
/// cluster snapshot); other kinds send their changes after the first full copy.
pub(super) fn copy_transfer(
    ctx: &Context,
    plan_id: &str,
    p: &Protected,
    every_days: f64,
    item: impl Into<Arc<str>>,
    to: &str,
) -> UsageSeries {
    let n = ctx.horizon;
    let per_month = DAYS_PER_MONTH / every_days;
    let full = p.billing != Billing::Incremental;
    let transfer = |m: usize| {
        if full {
            per_month * (p.size_gb)(m)
        } else {
            let first = if m == 1 { (p.size_gb)(m) } else { 0.0 };
            first + (p.daily_change_gb)(m) * DAYS_PER_MONTH
        }
    };
    let basis = if full {
        label!("{} copies a month × {} GB (each a full copy)", Qty(per_month), Qty((p.size_gb)(n)))
    } else {
        label!("{} GB of changes a month (month 1 adds the first full copy)", Qty(transfer(n)))
    };
    // Full copies are the same every month; increments from month 2 on (month 1 adds
    // the first full copy).
    let settled = p.settles_from(if full { 1 } else { 2 });
    ctx.by_month_settled(plan_id, item, "transfer.inter_region", basis, settled, transfer)
        .sent_to(to)
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

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
