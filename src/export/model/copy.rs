//! The copy task of a backup function (seed 000): objects under a prefix of a source
//! bucket are copied into the function's target bucket, incrementally on some runs
//! and in full on others. What the role may do: read the source prefix, write the
//! target bucket (and its copy-state object), and start the function again when a
//! run nears the Lambda time limit.

use super::build::Ctx;
use super::expr::{account, arn, cross, lit, region, Attr, Expr, Statement};
use super::kinds::{Bucket, BucketEncryption, Kind};
use super::{ParamKind, StackId};
use crate::plan::{Component, LambdaFunction};

/// The input naming a source bucket outside the plan.
pub(super) const SOURCE_BUCKET_PARAM: &str = "source_bucket_name";

/// The key the target bucket's objects are encrypted with, when it is a bucket of
/// this bundle with a customer-managed key.
fn bucket_key(ctx: &Ctx, component: &str) -> Option<Expr> {
    let bucket = ctx.lookup(component, "bucket")?;
    match ctx.resource(&bucket).map(|r| &r.kind) {
        Some(Kind::Bucket(Bucket { encryption: BucketEncryption::Kms(k), .. })) => Some(k.clone()),
        _ => None,
    }
}

/// What the role needs to write copies into the target bucket `component`.
pub(super) fn destination(
    ctx: &mut Ctx,
    component: &str,
    bucket_arn: Expr,
    sid: &str,
    statements: &mut Vec<Statement>,
) {
    statements.push(Statement::allow(
        &format!("ListCopies{sid}"),
        &["s3:ListBucket"],
        vec![bucket_arn.clone()],
    ));
    statements.push(
        Statement::allow(
            &format!("WriteCopies{sid}"),
            &["s3:PutObject", "s3:PutObjectTagging", "s3:GetObject", "s3:AbortMultipartUpload"],
            vec![Expr::join(vec![bucket_arn, lit("/*")])],
        )
        .because("copies keep the source's keys, which are known only at run time; the grant covers one bucket"),
    );
    if let Some(key) = bucket_key(ctx, component) {
        statements.push(Statement::allow(
            &format!("EncryptCopies{sid}"),
            &["kms:GenerateDataKey", "kms:Decrypt"],
            vec![key],
        ));
    }
}

/// The source of the copies, the role's grants on it, the function's right to
/// continue itself, and the environment the handler reads.
pub(super) fn source(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    short: &str,
    function: &str,
    statements: &mut Vec<Statement>,
    env: &mut Vec<(String, Expr)>,
) {
    let (name, bucket_arn, key) = match f.source_bucket.as_deref() {
        Some(id) if matches!(ctx.plan.component(id), Some(Component::S3Bucket(_))) => {
            let name = super::databases::data_name(ctx, id);
            let arn = super::databases::data_arn(ctx, id);
            match (name, arn) {
                (Some(n), Some(a)) => (n, a, bucket_key(ctx, id)),
                _ => return,
            }
        }
        _ => {
            ctx.define_param(super::build::param(
                SOURCE_BUCKET_PARAM,
                ParamKind::Identifier,
                None,
                "Name of the bucket whose objects the backup function copies (a bucket outside this bundle)",
            ));
            let name = ctx.use_param(StackId::Primary, SOURCE_BUCKET_PARAM);
            let arn = Expr::join(vec![
                lit("arn:"),
                super::expr::partition(),
                lit(":s3:::"),
                name.clone(),
            ]);
            (name, arn, None)
        }
    };
    statements.push(Statement::allow("ListSource", &["s3:ListBucket"], vec![bucket_arn.clone()]));
    statements.push(
        Statement::allow(
            "ReadSource",
            &["s3:GetObject", "s3:GetObjectTagging"],
            vec![Expr::join(vec![bucket_arn, lit("/*")])],
        )
        .because("manual runs may name any prefix of the source bucket; the grant is read-only and covers one bucket"),
    );
    if let Some(k) = key {
        statements.push(Statement::allow("DecryptSource", &["kms:Decrypt"], vec![k]));
    }
    // The function's own ARN. CloudFormation and CDK build it from the function's
    // name (the role's inline policy referring to the function would make each wait
    // for the other); Terraform's separate role policy refers to the function.
    let function_name = ctx.physical(StackId::Primary, short);
    let by_name = arn("lambda", region(), account(), vec![lit("function:"), function_name]);
    statements.push(Statement::allow(
        "ContinueLongCopies",
        &["lambda:InvokeFunction"],
        vec![cross(function, Attr::Arn, by_name)],
    ));
    let prefix = ctx.bound_text(
        &format!("components.{}.source_prefix", f.id),
        &f.source_prefix,
        ParamKind::Prefix,
        StackId::Primary,
        &format!("Key prefix the backup function of component {} copies on scheduled runs (empty: the whole bucket)", super::describe_id(&f.id)),
    );
    env.push(("COPY_SOURCE_BUCKET".into(), name));
    env.push(("COPY_SOURCE_PREFIX".into(), prefix));
    if f.notify_topic.is_some() {
        env.push(("NOTIFY_ON_SUCCESS".into(), lit("true")));
    }
}
