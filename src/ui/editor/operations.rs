//! Editors of the supporting kinds: SNS, CloudWatch, KMS, VPC endpoints, configuration
//! backups and Route 53 failover.

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::*;
use super::protection::RefChoice;
use crate::plan::*;
use crate::ui::fields::{
    diagnostics, next_id, Choice, Field, Lens, NumberField, Toggle, WholeField,
};
use crate::ui::state::use_state;

fn path(index: usize, field: &str) -> String {
    format!("components[{index}].{field}")
}

pub fn sns_topic(i: usize) -> impl IntoView {
    view! {
        <Field label="Email subscriptions (one per line or comma-separated)" path=path(i, "email_subscriptions") multiline=true placeholder="ops@example.com"
            lens=Lens::component(i, sns, sns_mut, |t| t.email_subscriptions.clone(), |t, v| t.email_subscriptions = v) />
        <NumberField label="Notifications" unit="per month" path=path(i, "notifications_per_month") lens=Lens::component(i, sns, sns_mut, |t| t.notifications_per_month, |t, v| t.notifications_per_month = v) />
    }
}

fn metric_options() -> Vec<(String, String)> {
    options(&[
        (AlarmMetric::BackupFailure, "BackupFailure (custom)"),
        (AlarmMetric::SnapshotAgeHours, "SnapshotAge hours (custom)"),
        (AlarmMetric::BackupJobsFailed, "AWS Backup failed jobs"),
        (AlarmMetric::ReplicationLatencySeconds, "S3 replication latency (s)"),
        (AlarmMetric::ReplicationFailures, "S3 failed replications"),
        (AlarmMetric::LambdaErrors, "Lambda errors"),
        (AlarmMetric::DatabaseCpuPercent, "Database CPU %"),
        (AlarmMetric::DatabaseConnections, "Database connections"),
        (AlarmMetric::DynamodbThrottles, "DynamoDB throttles"),
    ])
}

const WATCHABLE: &[ComponentKind] = &[
    ComponentKind::S3Bucket,
    ComponentKind::DynamodbTable,
    ComponentKind::RdsInstance,
    ComponentKind::AuroraCluster,
    ComponentKind::LambdaFunction,
];

fn alarm_lens<T: 'static>(
    i: usize,
    j: usize,
    get: fn(&Alarm) -> T,
    set: fn(&mut Alarm, T),
) -> Lens<T> {
    Lens::component_opt(
        i,
        super::lenses::monitoring,
        monitoring_mut,
        move |m| m.alarms.get(j).map(get),
        move |m, v| {
            if let Some(a) = m.alarms.get_mut(j) {
                set(a, v)
            }
        },
    )
}

fn alarm_editor(i: usize, j: usize) -> impl IntoView {
    let state = use_state();
    let p = move |f: &str| path(i, &format!("alarms[{j}].{f}"));
    view! {
        <fieldset class="group rule">
            <legend>{format!("Alarm {}", j + 1)}</legend>
            <Field label="Name" path=p("name") lens=alarm_lens(i, j, |a| a.name.clone(), |a, v| a.name = v) />
            <Choice label="Metric" path=p("metric") options=metric_options() lens=as_id(alarm_lens(i, j, |a| a.metric, |a, v| a.metric = v)) />
            <RefChoice label="Of component" path=p("component") kinds=WATCHABLE none_label="account-wide" lens=alarm_lens(i, j, |a| a.component.clone(), |a, v| a.component = v) />
            <NumberField label="Fires above" path=p("threshold") lens=alarm_lens(i, j, |a| a.threshold, |a, v| a.threshold = v) />
            <WholeField label="Period" unit="minutes" path=p("period_minutes") lens=alarm_lens(i, j, |a| a.period_minutes, |a, v| a.period_minutes = v) />
            <WholeField label="Evaluation periods" path=p("evaluation_periods") lens=alarm_lens(i, j, |a| a.evaluation_periods, |a, v| a.evaluation_periods = v) />
            <button type="button" class="small danger" on:click=move |_| { state.edit(format!("remove alarm {}", j + 1), |plan| {
                if let Some(m) = plan.components.get_mut(i).and_then(monitoring_mut) { if j < m.alarms.len() { m.alarms.remove(j); } }
            }); }>"Remove alarm"</button>
        </fieldset>
    }
}

pub fn monitoring(i: usize) -> impl IntoView {
    let state = use_state();
    let alarm_count = Memo::new(move |_| {
        state.plan.with(|p| {
            p.components.get(i).and_then(super::lenses::monitoring).map_or(0, |m| m.alarms.len())
        })
    });
    view! {
        <WholeField label="Dashboards" path=path(i, "dashboards") lens=Lens::component(i, super::lenses::monitoring, monitoring_mut, |m| m.dashboards, |m, v| m.dashboards = v) />
        <Field label="Custom metrics (comma-separated)" path=path(i, "custom_metrics")
            lens=Lens::component(i, super::lenses::monitoring, monitoring_mut, |m| m.custom_metrics.clone(), |m, v| m.custom_metrics = v) />
        <NumberField label="Log ingestion" unit="GB/month" path=path(i, "log_ingestion_gb_per_month")
            lens=Lens::component(i, super::lenses::monitoring, monitoring_mut, |m| m.log_ingestion_gb_per_month, |m, v| m.log_ingestion_gb_per_month = v) />
        <WholeField label="Log retention" unit="days" path=path(i, "log_retention_days")
            lens=Lens::component(i, super::lenses::monitoring, monitoring_mut, |m| m.log_retention_days, |m, v| m.log_retention_days = v) />
        <RefChoice label="Alarms notify" path=path(i, "notify_topic") kinds=&[ComponentKind::SnsTopic]
            lens=Lens::component(i, super::lenses::monitoring, monitoring_mut, |m| m.notify_topic.clone(), |m, v| m.notify_topic = v) />
        {move || (0..alarm_count.get()).map(|j| alarm_editor(i, j)).collect_view()}
        <button type="button" class="small" on:click=move |_| { state.edit("add an alarm", |p| {
            if let Some(m) = p.components.get_mut(i).and_then(monitoring_mut) {
                let name = (1..).map(|n| format!("alarm-{n}")).find(|n| !m.alarms.iter().any(|a| a.name == *n)).unwrap_or_default();
                m.alarms.push(Alarm { name, ..Alarm::default() });
            }
        }); }>"Add alarm"</button>
    }
}

pub fn kms_key(i: usize) -> impl IntoView {
    view! {
        <WholeField label="Keys" path=path(i, "count") lens=Lens::component(i, kms, kms_mut, |k| k.count, |k, v| k.count = v) />
        <Toggle label="Automatic rotation" path=path(i, "rotation") lens=Lens::component(i, kms, kms_mut, |k| k.rotation, |k, v| k.rotation = v) />
        <NumberField label="Requests" unit="thousand/month" path=path(i, "monthly_requests_thousands") lens=Lens::component(i, kms, kms_mut, |k| k.monthly_requests_thousands, |k, v| k.monthly_requests_thousands = v) />
        <Toggle label="Also a key in the DR region" path=path(i, "replica_in_dr_region") lens=Lens::component(i, kms, kms_mut, |k| k.replica_in_dr_region, |k, v| k.replica_in_dr_region = v) />
    }
}

/// A gateway endpoint switched on or off, with the diagnostics about that service (the
/// core addresses them by its place in the list, `gateway[1]`).
#[component]
fn GatewayToggle(i: usize, service: &'static str, label: &'static str) -> impl IntoView {
    let state = use_state();
    let id = next_id("gw");
    let on = Memo::new(move |_| {
        state.plan.with(|p| {
            p.components
                .get(i)
                .and_then(vpc)
                .and_then(|v| v.gateway.iter().position(|g| g == service))
        })
    });
    let messages = move || match on.get() {
        Some(n) => state.messages_at(&path(i, &format!("gateway[{n}]"))),
        None => Vec::new(),
    };
    view! {
        <div class="field toggle" data-path=path(i, "gateway")>
            <input id=id.clone() type="checkbox" prop:checked=move || on.get().is_some()
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    state.edit(format!("{} the {label}", if checked { "add" } else { "remove" }), |p| {
                        if let Some(v) = p.components.get_mut(i).and_then(vpc_mut) {
                            v.gateway.retain(|g| g != service);
                            if checked {
                                v.gateway.push(service.to_string());
                                v.gateway.sort();
                            }
                        }
                    });
                } />
            <label for=id>{label}</label>
            <div class="messages" aria-live="polite">{move || diagnostics(messages())}</div>
        </div>
    }
}

pub fn vpc_endpoints(i: usize) -> impl IntoView {
    view! {
        <GatewayToggle i=i service="s3" label="S3 gateway endpoint (free)" />
        <GatewayToggle i=i service="dynamodb" label="DynamoDB gateway endpoint (free)" />
        <Field label="Interface endpoints (service names)" path=path(i, "interface") placeholder="sns, logs, kms"
            lens=Lens::component(i, vpc, vpc_mut, |v| v.interface.clone(), |v, x| v.interface = x) />
        <WholeField label="Availability Zones" path=path(i, "az_count") lens=Lens::component(i, vpc, vpc_mut, |v| v.az_count, |v, x| v.az_count = x) />
        <NumberField label="Data through interface endpoints" unit="GB/month" path=path(i, "interface_processed_gb_per_month")
            lens=Lens::component(i, vpc, vpc_mut, |v| v.interface_processed_gb_per_month, |v, x| v.interface_processed_gb_per_month = x) />
    }
}

pub fn config_backup(i: usize) -> impl IntoView {
    view! {
        <Optional label="Daily Parameter Store export" path=path(i, "parameter_store_export") lens=Lens::component(i, config, config_mut, |c| c.parameter_store_export, |c, v| c.parameter_store_export = v)>
            <WholeField label="Keep exports" unit="days" path=path(i, "export_retention_days") lens=Lens::component(i, config, config_mut, |c| c.export_retention_days, |c, v| c.export_retention_days = v) />
        </Optional>
        <Optional label="Mirror of the infrastructure repository" path=path(i, "codecommit_mirror") lens=Lens::component(i, config, config_mut, |c| c.codecommit_mirror, |c, v| c.codecommit_mirror = v)>
            <Choice label="Mirror to" path=path(i, "mirror_to")
                options=options(&[(MirrorTarget::Codecommit, "CodeCommit (closed to new customers)"), (MirrorTarget::S3, "S3 (git bundles)")])
                lens=as_id(Lens::component(i, config, config_mut, |c| c.mirror_to, |c, v| c.mirror_to = v)) />
            <p class="hint wide">"AWS closed CodeCommit to accounts that never used it (July 2024); S3 keeps the mirror as git bundles in a versioned, encrypted bucket."</p>
            <WholeField label="CodeCommit active users" path=path(i, "codecommit_users") lens=Lens::component(i, config, config_mut, |c| c.codecommit_users, |c, v| c.codecommit_users = v) />
        </Optional>
        <WholeField label="Redeploy from git takes" unit="minutes" path=path(i, "redeploy_minutes") lens=Lens::component(i, config, config_mut, |c| c.redeploy_minutes, |c, v| c.redeploy_minutes = v) />
    }
}

pub fn dns_failover(i: usize) -> impl IntoView {
    view! {
        <Field label="Record name (the host name that fails over)" path=path(i, "domain_name") placeholder="www.example.com" lens=Lens::component(i, dns, dns_mut, |d| d.domain_name.clone(), |d, v| d.domain_name = v) />
        <Field label="Hosted zone id" path=path(i, "hosted_zone_id") placeholder="given at deploy time" lens=Lens::component(i, dns, dns_mut, |d| d.hosted_zone_id.clone(), |d, v| d.hosted_zone_id = v) />
        <Field label="Primary endpoint (host name)" path=path(i, "primary_endpoint") placeholder="given at deploy time" lens=Lens::component(i, dns, dns_mut, |d| d.primary_endpoint.clone(), |d, v| d.primary_endpoint = v) />
        <Field label="Standby endpoint in the DR region (host name)" path=path(i, "secondary_endpoint") placeholder="given at deploy time" lens=Lens::component(i, dns, dns_mut, |d| d.secondary_endpoint.clone(), |d, v| d.secondary_endpoint = v) />
        <WholeField label="Health checks" path=path(i, "health_checks") lens=Lens::component(i, dns, dns_mut, |d| d.health_checks, |d, v| d.health_checks = v) />
        <Toggle label="Endpoints are AWS resources" path=path(i, "aws_endpoints") lens=Lens::component(i, dns, dns_mut, |d| d.aws_endpoints, |d, v| d.aws_endpoints = v) />
        <Choice label="Check every" path=path(i, "request_interval_seconds") options=vec![("30".into(), "30 seconds".into()), ("10".into(), "10 seconds".into())]
            lens=Lens::component(i, dns, dns_mut, |d| d.request_interval_seconds.to_string(), |d, v: String| if let Ok(s) = v.parse() { d.request_interval_seconds = s }) />
        <WholeField label="Failures before down" path=path(i, "failure_threshold") lens=Lens::component(i, dns, dns_mut, |d| d.failure_threshold, |d, v| d.failure_threshold = v) />
    }
}
