//! Builds the [`InfraModel`] of a plan: the shared context (unique names, parameters,
//! KMS keys, access-log buckets) and the order in which components are visited.
//!
//! Components are visited in phases (topics, data stores, networking, backups,
//! functions, schedules, configuration backups, monitoring, DNS) and in plan order
//! within a phase, so that every resource is defined after the resources it refers
//! to: CDK code runs top to bottom and needs that order.

use std::collections::{BTreeMap, BTreeSet};

use super::expr::{account, arn, lit, Effect, Expr, Principal, Statement};
use super::kinds::{Key, Kind};
use super::{
    Asset, InfraModel, Notes, Output, ParamKind, Parameter, Resource, Skip, StackId, Tool,
};
use crate::export::text::{short_slug, slug, snake};
use crate::export::ExportError;
use crate::plan::{Component, Plan};

/// Longest project name (prefix of physical names): vault names must fit in 50
/// characters and replica bucket names (with the account id) in 63.
pub(super) const PROJECT_MAX: usize = 24;
/// Longest component part of a physical name, for the same reason.
pub(super) const SHORT_MAX: usize = 22;
/// Namespace of the custom metrics the backup function publishes (seed 003).
pub const METRIC_NAMESPACE: &str = "CustomMetrics/DatabaseBackup";
/// The input that carries the DR key's ARN into a separately deployed primary stack.
pub const DR_KEY_ARN: &str = "dr_key_arn";
/// The CDK setting that selects the step of adopting existing resources.
pub const ADOPTION_STEP: &str = "adoption_step";

pub(super) struct Ctx<'p> {
    pub plan: &'p Plan,
    pub dr_region: Option<String>,
    keys: Vec<Resource>,
    support: Vec<Resource>,
    resources: Vec<Resource>,
    names: BTreeSet<String>,
    pub(super) params: Vec<Parameter>,
    pub outputs: Vec<Output>,
    pub assets: Vec<Asset>,
    pub notes: Notes,
    /// Primary-region keys of the plan's `kms_key` components, in plan order.
    plan_keys: Vec<String>,
    /// (component id, role) → resource name, for references between components.
    refs: BTreeMap<(String, &'static str), String>,
    /// The VPC things go into, once something does.
    pub network: Option<super::NetworkModel>,
}

/// Builds the model of a plan. The plan is assumed valid; invalid input still never
/// panics (ids are sanitised, missing references are skipped).
pub fn build(plan: &Plan) -> Result<InfraModel, ExportError> {
    let mut ctx = Ctx::new(plan);
    ctx.define_common_params();
    for c in &plan.components {
        if let Component::KmsKey(k) = c {
            ctx.plan_kms_key(k);
        }
    }
    type Visit = fn(&mut Ctx, &Component) -> Result<(), ExportError>;
    let phases: [Visit; 9] = [
        super::monitoring::visit_topics,
        super::databases::visit_data_stores,
        super::network::visit_network,
        super::backup::visit,
        super::lambda::visit_functions,
        super::lambda::visit_schedules,
        super::config::visit_config_backups,
        super::monitoring::visit_monitoring,
        super::network::visit_dns,
    ];
    for visit in phases {
        for c in &plan.components {
            visit(&mut ctx, c)?;
        }
    }
    let mut model = ctx.finish();
    super::interface::name_outputs(plan, &mut model)?;
    Ok(model)
}

impl<'p> Ctx<'p> {
    fn new(plan: &'p Plan) -> Ctx<'p> {
        Ctx {
            plan,
            dr_region: plan.dr_region.clone(),
            keys: Vec::new(),
            support: Vec::new(),
            resources: Vec::new(),
            names: BTreeSet::new(),
            params: Vec::new(),
            outputs: Vec::new(),
            assets: Vec::new(),
            notes: Notes::default(),
            plan_keys: Vec::new(),
            refs: BTreeMap::new(),
            network: None,
        }
    }

    fn finish(self) -> InfraModel {
        let mut resources = self.keys;
        resources.extend(self.support);
        resources.extend(self.resources);
        let mut stacks: Vec<StackId> = resources.iter().map(|r| r.stack).collect();
        stacks.sort();
        stacks.dedup();
        if stacks.is_empty() {
            stacks.push(StackId::Primary);
        }
        let mut notes = self.notes;
        notes.estimate_only = super::lambda::estimate_only_settings(self.plan);
        let mut parameters = self.params;
        super::interface::name_inputs(self.plan, &mut parameters);
        let terraform_module = self.plan.export.terraform_module.clone().unwrap_or_else(|| {
            parameters
                .iter()
                .find(|p| p.key == "project_name")
                .and_then(|p| p.default.clone())
                .unwrap_or_else(|| "drplan".into())
        });
        InfraModel {
            plan_name: self.plan.name.clone(),
            plan_notes: self.plan.notes.clone(),
            primary_region: self.plan.primary_region.clone(),
            dr_region: self.dr_region,
            stacks,
            parameters,
            context_keys: self.plan.export.cdk_context_keys,
            resources,
            outputs: self.outputs,
            assets: self.assets,
            notes,
            terraform_module,
            network: self.network,
        }
    }

    /// A model-unique resource name starting with `base` (a numeric suffix resolves clashes).
    pub fn unique(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "resource".to_string() } else { base.to_string() };
        let mut name = base.clone();
        let mut n = 2;
        while !self.names.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        name
    }

    /// A component id as a short slug for physical and logical names.
    pub fn short(&self, id: &str) -> String {
        short_slug(id, SHORT_MAX)
    }

    /// Records the resource that plays `role` ("bucket", "topic", ...) for a component.
    pub fn remember(&mut self, component: &str, role: &'static str, resource: &str) {
        self.refs.insert((component.to_string(), role), resource.to_string());
    }

    /// The resource recorded by [`Ctx::remember`].
    pub fn lookup(&self, component: &str, role: &'static str) -> Option<String> {
        self.refs.get(&(component.to_string(), role)).cloned()
    }

    pub fn push(&mut self, resource: Resource) {
        self.resources.push(resource);
    }

    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.keys.iter().chain(&self.support).chain(&self.resources).find(|r| r.name == name)
    }

    pub fn resource_mut(&mut self, name: &str) -> Option<&mut Resource> {
        self.keys
            .iter_mut()
            .chain(self.support.iter_mut())
            .chain(self.resources.iter_mut())
            .find(|r| r.name == name)
    }

    // ----- parameters -------------------------------------------------------------

    /// Declares a parameter once; later declarations of the same key are ignored.
    pub fn define_param(&mut self, p: Parameter) {
        if !self.params.iter().any(|q| q.key == p.key) {
            self.params.push(p);
        }
    }

    /// A reference to a declared parameter, recording that `stack` uses it.
    pub fn use_param(&mut self, stack: StackId, key: &str) -> Expr {
        if let Some(p) = self.params.iter_mut().find(|p| p.key == key) {
            if !p.stacks.contains(&stack) {
                p.stacks.push(stack);
                p.stacks.sort();
            }
        }
        Expr::Param(key.to_string())
    }

    /// The parameters declared so far.
    pub fn params_so_far(&self) -> Vec<Parameter> {
        self.params.clone()
    }

    pub fn has_param(&self, key: &str) -> bool {
        self.params.iter().any(|p| p.key == key)
    }

    fn define_common_params(&mut self) {
        let max = match self.plan.export.naming {
            crate::plan::Naming::ProjectEnvironment => super::interface::PROJECT_WITH_ENVIRONMENT,
            _ => PROJECT_MAX,
        };
        let project = self
            .plan
            .export
            .project_name
            .clone()
            .unwrap_or_else(|| short_slug(&slug_words(&self.plan.name, max), max));
        self.define_param(param(
            "project_name",
            ParamKind::Name,
            Some(project),
            "Prefix of every physical name (vaults, alarms, log groups, replica buckets); use the same value for every stack of this bundle",
        ));
        self.define_param(param(
            "environment",
            ParamKind::Name,
            Some(super::interface::environment_default(self.plan)),
            match self.plan.export.naming {
                crate::plan::Naming::EnvironmentSuffix => {
                    "Environment name: tags every resource and ends every physical name"
                }
                crate::plan::Naming::ProjectEnvironment => {
                    "Environment name: tags every resource and is part of every physical name"
                }
                crate::plan::Naming::Project => "Environment tag applied to every resource",
            },
        ));
        let primary = self.plan.primary_region.clone();
        self.define_param(param(
            "primary_region",
            ParamKind::Region,
            Some(primary),
            "Region of the primary stack",
        ));
        if let Some(dr) = self.dr_region.clone() {
            self.define_param(param(
                "dr_region",
                ParamKind::Region,
                Some(dr),
                "Disaster-recovery region: replicas, copies and the DR stack",
            ));
        }
    }

    /// The DR region as seen from `stack`: the pseudo region inside the DR stack,
    /// the `dr_region` parameter elsewhere.
    pub fn dr_region_expr(&mut self, stack: StackId) -> Expr {
        match stack {
            StackId::Dr => super::expr::region(),
            StackId::Primary => self.use_param(stack, "dr_region"),
        }
    }

    // ----- KMS keys -----------------------------------------------------------------

    fn plan_kms_key(&mut self, k: &crate::plan::KmsKey) {
        let short = self.short(&k.id);
        let count = k.count.clamp(1, 25);
        for n in 1..=count {
            let base = if count == 1 { format!("{short}-key") } else { format!("{short}-key-{n}") };
            let name = self.unique(&base);
            let description = format!(
                "drplan: customer-managed key {n} of {count} (component {})",
                super::describe_id(&k.id)
            );
            self.keys.push(key_resource(
                &name,
                StackId::Primary,
                Some(&k.id),
                description,
                k.rotation,
                None,
            ));
            self.key_outputs(&name, StackId::Primary);
            self.plan_keys.push(name);
        }
        if k.replica_in_dr_region
            && self.dr_region.is_some()
            && !self.keys.iter().any(|r| r.stack == StackId::Dr)
        {
            self.create_dr_key(Some(&k.id), k.rotation);
        }
    }

    fn create_dr_key(&mut self, component: Option<&str>, rotation: bool) -> String {
        let name = self.unique("dr-key");
        let alias = self.dr_key_alias(StackId::Dr);
        let description = "drplan: key for replicas and copies in the DR region".to_string();
        self.keys.push(key_resource(
            &name,
            StackId::Dr,
            component,
            description,
            rotation,
            Some(alias),
        ));
        self.key_outputs(&name, StackId::Dr);
        if component.is_none() {
            self.notes.additions.push("A KMS key in the DR region (the plan has no kms_key with replica_in_dr_region): replicas and copies there are encrypted with a customer-managed key.".into());
        }
        name
    }

    /// `alias/<project_name>/dr`, the name other stacks use for the DR key.
    fn dr_key_alias(&mut self, stack: StackId) -> Expr {
        let project = self.use_param(stack, "project_name");
        Expr::join(vec![lit("alias/"), project, lit("/dr")])
    }

    /// The primary key that encrypts infrastructure (topics, logs, vaults, function
    /// environments); created by the export when the plan has no `kms_key`.
    pub fn infra_key(&mut self) -> String {
        if let Some(first) = self.plan_keys.first() {
            return first.clone();
        }
        let name = self.unique("export-key");
        self.keys.push(key_resource(
            &name,
            StackId::Primary,
            None,
            "drplan: key for topics, logs and backups".into(),
            true,
            None,
        ));
        self.key_outputs(&name, StackId::Primary);
        self.notes.additions.push("A KMS key in the primary region (the plan has no kms_key component): SNS topics, log groups, Lambda environments and backup vaults are encrypted with a customer-managed key (about $1 a month).".into());
        self.plan_keys.push(name.clone());
        name
    }

    /// Outputs of a key: its id and ARN (seed 003's kms_key_id and kms_key_arn).
    fn key_outputs(&mut self, name: &str, stack: StackId) {
        self.output(
            &format!("{name}-id"),
            stack,
            super::expr::attr(name, super::expr::Attr::Id),
            format!("Id of KMS key {name}"),
        );
        self.output(
            &format!("{name}-arn"),
            stack,
            super::expr::attr(name, super::expr::Attr::Arn),
            format!("ARN of KMS key {name}"),
        );
    }

    /// The key for the `n`-th data store of the plan: the plan's keys in turn.
    pub fn data_key(&mut self, n: usize) -> String {
        let first = self.infra_key();
        match self.plan_keys.len() {
            0 => first,
            len => self.plan_keys[n % len].clone(),
        }
    }

    /// The DR key's resource name, if the model has one.
    pub fn dr_key_name(&self) -> Option<String> {
        self.keys.iter().find(|r| r.stack == StackId::Dr).map(|r| r.name.clone())
    }

    /// The DR key's resource name (the key is created on first use).
    pub fn dr_key(&mut self) -> String {
        let existing = self.keys.iter().find(|r| r.stack == StackId::Dr).map(|r| r.name.clone());
        match existing {
            Some(n) => n,
            None => self.create_dr_key(None, true),
        }
    }

    /// The DR key (created on first use). From the primary stack it is a cross-stack
    /// reference whose by-name form is the alias ARN, for fields that accept one.
    pub fn dr_key_arn(&mut self, from: StackId) -> Expr {
        let name = self.dr_key();
        match from {
            StackId::Dr => super::expr::attr(&name, super::expr::Attr::Arn),
            StackId::Primary => {
                let alias = self.dr_key_alias(from);
                let dr = self.dr_region_expr(from);
                super::expr::cross(
                    &name,
                    super::expr::Attr::Arn,
                    arn("kms", dr, account(), vec![alias]),
                )
            }
        }
    }

    /// Any key of the DR region, as a policy resource: the DR key itself where one
    /// configuration holds both regions, `key/*` in the DR region otherwise (the
    /// statement then carries a `kms:ResourceAliases` condition).
    pub fn dr_keys_resource(&mut self) -> Expr {
        let name = self.dr_key();
        let dr = self.dr_region_expr(StackId::Primary);
        super::expr::cross(
            &name,
            super::expr::Attr::Arn,
            arn("kms", dr, account(), vec![lit("key/*")]),
        )
    }

    /// The DR key's ARN for fields that take a key ARN only (not an alias): an input
    /// filled from the DR stack's output where stacks deploy separately.
    pub fn dr_key_arn_input(&mut self) -> Expr {
        let name = self.dr_key();
        if !self.has_param(DR_KEY_ARN) {
            let mut p = param(
                DR_KEY_ARN,
                ParamKind::KeyArn,
                Some(String::new()),
                "ARN of the DR stack's KMS key (its output DrKeyArn); cross-region automated backups start once it is set",
            );
            p.from_output = Some(format!("{name}-arn"));
            self.define_param(p);
        }
        let by_name = self.use_param(StackId::Primary, DR_KEY_ARN);
        super::expr::cross(&name, super::expr::Attr::Arn, by_name)
    }

    /// Adds a key-policy statement (once per sid) to a key.
    pub fn add_key_statement(&mut self, key: &str, statement: Statement) {
        if let Some(Resource { kind: Kind::Key(k), .. }) =
            self.keys.iter_mut().find(|r| r.name == key)
        {
            if !k.statements.iter().any(|s| s.sid == statement.sid) {
                k.statements.push(statement);
            }
        }
    }

    /// Lets CloudWatch Logs in the key's region encrypt log groups with it.
    pub fn allow_logs(&mut self, key: &str) {
        let service = Expr::join(vec![lit("logs."), super::expr::region(), lit(".amazonaws.com")]);
        let log_groups = arn("logs", super::expr::region(), account(), vec![lit("log-group:*")]);
        let s = Statement {
            sid: "AllowCloudWatchLogs".into(),
            effect: Effect::Allow,
            principal: Some(Principal::Service(service)),
            actions: [
                "kms:Encrypt*",
                "kms:Decrypt*",
                "kms:ReEncrypt*",
                "kms:GenerateDataKey*",
                "kms:Describe*",
            ]
            .map(String::from)
            .to_vec(),
            resources: vec![lit("*")],
            conditions: vec![super::expr::Condition {
                test: "ArnLike",
                key: "kms:EncryptionContext:aws:logs:arn".into(),
                values: vec![log_groups],
            }],
            nag_reason: None,
        };
        self.add_key_statement(key, s);
    }

    /// Lets a service that publishes to topics encrypted with the key use it, with
    /// the statement the SNS developer guide gives for AWS event sources (and no
    /// conditions: the service's KMS requests do not all carry source keys).
    pub fn allow_service_publish(&mut self, key: &str, service: &str) {
        let sid = format!(
            "AllowPublishFrom{}",
            crate::export::text::pascal(service.split('.').next().unwrap_or(service))
        );
        let s = Statement {
            sid,
            effect: Effect::Allow,
            principal: Some(Principal::Service(lit(service))),
            actions: vec!["kms:GenerateDataKey*".into(), "kms:Decrypt".into()],
            resources: vec![lit("*")],
            conditions: Vec::new(),
            nag_reason: None,
        };
        self.add_key_statement(key, s);
    }

    // ----- access logs ------------------------------------------------------------

    /// The server-access-log bucket of a stack (created on first use).
    pub fn access_log_bucket(&mut self, stack: StackId) -> String {
        let base = match stack {
            StackId::Primary => "access-logs",
            StackId::Dr => "dr-access-logs",
        };
        if let Some(r) = self.support.iter().find(|r| r.stack == stack) {
            return r.name.clone();
        }
        let name = self.unique(base);
        let resource = super::storage::access_log_bucket(&name, stack);
        self.support.push(resource);
        if !self.notes.additions.iter().any(|a| a.starts_with("Server access-log buckets")) {
            self.notes.additions.push("Server access-log buckets (one per region that has buckets): every bucket logs its requests, as AWS security guidance and the seed 003 design ask; logs expire after 90 days.".into());
        }
        name
    }

    /// Records that `source` delivers access logs with `prefix` to `log_bucket`.
    pub fn add_log_source(&mut self, log_bucket: &str, source: &str, prefix: &str) {
        if let Some(Resource { kind: Kind::Bucket(b), .. }) =
            self.support.iter_mut().find(|r| r.name == log_bucket)
        {
            b.log_sources.push(super::kinds::AccessLogging {
                bucket: source.to_string(),
                prefix: prefix.to_string(),
            });
        }
    }

    pub fn output(&mut self, name: &str, stack: StackId, value: Expr, description: String) {
        if !self.outputs.iter().any(|o| o.name == name) {
            self.outputs.push(Output { name: name.to_string(), stack, value, description });
        }
    }

    pub fn add_asset(&mut self, path: &str, contents: &'static str) {
        if !self.assets.iter().any(|a| a.path == path) {
            self.assets.push(Asset { path: path.to_string(), contents });
        }
    }

    /// The snake_case key of a parameter named after a component (`media_bucket_name`).
    pub fn component_param_key(&self, id: &str, what: &str) -> String {
        format!("{}_{what}", snake(&self.short(id)))
    }
}

pub(super) fn param(
    key: &str,
    kind: ParamKind,
    default: Option<String>,
    description: &str,
) -> Parameter {
    Parameter {
        key: key.into(),
        name: key.into(),
        env: None,
        allowed: Vec::new(),
        pattern_override: None,
        kind,
        default,
        description: description.into(),
        min: None,
        max: None,
        stacks: Vec::new(),
        from_output: None,
    }
}

fn key_resource(
    name: &str,
    stack: StackId,
    component: Option<&str>,
    description: String,
    rotation: bool,
    alias: Option<Expr>,
) -> Resource {
    let mut skips = Vec::new();
    if !rotation {
        skips.push(Skip {
            tool: Tool::Checkov,
            rule: "CKV_AWS_7".into(),
            reason: "the plan turns key rotation off (kms_key.rotation: false)".into(),
        });
        skips.push(Skip {
            tool: Tool::CdkNag,
            rule: "AwsSolutions-KMS5".into(),
            reason: "the plan turns key rotation off (kms_key.rotation: false)".into(),
        });
    }
    Resource::new(
        name,
        stack,
        component,
        Kind::Key(Key { description, rotation, statements: Vec::new(), alias }),
    )
    .with_skips(skips)
}

/// The leading words of `text` as a slug of at most `max` bytes (whole words where
/// possible), for the default project name.
fn slug_words(text: &str, max: usize) -> String {
    let s = slug(text);
    let mut out = String::new();
    for w in s.split('-') {
        let next = if out.is_empty() { w.to_string() } else { format!("{out}-{w}") };
        if next.len() > max {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        out = s.chars().take(max).collect();
    }
    if out.is_empty() {
        "drplan".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_are_short_words() {
        assert_eq!(
            slug_words("Photography portfolio: backup & DR (seed 004)", 24),
            "photography-portfolio"
        );
        assert_eq!(slug_words("", 24), "drplan");
        assert_eq!(slug_words("Ünïcödé", 24), "n-c-d");
        assert_eq!(slug_words(&"x".repeat(40), 24).len(), 24);
    }
}
