//! Existing S3 buckets. By default (`manage_existing: backup_settings`) the export
//! adds backup settings only (versioning, lifecycle, replication) and leaves the
//! bucket's policy, public-access block, ownership, encryption and logging as they
//! are: a bucket served by CloudFront or as a website keeps working. With
//! `manage_existing: full` the bucket is imported by its static name and managed
//! like a new one; the README lists what that changes on it.

use serde_json::{json, Value};

use super::build::Ctx;
use super::expr::{attr, cross, lit, Attr, Expr, Num};
use super::kinds::{BucketSettings, Kind, Lifecycle, Replication};
use super::replication::{replicate, Source, SourceKey};
use super::{
    ExistingMode, ExistingResource, LiveSettings, ParamKind, Parameter, Resource, StackId,
};
use crate::plan::{Encryption, S3Bucket};

/// An attribute of the bucket a plan's `s3_bucket` became: the bucket resource, or
/// for an existing bucket adopted with its settings only, its name input (Terraform
/// reads the bucket with a data source). The name input counts as used by the
/// primary stack from here on.
pub(super) fn bucket_attr(ctx: &mut Ctx, resource: &str, a: Attr) -> Expr {
    let name = match ctx.resource(resource).map(|r| &r.kind) {
        Some(Kind::BucketSettings(s)) => s.bucket_name.clone(),
        _ => return attr(resource, a),
    };
    if let Expr::Param(key) = &name {
        ctx.use_param(StackId::Primary, key);
    }
    let by_name = match a {
        Attr::Name => name,
        _ => Expr::join(vec![lit("arn:"), super::expr::partition(), lit(":s3:::"), name]),
    };
    cross(resource, a, by_name)
}

/// The name an existing bucket has in the account.
pub(super) fn live_name(b: &S3Bucket) -> String {
    b.bucket_name.clone().unwrap_or_else(|| super::describe_id(&b.id))
}

/// What importing a bucket in full changes on it, for the README.
pub(super) fn full_changes(b: &S3Bucket) -> Vec<String> {
    let encryption = match b.encryption {
        Encryption::SseKms => "default encryption becomes SSE-KMS with this bundle's key (objects already stored keep the encryption they have; readers of new objects, a CloudFront distribution for example, need that key)",
        Encryption::SseS3 => "default encryption becomes SSE-S3 (objects already stored keep theirs)",
    };
    vec![
        "its bucket policy is replaced by this bundle's (requests without TLS denied, access logs delivered): statements it has now, such as a CloudFront origin access grant or public read for a website, are removed".into(),
        "public access is blocked (all four settings): a public website stops serving".into(),
        "object ownership becomes bucket owner enforced: ACLs are disabled".into(),
        encryption.into(),
        "server access logs go to this bundle's access-log bucket".into(),
        "versioning, lifecycle and replication are set as for any bucket of the plan".into(),
    ]
}

/// An S3 lifecycle rule as `PutBucketLifecycleConfiguration` takes it; a parameter
/// stands at its default.
fn lifecycle_json(l: &Lifecycle, params: &[Parameter]) -> String {
    let days = |n: &Num| match n {
        Num::Lit(v) => *v,
        Num::Param(k) => params
            .iter()
            .find(|p| &p.key == k)
            .and_then(|p| p.default.as_deref()?.parse().ok())
            .unwrap_or(1),
    };
    let mut rule = json!({"ID": "drplan-lifecycle", "Status": "Enabled", "Filter": {}});
    if !l.transitions.is_empty() {
        rule["Transitions"] = l
            .transitions
            .iter()
            .map(|(c, d)| json!({"Days": d, "StorageClass": c.api()}))
            .collect();
    }
    if let Some(d) = l.expiration_days {
        rule["Expiration"] = json!({"Days": d});
    }
    if !l.noncurrent_transitions.is_empty() {
        rule["NoncurrentVersionTransitions"] = l
            .noncurrent_transitions
            .iter()
            .map(|(c, d)| json!({"NoncurrentDays": d, "StorageClass": c.api()}))
            .collect();
    }
    if let Some(n) = &l.noncurrent_expiration_days {
        rule["NoncurrentVersionExpiration"] = json!({"NoncurrentDays": days(n)});
    }
    rule["AbortIncompleteMultipartUpload"] =
        json!({"DaysAfterInitiation": l.abort_incomplete_upload_days});
    json!({"Rules": [rule]}).to_string()
}

/// The replication rules as `PutBucketReplication` takes them, with placeholders for
/// what the stacks create (`${REPLICA_BUCKET}`, ...) and, for the rule into the
/// backup account, the names built from its id (`${BACKUP_ACCOUNT_ID}`).
fn replication_json(r: &Replication, short: &str) -> String {
    let rules: Vec<Value> = r.rules.iter().map(|rule| replication_rule_json(rule, short)).collect();
    let doc: Value = json!({"Role": "${ROLE_ARN}", "Rules": rules});
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn replication_rule_json(r: &super::kinds::ReplicationRule, short: &str) -> Value {
    let (bucket, key) = match r.account {
        Some(_) => (
            format!("arn:aws:s3:::${{PROJECT_NAME}}-{short}-${{BACKUP_ACCOUNT_ID}}"),
            "arn:aws:kms:${BACKUP_ACCOUNT_REGION}:${BACKUP_ACCOUNT_ID}:alias/${PROJECT_NAME}/backup-account".to_string(),
        ),
        None => ("arn:aws:s3:::${REPLICA_BUCKET}".to_string(), "${REPLICA_KEY_ARN}".to_string()),
    };
    let mut destination = json!({"Bucket": bucket, "StorageClass": r.storage_class.api()});
    if r.account.is_some() {
        destination["Account"] = json!("${BACKUP_ACCOUNT_ID}");
        destination["AccessControlTranslation"] = json!({"Owner": "Destination"});
    }
    if r.destination_key_arn.is_some() {
        destination["EncryptionConfiguration"] = json!({"ReplicaKmsKeyID": key});
    }
    if r.time_control {
        destination["ReplicationTime"] = json!({"Status": "Enabled", "Time": {"Minutes": 15}});
    }
    if r.metrics || r.time_control {
        destination["Metrics"] = json!({"Status": "Enabled", "EventThreshold": {"Minutes": 15}});
    }
    let mut rule = json!({
        "ID": r.id,
        "Status": "Enabled",
        "Priority": r.priority,
        "Filter": {},
        "DeleteMarkerReplication": {"Status": "Disabled"},
        "Destination": destination,
    });
    if r.destination_key_arn.is_some() {
        rule["SourceSelectionCriteria"] = json!({"SseKmsEncryptedObjects": {"Status": "Enabled"}});
    }
    rule
}

/// The backup settings of an existing bucket; returns the settings resource, which
/// stands for the bucket in references (its ARN and name come from its name input).
pub(super) fn adopt_settings(ctx: &mut Ctx, b: &S3Bucket, lifecycle: Lifecycle) -> String {
    let short = ctx.short(&b.id);
    let key = ctx.component_param_key(&b.id, "bucket_name");
    ctx.define_param(super::build::param(
        &key,
        ParamKind::Identifier,
        Some(live_name(b)),
        &format!("Name of the existing S3 bucket of component {}", super::describe_id(&b.id)),
    ));
    // CloudFormation and CDK apply these settings with commands: the stacks declare
    // the name input only where a resource of theirs uses it (see `bucket_attr`).
    let bucket_name = Expr::Param(key.clone());
    let name = ctx.unique(&format!("{short}-bucket-settings"));
    let by_name_arn =
        Expr::join(vec![lit("arn:"), super::expr::partition(), lit(":s3:::"), bucket_name.clone()]);
    let dr = match (&b.replication, ctx.dr_region.is_some()) {
        (Some(r), true) if b.versioning.enabled => {
            Some((r.storage_class, r.replication_time_control))
        }
        _ => None,
    };
    let to_account = b.backup_account_replica.is_some() && ctx.plan.backup_account.is_some();
    let replication = if b.versioning.enabled && (dr.is_some() || to_account) {
        ctx.use_param(StackId::Primary, &key);
        let key = match b.encryption {
            Encryption::SseKms => SourceKey::Unknown,
            Encryption::SseS3 => SourceKey::None,
        };
        let source = Source { arn: cross(&name, Attr::Arn, by_name_arn.clone()), key };
        replicate(ctx, b, &source, &lifecycle, dr)
    } else {
        None
    };
    let mut outputs = Vec::new();
    if let Some(rep) = &replication {
        outputs.push(("ROLE_ARN".to_string(), StackId::Primary, format!("{}-arn", rep.role)));
        if let Some(replica) = ctx.lookup(&b.id, "replica") {
            outputs.push((
                "REPLICA_BUCKET".into(),
                StackId::Dr,
                format!("{short}-replica-bucket-name"),
            ));
            let _ = replica;
        }
        if rep.rules.iter().any(|r| r.account.is_none() && r.destination_key_arn.is_some()) {
            if let Some(k) = ctx.dr_key_name() {
                outputs.push(("REPLICA_KEY_ARN".into(), StackId::Dr, format!("{k}-arn")));
            }
        }
        ctx.output(
            &format!("{}-arn", rep.role),
            StackId::Primary,
            attr(&rep.role, Attr::Arn),
            format!("ARN of the role S3 replicates component {} with", super::describe_id(&b.id)),
        );
    }
    let settings = LiveSettings {
        settings: name.clone(),
        lifecycle_json: lifecycle_json(&lifecycle, &ctx.params_so_far()),
        replication_json: replication.as_ref().map(|r| replication_json(r, &short)),
        outputs,
    };
    let mut after: Vec<String> = ctx.lookup(&b.id, "replica").into_iter().collect();
    after.extend(ctx.lookup(&b.id, "account_replica"));
    let dr_key = replication.as_ref().is_some_and(|r| {
        r.rules.iter().any(|r| r.account.is_none() && r.destination_key_arn.is_some())
    });
    after.extend(ctx.dr_key_name().filter(|_| dr_key));
    let spec =
        BucketSettings { bucket_name, versioned: b.versioning.enabled, lifecycle, replication };
    let mut resource =
        Resource::new(&name, StackId::Primary, Some(&b.id), Kind::BucketSettings(spec))
            .after(after);
    // Destroying the settings would suspend versioning on the live bucket.
    resource.deletion = super::Deletion::Retain;
    ctx.push(resource);
    ctx.remember(&b.id, "bucket", &name);
    ctx.notes.existing.push(ExistingResource {
        component: b.id.clone(),
        label: "S3 bucket",
        param: Some(key),
        cfn_type: "AWS::S3::Bucket",
        mode: ExistingMode::Settings(settings),
        resource: Some(name.clone()),
    });
    name
}
