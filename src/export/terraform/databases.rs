//! Terraform resources for data stores and their networking: DynamoDB tables with
//! replicas, DB subnet and security groups, RDS instances (with cross-region
//! automated backups) and Aurora clusters.

use super::hcl::{boolean, num, raw, s, Block, H};
use super::refs::Names;
use super::resources::{resource, Out};
use crate::export::model::{
    DbCluster, DbInstance, Resource, SecurityGroup, StackId, SubnetGroup, Table,
};

pub fn table(names: &Names, r: &Resource, t: &Table) -> Out {
    let l = names.label(&r.name);
    let mut b = resource("aws_dynamodb_table", &l, r)
        .attr("name", names.expr(&t.name, r.stack))
        .attr("billing_mode", s("PAY_PER_REQUEST"))
        .attr("hash_key", s(t.partition_key.clone()));
    if let Some(sk) = &t.sort_key {
        b = b.attr("range_key", s(sk.clone()));
    }
    b = b.attr("deletion_protection_enabled", boolean(true));
    if !t.replicas.is_empty() {
        b = b
            .attr("stream_enabled", boolean(true))
            .attr("stream_view_type", s("NEW_AND_OLD_IMAGES"));
    }
    b = b.block(
        Block::new("attribute", &[]).attr("name", s(t.partition_key.clone())).attr("type", s("S")),
    );
    if let Some(sk) = &t.sort_key {
        b = b.block(Block::new("attribute", &[]).attr("name", s(sk.clone())).attr("type", s("S")));
    }
    let mut pitr =
        Block::new("point_in_time_recovery", &[]).attr("enabled", boolean(t.pitr_days.is_some()));
    if let Some(d) = t.pitr_days {
        pitr = pitr.attr("recovery_period_in_days", num(d));
    }
    b = b.block(pitr).block(
        Block::new("server_side_encryption", &[])
            .attr("enabled", boolean(true))
            .attr("kms_key_arn", names.expr(&t.key_arn, r.stack)),
    );
    for rep in &t.replicas {
        b = b.block(
            Block::new("replica", &[])
                .attr("region_name", names.expr(&rep.region, r.stack))
                .attr("kms_key_arn", names.expr(&rep.key_arn, r.stack))
                .attr("point_in_time_recovery", boolean(t.pitr_days.is_some()))
                .attr("deletion_protection_enabled", boolean(true)),
        );
    }
    vec![("databases.tf", b)]
}

pub fn subnet_group(names: &Names, r: &Resource, g: &SubnetGroup) -> Out {
    let l = names.label(&r.name);
    vec![(
        "network.tf",
        resource("aws_db_subnet_group", &l, r)
            .attr("description", s(g.description.clone()))
            .attr("subnet_ids", names.private_subnets()),
    )]
}

pub fn security_group(names: &Names, r: &Resource, g: &SecurityGroup) -> Out {
    let l = names.label(&r.name);
    // Terraform removes the default allow-all egress rule of a new group and adds
    // none: the group has no egress, like the other targets.
    let mut out = vec![(
        "network.tf",
        resource("aws_security_group", &l, r)
            .attr("description", s(g.description.clone()))
            .attr("vpc_id", names.vpc_id()),
    )];
    for (i, eg) in g.egress.iter().enumerate() {
        out.push((
            "network.tf",
            Block::new(
                "resource",
                &["aws_vpc_security_group_egress_rule", &format!("{l}_out_{}", i + 1)],
            )
            .attr("security_group_id", raw(format!("aws_security_group.{l}.id")))
            .attr("description", s(eg.description.clone()))
            .attr("cidr_ipv4", names.expr(&eg.cidr, r.stack))
            .attr("ip_protocol", s("tcp"))
            .attr("from_port", num(eg.port))
            .attr("to_port", num(eg.port)),
        ));
    }
    for (i, ing) in g.ingress.iter().enumerate() {
        out.push((
            "network.tf",
            Block::new(
                "resource",
                &["aws_vpc_security_group_ingress_rule", &format!("{l}_{}", i + 1)],
            )
            .attr("security_group_id", raw(format!("aws_security_group.{l}.id")))
            .attr("description", s(ing.description.clone()))
            .attr("cidr_ipv4", names.expr(&ing.cidr, r.stack))
            .attr("ip_protocol", s("tcp"))
            .attr("from_port", num(ing.port))
            .attr("to_port", num(ing.port)),
        ));
    }
    out
}

fn final_snapshot(names: &Names, r: &Resource) -> H {
    H::Tpl(vec![
        super::hcl::Part::Interp(names.param("project_name")),
        super::hcl::Part::Lit(format!("-{}-final", super::refs::label(&r.name).replace('_', "-"))),
    ])
}

pub fn db_instance(names: &Names, r: &Resource, d: &DbInstance) -> Out {
    let l = names.label(&r.name);
    let b = resource("aws_db_instance", &l, r)
        .attr("engine", s(d.engine.api()))
        .attr("engine_version", s(d.engine.version()))
        .attr("instance_class", names.expr(&d.instance_class, r.stack))
        .attr("allocated_storage", num(d.storage_gb))
        .attr("storage_type", s("gp2"))
        .attr("storage_encrypted", boolean(true))
        .attr("kms_key_id", names.expr(&d.key_arn, r.stack))
        .attr("multi_az", boolean(d.multi_az))
        .attr("publicly_accessible", boolean(false))
        .attr("deletion_protection", boolean(true))
        .attr("iam_database_authentication_enabled", boolean(true))
        .attr("manage_master_user_password", boolean(true))
        .attr("username", s("dbadmin"))
        .attr("backup_retention_period", names.number(&d.backup_retention_days))
        .attr("copy_tags_to_snapshot", boolean(true))
        .attr("auto_minor_version_upgrade", boolean(true))
        .attr(
            "db_subnet_group_name",
            raw(format!("aws_db_subnet_group.{}.name", names.label(&d.subnet_group))),
        )
        .attr(
            "vpc_security_group_ids",
            H::List(vec![raw(format!("aws_security_group.{}.id", names.label(&d.security_group)))]),
        )
        .attr("skip_final_snapshot", boolean(false))
        .attr("final_snapshot_identifier", final_snapshot(names, r));
    let mut out = vec![("databases.tf", b)];
    if let Some(c) = &d.cross_region_backups {
        out.push((
            "databases.tf",
            Block::new("resource", &["aws_db_instance_automated_backups_replication", &l])
                .attr("provider", raw("aws.dr"))
                .attr("source_db_instance_arn", raw(format!("aws_db_instance.{l}.arn")))
                .attr("kms_key_id", names.expr(&c.key_arn, StackId::Primary))
                .attr("retention_period", names.number(&c.retention_days)),
        ));
    }
    out
}

pub fn db_cluster(names: &Names, r: &Resource, c: &DbCluster) -> Out {
    let l = names.label(&r.name);
    let mut b = resource("aws_rds_cluster", &l, r)
        .attr("engine", s(c.engine.api()))
        .attr("engine_version", s(c.engine.version()))
        .attr("storage_encrypted", boolean(true))
        .attr("kms_key_id", names.expr(&c.key_arn, r.stack))
        .attr("deletion_protection", boolean(true))
        .attr("iam_database_authentication_enabled", boolean(true))
        .attr("manage_master_user_password", boolean(true))
        .attr("master_username", s("dbadmin"))
        .attr("backup_retention_period", num(c.backup_retention_days))
        .attr("copy_tags_to_snapshot", boolean(true))
        .attr(
            "db_subnet_group_name",
            raw(format!("aws_db_subnet_group.{}.name", names.label(&c.subnet_group))),
        )
        .attr(
            "vpc_security_group_ids",
            H::List(vec![raw(format!("aws_security_group.{}.id", names.label(&c.security_group)))]),
        )
        .attr("skip_final_snapshot", boolean(false))
        .attr("final_snapshot_identifier", final_snapshot(names, r));
    if let Some(h) = c.backtrack_hours {
        b = b.attr("backtrack_window", num(u64::from(h) * 3600));
    }
    // Automatic minor upgrades move the running version past the pinned one; without
    // this, the next plan would try to "upgrade" back to it. Instances follow the
    // cluster's version and do not name one.
    b = b.block(
        Block::new("lifecycle", &[]).attr("ignore_changes", H::List(vec![raw("engine_version")])),
    );
    let instances = resource("aws_rds_cluster_instance", &l, r)
        .attr("count", num(c.instances))
        .attr("cluster_identifier", raw(format!("aws_rds_cluster.{l}.id")))
        .attr("engine", raw(format!("aws_rds_cluster.{l}.engine")))
        .attr("instance_class", s(c.instance_class.clone()))
        .attr(
            "db_subnet_group_name",
            raw(format!("aws_db_subnet_group.{}.name", names.label(&c.subnet_group))),
        )
        .attr("publicly_accessible", boolean(false))
        .attr("auto_minor_version_upgrade", boolean(true));
    vec![("databases.tf", b), ("databases.tf", instances)]
}
