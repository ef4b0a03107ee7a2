//! Infrastructure-as-code export: a plan becomes a ready-to-deploy bundle of files
//! for AWS CDK (Python or TypeScript), Terraform or CloudFormation.
//!
//! ```text
//!   Plan ──validate──▶ model::build ──▶ InfraModel ──┬─ cloudformation::emit ─▶ [GeneratedFile]
//!                                                   ├─ terraform::emit
//!                                                   ├─ cdk_python::emit     (via cdk::program)
//!                                                   └─ cdk_typescript::emit (via cdk::program)
//! ```
//!
//! * [`model`] holds all AWS knowledge: resources, properties, references, regions,
//!   parameters, outputs, IAM statements and the secure defaults. It is built once.
//! * Each emitter is a pure function of the model. Per-target quoting and naming
//!   live in `cloudformation::yaml`, `terraform::hcl`, `cdk_python::py` and
//!   `cdk_typescript::ts`, each with its own tests.
//! * Pure and deterministic: no IO, no clocks, `Vec`/`BTreeMap` only; the same plan
//!   gives byte-identical files. Nothing here panics on any input.
//!
//! The web app zips [`export_all`] (or [`export`] for one target) in the browser; the
//! CLI writes the same files to disk.

pub mod cdk;
pub mod cdk_python;
pub mod cdk_typescript;
pub mod cloudformation;
mod deploy;
pub mod model;
pub mod protocol;
mod readme;
mod readme_existing;
mod readme_inputs;
pub mod runbook;
pub mod terraform;
pub mod text;

use crate::plan::{validate, Diagnostic, Plan, Severity};

/// An export target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    CdkPython,
    CdkTypescript,
    Terraform,
    Cloudformation,
}

impl Target {
    pub const ALL: [Target; 4] =
        [Target::CdkPython, Target::CdkTypescript, Target::Terraform, Target::Cloudformation];

    /// The id used on the command line and as the bundle's directory name.
    pub fn id(self) -> &'static str {
        match self {
            Target::CdkPython => "cdk-python",
            Target::CdkTypescript => "cdk-typescript",
            Target::Terraform => "terraform",
            Target::Cloudformation => "cloudformation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Target::CdkPython => "AWS CDK (Python)",
            Target::CdkTypescript => "AWS CDK (TypeScript)",
            Target::Terraform => "Terraform",
            Target::Cloudformation => "CloudFormation",
        }
    }

    pub fn from_id(id: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// One file of a bundle, with a relative path using `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    pub contents: String,
}

impl GeneratedFile {
    pub fn new(path: impl Into<String>, contents: impl Into<String>) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into() }
    }
}

/// Why a plan cannot be exported.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportError {
    /// The plan has validation errors (all diagnostics, warnings included).
    InvalidPlan(Vec<Diagnostic>),
    /// A component asks for something a target (or every target) cannot express.
    Unsupported {
        /// `None` when no target can express it.
        target: Option<Target>,
        component: String,
        reason: String,
    },
}

impl ExportError {
    pub(crate) fn unsupported(component: &str, reason: String) -> ExportError {
        ExportError::Unsupported { target: None, component: component.to_string(), reason }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::InvalidPlan(diagnostics) => {
                let errors: Vec<&Diagnostic> =
                    diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
                write!(f, "invalid plan ({} error(s))", errors.len())?;
                if let Some(first) = errors.first() {
                    write!(f, "; first: {}: {}", first.path, first.message)?;
                }
                Ok(())
            }
            ExportError::Unsupported { target, component, reason } => {
                let id = text::comment_safe(component, 60);
                match target {
                    Some(t) => {
                        write!(f, "{} cannot express component \"{id}\": {reason}", t.label())
                    }
                    None => write!(f, "component \"{id}\" cannot be exported: {reason}"),
                }
            }
        }
    }
}

impl std::error::Error for ExportError {}

/// The bundle of one target for a valid plan. Plans with validation errors are
/// refused with their diagnostics.
pub fn export(plan: &Plan, target: Target) -> Result<Vec<GeneratedFile>, ExportError> {
    let diagnostics = validate(plan);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(ExportError::InvalidPlan(diagnostics));
    }
    export_unchecked(plan, target)
}

/// Every target's bundle, each file under its target's directory
/// (`terraform/main.tf`, `cdk-python/app.py`, ...), in [`Target::ALL`] order.
pub fn export_all(plan: &Plan) -> Result<Vec<GeneratedFile>, ExportError> {
    let diagnostics = validate(plan);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(ExportError::InvalidPlan(diagnostics));
    }
    let model = model::build(plan)?;
    let mut files = Vec::new();
    for target in Target::ALL {
        for f in bundle(plan, &model, target)? {
            files.push(GeneratedFile {
                path: format!("{}/{}", target.id(), f.path),
                contents: f.contents,
            });
        }
    }
    Ok(files)
}

/// [`export`] without validation. Exists so that tests can feed hostile values that
/// validation would reject and check that the output stays safe; the app and the
/// CLI always validate first.
pub fn export_unchecked(plan: &Plan, target: Target) -> Result<Vec<GeneratedFile>, ExportError> {
    let model = model::build(plan)?;
    bundle(plan, &model, target)
}

/// [`emit`] plus the bundle's recovery runbook (RUNBOOK.md), which needs the plan.
fn bundle(
    plan: &Plan,
    model: &model::InfraModel,
    target: Target,
) -> Result<Vec<GeneratedFile>, ExportError> {
    let mut files = emit(model, target)?;
    files.push(runbook::file(plan, model, target));
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// One target's bundle from a model.
pub fn emit(model: &model::InfraModel, target: Target) -> Result<Vec<GeneratedFile>, ExportError> {
    let offered = model::offered_in(model, target)?;
    let model: &model::InfraModel = &offered;
    let mut files = match target {
        Target::Cloudformation => cloudformation::emit(model)?,
        Target::Terraform => terraform::emit(model)?,
        Target::CdkPython => cdk_python::emit(model)?,
        Target::CdkTypescript => cdk_typescript::emit(model)?,
    };
    // The README is written here, from the emitted files, so that the emitters never
    // depend on the README (which names their resources and files).
    let template_bytes: Vec<(model::StackId, usize)> = match target {
        Target::Cloudformation => model
            .stacks
            .iter()
            .filter_map(|&stack| {
                let name = cloudformation::template_file(stack);
                files.iter().find(|f| f.path == name).map(|f| (stack, f.contents.len()))
            })
            .collect(),
        _ => Vec::new(),
    };
    files.push(GeneratedFile::new("README.md", readme::render(model, target, &template_bytes)));
    // Terraform zips the code from inside its module.
    let prefix = match target {
        Target::Terraform => format!("{}/", terraform::module_dir(model)),
        _ => String::new(),
    };
    for asset in &model.assets {
        files.push(GeneratedFile::new(format!("{prefix}{}", asset.path), asset.contents));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
