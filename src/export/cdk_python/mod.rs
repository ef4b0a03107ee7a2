//! CDK (Python) emitter: `app.py`, `cdk.json` (settings as context values, such as
//! seed 000's `notification_email`, `dr_region` and `backup_retention_days`),
//! `requirements.txt`, the `stacks` package (one module per stack, settings,
//! helpers) and a README.

pub mod py;

use self::py::{identifier, string, Python};
use super::cdk::render::{doc, print, Syntax};
use super::cdk::{program, Program, StackProgram, Stmt, MODULES};
use super::model::{InfraModel, ParamKind, StackId};
use super::text::comment_safe;
use super::{ExportError, GeneratedFile};

/// The settings loader's functions, after the generated `SPECS` and `Settings` (a
/// real Python file, so tests can compile it).
const SETTINGS_LOADER: &str = include_str!("../assets/cdk_python/settings_loader.py");
/// `stacks/helpers.py`: cdk-nag acknowledgments and small CDK idioms.
const HELPERS: &str = include_str!("../assets/cdk_python/helpers.py");

const WIDTH: usize = 100;

pub fn emit(model: &InfraModel) -> Result<Vec<GeneratedFile>, ExportError> {
    let program = program(model)?;
    let mut files = vec![
        GeneratedFile::new("app.py", app(&program, model)),
        GeneratedFile::new("cdk.json", super::cdk::project::cdk_json(&program, "python3 app.py")),
        GeneratedFile::new(
            "requirements.txt",
            "aws-cdk-lib==2.275.0\nconstructs==10.8.1\ncdk-nag==3.0.2\n",
        ),
        GeneratedFile::new(
            "stacks/__init__.py",
            format!(
                "\"\"\"Stacks of the drplan export of plan {}.\"\"\"\n",
                comment_safe(&model.plan_name, 80).replace('"', "'").replace('\\', "/")
            ),
        ),
        GeneratedFile::new("stacks/settings.py", settings_module(&program)),
        GeneratedFile::new("stacks/helpers.py", HELPERS.to_string()),
    ];
    for stack in &program.stacks {
        files.push(GeneratedFile::new(
            format!("stacks/{}_stack.py", stack.stack.id().replace('-', "_")),
            stack_module(stack, model),
        ));
    }
    Ok(files)
}

fn docstring(text: &str) -> String {
    // Docstrings carry only comment-safe text, without quotes or backslashes.
    comment_safe(text, 200).replace('"', "'").replace('\\', "/")
}

fn stack_module(stack: &StackProgram, model: &InfraModel) -> String {
    let mut out = String::new();
    let region = model.region_of(stack.stack);
    let what = match stack.stack {
        StackId::Primary => "Primary stack",
        StackId::Dr => "DR stack (deployed first)",
        StackId::Account => "Backup account stack (deployed first, in the backup account)",
    };
    out.push_str(&format!(
        "\"\"\"{what} ({}) of the drplan export of plan {}.\"\"\"\n\n",
        docstring(region),
        docstring(&model.plan_name)
    ));
    out.push_str("import os\n\nimport aws_cdk as cdk\n");
    let mut froms = Vec::new();
    for m in &stack.modules {
        if let Some((alias, path)) = MODULES.iter().find(|(a, _)| a == m) {
            if !path.is_empty() {
                froms.push(format!(
                    "from aws_cdk import {} as {}",
                    path.replace('-', "_"),
                    Python.module(alias)
                ));
            }
        }
    }
    froms.sort();
    for f in froms {
        out.push_str(&f);
        out.push('\n');
    }
    out.push_str("from constructs import Construct\n\nfrom . import helpers\nfrom .settings import Settings\n\n");
    out.push_str(
        "# The bundle's root: Lambda code lives in its lambda/ directory.\nBUNDLE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n\n\n",
    );
    out.push_str(&format!("class {}(cdk.Stack):\n", stack.class_name));
    out.push_str(&format!("    \"\"\"{what} of the plan, in {}.\"\"\"\n\n", docstring(region)));
    out.push_str("    def __init__(self, scope: Construct, construct_id: str, *, settings: Settings, **kwargs) -> None:\n");
    out.push_str("        super().__init__(scope, construct_id, **kwargs)\n");
    statements(&mut out, &stack.body, 2);
    out
}

/// Statements at `level` (four spaces each).
fn statements(out: &mut String, body: &[Stmt], level: usize) {
    let pad = "    ".repeat(level);
    for st in body {
        match st {
            Stmt::Let(name, v) => {
                out.push_str(&format!("{pad}{} = ", identifier(name)));
                print(out, &doc(&Python, v), level, 4, WIDTH);
                out.push('\n');
            }
            Stmt::Do(v) => {
                out.push_str(&pad);
                print(out, &doc(&Python, v), level, 4, WIDTH);
                out.push('\n');
            }
            Stmt::Comment(c) => out.push_str(&format!("{pad}# {}\n", comment_safe(c, 200))),
            Stmt::Blank => out.push('\n'),
            Stmt::IfSet(key, inner) => {
                out.push_str(&format!("{pad}if {}:\n", Python.setting(key)));
                statements(out, inner, level + 1);
            }
            Stmt::ForEach(key, inner) => {
                out.push_str(&format!(
                    "{pad}for {} in {}:\n",
                    identifier(crate::export::cdk::FOR_EACH_VAR),
                    Python.setting(key)
                ));
                statements(out, inner, level + 1);
            }
        }
    }
}

fn kind_name(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::Number => "number",
        k if k.is_list() => "list",
        _ => "text",
    }
}

fn settings_module(program: &Program) -> String {
    let optional_number =
        program.settings.iter().any(|s| s.optional && kind_name(s.kind) == "number");
    let typing = if optional_number { "List, Optional" } else { "List" };
    let mut out = format!(
        "\"\"\"Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.\"\"\"\n\nimport os\nimport re\nfrom dataclasses import dataclass\nfrom typing import {typing}\n\nfrom constructs import Construct\n\n\n@dataclass(frozen=True)\nclass Settings:\n    \"\"\"The values every stack of the bundle reads.\"\"\"\n\n",
    );
    for s in &program.settings {
        let ty = match kind_name(s.kind) {
            "number" if s.optional => "Optional[int]",
            "number" => "int",
            "list" => "List[str]",
            _ => "str",
        };
        out.push_str(&format!("    {}: {ty}\n", identifier(&s.key)));
    }
    out.push_str("\n\n# field, context key, kind, pattern, minimum, maximum, default, environment variable, meaning\nSPECS = [\n");
    for s in &program.settings {
        out.push_str(&format!(
            "    ({}, {}, {}, {}, {}, {}, {}, {}, {}),\n",
            string(&identifier(&s.key)),
            string(&s.context_key),
            string(kind_name(s.kind)),
            opt_str(s.pattern.as_deref()),
            opt_num(s.min),
            opt_num(s.max),
            // An optional setting's default is empty: it may stay unset.
            opt_str(s.default.as_deref().or(s.optional.then_some(""))),
            opt_str(s.env.as_deref()),
            string(&s.description)
        ));
    }
    out.push_str("]\n\n\n");
    out.push_str(SETTINGS_LOADER);
    out
}

fn opt_str(v: Option<&str>) -> String {
    v.map(string).unwrap_or_else(|| "None".into())
}

fn opt_num(v: Option<u32>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "None".into())
}

fn app(program: &Program, model: &InfraModel) -> String {
    let mut out = String::new();
    out.push_str("#!/usr/bin/env python3\n");
    out.push_str(&format!(
        "\"\"\"CDK app generated by drplan from plan {}.\n\nDeploy with the steps in README.md; `cdk deploy --all` deploys the DR stack first.\n\"\"\"\n\n",
        docstring(&model.plan_name)
    ));
    out.push_str("import os\n\nimport aws_cdk as cdk\nfrom cdk_nag import AwsSolutionsChecks\n\n");
    for s in &program.stacks {
        out.push_str(&format!(
            "from stacks.{}_stack import {}\n",
            s.stack.id().replace('-', "_"),
            s.class_name
        ));
    }
    out.push_str("from stacks.settings import load_settings\n\n");
    out.push_str(&format!("DESCRIPTION = {}\n\n", string(&program.description)));
    out.push_str("app = cdk.App()\nsettings = load_settings(app)\naccount = os.environ.get(\"CDK_DEFAULT_ACCOUNT\")\n");
    let field = |key: &str| format!("settings.{}", identifier(program.input(key)));
    for s in &program.stacks {
        let account_field = field(crate::export::model::account::BACKUP_ACCOUNT_ID);
        let (var, account, region, label) = match s.stack {
            StackId::Account => (
                "backup_account",
                account_field.as_str(),
                field(crate::export::model::account::BACKUP_ACCOUNT_REGION),
                "backup account stack, deployed first, in the backup account",
            ),
            StackId::Dr => ("dr", "account", field("dr_region"), "DR stack, deployed first"),
            StackId::Primary => ("primary", "account", field("primary_region"), "primary stack"),
        };
        out.push_str(&format!(
            "{var} = {}(\n    app,\n    {} + {},\n    settings=settings,\n    env=cdk.Environment(account={account}, region={region}),\n    description=DESCRIPTION + {},\n)\n",
            s.class_name,
            field("project_name"),
            string(&format!("-{}", s.stack.id())),
            string(&format!(": {label}"))
        ));
    }
    if program.stacks.iter().any(|s| s.stack == StackId::Dr) {
        out.push_str(
            "# The primary stack's replication rules, copy actions and replica keys name what the DR stack creates.\nprimary.add_stack_dependency(dr)\n",
        );
    }
    if program.stacks.iter().any(|s| s.stack == StackId::Account) {
        out.push_str(
            "# The primary stack's copy actions name the backup account's vault: that stack is deployed first.\nprimary.add_stack_dependency(backup_account)\n",
        );
    }
    out.push_str(&format!(
        "for key, value in ((\"Project\", {}), (\"Environment\", {}), (\"ManagedBy\", \"drplan\")):\n    cdk.Tags.of(app).add(key, value)\n",
        field("project_name"),
        field("environment")
    ));
    out.push_str(
        "# Acknowledged findings are written into the templates (cdk_nag metadata) as an audit trail.
cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app, write_suppressions_to_cloud_formation=True))\n",
    );
    if program.settings.iter().any(|s| s.key == crate::export::model::ADOPTION_STEP) {
        // Step one of an adoption declares imported buckets by name only, which the
        // checks would refuse: they run on step two's synth.
        out = out.replace(
            "cdk.Validations.of(app).add_plugins(",
            "if settings.adoption_step != \"import\":\n    cdk.Validations.of(app).add_plugins(",
        );
    }
    out.push_str("app.synth()\n");
    out
}
