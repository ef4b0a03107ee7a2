//! The target-neutral infrastructure model: every AWS resource an export creates, with
//! its properties, the references between resources, the region (stack) it lives
//! in, the deploy-time parameters, the outputs and the security settings.
//!
//! All AWS knowledge lives here (which resources a plan needs, which IAM actions they
//! use, which properties make them secure); the emitters only translate the model
//! into CloudFormation, Terraform or CDK syntax. Resources sit at the granularity of
//! CDK's L2 constructs ("a bucket with its policy"); CloudFormation and Terraform
//! split them into their own resource types.
//!
//! The model is built once per plan by [`build`] and is deterministic: plan order for
//! components, fixed order for what each component adds, `Vec`s and `BTreeMap`s only.

mod backup;
mod build;
mod config;
mod copy;
mod databases;
mod existing;
mod expr;
mod groups;
mod interface;
mod keys;
mod kinds;
mod kinds_ops;
mod lambda;
mod lambda_targets;
mod monitoring;
pub mod network;
mod policies;
mod rds_export;
mod replication;
mod schedules;
mod storage;

pub use build::{build, ADOPTION_STEP, METRIC_NAMESPACE};
pub use expr::*;
pub use kinds::*;
pub use lambda::RUNTIME;
pub use monitoring::REPLICATION_RULE_ID;
pub use policies::publisher_statement;

/// A component id as it appears inside descriptions and defaults: at most 64
/// characters of the raw id. Descriptions are string literals that every emitter
/// escapes, so hostile ids stay inert there.
pub(super) fn describe_id(id: &str) -> String {
    id.chars().take(64).collect()
}

/// The stacks (CloudFormation templates, CDK stacks, Terraform provider aliases).
/// The DR stack sorts first because it is deployed first: the primary stack's
/// replication rules, copy actions and replica keys point at what it creates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StackId {
    Dr,
    Primary,
}

impl StackId {
    pub fn id(self) -> &'static str {
        match self {
            StackId::Dr => "dr",
            StackId::Primary => "primary",
        }
    }
}

/// Which tools a suppression is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// checkov, for the CloudFormation and the Terraform export (same check id).
    Checkov,
    /// checkov, CloudFormation only.
    CheckovCfn,
    /// checkov, Terraform only.
    CheckovTf,
    /// A CDK validation acknowledgment: cdk-nag's AwsSolutions pack (the id may carry
    /// a finding, `AwsSolutions-IAM5[Resource::*]`) or the CDK's own CloudFormation
    /// Validate plugin (`CloudFormation-Validate::E9006`).
    CdkNag,
    /// cfn-lint, on the CloudFormation export and on the CDK apps' synthesized templates.
    CfnLint,
}

/// A scanner finding that the export accepts on purpose, with the reason written
/// into the generated code next to the resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Skip {
    pub tool: Tool,
    pub rule: String,
    pub reason: String,
}

/// One resource of the model.
#[derive(Clone, Debug, PartialEq)]
pub struct Resource {
    /// Unique kebab-case name within the model (`media-bucket`); emitters derive
    /// their identifiers from it.
    pub name: String,
    pub stack: StackId,
    /// The plan component it implements; `None` for what the export adds (access-log
    /// buckets, keys a plan without `kms_key` needs).
    pub component: Option<String>,
    pub kind: Kind,
    /// What happens to the resource when it leaves the stack.
    pub deletion: Deletion,
    /// An existing resource adopted by import (it keeps its physical name).
    pub imported: bool,
    pub skips: Vec<Skip>,
    /// Resources of the other stack that must exist before this one is created
    /// (a replica bucket, the DR key). CloudFormation and CDK get this order from
    /// deploying the DR stack first; Terraform, with both regions in one
    /// configuration, from `depends_on`.
    pub after: Vec<String>,
    /// A list input this resource is made once per element of ([`Expr::Item`] is
    /// the element): CloudFormation's `Fn::ForEach`, Terraform's `for_each`, a loop
    /// in CDK.
    pub for_each: Option<String>,
}

/// Deletion and replacement policy. Data (buckets, tables, keys, vaults, logs) is
/// retained, databases leave a final snapshot: the same defaults CDK applies, stated
/// explicitly in every target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deletion {
    Delete,
    Retain,
    Snapshot,
}

impl Kind {
    /// The deletion policy a new resource of this kind gets.
    pub fn default_deletion(&self) -> Deletion {
        match self {
            Kind::Key(_)
            | Kind::Bucket(_)
            | Kind::Table(_)
            | Kind::Vault(_)
            | Kind::LogGroup(_)
            | Kind::Repository(_) => Deletion::Retain,
            Kind::DbInstance(_) | Kind::DbCluster(_) => Deletion::Snapshot,
            _ => Deletion::Delete,
        }
    }
}

impl Resource {
    /// A new resource with its kind's default deletion policy.
    pub fn new(name: &str, stack: StackId, component: Option<&str>, kind: Kind) -> Resource {
        let deletion = kind.default_deletion();
        Resource {
            name: name.to_string(),
            stack,
            component: component.map(String::from),
            kind,
            deletion,
            imported: false,
            skips: Vec::new(),
            after: Vec::new(),
            for_each: None,
        }
    }

    pub fn after(mut self, names: Vec<String>) -> Resource {
        self.after.extend(names);
        self
    }

    pub fn with_skips(mut self, skips: Vec<Skip>) -> Resource {
        self.skips.extend(skips);
        self
    }
}

/// How a deploy-time input is typed and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    /// Lowercase letters, digits and hyphens (used inside physical names).
    Name,
    /// The name or identifier of an existing resource.
    Identifier,
    Email,
    Number,
    Region,
    VpcId,
    Cidr,
    SubnetIds,
    RouteTableIds,
    /// Only CDK needs these (to describe an imported VPC).
    AvailabilityZones,
    /// An EventBridge schedule expression.
    Schedule,
    /// The ARN of a KMS key (empty when not set yet).
    KeyArn,
    /// A Route 53 hosted zone id.
    HostedZoneId,
    /// A DNS host name.
    Hostname,
    /// `import` or `manage`: the step of adopting existing resources (CDK).
    AdoptionStep,
    /// An RDS instance class, `db.<family>.<size>`.
    InstanceClass,
    /// An S3 key prefix (may be empty).
    Prefix,
    /// Identifiers of existing resources, a list (seed 003's `rds_instance_ids`).
    IdentifierList,
    /// `true` or `false`.
    Bool,
    /// A Lambda Python runtime the handlers support (`python3.12`–`python3.14`).
    Runtime,
}

impl ParamKind {
    pub fn is_number(self) -> bool {
        self == ParamKind::Number
    }

    pub fn is_list(self) -> bool {
        matches!(
            self,
            ParamKind::SubnetIds
                | ParamKind::RouteTableIds
                | ParamKind::AvailabilityZones
                | ParamKind::IdentifierList
        )
    }
}

/// A deploy-time input: a CloudFormation parameter, a Terraform variable, a CDK
/// context value.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The key the model refers to it by (`dr_region`, `notification_email`).
    pub key: String,
    /// The snake_case name the bundle gives it: the key, unless the plan's export
    /// settings rename it (`disaster_recovery_region`). CloudFormation uses its
    /// PascalCase form, CDK context keys its snake_case or camelCase form.
    pub name: String,
    /// An environment variable the CDK apps also read it from.
    pub env: Option<String>,
    pub kind: ParamKind,
    /// Default value as text (numbers in decimal); `None` means required.
    pub default: Option<String>,
    pub description: String,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// The only values it takes, when the service accepts a fixed set (log
    /// retention periods). Default: any that matches its kind.
    pub allowed: Vec<String>,
    /// A stricter pattern than its kind's (a shorter name where two inputs share
    /// one physical name's length).
    pub pattern_override: Option<String>,
    /// The stacks whose resources use it.
    pub stacks: Vec<StackId>,
    /// Where stacks deploy separately (CloudFormation, CDK), the DR stack's output
    /// that gives the value; Terraform refers to the resource itself and has no such input.
    pub from_output: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Kebab-case name (`media-bucket-arn`).
    pub name: String,
    pub stack: StackId,
    pub value: Expr,
    pub description: String,
}

/// A file shipped with every bundle (Lambda handler code), at the same relative path.
#[derive(Clone, Debug, PartialEq)]
pub struct Asset {
    pub path: String,
    pub contents: &'static str,
}

/// How an existing resource of the plan is handled.
#[derive(Clone, Debug, PartialEq)]
pub enum ExistingMode {
    /// Managed in full (the plan's `manage_existing: full`): defined like a new
    /// resource with a retain policy, adopted by import under its static `name` (the
    /// only way AWS imports), its settings applied in a second step. `changes` says
    /// what that step changes on the live resource.
    Import { name: String, changes: Vec<String> },
    /// An existing bucket that keeps its own policy, public-access block, ownership,
    /// encryption and logging: only its backup settings are applied (resource
    /// `settings`, of kind `BucketSettings`). A stack cannot hold a bucket's settings
    /// without the bucket, so CloudFormation and CDK apply them with commands.
    Settings(LiveSettings),
    /// Referenced by name only (databases: a guessed engine, class or key schema in an
    /// imported definition could modify or replace a production database). Settings
    /// that live on the resource itself are applied by the listed AWS CLI commands.
    Reference { commands: Vec<String> },
}

/// The backup settings of an existing bucket, as the S3 API takes them.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveSettings {
    pub settings: String,
    /// `PutBucketLifecycleConfiguration`'s document.
    pub lifecycle_json: String,
    /// `PutBucketReplication`'s document, with `${ROLE_ARN}`, `${REPLICA_BUCKET}` and
    /// `${REPLICA_KEY_ARN}` for the values the stacks create.
    pub replication_json: Option<String>,
    /// `(shell variable, stack, output)` of those values.
    pub outputs: Vec<(String, StackId, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExistingResource {
    pub component: String,
    /// "S3 bucket", "RDS instance", ...
    pub label: &'static str,
    /// The parameter holding its name or identifier; none when the name is fixed.
    pub param: Option<String>,
    /// CloudFormation type and identifier property, for import instructions.
    pub cfn_type: &'static str,
    pub mode: ExistingMode,
    /// The model resource, for imported ones.
    pub resource: Option<String>,
}

impl Parameter {
    /// The pattern its values must match: its own, else its kind's.
    pub fn pattern(&self) -> Option<String> {
        self.pattern_override.clone().or_else(|| self.kind.pattern().map(String::from))
    }

    /// What its values must be, in words, for the targets' error messages.
    pub fn constraint(&self) -> String {
        match &self.pattern_override {
            Some(pattern) => format!("must match {pattern}"),
            None => self.kind.constraint(),
        }
    }
}

/// Target-neutral facts every bundle's README explains.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Notes {
    pub existing: Vec<ExistingResource>,
    /// What the export adds beyond the plan's components, and why.
    pub additions: Vec<String>,
    /// Plan settings that only feed the cost estimate (no resource property).
    pub estimate_only: Vec<String>,
    /// Steps to take after deploying (confirm subscriptions, attach health checks, ...).
    pub after_deploy: Vec<String>,
}

/// The VPC of the plan's databases, endpoints and VPC functions.
#[derive(Clone, Debug, PartialEq)]
pub enum NetworkModel {
    /// The user's VPC, given by the inputs `vpc_id`, `vpc_cidr`, `private_subnet_ids`
    /// (and `private_route_table_ids`, `availability_zones` where a target needs them).
    Existing,
    /// A VPC the bundle creates: the named resource of kind `Vpc`.
    Created(String),
}

/// The model of one plan.
#[derive(Clone, Debug, PartialEq)]
pub struct InfraModel {
    /// The plan's name: free text, escaped by every emitter.
    pub plan_name: String,
    /// The plan's notes, free text (README only).
    pub plan_notes: Vec<String>,
    pub primary_region: String,
    pub dr_region: Option<String>,
    /// Stacks that hold resources, in deploy order.
    pub stacks: Vec<StackId>,
    pub parameters: Vec<Parameter>,
    pub resources: Vec<Resource>,
    pub outputs: Vec<Output>,
    pub assets: Vec<Asset>,
    pub notes: Notes,
    /// The Terraform module's directory name (`modules/<name>`).
    pub terraform_module: String,
    /// The VPC, when something goes into one.
    pub network: Option<NetworkModel>,
    /// Case of the CDK apps' context keys.
    pub context_keys: crate::plan::KeyCase,
}

impl InfraModel {
    pub fn resource(&self, name: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.name == name)
    }

    pub fn resources_in(&self, stack: StackId) -> impl Iterator<Item = &Resource> {
        self.resources.iter().filter(move |r| r.stack == stack)
    }

    pub fn parameter(&self, key: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.key == key)
    }

    /// The name the bundle gives the input with this key (the key itself when the
    /// model has no such input: network inputs of targets that need them).
    pub fn input_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.parameter(key).map(|p| p.name.as_str()).unwrap_or(key)
    }

    pub fn parameters_in(&self, stack: StackId) -> impl Iterator<Item = &Parameter> {
        self.parameters.iter().filter(move |p| p.stacks.contains(&stack))
    }

    pub fn outputs_in(&self, stack: StackId) -> impl Iterator<Item = &Output> {
        self.outputs.iter().filter(move |o| o.stack == stack)
    }

    /// The region a stack deploys to, as the plan gives it.
    pub fn region_of(&self, stack: StackId) -> &str {
        match stack {
            StackId::Primary => &self.primary_region,
            StackId::Dr => self.dr_region.as_deref().unwrap_or(&self.primary_region),
        }
    }
}
