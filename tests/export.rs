//! The export end to end: determinism, refusal of invalid plans, errors that name
//! the component, the model's invariants, and injection attempts with hostile ids,
//! names, emails and notes in every target.

mod lang;

use drplan::export::model::{build, Attr, Expr, InfraModel, Kind, StackId};
use drplan::export::{export, export_all, ExportError, GeneratedFile, Target};
use drplan::plan::{parse_plan, Component, ComponentKind, Plan};
use drplan::presets::PRESETS;

fn all_options() -> Plan {
    parse_plan(include_str!("iac/plans/all-options.json")).expect("all-options plan parses")
}

fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> =
        PRESETS.iter().map(|p| (p.id.to_string(), p.plan())).collect();
    out.push(("all-options".into(), all_options()));
    out
}

#[test]
fn same_plan_gives_byte_identical_files() {
    for (id, plan) in plans() {
        let first = export_all(&plan).unwrap_or_else(|e| panic!("{id}: {e}"));
        let second = export_all(&plan.clone()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(first, second, "{id}");
        let mut paths: Vec<&str> = first.iter().map(|f| f.path.as_str()).collect();
        let n = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), n, "{id}: duplicate paths");
    }
}

#[test]
fn export_all_prefixes_each_target() {
    let plan = PRESETS[0].plan();
    let all = export_all(&plan).unwrap();
    for target in Target::ALL {
        let one = export(&plan, target).unwrap();
        let prefixed: Vec<GeneratedFile> = all
            .iter()
            .filter(|f| f.path.starts_with(&format!("{}/", target.id())))
            .cloned()
            .collect();
        assert_eq!(prefixed.len(), one.len(), "{}", target.id());
        for (a, b) in prefixed.iter().zip(&one) {
            assert_eq!(a.path, format!("{}/{}", target.id(), b.path));
            assert_eq!(a.contents, b.contents);
        }
        assert_eq!(Target::from_id(target.id()), Some(target));
    }
    assert_eq!(Target::from_id("pulumi"), None);
}

#[test]
fn every_bundle_has_its_expected_files() {
    let plan = all_options();
    let paths = |t| export(&plan, t).unwrap().into_iter().map(|f| f.path).collect::<Vec<_>>();
    let cfn = paths(Target::Cloudformation);
    for f in [
        "README.md",
        "dr.yaml",
        "primary.yaml",
        "dr.parameters.json",
        "primary.parameters.json",
        "lambda/backup/handler.py",
        "lambda/config_export/handler.py",
    ] {
        assert!(cfn.contains(&f.to_string()), "cloudformation: {f}");
    }
    let tf = paths(Target::Terraform);
    for f in [
        "versions.tf",
        "providers.tf",
        "main.tf",
        "variables.tf",
        "outputs.tf",
        "terraform.tfvars.example",
        "README.md",
        "modules/every-export/main.tf",
        "modules/every-export/variables.tf",
        "modules/every-export/outputs.tf",
        "modules/every-export/versions.tf",
        "modules/every-export/lambda/backup/handler.py",
    ] {
        assert!(tf.contains(&f.to_string()), "terraform: {f}");
    }
    // Nothing to import: the existing bucket keeps its settings and gets backup ones.
    assert!(!tf.contains(&"imports.tf".to_string()));
    let py = paths(Target::CdkPython);
    for f in [
        "app.py",
        "cdk.json",
        "requirements.txt",
        "stacks/primary_stack.py",
        "stacks/dr_stack.py",
        "stacks/settings.py",
        "README.md",
    ] {
        assert!(py.contains(&f.to_string()), "cdk-python: {f}");
    }
    let ts = paths(Target::CdkTypescript);
    for f in [
        "bin/app.ts",
        "lib/primary-stack.ts",
        "lib/dr-stack.ts",
        "package.json",
        "tsconfig.json",
        "cdk.json",
        "README.md",
    ] {
        assert!(ts.contains(&f.to_string()), "cdk-typescript: {f}");
    }
}

#[test]
fn versions_and_context_are_pinned() {
    let plan = PRESETS.iter().find(|p| p.id == "s3-glacier-backup").unwrap().plan();
    let tf = export(&plan, Target::Terraform).unwrap();
    let versions = &tf.iter().find(|f| f.path == "versions.tf").unwrap().contents;
    assert!(
        versions.contains("source  = \"hashicorp/aws\"")
            && versions.contains("version = \"~> 6.0\""),
        "{versions}"
    );
    assert!(tf.iter().any(|f| f.path == "providers.tf" && f.contents.contains("alias  = \"dr\"")));
    let py = export(&plan, Target::CdkPython).unwrap();
    let cdk_json: serde_json::Value =
        serde_json::from_str(&py.iter().find(|f| f.path == "cdk.json").unwrap().contents).unwrap();
    assert_eq!(cdk_json["context"]["project_name"], "s3-and-glacier-backup");
    // Seed 000 also reads these from CDK_CONTEXT_<key>: cdk.json leaves them out (its
    // values would win over the environment), the app's defaults hold the plan's.
    let settings = &py.iter().find(|f| f.path == "stacks/settings.py").unwrap().contents;
    for (key, default) in [
        ("notification_email", "\"admin@example.com\""),
        ("dr_region", "\"us-west-2\""),
        ("backup_retention_days", "\"2555\""),
    ] {
        assert!(cdk_json["context"].get(key).is_none(), "{key}");
        let row = settings.lines().find(|l| l.contains(&format!("\"{key}\", \"{key}\""))).unwrap();
        assert!(row.contains(default) && row.contains(&format!("\"CDK_CONTEXT_{key}\"")), "{row}");
    }
}

#[test]
fn invalid_plans_are_refused_with_their_diagnostics() {
    let mut plan = PRESETS[0].plan();
    plan.components.push(ComponentKind::SnsTopic.new_component("Bad Id"));
    for target in Target::ALL {
        match export(&plan, target) {
            Err(ExportError::InvalidPlan(d)) => {
                assert!(d.iter().any(|d| d.path.ends_with(".id")), "{d:?}")
            }
            other => panic!("{}: expected InvalidPlan, got {other:?}", target.id()),
        }
    }
    assert!(matches!(export_all(&plan), Err(ExportError::InvalidPlan(_))));
    let message = export_all(&plan).unwrap_err().to_string();
    assert!(message.starts_with("invalid plan (1 error(s)); first: components["), "{message}");
}

#[test]
fn what_no_target_can_express_is_an_error_naming_the_component() {
    let mut plan = all_options();
    for c in plan.components.iter_mut() {
        if let Component::DynamodbTable(t) = c {
            if t.id == "orders" {
                t.global_table = Some(drplan::plan::GlobalTable {
                    replica_region: Some("ap-southeast-2".into()),
                });
            }
        }
    }
    match export(&plan, Target::Terraform) {
        Err(ExportError::Unsupported { component, reason, .. }) => {
            assert_eq!(component, "orders");
            assert!(reason.contains("ap-southeast-2"), "{reason}");
        }
        other => panic!("expected Unsupported, got {other:?}"),
    }
}

/// Every attribute reference points at a resource of the same stack defined
/// earlier (CDK code runs top to bottom), except the two documented back
/// references: log buckets naming their sources, and policies attached separately.
fn check_references(id: &str, model: &InfraModel) {
    for (i, r) in model.resources.iter().enumerate() {
        let mut refs = Vec::new();
        let exprs = expressions(&r.kind);
        for e in &exprs {
            e.resource_refs(&mut refs);
        }
        for target in refs {
            let Some(j) = model.resources.iter().position(|x| x.name == target) else {
                panic!("{id}: {} refers to missing {target}", r.name)
            };
            assert_eq!(
                model.resources[j].stack, r.stack,
                "{id}: {} refers across stacks to {target}",
                r.name
            );
            let back = matches!(&r.kind, Kind::Role(role) if role.separate_policy);
            assert!(j < i || back, "{id}: {} refers to {target}, defined later", r.name);
        }
        let mut params = Vec::new();
        for e in &exprs {
            e.param_refs(&mut params);
        }
        for p in params {
            let param = model
                .parameter(p)
                .unwrap_or_else(|| panic!("{id}: {} uses undeclared parameter {p}", r.name));
            assert!(
                param.stacks.contains(&r.stack),
                "{id}: parameter {p} not declared for the {} stack",
                r.stack.id()
            );
        }
    }
    let mut names: Vec<&str> = model.resources.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    let n = names.len();
    names.dedup();
    assert_eq!(names.len(), n, "{id}: duplicate resource names");
}

/// The expressions of a resource that the checks above look at.
fn expressions(kind: &Kind) -> Vec<Expr> {
    let mut out = Vec::new();
    match kind {
        Kind::Bucket(b) => {
            out.extend(b.physical_name.clone());
            if let drplan::export::model::BucketEncryption::Kms(k) = &b.encryption {
                out.push(k.clone());
            }
            if let Some(rep) = &b.replication {
                out.extend(rep.rules.iter().map(|r| r.destination_bucket_arn.clone()));
                out.push(Expr::Attr(rep.role.clone(), Attr::Arn));
            }
            if let Some(l) = &b.access_logging {
                out.push(Expr::Attr(l.bucket.clone(), Attr::Name));
            }
        }
        Kind::Role(role) => {
            for s in &role.statements {
                out.extend(s.resources.clone());
                out.extend(s.conditions.iter().flat_map(|c| c.values.clone()));
            }
        }
        Kind::Function(f) => {
            out.push(f.name.clone());
            out.push(Expr::Attr(f.role.clone(), Attr::Arn));
            out.push(Expr::Attr(f.log_group.clone(), Attr::Name));
            out.extend(f.environment.iter().map(|(_, v)| v.clone()));
        }
        Kind::Selection(s) => {
            out.extend(s.resources.clone());
            out.push(Expr::Attr(s.plan.clone(), Attr::Id));
            out.push(Expr::Attr(s.role.clone(), Attr::Arn));
        }
        Kind::Alarm(a) => {
            out.push(a.name.clone());
            out.extend(a.topic.iter().map(|t| Expr::Attr(t.clone(), Attr::Arn)));
        }
        Kind::Table(t) => {
            out.push(t.key_arn.clone());
            out.extend(t.replicas.iter().flat_map(|r| [r.region.clone(), r.key_arn.clone()]));
        }
        Kind::DbInstance(d) => {
            out.push(d.key_arn.clone());
            out.push(Expr::Attr(d.subnet_group.clone(), Attr::Name));
            out.push(Expr::Attr(d.security_group.clone(), Attr::Id));
        }
        Kind::Vault(v) => {
            out.push(v.name.clone());
            out.extend(v.key_arn.clone());
        }
        Kind::BackupPlan(p) => {
            out.push(Expr::Attr(p.vault.clone(), Attr::Name));
            out.extend(p.rules.iter().flat_map(|r| r.copies.iter().map(|c| c.vault_arn.clone())));
        }
        _ => {}
    }
    out
}

#[test]
fn model_references_are_ordered_and_declared() {
    for (id, plan) in plans() {
        let model = build(&plan).unwrap();
        check_references(&id, &model);
        assert_eq!(
            model.stacks.contains(&StackId::Dr),
            model.dr_region.is_some() && model.resources.iter().any(|r| r.stack == StackId::Dr),
            "{id}"
        );
        // Deploy order: the backup account's stack, the DR stack, then the primary.
        let first = [StackId::Account, StackId::Dr].into_iter().find(|s| model.stacks.contains(s));
        assert_eq!(model.stacks.first().copied(), first.or(Some(StackId::Primary)), "{id}");
        assert!(model.stacks.windows(2).all(|w| w[0] < w[1]), "{id}");
    }
}

#[test]
fn every_component_kind_maps_to_resources() {
    let plan = all_options();
    let model = build(&plan).unwrap();
    for kind in ComponentKind::ALL {
        let created = plan
            .components
            .iter()
            .filter(|c| c.kind() == kind)
            .any(|c| model.resources.iter().any(|r| r.component.as_deref() == Some(c.id())));
        assert!(created, "no resource for a {}", kind.id());
    }
}
