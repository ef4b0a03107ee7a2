//! CloudFormation names and references: logical ids (PascalCase, alphanumeric,
//! unique within a template together with parameter names) and the rendering of
//! model expressions as `!Ref`, `!GetAtt` and `!Sub`.

use std::collections::{BTreeMap, BTreeSet};

use super::yaml::{raw, s, seq, Y};
use crate::export::model::network::{ROUTE_TABLES, SUBNETS, VPC_ID};
use crate::export::model::{Attr, Expr, InfraModel, Kind, NetworkModel, Pseudo, StackId};
use crate::export::text::pascal;

/// Logical ids of one template.
pub struct Names<'m> {
    pub model: &'m InfraModel,
    pub stack: StackId,
    resources: BTreeMap<String, String>,
    params: BTreeMap<String, String>,
    taken: BTreeSet<String>,
    /// Conditions the resources use: `(condition id, parameter key)` for "the
    /// parameter is set (not empty)".
    pub conditions: Vec<(String, String)>,
    /// The template of step one of an adoption: imported resources carry only their
    /// name (CloudFormation applies no settings while importing).
    pub import_step: bool,
}

/// A logical id from a kebab or snake name: PascalCase letters and digits,
/// starting with a letter, at most 200 characters (CloudFormation allows 255).
pub fn logical_id(name: &str) -> String {
    let mut id: String = pascal(name).chars().take(200).collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id = format!("R{id}");
    }
    id
}

impl<'m> Names<'m> {
    pub fn new(model: &'m InfraModel, stack: StackId) -> Names<'m> {
        let mut names = Names {
            model,
            stack,
            resources: BTreeMap::new(),
            params: BTreeMap::new(),
            taken: BTreeSet::new(),
            conditions: Vec::new(),
            import_step: false,
        };
        for p in &model.parameters {
            let id = names.claim(&logical_id(&p.name));
            names.params.insert(p.key.clone(), id);
        }
        for r in model.resources_in(stack) {
            let id = names.claim(&logical_id(&r.name));
            names.resources.insert(r.name.clone(), id.clone());
            // The parts a created VPC adds are named after it.
            if let Kind::Vpc(v) = &r.kind {
                for part in [
                    "InternetGateway",
                    "GatewayAttachment",
                    "PublicRouteTable",
                    "PublicDefaultRoute",
                ] {
                    names.taken.insert(format!("{id}{part}"));
                }
                for n in 1..=v.az_count {
                    for part in [
                        super::network::public_subnet(&id, n),
                        super::network::private_subnet(&id, n),
                        super::network::private_route_table(&id, n),
                    ] {
                        names.taken.insert(format!("{part}RouteTableAssociation"));
                        names.taken.insert(part);
                    }
                }
            }
        }
        // An optional input leaves out the property it sets while it is empty.
        for p in model.parameters_in(stack).filter(|p| p.optional) {
            names.condition_set(&p.key);
        }
        names
    }

    /// The condition id of "the optional input is set", when `key` is one.
    fn optional(&self, key: &str) -> Option<&str> {
        let p = self.model.parameter(key).filter(|p| p.optional)?;
        self.conditions.iter().find(|(_, k)| *k == p.key).map(|(id, _)| id.as_str())
    }

    /// Reserves a unique logical id starting with `base`.
    pub fn claim(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while !self.taken.insert(id.clone()) {
            id = format!("{base}{n}");
            n += 1;
        }
        id
    }

    pub fn resource(&self, name: &str) -> String {
        self.resources.get(name).cloned().unwrap_or_else(|| logical_id(name))
    }

    pub fn param(&self, key: &str) -> String {
        self.params.get(key).cloned().unwrap_or_else(|| logical_id(key))
    }

    /// The VPC the bundle creates: its logical id and Availability Zone count.
    fn created_vpc(&self) -> Option<(String, u32)> {
        let Some(NetworkModel::Created(name)) = &self.model.network else { return None };
        match self.model.resource(name).map(|r| &r.kind) {
            Some(Kind::Vpc(v)) => Some((self.resource(name), v.az_count)),
            _ => None,
        }
    }

    /// The plan's VPC.
    pub fn vpc_id(&self) -> Y {
        match self.created_vpc() {
            Some((id, _)) => Y::Tag("!Ref", Box::new(raw(id))),
            None => Y::Tag("!Ref", Box::new(raw(self.param(VPC_ID)))),
        }
    }

    /// The private subnets of the plan's VPC (a list).
    pub fn private_subnets(&self) -> Y {
        match self.created_vpc() {
            Some((id, n)) => seq((1..=n)
                .map(|i| Y::Tag("!Ref", Box::new(raw(super::network::private_subnet(&id, i)))))
                .collect()),
            None => Y::Tag("!Ref", Box::new(raw(self.param(SUBNETS)))),
        }
    }

    /// The route tables of those subnets (a list).
    pub fn private_route_tables(&self) -> Y {
        match self.created_vpc() {
            Some((id, n)) => seq((1..=n)
                .map(|i| Y::Tag("!Ref", Box::new(raw(super::network::private_route_table(&id, i)))))
                .collect()),
            None => Y::Tag("!Ref", Box::new(raw(self.param(ROUTE_TABLES)))),
        }
    }

    /// The condition "parameter `key` is not empty" (declared once).
    pub fn condition_set(&mut self, key: &str) -> String {
        if let Some((id, _)) = self.conditions.iter().find(|(_, k)| k == key) {
            return id.clone();
        }
        let id = self.claim(&format!("Has{}", self.param(key)));
        self.conditions.push((id.clone(), key.to_string()));
        id
    }

    /// `Fn::If: [condition, value, !Ref AWS::NoValue]`: the property only when the condition holds.
    pub fn only_if(&self, condition: &str, value: Y) -> Y {
        Y::Map(vec![super::yaml::Entry {
            key: "Fn::If".into(),
            value: Y::Seq(vec![
                raw(condition),
                value,
                Y::Tag("!Ref", Box::new(raw("AWS::NoValue"))),
            ]),
            comment: None,
        }])
    }

    /// How an attribute of a resource is read: `(logical id, None)` for `Ref`,
    /// `(logical id, Some(attribute))` for `GetAtt`.
    fn attr_ref(&self, name: &str, attr: Attr) -> (String, Option<&'static str>) {
        let id = self.resource(name);
        let kind = self.model.resource(name).map(|r| &r.kind);
        let get = match (kind, attr) {
            (Some(Kind::Topic(_)), Attr::Arn) => None,
            (Some(Kind::Topic(_)), _) => Some("TopicName"),
            (Some(Kind::SecurityGroup(_)), _) => Some("GroupId"),
            (Some(Kind::DbInstance(_)), Attr::Arn) => Some("DBInstanceArn"),
            (Some(Kind::DbCluster(_)), Attr::Arn) => Some("DBClusterArn"),
            (Some(Kind::Vault(_)), Attr::Arn) => Some("BackupVaultArn"),
            (Some(Kind::RestoreTestingPlan(_)), Attr::Arn) => Some("RestoreTestingPlanArn"),
            (Some(Kind::RestoreTestingPlan(_)), _) => None,
            (Some(Kind::BackupPlan(_)), Attr::Arn) => Some("BackupPlanArn"),
            (Some(Kind::BackupPlan(_)), _) => Some("BackupPlanId"),
            (Some(Kind::Repository(_)), Attr::Name) => Some("Name"),
            // A log group's `Arn` already ends in `:*`, covering its streams.
            (_, Attr::Arn | Attr::ChildArns) => Some("Arn"),
            _ => None,
        };
        (id, get)
    }

    /// An expression as a YAML value.
    pub fn expr(&self, e: &Expr) -> Y {
        match e {
            Expr::Lit(t) => s(t.clone()),
            Expr::Param(key) => {
                let value = Y::Tag("!Ref", Box::new(raw(self.param(key))));
                match self.optional(key) {
                    Some(condition) => self.only_if(condition, value),
                    None => value,
                }
            }
            Expr::Pseudo(p) => Y::Tag("!Ref", Box::new(raw(pseudo(*p)))),
            Expr::Attr(name, a) => match self.attr_ref(name, *a) {
                (id, None) => Y::Tag("!Ref", Box::new(raw(id))),
                (id, Some(att)) => Y::Tag("!GetAtt", Box::new(raw(format!("{id}.{att}")))),
            },
            Expr::Join(parts) => Y::Tag("!Sub", Box::new(s(self.sub_template(parts)))),
            Expr::Cross { by_name, .. } => self.expr(by_name),
            Expr::Item => Y::Tag("!Ref", Box::new(raw(FOR_EACH_ITEM))),
            Expr::JoinList(key) => Y::Tag(
                "!Join",
                Box::new(seq(vec![s(","), Y::Tag("!Ref", Box::new(raw(self.param(key))))])),
            ),
            // Decided by the inputs' defaults before emission (`model::offered_in`).
            Expr::Choose { otherwise, .. } => self.expr(otherwise),
            // The long form: the block YAML writer prints tags on scalars only.
            Expr::Underscored(inner) => {
                let function = |name: &str, args: Vec<Y>| {
                    Y::Map(vec![super::yaml::Entry {
                        key: name.into(),
                        value: seq(args),
                        comment: None,
                    }])
                };
                let split = function("Fn::Split", vec![s("-"), self.expr(inner)]);
                function("Fn::Join", vec![s("_"), split])
            }
        }
    }

    /// The template of an `Fn::Sub`: literal text with `${` escaped as `${!`, and
    /// `${Name}` / `${Name.Attribute}` for references.
    pub fn sub_template(&self, parts: &[Expr]) -> String {
        let mut out = String::new();
        for p in parts {
            match p {
                Expr::Lit(t) => out.push_str(&sub_escape(t)),
                Expr::Param(key) => out.push_str(&format!("${{{}}}", self.param(key))),
                Expr::Pseudo(ps) => out.push_str(&format!("${{{}}}", pseudo(*ps))),
                Expr::Attr(name, a) => match self.attr_ref(name, *a) {
                    (id, None) => out.push_str(&format!("${{{id}}}")),
                    (id, Some(att)) => out.push_str(&format!("${{{id}.{att}}}")),
                },
                Expr::Join(inner) => out.push_str(&self.sub_template(inner)),
                Expr::Cross { by_name, .. } => {
                    out.push_str(&self.sub_template(std::slice::from_ref(by_name)))
                }
                Expr::Item => out.push_str(&format!("${{{FOR_EACH_ITEM}}}")),
                // A list has no text form inside a template; the model uses it alone.
                Expr::JoinList(key) => out.push_str(&format!("${{{}}}", self.param(key))),
                // Decided before emission (`model::offered_in`); never inside a join.
                Expr::Choose { otherwise, .. } => {
                    out.push_str(&self.sub_template(std::slice::from_ref(otherwise)))
                }
                // A whole value only (`Fn::Join` of `Fn::Split`); never inside a join.
                Expr::Underscored(inner) => {
                    out.push_str(&self.sub_template(std::slice::from_ref(inner)))
                }
            }
        }
        out
    }
}

/// The identifier `Fn::ForEach` gives each element of a list input.
pub const FOR_EACH_ITEM: &str = "ListItem";

pub fn pseudo(p: Pseudo) -> &'static str {
    match p {
        Pseudo::AccountId => "AWS::AccountId",
        Pseudo::Region => "AWS::Region",
        Pseudo::Partition => "AWS::Partition",
    }
}

/// Literal text inside an `Fn::Sub` template: `${` would start a variable, and
/// CloudFormation writes a literal one as `${!`.
pub fn sub_escape(text: &str) -> String {
    text.replace("${", "${!")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_are_alphanumeric() {
        assert_eq!(logical_id("media-bucket"), "MediaBucket");
        assert_eq!(logical_id("1-db"), "R1Db");
        assert_eq!(logical_id("${x}\"y"), "XY");
        assert_eq!(logical_id(""), "R");
        assert!(logical_id(&"a-".repeat(300)).len() <= 201);
    }

    #[test]
    fn sub_escaping() {
        assert_eq!(sub_escape("a ${x} $y {z}"), "a ${!x} $y {z}");
        assert_eq!(sub_escape("${!already}"), "${!!already}");
    }
}
