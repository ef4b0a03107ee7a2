//! The caller's own resources a plan's inputs may name (export settings, see
//! `INPUT_SETTINGS`; Terraform module inputs): subnets to run a function in, with
//! interface endpoints for the APIs it calls; a topic and a key used instead of the
//! bundle's; a Slack webhook the topic's messages are posted to. Each is made, or
//! looked up, only where its input is given ([`super::Resource::when`]).

use super::build::Ctx;
use super::expr::{account, arn, attr, lit, region, Attr, Expr, Statement, When};
use super::kinds::{
    InterfaceEndpoint, Kind, Lookup, LookupOf, RolePolicy, Secret, SecurityGroup, Subscription,
};
use super::options::FunctionVpc;
use super::{Check, Need, ParamKind, Resource, StackId};
use crate::export::ExportError;
use crate::plan::LambdaFunction;

impl Ctx<'_> {
    /// Runs the function in the caller's subnets when the plan binds its
    /// `subnet_ids` (and `vpc_id`): a security group in that VPC and, with
    /// `vpc_endpoints`, an interface endpoint for each API its code calls; the
    /// network-interface permissions of its role come in `later` (after the role).
    pub(super) fn function_vpc_option(
        &mut self,
        f: &LambdaFunction,
        role: &str,
        services: &[&str],
    ) -> Result<Option<FunctionVpc>, ExportError> {
        let id = super::describe_id(&f.id);
        let path = |field: &str| format!("components.{}.{field}", f.id);
        let Some(subnets) = self.module_input(
            &path("subnet_ids"),
            ParamKind::SubnetIds,
            Some(""),
            &format!("Private subnets to run function {id} in (empty: outside any VPC); they need a route to the AWS APIs it calls (a NAT gateway, or the endpoints enable_vpc_endpoints makes) and, for copies to the DR region and webhooks, a NAT gateway"),
        ) else {
            return Ok(None);
        };
        if f.in_vpc {
            return Err(ExportError::unsupported(
                &f.id,
                "in_vpc puts the function in the plan's VPC; subnet_ids would choose another at deploy time: use one or the other".into(),
            ));
        }
        let Some(vpc) = self.module_input(
            &path("vpc_id"),
            ParamKind::VpcId,
            None,
            &format!("VPC of the subnets function {id} runs in"),
        ) else {
            return Err(ExportError::unsupported(
                &f.id,
                "a function given subnets needs the VPC they are in: bind vpc_id as well".into(),
            ));
        };
        let in_vpc = When::NonEmpty(subnets.clone());
        let endpoints = self.module_input(
            &path("vpc_endpoints"),
            ParamKind::Bool,
            Some("false"),
            &format!("Whether to make an interface endpoint in the subnets for each AWS API function {id} calls (about $7.30 a month per endpoint and Availability Zone); leave false where the VPC has them or a NAT gateway"),
        );
        let vpc_expr = self.use_param(StackId::Primary, &vpc);
        let subnets_expr = self.use_param(StackId::Primary, &subnets);
        let short = self.short(&f.id);
        let sg = self.unique(&format!("{short}-function-sg"));
        let group = SecurityGroup {
            description: "drplan: backup function in the caller's VPC".into(),
            ingress: Vec::new(),
            egress: vec![super::kinds::Ingress {
                cidr: lit("0.0.0.0/0"),
                port: 443,
                description: "HTTPS to the AWS APIs the function calls".into(),
            }],
            vpc: Some(vpc_expr.clone()),
            self_ingress_port: endpoints.is_some().then_some(443),
        };
        let mut sg_resource =
            Resource::new(&sg, StackId::Primary, Some(&f.id), Kind::SecurityGroup(group))
                .when(in_vpc.clone())
                .with_skips(vec![super::lambda::skip(
                    super::Tool::CheckovTf,
                    "CKV2_AWS_5",
                    "attached through the function's VPC configuration",
                )]);
        sg_resource.checks.push(Check {
            when: None,
            needs: Need::When(When::Set(vpc.clone())),
            message: format!(
                "subnet_ids puts function {id} in a VPC: give vpc_id, the VPC of those subnets."
            ),
        });
        self.push(sg_resource);
        let eni = super::lambda::vpc_network_interfaces();
        let policy = self.unique(&format!("{short}-vpc-policy"));
        let later = vec![
            Resource::new(
                &policy,
                StackId::Primary,
                Some(&f.id),
                Kind::RolePolicy(RolePolicy {
                    role: role.to_string(),
                    name: lit("vpc-network-interfaces"),
                    statements: vec![eni],
                }),
            )
            .when(in_vpc.clone())
            .with_skips(vec![super::lambda::skip(
                super::Tool::Checkov,
                "CKV_AWS_111",
                "Lambda creates and deletes the function's network interfaces in the VPC; EC2 authorises those calls only on all resources",
            )]),
        ];
        if let Some(endpoints) = endpoints {
            for service in services {
                let name = self.unique(&format!("{short}-{service}-endpoint"));
                let mut when = vec![When::True(endpoints.clone()), in_vpc.clone()];
                if *service == "ssm" {
                    when.extend(self.slack_input_of(f).map(When::Set));
                }
                self.push(
                    Resource::new(
                        &name,
                        StackId::Primary,
                        Some(&f.id),
                        Kind::InterfaceEndpoint(InterfaceEndpoint {
                            service: service.to_string(),
                            security_group: sg.clone(),
                            vpc: Some(vpc_expr.clone()),
                            subnets: Some(subnets_expr.clone()),
                        }),
                    )
                    .when(When::All(when)),
                );
            }
        }
        Ok(Some(FunctionVpc { security_group: sg, subnets: subnets_expr, when: in_vpc, later }))
    }

    /// The Slack webhook input bound to the topic a function notifies.
    pub(super) fn slack_input_of(&self, f: &LambdaFunction) -> Option<String> {
        let topic = f.notify_topic.as_deref()?;
        super::interface::binding(self.plan, &format!("components.{topic}.slack_webhook_url"))
            .map(String::from)
    }

    /// A topic of the caller's instead of the bundle's, where the plan binds the
    /// topic's `topic_arn`: the bundle's topic is made only while it is unset.
    pub(super) fn topic_option(&mut self, component: &str, topic: &str) {
        let Some(key) = self.module_input(
            &format!("components.{component}.topic_arn"),
            ParamKind::TopicArn,
            None,
            "ARN of an existing SNS topic to notify instead of the one the module makes (its policy must let cloudwatch.amazonaws.com publish, and its key, if any, let CloudWatch and this module's function use it: see README)",
        ) else {
            return;
        };
        let by = self.use_param(StackId::Primary, &key);
        let lookup = self.unique(&format!("{}-given", topic));
        self.push(
            Resource::new(
                &lookup,
                StackId::Primary,
                Some(component),
                Kind::Lookup(Lookup { of: LookupOf::Topic, by }),
            )
            .when(When::Set(key.clone())),
        );
        if let Some(r) = self.resource_mut(topic) {
            r.when = Some(When::Unset(key));
            r.instead = Some(lookup);
        }
    }

    /// A key of the caller's instead of the bundle's, where the plan binds the key's
    /// `key_id`.
    pub(super) fn key_option(
        &mut self,
        k: &crate::plan::KmsKey,
        key: &str,
    ) -> Result<(), ExportError> {
        let Some(input) = self.module_input(
            &format!("components.{}.key_id", k.id),
            ParamKind::KeyId,
            None,
            "Id, ARN or alias of an existing KMS key to encrypt with instead of the one the module makes (its policy must let CloudWatch Logs, CloudWatch alarms, SNS and RDS exports use it: see README)",
        ) else {
            return Ok(());
        };
        if k.count > 1 {
            return Err(ExportError::unsupported(
                &k.id,
                "key_id names one existing key; this component makes several".into(),
            ));
        }
        let by = self.use_param(StackId::Primary, &input);
        let lookup = self.unique(&format!("{key}-given"));
        let resource = Resource::new(
            &lookup,
            StackId::Primary,
            Some(&k.id),
            Kind::Lookup(Lookup { of: LookupOf::Key, by }),
        )
        .when(When::Set(input.clone()));
        self.keys.push(resource);
        if let Some(r) = self.keys.iter_mut().find(|r| r.name == key) {
            r.when = Some(When::Unset(input));
            r.instead = Some(lookup);
        }
        Ok(())
    }

    /// Notifications of a topic posted to Slack too, where the plan binds the topic's
    /// `slack_webhook_url`: the URL is kept as an SSM SecureString, and the function
    /// that notifies the topic is subscribed to it and posts each message. Returns
    /// the environment variable naming the parameter, and the role's permission and
    /// the subscription, to add after the role and the function.
    pub(super) fn slack_option(
        &mut self,
        f: &LambdaFunction,
        topic: &str,
        role: &str,
        function: &str,
    ) -> Option<((String, Expr), Vec<Resource>)> {
        let component = f.notify_topic.as_deref()?;
        let key = self.module_input(
            &format!("components.{component}.slack_webhook_url"),
            ParamKind::WebhookUrl,
            None,
            "Slack incoming-webhook URL (https://hooks.slack.com/...) every notification is also posted to; kept as an SSM SecureString, never in the Terraform state",
        )?;
        if let Some(p) = self.param_mut(&key) {
            p.sensitive = true;
        }
        let set = When::Set(key.clone());
        let short = self.short(component);
        let secret = self.unique(&format!("{short}-slack-webhook"));
        let key_arn = attr(&self.infra_key(), Attr::Arn);
        let name = Expr::join(vec![
            lit("/"),
            self.physical(StackId::Primary, &short),
            lit("/slack-webhook-url"),
        ]);
        self.push(
            Resource::new(
                &secret,
                StackId::Primary,
                Some(component),
                Kind::Secret(Secret {
                    name,
                    description: format!(
                        "Slack webhook of topic {}",
                        super::describe_id(component)
                    ),
                    value: key.clone(),
                    key_arn,
                }),
            )
            .when(set.clone()),
        );
        let subscription = self.unique(&format!("{short}-slack-subscription"));
        let policy = self.unique(&format!("{short}-slack-policy"));
        let later = vec![
            Resource::new(
                &policy,
                StackId::Primary,
                Some(&f.id),
                Kind::RolePolicy(RolePolicy {
                    role: role.to_string(),
                    name: lit("read-slack-webhook"),
                    statements: vec![Statement::allow(
                        "ReadSlackWebhook",
                        &["ssm:GetParameter"],
                        vec![attr(&secret, Attr::Arn)],
                    )],
                }),
            )
            .when(set.clone()),
            Resource::new(
                &subscription,
                StackId::Primary,
                Some(component),
                Kind::Subscription(Subscription {
                    topic_arn: attr(topic, Attr::Arn),
                    function: function.to_string(),
                }),
            )
            .when(set.clone()),
        ];
        let env = Expr::Choose {
            when: set,
            then: Box::new(attr(&secret, Attr::Name)),
            otherwise: Box::new(lit("")),
        };
        Some((("SLACK_WEBHOOK_PARAMETER".into(), env), later))
    }

    /// Where the caller may give their own topic (encrypted with a key this bundle
    /// does not know), the function may use any key of its region through SNS.
    pub(super) fn foreign_topic_key_policy(
        &mut self,
        f: &LambdaFunction,
        role: &str,
    ) -> Option<Resource> {
        let component = f.notify_topic.as_deref()?;
        let key =
            super::interface::binding(self.plan, &format!("components.{component}.topic_arn"))?;
        let key = key.to_string();
        let short = self.short(&f.id);
        let policy = self.unique(&format!("{short}-given-topic-policy"));
        let via = Expr::join(vec![lit("sns."), region(), lit(".amazonaws.com")]);
        let statement = Statement::allow(
            "EncryptForGivenTopic",
            &["kms:GenerateDataKey*", "kms:Decrypt"],
            vec![arn("kms", region(), account(), vec![lit("key/*")])],
        )
        .with_condition("StringEquals", "kms:ViaService", vec![via])
        .because("the caller's topic may be encrypted with a key of theirs; kms:ViaService limits the grant to publishing through SNS");
        Some(
            Resource::new(
                &policy,
                StackId::Primary,
                Some(&f.id),
                Kind::RolePolicy(RolePolicy {
                    role: role.to_string(),
                    name: lit("publish-to-given-topic"),
                    statements: vec![statement],
                }),
            )
            .when(When::Set(key)),
        )
    }

    /// What the caller's VPC inputs must say for the function to deploy there.
    pub(super) fn vpc_checks(&self, f: &LambdaFunction, vpc: &FunctionVpc) -> Vec<Check> {
        let id = super::describe_id(&f.id);
        let binding = |field: &str| {
            super::interface::binding(self.plan, &format!("components.{}.{field}", f.id))
                .map(String::from)
        };
        let mut out = Vec::new();
        if let Some(endpoints) = binding("vpc_endpoints") {
            out.push(Check {
                when: Some(When::True(endpoints.clone())),
                needs: Need::When(vpc.when.clone()),
                message: format!("{endpoints} makes interface endpoints for function {id} in its subnets: give subnet_ids too (endpoints nothing in the VPC uses are not made)."),
            });
        }
        out
    }
}
