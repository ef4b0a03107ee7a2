//! The checking half of restore testing ([`super::restore_testing`]): the
//! validation function that EventBridge runs on each restore job, with its role and
//! log group, and the alarms on the duration and the failures it publishes.

use super::build::{Ctx, METRIC_NAMESPACE};
use super::expr::{attr, lit, Attr, Expr, Statement};
use super::kinds::{
    Alarm, AlarmSource, Arch, EventPattern, Function, Kind, Metric, Role, Rule, RuleTarget,
};
use super::lambda::{
    base_statements, function_skips, log_group, publish_metrics, publish_to_topic, RUNTIME,
};
use super::{Resource, StackId};
use crate::plan::Component;

const CODE_DIR: &str = "lambda/restore_test";
/// The metrics the validation function publishes, per restore testing plan.
pub const DURATION_METRIC: &str = "RestoreTestDurationMinutes";
pub const FAILURE_METRIC: &str = "RestoreTestFailures";

/// The validation function and the EventBridge rule that runs it on restore jobs.
/// `tests` is its `RESTORE_TESTS` configuration.
pub(super) fn validation(ctx: &mut Ctx, owner: &str, tests: Expr, topic: Option<String>) {
    let function = validation_function(ctx, owner, tests, topic);
    let rule_res = ctx.unique("restore-test-events");
    let rule = Rule {
        description: "drplan: restore test jobs, to the validation function".into(),
        schedule: None,
        pattern: Some(EventPattern {
            source: vec!["aws.backup".into()],
            detail_type: vec!["Restore Job State Change".into()],
            // No filter on the job's state: AWS Backup's events name it `status` in
            // some event types and `state` in others, and a filter on the wrong one
            // would match nothing. The function reads the state with
            // DescribeRestoreJob and ignores jobs still pending or running.
            detail: Vec::new(),
        }),
        // The function reads the job from the event itself.
        targets: vec![RuleTarget::Function { function, input: None }],
    };
    ctx.push(Resource::new(&rule_res, StackId::Primary, Some(owner), Kind::Rule(rule)));
}

/// The duration alarm (over `budget` minutes) and the failure alarm of one restore
/// testing plan.
pub(super) fn alarms(
    ctx: &mut Ctx,
    component: &str,
    plan_res: &str,
    plan_name: &Expr,
    budget: f64,
    topic: Option<String>,
) {
    duration_alarm(ctx, component, plan_res, plan_name, budget, topic.clone());
    failure_alarm(ctx, component, plan_res, plan_name, topic);
}

/// The topic the restore-test alarms notify: the one of a backup plan protecting
/// the component, else the monitoring component's.
pub(super) fn alarm_topic(ctx: &Ctx, component: &str) -> Option<String> {
    let plan = ctx.plan.components.iter().find_map(|c| match c {
        Component::BackupPlan(p) if p.protects.iter().any(|x| x == component) => {
            p.notify_topic.clone()
        }
        _ => None,
    });
    let monitoring = ctx.plan.components.iter().find_map(|c| match c {
        Component::Monitoring(m) => m.notify_topic.clone(),
        _ => None,
    });
    plan.or(monitoring).and_then(|id| super::monitoring::topic_resource(ctx, &id))
}

fn metric(name: &str, plan_name: &Expr) -> Metric {
    Metric {
        namespace: METRIC_NAMESPACE.into(),
        name: name.into(),
        statistic: "Maximum",
        dimensions: vec![("RestoreTestingPlan".into(), plan_name.clone())],
    }
}

fn duration_alarm(
    ctx: &mut Ctx,
    component: &str,
    plan_res: &str,
    plan_name: &Expr,
    budget: f64,
    topic: Option<String>,
) {
    let name = ctx.unique(&format!("{plan_res}-duration-alarm"));
    let alarm = Alarm {
        name: ctx.physical(StackId::Primary, &format!("{plan_res}-duration")),
        description: format!(
            "drplan: weekly restore test of {} took longer than the {budget} min its RTO target leaves the restore",
            super::describe_id(component)
        ),
        source: AlarmSource::Metric(metric(DURATION_METRIC, plan_name)),
        threshold: budget,
        period_seconds: 3600,
        evaluation_periods: 1,
        treat_missing_data: "notBreaching",
        topic,
    };
    ctx.push(Resource::new(&name, StackId::Primary, Some(component), Kind::Alarm(alarm)));
}

fn failure_alarm(
    ctx: &mut Ctx,
    component: &str,
    plan_res: &str,
    plan_name: &Expr,
    topic: Option<String>,
) {
    let name = ctx.unique(&format!("{plan_res}-failure-alarm"));
    let alarm = Alarm {
        name: ctx.physical(StackId::Primary, &format!("{plan_res}-failed")),
        description: format!(
            "drplan: weekly restore test of {} failed or was aborted",
            super::describe_id(component)
        ),
        source: AlarmSource::Metric(metric(FAILURE_METRIC, plan_name)),
        threshold: 0.0,
        period_seconds: 3600,
        evaluation_periods: 1,
        treat_missing_data: "notBreaching",
        topic,
    };
    ctx.push(Resource::new(&name, StackId::Primary, Some(component), Kind::Alarm(alarm)));
}

/// The validation function, its role and log group.
fn validation_function(ctx: &mut Ctx, owner: &str, tests: Expr, topic: Option<String>) -> String {
    ctx.add_asset(
        &format!("{CODE_DIR}/handler.py"),
        include_str!("../assets/restore_test_handler.py"),
    );
    let log_res = log_group(ctx, owner, "restore-tests", 365);
    let mut statements = base_statements(ctx, &log_res);
    statements.push(
        Statement::allow("ReadAndValidateRestoreJobs", &["backup:DescribeRestoreJob", "backup:PutRestoreValidationResult"], vec![lit("*")])
            .because("restore jobs are not an IAM resource type: AWS Backup authorises these calls only on all resources; the function acts only on jobs of this bundle's restore testing plans"),
    );
    statements.push(publish_metrics("PublishRestoreTestMetrics", "the bundle's metrics"));
    let key = ctx.infra_key();
    if let Some(t) = &topic {
        statements.extend(publish_to_topic(["DeadLetters", "EncryptDeadLetters"], t, &key));
    }
    let role = ctx.unique("restore-test-function-role");
    ctx.push(Resource::new(
        &role,
        StackId::Primary,
        Some(owner),
        Kind::Role(Role {
            service: "lambda.amazonaws.com".into(),
            description: "Execution role of the restore test validation function".into(),
            statements,
            managed_policies: Vec::new(),
            separate_policy: false,
            name: None,
        }),
    ));
    let name = ctx.unique("restore-test-function");
    let function = Function {
        name: ctx.physical(StackId::Primary, "restore-tests"),
        description: "drplan: measures and validates AWS Backup restore tests".into(),
        code_dir: CODE_DIR.into(),
        handler: "handler.handler".into(),
        runtime: lit(RUNTIME),
        memory_mb: super::expr::Num::Lit(128),
        timeout_seconds: super::expr::Num::Lit(60),
        architecture: Arch::Arm64,
        role,
        log_group: log_res,
        environment: vec![
            ("METRIC_NAMESPACE".into(), lit(METRIC_NAMESPACE)),
            ("RESTORE_TESTS".into(), tests),
        ],
        environment_key_arn: attr(&key, Attr::Arn),
        reserved_concurrency: None,
        dead_letter_topic: topic.clone(),
        vpc_security_group: None,
        vpc_subnets: None,
        vpc_when: None,
    };
    let skips = function_skips(topic.is_some(), false, false);
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(owner), Kind::Function(function))
            .with_skips(skips),
    );
    name
}
