//! Terraform variables: type, default, description and validations that state each
//! rule in the variable's own terms (numbers by comparison, text by pattern), refuse
//! the values that would weaken a secure default with the reason, and let an
//! optional input be null.

use super::hcl::{self, num, raw, s, Block, Item, H};
use super::refs::label;
use crate::export::model::{ParamKind, Parameter};

/// The lifecycle input's fields, each a whole number of days or null.
const LIFECYCLE_TYPE: &str = "object({ transition_to_ia_days = optional(number), transition_to_glacier_days = optional(number), transition_to_deep_archive_days = optional(number), expiration_days = optional(number) })";

fn type_of(p: &Parameter) -> &'static str {
    if p.kind.is_list() {
        "list(string)"
    } else if p.kind.is_number() {
        "number"
    } else if p.kind == ParamKind::Bool {
        "bool"
    } else if p.kind == ParamKind::LifecycleRules {
        LIFECYCLE_TYPE
    } else {
        "string"
    }
}

/// A default (in the model's text form) as an HCL value.
fn value_of(p: &Parameter, d: &str) -> H {
    if p.kind.is_number() {
        num(d.parse::<u32>().unwrap_or(1))
    } else if p.kind == ParamKind::Bool {
        raw(if d == "true" { "true" } else { "false" })
    } else if p.kind.is_list() {
        H::List(d.split(',').filter(|x| !x.is_empty()).map(|x| s(x.to_string())).collect())
    } else if p.kind == ParamKind::LifecycleRules {
        let fields: std::collections::BTreeMap<String, Option<u32>> =
            serde_json::from_str(d).unwrap_or_default();
        H::Object(
            crate::export::model::LIFECYCLE_FIELDS
                .iter()
                .map(|f| {
                    let v = fields.get(*f).copied().flatten();
                    (f.to_string(), v.map_or_else(|| raw("null"), num))
                })
                .collect(),
        )
    } else {
        s(d.to_string())
    }
}

/// A parameter's default as an HCL value (the root's: this plan's value).
pub fn default_value(p: &Parameter) -> Option<H> {
    match &p.default {
        Some(d) => Some(value_of(p, d)),
        None if p.optional => Some(raw("null")),
        None => None,
    }
}

/// The module's `variable` block of a parameter: the default the design gives the
/// module, else this plan's value, except for what says whom the module is for
/// (project, environment) and which existing resources it acts on, which every
/// caller must state; the root passes this plan's values.
pub fn module_variable(p: &Parameter) -> Block {
    let default = match &p.module_default {
        Some(Some(d)) => Some(value_of(p, d)),
        Some(None) => Some(raw("null")),
        None if matches!(
            p.kind,
            ParamKind::Name | ParamKind::Identifier | ParamKind::IdentifierList
        ) && !p.optional =>
        {
            None
        }
        None => default_value(p),
    };
    let mut b = block(p, default);
    if p.key == "dr_region" {
        // The module's DR resources go to its aws.dr provider's region.
        if let Some(Item::Attr(_, d)) =
            b.body.iter_mut().find(|i| matches!(i, Item::Attr(n, _) if n == "description"))
        {
            *d = s(format!("{}; the module's aws.dr provider decides it, and a value given here must name that provider's region", p.description));
        }
    }
    b
}

/// The root's `variable` block of a parameter.
pub fn variable(p: &Parameter) -> Block {
    block(p, default_value(p))
}

/// The rule of a value that is not null, with its message.
fn rule(p: &Parameter, var: &str, name: &str) -> Option<(String, String)> {
    if !p.allowed.is_empty() {
        let values = p.allowed.join(", ");
        let list = if p.kind.is_number() {
            values.clone()
        } else {
            p.allowed.iter().map(|v| hcl::quote(v)).collect::<Vec<_>>().join(", ")
        };
        return Some((
            format!("contains([{list}], {var})"),
            format!("The value of {name} must be one of {values}."),
        ));
    }
    match p.kind {
        ParamKind::Bool => None,
        ParamKind::Runtime => p.pattern().map(|pattern| {
            (
                format!("can(regex({}, {var}))", hcl::quote(&pattern)),
                format!("The value of {name} must be python3.12, python3.13 or python3.14: Lambda has deprecated the older Python runtimes (python3.9 among them), which get no security patches and which it stops creating functions on."),
            )
        }),
        ParamKind::LifecycleRules => {
            let fields = crate::export::model::LIFECYCLE_FIELDS
                .iter()
                .map(|f| format!("({var}.{f} == null ? true : {var}.{f} >= 0 && {var}.{f} <= 36500 && floor({var}.{f}) == {var}.{f})"))
                .collect::<Vec<_>>()
                .join(" && ");
            Some((
                format!("{fields} && ({var}.transition_to_ia_days == null ? true : {var}.transition_to_ia_days >= 30)"),
                format!("Every day count of {name} must be a whole number from 0 to 36500 or null, and transition_to_ia_days at least 30 (S3 moves objects to STANDARD_IA no sooner)."),
            ))
        }
        _ => {
            if let Some(pattern) = p.pattern() {
                Some((
                    format!("can(regex({}, {var}))", hcl::quote(&pattern)),
                    format!("The value of {name} {}.", p.constraint()),
                ))
            } else if let (Some(min), Some(max)) = (p.min, p.max) {
                Some((
                    format!("{var} >= {min} && {var} <= {max} && floor({var}) == {var}"),
                    format!("The value of {name} must be a whole number from {min} to {max}."),
                ))
            } else if p.kind.is_list() && !p.optional && p.default.as_deref() != Some("") {
                Some((format!("length({var}) > 0"), format!("Give at least one value for {name}.")))
            } else {
                None
            }
        }
    }
}

fn validation(condition: String, message: String) -> Block {
    Block::new("validation", &[])
        .attr("condition", raw(condition))
        .attr("error_message", s(message))
}

fn block(p: &Parameter, default: Option<H>) -> Block {
    let name = label(&p.name);
    let var = format!("var.{name}");
    let mut b = Block::new("variable", &[&name])
        .attr("description", s(p.description.clone()))
        .attr("type", raw(type_of(p)));
    let nullable = matches!(&default, Some(H::Raw(r)) if r == "null");
    if let Some(d) = default {
        b = b.attr("default", d);
    }
    if p.sensitive {
        b = b.attr("sensitive", raw("true"));
    }
    let mut checks = Vec::new();
    // Refusals first: their message says why the value would weaken the bundle.
    for (value, message) in &p.refuses {
        let condition = if p.kind == ParamKind::Bool && value == "false" {
            var.clone()
        } else {
            format!("{var} != {}", hcl::quote(value))
        };
        checks.push((condition, message.clone()));
    }
    if let Some((condition, message)) = rule(p, &var, &name) {
        // Terraform does not stop at the first operand of ||: the conditional does.
        let condition =
            if nullable { format!("{var} == null ? true : {condition}") } else { condition };
        checks.push((condition, message));
    }
    if p.kind == ParamKind::BackupWindow {
        // RDS: "Must be at least 30 minutes" (a window may end after midnight).
        let minutes = |at: usize| {
            format!(
                "(tonumber(substr({var}, {at}, 2)) * 60 + tonumber(substr({var}, {}, 2)))",
                at + 3
            )
        };
        let longer = format!("try(({} - {} + 1440) % 1440 >= 30, false)", minutes(6), minutes(0));
        checks.push((
            if nullable { format!("{var} == null ? true : {longer}") } else { longer },
            format!(
                "{name} must be at least 30 minutes long (RDS refuses a shorter backup window)."
            ),
        ));
    }
    for (condition, message) in checks {
        b.push(Item::Blank);
        b = b.block(validation(condition, message));
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
