//! Usage models of the supporting components: Lambda, schedules, SNS, CloudWatch,
//! KMS, VPC endpoints, configuration backups and Route 53 health checks.

use super::texts::{label, Qty};
use super::usage::{Context, StorageKind, UsageSeries};
use crate::plan::schedule_expr::{ScheduleExpr, DAYS_PER_MONTH};
use crate::plan::{
    Architecture, Component, ConfigBackup, DnsFailover, KmsKey, LambdaFunction, Monitoring,
    Schedule, SnsTopic, VpcEndpoints,
};
use crate::HOURS_PER_MONTH;

/// Runs a month of the schedules that invoke `lambda_id`.
pub fn scheduled_runs(ctx: &Context, lambda_id: &str) -> f64 {
    ctx.plan
        .components
        .iter()
        .filter_map(|c| match c {
            Component::Schedule(s) if s.target == lambda_id => {
                ScheduleExpr::parse(&s.expression).ok().map(|e| e.runs_per_month())
            }
            _ => None,
        })
        .sum()
}

pub fn lambda(ctx: &Context, f: &LambdaFunction) -> Vec<UsageSeries> {
    let scheduled = scheduled_runs(ctx, &f.id);
    let runs = scheduled + f.extra_invocations_per_month;
    let memory_gb = f.memory_mb as f64 / 1024.0;
    let gb_seconds = runs * f.average_duration_seconds * memory_gb;
    let arch = match f.architecture {
        Architecture::X86_64 => "x86_64",
        Architecture::Arm64 => "arm64",
    };
    vec![
        ctx.flat(
            &f.id,
            "Invocations",
            "lambda.requests",
            runs / 1_000_000.0,
            label!(
                "{} scheduled + {} other runs a month",
                Qty(scheduled),
                Qty(f.extra_invocations_per_month)
            ),
        ),
        ctx.flat(
            &f.id,
            label!("Compute ({arch}, {} MB)", f.memory_mb),
            label!("lambda.compute.{arch}"),
            gb_seconds,
            label!(
                "{} runs × {} s × {} GB",
                Qty(runs),
                Qty(f.average_duration_seconds),
                Qty(memory_gb)
            ),
        ),
    ]
}

pub fn schedule(ctx: &Context, s: &Schedule) -> Vec<UsageSeries> {
    let runs = ScheduleExpr::parse(&s.expression).map(|e| e.runs_per_month()).unwrap_or(0.0);
    vec![ctx.flat(
        &s.id,
        label!("Scheduled invocations ({})", s.expression),
        "events.scheduled_invocation",
        runs / 1_000_000.0,
        label!("{} runs a month", Qty(runs)),
    )]
}

pub fn sns(ctx: &Context, t: &SnsTopic) -> Vec<UsageSeries> {
    let emails = t.notifications_per_month * t.email_subscriptions.len() as f64;
    vec![ctx.flat(
        &t.id,
        "Email deliveries",
        "sns.email",
        emails,
        label!(
            "{} notifications × {} subscribers",
            Qty(t.notifications_per_month),
            t.email_subscriptions.len()
        ),
    )]
}

pub fn monitoring(ctx: &Context, m: &Monitoring) -> Vec<UsageSeries> {
    let id = &m.id;
    let mut out = vec![
        ctx.flat(
            id,
            "Dashboards",
            "cloudwatch.dashboard",
            m.dashboards as f64,
            label!("{} dashboards", m.dashboards),
        ),
        ctx.flat(
            id,
            "Alarms",
            "cloudwatch.alarm",
            m.alarms.len() as f64,
            label!("{} standard-resolution alarms", m.alarms.len()),
        ),
        ctx.flat(
            id,
            "Custom metrics",
            "cloudwatch.custom_metric",
            m.custom_metrics.len() as f64,
            if m.custom_metrics.is_empty() {
                "none".to_string()
            } else {
                m.custom_metrics.join(", ")
            },
        ),
        ctx.flat(
            id,
            "Log ingestion",
            "logs.ingestion",
            m.log_ingestion_gb_per_month,
            label!("{} GB a month", Qty(m.log_ingestion_gb_per_month)),
        ),
    ];
    let retention_months = m.log_retention_days as f64 / DAYS_PER_MONTH;
    let stored = |month: usize| m.log_ingestion_gb_per_month * retention_months.min(month as f64);
    let mut logs = ctx.by_month(
        id,
        label!("Log storage ({} days)", m.log_retention_days),
        "logs.storage",
        label!(
            "{} GB a month kept {} days",
            Qty(m.log_ingestion_gb_per_month),
            m.log_retention_days
        ),
        stored,
    );
    logs.storage = Some(StorageKind::Logs);
    out.push(logs);
    out
}

/// Months between automatic rotations of a key's material (AWS default: 365 days).
const MONTHS_PER_ROTATION: usize = 12;
/// Rotations AWS charges for: each of the first two adds $1 a month, later ones nothing.
const CHARGED_ROTATIONS: usize = 2;

/// Rotations a key created in month 1 has had by month `m` (yearly rotation).
fn rotations_by(month: usize) -> usize {
    (month.saturating_sub(1) / MONTHS_PER_ROTATION).min(CHARGED_ROTATIONS)
}

pub fn kms(ctx: &Context, k: &KmsKey) -> Vec<UsageSeries> {
    let dr = ctx.plan.dr_region.as_deref().filter(|_| k.replica_in_dr_region);
    let keys = k.count as f64;
    let mut out =
        vec![ctx.flat(&k.id, "Customer-managed keys", "kms.key", keys, label!("{} keys", k.count))];
    if let Some(dr) = dr {
        out.push(
            ctx.flat(
                &k.id,
                label!("Replica keys in {dr}"),
                "kms.key",
                keys,
                label!("{} multi-Region replica keys (each billed as a key)", k.count),
            )
            .in_region(dr),
        );
    }
    if k.rotation {
        let basis = |region_words: &str| {
            label!(
                "{} keys × {} rotations so far (yearly; AWS charges $1 a month for each of the first two rotations of a key, nothing for later ones){region_words}",
                k.count,
                rotations_by(ctx.horizon)
            )
        };
        out.push(ctx.by_month(&k.id, "Key rotations", "kms.key", basis(""), |m| {
            keys * rotations_by(m) as f64
        }));
        if let Some(dr) = dr {
            out.push(
                ctx.by_month(
                    &k.id,
                    label!("Key rotations of the replica keys in {dr}"),
                    "kms.key",
                    basis(", rotated with their primary keys"),
                    |m| keys * rotations_by(m) as f64,
                )
                .in_region(dr),
            );
        }
    }
    out.push(ctx.flat(
        &k.id,
        "API requests",
        "kms.requests",
        k.monthly_requests_thousands / 10.0,
        label!("{} thousand requests a month", Qty(k.monthly_requests_thousands)),
    ));
    out
}

pub fn vpc_endpoints(ctx: &Context, v: &VpcEndpoints) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    if !v.gateway.is_empty() {
        out.push(ctx.flat(
            &v.id,
            "Gateway endpoints",
            "vpc.gateway_endpoint",
            v.gateway.len() as f64,
            v.gateway.join(", "),
        ));
    }
    if !v.interface.is_empty() {
        let hours = v.interface.len() as f64 * v.az_count as f64 * HOURS_PER_MONTH as f64;
        out.push(ctx.flat(
            &v.id,
            "Interface endpoints",
            "vpc.interface_endpoint_hour",
            hours,
            label!(
                "{} endpoints ({}) × {} AZs × {HOURS_PER_MONTH} hours",
                v.interface.len(),
                v.interface.join(", "),
                v.az_count
            ),
        ));
        out.push(ctx.flat(
            &v.id,
            "Interface endpoint data",
            "vpc.interface_endpoint_data",
            v.interface_processed_gb_per_month,
            label!("{} GB processed a month", Qty(v.interface_processed_gb_per_month)),
        ));
    }
    out
}

pub fn config_backup(ctx: &Context, c: &ConfigBackup) -> Vec<UsageSeries> {
    let mut out = Vec::new();
    if c.parameter_store_export {
        out.push(ctx.flat(
            &c.id,
            "Parameter Store daily export",
            "config.parameter_store_export",
            1.0,
            label!("one daily export job kept {} days", c.export_retention_days),
        ));
    }
    if c.codecommit_mirror {
        out.push(ctx.flat(
            &c.id,
            "CodeCommit mirror",
            "codecommit.active_user",
            c.codecommit_users as f64,
            label!("{} active user(s)", c.codecommit_users),
        ));
    }
    out
}

/// Route 53 is a global service: its prices are not those of any one region.
pub const GLOBAL_REGION: &str = "global";

pub fn dns_failover(ctx: &Context, d: &DnsFailover) -> Vec<UsageSeries> {
    let (price, feature_price, words) = if d.aws_endpoints {
        ("route53.health_check.aws", "route53.health_check_feature.aws", "AWS endpoints")
    } else {
        ("route53.health_check.other", "route53.health_check_feature.other", "non-AWS endpoints")
    };
    // Optional features are billed per check: the exported checks probe over HTTPS,
    // and a 10-second interval is the "fast interval" feature.
    let fast = d.request_interval_seconds == 10;
    let features = 1 + u32::from(fast);
    let feature_words = if fast { "HTTPS and fast interval (10 s)" } else { "HTTPS" };
    vec![
        ctx.flat(
            &d.id,
            label!("Health checks of {}", d.domain_name),
            price,
            d.health_checks as f64,
            label!("{} check(s) of {words}", d.health_checks),
        )
        .in_region(GLOBAL_REGION),
        ctx.flat(
            &d.id,
            "Optional health-check features",
            feature_price,
            // In floating point: an unvalidated count near 2^32 must not overflow.
            f64::from(d.health_checks) * f64::from(features),
            label!("{} check(s) × {features} feature(s): {feature_words}", d.health_checks),
        )
        .in_region(GLOBAL_REGION),
    ]
}
