//! Replication of a bucket: the replica bucket (DR stack), the role S3 assumes to
//! replicate (primary stack) and its rules (the one into the backup account is in
//! `account.rs`).

use super::build::Ctx;
use super::expr::{account, attr, lit, Attr, Expr, Num, Statement};
use super::kinds::{
    AccessLogging, Bucket, BucketEncryption, Kind, Lifecycle, Replication, ReplicationRule, Role,
    S3Class,
};
use super::storage::{class_of, replication_alarmed, skip, ABORT_UPLOAD_DAYS};
use super::{Resource, StackId, Tool};
use crate::plan::{Encryption, S3Bucket, StorageClass};

/// The key a replicated bucket's objects are encrypted with.
pub(super) enum SourceKey {
    /// SSE-S3: nothing to decrypt for S3.
    None,
    Known(Expr),
    /// An existing bucket whose key the plan does not know.
    Unknown,
}

/// The bucket being replicated, as its replication role sees it.
pub(super) struct Source {
    pub arn: Expr,
    pub key: SourceKey,
}

/// The replica keeps the source's expirations (so the DR copy does not outgrow the
/// source) and only the transitions to classes colder than the replica class.
pub(super) fn replica_lifecycle(source: &Lifecycle, replica_class: S3Class) -> Lifecycle {
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
        inputs: None,
    }
}

/// The replication role (primary stack) and its rules: to the DR replica (`dr`: its
/// storage class and Replication Time Control) and to the backup account's replica
/// (the bucket's `backup_account_replica`); none when the bucket has neither.
pub(super) fn replicate(
    ctx: &mut Ctx,
    b: &S3Bucket,
    source: &Source,
    lifecycle: &Lifecycle,
    dr: Option<(StorageClass, bool)>,
) -> Option<Replication> {
    let to_account =
        b.backup_account_replica.as_ref().filter(|_| ctx.plan.backup_account.is_some());
    if dr.is_none() && to_account.is_none() {
        return None;
    }
    let short = ctx.short(&b.id);
    let role = ctx.unique(&format!("{short}-replication-role"));
    let mut statements = Vec::new();
    let mut rules = Vec::new();
    if let Some((class, rtc)) = dr {
        rules.push(dr_rule(ctx, b, source, lifecycle, class, rtc, &mut statements));
    }
    if let Some(replica) = to_account {
        super::account_replica::read_source(source, &mut statements);
        let rule = super::account_replica::replica_rule(
            ctx,
            b,
            lifecycle,
            replica,
            &role,
            &mut statements,
        );
        rules.push(rule);
    }
    for s in statements.iter_mut() {
        if s.nag_reason.is_none()
            && s.resources.iter().any(|r| matches!(r, Expr::Join(p) if p.last().and_then(Expr::as_lit).is_some_and(|t| t.ends_with("/*"))))
        {
            s.nag_reason = Some("replication reads and writes every object version of the bucket: the grant is limited to that bucket's objects".into());
        }
    }
    // Another account's bucket policy names the role before it exists: a fixed name.
    let name = to_account.map(|_| ctx.physical(StackId::Primary, &format!("{short}-replication")));
    let to = match (dr.is_some(), to_account.is_some()) {
        (true, true) => "the DR region and the backup account",
        (false, true) => "the backup account",
        _ => "the DR region",
    };
    ctx.push(Resource::new(
        &role,
        StackId::Primary,
        Some(&b.id),
        Kind::Role(Role {
            service: "s3.amazonaws.com".into(),
            description: format!(
                "S3 replication of component {} to {to}",
                super::describe_id(&b.id)
            ),
            statements,
            managed_policies: Vec::new(),
            // The bucket's replication rule names the role, and the policy names the
            // bucket: a separate policy resource breaks that cycle.
            separate_policy: true,
            name,
        }),
    ));
    Some(Replication { role, rules })
}

/// The policy statements that let S3 read the source bucket's versions to replicate.
pub(super) fn source_statements(source: &Source) -> Vec<Statement> {
    let objects = Expr::join(vec![source.arn.clone(), lit("/*")]);
    vec![
        Statement::allow(
            "ReadReplicationConfiguration",
            &["s3:GetReplicationConfiguration", "s3:ListBucket"],
            vec![source.arn.clone()],
        ),
        Statement::allow(
            "ReadSourceVersions",
            &[
                "s3:GetObjectVersionForReplication",
                "s3:GetObjectVersionAcl",
                "s3:GetObjectVersionTagging",
            ],
            vec![objects],
        ),
    ]
}

/// The replica bucket (DR stack) and the rule to it; the role's grants go to `statements`.
fn dr_rule(
    ctx: &mut Ctx,
    b: &S3Bucket,
    source: &Source,
    lifecycle: &Lifecycle,
    class: StorageClass,
    rtc: bool,
    statements: &mut Vec<Statement>,
) -> ReplicationRule {
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
                grants: Vec::new(),
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
    let destination_arn = super::expr::cross(
        &replica,
        Attr::Arn,
        Expr::join(vec![lit("arn:"), super::expr::partition(), lit(":s3:::"), replica_name]),
    );
    let objects = |a: &Expr| Expr::join(vec![a.clone(), lit("/*")]);
    statements.extend(source_statements(source));
    statements.push(Statement::allow(
        "WriteReplicas",
        &["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
        vec![objects(&destination_arn)],
    ));
    let destination_key_arn = if kms {
        decrypt_source(source, statements);
        let project = ctx.use_param(StackId::Primary, "project_name");
        let alias_name = Expr::join(vec![lit("alias/"), project, lit("/dr")]);
        let keys_in_dr = ctx.dr_keys_resource();
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
    ReplicationRule {
        id: super::REPLICATION_RULE_ID,
        priority: 1,
        destination_bucket_arn: destination_arn,
        destination_key_arn,
        storage_class: class_of(class),
        time_control: rtc,
        metrics: rtc || replication_alarmed(ctx, &b.id),
        account: None,
    }
}

/// Lets S3 decrypt the source bucket's objects (once, whatever the destinations).
pub(super) fn decrypt_source(source: &Source, statements: &mut Vec<Statement>) {
    const SID: &str = "DecryptSourceObjects";
    if statements.iter().any(|s| s.sid == SID) {
        return;
    }
    match &source.key {
        SourceKey::Known(key) => {
            statements.push(Statement::allow(SID, &["kms:Decrypt"], vec![key.clone()]))
        }
        // An existing bucket's key is not known to the plan: any key of the
        // account, used through S3 only.
        SourceKey::Unknown => {
            let via = Expr::join(vec![lit("s3."), super::expr::region(), lit(".amazonaws.com")]);
            statements.push(
                Statement::allow(
                    SID,
                    &["kms:Decrypt"],
                    vec![super::expr::arn("kms", super::expr::region(), account(), vec![lit("key/*")])],
                )
                .with_condition("StringEquals", "kms:ViaService", vec![via])
                .because("the existing bucket's objects use a key the plan does not know; the grant works only through S3 (kms:ViaService)"),
            )
        }
        SourceKey::None => {}
    }
}
