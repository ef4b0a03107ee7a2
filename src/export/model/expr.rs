//! Values that each target renders in its own syntax: literals, references to other
//! resources, deploy-time parameters and AWS pseudo parameters, and the IAM policy
//! statements built from them.
//!
//! Keeping references symbolic (rather than pre-rendered strings) is what lets one
//! model say the same thing as `!GetAtt X.Arn`, `aws_s3_bucket.x.arn` and
//! `bucket.bucket_arn`.

/// An attribute of a model resource. Which attributes a kind has is documented on the
/// kind; emitters map each pair to their syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Attr {
    /// The ARN.
    Arn,
    /// The physical name (bucket name, table name, function name, role name, ...).
    Name,
    /// The service-assigned id (KMS key id, security group id, backup plan id, ...).
    Id,
    /// The ARN pattern that covers what the resource holds (a log group's streams).
    ChildArns,
}

/// AWS pseudo parameters, resolved in the stack the value is used in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pseudo {
    AccountId,
    /// The region of the stack that uses the value.
    Region,
    Partition,
}

/// A string-valued expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Lit(String),
    /// A deploy-time input, by its canonical snake_case key (see [`super::Parameter`]).
    Param(String),
    /// An attribute of another resource of the same stack, by resource name.
    Attr(String, Attr),
    Pseudo(Pseudo),
    /// String concatenation.
    Join(Vec<Expr>),
    /// An attribute of a resource of the other stack. Stacks deployed separately
    /// (CloudFormation, CDK) name it with `by_name`; Terraform, which holds both
    /// regions in one configuration, refers to the resource itself.
    Cross {
        resource: String,
        attr: Attr,
        by_name: Box<Expr>,
    },
    /// The element of a list input that a resource made once per element stands
    /// for (see [`super::Resource::for_each`]).
    Item,
    /// A list input's elements joined with commas (a function's environment).
    JoinList(String),
    /// `then` where the condition on deploy-time inputs holds, else `otherwise`.
    /// Used as a whole value, never inside a [`Expr::Join`].
    Choose {
        when: When,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    /// The text with every `-` replaced by `_`, for names AWS allows only letters,
    /// digits and underscores in (restore testing plans) built from inputs that
    /// hold hyphens (the project name). Used as a whole value, never inside a
    /// [`Expr::Join`].
    Underscored(Box<Expr>),
}

/// A condition on deploy-time inputs, by input key (see
/// [`super::Resource::when`] and [`Expr::Choose`]).
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    /// The optional input is set.
    Set(String),
    /// The optional input is not set.
    Unset(String),
    /// The true/false input is true.
    True(String),
    /// The list input has at least one element.
    NonEmpty(String),
    /// Every condition holds.
    All(Vec<When>),
}

impl When {
    /// Every input key the condition reads.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            When::Set(k) | When::Unset(k) | When::True(k) | When::NonEmpty(k) => vec![k],
            When::All(all) => all.iter().flat_map(When::keys).collect(),
        }
    }
}

impl Expr {
    /// Concatenation with adjacent literals merged and single parts unwrapped, so
    /// that every emitter sees the simplest form.
    pub fn join(parts: Vec<Expr>) -> Expr {
        let mut out: Vec<Expr> = Vec::new();
        for part in parts {
            let flattened = match part {
                Expr::Join(inner) => inner,
                other => vec![other],
            };
            for p in flattened {
                match (out.last_mut(), p) {
                    (Some(Expr::Lit(prev)), Expr::Lit(next)) => prev.push_str(&next),
                    (_, Expr::Lit(next)) if next.is_empty() => {}
                    (_, p) => out.push(p),
                }
            }
        }
        match out.len() {
            0 => Expr::Lit(String::new()),
            1 => out.pop().unwrap_or(Expr::Lit(String::new())),
            _ => Expr::Join(out),
        }
    }

    /// The literal text, when the expression has no deploy-time part.
    pub fn as_lit(&self) -> Option<&str> {
        match self {
            Expr::Lit(s) => Some(s),
            _ => None,
        }
    }

    /// Every resource this expression refers to.
    pub fn resource_refs<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Attr(name, _) => out.push(name),
            Expr::Join(parts) => parts.iter().for_each(|p| p.resource_refs(out)),
            Expr::Choose { then, otherwise, .. } => {
                then.resource_refs(out);
                otherwise.resource_refs(out);
            }
            Expr::Underscored(inner) => inner.resource_refs(out),
            _ => {}
        }
    }

    /// Every parameter key this expression uses.
    pub fn param_refs<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Expr::Param(key) => out.push(key),
            Expr::Join(parts) => parts.iter().for_each(|p| p.param_refs(out)),
            Expr::Cross { by_name, .. } => by_name.param_refs(out),
            Expr::JoinList(key) => out.push(key),
            Expr::Choose { when, then, otherwise } => {
                out.extend(when.keys());
                then.param_refs(out);
                otherwise.param_refs(out);
            }
            Expr::Underscored(inner) => inner.param_refs(out),
            _ => {}
        }
    }
}

pub fn lit(text: impl Into<String>) -> Expr {
    Expr::Lit(text.into())
}

pub fn param(key: &str) -> Expr {
    Expr::Param(key.to_string())
}

pub fn attr(resource: &str, attr: Attr) -> Expr {
    Expr::Attr(resource.to_string(), attr)
}

pub fn account() -> Expr {
    Expr::Pseudo(Pseudo::AccountId)
}

pub fn region() -> Expr {
    Expr::Pseudo(Pseudo::Region)
}

pub fn partition() -> Expr {
    Expr::Pseudo(Pseudo::Partition)
}

/// An attribute of a resource of the other stack (see [`Expr::Cross`]).
pub fn cross(resource: &str, attr: Attr, by_name: Expr) -> Expr {
    Expr::Cross { resource: resource.to_string(), attr, by_name: Box::new(by_name) }
}

/// `arn:<partition>:<service>:<region>:<account>:<rest...>`; `region` and `account`
/// may be empty literals (S3 and IAM ARNs have neither).
pub fn arn(service: &str, region: Expr, account: Expr, rest: Vec<Expr>) -> Expr {
    let mut parts = vec![
        lit("arn:"),
        partition(),
        lit(format!(":{service}:")),
        region,
        lit(":"),
        account,
        lit(":"),
    ];
    parts.extend(rest);
    Expr::join(parts)
}

/// A number that is either fixed by the plan or a deploy-time parameter.
#[derive(Clone, Debug, PartialEq)]
pub enum Num {
    Lit(u32),
    Param(String),
}

impl Num {
    pub fn lit_value(&self) -> Option<u32> {
        match self {
            Num::Lit(n) => Some(*n),
            Num::Param(_) => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Principal {
    /// An AWS service, e.g. `events.amazonaws.com` (an expression because CloudWatch
    /// Logs' principal names the region).
    Service(Expr),
    /// `{"AWS": "*"}`: everyone, used only in Deny statements.
    AnyAws,
    /// `{"AWS": <arn>}`: an account or role.
    Aws(Expr),
    /// `*`: everyone (SNS topic policies write it this way).
    Any,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// `Bool`, `StringEquals`, `ArnLike`, ...
    pub test: &'static str,
    /// `aws:SecureTransport`, `kms:ViaService`, ...
    pub key: String,
    pub values: Vec<Expr>,
}

/// One IAM policy statement. Identity policies have no principal; resource policies do.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Alphanumeric statement id.
    pub sid: String,
    pub effect: Effect,
    pub principal: Option<Principal>,
    pub actions: Vec<String>,
    pub resources: Vec<Expr>,
    pub conditions: Vec<Condition>,
    /// Why a wildcard in this identity-policy statement is needed: cdk-nag reports
    /// every wildcard action and resource, and each finding is acknowledged with
    /// this reason in the CDK code.
    pub nag_reason: Option<String>,
}

impl Statement {
    pub fn allow(sid: &str, actions: &[&str], resources: Vec<Expr>) -> Statement {
        Statement {
            sid: sid.to_string(),
            effect: Effect::Allow,
            principal: None,
            actions: actions.iter().map(|a| a.to_string()).collect(),
            resources,
            conditions: Vec::new(),
            nag_reason: None,
        }
    }

    pub fn with_condition(mut self, test: &'static str, key: &str, values: Vec<Expr>) -> Statement {
        self.conditions.push(Condition { test, key: key.to_string(), values });
        self
    }

    pub fn with_principal(mut self, principal: Principal) -> Statement {
        self.principal = Some(principal);
        self
    }

    pub fn because(mut self, reason: &str) -> Statement {
        self.nag_reason = Some(reason.to_string());
        self
    }

    /// Whether the statement grants a wildcard resource (reported to cdk-nag as a
    /// finding that needs a written reason).
    pub fn has_star_resource(&self) -> bool {
        self.resources.iter().any(|r| r.as_lit() == Some("*"))
    }
}

/// The statement every TLS-only resource policy (S3 bucket) carries: deny any
/// request that did not use TLS. Written exactly as CDK's `enforceSSL` writes it so
/// that all targets deploy the same policy.
pub fn deny_insecure_transport_s3(bucket_arn: Expr) -> Statement {
    Statement {
        sid: "DenyInsecureTransport".into(),
        effect: Effect::Deny,
        principal: Some(Principal::AnyAws),
        actions: vec!["s3:*".into()],
        resources: vec![bucket_arn.clone(), Expr::join(vec![bucket_arn, lit("/*")])],
        conditions: vec![Condition {
            test: "Bool",
            key: "aws:SecureTransport".into(),
            values: vec![lit("false")],
        }],
        nag_reason: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_merges_literals_and_unwraps() {
        assert_eq!(Expr::join(vec![lit("a"), lit("b")]), lit("ab"));
        assert_eq!(Expr::join(vec![lit(""), param("x"), lit("")]), param("x"));
        let nested = Expr::join(vec![lit("a"), Expr::join(vec![lit("b"), account()]), lit("c")]);
        assert_eq!(nested, Expr::Join(vec![lit("ab"), account(), lit("c")]));
        assert_eq!(Expr::join(vec![]), lit(""));
    }

    #[test]
    fn arn_shape() {
        let a = arn("s3", lit(""), lit(""), vec![lit("bucket")]);
        assert_eq!(a, Expr::Join(vec![lit("arn:"), partition(), lit(":s3:::bucket")]));
    }

    #[test]
    fn refs_are_collected() {
        let e = Expr::join(vec![attr("b", Attr::Arn), lit("/"), param("p")]);
        let mut r = Vec::new();
        e.resource_refs(&mut r);
        let mut p = Vec::new();
        e.param_refs(&mut p);
        assert_eq!((r, p), (vec!["b"], vec!["p"]));
    }
}
