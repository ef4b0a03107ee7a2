//! Terraform names and references: resource labels (snake_case identifiers, unique
//! in the configuration), the address of each model resource's main Terraform
//! resource, and model expressions as HCL (`var.x`, `aws_s3_bucket.x.arn`,
//! `"${...}"` templates).

use std::collections::{BTreeMap, BTreeSet};

use super::hcl::{raw, s, Part, H};
use crate::export::model::network::{ROUTE_TABLES, SUBNETS, VPC_ID};
use crate::export::model::{Attr, Expr, InfraModel, Kind, NetworkModel, Pseudo, Resource, StackId};
use crate::export::text::snake;

/// A Terraform identifier from a kebab name: snake_case, starting with a letter.
pub fn label(name: &str) -> String {
    let mut l: String = snake(name).chars().take(120).collect();
    if !l.starts_with(|c: char| c.is_ascii_alphabetic()) {
        l = format!("r_{l}");
    }
    l
}

/// The Terraform type of a model resource's main resource.
pub fn main_type(kind: &Kind) -> &'static str {
    match kind {
        Kind::Key(_) => "aws_kms_key",
        Kind::Bucket(_) => "aws_s3_bucket",
        Kind::Role(_) => "aws_iam_role",
        Kind::Table(_) => "aws_dynamodb_table",
        Kind::SubnetGroup(_) => "aws_db_subnet_group",
        Kind::SecurityGroup(_) => "aws_security_group",
        Kind::DbInstance(_) => "aws_db_instance",
        Kind::DbCluster(_) => "aws_rds_cluster",
        Kind::Vault(_) => "aws_backup_vault",
        Kind::BackupPlan(_) => "aws_backup_plan",
        Kind::Selection(_) => "aws_backup_selection",
        Kind::LogGroup(_) => "aws_cloudwatch_log_group",
        Kind::Function(_) => "aws_lambda_function",
        Kind::Rule(_) => "aws_cloudwatch_event_rule",
        Kind::Topic(_) => "aws_sns_topic",
        Kind::Alarm(_) => "aws_cloudwatch_metric_alarm",
        Kind::Dashboard(_) => "aws_cloudwatch_dashboard",
        Kind::GatewayEndpoint(_) | Kind::InterfaceEndpoint(_) => "aws_vpc_endpoint",
        Kind::HealthCheck(_) => "aws_route53_health_check",
        Kind::Repository(_) => "aws_codecommit_repository",
        Kind::Vpc(_) => "aws_vpc",
        Kind::RecordSet(_) => "aws_route53_record",
        Kind::BucketSettings(_) => "aws_s3_bucket_versioning",
        Kind::RolePolicy(_) => "aws_iam_role_policy",
    }
}

/// Labels of the configuration.
/// `var.<name>` of the input with this key.
pub fn var(model: &InfraModel, key: &str) -> String {
    format!("var.{}", label(model.input_name(key)))
}

pub struct Names<'m> {
    pub model: &'m InfraModel,
    labels: BTreeMap<String, String>,
}

impl<'m> Names<'m> {
    pub fn new(model: &'m InfraModel) -> Names<'m> {
        let mut taken = BTreeSet::new();
        let mut labels = BTreeMap::new();
        for r in &model.resources {
            let base = label(&r.name);
            let mut l = base.clone();
            let mut n = 2;
            while !taken.insert(l.clone()) {
                l = format!("{base}_{n}");
                n += 1;
            }
            labels.insert(r.name.clone(), l);
        }
        Names { model, labels }
    }

    pub fn label(&self, name: &str) -> String {
        self.labels.get(name).cloned().unwrap_or_else(|| label(name))
    }

    /// `aws_s3_bucket.media_bucket`.
    pub fn address(&self, name: &str) -> String {
        let ty = self.model.resource(name).map(|r| main_type(&r.kind)).unwrap_or("aws_resource");
        format!("{ty}.{}", self.label(name))
    }

    /// The reference expression of an attribute, without `${}`.
    pub fn attr_ref(&self, name: &str, attr: Attr) -> String {
        let kind = self.model.resource(name).map(|r| &r.kind);
        // An existing bucket's settings stand for the bucket, which a data source reads.
        if let Some(Kind::BucketSettings(_)) = kind {
            let field = if attr == Attr::Name { "id" } else { "arn" };
            return format!("data.aws_s3_bucket.{}.{field}", self.label(name));
        }
        let field = match (kind, attr) {
            (_, Attr::Arn | Attr::ChildArns) => "arn",
            (Some(Kind::Key(_)), _) => "key_id",
            (Some(Kind::Bucket(_)), _) => "id",
            (Some(Kind::DbInstance(_)), _) => "identifier",
            (Some(Kind::DbCluster(_)), _) => "cluster_identifier",
            (Some(Kind::Function(_)), _) => "function_name",
            (Some(Kind::Repository(_)), _) => "repository_name",
            (
                Some(
                    Kind::Vault(_)
                    | Kind::Table(_)
                    | Kind::LogGroup(_)
                    | Kind::Topic(_)
                    | Kind::Role(_)
                    | Kind::SubnetGroup(_),
                ),
                Attr::Name,
            ) => "name",
            (Some(Kind::Dashboard(_)), _) => "dashboard_name",
            (Some(Kind::Alarm(_)), _) => "alarm_name",
            _ => "id",
        };
        format!("{}.{field}", self.address(name))
    }

    fn pseudo(&self, p: Pseudo, stack: StackId) -> String {
        match p {
            Pseudo::AccountId => "data.aws_caller_identity.current.account_id".into(),
            Pseudo::Partition => "data.aws_partition.current.partition".into(),
            Pseudo::Region => region_of(stack).into(),
        }
    }

    /// A parameter as the module reads it: the regions come from its providers, the
    /// rest are its variables.
    pub fn param(&self, key: &str) -> String {
        match key {
            "primary_region" => region_of(StackId::Primary).into(),
            "dr_region" => region_of(StackId::Dr).into(),
            other => var(self.model, other),
        }
    }

    /// A number, literal or input.
    pub fn number(&self, n: &crate::export::model::Num) -> H {
        match n {
            crate::export::model::Num::Lit(v) => super::hcl::num(*v),
            crate::export::model::Num::Param(key) => raw(self.param(key)),
        }
    }

    /// An expression as HCL, as seen from a resource of `stack`.
    pub fn expr(&self, e: &Expr, stack: StackId) -> H {
        match e {
            Expr::Lit(t) => s(t.clone()),
            Expr::Param(key) => raw(self.param(key)),
            Expr::Pseudo(p) => raw(self.pseudo(*p, stack)),
            Expr::Attr(_, Attr::ChildArns) | Expr::Cross { attr: Attr::ChildArns, .. } => {
                H::Tpl(self.template(std::slice::from_ref(e), stack))
            }
            Expr::Attr(name, a) | Expr::Cross { resource: name, attr: a, .. } => {
                raw(self.attr_ref(name, *a))
            }
            Expr::Join(parts) => H::Tpl(self.template(parts, stack)),
            Expr::Item => raw("each.value"),
            Expr::JoinList(key) => raw(format!("join(\",\", {})", self.param(key))),
        }
    }

    fn template(&self, parts: &[Expr], stack: StackId) -> Vec<Part> {
        let mut out = Vec::new();
        for p in parts {
            match p {
                Expr::Lit(t) => out.push(Part::Lit(t.clone())),
                Expr::Param(key) => out.push(Part::Interp(self.param(key))),
                Expr::Pseudo(ps) => out.push(Part::Interp(self.pseudo(*ps, stack))),
                Expr::Attr(name, Attr::ChildArns)
                | Expr::Cross { resource: name, attr: Attr::ChildArns, .. } => {
                    // Terraform's ARN of a log group has no `:*`; CloudFormation's has.
                    out.push(Part::Interp(self.attr_ref(name, Attr::Arn)));
                    out.push(Part::Lit(":*".into()));
                }
                Expr::Attr(name, a) | Expr::Cross { resource: name, attr: a, .. } => {
                    out.push(Part::Interp(self.attr_ref(name, *a)))
                }
                Expr::Join(inner) => out.extend(self.template(inner, stack)),
                Expr::Item => out.push(Part::Interp("each.value".into())),
                Expr::JoinList(key) => {
                    out.push(Part::Interp(format!("join(\",\", {})", self.param(key))))
                }
            }
        }
        out
    }
}

impl Names<'_> {
    /// The label of the VPC the bundle creates.
    fn created_vpc(&self) -> Option<String> {
        match &self.model.network {
            Some(NetworkModel::Created(name)) => Some(self.label(name)),
            _ => None,
        }
    }

    /// The plan's VPC.
    pub fn vpc_id(&self) -> H {
        match self.created_vpc() {
            Some(l) => raw(format!("aws_vpc.{l}.id")),
            None => raw(var(self.model, VPC_ID)),
        }
    }

    /// The private subnets of the plan's VPC (a list).
    pub fn private_subnets(&self) -> H {
        match self.created_vpc() {
            Some(l) => raw(format!("aws_subnet.{l}_private[*].id")),
            None => raw(var(self.model, SUBNETS)),
        }
    }

    /// The route tables of those subnets (a list).
    pub fn private_route_tables(&self) -> H {
        match self.created_vpc() {
            Some(l) => raw(format!("aws_route_table.{l}_private[*].id")),
            None => raw(var(self.model, ROUTE_TABLES)),
        }
    }
}

/// The region of a stack as the module reads it, from its providers.
pub fn region_of(stack: StackId) -> &'static str {
    match stack {
        StackId::Primary => "data.aws_region.current.region",
        StackId::Dr => "data.aws_region.dr.region",
    }
}

/// The versioning resources of the destination buckets a resource writes to: S3
/// needs versioning on at the destination before replication starts, and no
/// reference says so (everything else is ordered by references).
pub fn destination_versioning(names: &Names, r: &Resource) -> Vec<H> {
    r.after
        .iter()
        .filter(|a| matches!(names.model.resource(a).map(|x| &x.kind), Some(Kind::Bucket(_))))
        .map(|a| raw(format!("aws_s3_bucket_versioning.{}", names.label(a))))
        .collect()
}

/// `provider = aws.dr` for resources of the DR stack.
pub fn provider_item(r: &Resource) -> Option<(String, H)> {
    (r.stack == StackId::Dr).then(|| ("provider".to_string(), raw("aws.dr")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_identifiers() {
        assert_eq!(label("media-bucket"), "media_bucket");
        assert_eq!(label("1-db"), "r_1_db");
        assert_eq!(label("${x}\"y"), "x_y");
        assert_eq!(label(""), "r_");
    }
}
