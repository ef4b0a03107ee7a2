//! Fix candidates that copy a component into the backup account (issue 13), for a
//! component missing its targets after a compromise of the account: a replica of a
//! bucket, a copy action on the rules that already back it up, or a new AWS Backup
//! plan that copies there. The backup account is added at its defaults when the plan
//! has none; the search keeps a candidate only if, applied, it meets the targets.

use crate::plan::{Component, StorageClass};
use crate::recovery::changes::PlanChange;
use crate::recovery::context::Ctx;

/// Candidates for `component`. `rules` are the rules worth changing (plan id, rule
/// name, retention); `new_plan` a new AWS Backup plan for the component alone.
pub(super) fn candidates(
    ctx: &Ctx,
    component: &Component,
    rules: &[(String, String, u32)],
    new_plan: PlanChange,
) -> Vec<Vec<PlanChange>> {
    let account = ctx.plan.backup_account.as_ref();
    let mut out = Vec::new();
    if let Component::S3Bucket(b) = component {
        if b.backup_account_replica.is_none() {
            let versioning = (!b.versioning.enabled)
                .then(|| PlanChange::EnableVersioning { component: b.id.clone() });
            for rtc in [false, true] {
                let mut changes: Vec<PlanChange> = versioning.iter().cloned().collect();
                changes.push(PlanChange::AddBackupAccountReplica {
                    component: b.id.clone(),
                    storage_class: StorageClass::StandardIa,
                    replication_time_control: rtc,
                });
                out.push(changes);
            }
        }
    }
    // AWS Backup copies across accounts only within one organization.
    if account.is_some_and(|a| !a.same_organization) {
        return out;
    }
    // A lock on the backup account's vault fails copies kept outside its range.
    let fit = |days: u32| match account.and_then(|a| a.vault.lock.as_ref()) {
        Some(l) => days.clamp(l.min_retention_days, l.max_retention_days.max(l.min_retention_days)),
        None => days,
    };
    for (backup_plan, rule, retention_days) in rules {
        out.push(vec![PlanChange::AddRuleCopyToBackupAccount {
            backup_plan: backup_plan.clone(),
            rule: rule.clone(),
            retention_days: fit(*retention_days),
        }]);
    }
    if let PlanChange::AddBackupPlan { plan } = new_plan {
        let mut plan = plan;
        for r in &mut plan.rules {
            r.copy_to_backup_account =
                Some(crate::plan::CrossAccountCopy { retention_days: fit(r.retention_days) });
        }
        out.push(vec![PlanChange::AddBackupPlan { plan }]);
    }
    out
}
