//! Checks of the data-holding components (AWS Backup plans: [`super::backup`]).

use super::{Checker, Path};
use crate::plan::regions::is_known_region;
use crate::plan::untrusted::quoted;
use crate::plan::{
    AuroraCluster, AuroraEngine, ComponentKind, DynamoDbTable, RdsInstance, S3Bucket, StorageClass,
};

/// Largest data volume accepted for one component: 10 PB.
const MAX_GB: f64 = 10_000_000.0;
pub(super) const MAX_DAYS: u32 = 36_500;

pub(super) fn s3_bucket(c: &mut Checker, at: &str, b: &S3Bucket) {
    c.number(&|| format!("{at}.stored_gb"), b.stored_gb, 0.0, MAX_GB, "GB");
    c.number(&|| format!("{at}.monthly_growth_gb"), b.monthly_growth_gb, 0.0, MAX_GB, "GB");
    c.number(
        &|| format!("{at}.average_object_size_kb"),
        b.average_object_size_kb,
        0.001,
        5_000_000_000.0,
        "KB",
    );
    c.number(&|| format!("{at}.monthly_change_percent"), b.monthly_change_percent, 0.0, 100.0, "%");
    lifecycle(c, at, b);
    noncurrent(c, at, b);
    if let Some(replication) = &b.replication {
        if !b.versioning.enabled {
            c.error(
                format!("{at}.replication"),
                "S3 replication requires versioning: turn versioning on",
            );
        }
        c.needs_dr_region(&|| format!("{at}.replication"), "Cross-region replication");
        if replication.replication_time_control
            && replication.storage_class == StorageClass::DeepArchive
        {
            c.warn(format!("{at}.replication.replication_time_control"), "Replication Time Control cannot speed up a restore from Deep Archive replicas, which wait up to 12 hours for retrieval");
        }
    }
    if b.encryption == crate::plan::Encryption::SseKms && !c.has_kind(ComponentKind::KmsKey) {
        c.warn(format!("{at}.encryption"), "SSE-KMS uses a customer-managed key: add a kms_key component so the key is created and its cost counted");
    }
}

fn lifecycle(c: &mut Checker, at: &str, b: &S3Bucket) {
    let l = &b.lifecycle;
    let path = |field: &str| format!("{at}.lifecycle.{field}");
    let glacier_class = l.glacier_class.storage_class();
    // Objects written in a colder class start there: later steps count from day 0 in it.
    let mut previous: Option<(StorageClass, u32, &str)> = (b.initial_storage_class
        != StorageClass::Standard)
        .then_some((b.initial_storage_class, 0, "initial_storage_class"));
    for (class, days, field) in [
        (StorageClass::StandardIa, l.standard_ia_days, "standard_ia_days"),
        (glacier_class, l.glacier_days, "glacier_days"),
        (StorageClass::DeepArchive, l.deep_archive_days, "deep_archive_days"),
    ] {
        let Some(days) = days else { continue };
        if days > MAX_DAYS {
            c.error(path(field), format!("is {days}; must be at most {MAX_DAYS} days"));
            continue;
        }
        if class <= b.initial_storage_class {
            c.error(
                path(field),
                format!(
                    "objects are written in {} already; a transition to {} does nothing, remove it",
                    b.initial_storage_class.label(),
                    class.label()
                ),
            );
            continue;
        }
        if class == StorageClass::StandardIa && days < 30 {
            c.error(path(field), format!("is {days}; S3 moves objects to Standard-IA no sooner than 30 days after creation"));
        }
        match previous {
            Some((StorageClass::StandardIa, ia_days, _)) if days < ia_days.saturating_add(30) => c.error(
                path(field),
                format!("is {days}; objects must stay 30 days in Standard-IA before moving on, so use {} or more", ia_days.saturating_add(30)),
            ),
            Some((prev_class, prev_days, prev_field)) if days <= prev_days => {
                c.error(path(field), format!("is {days}; must be later than {prev_field} ({prev_days}) so that objects move to {} after {}", class.label(), prev_class.label()))
            }
            Some((prev_class, prev_days, _)) if days - prev_days < prev_class.minimum_storage_days() => c.warn(
                path(field),
                format!(
                    "objects leave {} after {} days, before its {}-day minimum: each is billed the remaining days as an early-deletion charge",
                    prev_class.label(),
                    days - prev_days,
                    prev_class.minimum_storage_days()
                ),
            ),
            _ => {}
        }
        previous = Some((class, days, field));
    }
    if let Some(expiration) = l.expiration_days {
        match previous {
            _ if expiration == 0 || expiration > MAX_DAYS => c.error(path("expiration_days"), format!("is {expiration}; must be between 1 and {MAX_DAYS} days")),
            Some((_, last, field)) if expiration <= last => {
                c.error(path("expiration_days"), format!("is {expiration}; objects must expire after their last transition ({field} = {last})"))
            }
            _ => {}
        }
    }
}

fn noncurrent(c: &mut Checker, at: &str, b: &S3Bucket) {
    let v = &b.versioning;
    let path = |field: &str| format!("{at}.versioning.{field}");
    let configured = v.noncurrent_standard_ia_days.is_some()
        || v.noncurrent_glacier_days.is_some()
        || v.noncurrent_expiration_days.is_some();
    if !v.enabled {
        if configured {
            // At the switch the user turns: the editor shows it there.
            c.warn(
                path("enabled"),
                "noncurrent-version rules have no effect while versioning is off",
            );
        }
        return;
    }
    if let Some(ia) = v.noncurrent_standard_ia_days {
        if ia > MAX_DAYS {
            c.error(
                path("noncurrent_standard_ia_days"),
                format!("is {ia}; must be at most {MAX_DAYS} days"),
            );
        } else if ia < 30 {
            c.error(
                path("noncurrent_standard_ia_days"),
                format!(
                    "is {ia}; S3 moves noncurrent versions to Standard-IA no sooner than 30 days"
                ),
            );
        }
    }
    if let Some(glacier) = v.noncurrent_glacier_days {
        match v.noncurrent_standard_ia_days {
            // An out-of-range Standard-IA day count has its own error; the advice here
            // must still be a number of days a user can type.
            Some(ia) if ia <= MAX_DAYS && glacier < ia + 30 => c.error(
                path("noncurrent_glacier_days"),
                format!("is {glacier}; versions must stay 30 days in Standard-IA first, so use {} or more", ia + 30),
            ),
            _ if glacier > MAX_DAYS => c.error(path("noncurrent_glacier_days"), format!("must be at most {MAX_DAYS} days")),
            _ => {}
        }
    }
    if let Some(expiration) = v.noncurrent_expiration_days {
        let last = v.noncurrent_glacier_days.or(v.noncurrent_standard_ia_days).unwrap_or(0);
        if expiration == 0 || expiration > MAX_DAYS {
            c.error(
                path("noncurrent_expiration_days"),
                format!("is {expiration}; must be between 1 and {MAX_DAYS} days"),
            );
        } else if expiration <= last {
            c.error(path("noncurrent_expiration_days"), format!("is {expiration}; versions must expire after their last transition (day {last})"));
        }
    }
}

pub(super) fn dynamodb_table(c: &mut Checker, at: &str, t: &DynamoDbTable) {
    c.number(&|| format!("{at}.size_gb"), t.size_gb, 0.0, MAX_GB, "GB");
    c.number(
        &|| format!("{at}.monthly_writes_millions"),
        t.monthly_writes_millions,
        0.0,
        1_000_000.0,
        "million writes",
    );
    if t.pitr.enabled {
        c.whole(
            &|| format!("{at}.pitr.recovery_period_days"),
            t.pitr.recovery_period_days,
            1,
            35,
            "days (DynamoDB keeps PITR history 1–35 days)",
        );
    }
    if let Some(backups) = &t.on_demand_backups {
        c.whole(
            &|| format!("{at}.on_demand_backups.every_hours"),
            backups.every_hours,
            1,
            8760,
            "hours",
        );
        c.whole(
            &|| format!("{at}.on_demand_backups.retention_days"),
            backups.retention_days,
            1,
            MAX_DAYS,
            "days",
        );
    }
    if let Some(global) = &t.global_table {
        match &global.replica_region {
            Some(region) if !is_known_region(region) => c.error(
                format!("{at}.global_table.replica_region"),
                format!("{} is not an AWS region code", quoted(region)),
            ),
            Some(region) if *region == c.plan.primary_region => c.error(
                format!("{at}.global_table.replica_region"),
                "must differ from the primary region",
            ),
            Some(_) => {}
            None => c.needs_dr_region(
                &|| format!("{at}.global_table"),
                "A global-table replica without its own replica_region",
            ),
        }
    }
}

fn instance_class(c: &mut Checker, path: Path, class: &str) {
    let parts: Vec<&str> = class.split('.').collect();
    let ok = parts.len() == 3
        && parts[0] == "db"
        && parts[1..].iter().all(|p| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if !ok {
        c.error(path(), format!("{} is not an instance class such as db.t3.micro", quoted(class)));
    }
}

pub(super) fn rds_instance(c: &mut Checker, at: &str, r: &RdsInstance) {
    instance_class(c, &|| format!("{at}.instance_class"), &r.instance_class);
    c.number(&|| format!("{at}.storage_gb"), r.storage_gb, 20.0, 65_536.0, "GB (RDS gp2 storage)");
    c.number(&|| format!("{at}.daily_change_percent"), r.daily_change_percent, 0.0, 100.0, "%");
    c.whole(
        &|| format!("{at}.backup_retention_days"),
        r.backup_retention_days,
        1,
        35,
        "days (RDS keeps automated backups 1–35 days)",
    );
    if let Some(cross) = &r.cross_region_backups {
        c.whole(
            &|| format!("{at}.cross_region_backups.retention_days"),
            cross.retention_days,
            1,
            35,
            "days",
        );
        c.needs_dr_region(
            &|| format!("{at}.cross_region_backups"),
            "Cross-region automated backups",
        );
    }
    if let Some(snapshots) = &r.manual_snapshots {
        c.whole(
            &|| format!("{at}.manual_snapshots.every_days"),
            snapshots.every_days,
            1,
            365,
            "days",
        );
        c.whole(
            &|| format!("{at}.manual_snapshots.retention_days"),
            snapshots.retention_days,
            1,
            MAX_DAYS,
            "days",
        );
        if snapshots.copy_to_dr_region {
            c.needs_dr_region(
                &|| format!("{at}.manual_snapshots.copy_to_dr_region"),
                "Copying snapshots to another region",
            );
        }
    } else if r.snapshot_export_to_s3 {
        c.error(
            format!("{at}.snapshot_export_to_s3"),
            "exports are made from snapshots: set manual_snapshots too",
        );
    }
}

pub(super) fn aurora_cluster(c: &mut Checker, at: &str, a: &AuroraCluster) {
    instance_class(c, &|| format!("{at}.instance_class"), &a.instance_class);
    c.whole(
        &|| format!("{at}.instance_count"),
        a.instance_count,
        1,
        16,
        "instances (one writer and up to 15 readers)",
    );
    c.number(
        &|| format!("{at}.storage_gb"),
        a.storage_gb,
        0.0,
        131_072.0,
        "GB (Aurora volumes grow to 128 TiB)",
    );
    c.number(
        &|| format!("{at}.monthly_io_millions"),
        a.monthly_io_millions,
        0.0,
        10_000_000.0,
        "million I/O requests",
    );
    c.number(&|| format!("{at}.daily_change_percent"), a.daily_change_percent, 0.0, 100.0, "%");
    c.whole(
        &|| format!("{at}.backup_retention_days"),
        a.backup_retention_days,
        1,
        35,
        "days (Aurora keeps backups 1–35 days)",
    );
    if let Some(hours) = a.backtrack_window_hours {
        if a.engine != AuroraEngine::AuroraMysql {
            c.error(
                format!("{at}.backtrack_window_hours"),
                "backtrack exists only for Aurora MySQL",
            );
        } else {
            c.whole(&|| format!("{at}.backtrack_window_hours"), hours, 1, 72, "hours");
        }
    }
}
