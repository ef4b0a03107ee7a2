//! A bundle's interface read back from its files, the way its user meets it: the
//! CloudFormation templates' parameters and outputs, the Terraform module's and
//! root's variables and outputs, the CDK apps' context keys (from their settings
//! files) and outputs. Both CDK apps must agree.

#![allow(dead_code)]

pub mod seeds;

use std::collections::BTreeMap;

use drplan::export::{export, GeneratedFile, Target};
use drplan::plan::Plan;
use serde_json::{json, Value};

use crate::rules::cfn::from_yaml;
use crate::rules::tf::{attr, text, Config};

/// One input: its name in the target, type, default (`None`: required) and, for
/// CDK, the environment variable it is also read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Input {
    pub name: String,
    pub kind: String,
    pub default: Option<String>,
    pub env: Option<String>,
}

impl Input {
    fn json(&self) -> Value {
        let mut v = json!({ "name": self.name, "type": self.kind, "default": self.default });
        if let Some(e) = &self.env {
            v["env"] = json!(e);
        }
        v
    }
}

/// What a target's user sets and reads back. Terraform has two levels: the module
/// (`module_*`) and the root that calls it (`inputs`, `outputs`).
#[derive(Clone, Debug, Default)]
pub struct Interface {
    pub inputs: Vec<Input>,
    pub outputs: Vec<String>,
    pub module_dir: Option<String>,
    pub module_inputs: Vec<Input>,
    pub module_outputs: Vec<String>,
    pub files: Vec<GeneratedFile>,
}

impl Interface {
    pub fn input(&self, name: &str) -> Option<&Input> {
        self.inputs.iter().find(|i| i.name == name)
    }

    pub fn module_input(&self, name: &str) -> Option<&Input> {
        self.module_inputs.iter().find(|i| i.name == name)
    }

    pub fn file(&self, path: &str) -> &str {
        self.files.iter().find(|f| f.path == path).map(|f| f.contents.as_str()).unwrap_or("")
    }

    /// The golden form.
    pub fn json(&self) -> String {
        let list = |inputs: &[Input]| inputs.iter().map(Input::json).collect::<Vec<_>>();
        let mut v = json!({ "inputs": list(&self.inputs), "outputs": self.outputs });
        if let Some(dir) = &self.module_dir {
            v["module"] = json!({
                "directory": dir,
                "variables": list(&self.module_inputs),
                "outputs": self.module_outputs,
            });
        }
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    }
}

/// The interface of a plan's bundle in one target.
pub fn of(plan: &Plan, target: Target) -> Interface {
    let files = export(plan, target).unwrap_or_else(|e| panic!("{}: {e}", target.id()));
    let mut i = match target {
        Target::Cloudformation => cloudformation(&files),
        Target::Terraform => terraform(&files),
        Target::CdkPython => cdk(&files, "stacks/settings.py", true),
        Target::CdkTypescript => cdk(&files, "lib/settings.ts", false),
    };
    i.files = files;
    i
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn cloudformation(files: &[GeneratedFile]) -> Interface {
    let mut out = Interface::default();
    for f in files.iter().filter(|f| f.path.ends_with(".yaml") && !f.path.contains('/')) {
        if f.path.ends_with(".import.yaml") {
            continue;
        }
        let t = from_yaml(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        for (name, p) in t["Parameters"].as_object().into_iter().flatten() {
            if out.input(name).is_none() {
                out.inputs.push(Input {
                    name: name.clone(),
                    kind: scalar(&p["Type"]),
                    default: p.get("Default").map(scalar),
                    env: None,
                });
            }
        }
        for name in t["Outputs"].as_object().into_iter().flatten().map(|(k, _)| k) {
            if !out.outputs.contains(name) {
                out.outputs.push(name.clone());
            }
        }
    }
    out
}

fn variables(config: &Config, dir: &str) -> Vec<Input> {
    config
        .in_dir(dir)
        .filter(|b| b.kind == "variable")
        .map(|b| Input {
            name: b.labels[0].clone(),
            kind: b.text("type").unwrap_or_default(),
            default: attr(&b.body, "default")
                .map(|d| text(d).split_whitespace().collect::<Vec<_>>().join(" "))
                .map(|d| d.trim_matches('"').to_string()),
            env: None,
        })
        .collect()
}

fn outputs(config: &Config, dir: &str) -> Vec<String> {
    config.in_dir(dir).filter(|b| b.kind == "output").map(|b| b.labels[0].clone()).collect()
}

fn terraform(files: &[GeneratedFile]) -> Interface {
    let config = Config::read(files);
    let module_dir = config.dirs().into_iter().find(|d| d.starts_with("modules/"));
    let mut out = Interface {
        inputs: variables(&config, ""),
        outputs: outputs(&config, ""),
        ..Interface::default()
    };
    if let Some(dir) = module_dir {
        out.module_inputs = variables(&config, &dir);
        out.module_outputs = outputs(&config, &dir);
        out.module_dir = Some(dir);
    }
    out
}

/// The quoted strings and bare words of one `SPECS` row, in order.
fn row_fields(row: &str) -> Vec<Option<String>> {
    let mut fields = Vec::new();
    let mut chars = row.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                let mut s = String::new();
                while let Some(d) = chars.next() {
                    match d {
                        '\\' => s.extend(chars.next()),
                        d if d == c => break,
                        d => s.push(d),
                    }
                }
                fields.push(Some(s));
            }
            c if c.is_ascii_alphanumeric() => {
                let mut word = c.to_string();
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        word.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                let bare = matches!(word.as_str(), "None" | "undefined");
                fields.push(if bare { None } else { Some(word) });
            }
            _ => {}
        }
    }
    fields
}

fn cdk(files: &[GeneratedFile], settings: &str, python: bool) -> Interface {
    let text = files.iter().find(|f| f.path == settings).map(|f| f.contents.as_str()).unwrap_or("");
    let specs = text.split("SPECS").nth(1).unwrap_or("");
    let mut out = Interface::default();
    for line in specs.lines().map(str::trim) {
        if !(line.starts_with('(') || line.starts_with('[')) || !line.ends_with(',') {
            continue;
        }
        let f = row_fields(line);
        if f.len() < 9 {
            continue;
        }
        // Python rows: field, key, ...; TypeScript rows: key, field, ...
        let key = if python { &f[1] } else { &f[0] };
        out.inputs.push(Input {
            name: key.clone().unwrap_or_default(),
            kind: f[2].clone().unwrap_or_default(),
            default: f[6].clone(),
            env: f[7].clone(),
        });
    }
    let marker = if python { "cdk.CfnOutput(" } else { "new cdk.CfnOutput(this, " };
    for f in files.iter().filter(|f| f.path.ends_with(".py") || f.path.ends_with(".ts")) {
        for part in f.contents.split(marker).skip(1) {
            let id = row_fields(part.split(['{', '=']).next().unwrap_or(""));
            if let Some(Some(name)) = id.into_iter().find(|x| x.as_deref() != Some("self")) {
                out.outputs.push(name);
            }
        }
    }
    out
}

/// Every target's interface of a plan.
pub fn all(plan: &Plan) -> BTreeMap<Target, Interface> {
    Target::ALL.iter().map(|t| (*t, of(plan, *t))).collect()
}
