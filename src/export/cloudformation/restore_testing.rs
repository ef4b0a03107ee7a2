//! CloudFormation resources for AWS Backup restore testing: the plan
//! (`AWS::Backup::RestoreTestingPlan`) and its selections
//! (`AWS::Backup::RestoreTestingSelection`).

use super::refs::Names;
use super::resources::{metadata, resource, Emitted};
use super::yaml::{int, map, raw, s, seq, Y};
use crate::export::model::{Resource, RestoreTestingPlan, RestoreTestingSelection};

pub fn plan(names: &mut Names, r: &Resource, p: &RestoreTestingPlan) -> Vec<Emitted> {
    let selection = map(vec![
        ("Algorithm", s(p.algorithm)),
        ("IncludeVaults", seq(p.include_vaults.iter().map(|v| names.expr(v)).collect())),
        ("RecoveryPointTypes", seq(p.recovery_point_types.iter().map(|t| s(*t)).collect())),
        ("SelectionWindowDays", int(p.selection_window_days)),
    ]);
    let props = map(vec![
        ("RestoreTestingPlanName", names.expr(&p.name)),
        ("ScheduleExpression", s(p.schedule.clone())),
        ("StartWindowHours", int(p.start_window_hours)),
        ("RecoveryPointSelection", selection),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::Backup::RestoreTestingPlan", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn selection(names: &mut Names, r: &Resource, sel: &RestoreTestingSelection) -> Vec<Emitted> {
    let props = map(vec![
        // `Ref` of a restore testing plan is its name.
        ("RestoreTestingPlanName", Y::Tag("!Ref", Box::new(raw(names.resource(&sel.plan))))),
        ("RestoreTestingSelectionName", s(sel.name.clone())),
        ("ProtectedResourceType", s(sel.resource_type)),
        ("ProtectedResourceArns", seq(sel.resources.iter().map(|e| names.expr(e)).collect())),
        (
            "IamRoleArn",
            Y::Tag("!GetAtt", Box::new(raw(format!("{}.Arn", names.resource(&sel.role))))),
        ),
        ("ValidationWindowHours", int(sel.validation_window_hours)),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::Backup::RestoreTestingSelection", Some(r), props, metadata(&r.skips, &[])),
    )]
}
