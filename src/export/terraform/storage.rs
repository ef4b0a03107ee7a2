//! Terraform resources of S3 buckets: a bucket with its per-setting resources, and
//! the backup settings of an existing bucket (versioning, lifecycle, replication on a
//! bucket the configuration reads but does not manage).

use super::hcl::{boolean, num, raw, s, Block, Item, H};
use super::refs::{provider_item, Names};
use super::resources::{policy_document, resource, Out};
use crate::export::model::{
    Bucket, BucketEncryption, BucketSettings, Lifecycle, LifecycleInputs, Replication, Resource,
    S3Class,
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

/// The storage classes in the order S3 moves objects through them.
const CLASS_ORDER: [S3Class; 5] = [
    S3Class::Standard,
    S3Class::StandardIa,
    S3Class::GlacierIr,
    S3Class::Glacier,
    S3Class::DeepArchive,
];

/// The locals that turn a bucket's storage-class and lifecycle inputs into its
/// transitions: into the storage class on the first day S3 allows (30 for
/// STANDARD_IA, 0 for the Glacier classes), then to each colder class the rules
/// give a day for; steps to a class no colder than the storage class are left out.
fn transition_locals(names: &Names, l: &str, i: &LifecycleInputs) -> Block {
    let class = names.param(&i.storage_class);
    let rules = names.param(&i.rules);
    let order = H::List(CLASS_ORDER.iter().map(|c| s(c.api())).collect());
    let step = |class: H, days: String| {
        H::Object(vec![("storage_class".into(), class), ("days".into(), raw(days))])
    };
    let steps = H::List(vec![
        step(
            raw(class.clone()),
            format!("{class} == \"STANDARD\" ? null : ({class} == \"STANDARD_IA\" ? 30 : 0)"),
        ),
        step(s("STANDARD_IA"), format!("{rules}.transition_to_ia_days")),
        step(s(i.glacier.api()), format!("{rules}.transition_to_glacier_days")),
        step(s("DEEP_ARCHIVE"), format!("{rules}.transition_to_deep_archive_days")),
    ]);
    let mut b = Block::new("locals", &[]);
    b.push(Item::Comment(format!(
        "Transitions of bucket {l}: into the storage class on the first day S3 allows (30 for STANDARD_IA, 0 for Glacier classes), then to each colder class the lifecycle rules give a day for"
    )));
    b.attr(&format!("{l}_class_order"), order).attr(&format!("{l}_steps"), steps).attr(
        &format!("{l}_transitions"),
        raw(format!("[for i, t in local.{l}_steps : t if t.days != null && (i == 0 || index(local.{l}_class_order, t.storage_class) > index(local.{l}_class_order, {class}))]")),
    )
}

/// What S3 requires of the transitions and expiration the inputs give, as a
/// precondition of the lifecycle configuration.
fn transition_check(names: &Names, l: &str, i: &LifecycleInputs) -> Block {
    let rules = names.param(&i.rules);
    let t = format!("local.{l}_transitions");
    let ordered = format!("alltrue([for i, step in {t} : i == 0 ? true : step.days > {t}[i - 1].days && ({t}[i - 1].storage_class == \"STANDARD_IA\" ? step.days >= {t}[i - 1].days + 30 : true)])");
    let expiry = format!("{rules}.expiration_days == null ? true : alltrue([for step in {t} : {rules}.expiration_days > step.days])");
    Block::new("precondition", &[])
        .attr("condition", raw(format!("{ordered} && ({expiry})")))
        .attr("error_message", s(format!(
            "S3 refuses this lifecycle rule: with {} and {}, each transition must come after the one before it, objects stay 30 days in STANDARD_IA before moving on, and expiration_days must come after the last transition.",
            names.model.input_name(&i.storage_class),
            names.model.input_name(&i.rules)
        )))
}

/// The lifecycle rule; S3 takes noncurrent-version rules once versioning is on.
fn lifecycle(names: &Names, l: &str, r: &Resource, bucket: &str, lc: &Lifecycle) -> Block {
    let mut rule = Block::new("rule", &[])
        .attr("id", s("drplan-lifecycle"))
        .attr("status", s("Enabled"))
        .block(Block::new("filter", &[]));
    match &lc.inputs {
        None => {
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
        }
        Some(i) => {
            let rules = names.param(&i.rules);
            rule = rule
                .block(
                    Block::new("dynamic", &["transition"])
                        .attr("for_each", raw(format!("local.{l}_transitions")))
                        .block(
                            Block::new("content", &[])
                                .attr("days", raw("transition.value.days"))
                                .attr("storage_class", raw("transition.value.storage_class")),
                        ),
                )
                .block(
                    Block::new("dynamic", &["expiration"])
                        .attr(
                            "for_each",
                            raw(format!(
                                "{rules}.expiration_days == null ? [] : [{rules}.expiration_days]"
                            )),
                        )
                        .block(Block::new("content", &[]).attr("days", raw("expiration.value"))),
                );
        }
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
    if let Some(i) = &lc.inputs {
        b = b.block(Block::new("lifecycle", &[]).block(transition_check(names, l, i)));
    }
    b
}

/// The replication rules (to the DR replica, to the backup account's); S3 needs
/// versioning on at both ends first.
fn replication(names: &Names, l: &str, r: &Resource, bucket: &str, rep: &Replication) -> Block {
    let role = crate::export::model::attr(&rep.role, crate::export::model::Attr::Arn);
    let mut b = sub("aws_s3_bucket_replication_configuration", l, r, bucket)
        .attr("role", names.expr(&role, r.stack));
    for rule in &rep.rules {
        b = b.block(replication_rule(names, r, rule));
    }
    let mut deps = vec![raw(format!("aws_s3_bucket_versioning.{l}"))];
    deps.extend(super::refs::destination_versioning(names, r));
    b.push(Item::Attr("depends_on".into(), H::List(deps)));
    b
}

fn replication_rule(
    names: &Names,
    r: &Resource,
    rep: &crate::export::model::ReplicationRule,
) -> Block {
    let mut dest = Block::new("destination", &[])
        .attr("bucket", names.expr(&rep.destination_bucket_arn, r.stack))
        .attr("storage_class", s(rep.storage_class.api()));
    if let Some(a) = &rep.account {
        // Another account's bucket: the replicas belong to it (the owner override).
        dest = dest
            .attr("account", names.expr(a, r.stack))
            .block(Block::new("access_control_translation", &[]).attr("owner", s("Destination")));
    }
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
        .attr("id", s(rep.id))
        .attr("status", s("Enabled"))
        .attr("priority", num(rep.priority))
        .block(Block::new("filter", &[]))
        .block(Block::new("delete_marker_replication", &[]).attr("status", s("Disabled")))
        .block(dest);
    if rep.destination_key_arn.is_some() {
        rule = rule.block(
            Block::new("source_selection_criteria", &[])
                .block(Block::new("sse_kms_encrypted_objects", &[]).attr("status", s("Enabled"))),
        );
    }
    rule
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
    if let Some(i) = &b.lifecycle.inputs {
        out.push(("s3.tf", transition_locals(names, &l, i)));
    }
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
    if let Some(i) = &b.lifecycle.inputs {
        out.push(("s3.tf", transition_locals(names, &l, i)));
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
