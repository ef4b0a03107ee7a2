//! Usage model of an `s3_bucket`: current data and noncurrent versions moving through
//! the lifecycle, per-object overheads, early-deletion minimums, transition and PUT
//! requests, and the replica bucket in the DR region.

use std::sync::Arc;

use super::cohorts::{
    accumulate, accumulate_every_month, class_index, Months, Profile, Tiering, CLASSES, CURRENT,
    EARLY_DELETION, NONCURRENT, TRANSITIONED,
};
use super::texts::{joined, label, Qty};
use super::usage::{Context, StorageKind, UsageSeries};
use crate::plan::schedule_expr::DAYS_PER_MONTH;
use crate::plan::{S3Bucket, StorageClass};

/// Kilobytes in a gigabyte (S3 bills binary gigabytes).
const KB_PER_GB: f64 = 1_048_576.0;
/// Metadata S3 adds to each archived object, billed at the Standard rate.
const ARCHIVE_STANDARD_OVERHEAD_KB: f64 = 8.0;
/// Metadata S3 adds to each archived object, billed at the archive rate.
const ARCHIVE_INDEX_OVERHEAD_KB: f64 = 32.0;

/// The current-version path of a bucket's data, continuing as noncurrent versions after
/// expiration when versioning is on.
fn current_tiering(b: &S3Bucket, start: StorageClass, transitions: bool) -> Tiering {
    let l = &b.lifecycle;
    let later: Vec<(StorageClass, Option<u32>)> = if transitions {
        vec![
            (StorageClass::StandardIa, l.standard_ia_days),
            (l.glacier_class.storage_class(), l.glacier_days),
            (StorageClass::DeepArchive, l.deep_archive_days),
        ]
    } else {
        Vec::new()
    };
    let mut tiering = Tiering::new(start, 0.0, false, &later);
    if let Some(expire) = l.expiration_days.map(f64::from) {
        if b.versioning.enabled {
            // Expiring a current version leaves it behind as a noncurrent one.
            let at_expiry = tiering.class_at(expire);
            tiering.steps.retain(|s| s.from_day < expire);
            let tail = noncurrent_tiering(b, at_expiry, expire, transitions);
            tiering.steps.extend(tail.steps);
            tiering.delete_at_day = tail.delete_at_day;
        } else {
            tiering.delete_at_day = Some(expire);
        }
    }
    tiering
}

/// The path of a version from the moment it becomes noncurrent at `start_day`.
fn noncurrent_tiering(
    b: &S3Bucket,
    start: StorageClass,
    start_day: f64,
    transitions: bool,
) -> Tiering {
    let v = &b.versioning;
    let later: Vec<(StorageClass, Option<u32>)> = if transitions {
        vec![
            (StorageClass::StandardIa, v.noncurrent_standard_ia_days),
            (StorageClass::GlacierFlexibleRetrieval, v.noncurrent_glacier_days),
        ]
    } else {
        Vec::new()
    };
    let mut tiering = Tiering::new(start, start_day, true, &later);
    tiering.delete_at_day = v.noncurrent_expiration_days.map(|d| start_day + d as f64);
    tiering
}

/// Month-by-month totals of one bucket (primary or replica).
pub(super) struct Simulated {
    months: Months,
    /// GB written (new objects and new versions) each month.
    pub(super) written_gb: Vec<f64>,
}

/// Runs the cohorts of one bucket. `start` is the class data is written in.
pub(super) fn simulate(
    ctx: &Context,
    b: &S3Bucket,
    start: StorageClass,
    transitions: bool,
) -> Simulated {
    let n = ctx.months;
    let current = current_tiering(b, start, transitions);
    // New data and new versions arrive through the month: model them mid-month.
    let mid = DAYS_PER_MONTH / 2.0;
    let mut months = Months::new(n);
    // A profile is only built for a cohort that adds something (`accumulate` skips
    // sizes of zero or less; NaN, from plans validation rejects, is added).
    let adds = |gb: f64| gb > 0.0 || gb.is_nan();
    if adds(b.stored_gb) {
        accumulate(&mut months, &Profile::new(&current, 0.0, n), 0, b.stored_gb);
    }
    if adds(b.monthly_growth_gb) {
        accumulate_every_month(&mut months, &Profile::new(&current, mid, n), b.monthly_growth_gb);
    }
    let mut written_gb = vec![b.monthly_growth_gb; n];
    if b.versioning.enabled && b.monthly_change_percent > 0.0 {
        let versions = Profile::new(&noncurrent_tiering(b, start, 0.0, transitions), mid, n);
        add_versions(&mut months, &versions, &mut written_gb, b.monthly_change_percent, false);
    }
    Simulated { months, written_gb }
}

/// Adds the versions that overwrites leave behind: each month `percent` of the current
/// data becomes noncurrent (and is written again). Versions are noncurrent
/// throughout, so adding them leaves the current data as it is and its monthly totals
/// are read once, unless a size that is not finite (only in plans validation rejects)
/// turns every slot into NaN: from then on (or throughout, with `read_each_month`, as
/// first written) the current data is read afresh each month.
pub(super) fn add_versions(
    months: &mut Months,
    versions: &Profile,
    written_gb: &mut [f64],
    percent: f64,
    read_each_month: bool,
) {
    let current_gb = |months: &Months, k: usize| {
        let current: [f64; CLASSES] = std::array::from_fn(|c| months.value(CURRENT, c, k));
        current.iter().sum::<f64>()
    };
    // The same sums, read slot by slot instead of looking each slot up every month.
    let every_current_gb = |months: &Months| {
        let slots: [Option<&[f64]>; CLASSES] = std::array::from_fn(|c| months.get(CURRENT, c));
        (0..months.len())
            .map(|k| {
                let current: [f64; CLASSES] = std::array::from_fn(|c| {
                    slots[c].and_then(|v| v.get(k)).copied().unwrap_or(0.0)
                });
                current.iter().sum::<f64>()
            })
            .collect::<Vec<f64>>()
    };
    let n = months.len();
    let mut current: Vec<f64> = every_current_gb(months);
    let mut stale = false;
    for (k, written) in written_gb.iter_mut().enumerate().take(n) {
        // Months are processed in order, so month k's current total is final before
        // its versions are added.
        let current_k = if read_each_month || stale { current_gb(months, k) } else { current[k] };
        let overwritten = current_k * percent / 100.0;
        *written += overwritten;
        accumulate(months, versions, k, overwritten);
        if !overwritten.is_finite() && !stale {
            stale = true;
            current.clear();
        }
    }
}

/// Where a bucket's series are billed: the primary region, or the DR region for the
/// replica.
pub(super) struct At<'a> {
    /// Text after "Current data" naming the place ("" for the primary bucket).
    pub(super) words: &'a str,
    pub(super) region: Option<&'a str>,
}

impl At<'_> {
    fn bill(&self, series: UsageSeries) -> UsageSeries {
        match self.region {
            Some(region) => series.in_region(region),
            None => series,
        }
    }
}

pub(super) fn storage_series(
    ctx: &Context,
    b: &S3Bucket,
    sim: &Simulated,
    at: &At,
    noncurrent: bool,
    out: &mut Vec<UsageSeries>,
) {
    let where_ = at.words;
    let object_kb = b.average_object_size_kb.max(0.001);
    let field = if noncurrent { NONCURRENT } else { CURRENT };
    for class in StorageClass::ALL {
        let c = class_index(class);
        // A slot without months is zero throughout.
        let Some(gb) = sim.months.get(field, c).filter(|v| !v.iter().all(|gb| *gb <= 0.0)) else {
            continue;
        };
        // Made straight into the series' shared slices (a `Vec` would be copied again).
        let gb: Arc<[f64]> = Arc::from(gb);
        let last = ctx.at_horizon(&gb);
        let what = if noncurrent { "Noncurrent versions" } else { "Current data" };
        // Overheads billed in proportion to the stored GB, after the storage itself.
        let scaled = |factor: f64| gb.iter().map(|v| v * factor).collect::<Arc<[f64]>>();
        let mut overheads = Vec::new();
        let min_kb = class.minimum_billable_object_kb();
        if object_kb < min_kb {
            let factor = min_kb / object_kb - 1.0;
            overheads.push(at.bill(ctx.series(
                &b.id,
                label!("{what}{where_}: {} KB minimum object size, {}", min_kb, class.label()),
                class.storage_price_id(),
                label!(
                    "{} GB × ({min_kb} KB ÷ {} KB average object − 1)",
                    Qty(last),
                    Qty(object_kb)
                ),
                scaled(factor),
            )));
        }
        if class.is_archive() {
            let std_factor = ARCHIVE_STANDARD_OVERHEAD_KB / object_kb;
            let idx_factor = ARCHIVE_INDEX_OVERHEAD_KB / object_kb;
            let objects = last * KB_PER_GB / object_kb;
            overheads.push(at.bill(ctx.series(
                &b.id,
                label!("{what}{where_}: 32 KB archive index per object, {}", class.label()),
                class.storage_price_id(),
                label!("{} objects × 32 KB", Qty(objects)),
                scaled(idx_factor),
            )));
            overheads.push(at.bill(ctx.series(
                &b.id,
                joined(&[what, where_, ": 8 KB metadata per archived object at the Standard rate"]),
                StorageClass::Standard.storage_price_id(),
                label!("{} objects in {} × 8 KB", Qty(objects), class.label()),
                scaled(std_factor),
            )));
        }
        out.push(
            at.bill(
                ctx.series(
                    &b.id,
                    joined(&[what, where_, ", ", class.label()]),
                    class.storage_price_id(),
                    label!("{} GB-months in {} during the month", Qty(last), class.label()),
                    gb,
                )
                .stored_as(StorageKind::S3(class)),
            ),
        );
        out.extend(overheads);
    }
}

pub(super) fn event_series(
    ctx: &Context,
    b: &S3Bucket,
    sim: &Simulated,
    at: &At,
    out: &mut Vec<UsageSeries>,
) {
    let where_ = at.words;
    let object_kb = b.average_object_size_kb.max(0.001);
    for class in StorageClass::ALL {
        let c = class_index(class);
        let early = sim.months.get(EARLY_DELETION, c).filter(|v| v.iter().any(|gb| *gb > 0.0));
        if let Some(early) = early {
            let early: Arc<[f64]> = Arc::from(early);
            let last = ctx.at_horizon(&early);
            out.push(at.bill(ctx.series(
                &b.id,
                label!(
                    "Early-deletion minimum{where_}, {} ({} days)",
                    class.label(),
                    class.minimum_storage_days()
                ),
                class.storage_price_id(),
                label!(
                    "{} GB-months billed for data leaving {} before {} days",
                    Qty(last),
                    class.label(),
                    class.minimum_storage_days()
                ),
                early,
            )));
        }
        let moved = |gb: &f64| gb * KB_PER_GB / object_kb / 1000.0;
        let transitioned = sim.months.get(TRANSITIONED, c);
        if let Some(moved) = transitioned
            .filter(|v| v.iter().any(|gb| moved(gb) > 0.0))
            .map(|v| v.iter().map(moved).collect::<Arc<[f64]>>())
        {
            let last = ctx.at_horizon(&moved);
            out.push(at.bill(ctx.series(
                &b.id,
                label!("Lifecycle transitions{where_} into {}", class.label()),
                class.transition_price_id(),
                label!(
                    "{} thousand objects ({} KB average) moved this month",
                    Qty(last),
                    Qty(object_kb)
                ),
                moved,
            )));
        }
    }
}

pub(super) fn put_series(
    ctx: &Context,
    b: &S3Bucket,
    written_gb: &[f64],
    class: StorageClass,
    (item, basis_tail): (Arc<str>, &str),
    at: &At,
    out: &mut Vec<UsageSeries>,
) {
    let object_kb = b.average_object_size_kb.max(0.001);
    let thousands: Arc<[f64]> =
        written_gb.iter().map(|gb| gb * KB_PER_GB / object_kb / 1000.0).collect();
    if thousands.iter().all(|v| *v <= 0.0) {
        return;
    }
    let last_gb = ctx.at_horizon(written_gb);
    out.push(at.bill(ctx.series(
        &b.id,
        item,
        class.put_price_id(),
        label!("{} GB written ÷ {} KB per object{basis_tail}", Qty(last_gb), Qty(object_kb)),
        thousands,
    )));
}

/// S3 publishes four replication metrics per rule (ReplicationLatency,
/// BytesPendingReplication, OperationsPendingReplication, OperationsFailedReplication;
/// S3 user guide, metrics and dimensions), billed as CloudWatch custom metrics.
pub(super) const REPLICATION_METRICS_PER_RULE: f64 = 4.0;

pub fn usage(ctx: &Context, b: &S3Bucket) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    let primary = simulate(ctx, b, b.initial_storage_class, true);
    let here = At { words: "", region: None };
    if !b.existing {
        storage_series(ctx, b, &primary, &here, false, &mut out);
    }
    storage_series(ctx, b, &primary, &here, true, &mut out);
    event_series(ctx, b, &primary, &here, &mut out);
    // A new bucket is loaded with its initial data in month 1: one PUT per object.
    let mut written = primary.written_gb.clone();
    let initial_load = !b.existing && b.stored_gb > 0.0;
    if let (true, Some(first)) = (initial_load, written.first_mut()) {
        *first += b.stored_gb;
    }
    let tail = if initial_load { " (month 1 adds the initial load)" } else { "" };
    put_series(
        ctx,
        b,
        &written,
        b.initial_storage_class,
        ("PUT requests for new objects and versions".into(), tail),
        &here,
        &mut out,
    );

    if let (Some(replication), Some(dr)) = (&b.replication, &ctx.plan.dr_region) {
        let words = label!(" (replica, {dr})");
        let there = At { words: &words, region: Some(dr) };
        // The replica bucket gets the same lifecycle, from its own (possibly colder) class.
        let replica = simulate(ctx, b, replication.storage_class, true);
        storage_series(ctx, b, &replica, &there, false, &mut out);
        storage_series(ctx, b, &replica, &there, true, &mut out);
        event_series(ctx, b, &replica, &there, &mut out);
        // Existing objects are copied once by S3 Batch Replication in month 1.
        let mut transferred = replica.written_gb.clone();
        if let Some(first) = transferred.first_mut() {
            *first += b.stored_gb;
        }
        let last = ctx.at_horizon(&transferred);
        out.push(
            ctx.by_month(
                &b.id,
                label!("Replication to {dr}"),
                "s3.replication.data",
                label!("{} GB of new objects and versions replicated (month 1 adds the {} GB already stored)", Qty(last), Qty(b.stored_gb)),
                |m| transferred.get(m - 1).copied().unwrap_or(0.0),
            )
            .sent_to(dr),
        );
        if replication.replication_time_control {
            out.push(ctx.by_month(
                &b.id,
                "Replication Time Control",
                "s3.replication.rtc",
                label!("{} GB replicated under RTC", Qty(last)),
                |m| transferred.get(m - 1).copied().unwrap_or(0.0),
            ));
            out.push(ctx.flat(
                &b.id,
                "Replication metrics (turned on by RTC)",
                "s3.replication.metrics",
                REPLICATION_METRICS_PER_RULE,
                "4 metrics of the replication rule (latency, bytes and operations pending, operations failed), which RTC turns on",
            ));
        }
        put_series(
            ctx,
            b,
            &transferred,
            replication.storage_class,
            (label!("Replica PUT requests in {dr}"), ""),
            &there,
            &mut out,
        );
    }
    out
}

/// GB of a bucket's data stored in each class at the end of the horizon (primary only);
/// the recovery model uses it to find the coldest tier a restore needs.
pub fn final_gb_by_class(ctx: &Context, b: &S3Bucket) -> [f64; CLASSES] {
    let sim = simulate(ctx, b, b.initial_storage_class, true);
    match sim.months.len().checked_sub(1) {
        Some(last) => std::array::from_fn(|c| {
            sim.months.value(CURRENT, c, last) + sim.months.value(NONCURRENT, c, last)
        }),
        None => [0.0; CLASSES],
    }
}
