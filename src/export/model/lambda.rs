//! Lambda orchestration: backup functions with their least-privilege roles and the
//! EventBridge schedules that run them (configuration backups: [`super::config`]).

use super::build::{Ctx, METRIC_NAMESPACE};
use super::expr::{account, arn, attr, lit, region, Attr, Expr, Num, Statement};
use super::kinds::{Arch, Function, Kind, LogGroup, Role};
use super::{Resource, Skip, StackId, Tool};
use crate::export::ExportError;
use crate::plan::{Architecture, Component, ComponentKind, LambdaFunction, LambdaTask, Plan};

pub const RUNTIME: &str = "python3.14";
const BACKUP_CODE: &str = "lambda/backup";
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

fn backup_function(ctx: &mut Ctx, f: &LambdaFunction) -> Result<(), ExportError> {
    let short = ctx.short(&f.id);
    ctx.add_asset(
        &format!("{BACKUP_CODE}/handler.py"),
        include_str!("../assets/backup_handler.py"),
    );
    let log_res = log_group(ctx, &f.id, &short, f.log_retention_days);
    let name = ctx.unique(&format!("{short}-function"));
    let mut statements = base_statements(ctx, &log_res);
    let mut env: Vec<(String, Expr)> = Vec::new();
    let tasks: Vec<LambdaTask> = f.tasks.clone();
    let has = |t: LambdaTask| tasks.contains(&t);
    let super::lambda_targets::Targets {
        configs: targets,
        copies,
        exports,
        rds_describe,
        group_policies,
    } = super::lambda_targets::targets(ctx, f, &mut statements);
    if rds_describe {
        statements.push(
            Statement::allow("DescribeSnapshots", &["rds:DescribeDBSnapshots", "rds:DescribeDBClusterSnapshots", "rds:DescribeExportTasks"], vec![lit("*")])
                .because("RDS describe calls are read-only and are authorised against every snapshot of the account"),
        );
    }
    if copies {
        let path = format!("components.{}.copy_to_dr_region", f.id);
        if super::interface::binding(ctx.plan, &path).is_some() {
            let on = ctx.bound_bool(
                &path,
                true,
                StackId::Primary,
                &format!(
                    "Whether the backup function of component {} copies snapshots to the DR region",
                    super::describe_id(&f.id)
                ),
            );
            env.push(("COPY_TO_DR".into(), on));
        }
        let project = ctx.use_param(StackId::Primary, "project_name");
        let alias = Expr::join(vec![lit("alias/"), project, lit("/dr")]);
        let dr_keys = ctx.dr_keys_resource();
        statements.push(
            Statement::allow("UseDrKeyForCopies", &["kms:CreateGrant", "kms:DescribeKey"], vec![dr_keys])
                .with_condition("ForAnyValue:StringEquals", "kms:ResourceAliases", vec![alias])
                .because("the DR key lives in another stack and region; the kms:ResourceAliases condition limits the grant to the key with the DR alias"),
        );
        let via = Expr::join(vec![lit("rds."), region(), lit(".amazonaws.com")]);
        statements.push(
            Statement::allow("UseSourceKeysThroughRds", &["kms:CreateGrant", "kms:DescribeKey"], vec![arn("kms", region(), account(), vec![lit("key/*")])])
                .with_condition("StringEquals", "kms:ViaService", vec![via])
                .because("existing databases use keys this bundle does not know; the grant only works through RDS (kms:ViaService)"),
        );
        env.push(("DR_REGION".into(), ctx.dr_region_expr(StackId::Primary)));
        env.push(("DR_KMS_KEY_ARN".into(), ctx.dr_key_arn(StackId::Primary)));
    }
    if exports {
        super::rds_export::export_permissions(ctx, f, &short, &mut statements, &mut env)?;
    }
    if has(LambdaTask::Copy) {
        super::copy::source(ctx, f, &short, &name, &mut statements, &mut env);
    }
    let metrics = Statement::allow("PublishBackupMetrics", &["cloudwatch:PutMetricData"], vec![lit("*")])
        .with_condition("StringEquals", "cloudwatch:namespace", vec![lit(METRIC_NAMESPACE)])
        .because("PutMetricData has no resource type; the cloudwatch:namespace condition limits it to the backup metrics");
    statements.push(metrics);
    let topic = f.notify_topic.as_deref().and_then(|id| super::monitoring::topic_resource(ctx, id));
    if let Some(t) = &topic {
        let key = ctx.infra_key();
        statements.push(Statement::allow(
            "NotifyFailures",
            &["sns:Publish"],
            vec![attr(t, Attr::Arn)],
        ));
        statements.push(Statement::allow(
            "EncryptNotifications",
            &["kms:GenerateDataKey", "kms:Decrypt"],
            vec![attr(&key, Attr::Arn)],
        ));
        env.push(("NOTIFY_TOPIC_ARN".into(), attr(t, Attr::Arn)));
    }

    let role = ctx.unique(&format!("{short}-role"));
    let reserved = ctx.function_options(f, &mut env).or(f.reserved_concurrency.map(Num::Lit));
    // The backup window is checked on the instances, and a backup in progress waited out.
    if env.iter().any(|(k, _)| k == "BACKUP_WINDOW") {
        if let Some(st) = statements.iter_mut().find(|s| s.sid == "DescribeSnapshots") {
            st.actions.push("rds:DescribeDBInstances".into());
            st.nag_reason = Some("RDS describe calls are read-only and are authorised against every snapshot and instance of the account".into());
        }
    }
    let mut later = Vec::new();
    if let Some(t) = &topic {
        if let Some((variable, after)) = ctx.slack_option(f, t, &role, &name) {
            env.push(variable);
            later.extend(after);
        }
    }
    later.extend(ctx.foreign_topic_key_policy(f, &role));
    let mut services = crate::plan::deployment::api_services(ctx.plan, f);
    if ctx.slack_input_of(f).is_some() {
        services.push("ssm");
    }
    let caller_vpc = ctx.function_vpc_option(f, &role, &services)?;

    let json: Vec<serde_json::Value> = targets.iter().map(|t| t.json.clone()).collect();
    let mut environment = vec![
        ("TASKS".to_string(), lit(tasks_list(&tasks))),
        ("METRIC_NAMESPACE".to_string(), lit(METRIC_NAMESPACE)),
        ("SNAPSHOT_PREFIX".to_string(), lit("drplan")),
        ("TARGETS".to_string(), lit(serde_json::Value::Array(json).to_string())),
    ];
    if ctx.has_param(super::backup::RETENTION_PARAM)
        && targets
            .iter()
            .any(|t| t.json.get("retention_days").is_some_and(serde_json::Value::is_null))
    {
        let days = ctx.use_param(StackId::Primary, super::backup::RETENTION_PARAM);
        environment.push(("RETENTION_DAYS".into(), days));
    }
    environment.extend(env);
    environment.extend(targets.into_iter().map(|t| t.env));

    let vpc_security_group = if f.in_vpc {
        statements.push(vpc_network_interfaces());
        Some(super::network::function_security_group(ctx, &format!("{short}-function-sg"), &f.id))
    } else {
        None
    };
    let role_skips = if f.in_vpc {
        vec![skip(
            Tool::Checkov,
            "CKV_AWS_111",
            "Lambda creates and deletes the function's network interfaces in the VPC; EC2 authorises those calls only on all resources",
        )]
    } else {
        Vec::new()
    };
    ctx.push(
        Resource::new(
            &role,
            StackId::Primary,
            Some(&f.id),
            Kind::Role(Role {
                service: "lambda.amazonaws.com".into(),
                description: format!(
                    "Execution role of backup function {}",
                    super::describe_id(&f.id)
                ),
                statements,
                managed_policies: Vec::new(),
                separate_policy: false,
                name: None,
            }),
        )
        .with_skips(role_skips),
    );
    for (list, statements) in group_policies.into_iter().filter(|(_, s)| !s.is_empty()) {
        let list_short = ctx.short(&list.replace('_', "-"));
        let policy = ctx.unique(&format!("{short}-{list_short}-policy"));
        let mut resource = Resource::new(
            &policy,
            StackId::Primary,
            Some(&f.id),
            Kind::RolePolicy(super::kinds::RolePolicy {
                role: role.clone(),
                name: Expr::join(vec![lit(format!("{list_short}-")), Expr::Item]),
                statements,
            }),
        );
        resource.for_each = Some(list);
        ctx.push(resource);
    }
    let key = ctx.infra_key();
    let function = Function {
        name: ctx.physical(StackId::Primary, &short),
        description: format!(
            "drplan backup orchestration ({}) for component {}",
            tasks_list(&tasks),
            super::describe_id(&f.id)
        ),
        code_dir: BACKUP_CODE.into(),
        handler: "handler.handler".into(),
        runtime: ctx.function_runtime(f),
        memory_mb: ctx.bound_num(
            &format!("components.{}.memory_mb", f.id),
            f.memory_mb.clamp(128, 10_240),
            StackId::Primary,
            (128, 10_240),
            &format!(
                "Memory of the backup function of component {} (MB)",
                super::describe_id(&f.id)
            ),
        ),
        timeout_seconds: ctx.bound_num(
            &format!("components.{}.timeout_seconds", f.id),
            f.timeout_seconds.clamp(1, 900),
            StackId::Primary,
            (1, 900),
            &format!(
                "Time limit of a run of the backup function of component {} (seconds)",
                super::describe_id(&f.id)
            ),
        ),
        architecture: if f.architecture == Architecture::Arm64 {
            Arch::Arm64
        } else {
            Arch::X86_64
        },
        role: role.clone(),
        log_group: log_res.clone(),
        environment,
        environment_key_arn: attr(&key, Attr::Arn),
        reserved_concurrency: reserved.clone(),
        dead_letter_topic: topic.clone(),
        vpc_security_group: vpc_security_group
            .or(caller_vpc.as_ref().map(|v| v.security_group.clone())),
        vpc_subnets: caller_vpc.as_ref().map(|v| v.subnets.clone()),
        vpc_when: caller_vpc.as_ref().map(|v| v.when.clone()),
    };
    let mut skips = function_skips(topic.is_some(), f.in_vpc, reserved.is_some());
    if let Some(vpc) = &caller_vpc {
        for k in skips.iter_mut().filter(|k| k.rule == "CKV_AWS_117") {
            k.reason = "the function runs in the caller's VPC where subnet_ids is given (empty by default: it only calls AWS APIs, which a VPC without NAT or endpoints cannot reach)".into();
        }
        let _ = vpc;
    }
    let mut resource =
        Resource::new(&name, StackId::Primary, Some(&f.id), Kind::Function(function))
            .with_skips(skips);
    if let Some(vpc) = &caller_vpc {
        resource.checks.extend(ctx.vpc_checks(f, vpc));
    }
    ctx.push(resource);
    for r in caller_vpc.into_iter().flat_map(|v| v.later).chain(later) {
        ctx.push(r);
    }
    if let Some(n) = f.reserved_concurrency {
        ctx.notes.after_deploy.push(format!(
            "Function {} reserves {n} concurrent executions (reserved concurrency). Lambda refuses a reservation that would leave the account's unreserved concurrency below its minimum (100 on accounts at the default quota of 1,000; new accounts can start with a quota of 10): check UnreservedConcurrentExecutions with `aws lambda get-account-settings` before deploying, and request a quota increase if it is too low.",
            super::describe_id(&f.id)
        ));
    }
    ctx.remember(&f.id, "function", &name);
    ctx.output(
        &format!("{short}-function-name"),
        StackId::Primary,
        attr(&name, Attr::Name),
        format!("Name of the backup function of component {}", super::describe_id(&f.id)),
    );
    ctx.output(
        &format!("{short}-function-arn"),
        StackId::Primary,
        attr(&name, Attr::Arn),
        format!("ARN of the backup function of component {}", super::describe_id(&f.id)),
    );
    ctx.output(
        &format!("{short}-role-arn"),
        StackId::Primary,
        attr(&role, Attr::Arn),
        format!("ARN of the execution role of component {}", super::describe_id(&f.id)),
    );
    ctx.output(
        &format!("{short}-log-group-name"),
        StackId::Primary,
        attr(&log_res, Attr::Name),
        format!("Log group of component {}", super::describe_id(&f.id)),
    );
    ctx.output(
        &format!("{short}-log-group-arn"),
        StackId::Primary,
        attr(&log_res, Attr::Arn),
        format!("ARN of the log group of component {}", super::describe_id(&f.id)),
    );
    Ok(())
}

fn tasks_list(tasks: &[LambdaTask]) -> String {
    let names: Vec<&str> = tasks
        .iter()
        .map(|t| match t {
            LambdaTask::Snapshot => "snapshot",
            LambdaTask::Export => "export",
            LambdaTask::Cleanup => "cleanup",
            LambdaTask::Verify => "verify",
            LambdaTask::Copy => "copy",
        })
        .collect();
    names.join(",")
}

pub(super) fn visit_functions(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    match c {
        Component::LambdaFunction(f) => backup_function(ctx, f),
        _ => Ok(()),
    }
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
