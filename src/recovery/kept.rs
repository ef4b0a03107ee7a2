//! The app's assessment, kept from one edit to the next. The app assesses the plan on
//! every keystroke, and an edit changes one component or one setting: the outcomes of
//! the data components it cannot reach are taken from the last report, with their
//! working, and everything above them (scenario figures, strategy, scheduled tests)
//! is derived again. The same report as [`assess`](super::assess), which the tests
//! check over random edit sequences.
//!
//! What an edit reaches is [`reuse`](super::reuse)'s affected set, compared position
//! by position (so renamed, removed, moved and inserted components count as changed),
//! plus the components the changed drill results name. Any other setting the recovery
//! model reads, or repeated ids, assesses afresh (only the bucket simulations are
//! kept); scheduled tests are priced again every time and the plan's texts (name,
//! notes, decision) are never read.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::reuse::affected_by_position;
use super::sizes::SizeCache;
use super::{assess_taking, assess_with, ComponentOutcome, RecoveryReport, ScenarioReport};
use crate::plan::validate::MAX_COMPONENTS;
use crate::plan::Plan;

/// The last plan assessed, with the bucket simulations so far; its report stays with
/// the caller (the app's memo), which hands it back to be taken apart. Empty until
/// the first assessment.
#[derive(Default)]
pub struct KeptAssessment {
    plan: Option<Arc<Plan>>,
    sizes: SizeCache,
}

/// [`assess`](super::assess) of `plan`, with `last`, the report this returned on the
/// last call with `kept` (the app's memo hands back its value): the outcomes an edit
/// cannot reach are moved out of it. Also says whether the report differs from `last`
/// (without comparing what was moved). Without `last` or a kept plan, or after an edit
/// whose reach is not known, it assesses afresh and compares whole reports.
pub fn assess_reusing(
    plan: &Arc<Plan>,
    last: Option<RecoveryReport>,
    kept: &mut KeptAssessment,
) -> (RecoveryReport, bool) {
    let before = kept.plan.replace(Arc::clone(plan));
    let affected = match (&before, &last) {
        (Some(before), Some(_)) => affected_by_edit(before, plan),
        _ => None,
    };
    let out = match (before, last, affected) {
        (Some(before), Some(last), Some(affected)) => {
            assess_moving(plan, &before, last, &affected, &kept.sizes)
        }
        (_, last, _) => {
            let report = assess_with(plan, true, Some(&kept.sizes), None);
            let changed = last.as_ref() != Some(&report);
            (report, changed)
        }
    };
    kept.sizes.forget_stale(plan);
    out
}

/// Assesses `plan` with the outcomes of `last` (on `before`) moved into it for the data
/// components outside `affected`, which has no repeated ids; and whether it differs
/// from `last`: in an outcome assessed again, one moved to another place, or what is
/// derived from them all.
fn assess_moving(
    plan: &Plan,
    before: &Plan,
    last: RecoveryReport,
    affected: &BTreeSet<String>,
    sizes: &SizeCache,
) -> (RecoveryReport, bool) {
    // A report lists every data component in every scenario, in plan order.
    let data = before.components.iter().take(MAX_COMPONENTS).filter(|c| c.holds_data());
    let at: BTreeMap<&str, usize> = data.enumerate().map(|(i, c)| (c.id(), i)).collect();
    let RecoveryReport {
        strategy,
        scenarios,
        fixes,
        unfixed,
        fix_search,
        testing,
        testing_monthly,
    } = last;
    let mut headers = Vec::with_capacity(scenarios.len());
    let mut slots: Vec<Vec<Option<ComponentOutcome>>> = Vec::with_capacity(scenarios.len());
    for mut s in scenarios {
        slots.push(std::mem::take(&mut s.components).into_iter().map(Some).collect());
        headers.push(s);
    }
    let mut moved_elsewhere = false;
    let earlier = |scenario: usize, position: usize, id: &str| {
        if affected.contains(id) {
            return None;
        }
        let slots = slots.get_mut(scenario)?;
        let index = match slots.get(position) {
            Some(Some(c)) if c.component == id => position,
            _ => *at.get(id)?,
        };
        let outcome = slots.get_mut(index)?.take().filter(|c| c.component == id)?;
        moved_elsewhere |= index != position;
        Some(outcome)
    };
    let report = assess_taking(plan, true, Some(sizes), earlier);
    // Every outcome left in `slots` was assessed again (or is gone); every other one
    // is in the new report at the place it had, unless one moved.
    let outcomes_changed = moved_elsewhere
        || slots.len() != report.scenarios.len()
        || slots.iter().zip(&report.scenarios).any(|(old, new)| {
            old.len() != new.components.len()
                || old.iter().zip(&new.components).any(|(o, n)| o.as_ref().is_some_and(|o| o != n))
        });
    let changed = outcomes_changed
        || strategy != report.strategy
        || fixes != report.fixes
        || unfixed != report.unfixed
        || fix_search != report.fix_search
        || testing != report.testing
        || testing_monthly != report.testing_monthly
        || headers.iter().zip(&report.scenarios).any(|(old, new)| !same_header(old, new));
    (report, changed)
}

/// Whether two scenario reports agree outside their component outcomes. Every field is
/// named, so a new one cannot be left out of the comparison.
fn same_header(a: &ScenarioReport, b: &ScenarioReport) -> bool {
    let ScenarioReport {
        scenario,
        rpo_minutes,
        rto_minutes,
        meets_rpo,
        meets_rto,
        rpo_target_minutes,
        rto_target_minutes,
        rpo_margin_minutes,
        rto_margin_minutes,
        limiting_component,
        not_recoverable,
        explanation,
        components: _,
        recovery_cost,
        rto_met_on_assumptions,
    } = a;
    *scenario == b.scenario
        && *rpo_minutes == b.rpo_minutes
        && *rto_minutes == b.rto_minutes
        && *meets_rpo == b.meets_rpo
        && *meets_rto == b.meets_rto
        && *rpo_target_minutes == b.rpo_target_minutes
        && *rto_target_minutes == b.rto_target_minutes
        && *rpo_margin_minutes == b.rpo_margin_minutes
        && *rto_margin_minutes == b.rto_margin_minutes
        && *limiting_component == b.limiting_component
        && *not_recoverable == b.not_recoverable
        && *explanation == b.explanation
        && *recovery_cost == b.recovery_cost
        && *rto_met_on_assumptions == b.rto_met_on_assumptions
}

/// The data components whose outcomes can differ between the last plan and this
/// one; `None` to assess afresh.
fn affected_by_edit(before: &Plan, after: &Plan) -> Option<BTreeSet<String>> {
    if !same_read_settings(before, after) {
        return None;
    }
    let mut ids = affected_by_position(before, after)?;
    if before.drill_results != after.drill_results {
        // Whether a plan records any drill adds a working line to every component.
        if before.drill_results.is_empty() || after.drill_results.is_empty() {
            return None;
        }
        let named = before.drill_results.iter().chain(&after.drill_results);
        ids.extend(named.map(|d| d.component.clone()));
    }
    Some(ids)
}

/// Whether two plans agree on every setting outside their components that the
/// recovery model reads, other than those [`affected_by_edit`] follows. Every field
/// is named, so a new setting of the plan cannot be left out of the decision.
fn same_read_settings(a: &Plan, b: &Plan) -> bool {
    let Plan {
        schema_version,
        // Never read by the recovery model.
        name: _,
        notes: _,
        network: _,
        export: _,
        decision: _,
        // Priced again on every assessment.
        recovery_tests: _,
        // Followed by the affected set.
        dr_region: _,
        backup_account: _,
        drill_results: _,
        components: _,
        primary_region,
        targets,
        pricing,
        horizon_months,
        recovery,
    } = a;
    *schema_version == b.schema_version
        && *primary_region == b.primary_region
        && *targets == b.targets
        && *pricing == b.pricing
        && *horizon_months == b.horizon_months
        && *recovery == b.recovery
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Component, DrillResult, RestoreMechanism};
    use crate::recovery::assess;

    fn preset(id: &str) -> Plan {
        crate::presets::find(id).map(|p| p.plan()).expect("preset exists")
    }

    fn data_ids(plan: &Plan) -> Vec<String> {
        plan.components.iter().filter(|c| c.holds_data()).map(|c| c.id().to_string()).collect()
    }

    /// Assesses `before` then `after` with one kept assessment, checks the second
    /// against a fresh assessment, and says what was reused.
    fn second_assessment(before: Plan, after: Plan) -> Option<BTreeSet<String>> {
        let mut kept = KeptAssessment::default();
        let (last, _) = assess_reusing(&Arc::new(before.clone()), None, &mut kept);
        let (report, changed) = assess_reusing(&Arc::new(after.clone()), Some(last), &mut kept);
        assert_eq!(report, assess(&after));
        assert_eq!(changed, assess(&before) != report);
        affected_by_edit(&before, &after)
    }

    #[test]
    fn without_the_last_report_it_assesses_afresh() {
        let before = preset("photo-portfolio");
        let mut after = before.clone();
        after.name.push_str(" (draft)");
        let mut kept = KeptAssessment::default();
        let (first, changed) = assess_reusing(&Arc::new(before.clone()), None, &mut kept);
        assert!(changed, "the first report is news");
        assert_eq!(first, assess(&before));
        // The last report not handed back: nothing to move outcomes from.
        let (report, changed) = assess_reusing(&Arc::new(after.clone()), None, &mut kept);
        assert!(changed);
        assert_eq!(report, assess(&after));
        // A report without a kept plan is compared whole.
        let (report, changed) =
            assess_reusing(&Arc::new(after.clone()), Some(report), &mut KeptAssessment::default());
        assert!(!changed);
        assert_eq!(report, assess(&after));
    }

    #[test]
    fn an_edit_the_model_never_reads_changes_nothing() {
        let before = preset("photo-portfolio");
        let mut renamed = before.clone();
        renamed.name.push_str(" (draft)");
        assert_eq!(second_assessment(before.clone(), renamed), Some(BTreeSet::new()));
        let mut slower = before.clone();
        slower.recovery.detection_minutes += 60;
        assert_eq!(second_assessment(before, slower), None);
    }

    #[test]
    fn an_edit_of_one_bucket_reassesses_that_bucket_only() {
        let before = preset("s3-glacier-backup");
        let mut after = before.clone();
        let Some(Component::S3Bucket(b)) =
            after.components.iter_mut().find(|c| matches!(c, Component::S3Bucket(_)))
        else {
            panic!("the preset has a bucket")
        };
        b.stored_gb += 100.0;
        let id = b.id.clone();
        assert_eq!(second_assessment(before, after), Some(BTreeSet::from([id])));
    }

    #[test]
    fn renamed_removed_moved_and_inserted_components_are_reassessed() {
        let before = preset("photo-portfolio");
        let first = data_ids(&before)[0].clone();
        let at = before.components.iter().position(|c| c.id() == first).unwrap_or(0);
        let mut renamed = before.clone();
        renamed.rename_component(at, &format!("{first}-renamed"));
        let mut removed = before.clone();
        removed.remove_component(at);
        let mut moved = before.clone();
        moved.components.rotate_left(1);
        let mut duplicated = before.clone();
        duplicated.duplicate_component(at);
        for after in [renamed, removed, moved, duplicated] {
            let affected = second_assessment(before.clone(), after);
            assert!(affected.is_some_and(|ids| ids.contains(&first)));
        }
    }

    /// A plan text can give an id another kind in place: the data components after it
    /// move up among the outcomes, and each takes its own.
    #[test]
    fn a_component_of_another_kind_under_the_same_id_moves_no_outcome() {
        let before = preset("photo-portfolio");
        let first = data_ids(&before)[0].clone();
        let at = before.components.iter().position(|c| c.id() == first).unwrap_or(0);
        let mut after = before.clone();
        after.components[at] = crate::plan::ComponentKind::SnsTopic.new_component(&first);
        assert!(data_ids(&before).len() > 2, "outcomes after the changed one");
        assert!(second_assessment(before.clone(), after.clone()).is_some());
        assert!(second_assessment(after, before).is_some());
    }

    #[test]
    fn repeated_ids_assess_afresh() {
        let before = preset("photo-portfolio");
        let mut after = before.clone();
        after.components.push(before.components[0].clone());
        assert_eq!(second_assessment(before.clone(), after.clone()), None);
        assert_eq!(second_assessment(after, before), None);
    }

    #[test]
    fn settings_the_model_reads_assess_afresh() {
        let before = preset("photo-portfolio");
        let edits: [fn(&mut Plan); 4] = [
            |p| _ = p.pricing.overrides.insert("s3_standard_gb_month".into(), 1.0),
            |p| p.targets.rpo_minutes += 1,
            |p| p.recovery.detection_minutes += 1,
            |p| p.horizon_months += 1,
        ];
        for edit in edits {
            let mut after = before.clone();
            edit(&mut after);
            if after != before {
                assert_eq!(second_assessment(before.clone(), after), None);
            }
        }
    }

    #[test]
    fn a_drill_result_reassesses_the_component_it_names() {
        let before = preset("photo-portfolio");
        let id = data_ids(&before)[0].clone();
        let drill = |minutes| DrillResult {
            component: id.clone(),
            mechanism: RestoreMechanism::S3Versions,
            measured_on: "2026-11-01".into(),
            restore_minutes: minutes,
        };
        let mut one = before.clone();
        one.drill_results.push(drill(30.0));
        let mut other = one.clone();
        other.drill_results[0] = drill(45.0);
        // The first result adds a working line to every component.
        assert_eq!(second_assessment(before, one.clone()), None);
        assert_eq!(second_assessment(one, other), Some(BTreeSet::from([id])));
    }

    #[test]
    fn no_bucket_simulation_outlives_its_bucket() {
        let plan = preset("s3-glacier-backup");
        let (mut kept, mut report) = (KeptAssessment::default(), None);
        let mut version = plan.clone();
        for step in 0..10 {
            for c in &mut version.components {
                if let Component::S3Bucket(b) = c {
                    b.stored_gb = plan_size(&plan, &b.id) + step as f64;
                }
            }
            let last = report.take();
            report = Some(assess_reusing(&Arc::new(version.clone()), last, &mut kept).0);
        }
        let buckets = version.components.iter().filter(|c| matches!(c, Component::S3Bucket(_)));
        assert!(kept.sizes.len() <= buckets.count());
    }

    fn plan_size(plan: &Plan, id: &str) -> f64 {
        plan.components
            .iter()
            .find_map(|c| match c {
                Component::S3Bucket(b) if b.id == id => Some(b.stored_gb),
                _ => None,
            })
            .unwrap_or(0.0)
    }
}
