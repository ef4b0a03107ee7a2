//! Deploy-time choices that are export settings rather than plan fields (see
//! `INPUT_SETTINGS`): a plan binds them to inputs, and each does what its name
//! says where it is sound, or refuses the value that would weaken a secure default.
//!
//! * a function's backup window (its runs check the databases' window and wait out
//!   a backup in progress), per-database metrics, a concurrency reservation and its
//!   logs (which cannot be turned off), and its runtime (python3.9 refused);
//! * the module's own defaults where a design gives them (`module_defaults`).
//!
//! Buckets' choices are in [`super::options_bucket`]; the caller's own resources
//! (subnets, a topic, a key, a Slack webhook) in [`super::options_caller`].

use super::build::{param, Ctx};
use super::expr::{Expr, Num, When};
use super::{ParamKind, Resource, StackId};
use crate::plan::{LambdaFunction, ModuleDefault, Plan};

/// The default a design gives the module's input `name` (`export.module_defaults`),
/// as the model writes defaults: `Some(None)` is null.
pub(super) fn design_default(plan: &Plan, name: &str) -> Option<Option<String>> {
    plan.export.module_defaults.get(name).map(|d| d.as_ref().map(default_text))
}

/// A module default as the text the model keeps defaults in.
pub(super) fn default_text(d: &ModuleDefault) -> String {
    match d {
        ModuleDefault::Bool(b) => b.to_string(),
        ModuleDefault::Number(n) => n.to_string(),
        ModuleDefault::Text(t) => t.clone(),
        ModuleDefault::List(items) => items.join(","),
        ModuleDefault::Fields(fields) => serde_json::to_string(fields).unwrap_or_default(),
    }
}

/// `text` with its first letter in upper case.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The message of an input that keeps a secure default: refusing `false`.
fn refuse_false(what: &str, why: &str) -> Vec<(String, String)> {
    vec![("false".into(), format!("{} cannot be turned off: {why}.", sentence(what)))]
}

impl Ctx<'_> {
    /// Declares the input the plan binds the export setting `path` to (once), with
    /// the design's default, else `builtin`; returns its key.
    pub(super) fn export_input(
        &mut self,
        path: &str,
        kind: ParamKind,
        builtin: Option<&str>,
        description: &str,
    ) -> Option<String> {
        let name = super::interface::binding(self.plan, path)?.to_string();
        let default = design_default(self.plan, &name).unwrap_or(builtin.map(String::from));
        self.define_param(param(&name, kind, default, description));
        Some(name)
    }

    pub(super) fn param_mut(&mut self, key: &str) -> Option<&mut super::Parameter> {
        self.params.iter_mut().find(|p| p.key == key)
    }

    /// An input of the Terraform module only (see [`super::Parameter::module_only`]).
    pub(super) fn module_input(
        &mut self,
        path: &str,
        kind: ParamKind,
        builtin: Option<&str>,
        description: &str,
    ) -> Option<String> {
        let key = self.export_input(path, kind, builtin, description)?;
        if let Some(p) = self.param_mut(&key) {
            p.module_only = true;
            p.optional = p.default.is_none() && !kind.is_list();
        }
        // The module reads it (in a condition, at least).
        self.use_param(StackId::Primary, &key);
        Some(key)
    }

    /// A true/false input that keeps a secure default on (`enable_s3_encryption`):
    /// every target takes it, as the design names it, and refuses `false`.
    pub(super) fn guard_input(&mut self, path: &str, what: &str, why: &str) {
        let description = format!("{}: always on; false is refused ({why})", sentence(what));
        if let Some(key) = self.export_input(path, ParamKind::Bool, Some("true"), &description) {
            if let Some(p) = self.param_mut(&key) {
                p.refuses = refuse_false(what, why);
            }
            // Every target takes it, to refuse `false` with the reason.
            self.use_param(StackId::Primary, &key);
        }
    }

    /// The function's own choices: its backup window, per-database metrics, logs and
    /// a concurrency reservation; adds their environment variables.
    pub(super) fn function_options(
        &mut self,
        f: &LambdaFunction,
        env: &mut Vec<(String, Expr)>,
    ) -> Option<Num> {
        let id = super::describe_id(&f.id);
        let path = |field: &str| format!("components.{}.{field}", f.id);
        if let Some(key) = self.export_input(
            &path("backup_window"),
            ParamKind::BackupWindow,
            None,
            &format!("Automated-backup window (UTC, hh:mm-hh:mm, at least 30 minutes) the databases of function {id} should have: its runs report a database whose window differs and wait out a backup in progress before taking a snapshot"),
        ) {
            env.push(("BACKUP_WINDOW".into(), self.use_param(StackId::Primary, &key)));
            self.notes.after_deploy.push(format!(
                "{key} does not change the databases of function {id}, which this bundle does not manage: each run reports, in a notification, every database whose preferred backup window differs, with the command that sets it (aws rds modify-db-instance --db-instance-identifier <id> --preferred-backup-window <window> --apply-immediately), and waits out an automated backup in progress (the instance is backing-up and refuses a snapshot meanwhile) before taking its snapshot."
            ));
        }
        if let Some(key) = self.export_input(
            &path("detailed_metrics"),
            ParamKind::Bool,
            Some("true"),
            &format!("Whether function {id} also publishes each metric per database (one more CloudWatch custom metric per database and metric), besides the totals the alarms watch"),
        ) {
            env.push(("DETAILED_METRICS".into(), self.use_param(StackId::Primary, &key)));
        }
        self.guard_input(
            &path("logging"),
            "the function's CloudWatch Logs",
            "they are the audit trail of every backup run and the only record of why one failed",
        );
        let reservation = path("reserved_concurrency");
        let name = super::interface::binding(self.plan, &reservation)?.to_string();
        // A plan setting: the plan's value (the module may default otherwise).
        let mut p = param(
            &name,
            ParamKind::Number,
            f.reserved_concurrency.map(|n| n.to_string()),
            &format!("Concurrent executions reserved for function {id}; unset, it reserves none (a reservation must leave the account at least 100 unreserved: check UnreservedConcurrentExecutions with aws lambda get-account-settings)"),
        );
        p.min = Some(1);
        p.max = Some(1000);
        p.optional = true;
        self.define_param(p);
        self.use_param(StackId::Primary, &name);
        self.notes.after_deploy.push(format!(
            "Setting {name} reserves that many concurrent executions for function {id} (reserved concurrency; unset, none). Lambda refuses a reservation that would leave the account's unreserved concurrency below its minimum (100 on accounts at the default quota of 1,000; new accounts can start with a quota of 10): check UnreservedConcurrentExecutions with `aws lambda get-account-settings` first, and request a quota increase if it is too low."
        ));
        Some(Num::Param(name))
    }

    /// The function's runtime: the export's, or the input the plan binds it to, which
    /// refuses python3.9 (a design's default that Lambda has deprecated) by name.
    pub(super) fn function_runtime(&mut self, f: &LambdaFunction) -> Expr {
        let path = format!("components.{}.runtime", f.id);
        let description = format!(
            "Python runtime of the backup function of component {}",
            super::describe_id(&f.id)
        );
        let e = self.bound_text(
            &path,
            super::lambda::RUNTIME,
            ParamKind::Runtime,
            StackId::Primary,
            &description,
        );
        if let Expr::Param(key) = &e {
            if let Some(p) = self.params.iter_mut().find(|p| &p.key == key) {
                p.refuses = vec![(
                    "python3.9".into(),
                    "python3.9 is deprecated by AWS Lambda: it gets no security patches, and Lambda stops creating and updating functions on it; use python3.12, python3.13 or python3.14.".into(),
                )];
            }
        }
        e
    }
}

/// A function's place in the caller's VPC (see `Ctx::function_vpc_option`).
pub(super) struct FunctionVpc {
    pub security_group: String,
    pub subnets: Expr,
    pub when: When,
    /// Resources that refer to the function's role, to add after it.
    pub later: Vec<Resource>,
}
