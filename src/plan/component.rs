//! The tagged union of every component kind a plan can hold.

use serde::{Deserialize, Serialize};

use super::backup::BackupPlan;
use super::databases::{AuroraCluster, DynamoDbTable, RdsInstance};
use super::operations::{
    ConfigBackup, DnsFailover, KmsKey, LambdaFunction, Monitoring, Schedule, SnsTopic, VpcEndpoints,
};
use super::storage::S3Bucket;
use super::DataClass;

/// One component of a plan. The JSON form is internally tagged by `kind`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Component {
    S3Bucket(S3Bucket),
    DynamodbTable(DynamoDbTable),
    RdsInstance(RdsInstance),
    AuroraCluster(AuroraCluster),
    BackupPlan(BackupPlan),
    LambdaFunction(LambdaFunction),
    Schedule(Schedule),
    SnsTopic(SnsTopic),
    Monitoring(Monitoring),
    KmsKey(KmsKey),
    VpcEndpoints(VpcEndpoints),
    ConfigBackup(ConfigBackup),
    DnsFailover(DnsFailover),
}

/// The kind of a component, without its settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComponentKind {
    S3Bucket,
    DynamodbTable,
    RdsInstance,
    AuroraCluster,
    BackupPlan,
    LambdaFunction,
    Schedule,
    SnsTopic,
    Monitoring,
    KmsKey,
    VpcEndpoints,
    ConfigBackup,
    DnsFailover,
}

impl ComponentKind {
    pub const ALL: [ComponentKind; 13] = [
        ComponentKind::S3Bucket,
        ComponentKind::DynamodbTable,
        ComponentKind::RdsInstance,
        ComponentKind::AuroraCluster,
        ComponentKind::BackupPlan,
        ComponentKind::LambdaFunction,
        ComponentKind::Schedule,
        ComponentKind::SnsTopic,
        ComponentKind::Monitoring,
        ComponentKind::KmsKey,
        ComponentKind::VpcEndpoints,
        ComponentKind::ConfigBackup,
        ComponentKind::DnsFailover,
    ];

    /// The `kind` tag in plan files.
    pub fn id(self) -> &'static str {
        match self {
            ComponentKind::S3Bucket => "s3_bucket",
            ComponentKind::DynamodbTable => "dynamodb_table",
            ComponentKind::RdsInstance => "rds_instance",
            ComponentKind::AuroraCluster => "aurora_cluster",
            ComponentKind::BackupPlan => "backup_plan",
            ComponentKind::LambdaFunction => "lambda_function",
            ComponentKind::Schedule => "schedule",
            ComponentKind::SnsTopic => "sns_topic",
            ComponentKind::Monitoring => "monitoring",
            ComponentKind::KmsKey => "kms_key",
            ComponentKind::VpcEndpoints => "vpc_endpoints",
            ComponentKind::ConfigBackup => "config_backup",
            ComponentKind::DnsFailover => "dns_failover",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ComponentKind::S3Bucket => "S3 bucket",
            ComponentKind::DynamodbTable => "DynamoDB table",
            ComponentKind::RdsInstance => "RDS instance",
            ComponentKind::AuroraCluster => "Aurora cluster",
            ComponentKind::BackupPlan => "AWS Backup plan",
            ComponentKind::LambdaFunction => "Lambda function",
            ComponentKind::Schedule => "EventBridge schedule",
            ComponentKind::SnsTopic => "SNS topic",
            ComponentKind::Monitoring => "CloudWatch monitoring",
            ComponentKind::KmsKey => "KMS keys",
            ComponentKind::VpcEndpoints => "VPC endpoints",
            ComponentKind::ConfigBackup => "Configuration backup",
            ComponentKind::DnsFailover => "Route 53 failover",
        }
    }

    /// A new component of this kind with every documented default.
    pub fn new_component(self, id: &str) -> Component {
        let id = id.to_string();
        match self {
            ComponentKind::S3Bucket => Component::S3Bucket(S3Bucket { id, ..Default::default() }),
            ComponentKind::DynamodbTable => {
                Component::DynamodbTable(DynamoDbTable { id, ..Default::default() })
            }
            ComponentKind::RdsInstance => {
                Component::RdsInstance(RdsInstance { id, ..Default::default() })
            }
            ComponentKind::AuroraCluster => {
                Component::AuroraCluster(AuroraCluster { id, ..Default::default() })
            }
            ComponentKind::BackupPlan => {
                Component::BackupPlan(BackupPlan { id, ..Default::default() })
            }
            ComponentKind::LambdaFunction => {
                Component::LambdaFunction(LambdaFunction { id, ..Default::default() })
            }
            ComponentKind::Schedule => Component::Schedule(Schedule { id, ..Default::default() }),
            ComponentKind::SnsTopic => Component::SnsTopic(SnsTopic { id, ..Default::default() }),
            ComponentKind::Monitoring => {
                Component::Monitoring(Monitoring { id, ..Default::default() })
            }
            ComponentKind::KmsKey => Component::KmsKey(KmsKey { id, ..Default::default() }),
            ComponentKind::VpcEndpoints => {
                Component::VpcEndpoints(VpcEndpoints { id, ..Default::default() })
            }
            ComponentKind::ConfigBackup => {
                Component::ConfigBackup(ConfigBackup { id, ..Default::default() })
            }
            ComponentKind::DnsFailover => {
                Component::DnsFailover(DnsFailover { id, ..Default::default() })
            }
        }
    }
}

impl Component {
    pub fn id(&self) -> &str {
        match self {
            Component::S3Bucket(c) => &c.id,
            Component::DynamodbTable(c) => &c.id,
            Component::RdsInstance(c) => &c.id,
            Component::AuroraCluster(c) => &c.id,
            Component::BackupPlan(c) => &c.id,
            Component::LambdaFunction(c) => &c.id,
            Component::Schedule(c) => &c.id,
            Component::SnsTopic(c) => &c.id,
            Component::Monitoring(c) => &c.id,
            Component::KmsKey(c) => &c.id,
            Component::VpcEndpoints(c) => &c.id,
            Component::ConfigBackup(c) => &c.id,
            Component::DnsFailover(c) => &c.id,
        }
    }

    pub fn set_id(&mut self, new_id: &str) {
        let slot = match self {
            Component::S3Bucket(c) => &mut c.id,
            Component::DynamodbTable(c) => &mut c.id,
            Component::RdsInstance(c) => &mut c.id,
            Component::AuroraCluster(c) => &mut c.id,
            Component::BackupPlan(c) => &mut c.id,
            Component::LambdaFunction(c) => &mut c.id,
            Component::Schedule(c) => &mut c.id,
            Component::SnsTopic(c) => &mut c.id,
            Component::Monitoring(c) => &mut c.id,
            Component::KmsKey(c) => &mut c.id,
            Component::VpcEndpoints(c) => &mut c.id,
            Component::ConfigBackup(c) => &mut c.id,
            Component::DnsFailover(c) => &mut c.id,
        };
        *slot = new_id.to_string();
    }

    pub fn kind(&self) -> ComponentKind {
        match self {
            Component::S3Bucket(_) => ComponentKind::S3Bucket,
            Component::DynamodbTable(_) => ComponentKind::DynamodbTable,
            Component::RdsInstance(_) => ComponentKind::RdsInstance,
            Component::AuroraCluster(_) => ComponentKind::AuroraCluster,
            Component::BackupPlan(_) => ComponentKind::BackupPlan,
            Component::LambdaFunction(_) => ComponentKind::LambdaFunction,
            Component::Schedule(_) => ComponentKind::Schedule,
            Component::SnsTopic(_) => ComponentKind::SnsTopic,
            Component::Monitoring(_) => ComponentKind::Monitoring,
            Component::KmsKey(_) => ComponentKind::KmsKey,
            Component::VpcEndpoints(_) => ComponentKind::VpcEndpoints,
            Component::ConfigBackup(_) => ComponentKind::ConfigBackup,
            Component::DnsFailover(_) => ComponentKind::DnsFailover,
        }
    }

    /// The data class of a component that holds data, if one is set.
    pub fn data_class(&self) -> Option<DataClass> {
        match self {
            Component::S3Bucket(c) => c.data_class,
            Component::DynamodbTable(c) => c.data_class,
            Component::RdsInstance(c) => c.data_class,
            Component::AuroraCluster(c) => c.data_class,
            _ => None,
        }
    }

    /// Whether the component stores data that backups and recovery are about.
    pub fn holds_data(&self) -> bool {
        matches!(
            self.kind(),
            ComponentKind::S3Bucket
                | ComponentKind::DynamodbTable
                | ComponentKind::RdsInstance
                | ComponentKind::AuroraCluster
        )
    }
}
