//! The app assesses every version of a plan with the outcomes it kept from the last
//! one (`recovery::assess_reusing`); these check that it always gives the report of
//! assessing afresh, its JSON and table included, and says whether it changed exactly
//! when the fresh reports differ: over random sequences of edited
//! values of real plans, over random sequences of the editor's structural edits
//! (rename, remove, duplicate, move, a setting, a drill result), and for each plan-wide
//! setting the kept outcomes must not outlive.

mod support;

use std::sync::Arc;

use drplan::plan::{parse_plan, Component, DrillResult, Plan, RestoreMechanism};
use drplan::recovery::{assess, assess_reusing, KeptAssessment};
use drplan::report::{recovery_json, recovery_table};
use proptest::prelude::*;

/// Assesses `versions` one after another with one `KeptAssessment`, and checks each
/// against a fresh assessment, as values and as the report's JSON and table.
fn check_in_turn(versions: &[Plan]) -> Result<(), String> {
    let (mut kept, mut last, mut last_fresh) = (KeptAssessment::default(), None, None);
    for (n, plan) in versions.iter().enumerate() {
        let (reused, changed) = assess_reusing(&Arc::new(plan.clone()), last.take(), &mut kept);
        let fresh = assess(plan);
        if changed != (last_fresh.as_ref() != Some(&fresh)) {
            return Err(format!("version {n} of {:?}: changed is {changed}", plan.name));
        }
        if reused != fresh {
            let at = reused.scenarios.iter().zip(&fresh.scenarios).find_map(|(r, f)| {
                r.components
                    .iter()
                    .zip(&f.components)
                    .find(|(a, b)| a != b)
                    .map(|(a, _)| format!("{:?} {}", r.scenario, a.component))
            });
            return Err(format!(
                "version {n} of {:?} differs from a fresh assessment at {at:?}",
                plan.name
            ));
        }
        if recovery_json(&reused) != recovery_json(&fresh)
            || recovery_table(&reused) != recovery_table(&fresh)
        {
            return Err(format!("version {n} of {:?} renders differently", plan.name));
        }
        (last, last_fresh) = (Some(reused), Some(fresh));
    }
    Ok(())
}

/// One edit the plan editor makes.
#[derive(Clone, Debug)]
enum Edit {
    /// A data component's size times a factor.
    Resize(prop::sample::Index, f64),
    Rename(prop::sample::Index),
    Remove(prop::sample::Index),
    Duplicate(prop::sample::Index),
    /// Moves a component one place up.
    MoveUp(prop::sample::Index),
    DrRegion(Option<&'static str>),
    /// Records a drill of a component (or changes the one recorded) taking minutes.
    Drill(prop::sample::Index, f64),
    ClearDrills,
    RemoveBackupAccount,
    DetectionMinutes(u32),
    /// The share of the data the first scheduled test restores.
    TestPercent(f64),
}

fn edit() -> impl Strategy<Value = Edit> {
    let index = any::<prop::sample::Index>;
    prop_oneof![
        4 => (index(), prop_oneof![Just(0.0), Just(2.0), 0.1..10.0f64]).prop_map(|(i, f)| Edit::Resize(i, f)),
        1 => index().prop_map(Edit::Rename),
        1 => index().prop_map(Edit::Remove),
        1 => index().prop_map(Edit::Duplicate),
        1 => index().prop_map(Edit::MoveUp),
        1 => prop::sample::select(vec![None, Some("us-west-2"), Some("eu-west-1"), Some("us-east-1")]).prop_map(Edit::DrRegion),
        2 => (index(), 1.0..600.0f64).prop_map(|(i, m)| Edit::Drill(i, m)),
        1 => Just(Edit::ClearDrills),
        1 => Just(Edit::RemoveBackupAccount),
        1 => prop::sample::select(vec![5u32, 15, 60]).prop_map(Edit::DetectionMinutes),
        2 => (1.0..100.0f64).prop_map(Edit::TestPercent),
    ]
}

/// A data component's size times `factor`.
fn resize(component: &mut Component, factor: f64) {
    match component {
        Component::S3Bucket(b) => b.stored_gb *= factor,
        Component::DynamodbTable(t) => t.size_gb *= factor,
        Component::RdsInstance(r) => r.storage_gb *= factor,
        Component::AuroraCluster(a) => a.storage_gb *= factor,
        _ => {}
    }
}

/// `plan` after `edit`, as the editor would make it.
fn apply(plan: &Plan, edit: &Edit) -> Plan {
    let mut next = plan.clone();
    let count = next.components.len();
    match edit {
        Edit::Resize(i, factor) if count > 0 => {
            resize(&mut next.components[i.index(count)], *factor)
        }
        Edit::Rename(i) if count > 0 => {
            let at = i.index(count);
            let id = next.unique_id(&format!("{}-x", next.components[at].id()));
            next.rename_component(at, &id);
        }
        Edit::Remove(i) if count > 0 => _ = next.remove_component(i.index(count)),
        Edit::Duplicate(i) if count > 0 => _ = next.duplicate_component(i.index(count)),
        Edit::MoveUp(i) if count > 1 => {
            let at = i.index(count - 1) + 1;
            next.components.swap(at - 1, at);
        }
        Edit::DrRegion(region) => next.dr_region = region.map(String::from),
        Edit::Drill(i, minutes) => {
            let data: Vec<String> =
                next.components.iter().filter(|c| c.holds_data()).map(|c| c.id().into()).collect();
            if !data.is_empty() {
                let component = data[i.index(data.len())].clone();
                let result = DrillResult {
                    component,
                    mechanism: RestoreMechanism::AwsBackup,
                    measured_on: "2026-11-01".into(),
                    restore_minutes: *minutes,
                };
                match next.drill_results.iter_mut().find(|d| d.component == result.component) {
                    Some(d) => *d = result,
                    None => next.drill_results.push(result),
                }
            }
        }
        Edit::ClearDrills => next.drill_results.clear(),
        Edit::RemoveBackupAccount => next.backup_account = None,
        Edit::DetectionMinutes(m) => next.recovery.detection_minutes = *m,
        Edit::TestPercent(percent) => {
            if let Some(t) = next.recovery_tests.first_mut() {
                t.data_percent = *percent;
            }
        }
        _ => {}
    }
    next
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edited_values_assess_as_afresh(texts in support::mutate::versions_of_a_plan(4)) {
        let versions: Vec<Plan> = texts.iter().filter_map(|t| parse_plan(t).ok()).collect();
        prop_assert_eq!(check_in_turn(&versions), Ok(()));
    }

    #[test]
    fn edit_sequences_assess_as_afresh(
        start in prop::sample::select(drplan::presets::PRESETS.iter().map(|p| p.id).collect::<Vec<_>>()),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let mut versions = vec![support::preset(start)];
        for edit in &edits {
            let next = apply(&versions[versions.len() - 1], edit);
            versions.push(next);
        }
        prop_assert_eq!(check_in_turn(&versions), Ok(()));
    }
}

/// A scheduled test restoring less: no outcome changes, what the tests cost does.
#[test]
fn a_changed_test_is_priced_again() {
    for p in drplan::presets::PRESETS {
        let base = p.plan();
        let less = apply(&base, &Edit::TestPercent(10.0));
        assert_eq!(check_in_turn(&[base.clone(), less, base]), Ok(()), "{}", p.id);
    }
}

/// Every preset, then each data component's size doubled, one at a time.
#[test]
fn a_changed_component_is_assessed_again() {
    for p in drplan::presets::PRESETS {
        let base = p.plan();
        let mut versions = vec![base.clone()];
        for i in 0..base.components.len() {
            let mut next = versions[versions.len() - 1].clone();
            resize(&mut next.components[i], 2.0);
            versions.push(next);
        }
        assert_eq!(check_in_turn(&versions), Ok(()), "{}", p.id);
    }
}

/// Every plan-wide setting the recovery model reads, changed and changed back.
#[test]
fn a_changed_setting_is_assessed_again() {
    let edits: [fn(&mut Plan); 9] = [
        |plan| plan.dr_region = Some("eu-west-1".into()),
        |plan| plan.dr_region = None,
        |plan| plan.primary_region = "eu-central-1".into(),
        |plan| plan.horizon_months = plan.horizon_months / 2 + 1,
        |plan| plan.backup_account = None,
        |plan| plan.targets.rto_minutes = plan.targets.rto_minutes / 2 + 1,
        |plan| plan.recovery.restore_throughput_gb_per_hour *= 3.0,
        |plan| plan.pricing.sheet = "aws-list-2026".into(),
        |plan| plan.recovery_tests.clear(),
    ];
    support::check_each_preset_changed_and_back(&edits, check_in_turn);
}

/// Components renamed, removed, duplicated and moved: outcomes belong to an id, and
/// whatever reads the order sees the new one.
#[test]
fn moved_components_are_not_mixed_up() {
    let base = support::preset("photo-portfolio");
    let mut reversed = base.clone();
    reversed.components.reverse();
    let mut shorter = base.clone();
    shorter.components.remove(0);
    let mut renamed = base.clone();
    let id = format!("{}-renamed", base.components[0].id());
    renamed.rename_component(0, &id);
    let mut duplicated = base.clone();
    duplicated.duplicate_component(0);
    assert_eq!(
        check_in_turn(&[base.clone(), reversed, shorter, base.clone(), renamed, duplicated, base]),
        Ok(())
    );
}

/// Every preset without each of its components in turn (the last one included, with
/// nothing after it to compare), and with it moved to the end.
#[test]
fn each_removed_or_moved_component_is_followed() {
    for p in drplan::presets::PRESETS {
        let base = p.plan();
        for i in 0..base.components.len() {
            let mut removed = base.clone();
            removed.remove_component(i);
            let mut moved = base.clone();
            let c = moved.components.remove(i);
            moved.components.push(c);
            assert_eq!(check_in_turn(&[base.clone(), removed, base.clone()]), Ok(()), "{}", p.id);
            assert_eq!(check_in_turn(&[base.clone(), moved, base.clone()]), Ok(()), "{}", p.id);
        }
    }
}
