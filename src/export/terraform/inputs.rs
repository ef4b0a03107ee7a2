//! Terraform variables: type, default, description and a validation that states the
//! rule in the variable's own terms (numbers by comparison, text by pattern).

use super::hcl::{self, num, raw, s, Block, Item, H};
use super::refs::label;
use crate::export::model::{ParamKind, Parameter};

fn type_of(p: &Parameter) -> &'static str {
    if p.kind.is_list() {
        "list(string)"
    } else if p.kind.is_number() {
        "number"
    } else if p.kind == ParamKind::Bool {
        "bool"
    } else {
        "string"
    }
}

/// A parameter's default as an HCL value.
pub fn default_value(p: &Parameter) -> Option<H> {
    p.default.as_ref().map(|d| {
        if p.kind.is_number() {
            num(d.parse::<u32>().unwrap_or(1))
        } else if p.kind == ParamKind::Bool {
            raw(if d == "true" { "true" } else { "false" })
        } else if p.kind.is_list() {
            H::List(d.split(',').filter(|x| !x.is_empty()).map(|x| s(x.to_string())).collect())
        } else {
            s(d.clone())
        }
    })
}

/// The module's `variable` block of a parameter: without a default for what says
/// whom the module is for (project, environment) and which existing resources it
/// acts on, which every caller must state; the root passes this plan's values.
pub fn module_variable(p: &Parameter) -> Block {
    let required =
        matches!(p.kind, ParamKind::Name | ParamKind::Identifier | ParamKind::IdentifierList);
    let mut b = variable(p);
    if required {
        b.body.retain(|item| !matches!(item, Item::Attr(name, _) if name == "default"));
    }
    b
}

/// The `variable` block of a parameter.
pub fn variable(p: &Parameter) -> Block {
    let name = label(&p.name);
    let mut b = Block::new("variable", &[&name])
        .attr("description", s(p.description.clone()))
        .attr("type", raw(type_of(p)));
    if let Some(d) = default_value(p) {
        b = b.attr("default", d);
    }
    let var = format!("var.{name}");
    let check = if !p.allowed.is_empty() {
        let values = p.allowed.join(", ");
        let list = if p.kind.is_number() {
            values.clone()
        } else {
            p.allowed.iter().map(|v| hcl::quote(v)).collect::<Vec<_>>().join(", ")
        };
        Some((
            raw(format!("contains([{list}], {var})")),
            format!("The value of {name} must be one of {values}."),
        ))
    } else if p.kind == ParamKind::Bool {
        None
    } else if let Some(pattern) = p.pattern() {
        Some((
            raw(format!("can(regex({}, {var}))", hcl::quote(&pattern))),
            format!("The value of {name} {}.", p.constraint()),
        ))
    } else if let (Some(min), Some(max)) = (p.min, p.max) {
        Some((
            raw(format!("{var} >= {min} && {var} <= {max} && floor({var}) == {var}")),
            format!("The value of {name} must be a whole number from {min} to {max}."),
        ))
    } else if p.kind.is_list() {
        Some((raw(format!("length({var}) > 0")), format!("Give at least one value for {name}.")))
    } else {
        None
    };
    if let Some((condition, message)) = check {
        b.push(Item::Blank);
        b = b.block(
            Block::new("validation", &[])
                .attr("condition", condition)
                .attr("error_message", s(message)),
        );
    }
    b
}

/// The value a `terraform.tfvars.example` gives a parameter.
pub fn example_value(p: &Parameter) -> H {
    match (default_value(p), p.kind) {
        (Some(d), _) => d,
        (None, ParamKind::SubnetIds) => {
            H::List(vec![s("subnet-REPLACE_ME_1"), s("subnet-REPLACE_ME_2")])
        }
        (None, ParamKind::RouteTableIds) => {
            H::List(vec![s("rtb-REPLACE_ME_1"), s("rtb-REPLACE_ME_2")])
        }
        (None, ParamKind::VpcId) => s("vpc-REPLACE_ME"),
        (None, _) => s("REPLACE_ME"),
    }
}
