//! The README sections about a bundle's inputs beyond the table: the Terraform
//! module's own interface (its defaults, where a design gives them), the values an
//! input refuses because they would weaken a secure default, what a key or topic of
//! the caller's must allow, and, in the other targets, the inputs only the module
//! takes.

use super::model::{InfraModel, Kind, ParamKind, Parameter};
use super::text::{code_span, markdown_text};
use super::Target;

fn default_text(p: &Parameter, default: Option<&Option<String>>) -> String {
    match default {
        Some(Some(d)) if p.kind == ParamKind::LifecycleRules => code_span(&d.replace(',', ", ")),
        Some(Some(d)) if p.kind.is_list() => code_span(&format!("[{d}]")),
        Some(Some(d)) => code_span(d).replace('|', "\\|"),
        Some(None) => "`null`".into(),
        None => "required".into(),
    }
}

/// The Terraform module's variables, where they differ from the root's (a design
/// gives the module defaults of its own, or inputs only the module takes).
fn module_interface(model: &InfraModel, out: &mut String) {
    let own = model.parameters.iter().any(|p| p.module_default.is_some() || p.module_only);
    if !own {
        return;
    }
    out.push_str(&format!(
        "## The module's variables\n\nThe module `modules/{}` takes these variables, with these defaults; the root above passes this plan's values. A module call that gives only the required ones deploys the defaults.\n\n| name | type | default | meaning |\n|---|---|---|---|\n",
        code_span(&model.terraform_module).trim_matches('`')
    ));
    for p in &model.parameters {
        let declared = !p.stacks.is_empty() || !p.refuses.is_empty();
        if !declared || p.from_output.is_some() || p.kind == ParamKind::AvailabilityZones {
            continue;
        }
        let default = match &p.module_default {
            Some(d) => default_text(p, Some(d)),
            None if matches!(
                p.kind,
                ParamKind::Name | ParamKind::Identifier | ParamKind::IdentifierList
            ) && !p.optional =>
            {
                "required".into()
            }
            None if p.optional && p.default.is_none() => "`null`".into(),
            None => default_text(p, Some(&p.default)),
        };
        let ty = match p.kind {
            k if k.is_list() => "list(string)",
            k if k.is_number() => "number",
            ParamKind::Bool => "bool",
            ParamKind::LifecycleRules => "object",
            _ => "string",
        };
        out.push_str(&format!(
            "| `{}` | {ty} | {default} | {} |\n",
            p.name,
            markdown_text(&p.description)
        ));
    }
    out.push('\n');
}

/// The values inputs refuse, each with why.
fn refusals(model: &InfraModel, out: &mut String) {
    let refused: Vec<String> = model
        .parameters
        .iter()
        .flat_map(|p| {
            p.refuses.iter().map(move |(value, why)| {
                let value =
                    if p.kind == ParamKind::Bool { value.clone() } else { format!("\"{value}\"") };
                format!(
                    "{} is refused: {}",
                    code_span(&format!("{} = {value}", p.name)),
                    markdown_text(why)
                )
            })
        })
        .collect();
    if refused.is_empty() {
        return;
    }
    out.push_str("## Inputs that keep a secure default\n\nThese inputs exist so that a call written for the design's module works unchanged; each keeps what it names switched on, and its validation refuses the value that would switch it off:\n\n");
    for r in refused {
        out.push_str(&format!("- {r}\n"));
    }
    out.push('\n');
}

/// What a key, topic or network of the caller's must provide.
fn callers_resources(model: &InfraModel, out: &mut String) {
    let lookups: Vec<(&Kind, &str)> = model
        .resources
        .iter()
        .filter_map(|r| match &r.kind {
            Kind::Lookup(l) => {
                let key = match &l.by {
                    super::model::Expr::Param(k) => model.input_name(k),
                    _ => "",
                };
                Some((&r.kind, key))
            }
            _ => None,
        })
        .collect();
    let vpc = model.parameters.iter().any(|p| p.module_only && p.kind == ParamKind::SubnetIds);
    if lookups.is_empty() && !vpc {
        return;
    }
    out.push_str("## The caller's own key, topic and network\n\nThe module never changes a resource of the caller's: it uses what it is given as it is, so that resource must already allow what the module needs.\n\n");
    for (kind, input) in lookups {
        let Kind::Lookup(l) = kind else { continue };
        let text = match l.of {
            super::model::LookupOf::Key => format!("`{input}`: the key's policy must keep the account's default statement (so the module's IAM policies apply), and allow `logs.<region>.amazonaws.com` kms:Encrypt\\*, kms:Decrypt\\*, kms:ReEncrypt\\*, kms:GenerateDataKey\\* and kms:Describe\\* for the log group, and `cloudwatch.amazonaws.com` kms:GenerateDataKey\\* and kms:Decrypt for the alarms that publish to the topic it encrypts. The module makes no key then; a key it made before stays (prevent\\_destroy) until removed from the state."),
            super::model::LookupOf::Topic => format!("`{input}`: the topic's policy must let `cloudwatch.amazonaws.com` publish (the alarms notify it), and its key, if it has one, must let CloudWatch and this module's function use it (the function may use any key of the region through SNS only). The module makes no topic then, subscribes `notification_email` to the given one when set, and publishes to it."),
        };
        out.push_str(&format!("- {text}\n"));
    }
    if vpc {
        out.push_str("- `subnet_ids`, `vpc_id`: the function runs in these subnets, in a security group of the module's that allows only HTTPS out. It calls its region's AWS APIs through a NAT gateway or the interface endpoints `enable_vpc_endpoints` makes (leave that false where the VPC has them: two private-DNS endpoints for one service collide); copies to the DR region and Slack posts leave the region, so they need a NAT gateway.\n");
    }
    out.push('\n');
}

/// The inputs only the Terraform module takes, for the other targets.
fn module_only(model: &InfraModel, out: &mut String) {
    if model.notes.module_only.is_empty() {
        return;
    }
    out.push_str("## Terraform module only\n\nThe Terraform bundle's module also takes these inputs, which a stack cannot express as parameters (an object, a resource of the caller's used instead of the bundle's, a secret, the caller's subnets); this bundle deploys what their defaults choose:\n\n");
    for line in &model.notes.module_only {
        out.push_str(&format!("- {}\n", markdown_text(line)));
    }
    out.push('\n');
}

/// The sections for a target.
pub fn sections(model: &InfraModel, target: Target) -> String {
    let mut out = String::new();
    match target {
        Target::Terraform => {
            module_interface(model, &mut out);
            refusals(model, &mut out);
            callers_resources(model, &mut out);
        }
        _ => module_only(model, &mut out),
    }
    out
}
