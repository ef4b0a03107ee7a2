//! Networking: the plan's VPC (the user's, named at deploy time, or one the bundle
//! creates when `network.vpc` is `create`), database subnet groups and security
//! groups, VPC endpoints, and Route 53 failover.
//!
//! By default databases, endpoints and VPC functions go into an existing VPC whose
//! id, CIDR and private subnets (and route tables, for gateway endpoints) are
//! inputs: the databases a DR plan protects normally live in the application's VPC
//! already. A created VPC has no NAT gateway (VPCs, subnets and route tables are free;
//! a NAT gateway is not), so its functions reach AWS through the plan's endpoints.

use super::build::{param, Ctx};
use super::expr::{lit, Expr};
use super::kinds::{
    GatewayEndpoint, HealthCheck, Ingress, InterfaceEndpoint, Kind, RecordSet, SecurityGroup,
    SubnetGroup,
};
use super::{ParamKind, Parameter, Resource, Skip, StackId, Tool};
use crate::export::ExportError;
use crate::plan::Component;

pub const VPC_ID: &str = "vpc_id";
pub const VPC_CIDR: &str = "vpc_cidr";
pub const SUBNETS: &str = "private_subnet_ids";
pub const ROUTE_TABLES: &str = "private_route_table_ids";
pub const AZS: &str = "availability_zones";

/// The VPC the bundle creates (once), as the plan's `network` describes it.
fn created_vpc(ctx: &mut Ctx) -> String {
    if let Some(super::NetworkModel::Created(name)) = &ctx.network {
        return name.clone();
    }
    let n = &ctx.plan.network;
    let prefix = n.cidr.split_once('/').and_then(|(_, p)| p.parse::<u32>().ok()).unwrap_or(16);
    let vpc = super::kinds::Vpc {
        cidr: n.cidr.clone(),
        az_count: n.az_count.clamp(2, 6),
        subnet_prefix: (prefix + 4).min(28),
    };
    let name = ctx.unique("vpc");
    let why_no_flow_logs = "VPC flow logs are not part of the plan (they add CloudWatch Logs charges); the VPC carries only the plan's functions and databases";
    let skips = vec![
        Skip { tool: Tool::Checkov, rule: "CKV2_AWS_11".into(), reason: why_no_flow_logs.into() },
        Skip {
            tool: Tool::CdkNag,
            rule: "AwsSolutions-VPC7".into(),
            reason: why_no_flow_logs.into(),
        },
    ];
    ctx.push(Resource::new(&name, StackId::Primary, None, Kind::Vpc(vpc)).with_skips(skips));
    ctx.network = Some(super::NetworkModel::Created(name.clone()));
    ctx.output(
        &format!("{name}-id"),
        StackId::Primary,
        super::expr::attr(&name, super::expr::Attr::Id),
        "Id of the VPC the bundle creates".into(),
    );
    ctx.notes.additions.push(format!(
        "A VPC ({}, {} Availability Zones, a public and a private subnet in each, no NAT gateway): the plan creates its own network (network.vpc: create); the private subnets reach AWS only through the plan's VPC endpoints.",
        n.cidr,
        n.az_count.clamp(2, 6)
    ));
    name
}

/// Declares the VPC inputs (once), or creates the plan's own VPC, and returns the
/// VPC's CIDR as seen from the primary stack.
pub(super) fn vpc_inputs(ctx: &mut Ctx, route_tables: bool) -> Expr {
    if ctx.plan.network.vpc == crate::plan::VpcSource::Create {
        created_vpc(ctx);
        return lit(ctx.plan.network.cidr.clone());
    }
    ctx.network = Some(super::NetworkModel::Existing);
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

/// A security group for a function in the VPC: no ingress, HTTPS out to the AWS APIs
/// it calls (through the plan's endpoints, or a NAT the VPC provides).
pub(super) fn function_security_group(ctx: &mut Ctx, base: &str, component: &str) -> String {
    vpc_inputs(ctx, false);
    let name = ctx.unique(base);
    let sg = SecurityGroup {
        description: "drplan: backup function in the VPC".into(),
        ingress: Vec::new(),
        egress: vec![Ingress {
            cidr: lit("0.0.0.0/0"),
            port: 443,
            description: "HTTPS to the AWS APIs the function calls".into(),
        }],
    };
    let skips = vec![Skip {
        tool: Tool::CheckovTf,
        rule: "CKV2_AWS_5".into(),
        reason: "attached through the function's VPC configuration".into(),
    }];
    ctx.push(
        Resource::new(&name, StackId::Primary, Some(component), Kind::SecurityGroup(sg))
            .with_skips(skips),
    );
    name
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
        ingress: vec![Ingress {
            cidr,
            port,
            description: format!("Clients in the VPC reach the {what}"),
        }],
        egress: Vec::new(),
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
    // An endpoint nothing in the VPC uses costs by the hour (interface) or adds
    // routes that collide with the VPC's own (gateway, in an existing VPC): the
    // estimate may hold it, a bundle may not.
    let plan = ctx.plan;
    let used = |service: &str| {
        plan.components.iter().any(|k| {
            matches!(k, Component::LambdaFunction(f) if f.in_vpc && crate::plan::deployment::api_services(plan, f).contains(&service))
        })
    };
    let own_vpc = plan.network.vpc == crate::plan::VpcSource::Create;
    let unused: Vec<&str> = v
        .interface
        .iter()
        .chain(v.gateway.iter().filter(|_| !own_vpc))
        .map(String::as_str)
        .filter(|s| !used(s))
        .collect();
    if !unused.is_empty() {
        return Err(ExportError::unsupported(
            &v.id,
            format!(
                "no function in the VPC calls {}: set in_vpc on the function that does, or remove the endpoint (an interface endpoint is billed by the hour and takes over the service's name in the VPC; a gateway endpoint adds routes that collide with an existing one's)",
                unused.join(", ")
            ),
        ));
    }
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
        let endpoint = GatewayEndpoint { service };
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
            let endpoint = InterfaceEndpoint { service, security_group: sg.clone() };
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
    let input = |ctx: &mut Ctx,
                 what: &str,
                 kind: ParamKind,
                 default: Option<String>,
                 description: String| {
        let key = ctx.component_param_key(&d.id, what);
        ctx.define_param(param(&key, kind, default, &description));
        ctx.use_param(StackId::Primary, &key)
    };
    let about = super::describe_id(&d.id);
    let zone = input(
        ctx,
        "hosted_zone_id",
        ParamKind::HostedZoneId,
        d.hosted_zone_id.clone(),
        format!("Route 53 hosted zone of the failover record of component {about}"),
    );
    let record = input(
        ctx,
        "record_name",
        ParamKind::Hostname,
        Some(d.domain_name.clone()),
        format!("Name the failover records answer for (component {about})"),
    );
    let primary = input(ctx, "primary_endpoint", ParamKind::Hostname, d.primary_endpoint.clone(), format!("Host name of the primary endpoint, which the PRIMARY record points at and the health check probes (component {about})"));
    let secondary = input(ctx, "secondary_endpoint", ParamKind::Hostname, d.secondary_endpoint.clone(), format!("Host name of the standby endpoint in the DR region, for the SECONDARY record (component {about})"));
    let interval = if d.request_interval_seconds == 10 { 10 } else { 30 };
    let mut checks = Vec::new();
    for (n, (role, target)) in
        [("primary", primary.clone()), ("secondary", secondary.clone())].into_iter().enumerate()
    {
        if n as u32 >= d.health_checks.clamp(1, 2) {
            break;
        }
        let name = ctx.unique(&format!("{short}-{role}-health-check"));
        let tag = ctx.physical(StackId::Primary, &format!("{short}-{role}"));
        let check = HealthCheck {
            fqdn: target,
            port: 443,
            path: "/".into(),
            interval_seconds: interval,
            failure_threshold: d.failure_threshold.clamp(1, 10),
            name_tag: tag,
        };
        ctx.push(Resource::new(&name, StackId::Primary, Some(&d.id), Kind::HealthCheck(check)));
        ctx.output(
            &format!("{name}-id"),
            StackId::Primary,
            super::expr::attr(&name, super::expr::Attr::Id),
            format!("Id of the Route 53 health check of the {role} endpoint of component {about}"),
        );
        checks.push(name);
    }
    for (n, (failover, target)) in
        [("PRIMARY", primary), ("SECONDARY", secondary)].into_iter().enumerate()
    {
        let name = ctx.unique(&format!("{short}-{}-record", failover.to_ascii_lowercase()));
        let record_set = RecordSet {
            zone_id: zone.clone(),
            name: record.clone(),
            failover,
            set_identifier: format!("{short}-{}", failover.to_ascii_lowercase()),
            target,
            ttl_seconds: 60,
            health_check: checks.get(n).cloned(),
        };
        ctx.push(Resource::new(&name, StackId::Primary, Some(&d.id), Kind::RecordSet(record_set)));
    }
    ctx.notes.after_deploy.push(format!(
        "Route 53 answers for the record name of component {about} with the primary endpoint while its health check passes, and with the secondary endpoint when it fails: the record name must not have other records in the hosted zone (delete an existing simple record first, or the change is refused)."
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
        from_output: None,
        name: key.clone(),
        env: None,
        allowed: Vec::new(),
        pattern_override: None,
    });
    key
}
