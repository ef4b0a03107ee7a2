//! The typed kinds of operational resources: AWS Backup, Lambda, EventBridge, SNS,
//! CloudWatch, VPC endpoints, Route 53 health checks and CodeCommit. See
//! [`super::kinds`] for the rest and for what the attributes mean.

use super::expr::{Expr, Num, Statement, When};

#[derive(Clone, Debug, PartialEq)]
pub struct VaultLock {
    pub min_days: u32,
    pub max_days: u32,
    /// Compliance mode: days until the lock becomes immutable. Governance: `None`.
    pub changeable_for_days: Option<u32>,
}

/// An AWS Backup vault. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Vault {
    pub name: Expr,
    /// The customer-managed key of a standard vault; `None` for a logically
    /// air-gapped vault, which AWS Backup encrypts with an AWS-owned key.
    pub key_arn: Option<Expr>,
    pub lock: Option<VaultLock>,
    /// The vault's access policy (empty: none), e.g. the backup account's vault
    /// letting the source account copy into it.
    pub policy: Vec<Statement>,
    /// A logically air-gapped vault (always locked: `lock` holds its min and max
    /// retention).
    pub air_gapped: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CopyAction {
    pub vault_arn: Expr,
    pub delete_after_days: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BackupRule {
    pub name: String,
    /// `cron(...)` in AWS Backup's six-field syntax.
    pub schedule: String,
    pub start_window_minutes: u32,
    pub completion_window_minutes: u32,
    pub continuous: bool,
    pub delete_after_days: Num,
    pub cold_storage_after_days: Option<u32>,
    /// Copies of each recovery point: to the DR region's vault, to the backup
    /// account's vault.
    pub copies: Vec<CopyAction>,
}

/// An AWS Backup plan. Attributes: `Id`, `Arn`.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupPlan {
    pub name: Expr,
    /// The vault (same stack).
    pub vault: String,
    pub rules: Vec<BackupRule>,
}

/// Resources a backup plan protects, by ARN.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    pub name: Expr,
    pub plan: String,
    pub role: String,
    pub resources: Vec<Expr>,
}

/// A KMS-encrypted log group with a retention period. Attributes: `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct LogGroup {
    pub name: Expr,
    /// One of the periods CloudWatch Logs accepts (`LOG_RETENTION_DAYS`).
    pub retention_days: Num,
    pub key_arn: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    X86_64,
    Arm64,
}

/// A Python Lambda function with its code in `code_dir`, an execution role whose
/// inline policy lists every permission, its own log group and a KMS-encrypted
/// environment. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    /// `<project>-<component>[-suffix]` (at most 64 characters).
    pub name: Expr,
    pub description: String,
    pub code_dir: String,
    pub handler: String,
    /// `python3.<minor>`: literal, or an input (seed 003's lambda_runtime).
    pub runtime: Expr,
    pub memory_mb: Num,
    pub timeout_seconds: Num,
    pub architecture: Arch,
    pub role: String,
    pub log_group: String,
    pub environment: Vec<(String, Expr)>,
    pub environment_key_arn: Expr,
    /// Reserved concurrency, only where the plan asks for it (or an optional input,
    /// unset by default): a reservation fails on accounts whose unreserved
    /// concurrency would drop below the minimum AWS keeps.
    pub reserved_concurrency: Option<Num>,
    /// Failed asynchronous invocations go to this topic (same stack).
    pub dead_letter_topic: Option<String>,
    /// The security group of a function that runs in the private subnets of the plan's VPC.
    pub vpc_security_group: Option<String>,
    /// The subnets it runs in, where they are not the plan's VPC's private subnets
    /// (a list input: the caller's subnets).
    pub vpc_subnets: Option<Expr>,
    /// It runs in the VPC only where this holds (the caller gives subnets).
    pub vpc_when: Option<When>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EventPattern {
    pub source: Vec<String>,
    pub detail_type: Vec<String>,
    /// `detail` field → allowed values.
    pub detail: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RuleTarget {
    /// Invoke a function (same stack) with a constant JSON object as input, or with
    /// the matched event itself where `input` is `None`; the function's resource
    /// policy lets this rule invoke it.
    Function { function: String, input: Option<serde_json::Value> },
    /// Publish the event to a topic (same stack); the topic policy lets EventBridge publish.
    Topic { topic: String },
}

/// An EventBridge rule on the default bus: a schedule or an event pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Rule {
    pub description: String,
    /// `cron(...)` / `rate(...)`; a parameter for the plan's first schedule.
    pub schedule: Option<Expr>,
    pub pattern: Option<EventPattern>,
    pub targets: Vec<RuleTarget>,
}

/// An SNS topic encrypted with a customer-managed key, with a topic policy that
/// denies publishing without TLS and lets the listed services publish, and email
/// subscriptions. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    pub key_arn: Expr,
    pub emails: Vec<Expr>,
    /// Service principals that publish through the topic policy (EventBridge).
    pub publishers: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub namespace: String,
    pub name: String,
    /// `Sum`, `Average`, `Maximum`.
    pub statistic: &'static str,
    pub dimensions: Vec<(String, Expr)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum AlarmSource {
    Metric(Metric),
    /// The sum of several metrics (a metric-math expression `m1 + m2 + ...`).
    Sum {
        label: String,
        metrics: Vec<Metric>,
    },
}

/// A CloudWatch alarm that fires above a threshold. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alarm {
    pub name: Expr,
    pub description: String,
    pub source: AlarmSource,
    pub threshold: f64,
    pub period_seconds: u32,
    pub evaluation_periods: u32,
    /// `notBreaching` or `breaching`.
    pub treat_missing_data: &'static str,
    /// Topic notified in ALARM (same stack).
    pub topic: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Widget {
    pub title: String,
    pub metrics: Vec<Metric>,
    pub period_seconds: u32,
}

/// A CloudWatch dashboard of graph widgets, two per row. Attributes: `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Dashboard {
    pub name: Expr,
    pub widgets: Vec<Widget>,
}

/// A gateway endpoint (`s3`, `dynamodb`) on the private route tables of the plan's VPC.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayEndpoint {
    pub service: String,
}

/// An interface endpoint in the private subnets of the plan's VPC, with private DNS.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceEndpoint {
    pub service: String,
    pub security_group: String,
    /// The VPC and subnets, where they are not the plan's (a function's own inputs).
    pub vpc: Option<Expr>,
    pub subnets: Option<Expr>,
}

/// What an existing resource the caller names is (see [`Lookup`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LookupOf {
    Key,
    Topic,
}

/// An existing KMS key or SNS topic of the caller's, named by an input, that stands
/// for one the bundle would otherwise make (see [`super::Resource::instead`]).
/// Attributes: `Arn`, `Id` (a key's id), `Name` (a topic's name).
#[derive(Clone, Debug, PartialEq)]
pub struct Lookup {
    pub of: LookupOf,
    /// The input's value: a key id, ARN or alias; a topic ARN.
    pub by: Expr,
}

/// A secret an input gives (a webhook URL), kept as an SSM SecureString encrypted
/// with `key_arn`. Terraform writes it write-only, so the value never enters the
/// state. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Secret {
    /// The parameter's name (a path).
    pub name: Expr,
    pub description: String,
    /// The sensitive input that holds the value.
    pub value: String,
    pub key_arn: Expr,
}

/// A function subscribed to a topic, with the permission that lets SNS invoke it.
/// Attributes: none.
#[derive(Clone, Debug, PartialEq)]
pub struct Subscription {
    pub topic_arn: Expr,
    /// The function (same stack).
    pub function: String,
}

/// A Route 53 HTTPS health check. Attributes: `Id`.
#[derive(Clone, Debug, PartialEq)]
pub struct HealthCheck {
    pub fqdn: Expr,
    pub port: u16,
    pub path: String,
    pub interval_seconds: u32,
    pub failure_threshold: u32,
    pub name_tag: Expr,
}

/// A Route 53 failover record: `PRIMARY` with the health check of the primary
/// endpoint, `SECONDARY` pointing at the standby. Attributes: none.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordSet {
    pub zone_id: Expr,
    pub name: Expr,
    /// `PRIMARY` or `SECONDARY`.
    pub failover: &'static str,
    pub set_identifier: String,
    /// The CNAME target.
    pub target: Expr,
    pub ttl_seconds: u32,
    /// The health check (same stack) that decides whether Route 53 answers with this record.
    pub health_check: Option<String>,
}

/// A KMS-encrypted CodeCommit repository. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Repository {
    pub name: Expr,
    pub description: String,
    pub key_arn: Expr,
}

/// An AWS Backup restore testing plan: on its schedule, AWS Backup restores the
/// latest recovery point within `selection_window_days` from the listed vaults, for
/// each resource its selections name, then deletes the restored copy. Attributes:
/// `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTestingPlan {
    /// Letters, digits and underscores only, at most 50 characters (AWS's rule).
    pub name: Expr,
    /// `cron(...)` in AWS Backup's six-field syntax, UTC.
    pub schedule: String,
    /// Hours after the scheduled time a test may start before AWS Backup cancels it.
    pub start_window_hours: u32,
    /// `LATEST_WITHIN_WINDOW` or `RANDOM_WITHIN_WINDOW`.
    pub algorithm: &'static str,
    /// ARNs of the vaults whose recovery points are tested (vaults the bundle creates).
    pub include_vaults: Vec<Expr>,
    /// `SNAPSHOT` and/or `CONTINUOUS`.
    pub recovery_point_types: Vec<&'static str>,
    pub selection_window_days: u32,
}

/// The resources of one type a restore testing plan restores (same stack), and the
/// role AWS Backup restores them with. Attributes: none.
#[derive(Clone, Debug, PartialEq)]
pub struct RestoreTestingSelection {
    /// Letters, digits and underscores only, at most 50 characters, unique in its plan.
    pub name: String,
    /// The restore testing plan (same stack).
    pub plan: String,
    /// AWS Backup's resource type: `DynamoDB`, `RDS`, `Aurora`, `S3`.
    pub resource_type: &'static str,
    /// ARNs of resources that an AWS Backup plan of the bundle protects.
    pub resources: Vec<Expr>,
    /// The role AWS Backup assumes to restore (same stack).
    pub role: String,
    /// Hours the restored copy is kept for validation before AWS Backup deletes it (1–168).
    pub validation_window_hours: u32,
}
