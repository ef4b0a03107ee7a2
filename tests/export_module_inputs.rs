//! Deploy-time choices a plan binds to inputs beyond its own settings (seed 003's
//! module variables, usable by any plan): what each target offers, what a wrong
//! binding or module default is told, and the properties that make them safe (a
//! webhook never in the Terraform state, a reservation only when set, the stacks
//! deploying what the module deploys at its defaults).

mod support;

mod rules;

use drplan::export::{export, ExportError, Target};
use drplan::plan::{ModuleDefault, Plan};
use rules::tf::Config;
use support::preset;

fn file(plan: &Plan, target: Target, path: &str) -> String {
    let files = export(plan, target).unwrap_or_else(|e| panic!("{}: {e}", target.id()));
    files.into_iter().find(|f| f.path == path).map(|f| f.contents).unwrap_or_default()
}

fn refused(plan: &Plan) -> String {
    match export(plan, Target::Terraform) {
        Err(e @ ExportError::Unsupported { .. }) => e.to_string(),
        other => panic!("exported: {:?}", other.map(|f| f.len())),
    }
}

fn set_default(plan: &mut Plan, name: &str, value: Option<ModuleDefault>) {
    plan.export.module_defaults.insert(name.into(), value);
}

#[test]
fn module_defaults_must_fit_their_inputs() {
    let mut plan = preset("rds-snapshot-module");
    set_default(&mut plan, "no_such_input", Some(ModuleDefault::Number(1)));
    assert!(refused(&plan).contains("export.module_defaults.no_such_input"));

    let mut plan = preset("rds-snapshot-module");
    set_default(&mut plan, "lambda_timeout", None);
    assert!(refused(&plan).contains("cannot leave this input unset"));

    let mut plan = preset("rds-snapshot-module");
    set_default(&mut plan, "lambda_timeout", Some(ModuleDefault::Number(1200)));
    assert!(refused(&plan).contains("not a value this input takes"));

    let mut plan = preset("rds-snapshot-module");
    set_default(&mut plan, "enable_s3_encryption", Some(ModuleDefault::Bool(false)));
    assert!(refused(&plan).contains("a value this input refuses"));
}

#[test]
fn bindings_that_need_each_other_are_refused_alone() {
    let mut plan = preset("rds-snapshot-module");
    plan.export.inputs.remove("components.backup-lambda.vpc_id");
    assert!(refused(&plan).contains("bind vpc_id as well"));

    let mut plan = preset("rds-snapshot-module");
    plan.export.inputs.remove("components.db-backups.lifecycle");
    plan.export.module_defaults.remove("s3_lifecycle_rules");
    assert!(refused(&plan).contains("bind initial_storage_class and lifecycle together"));
}

#[test]
fn a_stack_deploys_what_the_module_deploys_at_its_defaults_and_says_what_it_leaves_out() {
    let plan = preset("rds-snapshot-module");
    let cfn = file(&plan, Target::Cloudformation, "primary.yaml");
    // The module's defaults make its own topic and key, outside any VPC.
    assert!(cfn.contains("AWS::SNS::Topic") && cfn.contains("AWS::KMS::Key"));
    assert!(!cfn.contains("AWS::SSM::Parameter") && !cfn.contains("VpcConfig"));
    let template = rules::cfn::from_yaml(&cfn).expect("parses");
    let parameters = template["Parameters"].as_object().expect("parameters");
    for absent in
        ["SnsTopicArn", "KmsKeyId", "SubnetIds", "VpcId", "SlackWebhookUrl", "S3StorageClass"]
    {
        assert!(!parameters.contains_key(absent), "{absent}");
    }
    assert!(parameters.contains_key("BackupWindow") && parameters.contains_key("S3BucketName"));
    for target in [Target::Cloudformation, Target::CdkPython, Target::CdkTypescript] {
        let readme = file(&plan, target, "README.md");
        let section = readme.split("## Terraform module only").nth(1).unwrap_or("");
        assert!(section.contains("sns\\_topic\\_arn:"), "{}", target.id());
    }
}

#[test]
fn the_slack_webhook_is_written_write_only_and_marked_sensitive() {
    let plan = preset("rds-snapshot-module");
    let files = export(&plan, Target::Terraform).expect("exports");
    let config = Config::read(&files);
    let parameter = config.resources("aws_ssm_parameter").next().expect("the webhook's parameter");
    assert_eq!(parameter.text("type").as_deref(), Some("\"SecureString\""));
    assert!(parameter.attr("value").is_none(), "value would be kept in the state");
    assert_eq!(parameter.text("value_wo").as_deref(), Some("var.slack_webhook_url"));
    for dir in ["", "modules/database-backup"] {
        let v = config
            .in_dir(dir)
            .find(|b| b.kind == "variable" && b.labels[0] == "slack_webhook_url")
            .expect("declared");
        assert_eq!(v.text("sensitive").as_deref(), Some("true"), "{dir}");
    }
    // Write-only arguments need Terraform 1.11.
    assert!(files
        .iter()
        .filter(|f| f.path.ends_with("versions.tf"))
        .all(|f| f.contents.contains("required_version = \">= 1.11.0\"")));
}

#[test]
fn a_reservation_input_reserves_only_when_set() {
    let plan = preset("rds-snapshot-module");
    let cfn = file(&plan, Target::Cloudformation, "primary.yaml");
    assert!(cfn.contains("HasLambdaReservedConcurrency"));
    let params = file(&plan, Target::Cloudformation, "primary.parameters.json");
    let params: serde_json::Value = serde_json::from_str(&params).unwrap();
    let value = params
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["ParameterKey"] == "LambdaReservedConcurrency")
        .map(|p| p["ParameterValue"].clone());
    assert_eq!(value, Some(serde_json::json!("")));
    let files = export(&plan, Target::Terraform).unwrap();
    let config = Config::read(&files);
    let f = config.resources("aws_lambda_function").next().unwrap();
    assert_eq!(
        f.text("reserved_concurrent_executions").as_deref(),
        Some("var.lambda_reserved_concurrency")
    );
    let v = config
        .in_dir("")
        .find(|b| b.kind == "variable" && b.labels[0] == "lambda_reserved_concurrency")
        .unwrap();
    assert_eq!(v.text("default").as_deref(), Some("null"));
}
