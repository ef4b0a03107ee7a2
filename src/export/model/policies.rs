//! Resource policies derived from the model: key policies, bucket policies and
//! topic policies, written once here so that every target deploys the same
//! statements (CDK writes some of them itself; the comments say which).

use super::expr::{
    account, attr, deny_insecure_transport_s3, lit, Attr, Condition, Effect, Expr, Principal,
    Statement,
};
use super::kinds::{Bucket, Key, Topic};
use super::ParamKind;

impl Key {
    /// The full key policy: account administration first (CDK's default key policy
    /// statement, which it adds itself), then the model's statements.
    pub fn policy(&self) -> Vec<Statement> {
        let root = Expr::join(vec![
            lit("arn:"),
            super::expr::partition(),
            lit(":iam::"),
            account(),
            lit(":root"),
        ]);
        let mut statements = vec![Statement {
            sid: "AccountAdministration".into(),
            effect: Effect::Allow,
            principal: Some(Principal::Aws(root)),
            actions: vec!["kms:*".into()],
            resources: vec![lit("*")],
            conditions: Vec::new(),
            nag_reason: None,
        }];
        statements.extend(self.statements.iter().cloned());
        statements
    }
}

impl Bucket {
    /// The bucket policy: deny non-TLS requests (CDK: `enforceSSL`), then let S3's
    /// logging service deliver the access logs of each source bucket (CDK writes
    /// these when a bucket names this one as its `serverAccessLogsBucket`).
    pub fn policy(&self, own_name: &str) -> Vec<Statement> {
        let own_arn = attr(own_name, Attr::Arn);
        let mut statements = vec![deny_insecure_transport_s3(own_arn.clone())];
        for (i, source) in self.log_sources.iter().enumerate() {
            statements.push(Statement {
                sid: format!("ServerAccessLogs{}", i + 1),
                effect: Effect::Allow,
                principal: Some(Principal::Service(lit("logging.s3.amazonaws.com"))),
                actions: vec!["s3:PutObject".into()],
                resources: vec![Expr::join(vec![
                    own_arn.clone(),
                    lit(format!("/{}*", source.prefix)),
                ])],
                conditions: vec![
                    Condition {
                        test: "ArnLike",
                        key: "aws:SourceArn".into(),
                        values: vec![attr(&source.bucket, Attr::Arn)],
                    },
                    Condition {
                        test: "StringEquals",
                        key: "aws:SourceAccount".into(),
                        values: vec![account()],
                    },
                ],
                nag_reason: None,
            });
        }
        statements.extend(self.grants.iter().cloned());
        statements
    }
}

impl Topic {
    /// The topic policy: deny publishing without TLS (CDK: `enforceSSL`), then let
    /// each publishing service publish (CDK writes EventBridge's itself, for its
    /// rule targets). A topic policy replaces SNS's default policy, which let the
    /// account's AWS services publish, so every service that publishes is named.
    pub fn policy(&self, own_name: &str) -> Vec<Statement> {
        let own_arn = attr(own_name, Attr::Arn);
        let mut statements = vec![Statement {
            sid: "AllowPublishThroughSSLOnly".into(),
            effect: Effect::Deny,
            principal: Some(Principal::Any),
            actions: vec!["sns:Publish".into()],
            resources: vec![own_arn.clone()],
            conditions: vec![Condition {
                test: "Bool",
                key: "aws:SecureTransport".into(),
                values: vec![lit("false")],
            }],
            nag_reason: None,
        }];
        for (i, service) in self.publishers.iter().enumerate() {
            statements.push(publisher_statement(i + 1, service, &own_arn));
        }
        statements
    }
}

/// `sns:Publish` for one service principal; CloudWatch only for this account's alarms
/// (the condition AWS's own topic-policy example for alarms uses).
pub fn publisher_statement(n: usize, service: &str, topic_arn: &Expr) -> Statement {
    let mut conditions = Vec::new();
    if service == "cloudwatch.amazonaws.com" {
        let alarms =
            super::expr::arn("cloudwatch", super::expr::region(), account(), vec![lit("alarm:*")]);
        conditions.push(Condition {
            test: "ArnLike",
            key: "aws:SourceArn".into(),
            values: vec![alarms],
        });
    }
    Statement {
        sid: format!("AllowPublish{n}"),
        effect: Effect::Allow,
        principal: Some(Principal::Service(lit(service))),
        actions: vec!["sns:Publish".into()],
        resources: vec![topic_arn.clone()],
        conditions,
        nag_reason: None,
    }
}

impl Topic {
    /// Publishers whose topic-policy statement CDK does not write itself.
    pub fn publishers_cdk_omits(&self) -> impl Iterator<Item = (usize, &String)> {
        self.publishers
            .iter()
            .enumerate()
            .filter(|(_, s)| *s != "events.amazonaws.com")
            .map(|(i, s)| (i + 1, s))
    }
}

impl ParamKind {
    /// The pattern a value must match (a regular expression that CloudFormation,
    /// Terraform (RE2), Python and JavaScript all read the same way).
    pub fn pattern(self) -> Option<&'static str> {
        match self {
            ParamKind::Name => Some("^[a-z][a-z0-9-]{0,23}$"),
            ParamKind::Identifier => Some("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$"),
            ParamKind::Email => Some("^[^@ ]+@[^@ ]+[.][^@ ]+$"),
            ParamKind::Region => Some("^[a-z]{2}(-[a-z]+)+-[0-9]$"),
            ParamKind::Cidr => Some("^[0-9]{1,3}([.][0-9]{1,3}){3}/[0-9]{1,2}$"),
            ParamKind::VpcId => Some("^vpc-[0-9a-f]+$"),
            ParamKind::Schedule => Some(crate::plan::schedule_expr::PATTERN),
            ParamKind::KeyArn => {
                Some("^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+)?$")
            }
            ParamKind::HostedZoneId => Some("^Z[A-Z0-9]{1,31}$"),
            ParamKind::AdoptionStep => Some("^(import|manage)$"),
            ParamKind::InstanceClass => Some("^db[.][a-z0-9]+[.][a-z0-9]+$"),
            // 1,024 characters, in repeats of at most 1,000 (RE2's limit: Terraform).
            ParamKind::Prefix => Some("^[ -~]{0,1000}[ -~]{0,24}$"),
            ParamKind::Bool => Some("^(true|false)$"),
            ParamKind::Runtime => Some("^python3[.](12|13|14)$"),
            ParamKind::Hostname => Some("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?[.])+[a-z]{2,63}$"),
            ParamKind::StorageClass => Some("^(STANDARD|STANDARD_IA|GLACIER_IR|GLACIER|DEEP_ARCHIVE)$"),
            ParamKind::BackupWindow => {
                Some("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$")
            }
            ParamKind::TopicArn => Some("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$"),
            ParamKind::KeyId => Some("^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:)?((key/)?[A-Za-z0-9-]{1,128}|alias/[A-Za-z0-9/_-]{1,250})$"),
            ParamKind::WebhookUrl => Some("^https://hooks[.]slack[.]com/[!-~]{1,1000}$"),
            ParamKind::AccountId => Some("^[0-9]{12}$"),
            ParamKind::OrganizationId => Some("^o-[a-z0-9]{10,32}$"),
            ParamKind::LifecycleRules
            | ParamKind::Number
            | ParamKind::IdentifierList
            | ParamKind::SubnetIds
            | ParamKind::RouteTableIds
            | ParamKind::AvailabilityZones => None,
        }
    }

    /// What a value must be, in words, for the targets' error messages: the pattern
    /// itself where it is short enough to read.
    pub fn constraint(self) -> String {
        match (self, self.pattern()) {
            (ParamKind::Schedule, _) => crate::plan::schedule_expr::RULE.to_string(),
            (_, Some(pattern)) => format!("must match {pattern}"),
            (_, None) => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ParamKind as K;

    /// Terraform reads patterns with RE2, which refuses a repetition count above
    /// 1,000 ("invalid repeat count"): `can(regex(...))` is then false for every
    /// value, and the variable refuses even its default.
    #[test]
    fn every_pattern_stays_within_re2_repeat_counts() {
        let kinds = [
            K::Name,
            K::Identifier,
            K::Email,
            K::Number,
            K::Region,
            K::VpcId,
            K::Cidr,
            K::SubnetIds,
            K::RouteTableIds,
            K::AvailabilityZones,
            K::Schedule,
            K::KeyArn,
            K::HostedZoneId,
            K::Hostname,
            K::AdoptionStep,
            K::InstanceClass,
            K::Prefix,
            K::IdentifierList,
            K::Bool,
            K::Runtime,
            K::StorageClass,
            K::BackupWindow,
            K::LifecycleRules,
            K::TopicArn,
            K::KeyId,
            K::WebhookUrl,
            K::AccountId,
            K::OrganizationId,
        ];
        for k in kinds {
            let Some(p) = k.pattern() else { continue };
            for part in p.split('{').skip(1) {
                let counts = part.split('}').next().unwrap_or("");
                for n in counts.split(',').filter(|n| !n.is_empty()) {
                    let n: u32 = n.parse().unwrap_or(u32::MAX);
                    assert!(n <= 1000, "{k:?}: {p}");
                }
            }
        }
    }
}
