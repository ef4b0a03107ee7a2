//! Checks of the settings that shape exported bundles: the plan's network and
//! export settings, existing buckets' adoption, Lambda placement and reservations,
//! VPC endpoints that something uses, and Route 53 failover inputs.

use super::rules::is_valid_hostname;
use super::Checker;
use crate::plan::deployment::{api_services, calls_dr_region, INPUT_SETTINGS};
use crate::plan::untrusted::escape;
use crate::plan::{Component, ComponentKind, ExistingManagement, LambdaTask, VpcSource};

/// Inputs every bundle may have, besides component settings.
const PLAN_INPUTS: [&str; 8] = [
    "project_name",
    "environment",
    "primary_region",
    "dr_region",
    "notification_email",
    "backup_retention_days",
    "backup_schedule",
    "source_bucket_name",
];

fn is_snake(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// S3's bucket naming rules (general purpose buckets).
fn is_bucket_name(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
        && !name.contains("..")
}

fn cidr_prefix(cidr: &str) -> Option<u32> {
    let (addr, prefix) = cidr.split_once('/')?;
    let octets: Vec<&str> = addr.split('.').collect();
    let ok = octets.len() == 4 && octets.iter().all(|o| o.parse::<u8>().is_ok());
    ok.then(|| prefix.parse().ok()).flatten()
}

pub(super) fn check(c: &mut Checker) {
    let plan = c.plan;
    if plan.network.vpc == VpcSource::Create {
        match cidr_prefix(&plan.network.cidr) {
            Some(p) if (16..=24).contains(&p) => {}
            _ => c.error(
                "network.cidr",
                "must be an IPv4 range from /16 to /24, such as 10.0.0.0/16",
            ),
        }
        c.whole(&|| "network.az_count".into(), plan.network.az_count, 2, 6, "Availability Zones");
    }
    if let Some(m) = &plan.export.terraform_module {
        let ok = !m.is_empty()
            && m.len() <= 64
            && m.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            c.error(
                "export.terraform_module",
                "must be 1–64 lowercase letters, digits and hyphens",
            );
        }
    }
    // Both go into physical names under project_environment naming: shorter then.
    let both = plan.export.naming == crate::plan::Naming::ProjectEnvironment;
    for (field, value, max) in [
        ("project_name", &plan.export.project_name, if both { 15 } else { 24 }),
        ("environment", &plan.export.environment, if both { 10 } else { 24 }),
    ] {
        let Some(v) = value else { continue };
        let ok = (1..=max).contains(&v.len())
            && v.starts_with(|c: char| c.is_ascii_lowercase())
            && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok {
            c.error(
                format!("export.{field}"),
                format!(
                    "must be 1–{max} lowercase letters, digits and hyphens, starting with a letter"
                ),
            );
        }
    }
    let mut names = std::collections::BTreeSet::new();
    for (setting, name) in &plan.export.inputs {
        let path = format!("export.inputs.{}", escape(setting, 60));
        if !known_setting(c, setting) {
            c.error(path.clone(), "is not a plan setting the export can make an input");
        }
        if !is_snake(name) {
            c.error(path, "names must be 1–64 lowercase letters, digits and underscores");
        } else if !names.insert(name.clone()) {
            c.error(path, format!("\"{name}\" names two inputs"));
        } else if PLAN_INPUTS.contains(&name.as_str())
            && name != setting
            && !plan.export.inputs.contains_key(name)
        {
            c.error(
                path,
                format!("\"{name}\" is the name of the export's own input {name}: rename that one as well"),
            );
        }
    }
    for (input, var) in &plan.export.cdk_environment {
        let ok = !var.is_empty()
            && var.len() <= 64
            && !var.starts_with(|c: char| c.is_ascii_digit())
            && var.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if !ok {
            c.error(
                format!("export.cdk_environment.{}", escape(input, 60)),
                "must be an environment variable name: letters, digits and underscores, not starting with a digit",
            );
        }
    }
    for name in plan.export.outputs.keys() {
        if !is_snake(name) {
            c.error(
                format!("export.outputs.{}", escape(name, 60)),
                "names must be 1–64 lowercase letters, digits and underscores",
            );
        }
    }
    for (name, members) in &plan.export.lists {
        list_input(c, name, members, &mut names);
    }
    let paths = std::rc::Rc::clone(&c.component_paths);
    for (component, at) in plan.components.iter().zip(paths.iter()).take(super::MAX_COMPONENTS) {
        component_fields(c, at, component);
    }
}

/// A list input of existing RDS instances: its members must be interchangeable, and
/// only backup functions (which then take all of them) may refer to them.
fn list_input(
    c: &mut Checker,
    name: &str,
    members: &[String],
    names: &mut std::collections::BTreeSet<String>,
) {
    let plan = c.plan;
    let path = format!("export.lists.{}", escape(name, 60));
    if !is_snake(name) {
        c.error(path.clone(), "names must be 1–64 lowercase letters, digits and underscores");
    } else if !names.insert(name.to_string()) || PLAN_INPUTS.contains(&name) {
        c.error(path.clone(), format!("\"{}\" names another input too", escape(name, 60)));
    }
    if members.is_empty() {
        c.error(path.clone(), "lists no components");
        return;
    }
    let mut first: Option<&crate::plan::RdsInstance> = None;
    for id in members {
        match c.component(id) {
            Some(Component::RdsInstance(r)) if r.existing => {
                let same = first.is_none_or(|f| {
                    f.manual_snapshots == r.manual_snapshots
                        && f.snapshot_export_to_s3 == r.snapshot_export_to_s3
                        && f.backup_retention_days == r.backup_retention_days
                        && f.cross_region_backups == r.cross_region_backups
                });
                if !same {
                    c.error(
                        path.clone(),
                        format!(
                            "{} has other backup settings than {}: list members share theirs",
                            escape(id, 60),
                            escape(&members[0], 60)
                        ),
                    );
                }
                first.get_or_insert(r);
            }
            _ => c.error(
                path.clone(),
                format!("{} is not an existing rds_instance of the plan", escape(id, 60)),
            ),
        }
        if plan.export.lists.iter().filter(|(_, m)| m.contains(id)).count() > 1 {
            c.error(path.clone(), format!("{} is in more than one list", escape(id, 60)));
        }
    }
    for component in &plan.components {
        let refers = |targets: &[String]| targets.iter().filter(|t| members.contains(t)).count();
        match component {
            Component::LambdaFunction(f) => {
                let n = refers(&f.targets);
                if n != 0 && n != members.len() {
                    c.error(
                        path.clone(),
                        format!(
                            "function {} targets some members of the list but not all",
                            escape(&f.id, 60)
                        ),
                    );
                }
            }
            Component::Monitoring(m)
                if m.alarms
                    .iter()
                    .any(|a| a.component.as_ref().is_some_and(|x| members.contains(x))) =>
            {
                c.error(
                    path.clone(),
                    format!(
                        "an alarm of {} watches a list member: alarms name each instance",
                        escape(&m.id, 60)
                    ),
                );
            }
            _ => {}
        }
    }
}

fn known_setting(c: &Checker, setting: &str) -> bool {
    if PLAN_INPUTS.contains(&setting) {
        return true;
    }
    let Some(rest) = setting.strip_prefix("components.") else { return false };
    let Some((id, field)) = rest.split_once('.') else { return false };
    let Some(component) = c.component(id) else { return false };
    INPUT_SETTINGS.iter().any(|(kind, f)| *kind == component.kind().id() && *f == field)
}

fn component_fields(c: &mut Checker, at: &str, component: &Component) {
    let plan = c.plan;
    match component {
        Component::S3Bucket(b) => {
            if let Some(name) = &b.bucket_name {
                if !b.existing {
                    c.error(
                        format!("{at}.bucket_name"),
                        "names an existing bucket: set existing to true, or leave it out",
                    );
                } else if !is_bucket_name(name) {
                    c.error(format!("{at}.bucket_name"), "is not an S3 bucket name (3–63 lowercase letters, digits, dots and hyphens)");
                }
            }
            if b.manage_existing == ExistingManagement::Full && !b.existing {
                c.error(format!("{at}.manage_existing"), "applies to existing buckets only");
            }
        }
        Component::LambdaFunction(f) => {
            if let Some(n) = f.reserved_concurrency {
                c.whole(&|| format!("{at}.reserved_concurrency"), n, 1, 10_000, "executions");
            }
            if f.in_vpc && plan.network.vpc == VpcSource::Create {
                let endpoints: Vec<&str> = plan
                    .components
                    .iter()
                    .filter_map(|k| match k {
                        Component::VpcEndpoints(v) => Some(
                            v.gateway
                                .iter()
                                .chain(&v.interface)
                                .map(String::as_str)
                                .collect::<Vec<_>>(),
                        ),
                        _ => None,
                    })
                    .flatten()
                    .collect();
                let missing: Vec<&str> =
                    api_services(plan, f).into_iter().filter(|s| !endpoints.contains(s)).collect();
                if !missing.is_empty() {
                    c.error(format!("{at}.in_vpc"), format!("the function calls {} from a VPC without NAT: add them to a vpc_endpoints component", missing.join(", ")));
                }
                if calls_dr_region(plan, f) {
                    c.error(format!("{at}.in_vpc"), "the function copies snapshots to the DR region, which a VPC without NAT cannot reach");
                }
            }
            if f.tasks.contains(&LambdaTask::Copy) {
                let has_destination = f
                    .targets
                    .iter()
                    .any(|t| matches!(c.component(t), Some(Component::S3Bucket(_))));
                if !has_destination {
                    c.error(
                        format!("{at}.targets"),
                        "the copy task writes to an s3_bucket: add one to the targets",
                    );
                }
                if let Some(source) = &f.source_bucket {
                    c.reference(
                        &|| format!("{at}.source_bucket"),
                        source,
                        &[ComponentKind::S3Bucket],
                    );
                }
            }
            if f.source_prefix.len() > 1024 || f.source_prefix.chars().any(char::is_control) {
                c.error(
                    format!("{at}.source_prefix"),
                    "must be at most 1,024 characters without control characters",
                );
            }
        }
        Component::VpcEndpoints(v) => {
            let used = |service: &str| {
                plan.components.iter().any(|k| {
                    matches!(k, Component::LambdaFunction(f) if f.in_vpc && api_services(plan, f).contains(&service))
                })
            };
            // The estimate may hold endpoints nothing uses (the export refuses them).
            for (i, service) in v.interface.iter().enumerate() {
                if !used(service) {
                    c.warn(
                        format!("{at}.interface[{i}]"),
                        format!("no lambda_function with in_vpc calls {}: an interface endpoint with private DNS takes over the service's name for the whole VPC and is billed by the hour, so bundles make one only for what runs there (exports refuse this one)", escape(service, 60)),
                    );
                }
            }
            for (i, service) in v.gateway.iter().enumerate() {
                if used(service) {
                    continue;
                }
                let path = format!("{at}.gateway[{i}]");
                if plan.network.vpc == VpcSource::Existing {
                    c.warn(path, format!("no lambda_function with in_vpc calls {}: a gateway endpoint adds a route to the existing VPC's route tables, which fails where one exists already, so bundles make one only for what runs there (exports refuse this one)", escape(service, 60)));
                } else {
                    // Free, and the VPC is the bundle's own: no route to collide with.
                    c.warn(path, format!("no lambda_function with in_vpc calls {}: the gateway endpoint is free but serves nothing yet", escape(service, 60)));
                }
            }
        }
        Component::DnsFailover(d) => {
            if let Some(z) = &d.hosted_zone_id {
                let ok = z.len() <= 32
                    && z.starts_with('Z')
                    && z.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
                if !ok {
                    c.error(
                        format!("{at}.hosted_zone_id"),
                        "is not a Route 53 hosted zone id (Z followed by capitals and digits)",
                    );
                }
            }
            for (field, value) in [
                ("primary_endpoint", &d.primary_endpoint),
                ("secondary_endpoint", &d.secondary_endpoint),
            ] {
                if let Some(v) = value {
                    if !is_valid_hostname(v) {
                        c.error(
                            format!("{at}.{field}"),
                            "is not a host name such as d111111abcdef8.cloudfront.net",
                        );
                    }
                }
            }
            if d.health_checks > 2 {
                c.error(format!("{at}.health_checks"), "a failover pair has two endpoints: one health check for the primary, optionally one for the secondary");
            }
        }
        _ => {}
    }
}
