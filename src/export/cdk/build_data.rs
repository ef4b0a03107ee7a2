//! CDK constructs for data stores and their networking: DynamoDB tables (TableV2),
//! RDS subnet and security groups, database instances and Aurora clusters.

use super::build::B;
use super::{call, constant, days, new, s, static_call, structure, var, Stmt, V};
use crate::export::model::Expr;
use crate::export::model::{
    DbCluster, DbEngine, DbInstance, Resource, SecurityGroup, SubnetGroup, Table,
};

impl<'m> B<'m> {
    pub(super) fn table(&mut self, r: &Resource, t: &Table) {
        let id = self.construct_id(&r.name);
        let attribute = |name: &str| {
            structure(
                "dynamodb",
                "Attribute",
                vec![("name", s(name)), ("type", constant("dynamodb", "AttributeType", "STRING"))],
            )
        };
        let key = self.key(&t.key_arn, &r.name);
        let encryption = if t.replicas.is_empty() {
            static_call("dynamodb", "TableEncryptionV2", "customerManagedKey", vec![key])
        } else {
            let pairs = t
                .replicas
                .iter()
                .map(|rep| (self.expr(&rep.region), self.expr(&rep.key_arn)))
                .collect::<Vec<_>>();
            static_call(
                "dynamodb",
                "TableEncryptionV2",
                "customerManagedKey",
                vec![
                    key,
                    V::Helper(
                        "regionMap".into(),
                        pairs.into_iter().flat_map(|(k, v)| [k, v]).collect(),
                    ),
                ],
            )
        };
        let mut pitr = vec![("pointInTimeRecoveryEnabled", V::Bool(t.pitr_days.is_some()))];
        if let Some(d) = t.pitr_days {
            pitr.push(("recoveryPeriodInDays", V::Int(i64::from(d))));
        }
        let mut props = vec![
            ("tableName", self.expr(&t.name)),
            ("partitionKey", attribute(&t.partition_key)),
            ("billing", static_call("dynamodb", "Billing", "onDemand", vec![])),
            ("encryption", encryption),
            (
                "pointInTimeRecoverySpecification",
                structure("dynamodb", "PointInTimeRecoverySpecification", pitr),
            ),
            ("deletionProtection", V::Bool(true)),
        ];
        if let Some(sk) = &t.sort_key {
            props.insert(2, ("sortKey", attribute(sk)));
        }
        if !t.replicas.is_empty() {
            let replicas = t
                .replicas
                .iter()
                .map(|rep| {
                    structure(
                        "dynamodb",
                        "ReplicaTableProps",
                        vec![("region", self.expr(&rep.region))],
                    )
                })
                .collect();
            props.push(("replicas", V::List(replicas)));
        }
        props.push(("removalPolicy", self.removal(r)));
        self.let_(&r.name, new("dynamodb", "TableV2", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn subnet_group(&mut self, r: &Resource, g: &SubnetGroup) {
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        let subnets = self.private_subnets();
        self.let_(
            &r.name,
            new(
                "rds",
                "SubnetGroup",
                vec![V::This, s(id)],
                vec![
                    ("description", s(g.description.clone())),
                    ("vpc", vpc),
                    ("vpcSubnets", subnets),
                ],
            ),
        );
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn security_group(&mut self, r: &Resource, g: &SecurityGroup) {
        let egress: Vec<Stmt> = g
            .egress
            .iter()
            .map(|e| {
                let peer = static_call("ec2", "Peer", "ipv4", vec![self.expr(&e.cidr)]);
                let port = static_call("ec2", "Port", "tcp", vec![V::Int(i64::from(e.port))]);
                Stmt::Do(call(
                    var(&r.name),
                    "addEgressRule",
                    vec![peer, port, s(e.description.clone())],
                ))
            })
            .collect();
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        self.let_(
            &r.name,
            new(
                "ec2",
                "SecurityGroup",
                vec![V::This, s(id)],
                vec![
                    ("vpc", vpc),
                    ("description", s(g.description.clone())),
                    ("allowAllOutbound", V::Bool(false)),
                ],
            ),
        );
        for i in &g.ingress {
            let peer = static_call("ec2", "Peer", "ipv4", vec![self.expr(&i.cidr)]);
            let port = static_call("ec2", "Port", "tcp", vec![V::Int(i64::from(i.port))]);
            self.body.push(Stmt::Do(call(
                var(&r.name),
                "addIngressRule",
                vec![peer, port, s(i.description.clone())],
            )));
        }
        self.body.extend(egress);
        self.acknowledge(var(&r.name), &r.skips);
    }

    fn engine(&self, e: DbEngine) -> V {
        // Instances name the major version only (`of(full, major)` with both the same):
        // minor upgrades are automatic. Aurora clusters name a full version.
        let version = |versions: &str| {
            static_call("rds", versions, "of", vec![s(e.version()), s(e.version())])
        };
        let (holder, factory, version) = match e {
            DbEngine::Mysql => ("DatabaseInstanceEngine", "mysql", version("MysqlEngineVersion")),
            DbEngine::Postgres => {
                ("DatabaseInstanceEngine", "postgres", version("PostgresEngineVersion"))
            }
            DbEngine::AuroraMysql => (
                "DatabaseClusterEngine",
                "auroraMysql",
                constant("rds", "AuroraMysqlEngineVersion", "VER_3_10_3"),
            ),
            DbEngine::AuroraPostgresql => (
                "DatabaseClusterEngine",
                "auroraPostgres",
                constant("rds", "AuroraPostgresEngineVersion", "VER_17_5"),
            ),
        };
        super::static_call_props("rds", holder, factory, vec![], vec![("version", version)])
    }

    fn instance_type(class_name: &str) -> V {
        new("ec2", "InstanceType", vec![s(class_name.trim_start_matches("db."))], vec![])
    }

    /// An instance type given as `db.<family>.<size>`, literal or a setting.
    fn instance_type_of(&self, class: &Expr) -> V {
        match class {
            Expr::Lit(c) => Self::instance_type(c),
            other => new(
                "ec2",
                "InstanceType",
                vec![call(self.expr(other), "replace", vec![s("db."), s("")])],
                vec![],
            ),
        }
    }

    pub(super) fn db_instance(&mut self, r: &Resource, d: &DbInstance) {
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        let key = self.key(&d.key_arn, &r.name);
        let props = vec![
            ("engine", self.engine(d.engine)),
            ("instanceType", self.instance_type_of(&d.instance_class)),
            ("vpc", vpc),
            ("subnetGroup", var(&d.subnet_group)),
            ("securityGroups", V::List(vec![var(&d.security_group)])),
            ("allocatedStorage", V::Int(i64::from(d.storage_gb))),
            ("storageType", constant("rds", "StorageType", "GP2")),
            ("storageEncrypted", V::Bool(true)),
            ("storageEncryptionKey", key),
            ("multiAz", V::Bool(d.multi_az)),
            ("publiclyAccessible", V::Bool(false)),
            ("deletionProtection", V::Bool(true)),
            ("iamAuthentication", V::Bool(true)),
            ("manageMasterUserPassword", V::Bool(true)),
            ("credentials", static_call("rds", "Credentials", "fromUsername", vec![s("dbadmin")])),
            ("backupRetention", days(self.num(&d.backup_retention_days))),
            ("copyTagsToSnapshot", V::Bool(true)),
            ("autoMinorVersionUpgrade", V::Bool(true)),
            ("removalPolicy", self.removal(r)),
        ];
        self.let_(&r.name, new("rds", "DatabaseInstance", vec![V::This, s(id)], props));
        if let Some(c) = &d.cross_region_backups {
            // The L2 construct has no property for cross-region automated backups:
            // set them on its CloudFormation resource.
            let cfn = format!("{}-cfn", r.name);
            self.let_(&cfn, V::Helper("defaultChild".into(), vec![var(&r.name)]));
            let region = self.expr(&c.region);
            let key_arn = self.expr(&c.key_arn);
            let overrides: Vec<Stmt> = [
                ("AutomaticBackupReplicationRegion", region),
                ("AutomaticBackupReplicationKmsKeyId", key_arn),
                ("AutomaticBackupReplicationRetentionPeriod", self.num(&c.retention_days)),
            ]
            .into_iter()
            .map(|(prop, v)| Stmt::Do(call(var(&cfn), "addPropertyOverride", vec![s(prop), v])))
            .collect();
            match &c.when_set {
                Some(key) => {
                    self.body.push(Stmt::Comment(
                        "On once the DR key's ARN is given (README, step two).".into(),
                    ));
                    self.body.push(Stmt::IfSet(key.clone(), overrides));
                }
                None => self.body.extend(overrides),
            }
        }
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn db_cluster(&mut self, r: &Resource, c: &DbCluster) {
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        let key = self.key(&c.key_arn, &r.name);
        let instance = |name: &str, class_name: &str| {
            super::static_call_props(
                "rds",
                "ClusterInstance",
                "provisioned",
                vec![s(name)],
                vec![
                    ("instanceType", Self::instance_type(class_name)),
                    ("publiclyAccessible", V::Bool(false)),
                    ("autoMinorVersionUpgrade", V::Bool(true)),
                ],
            )
        };
        let mut props = vec![
            ("engine", self.engine(c.engine)),
            ("writer", instance("Writer", &c.instance_class)),
            (
                "readers",
                V::List(
                    (1..c.instances)
                        .map(|n| instance(&format!("Reader{n}"), &c.instance_class))
                        .collect(),
                ),
            ),
            ("vpc", vpc),
            ("subnetGroup", var(&c.subnet_group)),
            ("securityGroups", V::List(vec![var(&c.security_group)])),
            ("storageEncrypted", V::Bool(true)),
            ("storageEncryptionKey", key),
            ("deletionProtection", V::Bool(true)),
            ("iamAuthentication", V::Bool(true)),
            ("manageMasterUserPassword", V::Bool(true)),
            ("credentials", static_call("rds", "Credentials", "fromUsername", vec![s("dbadmin")])),
            (
                "backup",
                structure(
                    "rds",
                    "BackupProps",
                    vec![("retention", days(V::Int(i64::from(c.backup_retention_days))))],
                ),
            ),
            ("copyTagsToSnapshot", V::Bool(true)),
            ("removalPolicy", self.removal(r)),
        ];
        if let Some(h) = c.backtrack_hours {
            props.push((
                "backtrackWindow",
                static_call("cdk", "Duration", "hours", vec![V::Int(i64::from(h))]),
            ));
        }
        self.let_(&r.name, new("rds", "DatabaseCluster", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }
}

impl<'m> B<'m> {
    /// The VPC the bundle creates: public and isolated private subnets, no NAT.
    pub(super) fn created_vpc(&mut self, r: &Resource, v: &crate::export::model::Vpc) {
        let id = self.construct_id(&r.name);
        let subnet = |name: &str, kind: &str| {
            let mut fields = vec![
                ("name", s(name)),
                ("subnetType", constant("ec2", "SubnetType", kind)),
                ("cidrMask", V::Int(i64::from(v.subnet_prefix))),
            ];
            if kind == "PUBLIC" {
                fields.push(("mapPublicIpOnLaunch", V::Bool(false)));
            }
            structure("ec2", "SubnetConfiguration", fields)
        };
        let props = vec![
            ("ipAddresses", static_call("ec2", "IpAddresses", "cidr", vec![s(v.cidr.clone())])),
            ("maxAzs", V::Int(i64::from(v.az_count))),
            ("natGateways", V::Int(0)),
            (
                "subnetConfiguration",
                V::List(vec![subnet("public", "PUBLIC"), subnet("private", "PRIVATE_ISOLATED")]),
            ),
            // Restricting the default group takes a custom resource; nothing uses the group.
            ("restrictDefaultSecurityGroup", V::Bool(false)),
        ];
        self.let_(&r.name, new("ec2", "Vpc", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    /// A failover CNAME record, with the health check that decides it.
    pub(super) fn record_set(&mut self, r: &Resource, rec: &crate::export::model::RecordSet) {
        let id = self.construct_id(&r.name);
        let zone_id = self.construct_id(&format!("{}-zone", r.name));
        let zone = static_call(
            "route53",
            "HostedZone",
            "fromHostedZoneId",
            vec![V::This, s(zone_id), self.expr(&rec.zone_id)],
        );
        // A name ending in a dot is used as it is, without the zone's name appended.
        let name = V::Concat(vec![self.expr(&rec.name), s(".")]);
        let mut props = vec![
            ("zone", zone),
            ("recordName", name),
            ("domainName", self.expr(&rec.target)),
            (
                "ttl",
                static_call("cdk", "Duration", "seconds", vec![V::Int(i64::from(rec.ttl_seconds))]),
            ),
            ("setIdentifier", s(rec.set_identifier.clone())),
            ("failover", constant("route53", "Failover", rec.failover)),
        ];
        if let Some(h) = &rec.health_check {
            let check_id = self.construct_id(&format!("{}-check", r.name));
            let check = static_call(
                "route53",
                "HealthCheck",
                "fromHealthCheckId",
                vec![V::This, s(check_id), super::member(var(h), "attrHealthCheckId")],
            );
            props.push(("healthCheck", check));
        }
        self.let_(&r.name, new("route53", "CnameRecord", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }
}

impl B<'_> {
    /// One `s3.ReplicationRule`; another account's destination is imported with that
    /// account, so that CDK writes it and the owner override.
    pub(super) fn replication_rule(
        &mut self,
        bucket: &str,
        n: usize,
        rep: &crate::export::model::ReplicationRule,
    ) -> V {
        let suffix = if n == 0 { String::new() } else { format!("-{}", n + 1) };
        let dest_id = self.construct_id(&format!("{bucket}-replica-destination{suffix}"));
        let destination = match &rep.account {
            Some(a) => super::static_call_props(
                "s3",
                "Bucket",
                "fromBucketAttributes",
                vec![V::This, s(dest_id)],
                vec![
                    ("bucketArn", self.expr(&rep.destination_bucket_arn)),
                    ("account", self.expr(a)),
                ],
            ),
            None => static_call(
                "s3",
                "Bucket",
                "fromBucketArn",
                vec![V::This, s(dest_id), self.expr(&rep.destination_bucket_arn)],
            ),
        };
        let mut rule = vec![
            ("id", s(rep.id)),
            ("priority", V::Int(i64::from(rep.priority))),
            ("destination", destination),
            ("storageClass", constant("s3", "StorageClass", rep.storage_class.cdk())),
            ("deleteMarkerReplication", V::Bool(false)),
        ];
        if rep.account.is_some() {
            rule.push(("accessControlTransition", V::Bool(true)));
        }
        if let Some(k) = &rep.destination_key_arn {
            let key = self.key(k, &format!("{bucket}-replica{suffix}"));
            rule.push(("kmsKey", key));
            rule.push(("sseKmsEncryptedObjects", V::Bool(true)));
        }
        if rep.time_control {
            rule.push((
                "replicationTimeControl",
                constant("s3", "ReplicationTimeValue", "FIFTEEN_MINUTES"),
            ));
        }
        if rep.metrics || rep.time_control {
            rule.push(("metrics", constant("s3", "ReplicationTimeValue", "FIFTEEN_MINUTES")));
        }
        structure("s3", "ReplicationRule", rule)
    }
}
