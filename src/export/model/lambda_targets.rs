//! What a backup function does with each of its targets: the target's entry in the
//! function's TARGETS configuration, the environment variable naming it, and the
//! role's grants on it (snapshots, copies to the DR region, exports, verification,
//! object copies). A list of existing instances is one target ([`super::groups`]).

use super::build::Ctx;
use super::expr::{region, Statement};
use super::lambda::{snapshot_arn, TargetConfig};
use super::StackId;
use crate::export::text::upper_snake;
use crate::plan::{Component, LambdaFunction, LambdaTask};

/// The targets of one function, and what they need of the rest of its role.
#[derive(Default)]
pub(super) struct Targets {
    pub configs: Vec<TargetConfig>,
    /// Some target copies snapshots to the DR region.
    pub copies: bool,
    /// Some target exports snapshots to S3.
    pub exports: bool,
    /// Some target is a database (the role describes snapshots).
    pub rds_describe: bool,
    /// Grants on each element of a list input, by list.
    pub group_policies: Vec<(String, Vec<Statement>)>,
}

pub(super) fn targets(
    ctx: &mut Ctx,
    f: &LambdaFunction,
    statements: &mut Vec<Statement>,
) -> Targets {
    let tasks = &f.tasks;
    let has = |t: LambdaTask| tasks.contains(&t);
    let mut out = Targets::default();
    for id in &f.targets {
        let Some(component) = ctx.plan.component(id).cloned() else { continue };
        if let Some((list, members)) = super::groups::list_of(ctx.plan, id) {
            // A list of instances is one target, at its first member.
            if let (Component::RdsInstance(r), true) = (&component, members.first() == Some(id)) {
                let g = super::groups::target(ctx, list, r, tasks);
                out.rds_describe = true;
                out.copies |= g.copies;
                out.exports |= g.exports;
                out.configs.push(TargetConfig { json: g.json, env: g.env });
                out.group_policies.push((g.list, g.statements));
            }
            continue;
        }
        let Some(name) = super::databases::data_name(ctx, id) else { continue };
        let tshort = ctx.short(id);
        let env_name = format!("TARGET_{}", upper_snake(&tshort));
        let mut cfg = serde_json::json!({ "id": tshort, "kind": "", "env": env_name });
        let data_arn = super::databases::data_arn(ctx, id);
        match &component {
            Component::RdsInstance(_) | Component::AuroraCluster(_) => {
                let (kind, retention, copy, export) = match &component {
                    Component::RdsInstance(r) => {
                        let m = r.manual_snapshots.clone().unwrap_or_default();
                        let days = super::backup::retention(
                            ctx,
                            super::backup::RetentionOf::ManualSnapshots,
                            m.retention_days,
                            StackId::Primary,
                        );
                        (
                            "rds",
                            days,
                            m.copy_to_dr_region && r.manual_snapshots.is_some(),
                            r.snapshot_export_to_s3,
                        )
                    }
                    Component::AuroraCluster(a) => {
                        ("aurora", super::expr::Num::Lit(a.backup_retention_days), false, false)
                    }
                    _ => continue,
                };
                cfg["kind"] = kind.into();
                cfg["retention_days"] = retention
                    .lit_value()
                    .map(serde_json::Value::from)
                    .unwrap_or(serde_json::Value::Null);
                cfg["copy_to_dr"] = (copy && ctx.dr_region.is_some()).into();
                cfg["export"] = (export && has(LambdaTask::Export)).into();
                out.rds_describe = true;
                let here = snapshot_arn(kind, region(), &tshort);
                let (create, delete, copy_action) = if kind == "aurora" {
                    (
                        "rds:CreateDBClusterSnapshot",
                        "rds:DeleteDBClusterSnapshot",
                        "rds:CopyDBClusterSnapshot",
                    )
                } else {
                    ("rds:CreateDBSnapshot", "rds:DeleteDBSnapshot", "rds:CopyDBSnapshot")
                };
                let sid = crate::export::text::pascal(&tshort);
                if has(LambdaTask::Snapshot) {
                    let mut res = vec![here.clone()];
                    res.extend(data_arn.clone());
                    statements.push(
                        Statement::allow(&format!("Snapshot{sid}"), &[create, "rds:AddTagsToResource"], res)
                            .because("snapshot names carry a timestamp: the grant covers this function's drplan-<target>- snapshots only"),
                    );
                }
                if has(LambdaTask::Cleanup) {
                    let mut res = vec![here.clone()];
                    if copy && ctx.dr_region.is_some() {
                        out.copies = true;
                        let dr = ctx.dr_region_expr(StackId::Primary);
                        let there = snapshot_arn(kind, dr, &tshort);
                        statements.push(
                            Statement::allow(&format!("CopyToDr{sid}"), &[copy_action, "rds:AddTagsToResource"], vec![here.clone(), there.clone()])
                                .because("copies keep the snapshot's timestamped name: the grant covers this function's drplan-<target>- snapshots only"),
                        );
                        res.push(there);
                    }
                    statements.push(
                        Statement::allow(&format!("DeleteExpired{sid}"), &[delete], res)
                            .because("cleanup deletes only this function's drplan-<target>- snapshots, whose names carry a timestamp"),
                    );
                }
                if export && has(LambdaTask::Export) {
                    out.exports = true;
                    statements.push(
                        Statement::allow(&format!("Export{sid}"), &["rds:StartExportTask"], vec![here])
                            .because("exports start from this function's drplan-<target>- snapshots, whose names carry a timestamp"),
                    );
                }
            }
            Component::DynamodbTable(t) => {
                cfg["kind"] = "dynamodb".into();
                cfg["pitr"] = t.pitr.enabled.into();
                if let Some(a) = data_arn {
                    statements.push(Statement::allow(
                        &format!("Verify{}", crate::export::text::pascal(&tshort)),
                        &["dynamodb:DescribeContinuousBackups"],
                        vec![a],
                    ));
                }
            }
            Component::S3Bucket(b) => {
                cfg["kind"] = "s3".into();
                cfg["replication"] = (b.replication.is_some() && ctx.dr_region.is_some()).into();
                if has(LambdaTask::Copy) {
                    cfg["copy"] = true.into();
                    if let Some(a) = data_arn.clone() {
                        let sid = crate::export::text::pascal(&tshort);
                        super::copy::destination(ctx, id, a, &sid, statements);
                    }
                }
                if let Some(a) = data_arn.filter(|_| has(LambdaTask::Verify)) {
                    statements.push(Statement::allow(
                        &format!("Verify{}", crate::export::text::pascal(&tshort)),
                        &["s3:GetBucketVersioning", "s3:GetReplicationConfiguration"],
                        vec![a],
                    ));
                }
            }
            _ => continue,
        }
        out.configs.push(TargetConfig { json: cfg, env: (env_name, name) });
    }
    out
}
