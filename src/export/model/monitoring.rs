//! Notifications and monitoring: SNS topics with email subscriptions, CloudWatch
//! alarms for each `monitoring.alarms` entry, and dashboards.

use super::build::{param, Ctx, METRIC_NAMESPACE};
use super::expr::{attr, lit, Attr, Expr};
use super::kinds::{Alarm, AlarmSource, Dashboard, Kind, Metric, Topic, Widget};
use super::{ParamKind, Resource, StackId};
use crate::export::ExportError;
use crate::plan::{Alarm as PlanAlarm, AlarmMetric, Component, Monitoring, SnsTopic};

pub(super) const EMAIL_PARAM: &str = "notification_email";
/// The id S3 replication rules get, which replication metrics name as `RuleId`.
pub const REPLICATION_RULE_ID: &str = "drplan-replication";

pub(super) fn visit_topics(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    if let Component::SnsTopic(t) = c {
        topic(ctx, t);
    }
    Ok(())
}

/// The first subscribed address of the plan becomes the `notification_email`
/// parameter (seed 000's context value); every other address is written as is.
fn topic(ctx: &mut Ctx, t: &SnsTopic) {
    let short = ctx.short(&t.id);
    let key = ctx.infra_key();
    let mut emails = Vec::new();
    for (i, email) in t.email_subscriptions.iter().enumerate().take(50) {
        if i == 0 && !ctx.has_param(EMAIL_PARAM) {
            ctx.define_param(param(
                EMAIL_PARAM,
                ParamKind::Email,
                Some(email.clone()),
                "Address that receives backup alerts (the plan's first subscription)",
            ));
            emails.push(ctx.use_param(StackId::Primary, EMAIL_PARAM));
        } else {
            emails.push(lit(email.clone()));
        }
    }
    let name = ctx.unique(&format!("{short}-topic"));
    let topic = Topic { key_arn: attr(&key, Attr::Arn), emails, publishers: Vec::new() };
    ctx.push(Resource::new(&name, StackId::Primary, Some(&t.id), Kind::Topic(topic)));
    ctx.remember(&t.id, "topic", &name);
    ctx.output(
        &format!("{short}-topic-arn"),
        StackId::Primary,
        attr(&name, Attr::Arn),
        format!("ARN of the SNS topic of component {}", super::describe_id(&t.id)),
    );
    ctx.output(
        &format!("{short}-topic-name"),
        StackId::Primary,
        attr(&name, Attr::Name),
        format!("Name of the SNS topic of component {}", super::describe_id(&t.id)),
    );
    if !t.email_subscriptions.is_empty() {
        ctx.notes.after_deploy.push(format!(
            "Each address subscribed to topic {} receives a confirmation email from AWS: alerts arrive only after the link in it is followed.",
            super::describe_id(&t.id)
        ));
    }
}

/// The resource name of an `sns_topic` component.
pub(super) fn topic_resource(ctx: &Ctx, id: &str) -> Option<String> {
    ctx.lookup(id, "topic")
}

/// Lets an AWS service (EventBridge, CloudWatch alarms) publish to a topic: the
/// topic policy names it, and the topic's key lets it encrypt the messages.
pub(super) fn allow_service_publish(ctx: &mut Ctx, topic: &str, service: &str) {
    if let Some(Resource { kind: Kind::Topic(t), .. }) = ctx.resource_mut(topic) {
        if !t.publishers.iter().any(|p| p == service) {
            t.publishers.push(service.into());
        }
    }
    let key = ctx.infra_key();
    ctx.allow_service_publish(&key, service);
}

pub(super) fn visit_monitoring(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    let Component::Monitoring(m) = c else { return Ok(()) };
    let topic = m.notify_topic.as_deref().and_then(|id| topic_resource(ctx, id));
    if let Some(t) = &topic {
        if !m.alarms.is_empty() {
            allow_service_publish(ctx, t, "cloudwatch.amazonaws.com");
        }
    }
    let mut widgets = Vec::new();
    if !m.custom_metrics.is_empty() {
        let metrics = m
            .custom_metrics
            .iter()
            .take(20)
            .map(|name| Metric {
                namespace: METRIC_NAMESPACE.into(),
                name: clean_name(name, 255),
                statistic: "Sum",
                dimensions: Vec::new(),
            })
            .collect();
        widgets.push(Widget { title: "Backup metrics".into(), metrics, period_seconds: 300 });
    }
    for a in m.alarms.iter().take(500) {
        if let Some(alarm) = alarm(ctx, m, a, topic.clone()) {
            let metrics = match &alarm.source {
                AlarmSource::Metric(metric) => vec![metric.clone()],
                AlarmSource::Sum { metrics, .. } => metrics.clone(),
            };
            widgets.push(Widget {
                title: clean_name(&a.name, 100),
                metrics,
                period_seconds: alarm.period_seconds,
            });
            let short = ctx.short(&m.id);
            let name = ctx.unique(&format!("{short}-{}-alarm", crate::export::text::slug(&a.name)));
            ctx.push(Resource::new(&name, StackId::Primary, Some(&m.id), Kind::Alarm(alarm)));
        }
    }
    let count = m.dashboards.min(10);
    let short = ctx.short(&m.id);
    for n in 1..=count {
        let suffix = if count == 1 { short.clone() } else { format!("{short}-{n}") };
        let name = ctx.unique(&format!("{suffix}-dashboard"));
        let physical = ctx.physical(StackId::Primary, &suffix);
        ctx.push(Resource::new(
            &name,
            StackId::Primary,
            Some(&m.id),
            Kind::Dashboard(Dashboard { name: physical, widgets: widgets.clone() }),
        ));
        ctx.output(
            &format!("{name}-name"),
            StackId::Primary,
            attr(&name, Attr::Name),
            format!("Name of CloudWatch dashboard {n} of component {}", super::describe_id(&m.id)),
        );
    }
    Ok(())
}

/// Letters, digits, `-`, `_` and `.`: what alarm and metric names of a valid plan
/// contain; anything else (only in unvalidated plans) is dropped.
fn clean_name(text: &str, max: usize) -> String {
    let s: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
        .take(max)
        .collect();
    if s.is_empty() {
        "alarm".into()
    } else {
        s
    }
}

fn metric(
    namespace: &str,
    name: &str,
    statistic: &'static str,
    dimensions: Vec<(String, Expr)>,
) -> Metric {
    Metric { namespace: namespace.into(), name: name.into(), statistic, dimensions }
}

fn alarm(ctx: &mut Ctx, m: &Monitoring, a: &PlanAlarm, topic: Option<String>) -> Option<Alarm> {
    let target = a.component.clone().unwrap_or_default();
    let mut breaching = false;
    let source = match a.metric {
        AlarmMetric::BackupFailure => {
            AlarmSource::Metric(metric(METRIC_NAMESPACE, "BackupFailure", "Sum", Vec::new()))
        }
        AlarmMetric::SnapshotAgeHours => {
            // No data means the function stopped reporting: treat that as too old.
            breaching = true;
            AlarmSource::Metric(metric(METRIC_NAMESPACE, "SnapshotAge", "Maximum", Vec::new()))
        }
        AlarmMetric::BackupJobsFailed => {
            AlarmSource::Metric(metric("AWS/Backup", "NumberOfBackupJobsFailed", "Sum", Vec::new()))
        }
        AlarmMetric::ReplicationLatencySeconds | AlarmMetric::ReplicationFailures => {
            let source = super::databases::data_name(ctx, &target)?;
            let short = ctx.short(&target);
            let replica = ctx.lookup(&target, "replica")?;
            let project = ctx.use_param(StackId::Primary, "project_name");
            let destination = super::expr::cross(
                &replica,
                Attr::Name,
                Expr::join(vec![project, lit(format!("-{short}-")), super::expr::account()]),
            );
            let dims = vec![
                ("SourceBucket".into(), source),
                ("DestinationBucket".into(), destination),
                ("RuleId".into(), lit(REPLICATION_RULE_ID)),
            ];
            if a.metric == AlarmMetric::ReplicationLatencySeconds {
                AlarmSource::Metric(metric("AWS/S3", "ReplicationLatency", "Maximum", dims))
            } else {
                AlarmSource::Metric(metric("AWS/S3", "OperationsFailedReplication", "Sum", dims))
            }
        }
        AlarmMetric::LambdaErrors => {
            let f = ctx.lookup(&target, "function")?;
            AlarmSource::Metric(metric(
                "AWS/Lambda",
                "Errors",
                "Sum",
                vec![("FunctionName".into(), attr(&f, Attr::Name))],
            ))
        }
        AlarmMetric::DatabaseCpuPercent | AlarmMetric::DatabaseConnections => {
            let dim = match ctx.plan.component(&target) {
                Some(Component::AuroraCluster(_)) => "DBClusterIdentifier",
                Some(Component::RdsInstance(_)) => "DBInstanceIdentifier",
                _ => return None,
            };
            let id = super::databases::data_name(ctx, &target)?;
            let name = if a.metric == AlarmMetric::DatabaseCpuPercent {
                "CPUUtilization"
            } else {
                "DatabaseConnections"
            };
            AlarmSource::Metric(metric("AWS/RDS", name, "Average", vec![(dim.into(), id)]))
        }
        AlarmMetric::DynamodbThrottles => {
            let table = super::databases::data_name(ctx, &target)?;
            let dims = vec![("TableName".to_string(), table)];
            AlarmSource::Sum {
                label: "Throttled reads and writes".into(),
                metrics: vec![
                    metric("AWS/DynamoDB", "ReadThrottleEvents", "Sum", dims.clone()),
                    metric("AWS/DynamoDB", "WriteThrottleEvents", "Sum", dims),
                ],
            }
        }
    };
    let physical = ctx.physical(StackId::Primary, &clean_name(&a.name, 100));
    Some(Alarm {
        name: physical,
        description: format!(
            "drplan: alarm {} of component {}",
            clean_name(&a.name, 100),
            super::describe_id(&m.id)
        ),
        source,
        threshold: if a.threshold.is_finite() { a.threshold } else { 0.0 },
        period_seconds: a.period_minutes.clamp(1, 1440) * 60,
        evaluation_periods: a.evaluation_periods.clamp(1, 1440),
        treat_missing_data: if breaching { "breaching" } else { "notBreaching" },
        topic,
    })
}
