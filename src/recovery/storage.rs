//! Recovery paths of an `s3_bucket`: versioning, multi-AZ storage, cross-region
//! replication with or without RTC, archive retrieval, and AWS Backup.
//!
//! A recovery brings data back to the state it was in before the incident. Undoing a
//! deletion in a versioned bucket happens in place (the previous version becomes
//! current again in the class it is in), so it needs no retrieval. Failing over to a
//! replica written in Glacier Flexible Retrieval or Deep Archive waits for the
//! retrieval of the bucket's current data (S3 user guide: archived objects "are not
//! available for real-time access" until restored) and copies it into a readable class.

use super::backup;
use super::charges;
use super::context::{text, Ctx, Found, Mechanism};
use super::facts;
use super::range::{Part, Range};
use super::sizes::BucketSizes;
use super::Scenario;
use crate::plan::{ComponentKind, S3Bucket};

pub fn paths(ctx: &Ctx, b: &S3Bucket, sizes: &BucketSizes, scenario: Scenario, found: &mut Found) {
    match scenario {
        Scenario::Deletion => {
            if b.versioning.enabled {
                ctx.push(
                    found,
                    scenario,
                    ("S3 versioning".into(), Mechanism::S3Versions),
                    Range::ZERO,
                    "every overwrite or delete keeps the previous version (the photography portfolio DR strategy: RPO immediate)".into(),
                    vec![ctx.detection(), ctx.step("undo in place by removing delete markers or bad versions", facts::S3_VERSION_UNDO)],
                );
            } else {
                found.note(
                    "versioning is off: a deleted or overwritten object is gone from the bucket",
                );
            }
        }
        Scenario::AzLoss => found.paths.push(super::context::Path {
            name: "S3 multi-AZ storage".into(),
            mechanism: Mechanism::Automatic,
            rpo: Range::ZERO,
            rpo_basis: facts::S3_MULTI_AZ_SOURCE.into(),
            rto_parts: vec![Part::new(
                text!(ctx, "nothing to restore ({})", facts::S3_MULTI_AZ_SOURCE),
                Range::ZERO,
            )],
            costs: Default::default(),
            measured_on: None,
        }),
        Scenario::RegionLoss => replica(ctx, b, sizes, found),
        Scenario::AccountCompromise => {
            found.note("versions and any replica live in the same account: the compromised credentials can delete them");
        }
    }
    super::account::bucket_replica(ctx, b, sizes, scenario, found);
    // Only simulate the bucket when a backup plan needs its size.
    if backup::protecting(ctx, &b.id).next().is_some() {
        let total = ctx.bucket_gb(sizes);
        backup::paths(ctx, &b.id, ComponentKind::S3Bucket, total, scenario, found, &|region| {
            charges::s3_backup_restore(ctx, total, region)
        });
    }
}

/// Failing over to the cross-region replica.
fn replica(ctx: &Ctx, b: &S3Bucket, sizes: &BucketSizes, found: &mut Found) {
    let Some(replication) = &b.replication else {
        found.note("no cross-region replication");
        return;
    };
    let Some(dr) = ctx.dr_region else {
        found.note("replication is set but the plan has no DR region to replicate to");
        return;
    };
    if !b.versioning.enabled {
        found.note("replication is set but versioning is off, which S3 replication requires");
        return;
    }
    let lag = if replication.replication_time_control {
        facts::S3_CRR_RTC_LAG
    } else {
        facts::S3_CRR_LAG
    };
    let rtc = if replication.replication_time_control { "with" } else { "without" };
    let mut parts = vec![ctx.detection()];
    let class = replication.storage_class;
    let current = if class.is_archive() { ctx.bucket_gb(sizes) } else { 0.0 };
    let mut costs = super::context::Costs::default();
    if current > 0.0 {
        // Objects in an archive class cannot be read until they are restored: serving
        // the bucket from its replica means retrieving its current data and copying
        // it into a readable class, whatever class the primary kept it in.
        if let Some(wait) = ctx.retrieval(class, b.average_object_size_kb) {
            parts.push(wait);
        }
        parts.push(ctx.transfer(current));
        costs = charges::archive_retrieval(ctx, class, current, b.average_object_size_kb, Some(dr));
    }
    ctx.push_costed(
        found,
        Scenario::RegionLoss,
        (
            text!(ctx, "replica in {dr} ({}, {rtc} RTC)", class.label()),
            Mechanism::S3Replica { region: dr.to_string() },
        ),
        lag.range(),
        text!(ctx, "replication lag ({})", lag.source),
        parts,
        costs,
    );
}
