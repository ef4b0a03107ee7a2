//! AWS Backup: the plan's backup plans (vault, lock, rules, cold storage, copies to a
//! DR vault, selection, failure events to SNS), the backup plans the export derives
//! for DynamoDB on-demand backups and for RDS manual snapshots no function takes,
//! and the `backup_retention_days` parameter.

use super::build::Ctx;
use super::expr::{account, arn, attr, lit, Attr, Expr, Num};
use super::kinds::{
    BackupPlan, BackupRule, CopyAction, EventPattern, Kind, Role, Rule, RuleTarget, Selection,
    Vault, VaultLock,
};
use super::{ParamKind, Resource, Skip, StackId, Tool};
use crate::export::ExportError;
use crate::plan::{BackupPlan as PlanBackup, Component, LambdaTask, Plan, VaultLockMode};

/// Which plan setting the `backup_retention_days` parameter stands for: the first
/// kind of retention the plan has, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum RetentionOf {
    BackupRules,
    ManualSnapshots,
    OnDemandBackups,
    NoncurrentVersions,
}

pub(super) const RETENTION_PARAM: &str = "backup_retention_days";

/// The plan's primary retention: its category and days.
fn retention_slot(plan: &Plan) -> Option<(RetentionOf, u32)> {
    let rules = plan.components.iter().find_map(|c| match c {
        Component::BackupPlan(p) => p.rules.first().map(|r| r.retention_days),
        _ => None,
    });
    let snapshots = plan.components.iter().find_map(|c| match c {
        Component::RdsInstance(r) => r.manual_snapshots.as_ref().map(|m| m.retention_days),
        _ => None,
    });
    let on_demand = plan.components.iter().find_map(|c| match c {
        Component::DynamodbTable(t) => t.on_demand_backups.as_ref().map(|b| b.retention_days),
        _ => None,
    });
    let versions = plan.components.iter().find_map(|c| match c {
        Component::S3Bucket(b) if b.versioning.enabled => b.versioning.noncurrent_expiration_days,
        _ => None,
    });
    rules
        .map(|d| (RetentionOf::BackupRules, d))
        .or(snapshots.map(|d| (RetentionOf::ManualSnapshots, d)))
        .or(on_demand.map(|d| (RetentionOf::OnDemandBackups, d)))
        .or(versions.map(|d| (RetentionOf::NoncurrentVersions, d)))
}

/// The bounds every setting the parameter replaces accepts (vault locks, cold
/// storage, continuous backups, noncurrent transitions).
fn retention_bounds(plan: &Plan, of: RetentionOf, days: u32) -> (u32, u32) {
    let (mut min, mut max) = (1u32, 36_500u32);
    for c in &plan.components {
        match (of, c) {
            (RetentionOf::BackupRules, Component::BackupPlan(p)) => {
                for r in p.rules.iter().filter(|r| r.retention_days == days) {
                    if let Some(cold) = r.cold_storage_after_days {
                        min = min.max(cold.saturating_add(90));
                    }
                    if r.continuous {
                        max = max.min(35);
                    }
                    if let Some(lock) = &p.vault_lock {
                        min = min.max(lock.min_retention_days);
                        max = max.min(lock.max_retention_days);
                    }
                }
            }
            (RetentionOf::NoncurrentVersions, Component::S3Bucket(b))
                if b.versioning.noncurrent_expiration_days == Some(days) =>
            {
                let last = b
                    .versioning
                    .noncurrent_glacier_days
                    .or(b.versioning.noncurrent_standard_ia_days)
                    .unwrap_or(0);
                min = min.max(last.saturating_add(1));
            }
            _ => {}
        }
    }
    (min, max.max(min))
}

/// `backup_retention_days` where `days` is the plan's primary retention of kind
/// `of`; the literal days otherwise.
pub(super) fn retention(ctx: &mut Ctx, of: RetentionOf, days: u32, stack: StackId) -> Num {
    match retention_slot(ctx.plan) {
        Some((slot, default)) if slot == of && default == days => {
            if !ctx.has_param(RETENTION_PARAM) {
                let (min, max) = retention_bounds(ctx.plan, of, days);
                let what = match of {
                    RetentionOf::BackupRules => "AWS Backup recovery points",
                    RetentionOf::ManualSnapshots => "manual database snapshots",
                    RetentionOf::OnDemandBackups => "DynamoDB on-demand backups",
                    RetentionOf::NoncurrentVersions => "noncurrent S3 object versions",
                };
                let mut p = super::build::param(
                    RETENTION_PARAM,
                    ParamKind::Number,
                    Some(days.to_string()),
                    &format!("Days {what} are kept (every setting of the plan with this value)"),
                );
                p.min = Some(min);
                p.max = Some(max);
                ctx.define_param(p);
            }
            ctx.use_param(stack, RETENTION_PARAM);
            Num::Param(RETENTION_PARAM.into())
        }
        _ => Num::Lit(days),
    }
}

/// A six-field AWS cron expression for a backup every `minutes`, starting at `hour` UTC.
pub(super) fn backup_cron(minutes: u32, hour: u32) -> String {
    let hour = hour % 24;
    match minutes {
        10_080 => format!("cron(0 {hour} ? * SUN *)"),
        m if m >= 1440 => format!("cron(0 {hour} * * ? *)"),
        m if m <= 60 => "cron(0 * * * ? *)".to_string(),
        m => {
            let step = (m / 60).max(1);
            format!("cron(0 {}/{step} * * ? *)", hour % step)
        }
    }
}

/// A vault named `<project>-<suffix>` encrypted with the stack's key.
fn vault(
    ctx: &mut Ctx,
    stack: StackId,
    component: &str,
    base: &str,
    suffix: &str,
    lock: Option<VaultLock>,
) -> String {
    let key = match stack {
        StackId::Primary => {
            let k = ctx.infra_key();
            attr(&k, Attr::Arn)
        }
        StackId::Dr | StackId::Account => ctx.dr_key_arn(StackId::Dr),
    };
    let name = ctx.unique(base);
    let physical = ctx.physical(stack, suffix);
    ctx.push(Resource::new(
        &name,
        stack,
        Some(component),
        Kind::Vault(Vault {
            name: physical,
            key_arn: Some(key),
            lock,
            policy: Vec::new(),
            air_gapped: false,
        }),
    ));
    ctx.output(
        &format!("{name}-name"),
        stack,
        attr(&name, Attr::Name),
        format!("Name of backup vault {name}"),
    );
    name
}

/// The ARN of the DR vault `vault` named `<project>-<suffix>`, as the primary stack sees it.
fn dr_vault_arn(ctx: &mut Ctx, vault: &str, suffix: &str) -> Expr {
    let dr = ctx.dr_region_expr(StackId::Primary);
    let name = ctx.physical(StackId::Primary, suffix);
    super::expr::cross(
        vault,
        Attr::Arn,
        arn("backup", dr, account(), vec![lit("backup-vault:"), name]),
    )
}

fn backup_role(ctx: &mut Ctx, component: &str, base: &str, with_s3: bool) -> String {
    let mut policies = vec![
        "service-role/AWSBackupServiceRolePolicyForBackup".to_string(),
        "service-role/AWSBackupServiceRolePolicyForRestores".to_string(),
    ];
    if with_s3 {
        policies.push("AWSBackupServiceRolePolicyForS3Backup".into());
        policies.push("AWSBackupServiceRolePolicyForS3Restore".into());
    }
    let skips = policies
        .iter()
        .map(|p| Skip {
            tool: Tool::CdkNag,
            rule: format!("AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/{p}]"),
            reason: "AWS Backup's documented service-role policy: AWS scopes it to the resource types Backup supports and keeps it current".into(),
        })
        .collect();
    let name = ctx.unique(base);
    let role = Role {
        service: "backup.amazonaws.com".into(),
        description: "AWS Backup: back up and restore the selected resources".into(),
        statements: Vec::new(),
        managed_policies: policies,
        separate_policy: false,
        name: None,
    };
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(component), Kind::Role(role)).with_skips(skips),
    );
    name
}

/// Backup plan + selection protecting `arns`.
#[allow(clippy::too_many_arguments)]
fn plan_with_selection(
    ctx: &mut Ctx,
    component: &str,
    short: &str,
    vault_name: &str,
    rules: Vec<BackupRule>,
    arns: Vec<Expr>,
    lists: Vec<String>,
    with_s3: bool,
) -> String {
    let plan_name = ctx.unique(&format!("{short}-plan"));
    let physical = ctx.physical(StackId::Primary, short);
    ctx.push(Resource::new(
        &plan_name,
        StackId::Primary,
        Some(component),
        Kind::BackupPlan(BackupPlan { name: physical, vault: vault_name.to_string(), rules }),
    ));
    if arns.is_empty() && lists.is_empty() {
        return plan_name;
    }
    let role = backup_role(ctx, component, &format!("{short}-backup-role"), with_s3);
    for list in lists {
        super::groups::selection(ctx, component, short, &plan_name, &role, &list);
    }
    if !arns.is_empty() {
        let selection = ctx.unique(&format!("{short}-selection"));
        let sel = Selection {
            name: lit(format!("{short}-resources")),
            plan: plan_name.clone(),
            role,
            resources: arns,
        };
        ctx.push(Resource::new(
            &selection,
            StackId::Primary,
            Some(component),
            Kind::Selection(sel),
        ));
    }
    plan_name
}

pub(super) fn visit(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    match c {
        Component::BackupPlan(p) => backup_plan(ctx, p),
        Component::DynamodbTable(t) => {
            if let Some(b) = &t.on_demand_backups {
                let short = ctx.short(&t.id);
                let vault_name = vault(
                    ctx,
                    StackId::Primary,
                    &t.id,
                    &format!("{short}-backup-vault"),
                    &format!("{short}-backups"),
                    None,
                );
                let delete_after = retention(
                    ctx,
                    RetentionOf::OnDemandBackups,
                    b.retention_days,
                    StackId::Primary,
                );
                let rule = BackupRule {
                    name: "on-demand".into(),
                    schedule: backup_cron(b.every_hours.saturating_mul(60).max(60), 3),
                    start_window_minutes: 60,
                    completion_window_minutes: if b.every_hours >= 24 { 1440 } else { 120 },
                    continuous: false,
                    delete_after_days: delete_after,
                    cold_storage_after_days: None,
                    copies: Vec::new(),
                };
                let arns = super::databases::data_arn(ctx, &t.id).into_iter().collect();
                plan_with_selection(
                    ctx,
                    &t.id,
                    &format!("{short}-backups"),
                    &vault_name,
                    vec![rule],
                    arns,
                    Vec::new(),
                    false,
                );
                ctx.notes.additions.push(format!(
                    "An AWS Backup plan for the on-demand backups of component {} (every {} hours, kept {} days): DynamoDB has no scheduler of its own.",
                    super::describe_id(&t.id),
                    b.every_hours,
                    b.retention_days
                ));
            }
            Ok(())
        }
        Component::RdsInstance(r) => {
            let taken_by_function = ctx
                .plan
                .components
                .iter()
                .any(|k| matches!(k, Component::LambdaFunction(f) if f.tasks.contains(&LambdaTask::Snapshot) && f.targets.iter().any(|t| t == &r.id)));
            let later_member = super::groups::list_of(ctx.plan, &r.id)
                .is_some_and(|(_, members)| members.first() != Some(&r.id));
            if let (Some(m), false, false) = (&r.manual_snapshots, taken_by_function, later_member)
            {
                let short = ctx.short(&r.id);
                let vault_name = vault(
                    ctx,
                    StackId::Primary,
                    &r.id,
                    &format!("{short}-snapshot-vault"),
                    &format!("{short}-snapshots"),
                    None,
                );
                let copy = if m.copy_to_dr_region && ctx.dr_region.is_some() {
                    let dr_suffix = format!("{short}-snapshots-dr");
                    let dr_vault = vault(
                        ctx,
                        StackId::Dr,
                        &r.id,
                        &format!("{short}-snapshot-dr-vault"),
                        &dr_suffix,
                        None,
                    );
                    Some(CopyAction {
                        vault_arn: dr_vault_arn(ctx, &dr_vault, &dr_suffix),
                        delete_after_days: m.retention_days,
                    })
                } else {
                    None
                };
                let rule = BackupRule {
                    name: "snapshots".into(),
                    schedule: match m.every_days {
                        1 => backup_cron(1440, 3),
                        7 => backup_cron(10_080, 3),
                        d => format!("cron(0 3 */{} * ? *)", d.clamp(1, 31)),
                    },
                    start_window_minutes: 60,
                    completion_window_minutes: 1440,
                    continuous: false,
                    delete_after_days: retention(
                        ctx,
                        RetentionOf::ManualSnapshots,
                        m.retention_days,
                        StackId::Primary,
                    ),
                    cold_storage_after_days: None,
                    copies: copy.into_iter().collect(),
                };
                // A list's instances share one plan (made at its first member), with
                // a selection per element.
                let (arns, lists) = match super::groups::list_of(ctx.plan, &r.id) {
                    Some((list, _)) => (Vec::new(), vec![list.to_string()]),
                    None => {
                        (super::databases::data_arn(ctx, &r.id).into_iter().collect(), Vec::new())
                    }
                };
                plan_with_selection(
                    ctx,
                    &r.id,
                    &format!("{short}-snapshots"),
                    &vault_name,
                    vec![rule],
                    arns,
                    lists,
                    false,
                );
                ctx.notes.additions.push(format!(
                    "An AWS Backup plan takes the manual snapshots of component {} (no lambda_function with the snapshot task targets it).",
                    super::describe_id(&r.id)
                ));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn backup_plan(ctx: &mut Ctx, p: &PlanBackup) -> Result<(), ExportError> {
    let short = ctx.short(&p.id);
    let lock = p.vault_lock.as_ref().map(|l| VaultLock {
        min_days: l.min_retention_days,
        max_days: l.max_retention_days.max(l.min_retention_days),
        changeable_for_days: (l.mode == VaultLockMode::Compliance).then_some(3),
    });
    let vault_name = vault(ctx, StackId::Primary, &p.id, &format!("{short}-vault"), &short, lock);
    let copies = p.rules.iter().any(|r| r.copy_to_dr.is_some()) && ctx.dr_region.is_some();
    let dr_suffix = format!("{short}-dr");
    let dr_vault = if copies {
        vault(ctx, StackId::Dr, &p.id, &format!("{short}-dr-vault"), &dr_suffix, None)
    } else {
        String::new()
    };
    let mut rules = Vec::new();
    for (i, r) in p.rules.iter().enumerate().take(20) {
        let mut name: String = r
            .name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c))
            .take(50)
            .collect();
        if name.is_empty() {
            name = format!("rule-{}", i + 1);
        }
        let mut copy_actions = Vec::new();
        if let (Some(c), true) = (&r.copy_to_dr, copies) {
            copy_actions.push(CopyAction {
                vault_arn: dr_vault_arn(ctx, &dr_vault, &dr_suffix),
                delete_after_days: c.retention_days,
            });
        }
        if let Some(c) = &r.copy_to_backup_account {
            copy_actions.push(super::account::copy_action(ctx, c)?);
        }
        rules.push(BackupRule {
            name,
            schedule: backup_cron(r.frequency_minutes, r.start_hour_utc),
            start_window_minutes: 60,
            completion_window_minutes: if r.frequency_minutes >= 1440 { 1440 } else { 120 },
            continuous: r.continuous,
            delete_after_days: retention(
                ctx,
                RetentionOf::BackupRules,
                r.retention_days,
                StackId::Primary,
            ),
            cold_storage_after_days: r.cold_storage_after_days.filter(|_| !r.continuous),
            copies: copy_actions,
        });
    }
    let mut arns = Vec::new();
    let mut lists: Vec<String> = Vec::new();
    let mut with_s3 = false;
    for id in &p.protects {
        with_s3 |= matches!(ctx.plan.component(id), Some(Component::S3Bucket(_)));
        if let Some((list, _)) = super::groups::list_of(ctx.plan, id) {
            // Instances of a list input: a selection per element of the list.
            if !lists.iter().any(|l| l == list) {
                lists.push(list.to_string());
            }
        } else if let Some(a) = super::databases::data_arn(ctx, id) {
            arns.push(a);
        }
    }
    plan_with_selection(ctx, &p.id, &short, &vault_name, rules, arns, lists, with_s3);

    if let Some(topic_id) = &p.notify_topic {
        if let Some(topic) = super::monitoring::topic_resource(ctx, topic_id) {
            super::monitoring::allow_service_publish(ctx, &topic, "events.amazonaws.com");
            let rule_name = ctx.unique(&format!("{short}-job-events"));
            let rule = Rule {
                description: "drplan: failed AWS Backup backup and copy jobs, to SNS".into(),
                schedule: None,
                pattern: Some(EventPattern {
                    source: vec!["aws.backup".into()],
                    detail_type: vec![
                        "Backup Job State Change".into(),
                        "Copy Job State Change".into(),
                    ],
                    detail: vec![(
                        "state".into(),
                        vec!["FAILED".into(), "ABORTED".into(), "EXPIRED".into()],
                    )],
                }),
                targets: vec![RuleTarget::Topic { topic }],
            };
            ctx.push(Resource::new(&rule_name, StackId::Primary, Some(&p.id), Kind::Rule(rule)));
        }
    }
    Ok(())
}
