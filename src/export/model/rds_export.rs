//! Exports of RDS snapshots to S3: the role RDS assumes to write them (one bucket's
//! `rds-exports/` prefix, its key) and what the backup function needs to start them.

use super::build::Ctx;
use super::expr::{attr, lit, Attr, Expr, Statement};
use super::kinds::{Bucket, BucketEncryption, Kind, Role};
use super::{Resource, StackId};
use crate::export::ExportError;
use crate::plan::{ComponentKind, LambdaFunction};

/// The export role RDS assumes, and what the function needs to start exports.
pub(super) fn export_permissions(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    short: &str,
    statements: &mut Vec<Statement>,
    env: &mut Vec<(String, Expr)>,
) -> Result<(), ExportError> {
    let bucket_id = ctx
        .plan
        .components
        .iter()
        .find(|c| c.kind() == ComponentKind::S3Bucket)
        .map(|c| c.id().to_string());
    let Some(bucket) = bucket_id.and_then(|id| ctx.lookup(&id, "bucket")) else {
        return Err(ExportError::unsupported(
            &f.id,
            "the export task writes snapshots to S3, and the plan has no s3_bucket to receive them"
                .into(),
        ));
    };
    let bucket_arn = super::existing::bucket_attr(ctx, &bucket, Attr::Arn);
    let export_key = match ctx.resource(&bucket).map(|r| &r.kind) {
        Some(Kind::Bucket(Bucket { encryption: BucketEncryption::Kms(k), .. })) => k.clone(),
        _ => {
            let k = ctx.infra_key();
            attr(&k, Attr::Arn)
        }
    };
    let objects = Expr::join(vec![bucket_arn.clone(), lit("/rds-exports/*")]);
    let role = ctx.unique(&format!("{short}-export-role"));
    let role_statements = vec![
        Statement::allow("ListExportBucket", &["s3:ListBucket", "s3:GetBucketLocation"], vec![bucket_arn.clone()]),
        Statement::allow("WriteExports", &["s3:PutObject", "s3:GetObject", "s3:AbortMultipartUpload", "s3:DeleteObject"], vec![objects])
            .because("export file names are chosen by RDS at run time; the grant is limited to the rds-exports/ prefix of one bucket"),
        Statement::allow("EncryptExports", &["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], vec![export_key.clone()]),
    ];
    ctx.push(Resource::new(
        &role,
        StackId::Primary,
        Some(&f.id),
        Kind::Role(Role {
            service: "export.rds.amazonaws.com".into(),
            description: format!(
                "RDS snapshot export to S3 for component {}",
                super::describe_id(&f.id)
            ),
            statements: role_statements,
            managed_policies: Vec::new(),
            separate_policy: false,
            name: None,
        }),
    ));
    statements.push(
        Statement::allow("PassExportRole", &["iam:PassRole"], vec![attr(&role, Attr::Arn)])
            .with_condition(
                "StringEquals",
                "iam:PassedToService",
                vec![lit("export.rds.amazonaws.com")],
            ),
    );
    statements.push(Statement::allow(
        "UseExportKey",
        &["kms:CreateGrant", "kms:DescribeKey"],
        vec![export_key.clone()],
    ));
    env.push(("EXPORT_BUCKET".into(), attr(&bucket, Attr::Name)));
    env.push(("EXPORT_ROLE_ARN".into(), attr(&role, Attr::Arn)));
    env.push(("EXPORT_KMS_KEY_ARN".into(), export_key));
    Ok(())
}
