//! Checks of the supporting components: Lambda, schedules, SNS, CloudWatch, KMS,
//! VPC endpoints, configuration backups and Route 53 failover.

use super::rules::{is_simple_name, is_valid_email, is_valid_hostname, LOG_RETENTION_DAYS};
use super::{Checker, Path};
use crate::plan::schedule_expr::ScheduleExpr;
use crate::plan::untrusted::quoted;
use crate::plan::{
    AlarmMetric, ComponentKind, ConfigBackup, DnsFailover, KmsKey, LambdaFunction, LambdaTask,
    Monitoring, Schedule, SnsTopic, VpcEndpoints,
};

fn log_retention(c: &mut Checker, path: Path, days: u32) {
    if !LOG_RETENTION_DAYS.contains(&days) {
        c.error(
            path(),
            format!(
                "is {days}; CloudWatch Logs keeps logs for one of {:?} days",
                LOG_RETENTION_DAYS
            ),
        );
    }
}

fn topic(c: &mut Checker, path: Path, topic: &Option<String>) {
    if let Some(t) = topic {
        c.reference(path, t, &[ComponentKind::SnsTopic]);
    }
}

pub(super) fn lambda_function(c: &mut Checker, at: &str, f: &LambdaFunction) {
    if f.tasks.is_empty() {
        c.error(
            format!("{at}.tasks"),
            "choose at least one task: snapshot, export, cleanup or verify",
        );
    }
    let mut tasks = f.tasks.clone();
    tasks.sort();
    tasks.dedup();
    if tasks.len() != f.tasks.len() {
        c.error(format!("{at}.tasks"), "lists a task twice");
    }
    let databases = [ComponentKind::RdsInstance, ComponentKind::AuroraCluster];
    let needs_database = f
        .tasks
        .iter()
        .any(|t| matches!(t, LambdaTask::Snapshot | LambdaTask::Export | LambdaTask::Cleanup));
    for (i, target) in f.targets.iter().enumerate() {
        if needs_database {
            c.reference(&|| format!("{at}.targets[{i}]"), target, &databases);
        } else {
            c.reference(
                &|| format!("{at}.targets[{i}]"),
                target,
                &[
                    ComponentKind::RdsInstance,
                    ComponentKind::AuroraCluster,
                    ComponentKind::S3Bucket,
                    ComponentKind::DynamodbTable,
                ],
            );
        }
    }
    if f.tasks.contains(&LambdaTask::Export) && !c.has_kind(ComponentKind::S3Bucket) {
        c.error(
            format!("{at}.tasks"),
            "the export task writes to S3: add an s3_bucket component to receive the exports",
        );
    }
    c.whole(&|| format!("{at}.memory_mb"), f.memory_mb, 128, 10_240, "MB");
    c.whole(&|| format!("{at}.timeout_seconds"), f.timeout_seconds, 1, 900, "seconds");
    c.number(
        &|| format!("{at}.average_duration_seconds"),
        f.average_duration_seconds,
        0.001,
        900.0,
        "seconds",
    );
    if f.average_duration_seconds.is_finite()
        && f.average_duration_seconds > f.timeout_seconds as f64
    {
        c.error(
            format!("{at}.average_duration_seconds"),
            format!(
                "is longer than the timeout ({} s); the runs would be cut off",
                f.timeout_seconds
            ),
        );
    }
    c.number(
        &|| format!("{at}.extra_invocations_per_month"),
        f.extra_invocations_per_month,
        0.0,
        1e9,
        "invocations",
    );
    log_retention(c, &|| format!("{at}.log_retention_days"), f.log_retention_days);
    topic(c, &|| format!("{at}.notify_topic"), &f.notify_topic);
}

pub(super) fn schedule(c: &mut Checker, at: &str, s: &Schedule) {
    if let Err(why) = ScheduleExpr::parse(&s.expression) {
        c.error(format!("{at}.expression"), why);
    }
    if s.target.is_empty() {
        c.error(format!("{at}.target"), "choose the lambda_function this schedule runs");
    } else {
        c.reference(&|| format!("{at}.target"), &s.target, &[ComponentKind::LambdaFunction]);
    }
    if !is_simple_name(&s.backup_type, 64) {
        c.error(format!("{at}.backup_type"), "must be 1–64 letters, digits, '-', '_' or '.'");
    }
}

pub(super) fn sns_topic(c: &mut Checker, at: &str, t: &SnsTopic) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, email) in t.email_subscriptions.iter().enumerate() {
        let path = format!("{at}.email_subscriptions[{i}]");
        if !is_valid_email(email) {
            c.error(
                path,
                format!("{} is not an email address such as ops@example.com", quoted(email)),
            );
        } else if !seen.insert(email.to_ascii_lowercase()) {
            c.error(path, format!("{} is subscribed twice", quoted(email)));
        }
    }
    if t.email_subscriptions.len() > 50 {
        c.error(format!("{at}.email_subscriptions"), "at most 50 email subscriptions");
    }
    if t.email_subscriptions.is_empty() {
        c.warn(
            format!("{at}.email_subscriptions"),
            "nobody is subscribed: alerts will reach no one",
        );
    }
    c.number(
        &|| format!("{at}.notifications_per_month"),
        t.notifications_per_month,
        0.0,
        1e9,
        "notifications",
    );
}

pub(super) fn monitoring(c: &mut Checker, at: &str, m: &Monitoring) {
    c.whole(&|| format!("{at}.dashboards"), m.dashboards, 0, 100, "dashboards");
    let mut names = std::collections::BTreeSet::new();
    for (i, alarm) in m.alarms.iter().enumerate().take(500) {
        let a = format!("{at}.alarms[{i}]");
        if !is_simple_name(&alarm.name, 100) {
            c.error(format!("{a}.name"), "alarm names are 1–100 letters, digits, '-', '_' or '.'");
        } else if !names.insert(alarm.name.as_str()) {
            c.error(
                format!("{a}.name"),
                format!("{} names another alarm already", quoted(&alarm.name)),
            );
        }
        let wanted: &[ComponentKind] = match alarm.metric {
            AlarmMetric::BackupFailure
            | AlarmMetric::SnapshotAgeHours
            | AlarmMetric::BackupJobsFailed => &[],
            AlarmMetric::ReplicationLatencySeconds | AlarmMetric::ReplicationFailures => {
                &[ComponentKind::S3Bucket]
            }
            AlarmMetric::LambdaErrors => &[ComponentKind::LambdaFunction],
            AlarmMetric::DatabaseCpuPercent | AlarmMetric::DatabaseConnections => {
                &[ComponentKind::RdsInstance, ComponentKind::AuroraCluster]
            }
            AlarmMetric::DynamodbThrottles => &[ComponentKind::DynamodbTable],
        };
        match (&alarm.component, wanted.is_empty()) {
            (Some(id), false) => c.reference(&|| format!("{a}.component"), id, wanted),
            (None, false) => c.error(
                format!("{a}.component"),
                "this metric belongs to a component: name which one",
            ),
            (Some(_), true) => c.warn(
                format!("{a}.component"),
                "this metric is account-wide; the component is ignored",
            ),
            (None, true) => {}
        }
        if matches!(
            alarm.metric,
            AlarmMetric::ReplicationLatencySeconds | AlarmMetric::ReplicationFailures
        ) {
            if let Some(crate::plan::Component::S3Bucket(b)) =
                alarm.component.as_deref().and_then(|id| c.component(id))
            {
                if b.replication.is_none() {
                    c.error(
                        format!("{a}.component"),
                        format!(
                            "{} does not replicate, so it has no replication metrics",
                            quoted(&b.id)
                        ),
                    );
                }
            }
        }
        c.number(&|| format!("{a}.threshold"), alarm.threshold, -1e12, 1e12, "");
        c.whole(&|| format!("{a}.period_minutes"), alarm.period_minutes, 1, 1440, "minutes");
        c.whole(
            &|| format!("{a}.evaluation_periods"),
            alarm.evaluation_periods,
            1,
            1440,
            "periods",
        );
        if alarm.period_minutes.saturating_mul(alarm.evaluation_periods) > 1440 {
            c.error(
                format!("{a}.evaluation_periods"),
                "period × evaluation periods may span at most one day (1440 minutes)",
            );
        }
    }
    if m.alarms.len() > 500 {
        c.error(format!("{at}.alarms"), "at most 500 alarms");
    }
    let mut metrics = std::collections::BTreeSet::new();
    for (i, metric) in m.custom_metrics.iter().enumerate() {
        if !is_simple_name(metric, 255) {
            c.error(
                format!("{at}.custom_metrics[{i}]"),
                "metric names are letters, digits, '-', '_' or '.'",
            );
        } else if !metrics.insert(metric.as_str()) {
            c.error(
                format!("{at}.custom_metrics[{i}]"),
                format!("{} is listed twice", quoted(metric)),
            );
        }
    }
    c.number(
        &|| format!("{at}.log_ingestion_gb_per_month"),
        m.log_ingestion_gb_per_month,
        0.0,
        1_000_000.0,
        "GB",
    );
    log_retention(c, &|| format!("{at}.log_retention_days"), m.log_retention_days);
    topic(c, &|| format!("{at}.notify_topic"), &m.notify_topic);
}

pub(super) fn kms_key(c: &mut Checker, at: &str, k: &KmsKey) {
    c.whole(&|| format!("{at}.count"), k.count, 1, 100, "keys");
    c.number(
        &|| format!("{at}.monthly_requests_thousands"),
        k.monthly_requests_thousands,
        0.0,
        1e9,
        "thousand requests",
    );
    if k.replica_in_dr_region {
        c.needs_dr_region(&|| format!("{at}.replica_in_dr_region"), "A key in the DR region");
    }
    if !k.rotation {
        c.warn(
            format!("{at}.rotation"),
            "automatic key rotation is off; security reviews expect it on",
        );
    }
}

pub(super) fn vpc_endpoints(c: &mut Checker, at: &str, v: &VpcEndpoints) {
    for (i, name) in v.gateway.iter().enumerate() {
        if name != "s3" && name != "dynamodb" {
            c.error(
                format!("{at}.gateway[{i}]"),
                format!("{}: gateway endpoints exist only for s3 and dynamodb", quoted(name)),
            );
        }
    }
    for (i, name) in v.interface.iter().enumerate() {
        let ok = !name.is_empty()
            && name.len() <= 40
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !ok {
            c.error(
                format!("{at}.interface[{i}]"),
                format!("{} is not a service name such as sns, logs or kms", quoted(name)),
            );
        }
    }
    for (field, list) in [("gateway", &v.gateway), ("interface", &v.interface)] {
        let mut sorted = list.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() != list.len() {
            c.error(format!("{at}.{field}"), "lists a service twice");
        }
    }
    c.whole(&|| format!("{at}.az_count"), v.az_count, 1, 6, "Availability Zones");
    c.number(
        &|| format!("{at}.interface_processed_gb_per_month"),
        v.interface_processed_gb_per_month,
        0.0,
        10_000_000.0,
        "GB",
    );
}

pub(super) fn config_backup(c: &mut Checker, at: &str, b: &ConfigBackup) {
    if !b.parameter_store_export && !b.codecommit_mirror {
        c.warn(
            at.to_string(),
            "backs up nothing: turn on the Parameter Store export or the CodeCommit mirror",
        );
    }
    c.whole(&|| format!("{at}.export_retention_days"), b.export_retention_days, 1, 36_500, "days");
    c.whole(&|| format!("{at}.codecommit_users"), b.codecommit_users, 0, 10_000, "users");
    c.whole(&|| format!("{at}.redeploy_minutes"), b.redeploy_minutes, 1, 10_080, "minutes");
}

pub(super) fn dns_failover(c: &mut Checker, at: &str, d: &DnsFailover) {
    if !is_valid_hostname(&d.domain_name) {
        c.error(
            format!("{at}.domain_name"),
            format!("{} is not a host name such as www.example.com", quoted(&d.domain_name)),
        );
    }
    c.whole(&|| format!("{at}.health_checks"), d.health_checks, 1, 50, "health checks");
    if d.request_interval_seconds != 10 && d.request_interval_seconds != 30 {
        c.error(format!("{at}.request_interval_seconds"), "Route 53 checks every 10 or 30 seconds");
    }
    c.whole(&|| format!("{at}.failure_threshold"), d.failure_threshold, 1, 10, "checks");
}
