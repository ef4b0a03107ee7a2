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
mod databases;
mod expr;
mod kinds;
mod kinds_ops;
mod lambda;
mod monitoring;
mod network;
mod policies;
mod storage;

pub use build::{build, METRIC_NAMESPACE};
pub use expr::*;
pub use kinds::*;
pub use lambda::RUNTIME;
pub use monitoring::REPLICATION_RULE_ID;

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
    /// cdk-nag's AwsSolutions pack (the id may carry a finding, `AwsSolutions-IAM5[Resource::*]`).
    CdkNag,
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
}

impl ParamKind {
    pub fn is_list(self) -> bool {
        matches!(
            self,
            ParamKind::SubnetIds | ParamKind::RouteTableIds | ParamKind::AvailabilityZones
        )
    }
}

/// A deploy-time input: a CloudFormation parameter, a Terraform variable, a CDK
/// context value.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Canonical snake_case key (`notification_email`); CloudFormation uses its
    /// PascalCase form.
    pub key: String,
    pub kind: ParamKind,
    /// Default value as text (numbers in decimal); `None` means required.
    pub default: Option<String>,
    pub description: String,
    pub min: Option<u32>,
    pub max: Option<u32>,
    /// The stacks whose resources use it.
    pub stacks: Vec<StackId>,
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
    /// Defined in full with a retain policy and adopted by import (S3 buckets: their
    /// backup settings live on the bucket, and adopting it changes no data).
    Import,
    /// Referenced by name only (databases: a guessed engine, class or key schema in an
    /// imported definition could modify or replace a production database). Settings
    /// that live on the resource itself are applied by the listed AWS CLI commands.
    Reference { commands: Vec<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExistingResource {
    pub component: String,
    /// "S3 bucket", "RDS instance", ...
    pub label: &'static str,
    /// The parameter holding its name or identifier.
    pub param: String,
    /// CloudFormation type and identifier property, for import instructions.
    pub cfn_type: &'static str,
    pub mode: ExistingMode,
    /// The model resource, for imported ones.
    pub resource: Option<String>,
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
