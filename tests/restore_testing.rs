//! Restore testing as infrastructure (issue 14, item 2): a plan's weekly recovery
//! tests become AWS Backup restore testing plans for the components an AWS Backup
//! plan of the bundle protects, with an alarm at the share of the RTO target the
//! recovery model leaves the restore; what restore testing cannot run stays manual
//! and every bundle's README says so; monthly and rarer tests stay drills.

use drplan::export::model::{build, AlarmSource, Expr, InfraModel, Kind};
use drplan::export::{export, Target};
use drplan::plan::{Plan, RehearsedScenario, TestFrequency};
use drplan::recovery::{assess, Scenario};

fn photo_portfolio() -> Plan {
    drplan::presets::PRESETS
        .iter()
        .find(|p| p.id == "photo-portfolio")
        .map(|p| p.plan())
        .expect("photo-portfolio preset")
}

fn model(plan: &Plan) -> InfraModel {
    build(plan).expect("model builds")
}

fn of_kind<'a, T>(m: &'a InfraModel, pick: impl Fn(&'a Kind) -> Option<&'a T>) -> Vec<&'a T> {
    m.resources.iter().filter_map(|r| pick(&r.kind)).collect()
}

/// The duration alarm's threshold (minutes).
fn duration_threshold(m: &InfraModel) -> Option<f64> {
    m.resources.iter().find_map(|r| match &r.kind {
        Kind::Alarm(a) => match &a.source {
            AlarmSource::Metric(metric) if metric.name == "RestoreTestDurationMinutes" => {
                Some(a.threshold)
            }
            _ => None,
        },
        _ => None,
    })
}

/// What the recovery model leaves a restore of the table from a vault: its RTO
/// target less the worst case of the parts a restore does not include.
fn expected_budget(plan: &Plan) -> f64 {
    let report = assess(plan);
    let outcome = report
        .scenario(Scenario::Deletion)
        .and_then(|s| s.component("portfolio-table"))
        .expect("the table in the deletion scenario");
    let target = outcome.target.expect("a target").rto_minutes;
    let vault_path = outcome
        .paths
        .iter()
        .find(|p| p.name.contains("on-demand backups"))
        .expect("the on-demand backups path");
    let around: f64 =
        vault_path.rto_parts.iter().filter(|p| !p.drilled).map(|p| p.minutes.worst).sum();
    assert!(around > 0.0, "detection takes time");
    (f64::from(target) - around).floor()
}

#[test]
fn photo_portfolios_weekly_test_restores_the_table_from_the_bundles_vaults() {
    let plan = photo_portfolio();
    let m = model(&plan);
    let plans = of_kind(&m, |k| match k {
        Kind::RestoreTestingPlan(p) => Some(p),
        _ => None,
    });
    assert_eq!(plans.len(), 1, "one weekly test, one covered component");
    let p = plans[0];
    assert_eq!(p.schedule, "cron(0 6 ? * SUN *)");
    assert!(matches!(&p.name, Expr::Underscored(_)), "names allow no hyphen: {:?}", p.name);
    // Both backup plans that protect the table: its on-demand backups and table-copies.
    let vaults: Vec<String> = p
        .include_vaults
        .iter()
        .map(|v| match v {
            Expr::Attr(name, _) => name.clone(),
            other => panic!("a vault of the bundle, not {other:?}"),
        })
        .collect();
    assert_eq!(vaults, ["portfolio-table-backup-vault", "table-copies-vault"]);
    let selections = of_kind(&m, |k| match k {
        Kind::RestoreTestingSelection(s) => Some(s),
        _ => None,
    });
    assert_eq!(selections.len(), 1);
    assert_eq!(selections[0].resource_type, "DynamoDB");
    assert_eq!(selections[0].validation_window_hours, 1, "the test's keep_restored_hours");
    assert_eq!(m.assets.iter().filter(|a| a.path == "lambda/restore_test/handler.py").count(), 1);
}

#[test]
fn the_duration_alarm_follows_the_rto_target_the_model_leaves_the_restore() {
    let mut plan = photo_portfolio();
    assert_eq!(duration_threshold(&model(&plan)), Some(expected_budget(&plan)));
    plan.targets.rto_minutes = 120;
    let tighter = duration_threshold(&model(&plan));
    assert_eq!(tighter, Some(expected_budget(&plan)));
    assert!(tighter.is_some_and(|t| t < 120.0));
}

#[test]
fn monthly_and_region_loss_tests_stay_drills() {
    let mut plan = photo_portfolio();
    plan.recovery_tests[0].frequency = TestFrequency::Monthly;
    let m = model(&plan);
    assert!(duration_threshold(&m).is_none());
    assert!(!m.resources.iter().any(|r| matches!(r.kind, Kind::RestoreTestingPlan(_))));

    let mut plan = photo_portfolio();
    plan.recovery_tests[0].scenario = RehearsedScenario::RegionLoss;
    let m = model(&plan);
    assert!(!m.resources.iter().any(|r| matches!(r.kind, Kind::RestoreTestingPlan(_))));
    assert!(m.notes.additions.iter().any(|a| a.contains("stays manual")
        && a.contains("restore testing restores in the primary region")));
}

#[test]
fn a_component_without_an_aws_backup_plan_stays_manual_in_every_readme() {
    let mut plan = photo_portfolio();
    plan.recovery_tests[0].components = vec!["media".into(), "portfolio-table".into()];
    let m = model(&plan);
    let covered: Vec<&str> = m
        .resources
        .iter()
        .filter(|r| matches!(r.kind, Kind::RestoreTestingSelection(_)))
        .filter_map(|r| r.component.as_deref())
        .collect();
    assert_eq!(covered, ["portfolio-table"], "versioning is not an AWS Backup recovery point");
    for target in Target::ALL {
        let files = export(&plan, target).expect("exports");
        let readme = files.iter().find(|f| f.path == "README.md").expect("a README");
        let text = readme.contents.replace('\\', "");
        assert!(
            text.contains(
                "Weekly recovery test weekly-pitr-restore of component media stays manual"
            ),
            "{target:?}"
        );
        assert!(text.contains("Drills section"), "{target:?}");
    }
}
