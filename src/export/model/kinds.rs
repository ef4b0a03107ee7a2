//! The typed resource kinds of the model, one struct per kind of AWS resource.
//!
//! Each kind documents the attributes ([`Attr`]) other resources may reference. The
//! properties are already the secure, deployable choice: emitters add nothing but
//! syntax (and the few defaults CDK applies itself, noted where they occur).

use super::expr::{Expr, Num, Statement};
pub use super::kinds_ops::*;

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Key(Key),
    Bucket(Bucket),
    Role(Role),
    Table(Table),
    SubnetGroup(SubnetGroup),
    SecurityGroup(SecurityGroup),
    DbInstance(DbInstance),
    DbCluster(DbCluster),
    Vault(Vault),
    BackupPlan(BackupPlan),
    Selection(Selection),
    LogGroup(LogGroup),
    Function(Function),
    Rule(Rule),
    Topic(Topic),
    Alarm(Alarm),
    Dashboard(Dashboard),
    GatewayEndpoint(GatewayEndpoint),
    InterfaceEndpoint(InterfaceEndpoint),
    HealthCheck(HealthCheck),
    Repository(Repository),
    Vpc(Vpc),
    RecordSet(RecordSet),
    BucketSettings(BucketSettings),
    RolePolicy(RolePolicy),
    Lookup(Lookup),
    Secret(Secret),
    Subscription(Subscription),
    RestoreTestingPlan(RestoreTestingPlan),
    RestoreTestingSelection(RestoreTestingSelection),
}

/// Statements attached to a role as a policy of their own; made once per element
/// of a list input when its resource has `for_each` (the statements then name
/// [`super::Expr::Item`]). No attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct RolePolicy {
    pub role: String,
    /// The policy's name, unique on the role.
    pub name: Expr,
    pub statements: Vec<Statement>,
}

/// The backup settings of an existing bucket the plan does not manage in full:
/// versioning, lifecycle and replication. Terraform holds them as per-setting
/// resources on the existing bucket; CloudFormation and CDK, whose stacks cannot
/// hold a bucket's settings without the bucket, apply them with the README's
/// commands (see [`super::ExistingMode::Settings`]). Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct BucketSettings {
    /// The existing bucket's name (an input).
    pub bucket_name: Expr,
    pub versioned: bool,
    pub lifecycle: Lifecycle,
    pub replication: Option<Replication>,
}

/// A VPC the bundle creates (seed 001): a public and a private subnet in each of
/// `az_count` Availability Zones, an internet gateway for the public ones and no
/// NAT gateway, so the private subnets reach AWS only through VPC endpoints. The
/// subnets are consecutive blocks of `subnet_prefix`, public ones first (the layout
/// CDK's `Vpc` builds). Attributes: `Id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Vpc {
    pub cidr: String,
    pub az_count: u32,
    /// Prefix length of each subnet (`cidr`'s plus four: sixteen blocks).
    pub subnet_prefix: u32,
}

/// A customer-managed KMS key. Attributes: `Arn`, `Id`.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub description: String,
    pub rotation: bool,
    /// Statements after the account-administration statement every key policy starts
    /// with (CDK writes that one itself).
    pub statements: Vec<Statement>,
    /// `alias/...`, when other stacks must find the key by name.
    pub alias: Option<Expr>,
}

/// S3 storage classes that lifecycle rules and replication name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum S3Class {
    Standard,
    StandardIa,
    GlacierIr,
    Glacier,
    DeepArchive,
}

impl S3Class {
    /// The API name (CloudFormation, Terraform).
    pub fn api(self) -> &'static str {
        match self {
            S3Class::Standard => "STANDARD",
            S3Class::StandardIa => "STANDARD_IA",
            S3Class::GlacierIr => "GLACIER_IR",
            S3Class::Glacier => "GLACIER",
            S3Class::DeepArchive => "DEEP_ARCHIVE",
        }
    }

    /// The member of CDK's `s3.StorageClass`.
    pub fn cdk(self) -> &'static str {
        match self {
            S3Class::Standard => "STANDARD",
            S3Class::StandardIa => "INFREQUENT_ACCESS",
            S3Class::GlacierIr => "GLACIER_INSTANT_RETRIEVAL",
            S3Class::Glacier => "GLACIER",
            S3Class::DeepArchive => "DEEP_ARCHIVE",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum BucketEncryption {
    /// SSE-S3 (the plan chose it, or the bucket receives server access logs, which
    /// S3 can only deliver to SSE-S3 buckets).
    S3Managed,
    /// SSE-KMS with a bucket key, by key ARN.
    Kms(Expr),
}

/// One lifecycle rule covering the whole bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct Lifecycle {
    /// Current versions: storage class and days after creation.
    pub transitions: Vec<(S3Class, u32)>,
    pub expiration_days: Option<u32>,
    pub noncurrent_transitions: Vec<(S3Class, u32)>,
    pub noncurrent_expiration_days: Option<Num>,
    pub abort_incomplete_upload_days: u32,
    /// The current versions' storage class and transitions come from inputs at
    /// deploy time (the Terraform module's `s3_storage_class` and
    /// `s3_lifecycle_rules`); `transitions` and `expiration_days` are what their
    /// defaults give.
    pub inputs: Option<LifecycleInputs>,
}

/// The inputs a lifecycle rule reads (see [`Lifecycle::inputs`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LifecycleInputs {
    /// The class objects are kept in ([`super::ParamKind::StorageClass`]): S3 moves
    /// them there on day 0 (Glacier classes) or day 30 (Standard-IA, its minimum).
    pub storage_class: String,
    /// The transition and expiration days ([`super::ParamKind::LifecycleRules`]).
    pub rules: String,
    /// The class `transition_to_glacier_days` moves objects to.
    pub glacier: S3Class,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AccessLogging {
    /// The log bucket (same stack).
    pub bucket: String,
    /// Key prefix, ending in `/`.
    pub prefix: String,
}

/// A bucket's replication: the role S3 assumes and one rule per destination.
#[derive(Clone, Debug, PartialEq)]
pub struct Replication {
    /// The IAM role S3 assumes (same stack).
    pub role: String,
    pub rules: Vec<ReplicationRule>,
}

/// One replication rule, to one destination bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplicationRule {
    /// The rule's id (replication metrics name it as `RuleId`).
    pub id: &'static str,
    /// Unique among the bucket's rules.
    pub priority: u32,
    pub destination_bucket_arn: Expr,
    /// Replica encryption key (an alias ARN in the destination's region and account);
    /// `None` for SSE-S3.
    pub destination_key_arn: Option<Expr>,
    pub storage_class: S3Class,
    /// Replication Time Control (15-minute SLA); implies metrics.
    pub time_control: bool,
    /// Replication metrics (latency, failures) for the CloudWatch alarms.
    pub metrics: bool,
    /// The destination bucket's account, when it is another one (the backup account):
    /// S3 then makes that account the replicas' owner (the owner override).
    pub account: Option<Expr>,
}

/// An S3 bucket with public access blocked, object ownership enforced, and a
/// bucket policy that denies non-TLS requests. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bucket {
    /// Fixed name (imported buckets, replica buckets other stacks point at).
    pub physical_name: Option<Expr>,
    pub encryption: BucketEncryption,
    pub versioned: bool,
    pub lifecycle: Lifecycle,
    pub access_logging: Option<AccessLogging>,
    pub replication: Option<Replication>,
    /// Buckets (same stack) that deliver server access logs here, with their prefixes.
    pub log_sources: Vec<AccessLogging>,
    /// Bucket-policy statements beyond TLS and log delivery (another account's
    /// replication role writing replicas here).
    pub grants: Vec<Statement>,
    /// A note for the README on what the bucket holds.
    pub purpose: String,
}

/// An IAM role for one AWS service, with inline policies only (one per role) plus
/// AWS managed service-role policies where AWS documents them as the way to grant a
/// service its permissions. Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    pub service: String,
    pub description: String,
    pub statements: Vec<Statement>,
    /// Names under `arn:aws:iam::aws:policy/`.
    pub managed_policies: Vec<String>,
    /// The statements go into a policy resource of their own, attached to the role,
    /// when a resource the policy names also names the role (an S3 replication rule).
    pub separate_policy: bool,
    /// A fixed role name, where another account's policy must name the role before
    /// it exists (the backup account's replica buckets); else the tools name it.
    pub name: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TableReplica {
    pub region: Expr,
    pub key_arn: Expr,
}

/// A DynamoDB table as a global table (CDK's `TableV2` always synthesizes
/// `AWS::DynamoDB::GlobalTable`, with or without replicas). On-demand capacity.
/// Attributes: `Arn`, `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// `<project>-<component>`.
    pub name: Expr,
    pub partition_key: String,
    pub sort_key: Option<String>,
    /// Point-in-time recovery with its recovery period, when on.
    pub pitr_days: Option<u32>,
    pub key_arn: Expr,
    pub replicas: Vec<TableReplica>,
}

/// The private subnets of the plan's VPC (see [`super::NetworkModel`]). Attributes: `Name`.
#[derive(Clone, Debug, PartialEq)]
pub struct SubnetGroup {
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ingress {
    pub cidr: Expr,
    pub port: u16,
    pub description: String,
}

/// A security group in the plan's VPC with TCP ingress from the listed CIDRs and the
/// listed TCP egress; without egress rules it is written as CDK writes "no egress"
/// (one rule that matches nothing). Attributes: `Id`.
#[derive(Clone, Debug, PartialEq)]
pub struct SecurityGroup {
    pub description: String,
    pub ingress: Vec<Ingress>,
    pub egress: Vec<Ingress>,
    /// The VPC, where it is not the plan's (a function's own `vpc_id` input).
    pub vpc: Option<Expr>,
    /// TCP ingress on this port from members of the group itself (the interface
    /// endpoints of the function that is in it).
    pub self_ingress_port: Option<u16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbEngine {
    Mysql,
    Postgres,
    AuroraMysql,
    AuroraPostgresql,
}

impl DbEngine {
    pub fn api(self) -> &'static str {
        match self {
            DbEngine::Mysql => "mysql",
            DbEngine::Postgres => "postgres",
            DbEngine::AuroraMysql => "aurora-mysql",
            DbEngine::AuroraPostgresql => "aurora-postgresql",
        }
    }

    /// The engine version all four targets ask for. RDS instances take automatic
    /// minor upgrades, so they name the major version only (`8.4`, `17`) and RDS
    /// picks the current minor: a pinned minor would later read as a downgrade.
    /// Aurora names full versions; Terraform ignores the drift minor upgrades cause.
    pub fn version(self) -> &'static str {
        match self {
            DbEngine::Mysql => "8.4",
            DbEngine::Postgres => "17",
            DbEngine::AuroraMysql => "8.0.mysql_aurora.3.10.3",
            DbEngine::AuroraPostgresql => "17.5",
        }
    }

    pub fn port(self) -> u16 {
        match self {
            DbEngine::Mysql | DbEngine::AuroraMysql => 3306,
            DbEngine::Postgres | DbEngine::AuroraPostgresql => 5432,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AutomatedBackupReplication {
    pub region: Expr,
    /// The DR key's ARN (RDS takes no alias here).
    pub key_arn: Expr,
    pub retention_days: Num,
    /// The input that must be set (non-empty) before separately deployed stacks turn
    /// the replication on: it carries the DR key's ARN from the DR stack's output.
    pub when_set: Option<String>,
}

/// An encrypted, private, deletion-protected RDS instance whose master password RDS
/// keeps in Secrets Manager. Attributes: `Arn`, `Id` (instance identifier).
#[derive(Clone, Debug, PartialEq)]
pub struct DbInstance {
    pub engine: DbEngine,
    /// `db.<family>.<size>`: literal, or an input (seed 002's DatabaseInstanceClass).
    pub instance_class: Expr,
    pub storage_gb: u32,
    pub multi_az: bool,
    pub backup_retention_days: Num,
    pub key_arn: Expr,
    pub subnet_group: String,
    pub security_group: String,
    pub cross_region_backups: Option<AutomatedBackupReplication>,
}

/// An encrypted, private, deletion-protected Aurora cluster with `instances`
/// provisioned instances (the first is the writer). Attributes: `Arn`, `Id`.
#[derive(Clone, Debug, PartialEq)]
pub struct DbCluster {
    pub engine: DbEngine,
    pub instance_class: String,
    pub instances: u32,
    pub backup_retention_days: u32,
    pub backtrack_hours: Option<u32>,
    pub key_arn: Expr,
    pub subnet_group: String,
    pub security_group: String,
}
