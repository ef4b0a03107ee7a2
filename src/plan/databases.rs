//! Database components: `dynamodb_table`, `rds_instance` and `aurora_cluster`,
//! each with its native backup and recovery settings.

use serde::{Deserialize, Serialize};

use super::DataClass;

/// DynamoDB continuous backups.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Pitr {
    /// Default: true.
    pub enabled: bool,
    /// How far back a restore can go, 1–35 days. Default: 35.
    pub recovery_period_days: u32,
}

impl Default for Pitr {
    fn default() -> Self {
        Pitr { enabled: true, recovery_period_days: 35 }
    }
}

/// A recurring full backup, kept for a number of days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BackupSchedule {
    /// Hours between backups. Default: 24 (daily).
    pub every_hours: u32,
    /// Days each backup is kept. Default: 35.
    pub retention_days: u32,
}

impl Default for BackupSchedule {
    fn default() -> Self {
        BackupSchedule { every_hours: 24, retention_days: 35 }
    }
}

/// A DynamoDB global-table replica.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GlobalTable {
    /// Replica region. Default: the plan's DR region.
    pub replica_region: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DynamoDbTable {
    pub id: String,
    /// True when the table exists and its storage is billed elsewhere. Default: false.
    pub existing: bool,
    pub data_class: Option<DataClass>,
    /// Table size (data and indexes) in GB. Default: 10.
    pub size_gb: f64,
    /// Writes a month, in millions (each item up to 1 KB, one write request unit). Default: 1.
    pub monthly_writes_millions: f64,
    /// Reads a month, in millions (strongly consistent, items up to 4 KB: one read
    /// request unit each), billed when the plan manages the table. Default: 0.
    pub monthly_reads_millions: f64,
    pub pitr: Pitr,
    /// On-demand backups. Default: none.
    pub on_demand_backups: Option<BackupSchedule>,
    /// Default: none.
    pub global_table: Option<GlobalTable>,
}

impl Default for DynamoDbTable {
    fn default() -> Self {
        DynamoDbTable {
            id: String::new(),
            existing: false,
            data_class: None,
            size_gb: 10.0,
            monthly_writes_millions: 1.0,
            monthly_reads_millions: 0.0,
            pitr: Pitr::default(),
            on_demand_backups: None,
            global_table: None,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RdsEngine {
    #[default]
    Mysql,
    Postgres,
}

impl RdsEngine {
    pub fn id(self) -> &'static str {
        match self {
            RdsEngine::Mysql => "mysql",
            RdsEngine::Postgres => "postgres",
        }
    }
}

/// Automated backups copied to the DR region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrossRegionBackups {
    /// Days the replicated backups are kept, 1–35. Default: 7.
    pub retention_days: u32,
}

impl Default for CrossRegionBackups {
    fn default() -> Self {
        CrossRegionBackups { retention_days: 7 }
    }
}

/// Manual snapshots taken on a schedule (by a Lambda or AWS Backup).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ManualSnapshots {
    /// Days between snapshots. Default: 1.
    pub every_days: u32,
    /// Days each snapshot is kept. Default: 30.
    pub retention_days: u32,
    /// Also copy each snapshot to the DR region. Default: false.
    pub copy_to_dr_region: bool,
}

impl Default for ManualSnapshots {
    fn default() -> Self {
        ManualSnapshots { every_days: 1, retention_days: 30, copy_to_dr_region: false }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RdsInstance {
    pub id: String,
    /// True when the instance exists and only its backups are planned. Default: false.
    pub existing: bool,
    pub data_class: Option<DataClass>,
    pub engine: RdsEngine,
    /// Default: db.t3.micro.
    pub instance_class: String,
    /// Default: false.
    pub multi_az: bool,
    /// Allocated gp2 storage in GB. Default: 20.
    pub storage_gb: f64,
    /// Share of the data changed a day, in percent; sizes incremental backups. Default: 2.
    pub daily_change_percent: f64,
    /// Automated backup retention, 1–35 days. Default: 7.
    pub backup_retention_days: u32,
    /// Default: none.
    pub cross_region_backups: Option<CrossRegionBackups>,
    /// Default: none.
    pub manual_snapshots: Option<ManualSnapshots>,
    /// Export each manual snapshot to S3 (Parquet). Default: false.
    pub snapshot_export_to_s3: bool,
}

impl Default for RdsInstance {
    fn default() -> Self {
        RdsInstance {
            id: String::new(),
            existing: false,
            data_class: None,
            engine: RdsEngine::Mysql,
            instance_class: "db.t3.micro".into(),
            multi_az: false,
            storage_gb: 20.0,
            daily_change_percent: 2.0,
            backup_retention_days: 7,
            cross_region_backups: None,
            manual_snapshots: None,
            snapshot_export_to_s3: false,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuroraEngine {
    AuroraMysql,
    #[default]
    AuroraPostgresql,
}

impl AuroraEngine {
    pub fn id(self) -> &'static str {
        match self {
            AuroraEngine::AuroraMysql => "aurora_mysql",
            AuroraEngine::AuroraPostgresql => "aurora_postgresql",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuroraCluster {
    pub id: String,
    /// True when the cluster exists and only its backups are planned. Default: false.
    pub existing: bool,
    pub data_class: Option<DataClass>,
    pub engine: AuroraEngine,
    /// Default: db.t4g.medium.
    pub instance_class: String,
    /// Writer plus readers; two or more spreads the cluster over Availability Zones. Default: 2.
    pub instance_count: u32,
    /// Cluster volume in GB. Default: 50.
    pub storage_gb: f64,
    /// I/O requests a month, in millions (Aurora Standard). Default: 10.
    pub monthly_io_millions: f64,
    /// Default: 2.
    pub daily_change_percent: f64,
    /// 1–35 days. Default: 7.
    pub backup_retention_days: u32,
    /// Aurora MySQL only, up to 72 hours. Default: none.
    pub backtrack_window_hours: Option<u32>,
    /// Backtrack change records written an hour, in millions. Default: none, read as
    /// the I/O requests of an hour (`monthly_io_millions` ÷ 730), an assumption.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backtrack_change_records_per_hour_millions: Option<f64>,
}

impl Default for AuroraCluster {
    fn default() -> Self {
        AuroraCluster {
            id: String::new(),
            existing: false,
            data_class: None,
            engine: AuroraEngine::AuroraPostgresql,
            instance_class: "db.t4g.medium".into(),
            instance_count: 2,
            storage_gb: 50.0,
            monthly_io_millions: 10.0,
            daily_change_percent: 2.0,
            backup_retention_days: 7,
            backtrack_window_hours: None,
            backtrack_change_records_per_hour_millions: None,
        }
    }
}
