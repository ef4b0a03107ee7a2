//! Databases: engine versions that minor upgrades do not make look like a downgrade,
//! and KMS keys written the way the API returns them in fields that replace the
//! resource when they change.

use serde_json::Value;

use super::cfn::prop;
use super::tf::{blocks, string, TfBlock};
use super::{Bundle, Rule};

pub const ENGINE_VERSION_PREFIX: Rule = Rule {
    id: "engine-version-prefix-with-auto-minor-upgrades",
    requires: "an RDS instance that takes automatic minor upgrades names its engine by major version (MySQL 8.4, PostgreSQL 17), and Terraform does not compare an Aurora cluster's pinned version with the one minor upgrades move it to",
    source_says: "When you use these methods, you can specify only the major version and Amazon RDS automatically creates the instance with the preferred minor version. — and for Terraform: engine_version - (Optional) The engine version to use. If auto_minor_version_upgrade is enabled, you can provide a prefix of the version such as 8.0 (for 8.0.36). The actual engine version used is returned in the attribute engine_version_actual.",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_BestPractices.html; https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#engine_version",
    check: engine_versions,
};

/// Whether a version names the major version only: `8.4` for MySQL, `17` for PostgreSQL.
fn is_major_prefix(engine: &str, version: &str) -> bool {
    let parts = version.split('.').count();
    match engine {
        "mysql" | "mariadb" => parts <= 2,
        "postgres" => parts == 1,
        _ => true,
    }
}

fn engine_versions(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        for (id, r) in t.of_type("AWS::RDS::DBInstance") {
            let engine = prop(r, "Engine").and_then(Value::as_str).unwrap_or("");
            let auto = prop(r, "AutoMinorVersionUpgrade").and_then(Value::as_bool).unwrap_or(true);
            if let Some(v) = prop(r, "EngineVersion").and_then(Value::as_str) {
                if auto && !is_major_prefix(engine, v) {
                    out.push(format!(
                        "{}: {id} pins {engine} {v} while minor upgrades are automatic",
                        t.label()
                    ));
                }
            }
        }
    }
    for r in b.terraform.resources("aws_db_instance") {
        let engine = r.text("engine").unwrap_or_default().trim_matches('"').to_string();
        let auto = r.text("auto_minor_version_upgrade").is_none_or(|a| a == "true");
        if let Some(v) = r.attr("engine_version").map(string) {
            if auto && !is_major_prefix(&engine, &v) {
                out.push(format!(
                    "{}: pins {engine} {v} while minor upgrades are automatic",
                    r.at()
                ));
            }
        }
    }
    for r in b.terraform.resources("aws_rds_cluster") {
        let pinned =
            r.attr("engine_version").is_some_and(|v| matches!(v, hcl::Expression::String(_)));
        if pinned && !ignores(r, "engine_version") {
            out.push(format!("{}: pins its engine version without ignore_changes; minor upgrades would plan a downgrade", r.at()));
        }
    }
    out
}

/// Whether a resource's `lifecycle { ignore_changes = [...] }` names an argument.
pub fn ignores(r: &TfBlock, argument: &str) -> bool {
    blocks(&r.body, "lifecycle").any(|l| {
        super::tf::strings(super::tf::attr(&l.body, "ignore_changes")).iter().any(|a| a == argument)
    })
}

pub const KEY_ARN_FORM: Rule = Rule {
    id: "key-references-as-the-api-returns-them",
    requires: "a KMS key in a field that cannot change in place is given as the key ARN (what the API returns), never an alias: cross-region automated backups, table replicas, database storage",
    source_says: "KmsKeyId – The AWS KMS key identifier for encryption of the replicated automated backups. The KMS key ID is the Amazon Resource Name (ARN) for the KMS encryption key in the destination AWS Region, for example, arn:aws:kms:us-east-1:123456789012:key/AKIAIOSFODNN7EXAMPLE.",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBInstanceAutomatedBackupsReplication.html",
    check: key_arns,
};

/// A Terraform key reference the provider reads back unchanged: a key's `.arn`.
fn is_key_arn(text: &str) -> bool {
    (text.starts_with("aws_kms_key.") && text.ends_with(".arn"))
        || text.starts_with("var.") && text.contains("key_arn")
        || text.starts_with("one(aws_kms_key.")
}

fn key_arns(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        for (id, r) in t.of_type("AWS::RDS::DBInstance") {
            if let Some(k) = prop(r, "AutomaticBackupReplicationKmsKeyId") {
                if k.to_string().contains("alias/") {
                    out.push(format!(
                        "{}: {id} names its replicated-backup key by alias: {k}",
                        t.label()
                    ));
                }
            }
        }
    }
    let mut check = |r: &TfBlock, what: &str, value: Option<String>| {
        if let Some(v) = value {
            if !is_key_arn(&v) {
                out.push(format!("{}: {what} is {v}, not a key ARN reference", r.at()));
            }
        }
    };
    for r in b.terraform.resources("aws_db_instance_automated_backups_replication") {
        check(r, "kms_key_id", r.attr("kms_key_id").map(string));
    }
    for r in
        b.terraform.resources("aws_db_instance").chain(b.terraform.resources("aws_rds_cluster"))
    {
        check(r, "kms_key_id", r.attr("kms_key_id").map(string));
    }
    for r in b.terraform.resources("aws_dynamodb_table") {
        for rep in blocks(&r.body, "replica") {
            check(r, "replica kms_key_arn", super::tf::attr(&rep.body, "kms_key_arn").map(string));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bundle;
    use super::*;

    #[test]
    fn engine_versions_fail_on_a_pinned_patch() {
        let mut b = bundle("rds-pitr");
        for t in b.templates.iter_mut() {
            if let Some(resources) = t.json.get_mut("Resources").and_then(Value::as_object_mut) {
                for r in resources.values_mut().filter(|r| r["Type"] == "AWS::RDS::DBInstance") {
                    r["Properties"]["EngineVersion"] = "8.4.7".into();
                }
            }
        }
        assert!(engine_versions(&b).iter().any(|f| f.contains("8.4.7")));
    }

    #[test]
    fn key_arns_fail_on_an_alias_in_cross_region_backups() {
        let mut b = bundle("rds-pitr");
        for t in b.templates.iter_mut() {
            if let Some(resources) = t.json.get_mut("Resources").and_then(Value::as_object_mut) {
                for r in resources.values_mut().filter(|r| r["Type"] == "AWS::RDS::DBInstance") {
                    r["Properties"]["AutomaticBackupReplicationKmsKeyId"] = serde_json::json!({"Fn::Sub": "arn:${AWS::Partition}:kms:us-west-2:${AWS::AccountId}:alias/x/dr"});
                }
            }
        }
        assert!(key_arns(&b).iter().any(|f| f.contains("by alias")));
    }

    #[test]
    fn key_arns_fail_on_an_alias_in_terraform() {
        let mut b = bundle("rds-pitr");
        let r = b
            .terraform
            .blocks
            .iter_mut()
            .find(|r| r.ty() == "aws_db_instance_automated_backups_replication")
            .expect("rds-pitr replicates automated backups");
        let mut body = hcl::Body::builder();
        for a in r.body.attributes().filter(|a| a.key.as_str() != "kms_key_id") {
            body = body.add_attribute(a.clone());
        }
        r.body = body
            .add_attribute(("kms_key_id", "arn:aws:kms:us-west-2:111122223333:alias/x/dr"))
            .build();
        assert!(!key_arns(&b).is_empty());
    }
}
