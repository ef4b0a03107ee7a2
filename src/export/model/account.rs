//! The backup account in exports (issue 13): not rendered yet, so refused out loud.
//!
//! The cost and recovery engines model the backup account, but no emitter writes its
//! stack (vault with access policy and lock, keys the source account may copy with,
//! replica buckets owned by the backup account) nor the source account's copy actions
//! and replication rules that name them. Exporting the rest of such a plan would drop
//! the copies the recovery figures count on, so the export is refused with the place
//! that asks for them, as for anything else a target cannot express.

use super::super::ExportError;
use crate::plan::{Component, Plan};

/// Why the plan's backup account is not exported, for the error.
const REASON: &str = "it copies into the plan's backup account, which the bundles do not create yet (its vault, lock, keys and replica buckets need a stack in that account); the estimate and the recovery report include it, so exporting without it would drop copies they count on: remove copy_to_backup_account and backup_account_replica (and backup_account) to export the rest";

/// Refuses a plan that uses a backup account, naming the first place that does.
pub(super) fn refuse(plan: &Plan) -> Result<(), ExportError> {
    let user = plan.components.iter().find(|c| match c {
        Component::BackupPlan(p) => p.rules.iter().any(|r| r.copy_to_backup_account.is_some()),
        Component::S3Bucket(b) => b.backup_account_replica.is_some(),
        _ => false,
    });
    match (user, &plan.backup_account) {
        (Some(c), _) => Err(ExportError::unsupported(c.id(), REASON.into())),
        (None, Some(_)) => Err(ExportError::unsupported("backup_account", REASON.into())),
        (None, None) => Ok(()),
    }
}
