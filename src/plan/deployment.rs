//! Settings that shape the exported bundles rather than the estimate: the VPC the
//! plan's databases and functions use, and how the bundles name their inputs and
//! resources (the seeds' own interfaces). Both are optional in plan files.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Component, LambdaFunction, LambdaTask, Plan};

/// Where the VPC of the plan's databases, endpoints and VPC functions comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VpcSource {
    /// An existing VPC, named at deploy time (its id, CIDR, private subnets).
    #[default]
    Existing,
    /// A VPC the bundle creates: public and private subnets in each Availability
    /// Zone, no NAT gateway (AWS APIs are reached through the plan's VPC endpoints).
    Create,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Network {
    /// Default: existing.
    pub vpc: VpcSource,
    /// Address range of a created VPC. Default: 10.0.0.0/16.
    pub cidr: String,
    /// Availability Zones a created VPC spans, 2–6. Default: 3 (seed 001).
    pub az_count: u32,
}

impl Default for Network {
    fn default() -> Self {
        Network { vpc: VpcSource::Existing, cidr: "10.0.0.0/16".into(), az_count: 3 }
    }
}

impl Network {
    pub fn is_default(&self) -> bool {
        *self == Network::default()
    }
}

/// How physical names are built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Naming {
    /// `<project_name>-<component>`.
    #[default]
    Project,
    /// `<project_name>-<environment>-<component>` (seed 003).
    ProjectEnvironment,
    /// `<component>-<environment_suffix>` (seed 001).
    EnvironmentSuffix,
}

/// Case of CDK context keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyCase {
    /// `notification_email` (seed 000).
    #[default]
    Snake,
    /// `environmentSuffix`, `databaseInstanceClass` (seeds 001 and 002).
    Camel,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportSettings {
    /// Directory of the Terraform module, `modules/<name>`. Default: the project name.
    pub terraform_module: Option<String>,
    /// Default: project.
    pub naming: Naming,
    /// Plan settings exposed as deploy-time inputs, by setting path, with the input's
    /// snake_case name: `dr_region`, `components.<id>.instance_class`,
    /// `components.<id>.backup_retention_days`, ... (see `INPUT_SETTINGS`). The
    /// export's own inputs (`project_name`, `notification_email`, ...) can be renamed
    /// the same way. Default: none.
    pub inputs: BTreeMap<String, String>,
    /// Environment variables the CDK apps also read an input from, by input name
    /// (seed 001's `ENVIRONMENT_SUFFIX`). Default: none.
    pub cdk_environment: BTreeMap<String, String>,
    /// Default: snake.
    pub cdk_context_keys: KeyCase,
    /// Default value of the `project_name` input (lowercase letters, digits,
    /// hyphens; at most 24). Default: the plan's name as a slug.
    pub project_name: Option<String>,
    /// Default value of the `environment` input (lowercase letters, digits,
    /// hyphens; at most 24). Default: production.
    pub environment: Option<String>,
    /// Existing RDS instances given as one list input, by input name (seed 003's
    /// `rds_instance_ids`): the list's default holds their identifiers, and a deploy
    /// may pass more or fewer. Members are existing `rds_instance` components with
    /// the same settings, used only as targets of backup functions, each of which
    /// targets all of them. Default: none.
    pub lists: BTreeMap<String, Vec<String>>,
    /// Outputs under the names a design gives them: the name (snake_case) → the
    /// export's own output (`db-backups-bucket-name`), or `primary_region` for the
    /// primary region itself. Default: none.
    pub outputs: BTreeMap<String, String>,
}

impl ExportSettings {
    pub fn is_default(&self) -> bool {
        *self == ExportSettings::default()
    }
}

/// Settings of components that can become deploy-time inputs, as `(component kind
/// id, field path)`; the binding's path is `components.<id>.<field path>`.
/// Two are export settings rather than plan fields: a function's `runtime` (the
/// export's Python version) and `copy_to_dr_region` (whether its runs copy snapshots
/// to the DR region, which the plan sets per database).
pub const INPUT_SETTINGS: [(&str, &str); 11] = [
    ("rds_instance", "instance_class"),
    ("rds_instance", "backup_retention_days"),
    ("rds_instance", "cross_region_backups.retention_days"),
    ("lambda_function", "memory_mb"),
    ("lambda_function", "timeout_seconds"),
    ("lambda_function", "log_retention_days"),
    ("lambda_function", "reserved_concurrency"),
    ("lambda_function", "source_prefix"),
    ("lambda_function", "runtime"),
    ("lambda_function", "copy_to_dr_region"),
    ("s3_bucket", "bucket_name"),
];

/// The binding paths (`components.<id>.<field>`) of the component settings of `plan`
/// that [`ExportSettings::inputs`] can make inputs, in plan order: what a picker offers.
pub fn component_input_settings(plan: &Plan) -> Vec<String> {
    plan.components
        .iter()
        .flat_map(|c| {
            INPUT_SETTINGS
                .iter()
                .filter(move |(kind, _)| *kind == c.kind().id())
                .map(move |(_, field)| format!("components.{}.{field}", c.id()))
        })
        .collect()
}

/// The AWS services whose APIs a function's own code calls (not the ones Lambda
/// calls for it: logs, environment decryption, network interfaces), by VPC endpoint
/// service name. A function in a VPC without NAT needs an endpoint for each.
pub fn api_services(plan: &Plan, f: &LambdaFunction) -> Vec<&'static str> {
    let mut out = vec!["monitoring"];
    let has = |t: LambdaTask| f.tasks.contains(&t);
    for id in &f.targets {
        match plan.component(id) {
            Some(Component::RdsInstance(_) | Component::AuroraCluster(_)) => out.push("rds"),
            Some(Component::DynamodbTable(_)) if has(LambdaTask::Verify) => out.push("dynamodb"),
            Some(Component::S3Bucket(_)) if has(LambdaTask::Verify) || has(LambdaTask::Copy) => {
                out.push("s3")
            }
            _ => {}
        }
    }
    if has(LambdaTask::Copy) {
        // Large copies continue in a new invocation of the function itself.
        out.push("lambda");
    }
    if f.notify_topic.is_some() {
        out.push("sns");
    }
    out.sort();
    out.dedup();
    out
}

/// Whether a function also calls the plan's DR region (copies snapshots there).
pub fn calls_dr_region(plan: &Plan, f: &LambdaFunction) -> bool {
    plan.dr_region.is_some()
        && f.tasks.iter().any(|t| matches!(t, LambdaTask::Cleanup))
        && f.targets.iter().any(|id| {
            matches!(plan.component(id), Some(Component::RdsInstance(r)) if r.manual_snapshots.as_ref().is_some_and(|m| m.copy_to_dr_region))
        })
}
