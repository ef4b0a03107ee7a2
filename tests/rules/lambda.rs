//! Lambda rules: resource-policy statement ids, and reserved concurrency only where
//! the plan asks for it.

use std::collections::BTreeMap;

use drplan::export::model::{Expr, Kind};
use drplan::export::Target;
use drplan::plan::Component;
use serde_json::Value;

use super::cfn::prop;
use super::{Bundle, Rule};

pub const STATEMENT_IDS: Rule = Rule {
    id: "lambda-permission-statement-ids",
    requires: "every statement of a function's resource policy has its own statement id",
    source_says: "StatementId – A statement identifier that differentiates the statement from others in the same policy. (AddPermission answers ResourceConflictException: \"The statement id (...) provided already exists. Please provide a new statement id, or remove the existing statement.\")",
    source: "https://docs.aws.amazon.com/lambda/latest/api/API_AddPermission.html",
    check: statement_ids,
};

fn statement_ids(b: &Bundle) -> Vec<String> {
    let mut seen: BTreeMap<(String, String, String), String> = BTreeMap::new();
    let mut out = Vec::new();
    for p in b.terraform.resources("aws_lambda_permission") {
        // Terraform generates a unique id when neither is set.
        let Some(id) = p.text("statement_id") else { continue };
        let function = p.text("function_name").unwrap_or_default();
        let qualifier = p.text("qualifier").unwrap_or_default();
        let key = (p.dir.clone(), format!("{function}:{qualifier}"), id.clone());
        if let Some(first) = seen.insert(key, p.address()) {
            out.push(format!("{} and {first} both add statement id {id} to {function}", p.at()));
        }
    }
    for t in &b.templates {
        let mut ids: BTreeMap<(String, String), &str> = BTreeMap::new();
        for (lid, r) in t.of_type("AWS::Lambda::Permission") {
            // CloudFormation names each permission's statement itself; two identical
            // grants would still be two statements, so only literal ids can clash.
            let Some(sid) = prop(r, "Id").and_then(Value::as_str) else { continue };
            let function = prop(r, "FunctionName").map(|v| v.to_string()).unwrap_or_default();
            if let Some(first) = ids.insert((function, sid.to_string()), lid) {
                out.push(format!("{} {lid} and {first} use statement id {sid}", t.label()));
            }
        }
    }
    out
}

pub const RESERVED_CONCURRENCY: Rule = Rule {
    id: "reserved-concurrency-only-when-asked",
    requires: "no function reserves concurrency unless the plan asks; when it does, the README says what the account's quota must allow",
    source_says: "You can reserve up to the Unreserved account concurrency value that is shown, minus 100 for functions that don't have reserved concurrency. (New accounts can have a concurrency quota as low as 10; AWS then refuses a reservation with \"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value\".)",
    source: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
    check: reserved_concurrency,
};

/// The literal tail of a function's physical name (`-backup-orchestrator`), which
/// every target writes after the deploy-time prefix.
/// The literal parts of a function's physical name (`backup-orchestrator-`), by
/// which its definition is found in every target whatever the naming pattern.
fn name_parts(e: &Expr) -> String {
    match e {
        Expr::Join(parts) => {
            parts.iter().filter_map(Expr::as_lit).collect::<Vec<_>>().join("\u{0}")
        }
        Expr::Lit(t) => t.clone(),
        _ => String::new(),
    }
}

/// Whether a rendered name holds every literal part, in order.
fn has_parts(name: &str, parts: &str) -> bool {
    let mut rest = name;
    for part in parts.split('\u{0}').filter(|p| !p.is_empty()) {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    !parts.is_empty()
}

/// Reservation each function should have, by name suffix, from the plan.
fn asked(b: &Bundle) -> BTreeMap<String, Option<u32>> {
    let mut out = BTreeMap::new();
    for r in &b.model.resources {
        let Kind::Function(f) = &r.kind else { continue };
        let plan_value = match r.component.as_deref().and_then(|c| b.plan.component(c)) {
            Some(Component::LambdaFunction(p)) => p.reserved_concurrency,
            _ => None,
        };
        if f.reserved_concurrency != plan_value {
            out.insert(format!("model {}", r.name), Some(u32::MAX));
        }
        out.insert(name_parts(&f.name), plan_value);
    }
    out
}

fn reserved_concurrency(b: &Bundle) -> Vec<String> {
    let asked = asked(b);
    let mut out: Vec<String> = asked
        .iter()
        .filter(|(k, v)| k.starts_with("model ") && **v == Some(u32::MAX))
        .map(|(k, _)| format!("{k} reserves concurrency the plan does not ask for"))
        .collect();
    let expect = |name: &str| -> Option<Option<u32>> {
        asked
            .iter()
            .find(|(parts, _)| !parts.starts_with("model ") && has_parts(name, parts))
            .map(|(_, v)| *v)
    };
    for t in &b.templates {
        for (id, r) in t.of_type("AWS::Lambda::Function") {
            let name = prop(r, "FunctionName").map(|v| v.to_string()).unwrap_or_default();
            let got =
                prop(r, "ReservedConcurrentExecutions").and_then(Value::as_u64).map(|n| n as u32);
            let want = expect(&name).unwrap_or(None);
            if got != want {
                out.push(format!(
                    "{} {id} reserves {got:?}, the plan asks for {want:?}",
                    t.label()
                ));
            }
        }
    }
    for f in b.terraform.resources("aws_lambda_function") {
        let name = f.text("function_name").unwrap_or_default();
        let got = f.text("reserved_concurrent_executions");
        let want = expect(&name).unwrap_or(None);
        let reserves = got.as_deref().is_some_and(|g| g != "-1" && !g.starts_with("var."));
        if reserves != want.is_some() {
            out.push(format!("{} reserves {got:?}, the plan asks for {want:?}", f.at()));
        }
    }
    if asked.iter().any(|(k, v)| !k.starts_with("model ") && v.is_some()) {
        for target in Target::ALL {
            let readme = b.readme(target);
            if !(readme.contains("reserved concurrency") && readme.contains("unreserved")) {
                out.push(format!(
                    "{} README has no note on the account's concurrency quota",
                    target.id()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{bundle, preset, tf::TfBlock, Bundle};
    use super::*;

    #[test]
    fn statement_ids_fail_on_two_grants_with_one_id() {
        let mut b = bundle("s3-glacier-backup");
        let first =
            b.terraform.resources("aws_lambda_permission").next().cloned().expect("a permission");
        let mut twin: TfBlock = first.clone();
        twin.labels[1] = format!("{}_twin", twin.labels[1]);
        let mut body = hcl::Body::builder();
        for a in first.body.attributes() {
            body = body.add_attribute(a.clone());
        }
        twin.body = body.add_attribute(("statement_id", "Same")).build();
        let mut first = first;
        let mut body = hcl::Body::builder();
        for a in first.body.attributes().filter(|a| a.key.as_str() != "statement_id") {
            body = body.add_attribute(a.clone());
        }
        first.body = body.add_attribute(("statement_id", "Same")).build();
        b.terraform.blocks.push(first);
        b.terraform.blocks.push(twin);
        assert!(!statement_ids(&b).is_empty());
    }

    #[test]
    fn reserved_concurrency_fails_when_a_function_reserves_unasked() {
        let mut b = bundle("s3-glacier-backup");
        for t in b.templates.iter_mut() {
            if let Some(resources) = t.json.get_mut("Resources").and_then(Value::as_object_mut) {
                for r in resources.values_mut() {
                    if r["Type"] == "AWS::Lambda::Function" {
                        r["Properties"]["ReservedConcurrentExecutions"] = 1.into();
                    }
                }
            }
        }
        assert!(!reserved_concurrency(&b).is_empty());
    }

    #[test]
    fn a_plan_that_asks_gets_its_reservation_and_the_quota_note() {
        let mut plan = preset("s3-glacier-backup");
        for c in plan.components.iter_mut() {
            if let Component::LambdaFunction(f) = c {
                f.reserved_concurrency = Some(2);
            }
        }
        let b = Bundle::of("asks", &plan);
        assert_eq!(reserved_concurrency(&b), Vec::<String>::new());
        let cfn = b.file(Target::Cloudformation, "primary.yaml").unwrap();
        assert!(cfn.contains("ReservedConcurrentExecutions: 2"), "{cfn}");
    }
}
