//! Recovery paths of the databases: DynamoDB (PITR, on-demand backups, global
//! tables), RDS (PITR from automated backups, manual snapshots, Multi-AZ,
//! cross-region backups and snapshot copies) and Aurora (PITR, backtrack, replicas).
//! AWS Backup paths are added by [`super::backup`].

use super::backup;
use super::charges;
use super::context::{text, Ctx, Found, Mechanism, Path};
use super::facts;
use super::range::{fmt_minutes, Part, Range};
use super::Scenario;
use crate::plan::{AuroraCluster, AuroraEngine, ComponentKind, DynamoDbTable, RdsInstance};

fn gb(v: f64) -> f64 {
    if v.is_finite() && v > 0.0 {
        v
    } else {
        0.0
    }
}

/// A failure the database handles by itself: no one needs to notice before it acts.
fn automatic(name: &str, rpo_basis: &str, parts: Vec<Part>) -> Path {
    Path {
        name: name.into(),
        mechanism: Mechanism::Automatic,
        rpo: Range::ZERO,
        rpo_basis: rpo_basis.into(),
        rto_parts: parts,
        costs: Default::default(),
        measured_on: None,
    }
}

pub fn dynamodb(ctx: &Ctx, t: &DynamoDbTable, scenario: Scenario, found: &mut Found) {
    let size = gb(t.size_gb);
    let restore = |fact| vec![ctx.detection(), ctx.step("restore job", fact), ctx.transfer(size)];
    match scenario {
        Scenario::Deletion => {
            let table_restore = || charges::dynamodb_restore(ctx, t, "dynamodb.restore", None);
            if t.pitr.enabled {
                ctx.push_costed(found, scenario, ("DynamoDB PITR".into(), Mechanism::DynamodbPitr), facts::DYNAMODB_PITR_RPO.range(), facts::DYNAMODB_PITR_RPO.source.into(), restore(facts::DYNAMODB_PITR_RESTORE), table_restore());
            } else {
                found.note("point-in-time recovery is off");
            }
            if let Some(b) = &t.on_demand_backups {
                let every = b.every_hours.max(1) as f64 * 60.0;
                let basis = text!(ctx, "a full backup every {} (the photography portfolio DR strategy: daily backup RPO 24 h)", fmt_minutes(every));
                ctx.push_costed(found, scenario, ("DynamoDB on-demand backups".into(), Mechanism::DynamodbBackups), Range::periodic(every), basis, restore(facts::DYNAMODB_BACKUP_RESTORE), table_restore());
            }
            if t.global_table.is_some() {
                found.note("the global-table replica receives every delete and overwrite too, so it does not protect against them");
            }
        }
        Scenario::AzLoss => found.paths.push(automatic(
            "DynamoDB multi-AZ storage",
            facts::DYNAMODB_MULTI_AZ_SOURCE,
            vec![Part::new(text!(ctx, "nothing to restore ({})", facts::DYNAMODB_MULTI_AZ_SOURCE), Range::ZERO)],
        )),
        Scenario::RegionLoss => {
            let replica = t.global_table.as_ref().and_then(|g| ctx.other_region(g.replica_region.as_deref().or(ctx.dr_region)));
            match replica {
                Some(region) => ctx.push(
                    found,
                    scenario,
                    (text!(ctx, "global-table replica in {region}"), Mechanism::DynamodbReplica { region: region.to_string() }),
                    facts::DYNAMODB_GLOBAL_RPO.range(),
                    facts::DYNAMODB_GLOBAL_RPO.source.into(),
                    vec![ctx.detection(), ctx.step("switch to the replica", facts::DYNAMODB_GLOBAL_FAILOVER)],
                ),
                None if t.global_table.is_some() => found.note("the global table names no replica region other than the primary"),
                None => found.note("no global-table replica; PITR and on-demand backups stay in the table's region"),
            }
        }
        Scenario::AccountCompromise => found.note("PITR, on-demand backups and global-table replicas live in the same account: the compromised credentials can delete them"),
    }
    backup::paths(ctx, &t.id, ComponentKind::DynamodbTable, size, scenario, found, &|region| {
        charges::dynamodb_backup_restore(ctx, size, region)
    });
}

pub fn rds(ctx: &Ctx, r: &RdsInstance, scenario: Scenario, found: &mut Found) {
    let size = gb(r.storage_gb);
    let restore = || {
        vec![
            ctx.detection(),
            ctx.step("restore a new instance", facts::RDS_RESTORE),
            ctx.transfer(size),
        ]
    };
    let snapshot_rpo = |every_days: u32| {
        let every = every_days.max(1) as f64 * 1440.0;
        (Range::periodic(every), text!(ctx, "a snapshot every {}", fmt_minutes(every)))
    };
    match scenario {
        Scenario::Deletion | Scenario::AzLoss => {
            if scenario == Scenario::AzLoss && r.multi_az {
                found.paths.push(automatic(
                    "RDS Multi-AZ standby",
                    "the standby is written synchronously (RDS user guide)",
                    vec![ctx.step("automatic failover to the standby", facts::RDS_MULTI_AZ_FAILOVER)],
                ));
            }
            // Automated backups live in regional storage, so they also restore an
            // instance into another Availability Zone.
            let where_ = if scenario == Scenario::AzLoss { " into another AZ" } else { "" };
            ctx.push_costed(found, scenario, (text!(ctx, "RDS point-in-time restore{where_}"), Mechanism::RdsPitr), facts::RDS_PITR_RPO.range(), facts::RDS_PITR_RPO.source.into(), restore(), charges::rds_restore(r, None));
            if let Some(s) = &r.manual_snapshots {
                let (rpo, basis) = snapshot_rpo(s.every_days);
                ctx.push_costed(found, scenario, (text!(ctx, "RDS manual snapshots{where_}"), Mechanism::RdsSnapshots), rpo, basis, restore(), charges::rds_restore(r, None));
            }
        }
        Scenario::RegionLoss => {
            match (&r.cross_region_backups, ctx.dr_region) {
                (Some(_), Some(dr)) => ctx.push_costed(
                    found,
                    scenario,
                    (text!(ctx, "RDS cross-region automated backups in {dr}"), Mechanism::RdsCrossRegionBackups { region: dr.to_string() }),
                    facts::RDS_PITR_RPO.range(),
                    text!(ctx, "{}; RDS copies each log to {dr} as soon as it is ready (RDS user guide), the copy's own time is not documented and not counted", facts::RDS_PITR_RPO.source),
                    restore(),
                    charges::rds_restore(r, Some(dr)),
                ),
                _ => found.note("no cross-region automated backups"),
            }
            match (&r.manual_snapshots, ctx.dr_region) {
                (Some(s), Some(dr)) if s.copy_to_dr_region => {
                    let (rpo, basis) = snapshot_rpo(s.every_days);
                    ctx.push_costed(found, scenario, (text!(ctx, "RDS snapshot copies in {dr}"), Mechanism::RdsSnapshotCopies { region: dr.to_string() }), rpo, text!(ctx, "{basis}, each copied to {dr}"), restore(), charges::rds_restore(r, Some(dr)));
                }
                (Some(_), _) => found.note("manual snapshots stay in the primary region (copy_to_dr_region is off)"),
                _ => {}
            }
        }
        Scenario::AccountCompromise => found.note("automated backups, snapshots and their copies live in the same account: the compromised credentials can delete them"),
    }
    backup::paths(ctx, &r.id, ComponentKind::RdsInstance, size, scenario, found, &|region| {
        charges::rds_restore(r, region)
    });
}

pub fn aurora(ctx: &Ctx, a: &AuroraCluster, scenario: Scenario, found: &mut Found) {
    let size = gb(a.storage_gb);
    match scenario {
        Scenario::Deletion => {
            match a.backtrack_window_hours {
                Some(hours) if a.engine == AuroraEngine::AuroraMysql && hours > 0 => ctx.push(
                    found,
                    scenario,
                    (text!(ctx, "Aurora backtrack ({hours} h window)"), Mechanism::AuroraBacktrack),
                    Range::ZERO,
                    "rewinds to the second before the mistake (Aurora user guide)".into(),
                    vec![ctx.detection(), ctx.step("rewind in place", facts::AURORA_BACKTRACK)],
                ),
                Some(_) => found.note("backtrack exists only for Aurora MySQL"),
                None => {}
            }
            ctx.push_costed(
                found,
                scenario,
                ("Aurora point-in-time restore".into(), Mechanism::AuroraPitr),
                facts::RDS_PITR_RPO.range(),
                facts::RDS_PITR_RPO.source.into(),
                vec![ctx.detection(), ctx.step("restore a new cluster", facts::RDS_RESTORE), ctx.transfer(size)],
                charges::aurora_restore(a, None),
            );
        }
        Scenario::AzLoss => {
            let parts = if a.instance_count >= 2 {
                vec![ctx.step("automatic promotion of a replica in another AZ", facts::AURORA_FAILOVER)]
            } else {
                // With no replica, Aurora creates a new writer; the data itself is safe.
                vec![ctx.step("Aurora creates a new writer instance (Aurora user guide); time read from an RDS instance restore", facts::RDS_RESTORE)]
            };
            found.paths.push(automatic("Aurora multi-AZ storage", facts::AURORA_MULTI_AZ_SOURCE, parts));
        }
        Scenario::RegionLoss => found.note("an Aurora cluster and its automated backups stay in their region"),
        Scenario::AccountCompromise => found.note("automated backups and snapshots live in the same account: the compromised credentials can delete them"),
    }
    backup::paths(ctx, &a.id, ComponentKind::AuroraCluster, size, scenario, found, &|region| {
        charges::aurora_restore(a, region)
    });
}
