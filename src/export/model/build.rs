//! Builds the [`InfraModel`] of a plan: the shared context (unique names, parameters,
//! KMS keys, access-log buckets) and the order in which components are visited.
//!
//! Components are visited in phases (topics, data stores, networking, backups,
//! functions, schedules, configuration backups, monitoring, DNS) and in plan order
//! within a phase, so that every resource is defined after the resources it refers
//! to: CDK code runs top to bottom and needs that order.

use std::collections::{BTreeMap, BTreeSet};

use super::expr::Expr;
use super::kinds::Kind;
use super::{Asset, InfraModel, Notes, Output, ParamKind, Parameter, Resource, StackId};
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
    pub(super) keys: Vec<Resource>,
    pub(super) support: Vec<Resource>,
    resources: Vec<Resource>,
    names: BTreeSet<String>,
    pub(super) params: Vec<Parameter>,
    pub outputs: Vec<Output>,
    pub assets: Vec<Asset>,
    pub notes: Notes,
    /// Primary-region keys of the plan's `kms_key` components, in plan order.
    pub(super) plan_keys: Vec<String>,
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
            ctx.plan_kms_key(k)?;
        }
    }
    type Visit = fn(&mut Ctx, &Component) -> Result<(), ExportError>;
    let phases: [Visit; 9] = [
        super::monitoring::visit_topics,
        super::databases::visit_data_stores,
        super::network::visit_network,
        super::backup::visit,
        super::backup_function::visit_functions,
        super::schedules::visit_schedules,
        super::config::visit_config_backups,
        super::monitoring::visit_monitoring,
        super::network::visit_dns,
    ];
    for visit in phases {
        for c in &plan.components {
            visit(&mut ctx, c)?;
        }
    }
    // The plan's weekly recovery tests, on the backup plans and topics made above.
    super::restore_testing::build(&mut ctx)?;
    let mut model = ctx.finish();
    super::interface::name_outputs(plan, &mut model)?;
    super::interface::module_defaults(plan, &mut model)?;
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
            account_region: self
                .plan
                .backup_account
                .as_ref()
                .map(|a| a.region_or(&self.plan.primary_region).to_string()),
            stacks,
            parameters,
            context_keys: self.plan.export.cdk_context_keys,
            resources,
            outputs: self.outputs,
            assets: self.assets,
            notes,
            terraform_module,
            network: self.network,
            estimate: super::EstimateNotes::of(self.plan),
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

    /// Every resource made so far.
    pub fn all_resources(&self) -> impl Iterator<Item = &Resource> {
        self.keys.iter().chain(&self.support).chain(&self.resources)
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
        self.define_account_params();
    }

    /// The DR region as seen from `stack`: the pseudo region inside the DR stack,
    /// the `dr_region` parameter elsewhere.
    pub fn dr_region_expr(&mut self, stack: StackId) -> Expr {
        match stack {
            StackId::Dr => super::expr::region(),
            StackId::Primary | StackId::Account => self.use_param(stack, "dr_region"),
        }
    }

    // ----- access logs ------------------------------------------------------------

    /// The server-access-log bucket of a stack (created on first use).
    pub fn access_log_bucket(&mut self, stack: StackId) -> String {
        let base = match stack {
            StackId::Primary => "access-logs",
            StackId::Dr => "dr-access-logs",
            StackId::Account => "backup-account-access-logs",
        };
        if let Some(r) = self.support.iter().find(|r| r.stack == stack) {
            return r.name.clone();
        }
        let name = self.unique(base);
        let resource = super::storage::access_log_bucket(&name, stack);
        self.support.push(resource);
        if !self.notes.additions.iter().any(|a| a.starts_with("Server access-log buckets")) {
            self.notes.additions.push("Server access-log buckets (one per region that has buckets): every bucket logs its requests, as AWS security guidance and the database backup module design ask; logs expire after 90 days.".into());
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
        module_only: false,
        module_default: None,
        optional: false,
        refuses: Vec::new(),
        sensitive: false,
    }
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
