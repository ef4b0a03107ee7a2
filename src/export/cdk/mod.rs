//! A language-neutral CDK program: the constructs, calls and values both CDK
//! bundles contain, built once from the model ([`build`]) and rendered by
//! `cdk_python` and `cdk_typescript`. Keeping one program guarantees that the two
//! CDK bundles say the same thing, construct for construct.
//!
//! Names in the program are neutral: variables are kebab-case model names, members
//! and properties are jsii camelCase names (`bucketArn`, `enforceSSL`), which the
//! Python renderer converts to snake_case as jsii does.

mod build;
mod build_backup;
mod build_data;
mod build_iam;
mod build_ops;
pub mod project;
pub mod render;

pub use build::{program, setting_applies, FOR_EACH_VAR};

use super::model::{Kind, ParamKind, Resource, StackId};
use super::ExportError;

/// A value or expression.
#[derive(Clone, Debug, PartialEq)]
pub enum V {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A local variable, by its kebab-case name.
    Var(String),
    /// `self` / `this`.
    This,
    /// A deploy setting (context value), by its snake_case key.
    Setting(String),
    /// An optional setting: its value, or nothing (None, undefined) while it is
    /// empty, so that the property it sets is left out.
    OptionalSetting(String),
    /// `object.member` (camelCase member; constants in UPPER_CASE are kept).
    Member(Box<V>, String),
    /// `object.method(args..., props)`.
    Call(Box<V>, String, Vec<V>, Vec<(String, V)>),
    /// A number setting used as text (an environment variable).
    AsText(Box<V>),
    /// A class of a module: `s3.Bucket`, `route53.CfnHealthCheck.HealthCheckConfigProperty`.
    Class(&'static str, String),
    /// Construct or class instantiation with trailing props: Python keyword
    /// arguments, TypeScript object literal.
    New {
        class: Box<V>,
        args: Vec<V>,
        props: Vec<(String, V)>,
    },
    /// A struct (data type): Python `Class(field=...)`, TypeScript `{ field: ... }`.
    Struct {
        class: Box<V>,
        fields: Vec<(String, V)>,
    },
    /// `Class.method(args..., props)`.
    StaticCall {
        class: Box<V>,
        method: String,
        args: Vec<V>,
        props: Vec<(String, V)>,
    },
    List(Vec<V>),
    /// A string-keyed map literal (IAM conditions, environment variables, JSON objects).
    Dict(Vec<(String, V)>),
    /// String concatenation (tokens are strings in both languages).
    Concat(Vec<V>),
    /// The path of a directory of the bundle (`lambda/backup`), resolved against the
    /// bundle's root so that `cdk` may run from anywhere.
    AssetPath(String),
    /// A function of the bundle's own `helpers` module (camelCase name):
    /// `acknowledgeWildcards`, `regionMap`, `defaultChild`.
    Helper(String, Vec<V>),
    /// `then` when the text setting `key` equals `value`, else `otherwise`.
    WhenSetting {
        key: String,
        value: String,
        then: Box<V>,
        otherwise: Box<V>,
    },
}

pub fn class(module: &'static str, name: &str) -> V {
    V::Class(module, name.to_string())
}

pub fn new(module: &'static str, name: &str, args: Vec<V>, props: Vec<(&str, V)>) -> V {
    V::New { class: Box::new(class(module, name)), args, props: owned(props) }
}

pub fn structure(module: &'static str, name: &str, fields: Vec<(&str, V)>) -> V {
    V::Struct { class: Box::new(class(module, name)), fields: owned(fields) }
}

pub fn static_call(module: &'static str, name: &str, method: &str, args: Vec<V>) -> V {
    V::StaticCall {
        class: Box::new(class(module, name)),
        method: method.to_string(),
        args,
        props: Vec::new(),
    }
}

pub fn static_call_props(
    module: &'static str,
    name: &str,
    method: &str,
    args: Vec<V>,
    props: Vec<(&str, V)>,
) -> V {
    V::StaticCall {
        class: Box::new(class(module, name)),
        method: method.to_string(),
        args,
        props: owned(props),
    }
}

/// `module.Class.MEMBER`.
pub fn constant(module: &'static str, name: &str, member: &str) -> V {
    V::Member(Box::new(class(module, name)), member.to_string())
}

pub fn member(object: V, name: &str) -> V {
    V::Member(Box::new(object), name.to_string())
}

pub fn call(object: V, method: &str, args: Vec<V>) -> V {
    V::Call(Box::new(object), method.to_string(), args, Vec::new())
}

pub fn call_props(object: V, method: &str, args: Vec<V>, props: Vec<(&str, V)>) -> V {
    V::Call(Box::new(object), method.to_string(), args, owned(props))
}

pub fn var(name: &str) -> V {
    V::Var(name.to_string())
}

pub fn s(text: impl Into<String>) -> V {
    V::Str(text.into())
}

pub fn days(n: V) -> V {
    static_call("cdk", "Duration", "days", vec![n])
}

fn owned(props: Vec<(&str, V)>) -> Vec<(String, V)> {
    props.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// One statement of a stack constructor.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `name = value`.
    Let(String, V),
    /// A call for its effect.
    Do(V),
    /// A comment line (comment-safe text).
    Comment(String),
    Blank,
    /// Statements that run only when a text setting is not empty.
    IfSet(String, Vec<Stmt>),
    /// Statements run once per element of a list setting (by key), the element
    /// in the variable [`FOR_EACH_VAR`].
    ForEach(String, Vec<Stmt>),
}

/// One stack class.
#[derive(Clone, Debug, PartialEq)]
pub struct StackProgram {
    pub stack: StackId,
    /// PascalCase class name: `PrimaryStack`, `DrStack`.
    pub class_name: String,
    pub body: Vec<Stmt>,
    /// Modules the body uses (aliases), sorted.
    pub modules: Vec<&'static str>,
}

/// A deploy setting read from the CDK context.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting {
    /// Canonical snake_case key (the field of the settings object).
    pub key: String,
    /// The key in the CDK context (`cdk.json`, `-c key=value`).
    pub context_key: String,
    /// An environment variable read when the context has no value (then `cdk.json`
    /// leaves the key out, so that the variable can take effect).
    pub env: Option<String>,
    pub kind: ParamKind,
    pub default: Option<String>,
    pub description: String,
    pub pattern: Option<String>,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// May be left empty: then what it sets is left out.
    pub optional: bool,
}

/// The whole program.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub settings: Vec<Setting>,
    /// The settings' names by input key (`dr_region` → `disaster_recovery_region`).
    pub names: std::collections::BTreeMap<String, String>,
    /// In deploy order (DR first).
    pub stacks: Vec<StackProgram>,
    pub description: String,
    pub has_imports: bool,
}

impl Program {
    /// The name of the setting of the input with this key.
    pub fn input<'a>(&'a self, key: &'a str) -> &'a str {
        self.names.get(key).map(String::as_str).unwrap_or(key)
    }
}

/// Every module alias a program may use, with its aws-cdk-lib submodule.
pub const MODULES: [(&str, &str); 18] = [
    ("cdk", ""),
    ("backup", "aws-backup"),
    ("cloudwatch", "aws-cloudwatch"),
    ("cw_actions", "aws-cloudwatch-actions"),
    ("codecommit", "aws-codecommit"),
    ("dynamodb", "aws-dynamodb"),
    ("ec2", "aws-ec2"),
    ("events", "aws-events"),
    ("iam", "aws-iam"),
    ("kms", "aws-kms"),
    ("lambda", "aws-lambda"),
    ("logs", "aws-logs"),
    ("rds", "aws-rds"),
    ("route53", "aws-route53"),
    ("s3", "aws-s3"),
    ("sns", "aws-sns"),
    ("subs", "aws-sns-subscriptions"),
    ("targets", "aws-events-targets"),
];

/// The modules a value uses.
pub fn modules_of(v: &V, out: &mut Vec<&'static str>) {
    match v {
        V::Class(m, _) => out.push(m),
        V::Member(o, _) | V::AsText(o) => modules_of(o, out),
        V::Call(o, _, args, props) => {
            modules_of(o, out);
            args.iter().for_each(|a| modules_of(a, out));
            props.iter().for_each(|(_, p)| modules_of(p, out));
        }
        V::New { class, args, props } | V::StaticCall { class, args, props, .. } => {
            modules_of(class, out);
            args.iter().for_each(|a| modules_of(a, out));
            props.iter().for_each(|(_, p)| modules_of(p, out));
        }
        V::Struct { class, fields } => {
            modules_of(class, out);
            fields.iter().for_each(|(_, p)| modules_of(p, out));
        }
        V::List(items) | V::Concat(items) | V::Helper(_, items) => {
            items.iter().for_each(|i| modules_of(i, out))
        }
        V::Dict(entries) => entries.iter().for_each(|(_, e)| modules_of(e, out)),
        V::WhenSetting { then, otherwise, .. } => {
            modules_of(then, out);
            modules_of(otherwise, out);
        }
        _ => {}
    }
}

/// The constructs of a resource of the model: one arm per kind, no wildcard, so
/// that a new kind does not compile until this emitter says what it makes of it.
impl build::B<'_> {
    fn kind(&mut self, r: &Resource) -> Result<(), ExportError> {
        match &r.kind {
            Kind::Key(k) => self.key_construct(r, k),
            Kind::Bucket(b) => self.bucket(r, b),
            Kind::Role(role) => self.role(r, role),
            Kind::RolePolicy(p) => self.role_policy(r, p),
            Kind::Table(t) => self.table(r, t),
            Kind::SubnetGroup(g) => self.subnet_group(r, g),
            Kind::SecurityGroup(g) => self.security_group(r, g),
            Kind::DbInstance(d) => self.db_instance(r, d),
            Kind::DbCluster(c) => self.db_cluster(r, c),
            Kind::Vault(v) => self.vault(r, v),
            Kind::BackupPlan(p) => self.backup_plan(r, p),
            Kind::Selection(sel) => self.selection(r, sel),
            Kind::LogGroup(l) => self.log_group(r, l),
            Kind::Function(f) => self.function(r, f),
            Kind::Rule(rule) => self.rule(r, rule),
            Kind::Topic(t) => self.topic(r, t),
            Kind::Alarm(a) => self.alarm(r, a),
            Kind::Dashboard(d) => self.dashboard(r, d),
            Kind::GatewayEndpoint(g) => self.gateway_endpoint(r, g),
            Kind::InterfaceEndpoint(e) => self.interface_endpoint(r, e),
            Kind::HealthCheck(h) => self.health_check(r, h),
            Kind::Repository(repo) => self.repository(r, repo),
            Kind::Vpc(v) => self.created_vpc(r, v),
            Kind::RecordSet(rec) => self.record_set(r, rec),
            Kind::RestoreTestingPlan(p) => self.restore_testing_plan(r, p),
            Kind::RestoreTestingSelection(sel) => self.restore_testing_selection(r, sel),
            // A stack cannot hold a live bucket's settings without the bucket: the
            // README applies them with commands (ExistingMode::Settings).
            Kind::BucketSettings(_) => {}
            // Terraform module inputs only: `offered_in` decides them before this
            // emitter runs, and refuses a model that still holds one.
            Kind::Lookup(_) | Kind::Secret(_) | Kind::Subscription(_) => {}
        }
        Ok(())
    }
}
