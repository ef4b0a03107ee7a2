//! Networking: the user's VPC as deploy-time inputs, database subnet groups and
//! security groups, VPC endpoints, and Route 53 health checks.
//!
//! The plan has no VPC component: databases and endpoints go into an existing VPC
//! whose id, CIDR and private subnets (and route tables, for gateway endpoints) are
//! parameters. Creating a VPC would add unplanned, unpriced network pieces, and the
//! databases a DR plan protects normally live in the application's VPC already.

use super::build::{param, Ctx};
use super::expr::{lit, Expr};
use super::kinds::{
    GatewayEndpoint, HealthCheck, Ingress, InterfaceEndpoint, Kind, SecurityGroup, SubnetGroup,
};
use super::{ParamKind, Parameter, Resource, Skip, StackId, Tool};
use crate::export::ExportError;
use crate::plan::Component;

pub(super) const VPC_ID: &str = "vpc_id";
pub(super) const VPC_CIDR: &str = "vpc_cidr";
pub(super) const SUBNETS: &str = "private_subnet_ids";
pub(super) const ROUTE_TABLES: &str = "private_route_table_ids";
pub(super) const AZS: &str = "availability_zones";

/// Declares the VPC inputs (once) and returns the VPC CIDR as seen from the primary stack.
pub(super) fn vpc_inputs(ctx: &mut Ctx, route_tables: bool) -> Expr {
    ctx.define_param(param(
        VPC_ID,
        ParamKind::VpcId,
        None,
        "Id of the existing VPC the databases and endpoints go into",
    ));
    ctx.define_param(param(
        VPC_CIDR,
        ParamKind::Cidr,
        None,
        "CIDR block of that VPC: clients in it may reach the databases and endpoints",
    ));
    ctx.define_param(param(
        SUBNETS,
        ParamKind::SubnetIds,
        None,
        "Private subnets of that VPC, one per Availability Zone",
    ));
    ctx.define_param(param(
        AZS,
        ParamKind::AvailabilityZones,
        None,
        "Availability Zones of those subnets, in the same order (CDK only)",
    ));
    ctx.use_param(StackId::Primary, VPC_ID);
    ctx.use_param(StackId::Primary, SUBNETS);
    // CDK describes the imported subnets with their route tables whether or not a
    // gateway endpoint uses them; CloudFormation declares the input only when one does.
    ctx.define_param(param(
        ROUTE_TABLES,
        ParamKind::RouteTableIds,
        None,
        "Route tables of the private subnets, in the same order (gateway endpoints are added to them)",
    ));
    if route_tables {
        ctx.use_param(StackId::Primary, ROUTE_TABLES);
    }
    ctx.use_param(StackId::Primary, VPC_CIDR)
}

/// A security group for `what`, open to the VPC on `port` and with no egress.
pub(super) fn security_group(
    ctx: &mut Ctx,
    base: &str,
    component: &str,
    what: &str,
    port: u16,
) -> String {
    let cidr = vpc_inputs(ctx, false);
    let name = ctx.unique(base);
    let sg = SecurityGroup {
        description: format!("drplan: {what}"),
        vpc_param: VPC_ID.into(),
        ingress: vec![Ingress {
            cidr,
            port,
            description: format!("Clients in the VPC reach the {what}"),
        }],
    };
    let skips = vec![Skip {
        tool: Tool::CheckovTf,
        rule: "CKV2_AWS_5".into(),
        reason: "attached through the security-group list of the resource it protects".into(),
    }];
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(component), Kind::SecurityGroup(sg))
            .with_skips(skips),
    );
    name
}

pub(super) fn subnet_group(ctx: &mut Ctx, base: &str, component: &str) -> String {
    vpc_inputs(ctx, false);
    let name = ctx.unique(base);
    let group = SubnetGroup {
        description: format!(
            "drplan: private subnets of component {}",
            super::describe_id(component)
        ),
        subnets_param: SUBNETS.into(),
    };
    ctx.push(Resource::new(&name, StackId::Primary, Some(component), Kind::SubnetGroup(group)));
    name
}

/// Service names become part of `com.amazonaws.<region>.<service>`: keep what AWS
/// service names can contain.
fn service_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '.')
        .take(40)
        .collect()
}

pub(super) fn visit_network(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    let Component::VpcEndpoints(v) = c else { return Ok(()) };
    let short = ctx.short(&v.id);
    if !v.gateway.is_empty() {
        vpc_inputs(ctx, true);
    }
    for raw in &v.gateway {
        let service = service_name(raw);
        if service.is_empty() {
            continue;
        }
        let name = ctx.unique(&format!("{short}-{service}-gateway"));
        let endpoint = GatewayEndpoint {
            service,
            vpc_param: VPC_ID.into(),
            route_tables_param: ROUTE_TABLES.into(),
        };
        ctx.push(Resource::new(
            &name,
            StackId::Primary,
            Some(&v.id),
            Kind::GatewayEndpoint(endpoint),
        ));
    }
    if !v.interface.is_empty() {
        let sg = security_group(
            ctx,
            &format!("{short}-endpoints-sg"),
            &v.id,
            "interface endpoints (HTTPS)",
            443,
        );
        for raw in &v.interface {
            let service = service_name(raw);
            if service.is_empty() {
                continue;
            }
            let name = ctx.unique(&format!("{short}-{}-endpoint", service.replace('.', "-")));
            let endpoint = InterfaceEndpoint {
                service,
                vpc_param: VPC_ID.into(),
                subnets_param: SUBNETS.into(),
                security_group: sg.clone(),
            };
            ctx.push(Resource::new(
                &name,
                StackId::Primary,
                Some(&v.id),
                Kind::InterfaceEndpoint(endpoint),
            ));
        }
        ctx.notes.after_deploy.push(format!(
            "The interface endpoints of component {} span the private subnets you pass; the plan assumes {} Availability Zones.",
            super::describe_id(&v.id),
            v.az_count
        ));
    }
    Ok(())
}

pub(super) fn visit_dns(ctx: &mut Ctx, c: &Component) -> Result<(), ExportError> {
    let Component::DnsFailover(d) = c else { return Ok(()) };
    let short = ctx.short(&d.id);
    let count = d.health_checks.clamp(1, 50);
    for n in 1..=count {
        let base = if count == 1 {
            format!("{short}-health-check")
        } else {
            format!("{short}-health-check-{n}")
        };
        let name = ctx.unique(&base);
        let tag = ctx.physical(
            StackId::Primary,
            &if count == 1 { short.clone() } else { format!("{short}-{n}") },
        );
        let check = HealthCheck {
            fqdn: lit(d.domain_name.clone()),
            port: 443,
            path: "/".into(),
            interval_seconds: if d.request_interval_seconds == 10 { 10 } else { 30 },
            failure_threshold: d.failure_threshold.clamp(1, 10),
            name_tag: tag,
        };
        ctx.push(Resource::new(&name, StackId::Primary, Some(&d.id), Kind::HealthCheck(check)));
        ctx.output(
            &format!("{name}-id"),
            StackId::Primary,
            super::expr::attr(&name, super::expr::Attr::Id),
            format!("Id of Route 53 health check {n} of component {}", super::describe_id(&d.id)),
        );
    }
    ctx.notes.after_deploy.push(format!(
        "Attach the health check(s) of component {} to the PRIMARY record of your Route 53 failover record set (the plan has no hosted zone or endpoints): aws route53 change-resource-record-sets with \"Failover\": \"PRIMARY\" and \"HealthCheckId\" set to the stack output.",
        super::describe_id(&d.id)
    ));
    Ok(())
}

/// A parameter naming an existing resource, with the component id as default.
pub(super) fn existing_param(ctx: &mut Ctx, id: &str, what: &str, description: &str) -> String {
    let key = ctx.component_param_key(id, what);
    ctx.define_param(Parameter {
        key: key.clone(),
        kind: ParamKind::Identifier,
        default: Some(super::describe_id(id)),
        description: description.to_string(),
        min: None,
        max: None,
        stacks: Vec::new(),
    });
    key
}
