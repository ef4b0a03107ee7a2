//! CDK constructs for Lambda, EventBridge, SNS, CloudWatch, VPC
//! endpoints, Route 53 health checks and CodeCommit.

use super::build::B;
use super::{call, constant, new, s, static_call, structure, var, Stmt, V};
use crate::export::model::{
    Alarm, AlarmSource, Arch, Dashboard, Function, GatewayEndpoint, HealthCheck, InterfaceEndpoint,
    LogGroup, Metric, Repository, Resource, Rule, RuleTarget, Topic,
};

/// `logs.RetentionDays` members by days.
fn retention_member(days: u32) -> &'static str {
    match days {
        1 => "ONE_DAY",
        3 => "THREE_DAYS",
        5 => "FIVE_DAYS",
        7 => "ONE_WEEK",
        14 => "TWO_WEEKS",
        30 => "ONE_MONTH",
        60 => "TWO_MONTHS",
        90 => "THREE_MONTHS",
        120 => "FOUR_MONTHS",
        150 => "FIVE_MONTHS",
        180 => "SIX_MONTHS",
        365 => "ONE_YEAR",
        400 => "THIRTEEN_MONTHS",
        545 => "EIGHTEEN_MONTHS",
        731 => "TWO_YEARS",
        1096 => "THREE_YEARS",
        1827 => "FIVE_YEARS",
        2192 => "SIX_YEARS",
        2557 => "SEVEN_YEARS",
        2922 => "EIGHT_YEARS",
        3288 => "NINE_YEARS",
        _ => "TEN_YEARS",
    }
}

/// A JSON value as a literal of the program.
fn json(v: &serde_json::Value) -> V {
    match v {
        serde_json::Value::String(t) => s(t.clone()),
        serde_json::Value::Bool(b) => V::Bool(*b),
        serde_json::Value::Number(n) => {
            n.as_i64().map(V::Int).unwrap_or_else(|| V::Float(n.as_f64().unwrap_or(0.0)))
        }
        serde_json::Value::Array(items) => V::List(items.iter().map(json).collect()),
        serde_json::Value::Object(map) => {
            V::Dict(map.iter().map(|(k, v)| (k.clone(), json(v))).collect())
        }
        serde_json::Value::Null => s(""),
    }
}

impl<'m> B<'m> {
    pub(super) fn gateway_endpoint(&mut self, r: &Resource, g: &GatewayEndpoint) {
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        let subnets = self.private_subnets();
        let service = match g.service.as_str() {
            "s3" => constant("ec2", "GatewayVpcEndpointAwsService", "S3"),
            "dynamodb" => constant("ec2", "GatewayVpcEndpointAwsService", "DYNAMODB"),
            other => new("ec2", "GatewayVpcEndpointAwsService", vec![s(other)], vec![]),
        };
        self.let_(
            &r.name,
            new(
                "ec2",
                "GatewayVpcEndpoint",
                vec![V::This, s(id)],
                vec![("vpc", vpc), ("service", service), ("subnets", V::List(vec![subnets]))],
            ),
        );
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn interface_endpoint(&mut self, r: &Resource, e: &InterfaceEndpoint) {
        let id = self.construct_id(&r.name);
        let vpc = self.vpc();
        let subnets = self.private_subnets();
        let props = vec![
            ("vpc", vpc),
            (
                "service",
                new("ec2", "InterfaceVpcEndpointAwsService", vec![s(e.service.clone())], vec![]),
            ),
            ("subnets", subnets),
            ("securityGroups", V::List(vec![var(&e.security_group)])),
            ("privateDnsEnabled", V::Bool(true)),
            ("open", V::Bool(false)),
        ];
        self.let_(&r.name, new("ec2", "InterfaceVpcEndpoint", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn health_check(&mut self, r: &Resource, h: &HealthCheck) {
        let id = self.construct_id(&r.name);
        let config = structure(
            "route53",
            "CfnHealthCheck.HealthCheckConfigProperty",
            vec![
                ("type", s("HTTPS")),
                ("fullyQualifiedDomainName", self.expr(&h.fqdn)),
                ("port", V::Int(i64::from(h.port))),
                ("resourcePath", s(h.path.clone())),
                ("requestInterval", V::Int(i64::from(h.interval_seconds))),
                ("failureThreshold", V::Int(i64::from(h.failure_threshold))),
            ],
        );
        let tag = structure(
            "route53",
            "CfnHealthCheck.HealthCheckTagProperty",
            vec![("key", s("Name")), ("value", self.expr(&h.name_tag))],
        );
        self.body.push(Stmt::Comment(
            "Route 53 health checks have no L2 construct: this is the CloudFormation resource."
                .into(),
        ));
        self.let_(
            &r.name,
            new(
                "route53",
                "CfnHealthCheck",
                vec![V::This, s(id)],
                vec![("healthCheckConfig", config), ("healthCheckTags", V::List(vec![tag]))],
            ),
        );
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn repository(&mut self, r: &Resource, repo: &Repository) {
        let id = self.construct_id(&r.name);
        let key = self.key(&repo.key_arn, &r.name);
        let props = vec![
            ("repositoryName", self.expr(&repo.name)),
            ("description", s(repo.description.clone())),
            ("kmsKey", key),
        ];
        self.let_(&r.name, new("codecommit", "Repository", vec![V::This, s(id)], props));
        self.body.push(Stmt::Do(call(
            var(&r.name),
            "applyRemovalPolicy",
            vec![constant("cdk", "RemovalPolicy", "RETAIN")],
        )));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn removal_of(r: &Resource) -> V {
        let policy = match r.deletion {
            crate::export::model::Deletion::Delete => "DESTROY",
            crate::export::model::Deletion::Retain => "RETAIN",
            crate::export::model::Deletion::Snapshot => "SNAPSHOT",
        };
        constant("cdk", "RemovalPolicy", policy)
    }

    pub(super) fn log_group(&mut self, r: &Resource, l: &LogGroup) {
        let id = self.construct_id(&r.name);
        let key = self.key(&l.key_arn, &r.name);
        let days = match &l.retention_days {
            crate::export::model::Num::Lit(d) => *d,
            crate::export::model::Num::Param(key) => self
                .model
                .parameter(key)
                .and_then(|p| p.default.as_deref())
                .and_then(|d| d.parse().ok())
                .unwrap_or(30),
        };
        let props = vec![
            ("logGroupName", self.expr(&l.name)),
            ("retention", constant("logs", "RetentionDays", retention_member(days))),
            ("encryptionKey", key),
            ("removalPolicy", Self::removal_of(r)),
        ];
        self.let_(&r.name, new("logs", "LogGroup", vec![V::This, s(id)], props));
        if l.retention_days.lit_value().is_none() {
            // logs.RetentionDays is an enum: a retention read from the settings is
            // set on the CloudFormation resource.
            let setting = self.num(&l.retention_days);
            self.body.push(Stmt::Do(call(
                V::Helper("defaultChild".into(), vec![var(&r.name)]),
                "addPropertyOverride",
                vec![s("RetentionInDays"), setting],
            )));
        }
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn function(&mut self, r: &Resource, f: &Function) {
        let id = self.construct_id(&r.name);
        let key = self.key(&f.environment_key_arn, &r.name);
        let runtime = match f.runtime.as_lit() {
            Some(name) => {
                constant("lambda", "Runtime", &name.replace("python", "PYTHON_").replace('.', "_"))
            }
            None => new(
                "lambda",
                "Runtime",
                vec![self.expr(&f.runtime), constant("lambda", "RuntimeFamily", "PYTHON")],
                vec![],
            ),
        };
        let env = V::Dict(f.environment.iter().map(|(k, v)| (k.clone(), self.expr(v))).collect());
        let mut props = vec![
            ("functionName", self.expr(&f.name)),
            ("description", s(f.description.clone())),
            ("runtime", runtime),
            ("handler", s(f.handler.clone())),
            (
                "code",
                static_call("lambda", "Code", "fromAsset", vec![V::AssetPath(f.code_dir.clone())]),
            ),
            ("memorySize", self.num(&f.memory_mb)),
            (
                "timeout",
                static_call("cdk", "Duration", "seconds", vec![self.num(&f.timeout_seconds)]),
            ),
            (
                "architecture",
                constant(
                    "lambda",
                    "Architecture",
                    if f.architecture == Arch::Arm64 { "ARM_64" } else { "X86_64" },
                ),
            ),
            ("role", call(var(&f.role), "withoutPolicyUpdates", vec![])),
            ("logGroup", var(&f.log_group)),
            ("environment", env),
            ("environmentEncryption", key),
        ];
        if let Some(n) = &f.reserved_concurrency {
            props.push(("reservedConcurrentExecutions", self.num(n)));
        }
        if let Some(t) = &f.dead_letter_topic {
            props.push(("deadLetterTopic", var(t)));
        }
        if let Some(sg) = &f.vpc_security_group {
            let vpc = self.vpc();
            let subnets = self.private_subnets();
            props.push(("vpc", vpc));
            props.push(("vpcSubnets", subnets));
            props.push(("securityGroups", V::List(vec![var(sg)])));
        }
        self.let_(&r.name, new("lambda", "Function", vec![V::This, s(id)], props));
        self.body.push(Stmt::Comment("CDK makes the function depend on its role explicitly, on top of the Role reference; cfn-lint W3005 notes the".into()));
        self.body.push(Stmt::Comment("duplicate, which is harmless.".into()));
        self.body.push(Stmt::Do(V::Helper(
            "cfnLintIgnore".into(),
            vec![var(&r.name), V::List(vec![s("W3005")])],
        )));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn rule(&mut self, r: &Resource, rule: &Rule) {
        let id = self.construct_id(&r.name);
        let mut props = vec![("description", s(rule.description.clone()))];
        if let Some(e) = &rule.schedule {
            props.push((
                "schedule",
                static_call("events", "Schedule", "expression", vec![self.expr(e)]),
            ));
        }
        if let Some(p) = &rule.pattern {
            let strings = |v: &Vec<String>| V::List(v.iter().map(|x| s(x.clone())).collect());
            let detail = V::Dict(p.detail.iter().map(|(k, v)| (k.clone(), strings(v))).collect());
            let mut fields =
                vec![("source", strings(&p.source)), ("detailType", strings(&p.detail_type))];
            // EventBridge refuses an empty object in a pattern: no filter, no key.
            if !p.detail.is_empty() {
                fields.push(("detail", detail));
            }
            props.push(("eventPattern", structure("events", "EventPattern", fields)));
        }
        let targets = rule
            .targets
            .iter()
            .map(|t| match t {
                RuleTarget::Function { function, input } => {
                    let props = match input {
                        Some(input) => vec![(
                            "event",
                            static_call(
                                "events",
                                "RuleTargetInput",
                                "fromObject",
                                vec![json(input)],
                            ),
                        )],
                        // Without `event`, the function receives the matched event.
                        None => Vec::new(),
                    };
                    new("targets", "LambdaFunction", vec![var(function)], props)
                }
                RuleTarget::Topic { topic } => new("targets", "SnsTopic", vec![var(topic)], vec![]),
            })
            .collect();
        props.push(("targets", V::List(targets)));
        self.let_(&r.name, new("events", "Rule", vec![V::This, s(id)], props));
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn topic(&mut self, r: &Resource, t: &Topic) {
        let id = self.construct_id(&r.name);
        let key = self.key(&t.key_arn, &r.name);
        self.let_(
            &r.name,
            new(
                "sns",
                "Topic",
                vec![V::This, s(id)],
                vec![("masterKey", key), ("enforceSSL", V::Bool(true))],
            ),
        );
        for e in &t.emails {
            let email = self.expr(e);
            self.body.push(Stmt::Do(call(
                var(&r.name),
                "addSubscription",
                vec![new("subs", "EmailSubscription", vec![email], vec![])],
            )));
        }
        // EventBridge is allowed by the rules' SnsTopic targets, which add the same
        // topic-policy statement the other targets write; CloudWatch alarm actions add
        // none, so its statement is written here.
        let arn = crate::export::model::attr(&r.name, crate::export::model::Attr::Arn);
        for (n, service) in t.publishers_cdk_omits() {
            let statement =
                self.statement(&crate::export::model::publisher_statement(n, service, &arn));
            self.body.push(Stmt::Do(call(var(&r.name), "addToResourcePolicy", vec![statement])));
        }
        self.acknowledge(var(&r.name), &r.skips);
    }

    fn metric(&self, m: &Metric, period: u32) -> V {
        let mut props = vec![
            ("namespace", s(m.namespace.clone())),
            ("metricName", s(m.name.clone())),
            ("statistic", s(m.statistic)),
            ("period", static_call("cdk", "Duration", "seconds", vec![V::Int(i64::from(period))])),
        ];
        if !m.dimensions.is_empty() {
            props.push((
                "dimensionsMap",
                V::Dict(m.dimensions.iter().map(|(k, v)| (k.clone(), self.expr(v))).collect()),
            ));
        }
        new("cloudwatch", "Metric", vec![], props)
    }

    pub(super) fn alarm(&mut self, r: &Resource, a: &Alarm) {
        let id = self.construct_id(&r.name);
        let metric = match &a.source {
            AlarmSource::Metric(m) => self.metric(m, a.period_seconds),
            AlarmSource::Sum { label, metrics } => {
                let using = V::Dict(
                    metrics
                        .iter()
                        .enumerate()
                        .map(|(i, m)| (format!("m{}", i + 1), self.metric(m, a.period_seconds)))
                        .collect(),
                );
                let expression =
                    (1..=metrics.len()).map(|i| format!("m{i}")).collect::<Vec<_>>().join(" + ");
                let props = vec![
                    ("expression", s(expression)),
                    ("usingMetrics", using),
                    ("label", s(label.clone())),
                    (
                        "period",
                        static_call(
                            "cdk",
                            "Duration",
                            "seconds",
                            vec![V::Int(i64::from(a.period_seconds))],
                        ),
                    ),
                ];
                new("cloudwatch", "MathExpression", vec![], props)
            }
        };
        let missing =
            if a.treat_missing_data == "breaching" { "BREACHING" } else { "NOT_BREACHING" };
        let props = vec![
            ("alarmName", self.expr(&a.name)),
            ("alarmDescription", s(a.description.clone())),
            ("metric", metric),
            ("threshold", V::Float(a.threshold)),
            ("evaluationPeriods", V::Int(i64::from(a.evaluation_periods))),
            (
                "comparisonOperator",
                constant("cloudwatch", "ComparisonOperator", "GREATER_THAN_THRESHOLD"),
            ),
            ("treatMissingData", constant("cloudwatch", "TreatMissingData", missing)),
        ];
        self.let_(&r.name, new("cloudwatch", "Alarm", vec![V::This, s(id)], props));
        if let Some(t) = &a.topic {
            self.body.push(Stmt::Do(call(
                var(&r.name),
                "addAlarmAction",
                vec![new("cw_actions", "SnsAction", vec![var(t)], vec![])],
            )));
        }
        self.acknowledge(var(&r.name), &r.skips);
    }

    pub(super) fn dashboard(&mut self, r: &Resource, d: &Dashboard) {
        let id = self.construct_id(&r.name);
        let widgets: Vec<V> = d
            .widgets
            .iter()
            .map(|w| {
                let left =
                    V::List(w.metrics.iter().map(|m| self.metric(m, w.period_seconds)).collect());
                new(
                    "cloudwatch",
                    "GraphWidget",
                    vec![],
                    vec![
                        ("title", s(w.title.clone())),
                        ("left", left),
                        ("width", V::Int(12)),
                        ("height", V::Int(6)),
                    ],
                )
            })
            .collect();
        let rows = V::List(widgets.chunks(2).map(|c| V::List(c.to_vec())).collect());
        self.let_(
            &r.name,
            new(
                "cloudwatch",
                "Dashboard",
                vec![V::This, s(id)],
                vec![("dashboardName", self.expr(&d.name)), ("widgets", rows)],
            ),
        );
        self.acknowledge(var(&r.name), &r.skips);
    }
}
