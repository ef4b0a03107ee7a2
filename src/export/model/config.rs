//! Configuration backups: the daily Parameter Store export (function, role, log
//! group, schedule and a KMS-encrypted, versioned bucket with expiry) and the
//! CodeCommit mirror of the infrastructure repository.

use super::build::Ctx;
use super::expr::{account, arn, attr, lit, region, Attr, Expr, Statement};
use super::kinds::{Arch, Bucket, BucketEncryption, Function, Kind, Lifecycle, Repository, Role};
use super::lambda::{
    base_statements, function_skips, log_group, schedule_rule, skip, CONFIG_CODE, RUNTIME,
};
use super::{Resource, StackId, Tool};
use crate::export::ExportError;
use crate::plan::Component;

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
        };
        let spec = Bucket {
            physical_name: None,
            encryption: BucketEncryption::Kms(attr(&key, Attr::Arn)),
            versioned: true,
            lifecycle,
            access_logging: Some(super::kinds::AccessLogging { bucket: log_bucket, prefix }),
            replication: None,
            log_sources: Vec::new(),
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

        let (log_res, log_name) = log_group(ctx, &b.id, &format!("{short}-export"), 30);
        let mut statements = base_statements(ctx, &log_name);
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
            runtime: RUNTIME,
            memory_mb: 256,
            timeout_seconds: 300,
            architecture: Arch::Arm64,
            role,
            log_group: log_res,
            environment: vec![
                ("BUCKET".into(), attr(&bucket, Attr::Name)),
                ("PREFIX".into(), lit("parameter-store/")),
            ],
            environment_key_arn: attr(&key, Attr::Arn),
            reserved_concurrency: 1,
            dead_letter_topic: None,
        };
        ctx.push(
            Resource::new(&name, StackId::Primary, Some(&b.id), Kind::Function(function))
                .with_skips(function_skips(false)),
        );
        schedule_rule(
            ctx,
            &b.id,
            &format!("{short}-daily-export"),
            lit("rate(1 day)"),
            &name,
            "parameter-store-export",
        );
    }
    if b.codecommit_mirror {
        let name = ctx.unique(&format!("{short}-repository"));
        let physical = ctx.physical(StackId::Primary, &short);
        let repo = Repository {
            name: physical,
            description:
                "drplan: mirror of the infrastructure repository, for redeploying after a disaster"
                    .into(),
            key_arn: attr(&key, Attr::Arn),
        };
        let skips = vec![skip(Tool::Checkov, "CKV2_AWS_37", "a mirror receives pushes from the source repository, where reviews and approvals happen")];
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
    }
    Ok(())
}
