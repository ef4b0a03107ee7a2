//! Data stores: the phase that visits S3 buckets, DynamoDB tables, RDS instances and
//! Aurora clusters, new or existing.
//!
//! New databases are created encrypted, private, deletion-protected and with their
//! backup settings. Existing databases are referenced by name only (see
//! [`super::ExistingMode::Reference`]): the settings that live on them are listed as
//! AWS CLI commands in the README, and backups, alarms and functions point at them.

use super::build::Ctx;
use super::expr::{account, arn, attr, lit, region, Attr, Expr};
use super::kinds::{AutomatedBackupReplication, DbCluster, DbEngine, DbInstance, Kind};
use super::network::{existing_param, security_group, subnet_group};
use super::{ExistingMode, ExistingResource, ParamKind, Resource, Skip, StackId, Tool};
use crate::export::text::shell_quote;
use crate::export::ExportError;
use crate::plan::{AuroraCluster, AuroraEngine, Component, RdsEngine, RdsInstance};

fn skip(tool: Tool, rule: &str, reason: &str) -> Skip {
    Skip::new(tool, rule, reason)
}

/// Position of a component among the plan's data stores (picks its KMS key).
fn data_index(ctx: &Ctx, id: &str) -> usize {
    ctx.plan.components.iter().filter(|c| c.holds_data()).position(|c| c.id() == id).unwrap_or(0)
}

pub(super) fn visit_data_stores(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    let n = data_index(ctx, c.id());
    match c {
        Component::S3Bucket(b) => {
            let expiration = b.versioning.noncurrent_expiration_days.map(|d| {
                super::backup::retention(
                    ctx,
                    super::backup::RetentionOf::NoncurrentVersions,
                    d,
                    StackId::Primary,
                )
            });
            super::storage::bucket(ctx, b, n, expiration)?;
        }
        Component::DynamodbTable(t) => super::dynamodb::table(ctx, t, n)?,
        Component::RdsInstance(r) => rds(ctx, r, n),
        Component::AuroraCluster(a) => aurora(ctx, a, n),
        _ => {}
    }
    Ok(())
}

/// The ARN of a data-store component, new or existing, as seen from the primary stack.
pub(super) fn data_arn(ctx: &mut Ctx, id: &str) -> Option<Expr> {
    let component = ctx.plan.component(id)?.clone();
    let existing_key = |what: &str| ctx.component_param_key(id, what);
    let new = |role: &'static str| ctx.lookup(id, role).map(|r| attr(&r, Attr::Arn));
    Some(match &component {
        Component::S3Bucket(_) => {
            let r = ctx.lookup(id, "bucket")?;
            super::existing::bucket_attr(ctx, &r, Attr::Arn)
        }
        Component::DynamodbTable(t) if t.existing => {
            let key = existing_key("table_name");
            let name = ctx.use_param(StackId::Primary, &key);
            arn("dynamodb", region(), account(), vec![lit("table/"), name])
        }
        Component::DynamodbTable(_) => new("table")?,
        Component::RdsInstance(r) if r.existing => {
            let key = existing_key("instance_id");
            let name = ctx.use_param(StackId::Primary, &key);
            arn("rds", region(), account(), vec![lit("db:"), name])
        }
        Component::RdsInstance(_) => new("db")?,
        Component::AuroraCluster(a) if a.existing => {
            let key = existing_key("cluster_id");
            let name = ctx.use_param(StackId::Primary, &key);
            arn("rds", region(), account(), vec![lit("cluster:"), name])
        }
        Component::AuroraCluster(_) => new("cluster")?,
        _ => return None,
    })
}

/// The name or identifier of a data-store component (table name, instance or
/// cluster identifier, bucket name) as seen from the primary stack.
pub(super) fn data_name(ctx: &mut Ctx, id: &str) -> Option<Expr> {
    let component = ctx.plan.component(id)?.clone();
    let (existing, what, role, attr_kind) = match &component {
        Component::S3Bucket(_) => (false, "", "bucket", Attr::Name),
        Component::DynamodbTable(t) => (t.existing, "table_name", "table", Attr::Name),
        Component::RdsInstance(r) => (r.existing, "instance_id", "db", Attr::Id),
        Component::AuroraCluster(a) => (a.existing, "cluster_id", "cluster", Attr::Id),
        _ => return None,
    };
    if existing {
        let key = ctx.component_param_key(id, what);
        Some(ctx.use_param(StackId::Primary, &key))
    } else if role == "bucket" {
        let r = ctx.lookup(id, role)?;
        Some(super::existing::bucket_attr(ctx, &r, attr_kind))
    } else {
        ctx.lookup(id, role).map(|r| attr(&r, attr_kind))
    }
}

fn existing_database(
    ctx: &mut Ctx,
    id: &str,
    what: &str,
    label: &'static str,
    cfn_type: &'static str,
    commands: Vec<String>,
) {
    let key = existing_param(
        ctx,
        id,
        what,
        &format!("Identifier of the existing {label} of component {}", super::describe_id(id)),
    );
    ctx.notes.existing.push(ExistingResource {
        component: id.to_string(),
        label,
        param: Some(key),
        cfn_type,
        mode: ExistingMode::Reference { commands },
        resource: None,
    });
}

fn database_skips(multi_az: Option<bool>, engine: DbEngine) -> Vec<Skip> {
    let mut skips = vec![
        skip(
            Tool::CdkNag,
            "AwsSolutions-RDS11",
            "the engine's default port is kept so that existing clients connect unchanged; only the VPC CIDR may reach it",
        ),
        skip(
            Tool::Checkov,
            "CKV_AWS_118",
            "enhanced monitoring is not part of the plan (it adds CloudWatch Logs charges); basic CloudWatch metrics drive the plan's alarms",
        ),
        skip(Tool::Checkov, "CKV_AWS_129", "log exports to CloudWatch Logs are not part of the plan (they add ingestion charges)"),
        skip(Tool::Checkov, "CKV_AWS_353", "Performance Insights is not part of the plan"),
        skip(Tool::CheckovTf, "CKV2_AWS_30", "query logging is not part of the plan (it adds CloudWatch Logs charges)"),
    ];
    if multi_az == Some(false) {
        skips.push(skip(
            Tool::Checkov,
            "CKV_AWS_157",
            "the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects",
        ));
        skips.push(skip(
            Tool::CdkNag,
            "AwsSolutions-RDS3",
            "the plan runs this instance in one Availability Zone (multi_az: false); its backups are what the plan protects",
        ));
    }
    // RDS takes the major version alone and picks the preferred minor; cfn-lint's
    // version list (and the CDK's CloudFormation Validate plugin, which reads the
    // same data) leaves `8.4` out and marks `17` deprecated with its early minors.
    let major_only = "RDS takes the major version alone and creates the instance with the preferred minor version (automatic minor upgrades keep it current); the linter's version list omits or misflags the major-only form";
    match engine {
        DbEngine::Mysql => {
            skips.push(skip(Tool::CfnLint, "E3691", major_only));
            skips.push(skip(Tool::CdkNag, "CloudFormation-Validate::E9006", major_only));
        }
        DbEngine::Postgres => skips.push(skip(Tool::CfnLint, "W3691", major_only)),
        _ => {}
    }
    if engine == DbEngine::AuroraMysql {
        skips.push(skip(Tool::Checkov, "CKV_AWS_325", "audit log export to CloudWatch Logs is not part of the plan (it adds ingestion charges)"));
        skips.push(skip(Tool::CdkNag, "AwsSolutions-RDS16", "audit log export to CloudWatch Logs is not part of the plan (it adds ingestion charges)"));
    }
    skips
}

fn rds(ctx: &mut Ctx, r: &RdsInstance, n: usize) {
    let short = ctx.short(&r.id);
    let dr = ctx.dr_region.clone();
    if r.existing && super::groups::existing_member(ctx, r) {
        return;
    }
    if r.existing {
        let var =
            format!("${}", ctx.component_param_key(&r.id, "instance_id").to_ascii_uppercase());
        let region_arg = shell_quote(&ctx.plan.primary_region);
        let mut commands = vec![format!(
            "aws rds modify-db-instance --region {region_arg} --db-instance-identifier \"{var}\" --backup-retention-period {} --apply-immediately",
            r.backup_retention_days
        )];
        if let (Some(cross), Some(dr)) = (&r.cross_region_backups, &dr) {
            // The replicated backups are encrypted with the DR key (its ARN, from the DR stack).
            ctx.dr_key();
            commands.push(format!(
                "aws rds start-db-instance-automated-backups-replication --region {} --source-db-instance-arn \"arn:aws:rds:{}:$ACCOUNT_ID:db:{var}\" --backup-retention-period {} --kms-key-id \"$DR_KEY_ARN\"",
                shell_quote(dr),
                ctx.plan.primary_region.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', ""),
                cross.retention_days
            ));
        }
        existing_database(
            ctx,
            &r.id,
            "instance_id",
            "RDS instance",
            "AWS::RDS::DBInstance",
            commands,
        );
        return;
    }
    let engine = match r.engine {
        RdsEngine::Mysql => DbEngine::Mysql,
        RdsEngine::Postgres => DbEngine::Postgres,
    };
    let key = ctx.data_key(n);
    let subnets = subnet_group(ctx, &format!("{short}-subnets"), &r.id);
    let sg = security_group(ctx, &format!("{short}-db-sg"), &r.id, "database", engine.port());
    let cross_region_backups = match (&r.cross_region_backups, dr.is_some()) {
        (Some(c), true) => {
            let region = ctx.dr_region_expr(StackId::Primary);
            Some(AutomatedBackupReplication {
                region,
                key_arn: ctx.dr_key_arn_input(),
                retention_days: ctx.bound_num(
                    &format!("components.{}.cross_region_backups.retention_days", r.id),
                    c.retention_days.clamp(1, 35),
                    StackId::Primary,
                    (1, 35),
                    &format!("Days RDS keeps the automated backups of component {} replicated to the DR region", super::describe_id(&r.id)),
                ),
                when_set: Some(super::build::DR_KEY_ARN.to_string()),
            })
        }
        _ => None,
    };
    let name = ctx.unique(&format!("{short}-db"));
    let db = DbInstance {
        engine,
        instance_class: ctx.bound_text(
            &format!("components.{}.instance_class", r.id),
            &sanitize_class(&r.instance_class, "db.t3.micro"),
            ParamKind::InstanceClass,
            StackId::Primary,
            &format!(
                "Instance class of the RDS instance of component {}",
                super::describe_id(&r.id)
            ),
        ),
        storage_gb: if r.storage_gb.is_finite() {
            r.storage_gb.ceil().clamp(20.0, 65_536.0) as u32
        } else {
            20
        },
        multi_az: r.multi_az,
        backup_retention_days: ctx.bound_num(
            &format!("components.{}.backup_retention_days", r.id),
            r.backup_retention_days.clamp(1, 35),
            StackId::Primary,
            (1, 35),
            &format!(
                "Days RDS keeps automated backups of component {} (point-in-time recovery window)",
                super::describe_id(&r.id)
            ),
        ),
        key_arn: attr(&key, Attr::Arn),
        subnet_group: subnets,
        security_group: sg,
        cross_region_backups,
    };
    let after = if db.cross_region_backups.is_some() {
        ctx.dr_key_name().into_iter().collect()
    } else {
        Vec::new()
    };
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(&r.id), Kind::DbInstance(db))
            .with_skips(database_skips(Some(r.multi_az), engine))
            .after(after),
    );
    ctx.remember(&r.id, "db", &name);
    ctx.output(
        &format!("{short}-db-id"),
        StackId::Primary,
        attr(&name, Attr::Id),
        format!("Identifier of the RDS instance of component {}", super::describe_id(&r.id)),
    );
    ctx.output(
        &format!("{short}-db-arn"),
        StackId::Primary,
        attr(&name, Attr::Arn),
        format!("ARN of the RDS instance of component {}", super::describe_id(&r.id)),
    );
}

fn aurora(ctx: &mut Ctx, a: &AuroraCluster, n: usize) {
    let short = ctx.short(&a.id);
    let engine = match a.engine {
        AuroraEngine::AuroraMysql => DbEngine::AuroraMysql,
        AuroraEngine::AuroraPostgresql => DbEngine::AuroraPostgresql,
    };
    let backtrack = a
        .backtrack_window_hours
        .filter(|_| engine == DbEngine::AuroraMysql)
        .map(|h| h.clamp(1, 72));
    if a.existing {
        let var = format!("${}", ctx.component_param_key(&a.id, "cluster_id").to_ascii_uppercase());
        let region_arg = shell_quote(&ctx.plan.primary_region);
        let mut commands = vec![format!(
            "aws rds modify-db-cluster --region {region_arg} --db-cluster-identifier \"{var}\" --backup-retention-period {} --apply-immediately",
            a.backup_retention_days
        )];
        if let Some(h) = backtrack {
            commands.push("# Aurora changes the backtrack window only on clusters created with backtracking on.".into());
            commands.push(format!(
                "aws rds modify-db-cluster --region {region_arg} --db-cluster-identifier \"{var}\" --backtrack-window {} --apply-immediately",
                h * 3600
            ));
        }
        existing_database(
            ctx,
            &a.id,
            "cluster_id",
            "Aurora cluster",
            "AWS::RDS::DBCluster",
            commands,
        );
        return;
    }
    let key = ctx.data_key(n);
    let subnets = subnet_group(ctx, &format!("{short}-subnets"), &a.id);
    let sg = security_group(ctx, &format!("{short}-db-sg"), &a.id, "database", engine.port());
    let name = ctx.unique(&format!("{short}-cluster"));
    let cluster = DbCluster {
        engine,
        instance_class: sanitize_class(&a.instance_class, "db.t4g.medium"),
        instances: a.instance_count.clamp(1, 16),
        backup_retention_days: a.backup_retention_days.clamp(1, 35),
        backtrack_hours: backtrack,
        key_arn: attr(&key, Attr::Arn),
        subnet_group: subnets,
        security_group: sg,
    };
    let mut skips = database_skips(None, engine);
    skips.push(skip(
        Tool::Checkov,
        "CKV_AWS_324",
        "log exports to CloudWatch Logs are not part of the plan (they add ingestion charges)",
    ));
    if engine == DbEngine::AuroraPostgresql {
        skips.push(skip(
            Tool::CheckovTf,
            "CKV2_AWS_27",
            "query logging is not part of the plan (it adds CloudWatch Logs charges)",
        ));
    }
    if engine == DbEngine::AuroraMysql && backtrack.is_none() {
        skips.push(skip(
            Tool::CdkNag,
            "AwsSolutions-RDS14",
            "the plan sets no backtrack window for this Aurora MySQL cluster; point-in-time restore covers rewinds",
        ));
    }
    if a.instance_count < 2 {
        skips.push(skip(Tool::Checkov, "CKV_AWS_157", "the plan runs one Aurora instance; the cluster volume still spans three Availability Zones"));
    }
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(&a.id), Kind::DbCluster(cluster))
            .with_skips(skips),
    );
    ctx.remember(&a.id, "cluster", &name);
    ctx.output(
        &format!("{short}-cluster-id"),
        StackId::Primary,
        attr(&name, Attr::Id),
        format!("Identifier of the Aurora cluster of component {}", super::describe_id(&a.id)),
    );
    ctx.output(
        &format!("{short}-cluster-arn"),
        StackId::Primary,
        attr(&name, Attr::Arn),
        format!("ARN of the Aurora cluster of component {}", super::describe_id(&a.id)),
    );
}

/// Instance classes are `db.<family>.<size>`; anything else (only possible in an
/// unvalidated plan) falls back to the documented default.
fn sanitize_class(class: &str, default: &str) -> String {
    let parts: Vec<&str> = class.split('.').collect();
    let ok = parts.len() == 3
        && parts[0] == "db"
        && parts[1..].iter().all(|p| {
            !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        class.to_string()
    } else {
        default.to_string()
    }
}
