//! Existing RDS instances given as one list input (`export.lists`; seed 003's
//! `rds_instance_ids`). The list's default holds their identifiers and a deploy may
//! pass more or fewer, so nothing may be made once per member at export time: the
//! backup function gets the list in one environment variable, and its grants on
//! the instances and their snapshots are a policy made once per element of the
//! list (CloudFormation `Fn::ForEach`, Terraform `for_each`, a CDK loop).

use super::build::Ctx;
use super::expr::{account, arn, lit, region, Expr, Statement};
use super::{ExistingMode, ExistingResource, ParamKind, StackId};
use crate::export::text::{shell_quote, upper_snake};
use crate::plan::{Plan, RdsInstance};

/// The list input a component belongs to, with the list's members.
pub(super) fn list_of<'p>(plan: &'p Plan, id: &str) -> Option<(&'p str, &'p [String])> {
    plan.export
        .lists
        .iter()
        .find(|(_, members)| members.iter().any(|m| m == id))
        .map(|(name, members)| (name.as_str(), members.as_slice()))
}

/// Declares the list input and what the README applies to its instances, once per
/// list; returns whether `r` belongs to a list (its own input is then the list's).
pub(super) fn existing_member(ctx: &mut Ctx, r: &RdsInstance) -> bool {
    let Some((name, members)) = list_of(ctx.plan, &r.id) else { return false };
    if members.first() != Some(&r.id) {
        return true;
    }
    ctx.define_param(super::build::param(
        name,
        ParamKind::IdentifierList,
        Some(members.join(",")),
        "Identifiers of the existing RDS instances the backup function snapshots",
    ));
    let var = format!("${}", name.to_ascii_uppercase());
    let region = shell_quote(&ctx.plan.primary_region);
    let each = |command: String| {
        format!("for id in $(echo \"{var}\" | tr ',' ' '); do\n  {command}\ndone")
    };
    let mut commands = vec![each(format!(
        "aws rds modify-db-instance --region {region} --db-instance-identifier \"$id\" --backup-retention-period {} --apply-immediately",
        r.backup_retention_days
    ))];
    if let (Some(cross), Some(dr)) = (&r.cross_region_backups, ctx.dr_region.clone()) {
        ctx.dr_key();
        commands.push(each(format!(
            "aws rds start-db-instance-automated-backups-replication --region {} --source-db-instance-arn \"arn:aws:rds:{}:$ACCOUNT_ID:db:$id\" --backup-retention-period {} --kms-key-id \"$DR_KEY_ARN\"",
            shell_quote(&dr),
            ctx.plan.primary_region.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', ""),
            cross.retention_days
        )));
    }
    ctx.notes.existing.push(ExistingResource {
        component: members.join(", "),
        label: "RDS instances",
        param: Some(name.to_string()),
        cfn_type: "AWS::RDS::DBInstance",
        mode: ExistingMode::Reference { commands },
        resource: None,
    });
    true
}

/// An AWS Backup selection of each instance of the list `list` (a selection per
/// element: selections name each resource).
pub(super) fn selection(
    ctx: &mut Ctx,
    component: &str,
    short: &str,
    plan: &str,
    role: &str,
    list: &str,
) {
    let list_short = ctx.short(&list.replace('_', "-"));
    let name = ctx.unique(&format!("{short}-{list_short}-selection"));
    ctx.use_param(StackId::Primary, list);
    let mut resource = super::Resource::new(
        &name,
        StackId::Primary,
        Some(component),
        super::kinds::Kind::Selection(super::kinds::Selection {
            name: Expr::join(vec![lit(format!("{short}-")), Expr::Item]),
            plan: plan.to_string(),
            role: role.to_string(),
            resources: vec![arn("rds", region(), account(), vec![lit("db:"), Expr::Item])],
        }),
    );
    resource.for_each = Some(list.to_string());
    ctx.push(resource);
}

/// What a backup function does with a list of instances.
pub(super) struct GroupTarget {
    pub list: String,
    pub json: serde_json::Value,
    pub env: (String, Expr),
    /// Grants naming one element ([`Expr::Item`]): a policy per element.
    pub statements: Vec<Statement>,
    pub copies: bool,
    pub exports: bool,
}

/// The function's target for the list `list`, whose members share `r`'s settings.
pub(super) fn target(
    ctx: &mut Ctx,
    list: &str,
    r: &RdsInstance,
    tasks: &[crate::plan::LambdaTask],
) -> GroupTarget {
    use crate::plan::LambdaTask;
    let has = |t: LambdaTask| tasks.contains(&t);
    let m = r.manual_snapshots.clone().unwrap_or_default();
    let days = super::backup::retention(
        ctx,
        super::backup::RetentionOf::ManualSnapshots,
        m.retention_days,
        StackId::Primary,
    );
    let copy = m.copy_to_dr_region && r.manual_snapshots.is_some() && ctx.dr_region.is_some();
    let export = r.snapshot_export_to_s3 && has(LambdaTask::Export);
    let env_name = upper_snake(list);
    let json = serde_json::json!({
        "id": list,
        "kind": "rds",
        "env": env_name,
        "list": true,
        "retention_days": days.lit_value(),
        "copy_to_dr": copy,
        "export": export,
    });
    ctx.use_param(StackId::Primary, list);
    let snapshots = |region: Expr| {
        arn("rds", region, account(), vec![lit("snapshot:drplan-"), Expr::Item, lit("-*")])
    };
    let here = snapshots(region());
    let db = arn("rds", region(), account(), vec![lit("db:"), Expr::Item]);
    let mut statements = Vec::new();
    if has(LambdaTask::Snapshot) {
        statements.push(
            Statement::allow("SnapshotInstance", &["rds:CreateDBSnapshot", "rds:AddTagsToResource"], vec![here.clone(), db])
                .because("snapshot names carry a timestamp: the grant covers this function's drplan-<instance>- snapshots only"),
        );
    }
    if has(LambdaTask::Cleanup) {
        let mut res = vec![here.clone()];
        if copy {
            let there = snapshots(ctx.dr_region_expr(StackId::Primary));
            statements.push(
                Statement::allow("CopyToDr", &["rds:CopyDBSnapshot", "rds:AddTagsToResource"], vec![here.clone(), there.clone()])
                    .because("copies keep the snapshot's timestamped name: the grant covers this function's drplan-<instance>- snapshots only"),
            );
            res.push(there);
        }
        statements.push(
            Statement::allow("DeleteExpired", &["rds:DeleteDBSnapshot"], res)
                .because("cleanup deletes only this function's drplan-<instance>- snapshots, whose names carry a timestamp"),
        );
    }
    if export {
        statements.push(
            Statement::allow("Export", &["rds:StartExportTask"], vec![here])
                .because("exports start from this function's drplan-<instance>- snapshots, whose names carry a timestamp"),
        );
    }
    GroupTarget {
        list: list.to_string(),
        json,
        env: (env_name, Expr::JoinList(list.to_string())),
        statements,
        copies: copy && has(LambdaTask::Cleanup),
        exports: export,
    }
}
