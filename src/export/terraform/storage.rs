//! Terraform resources of S3 buckets: a bucket with its per-setting resources, and
//! the backup settings of an existing bucket (versioning, lifecycle, replication on a
//! bucket the configuration reads but does not manage).

use super::hcl::{boolean, num, raw, s, Block, Item, H};
use super::refs::{provider_item, Names};
use super::resources::{policy_document, resource, Out};
use crate::export::model::{
    Bucket, BucketEncryption, BucketSettings, Lifecycle, Replication, Resource,
};

/// A per-setting resource of the bucket `bucket` (a reference expression).
fn sub(ty: &str, l: &str, r: &Resource, bucket: &str) -> Block {
    let mut b = Block::new("resource", &[ty, l]);
    if let Some((k, v)) = provider_item(r) {
        b.push(Item::Attr(k, v));
    }
    b.attr("bucket", raw(bucket))
}

fn versioning(l: &str, r: &Resource, bucket: &str, on: bool) -> Block {
    let status = if on { "Enabled" } else { "Suspended" };
    sub("aws_s3_bucket_versioning", l, r, bucket)
        .block(Block::new("versioning_configuration", &[]).attr("status", s(status)))
}

/// The lifecycle rule; S3 takes noncurrent-version rules once versioning is on.
fn lifecycle(names: &Names, l: &str, r: &Resource, bucket: &str, lc: &Lifecycle) -> Block {
    let _ = names;
    let mut rule = Block::new("rule", &[])
        .attr("id", s("drplan-lifecycle"))
        .attr("status", s("Enabled"))
        .block(Block::new("filter", &[]));
    for (class, days) in &lc.transitions {
        rule = rule.block(
            Block::new("transition", &[])
                .attr("days", num(*days))
                .attr("storage_class", s(class.api())),
        );
    }
    if let Some(d) = lc.expiration_days {
        rule = rule.block(Block::new("expiration", &[]).attr("days", num(d)));
    }
    for (class, days) in &lc.noncurrent_transitions {
        rule = rule.block(
            Block::new("noncurrent_version_transition", &[])
                .attr("noncurrent_days", num(*days))
                .attr("storage_class", s(class.api())),
        );
    }
    if let Some(d) = &lc.noncurrent_expiration_days {
        rule = rule.block(
            Block::new("noncurrent_version_expiration", &[])
                .attr("noncurrent_days", names.number(d)),
        );
    }
    rule = rule.block(
        Block::new("abort_incomplete_multipart_upload", &[])
            .attr("days_after_initiation", num(lc.abort_incomplete_upload_days)),
    );
    let mut b = sub("aws_s3_bucket_lifecycle_configuration", l, r, bucket).block(rule);
    b.push(Item::Attr(
        "depends_on".into(),
        H::List(vec![raw(format!("aws_s3_bucket_versioning.{l}"))]),
    ));
    b
}

/// The replication rule to the DR replica; S3 needs versioning on at both ends first.
fn replication(names: &Names, l: &str, r: &Resource, bucket: &str, rep: &Replication) -> Block {
    let mut dest = Block::new("destination", &[])
        .attr("bucket", names.expr(&rep.destination_bucket_arn, r.stack))
        .attr("storage_class", s(rep.storage_class.api()));
    if let Some(k) = &rep.destination_key_arn {
        dest = dest.block(
            Block::new("encryption_configuration", &[])
                .attr("replica_kms_key_id", names.expr(k, r.stack)),
        );
    }
    if rep.time_control {
        dest = dest.block(
            Block::new("replication_time", &[])
                .attr("status", s("Enabled"))
                .block(Block::new("time", &[]).attr("minutes", num(15))),
        );
    }
    if rep.metrics || rep.time_control {
        dest = dest.block(
            Block::new("metrics", &[])
                .attr("status", s("Enabled"))
                .block(Block::new("event_threshold", &[]).attr("minutes", num(15))),
        );
    }
    let mut rule = Block::new("rule", &[])
        .attr("id", s(crate::export::model::REPLICATION_RULE_ID))
        .attr("status", s("Enabled"))
        .attr("priority", num(1))
        .block(Block::new("filter", &[]))
        .block(Block::new("delete_marker_replication", &[]).attr("status", s("Disabled")))
        .block(dest);
    if rep.destination_key_arn.is_some() {
        rule = rule.block(
            Block::new("source_selection_criteria", &[])
                .block(Block::new("sse_kms_encrypted_objects", &[]).attr("status", s("Enabled"))),
        );
    }
    let role = crate::export::model::attr(&rep.role, crate::export::model::Attr::Arn);
    let mut b = sub("aws_s3_bucket_replication_configuration", l, r, bucket)
        .attr("role", names.expr(&role, r.stack))
        .block(rule);
    let mut deps = vec![raw(format!("aws_s3_bucket_versioning.{l}"))];
    deps.extend(super::refs::destination_versioning(names, r));
    b.push(Item::Attr("depends_on".into(), H::List(deps)));
    b
}

/// The backup settings of an existing bucket: read with a data source (which checks
/// that it exists), never taken over.
pub fn bucket_settings(names: &Names, r: &Resource, b: &BucketSettings) -> Out {
    let l = names.label(&r.name);
    let bucket = format!("data.aws_s3_bucket.{l}.id");
    let mut out = vec![(
        "s3.tf",
        Block::new("data", &["aws_s3_bucket", &l])
            .attr("bucket", names.expr(&b.bucket_name, r.stack)),
    )];
    out.push(("s3.tf", versioning(&l, r, &bucket, b.versioned)));
    out.push(("s3.tf", lifecycle(names, &l, r, &bucket, &b.lifecycle)));
    if let Some(rep) = &b.replication {
        out.push(("s3.tf", replication(names, &l, r, &bucket, rep)));
    }
    out
}

pub fn bucket(names: &Names, r: &Resource, b: &Bucket) -> Out {
    let l = names.label(&r.name);
    let own = format!("aws_s3_bucket.{l}.id");
    let mut main = resource("aws_s3_bucket", &l, r);
    if let Some(n) = &b.physical_name {
        main = main.attr("bucket", names.expr(n, r.stack));
    }
    let mut out = vec![("s3.tf", main)];
    out.push(("s3.tf", versioning(&l, r, &own, b.versioned)));
    let by_default = match &b.encryption {
        BucketEncryption::S3Managed => Block::new("apply_server_side_encryption_by_default", &[])
            .attr("sse_algorithm", s("AES256")),
        BucketEncryption::Kms(k) => Block::new("apply_server_side_encryption_by_default", &[])
            .attr("sse_algorithm", s("aws:kms"))
            .attr("kms_master_key_id", names.expr(k, r.stack)),
    };
    let rule = Block::new("rule", &[])
        .block(by_default)
        .attr("bucket_key_enabled", boolean(matches!(b.encryption, BucketEncryption::Kms(_))));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_server_side_encryption_configuration", &l, r, &own).block(rule),
    ));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_public_access_block", &l, r, &own)
            .attr("block_public_acls", boolean(true))
            .attr("block_public_policy", boolean(true))
            .attr("ignore_public_acls", boolean(true))
            .attr("restrict_public_buckets", boolean(true)),
    ));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_ownership_controls", &l, r, &own)
            .block(Block::new("rule", &[]).attr("object_ownership", s("BucketOwnerEnforced"))),
    ));
    if let Some(log) = &b.access_logging {
        out.push((
            "s3.tf",
            sub("aws_s3_bucket_logging", &l, r, &own)
                .attr(
                    "target_bucket",
                    raw(format!("aws_s3_bucket.{}.id", names.label(&log.bucket))),
                )
                .attr("target_prefix", s(log.prefix.clone())),
        ));
    }
    out.push(("s3.tf", lifecycle(names, &l, r, &own, &b.lifecycle)));
    if let Some(rep) = &b.replication {
        out.push(("s3.tf", replication(names, &l, r, &own, rep)));
    }
    let doc = format!("{l}_policy");
    out.push(("s3.tf", policy_document(names, &doc, &b.policy(&r.name), r.stack, &[])));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_policy", &l, r, &own)
            .attr("policy", raw(format!("data.aws_iam_policy_document.{doc}.json"))),
    ));
    out
}
