//! Deploy-time inputs of the model: how each is typed, checked, defaulted (in the
//! bundle and, where a design gives its own, in the Terraform module) and which
//! values it refuses; and the rules inputs must follow together.

use super::{StackId, When};

/// A rule deploy-time inputs must follow, with the message that says how.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// Where this holds, `needs` must hold too (always, without).
    pub when: Option<When>,
    pub needs: Need,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Need {
    When(When),
    /// The input names the region of this stack (a module takes its regions from
    /// its providers; an input naming one must agree).
    RegionOf {
        input: String,
        stack: StackId,
    },
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
    /// An S3 storage class objects are kept in (`STANDARD`, `STANDARD_IA`, ...).
    StorageClass,
    /// An RDS backup window, `hh:mm-hh:mm` in UTC.
    BackupWindow,
    /// A bucket's lifecycle days: an object of whole numbers or nulls
    /// (`transition_to_ia_days`, ...); its default is JSON text.
    LifecycleRules,
    /// The ARN of an SNS topic.
    TopicArn,
    /// A KMS key by id, ARN, alias name or alias ARN.
    KeyId,
    /// An HTTPS webhook URL (Slack).
    WebhookUrl,
    /// An AWS account id, 12 digits.
    AccountId,
    /// An AWS Organizations id, `o-` and 10 to 32 letters or digits.
    OrganizationId,
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
    /// An input of the Terraform module (and the root that calls it) only: a choice
    /// a stack cannot express (an object, a resource of the caller's used instead of
    /// one the bundle makes, a secret). The other targets deploy what its default
    /// chooses: their conditions on it are decided by the default.
    pub module_only: bool,
    /// The default the Terraform module gives it, where the plan's export settings
    /// give the module its own (`module_defaults`; `Some(None)` is null). The root
    /// passes the plan's value, `default`.
    pub module_default: Option<Option<String>>,
    /// May be left unset (null in Terraform, empty in CloudFormation and CDK): what it
    /// sets is then left out (a generated bucket name, no reservation).
    pub optional: bool,
    /// Values refused because they would weaken a secure default, each with the
    /// message that says why (`false` for encryption at rest).
    pub refuses: Vec<(String, String)>,
    /// A secret: never shown by the tools or written where they keep state.
    pub sensitive: bool,
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
