//! The names a runbook's commands use, as shell variables set once at its top, in the
//! target's own terms: a bundle input becomes a variable with the deployed default
//! and the input it comes from (`var.project_name`, the `ProjectName` parameter, the
//! CDK context key); a resource with a static name is that name built from those
//! inputs; any other resource is read from the stack's output (`terraform output`,
//! `aws cloudformation describe-stacks`); what no output gives is asked for, and the
//! command that needs it stops with the question (`${VAR:?...}`).

use std::collections::BTreeSet;

use super::shell::{in_double_quotes, var, word};
use crate::export::model::{Attr, Expr, InfraModel, Kind, Pseudo, StackId};
use crate::export::text::{camel, pascal, upper_snake};
use crate::export::Target;

/// Which name of a component's resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    /// The primary bucket, table, instance or cluster of a data component.
    Data,
    /// The cross-region replica bucket.
    Replica,
    /// The backup plan's vault in the primary region.
    Vault,
    /// Its copy vault in the DR region.
    DrVault,
    /// The failover record's health check.
    HealthCheck,
    /// The replica bucket in the backup account.
    AccountReplica,
}

pub struct Names<'a> {
    model: &'a InfraModel,
    target: Target,
    inputs: Vec<String>,
    resources: Vec<String>,
    defined: BTreeSet<String>,
}

impl<'a> Names<'a> {
    pub fn new(model: &'a InfraModel, target: Target) -> Names<'a> {
        let mut names = Names {
            model,
            target,
            inputs: Vec::new(),
            resources: Vec::new(),
            defined: BTreeSet::new(),
        };
        if model.parameter("project_name").is_some() {
            names.param("project_name");
        }
        names
    }

    pub fn target(&self) -> Target {
        self.target
    }

    /// The lines that set every variable used, inputs first.
    pub fn setup(&self) -> Vec<String> {
        self.inputs.iter().chain(&self.resources).cloned().collect()
    }

    /// `${VAR}` of a bundle input, defined with its default and where it comes from.
    pub fn param(&mut self, key: &str) -> String {
        let name = self.model.input_name(key).to_string();
        // The stacks are named after the project: the commands that read their
        // outputs say `$PROJECT_NAME`, whatever the bundle calls the input.
        let variable = match upper_snake(&name) {
            _ if key == "project_name" => "PROJECT_NAME".to_string(),
            v if v.is_empty() => var(key, "INPUT"),
            v => v,
        };
        if self.defined.insert(variable.clone()) {
            let source = match self.target {
                Target::Terraform => format!("var.{name} of the root module"),
                Target::Cloudformation => format!("the {} parameter", pascal(&name)),
                Target::CdkPython | Target::CdkTypescript => {
                    let key = match self.model.context_keys {
                        crate::plan::KeyCase::Camel => camel(&name),
                        _ => name.clone(),
                    };
                    format!("the CDK context value {key}")
                }
            };
            let default = self.model.parameter(key).and_then(|p| p.default.clone());
            self.inputs.push(match default {
                Some(value) if !value.is_empty() => {
                    format!("{variable}={}   # {source}, as deployed", word(&value))
                }
                _ => format!(
                    "{variable}=\"${{{variable}:?set it to {} as deployed}}\"",
                    in_double_quotes(&source)
                ),
            });
        }
        format!("${{{variable}}}")
    }

    /// `BACKUP_VAULT`: the backup account's vault, by the name its stack gives it
    /// (run with the backup account's credentials).
    pub fn account_vault(&mut self) -> String {
        let variable = "BACKUP_ACCOUNT_VAULT".to_string();
        if self.defined.insert(variable.clone()) {
            let vault = self.model.resources.iter().find_map(|r| match &r.kind {
                Kind::Vault(v) if r.stack == StackId::Account => Some(v.name.clone()),
                _ => None,
            });
            let line = match vault.and_then(|n| self.static_text(&n, StackId::Account)) {
                Some(text) => format!("{variable}=\"{text}\""),
                None => format!(
                    "{variable}=\"${{{variable}:?set it to the backup account's vault name}}\""
                ),
            };
            self.resources.push(line);
        }
        variable
    }

    pub fn account_id(&mut self) -> String {
        if self.defined.insert("ACCOUNT_ID".into()) {
            self.inputs.push(
                "ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)".into(),
            );
        }
        "${ACCOUNT_ID}".into()
    }

    /// The inside of a double-quoted string for an expression built from literals,
    /// inputs and pseudo parameters; `None` for anything resolved at deploy time.
    pub fn static_text(&mut self, expr: &Expr, stack: StackId) -> Option<String> {
        Some(match expr {
            Expr::Lit(text) => in_double_quotes(text),
            Expr::Param(key) => self.param(key),
            // The backup account's resources are named after its id, an input.
            Expr::Pseudo(Pseudo::AccountId) if stack == StackId::Account => {
                self.param(crate::export::model::account::BACKUP_ACCOUNT_ID)
            }
            Expr::Pseudo(Pseudo::AccountId) => self.account_id(),
            Expr::Pseudo(Pseudo::Region) => in_double_quotes(self.model.region_of(stack)),
            Expr::Pseudo(Pseudo::Partition) => "aws".into(),
            Expr::Join(parts) => {
                let mut out = String::new();
                for part in parts {
                    out.push_str(&self.static_text(part, stack)?);
                }
                out
            }
            _ => return None,
        })
    }

    /// The variable holding the name (or identifier) of `component`'s resource,
    /// defined in the setup the first time.
    pub fn of(&mut self, component: &str, want: Want) -> String {
        let suffix = match want {
            Want::Data => "NAME",
            Want::Replica => "REPLICA",
            Want::Vault => "VAULT",
            Want::DrVault => "DR_VAULT",
            Want::HealthCheck => "HEALTH_CHECK",
            Want::AccountReplica => "ACCOUNT_REPLICA",
        };
        let variable = var(component, suffix);
        if self.defined.insert(variable.clone()) {
            let line = self.definition(component, want, &variable);
            self.resources.push(line);
        }
        variable
    }

    fn definition(&mut self, component: &str, want: Want, variable: &str) -> String {
        let model = self.model;
        let found = model.resources.iter().find(|r| {
            r.component.as_deref() == Some(component)
                && match (&r.kind, want) {
                    (Kind::Bucket(_), Want::Data) | (Kind::BucketSettings(_), Want::Data) => {
                        r.stack == StackId::Primary
                    }
                    (Kind::Bucket(_), Want::Replica) => r.stack == StackId::Dr,
                    (Kind::Table(_) | Kind::DbInstance(_) | Kind::DbCluster(_), Want::Data) => true,
                    (Kind::Vault(_), Want::Vault) => r.stack == StackId::Primary,
                    (Kind::Vault(_), Want::DrVault) => r.stack == StackId::Dr,
                    (Kind::HealthCheck(_), Want::HealthCheck) => true,
                    (Kind::Bucket(_), Want::AccountReplica) => r.stack == StackId::Account,
                    _ => false,
                }
        });
        let what = match want {
            Want::Data => "the name of component",
            Want::Replica => "the replica bucket of component",
            Want::Vault => "the backup vault of",
            Want::DrVault => "the DR copy vault of",
            Want::HealthCheck => "the health check id of",
            Want::AccountReplica => "the backup account's replica bucket of component",
        };
        let ask = format!(
            "{variable}=\"${{{variable}:?set it to {} {}}}\"",
            in_double_quotes(what),
            in_double_quotes(component)
        );
        let Some(resource) = found else {
            // An existing resource the bundle references by an input only.
            let existing = model.notes.existing.iter().find(|e| e.component == component);
            return match existing.and_then(|e| e.param.clone()) {
                Some(key) if want == Want::Data => format!("{variable}=\"{}\"", self.param(&key)),
                _ => ask,
            };
        };
        let fixed = match &resource.kind {
            Kind::Bucket(b) => b.physical_name.clone(),
            Kind::BucketSettings(s) => Some(s.bucket_name.clone()),
            Kind::Table(t) => Some(t.name.clone()),
            Kind::Vault(v) => Some(v.name.clone()),
            _ => None,
        };
        if resource.for_each.is_none() {
            if let Some(text) = fixed.and_then(|e| self.static_text(&e, resource.stack)) {
                return format!("{variable}=\"{text}\"");
            }
        }
        let output = model.outputs.iter().find(
            |o| matches!(&o.value, Expr::Attr(r, Attr::Name | Attr::Id) if *r == resource.name),
        );
        match output {
            Some(o) => {
                let read = crate::export::readme_existing::output_command(
                    model,
                    self.target,
                    o.stack,
                    &o.name,
                );
                if !matches!(self.target, Target::Terraform) {
                    self.param("project_name");
                }
                format!("{variable}=$({read})")
            }
            None => ask,
        }
    }
}
