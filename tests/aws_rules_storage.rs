//! AWS's S3 billing rules and worked examples, each case citing the documentation or
//! pricing sentence it follows. Prices are the aws-list-2026 sheet's (us-east-1).

use drplan::cost::{estimate, Estimate};
use drplan::plan::{
    Component, Lifecycle, Plan, PricingChoice, Replication, RetrievalTier, S3Bucket, StorageClass,
    Versioning,
};
use drplan::recovery::{self, Scenario};

fn plan_of(components: Vec<Component>, months: u32) -> Plan {
    Plan {
        pricing: PricingChoice { sheet: "aws-list-2026".into(), ..Default::default() },
        dr_region: Some("us-west-2".into()),
        horizon_months: months,
        components,
        ..Plan::default()
    }
}

fn bucket(b: S3Bucket) -> Component {
    Component::S3Bucket(S3Bucket { id: "b".into(), ..b })
}

fn sum(e: &Estimate, pick: impl Fn(&drplan::cost::CostLine) -> bool) -> f64 {
    e.lines.iter().filter(|l| pick(l)).map(|l| l.quantity.as_f64()).sum()
}

/// S3 user guide, lifecycle and versioning: when a current version expires in a
/// versioned bucket, S3 keeps it as a noncurrent version in the same storage class.
/// That is not a transition, so no transition request is billed (the engine used to
/// bill a Deep Archive transition for every expiring object).
#[test]
fn expiring_current_versions_bills_no_transition() {
    let b = S3Bucket {
        stored_gb: 100.0,
        average_object_size_kb: 1024.0,
        initial_storage_class: StorageClass::DeepArchive,
        versioning: Versioning { noncurrent_expiration_days: Some(180), ..Versioning::default() },
        lifecycle: Lifecycle { expiration_days: Some(200), ..Lifecycle::default() },
        ..S3Bucket::default()
    };
    // Month 7 holds the expiry at day 200: the data turns noncurrent, still in Deep Archive.
    let e = estimate(&plan_of(vec![bucket(b)], 7));
    assert_eq!(sum(&e, |l| l.price_id.starts_with("s3.transition.")), 0.0);
    assert!(sum(&e, |l| l.item.starts_with("Noncurrent versions, S3 Glacier Deep Archive")) > 0.0);
}

/// S3 pricing: every PUT is a request, including the upload that fills a new bucket.
/// 100 GB of 1 MB objects is 102,400 PUTs in month 1 (the engine billed them only
/// for the replica's copies).
#[test]
fn a_new_bucket_pays_for_the_puts_of_its_initial_load() {
    let new = S3Bucket { stored_gb: 100.0, average_object_size_kb: 1024.0, ..S3Bucket::default() };
    let e = estimate(&plan_of(vec![bucket(new.clone())], 1));
    assert_eq!(sum(&e, |l| &*l.price_id == "s3.put.standard"), 102.4);
    let existing = S3Bucket { existing: true, ..new };
    let e = estimate(&plan_of(vec![bucket(existing)], 1));
    assert_eq!(sum(&e, |l| &*l.price_id == "s3.put.standard"), 0.0);
}

/// S3 user guide, replication metrics: they are "billed at the same rate as CloudWatch
/// custom metrics" and "turned on automatically when you enable S3 RTC"; a rule has
/// four (ReplicationLatency, BytesPendingReplication, OperationsPendingReplication,
/// OperationsFailedReplication). Replication itself is billed as inter-region transfer
/// out of the source region: $0.02 per GB to us-west-2, $0.01 to us-east-2.
#[test]
fn rtc_turns_on_four_billed_replication_metrics_and_transfer_is_priced_by_pair() {
    for (rtc, dr, rate) in [(true, "us-west-2", "0.02"), (false, "us-east-2", "0.01")] {
        let b = S3Bucket {
            replication: Some(Replication {
                storage_class: StorageClass::StandardIa,
                replication_time_control: rtc,
            }),
            ..S3Bucket::default()
        };
        let mut p = plan_of(vec![bucket(b)], 12);
        p.dr_region = Some(dr.into());
        let e = estimate(&p);
        let metrics = e.lines.iter().find(|l| &*l.price_id == "s3.replication.metrics");
        assert_eq!(
            metrics.map(|l| (l.quantity.as_f64(), l.monthly.micros())),
            rtc.then_some((4.0, 1_200_000))
        );
        let transfer = e.lines.iter().find(|l| &*l.price_id == "s3.replication.data").unwrap();
        assert_eq!(
            (transfer.unit_price.to_string().as_str(), &*transfer.region),
            (rate, "us-east-1")
        );
    }
}

/// S3 pricing (AWS Price List API, AmazonS3 us-east-1 TimedStorage-ByteHrs): Standard
/// storage is $0.023 per GB for the first 50 TB a month, $0.022 for the next 450 TB and
/// $0.021 beyond 500 TB, counted over the account's buckets in the region.
#[test]
fn s3_standard_beyond_50_tb_is_priced_at_the_next_tiers() {
    let b = |id: &str, gb: f64| {
        Component::S3Bucket(S3Bucket {
            id: id.into(),
            existing: false,
            stored_gb: gb,
            versioning: Versioning { enabled: false, ..Versioning::default() },
            ..S3Bucket::default()
        })
    };
    let e = estimate(&plan_of(vec![b("a", 40_960.0), b("c", 471_040.0 + 10_240.0 + 1_000.0)], 2));
    let storage: Vec<(String, f64, String)> = e
        .lines
        .iter()
        .filter(|l| &*l.price_id == "s3.storage.standard")
        .map(|l| (l.component.to_string(), l.quantity.as_f64(), l.unit_price.to_string()))
        .collect();
    assert_eq!(
        storage,
        [
            ("a".into(), 40_960.0, "0.023".into()),
            ("c".into(), 10_240.0, "0.023".into()),
            ("c".into(), 460_800.0, "0.022".into()),
            ("c".into(), 11_240.0, "0.021".into()),
        ]
    );
}

/// S3 user guide, "Understanding object expiration": "If you create a lifecycle
/// expiration rule that causes objects that have been in DEEP ARCHIVE storage for less
/// than 180 days to expire, you are charged for 180 days." 10 GB stored 60 days then
/// expired: 60 days stored plus 120 days billed on deletion, 180 days in all.
#[test]
fn deep_archive_early_deletion_bills_the_180_day_minimum() {
    let b = S3Bucket {
        stored_gb: 10.0,
        average_object_size_kb: 10_240.0,
        initial_storage_class: StorageClass::DeepArchive,
        versioning: Versioning { enabled: false, ..Versioning::default() },
        lifecycle: Lifecycle { expiration_days: Some(60), ..Lifecycle::default() },
        ..S3Bucket::default()
    };
    let p = plan_of(vec![bucket(b)], 12);
    let days_per_month = 365.0 / 12.0;
    let usage = drplan::cost::usage_of(&p, 12, 12);
    let total = |item: &str| -> f64 {
        usage.iter().filter(|s| s.item.starts_with(item)).flat_map(|s| s.per_month.iter()).sum()
    };
    let stored = total("Current data, S3 Glacier Deep Archive") * days_per_month / 10.0;
    let early = total("Early-deletion minimum, S3 Glacier Deep Archive") * days_per_month / 10.0;
    assert!((stored - 60.0).abs() < 1e-6 && (early - 120.0).abs() < 1e-6, "{stored} + {early}");
}

/// S3 user guide, "Transitioning objects: cost considerations": "For each object
/// archived ... Amazon S3 uses 8 KB of storage for the name of the object and other
/// metadata ... charged standard Amazon S3 rates" and "adds 32 KB of storage for index
/// and related metadata ... charged ... [archive] rates". 1 GB of 1 MB objects in
/// Deep Archive: 1,024 objects × 8 KB at Standard and × 32 KB at Deep Archive.
#[test]
fn archived_objects_carry_40_kb_of_billed_metadata() {
    let b = S3Bucket {
        stored_gb: 1.0,
        average_object_size_kb: 1024.0,
        initial_storage_class: StorageClass::DeepArchive,
        ..S3Bucket::default()
    };
    let e = estimate(&plan_of(vec![bucket(b)], 1));
    let standard = sum(&e, |l| l.item.contains("8 KB metadata"));
    let index = sum(&e, |l| l.item.contains("32 KB archive index"));
    assert!((standard - 1024.0 * 8.0 / 1_048_576.0).abs() < 1e-6, "{standard}");
    assert!((index - 1024.0 * 32.0 / 1_048_576.0).abs() < 1e-6, "{index}");
}

/// AWS re:Post knowledge center, "s3-manage-data-retrieval": retrieving 15,000,000
/// objects, 100 TB (102,400 GB), from S3 Glacier Flexible Retrieval at the standard
/// tier costs "15,000,000 / 1000 * $0.05 = $750" in requests and "102,400 * $0.01 =
/// $1,024" per GB, "$1,774" in all. Failing over to such a replica performs exactly
/// that retrieval (plus copying the restored objects into a readable class).
#[test]
fn retrieving_from_a_glacier_replica_costs_what_aws_re_post_works_out() {
    let gb = 102_400.0;
    let object_kb = gb * 1_048_576.0 / 15_000_000.0;
    let b = S3Bucket {
        existing: true,
        stored_gb: gb,
        average_object_size_kb: object_kb,
        replication: Some(Replication {
            storage_class: StorageClass::GlacierFlexibleRetrieval,
            replication_time_control: false,
        }),
        ..S3Bucket::default()
    };
    let mut p = plan_of(vec![bucket(b)], 1);
    p.recovery.archive_retrieval = RetrievalTier::Standard;
    let report = recovery::assess(&p);
    let cost = report.scenario(Scenario::RegionLoss).unwrap().component("b").unwrap();
    let lines = &cost.recovery_cost.as_ref().unwrap().lines;
    let usd = |id: &str| lines.iter().find(|l| l.price_id == id).map(|l| l.cost.display_usd());
    assert_eq!(
        usd("s3.retrieval_request.glacier_flexible_retrieval.standard").as_deref(),
        Some("$750.00")
    );
    assert_eq!(
        usd("s3.retrieval.glacier_flexible_retrieval.standard").as_deref(),
        Some("$1,024.00")
    );
    assert!(lines.iter().all(|l| &*l.region == "us-west-2"), "the replica is read where it is");
}

/// S3 user guide: Deep Archive standard retrieval completes "within 12 hours"; bulk
/// retrievals cost $0.0025 per GB and $0.025 per 1,000 requests (Price List API,
/// infracost's s3_bucket_test). A Deep Archive replica's failover waits for it and pays it.
#[test]
fn a_deep_archive_replica_pays_and_waits_for_its_retrieval_tier() {
    let b = S3Bucket {
        stored_gb: 100.0,
        average_object_size_kb: 4096.0,
        initial_storage_class: StorageClass::DeepArchive,
        replication: Some(Replication {
            storage_class: StorageClass::DeepArchive,
            replication_time_control: false,
        }),
        ..S3Bucket::default()
    };
    for (tier, wait_minutes, usd) in
        [(RetrievalTier::Standard, 720.0, "$4.69"), (RetrievalTier::Bulk, 2880.0, "$1.02")]
    {
        let mut p = plan_of(vec![bucket(b.clone())], 36);
        p.recovery.archive_retrieval = tier;
        let report = recovery::assess(&p);
        let s = report.scenario(Scenario::RegionLoss).unwrap();
        let o = s.component("b").unwrap();
        assert!(o.rto_minutes.unwrap().worst >= wait_minutes, "{tier:?}");
        assert_eq!(o.recovery_cost.as_ref().unwrap().total.display_usd(), usd, "{tier:?}");
    }
}
