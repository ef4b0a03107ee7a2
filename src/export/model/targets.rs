//! What each target offers of a model. The Terraform module takes every input;
//! CloudFormation and the CDK apps take all but the module's own
//! ([`Parameter::module_only`]: an object, a resource of the caller's used instead of
//! one the bundle makes, a secret), and deploy what those inputs' defaults choose:
//! every condition on them is decided here, before the emitters see the model, so
//! that the stacks deploy exactly what the module deploys at its defaults.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{Expr, InfraModel, Kind, Parameter, When};
use crate::export::{ExportError, Target};

/// The model as `target` offers it.
pub fn offered_in(model: &InfraModel, target: Target) -> Result<Cow<'_, InfraModel>, ExportError> {
    if target == Target::Terraform || !model.parameters.iter().any(|p| p.module_only) {
        return Ok(Cow::Borrowed(model));
    }
    let defaults: BTreeMap<&str, &Parameter> =
        model.parameters.iter().filter(|p| p.module_only).map(|p| (p.key.as_str(), p)).collect();
    let decide = |w: &When| decide(w, &defaults, target);
    let mut out = model.clone();
    out.parameters.retain(|p| !p.module_only);
    out.notes.module_only = model
        .parameters
        .iter()
        .filter(|p| p.module_only)
        .map(|p| format!("{}: {}", p.name, p.description))
        .collect();
    let mut kept = Vec::new();
    for mut r in out.resources {
        if let Some(w) = r.when.take() {
            if !decide(&w)? {
                continue;
            }
        }
        r.instead = None;
        r.checks.clear();
        match &mut r.kind {
            Kind::Function(f) => {
                if let Some(w) = f.vpc_when.take() {
                    if !decide(&w)? {
                        f.vpc_security_group = None;
                        f.vpc_subnets = None;
                    }
                }
                for (_, value) in f.environment.iter_mut() {
                    resolve(value, &decide)?;
                }
            }
            Kind::Bucket(b) => b.lifecycle.inputs = None,
            Kind::BucketSettings(b) => b.lifecycle.inputs = None,
            _ => {}
        }
        kept.push(r);
    }
    out.resources = kept;
    for r in &out.resources {
        if let Some(what) = module_only_part(&r.kind) {
            return Err(ExportError::unsupported(
                r.component.as_deref().unwrap_or(&r.name),
                format!("{} cannot express {what} (a Terraform module input)", target.label()),
            ));
        }
    }
    Ok(Cow::Owned(out))
}

/// What only the Terraform module expresses, left after the defaults decided.
fn module_only_part(kind: &Kind) -> Option<&'static str> {
    match kind {
        Kind::Lookup(_) => Some("a resource of the caller's used instead of the bundle's"),
        Kind::Secret(_) => Some("a secret an input gives"),
        Kind::Subscription(_) => Some("a function subscribed to a topic"),
        Kind::SecurityGroup(g) if g.vpc.is_some() || g.self_ingress_port.is_some() => {
            Some("a security group in the caller's VPC")
        }
        Kind::InterfaceEndpoint(e) if e.vpc.is_some() || e.subnets.is_some() => {
            Some("an endpoint in the caller's subnets")
        }
        Kind::Function(f) if f.vpc_subnets.is_some() => Some("a function in the caller's subnets"),
        _ => None,
    }
}

/// A condition on module inputs, decided by their defaults.
fn decide(
    w: &When,
    defaults: &BTreeMap<&str, &Parameter>,
    target: Target,
) -> Result<bool, ExportError> {
    let default = |key: &str| -> Result<Option<&str>, ExportError> {
        match defaults.get(key) {
            Some(p) => Ok(p.default.as_deref()),
            None => Err(ExportError::unsupported(
                key,
                format!("{} cannot make resources depend on this input", target.label()),
            )),
        }
    };
    Ok(match w {
        When::Set(k) => default(k)?.is_some_and(|d| !d.is_empty()),
        When::Unset(k) => default(k)?.is_none_or(|d| d.is_empty()),
        When::True(k) => default(k)? == Some("true"),
        When::NonEmpty(k) => default(k)?.is_some_and(|d| d.split(',').any(|x| !x.is_empty())),
        When::All(all) => {
            let mut every = true;
            for w in all {
                every &= decide(w, defaults, target)?;
            }
            every
        }
    })
}

/// Replaces every [`Expr::Choose`] with the branch its condition takes.
fn resolve(
    e: &mut Expr,
    decide: &dyn Fn(&When) -> Result<bool, ExportError>,
) -> Result<(), ExportError> {
    match e {
        Expr::Choose { when, then, otherwise } => {
            let mut chosen = if decide(when)? { (**then).clone() } else { (**otherwise).clone() };
            resolve(&mut chosen, decide)?;
            *e = chosen;
        }
        Expr::Join(parts) => {
            for p in parts {
                resolve(p, decide)?;
            }
        }
        Expr::Underscored(inner) => resolve(inner, decide)?,
        _ => {}
    }
    Ok(())
}
