//! Terraform resources for AWS Backup restore testing:
//! `aws_backup_restore_testing_plan` and `aws_backup_restore_testing_selection`.

use super::hcl::{num, raw, s, Block, H};
use super::refs::Names;
use super::resources::{resource, Out};
use crate::export::model::{Resource, RestoreTestingPlan, RestoreTestingSelection};

pub fn plan(names: &Names, r: &Resource, p: &RestoreTestingPlan) -> Out {
    let l = names.label(&r.name);
    let selection = Block::new("recovery_point_selection", &[])
        .attr("algorithm", s(p.algorithm))
        .attr(
            "include_vaults",
            H::List(p.include_vaults.iter().map(|v| names.expr(v, r.stack)).collect()),
        )
        .attr(
            "recovery_point_types",
            H::List(p.recovery_point_types.iter().map(|t| s(*t)).collect()),
        )
        .attr("selection_window_days", num(p.selection_window_days));
    let b = resource("aws_backup_restore_testing_plan", &l, r)
        .attr("name", names.expr(&p.name, r.stack))
        .attr("schedule_expression", s(p.schedule.clone()))
        .attr("start_window_hours", num(p.start_window_hours))
        .block(selection);
    vec![("backup.tf", b)]
}

pub fn selection(names: &Names, r: &Resource, sel: &RestoreTestingSelection) -> Out {
    let l = names.label(&r.name);
    let b = resource("aws_backup_restore_testing_selection", &l, r)
        .attr("name", s(sel.name.clone()))
        .attr(
            "restore_testing_plan_name",
            raw(format!("aws_backup_restore_testing_plan.{}.name", names.label(&sel.plan))),
        )
        .attr("protected_resource_type", s(sel.resource_type))
        .attr(
            "protected_resource_arns",
            H::List(sel.resources.iter().map(|e| names.expr(e, r.stack)).collect()),
        )
        .attr("iam_role_arn", raw(format!("aws_iam_role.{}.arn", names.label(&sel.role))))
        .attr("validation_window_hours", num(sel.validation_window_hours));
    vec![("backup.tf", b)]
}
