//! Terraform as its users write it: references instead of hand-built ARNs, no
//! unused inputs, a true account of what `terraform destroy` keeps, and number
//! validation by comparison.

use drplan::export::model::{Deletion, Kind};
use drplan::export::Target;

use super::cfn::references_in;
use super::tf::{attr, blocks, strings, text};
use super::{Bundle, Rule};

pub const REFERENCES_NOT_BUILT_ARNS: Rule = Rule {
    id: "terraform-references-not-built-arns",
    requires: "Terraform names a resource of its own configuration by reference (aws_s3_bucket.x.arn), never by an ARN string rebuilt from its name",
    source_says: "Most resource dependencies are handled automatically. Terraform analyses any expressions within a resource block to find references to other objects, and treats those references as implicit ordering requirements when creating, updating, or destroying resources.",
    source: "https://developer.hashicorp.com/terraform/language/resources/behavior#resource-dependencies",
    check: references_not_built,
};

fn references_not_built(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for dir in b.terraform.dirs() {
        // Physical names the configuration gives its own resources.
        let mut names = Vec::new();
        for r in b.terraform.in_dir(&dir).filter(|r| r.kind == "resource") {
            for a in ["bucket", "name", "function_name", "repository_name"] {
                if let Some(hcl::Expression::TemplateExpr(t)) = r.attr(a) {
                    let t = t.to_string();
                    if t.contains("${") && t.len() > 12 {
                        names.push((r.address(), t.trim_matches('"').to_string()));
                    }
                }
            }
        }
        for block in b.terraform.in_dir(&dir) {
            let body = hcl::format::to_string(&block.body).unwrap_or_default();
            for line in body.lines().filter(|l| l.contains("arn:")) {
                for (address, name) in &names {
                    if line.contains(name.as_str()) {
                        out.push(format!(
                            "{}: builds the ARN of {address} from its name: {}",
                            block.at(),
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    out
}

pub const NO_UNUSED_INPUTS: Rule = Rule {
    id: "no-unused-inputs",
    requires: "every Terraform variable (module and root) and every CloudFormation parameter is used by the configuration that declares it",
    source_says: "Input variables let you customize aspects of Terraform modules without altering the module's own source code. — an input nothing reads customizes nothing, yet a required one must still be given.",
    source: "https://developer.hashicorp.com/terraform/language/values/variables",
    check: unused_inputs,
};

fn unused_inputs(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for dir in b.terraform.dirs() {
        let uses: String = b
            .terraform
            .in_dir(&dir)
            .filter(|x| x.kind != "variable")
            .map(|x| hcl::format::to_string(&x.body).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        for v in b.terraform.in_dir(&dir).filter(|x| x.kind == "variable") {
            let name = &v.labels[0];
            let used = uses.match_indices(&format!("var.{name}")).any(|(i, m)| {
                !uses[i + m.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            });
            if !used {
                out.push(format!("{}: variable {name} is never used", v.at()));
            }
        }
    }
    for t in b.templates.iter().filter(|t| t.target == Target::Cloudformation) {
        let mut refs = Vec::new();
        references_in(t.json.get("Resources").unwrap_or(&serde_json::Value::Null), &mut refs);
        references_in(t.json.get("Outputs").unwrap_or(&serde_json::Value::Null), &mut refs);
        for p in t.parameters() {
            if !refs.iter().any(|r| r == p) {
                out.push(format!("{}: parameter {p} is never used", t.label()));
            }
        }
    }
    out
}

pub const KEPT_ON_DESTROY: Rule = Rule {
    id: "terraform-kept-on-destroy-is-true",
    requires: "what the README says `terraform destroy` keeps is what Terraform keeps: every data resource the other targets retain carries prevent_destroy, the README lists them with the state commands, and keys say their deletion window",
    source_says: "prevent_destroy (bool) - This meta-argument, when set to true, will cause Terraform to reject with an error any plan that would destroy the infrastructure object associated with the resource. — and, for keys: Deleting a KMS key is destructive and potentially dangerous. [...] After a KMS key is deleted, you can no longer decrypt the data that was encrypted under that KMS key.",
    source: "https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle; https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html",
    check: kept_on_destroy,
};

fn prevents_destroy(body: &hcl::Body) -> bool {
    blocks(body, "lifecycle")
        .any(|l| attr(&l.body, "prevent_destroy").map(text).as_deref() == Some("true"))
}

fn kept_on_destroy(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    let names = drplan::export::terraform::refs::Names::new(&b.model);
    let readme = b.readme(Target::Terraform);
    let removing = readme.split("## Removing").nth(1).unwrap_or("");
    if removing.contains("Buckets, tables, keys, vaults and log groups are retained (") {
        out.push("terraform README claims CloudFormation's retention, which terraform destroy does not give".into());
    }
    for r in &b.model.resources {
        if r.deletion == Deletion::Delete {
            continue;
        }
        let address = names.address(&r.name);
        let Some(block) = b.terraform.of_kind("resource").find(|x| x.address() == address) else {
            continue;
        };
        if !prevents_destroy(&block.body) {
            out.push(format!(
                "{}: kept by the other targets but not protected from terraform destroy",
                block.at()
            ));
        }
        if !removing.contains(&address) {
            out.push(format!("terraform README does not list {address} among what destroy keeps"));
        }
        if matches!(r.kind, Kind::Key(_)) {
            let window = block.text("deletion_window_in_days");
            if window.is_none()
                || !removing.contains(&format!("{} days", window.clone().unwrap_or_default()))
            {
                out.push(format!(
                    "{}: key deletion window {window:?} is not stated in the README",
                    block.at()
                ));
            }
        }
    }
    out
}

pub const NUMERIC_VALIDATION_BY_COMPARISON: Rule = Rule {
    id: "terraform-numbers-validated-by-comparison",
    requires: "a number variable with bounds is validated by comparing it (var.x >= 1 && var.x <= 35), or against the set of values the service accepts (contains([1, 3, ...], var.x)), not by a regular expression over its text",
    source_says: "The condition argument is an expression that must use the value of the variable to return true if the value is valid, or false if it is invalid.",
    source: "https://developer.hashicorp.com/terraform/language/values/variables#custom-validation-rules",
    check: numeric_validation,
};

fn numeric_validation(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for v in b.terraform.of_kind("variable") {
        let is_number = v.text("type").as_deref() == Some("number");
        for val in blocks(&v.body, "validation") {
            let condition = attr(&val.body, "condition").map(text).unwrap_or_default();
            if condition.contains("tostring(") && condition.contains("regex(") {
                out.push(format!(
                    "{}: validates a number by regular expression: {condition}",
                    v.at()
                ));
            }
            let membership = condition.starts_with("contains([") && !condition.contains('"');
            if is_number
                && !membership
                && !(condition.contains(">=")
                    || condition.contains("<=")
                    || condition.contains('>')
                    || condition.contains('<'))
            {
                out.push(format!(
                    "{}: number validation without a comparison: {condition}",
                    v.at()
                ));
            }
        }
        let _ = strings(None);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{bundle, tf::TfBlock};
    use super::*;

    fn with_attr(block: &TfBlock, name: &str, value: hcl::Expression) -> hcl::Body {
        let mut body = hcl::Body::builder();
        for a in block.body.attributes().filter(|a| a.key.as_str() != name) {
            body = body.add_attribute(a.clone());
        }
        for b in block.body.blocks() {
            body = body.add_block(b.clone());
        }
        body.add_attribute((name, value)).build()
    }

    #[test]
    fn built_arns_fail() {
        let mut b = bundle("s3-glacier-backup");
        let bucket = b
            .terraform
            .resources("aws_s3_bucket")
            .find(|r| r.attr("bucket").is_some())
            .cloned()
            .expect("a named bucket");
        let name = match bucket.attr("bucket") {
            Some(hcl::Expression::TemplateExpr(t)) => t.to_string().trim_matches('"').to_string(),
            other => panic!("{other:?}"),
        };
        let mut doc = b
            .terraform
            .of_kind("data")
            .find(|d| d.ty() == "aws_iam_policy_document")
            .cloned()
            .unwrap();
        doc.labels[1] = "built".into();
        let arn: hcl::Expression = hcl::parse(&format!("x = \"arn:aws:s3:::{name}\""))
            .unwrap()
            .attributes()
            .next()
            .unwrap()
            .expr
            .clone();
        doc.body = with_attr(&doc, "extra", arn);
        b.terraform.blocks.push(doc);
        assert!(!references_not_built(&b).is_empty());
    }

    #[test]
    fn unused_inputs_fail() {
        let mut b = bundle("rds-pitr");
        let mut v = b.terraform.of_kind("variable").next().cloned().unwrap();
        v.labels[0] = "nothing_reads_this".into();
        b.terraform.blocks.push(v);
        assert!(unused_inputs(&b).iter().any(|f| f.contains("nothing_reads_this")));
    }

    #[test]
    fn kept_on_destroy_fails_without_prevent_destroy() {
        let mut b = bundle("rds-pitr");
        for r in b.terraform.blocks.iter_mut().filter(|r| r.ty() == "aws_kms_key") {
            let mut body = hcl::Body::builder();
            for a in r.body.attributes() {
                body = body.add_attribute(a.clone());
            }
            r.body = body.build();
        }
        assert!(kept_on_destroy(&b).iter().any(|f| f.contains("not protected")));
    }

    #[test]
    fn numeric_validation_fails_on_a_regex() {
        let mut b = bundle("rds-pitr");
        let mut v = b.terraform.of_kind("variable").next().cloned().unwrap();
        let cond: hcl::Body = hcl::parse("validation {\n  condition = can(regex(\"^[1-9]$\", tostring(var.x)))\n  error_message = \"x\"\n}\n").unwrap();
        let mut body = hcl::Body::builder();
        for a in v.body.attributes() {
            body = body.add_attribute(a.clone());
        }
        for blk in cond.blocks() {
            body = body.add_block(blk.clone());
        }
        v.body = body.build();
        b.terraform.blocks.push(v);
        assert!(!numeric_validation(&b).is_empty());
    }
}
