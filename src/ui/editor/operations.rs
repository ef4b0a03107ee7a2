//! Editors of the supporting kinds: SNS, CloudWatch, KMS, VPC endpoints, configuration
//! backups and Route 53 failover.

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::*;
use super::protection::RefChoice;
use crate::plan::*;
use crate::ui::fields::{diagnostics, next_id, Choice, Field, NumberField, Toggle, WholeField};
use crate::ui::state::use_state;

fn path(index: usize, field: &str) -> String {
    format!("components[{index}].{field}")
}

pub fn sns_topic(i: usize) -> impl IntoView {
    view! {
        <Field label="Email subscriptions (one per line or comma-separated)" multiline=true placeholder="ops@example.com"
            lens=field!(i, SnsTopic, email_subscriptions) />
        <NumberField label="Notifications" unit="per month" lens=field!(i, SnsTopic, notifications_per_month) />
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

fn alarm_editor(i: usize, j: usize) -> impl IntoView {
    let state = use_state();
    view! {
        <fieldset class="group rule">
            <legend>{format!("Alarm {}", j + 1)}</legend>
            <Field label="Name" lens=field!(i, Monitoring, alarms[j].name) />
            <Choice label="Metric" options=metric_options() lens=as_id(field!(i, Monitoring, alarms[j].metric)) />
            <RefChoice label="Of component" kinds=WATCHABLE none_label="account-wide" lens=field!(i, Monitoring, alarms[j].component) />
            <NumberField label="Fires above" lens=field!(i, Monitoring, alarms[j].threshold) />
            <WholeField label="Period" unit="minutes" lens=field!(i, Monitoring, alarms[j].period_minutes) />
            <WholeField label="Evaluation periods" lens=field!(i, Monitoring, alarms[j].evaluation_periods) />
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
        <WholeField label="Dashboards" lens=field!(i, Monitoring, dashboards) />
        <Field label="Custom metrics (comma-separated)" lens=field!(i, Monitoring, custom_metrics) />
        <NumberField label="Log ingestion" unit="GB/month"
            lens=field!(i, Monitoring, log_ingestion_gb_per_month) />
        <WholeField label="Log retention" unit="days"
            lens=field!(i, Monitoring, log_retention_days) />
        <RefChoice label="Alarms notify" kinds=&[ComponentKind::SnsTopic]
            lens=field!(i, Monitoring, notify_topic) />
        <For each=move || 0..alarm_count.get() key=|j| *j let:j>{alarm_editor(i, j)}</For>
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
        <WholeField label="Keys" lens=field!(i, KmsKey, count) />
        <Toggle label="Automatic rotation" lens=field!(i, KmsKey, rotation) />
        <NumberField label="Requests" unit="thousand/month" lens=field!(i, KmsKey, monthly_requests_thousands) />
        <Toggle label="Also a key in the DR region" lens=field!(i, KmsKey, replica_in_dr_region) />
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
        <Field label="Interface endpoints (service names)" placeholder="sns, logs, kms"
            lens=field!(i, VpcEndpoints, interface) />
        <WholeField label="Availability Zones" lens=field!(i, VpcEndpoints, az_count) />
        <NumberField label="Data through interface endpoints" unit="GB/month"
            lens=field!(i, VpcEndpoints, interface_processed_gb_per_month) />
    }
}

pub fn config_backup(i: usize) -> impl IntoView {
    view! {
        <Optional label="Daily Parameter Store export" lens=field!(i, ConfigBackup, parameter_store_export)>
            <WholeField label="Keep exports" unit="days" lens=field!(i, ConfigBackup, export_retention_days) />
        </Optional>
        <Optional label="Mirror of the infrastructure repository" lens=field!(i, ConfigBackup, codecommit_mirror)>
            <Choice label="Mirror to"
                options=options(&[(MirrorTarget::Codecommit, "CodeCommit (closed to new customers)"), (MirrorTarget::S3, "S3 (git bundles)")])
                lens=as_id(field!(i, ConfigBackup, mirror_to)) />
            <p class="hint wide">"AWS closed CodeCommit to accounts that never used it (July 2024); S3 keeps the mirror as git bundles in a versioned, encrypted bucket."</p>
            <WholeField label="CodeCommit active users" lens=field!(i, ConfigBackup, codecommit_users) />
        </Optional>
        <WholeField label="Redeploy from git takes" unit="minutes" lens=field!(i, ConfigBackup, redeploy_minutes) />
    }
}

pub fn dns_failover(i: usize) -> impl IntoView {
    view! {
        <Field label="Record name (the host name that fails over)" placeholder="www.example.com" lens=field!(i, DnsFailover, domain_name) />
        <Field label="Hosted zone id" placeholder="given at deploy time" lens=field!(i, DnsFailover, hosted_zone_id) />
        <Field label="Primary endpoint (host name)" placeholder="given at deploy time" lens=field!(i, DnsFailover, primary_endpoint) />
        <Field label="Standby endpoint in the DR region (host name)" placeholder="given at deploy time" lens=field!(i, DnsFailover, secondary_endpoint) />
        <WholeField label="Health checks" lens=field!(i, DnsFailover, health_checks) />
        <Toggle label="Endpoints are AWS resources" lens=field!(i, DnsFailover, aws_endpoints) />
        <Choice label="Check every" options=vec![("30".into(), "30 seconds".into()), ("10".into(), "10 seconds".into())]
            lens=field!(i, DnsFailover, request_interval_seconds).map(|s| s.to_string(), |v: String| v.parse().ok()) />
        <WholeField label="Failures before down" lens=field!(i, DnsFailover, failure_threshold) />
    }
}
