//! The documented recovery figures the model encodes, each with its source.
//!
//! Every number here comes from `shared/reference/aws-facts.md` ("Recovery
//! characteristics"), a seed document, or the AWS user guide named next to it. A
//! source that gives a range `a–b` becomes best `a`, worst `b` and expected the
//! midpoint. Where a source says only "seconds" or "minutes", the reading used is
//! stated beside the constant. The `source` strings are shown to users verbatim.

use super::range::Range;

/// A documented duration or data-loss window, in minutes, and where it comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fact {
    pub best_minutes: f64,
    pub worst_minutes: f64,
    pub source: &'static str,
}

impl Fact {
    pub fn range(self) -> Range {
        Range::between(self.best_minutes, self.worst_minutes)
    }
}

const fn fact(best_minutes: f64, worst_minutes: f64, source: &'static str) -> Fact {
    Fact { best_minutes, worst_minutes, source }
}

// --- S3 ---------------------------------------------------------------------------

/// Undoing a deletion or overwrite in a versioned bucket: remove the delete marker or
/// the bad version, which makes the previous version current again in place.
pub const S3_VERSION_UNDO: Fact = fact(
    10.0,
    10.0,
    "the photography portfolio DR strategy: S3 recovery from versioning, target 10 min",
);
/// S3 Standard, Standard-IA and the Glacier classes keep every object in at least three
/// Availability Zones.
pub const S3_MULTI_AZ_SOURCE: &str =
    "S3 user guide: objects are stored across at least three Availability Zones";
/// Replication lag with Replication Time Control: most objects in seconds, 99.99%
/// within 15 minutes.
pub const S3_CRR_RTC_LAG: Fact = fact(
    0.0,
    15.0,
    "S3 RTC: most objects in seconds, 99.99% within 15 min (S3 user guide, RTC SLA)",
);
/// Replication lag without RTC: most objects in seconds, but AWS sets no bound and
/// large objects "can take hours". Two hours is the least "hours" can mean; the real
/// worst case may be longer.
pub const S3_CRR_LAG: Fact = fact(0.0, 120.0, "S3 user guide: most objects in seconds, large objects can take hours with no SLA (2 h shown, may be more)");

/// Glacier Flexible Retrieval, expedited: 1–5 minutes for objects under 250 MB.
pub const GLACIER_EXPEDITED: Fact = fact(
    1.0,
    5.0,
    "S3 user guide: Glacier Flexible Retrieval expedited, 1–5 min (objects under 250 MB)",
);
/// Largest object an expedited retrieval accepts, in KB (250 MB).
pub const GLACIER_EXPEDITED_MAX_OBJECT_KB: f64 = 250.0 * 1024.0;
pub const GLACIER_STANDARD: Fact =
    fact(180.0, 300.0, "S3 user guide: Glacier Flexible Retrieval standard, 3–5 h");
pub const GLACIER_BULK: Fact =
    fact(300.0, 720.0, "S3 user guide: Glacier Flexible Retrieval bulk, 5–12 h");
/// Deep Archive standard retrieval: "within 12 hours". AWS offers nothing faster, so a
/// restore that needs Deep Archive data never promises less.
pub const DEEP_ARCHIVE_STANDARD: Fact =
    fact(720.0, 720.0, "S3 user guide: Deep Archive standard retrieval, within 12 h");
pub const DEEP_ARCHIVE_BULK: Fact =
    fact(2880.0, 2880.0, "S3 user guide: Deep Archive bulk retrieval, within 48 h");

// --- DynamoDB ---------------------------------------------------------------------

/// PITR's latest restorable time is typically five minutes before now.
pub const DYNAMODB_PITR_RPO: Fact = fact(
    5.0,
    5.0,
    "DynamoDB developer guide: latest restorable time ~5 min ago; the photography portfolio DR strategy: RPO 5 min",
);
pub const DYNAMODB_PITR_RESTORE: Fact =
    fact(10.0, 20.0, "the photography portfolio DR strategy: PITR recovery 10–20 min");
pub const DYNAMODB_BACKUP_RESTORE: Fact =
    fact(5.0, 10.0, "the photography portfolio DR strategy: daily backup recovery 5–10 min");
/// Global tables replicate in "seconds", read here as under a minute.
pub const DYNAMODB_GLOBAL_RPO: Fact = fact(
    0.0,
    1.0,
    "the photography portfolio DR strategy: global tables RPO seconds (shown as up to 1 min)",
);
pub const DYNAMODB_GLOBAL_FAILOVER: Fact =
    fact(2.0, 5.0, "the photography portfolio DR strategy: global table failover 2–5 min");
pub const DYNAMODB_MULTI_AZ_SOURCE: &str =
    "DynamoDB developer guide: every table is replicated across three Availability Zones";

// --- RDS and Aurora ---------------------------------------------------------------

/// RDS ships transaction logs every five minutes; the latest restorable time is
/// typically within five minutes.
pub const RDS_PITR_RPO: Fact = fact(
    5.0,
    5.0,
    "RDS user guide (USER_PIT): logs every 5 min; the database PITR design document: RPO 5 min",
);
/// Restoring an RDS instance (point in time or snapshot) creates a new instance.
pub const RDS_RESTORE: Fact =
    fact(15.0, 30.0, "the database PITR design document: point-in-time recovery 15–30 min");
pub const RDS_MULTI_AZ_FAILOVER: Fact =
    fact(1.0, 2.0, "RDS user guide: Multi-AZ failover typically completes in 1–2 min");
/// Aurora promotes a replica in "minutes" (seed 001), read here as 1–5 minutes.
pub const AURORA_FAILOVER: Fact = fact(
    1.0,
    5.0,
    "the Multi-AZ DR design document: Aurora replica promotion takes minutes (shown as 1–5 min)",
);
pub const AURORA_MULTI_AZ_SOURCE: &str =
    "Aurora user guide: the cluster volume keeps six copies across three Availability Zones";
/// Backtrack rewinds the cluster in place "in minutes", read here as 1–5 minutes.
pub const AURORA_BACKTRACK: Fact = fact(
    1.0,
    5.0,
    "Aurora user guide: backtracking rewinds the cluster in place in minutes (shown as 1–5 min)",
);

// --- AWS Backup -------------------------------------------------------------------

/// Seed 001: "backup restoration takes 2–4 hours depending on data size". The model
/// uses it as the fixed part of an AWS Backup restore and adds size ÷ throughput.
pub const AWS_BACKUP_RESTORE: Fact =
    fact(120.0, 240.0, "the Multi-AZ DR design document: AWS Backup restore 2–4 h");
/// Continuous backup restores to any point; the newest restorable point trails by the
/// transaction-log interval.
pub const AWS_BACKUP_CONTINUOUS_RPO: Fact =
    fact(5.0, 5.0, "AWS Backup continuous backup (PITR); RDS user guide: logs every 5 min");

// --- Route 53 and configuration -----------------------------------------------------

/// Seed 004's target for automatic regional failover through Route 53.
pub const ROUTE53_FAILOVER_TARGET_MINUTES: f64 = 15.0;
pub const ROUTE53_SOURCE: &str =
    "the photography portfolio DR strategy: Route 53 automatic failover target 15 min";
pub const GIT_RPO_SOURCE: &str =
    "the photography portfolio DR strategy: configuration in git, RPO real-time (git push)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_take_the_midpoint_as_expected() {
        let r = DYNAMODB_PITR_RESTORE.range();
        assert_eq!((r.best, r.expected, r.worst), (10.0, 15.0, 20.0));
        assert_eq!(DEEP_ARCHIVE_STANDARD.range().best, 720.0);
    }
}
