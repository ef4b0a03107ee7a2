//! Terraform names and references: resource labels (snake_case identifiers, unique
//! in the configuration), the address of each model resource's main Terraform
//! resource, and model expressions as HCL (`var.x`, `aws_s3_bucket.x.arn`,
//! `"${...}"` templates).

use std::collections::{BTreeMap, BTreeSet};

use super::hcl::{raw, s, Part, H};
use crate::export::model::network::{ROUTE_TABLES, SUBNETS, VPC_ID};
use crate::export::model::{
    Attr, Expr, InfraModel, Kind, LookupOf, NetworkModel, Pseudo, Resource, StackId, When,
};
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
        Kind::Lookup(l) => match l.of {
            LookupOf::Key => "aws_kms_key",
            LookupOf::Topic => "aws_sns_topic",
        },
        Kind::Secret(_) => "aws_ssm_parameter",
        Kind::Subscription(_) => "aws_sns_topic_subscription",
        Kind::RestoreTestingPlan(_) => "aws_backup_restore_testing_plan",
        Kind::RestoreTestingSelection(_) => "aws_backup_restore_testing_selection",
    }
}

/// The HCL attribute that reads an attribute of a resource of this kind.
fn field(kind: Option<&Kind>, attr: Attr) -> &'static str {
    match (kind, attr) {
        (_, Attr::Arn | Attr::ChildArns) => "arn",
        (Some(Kind::Key(_)), _) => "key_id",
        (Some(Kind::Lookup(l)), Attr::Id) if l.of == LookupOf::Key => "key_id",
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
                | Kind::SubnetGroup(_)
                | Kind::Lookup(_)
                | Kind::Secret(_)
                | Kind::RestoreTestingPlan(_),
            ),
            Attr::Name,
        ) => "name",
        (Some(Kind::Dashboard(_)), _) => "dashboard_name",
        (Some(Kind::Alarm(_)), _) => "alarm_name",
        _ => "id",
    }
}

/// A condition on inputs as an HCL boolean expression.
pub fn condition(model: &InfraModel, w: &When) -> String {
    // Whether a secret is given is no secret: the condition is not marked sensitive.
    let secret = |k: &str| model.parameter(k).is_some_and(|p| p.sensitive);
    match w {
        When::Set(k) if secret(k) => format!("nonsensitive({} != null)", var(model, k)),
        When::Unset(k) if secret(k) => format!("nonsensitive({} == null)", var(model, k)),
        When::Set(k) => format!("{} != null", var(model, k)),
        When::Unset(k) => format!("{} == null", var(model, k)),
        When::True(k) => var(model, k),
        When::NonEmpty(k) => format!("length({}) > 0", var(model, k)),
        When::All(all) => all.iter().map(|w| condition(model, w)).collect::<Vec<_>>().join(" && "),
    }
}

/// The `count` of a resource that exists only where a condition holds.
pub fn count(model: &InfraModel, w: &When) -> String {
    format!("{} ? 1 : 0", condition(model, w))
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

    /// `aws_s3_bucket.media_bucket` (`data.aws_kms_key.x` for a looked-up resource).
    pub fn address(&self, name: &str) -> String {
        let r = self.model.resource(name);
        let ty = r.map(|r| main_type(&r.kind)).unwrap_or("aws_resource");
        let data = if matches!(r.map(|r| &r.kind), Some(Kind::Lookup(_))) { "data." } else { "" };
        format!("{data}{ty}.{}", self.label(name))
    }

    /// The name of the local value that reads an attribute of a resource with an
    /// [`Resource::instead`] (`local.backup_key_key_arn`).
    pub fn local_name(&self, name: &str, attr: Attr) -> String {
        let kind = self.model.resource(name).map(|r| &r.kind);
        format!("{}_{}", self.label(name), field(kind, attr))
    }

    /// The reference expression of an attribute, without `${}`.
    pub fn attr_ref(&self, name: &str, attr: Attr) -> String {
        let resource = self.model.resource(name);
        let kind = resource.map(|r| &r.kind);
        // An existing bucket's settings stand for the bucket, which a data source reads.
        if let Some(Kind::BucketSettings(_)) = kind {
            let field = if attr == Attr::Name { "id" } else { "arn" };
            return format!("data.aws_s3_bucket.{}.{field}", self.label(name));
        }
        // A resource the caller may replace with one of theirs: a local value picks.
        if resource.is_some_and(|r| r.instead.is_some()) {
            return format!("local.{}", self.local_name(name, attr));
        }
        let index = if resource.is_some_and(|r| r.when.is_some()) { "[0]" } else { "" };
        format!("{}{index}.{}", self.address(name), field(kind, attr))
    }

    /// The local values of resources the caller may replace (see [`Self::attr_ref`]):
    /// `name = <the caller's> if given, else <the module's own>`.
    pub fn locals(&self) -> Vec<(String, H)> {
        let mut out = Vec::new();
        for r in self.model.resources.iter() {
            let (Some(instead), Some(when)) = (&r.instead, &r.when) else { continue };
            let attrs: &[Attr] = match r.kind {
                Kind::Key(_) => &[Attr::Arn, Attr::Id],
                Kind::Topic(_) => &[Attr::Arn, Attr::Name],
                _ => &[Attr::Arn],
            };
            let cond = condition(self.model, when);
            for a in attrs {
                let own = format!("{}[0].{}", self.address(&r.name), field(Some(&r.kind), *a));
                let theirs = self.attr_ref(instead, *a);
                out.push((self.local_name(&r.name, *a), raw(format!("{cond} ? {own} : {theirs}"))));
            }
        }
        out
    }

    fn pseudo(&self, p: Pseudo, stack: StackId) -> String {
        match p {
            Pseudo::AccountId => account_of(stack).into(),
            Pseudo::Partition => "data.aws_partition.current.partition".into(),
            Pseudo::Region => region_of(stack).into(),
        }
    }

    /// A parameter as the module reads it: the regions and accounts come from its
    /// providers, the rest are its variables.
    pub fn param(&self, key: &str) -> String {
        use crate::export::model::account as a;
        match key {
            "primary_region" => region_of(StackId::Primary).into(),
            "dr_region" => region_of(StackId::Dr).into(),
            a::BACKUP_ACCOUNT_REGION => region_of(StackId::Account).into(),
            a::BACKUP_ACCOUNT_ID => account_of(StackId::Account).into(),
            a::SOURCE_ACCOUNT_ID => account_of(StackId::Primary).into(),
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
            Expr::Choose { when, then, otherwise } => raw(format!(
                "{} ? {} : {}",
                condition(self.model, when),
                self.inline(then, stack),
                self.inline(otherwise, stack)
            )),
            Expr::Underscored(inner) => {
                raw(format!("replace({}, \"-\", \"_\")", self.inline(inner, stack)))
            }
        }
    }

    /// An expression as text inside another expression.
    fn inline(&self, e: &Expr, stack: StackId) -> String {
        match self.expr(e, stack) {
            H::Raw(r) => r,
            H::Str(t) => super::hcl::quote(&t),
            H::Tpl(parts) => {
                let mut out = String::from("\"");
                for p in parts {
                    match p {
                        Part::Lit(t) => out.push_str(&super::hcl::escape(&t)),
                        Part::Interp(x) => out.push_str(&format!("${{{x}}}")),
                    }
                }
                out + "\""
            }
            // The model chooses between references, text and templates only.
            _ => "null".into(),
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
                Expr::Choose { .. } | Expr::Underscored(_) => {
                    out.push(Part::Interp(self.inline(p, stack)))
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
        StackId::Account => "data.aws_region.backup_account.region",
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

/// `provider = aws.dr` for resources of the DR stack, `aws.backup_account` for those
/// of the backup account.
pub fn provider_item(r: &Resource) -> Option<(String, H)> {
    match r.stack {
        StackId::Dr => Some(("provider".to_string(), raw("aws.dr"))),
        StackId::Account => Some(("provider".to_string(), raw("aws.backup_account"))),
        StackId::Primary => None,
    }
}

/// The account id as the module reads it, from the provider of the stack.
fn account_of(stack: StackId) -> &'static str {
    match stack {
        StackId::Account => "data.aws_caller_identity.backup_account.account_id",
        StackId::Primary | StackId::Dr => "data.aws_caller_identity.current.account_id",
    }
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
