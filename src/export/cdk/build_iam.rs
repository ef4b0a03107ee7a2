//! IAM in the CDK program: policy statements, roles with their inline policy (or a
//! policy of their own where a resource it names also names the role), policies made
//! per element of a list setting, and the acknowledgments of cdk-nag findings and
//! cfn-lint ignores that carry the model's reasons.

use super::build::{B, FOR_EACH_VAR};
use super::{call, constant, new, s, static_call, structure, var, Stmt, V};
use crate::export::model::{Effect, Principal, Resource, Role, Skip, Statement, Tool};

impl B<'_> {
    /// `iam.PolicyStatement`.
    pub fn statement(&self, st: &Statement) -> V {
        let mut props = vec![
            ("sid", s(st.sid.clone())),
            (
                "effect",
                constant(
                    "iam",
                    "Effect",
                    if st.effect == Effect::Allow { "ALLOW" } else { "DENY" },
                ),
            ),
            ("actions", V::List(st.actions.iter().map(|a| s(a.clone())).collect())),
            ("resources", V::List(st.resources.iter().map(|r| self.expr(r)).collect())),
        ];
        if let Some(p) = &st.principal {
            let principal = match p {
                Principal::Service(e) => new("iam", "ServicePrincipal", vec![self.expr(e)], vec![]),
                Principal::AnyAws => new("iam", "AnyPrincipal", vec![], vec![]),
                Principal::Aws(e) => new("iam", "ArnPrincipal", vec![self.expr(e)], vec![]),
                Principal::Any => new("iam", "StarPrincipal", vec![], vec![]),
            };
            props.push(("principals", V::List(vec![principal])));
        }
        if !st.conditions.is_empty() {
            let mut ops: Vec<(String, Vec<(String, V)>)> = Vec::new();
            for c in &st.conditions {
                let value = if c.values.len() == 1 {
                    self.expr(&c.values[0])
                } else {
                    V::List(c.values.iter().map(|v| self.expr(v)).collect())
                };
                match ops.iter_mut().find(|(op, _)| op == c.test) {
                    Some((_, list)) => list.push((c.key.clone(), value)),
                    None => ops.push((c.test.to_string(), vec![(c.key.clone(), value)])),
                }
            }
            props.push((
                "conditions",
                V::Dict(ops.into_iter().map(|(op, list)| (op, V::Dict(list))).collect()),
            ));
        }
        new("iam", "PolicyStatement", vec![], props)
    }

    /// Acknowledgments of the model's CDK validation findings and cfn-lint ignores,
    /// with their reasons.
    pub fn acknowledge(&mut self, target: V, skips: &[Skip]) {
        let lint: Vec<&Skip> = skips.iter().filter(|k| k.tool == Tool::CfnLint).collect();
        if !lint.is_empty() {
            for k in &lint {
                self.body.push(Stmt::Comment(format!("cfn-lint {}: {}", k.rule, k.reason)));
            }
            let rules = V::List(lint.iter().map(|k| s(k.rule.clone())).collect());
            self.body
                .push(Stmt::Do(V::Helper("cfnLintIgnore".into(), vec![target.clone(), rules])));
        }
        for k in skips.iter().filter(|k| k.tool == Tool::CdkNag) {
            let ack = structure(
                "cdk",
                "Acknowledgment",
                vec![("id", s(k.rule.clone())), ("reason", s(k.reason.clone()))],
            );
            self.body.push(Stmt::Do(call(
                static_call("cdk", "Validations", "of", vec![target.clone()]),
                "acknowledge",
                vec![ack],
            )));
        }
    }

    /// Acknowledges each wildcard of `statements` (a list variable) with its statement's reason.
    pub fn acknowledge_wildcards(&mut self, target: V, statements: &str, list: &[Statement]) {
        if list.iter().any(|st| st.nag_reason.is_some()) {
            let reasons = V::List(
                list.iter()
                    .map(|st| st.nag_reason.clone().map(s).unwrap_or(V::Str(String::new())))
                    .collect(),
            );
            self.body.push(Stmt::Do(V::Helper(
                "acknowledgeWildcards".into(),
                vec![target, var(statements), reasons],
            )));
        }
    }

    /// Statements attached to a role as a policy of their own; with `for_each`, a
    /// policy per element of the list setting, its construct id ending in the element.
    pub(super) fn role_policy(&mut self, r: &Resource, p: &crate::export::model::RolePolicy) {
        let construct_id = self.construct_id_of(r);
        let statements_var = format!("{}-statements", r.name);
        let statements = V::List(p.statements.iter().map(|st| self.statement(st)).collect());
        self.let_(&statements_var, statements);
        self.let_(
            &r.name,
            new(
                "iam",
                "Policy",
                vec![V::This, construct_id],
                vec![("roles", V::List(vec![var(&p.role)])), ("statements", var(&statements_var))],
            ),
        );
        self.acknowledge_wildcards(var(&r.name), &statements_var, &p.statements);
        self.acknowledge(var(&r.name), &r.skips);
    }

    /// A resource's construct id: within a loop over a list setting, ending in the
    /// element (ids are unique within their scope).
    pub(super) fn construct_id_of(&mut self, r: &Resource) -> V {
        let id = self.construct_id(&r.name);
        match r.for_each {
            Some(_) => V::Concat(vec![s(id), var(FOR_EACH_VAR)]),
            None => s(id),
        }
    }

    pub(super) fn role(&mut self, r: &Resource, role: &Role) {
        let id = self.construct_id(&r.name);
        let statements_var = format!("{}-statements", r.name);
        let mut props = vec![
            ("assumedBy", new("iam", "ServicePrincipal", vec![s(role.service.clone())], vec![])),
            ("description", s(role.description.clone())),
        ];
        if let Some(n) = &role.name {
            props.push(("roleName", self.expr(n)));
        }
        if !role.managed_policies.is_empty() {
            let list = role
                .managed_policies
                .iter()
                .map(|p| {
                    static_call(
                        "iam",
                        "ManagedPolicy",
                        "fromAwsManagedPolicyName",
                        vec![s(p.clone())],
                    )
                })
                .collect();
            props.push(("managedPolicies", V::List(list)));
        }
        let statements = V::List(role.statements.iter().map(|st| self.statement(st)).collect());
        if role.statements.is_empty() {
            self.let_(&r.name, new("iam", "Role", vec![V::This, s(id)], props));
        } else if role.separate_policy {
            self.let_(&r.name, new("iam", "Role", vec![V::This, s(id)], props));
            // The statements name a resource that names this role: attach them after
            // every construct exists, as a policy of their own.
            let policy_id = self.construct_id(&format!("{}-policy", r.name));
            let policy_var = format!("{}-policy", r.name);
            let mut later = std::mem::take(&mut self.body);
            self.let_(&statements_var, statements);
            self.let_(
                &policy_var,
                new(
                    "iam",
                    "Policy",
                    vec![V::This, s(policy_id)],
                    vec![
                        ("roles", V::List(vec![var(&r.name)])),
                        ("statements", var(&statements_var)),
                    ],
                ),
            );
            self.acknowledge_wildcards(var(&policy_var), &statements_var, &role.statements);
            std::mem::swap(&mut self.body, &mut later);
            self.deferred.extend(later);
        } else {
            self.let_(&statements_var, statements);
            let document =
                new("iam", "PolicyDocument", vec![], vec![("statements", var(&statements_var))]);
            props.push(("inlinePolicies", V::Dict(vec![("permissions".into(), document)])));
            self.let_(&r.name, new("iam", "Role", vec![V::This, s(id)], props));
            self.acknowledge_wildcards(var(&r.name), &statements_var, &role.statements);
        }
        self.acknowledge(var(&r.name), &r.skips);
    }
}
