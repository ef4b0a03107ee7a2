//! CloudFormation resources of the network the bundle creates (a VPC with public and
//! private subnets, no NAT) and of Route 53 failover records.

use super::refs::Names;
use super::resources::{metadata, resource, Emitted};
use super::yaml::{boolean, int, map, raw, s, seq, Entry, Y};
use crate::export::model::{RecordSet, Resource, Vpc};

fn reference(id: &str) -> Y {
    Y::Tag("!Ref", Box::new(raw(id)))
}

fn long(function: &str, args: Vec<Y>) -> Y {
    Y::Map(vec![Entry { key: function.into(), value: seq(args), comment: None }])
}

/// Logical ids of a created VPC's parts, from the VPC's own id.
pub fn public_subnet(vpc: &str, n: u32) -> String {
    format!("{vpc}PublicSubnet{n}")
}

pub fn private_subnet(vpc: &str, n: u32) -> String {
    format!("{vpc}PrivateSubnet{n}")
}

pub fn private_route_table(vpc: &str, n: u32) -> String {
    format!("{vpc}PrivateRouteTable{n}")
}

pub fn vpc(names: &mut Names, r: &Resource, v: &Vpc) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let mut out = vec![(
        id.clone(),
        resource(
            "AWS::EC2::VPC",
            Some(r),
            map(vec![
                ("CidrBlock", s(v.cidr.clone())),
                ("EnableDnsHostnames", boolean(true)),
                ("EnableDnsSupport", boolean(true)),
            ]),
            metadata(&r.skips, &[]),
        ),
    )];
    let gateway = format!("{id}InternetGateway");
    let attachment = format!("{id}GatewayAttachment");
    out.push((gateway.clone(), resource("AWS::EC2::InternetGateway", None, map(vec![]), None)));
    out.push((
        attachment.clone(),
        resource(
            "AWS::EC2::VPCGatewayAttachment",
            None,
            map(vec![("VpcId", reference(&id)), ("InternetGatewayId", reference(&gateway))]),
            None,
        ),
    ));
    let public_table = format!("{id}PublicRouteTable");
    out.push((
        public_table.clone(),
        resource("AWS::EC2::RouteTable", None, map(vec![("VpcId", reference(&id))]), None),
    ));
    let route = resource(
        "AWS::EC2::Route",
        None,
        map(vec![
            ("RouteTableId", reference(&public_table)),
            ("DestinationCidrBlock", s("0.0.0.0/0")),
            ("GatewayId", reference(&gateway)),
        ]),
        None,
    );
    // The route needs the gateway attached first; no reference says so.
    let route = match route {
        Y::Map(mut entries) => {
            entries.insert(
                1,
                Entry { key: "DependsOn".into(), value: raw(&attachment), comment: None },
            );
            Y::Map(entries)
        }
        other => other,
    };
    out.push((format!("{id}PublicDefaultRoute"), route));
    // Consecutive blocks of the subnet size, public subnets first.
    let blocks = 2 * v.az_count;
    let cidr_bits = 32 - v.subnet_prefix;
    let block = |index: u32| {
        long(
            "Fn::Select",
            vec![
                int(index),
                long("Fn::Cidr", vec![s(v.cidr.clone()), int(blocks), int(cidr_bits)]),
            ],
        )
    };
    let zone = |index: u32| {
        long(
            "Fn::Select",
            vec![
                int(index),
                Y::Map(vec![Entry { key: "Fn::GetAZs".into(), value: s(""), comment: None }]),
            ],
        )
    };
    for n in 1..=v.az_count {
        let subnet = public_subnet(&id, n);
        out.push((
            subnet.clone(),
            resource(
                "AWS::EC2::Subnet",
                None,
                map(vec![
                    ("VpcId", reference(&id)),
                    ("AvailabilityZone", zone(n - 1)),
                    ("CidrBlock", block(n - 1)),
                    ("MapPublicIpOnLaunch", boolean(false)),
                ]),
                None,
            ),
        ));
        out.push((
            format!("{subnet}RouteTableAssociation"),
            resource(
                "AWS::EC2::SubnetRouteTableAssociation",
                None,
                map(vec![
                    ("SubnetId", reference(&subnet)),
                    ("RouteTableId", reference(&public_table)),
                ]),
                None,
            ),
        ));
    }
    for n in 1..=v.az_count {
        let subnet = private_subnet(&id, n);
        let table = private_route_table(&id, n);
        out.push((
            subnet.clone(),
            resource(
                "AWS::EC2::Subnet",
                None,
                map(vec![
                    ("VpcId", reference(&id)),
                    ("AvailabilityZone", zone(n - 1)),
                    ("CidrBlock", block(v.az_count + n - 1)),
                    ("MapPublicIpOnLaunch", boolean(false)),
                ]),
                None,
            ),
        ));
        out.push((
            table.clone(),
            resource("AWS::EC2::RouteTable", None, map(vec![("VpcId", reference(&id))]), None),
        ));
        out.push((
            format!("{subnet}RouteTableAssociation"),
            resource(
                "AWS::EC2::SubnetRouteTableAssociation",
                None,
                map(vec![("SubnetId", reference(&subnet)), ("RouteTableId", reference(&table))]),
                None,
            ),
        ));
    }
    out
}

pub fn record_set(names: &mut Names, r: &Resource, rec: &RecordSet) -> Vec<Emitted> {
    let mut props = vec![
        ("HostedZoneId", names.expr(&rec.zone_id)),
        ("Name", names.expr(&rec.name)),
        ("Type", raw("CNAME")),
        ("TTL", s(rec.ttl_seconds.to_string())),
        ("ResourceRecords", seq(vec![names.expr(&rec.target)])),
        ("SetIdentifier", s(rec.set_identifier.clone())),
        ("Failover", raw(rec.failover)),
    ];
    if let Some(h) = &rec.health_check {
        props.push(("HealthCheckId", reference(&names.resource(h))));
    }
    vec![(
        names.resource(&r.name),
        resource("AWS::Route53::RecordSet", Some(r), map(props), metadata(&r.skips, &[])),
    )]
}
