//! Drill results: restore durations a team measured in its restore tests and DR
//! drills (seed 004: "Monthly DR Drills — measure actual RTO/RPO"), recorded per data
//! component and recovery mechanism with the day of the drill. The recovery model
//! uses a measured duration instead of the documented or assumed figures of the
//! restore it replaces, and says which figures of a verdict are measured.

use serde::{Deserialize, Serialize};

/// What a measured restore recovered from: the recovery model's mechanisms, without
/// their regions, plans and rules (a drill measures restoring the component that way).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RestoreMechanism {
    /// Storage or a standby that recovers by itself (a Multi-AZ failover).
    Automatic,
    S3Versions,
    S3Replica,
    DynamodbPitr,
    DynamodbBackups,
    DynamodbReplica,
    RdsPitr,
    RdsSnapshots,
    RdsCrossRegionBackups,
    RdsSnapshotCopies,
    AuroraBacktrack,
    AuroraPitr,
    /// A recovery point of an AWS Backup plan, in the primary vault or a copy.
    #[default]
    AwsBackup,
    /// A copy in the backup account's vault.
    BackupAccountCopy,
    /// A bucket's replica in the backup account.
    BackupAccountReplica,
}

impl RestoreMechanism {
    pub const ALL: [RestoreMechanism; 15] = [
        RestoreMechanism::Automatic,
        RestoreMechanism::S3Versions,
        RestoreMechanism::S3Replica,
        RestoreMechanism::DynamodbPitr,
        RestoreMechanism::DynamodbBackups,
        RestoreMechanism::DynamodbReplica,
        RestoreMechanism::RdsPitr,
        RestoreMechanism::RdsSnapshots,
        RestoreMechanism::RdsCrossRegionBackups,
        RestoreMechanism::RdsSnapshotCopies,
        RestoreMechanism::AuroraBacktrack,
        RestoreMechanism::AuroraPitr,
        RestoreMechanism::AwsBackup,
        RestoreMechanism::BackupAccountCopy,
        RestoreMechanism::BackupAccountReplica,
    ];

    pub fn id(self) -> &'static str {
        match self {
            RestoreMechanism::Automatic => "automatic",
            RestoreMechanism::S3Versions => "s3_versions",
            RestoreMechanism::S3Replica => "s3_replica",
            RestoreMechanism::DynamodbPitr => "dynamodb_pitr",
            RestoreMechanism::DynamodbBackups => "dynamodb_backups",
            RestoreMechanism::DynamodbReplica => "dynamodb_replica",
            RestoreMechanism::RdsPitr => "rds_pitr",
            RestoreMechanism::RdsSnapshots => "rds_snapshots",
            RestoreMechanism::RdsCrossRegionBackups => "rds_cross_region_backups",
            RestoreMechanism::RdsSnapshotCopies => "rds_snapshot_copies",
            RestoreMechanism::AuroraBacktrack => "aurora_backtrack",
            RestoreMechanism::AuroraPitr => "aurora_pitr",
            RestoreMechanism::AwsBackup => "aws_backup",
            RestoreMechanism::BackupAccountCopy => "backup_account_copy",
            RestoreMechanism::BackupAccountReplica => "backup_account_replica",
        }
    }

    /// In words, for the working and the editor.
    pub fn label(self) -> &'static str {
        match self {
            RestoreMechanism::Automatic => "Multi-AZ failover (automatic)",
            RestoreMechanism::S3Versions => "S3 versions",
            RestoreMechanism::S3Replica => "S3 replica bucket",
            RestoreMechanism::DynamodbPitr => "DynamoDB point-in-time restore",
            RestoreMechanism::DynamodbBackups => "DynamoDB on-demand backup",
            RestoreMechanism::DynamodbReplica => "DynamoDB global-table replica",
            RestoreMechanism::RdsPitr => "RDS point-in-time restore",
            RestoreMechanism::RdsSnapshots => "RDS snapshot restore",
            RestoreMechanism::RdsCrossRegionBackups => "RDS cross-region automated backups",
            RestoreMechanism::RdsSnapshotCopies => "RDS snapshot copies",
            RestoreMechanism::AuroraBacktrack => "Aurora backtrack",
            RestoreMechanism::AuroraPitr => "Aurora point-in-time restore",
            RestoreMechanism::AwsBackup => "AWS Backup recovery point",
            RestoreMechanism::BackupAccountCopy => "copy in the backup account",
            RestoreMechanism::BackupAccountReplica => "replica in the backup account",
        }
    }
}

/// One measured restore.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DrillResult {
    /// Id of the data component restored.
    pub component: String,
    /// How it was restored. Default: aws_backup.
    pub mechanism: RestoreMechanism,
    /// Day of the drill, `YYYY-MM-DD`. The latest result per component and mechanism
    /// counts.
    pub measured_on: String,
    /// Minutes from starting the restore until the data was usable: replaces the
    /// model's restore figures (job, archive retrieval, size ÷ throughput); detection,
    /// redeploy and cut-over stay as modelled.
    pub restore_minutes: f64,
}

impl Default for DrillResult {
    fn default() -> Self {
        DrillResult {
            component: String::new(),
            mechanism: RestoreMechanism::AwsBackup,
            measured_on: String::new(),
            restore_minutes: 0.0,
        }
    }
}

/// Whether `text` is a real calendar day written `YYYY-MM-DD` (years 2000–2999).
pub fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = b.get(range)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2999).contains(&year) && (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

    #[test]
    fn dates_are_real_calendar_days() {
        for good in ["2026-11-02", "2024-02-29", "2000-02-29", "2026-12-31"] {
            assert!(is_iso_date(good), "{good}");
        }
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-11-31",
            "2026-1-02",
            "2026/11/02",
            "",
            "２026-11-02",
            "2026-11-00",
            "1999-12-31",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
