//! Replicas in the backup account (issue 13): a bucket's `backup_account_replica`
//! becomes a replica bucket in the backup account's stack (versioned, owned by its
//! bucket owner, encrypted with the account's key) whose bucket policy lets the source
//! account's replication role, by its fixed name, replicate into it with the owner
//! override; and, in the source account, the replication rule that names that account.

use super::account::SOURCE_ACCOUNT_ID;
use super::account::{account_root, ACCOUNT_RULE_ID, BACKUP_ACCOUNT_ID, BACKUP_ACCOUNT_REGION};
use super::build::Ctx;
use super::expr::{arn, attr, cross, lit, partition, Attr, Expr, Num, Principal, Statement};
use super::kinds::{AccessLogging, Bucket, BucketEncryption, Kind, Lifecycle, ReplicationRule};
use super::replication::Source;
use super::{Resource, StackId, Tool};
use crate::plan::{AccountReplica, Encryption, S3Bucket};

/// The source-reading grants of a replication role, where no other rule added them.
pub(super) fn read_source(source: &Source, statements: &mut Vec<Statement>) {
    if !statements.iter().any(|s| s.sid == "ReadReplicationConfiguration") {
        statements.extend(super::replication::source_statements(source));
    }
    super::replication::decrypt_source(source, statements);
}

/// The replica bucket in the backup account and the rule that replicates into it;
/// the role's grants go to `statements`.
pub(super) fn replica_rule(
    ctx: &mut Ctx,
    b: &S3Bucket,
    lifecycle: &Lifecycle,
    replica: &AccountReplica,
    role: &str,
    statements: &mut Vec<Statement>,
) -> ReplicationRule {
    let short = ctx.short(&b.id);
    let kms = b.encryption == Encryption::SseKms;
    let stack = StackId::Account;
    // Fixed names, so that each account names the other's resources without a
    // reference: <project>-<component>-<backup account id>, and the role's.
    let project = ctx.use_param(stack, "project_name");
    let physical = Expr::join(vec![project, lit(format!("-{short}-")), super::expr::account()]);
    let source_id = ctx.use_param(stack, SOURCE_ACCOUNT_ID);
    let role_name = ctx.physical(stack, &format!("{short}-replication"));
    let role_arn = cross(
        role,
        Attr::Arn,
        Expr::join(vec![
            lit("arn:"),
            partition(),
            lit(":iam::"),
            source_id.clone(),
            lit(":role/"),
            role_name,
        ]),
    );
    let name = ctx.unique(&format!("{short}-account-replica"));
    let own_arn = attr(&name, Attr::Arn);
    let objects = |a: &Expr| Expr::join(vec![a.clone(), lit("/*")]);
    // The principal is the source account, narrowed to the role by aws:PrincipalArn:
    // a policy naming the role itself is refused while the role does not exist, and
    // this stack deploys first.
    let grant = |sid: &str, actions: &[&str], resource: Expr| {
        Statement::allow(sid, actions, vec![resource])
            .with_principal(Principal::Aws(account_root(source_id.clone())))
            .with_condition("ArnEquals", "aws:PrincipalArn", vec![role_arn.clone()])
    };
    let grants = vec![
        grant(
            "AllowSourceReplication",
            &[
                "s3:ReplicateObject",
                "s3:ReplicateDelete",
                "s3:ReplicateTags",
                "s3:ObjectOwnerOverrideToBucketOwner",
            ],
            objects(&own_arn),
        ),
        grant("AllowSourceVersioningCheck", &["s3:GetBucketVersioning"], own_arn.clone()),
    ];
    let encryption = if kms {
        BucketEncryption::Kms(attr(&ctx.account_key(), Attr::Arn))
    } else {
        BucketEncryption::S3Managed
    };
    let logs = ctx.access_log_bucket(stack);
    let prefix = format!("{short}-account-replica/");
    ctx.add_log_source(&logs, &name, &prefix);
    let class = super::storage::class_of(replica.storage_class);
    let mut skips = vec![
        super::storage::skip(
            Tool::Checkov,
            "CKV_AWS_144",
            "this bucket is itself the backup account's replica of a source bucket",
        ),
        super::storage::skip(
            Tool::CheckovTf,
            "CKV2_AWS_62",
            "the replica is read only after a compromise of the source account; nothing consumes its events",
        ),
    ];
    if !kms {
        skips.push(super::storage::skip(
            Tool::Checkov,
            "CKV_AWS_145",
            "the replica follows its source bucket, which the plan encrypts with S3-managed keys",
        ));
    }
    let replica_life = super::replication::replica_lifecycle(lifecycle, class);
    if let Some(Num::Param(key)) = &replica_life.noncurrent_expiration_days {
        ctx.use_param(stack, key);
    }
    ctx.push(
        Resource::new(
            &name,
            stack,
            Some(&b.id),
            Kind::Bucket(Bucket {
                physical_name: Some(physical),
                encryption,
                versioned: true,
                lifecycle: replica_life,
                access_logging: Some(AccessLogging { bucket: logs, prefix }),
                replication: None,
                log_sources: Vec::new(),
                grants,
                purpose: format!(
                    "the backup account's replica of component {}",
                    super::describe_id(&b.id)
                ),
            }),
        )
        .with_skips(skips),
    );
    ctx.remember(&b.id, "account_replica", &name);
    ctx.output(
        &format!("{short}-account-replica-bucket-name"),
        stack,
        attr(&name, Attr::Name),
        format!("Name of the backup account's replica of component {}", super::describe_id(&b.id)),
    );

    // In the source account: the rule and the role's grants, naming the replica by
    // the backup account's id.
    let source_stack = StackId::Primary;
    let backup = ctx.use_param(source_stack, BACKUP_ACCOUNT_ID);
    let project = ctx.use_param(source_stack, "project_name");
    let by_name = Expr::join(vec![
        lit("arn:"),
        partition(),
        lit(":s3:::"),
        project,
        lit(format!("-{short}-")),
        backup.clone(),
    ]);
    let destination = cross(&name, Attr::Arn, by_name);
    statements.push(Statement::allow(
        "WriteAccountReplicas",
        &[
            "s3:ReplicateObject",
            "s3:ReplicateDelete",
            "s3:ReplicateTags",
            "s3:ObjectOwnerOverrideToBucketOwner",
        ],
        vec![objects(&destination)],
    ));
    let key_arn = if kms {
        let acct_region = ctx.use_param(source_stack, BACKUP_ACCOUNT_REGION);
        let alias = ctx.account_key_alias(source_stack);
        let keys = arn("kms", acct_region.clone(), backup.clone(), vec![lit("key/*")]);
        let mut s = Statement::allow(
            "EncryptAccountReplicas",
            &["kms:Encrypt", "kms:GenerateDataKey"],
            vec![keys],
        )
        .with_condition(
            "ForAnyValue:StringEquals",
            "kms:ResourceAliases",
            vec![alias.clone()],
        );
        s.nag_reason = Some("the backup account's key is in another account and stack, so its id is unknown here; the kms:ResourceAliases condition limits the grant to the key with the backup-account alias".into());
        statements.push(s);
        let by_alias = arn("kms", acct_region, backup.clone(), vec![alias]);
        let key = ctx.lookup("backup_account", "key").unwrap_or_default();
        Some(cross(&key, Attr::Arn, by_alias))
    } else {
        None
    };
    ReplicationRule {
        id: ACCOUNT_RULE_ID,
        priority: 2,
        destination_bucket_arn: destination,
        destination_key_arn: key_arn,
        storage_class: class,
        time_control: replica.replication_time_control,
        metrics: replica.replication_time_control,
        account: Some(backup),
    }
}
