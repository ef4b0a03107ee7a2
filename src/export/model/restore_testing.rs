//! Restore testing as infrastructure (seed 004's "Weekly Automated Tests"): for each
//! weekly recovery test of the plan, and each of its components that an AWS Backup
//! plan of the bundle protects, an AWS Backup restore testing plan that restores the
//! latest recovery point from that plan's vaults, a selection naming the resource,
//! and an alarm on the restore's duration. One validation function, run by an
//! EventBridge rule on restore-job events, measures each test restore, publishes the
//! duration and reports the validation result to AWS Backup.
//!
//! The alarm's threshold is the minutes the recovery model leaves the restore: the
//! component's RTO target for the test's scenario less the worst case of the parts
//! of its recovery a restore does not include (detection, redeploy, cut-over).
//! Components restore testing cannot cover (no AWS Backup plan of the bundle
//! protects them) stay manual, and the README says so. Monthly and rarer tests are
//! drills run by people, from the runbook.

use super::build::Ctx;
use super::expr::{attr, lit, Attr, Expr};
use super::kinds::{Kind, RestoreTestingPlan, RestoreTestingSelection, Role};
use super::{Resource, Skip, StackId, Tool};
use crate::export::text::{short_slug, snake};
use crate::export::ExportError;
use crate::plan::{Component, RecoveryTest, RehearsedScenario, TestFrequency};
use crate::recovery::{Mechanism, RecoveryReport, Scenario};

/// Sundays at 06:00 UTC: after the night's backups (the plans' rules start at 03:00
/// by default and most finish within the hour).
pub const WEEKLY_SCHEDULE: &str = "cron(0 6 ? * SUN *)";
/// Longest physical-name suffix: AWS allows restore testing plan names of 50
/// characters; the project name (up to 24) and a separator come first.
const SUFFIX_MAX: usize = 24;

/// One component of a weekly test that restore testing covers.
struct Covered {
    test: String,
    component: String,
    scenario: Scenario,
    resource_type: &'static str,
    arn: Expr,
    vaults: Vec<String>,
    continuous: bool,
    validation_hours: u32,
}

/// Whether a test runs often enough to be automated rather than drilled by people.
pub fn automated(frequency: TestFrequency) -> bool {
    match frequency {
        TestFrequency::Weekly => true,
        TestFrequency::Monthly | TestFrequency::Quarterly | TestFrequency::Yearly => false,
    }
}

/// AWS Backup's resource type of a data component restore testing can restore.
fn resource_type(component: &Component) -> Option<&'static str> {
    match component {
        Component::DynamodbTable(_) => Some("DynamoDB"),
        Component::RdsInstance(_) => Some("RDS"),
        Component::AuroraCluster(_) => Some("Aurora"),
        Component::S3Bucket(_) => Some("S3"),
        _ => None,
    }
}

/// Minutes the restore of `component` may take in `scenario` for the component to
/// still meet its RTO target: the target less the worst case of the parts a restore
/// does not include, on the paths that restore an AWS Backup recovery point in the
/// primary region (the assumed path where none does). `(target, budget)`.
pub fn restore_budget(
    report: &RecoveryReport,
    scenario: Scenario,
    component: &str,
) -> Option<(u32, f64)> {
    let outcome = report.scenario(scenario)?.component(component)?;
    let target = outcome.target?.rto_minutes;
    let overhead = |p: &crate::recovery::Path| -> f64 {
        p.rto_parts.iter().filter(|part| !part.drilled).map(|part| part.minutes.worst).sum()
    };
    let mut paths: Vec<&crate::recovery::Path> =
        outcome.paths.iter().filter(|p| from_vault(&p.mechanism)).collect();
    if paths.is_empty() {
        paths.extend(crate::recovery::assumed_path(&outcome.paths));
    }
    let most = paths.iter().map(|p| overhead(p)).fold(0.0, f64::max);
    Some((target, (f64::from(target) - most).floor().max(1.0)))
}

/// A name as deployed with the inputs' defaults (`<key>` for an input without one).
pub fn shown_name(e: &Expr, default: &dyn Fn(&str) -> Option<String>) -> String {
    match e {
        Expr::Lit(t) => t.clone(),
        Expr::Param(key) => default(key).unwrap_or_else(|| format!("<{key}>")),
        Expr::Join(parts) => parts.iter().map(|p| shown_name(p, default)).collect(),
        Expr::Underscored(inner) => shown_name(inner, default).replace('-', "_"),
        _ => "…".into(),
    }
}

/// The path the runbook follows for a covered component when it is not one restore
/// testing runs: no vault path keeps the RPO target and another one does (DynamoDB
/// or RDS point-in-time recovery).
fn by_hand(report: &RecoveryReport, c: &Covered) -> Option<String> {
    let outcome = report.scenario(c.scenario)?.component(&c.component)?;
    let keeps = |p: &&crate::recovery::Path| {
        outcome.target.is_none_or(|t| crate::recovery::within(p.rpo.worst, t.rpo_minutes))
    };
    if outcome.paths.iter().filter(keeps).any(|p| from_vault(&p.mechanism)) {
        return None;
    }
    let others: Vec<crate::recovery::Path> = outcome.paths.iter().filter(keeps).cloned().collect();
    crate::recovery::assumed_path(&others).map(|p| p.name.clone())
}

/// Whether a path restores a recovery point of a vault in the primary region, as
/// restore testing does.
fn from_vault(m: &Mechanism) -> bool {
    match m {
        Mechanism::AwsBackup { copy_region, .. } => copy_region.is_none(),
        Mechanism::DynamodbBackups => true,
        _ => false,
    }
}

/// The vaults (primary stack) of the backup plans whose selections name `arn`.
fn vaults_protecting(ctx: &Ctx, arn: &Expr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in ctx.all_resources() {
        let Kind::Selection(sel) = &r.kind else { continue };
        if r.stack != StackId::Primary || r.for_each.is_some() || !sel.resources.contains(arn) {
            continue;
        }
        if let Some(Resource { kind: Kind::BackupPlan(p), .. }) = ctx.resource(&sel.plan) {
            if !out.contains(&p.vault) {
                out.push(p.vault.clone());
            }
        }
    }
    out
}

/// The components of a test: those it names, else every component holding data.
fn test_components(ctx: &Ctx, t: &RecoveryTest) -> Vec<String> {
    if t.components.is_empty() {
        ctx.plan.components.iter().filter(|c| c.holds_data()).map(|c| c.id().to_string()).collect()
    } else {
        t.components.clone()
    }
}

pub(super) fn build(ctx: &mut Ctx) -> Result<(), ExportError> {
    let tests: Vec<RecoveryTest> =
        ctx.plan.recovery_tests.iter().filter(|t| automated(t.frequency)).cloned().collect();
    if tests.is_empty() {
        return Ok(());
    }
    let mut covered = Vec::new();
    for t in &tests {
        let scenario = match t.scenario {
            RehearsedScenario::Deletion => Scenario::Deletion,
            RehearsedScenario::AzLoss => Scenario::AzLoss,
            RehearsedScenario::RegionLoss => Scenario::RegionLoss,
            RehearsedScenario::AccountCompromise => Scenario::AccountCompromise,
        };
        // Restore testing restores in the primary region and account.
        let in_place = matches!(scenario, Scenario::Deletion | Scenario::AzLoss);
        for id in test_components(ctx, t) {
            let Some(component) = ctx.plan.component(&id).cloned() else { continue };
            let why_manual = match resource_type(&component) {
                None => continue,
                Some(ty) => match super::databases::data_arn(ctx, &id) {
                    Some(arn) if in_place => {
                        let vaults = vaults_protecting(ctx, &arn);
                        if vaults.is_empty() {
                            Some("no AWS Backup plan of this bundle protects it, and restore testing restores only AWS Backup recovery points")
                        } else {
                            let continuous = ctx.plan.components.iter().any(|c| matches!(c, Component::BackupPlan(p) if p.protects.contains(&id) && p.rules.iter().any(|r| r.continuous)));
                            covered.push(Covered {
                                test: t.name.clone(),
                                component: id.clone(),
                                scenario,
                                resource_type: ty,
                                arn,
                                vaults,
                                continuous,
                                validation_hours: (t.keep_restored_hours.ceil() as u32).clamp(1, 168),
                            });
                            None
                        }
                    }
                    Some(_) => Some("restore testing restores in the primary region and account, which this scenario has lost"),
                    None => Some("it is one of a list of existing resources, which restore testing cannot name one by one"),
                },
            };
            if let Some(reason) = why_manual {
                ctx.notes.additions.push(format!(
                    "Weekly recovery test {} of component {} stays manual: {reason}. Run it as the runbook's Drills section describes (RUNBOOK.md).",
                    super::describe_id(&t.name),
                    super::describe_id(&id),
                ));
            }
        }
    }
    if covered.is_empty() {
        return Ok(());
    }
    let report = crate::recovery::assess(ctx.plan);
    emit(ctx, &covered, &report)
}

fn emit(ctx: &mut Ctx, covered: &[Covered], report: &RecoveryReport) -> Result<(), ExportError> {
    let owner = covered[0].component.clone();
    let role = restore_role(ctx, &owner);
    let topic = super::restore_validation::alarm_topic(ctx, &owner);
    if let Some(t) = &topic {
        super::monitoring::allow_service_publish(ctx, t, "cloudwatch.amazonaws.com");
    }
    // `{"<plan arn>": {...}, ...}` for the function, built from the plans' ARNs.
    let mut tests_json = vec![lit("{")];
    for (i, c) in covered.iter().enumerate() {
        // The test's name, with the component's where the test covers several.
        let several = covered.iter().filter(|o| o.test == c.test).count() > 1;
        let base = if several {
            short_slug(&format!("{}-{}", c.test, c.component), SUFFIX_MAX - 3)
        } else {
            short_slug(&c.test, SUFFIX_MAX - 3)
        };
        let plan_res = ctx.unique(&format!("{base}-rt"));
        let physical = Expr::Underscored(Box::new(ctx.physical(StackId::Primary, &plan_res)));
        let params = ctx.params_so_far();
        let shown = shown_name(&physical, &|k| {
            params.iter().find(|p| p.key == k).and_then(|p| p.default.clone())
        });
        let plan = RestoreTestingPlan {
            name: physical,
            schedule: WEEKLY_SCHEDULE.into(),
            start_window_hours: 24,
            algorithm: "LATEST_WITHIN_WINDOW",
            include_vaults: c.vaults.iter().map(|v| attr(v, Attr::Arn)).collect(),
            recovery_point_types: if c.continuous {
                vec!["SNAPSHOT", "CONTINUOUS"]
            } else {
                vec!["SNAPSHOT"]
            },
            selection_window_days: 7,
        };
        let component = Some(c.component.as_str());
        ctx.push(Resource::new(
            &plan_res,
            StackId::Primary,
            component,
            Kind::RestoreTestingPlan(plan),
        ));
        let selection = RestoreTestingSelection {
            name: snake(&short_slug(&c.component, 48)),
            plan: plan_res.clone(),
            resource_type: c.resource_type,
            resources: vec![c.arn.clone()],
            role: role.clone(),
            validation_window_hours: c.validation_hours,
        };
        let sel_res = ctx.unique(&format!("{base}-rt-selection"));
        ctx.push(Resource::new(
            &sel_res,
            StackId::Primary,
            component,
            Kind::RestoreTestingSelection(selection),
        ));
        let (target, budget) = restore_budget(report, c.scenario, &c.component).unwrap_or((0, 1.0));
        let other_path = by_hand(report, c).map(|name| format!(" It tests the restore of an AWS Backup recovery point; the runbook recovers {} with {name}, which keeps its RPO target and which restore testing does not run: rehearse that one by hand, as the runbook's Drills section describes (RUNBOOK.md).", super::describe_id(&c.component))).unwrap_or_default();
        let entry = serde_json::json!({ "component": c.component, "budget_minutes": budget });
        let entry = entry.to_string();
        let tail = entry.strip_prefix('{').unwrap_or(&entry);
        if i > 0 {
            tests_json.push(lit(","));
        }
        tests_json.extend([
            lit("\""),
            attr(&plan_res, Attr::Arn),
            lit("\":{\"plan\":\""),
            attr(&plan_res, Attr::Name),
            lit(format!("\",{tail}")),
        ]);
        // The plan's name as the stack reads it (`Ref`), which also orders the alarms after it.
        let plan_name = attr(&plan_res, Attr::Name);
        super::restore_validation::alarms(
            ctx,
            &c.component,
            &plan_res,
            &plan_name,
            budget,
            topic.clone(),
        );
        ctx.notes.additions.push(format!(
            "Weekly recovery test {} of component {} runs as the AWS Backup restore testing plan {} (Sundays 06:00 UTC): it restores the latest recovery point of the last 7 days from the bundle's vault, keeps the restored copy {} h for validation, then AWS Backup deletes it. The validation function reports each restore's duration; an alarm fires when it exceeds {} min, the part of the {} min RTO target left for the restore once detection and the other steps the recovery model counts are done.{other_path}",
            super::describe_id(&c.test),
            super::describe_id(&c.component),
            shown,
            c.validation_hours,
            budget,
            target,
        ));
    }
    tests_json.push(lit("}"));
    super::restore_validation::validation(ctx, &owner, Expr::join(tests_json), topic);
    Ok(())
}

/// The role AWS Backup restores test copies with: AWS's managed restore policy.
fn restore_role(ctx: &mut Ctx, component: &str) -> String {
    let policy = "service-role/AWSBackupServiceRolePolicyForRestores";
    let name = ctx.unique("restore-test-role");
    let role = Role {
        service: "backup.amazonaws.com".into(),
        description: "AWS Backup restore testing: restore the tested recovery points".into(),
        statements: Vec::new(),
        managed_policies: vec![policy.into()],
        separate_policy: false,
        name: None,
    };
    let skips = vec![Skip::new(
        Tool::CdkNag,
        &format!("AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/{policy}]"),
        "AWS Backup's documented service-role policy for restores: AWS scopes it to the resource types Backup restores and keeps it current",
    )];
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(component), Kind::Role(role)).with_skips(skips),
    );
    name
}
