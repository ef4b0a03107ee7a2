//! Drill results in the recovery model: a restore duration the team measured
//! (`plan.drill_results`) replaces the documented and assumed figures of the restore
//! it measured, and the working says which figures of a verdict are measured and
//! which assumed, so that a target met only on assumptions is not mistaken for one a
//! drill has shown.

use super::context::{text, Ctx, Found, Mechanism, Path};
use super::range::{fmt_minutes, Part, Range, Stage};
use super::ComponentOutcome;
use crate::plan::{is_iso_date, Plan, RestoreMechanism};

/// The plan's name for a recovery mechanism (regions, plans and rules aside).
pub fn restore_mechanism(mechanism: &Mechanism) -> RestoreMechanism {
    match mechanism {
        Mechanism::Automatic => RestoreMechanism::Automatic,
        Mechanism::S3Versions => RestoreMechanism::S3Versions,
        Mechanism::S3Replica { .. } => RestoreMechanism::S3Replica,
        Mechanism::DynamodbPitr => RestoreMechanism::DynamodbPitr,
        Mechanism::DynamodbBackups => RestoreMechanism::DynamodbBackups,
        Mechanism::DynamodbReplica { .. } => RestoreMechanism::DynamodbReplica,
        Mechanism::RdsPitr => RestoreMechanism::RdsPitr,
        Mechanism::RdsSnapshots => RestoreMechanism::RdsSnapshots,
        Mechanism::RdsCrossRegionBackups { .. } => RestoreMechanism::RdsCrossRegionBackups,
        Mechanism::RdsSnapshotCopies { .. } => RestoreMechanism::RdsSnapshotCopies,
        Mechanism::AuroraBacktrack => RestoreMechanism::AuroraBacktrack,
        Mechanism::AuroraPitr => RestoreMechanism::AuroraPitr,
        Mechanism::AwsBackup { .. } => RestoreMechanism::AwsBackup,
        Mechanism::BackupAccountCopy { .. } => RestoreMechanism::BackupAccountCopy,
        Mechanism::BackupAccountReplica { .. } => RestoreMechanism::BackupAccountReplica,
    }
}

/// The result that counts for `component` restored by `mechanism`: the latest day
/// (ISO dates sort as text), and on one day the longest duration. Results with a bad
/// day or duration (which validation reports) are left out.
pub fn latest<'p>(
    plan: &'p Plan,
    component: &str,
    mechanism: RestoreMechanism,
) -> Option<(&'p str, f64)> {
    plan.drill_results
        .iter()
        .filter(|d| d.component == component && d.mechanism == mechanism)
        .filter(|d| is_iso_date(&d.measured_on))
        .filter(|d| d.restore_minutes.is_finite() && d.restore_minutes > 0.0)
        .map(|d| (d.measured_on.as_str(), d.restore_minutes))
        .max_by(|a, b| a.0.cmp(b.0).then(a.1.total_cmp(&b.1)))
}

/// Replaces the drilled parts of every path of `component` that a recorded result
/// measured with that one measured part, placed where the first of them was.
pub fn apply(ctx: &Ctx, component: &str, found: &mut Found) {
    if ctx.plan.drill_results.is_empty() {
        return;
    }
    for path in &mut found.paths {
        let Some((day, minutes)) = latest(ctx.plan, component, restore_mechanism(&path.mechanism))
        else {
            continue;
        };
        let drilled = |p: &Part| p.stage == Stage::Restore && p.drilled;
        let Some(at) = path.rto_parts.iter().position(drilled) else { continue };
        path.rto_parts.retain(|p| !drilled(p));
        let part = Part::new(
            text!(
                ctx,
                "restore measured in the drill of {day}: {} (drill_results)",
                fmt_minutes(minutes)
            ),
            Range::exact(minutes),
        );
        path.rto_parts.insert(at.min(path.rto_parts.len()), part);
        path.measured_on = Some(day.to_string());
    }
}

/// Whether `path`'s recovery time rests on a restore figure no drill measured: a
/// drilled part that takes time and no recorded result for it.
pub fn assumed(path: &Path) -> bool {
    path.measured_on.is_none()
        && path
            .rto_parts
            .iter()
            .any(|p| p.stage == Stage::Restore && p.drilled && p.minutes.worst > 0.0)
}

/// The working line saying whether the component's RTO (its quickest path in the worst
/// case) rests on a measured or an assumed restore figure.
pub fn working_line(path: &Path) -> String {
    match &path.measured_on {
        Some(day) => format!("restore figure measured: {} (drill of {day})", path.name),
        None if assumed(path) => format!(
            "restore figure assumed: {} ({}) has no drill result; detection, redeploy and cut-over are modelled",
            path.name,
            restore_mechanism(&path.mechanism).id()
        ),
        None => format!("nothing to restore via {}: no drill needed", path.name),
    }
}

/// The components whose RTO verdict rests on an assumed restore figure, for the
/// scenario's flag.
pub fn assumed_components(components: &[ComponentOutcome]) -> Vec<String> {
    components
        .iter()
        .filter(|c| c.target.is_some() && c.rto_assumed)
        .map(|c| c.component.clone())
        .collect()
}
