//! S3 buckets: the plan's buckets with versioning, encryption and lifecycle, their
//! cross-region replicas (role, replica bucket and key in the DR region), and the
//! server-access-log buckets every bucket logs to.

use super::build::Ctx;
use super::expr::{attr, lit, Attr, Num};
use super::kinds::{AccessLogging, Bucket, BucketEncryption, Kind, Lifecycle, S3Class};
use super::replication::{replicate, Source, SourceKey};
use super::{ExistingMode, ExistingResource, Resource, Skip, StackId, Tool};
use crate::plan::{
    AlarmMetric, Component, Encryption, ExistingManagement, GlacierClass, S3Bucket, StorageClass,
};

/// Days before incomplete multipart uploads are aborted (their parts cost storage).
pub(super) const ABORT_UPLOAD_DAYS: u32 = 7;
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

pub(super) fn skip(tool: Tool, rule: &str, reason: &str) -> Skip {
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
            inputs: None,
        },
        access_logging: None,
        replication: None,
        log_sources: Vec::new(),
        grants: Vec::new(),
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
pub(super) fn replication_alarmed(ctx: &Ctx, id: &str) -> bool {
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
        inputs: None,
    }
}

/// The model resources of one `s3_bucket` component; returns the bucket's name.
pub(super) fn bucket(
    ctx: &mut Ctx,
    b: &S3Bucket,
    data_index: usize,
    noncurrent_expiration: Option<Num>,
) -> Result<String, crate::export::ExportError> {
    if b.existing && b.manage_existing == ExistingManagement::BackupSettings {
        return Ok(super::existing::adopt_settings(ctx, b, lifecycle_of(b, noncurrent_expiration)));
    }
    let short = ctx.short(&b.id);
    let name = ctx.unique(&format!("{short}-bucket"));
    let stack = StackId::Primary;
    let mut skips = Vec::new();

    // An existing bucket managed in full is imported by its static name: AWS imports
    // only resources whose name the template states.
    let physical_name = if b.existing {
        let live = super::existing::live_name(b);
        ctx.define_param(super::build::param(
            super::build::ADOPTION_STEP,
            super::ParamKind::AdoptionStep,
            Some("manage".into()),
            "CDK only: import for step one of adopting existing buckets (their names only), manage afterwards (see README)",
        ));
        ctx.notes.existing.push(ExistingResource {
            component: b.id.clone(),
            label: "S3 bucket",
            param: None,
            cfn_type: "AWS::S3::Bucket",
            mode: ExistingMode::Import {
                name: live.clone(),
                changes: super::existing::full_changes(b),
            },
            resource: Some(name.clone()),
        });
        Some(lit(live))
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
    let mut lifecycle = lifecycle_of(b, noncurrent_expiration);
    let physical_name = match ctx.bucket_options(b, &mut lifecycle)? {
        Some(n) if !b.existing => Some(n),
        _ => physical_name,
    };
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

    let dr = match (&b.replication, ctx.dr_region.is_some()) {
        (Some(r), true) if b.versioning.enabled => {
            Some((r.storage_class, r.replication_time_control))
        }
        _ => None,
    };
    let source_key = match &encryption {
        BucketEncryption::Kms(k) => SourceKey::Known(k.clone()),
        BucketEncryption::S3Managed => SourceKey::None,
    };
    let source = Source { arn: attr(&name, Attr::Arn), key: source_key };
    let replicated =
        if b.versioning.enabled { replicate(ctx, b, &source, &lifecycle, dr) } else { None };
    let replication = match replicated {
        Some(r) => Some(r),
        None => {
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
        grants: Vec::new(),
        purpose,
    };
    let mut after: Vec<String> = ctx.lookup(&b.id, "replica").into_iter().collect();
    after.extend(ctx.lookup(&b.id, "account_replica"));
    let dr_key = bucket.replication.as_ref().is_some_and(|r| {
        r.rules.iter().any(|r| r.account.is_none() && r.destination_key_arn.is_some())
    });
    if dr_key {
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
    Ok(name)
}
