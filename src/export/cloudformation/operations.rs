//! CloudFormation resources for Lambda, EventBridge, SNS, CloudWatch, VPC endpoints,
//! Route 53 health checks and CodeCommit.

use super::refs::Names;
use super::resources::{metadata, policy_document, resource, Emitted};
use super::yaml::{boolean, int, map, number, raw, s, seq, Y};
use crate::export::model::{
    lit, Alarm, AlarmSource, Arch, Dashboard, Expr, Function, GatewayEndpoint, HealthCheck,
    InterfaceEndpoint, LogGroup, Metric, Repository, Resource, Rule, RuleTarget, Topic,
};

fn reference(names: &Names, name: &str) -> Y {
    Y::Tag("!Ref", Box::new(raw(names.resource(name))))
}

fn get_att(names: &Names, name: &str, attribute: &str) -> Y {
    Y::Tag("!GetAtt", Box::new(raw(format!("{}.{attribute}", names.resource(name)))))
}

pub fn log_group(names: &mut Names, r: &Resource, l: &LogGroup) -> Vec<Emitted> {
    let props = map(vec![
        ("LogGroupName", names.expr(&l.name)),
        ("RetentionInDays", super::resources::num(names, &l.retention_days)),
        ("KmsKeyId", names.expr(&l.key_arn)),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::Logs::LogGroup", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn function(names: &mut Names, r: &Resource, f: &Function) -> Vec<Emitted> {
    let variables = f
        .environment
        .iter()
        .map(|(k, v)| crate::export::cloudformation::yaml::Entry {
            key: k.clone(),
            value: names.expr(v),
            comment: None,
        })
        .collect();
    let arch = match f.architecture {
        Arch::X86_64 => "x86_64",
        Arch::Arm64 => "arm64",
    };
    let mut props = vec![
        ("FunctionName", names.expr(&f.name)),
        ("Description", s(f.description.clone())),
        ("Runtime", names.expr(&f.runtime)),
        ("Handler", s(f.handler.clone())),
        ("Code", s(format!("{}/", f.code_dir))),
        ("MemorySize", super::resources::num(names, &f.memory_mb)),
        ("Timeout", super::resources::num(names, &f.timeout_seconds)),
        ("Architectures", seq(vec![raw(arch)])),
        ("Role", get_att(names, &f.role, "Arn")),
        ("LoggingConfig", map(vec![("LogGroup", reference(names, &f.log_group))])),
        ("Environment", map(vec![("Variables", Y::Map(variables))])),
        ("KmsKeyArn", names.expr(&f.environment_key_arn)),
    ];
    if let Some(n) = &f.reserved_concurrency {
        props.push(("ReservedConcurrentExecutions", super::resources::num(names, n)));
    }
    if let Some(t) = &f.dead_letter_topic {
        props.push(("DeadLetterConfig", map(vec![("TargetArn", reference(names, t))])));
    }
    if let Some(sg) = &f.vpc_security_group {
        props.push((
            "VpcConfig",
            map(vec![
                ("SubnetIds", names.private_subnets()),
                ("SecurityGroupIds", seq(vec![get_att(names, sg, "GroupId")])),
            ]),
        ));
    }
    let lint = [(
        "W3002",
        "Code is a local directory that `aws cloudformation package` uploads to S3 (see README.md)",
    )];
    vec![(
        names.resource(&r.name),
        resource("AWS::Lambda::Function", Some(r), map(props), metadata(&r.skips, &lint)),
    )]
}

pub fn rule(names: &mut Names, r: &Resource, rule: &Rule) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let mut props = vec![("Description", s(rule.description.clone())), ("State", raw("ENABLED"))];
    if let Some(expr) = &rule.schedule {
        props.push(("ScheduleExpression", names.expr(expr)));
    }
    if let Some(p) = &rule.pattern {
        let strings = |v: &Vec<String>| seq(v.iter().map(|x| s(x.clone())).collect());
        let detail = Y::Map(
            p.detail
                .iter()
                .map(|(k, v)| crate::export::cloudformation::yaml::Entry {
                    key: k.clone(),
                    value: strings(v),
                    comment: None,
                })
                .collect(),
        );
        let mut pattern =
            vec![("source", strings(&p.source)), ("detail-type", strings(&p.detail_type))];
        // EventBridge refuses an empty object in a pattern: no filter, no key.
        if !p.detail.is_empty() {
            pattern.push(("detail", detail));
        }
        props.push(("EventPattern", map(pattern)));
    }
    let mut permissions = Vec::new();
    let targets = rule
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| match t {
            RuleTarget::Function { function, input } => {
                permissions.push(function.clone());
                let mut target =
                    vec![("Id", s(format!("Target{i}"))), ("Arn", get_att(names, function, "Arn"))];
                if let Some(input) = input {
                    target.push(("Input", s(input.to_string())));
                }
                map(target)
            }
            RuleTarget::Topic { topic } => {
                map(vec![("Id", s(format!("Target{i}"))), ("Arn", reference(names, topic))])
            }
        })
        .collect();
    props.push(("Targets", seq(targets)));
    let mut out = vec![(
        id.clone(),
        resource("AWS::Events::Rule", Some(r), map(props), metadata(&r.skips, &[])),
    )];
    for function in permissions {
        let perm_id = names.claim(&format!("{id}Permission"));
        let props = map(vec![
            ("Action", s("lambda:InvokeFunction")),
            ("FunctionName", get_att(names, &function, "Arn")),
            ("Principal", s("events.amazonaws.com")),
            ("SourceArn", get_att(names, &r.name, "Arn")),
        ]);
        out.push((perm_id, resource("AWS::Lambda::Permission", None, props, None)));
    }
    out
}

pub fn topic(names: &mut Names, r: &Resource, t: &Topic) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let props = map(vec![("KmsMasterKeyId", names.expr(&t.key_arn))]);
    let mut out =
        vec![(id.clone(), resource("AWS::SNS::Topic", Some(r), props, metadata(&r.skips, &[])))];
    let policy_id = names.claim(&format!("{id}Policy"));
    let policy = map(vec![
        ("Topics", seq(vec![reference(names, &r.name)])),
        ("PolicyDocument", policy_document(names, &t.policy(&r.name))),
    ]);
    out.push((policy_id, resource("AWS::SNS::TopicPolicy", None, policy, None)));
    for (i, email) in t.emails.iter().enumerate() {
        let sub_id = names.claim(&format!("{id}Subscription{}", i + 1));
        let props = map(vec![
            ("Protocol", raw("email")),
            ("Endpoint", names.expr(email)),
            ("TopicArn", reference(names, &r.name)),
        ]);
        out.push((sub_id, resource("AWS::SNS::Subscription", None, props, None)));
    }
    out
}

fn dimensions(names: &Names, m: &Metric) -> Y {
    seq(m
        .dimensions
        .iter()
        .map(|(k, v)| map(vec![("Name", s(k.clone())), ("Value", names.expr(v))]))
        .collect())
}

pub fn alarm(names: &mut Names, r: &Resource, a: &Alarm) -> Vec<Emitted> {
    let mut props = vec![
        ("AlarmName", names.expr(&a.name)),
        ("AlarmDescription", s(a.description.clone())),
        ("ComparisonOperator", raw("GreaterThanThreshold")),
        ("Threshold", number(a.threshold)),
        ("EvaluationPeriods", int(a.evaluation_periods)),
        ("TreatMissingData", raw(a.treat_missing_data)),
    ];
    match &a.source {
        AlarmSource::Metric(m) => {
            props.push(("Namespace", s(m.namespace.clone())));
            props.push(("MetricName", s(m.name.clone())));
            if !m.dimensions.is_empty() {
                props.push(("Dimensions", dimensions(names, m)));
            }
            props.push(("Statistic", raw(m.statistic)));
            props.push(("Period", int(a.period_seconds)));
        }
        AlarmSource::Sum { label, metrics } => {
            let mut queries: Vec<Y> = metrics
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let metric = map(vec![
                        ("Namespace", s(m.namespace.clone())),
                        ("MetricName", s(m.name.clone())),
                        ("Dimensions", dimensions(names, m)),
                    ]);
                    map(vec![
                        ("Id", s(format!("m{}", i + 1))),
                        (
                            "MetricStat",
                            map(vec![
                                ("Metric", metric),
                                ("Period", int(a.period_seconds)),
                                ("Stat", raw(m.statistic)),
                            ]),
                        ),
                        ("ReturnData", boolean(false)),
                    ])
                })
                .collect();
            let expression =
                (1..=metrics.len()).map(|i| format!("m{i}")).collect::<Vec<_>>().join(" + ");
            queries.push(map(vec![
                ("Id", s("total")),
                ("Expression", s(expression)),
                ("Label", s(label.clone())),
                ("ReturnData", boolean(true)),
            ]));
            props.push(("Metrics", seq(queries)));
        }
    }
    if let Some(t) = &a.topic {
        props.push(("AlarmActions", seq(vec![reference(names, t)])));
    }
    vec![(
        names.resource(&r.name),
        resource("AWS::CloudWatch::Alarm", Some(r), map(props), metadata(&r.skips, &[])),
    )]
}

/// The dashboard body as an `Fn::Sub` template: JSON text with references.
fn dashboard_body(d: &Dashboard) -> Expr {
    let json = |text: &str| serde_json::Value::String(text.to_string()).to_string();
    let mut parts = vec![lit("{\"widgets\":[")];
    for (i, w) in d.widgets.iter().enumerate() {
        let (x, y) = ((i % 2) * 12, (i / 2) * 6);
        if i > 0 {
            parts.push(lit(","));
        }
        parts.push(lit(format!(
            "{{\"type\":\"metric\",\"x\":{x},\"y\":{y},\"width\":12,\"height\":6,\"properties\":{{\"title\":{},\"view\":\"timeSeries\",\"period\":{},\"region\":\"",
            json(&w.title),
            w.period_seconds
        )));
        parts.push(crate::export::model::region());
        parts.push(lit("\",\"metrics\":["));
        for (j, m) in w.metrics.iter().enumerate() {
            if j > 0 {
                parts.push(lit(","));
            }
            parts.push(lit(format!("[{},{}", json(&m.namespace), json(&m.name))));
            for (k, v) in &m.dimensions {
                parts.push(lit(format!(",{},", json(k))));
                match v {
                    Expr::Lit(t) => parts.push(lit(json(t))),
                    other => {
                        parts.push(lit("\""));
                        parts.push(other.clone());
                        parts.push(lit("\""));
                    }
                }
            }
            parts.push(lit(format!(",{{\"stat\":{}}}]", json(m.statistic))));
        }
        parts.push(lit("]}}"));
    }
    parts.push(lit("]}"));
    Expr::join(parts)
}

pub fn dashboard(names: &mut Names, r: &Resource, d: &Dashboard) -> Vec<Emitted> {
    let props = map(vec![
        ("DashboardName", names.expr(&d.name)),
        ("DashboardBody", names.expr(&dashboard_body(d))),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::CloudWatch::Dashboard", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn gateway_endpoint(names: &mut Names, r: &Resource, g: &GatewayEndpoint) -> Vec<Emitted> {
    let service = Y::Tag(
        "!Sub",
        Box::new(s(format!(
            "com.amazonaws.${{AWS::Region}}.{}",
            super::refs::sub_escape(&g.service)
        ))),
    );
    let props = map(vec![
        ("VpcEndpointType", raw("Gateway")),
        ("ServiceName", service),
        ("VpcId", names.vpc_id()),
        ("RouteTableIds", names.private_route_tables()),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::EC2::VPCEndpoint", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn interface_endpoint(names: &mut Names, r: &Resource, e: &InterfaceEndpoint) -> Vec<Emitted> {
    let service = Y::Tag(
        "!Sub",
        Box::new(s(format!(
            "com.amazonaws.${{AWS::Region}}.{}",
            super::refs::sub_escape(&e.service)
        ))),
    );
    let props = map(vec![
        ("VpcEndpointType", raw("Interface")),
        ("ServiceName", service),
        ("VpcId", names.vpc_id()),
        ("SubnetIds", names.private_subnets()),
        ("SecurityGroupIds", seq(vec![get_att(names, &e.security_group, "GroupId")])),
        ("PrivateDnsEnabled", boolean(true)),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::EC2::VPCEndpoint", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn health_check(names: &mut Names, r: &Resource, h: &HealthCheck) -> Vec<Emitted> {
    let config = map(vec![
        ("Type", raw("HTTPS")),
        ("FullyQualifiedDomainName", names.expr(&h.fqdn)),
        ("Port", int(h.port)),
        ("ResourcePath", s(h.path.clone())),
        ("RequestInterval", int(h.interval_seconds)),
        ("FailureThreshold", int(h.failure_threshold)),
    ]);
    let props = map(vec![
        ("HealthCheckConfig", config),
        (
            "HealthCheckTags",
            seq(vec![map(vec![("Key", s("Name")), ("Value", names.expr(&h.name_tag))])]),
        ),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::Route53::HealthCheck", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn repository(names: &mut Names, r: &Resource, repo: &Repository) -> Vec<Emitted> {
    let props = map(vec![
        ("RepositoryName", names.expr(&repo.name)),
        ("RepositoryDescription", s(repo.description.clone())),
        ("KmsKeyId", names.expr(&repo.key_arn)),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::CodeCommit::Repository", Some(r), props, metadata(&r.skips, &[])),
    )]
}
