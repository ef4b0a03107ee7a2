//! Terraform resources of the network the bundle creates (a VPC with public and
//! private subnets, no NAT) and of Route 53 failover records.

use super::hcl::{boolean, num, raw, s, Block, H};
use super::refs::Names;
use super::resources::{resource, Out};
use crate::export::model::{RecordSet, Resource, Vpc};

pub fn vpc(names: &Names, r: &Resource, v: &Vpc) -> Out {
    let l = names.label(&r.name);
    let n = v.az_count;
    let mut out = vec![(
        "network.tf",
        resource("aws_vpc", &l, r)
            .attr("cidr_block", s(v.cidr.clone()))
            .attr("enable_dns_support", boolean(true))
            .attr("enable_dns_hostnames", boolean(true)),
    )];
    // A new VPC's default security group allows traffic between its members: nothing
    // uses it, so it is left with no rules.
    out.push((
        "network.tf",
        Block::new("resource", &["aws_default_security_group", &l])
            .attr("vpc_id", raw(format!("aws_vpc.{l}.id"))),
    ));
    let mut zones = Block::new("data", &["aws_availability_zones", "available"]);
    zones.push(super::hcl::Item::Comment(
        "checkov:skip=CKV_AWS_394: the subnets take the first zones once and ignore later changes to this list (lifecycle ignore_changes), so a zone AWS adds never moves them".into(),
    ));
    out.push(("network.tf", zones.attr("state", s("available"))));
    out.push((
        "network.tf",
        Block::new("resource", &["aws_internet_gateway", &l])
            .attr("vpc_id", raw(format!("aws_vpc.{l}.id"))),
    ));
    // Consecutive blocks of the subnet size, public subnets first (as CDK lays them out).
    let bits = v.subnet_prefix.saturating_sub(
        v.cidr.split_once('/').and_then(|(_, p)| p.parse::<u32>().ok()).unwrap_or(16),
    );
    let blocks = vec![bits.to_string(); (2 * n) as usize].join(", ");
    let subnet = |kind: &str, from: u32| {
        Block::new("resource", &["aws_subnet", &format!("{l}_{kind}")])
            .attr("count", num(n))
            .attr("vpc_id", raw(format!("aws_vpc.{l}.id")))
            .attr(
                "availability_zone",
                raw("data.aws_availability_zones.available.names[count.index]"),
            )
            .attr(
                "cidr_block",
                raw(format!(
                    "slice(cidrsubnets(aws_vpc.{l}.cidr_block, {blocks}), {from}, {})[count.index]",
                    from + n
                )),
            )
            .attr("map_public_ip_on_launch", boolean(false))
            // A changed zone list would otherwise replace the subnet (a new zone).
            .block(
                Block::new("lifecycle", &[])
                    .attr("ignore_changes", H::List(vec![raw("availability_zone")])),
            )
    };
    out.push(("network.tf", subnet("public", 0)));
    out.push(("network.tf", subnet("private", n)));
    out.push((
        "network.tf",
        Block::new("resource", &["aws_route_table", &format!("{l}_public")])
            .attr("vpc_id", raw(format!("aws_vpc.{l}.id")))
            .block(
                Block::new("route", &[])
                    .attr("cidr_block", s("0.0.0.0/0"))
                    .attr("gateway_id", raw(format!("aws_internet_gateway.{l}.id"))),
            ),
    ));
    out.push((
        "network.tf",
        Block::new("resource", &["aws_route_table", &format!("{l}_private")])
            .attr("count", num(n))
            .attr("vpc_id", raw(format!("aws_vpc.{l}.id"))),
    ));
    for (kind, table) in [
        ("public", format!("aws_route_table.{l}_public.id")),
        ("private", format!("aws_route_table.{l}_private[count.index].id")),
    ] {
        out.push((
            "network.tf",
            Block::new("resource", &["aws_route_table_association", &format!("{l}_{kind}")])
                .attr("count", num(n))
                .attr("subnet_id", raw(format!("aws_subnet.{l}_{kind}[count.index].id")))
                .attr("route_table_id", raw(table)),
        ));
    }
    out
}

pub fn record_set(names: &Names, r: &Resource, rec: &RecordSet) -> Out {
    let l = names.label(&r.name);
    let mut b = resource("aws_route53_record", &l, r)
        .attr("zone_id", names.expr(&rec.zone_id, r.stack))
        .attr("name", names.expr(&rec.name, r.stack))
        .attr("type", s("CNAME"))
        .attr("ttl", num(rec.ttl_seconds))
        .attr("records", H::List(vec![names.expr(&rec.target, r.stack)]))
        .attr("set_identifier", s(rec.set_identifier.clone()));
    if let Some(h) = &rec.health_check {
        b = b.attr(
            "health_check_id",
            raw(format!("aws_route53_health_check.{}.id", names.label(h))),
        );
    }
    b = b.block(Block::new("failover_routing_policy", &[]).attr("type", s(rec.failover)));
    vec![("dns.tf", b)]
}
