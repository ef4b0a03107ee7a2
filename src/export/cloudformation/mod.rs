//! CloudFormation emitter: one YAML template per stack (`dr.yaml`, deployed first in
//! the DR region, and `primary.yaml`), with Parameters, Outputs and Metadata, and a
//! README with the exact `aws cloudformation` commands in deploy order.

mod databases;
mod network;
mod operations;
pub mod refs;
mod resources;
mod restore_testing;
pub mod yaml;

use self::refs::Names;
use self::yaml::{int, map, raw, render, s, seq, Entry, Y};
use super::model::{InfraModel, Kind, ParamKind, Parameter, StackId};
use super::{ExportError, GeneratedFile};

/// The template file of a stack.
pub fn template_file(stack: StackId) -> String {
    format!("{}.yaml", stack.id())
}

/// The template of step one of adopting existing resources into a stack.
pub fn import_file(stack: StackId) -> String {
    format!("{}.import.yaml", stack.id())
}

pub fn emit(model: &InfraModel) -> Result<Vec<GeneratedFile>, ExportError> {
    let mut files = Vec::new();
    for &stack in &model.stacks {
        let body = template(model, stack, false);
        files.push(GeneratedFile::new(template_file(stack), body));
        if model.resources_in(stack).any(|r| r.imported) {
            files.push(GeneratedFile::new(import_file(stack), template(model, stack, true)));
        }
        files.push(GeneratedFile::new(
            format!("{}.parameters.json", stack.id()),
            parameters_file(model, stack),
        ));
    }
    Ok(files)
}

/// The values of a stack's parameters for `create-change-set --parameters`: the
/// defaults, and `REPLACE_ME` where the user must give a value.
fn parameters_file(model: &InfraModel, stack: StackId) -> String {
    let entries: Vec<serde_json::Value> = model
        .parameters_in(stack)
        .map(|p| {
            let value = match (&p.default, p.optional) {
                (Some(d), _) => d.clone(),
                (None, true) => String::new(),
                (None, false) => format!("REPLACE_ME: {}", p.description),
            };
            serde_json::json!({ "ParameterKey": refs::logical_id(&p.name), "ParameterValue": value })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::Value::Array(entries)).unwrap_or_default() + "\n"
}

/// An optional input: text, empty while unset (CloudFormation has no null), so that
/// numbers too are typed `String` and checked by pattern.
fn optional_parameter(p: &Parameter) -> Y {
    let inner = match p.kind {
        k if k.is_number() => "[0-9]{1,5}".to_string(),
        _ => p
            .pattern()
            .map(|x| x.trim_start_matches('^').trim_end_matches('$').to_string())
            .unwrap_or_else(|| ".*".into()),
    };
    let pattern = format!("^({inner})?$");
    let mut meaning = p.description.clone();
    if let (Some(min), Some(max)) = (p.min, p.max) {
        meaning = format!("{meaning} ({min}-{max})");
    }
    map(vec![
        ("Type", raw("String")),
        ("Description", s(format!("{meaning} (empty: unset)"))),
        ("Default", s(p.default.clone().unwrap_or_default())),
        ("AllowedPattern", s(pattern.clone())),
        ("ConstraintDescription", s(format!("must be empty or match {pattern}"))),
    ])
}

/// The resources of the model's resource: one arm per kind, no wildcard, so that a
/// new kind does not compile until this emitter says what it makes of it.
fn emit_resource(names: &mut Names, r: &super::model::Resource) -> Vec<resources::Emitted> {
    use self::{databases as d, network as n, operations as o, resources as res};
    match &r.kind {
        Kind::Key(k) => res::key(names, r, k),
        Kind::Bucket(b) => res::bucket(names, r, b),
        Kind::Role(role) => res::role(names, r, role),
        Kind::RolePolicy(p) => res::role_policy(names, r, p),
        Kind::Table(t) => d::table(names, r, t),
        Kind::SubnetGroup(g) => d::subnet_group(names, r, g),
        Kind::SecurityGroup(g) => d::security_group(names, r, g),
        Kind::DbInstance(db) => d::db_instance(names, r, db),
        Kind::DbCluster(c) => d::db_cluster(names, r, c),
        Kind::Vault(v) => res::vault(names, r, v),
        Kind::BackupPlan(p) => res::backup_plan(names, r, p),
        Kind::Selection(sel) => res::selection(names, r, sel),
        Kind::LogGroup(l) => o::log_group(names, r, l),
        Kind::Function(f) => o::function(names, r, f),
        Kind::Rule(rule) => o::rule(names, r, rule),
        Kind::Topic(t) => o::topic(names, r, t),
        Kind::Alarm(a) => o::alarm(names, r, a),
        Kind::Dashboard(dash) => o::dashboard(names, r, dash),
        Kind::GatewayEndpoint(g) => o::gateway_endpoint(names, r, g),
        Kind::InterfaceEndpoint(e) => o::interface_endpoint(names, r, e),
        Kind::HealthCheck(h) => o::health_check(names, r, h),
        Kind::Repository(repo) => o::repository(names, r, repo),
        Kind::Vpc(v) => n::vpc(names, r, v),
        Kind::RecordSet(rec) => n::record_set(names, r, rec),
        Kind::RestoreTestingPlan(p) => restore_testing::plan(names, r, p),
        Kind::RestoreTestingSelection(sel) => restore_testing::selection(names, r, sel),
        // A stack cannot hold a live bucket's settings without the bucket: the README
        // applies them with commands (ExistingMode::Settings).
        Kind::BucketSettings(_) => Vec::new(),
        // Terraform module inputs only: `offered_in` decides them before this emitter
        // runs, and refuses a model that still holds one.
        Kind::Lookup(_) | Kind::Secret(_) | Kind::Subscription(_) => Vec::new(),
    }
}

/// A rule per parameter that refuses values which would weaken a secure default
/// (`EnableS3Encryption` = `false`): CloudFormation checks it before it changes
/// anything and answers with the rule's reason, as Terraform's validation does.
fn refusal_rules(names: &Names, params: &[&Parameter]) -> Vec<Entry> {
    params
        .iter()
        .filter(|p| !p.refuses.is_empty())
        .map(|p| {
            let id = names.param(&p.key);
            let assertions = p
                .refuses
                .iter()
                .map(|(value, message)| {
                    let equals = map(vec![(
                        "Fn::Equals",
                        seq(vec![Y::Tag("!Ref", Box::new(raw(id.clone()))), s(value.clone())]),
                    )]);
                    map(vec![
                        ("Assert", map(vec![("Fn::Not", seq(vec![equals]))])),
                        ("AssertDescription", s(message.clone())),
                    ])
                })
                .collect();
            Entry {
                key: format!("{id}Refused"),
                value: map(vec![("Assertions", seq(assertions))]),
                comment: None,
            }
        })
        .collect()
}

fn parameter(names: &Names, p: &Parameter) -> Y {
    if p.optional {
        return optional_parameter(p);
    }
    let ty = match p.kind {
        k if k.is_number() => "Number",
        ParamKind::VpcId => "AWS::EC2::VPC::Id",
        ParamKind::SubnetIds => "List<AWS::EC2::Subnet::Id>",
        ParamKind::RouteTableIds | ParamKind::AvailabilityZones | ParamKind::IdentifierList => {
            "CommaDelimitedList"
        }
        _ => "String",
    };
    let mut entries = vec![("Type", raw(ty)), ("Description", s(p.description.clone()))];
    if let Some(d) = &p.default {
        entries.push((
            "Default",
            if p.kind.is_number() {
                raw(d.parse::<u32>().unwrap_or(1).to_string())
            } else {
                s(d.clone())
            },
        ));
    }
    if !p.allowed.is_empty() {
        let number = p.kind.is_number();
        let values =
            p.allowed.iter().map(|v| if number { raw(v.clone()) } else { s(v.clone()) }).collect();
        entries.push(("AllowedValues", seq(values)));
    } else if p.kind == ParamKind::Bool {
        entries.push(("AllowedValues", seq(vec![s("true"), s("false")])));
    // A VPC id parameter is validated by its AWS-specific type already.
    } else if let Some(pattern) = p.pattern().filter(|_| p.kind != ParamKind::VpcId) {
        entries.push(("AllowedPattern", s(pattern.clone())));
        entries.push(("ConstraintDescription", s(p.constraint())));
    }
    if let Some(min) = p.min {
        entries.push(("MinValue", int(min)));
    }
    if let Some(max) = p.max {
        entries.push(("MaxValue", int(max)));
    }
    let _ = names;
    map(entries)
}

fn template(model: &InfraModel, stack: StackId, import_step: bool) -> String {
    let mut names = Names::new(model, stack);
    names.import_step = import_step;
    let region = model.region_of(stack);
    let description = match stack {
        StackId::Primary => {
            format!("drplan export of plan \"{}\": primary stack ({region})", model.plan_name)
        }
        StackId::Dr => format!(
            "drplan export of plan \"{}\": DR stack ({region}), deployed before the primary stack",
            model.plan_name
        ),
        StackId::Account => format!(
            "drplan export of plan \"{}\": backup account stack ({region}), deployed first, in the backup account",
            model.plan_name
        ),
    };
    let description: String = description.chars().take(1000).collect();

    let params: Vec<&Parameter> = model.parameters_in(stack).collect();
    let mut resources = Vec::new();
    for r in model.resources_in(stack) {
        for (id, y) in emit_resource(&mut names, r) {
            // Made once per element of a list input: AWS::LanguageExtensions expands
            // the loop, naming each copy after its element.
            let (id, y) = match &r.for_each {
                Some(list) => (
                    format!("Fn::ForEach::{id}"),
                    seq(vec![
                        raw(refs::FOR_EACH_ITEM),
                        Y::Tag("!Ref", Box::new(raw(names.param(list)))),
                        Y::Map(vec![Entry {
                            key: format!("{id}&{{{}}}", refs::FOR_EACH_ITEM),
                            value: y,
                            comment: None,
                        }]),
                    ]),
                ),
                None => (id, y),
            };
            resources.push(Entry {
                key: id,
                value: y,
                comment: r
                    .component
                    .as_deref()
                    .map(|c| format!("component: {}", crate::export::text::comment_safe(c, 60))),
            });
        }
    }
    // Only the first resource of a component carries the comment.
    let mut last = None;
    for e in resources.iter_mut() {
        if e.comment.is_some() && e.comment == last {
            e.comment = None;
        } else if e.comment.is_some() {
            last = e.comment.clone();
        }
    }

    let order = model
        .stacks
        .iter()
        .map(|s| format!("{} ({})", template_file(*s), model.region_of(*s)))
        .collect::<Vec<_>>()
        .join(", then ");
    let groups = params.iter().map(|p| raw(names.param(&p.key))).collect::<Vec<_>>();
    let mut metadata = vec![(
        "drplan",
        map(vec![
            ("Plan", s(model.plan_name.clone())),
            ("Stack", raw(stack.id())),
            ("DeployOrder", s(order)),
            ("Generator", s(format!("drplan {}", env!("CARGO_PKG_VERSION")))),
        ]),
    )];
    if !groups.is_empty() {
        metadata.push((
            "AWS::CloudFormation::Interface",
            map(vec![(
                "ParameterGroups",
                seq(vec![map(vec![
                    ("Label", map(vec![("default", s("Plan settings"))])),
                    ("Parameters", seq(groups)),
                ])]),
            )]),
        ));
    }

    let mut doc = vec![Entry {
        key: "AWSTemplateFormatVersion".into(),
        value: s("2010-09-09"),
        comment: None,
    }];
    if model.resources_in(stack).any(|r| r.for_each.is_some()) {
        doc.push(Entry {
            key: "Transform".into(),
            value: raw("AWS::LanguageExtensions"),
            comment: Some(
                "Fn::ForEach: resources made once per element of a list parameter".into(),
            ),
        });
    }
    doc.push(Entry { key: "Description".into(), value: s(description), comment: None });
    doc.push(Entry { key: "Metadata".into(), value: map(metadata), comment: None });
    if !params.is_empty() {
        let entries = params
            .iter()
            .map(|p| Entry { key: names.param(&p.key), value: parameter(&names, p), comment: None })
            .collect();
        doc.push(Entry { key: "Parameters".into(), value: Y::Map(entries), comment: None });
    }
    let rules = refusal_rules(&names, &params);
    if !rules.is_empty() {
        doc.push(Entry { key: "Rules".into(), value: Y::Map(rules), comment: None });
    }
    if !names.conditions.is_empty() {
        let conditions = names
            .conditions
            .iter()
            .map(|(id, key)| {
                let empty = map(vec![(
                    "Fn::Equals",
                    seq(vec![Y::Tag("!Ref", Box::new(raw(names.param(key)))), s("")]),
                )]);
                Entry {
                    key: id.clone(),
                    value: map(vec![("Fn::Not", seq(vec![empty]))]),
                    comment: None,
                }
            })
            .collect();
        doc.push(Entry { key: "Conditions".into(), value: Y::Map(conditions), comment: None });
    }
    doc.push(Entry { key: "Resources".into(), value: Y::Map(resources), comment: None });
    let outputs: Vec<Entry> = model
        .outputs_in(stack)
        .map(|o| {
            let id = names.claim(&refs::logical_id(&o.name));
            Entry {
                key: id,
                value: map(vec![
                    ("Description", s(o.description.clone())),
                    ("Value", names.expr(&o.value)),
                ]),
                comment: None,
            }
        })
        .collect();
    if !outputs.is_empty() {
        doc.push(Entry { key: "Outputs".into(), value: Y::Map(outputs), comment: None });
    }
    format!(
        "# Generated by drplan from plan {}. Deploy order and commands: README.md\n{}",
        crate::export::text::comment_safe(&model.plan_name, 80),
        render(&Y::Map(doc))
    )
}
