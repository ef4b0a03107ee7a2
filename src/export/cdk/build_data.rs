//! CDK constructs for data stores and their networking: DynamoDB tables (TableV2),
//! RDS subnet and security groups, database instances and Aurora clusters.

use super::build::B;
use super::{call, constant, days, new, s, static_call, structure, var, Stmt, V};
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
        self.acknowledge(var(&r.name), &r.skips);
    }

    fn engine(&self, e: DbEngine) -> V {
        let (factory, versions, member_name) = match e {
            DbEngine::Mysql => ("mysql", "MysqlEngineVersion", "VER_8_4_7"),
            DbEngine::Postgres => ("postgres", "PostgresEngineVersion", "VER_17_6"),
            DbEngine::AuroraMysql => ("auroraMysql", "AuroraMysqlEngineVersion", "VER_3_10_3"),
            DbEngine::AuroraPostgresql => {
                ("auroraPostgres", "AuroraPostgresEngineVersion", "VER_17_5")
            }
        };
        let holder = if matches!(e, DbEngine::Mysql | DbEngine::Postgres) {
            "DatabaseInstanceEngine"
        } else {
            "DatabaseClusterEngine"
        };
        let props = vec![("version", constant("rds", versions, member_name))];
        super::static_call_props("rds", holder, factory, vec![], props)
    }

    fn instance_type(class_name: &str) -> V {
        new("ec2", "InstanceType", vec![s(class_name.trim_start_matches("db."))], vec![])
    }

    pub(super) fn db_instance(&mut self, r: &Resource, d: &DbInstance) {
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        let key = self.key(&d.key_arn, &r.name);
        let props = vec![
            ("engine", self.engine(d.engine)),
            ("instanceType", Self::instance_type(&d.instance_class)),
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
            ("backupRetention", days(V::Int(i64::from(d.backup_retention_days)))),
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
            for (prop, v) in [
                ("AutomaticBackupReplicationRegion", region),
                ("AutomaticBackupReplicationKmsKeyId", key_arn),
                ("AutomaticBackupReplicationRetentionPeriod", V::Int(i64::from(c.retention_days))),
            ] {
                self.body.push(Stmt::Do(call(var(&cfn), "addPropertyOverride", vec![s(prop), v])));
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
