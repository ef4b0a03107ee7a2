//! A Terraform bundle as the rules read it: every `.tf` file parsed as HCL (with
//! hcl-rs, the same grammar Terraform reads), grouped by directory so that a module
//! and the root that calls it are told apart.

use std::collections::BTreeMap;

use drplan::export::GeneratedFile;
use hcl::{Block, Body, Expression};

/// One top-level block (`resource "aws_s3_bucket" "x" { ... }`).
#[derive(Clone, Debug)]
pub struct TfBlock {
    /// Directory of the file, `""` for the root.
    pub dir: String,
    pub file: String,
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Body,
}

impl TfBlock {
    /// `aws_s3_bucket.x` (resources), `data.aws_iam_policy_document.x`, `var.x`, ...
    pub fn address(&self) -> String {
        match self.kind.as_str() {
            "resource" => self.labels.join("."),
            "data" => format!("data.{}", self.labels.join(".")),
            "variable" => format!("var.{}", self.labels.join(".")),
            "module" => format!("module.{}", self.labels.join(".")),
            other => format!("{other}.{}", self.labels.join(".")),
        }
    }

    pub fn ty(&self) -> &str {
        self.labels.first().map(String::as_str).unwrap_or("")
    }

    pub fn attr(&self, name: &str) -> Option<&Expression> {
        attr(&self.body, name)
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.attr(name).map(text)
    }

    /// Where the block is, for findings.
    pub fn at(&self) -> String {
        let dir = if self.dir.is_empty() { String::new() } else { format!("{}/", self.dir) };
        format!("terraform {dir}{} {}", self.file, self.address())
    }
}

/// An attribute of a body.
pub fn attr<'a>(body: &'a Body, name: &str) -> Option<&'a Expression> {
    body.attributes().find(|a| a.key.as_str() == name).map(|a| &a.expr)
}

/// Nested blocks of a body with the given identifier.
pub fn blocks<'a>(body: &'a Body, name: &'a str) -> impl Iterator<Item = &'a Block> + 'a {
    body.blocks().filter(move |b| b.identifier.as_str() == name)
}

/// An expression as Terraform source text.
pub fn text(expr: &Expression) -> String {
    hcl::format::to_string(expr).unwrap_or_default()
}

/// The configuration, by directory.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub blocks: Vec<TfBlock>,
}

impl Config {
    pub fn read(files: &[GeneratedFile]) -> Config {
        let mut blocks = Vec::new();
        for f in files.iter().filter(|f| f.path.ends_with(".tf")) {
            let (dir, file) = match f.path.rsplit_once('/') {
                Some((d, n)) => (d.to_string(), n.to_string()),
                None => (String::new(), f.path.clone()),
            };
            let body = hcl::parse(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path));
            for b in body.blocks() {
                blocks.push(TfBlock {
                    dir: dir.clone(),
                    file: file.clone(),
                    kind: b.identifier.as_str().to_string(),
                    labels: b.labels.iter().map(|l| l.as_str().to_string()).collect(),
                    body: b.body.clone(),
                });
            }
        }
        Config { blocks }
    }

    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a TfBlock> + 'a {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }

    pub fn resources<'a>(&'a self, ty: &'a str) -> impl Iterator<Item = &'a TfBlock> + 'a {
        self.of_kind("resource").filter(move |b| b.ty() == ty)
    }

    /// Directories that hold configuration (the root is `""`).
    pub fn dirs(&self) -> Vec<String> {
        let mut d: Vec<String> = self.blocks.iter().map(|b| b.dir.clone()).collect();
        d.sort();
        d.dedup();
        d
    }

    /// All blocks of one directory (one Terraform module).
    pub fn in_dir<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = &'a TfBlock> + 'a {
        self.blocks.iter().filter(move |b| b.dir == dir)
    }

    /// The source text of one module (its directory), for reference searches.
    pub fn module_text(&self, dir: &str) -> String {
        self.in_dir(dir)
            .map(|b| hcl::format::to_string(&b.body).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// `(dir, address)` pairs of resources grouped per module, as `BTreeMap<dir, Vec<address>>`.
pub fn addresses_by_dir(config: &Config) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for b in config.of_kind("resource") {
        out.entry(b.dir.clone()).or_default().push(b.address());
    }
    out
}

/// One statement of an `aws_iam_policy_document`, as plain strings.
#[derive(Clone, Debug, Default)]
pub struct DocStatement {
    pub sid: String,
    pub effect: String,
    pub actions: Vec<String>,
    /// `(type, identifiers)` of each `principals` block.
    pub principals: Vec<(String, Vec<String>)>,
    pub resources: Vec<String>,
}

impl DocStatement {
    pub fn allows_service(&self, service: &str, action: &str) -> bool {
        self.effect != "Deny"
            && self
                .principals
                .iter()
                .any(|(t, ids)| t == "Service" && ids.iter().any(|i| i == service))
            && self.actions.iter().any(|a| super::cfn::action_matches(a, action))
    }
}

/// The strings of a list expression (string literals as their text, anything else as source text).
pub fn strings(expr: Option<&Expression>) -> Vec<String> {
    match expr {
        Some(Expression::Array(items)) => items.iter().map(string).collect(),
        Some(other) => vec![string(other)],
        None => Vec::new(),
    }
}

/// A string literal's text, or an expression's source text.
pub fn string(expr: &Expression) -> String {
    match expr {
        Expression::String(s) => s.clone(),
        other => text(other),
    }
}

/// Statements of `data.aws_iam_policy_document.<name>` in a directory.
pub fn policy_statements(config: &Config, dir: &str, name: &str) -> Vec<DocStatement> {
    let Some(doc) = config.in_dir(dir).find(|b| {
        b.kind == "data"
            && b.ty() == "aws_iam_policy_document"
            && b.labels.get(1).map(String::as_str) == Some(name)
    }) else {
        return Vec::new();
    };
    blocks(&doc.body, "statement")
        .map(|s| DocStatement {
            sid: attr(&s.body, "sid").map(string).unwrap_or_default(),
            effect: attr(&s.body, "effect").map(string).unwrap_or_else(|| "Allow".into()),
            actions: strings(attr(&s.body, "actions")),
            principals: blocks(&s.body, "principals")
                .map(|p| {
                    (
                        attr(&p.body, "type").map(string).unwrap_or_default(),
                        strings(attr(&p.body, "identifiers")),
                    )
                })
                .collect(),
            resources: strings(attr(&s.body, "resources")),
        })
        .collect()
}

/// The `name` of `data.aws_iam_policy_document.<name>.json`, when an expression is one.
pub fn policy_document_name(expr: Option<&Expression>) -> Option<String> {
    let t = text(expr?);
    let rest = t.strip_prefix("data.aws_iam_policy_document.")?;
    Some(rest.trim_end_matches(".json").to_string())
}

/// `(type, name)` of the resource an expression like `aws_sns_topic.alerts.arn` refers to.
pub fn referenced(expr: &Expression) -> Option<(String, String)> {
    let t = text(expr);
    let t = t.trim_matches('"').trim_start_matches("${").trim_end_matches('}');
    let mut parts = t.split('.');
    let ty = parts.next()?;
    let name = parts.next()?;
    if !ty.starts_with("aws_") {
        return None;
    }
    Some((ty.to_string(), name.split('[').next().unwrap_or(name).to_string()))
}
