//! Table tests of the S3 lifecycle edge cases, each with the figure it must produce:
//! early deletion, transition fees, small objects, archive overheads and zero data.

use drplan::cost::{estimate, usage_of, UsageSeries};
use drplan::plan::schedule_expr::DAYS_PER_MONTH;
use drplan::plan::{Component, Encryption, Lifecycle, Plan, S3Bucket, StorageClass, Versioning};

fn bucket(f: impl FnOnce(&mut S3Bucket)) -> Plan {
    let mut b = S3Bucket {
        id: "b".into(),
        stored_gb: 100.0,
        average_object_size_kb: 1024.0,
        encryption: Encryption::SseS3,
        versioning: Versioning {
            enabled: false,
            noncurrent_expiration_days: None,
            ..Versioning::default()
        },
        ..S3Bucket::default()
    };
    f(&mut b);
    Plan {
        horizon_months: 12,
        components: vec![Component::S3Bucket(b)],
        pricing: drplan::plan::PricingChoice {
            sheet: "aws-list-2026".into(),
            ..Default::default()
        },
        ..Plan::default()
    }
}

fn series<'a>(all: &'a [UsageSeries], item_part: &str) -> Option<&'a UsageSeries> {
    all.iter().find(|s| s.item.contains(item_part))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6 * b.abs().max(1.0)
}

#[test]
fn zero_data_costs_nothing_and_does_not_fail() {
    let plan = bucket(|b| {
        b.stored_gb = 0.0;
        b.lifecycle = Lifecycle {
            standard_ia_days: Some(30),
            deep_archive_days: Some(120),
            expiration_days: Some(400),
            ..Lifecycle::default()
        };
    });
    let e = estimate(&plan);
    assert_eq!(e.monthly_total.micros(), 0);
    assert!(e.ledger.iter().all(|m| m.total.micros() == 0));
}

#[test]
fn deep_archive_deleted_after_30_days_bills_the_180_day_minimum() {
    let plan = bucket(|b| {
        b.initial_storage_class = StorageClass::DeepArchive;
        b.lifecycle.expiration_days = Some(30);
    });
    let usage = usage_of(&plan, 12, 12);
    let early = series(&usage, "Early-deletion minimum, S3 Glacier Deep Archive")
        .expect("early-deletion line");
    // 100 GB × (180 − 30) days, billed in month 1 when the objects expire.
    assert!(close(early.per_month[0], 100.0 * 150.0 / DAYS_PER_MONTH), "{}", early.per_month[0]);
    assert!(early.per_month[1..].iter().all(|q| *q == 0.0));
    let stored = series(&usage, "Current data, S3 Glacier Deep Archive").unwrap();
    assert!(close(stored.per_month[0] + early.per_month[0], 100.0 * 180.0 / DAYS_PER_MONTH));
    // Nothing is left by the steady state.
    assert_eq!(estimate(&plan).monthly_total.micros(), 0);
}

#[test]
fn glacier_moved_to_deep_archive_after_30_days_bills_glacier_minimum() {
    let plan = bucket(|b| {
        b.lifecycle = Lifecycle {
            glacier_days: Some(10),
            deep_archive_days: Some(40),
            ..Lifecycle::default()
        };
    });
    let usage = usage_of(&plan, 12, 12);
    let early = series(&usage, "Early-deletion minimum, S3 Glacier Flexible Retrieval")
        .expect("early line");
    let total: f64 = early.per_month.iter().sum();
    assert!(close(total, 100.0 * 60.0 / DAYS_PER_MONTH), "{total}");
}

#[test]
fn transitions_are_billed_per_object_moved() {
    let plan = bucket(|b| b.lifecycle.standard_ia_days = Some(30));
    let usage = usage_of(&plan, 12, 12);
    let moved = series(&usage, "Lifecycle transitions into S3 Standard-IA").unwrap();
    // 100 GB of 1 MB objects = 102,400 objects, moved on day 30 (month 1).
    assert!(close(moved.per_month[0], 102.4), "{}", moved.per_month[0]);
    assert!(moved.per_month[1..].iter().all(|q| *q == 0.0));
    let e = estimate(&Plan { horizon_months: 1, ..plan });
    let line = e.lines.iter().find(|l| l.item.contains("transitions")).unwrap();
    assert_eq!(line.monthly.micros(), 1_024_000, "102.4 k × $0.01");
}

#[test]
fn small_objects_in_standard_ia_are_billed_at_128_kb() {
    let plan = bucket(|b| {
        b.initial_storage_class = StorageClass::StandardIa;
        b.average_object_size_kb = 64.0;
    });
    let e = estimate(&plan);
    let data = e.lines.iter().find(|l| &*l.item == "Current data, S3 Standard-IA").unwrap();
    let minimum = e.lines.iter().find(|l| l.item.contains("128 KB minimum")).unwrap();
    assert_eq!(data.quantity.millionths(), 100_000_000);
    assert_eq!(
        minimum.quantity.millionths(),
        100_000_000,
        "64 KB objects are billed twice their size"
    );
    assert_eq!((data.monthly + minimum.monthly).micros(), 2_500_000, "200 GB × $0.0125");
}

#[test]
fn objects_of_128_kb_or_more_have_no_minimum_line() {
    let plan = bucket(|b| {
        b.initial_storage_class = StorageClass::GlacierInstantRetrieval;
        b.average_object_size_kb = 128.0;
    });
    assert!(!estimate(&plan).lines.iter().any(|l| l.item.contains("minimum object size")));
}

#[test]
fn archived_objects_carry_40_kb_of_metadata() {
    let plan = bucket(|b| {
        b.initial_storage_class = StorageClass::GlacierFlexibleRetrieval;
        b.average_object_size_kb = 1024.0;
    });
    let e = estimate(&plan);
    let index = e.lines.iter().find(|l| l.item.contains("32 KB archive index")).unwrap();
    let meta = e.lines.iter().find(|l| l.item.contains("8 KB metadata")).unwrap();
    assert_eq!(index.quantity.millionths(), 3_125_000, "102,400 objects × 32 KB = 3.125 GB");
    assert_eq!(meta.quantity.millionths(), 781_250, "102,400 objects × 8 KB = 0.78125 GB");
    assert_eq!(&*meta.price_id, "s3.storage.standard");
}

#[test]
fn lifecycle_tiers_fill_in_order_over_the_horizon() {
    let plan = bucket(|b| {
        b.lifecycle = Lifecycle {
            standard_ia_days: Some(30),
            glacier_days: Some(90),
            deep_archive_days: Some(180),
            ..Lifecycle::default()
        }
    });
    let e = estimate(&plan);
    let gb = |m: usize, class: &str| {
        e.ledger[m - 1].storage_gb_by_class.get(class).copied().unwrap_or(0.0)
    };
    assert!(gb(1, "standard") > 90.0);
    assert!(gb(2, "standard_ia") > 99.0);
    assert!(gb(4, "glacier_flexible_retrieval") > 99.0);
    assert!(close(gb(12, "deep_archive"), 100.0));
}

#[test]
fn noncurrent_versions_follow_the_change_rate() {
    let plan = bucket(|b| {
        b.versioning = Versioning {
            enabled: true,
            noncurrent_expiration_days: Some(60),
            ..Versioning::default()
        };
        b.monthly_change_percent = 10.0;
    });
    let e = estimate(&plan);
    let versions = e.lines.iter().find(|l| &*l.item == "Noncurrent versions, S3 Standard").unwrap();
    // 10 GB of versions a month, each kept 60 days: about 60 ÷ 30.42 × 10 GB.
    assert!(
        close(versions.quantity.as_f64(), 10.0 * 60.0 / DAYS_PER_MONTH),
        "{}",
        versions.quantity
    );
}
