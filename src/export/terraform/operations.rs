//! Terraform resources for Lambda, EventBridge, SNS, CloudWatch, VPC endpoints,
//! Route 53 health checks and CodeCommit.

use super::hcl::{boolean, float, num, raw, s, Block, Part, H};
use super::refs::{condition, label, Names};
use super::resources::{policy_document, resource, Out};
use crate::export::model::{
    Alarm, AlarmSource, Arch, Attr, Dashboard, Function, GatewayEndpoint, HealthCheck,
    InterfaceEndpoint, LogGroup, Metric, Repository, Resource, Rule, RuleTarget, Topic,
};

/// The `archive_file` data source that zips a function's code directory.
pub fn code_label(code_dir: &str) -> String {
    format!("{}_code", label(code_dir.trim_start_matches("lambda/")))
}

pub fn archive(code_dir: &str) -> Block {
    let path = |p: String| H::Tpl(vec![Part::Interp("path.module".into()), Part::Lit(p)]);
    let name = code_dir.trim_start_matches("lambda/").replace('/', "-");
    Block::new("data", &["archive_file", &code_label(code_dir)])
        .attr("type", s("zip"))
        .attr("source_dir", path(format!("/{code_dir}")))
        .attr("output_path", path(format!("/.build/{name}.zip")))
}

pub fn log_group(names: &Names, r: &Resource, l: &LogGroup) -> Out {
    let lb = names.label(&r.name);
    let b = resource("aws_cloudwatch_log_group", &lb, r)
        .attr("name", names.expr(&l.name, r.stack))
        .attr("retention_in_days", names.number(&l.retention_days))
        .attr("kms_key_id", names.expr(&l.key_arn, r.stack));
    vec![("lambda.tf", b)]
}

pub fn function(names: &Names, r: &Resource, f: &Function) -> Out {
    let l = names.label(&r.name);
    let code = code_label(&f.code_dir);
    let arch = match f.architecture {
        Arch::X86_64 => "x86_64",
        Arch::Arm64 => "arm64",
    };
    let variables =
        H::Object(f.environment.iter().map(|(k, v)| (k.clone(), names.expr(v, r.stack))).collect());
    let mut b = resource("aws_lambda_function", &l, r)
        .attr("function_name", names.expr(&f.name, r.stack))
        .attr("description", s(f.description.clone()))
        .attr("role", raw(format!("aws_iam_role.{}.arn", names.label(&f.role))))
        .attr("runtime", names.expr(&f.runtime, r.stack))
        .attr("handler", s(f.handler.clone()))
        .attr("filename", raw(format!("data.archive_file.{code}.output_path")))
        .attr("source_code_hash", raw(format!("data.archive_file.{code}.output_base64sha256")))
        .attr("memory_size", names.number(&f.memory_mb))
        .attr("timeout", names.number(&f.timeout_seconds))
        .attr("architectures", H::List(vec![s(arch)]))
        .attr("kms_key_arn", names.expr(&f.environment_key_arn, r.stack))
        .block(Block::new("environment", &[]).attr("variables", variables))
        .block(Block::new("logging_config", &[]).attr("log_format", s("Text")).attr(
            "log_group",
            raw(format!("aws_cloudwatch_log_group.{}.name", names.label(&f.log_group))),
        ));
    if let Some(n) = &f.reserved_concurrency {
        b = b.attr("reserved_concurrent_executions", names.number(n));
    }
    if let Some(t) = &f.dead_letter_topic {
        b = b.block(
            Block::new("dead_letter_config", &[])
                .attr("target_arn", raw(names.attr_ref(t, Attr::Arn))),
        );
    }
    if let Some(sg) = &f.vpc_security_group {
        let subnets = match &f.vpc_subnets {
            Some(e) => names.expr(e, r.stack),
            None => names.private_subnets(),
        };
        let config = |kind: &str| {
            Block::new(kind, &[])
                .attr("subnet_ids", subnets.clone())
                .attr("security_group_ids", H::List(vec![raw(names.attr_ref(sg, Attr::Id))]))
        };
        b = match &f.vpc_when {
            // In the VPC only where the caller gives subnets.
            Some(w) => b.block(
                Block::new("dynamic", &["vpc_config"])
                    .attr("for_each", raw(format!("{} ? [1] : []", condition(names.model, w))))
                    .block(config("content")),
            ),
            None => b.block(config("vpc_config")),
        };
    }
    vec![("lambda.tf", b)]
}

/// An event pattern as an HCL object for `jsonencode`.
fn strings(v: &[String]) -> H {
    H::List(v.iter().map(|x| s(x.clone())).collect())
}

pub fn rule(names: &Names, r: &Resource, rule: &Rule) -> Out {
    let l = names.label(&r.name);
    let mut b = resource("aws_cloudwatch_event_rule", &l, r)
        .attr("description", s(rule.description.clone()))
        .attr("state", s("ENABLED"));
    if let Some(e) = &rule.schedule {
        b = b.attr("schedule_expression", names.expr(e, r.stack));
    }
    if let Some(p) = &rule.pattern {
        let detail = H::Object(p.detail.iter().map(|(k, v)| (k.clone(), strings(v))).collect());
        let mut fields = vec![
            ("source".into(), strings(&p.source)),
            ("detail-type".into(), strings(&p.detail_type)),
        ];
        // EventBridge refuses an empty object in a pattern: no filter, no key.
        if !p.detail.is_empty() {
            fields.push(("detail".into(), detail));
        }
        let pattern = H::Object(fields);
        b = b.attr("event_pattern", H::Call("jsonencode", Box::new(pattern)));
    }
    let mut out = vec![("events.tf", b)];
    for (i, t) in rule.targets.iter().enumerate() {
        let tl = format!("{l}_{i}");
        let mut target = Block::new("resource", &["aws_cloudwatch_event_target", &tl])
            .attr("rule", raw(format!("aws_cloudwatch_event_rule.{l}.name")))
            .attr("target_id", s(format!("Target{i}")));
        match t {
            RuleTarget::Function { function, input } => {
                target = target
                    .attr("arn", raw(format!("aws_lambda_function.{}.arn", names.label(function))));
                if let Some(input) = input {
                    target = target.attr("input", s(input.to_string()));
                }
                out.push((
                    "events.tf",
                    Block::new("resource", &["aws_lambda_permission", &tl])
                        // One statement per rule: a function's policy refuses a repeated id.
                        .attr("statement_id", s(format!("AllowEventBridge-{tl}")))
                        .attr("action", s("lambda:InvokeFunction"))
                        .attr(
                            "function_name",
                            raw(format!(
                                "aws_lambda_function.{}.function_name",
                                names.label(function)
                            )),
                        )
                        .attr("principal", s("events.amazonaws.com"))
                        .attr("source_arn", raw(format!("aws_cloudwatch_event_rule.{l}.arn"))),
                ));
            }
            RuleTarget::Topic { topic } => {
                target = target.attr("arn", raw(names.attr_ref(topic, Attr::Arn)))
            }
        }
        out.push(("events.tf", target));
    }
    out
}

pub fn topic(names: &Names, r: &Resource, t: &Topic) -> Out {
    let l = names.label(&r.name);
    let mut out = vec![(
        "monitoring.tf",
        resource("aws_sns_topic", &l, r).attr("kms_master_key_id", names.expr(&t.key_arn, r.stack)),
    )];
    let doc = format!("{l}_policy");
    out.push(("monitoring.tf", policy_document(names, &doc, &t.policy(&r.name), r.stack, &[])));
    out.push((
        "monitoring.tf",
        Block::new("resource", &["aws_sns_topic_policy", &l])
            .attr("arn", raw(format!("aws_sns_topic.{l}.arn")))
            .attr("policy", raw(format!("data.aws_iam_policy_document.{doc}.json"))),
    ));
    // Subscriptions go to the topic in use: the module's, or the caller's.
    let arn = raw(names.attr_ref(&r.name, Attr::Arn));
    for (i, email) in t.emails.iter().enumerate() {
        let mut b =
            Block::new("resource", &["aws_sns_topic_subscription", &format!("{l}_{}", i + 1)]);
        // An address the module may be given as null subscribes nothing then.
        if let crate::export::model::Expr::Param(key) = email {
            let nullable = names.model.parameter(key).is_some_and(|p| {
                p.optional || p.module_default.as_ref().is_some_and(Option::is_none)
            });
            if nullable {
                b = b.attr("count", raw(format!("{} != null ? 1 : 0", names.param(key))));
            }
        }
        out.push((
            "monitoring.tf",
            b.attr("topic_arn", arn.clone())
                .attr("protocol", s("email"))
                .attr("endpoint", names.expr(email, r.stack)),
        ));
    }
    out
}

fn dimensions(names: &Names, m: &Metric, r: &Resource) -> H {
    H::Object(m.dimensions.iter().map(|(k, v)| (k.clone(), names.expr(v, r.stack))).collect())
}

pub fn alarm(names: &Names, r: &Resource, a: &Alarm) -> Out {
    let l = names.label(&r.name);
    let mut b = resource("aws_cloudwatch_metric_alarm", &l, r)
        .attr("alarm_name", names.expr(&a.name, r.stack))
        .attr("alarm_description", s(a.description.clone()))
        .attr("comparison_operator", s("GreaterThanThreshold"))
        .attr("threshold", float(a.threshold))
        .attr("evaluation_periods", num(a.evaluation_periods))
        .attr("treat_missing_data", s(a.treat_missing_data));
    if let Some(t) = &a.topic {
        b = b.attr("alarm_actions", H::List(vec![raw(names.attr_ref(t, Attr::Arn))]));
    }
    match &a.source {
        AlarmSource::Metric(m) => {
            b = b
                .attr("namespace", s(m.namespace.clone()))
                .attr("metric_name", s(m.name.clone()))
                .attr("statistic", s(m.statistic))
                .attr("period", num(a.period_seconds));
            if !m.dimensions.is_empty() {
                b = b.attr("dimensions", dimensions(names, m, r));
            }
        }
        AlarmSource::Sum { label: text, metrics } => {
            for (i, m) in metrics.iter().enumerate() {
                let metric = Block::new("metric", &[])
                    .attr("namespace", s(m.namespace.clone()))
                    .attr("metric_name", s(m.name.clone()))
                    .attr("period", num(a.period_seconds))
                    .attr("stat", s(m.statistic))
                    .attr("dimensions", dimensions(names, m, r));
                b = b.block(
                    Block::new("metric_query", &[])
                        .attr("id", s(format!("m{}", i + 1)))
                        .attr("return_data", boolean(false))
                        .block(metric),
                );
            }
            let expression =
                (1..=metrics.len()).map(|i| format!("m{i}")).collect::<Vec<_>>().join(" + ");
            b = b.block(
                Block::new("metric_query", &[])
                    .attr("id", s("total"))
                    .attr("expression", s(expression))
                    .attr("label", s(text.clone()))
                    .attr("return_data", boolean(true)),
            );
        }
    }
    vec![("monitoring.tf", b)]
}

fn widget_metric(names: &Names, m: &Metric, r: &Resource) -> H {
    let mut items = vec![s(m.namespace.clone()), s(m.name.clone())];
    for (k, v) in &m.dimensions {
        items.push(s(k.clone()));
        items.push(names.expr(v, r.stack));
    }
    items.push(H::Object(vec![("stat".into(), s(m.statistic))]));
    H::List(items)
}

pub fn dashboard(names: &Names, r: &Resource, d: &Dashboard) -> Out {
    let l = names.label(&r.name);
    let region = names.expr(&crate::export::model::region(), r.stack);
    let widgets = d
        .widgets
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let properties = H::Object(vec![
                ("title".into(), s(w.title.clone())),
                ("view".into(), s("timeSeries")),
                ("period".into(), num(w.period_seconds)),
                ("region".into(), region.clone()),
                (
                    "metrics".into(),
                    H::List(w.metrics.iter().map(|m| widget_metric(names, m, r)).collect()),
                ),
            ]);
            H::Object(vec![
                ("type".into(), s("metric")),
                ("x".into(), num((i % 2) * 12)),
                ("y".into(), num((i / 2) * 6)),
                ("width".into(), num(12)),
                ("height".into(), num(6)),
                ("properties".into(), properties),
            ])
        })
        .collect();
    let body =
        H::Call("jsonencode", Box::new(H::Object(vec![("widgets".into(), H::List(widgets))])));
    vec![(
        "monitoring.tf",
        resource("aws_cloudwatch_dashboard", &l, r)
            .attr("dashboard_name", names.expr(&d.name, r.stack))
            .attr("dashboard_body", body),
    )]
}

fn service_name(names: &Names, service: &str, r: &Resource) -> H {
    let region = names.expr(&crate::export::model::region(), r.stack);
    let region = match region {
        H::Raw(e) => e,
        _ => "var.primary_region".into(),
    };
    H::Tpl(vec![
        Part::Lit("com.amazonaws.".into()),
        Part::Interp(region),
        Part::Lit(format!(".{service}")),
    ])
}

pub fn gateway_endpoint(names: &Names, r: &Resource, g: &GatewayEndpoint) -> Out {
    let l = names.label(&r.name);
    let b = resource("aws_vpc_endpoint", &l, r)
        .attr("vpc_id", names.vpc_id())
        .attr("service_name", service_name(names, &g.service, r))
        .attr("vpc_endpoint_type", s("Gateway"))
        .attr("route_table_ids", names.private_route_tables());
    vec![("network.tf", b)]
}

pub fn interface_endpoint(names: &Names, r: &Resource, e: &InterfaceEndpoint) -> Out {
    let l = names.label(&r.name);
    let vpc = e.vpc.as_ref().map_or_else(|| names.vpc_id(), |v| names.expr(v, r.stack));
    let subnets =
        e.subnets.as_ref().map_or_else(|| names.private_subnets(), |v| names.expr(v, r.stack));
    let b = resource("aws_vpc_endpoint", &l, r)
        .attr("vpc_id", vpc)
        .attr("service_name", service_name(names, &e.service, r))
        .attr("vpc_endpoint_type", s("Interface"))
        .attr("subnet_ids", subnets)
        .attr("security_group_ids", H::List(vec![raw(names.attr_ref(&e.security_group, Attr::Id))]))
        .attr("private_dns_enabled", boolean(true));
    vec![("network.tf", b)]
}

pub fn health_check(names: &Names, r: &Resource, h: &HealthCheck) -> Out {
    let l = names.label(&r.name);
    let b = resource("aws_route53_health_check", &l, r)
        .attr("type", s("HTTPS"))
        .attr("fqdn", names.expr(&h.fqdn, r.stack))
        .attr("port", num(h.port))
        .attr("resource_path", s(h.path.clone()))
        .attr("request_interval", num(h.interval_seconds))
        .attr("failure_threshold", num(h.failure_threshold))
        .attr("tags", H::Object(vec![("Name".into(), names.expr(&h.name_tag, r.stack))]));
    vec![("dns.tf", b)]
}

pub fn repository(names: &Names, r: &Resource, repo: &Repository) -> Out {
    let l = names.label(&r.name);
    let b = resource("aws_codecommit_repository", &l, r)
        .attr("repository_name", names.expr(&repo.name, r.stack))
        .attr("description", s(repo.description.clone()))
        .attr("kms_key_id", names.expr(&repo.key_arn, r.stack));
    vec![("config.tf", b)]
}
