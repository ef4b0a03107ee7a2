//! What performing each kind of restore costs, as [`Costs`] of a path: the charges
//! AWS bills once per restore and the restored resources billed by the hour.
//!
//! * DynamoDB: a restore from PITR or a backup is billed per GB restored (DynamoDB
//!   pricing: $0.15 per GB); AWS Backup restores of DynamoDB likewise.
//! * RDS and Aurora: restoring creates a new instance or cluster; there is no restore
//!   fee, but the restored instances are billed by the hour from the restore on.
//! * S3 archive classes: objects are restored per GB and per request at the chosen
//!   retrieval tier, then copied into a readable class (one PUT each).
//! * Undoing a deletion in a versioned bucket removes delete markers: DELETE requests
//!   are free (S3 pricing), so it costs nothing.

use super::context::{text, Costs, Ctx, Running};
use crate::cost::usage::fmt_qty;
use crate::plan::{AuroraCluster, DynamoDbTable, RdsInstance, RetrievalTier, StorageClass};
use crate::pricing::ids;

/// Kilobytes in a gigabyte (S3 bills binary gigabytes).
const KB_PER_GB: f64 = 1_048_576.0;

fn gb(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// Restoring a DynamoDB table of `size_gb`, billed under `price_id`.
pub fn dynamodb_restore(
    ctx: &Ctx,
    t: &DynamoDbTable,
    price_id: &str,
    region: Option<&str>,
) -> Costs {
    let size = gb(t.size_gb);
    Costs {
        charges: vec![ctx.charge(
            "table restore",
            price_id,
            size,
            region,
            text!(ctx, "{} GB restored into a new table (billed per GB restored)", fmt_qty(size)),
        )],
        running: None,
    }
}

/// Restoring an RDS instance: a new instance (two with Multi-AZ) billed by the hour.
pub fn rds_restore(r: &RdsInstance, region: Option<&str>) -> Costs {
    let instances = if r.multi_az { 2.0 } else { 1.0 };
    Costs {
        charges: Vec::new(),
        running: Some(Running {
            item: format!("restored {} {} instance(s)", r.engine.id(), r.instance_class),
            price_id: ids::rds_instance_hour(r.engine.id(), &r.instance_class),
            instances,
            region: region.map(str::to_string),
        }),
    }
}

/// Restoring an Aurora cluster: a new cluster with as many instances, by the hour.
pub fn aurora_restore(a: &AuroraCluster, region: Option<&str>) -> Costs {
    Costs {
        charges: Vec::new(),
        running: Some(Running {
            item: format!("restored {} {} instances", a.engine.id(), a.instance_class),
            price_id: ids::aurora_instance_hour(a.engine.id(), &a.instance_class),
            instances: a.instance_count.max(1) as f64,
            region: region.map(str::to_string),
        }),
    }
}

/// An AWS Backup restore of an S3 bucket, billed per GB restored.
pub fn s3_backup_restore(ctx: &Ctx, size_gb: f64, region: Option<&str>) -> Costs {
    let size = gb(size_gb);
    Costs {
        charges: vec![ctx.charge(
            "AWS Backup restore of S3 data",
            "backup.restore.s3",
            size,
            region,
            text!(ctx, "{} GB restored", fmt_qty(size)),
        )],
        running: None,
    }
}

/// The retrieval tier a restore from `class` uses: Deep Archive has no expedited
/// tier, and expedited retrieval takes only objects under 250 MB.
pub fn tier_for(ctx: &Ctx, class: StorageClass, object_kb: f64) -> RetrievalTier {
    match (class, ctx.tier) {
        (StorageClass::GlacierFlexibleRetrieval, RetrievalTier::Expedited)
            if object_kb < super::facts::GLACIER_EXPEDITED_MAX_OBJECT_KB =>
        {
            RetrievalTier::Expedited
        }
        (_, RetrievalTier::Bulk) => RetrievalTier::Bulk,
        _ => RetrievalTier::Standard,
    }
}

/// Restoring `size_gb` of objects of `object_kb` from an archive class and copying
/// them into S3 Standard so that they can be read.
pub fn archive_retrieval(
    ctx: &Ctx,
    class: StorageClass,
    size_gb: f64,
    object_kb: f64,
    region: Option<&str>,
) -> Costs {
    let size = gb(size_gb);
    let objects_k = size * KB_PER_GB / object_kb.max(0.001) / 1000.0;
    let tier = tier_for(ctx, class, object_kb).id();
    let label = class.label();
    Costs {
        charges: vec![
            ctx.charge(
                &text!(ctx, "retrieval from {label} ({tier})"),
                &format!("s3.retrieval.{}.{tier}", class.id()),
                size,
                region,
                text!(ctx, "{} GB restored at the {tier} tier", fmt_qty(size)),
            ),
            ctx.charge(
                &text!(ctx, "restore requests to {label} ({tier})"),
                &format!("s3.retrieval_request.{}.{tier}", class.id()),
                objects_k,
                region,
                text!(ctx, "{} thousand objects", fmt_qty(objects_k)),
            ),
            ctx.charge(
                "copies into S3 Standard",
                &ids::s3_put(StorageClass::Standard.id()),
                objects_k,
                region,
                text!(
                    ctx,
                    "{} thousand restored objects copied so that they stay readable",
                    fmt_qty(objects_k)
                ),
            ),
        ],
        running: None,
    }
}

/// Costs of a restore that reads a DynamoDB backup through AWS Backup.
pub fn dynamodb_backup_restore(ctx: &Ctx, size_gb: f64, region: Option<&str>) -> Costs {
    let size = gb(size_gb);
    Costs {
        charges: vec![ctx.charge(
            "AWS Backup restore of a DynamoDB table",
            "backup.restore.dynamodb",
            size,
            region,
            text!(ctx, "{} GB restored into a new table", fmt_qty(size)),
        )],
        running: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    #[test]
    fn archive_restores_charge_per_gb_and_per_request() {
        let plan = Plan::default();
        let ctx = Ctx::new(&plan, true, None);
        let costs =
            archive_retrieval(&ctx, StorageClass::DeepArchive, 100.0, 4096.0, Some("us-west-2"));
        let ids: Vec<&str> = costs.charges.iter().map(|c| c.price_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "s3.retrieval.deep_archive.standard",
                "s3.retrieval_request.deep_archive.standard",
                "s3.put.standard"
            ]
        );
        assert_eq!(costs.charges[1].quantity, 25.6);
    }
}
