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

/// One of seed 003's 28 module variables (its "Variables" tables).
pub struct SeedVariable {
    pub name: &'static str,
    /// The type the seed gives (`object`: an object of any fields).
    pub ty: &'static str,
    pub required: bool,
    /// The seed's default as Terraform writes it (`null`, `[]`, text unquoted).
    pub default: &'static str,
    /// The module's default where it deliberately differs from the seed's, and why.
    pub deviation: Option<(&'static str, &'static str)>,
    /// What the module does with it, or which value it refuses and why.
    pub does: &'static str,
    /// Its name in CloudFormation and the CDK apps, where they take it (else the
    /// README of those bundles lists it among the module's own inputs).
    pub cloudformation: Option<&'static str>,
    pub cdk: Option<&'static str>,
}

const fn var(
    name: &'static str,
    ty: &'static str,
    required: bool,
    default: &'static str,
    deviation: Option<(&'static str, &'static str)>,
    does: &'static str,
    stacks: Option<(&'static str, &'static str)>,
) -> SeedVariable {
    let (cloudformation, cdk) = match stacks {
        Some((c, k)) => (Some(c), Some(k)),
        None => (None, None),
    };
    SeedVariable { name, ty, required, default, deviation, does, cloudformation, cdk }
}

/// Seed 003's 28 module variables, with what the module does with each.
pub const SEED_003_VARIABLES: [SeedVariable; 28] = [
    var("project_name", "string", true, "", None, "part of every physical name", Some(("ProjectName", "project_name"))),
    var("environment", "string", true, "", None, "tags every resource; part of every physical name", Some(("Environment", "environment"))),
    var("rds_instance_ids", "list(string)", true, "", None, "the instances snapshotted; IAM grants per element (for_each)", Some(("RdsInstanceIds", "rds_instance_ids"))),
    var("backup_retention_days", "number", false, "30", None, "days the function keeps its snapshots (here and in the DR region)", Some(("BackupRetentionDays", "backup_retention_days"))),
    var("backup_schedule", "string", false, "cron(0 2 * * ? *)", None, "the EventBridge schedule that runs the function", Some(("BackupSchedule", "backup_schedule"))),
    var("enable_cross_region_copy", "bool", false, "false", None, "whether runs copy the newest snapshot to the DR region", Some(("EnableCrossRegionCopy", "enable_cross_region_copy"))),
    var("cross_region_destination", "string", false, "null", None, "the DR region; the module's aws.dr provider decides it, and a precondition refuses a value that names another region", Some(("CrossRegionDestination", "cross_region_destination"))),
    var("backup_window", "string", false, "02:00-03:00", None, "not applied to the existing instances (the module does not manage them): each run reports an instance whose window differs, with the command that sets it, and waits out a backup in progress before its snapshot; windows under 30 minutes are refused", Some(("BackupWindow", "backup_window"))),
    var("s3_bucket_name", "string", false, "null", None, "the export bucket's name; null: generated", Some(("S3BucketName", "s3_bucket_name"))),
    var("s3_storage_class", "string", false, "STANDARD", None, "S3 moves exports there on day 0 (Glacier classes) or day 30 (STANDARD_IA, S3's minimum); ONEZONE_IA is refused (one zone holds the only copy)", None),
    var("enable_s3_versioning", "bool", false, "true", None, "false is refused: versioning keeps an overwritten or deleted backup recoverable", Some(("EnableS3Versioning", "enable_s3_versioning"))),
    var("s3_lifecycle_rules", "object", false, "{ transition_to_ia_days = 30 transition_to_glacier_days = 90 transition_to_deep_archive_days = 365 expiration_days = 2555 }", None, "the export bucket's transitions and expiry; steps to a class no colder than s3_storage_class are left out; what S3 refuses is refused before apply", None),
    var("lambda_timeout", "number", false, "300", None, "the function's time limit", Some(("LambdaTimeout", "lambda_timeout"))),
    var("lambda_memory_size", "number", false, "256", None, "the function's memory", Some(("LambdaMemorySize", "lambda_memory_size"))),
    var("lambda_runtime", "string", false, "python3.9", Some(("python3.14", "python3.9 is deprecated by Lambda (no security patches) and refused by name; python3.12-3.14")), "the function's runtime", Some(("LambdaRuntime", "lambda_runtime"))),
    var("lambda_reserved_concurrency", "number", false, "1", Some(("null", "a reservation fails on accounts with a small concurrency quota: reserves only when set, and the README says what the quota must allow")), "reserved concurrency when set", Some(("LambdaReservedConcurrency", "lambda_reserved_concurrency"))),
    var("enable_cloudwatch_logs", "bool", false, "true", None, "false is refused: the logs are the audit trail of every run", Some(("EnableCloudwatchLogs", "enable_cloudwatch_logs"))),
    var("log_retention_days", "number", false, "14", None, "the function's log retention (CloudWatch's periods only)", Some(("LogRetentionDays", "log_retention_days"))),
    var("enable_detailed_monitoring", "bool", false, "false", None, "per-database metrics besides the totals the alarms watch", Some(("EnableDetailedMonitoring", "enable_detailed_monitoring"))),
    var("notification_email", "string", false, "null", None, "subscribed to the topic in use when set", Some(("NotificationEmail", "notification_email"))),
    var("slack_webhook_url", "string", false, "null", None, "sensitive; kept as an SSM SecureString written write-only (never in the state); the function, subscribed to the topic, posts every message to it (hooks.slack.com only)", None),
    var("sns_topic_arn", "string", false, "null", None, "an existing topic used instead of the module's (looked up; its policy must let CloudWatch publish)", None),
    var("kms_key_id", "string", false, "null", None, "an existing key used instead of the module's (looked up by id, ARN or alias)", None),
    var("enable_s3_encryption", "bool", false, "true", None, "false is refused: encryption at rest cannot be turned off", Some(("EnableS3Encryption", "enable_s3_encryption"))),
    var("enable_s3_access_logging", "bool", false, "true", None, "false is refused: the access logs are the audit trail of the backups", Some(("EnableS3AccessLogging", "enable_s3_access_logging"))),
    var("vpc_id", "string", false, "null", None, "the VPC of subnet_ids (required with them)", None),
    var("subnet_ids", "list(string)", false, "[]", None, "runs the function in these subnets, in a security group of the module's", None),
    var("enable_vpc_endpoints", "bool", false, "false", None, "an interface endpoint for each API the function calls, only with subnet_ids", None),
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
