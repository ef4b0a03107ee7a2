//! CloudFormation resources for data stores and their networking: DynamoDB global
//! tables, DB subnet and security groups, RDS instances and Aurora clusters.

use super::refs::Names;
use super::resources::{metadata, resource, Emitted};
use super::yaml::{boolean, int, map, raw, s, seq, Y};
use crate::export::model::{DbCluster, DbInstance, Resource, SecurityGroup, SubnetGroup, Table};

pub fn table(names: &mut Names, r: &Resource, t: &Table) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let mut attributes =
        vec![map(vec![("AttributeName", s(t.partition_key.clone())), ("AttributeType", raw("S"))])];
    let mut schema =
        vec![map(vec![("AttributeName", s(t.partition_key.clone())), ("KeyType", raw("HASH"))])];
    if let Some(sk) = &t.sort_key {
        attributes.push(map(vec![("AttributeName", s(sk.clone())), ("AttributeType", raw("S"))]));
        schema.push(map(vec![("AttributeName", s(sk.clone())), ("KeyType", raw("RANGE"))]));
    }
    let replica = |names: &Names, region: Y, key: &crate::export::model::Expr| {
        let mut e = vec![("Region", region), ("DeletionProtectionEnabled", boolean(true))];
        let mut pitr = vec![("PointInTimeRecoveryEnabled", boolean(t.pitr_days.is_some()))];
        if let Some(d) = t.pitr_days {
            pitr.push(("RecoveryPeriodInDays", int(d)));
        }
        e.push(("PointInTimeRecoverySpecification", map(pitr)));
        e.push(("SSESpecification", map(vec![("KMSMasterKeyId", names.expr(key))])));
        map(e)
    };
    let mut replicas =
        vec![replica(names, Y::Tag("!Ref", Box::new(raw("AWS::Region"))), &t.key_arn)];
    for rep in &t.replicas {
        replicas.push(replica(names, names.expr(&rep.region), &rep.key_arn));
    }
    let mut props = vec![
        ("TableName", names.expr(&t.name)),
        ("BillingMode", raw("PAY_PER_REQUEST")),
        ("AttributeDefinitions", seq(attributes)),
        ("KeySchema", seq(schema)),
        ("SSESpecification", map(vec![("SSEEnabled", boolean(true)), ("SSEType", raw("KMS"))])),
    ];
    if !t.replicas.is_empty() {
        props.push((
            "StreamSpecification",
            map(vec![("StreamViewType", raw("NEW_AND_OLD_IMAGES"))]),
        ));
    }
    props.push(("Replicas", seq(replicas)));
    vec![(id, resource("AWS::DynamoDB::GlobalTable", Some(r), map(props), metadata(&r.skips, &[])))]
}

pub fn subnet_group(names: &mut Names, r: &Resource, g: &SubnetGroup) -> Vec<Emitted> {
    let props = map(vec![
        ("DBSubnetGroupDescription", s(g.description.clone())),
        ("SubnetIds", names.private_subnets()),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::RDS::DBSubnetGroup", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn security_group(names: &mut Names, r: &Resource, g: &SecurityGroup) -> Vec<Emitted> {
    let ingress: Vec<Y> = g
        .ingress
        .iter()
        .map(|i| {
            map(vec![
                ("IpProtocol", raw("tcp")),
                ("FromPort", int(i.port)),
                ("ToPort", int(i.port)),
                ("CidrIp", names.expr(&i.cidr)),
                ("Description", s(i.description.clone())),
            ])
        })
        .collect();
    let egress = if g.egress.is_empty() {
        // CDK's way of saying "no egress": one rule that can match no packet.
        vec![map(vec![
            ("IpProtocol", raw("icmp")),
            ("FromPort", int(252)),
            ("ToPort", int(86)),
            ("CidrIp", s("255.255.255.255/32")),
            ("Description", s("Disallow all traffic")),
        ])]
    } else {
        g.egress
            .iter()
            .map(|e| {
                map(vec![
                    ("IpProtocol", raw("tcp")),
                    ("FromPort", int(e.port)),
                    ("ToPort", int(e.port)),
                    ("CidrIp", names.expr(&e.cidr)),
                    ("Description", s(e.description.clone())),
                ])
            })
            .collect()
    };
    let mut props = vec![("GroupDescription", s(g.description.clone())), ("VpcId", names.vpc_id())];
    if !ingress.is_empty() {
        props.push(("SecurityGroupIngress", seq(ingress)));
    }
    props.push(("SecurityGroupEgress", seq(egress)));
    let props = map(props);
    vec![(
        names.resource(&r.name),
        resource("AWS::EC2::SecurityGroup", Some(r), props, metadata(&r.skips, &[])),
    )]
}

fn sg_ids(names: &Names, sg: &str) -> Y {
    seq(vec![Y::Tag("!GetAtt", Box::new(raw(format!("{}.GroupId", names.resource(sg)))))])
}

pub fn db_instance(names: &mut Names, r: &Resource, d: &DbInstance) -> Vec<Emitted> {
    let mut props = vec![
        ("Engine", raw(d.engine.api())),
        ("EngineVersion", s(d.engine.version())),
        ("DBInstanceClass", names.expr(&d.instance_class)),
        ("AllocatedStorage", s(d.storage_gb.to_string())),
        ("StorageType", raw("gp2")),
        ("StorageEncrypted", boolean(true)),
        ("KmsKeyId", names.expr(&d.key_arn)),
        ("MultiAZ", boolean(d.multi_az)),
        ("PubliclyAccessible", boolean(false)),
        ("DeletionProtection", boolean(true)),
        ("EnableIAMDatabaseAuthentication", boolean(true)),
        ("ManageMasterUserPassword", boolean(true)),
        ("MasterUsername", s("dbadmin")),
        ("BackupRetentionPeriod", super::resources::num(names, &d.backup_retention_days)),
        ("CopyTagsToSnapshot", boolean(true)),
        ("AutoMinorVersionUpgrade", boolean(true)),
        ("DBSubnetGroupName", Y::Tag("!Ref", Box::new(raw(names.resource(&d.subnet_group))))),
        ("VPCSecurityGroups", sg_ids(names, &d.security_group)),
    ];
    if let Some(c) = &d.cross_region_backups {
        let mut replication = vec![
            ("AutomaticBackupReplicationRegion", names.expr(&c.region)),
            ("AutomaticBackupReplicationKmsKeyId", names.expr(&c.key_arn)),
            (
                "AutomaticBackupReplicationRetentionPeriod",
                super::resources::num(names, &c.retention_days),
            ),
        ];
        if let Some(key) = &c.when_set {
            // On once the DR key's ARN is given (README, step two).
            let condition = names.condition_set(key);
            replication =
                replication.into_iter().map(|(k, v)| (k, names.only_if(&condition, v))).collect();
        }
        props.extend(replication);
    }
    vec![(
        names.resource(&r.name),
        resource("AWS::RDS::DBInstance", Some(r), map(props), metadata(&r.skips, &[])),
    )]
}

pub fn db_cluster(names: &mut Names, r: &Resource, c: &DbCluster) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let mut props = vec![
        ("Engine", raw(c.engine.api())),
        ("EngineVersion", s(c.engine.version())),
        ("StorageEncrypted", boolean(true)),
        ("KmsKeyId", names.expr(&c.key_arn)),
        ("DeletionProtection", boolean(true)),
        ("EnableIAMDatabaseAuthentication", boolean(true)),
        ("ManageMasterUserPassword", boolean(true)),
        ("MasterUsername", s("dbadmin")),
        ("BackupRetentionPeriod", int(c.backup_retention_days)),
        ("CopyTagsToSnapshot", boolean(true)),
        ("DBSubnetGroupName", Y::Tag("!Ref", Box::new(raw(names.resource(&c.subnet_group))))),
        ("VpcSecurityGroupIds", sg_ids(names, &c.security_group)),
    ];
    if let Some(h) = c.backtrack_hours {
        props.push(("BacktrackWindow", int(i64::from(h) * 3600)));
    }
    let mut out = vec![(
        id.clone(),
        resource("AWS::RDS::DBCluster", Some(r), map(props), metadata(&r.skips, &[])),
    )];
    for n in 0..c.instances {
        let base = if n == 0 { format!("{id}Writer") } else { format!("{id}Reader{n}") };
        let inst_id = names.claim(&base);
        let props = map(vec![
            ("Engine", raw(c.engine.api())),
            ("DBClusterIdentifier", Y::Tag("!Ref", Box::new(raw(id.clone())))),
            ("DBInstanceClass", s(c.instance_class.clone())),
            ("PubliclyAccessible", boolean(false)),
            ("AutoMinorVersionUpgrade", boolean(true)),
            ("DBSubnetGroupName", Y::Tag("!Ref", Box::new(raw(names.resource(&c.subnet_group))))),
        ]);
        out.push((
            inst_id,
            resource("AWS::RDS::DBInstance", Some(r), props, metadata(&r.skips, &[])),
        ));
    }
    out
}
