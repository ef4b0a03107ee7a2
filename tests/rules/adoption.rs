//! Existing resources: imported only where AWS can import them (a static name), and
//! never weakened or taken over unless the plan asks to manage them fully.

use drplan::export::cloudformation::refs::logical_id;
use drplan::export::model::{ExistingMode, ExistingResource};
use drplan::export::Target;
use drplan::plan::{Component, ExistingManagement};
use serde_json::Value;

use super::cfn::{is_literal, prop, Template};
use super::{Bundle, Rule};

pub const STATIC_IMPORTS: Rule = Rule {
    id: "imports-only-with-static-names",
    requires: "a resource is adopted by import only when the template names it with a static name; the import step carries nothing but that name, and a second step applies the settings",
    source_says: "The resource must have a static custom name defined in your template. Dynamic names (using !Ref or other functions) are not currently supported. — and: CloudFormation doesn't check that the template configuration matches the actual configuration of resource properties.",
    source: "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/import-resources-automatically.html; https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resource-import.html",
    check: static_imports,
};

fn imported(b: &Bundle) -> Vec<&ExistingResource> {
    b.model
        .notes
        .existing
        .iter()
        .filter(|e| matches!(e.mode, ExistingMode::Import { .. }))
        .collect()
}

fn static_imports(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for e in imported(b) {
        let Some(name) = e.resource.as_deref() else { continue };
        let id = logical_id(name);
        for t in b.templates.iter().filter(|t| t.target == Target::Cloudformation) {
            if let Some(r) = t.resource(&id) {
                match prop(r, "BucketName") {
                    Some(n) if is_literal(n) => {}
                    other => out.push(format!(
                        "{}: {id} is imported but its name is {other:?}, not static",
                        t.label()
                    )),
                }
            }
        }
        // The import template names the bucket and nothing else: settings come in step two.
        match b.file(Target::Cloudformation, "primary.import.yaml").map(super::cfn::from_yaml) {
            Some(Ok(first)) => {
                let first = Template {
                    target: Target::Cloudformation,
                    stack: "primary.import".into(),
                    json: first,
                };
                match first.resource(&id).and_then(|r| r.get("Properties")).and_then(Value::as_object) {
                    Some(p) if p.keys().all(|k| k == "BucketName") => {}
                    other => out.push(format!("cloudformation primary.import.yaml: {id} carries more than its name: {other:?}")),
                }
            }
            _ => out.push(format!(
                "cloudformation: {id} is imported but there is no primary.import.yaml for step one"
            )),
        }
        for f in b.terraform.of_kind("import") {
            if f.attr("id").is_some_and(|i| !matches!(i, hcl::Expression::String(_))) {
                out.push(format!("{}: import id is not a static name", f.at()));
            }
        }
    }
    out
}

pub const ADOPTION_KEEPS_LIVE_SETTINGS: Rule = Rule {
    id: "adoption-keeps-live-settings",
    requires: "an existing bucket the plan does not manage fully gets backup settings only (versioning, lifecycle, replication): its policy, public-access block, object ownership, encryption and logging stay as they are, and the README says exactly what changes on it",
    source_says: "To make your bucket publicly readable, you must disable block public access settings for the bucket and write a bucket policy that grants public read access. — so forcing the block, or replacing the policy, takes a live website down. And: When you add a Lifecycle configuration, Amazon S3 replaces the existing configuration on the specified bucket.",
    source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/WebsiteAccessPermissionsReqd.html; https://docs.aws.amazon.com/AmazonS3/latest/userguide/how-to-set-lifecycle-configuration-intro.html",
    check: keeps_live_settings,
};

/// Existing buckets whose live settings must stay: `(component id, parameter key)`.
fn backup_only(b: &Bundle) -> Vec<(String, String)> {
    b.model
        .notes
        .existing
        .iter()
        .filter(|e| e.label == "S3 bucket")
        .filter(|e| {
            matches!(b.plan.component(&e.component), Some(Component::S3Bucket(s)) if s.manage_existing == ExistingManagement::BackupSettings)
        })
        .filter_map(|e| Some((e.component.clone(), e.param.clone()?)))
        .collect()
}

fn names_bucket(value: &Value, param: &str) -> bool {
    let id = logical_id(param);
    value == &serde_json::json!({ "Ref": id })
}

fn keeps_live_settings(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    let weakening_tf = [
        "aws_s3_bucket",
        "aws_s3_bucket_policy",
        "aws_s3_bucket_public_access_block",
        "aws_s3_bucket_ownership_controls",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_acl",
    ];
    for (component, param) in backup_only(b) {
        for t in &b.templates {
            for (id, ty, r) in t.resources() {
                let named = match ty {
                    "AWS::S3::Bucket" => {
                        prop(r, "BucketName").is_some_and(|n| names_bucket(n, &param))
                    }
                    "AWS::S3::BucketPolicy" => {
                        prop(r, "Bucket").is_some_and(|n| names_bucket(n, &param))
                    }
                    _ => false,
                };
                if named {
                    out.push(format!(
                        "{}: {id} ({ty}) takes over the existing bucket of {component}",
                        t.label()
                    ));
                }
            }
        }
        let var = format!("var.{param}");
        let data_names: Vec<String> = b
            .terraform
            .of_kind("data")
            .filter(|d| {
                d.ty() == "aws_s3_bucket" && d.text("bucket").is_some_and(|x| x.contains(&var))
            })
            .map(|d| format!("data.aws_s3_bucket.{}", d.labels[1]))
            .collect();
        for ty in weakening_tf {
            for r in b.terraform.resources(ty) {
                let bucket = r.text("bucket").unwrap_or_default();
                if bucket.contains(&var) || data_names.iter().any(|d| bucket.contains(d.as_str())) {
                    out.push(format!(
                        "{}: changes the existing bucket of {component} beyond its backup settings",
                        r.at()
                    ));
                }
            }
        }
        for target in Target::ALL {
            let readme = b.readme(target);
            let section = readme.split("## Existing resources").nth(1).unwrap_or("");
            let section = section.split("\n## ").next().unwrap_or("");
            let says = section.contains(&format!("`{component}`"))
                && [
                    "versioning",
                    "lifecycle",
                    "replication",
                    "policy",
                    "public access",
                    "encryption",
                ]
                .iter()
                .all(|w| section.to_lowercase().contains(w));
            if !says {
                out.push(format!(
                    "{} README does not say what changes on the existing bucket of {component}",
                    target.id()
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{bundle, preset, Bundle};
    use super::*;
    use drplan::export::model::Kind;

    #[test]
    fn adoption_fails_when_the_live_bucket_is_taken_over() {
        let mut b = bundle("photo-portfolio");
        let (component, param) =
            backup_only(&b).into_iter().next().expect("photo-portfolio adopts its media bucket");
        let t = b.templates.iter_mut().find(|t| t.stack == "primary").unwrap();
        t.json["Resources"]["Hijack"] = serde_json::json!({
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {"Bucket": {"Ref": logical_id(&param)}, "PolicyDocument": {}}
        });
        let findings = keeps_live_settings(&b);
        assert!(
            findings.iter().any(|f| f.contains("Hijack") && f.contains(&component)),
            "{findings:?}"
        );
    }

    #[test]
    fn imports_fail_on_a_dynamic_name() {
        let mut plan = preset("photo-portfolio");
        for c in plan.components.iter_mut() {
            if let Component::S3Bucket(s) = c {
                if s.existing {
                    s.manage_existing = ExistingManagement::Full;
                }
            }
        }
        let mut b = Bundle::of("full", &plan);
        assert_eq!(static_imports(&b), Vec::<String>::new());
        let name = b
            .model
            .resources
            .iter()
            .find(|r| r.imported && matches!(r.kind, Kind::Bucket(_)))
            .unwrap()
            .name
            .clone();
        let id = logical_id(&name);
        for t in b.templates.iter_mut().filter(|t| t.resource(&id).is_some()) {
            t.json["Resources"][&id]["Properties"]["BucketName"] =
                serde_json::json!({"Ref": "MediaBucketName"});
        }
        assert!(static_imports(&b).iter().any(|f| f.contains("not static")));
    }
}
