//! Ordering: what the primary stack names in the DR stack (replica buckets, copy
//! vaults, the DR key) exists before it is named; in Terraform, `depends_on` only
//! where AWS needs an order that no reference gives.

use drplan::export::model::StackId;
use drplan::export::Target;
use serde_json::Value;

use super::cfn::{prop, Template};
use super::tf::{string, strings, TfBlock};
use super::{Bundle, Rule};

pub const DESTINATIONS_FIRST: Rule = Rule {
    id: "destinations-before-sources",
    requires: "a replication rule, copy action or replica key names a destination that already exists with versioning on: the DR stack deploys first (CloudFormation and CDK) and Terraform waits for the destination's versioning",
    source_says: "Both source and destination buckets must have versioning enabled. (S3 refuses a replication configuration whose destination bucket does not exist or is not versioned; AWS Backup copy jobs fail when the destination vault does not exist.)",
    source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html#replication-requirements",
    check: destinations_first,
};

/// A value as comparable text: literals as they are, `Fn::Sub` templates, `Ref`s as `${X}`.
pub fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(m) => {
            if let Some(r) = m.get("Ref").and_then(Value::as_str) {
                format!("${{{r}}}")
            } else if let Some(s) = m.get("Fn::Sub") {
                s.as_str().or_else(|| s.get(0).and_then(Value::as_str)).unwrap_or("").to_string()
            } else if let Some(Value::Array(j)) = m.get("Fn::Join") {
                let sep = j.first().and_then(Value::as_str).unwrap_or("");
                j.get(1)
                    .and_then(Value::as_array)
                    .map(|p| p.iter().map(text_of).collect::<Vec<_>>().join(sep))
                    .unwrap_or_default()
            } else if let Some(Value::Array(g)) = m.get("Fn::GetAtt") {
                format!("${{{}}}", g.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("."))
            } else {
                v.to_string()
            }
        }
        other => other.to_string(),
    }
}

/// Names the primary template gives to things in the DR region: `(what, name)`.
fn named_in_dr(primary: &Template) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (id, r) in primary.of_type("AWS::S3::Bucket") {
        let rules = prop(r, "ReplicationConfiguration").and_then(|c| c.get("Rules"));
        for rule in super::cfn::as_list(rules) {
            if let Some(bucket) = rule.pointer("/Destination/Bucket") {
                let name = text_of(bucket).rsplit(":::").next().unwrap_or("").to_string();
                out.push((format!("replication destination of {id}"), format!("bucket {name}")));
            }
        }
    }
    for (id, r) in primary.of_type("AWS::Backup::BackupPlan") {
        let rules = prop(r, "BackupPlan").and_then(|p| p.get("BackupPlanRule"));
        for rule in super::cfn::as_list(rules) {
            for action in super::cfn::as_list(rule.get("CopyActions")) {
                if let Some(arn) = action.get("DestinationBackupVaultArn") {
                    let name =
                        text_of(arn).rsplit("backup-vault:").next().unwrap_or("").to_string();
                    out.push((format!("copy action of {id}"), format!("vault {name}")));
                }
            }
        }
    }
    out
}

/// A name with the backup account's id in any form (`${AWS::AccountId}` inside its
/// own stack, the `${BackupAccountId}` input, a literal 12-digit id) written alike.
fn any_account(name: &str) -> String {
    let name =
        name.replace("${AWS::AccountId}", "<account>").replace("${BackupAccountId}", "<account>");
    let mut out = String::new();
    let mut digits = String::new();
    for ch in name.chars().chain(std::iter::once(' ')) {
        if ch.is_ascii_digit() {
            digits.push(ch);
            continue;
        }
        out.push_str(if digits.len() == 12 { "<account>" } else { &digits });
        digits.clear();
        out.push(ch);
    }
    out.pop();
    out
}

/// What the DR template creates, by the same kind of name.
fn created_in_dr(dr: &Template) -> Vec<String> {
    let mut out = Vec::new();
    for (_, r) in dr.of_type("AWS::S3::Bucket") {
        if let Some(n) = prop(r, "BucketName") {
            out.push(format!("bucket {}", text_of(n)));
        }
    }
    let vaults = ["AWS::Backup::BackupVault", "AWS::Backup::LogicallyAirGappedBackupVault"];
    for (_, r) in vaults.iter().flat_map(|ty| dr.of_type(ty)) {
        if let Some(n) = prop(r, "BackupVaultName") {
            out.push(format!("vault {}", text_of(n)));
        }
    }
    out
}

fn destinations_first(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    let crosses =
        b.model.resources.iter().any(|r| r.stack == StackId::Primary && !r.after.is_empty());
    // The DR stack and the backup account's deploy before the primary stack.
    if crosses && b.model.stacks.last() != Some(&StackId::Primary) {
        out.push(
            "model: the primary stack names DR resources but the DR stack is not deployed first"
                .into(),
        );
    }
    for target in [Target::Cloudformation, Target::CdkPython, Target::CdkTypescript] {
        let in_target: Vec<&Template> = b.templates.iter().filter(|t| t.target == target).collect();
        let Some(primary) = in_target.iter().find(|t| t.stack == "primary") else { continue };
        let destinations: Vec<&&Template> =
            in_target.iter().filter(|t| t.stack == "dr" || t.stack == "backup-account").collect();
        if destinations.is_empty() {
            continue;
        }
        // The backup account's stack names its replicas after its own account id,
        // which the primary stack knows as the BackupAccountId input (a literal id
        // in a synthesized CDK app with that setting).
        let created: Vec<String> = destinations
            .iter()
            .flat_map(|t| {
                let names = created_in_dr(t);
                match t.stack.as_str() {
                    "backup-account" => names.into_iter().map(|n| any_account(&n)).collect(),
                    _ => names,
                }
            })
            .collect();
        for (what, name) in named_in_dr(primary) {
            if !created.iter().any(|c| *c == name || *c == any_account(&name)) {
                out.push(format!(
                    "{}: {what} names {name}, which the DR stack does not create",
                    target.id()
                ));
            }
        }
    }
    if b.model.stacks.contains(&StackId::Account) {
        let readme = b.readme(Target::Cloudformation);
        let (a, p) =
            (readme.find("--template-file backup-account"), readme.find("--template-file primary"));
        if !matches!((a, p), (Some(a), Some(p)) if a < p) {
            out.push("cloudformation README does not deploy backup-account.yaml first".into());
        }
        let py = b.file(Target::CdkPython, "app.py").unwrap_or("");
        let ts = b.file(Target::CdkTypescript, "bin/app.ts").unwrap_or("");
        if !py.contains("primary.add_stack_dependency(backup_account)")
            || !ts.contains("primary.addStackDependency(backupAccount)")
        {
            out.push("a CDK app does not deploy the backup account's stack first".into());
        }
    }
    if b.model.stacks.contains(&StackId::Dr) {
        let readme = b.readme(Target::Cloudformation);
        let (d, p) = (readme.find("--template-file dr"), readme.find("--template-file primary"));
        if !matches!((d, p), (Some(d), Some(p)) if d < p) && !readme.contains("dr.packaged.yaml") {
            out.push("cloudformation README does not deploy dr.yaml before primary.yaml".into());
        }
        let py = b.file(Target::CdkPython, "app.py").unwrap_or("");
        let ts = b.file(Target::CdkTypescript, "bin/app.ts").unwrap_or("");
        if !py.contains("primary.add_stack_dependency(dr)") {
            out.push("cdk-python app does not deploy the DR stack first".into());
        }
        if !ts.contains("primary.addStackDependency(dr)") {
            out.push("cdk-typescript app does not deploy the DR stack first".into());
        }
    }
    // Terraform orders by references; S3 also needs the destination's versioning on first.
    for r in b.terraform.resources("aws_s3_bucket_replication_configuration") {
        let deps = strings(r.attr("depends_on"));
        for rule in super::tf::blocks(&r.body, "rule") {
            for dest in super::tf::blocks(&rule.body, "destination") {
                let bucket = super::tf::attr(&dest.body, "bucket").map(string).unwrap_or_default();
                let Some(name) =
                    bucket.strip_prefix("aws_s3_bucket.").and_then(|x| x.strip_suffix(".arn"))
                else {
                    out.push(format!("{}: destination {bucket} is not a reference to a bucket of the configuration", r.at()));
                    continue;
                };
                if !deps.iter().any(|d| d == &format!("aws_s3_bucket_versioning.{name}")) {
                    out.push(format!(
                        "{}: does not wait for the versioning of destination {name}",
                        r.at()
                    ));
                }
            }
        }
    }
    out
}

pub const DEPENDS_ON_ONLY_FOR_AWS_ORDERING: Rule = Rule {
    id: "terraform-depends-on-only-for-aws-ordering",
    requires: "Terraform gets its order from references; depends_on appears only where AWS needs an order no reference expresses (versioning on before replication or noncurrent-version lifecycle rules)",
    source_says: "You only need to explicitly specify a dependency when a resource or module relies on another resource's behavior but does not access any of that resource's data in its arguments. [...] You should use depends_on as a last resort because it can cause Terraform to create more conservative plans that replace more resources than necessary.",
    source: "https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on",
    check: depends_on_justified,
};

fn justified(block: &TfBlock, dep: &str) -> bool {
    let Some(versioning) = dep.strip_prefix("aws_s3_bucket_versioning.") else { return false };
    let own = block.text("bucket").unwrap_or_default();
    let bucket_of_self =
        own.trim_start_matches("aws_s3_bucket.").trim_start_matches("data.aws_s3_bucket.");
    let bucket_of_self = bucket_of_self.split('.').next().unwrap_or("");
    match block.ty() {
        "aws_s3_bucket_lifecycle_configuration" => versioning == bucket_of_self,
        "aws_s3_bucket_replication_configuration" => {
            let text = hcl::format::to_string(&block.body).unwrap_or_default();
            versioning == bucket_of_self
                || text.contains(&format!("aws_s3_bucket.{versioning}.arn"))
        }
        _ => false,
    }
}

fn depends_on_justified(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for block in b.terraform.of_kind("resource").chain(b.terraform.of_kind("module")) {
        for dep in strings(block.attr("depends_on")) {
            if !justified(block, &dep) {
                out.push(format!(
                    "{}: depends_on {dep} has no AWS ordering reason (use a reference)",
                    block.at()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bundle;
    use super::*;

    #[test]
    fn destinations_fail_when_the_dr_stack_does_not_create_the_replica() {
        let mut b = bundle("s3-glacier-backup");
        for t in b.templates.iter_mut().filter(|t| t.stack == "dr") {
            if let Some(resources) = t.json.get_mut("Resources").and_then(Value::as_object_mut) {
                resources.retain(|_, r| r["Type"] != "AWS::S3::Bucket");
            }
        }
        assert!(destinations_first(&b).iter().any(|f| f.contains("does not create")));
    }

    #[test]
    fn destinations_fail_when_terraform_does_not_wait_for_destination_versioning() {
        let mut b = bundle("s3-glacier-backup");
        for r in b
            .terraform
            .blocks
            .iter_mut()
            .filter(|r| r.ty() == "aws_s3_bucket_replication_configuration")
        {
            let mut body = hcl::Body::builder();
            for a in r.body.attributes().filter(|a| a.key.as_str() != "depends_on") {
                body = body.add_attribute(a.clone());
            }
            for blk in r.body.blocks() {
                body = body.add_block(blk.clone());
            }
            r.body = body.build();
        }
        assert!(destinations_first(&b).iter().any(|f| f.contains("does not wait")));
    }

    #[test]
    fn depends_on_fails_on_an_ordering_a_reference_gives() {
        let mut b = bundle("rds-pitr");
        let table = b
            .terraform
            .of_kind("resource")
            .find(|r| r.ty() == "aws_backup_plan")
            .cloned()
            .expect("a plan");
        let mut table = table;
        let mut body = hcl::Body::builder();
        for a in table.body.attributes() {
            body = body.add_attribute(a.clone());
        }
        let dep = hcl::Expression::Array(vec![hcl::Expression::Variable(
            hcl::Variable::unchecked("aws_kms_key.x"),
        )]);
        table.body = body.add_attribute(("depends_on", dep)).build();
        b.terraform.blocks.push(table);
        assert!(!depends_on_justified(&b).is_empty());
    }
}
