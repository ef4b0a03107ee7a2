//! CloudFormation names and references: logical ids (PascalCase, alphanumeric,
//! unique within a template together with parameter names) and the rendering of
//! model expressions as `!Ref`, `!GetAtt` and `!Sub`.

use std::collections::{BTreeMap, BTreeSet};

use super::yaml::{raw, s, Y};
use crate::export::model::{Attr, Expr, InfraModel, Kind, Pseudo, StackId};
use crate::export::text::pascal;

/// Logical ids of one template.
pub struct Names<'m> {
    pub model: &'m InfraModel,
    pub stack: StackId,
    resources: BTreeMap<String, String>,
    params: BTreeMap<String, String>,
    taken: BTreeSet<String>,
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
        };
        for p in &model.parameters {
            let id = names.claim(&logical_id(&p.key));
            names.params.insert(p.key.clone(), id);
        }
        for r in model.resources_in(stack) {
            let id = names.claim(&logical_id(&r.name));
            names.resources.insert(r.name.clone(), id);
        }
        names
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
            (Some(Kind::BackupPlan(_)), Attr::Arn) => Some("BackupPlanArn"),
            (Some(Kind::BackupPlan(_)), _) => Some("BackupPlanId"),
            (Some(Kind::Repository(_)), Attr::Name) => Some("Name"),
            (_, Attr::Arn) => Some("Arn"),
            _ => None,
        };
        (id, get)
    }

    /// An expression as a YAML value.
    pub fn expr(&self, e: &Expr) -> Y {
        match e {
            Expr::Lit(t) => s(t.clone()),
            Expr::Param(key) => Y::Tag("!Ref", Box::new(raw(self.param(key)))),
            Expr::Pseudo(p) => Y::Tag("!Ref", Box::new(raw(pseudo(*p)))),
            Expr::Attr(name, a) => match self.attr_ref(name, *a) {
                (id, None) => Y::Tag("!Ref", Box::new(raw(id))),
                (id, Some(att)) => Y::Tag("!GetAtt", Box::new(raw(format!("{id}.{att}")))),
            },
            Expr::Join(parts) => Y::Tag("!Sub", Box::new(s(self.sub_template(parts)))),
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
            }
        }
        out
    }
}

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
