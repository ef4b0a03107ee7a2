//! The bundle's interface, as the plan's export settings shape it: plan settings
//! bound to deploy-time inputs (`components.<id>.<field>` → an input of that name),
//! the export's own inputs renamed (`dr_region` → `disaster_recovery_region`),
//! environment variables the CDK apps also read, and the pattern of physical names.
//! The seed presets use these to keep the names their design documents give.

use super::build::{param, Ctx};
use super::expr::{lit, Expr, Num};
use super::{InfraModel, Output, ParamKind, Parameter, StackId};
use crate::export::ExportError;
use crate::plan::{Naming, Plan};

/// Longest project name and environment when both are part of physical names.
pub const PROJECT_WITH_ENVIRONMENT: usize = 15;
pub const ENVIRONMENT_IN_NAMES: usize = 10;

/// The input name a plan setting is bound to, if any.
pub(super) fn binding<'p>(plan: &'p Plan, path: &str) -> Option<&'p str> {
    plan.export.inputs.get(path).map(String::as_str)
}

impl Ctx<'_> {
    /// A whole-number setting at `path`: a reference to the input the plan binds it
    /// to (declared with `value` as default and `min..=max` as range), else `value`.
    pub fn bound_num(
        &mut self,
        path: &str,
        value: u32,
        stack: StackId,
        range: (u32, u32),
        description: &str,
    ) -> Num {
        let Some(name) = binding(self.plan, path).map(str::to_string) else {
            return Num::Lit(value);
        };
        let mut p = param(&name, ParamKind::Number, Some(value.to_string()), description);
        p.min = Some(range.0);
        p.max = Some(range.1);
        self.define_param(p);
        self.use_param(stack, &name);
        Num::Param(name)
    }

    /// A text setting at `path`: a reference to the input the plan binds it to
    /// (declared with `value` as default), else `value`.
    pub fn bound_text(
        &mut self,
        path: &str,
        value: &str,
        kind: ParamKind,
        stack: StackId,
        description: &str,
    ) -> Expr {
        let Some(name) = binding(self.plan, path).map(str::to_string) else {
            return lit(value);
        };
        self.define_param(param(&name, kind, Some(value.to_string()), description));
        self.use_param(stack, &name)
    }

    /// Limits an input to the values the service accepts.
    pub fn restrict_param(&mut self, key: &str, allowed: &[u32]) {
        if let Some(p) = self.params.iter_mut().find(|p| p.key == key) {
            p.allowed = allowed.iter().map(u32::to_string).collect();
        }
    }

    /// A true/false setting at `path`: the input the plan binds it to, else `value`.
    pub fn bound_bool(
        &mut self,
        path: &str,
        value: bool,
        stack: StackId,
        description: &str,
    ) -> Expr {
        let Some(name) = binding(self.plan, path).map(str::to_string) else {
            return lit(value.to_string());
        };
        self.define_param(param(&name, ParamKind::Bool, Some(value.to_string()), description));
        self.use_param(stack, &name)
    }

    /// The physical name of a resource whose own part is `suffix`, in the plan's
    /// naming pattern: `<project>-<suffix>`, `<project>-<environment>-<suffix>` or
    /// `<suffix>-<environment>` (seed 001's environment suffix).
    pub fn physical(&mut self, stack: StackId, suffix: &str) -> Expr {
        match self.plan.export.naming {
            Naming::Project => {
                let project = self.use_param(stack, "project_name");
                Expr::join(vec![project, lit(format!("-{suffix}"))])
            }
            Naming::ProjectEnvironment => {
                let project = self.use_param(stack, "project_name");
                let env = self.use_param(stack, "environment");
                Expr::join(vec![project, lit("-"), env, lit(format!("-{suffix}"))])
            }
            Naming::EnvironmentSuffix => {
                let env = self.use_param(stack, "environment");
                Expr::join(vec![lit(format!("{suffix}-")), env])
            }
        }
    }
}

/// Names every input as the export settings say, and attaches the environment
/// variables the CDK apps read.
pub(super) fn name_inputs(plan: &Plan, params: &mut [Parameter]) {
    for p in params.iter_mut() {
        if plan.export.naming == Naming::ProjectEnvironment {
            // Both go into every physical name: together no longer than one.
            match p.key.as_str() {
                "project_name" => {
                    p.pattern_override =
                        Some(format!("^[a-z][a-z0-9-]{{0,{}}}$", PROJECT_WITH_ENVIRONMENT - 1))
                }
                "environment" => {
                    p.pattern_override =
                        Some(format!("^[a-z][a-z0-9-]{{0,{}}}$", ENVIRONMENT_IN_NAMES - 1))
                }
                _ => {}
            }
        }
        if let Some(name) = binding(plan, &p.key) {
            p.name = name.to_string();
        }
        p.env = plan.export.cdk_environment.get(&p.name).cloned();
    }
}

/// Gives outputs the names the plan's export settings ask for (seed 003's
/// `s3_bucket_name`, ...), keeping the references to them (inputs filled from an
/// output, README commands) pointing at the new names.
pub(super) fn name_outputs(plan: &Plan, model: &mut InfraModel) -> Result<(), ExportError> {
    for (name, source) in &plan.export.outputs {
        let new = name.replace('_', "-");
        if source == "primary_region" {
            model.outputs.push(Output {
                name: new,
                stack: StackId::Primary,
                value: super::expr::region(),
                description: "Region of the primary stack".into(),
            });
            continue;
        }
        let Some(o) = model.outputs.iter_mut().find(|o| &o.name == source) else {
            return Err(ExportError::unsupported(
                "export.outputs",
                format!("{name}: the export has no output {source}"),
            ));
        };
        o.name = new.clone();
        for p in model.parameters.iter_mut().filter(|p| p.from_output.as_ref() == Some(source)) {
            p.from_output = Some(new.clone());
        }
        for e in &mut model.notes.existing {
            if let super::ExistingMode::Settings(s) = &mut e.mode {
                for (_, _, output) in s.outputs.iter_mut().filter(|(_, _, o)| o == source) {
                    *output = new.clone();
                }
            }
        }
    }
    Ok(())
}

/// The default of the `environment` input.
pub(super) fn environment_default(plan: &Plan) -> String {
    plan.export.environment.clone().unwrap_or_else(|| "production".into())
}
