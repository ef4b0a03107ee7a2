//! The plan's export settings (`export`, `network`, and the deployment fields of
//! components) are checked at the field, in the field's terms: a setting the
//! export could not honour is refused before any bundle is written.

mod support;

use drplan::plan::{validate, Component, Plan, Severity};
use drplan::presets::PRESETS;
use support::preset;

/// The error messages at `path`.
fn errors_at(plan: &Plan, path: &str) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.path.starts_with(path))
        .map(|d| d.message)
        .collect()
}

#[test]
fn every_preset_keeps_valid_export_settings() {
    for p in PRESETS {
        let errors: Vec<String> = validate(&p.plan())
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.id);
    }
}

#[test]
fn a_list_input_takes_only_interchangeable_existing_instances() {
    let mut plan = preset("rds-snapshot-module");
    plan.export.lists.get_mut("rds_instance_ids").unwrap().push("db-backups".into());
    assert!(errors_at(&plan, "export.lists.rds_instance_ids")
        .iter()
        .any(|m| m.contains("db-backups is not an existing rds_instance")));

    let mut plan = preset("rds-snapshot-module");
    if let Some(Component::RdsInstance(r)) =
        plan.components.iter_mut().find(|c| c.id() == "prod-database-2")
    {
        r.snapshot_export_to_s3 = false;
    }
    assert!(errors_at(&plan, "export.lists.rds_instance_ids")
        .iter()
        .any(|m| m.contains("other backup settings")));

    let mut plan = preset("rds-snapshot-module");
    if let Some(Component::LambdaFunction(f)) =
        plan.components.iter_mut().find(|c| c.id() == "backup-lambda")
    {
        f.targets.retain(|t| t != "prod-database-2");
    }
    assert!(errors_at(&plan, "export.lists.rds_instance_ids")
        .iter()
        .any(|m| m.contains("targets some members of the list but not all")));
}

#[test]
fn input_bindings_name_real_settings_with_free_names() {
    let mut plan = preset("rds-pitr");
    plan.export.inputs.insert("components.database.storage_gb".into(), "storage".into());
    assert!(!errors_at(&plan, "export.inputs.components.database.storage_gb").is_empty());

    let mut plan = preset("rds-pitr");
    plan.export
        .inputs
        .insert("components.database.instance_class".into(), "notification_email".into());
    assert!(errors_at(&plan, "export.inputs")
        .iter()
        .any(|m| m.contains("name of the export's own input")));

    let mut plan = preset("rds-pitr");
    plan.export.inputs.insert("components.database.instance_class".into(), "Database Class".into());
    assert!(!errors_at(&plan, "export.inputs.components.database.instance_class").is_empty());
}

#[test]
fn names_and_defaults_of_the_interface_are_checked() {
    let mut plan = preset("multi-az-dr");
    plan.export.environment = Some("Prod Env".into());
    assert!(!errors_at(&plan, "export.environment").is_empty());
    plan.export.environment = None;
    plan.export.cdk_environment.insert("environment_suffix".into(), "1BAD".into());
    assert!(!errors_at(&plan, "export.cdk_environment.environment_suffix").is_empty());

    let mut plan = preset("rds-snapshot-module");
    plan.export.outputs.insert("Bucket Name".into(), "db-backups-bucket-name".into());
    assert!(!errors_at(&plan, "export.outputs").is_empty());
    plan.export.terraform_module = Some("../escape".into());
    assert!(!errors_at(&plan, "export.terraform_module").is_empty());
}

#[test]
fn an_output_the_export_does_not_make_is_refused_with_its_name() {
    let mut plan = preset("rds-snapshot-module");
    plan.export.outputs.insert("missing_output".into(), "no-such-output".into());
    let err = drplan::export::export(&plan, drplan::export::Target::Terraform)
        .expect_err("an unknown output source");
    assert!(err.to_string().contains("no-such-output"), "{err}");
}

#[test]
fn endpoints_nothing_in_the_vpc_uses_are_estimated_but_never_exported() {
    // rds-snapshot-module keeps its function out of the VPC: nothing there calls AWS.
    let mut plan = preset("rds-snapshot-module");
    let mut endpoints = drplan::plan::ComponentKind::VpcEndpoints.new_component("endpoints");
    if let Component::VpcEndpoints(v) = &mut endpoints {
        v.interface = vec!["monitoring".into()];
        v.gateway = vec!["s3".into()];
    }
    plan.components.push(endpoints);
    let at = format!("components[{}]", plan.components.len() - 1);
    let warned = |plan: &Plan, path: &str| {
        validate(plan).iter().any(|d| d.severity == Severity::Warning && d.path == path)
    };
    assert!(errors_at(&plan, &at).is_empty(), "the estimate still takes the plan");
    assert!(
        warned(&plan, &format!("{at}.interface[0]")) && warned(&plan, &format!("{at}.gateway[0]"))
    );
    let err = drplan::export::export(&plan, drplan::export::Target::Terraform).unwrap_err();
    assert!(err.to_string().contains("no function in the VPC calls monitoring, s3"), "{err}");
    // A free gateway endpoint in the bundle's own VPC collides with nothing: exported.
    plan.network.vpc = drplan::plan::VpcSource::Create;
    if let Some(Component::VpcEndpoints(v)) = plan.components.last_mut() {
        v.interface.clear();
    }
    assert!(drplan::export::export(&plan, drplan::export::Target::Terraform).is_ok());
}
