//! CDK (TypeScript) emitter: `bin/app.ts`, `lib/` (one module per stack, settings,
//! helpers), `package.json`, `tsconfig.json`, `cdk.json` and a README.

pub mod ts;

use self::ts::{identifier, string, TypeScript};
use super::cdk::render::{doc, print, Syntax};
use super::cdk::{program, Program, StackProgram, Stmt, MODULES};
use super::model::{InfraModel, ParamKind, StackId};
use super::text::comment_safe;
use super::{ExportError, GeneratedFile};

/// The app's npm manifest, with the CDK versions the validator synthesizes with.
const PACKAGE_JSON: &str = include_str!("../assets/cdk_typescript/package.json");
const TSCONFIG: &str = include_str!("../assets/cdk_typescript/tsconfig.json");
/// The settings loader's functions, after the generated `SPECS` and `Settings`.
const SETTINGS_LOADER: &str = include_str!("../assets/cdk_typescript/settings_loader.ts");
/// `lib/helpers.ts`: cdk-nag acknowledgments and small CDK idioms.
const HELPERS: &str = include_str!("../assets/cdk_typescript/helpers.ts");

const WIDTH: usize = 100;

pub fn emit(model: &InfraModel) -> Result<Vec<GeneratedFile>, ExportError> {
    let program = program(model)?;
    let mut files = vec![
        GeneratedFile::new("bin/app.ts", app(&program, model)),
        GeneratedFile::new(
            "cdk.json",
            super::cdk::project::cdk_json(&program, "npx ts-node --prefer-ts-exts bin/app.ts"),
        ),
        GeneratedFile::new("package.json", PACKAGE_JSON.to_string()),
        GeneratedFile::new("tsconfig.json", TSCONFIG.to_string()),
        GeneratedFile::new("lib/settings.ts", settings_module(&program)),
        GeneratedFile::new("lib/helpers.ts", HELPERS.to_string()),
    ];
    for stack in &program.stacks {
        files.push(GeneratedFile::new(
            format!("lib/{}-stack.ts", stack.stack.id()),
            stack_module(stack, model),
        ));
    }
    Ok(files)
}

fn stack_module(stack: &StackProgram, model: &InfraModel) -> String {
    let mut out = String::new();
    let what = match stack.stack {
        StackId::Primary => "Primary stack",
        StackId::Dr => "DR stack (deployed first)",
        StackId::Account => "Backup account stack (deployed first, in the backup account)",
    };
    out.push_str(&format!(
        "// {what} ({}) of the drplan export of plan {}.\n\n",
        comment_safe(model.region_of(stack.stack), 40),
        comment_safe(&model.plan_name, 120)
    ));
    out.push_str("import * as path from 'path';\n\nimport * as cdk from 'aws-cdk-lib';\n");
    for m in &stack.modules {
        if let Some((alias, p)) = MODULES.iter().find(|(a, _)| a == m) {
            if !p.is_empty() {
                out.push_str(&format!("import * as {alias} from 'aws-cdk-lib/{p}';\n"));
            }
        }
    }
    out.push_str("import { Construct } from 'constructs';\n\nimport * as helpers from './helpers';\nimport { Settings } from './settings';\n\n");
    out.push_str(&format!("export interface {}Props extends cdk.StackProps {{\n  readonly settings: Settings;\n}}\n\n", stack.class_name));
    out.push_str(&format!("export class {} extends cdk.Stack {{\n", stack.class_name));
    out.push_str(&format!(
        "  constructor(scope: Construct, id: string, props: {}Props) {{\n    super(scope, id, props);\n    const settings = props.settings;\n",
        stack.class_name
    ));
    statements(&mut out, &stack.body, 2);
    out.push_str("  }\n}\n");
    out
}

/// Statements at `level` (two spaces each).
fn statements(out: &mut String, body: &[Stmt], level: usize) {
    let pad = "  ".repeat(level);
    for st in body {
        match st {
            Stmt::Let(name, v) => {
                out.push_str(&format!("{pad}const {} = ", identifier(name)));
                print(out, &doc(&TypeScript, v), level, 2, WIDTH);
                out.push_str(";\n");
            }
            Stmt::Do(v) => {
                out.push_str(&pad);
                print(out, &doc(&TypeScript, v), level, 2, WIDTH);
                out.push_str(";\n");
            }
            Stmt::Comment(c) => out.push_str(&format!("{pad}// {}\n", comment_safe(c, 200))),
            Stmt::Blank => out.push('\n'),
            Stmt::IfSet(key, inner) => {
                out.push_str(&format!("{pad}if ({} !== '') {{\n", TypeScript.setting(key)));
                statements(out, inner, level + 1);
                out.push_str(&format!("{pad}}}\n"));
            }
            Stmt::ForEach(key, inner) => {
                out.push_str(&format!(
                    "{pad}for (const {} of {}) {{\n",
                    identifier(crate::export::cdk::FOR_EACH_VAR),
                    TypeScript.setting(key)
                ));
                statements(out, inner, level + 1);
                out.push_str(&format!("{pad}}}\n"));
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
    let mut out = String::from("// Deploy settings of this bundle, read from the CDK context: cdk.json, or -c key=value.\n\nimport { Construct } from 'constructs';\n\nexport interface Settings {\n");
    for s in &program.settings {
        let ty = match kind_name(s.kind) {
            "number" if s.optional => "number | undefined",
            "number" => "number",
            "list" => "string[]",
            _ => "string",
        };
        out.push_str(&format!("  readonly {}: {ty};\n", identifier(&s.key)));
    }
    out.push_str("}\n\n// context key, field, kind, pattern, minimum, maximum, default, environment variable, meaning\ntype Spec = [\n  string,\n  string,\n  string,\n  string | undefined,\n  number | undefined,\n  number | undefined,\n  string | undefined,\n  string | undefined,\n  string,\n];\n\nconst SPECS: Spec[] = [\n");
    for s in &program.settings {
        let text = |v: Option<&str>| v.map(string).unwrap_or_else(|| "undefined".into());
        let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_else(|| "undefined".into());
        out.push_str(&format!(
            "  [{}, {}, {}, {}, {}, {}, {}, {}, {}],\n",
            string(&s.context_key),
            string(&identifier(&s.key)),
            string(kind_name(s.kind)),
            text(s.pattern.as_deref()),
            num(s.min),
            num(s.max),
            // An optional setting's default is empty: it may stay unset.
            text(s.default.as_deref().or(s.optional.then_some(""))),
            text(s.env.as_deref()),
            string(&s.description)
        ));
    }
    out.push_str("];\n\n");
    out.push_str(SETTINGS_LOADER);
    out
}

fn app(program: &Program, model: &InfraModel) -> String {
    let mut out = String::new();
    out.push_str(&format!("#!/usr/bin/env node\n// CDK app generated by drplan from plan {}.\n// Deploy with the steps in README.md; `cdk deploy --all` deploys the DR stack first.\n\n", comment_safe(&model.plan_name, 120)));
    out.push_str(
        "import * as cdk from 'aws-cdk-lib';\nimport { AwsSolutionsChecks } from 'cdk-nag';\n\n",
    );
    for s in &program.stacks {
        out.push_str(&format!(
            "import {{ {} }} from '../lib/{}-stack';\n",
            s.class_name,
            s.stack.id()
        ));
    }
    out.push_str("import { loadSettings } from '../lib/settings';\n\n");
    out.push_str(&format!("const DESCRIPTION = {};\n\n", string(&program.description)));
    out.push_str("const app = new cdk.App();\nconst settings = loadSettings(app);\nconst account = process.env.CDK_DEFAULT_ACCOUNT;\n");
    let field = |key: &str| format!("settings.{}", identifier(program.input(key)));
    for s in &program.stacks {
        let account_field =
            format!("account: {}", field(crate::export::model::account::BACKUP_ACCOUNT_ID));
        let (var, account, region, label) = match s.stack {
            StackId::Account => (
                "backupAccount",
                account_field.as_str(),
                field(crate::export::model::account::BACKUP_ACCOUNT_REGION),
                "backup account stack, deployed first, in the backup account",
            ),
            StackId::Dr => ("dr", "account", field("dr_region"), "DR stack, deployed first"),
            StackId::Primary => ("primary", "account", field("primary_region"), "primary stack"),
        };
        out.push_str(&format!(
            "const {var} = new {}(app, {} + {}, {{\n  settings,\n  env: {{ {account}, region: {region} }},\n  description: DESCRIPTION + {},\n}});\n",
            s.class_name,
            field("project_name"),
            string(&format!("-{}", s.stack.id())),
            string(&format!(": {label}"))
        ));
    }
    if program.stacks.iter().any(|s| s.stack == StackId::Dr) {
        out.push_str(
            "// The primary stack's replication rules, copy actions and replica keys name what the DR stack creates.\nprimary.addStackDependency(dr);\n",
        );
    }
    if program.stacks.iter().any(|s| s.stack == StackId::Account) {
        out.push_str(
            "// The primary stack's copy actions name the backup account's vault: that stack is deployed first.\nprimary.addStackDependency(backupAccount);\n",
        );
    }
    out.push_str(&format!(
        "const tags: [string, string][] = [\n  ['Project', {}],\n  ['Environment', {}],\n  ['ManagedBy', 'drplan'],\n];\nfor (const [key, value] of tags) {{\n  cdk.Tags.of(app).add(key, value);\n}}\n",
        field("project_name"),
        field("environment")
    ));
    out.push_str("// Acknowledged findings are written into the templates (cdk_nag metadata) as an audit trail.\n");
    let checks = "cdk.Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));\n";
    if program.settings.iter().any(|s| s.key == crate::export::model::ADOPTION_STEP) {
        // Step one of an adoption declares imported buckets by name only, which the
        // checks would refuse: they run on step two's synth.
        out.push_str(&format!("if (settings.adoptionStep !== 'import') {{\n  {checks}}}\n"));
    } else {
        out.push_str(checks);
    }
    out.push_str("app.synth();\n");
    out
}
