//! Builds the CDK program from the model: one stack class per model stack, one L2
//! construct per model resource (CloudFormation L1 only where no L2 exists: the
//! Route 53 health check), values as CDK tokens, and cdk-nag acknowledgments with
//! the model's reasons.
//!
//! Roles are passed to constructs `withoutPolicyUpdates()`: each role's inline
//! policy already lists every permission (the same statements as the other
//! targets), and constructs must not add a second, generated policy.

use std::collections::BTreeSet;

use super::{
    call, constant, days, member, modules_of, new, s, static_call, structure, var, Program,
    Setting, StackProgram, Stmt, V,
};
use crate::export::model::ADOPTION_STEP;
use crate::export::model::{
    Attr, Bucket, BucketEncryption, Expr, InfraModel, Key, Kind, Num, ParamKind, Pseudo, Resource,
    StackId,
};
use crate::export::ExportError;

/// The loop variable of constructs made once per element of a list setting.
pub const FOR_EACH_VAR: &str = "list-item";

pub(super) struct B<'m> {
    pub model: &'m InfraModel,
    pub body: Vec<Stmt>,
    /// Statements that must come after every construct (policies that break a cycle).
    pub deferred: Vec<Stmt>,
    ids: BTreeSet<String>,
    vpc: bool,
}

/// Whether a CDK app reads an input: what its constructs use, the stacks' regions
/// (their environments), and the Availability Zones an imported VPC is described with.
pub fn setting_applies(model: &InfraModel, p: &crate::export::model::Parameter) -> bool {
    match p.key.as_str() {
        ADOPTION_STEP => model.resources.iter().any(|r| r.imported),
        // The app tags every resource with these and deploys the stacks to the regions.
        "project_name" | "environment" | "primary_region" => true,
        "dr_region" => model.dr_region.is_some(),
        _ if p.kind == ParamKind::AvailabilityZones => {
            model.network == Some(crate::export::model::NetworkModel::Existing)
        }
        _ => !p.stacks.is_empty(),
    }
}

pub fn program(model: &InfraModel) -> Result<Program, ExportError> {
    let settings = model
        .parameters
        .iter()
        .filter(|p| setting_applies(model, p))
        .map(|p| Setting {
            key: p.name.clone(),
            context_key: super::project::context_key(model, &p.name),
            env: p.env.clone(),
            kind: p.kind,
            default: p.default.clone(),
            description: p.description.clone(),
            pattern: if p.kind == ParamKind::Bool && !p.refuses.is_empty() {
                // The values it takes: true/false but those it refuses.
                let kept: Vec<&str> = ["true", "false"]
                    .into_iter()
                    .filter(|v| !p.refuses.iter().any(|(r, _)| r == v))
                    .collect();
                Some(format!("^({})$", kept.join("|")))
            } else if p.allowed.is_empty() {
                p.pattern()
            } else {
                Some(format!("^({})$", p.allowed.join("|")))
            },
            min: p.min,
            max: p.max,
            optional: p.optional,
        })
        .collect();
    let mut stacks = Vec::new();
    for &stack in &model.stacks {
        let mut b =
            B { model, body: Vec::new(), deferred: Vec::new(), ids: BTreeSet::new(), vpc: false };
        let mut last: Option<&str> = None;
        for r in model.resources_in(stack) {
            if r.component.as_deref() != last {
                last = r.component.as_deref();
                if !b.body.is_empty() {
                    b.body.push(Stmt::Blank);
                }
                let what = r
                    .component
                    .as_deref()
                    .map(|c| format!("component {}", crate::export::text::comment_safe(c, 60)))
                    .unwrap_or_else(|| "added by the export".into());
                b.body.push(Stmt::Comment(what));
            }
            b.resource(r)?;
        }
        b.body.push(Stmt::Blank);
        for o in model.outputs_in(stack) {
            let id = b.construct_id(&format!("{}-output", o.name));
            let value = b.expr(&o.value);
            b.body.push(Stmt::Do(new(
                "cdk",
                "CfnOutput",
                vec![V::This, s(id)],
                vec![("value", value), ("description", s(o.description.clone()))],
            )));
        }
        let mut body = std::mem::take(&mut b.body);
        body.append(&mut b.deferred);
        let mut modules = vec!["cdk"];
        fn walk(body: &[Stmt], modules: &mut Vec<&'static str>) {
            for st in body {
                match st {
                    Stmt::Let(_, v) | Stmt::Do(v) => modules_of(v, modules),
                    Stmt::IfSet(_, inner) => walk(inner, modules),
                    _ => {}
                }
            }
        }
        walk(&body, &mut modules);
        modules.sort();
        modules.dedup();
        let class_name = match stack {
            StackId::Primary => "PrimaryStack",
            StackId::Dr => "DrStack",
            StackId::Account => "BackupAccountStack",
        };
        stacks.push(StackProgram { stack, class_name: class_name.into(), body, modules });
    }
    let description = format!(
        "drplan export of plan \"{}\"",
        model.plan_name.chars().take(200).collect::<String>()
    );
    Ok(Program {
        settings,
        names: model.parameters.iter().map(|p| (p.key.clone(), p.name.clone())).collect(),
        stacks,
        description,
        has_imports: model.resources.iter().any(|r| r.imported),
    })
}

impl<'m> B<'m> {
    /// A unique construct id (PascalCase) in the stack's scope.
    pub fn construct_id(&mut self, name: &str) -> String {
        let base = crate::export::cloudformation::refs::logical_id(name);
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}{n}");
            n += 1;
        }
        id
    }

    pub fn kind_of(&self, name: &str) -> Option<&'m Kind> {
        self.model.resource(name).map(|r| &r.kind)
    }

    /// The construct member that reads an attribute.
    fn attr(&self, name: &str, a: Attr) -> V {
        let field = match (self.kind_of(name), a) {
            (Some(Kind::Key(_)), Attr::Arn) => "keyArn",
            (Some(Kind::Key(_)), _) => "keyId",
            (Some(Kind::Bucket(_)), Attr::Arn) => "bucketArn",
            (Some(Kind::Bucket(_)), _) => "bucketName",
            (Some(Kind::Role(_)), Attr::Arn) => "roleArn",
            (Some(Kind::Role(_)), _) => "roleName",
            (Some(Kind::Table(_)), Attr::Arn) => "tableArn",
            (Some(Kind::Table(_)), _) => "tableName",
            (Some(Kind::SubnetGroup(_)), _) => "subnetGroupName",
            (Some(Kind::SecurityGroup(_)), _) => "securityGroupId",
            (Some(Kind::DbInstance(_)), Attr::Arn) => "instanceArn",
            (Some(Kind::DbInstance(_)), _) => "instanceIdentifier",
            (Some(Kind::DbCluster(_)), Attr::Arn) => "clusterArn",
            (Some(Kind::DbCluster(_)), _) => "clusterIdentifier",
            // A logically air-gapped vault is an L1 construct: its ARN is an attribute.
            (Some(Kind::Vault(v)), Attr::Arn) if v.air_gapped => "attrBackupVaultArn",
            (Some(Kind::Vault(_)), Attr::Arn) => "backupVaultArn",
            (Some(Kind::Vault(_)), _) => "backupVaultName",
            (Some(Kind::RestoreTestingPlan(_)), Attr::Arn) => "attrRestoreTestingPlanArn",
            (Some(Kind::BackupPlan(_)), Attr::Arn) => "backupPlanArn",
            (Some(Kind::BackupPlan(_)), _) => "backupPlanId",
            (Some(Kind::LogGroup(_)), Attr::Arn | Attr::ChildArns) => "logGroupArn",
            (Some(Kind::LogGroup(_)), _) => "logGroupName",
            (Some(Kind::Function(_)), Attr::Arn) => "functionArn",
            (Some(Kind::Function(_)), _) => "functionName",
            (Some(Kind::Rule(_)), _) => "ruleArn",
            (Some(Kind::Topic(_)), Attr::Arn) => "topicArn",
            (Some(Kind::Topic(_)), _) => "topicName",
            (Some(Kind::Alarm(_)), Attr::Arn) => "alarmArn",
            (Some(Kind::Alarm(_)), _) => "alarmName",
            (Some(Kind::Dashboard(_)), _) => "dashboardName",
            (Some(Kind::HealthCheck(_)), _) => "attrHealthCheckId",
            (Some(Kind::Vpc(_)), _) => "vpcId",
            (Some(Kind::Repository(_)), Attr::Arn) => "repositoryArn",
            (Some(Kind::Repository(_)), _) => "repositoryName",
            _ => "ref",
        };
        member(var(name), field)
    }

    /// The app's setting of the input with this key (left out where an optional
    /// one is unset).
    pub fn setting(&self, key: &str) -> V {
        let name = self.model.input_name(key).to_string();
        match self.model.parameter(key) {
            Some(p) if p.optional => V::OptionalSetting(name),
            _ => V::Setting(name),
        }
    }

    pub fn expr(&self, e: &Expr) -> V {
        match e {
            Expr::Lit(t) => s(t.clone()),
            Expr::Param(key) if self.model.parameter(key).is_some_and(|p| p.kind.is_number()) => {
                V::AsText(Box::new(self.setting(key)))
            }
            Expr::Param(key) => self.setting(key),
            Expr::Pseudo(Pseudo::Region) => member(V::This, "region"),
            Expr::Pseudo(Pseudo::AccountId) => constant("cdk", "Aws", "ACCOUNT_ID"),
            Expr::Pseudo(Pseudo::Partition) => constant("cdk", "Aws", "PARTITION"),
            Expr::Attr(name, a) => self.attr(name, *a),
            Expr::Join(parts) => V::Concat(parts.iter().map(|p| self.expr(p)).collect()),
            Expr::Cross { by_name, .. } => self.expr(by_name),
            Expr::Item => var(FOR_EACH_VAR),
            Expr::JoinList(key) => V::Helper("joinList".into(), vec![self.setting(key)]),
            // Decided by the inputs' defaults before emission (`model::offered_in`).
            Expr::Choose { otherwise, .. } => self.expr(otherwise),
            // CDK's own functions, which split and join plain text at synth time.
            Expr::Underscored(inner) => super::static_call(
                "cdk",
                "Fn",
                "join",
                vec![
                    s("_"),
                    super::static_call("cdk", "Fn", "split", vec![s("-"), self.expr(inner)]),
                ],
            ),
        }
    }

    pub fn num(&self, n: &Num) -> V {
        match n {
            Num::Lit(v) => V::Int(i64::from(*v)),
            Num::Param(key) => self.setting(key),
        }
    }

    /// An `IKey` for a key ARN: the key construct of this stack, or an imported reference.
    pub fn key(&mut self, e: &Expr, purpose: &str) -> V {
        if let Expr::Attr(name, Attr::Arn) = e {
            if matches!(self.kind_of(name), Some(Kind::Key(_))) {
                return var(name);
            }
        }
        let id = self.construct_id(&format!("{purpose}-key-ref"));
        static_call("kms", "Key", "fromKeyArn", vec![V::This, s(id), self.expr(e)])
    }

    pub fn let_(&mut self, name: &str, v: V) {
        self.body.push(Stmt::Let(name.to_string(), v));
    }

    /// The plan's VPC: the one the bundle creates, or the existing one, imported
    /// (declared before its first use).
    pub fn vpc(&mut self) -> V {
        if let Some(crate::export::model::NetworkModel::Created(name)) = &self.model.network {
            return var(name);
        }
        if !self.vpc {
            self.vpc = true;
            let mut props = vec![
                ("vpcId", self.setting("vpc_id")),
                ("vpcCidrBlock", self.setting("vpc_cidr")),
                ("availabilityZones", self.setting("availability_zones")),
                ("privateSubnetIds", self.setting("private_subnet_ids")),
            ];
            // The route tables are an input only where gateway endpoints go into them.
            let route_tables = self
                .model
                .parameter(crate::export::model::network::ROUTE_TABLES)
                .is_some_and(|p| !p.stacks.is_empty());
            if route_tables {
                props.push(("privateSubnetRouteTableIds", self.setting("private_route_table_ids")));
            }
            self.body.push(Stmt::Comment(
                "The existing VPC the plan's databases and endpoints go into (see README: Inputs)."
                    .into(),
            ));
            self.let_(
                "network",
                static_call_props(
                    "ec2",
                    "Vpc",
                    "fromVpcAttributes",
                    vec![V::This, s("Network")],
                    props,
                ),
            );
        }
        var("network")
    }

    pub fn private_subnets(&mut self) -> V {
        if matches!(self.model.network, Some(crate::export::model::NetworkModel::Created(_))) {
            let isolated = constant("ec2", "SubnetType", "PRIVATE_ISOLATED");
            return structure("ec2", "SubnetSelection", vec![("subnetType", isolated)]);
        }
        let vpc = self.vpc();
        structure("ec2", "SubnetSelection", vec![("subnets", member(vpc, "privateSubnets"))])
    }

    pub(super) fn removal(&self, r: &Resource) -> V {
        let policy = match r.deletion {
            crate::export::model::Deletion::Delete => "DESTROY",
            crate::export::model::Deletion::Retain => "RETAIN",
            crate::export::model::Deletion::Snapshot => "SNAPSHOT",
        };
        constant("cdk", "RemovalPolicy", policy)
    }

    fn resource(&mut self, r: &Resource) -> Result<(), ExportError> {
        // A resource made once per element of a list setting: its statements in a loop.
        if let Some(list) = &r.for_each {
            let outer = std::mem::take(&mut self.body);
            self.kind(r)?;
            let inner = std::mem::replace(&mut self.body, outer);
            let key = self.model.input_name(list).to_string();
            self.body.push(Stmt::ForEach(key, inner));
            return Ok(());
        }
        self.kind(r)
    }

    pub(super) fn key_construct(&mut self, r: &Resource, k: &Key) {
        let id = self.construct_id(&r.name);
        let mut props = vec![
            ("description", s(k.description.clone())),
            ("enableKeyRotation", V::Bool(k.rotation)),
            ("removalPolicy", self.removal(r)),
        ];
        if let Some(a) = &k.alias {
            props.push(("alias", self.expr(a)));
        }
        self.let_(&r.name, new("kms", "Key", vec![V::This, s(id)], props));
        for st in &k.statements {
            let statement = self.statement(st);
            self.body.push(Stmt::Do(call(var(&r.name), "addToResourcePolicy", vec![statement])));
        }
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn bucket(&mut self, r: &Resource, b: &Bucket) {
        let id = self.construct_id(&r.name);
        let mut props = Vec::new();
        if let Some(n) = &b.physical_name {
            props.push(("bucketName", self.expr(n)));
        }
        match &b.encryption {
            BucketEncryption::S3Managed => {
                props.push(("encryption", constant("s3", "BucketEncryption", "S3_MANAGED")))
            }
            BucketEncryption::Kms(k) => {
                let key = self.key(k, &format!("{}-encryption", r.name));
                props.push(("encryption", constant("s3", "BucketEncryption", "KMS")));
                props.push(("encryptionKey", key));
                props.push(("bucketKeyEnabled", V::Bool(true)));
            }
        }
        props.push(("versioned", V::Bool(b.versioned)));
        props.push(("blockPublicAccess", constant("s3", "BlockPublicAccess", "BLOCK_ALL")));
        props.push(("objectOwnership", constant("s3", "ObjectOwnership", "BUCKET_OWNER_ENFORCED")));
        props.push(("enforceSSL", V::Bool(true)));
        if let Some(l) = &b.access_logging {
            props.push(("serverAccessLogsBucket", var(&l.bucket)));
            props.push(("serverAccessLogsPrefix", s(l.prefix.clone())));
        }
        let lc = &b.lifecycle;
        let transitions = |list: &Vec<(crate::export::model::S3Class, u32)>, kind: &str| {
            V::List(
                list.iter()
                    .map(|(c, d)| {
                        structure(
                            "s3",
                            kind,
                            vec![
                                ("storageClass", constant("s3", "StorageClass", c.cdk())),
                                ("transitionAfter", days(V::Int(i64::from(*d)))),
                            ],
                        )
                    })
                    .collect(),
            )
        };
        let mut rule = vec![("id", s("drplan-lifecycle")), ("enabled", V::Bool(true))];
        if !lc.transitions.is_empty() {
            rule.push(("transitions", transitions(&lc.transitions, "Transition")));
        }
        if let Some(d) = lc.expiration_days {
            rule.push(("expiration", days(V::Int(i64::from(d)))));
        }
        if !lc.noncurrent_transitions.is_empty() {
            rule.push((
                "noncurrentVersionTransitions",
                transitions(&lc.noncurrent_transitions, "NoncurrentVersionTransition"),
            ));
        }
        if let Some(d) = &lc.noncurrent_expiration_days {
            rule.push(("noncurrentVersionExpiration", days(self.num(d))));
        }
        rule.push((
            "abortIncompleteMultipartUploadAfter",
            days(V::Int(i64::from(lc.abort_incomplete_upload_days))),
        ));
        props.push(("lifecycleRules", V::List(vec![structure("s3", "LifecycleRule", rule)])));
        if let Some(rep) = &b.replication {
            let mut rules = Vec::new();
            for (n, rep) in rep.rules.iter().enumerate() {
                rules.push(self.replication_rule(&r.name, n, rep));
            }
            props.push(("replicationRole", call(var(&rep.role), "withoutPolicyUpdates", vec![])));
            props.push(("replicationRules", V::List(rules)));
        }
        props.push(("removalPolicy", self.removal(r)));
        let full = new("s3", "Bucket", vec![V::This, s(id.clone())], props);
        if r.imported {
            // Adopting an existing bucket takes two deploys: step one (adoption_step
            // "import") imports it by its name alone, step two applies its settings.
            let mut minimal = Vec::new();
            if let Some(n) = &b.physical_name {
                minimal.push(("bucketName", self.expr(n)));
            }
            minimal.push(("removalPolicy", self.removal(r)));
            let step_one = new("s3", "Bucket", vec![V::This, s(id)], minimal);
            self.body.push(Stmt::Comment("Step one of adopting this existing bucket (adoption_step import) states its name only; see README.".into()));
            self.let_(
                &r.name,
                V::WhenSetting {
                    key: ADOPTION_STEP.into(),
                    value: "import".into(),
                    then: Box::new(step_one),
                    otherwise: Box::new(full),
                },
            );
        } else {
            self.let_(&r.name, full);
        }
        self.acknowledge(var(&r.name), &r.skips);
    }
}

use super::static_call_props;
