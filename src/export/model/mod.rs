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

pub mod account;
mod account_replica;
mod backup;
mod backup_function;
mod build;
mod config;
mod copy;
mod databases;
mod dynamodb;
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
mod options;
mod options_bucket;
mod options_caller;
mod params;
mod policies;
mod rds_export;
mod replication;
pub mod restore_testing;
mod restore_validation;
mod schedules;
mod storage;
mod targets;

pub use build::{build, ADOPTION_STEP, METRIC_NAMESPACE};
pub use expr::*;
pub use interface::LIFECYCLE_FIELDS;
pub use keys::KEY_DELETION_WINDOW_DAYS;
pub use kinds::*;
pub use lambda::RUNTIME;
pub use monitoring::REPLICATION_RULE_ID;
pub use params::{Check, Need, ParamKind, Parameter};
pub use policies::publisher_statement;
pub use targets::offered_in;

/// A component id as it appears inside descriptions and defaults: at most 64
/// characters of the raw id. Descriptions are string literals that every emitter
/// escapes, so hostile ids stay inert there.
pub(super) fn describe_id(id: &str) -> String {
    id.chars().take(64).collect()
}

/// The stacks (CloudFormation templates, CDK stacks, Terraform provider aliases).
/// The backup account's stack sorts first, then the DR stack, because they are
/// deployed in that order: the primary stack's copy actions, replication rules and
/// replica keys point at what they create.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StackId {
    /// The plan's backup account (a second AWS account): its vault, key and replicas.
    Account,
    Dr,
    Primary,
}

impl StackId {
    pub fn id(self) -> &'static str {
        match self {
            StackId::Account => "backup-account",
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

impl Skip {
    pub(crate) fn new(tool: Tool, rule: &str, reason: &str) -> Skip {
        Skip { tool, rule: rule.into(), reason: reason.into() }
    }
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
    /// The resource exists only where this condition on deploy-time inputs holds
    /// (Terraform `count`); targets that do not offer the inputs decide it by their
    /// defaults.
    pub when: Option<When>,
    /// Where `when` does not hold, what stands for this resource: references to its
    /// attributes read this resource instead (an existing key or topic the caller
    /// names, looked up by kind [`Kind::Lookup`]).
    pub instead: Option<String>,
    /// What the deploy-time inputs must satisfy for this resource to deploy, checked
    /// before anything is changed (Terraform preconditions).
    pub checks: Vec<Check>,
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
            when: None,
            instead: None,
            checks: Vec::new(),
        }
    }

    /// Exists only where `when` holds.
    pub fn when(mut self, when: When) -> Resource {
        self.when = Some(when);
        self
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
    /// Inputs only the Terraform module takes, as `name: meaning` (set by
    /// [`offered_in`] for the other targets, whose READMEs list them).
    pub module_only: Vec<String>,
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
    /// The region of the backup account's stack, when the plan has one.
    pub account_region: Option<String>,
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
    /// The plan's estimate as `drplan estimate` states it, for the README.
    pub estimate: EstimateNotes,
}

/// What the plan's estimate says, in the sentences `drplan estimate` prints: every
/// bundle's README quotes them, so that whoever deploys it sees the same figure and
/// the same caveats (a region no price sheet lists, the always-free allowances) as
/// the review that chose the plan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EstimateNotes {
    /// `Price sheet: <id> (<the sheet in words>)`.
    pub sheet: String,
    /// The headline: the steady state or the month still changing, and what
    /// scheduled recovery tests add.
    pub headline: String,
    /// Caveats of the prices used.
    pub caveats: Vec<String>,
}

impl EstimateNotes {
    /// The notes of a plan's estimate (and of its scheduled recovery tests); none for
    /// a plan with errors, which the engines are not asked to price (exports refuse
    /// such plans before building their model).
    pub fn of(plan: &crate::plan::Plan) -> EstimateNotes {
        let invalid =
            crate::plan::validate(plan).iter().any(|d| d.severity == crate::plan::Severity::Error);
        if invalid {
            return EstimateNotes::default();
        }
        let estimate = crate::cost::estimate(plan);
        let recovery = crate::recovery::assess(plan);
        EstimateNotes {
            sheet: format!(
                "Price sheet: {} ({})",
                estimate.price_sheet,
                crate::report::sheet_words(&estimate.price_sheet)
            ),
            headline: crate::report::headline(&estimate, Some(&recovery)),
            caveats: crate::report::caveats(&estimate),
        }
    }
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
            StackId::Account => self.account_region.as_deref().unwrap_or(&self.primary_region),
        }
    }
}
