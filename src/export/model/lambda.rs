//! What every Lambda function of a bundle shares: its encrypted log group, the grants
//! to write it and read its environment, the scanner skips with their reasons, and the
//! runtime (the backup function: [`super::backup_function`]; configuration backups:
//! [`super::config`]).

use super::build::{Ctx, METRIC_NAMESPACE};
use super::expr::{account, arn, attr, lit, Attr, Expr, Statement};
use super::kinds::{Kind, LogGroup};
use super::{Resource, Skip, StackId, Tool};
use crate::plan::{Component, ComponentKind, Plan};

pub const RUNTIME: &str = "python3.14";
pub(super) const CONFIG_CODE: &str = "lambda/config_export";
/// Log retention periods CloudWatch Logs accepts.
const RETENTIONS: [u32; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

pub(super) fn skip(tool: Tool, rule: &str, reason: &str) -> Skip {
    Skip { tool, rule: rule.into(), reason: reason.into() }
}

pub(super) fn function_skips(has_dlq: bool, in_vpc: bool, reserved: bool) -> Vec<Skip> {
    let mut skips = Vec::new();
    if !reserved {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_115",
            "a reservation takes from the account's unreserved concurrency, which Lambda keeps at 100 or more; the plan reserves only when it sets reserved_concurrency",
        ));
    }
    if !in_vpc {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_117",
            "the function only calls AWS APIs; inside a VPC it would need NAT or an interface endpoint for every service it calls (the plan can set in_vpc)",
        ));
    }
    skips.extend([
        skip(
            Tool::Checkov,
            "CKV_AWS_272",
            "the code ships in this bundle and is deployed by it; code signing needs an AWS Signer profile the plan does not include",
        ),
        skip(Tool::Checkov, "CKV_AWS_50", "X-Ray tracing is not part of the plan; the function publishes its own duration and failure metrics"),
    ]);
    if !has_dlq {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_116",
            "the plan gives this function no topic for failed runs; failures raise the Lambda Errors metric and are logged",
        ));
    }
    skips
}

/// A log group `/drplan/<project>/<suffix>` encrypted with the infrastructure key.
/// The plan may bind a function's `log_retention_days` to an input.
pub(super) fn log_group(ctx: &mut Ctx, component: &str, short: &str, days: u32) -> String {
    let key = ctx.infra_key();
    ctx.allow_logs(&key);
    let name = ctx.unique(&format!("{short}-logs"));
    let project = ctx.use_param(StackId::Primary, "project_name");
    let physical = Expr::join(vec![lit("/drplan/"), project, lit(format!("/{short}"))]);
    let retention = RETENTIONS.iter().copied().find(|r| *r >= days).unwrap_or(3653);
    let mut skips = Vec::new();
    if retention < 365 {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_338",
            &format!("the plan keeps these logs {retention} days (log_retention_days); backups, not logs, are what it protects"),
        ));
    }
    let path = format!("components.{component}.log_retention_days");
    let retention_days = match super::interface::binding(ctx.plan, &path) {
        Some(_) => {
            let n = ctx.bound_num(&path, retention, StackId::Primary, (1, 3653), &format!("Days CloudWatch Logs keeps the logs of component {} (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653)", super::describe_id(component)));
            if let super::expr::Num::Param(key) = &n {
                ctx.restrict_param(key, &RETENTIONS);
            }
            n
        }
        None => super::expr::Num::Lit(retention),
    };
    ctx.push(
        Resource::new(
            &name,
            StackId::Primary,
            Some(component),
            Kind::LogGroup(LogGroup {
                name: physical.clone(),
                retention_days,
                key_arn: attr(&key, Attr::Arn),
            }),
        )
        .with_skips(skips),
    );
    name
}

/// PutMetricData, which has no resource type, limited by the `cloudwatch:namespace`
/// condition to the bundle's namespace; `metrics` names them in the reason.
pub(super) fn publish_metrics(sid: &str, metrics: &str) -> Statement {
    Statement::allow(sid, &["cloudwatch:PutMetricData"], vec![lit("*")])
        .with_condition("StringEquals", "cloudwatch:namespace", vec![lit(METRIC_NAMESPACE)])
        .because(&format!(
            "PutMetricData has no resource type; the cloudwatch:namespace condition limits it to {metrics}"
        ))
}

/// Publishing to `topic`, whose messages are encrypted with the infrastructure `key`:
/// the publish grant and the key grant, with their sids.
pub(super) fn publish_to_topic(sids: [&str; 2], topic: &str, key: &str) -> [Statement; 2] {
    [
        Statement::allow(sids[0], &["sns:Publish"], vec![attr(topic, Attr::Arn)]),
        Statement::allow(
            sids[1],
            &["kms:GenerateDataKey", "kms:Decrypt"],
            vec![attr(key, Attr::Arn)],
        ),
    ]
}

/// Statements every function needs: write its own logs, read its encrypted environment.
pub(super) fn base_statements(ctx: &mut Ctx, log_group: &str) -> Vec<Statement> {
    let key = ctx.infra_key();
    let streams = attr(log_group, Attr::ChildArns);
    vec![
        Statement::allow("WriteOwnLogs", &["logs:CreateLogStream", "logs:PutLogEvents"], vec![streams])
            .because("log streams are created at run time; the grant is limited to the function's own log group"),
        Statement::allow("ReadEncryptedEnvironment", &["kms:Decrypt"], vec![attr(&key, Attr::Arn)]),
    ]
}

pub(super) struct TargetConfig {
    pub json: serde_json::Value,
    pub env: (String, Expr),
}

pub(super) fn snapshot_arn(kind: &str, region_expr: Expr, short: &str) -> Expr {
    let resource = if kind == "aurora" { "cluster-snapshot" } else { "snapshot" };
    arn("rds", region_expr, account(), vec![lit(format!("{resource}:drplan-{short}-*"))])
}

/// Plan settings that size the cost estimate and have no resource property.
pub(super) fn estimate_only_settings(plan: &Plan) -> Vec<String> {
    let mut out =
        vec!["plan: targets (RPO and RTO objectives), pricing, horizon_months and every component's data_class feed the estimate and the recovery analysis"
            .to_string()];
    let mut kinds: Vec<ComponentKind> = plan.components.iter().map(Component::kind).collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .filter_map(|k| {
            let fields = match k {
                ComponentKind::S3Bucket => {
                    "stored_gb, monthly_growth_gb, average_object_size_kb, monthly_change_percent"
                }
                ComponentKind::DynamodbTable => "size_gb, monthly_writes_millions",
                ComponentKind::RdsInstance => "daily_change_percent",
                ComponentKind::AuroraCluster => {
                    "storage_gb, monthly_io_millions, daily_change_percent"
                }
                ComponentKind::LambdaFunction => {
                    "average_duration_seconds, extra_invocations_per_month"
                }
                ComponentKind::SnsTopic => "notifications_per_month",
                ComponentKind::Monitoring => "log_ingestion_gb_per_month, log_retention_days",
                ComponentKind::KmsKey => "monthly_requests_thousands",
                ComponentKind::VpcEndpoints => "interface_processed_gb_per_month",
                ComponentKind::ConfigBackup => "codecommit_users, redeploy_minutes",
                ComponentKind::DnsFailover => "aws_endpoints",
                _ => return None,
            };
            Some(format!("{}: {fields}", k.id()))
        })
        .for_each(|line| out.push(line));
    out
}

/// What a function in a VPC needs to manage its network interfaces, for the functions
/// the bundle makes and for a caller's function placed in a VPC by inputs.
pub(super) fn vpc_network_interfaces() -> Statement {
    Statement::allow(
        "ManageVpcNetworkInterfaces",
        &[
            "ec2:CreateNetworkInterface",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSubnets",
            "ec2:DeleteNetworkInterface",
            "ec2:AssignPrivateIpAddresses",
            "ec2:UnassignPrivateIpAddresses",
        ],
        vec![lit("*")],
    )
    .because("Lambda creates the function's network interfaces in the VPC with these permissions; EC2 authorises the calls only on all resources")
}
