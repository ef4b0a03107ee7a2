//! Candidate plan changes for one component missing one scenario's targets.
//! Generated from the component and what its kind supports; whether a candidate
//! helps is decided only by re-running the engines on it (see the parent module),
//! never here. `groups.rs` gathers them for the whole plan.

use std::collections::BTreeSet;

use crate::plan::{
    validate::is_valid_id, BackupPlan, BackupRule, Component, ComponentKind, CrossRegionCopy, Plan,
    StorageClass, VaultLock, VaultLockMode,
};
use crate::recovery::backup::protecting;
use crate::recovery::changes::PlanChange;
use crate::recovery::context::Ctx;
use crate::recovery::Scenario;

/// Frequencies AWS Backup schedules evenly (validation's rule), longest first.
const FREQUENCIES_MINUTES: [u32; 9] = [10_080, 1440, 720, 480, 360, 240, 180, 120, 60];
/// Retention of recovery points and copies that fixes add: the shortest the default
/// vault lock accepts (7 days), which keeps the added storage small.
const RETENTION_DAYS: u32 = 7;

/// The longest backup interval whose worst-case data loss fits `target_minutes`;
/// hourly (AWS Backup's fastest) when none does.
fn frequency_for(target_minutes: u32) -> u32 {
    FREQUENCIES_MINUTES.into_iter().find(|f| *f <= target_minutes).unwrap_or(60)
}

fn supports_continuous(kind: ComponentKind) -> bool {
    matches!(
        kind,
        ComponentKind::S3Bucket | ComponentKind::RdsInstance | ComponentKind::AuroraCluster
    )
}

/// `base`, or `base-2`, `base-3`, … : a valid id no component of `plan` uses.
pub(super) fn unique_id(plan: &Plan, base: &str) -> String {
    let trimmed: String = base.chars().take(36).collect();
    let trimmed = trimmed.trim_end_matches('-').to_string();
    let trimmed = if is_valid_id(&trimmed) { trimmed } else { "fix".to_string() };
    let taken = |id: &str| plan.components.iter().any(|c| c.id() == id);
    if !taken(&trimmed) {
        return trimmed;
    }
    (2..1000)
        .map(|n| format!("{trimmed}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| "fix".into())
}

/// A DR region for plans without one: the usual US pair.
fn pick_dr_region(plan: &Plan) -> String {
    if plan.primary_region == "us-west-2" { "us-east-1" } else { "us-west-2" }.to_string()
}

fn rule_name(every_minutes: u32) -> String {
    match every_minutes {
        60 => "hourly".into(),
        1440 => "daily".into(),
        10_080 => "weekly".into(),
        m => format!("every-{}h", m / 60),
    }
}

/// A new AWS Backup plan protecting one component with one rule.
fn new_backup_plan(
    plan: &Plan,
    component: &str,
    every_minutes: u32,
    continuous: bool,
    copy: bool,
    lock: bool,
) -> PlanChange {
    let rule = BackupRule {
        name: rule_name(every_minutes),
        frequency_minutes: every_minutes,
        continuous,
        retention_days: RETENTION_DAYS,
        copy_to_dr: copy.then_some(CrossRegionCopy { retention_days: RETENTION_DAYS }),
        ..BackupRule::default()
    };
    PlanChange::AddBackupPlan {
        plan: BackupPlan {
            id: unique_id(plan, &format!("{component}-backup")),
            rules: vec![rule],
            vault_lock: lock
                .then(|| VaultLock { mode: VaultLockMode::Compliance, ..VaultLock::default() }),
            protects: vec![component.to_string()],
            notify_topic: None,
        },
    }
}

/// Rules whose changes are offered per component and change, at most: changing a rule
/// bills every component its plan protects, for as long as the rule keeps its points,
/// so the rules of the plans protecting the fewest components, with the shortest
/// retention, come first. Offering every rule of every plan would make the number of
/// candidates grow with rules × plans × components; a new plan for the component
/// alone is always offered besides.
const RULES_PER_COMPONENT: usize = 3;

/// The rules of the plans protecting `id`, cheapest to change first (see
/// [`RULES_PER_COMPONENT`]), with their plan and whether its vault is compliance-locked.
fn rules_to_change<'a>(ctx: &Ctx<'a>, id: &'a str) -> Vec<(&'a BackupPlan, &'a BackupRule)> {
    let mut rules: Vec<(&BackupPlan, &BackupRule)> =
        protecting(ctx, id).flat_map(|bp| bp.rules.iter().map(move |r| (bp, r))).collect();
    // Stable: plan order breaks ties.
    rules.sort_by_key(|(bp, r)| (bp.protects.len(), r.retention_days));
    rules.truncate(RULES_PER_COMPONENT);
    rules
}

/// `prefix` followed by `more`.
fn with(prefix: &[PlanChange], more: Vec<PlanChange>) -> Vec<PlanChange> {
    prefix.iter().cloned().chain(more).collect()
}

/// What every candidate for one component and scenario builds on.
struct Need<'a> {
    id: String,
    scenario: Scenario,
    /// The backup interval the RPO target asks for.
    every_minutes: u32,
    /// Setting a DR region first, for plans without one.
    dr: &'a [PlanChange],
}

/// Candidates for one component missing one scenario's targets.
pub(super) fn for_component(
    ctx: &Ctx,
    component: &Component,
    rpo_target_minutes: u32,
    scenario: Scenario,
) -> Vec<Vec<PlanChange>> {
    let dr: Vec<PlanChange> = if ctx.dr_region.is_none() {
        vec![PlanChange::SetDrRegion { region: pick_dr_region(ctx.plan) }]
    } else {
        Vec::new()
    };
    let need = Need {
        id: component.id().to_string(),
        scenario,
        every_minutes: frequency_for(rpo_target_minutes),
        dr: &dr,
    };
    let mut own = own_mechanisms(component, &need);
    // Continuous backup is offered where no periodic schedule can meet the RPO target
    // (AWS Backup runs at most hourly); otherwise the periodic rule is the candidate.
    let continuous_ok = supports_continuous(component.kind()) && rpo_target_minutes < 60;
    own.extend(new_backup_plans(ctx, component, &need, continuous_ok));
    for (bp, rule) in rules_to_change(ctx, component.id()) {
        own.extend(stronger_rule(bp, rule, &need, continuous_ok));
    }
    dedup(with_plan_wide(ctx, scenario, own))
}

/// Changes to the component's own settings: versioning and replication, PITR and
/// on-demand backups, global tables, Multi-AZ, cross-region copies, backtrack.
fn own_mechanisms(component: &Component, need: &Need) -> Vec<Vec<PlanChange>> {
    let id = need.id.clone();
    let dr = need.dr;
    let mut own: Vec<Vec<PlanChange>> = Vec::new();
    match (component, need.scenario) {
        (Component::S3Bucket(b), Scenario::Deletion) if !b.versioning.enabled => {
            own.push(vec![PlanChange::EnableVersioning { component: id }])
        }
        (Component::S3Bucket(b), Scenario::RegionLoss) => own.extend(bucket_copies(b, need)),
        (Component::DynamodbTable(t), Scenario::Deletion) => {
            if !t.pitr.enabled {
                own.push(vec![PlanChange::EnablePitr { component: id.clone() }]);
            }
            if t.on_demand_backups.is_none() {
                own.push(vec![PlanChange::AddOnDemandBackups {
                    component: id,
                    every_hours: need.every_minutes / 60,
                    retention_days: RETENTION_DAYS,
                }]);
            }
        }
        (Component::DynamodbTable(t), Scenario::RegionLoss) if t.global_table.is_none() => {
            own.push(with(dr, vec![PlanChange::AddGlobalTable { component: id }]))
        }
        (Component::RdsInstance(r), Scenario::AzLoss) if !r.multi_az => {
            own.push(vec![PlanChange::SetMultiAz { component: id }])
        }
        (Component::RdsInstance(r), Scenario::RegionLoss) => {
            if r.cross_region_backups.is_none() {
                own.push(with(
                    dr,
                    vec![PlanChange::AddCrossRegionBackups {
                        component: id.clone(),
                        retention_days: 7,
                    }],
                ));
            }
            let snapshots = match &r.manual_snapshots {
                Some(s) if !s.copy_to_dr_region => Some((s.every_days, s.retention_days)),
                None => Some(((need.every_minutes / 1440).max(1), 7)),
                Some(_) => None,
            };
            if let Some((every_days, retention_days)) = snapshots {
                own.push(with(
                    dr,
                    vec![PlanChange::SetManualSnapshots {
                        component: id,
                        every_days,
                        retention_days,
                        copy_to_dr_region: true,
                    }],
                ));
            }
        }
        (Component::AuroraCluster(a), Scenario::AzLoss) if a.instance_count < 2 => {
            own.push(vec![PlanChange::SetAuroraInstanceCount { component: id, instance_count: 2 }]);
        }
        (Component::AuroraCluster(a), Scenario::Deletion)
            if a.engine == crate::plan::AuroraEngine::AuroraMysql
                && !a.existing
                && a.backtrack_window_hours.is_none() =>
        {
            own.push(vec![PlanChange::SetBacktrack { component: id, hours: 24 }]);
        }
        _ => {}
    }
    own
}

/// A bucket's copy in the DR region: replication (versioning first where it is off),
/// Replication Time Control, a replica class that can be read without a restore.
fn bucket_copies(b: &crate::plan::S3Bucket, need: &Need) -> Vec<Vec<PlanChange>> {
    let id = &need.id;
    let mut own = Vec::new();
    let versioning: Vec<PlanChange> = if b.versioning.enabled {
        Vec::new()
    } else {
        vec![PlanChange::EnableVersioning { component: id.clone() }]
    };
    match &b.replication {
        None => {
            // With Replication Time Control first: the stronger change is the
            // likelier to meet the target; the search tries both.
            for rtc in [true, false] {
                let add = PlanChange::AddReplication {
                    component: id.clone(),
                    storage_class: StorageClass::StandardIa,
                    replication_time_control: rtc,
                };
                own.push(with(&with(need.dr, versioning.clone()), vec![add]));
            }
        }
        Some(r) => {
            let rtc = PlanChange::SetReplicationTimeControl { component: id.clone() };
            let readable = PlanChange::SetReplicaStorageClass {
                component: id.clone(),
                storage_class: StorageClass::StandardIa,
            };
            let base = with(need.dr, versioning);
            if !r.replication_time_control {
                own.push(with(&base, vec![rtc.clone()]));
            }
            if r.storage_class.is_archive() {
                own.push(with(&base, vec![readable.clone()]));
                if !r.replication_time_control {
                    own.push(with(&base, vec![readable, rtc]));
                }
            }
            if !base.is_empty() {
                own.push(base);
            }
        }
    }
    own
}

/// A new AWS Backup plan for this component alone, with what the scenario needs of it
/// (a copy in the DR region; a locked vault or a copy in the backup account).
fn new_backup_plans(
    ctx: &Ctx,
    component: &Component,
    need: &Need,
    continuous_ok: bool,
) -> Vec<Vec<PlanChange>> {
    let (plan, id, every) = (ctx.plan, need.id.as_str(), need.every_minutes);
    let mut own = Vec::new();
    match need.scenario {
        Scenario::Deletion | Scenario::AzLoss => {
            own.push(vec![new_backup_plan(plan, id, every, false, false, false)]);
            if continuous_ok {
                own.push(vec![new_backup_plan(plan, id, every, true, false, false)]);
            }
        }
        Scenario::RegionLoss => {
            own.push(with(need.dr, vec![new_backup_plan(plan, id, every, false, true, false)]))
        }
        Scenario::AccountCompromise => {
            let rules: Vec<(String, String, u32)> = rules_to_change(ctx, component.id())
                .into_iter()
                .filter(|(_, r)| r.copy_to_backup_account.is_none())
                .map(|(bp, r)| (bp.id.clone(), r.name.clone(), r.retention_days))
                .collect();
            let plain = new_backup_plan(plan, id, every, false, false, false);
            own.extend(super::account::candidates(ctx, component, &rules, plain));
            own.push(vec![new_backup_plan(plan, id, every, false, false, true)]);
            if continuous_ok {
                own.push(vec![new_backup_plan(plan, id, every, true, false, true)]);
            }
        }
    }
    own
}

/// An existing rule made strong enough: what the scenario needs of it (a copy in the DR
/// region, a compliance lock), alone and with a shorter interval or continuous backup.
fn stronger_rule(
    bp: &BackupPlan,
    rule: &BackupRule,
    need: &Need,
    continuous_ok: bool,
) -> Vec<Vec<PlanChange>> {
    let mut own = Vec::new();
    let locked = bp.vault_lock.as_ref().is_some_and(|l| l.mode == VaultLockMode::Compliance);
    let frequency =
        (rule.frequency_minutes > need.every_minutes).then(|| PlanChange::SetRuleFrequency {
            backup_plan: bp.id.clone(),
            rule: rule.name.clone(),
            frequency_minutes: need.every_minutes,
        });
    let continuous = (continuous_ok
        && !rule.continuous
        && rule.retention_days <= 35
        && rule.cold_storage_after_days.is_none())
    .then(|| PlanChange::SetRuleContinuous { backup_plan: bp.id.clone(), rule: rule.name.clone() });
    let needed: Vec<PlanChange> = match need.scenario {
        Scenario::RegionLoss if rule.copy_to_dr.is_none() => with(
            need.dr,
            vec![PlanChange::AddRuleCopyToDr {
                backup_plan: bp.id.clone(),
                rule: rule.name.clone(),
                retention_days: RETENTION_DAYS,
            }],
        ),
        Scenario::AccountCompromise if !locked => {
            vec![PlanChange::LockVaultCompliance { backup_plan: bp.id.clone() }]
        }
        _ => Vec::new(),
    };
    if !needed.is_empty() {
        own.push(needed.clone());
    }
    if let Some(f) = frequency {
        own.push(with(&needed, vec![f]));
    }
    if let (Some(c), false) = (continuous, need.scenario == Scenario::RegionLoss) {
        own.push(with(&needed, vec![c]));
    }
    own
}

/// Plan-wide pieces a scenario needs besides the component's own copy: DNS failover
/// for a region loss (each candidate is offered with and without it), a configuration
/// backup for an account compromise.
fn with_plan_wide(
    ctx: &Ctx,
    scenario: Scenario,
    own: Vec<Vec<PlanChange>>,
) -> Vec<Vec<PlanChange>> {
    let dns = PlanChange::AddDnsFailover { id: unique_id(ctx.plan, "dr-failover") };
    let config = PlanChange::AddConfigBackup { id: unique_id(ctx.plan, "config-backup") };
    let mut out = Vec::new();
    for candidate in own {
        match scenario {
            Scenario::RegionLoss if ctx.dns.is_none() => {
                out.push(with(&candidate, vec![dns.clone()]));
                out.push(candidate);
            }
            Scenario::AccountCompromise if ctx.config.is_none() => {
                out.push(with(std::slice::from_ref(&config), candidate))
            }
            _ => out.push(candidate),
        }
    }
    out
}

/// `candidates` without repeats or empty changes, in their order.
fn dedup(candidates: Vec<Vec<PlanChange>>) -> Vec<Vec<PlanChange>> {
    let mut seen = BTreeSet::new();
    candidates.into_iter().filter(|c| !c.is_empty() && seen.insert(key(c))).collect()
}

/// A candidate's identity: its changes in words (each change's words say all it does).
pub fn key(changes: &[PlanChange]) -> String {
    changes.iter().map(PlanChange::describe).collect::<Vec<_>>().join("; ")
}
