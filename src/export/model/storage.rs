//! S3 buckets: the plan's buckets with versioning, encryption and lifecycle, their
//! cross-region replicas (role, replica bucket and key in the DR region), and the
//! server-access-log buckets every bucket logs to.

use super::build::Ctx;
use super::expr::{account, arn, attr, lit, Attr, Expr, Num, Statement};
use super::kinds::{
    AccessLogging, Bucket, BucketEncryption, Kind, Lifecycle, Replication, Role, S3Class,
};
use super::{ExistingMode, ExistingResource, ParamKind, Resource, Skip, StackId, Tool};
use crate::plan::{AlarmMetric, Component, Encryption, GlacierClass, S3Bucket, StorageClass};

/// Days before incomplete multipart uploads are aborted (their parts cost storage).
const ABORT_UPLOAD_DAYS: u32 = 7;
/// Days server access logs are kept.
const ACCESS_LOG_DAYS: u32 = 90;

pub(super) fn class_of(class: StorageClass) -> S3Class {
    match class {
        StorageClass::Standard => S3Class::Standard,
        StorageClass::StandardIa => S3Class::StandardIa,
        StorageClass::GlacierInstantRetrieval => S3Class::GlacierIr,
        StorageClass::GlacierFlexibleRetrieval => S3Class::Glacier,
        StorageClass::DeepArchive => S3Class::DeepArchive,
    }
}

fn skip(tool: Tool, rule: &str, reason: &str) -> Skip {
    Skip { tool, rule: rule.into(), reason: reason.into() }
}

/// The server-access-log bucket of a stack. S3 delivers access logs only to SSE-S3
/// buckets, so this one bucket is not KMS-encrypted; it does not log to itself.
pub(super) fn access_log_bucket(name: &str, stack: StackId) -> Resource {
    let bucket = Bucket {
        physical_name: None,
        encryption: BucketEncryption::S3Managed,
        versioned: true,
        lifecycle: Lifecycle {
            transitions: Vec::new(),
            expiration_days: Some(ACCESS_LOG_DAYS),
            noncurrent_transitions: Vec::new(),
            noncurrent_expiration_days: Some(Num::Lit(1)),
            abort_incomplete_upload_days: ABORT_UPLOAD_DAYS,
        },
        access_logging: None,
        replication: None,
        log_sources: Vec::new(),
        purpose: "server access logs of the other buckets in this region".into(),
    };
    let why_no_logging = "this is the access-log bucket: logging it to itself would log its own log deliveries forever";
    Resource::new(name, stack, None, Kind::Bucket(bucket)).with_skips(vec![
        skip(Tool::Checkov, "CKV_AWS_18", why_no_logging),
        skip(Tool::CdkNag, "AwsSolutions-S1", why_no_logging),
        skip(
            Tool::Checkov,
            "CKV_AWS_145",
            "S3 delivers server access logs only to buckets encrypted with SSE-S3, not SSE-KMS",
        ),
        skip(
            Tool::Checkov,
            "CKV_AWS_144",
            "access logs are operational data kept 90 days; they need no copy in another region",
        ),
        skip(Tool::CheckovTf, "CKV2_AWS_62", "nothing consumes events of the access-log bucket"),
    ])
}

/// Whether some alarm of the plan watches this bucket's replication metrics.
fn replication_alarmed(ctx: &Ctx, id: &str) -> bool {
    ctx.plan.components.iter().any(|c| match c {
        Component::Monitoring(m) => m.alarms.iter().any(|a| {
            matches!(
                a.metric,
                AlarmMetric::ReplicationLatencySeconds | AlarmMetric::ReplicationFailures
            ) && a.component.as_deref() == Some(id)
        }),
        _ => false,
    })
}

/// The lifecycle rule of a plan bucket. Objects written in Glacier or Deep Archive
/// get a day-0 transition (S3 allows it for those classes); Standard-IA and Glacier
/// IR cannot be entered on day 0 by lifecycle, so writers set the class (README).
pub(super) fn lifecycle_of(b: &S3Bucket, noncurrent_expiration: Option<Num>) -> Lifecycle {
    let l = &b.lifecycle;
    let mut transitions = Vec::new();
    if matches!(
        b.initial_storage_class,
        StorageClass::GlacierFlexibleRetrieval | StorageClass::DeepArchive
    ) {
        transitions.push((class_of(b.initial_storage_class), 0));
    }
    let glacier = match l.glacier_class {
        GlacierClass::InstantRetrieval => S3Class::GlacierIr,
        GlacierClass::FlexibleRetrieval => S3Class::Glacier,
    };
    for (class, days) in [
        (S3Class::StandardIa, l.standard_ia_days),
        (glacier, l.glacier_days),
        (S3Class::DeepArchive, l.deep_archive_days),
    ] {
        if let Some(d) = days {
            transitions.push((class, d));
        }
    }
    let mut noncurrent_transitions = Vec::new();
    if b.versioning.enabled {
        if let Some(d) = b.versioning.noncurrent_standard_ia_days {
            noncurrent_transitions.push((S3Class::StandardIa, d));
        }
        if let Some(d) = b.versioning.noncurrent_glacier_days {
            noncurrent_transitions.push((S3Class::Glacier, d));
        }
    }
    Lifecycle {
        transitions,
        expiration_days: l.expiration_days,
        noncurrent_transitions,
        noncurrent_expiration_days: if b.versioning.enabled { noncurrent_expiration } else { None },
        abort_incomplete_upload_days: ABORT_UPLOAD_DAYS,
    }
}

/// The replica keeps the source's expirations (so the DR copy does not outgrow the
/// source) and only the transitions to classes colder than the replica class.
fn replica_lifecycle(source: &Lifecycle, replica_class: S3Class) -> Lifecycle {
    Lifecycle {
        transitions: source
            .transitions
            .iter()
            .filter(|(c, d)| *c > replica_class && *d > 0)
            .cloned()
            .collect(),
        expiration_days: source.expiration_days,
        noncurrent_transitions: source
            .noncurrent_transitions
            .iter()
            .filter(|(c, _)| *c > replica_class)
            .cloned()
            .collect(),
        noncurrent_expiration_days: source.noncurrent_expiration_days.clone(),
        abort_incomplete_upload_days: ABORT_UPLOAD_DAYS,
    }
}

/// The model resources of one `s3_bucket` component; returns the bucket's name.
pub(super) fn bucket(
    ctx: &mut Ctx,
    b: &S3Bucket,
    data_index: usize,
    noncurrent_expiration: Option<Num>,
) -> String {
    let short = ctx.short(&b.id);
    let name = ctx.unique(&format!("{short}-bucket"));
    let stack = StackId::Primary;
    let mut skips = Vec::new();

    let physical_name = if b.existing {
        let key = ctx.component_param_key(&b.id, "bucket_name");
        ctx.define_param(super::Parameter {
            key: key.clone(),
            kind: ParamKind::Identifier,
            default: Some(super::describe_id(&b.id)),
            description: format!(
                "Name of the existing S3 bucket of component {}",
                super::describe_id(&b.id)
            ),
            min: None,
            max: None,
            stacks: Vec::new(),
        });
        ctx.notes.existing.push(ExistingResource {
            component: b.id.clone(),
            label: "S3 bucket",
            param: key.clone(),
            cfn_type: "AWS::S3::Bucket",
            mode: ExistingMode::Import,
            resource: Some(name.clone()),
        });
        Some(ctx.use_param(stack, &key))
    } else {
        None
    };

    let encryption = match b.encryption {
        Encryption::SseKms => {
            let key = ctx.data_key(data_index);
            BucketEncryption::Kms(attr(&key, Attr::Arn))
        }
        Encryption::SseS3 => {
            skips.push(skip(
                Tool::Checkov,
                "CKV_AWS_145",
                "the plan encrypts this bucket with S3-managed keys (encryption: sse_s3)",
            ));
            BucketEncryption::S3Managed
        }
    };
    if !b.versioning.enabled {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_21",
            "the plan turns versioning off for this bucket (versioning.enabled: false)",
        ));
    }

    let log_bucket = ctx.access_log_bucket(stack);
    let prefix = format!("{short}/");
    ctx.add_log_source(&log_bucket, &name, &prefix);
    let lifecycle = lifecycle_of(b, noncurrent_expiration);
    if matches!(
        b.initial_storage_class,
        StorageClass::StandardIa | StorageClass::GlacierInstantRetrieval
    ) {
        // Lifecycle rules cannot move objects into these classes on day 0: the writer sets the class.
        ctx.notes.after_deploy.push(format!(
            "The plan writes the objects of bucket {} in {}: upload them with that storage class (for example aws s3 cp --storage-class {}); lifecycle rules cannot move objects there on their first day.",
            super::describe_id(&b.id),
            b.initial_storage_class.label(),
            class_of(b.initial_storage_class).api()
        ));
    }

    let replication = match (&b.replication, ctx.dr_region.is_some()) {
        (Some(r), true) if b.versioning.enabled => Some(replicate(
            ctx,
            b,
            &name,
            &encryption,
            &lifecycle,
            r.storage_class,
            r.replication_time_control,
        )),
        _ => {
            skips.push(skip(
                Tool::Checkov,
                "CKV_AWS_144",
                "the plan does not replicate this bucket to another region",
            ));
            None
        }
    };
    skips.push(skip(
        Tool::CheckovTf,
        "CKV2_AWS_62",
        "the plan defines no consumer of S3 event notifications for this bucket",
    ));

    let purpose = if b.existing {
        "an existing bucket, imported with its backup settings".to_string()
    } else {
        "data of the plan".to_string()
    };
    let bucket = Bucket {
        physical_name,
        encryption,
        versioned: b.versioning.enabled,
        lifecycle,
        access_logging: Some(AccessLogging { bucket: log_bucket, prefix }),
        replication,
        log_sources: Vec::new(),
        purpose,
    };
    let mut after: Vec<String> = ctx.lookup(&b.id, "replica").into_iter().collect();
    if bucket.replication.as_ref().is_some_and(|r| r.destination_key_arn.is_some()) {
        after.extend(ctx.dr_key_name());
    }
    let mut resource = Resource::new(&name, stack, Some(&b.id), Kind::Bucket(bucket))
        .with_skips(skips)
        .after(after);
    resource.imported = b.existing;
    ctx.push(resource);
    ctx.remember(&b.id, "bucket", &name);
    ctx.output(
        &format!("{short}-bucket-name"),
        stack,
        attr(&name, Attr::Name),
        format!("Name of the S3 bucket of component {}", super::describe_id(&b.id)),
    );
    ctx.output(
        &format!("{short}-bucket-arn"),
        stack,
        attr(&name, Attr::Arn),
        format!("ARN of the S3 bucket of component {}", super::describe_id(&b.id)),
    );
    name
}

/// The replica bucket (DR stack) and the replication role (primary stack).
fn replicate(
    ctx: &mut Ctx,
    b: &S3Bucket,
    source: &str,
    encryption: &BucketEncryption,
    lifecycle: &Lifecycle,
    class: StorageClass,
    rtc: bool,
) -> Replication {
    let short = ctx.short(&b.id);
    let kms = b.encryption == Encryption::SseKms;

    // The replica's name is fixed so that the primary stack can name it without a
    // cross-region reference: <project>-<component>-<account id>.
    let replica_name_in = |ctx: &mut Ctx, stack: StackId| {
        let project = ctx.use_param(stack, "project_name");
        Expr::join(vec![project, lit(format!("-{short}-")), account()])
    };
    let replica = ctx.unique(&format!("{short}-replica"));
    let replica_encryption = if kms {
        BucketEncryption::Kms(ctx.dr_key_arn(StackId::Dr))
    } else {
        BucketEncryption::S3Managed
    };
    let dr_logs = ctx.access_log_bucket(StackId::Dr);
    let prefix = format!("{short}-replica/");
    ctx.add_log_source(&dr_logs, &replica, &prefix);
    let mut replica_skips = vec![
        skip(
            Tool::Checkov,
            "CKV_AWS_144",
            "this bucket is itself the cross-region replica of a primary bucket",
        ),
        skip(
            Tool::CheckovTf,
            "CKV2_AWS_62",
            "the replica is read only in a disaster; nothing consumes its events",
        ),
    ];
    if !kms {
        replica_skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_145",
            "the replica follows its source bucket, which the plan encrypts with S3-managed keys",
        ));
    }
    let physical = replica_name_in(ctx, StackId::Dr);
    let replica_life = replica_lifecycle(lifecycle, class_of(class));
    if let Some(Num::Param(key)) = &replica_life.noncurrent_expiration_days {
        ctx.use_param(StackId::Dr, key);
    }
    ctx.remember(&b.id, "replica", &replica);
    ctx.push(
        Resource::new(
            &replica,
            StackId::Dr,
            Some(&b.id),
            Kind::Bucket(Bucket {
                physical_name: Some(physical),
                encryption: replica_encryption,
                versioned: true,
                lifecycle: replica_life,
                access_logging: Some(AccessLogging { bucket: dr_logs, prefix }),
                replication: None,
                log_sources: Vec::new(),
                purpose: format!("cross-region replica of component {}", super::describe_id(&b.id)),
            }),
        )
        .with_skips(replica_skips),
    );
    ctx.output(
        &format!("{short}-replica-bucket-name"),
        StackId::Dr,
        attr(&replica, Attr::Name),
        format!("Name of the replica bucket of component {}", super::describe_id(&b.id)),
    );

    // The role S3 assumes to replicate, in the primary stack.
    let replica_name = replica_name_in(ctx, StackId::Primary);
    let destination_arn =
        Expr::join(vec![lit("arn:"), super::expr::partition(), lit(":s3:::"), replica_name]);
    let source_arn = attr(source, Attr::Arn);
    let objects = |a: &Expr| Expr::join(vec![a.clone(), lit("/*")]);
    let mut statements = vec![
        Statement::allow(
            "ReadReplicationConfiguration",
            &["s3:GetReplicationConfiguration", "s3:ListBucket"],
            vec![source_arn.clone()],
        ),
        Statement::allow(
            "ReadSourceVersions",
            &[
                "s3:GetObjectVersionForReplication",
                "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging",
            ],
            vec![objects(&source_arn)],
        ),
        Statement::allow(
            "WriteReplicas",
            &["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
            vec![objects(&destination_arn)],
        ),
    ];
    let destination_key_arn = if kms {
        if let BucketEncryption::Kms(key) = encryption {
            statements.push(Statement::allow(
                "DecryptSourceObjects",
                &["kms:Decrypt"],
                vec![key.clone()],
            ));
        }
        let dr_region = ctx.dr_region_expr(StackId::Primary);
        let project = ctx.use_param(StackId::Primary, "project_name");
        let alias_name = Expr::join(vec![lit("alias/"), project, lit("/dr")]);
        let keys_in_dr = arn("kms", dr_region, account(), vec![lit("key/*")]);
        let mut s = Statement::allow(
            "EncryptReplicas",
            &["kms:Encrypt", "kms:GenerateDataKey"],
            vec![keys_in_dr],
        )
        .with_condition(
            "ForAnyValue:StringEquals",
            "kms:ResourceAliases",
            vec![alias_name],
        );
        s.nag_reason = Some("the DR key is in another region and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the DR alias".into());
        statements.push(s);
        Some(ctx.dr_key_arn(StackId::Primary))
    } else {
        None
    };
    for s in statements.iter_mut() {
        if s.nag_reason.is_none()
            && s.resources.iter().any(|r| matches!(r, Expr::Join(p) if p.last().and_then(Expr::as_lit).is_some_and(|t| t.ends_with("/*"))))
        {
            s.nag_reason = Some("replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects".into());
        }
    }
    let role = ctx.unique(&format!("{short}-replication-role"));
    ctx.push(Resource::new(
        &role,
        StackId::Primary,
        Some(&b.id),
        Kind::Role(Role {
            service: "s3.amazonaws.com".into(),
            description: format!(
                "S3 replication of component {} to the DR region",
                super::describe_id(&b.id)
            ),
            statements,
            managed_policies: Vec::new(),
            // The bucket's replication rule names the role, and the policy names the
            // bucket: a separate policy resource breaks that cycle.
            separate_policy: true,
        }),
    ));
    Replication {
        role,
        destination_bucket_arn: destination_arn,
        destination_key_arn,
        storage_class: class_of(class),
        time_control: rtc,
        metrics: rtc || replication_alarmed(ctx, &b.id),
    }
}
