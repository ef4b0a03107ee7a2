//! DynamoDB tables among the data stores: new tables created encrypted with their key,
//! point-in-time recovery, deletion protection and global-table replicas; existing
//! ones referenced by name, their settings listed as AWS CLI commands.

use super::build::Ctx;
use super::expr::{attr, Attr};
use super::kinds::{Kind, Table, TableReplica};
use super::network::existing_param;
use super::{ExistingMode, ExistingResource, Resource, Skip, StackId, Tool};
use crate::export::text::shell_quote;
use crate::export::ExportError;
use crate::plan::{Component, DynamoDbTable};

fn skip(tool: Tool, rule: &str, reason: &str) -> Skip {
    Skip::new(tool, rule, reason)
}

pub(super) fn table(ctx: &mut Ctx, t: &DynamoDbTable, n: usize) -> Result<(), ExportError> {
    let short = ctx.short(&t.id);
    let replica_region = t
        .global_table
        .as_ref()
        .map(|g| g.replica_region.clone().or_else(|| ctx.dr_region.clone()).unwrap_or_default());
    if t.existing {
        let key = existing_param(
            ctx,
            &t.id,
            "table_name",
            &format!(
                "Name of the existing DynamoDB table of component {}",
                super::describe_id(&t.id)
            ),
        );
        let var = format!("${}", key.to_ascii_uppercase());
        let region_arg = shell_quote(&ctx.plan.primary_region);
        let mut commands = Vec::new();
        if t.pitr.enabled {
            commands.push(format!(
                "aws dynamodb update-continuous-backups --region {region_arg} --table-name \"{var}\" --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true,RecoveryPeriodInDays={}",
                t.pitr.recovery_period_days
            ));
        }
        if let Some(r) = &replica_region {
            commands.push(format!("aws dynamodb update-table --region {region_arg} --table-name \"{var}\" --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES"));
            commands.push(format!(
                "aws dynamodb update-table --region {region_arg} --table-name \"{var}\" --replica-updates 'Create={{RegionName={}}}'",
                r.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
            ));
        }
        ctx.notes.existing.push(ExistingResource {
            component: t.id.clone(),
            label: "DynamoDB table",
            param: Some(key),
            cfn_type: "AWS::DynamoDB::Table",
            mode: ExistingMode::Reference { commands },
            resource: None,
        });
        return Ok(());
    }
    let key = ctx.data_key(n);
    let mut replicas = Vec::new();
    if let Some(r) = replica_region {
        if ctx.dr_region.as_deref() != Some(r.as_str()) {
            return Err(ExportError::unsupported(
                &t.id,
                format!("its global-table replica region \"{r}\" is not the plan's DR region; the export creates KMS keys only in the primary and DR regions, so set replica_region to the DR region or leave it empty"),
            ));
        }
        let dr = ctx.dr_region_expr(StackId::Primary);
        replicas.push(TableReplica { region: dr, key_arn: ctx.dr_key_arn(StackId::Primary) });
    }
    let name = ctx.unique(&format!("{short}-table"));
    let mut skips = Vec::new();
    if !t.pitr.enabled {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_165",
            "the plan turns point-in-time recovery off for this table (pitr.enabled: false)",
        ));
        skips.push(skip(
            Tool::CheckovTf,
            "CKV_AWS_28",
            "the plan turns point-in-time recovery off for this table (pitr.enabled: false)",
        ));
        skips.push(skip(
            Tool::CdkNag,
            "AwsSolutions-DDB3",
            "the plan turns point-in-time recovery off for this table (pitr.enabled: false)",
        ));
    }
    let protected = t.on_demand_backups.is_some()
        || ctx.plan.components.iter().any(
            |c| matches!(c, Component::BackupPlan(p) if p.protects.iter().any(|id| id == &t.id)),
        );
    if !protected {
        skips.push(skip(Tool::CdkNag, "AwsSolutions-DDB4", "no AWS Backup plan protects this table in the plan; point-in-time recovery covers restores"));
    }
    let table = Table {
        name: ctx.physical(StackId::Primary, &short),
        partition_key: "pk".into(),
        sort_key: Some("sk".into()),
        pitr_days: t.pitr.enabled.then_some(t.pitr.recovery_period_days.clamp(1, 35)),
        key_arn: attr(&key, Attr::Arn),
        replicas,
    };
    let after = if table.replicas.is_empty() {
        Vec::new()
    } else {
        ctx.dr_key_name().into_iter().collect()
    };
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(&t.id), Kind::Table(table))
            .with_skips(skips)
            .after(after),
    );
    ctx.remember(&t.id, "table", &name);
    ctx.output(
        &format!("{short}-table-name"),
        StackId::Primary,
        attr(&name, Attr::Name),
        format!("Name of the DynamoDB table of component {}", super::describe_id(&t.id)),
    );
    ctx.output(
        &format!("{short}-table-arn"),
        StackId::Primary,
        attr(&name, Attr::Arn),
        format!("ARN of the DynamoDB table of component {}", super::describe_id(&t.id)),
    );
    Ok(())
}
