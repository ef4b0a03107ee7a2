//! VPC endpoints: an interface endpoint exists only where a function in the VPC
//! calls that service, and a function in a VPC the bundle creates (no NAT) has an
//! endpoint for every AWS API its code calls.

use std::collections::BTreeSet;

use serde_json::Value;

use super::cfn::{as_list, prop, referenced, statements, Template};
use super::order::text_of;
use super::tf::{policy_document_name, policy_statements};
use super::{Bundle, Rule};

pub const ENDPOINTS_USED: Rule = Rule {
    id: "interface-endpoints-only-where-used",
    requires: "an interface endpoint is created only when a function of the bundle runs in that VPC and calls the service (with private DNS, it takes over the service's name for the whole VPC, and it is billed per hour and Availability Zone); where a module input decides whether the function is in the VPC, the endpoint's condition includes that decision",
    source_says: "PrivateDnsEnabled – (Interface endpoint) Indicates whether to associate a private hosted zone with the specified VPC. The private hosted zone contains a record set for the default public DNS name for the service for the Region (for example, kinesis.us-east-1.amazonaws.com), which resolves to the private IP addresses of the endpoint network interfaces in the VPC.",
    source: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html",
    check: endpoints_used,
};

pub const VPC_FUNCTIONS_REACH_THEIR_APIS: Rule = Rule {
    id: "vpc-functions-reach-their-apis",
    requires: "a function the bundle puts in a VPC without NAT has a gateway or interface endpoint for every AWS service its code calls, and calls no other region",
    source_says: "When you connect a function to a VPC in your account, the function can't access the internet unless your VPC provides access. [...] You can use VPC endpoints to connect to AWS services from within a VPC without internet access.",
    source: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html",
    check: vpc_functions_reach,
};

/// The endpoint service an IAM action prefix is called through, for what function
/// code calls itself (Lambda, not the code, writes logs, decrypts the environment
/// and manages the function's network interfaces; KMS grants and PassRole are used
/// by the services the code calls).
fn service_of(action: &str) -> Option<String> {
    let prefix = action.split(':').next()?.to_ascii_lowercase();
    match prefix.as_str() {
        "logs" | "kms" | "iam" | "xray" | "ec2" => None,
        "cloudwatch" => Some("monitoring".into()),
        other => Some(other.to_string()),
    }
}

/// What one template or module says about its VPC functions and endpoints.
#[derive(Debug, Default)]
struct Vpc {
    /// Services called by functions that run in the VPC, with the function.
    called: Vec<(String, String)>,
    interface: BTreeSet<String>,
    /// The condition (a Terraform `count`) of each conditional interface endpoint,
    /// and the condition under which each conditional VPC function is in the VPC.
    endpoint_conditions: Vec<(String, String)>,
    function_conditions: Vec<(String, String)>,
    gateway: BTreeSet<String>,
    /// Functions in the VPC that are told a DR region (they would call it).
    cross_region: Vec<String>,
    creates_vpc: bool,
}

fn endpoint_service(name: &str) -> String {
    name.rsplit('.').next().unwrap_or(name).trim_matches('"').to_string()
}

fn from_template(t: &Template) -> Vpc {
    let mut v = Vpc { creates_vpc: !t.of_type("AWS::EC2::VPC").is_empty(), ..Vpc::default() };
    for (_, r) in t.of_type("AWS::EC2::VPCEndpoint") {
        let service = endpoint_service(&prop(r, "ServiceName").map(text_of).unwrap_or_default());
        match prop(r, "VpcEndpointType").and_then(Value::as_str) {
            Some("Interface") => v.interface.insert(service),
            _ => v.gateway.insert(service),
        };
    }
    for (id, f) in t.of_type("AWS::Lambda::Function") {
        if prop(f, "VpcConfig").is_none() {
            continue;
        }
        let role = prop(f, "Role").and_then(referenced).unwrap_or("");
        let mut docs: Vec<&Value> = t
            .resource(role)
            .map(|r| {
                as_list(prop(r, "Policies"))
                    .into_iter()
                    .filter_map(|p| p.get("PolicyDocument"))
                    .collect()
            })
            .unwrap_or_default();
        for (_, p) in t.of_type("AWS::IAM::Policy") {
            if as_list(prop(p, "Roles")).iter().any(|x| referenced(x) == Some(role)) {
                docs.extend(prop(p, "PolicyDocument"));
            }
        }
        for doc in docs {
            for s in statements(doc) {
                for a in as_list(s.get("Action")).iter().filter_map(|a| a.as_str()) {
                    if let Some(service) = service_of(a) {
                        v.called.push((service, id.to_string()));
                    }
                }
            }
        }
        let env = prop(f, "Environment").and_then(|e| e.get("Variables"));
        if env.and_then(|e| e.get("DR_REGION")).is_some() {
            v.cross_region.push(id.to_string());
        }
    }
    v
}

fn from_terraform(b: &Bundle, dir: &str) -> Vpc {
    let tf = &b.terraform;
    let mut v = Vpc {
        creates_vpc: tf.in_dir(dir).any(|x| x.kind == "resource" && x.ty() == "aws_vpc"),
        ..Vpc::default()
    };
    for e in tf.in_dir(dir).filter(|x| x.kind == "resource" && x.ty() == "aws_vpc_endpoint") {
        let service = endpoint_service(&e.text("service_name").unwrap_or_default());
        if e.text("vpc_endpoint_type").is_some_and(|t| t.contains("Interface")) {
            if let Some(count) = e.text("count") {
                v.endpoint_conditions.push((service.clone(), count));
            }
            v.interface.insert(service);
        } else {
            v.gateway.insert(service);
        }
    }
    for f in tf.in_dir(dir).filter(|x| x.kind == "resource" && x.ty() == "aws_lambda_function") {
        // In the VPC always (vpc_config), or where a condition holds (dynamic "vpc_config").
        let condition = super::tf::blocks(&f.body, "dynamic")
            .find(|d| d.labels.first().map(|l| l.as_str()) == Some("vpc_config"))
            .and_then(|d| super::tf::attr(&d.body, "for_each").map(super::tf::text))
            .map(|t| t.trim_end_matches(" ? [1] : []").to_string());
        if super::tf::blocks(&f.body, "vpc_config").next().is_none() && condition.is_none() {
            continue;
        }
        if let Some(c) = condition {
            v.function_conditions.push((f.address(), c));
        }
        let role = f.text("role").unwrap_or_default();
        let role = role.trim_start_matches("aws_iam_role.").trim_end_matches(".arn");
        for p in tf.in_dir(dir).filter(|x| x.kind == "resource" && x.ty() == "aws_iam_role_policy")
        {
            if !p.text("role").unwrap_or_default().contains(&format!("aws_iam_role.{role}.")) {
                continue;
            }
            let doc = policy_document_name(p.attr("policy")).unwrap_or_default();
            for s in policy_statements(tf, dir, &doc) {
                for a in &s.actions {
                    if let Some(service) = service_of(a) {
                        v.called.push((service, f.address()));
                    }
                }
            }
        }
        if hcl::format::to_string(&f.body).unwrap_or_default().contains("DR_REGION") {
            v.cross_region.push(f.address());
        }
    }
    v
}

fn all_vpcs(b: &Bundle) -> Vec<(String, Vpc)> {
    let mut out: Vec<(String, Vpc)> =
        b.templates.iter().map(|t| (t.label(), from_template(t))).collect();
    for dir in b.terraform.dirs() {
        out.push((format!("terraform {dir}"), from_terraform(b, &dir)));
    }
    out
}

fn endpoints_used(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for (at, v) in all_vpcs(b) {
        for service in &v.interface {
            let callers: Vec<&String> =
                v.called.iter().filter(|(s, _)| s == service).map(|(_, f)| f).collect();
            if callers.is_empty() {
                out.push(format!(
                    "{at}: interface endpoint for {service}, which no function in the VPC calls"
                ));
                continue;
            }
            // A caller always in the VPC, or one whose condition the endpoint's includes.
            let count = v.endpoint_conditions.iter().find(|(s, _)| s == service).map(|(_, c)| c);
            let covered =
                callers.iter().any(|f| match v.function_conditions.iter().find(|(g, _)| g == *f) {
                    None => true,
                    Some((_, c)) => count.is_some_and(|n| n.contains(c.as_str())),
                });
            if !covered {
                out.push(format!(
                    "{at}: interface endpoint for {service} exists without the condition that puts its callers in the VPC ({count:?})"
                ));
            }
        }
    }
    out
}

fn vpc_functions_reach(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for (at, v) in all_vpcs(b) {
        if !v.creates_vpc {
            continue;
        }
        let mut called = v.called.clone();
        called.sort();
        called.dedup();
        for (service, function) in &called {
            if !v.interface.contains(service) && !v.gateway.contains(service) {
                out.push(format!(
                    "{at}: {function} calls {service} but the VPC has no endpoint or NAT for it"
                ));
            }
        }
        for function in &v.cross_region {
            out.push(format!(
                "{at}: {function} calls the DR region from a VPC without internet access"
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bundle;
    use super::*;

    #[test]
    fn endpoints_fail_when_nothing_in_the_vpc_uses_them() {
        let mut b = bundle("rds-pitr");
        let t = b.templates.iter_mut().find(|t| t.stack == "primary").unwrap();
        t.json["Resources"]["UnusedEndpoint"] = serde_json::json!({
            "Type": "AWS::EC2::VPCEndpoint",
            "Properties": {"VpcEndpointType": "Interface", "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.kms"}}
        });
        assert!(endpoints_used(&b).iter().any(|f| f.contains("for kms")));
    }

    #[test]
    fn endpoints_fail_when_they_outlive_the_condition_that_puts_the_function_in_the_vpc() {
        let mut b = bundle("rds-snapshot-module");
        assert!(endpoints_used(&b).is_empty(), "{:?}", endpoints_used(&b));
        for e in b.terraform.blocks.iter_mut().filter(|x| x.ty() == "aws_vpc_endpoint") {
            let mut body = hcl::Body::builder();
            for a in e.body.attributes().filter(|a| a.key.as_str() != "count") {
                body = body.add_attribute(a.clone());
            }
            let count: hcl::Body =
                hcl::parse("count = var.enable_vpc_endpoints ? 1 : 0\n").unwrap();
            for a in count.attributes() {
                body = body.add_attribute(a.clone());
            }
            e.body = body.build();
        }
        assert!(endpoints_used(&b).iter().any(|f| f.contains("without the condition")));
    }

    #[test]
    fn vpc_functions_fail_without_an_endpoint_for_an_api_they_call() {
        let mut b = bundle("multi-az-dr");
        let t = b.templates.iter_mut().find(|t| t.stack == "primary").unwrap();
        let resources = t.json["Resources"].as_object_mut().unwrap();
        resources.retain(|_, r| {
            !(r["Type"] == "AWS::EC2::VPCEndpoint" && r.to_string().contains("Interface"))
        });
        resources
            .insert("Vpc".into(), serde_json::json!({"Type": "AWS::EC2::VPC", "Properties": {}}));
        let has_vpc_function = resources.values().any(|r| {
            r["Type"] == "AWS::Lambda::Function" && r["Properties"].get("VpcConfig").is_some()
        });
        assert!(has_vpc_function, "seed 001 runs its function in the VPC");
        assert!(!vpc_functions_reach(&b).is_empty());
    }
}
