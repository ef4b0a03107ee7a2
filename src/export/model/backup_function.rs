//! The backup function of a `lambda_function` component: its code, its least-privilege
//! role (grants follow the tasks and targets the plan gives it), the function itself
//! and its outputs. The shared pieces (log group, base grants, skips) are in
//! [`super::lambda`].
//!
//! The steps run in a fixed order because each one may name resources, inputs or
//! parameters in the context, and those names must come out the same on every export.

use super::build::{Ctx, METRIC_NAMESPACE};
use super::expr::{account, arn, attr, lit, region, Attr, Expr, Num, Statement};
use super::kinds::{Arch, Function, Kind, Role};
use super::lambda::TargetConfig;
use super::lambda::{
    base_statements, function_skips, log_group, publish_metrics, publish_to_topic, skip,
    vpc_network_interfaces,
};
use super::options::FunctionVpc;
use super::{Resource, StackId, Tool};
use crate::export::ExportError;
use crate::plan::{Architecture, Component, LambdaFunction, LambdaTask};

const BACKUP_CODE: &str = "lambda/backup";

pub(super) fn visit_functions(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    match c {
        Component::LambdaFunction(f) => backup_function(ctx, f),
        _ => Ok(()),
    }
}

/// What the function may do and what it is told, before its role exists.
struct Grants {
    statements: Vec<Statement>,
    /// Variables the targets and options add, after the fixed ones.
    env: Vec<(String, Expr)>,
    targets: Vec<TargetConfig>,
    group_policies: Vec<(String, Vec<Statement>)>,
    /// The topic told of failed runs, when the plan names one in this bundle.
    topic: Option<String>,
}

fn backup_function(ctx: &mut Ctx, f: &LambdaFunction) -> Result<(), ExportError> {
    let short = ctx.short(&f.id);
    ctx.add_asset(
        &format!("{BACKUP_CODE}/handler.py"),
        include_str!("../assets/backup_handler.py"),
    );
    let log_res = log_group(ctx, &f.id, &short, f.log_retention_days);
    let name = ctx.unique(&format!("{short}-function"));
    let mut grants = grants(ctx, f, &short, &name, &log_res)?;

    let role = ctx.unique(&format!("{short}-role"));
    let reserved =
        ctx.function_options(f, &mut grants.env).or(f.reserved_concurrency.map(Num::Lit));
    // The backup window is checked on the instances, and a backup in progress waited out.
    if grants.env.iter().any(|(k, _)| k == "BACKUP_WINDOW") {
        if let Some(st) = grants.statements.iter_mut().find(|s| s.sid == "DescribeSnapshots") {
            st.actions.push("rds:DescribeDBInstances".into());
            st.nag_reason = Some("RDS describe calls are read-only and are authorised against every snapshot and instance of the account".into());
        }
    }
    let mut later = Vec::new();
    if let Some(t) = &grants.topic {
        if let Some((variable, after)) = ctx.slack_option(f, t, &role, &name) {
            grants.env.push(variable);
            later.extend(after);
        }
    }
    later.extend(ctx.foreign_topic_key_policy(f, &role));
    let mut services = crate::plan::deployment::api_services(ctx.plan, f);
    if ctx.slack_input_of(f).is_some() {
        services.push("ssm");
    }
    let caller_vpc = ctx.function_vpc_option(f, &role, &services)?;
    let environment = environment(ctx, f, &mut grants);

    let own_security_group = push_role(ctx, f, &short, &role, grants.statements);
    push_group_policies(ctx, f, &short, &role, grants.group_policies);
    let parts = FunctionParts { role: &role, log_group: &log_res, topic: grants.topic, reserved };
    let function = function(ctx, f, &short, parts, environment, own_security_group, &caller_vpc);
    push_function(ctx, f, &name, function, &caller_vpc);
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
    outputs(ctx, f, &short, &name, &role, &log_res);
    Ok(())
}

/// The grants and variables the function's tasks and targets need.
fn grants(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    short: &str,
    name: &str,
    log_res: &str,
) -> Result<Grants, ExportError> {
    let mut statements = base_statements(ctx, log_res);
    let mut env: Vec<(String, Expr)> = Vec::new();
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
        copy_grants(ctx, f, &mut statements, &mut env);
    }
    if exports {
        super::rds_export::export_permissions(ctx, f, short, &mut statements, &mut env)?;
    }
    if f.tasks.contains(&LambdaTask::Copy) {
        super::copy::source(ctx, f, short, name, &mut statements, &mut env);
    }
    statements.push(publish_metrics("PublishBackupMetrics", "the backup metrics"));
    let topic = f.notify_topic.as_deref().and_then(|id| super::monitoring::topic_resource(ctx, id));
    if let Some(t) = &topic {
        let key = ctx.infra_key();
        statements.extend(publish_to_topic(["NotifyFailures", "EncryptNotifications"], t, &key));
        env.push(("NOTIFY_TOPIC_ARN".into(), attr(t, Attr::Arn)));
    }
    Ok(Grants { statements, env, targets, group_policies, topic })
}

/// Copying snapshots to the DR region: the DR key by its alias, the source keys only
/// through RDS, and the switch when the plan binds it to an input.
fn copy_grants(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    statements: &mut Vec<Statement>,
    env: &mut Vec<(String, Expr)>,
) {
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

/// The function's variables: the fixed ones first, then the grants', then the targets'.
fn environment(ctx: &mut Ctx, f: &LambdaFunction, grants: &mut Grants) -> Vec<(String, Expr)> {
    let json: Vec<serde_json::Value> = grants.targets.iter().map(|t| t.json.clone()).collect();
    let mut environment = vec![
        ("TASKS".to_string(), lit(tasks_list(&f.tasks))),
        ("METRIC_NAMESPACE".to_string(), lit(METRIC_NAMESPACE)),
        ("SNAPSHOT_PREFIX".to_string(), lit("drplan")),
        ("TARGETS".to_string(), lit(serde_json::Value::Array(json).to_string())),
    ];
    if ctx.has_param(super::backup::RETENTION_PARAM)
        && grants
            .targets
            .iter()
            .any(|t| t.json.get("retention_days").is_some_and(serde_json::Value::is_null))
    {
        let days = ctx.use_param(StackId::Primary, super::backup::RETENTION_PARAM);
        environment.push(("RETENTION_DAYS".into(), days));
    }
    environment.append(&mut grants.env);
    environment.extend(std::mem::take(&mut grants.targets).into_iter().map(|t| t.env));
    environment
}

/// The execution role; for a function the plan puts in a VPC, also its security group,
/// which is returned.
fn push_role(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    short: &str,
    role: &str,
    mut statements: Vec<Statement>,
) -> Option<String> {
    let security_group = if f.in_vpc {
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
            role,
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
    security_group
}

/// One policy per element of each list input the targets grant on.
fn push_group_policies(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    short: &str,
    role: &str,
    group_policies: Vec<(String, Vec<Statement>)>,
) {
    for (list, statements) in group_policies.into_iter().filter(|(_, s)| !s.is_empty()) {
        let list_short = ctx.short(&list.replace('_', "-"));
        let policy = ctx.unique(&format!("{short}-{list_short}-policy"));
        let mut resource = Resource::new(
            &policy,
            StackId::Primary,
            Some(&f.id),
            Kind::RolePolicy(super::kinds::RolePolicy {
                role: role.to_string(),
                name: Expr::join(vec![lit(format!("{list_short}-")), Expr::Item]),
                statements,
            }),
        );
        resource.for_each = Some(list);
        ctx.push(resource);
    }
}

/// The resources a function refers to, made by the earlier steps.
struct FunctionParts<'a> {
    role: &'a str,
    log_group: &'a str,
    topic: Option<String>,
    reserved: Option<Num>,
}

fn function(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    short: &str,
    parts: FunctionParts,
    environment: Vec<(String, Expr)>,
    own_security_group: Option<String>,
    caller_vpc: &Option<FunctionVpc>,
) -> Function {
    let key = ctx.infra_key();
    let id = super::describe_id(&f.id);
    Function {
        name: ctx.physical(StackId::Primary, short),
        description: format!(
            "drplan backup orchestration ({}) for component {id}",
            tasks_list(&f.tasks)
        ),
        code_dir: BACKUP_CODE.into(),
        handler: "handler.handler".into(),
        runtime: ctx.function_runtime(f),
        memory_mb: ctx.bound_num(
            &format!("components.{}.memory_mb", f.id),
            f.memory_mb.clamp(128, 10_240),
            StackId::Primary,
            (128, 10_240),
            &format!("Memory of the backup function of component {id} (MB)"),
        ),
        timeout_seconds: ctx.bound_num(
            &format!("components.{}.timeout_seconds", f.id),
            f.timeout_seconds.clamp(1, 900),
            StackId::Primary,
            (1, 900),
            &format!("Time limit of a run of the backup function of component {id} (seconds)"),
        ),
        architecture: if f.architecture == Architecture::Arm64 {
            Arch::Arm64
        } else {
            Arch::X86_64
        },
        role: parts.role.to_string(),
        log_group: parts.log_group.to_string(),
        environment,
        environment_key_arn: attr(&key, Attr::Arn),
        reserved_concurrency: parts.reserved,
        dead_letter_topic: parts.topic,
        vpc_security_group: own_security_group
            .or(caller_vpc.as_ref().map(|v| v.security_group.clone())),
        vpc_subnets: caller_vpc.as_ref().map(|v| v.subnets.clone()),
        vpc_when: caller_vpc.as_ref().map(|v| v.when.clone()),
    }
}

fn push_function(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    name: &str,
    function: Function,
    caller_vpc: &Option<FunctionVpc>,
) {
    let mut skips = function_skips(
        function.dead_letter_topic.is_some(),
        f.in_vpc,
        function.reserved_concurrency.is_some(),
    );
    if caller_vpc.is_some() {
        for k in skips.iter_mut().filter(|k| k.rule == "CKV_AWS_117") {
            k.reason = "the function runs in the caller's VPC where subnet_ids is given (empty by default: it only calls AWS APIs, which a VPC without NAT or endpoints cannot reach)".into();
        }
    }
    let mut resource = Resource::new(name, StackId::Primary, Some(&f.id), Kind::Function(function))
        .with_skips(skips);
    if let Some(vpc) = caller_vpc {
        resource.checks.extend(ctx.vpc_checks(f, vpc));
    }
    ctx.push(resource);
}

fn outputs(ctx: &mut Ctx, f: &LambdaFunction, short: &str, name: &str, role: &str, logs: &str) {
    let id = super::describe_id(&f.id);
    let all = [
        (
            "function-name",
            name,
            Attr::Name,
            format!("Name of the backup function of component {id}"),
        ),
        ("function-arn", name, Attr::Arn, format!("ARN of the backup function of component {id}")),
        ("role-arn", role, Attr::Arn, format!("ARN of the execution role of component {id}")),
        ("log-group-name", logs, Attr::Name, format!("Log group of component {id}")),
        ("log-group-arn", logs, Attr::Arn, format!("ARN of the log group of component {id}")),
    ];
    for (suffix, resource, attribute, description) in all {
        ctx.output(
            &format!("{short}-{suffix}"),
            StackId::Primary,
            attr(resource, attribute),
            description,
        );
    }
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
