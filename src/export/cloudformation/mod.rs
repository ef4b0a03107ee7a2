//! CloudFormation emitter: one YAML template per stack (`dr.yaml`, deployed first in
//! the DR region, and `primary.yaml`), with Parameters, Outputs and Metadata, and a
//! README with the exact `aws cloudformation` commands in deploy order.

mod databases;
mod network;
mod operations;
pub mod refs;
mod resources;
pub mod yaml;

use self::refs::Names;
use self::yaml::{int, map, raw, render, s, seq, Entry, Y};
use super::model::{InfraModel, ParamKind, Parameter, StackId};
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
    let mut sizes = Vec::new();
    for &stack in &model.stacks {
        let body = template(model, stack, false);
        sizes.push((stack, body.len()));
        files.push(GeneratedFile::new(template_file(stack), body));
        if model.resources_in(stack).any(|r| r.imported) {
            files.push(GeneratedFile::new(import_file(stack), template(model, stack, true)));
        }
        files.push(GeneratedFile::new(
            format!("{}.parameters.json", stack.id()),
            parameters_file(model, stack),
        ));
    }
    files.push(GeneratedFile::new(
        "README.md",
        super::readme::render(model, super::Target::Cloudformation, &sizes),
    ));
    Ok(files)
}

/// The values of a stack's parameters for `create-change-set --parameters`: the
/// defaults, and `REPLACE_ME` where the user must give a value.
fn parameters_file(model: &InfraModel, stack: StackId) -> String {
    let entries: Vec<serde_json::Value> = model
        .parameters_in(stack)
        .map(|p| {
            let value =
                p.default.clone().unwrap_or_else(|| format!("REPLACE_ME: {}", p.description));
            serde_json::json!({ "ParameterKey": refs::logical_id(&p.name), "ParameterValue": value })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::Value::Array(entries)).unwrap_or_default() + "\n"
}

fn parameter(names: &Names, p: &Parameter) -> Y {
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
    };
    let description: String = description.chars().take(1000).collect();

    let params: Vec<&Parameter> = model.parameters_in(stack).collect();
    let mut resources = Vec::new();
    for r in model.resources_in(stack) {
        for (id, y) in resources::emit_resource(&mut names, r) {
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
