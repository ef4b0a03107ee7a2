//! Configuration backups: the daily Parameter Store export (function, role, log
//! group, schedule and a KMS-encrypted, versioned bucket with expiry) and the
//! CodeCommit mirror of the infrastructure repository.

use super::build::Ctx;
use super::expr::{account, arn, attr, lit, region, Attr, Expr, Statement};
use super::kinds::{Arch, Bucket, BucketEncryption, Function, Kind, Lifecycle, Repository, Role};
use super::lambda::{base_statements, function_skips, log_group, skip, CONFIG_CODE, RUNTIME};
use super::{Resource, StackId, Tool};
use crate::export::ExportError;
use crate::plan::{Component, ConfigBackup, MirrorTarget};

pub(super) fn visit_config_backups(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    let Component::ConfigBackup(b) = c else { return Ok(()) };
    let short = ctx.short(&b.id);
    let key = ctx.infra_key();
    if b.parameter_store_export {
        ctx.add_asset(
            &format!("{CONFIG_CODE}/handler.py"),
            include_str!("../assets/config_export_handler.py"),
        );
        let bucket = ctx.unique(&format!("{short}-config-bucket"));
        let log_bucket = ctx.access_log_bucket(StackId::Primary);
        let prefix = format!("{short}-config/");
        ctx.add_log_source(&log_bucket, &bucket, &prefix);
        let lifecycle = Lifecycle {
            transitions: Vec::new(),
            expiration_days: Some(b.export_retention_days.max(1)),
            noncurrent_transitions: Vec::new(),
            noncurrent_expiration_days: Some(super::expr::Num::Lit(30)),
            abort_incomplete_upload_days: 7,
            inputs: None,
        };
        let spec = Bucket {
            physical_name: None,
            encryption: BucketEncryption::Kms(attr(&key, Attr::Arn)),
            versioned: true,
            lifecycle,
            access_logging: Some(super::kinds::AccessLogging { bucket: log_bucket, prefix }),
            replication: None,
            log_sources: Vec::new(),
            grants: Vec::new(),
            purpose: "daily Parameter Store exports".into(),
        };
        let skips = vec![
            skip(
                Tool::Checkov,
                "CKV_AWS_144",
                "configuration exports stay in the primary region; the plan's CodeCommit mirror and redeploy path rebuild the configuration",
            ),
            skip(Tool::CheckovTf, "CKV2_AWS_62", "nothing consumes events of the export bucket"),
        ];
        ctx.push(
            Resource::new(&bucket, StackId::Primary, Some(&b.id), Kind::Bucket(spec))
                .with_skips(skips),
        );
        ctx.output(
            &format!("{short}-config-bucket-name"),
            StackId::Primary,
            attr(&bucket, Attr::Name),
            format!(
                "Bucket of the Parameter Store exports of component {}",
                super::describe_id(&b.id)
            ),
        );

        let log_res = log_group(ctx, &b.id, &format!("{short}-export"), 30);
        let mut statements = base_statements(ctx, &log_res);
        statements.push(
            Statement::allow(
                "ReadParameters",
                &["ssm:GetParametersByPath"],
                vec![arn("ssm", region(), account(), vec![lit("parameter/*")])],
            )
            .because("the export reads every parameter of the account and region, by design"),
        );
        let via = Expr::join(vec![lit("ssm."), region(), lit(".amazonaws.com")]);
        statements.push(
            Statement::allow("DecryptSecureStrings", &["kms:Decrypt"], vec![arn("kms", region(), account(), vec![lit("key/*")])])
                .with_condition("StringEquals", "kms:ViaService", vec![via])
                .because("SecureString parameters may use any key of the account; the grant only works through Parameter Store (kms:ViaService)"),
        );
        let objects = Expr::join(vec![attr(&bucket, Attr::Arn), lit("/parameter-store/*")]);
        statements.push(
            Statement::allow("WriteExports", &["s3:PutObject"], vec![objects])
                .because("export objects are named by date; the grant is limited to the parameter-store/ prefix of one bucket"),
        );
        statements.push(Statement::allow(
            "EncryptExports",
            &["kms:GenerateDataKey"],
            vec![attr(&key, Attr::Arn)],
        ));
        let role = ctx.unique(&format!("{short}-export-role"));
        ctx.push(Resource::new(
            &role,
            StackId::Primary,
            Some(&b.id),
            Kind::Role(Role {
                service: "lambda.amazonaws.com".into(),
                description: format!(
                    "Execution role of the Parameter Store export of component {}",
                    super::describe_id(&b.id)
                ),
                statements,
                managed_policies: Vec::new(),
                separate_policy: false,
                name: None,
            }),
        ));
        let name = ctx.unique(&format!("{short}-export-function"));
        let function = Function {
            name: ctx.physical(StackId::Primary, &format!("{short}-export")),
            description: format!(
                "drplan: daily Parameter Store export for component {}",
                super::describe_id(&b.id)
            ),
            code_dir: CONFIG_CODE.into(),
            handler: "handler.handler".into(),
            runtime: super::expr::lit(RUNTIME),
            memory_mb: super::expr::Num::Lit(256),
            timeout_seconds: super::expr::Num::Lit(300),
            architecture: Arch::Arm64,
            role,
            log_group: log_res,
            environment: vec![
                ("BUCKET".into(), attr(&bucket, Attr::Name)),
                ("PREFIX".into(), lit("parameter-store/")),
            ],
            environment_key_arn: attr(&key, Attr::Arn),
            reserved_concurrency: None,
            vpc_security_group: None,
            vpc_subnets: None,
            vpc_when: None,
            dead_letter_topic: None,
        };
        ctx.push(
            Resource::new(&name, StackId::Primary, Some(&b.id), Kind::Function(function))
                .with_skips(function_skips(false, false, false)),
        );
        super::schedules::schedule_rule(
            ctx,
            &b.id,
            &format!("{short}-daily-export"),
            lit("rate(1 day)"),
            &name,
            "parameter-store-export",
        );
    }
    if b.codecommit_mirror {
        match b.mirror_to {
            MirrorTarget::Codecommit => codecommit_mirror(ctx, b, &key),
            MirrorTarget::S3 => bundle_mirror(ctx, b, &key),
        }
    }
    Ok(())
}

/// The mirror in CodeCommit, with the README's note that AWS closed the service to
/// new customers and the plan option that replaces it.
fn codecommit_mirror(ctx: &mut Ctx, b: &ConfigBackup, key: &str) {
    let short = ctx.short(&b.id);
    let name = ctx.unique(&format!("{short}-repository"));
    let physical = ctx.physical(StackId::Primary, &short);
    let repo = Repository {
        name: physical,
        description:
            "drplan: mirror of the infrastructure repository, for redeploying after a disaster"
                .into(),
        key_arn: attr(key, Attr::Arn),
    };
    let skips = vec![skip(
        Tool::Checkov,
        "CKV2_AWS_37",
        "a mirror receives pushes from the source repository, where reviews and approvals happen",
    )];
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(&b.id), Kind::Repository(repo))
            .with_skips(skips),
    );
    ctx.output(
        &format!("{short}-repository-name"),
        StackId::Primary,
        attr(&name, Attr::Name),
        format!("CodeCommit mirror of component {}", super::describe_id(&b.id)),
    );
    ctx.notes.after_deploy.push(format!(
        "Mirror your infrastructure repository into the CodeCommit repository of component {} (git push --mirror to its HTTPS clone URL); the plan counts {} minutes to redeploy from it.",
        super::describe_id(&b.id),
        b.redeploy_minutes
    ));
    ctx.notes.after_deploy.push(format!(
        "AWS CodeCommit is no longer available to new customers (since July 2024; existing customers keep using it). On an account that has never used CodeCommit the repository of component {} cannot be created: set mirror_to to \"s3\" in the plan and export again, which keeps the mirror as git bundles in a versioned, encrypted S3 bucket instead.",
        super::describe_id(&b.id)
    ));
}

/// The mirror as `git bundle` files in a versioned, KMS-encrypted bucket: what any
/// account can create, and what `git clone` restores from.
fn bundle_mirror(ctx: &mut Ctx, b: &ConfigBackup, key: &str) {
    let short = ctx.short(&b.id);
    let bucket = ctx.unique(&format!("{short}-git-bucket"));
    let log_bucket = ctx.access_log_bucket(StackId::Primary);
    let prefix = format!("{short}-git/");
    ctx.add_log_source(&log_bucket, &bucket, &prefix);
    let spec = Bucket {
        physical_name: None,
        encryption: BucketEncryption::Kms(attr(key, Attr::Arn)),
        versioned: true,
        lifecycle: Lifecycle {
            transitions: Vec::new(),
            expiration_days: None,
            noncurrent_transitions: Vec::new(),
            noncurrent_expiration_days: Some(super::expr::Num::Lit(b.export_retention_days.max(1))),
            abort_incomplete_upload_days: 7,
            inputs: None,
        },
        access_logging: Some(super::kinds::AccessLogging { bucket: log_bucket, prefix }),
        replication: None,
        log_sources: Vec::new(),
        grants: Vec::new(),
        purpose: "git bundles of the infrastructure repository".into(),
    };
    let skips = vec![
        skip(Tool::Checkov, "CKV_AWS_144", "the mirror is one of two copies of the repository (the source is the other); redeploying needs it in the primary region"),
        skip(Tool::CheckovTf, "CKV2_AWS_62", "nothing consumes events of the mirror bucket"),
    ];
    ctx.push(
        Resource::new(&bucket, StackId::Primary, Some(&b.id), Kind::Bucket(spec)).with_skips(skips),
    );
    ctx.output(
        &format!("{short}-git-bucket-name"),
        StackId::Primary,
        attr(&bucket, Attr::Name),
        format!("Bucket of the git bundles of component {}", super::describe_id(&b.id)),
    );
    ctx.notes.after_deploy.push(format!(
        "Mirror your infrastructure repository into the bucket of component {} after each change: git bundle create repo.bundle --all, then aws s3 cp repo.bundle s3://<bucket>/git/repo.bundle (versioning keeps earlier bundles {} days). To redeploy, git clone repo.bundle; the plan counts {} minutes to redeploy from it.",
        super::describe_id(&b.id),
        b.export_retention_days,
        b.redeploy_minutes
    ));
}
