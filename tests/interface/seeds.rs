//! The interfaces the five seed documents give their designs (/work/shared/seeds),
//! as tables the seed presets' bundles are checked against: each input or output
//! the seed names, and what it is called in each target. `None` means the target
//! does not have it, for the reason given.

/// An input a seed names.
pub struct SeedInput {
    pub preset: &'static str,
    /// The name the seed gives it, where the seed gives it.
    pub seed_name: &'static str,
    pub cloudformation: Option<&'static str>,
    pub terraform: Option<&'static str>,
    /// The CDK context key (both apps).
    pub cdk: Option<&'static str>,
    /// The seed's default, where the preset keeps it (checked in every target).
    pub default: Option<&'static str>,
    /// The environment variable the CDK apps also read.
    pub env: Option<&'static str>,
    pub note: &'static str,
    /// What the README says instead, where a target has no such input.
    pub readme: &'static str,
}

const fn input(
    preset: &'static str,
    seed_name: &'static str,
    names: [Option<&'static str>; 3],
    default: Option<&'static str>,
    env: Option<&'static str>,
    note: &'static str,
    readme: &'static str,
) -> SeedInput {
    SeedInput {
        preset,
        seed_name,
        cloudformation: names[0],
        terraform: names[1],
        cdk: names[2],
        default,
        env,
        note,
        readme,
    }
}

/// Seeds 000, 001, 002 and 004: inputs (Terraform root variables).
pub const INPUTS: [SeedInput; 14] = [
    // Seed 000: "The application accepts several configuration parameters through CDK context".
    input("s3-glacier-backup", "notification_email", [Some("NotificationEmail"), Some("notification_email"), Some("notification_email")], None, Some("CDK_CONTEXT_notification_email"), "context key, or the environment variable the seed documents", ""),
    input("s3-glacier-backup", "dr_region", [None, Some("dr_region"), Some("dr_region")], Some("us-west-2"), Some("CDK_CONTEXT_dr_region"), "CloudFormation: the region the README deploys dr.yaml to", "DR stack in us-west-2"),
    input("s3-glacier-backup", "backup_retention_days", [Some("BackupRetentionDays"), Some("backup_retention_days"), Some("backup_retention_days")], Some("2555"), Some("CDK_CONTEXT_backup_retention_days"), "days backup versions are kept", ""),
    input("s3-glacier-backup", "source_prefix (manual runs)", [Some("SourceBucketName"), Some("source_bucket_name"), Some("source_bucket_name")], None, None, "the source bucket the function copies; manual runs pass {\"backup_type\", \"source_prefix\"}", ""),
    // Seed 001: "cdk deploy --context environmentSuffix=prod" / "export ENVIRONMENT_SUFFIX=prod", defaults to "dev".
    input("multi-az-dr", "environmentSuffix", [Some("EnvironmentSuffix"), Some("environment_suffix"), Some("environmentSuffix")], Some("dev"), Some("ENVIRONMENT_SUFFIX"), "ends every physical name: dr-function-<suffix>, dr-table-<suffix>", ""),
    // Seed 002: "CloudFormation Parameters" and "Terraform Variables" tables, CDK config object.
    input("rds-pitr", "DatabaseInstanceClass", [Some("DatabaseInstanceClass"), Some("database_instance_class"), Some("databaseInstanceClass")], Some("db.t3.micro"), None, "the RDS instance's class", ""),
    input("rds-pitr", "BackupRetentionPeriod", [Some("BackupRetentionPeriod"), Some("backup_retention_period"), Some("backupRetentionPeriod")], Some("7"), None, "RDS automated backups, 1–35 days", ""),
    input("rds-pitr", "CrossRegionBackupRetention", [Some("CrossRegionBackupRetention"), Some("cross_region_backup_retention"), Some("crossRegionBackupRetention")], Some("14"), None, "RDS backups replicated to the DR region, 1–35 days", ""),
    input("rds-pitr", "DisasterRecoveryRegion", [Some("DisasterRecoveryRegion"), Some("disaster_recovery_region"), Some("disasterRecoveryRegion")], Some("us-west-2"), None, "the DR stack deploys there", ""),
    input("rds-pitr", "DatabasePassword", [None, None, None], None, None, "replaced by a password RDS generates and keeps in Secrets Manager (ManageMasterUserPassword); the README says why", "Secrets Manager"),
    // Seed 004: Route 53 failover of the portfolio between the regions.
    input("photo-portfolio", "hosted zone", [Some("SiteFailoverHostedZoneId"), Some("site_failover_hosted_zone_id"), Some("site_failover_hosted_zone_id")], None, None, "required: the zone of the failover records", ""),
    input("photo-portfolio", "record name", [Some("SiteFailoverRecordName"), Some("site_failover_record_name"), Some("site_failover_record_name")], None, None, "the name both records answer for", ""),
    input("photo-portfolio", "primary endpoint", [Some("SiteFailoverPrimaryEndpoint"), Some("site_failover_primary_endpoint"), Some("site_failover_primary_endpoint")], None, None, "required: the PRIMARY record's target, probed by the health check", ""),
    input("photo-portfolio", "standby endpoint", [Some("SiteFailoverSecondaryEndpoint"), Some("site_failover_secondary_endpoint"), Some("site_failover_secondary_endpoint")], None, None, "required: the SECONDARY record's target", ""),
];

/// Seed 003's 28 module variables: `(name, type, required, default the seed
/// gives, present in the module, why not / how)`.
pub const SEED_003_VARIABLES: [(&str, &str, bool, &str, bool, &str); 28] = [
    ("project_name", "string", true, "", true, "required, as in the seed"),
    ("environment", "string", true, "", true, "required, as in the seed; part of every physical name"),
    ("rds_instance_ids", "list(string)", true, "", true, "required list; grants are made per element (for_each)"),
    ("backup_retention_days", "number", false, "30", true, "the preset follows the advanced example (90)"),
    ("backup_schedule", "string", false, "cron(0 2 * * ? *)", true, "EventBridge schedule of the function"),
    ("enable_cross_region_copy", "bool", false, "false", true, "the preset follows the advanced example (true)"),
    ("cross_region_destination", "string", false, "null", false, "a root variable: it sets the region of the module's aws.dr provider (modules take regions from providers)"),
    ("backup_window", "string", false, "02:00-03:00", false, "the instances exist and the module does not manage them; the README's commands apply their backup settings"),
    ("s3_bucket_name", "string", false, "null", false, "the bucket is named by Terraform (bucket names are global); a fixed name would collide across environments"),
    ("s3_storage_class", "string", false, "STANDARD", false, "RDS writes the exports; the lifecycle rules move them between classes"),
    ("enable_s3_versioning", "bool", false, "true", false, "versioning is always on: it is what keeps an overwritten export recoverable"),
    ("s3_lifecycle_rules", "object", false, "", false, "the transitions come from the plan's lifecycle (glacier 90, deep archive 365, expiry 2555 days)"),
    ("lambda_timeout", "number", false, "300", true, "the preset follows the advanced example (900)"),
    ("lambda_memory_size", "number", false, "256", true, "the preset follows the advanced example (512)"),
    ("lambda_runtime", "string", false, "python3.9", true, "python3.9 is deprecated: python3.12–3.14 (default 3.14)"),
    ("lambda_reserved_concurrency", "number", false, "1", false, "a reservation fails on accounts with a small concurrency quota; the plan's reserved_concurrency sets one"),
    ("enable_cloudwatch_logs", "bool", false, "true", false, "the function always logs, to its own encrypted log group"),
    ("log_retention_days", "number", false, "14", true, "the preset keeps 30; CloudWatch's allowed periods only"),
    ("enable_detailed_monitoring", "bool", false, "false", false, "the function publishes its backup metrics on every run; there is nothing more detailed to switch on"),
    ("notification_email", "string", false, "null", true, "the topic's email subscription"),
    ("slack_webhook_url", "string", false, "null", false, "a webhook URL is a secret that would sit in the function's environment and the state; subscribe Slack to the SNS topic instead"),
    ("sns_topic_arn", "string", false, "null", false, "the module makes its own topic with a policy and key its publishers need"),
    ("kms_key_id", "string", false, "null", false, "the module makes its own key, whose policy lets its services use it"),
    ("enable_s3_encryption", "bool", false, "true", false, "encryption is always on"),
    ("enable_s3_access_logging", "bool", false, "true", false, "access logging is always on"),
    ("vpc_id", "string", false, "null", false, "the preset keeps the function out of the VPC: its copies to us-west-2 need a route a private subnet lacks"),
    ("subnet_ids", "list(string)", false, "[]", false, "as vpc_id"),
    ("enable_vpc_endpoints", "bool", false, "false", false, "endpoints nothing in the VPC uses are not made (about $73 a month)"),
];

/// Seed 003's 12 outputs.
pub const SEED_003_OUTPUTS: [&str; 12] = [
    "s3_bucket_name",
    "s3_bucket_arn",
    "s3_bucket_region",
    "lambda_function_name",
    "lambda_function_arn",
    "lambda_role_arn",
    "cloudwatch_log_group_name",
    "cloudwatch_log_group_arn",
    "sns_topic_arn",
    "sns_topic_name",
    "kms_key_id",
    "kms_key_arn",
];
