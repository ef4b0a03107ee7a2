//! Supporting components: Lambda orchestration, EventBridge schedules, SNS,
//! CloudWatch, KMS, VPC endpoints, configuration backups and Route 53 failover.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Architecture {
    #[default]
    X86_64,
    Arm64,
}

/// What a backup-orchestration Lambda does on each run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LambdaTask {
    /// Snapshot the target databases.
    Snapshot,
    /// Export snapshots to S3.
    Export,
    /// Delete snapshots older than their retention.
    Cleanup,
    /// Check the latest backups and publish their age.
    Verify,
    /// Copy objects of a source bucket prefix into the target bucket: what changed
    /// since the last run for incremental runs, everything for full and manual runs.
    Copy,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LambdaFunction {
    pub id: String,
    /// Default: [snapshot, cleanup].
    pub tasks: Vec<LambdaTask>,
    /// Ids of the components the function acts on.
    pub targets: Vec<String>,
    /// 128–10240 MB. Default: 256.
    pub memory_mb: u32,
    /// Average run time in seconds. Default: 60.
    pub average_duration_seconds: f64,
    /// 1–900 seconds. Default: 300.
    pub timeout_seconds: u32,
    pub architecture: Architecture,
    /// Runs a month besides those of the schedules that target it. Default: 0.
    pub extra_invocations_per_month: f64,
    /// Default: 30.
    pub log_retention_days: u32,
    /// `sns_topic` that hears about failures. Default: none.
    pub notify_topic: Option<String>,
    /// Executions reserved for this function alone (also its ceiling). Default: none:
    /// the function shares the account's unreserved pool, which new accounts keep small.
    pub reserved_concurrency: Option<u32>,
    /// Run the function in the plan's VPC, reaching AWS APIs through its endpoints. Default: false.
    pub in_vpc: bool,
    /// The `s3_bucket` the copy task reads; none for a bucket outside the plan, named
    /// at deploy time (input `source_bucket_name`). Default: none.
    pub source_bucket: Option<String>,
    /// Key prefix the copy task reads on scheduled runs; manual runs may name their
    /// own (`{"backup_type": "manual", "source_prefix": "..."}`). Default: "" (the whole bucket).
    pub source_prefix: String,
}

impl Default for LambdaFunction {
    fn default() -> Self {
        LambdaFunction {
            id: String::new(),
            tasks: vec![LambdaTask::Snapshot, LambdaTask::Cleanup],
            targets: Vec::new(),
            memory_mb: 256,
            average_duration_seconds: 60.0,
            timeout_seconds: 300,
            architecture: Architecture::X86_64,
            extra_invocations_per_month: 0.0,
            log_retention_days: 30,
            notify_topic: None,
            reserved_concurrency: None,
            in_vpc: false,
            source_bucket: None,
            source_prefix: String::new(),
        }
    }
}

/// An EventBridge rule that fires on a schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Schedule {
    pub id: String,
    /// `cron(min hour day-of-month month day-of-week year)` or `rate(N unit)`. Default: daily at 02:00 UTC.
    pub expression: String,
    /// Id of the `lambda_function` it invokes.
    pub target: String,
    /// Free text passed to the target as `backup_type`. Default: "scheduled".
    pub backup_type: String,
}

impl Default for Schedule {
    fn default() -> Self {
        Schedule {
            id: String::new(),
            expression: "cron(0 2 * * ? *)".into(),
            target: String::new(),
            backup_type: "scheduled".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SnsTopic {
    pub id: String,
    /// Email addresses subscribed to the topic.
    pub email_subscriptions: Vec<String>,
    /// Messages published a month. Default: 100.
    pub notifications_per_month: f64,
}

impl Default for SnsTopic {
    fn default() -> Self {
        SnsTopic {
            id: String::new(),
            email_subscriptions: Vec::new(),
            notifications_per_month: 100.0,
        }
    }
}

/// What a CloudWatch alarm watches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmMetric {
    /// Custom metric `BackupFailure` published by the orchestration Lambda.
    BackupFailure,
    /// Custom metric `SnapshotAge` (hours since the newest snapshot).
    SnapshotAgeHours,
    /// `AWS/Backup NumberOfBackupJobsFailed`.
    BackupJobsFailed,
    /// `AWS/S3 ReplicationLatency` of a replicated bucket, in seconds.
    ReplicationLatencySeconds,
    /// `AWS/S3 OperationsFailedReplication`.
    ReplicationFailures,
    /// `AWS/Lambda Errors` of a function.
    LambdaErrors,
    /// `AWS/RDS CPUUtilization` of an instance or Aurora cluster, in percent.
    DatabaseCpuPercent,
    /// `AWS/RDS DatabaseConnections` of an instance or Aurora cluster.
    DatabaseConnections,
    /// `AWS/DynamoDB ThrottledRequests` of a table.
    DynamodbThrottles,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Alarm {
    /// Alarm name suffix (letters, digits, `-`, `_`). Default: "backup-failure".
    pub name: String,
    pub metric: AlarmMetric,
    /// Id of the watched component, where the metric belongs to one.
    pub component: Option<String>,
    /// Fires when the metric is above this. Default: 0.
    pub threshold: f64,
    /// Default: 5.
    pub period_minutes: u32,
    /// Default: 1.
    pub evaluation_periods: u32,
}

impl Default for Alarm {
    fn default() -> Self {
        Alarm {
            name: "backup-failure".into(),
            metric: AlarmMetric::BackupFailure,
            component: None,
            threshold: 0.0,
            period_minutes: 5,
            evaluation_periods: 1,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Monitoring {
    pub id: String,
    /// Default: 1.
    pub dashboards: u32,
    /// Default: one backup-failure alarm.
    pub alarms: Vec<Alarm>,
    /// Names of custom metrics published. Default: BackupSuccess, BackupFailure, BackupDuration, SnapshotAge.
    pub custom_metrics: Vec<String>,
    /// Log data ingested a month, in GB. Default: 1.
    pub log_ingestion_gb_per_month: f64,
    /// Default: 30.
    pub log_retention_days: u32,
    /// `sns_topic` the alarms notify. Default: none.
    pub notify_topic: Option<String>,
}

impl Default for Monitoring {
    fn default() -> Self {
        Monitoring {
            id: String::new(),
            dashboards: 1,
            alarms: vec![Alarm::default()],
            custom_metrics: ["BackupSuccess", "BackupFailure", "BackupDuration", "SnapshotAge"]
                .map(String::from)
                .to_vec(),
            log_ingestion_gb_per_month: 1.0,
            log_retention_days: 30,
            notify_topic: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KmsKey {
    pub id: String,
    /// Customer-managed keys. Default: 1.
    pub count: u32,
    /// Automatic yearly rotation. Default: true.
    pub rotation: bool,
    /// API requests a month across the keys, in thousands. Default: 10.
    pub monthly_requests_thousands: f64,
    /// Also create a key in the DR region for replicas and copies. Default: false.
    pub replica_in_dr_region: bool,
}

impl Default for KmsKey {
    fn default() -> Self {
        KmsKey {
            id: String::new(),
            count: 1,
            rotation: true,
            monthly_requests_thousands: 10.0,
            replica_in_dr_region: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VpcEndpoints {
    pub id: String,
    /// Gateway endpoints (free): `s3`, `dynamodb`. Default: both.
    pub gateway: Vec<String>,
    /// Interface endpoints by service name, e.g. `sns`, `logs`, `kms`. Default: none.
    pub interface: Vec<String>,
    /// Availability Zones each interface endpoint spans. Default: 2.
    pub az_count: u32,
    /// Data processed by interface endpoints a month, in GB. Default: 10.
    pub interface_processed_gb_per_month: f64,
}

impl Default for VpcEndpoints {
    fn default() -> Self {
        VpcEndpoints {
            id: String::new(),
            gateway: vec!["s3".into(), "dynamodb".into()],
            interface: Vec::new(),
            az_count: 2,
            interface_processed_gb_per_month: 10.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigBackup {
    pub id: String,
    /// Daily export of Parameter Store to an encrypted S3 prefix. Default: true.
    pub parameter_store_export: bool,
    /// Days each export is kept. Default: 90.
    pub export_retention_days: u32,
    /// Mirror the infrastructure repository to CodeCommit. Default: true.
    pub codecommit_mirror: bool,
    /// Active CodeCommit users a month. Default: 1.
    pub codecommit_users: u32,
    /// Minutes to redeploy the stack from git. Default: 30 (seed 004).
    pub redeploy_minutes: u32,
    /// Where the repository mirror lives: `codecommit` (closed to new AWS customers
    /// since 2024) or `s3` (git bundles in a versioned, encrypted bucket). Default: codecommit.
    pub mirror_to: MirrorTarget,
}

/// Where `config_backup` mirrors the infrastructure repository.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MirrorTarget {
    /// An AWS CodeCommit repository (only accounts that used CodeCommit before July 2024 can create one).
    #[default]
    Codecommit,
    /// `git bundle` files in a versioned, KMS-encrypted S3 bucket.
    S3,
}

impl Default for ConfigBackup {
    fn default() -> Self {
        ConfigBackup {
            id: String::new(),
            parameter_store_export: true,
            export_retention_days: 90,
            codecommit_mirror: true,
            codecommit_users: 1,
            redeploy_minutes: 30,
            mirror_to: MirrorTarget::Codecommit,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DnsFailover {
    pub id: String,
    /// The hostname the health check probes, e.g. `www.example.com`.
    pub domain_name: String,
    /// Default: 1.
    pub health_checks: u32,
    /// Whether the checked endpoints are AWS resources (cheaper). Default: true.
    pub aws_endpoints: bool,
    /// Seconds between checks: 10 or 30. Default: 30.
    pub request_interval_seconds: u32,
    /// Failed checks before the endpoint counts as down. Default: 3.
    pub failure_threshold: u32,
    /// Route 53 hosted zone of `domain_name`; none means it is given at deploy time. Default: none.
    pub hosted_zone_id: Option<String>,
    /// Host name of the primary endpoint (a CloudFront or load balancer domain); the
    /// PRIMARY record points here and the health check probes it. Default: none (given at deploy time).
    pub primary_endpoint: Option<String>,
    /// Host name of the standby endpoint in the DR region (the SECONDARY record). Default: none.
    pub secondary_endpoint: Option<String>,
}

impl Default for DnsFailover {
    fn default() -> Self {
        DnsFailover {
            id: String::new(),
            domain_name: "www.example.com".into(),
            health_checks: 1,
            aws_endpoints: true,
            request_interval_seconds: 30,
            failure_threshold: 3,
            hosted_zone_id: None,
            primary_endpoint: None,
            secondary_endpoint: None,
        }
    }
}
