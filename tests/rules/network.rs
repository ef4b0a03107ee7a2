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
    requires: "an interface endpoint is created only when a function of the bundle runs in that VPC and calls the service (with private DNS, it takes over the service's name for the whole VPC, and it is billed per hour and Availability Zone)",
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
            v.interface.insert(service);
        } else {
            v.gateway.insert(service);
        }
    }
    for f in tf.in_dir(dir).filter(|x| x.kind == "resource" && x.ty() == "aws_lambda_function") {
        if super::tf::blocks(&f.body, "vpc_config").next().is_none() {
            continue;
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
            if !v.called.iter().any(|(s, _)| s == service) {
                out.push(format!(
                    "{at}: interface endpoint for {service}, which no function in the VPC calls"
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
