//! The README's "Existing resources" section: for each existing resource of the
//! plan, exactly what the bundle changes on it and how (import in two steps, backup
//! settings only, or settings applied by commands to a resource it never manages).

use super::deploy::param_name;
use super::model::{ExistingMode, ExistingResource, InfraModel, LiveSettings, StackId};
use super::text::{code_span, shell_quote};
use super::Target;

/// A shell command that prints a stack output, in each target's terms.
pub fn output_command(model: &InfraModel, target: Target, stack: StackId, output: &str) -> String {
    match target {
        Target::Terraform => {
            format!("terraform output -raw {}", super::terraform::refs::label(output))
        }
        _ => {
            let key = match target {
                Target::Cloudformation => super::cloudformation::refs::logical_id(output),
                _ => super::cloudformation::refs::logical_id(&format!("{output}-output")),
            };
            format!(
                "aws cloudformation describe-stacks --region {} --stack-name \"$PROJECT_NAME-{}\" --query \"Stacks[0].Outputs[?OutputKey=='{key}'].OutputValue\" --output text",
                shell_quote(model.region_of(stack)),
                stack.id()
            )
        }
    }
}

fn project_line(model: &InfraModel) -> String {
    let project =
        model.parameter("project_name").and_then(|p| p.default.clone()).unwrap_or_default();
    format!("PROJECT_NAME={}\n", shell_quote(&project))
}

fn settings(
    out: &mut String,
    model: &InfraModel,
    target: Target,
    e: &ExistingResource,
    s: &LiveSettings,
) {
    let param = e.param.as_deref().unwrap_or("");
    let var = param.to_ascii_uppercase();
    let declared =
        model.parameter(param).is_some_and(|p| super::deploy::param_applies(model, target, p));
    let named_by = if declared {
        format!("named by the input `{}`", param_name(model, target, param))
    } else {
        format!("named by `${var}` in the commands below")
    };
    out.push_str(&format!(
        "Not taken over: the bundle changes only this bucket's backup settings, {named_by}. Its bucket policy, public access settings, object ownership (ACLs), default encryption and logging stay as they are, so a bucket served by CloudFront or as a website keeps working. On the live bucket:\n\n"
    ));
    out.push_str("- versioning is turned on (earlier versions of objects are kept, and billed);\n");
    out.push_str("- its lifecycle configuration is replaced by this plan's rule: S3 keeps one lifecycle configuration per bucket, so merge any rules it has (`aws s3api get-bucket-lifecycle-configuration`) into the plan first;\n");
    let to_account =
        s.replication_json.as_deref().is_some_and(|j| j.contains("${BACKUP_ACCOUNT_ID}"));
    if to_account {
        out.push_str("- its replication configuration is replaced by this plan's rules, to the backup account's replica (which the backup account owns) and to the DR replica where the plan has one (likewise one per bucket).\n\n");
    } else if s.replication_json.is_some() {
        out.push_str("- its replication configuration is replaced by the rule to the DR replica (likewise one per bucket).\n\n");
    } else {
        out.push_str("- replication is not configured.\n\n");
    }
    out.push_str("To manage the whole bucket instead, set `manage_existing` to `full` in the plan and export again.\n\n");
    match target {
        Target::Terraform => out.push_str(
            "Terraform holds these settings as `aws_s3_bucket_versioning`, `aws_s3_bucket_lifecycle_configuration` and `aws_s3_bucket_replication_configuration` on the existing bucket (`data.aws_s3_bucket` checks that it exists). `terraform destroy` removes the lifecycle and replication rules and keeps versioning on (`prevent_destroy`: destroying it would suspend versioning on the live bucket): see Removing.\n\n"
        ),
        _ => {
            out.push_str("A stack cannot hold a bucket's settings without holding the bucket, so apply them once the stacks are deployed (and again after changing them in the plan):\n\n```sh\n");
            if !s.outputs.is_empty() {
                out.push_str(&project_line(model));
            }
            let default = model.parameter(param).and_then(|p| p.default.clone()).unwrap_or_default();
            out.push_str(&format!("{var}={}\n", shell_quote(&default)));
            if s.replication_json.as_deref().is_some_and(|j| j.contains("${BACKUP_ACCOUNT_ID}")) {
                out.push_str(&account_lines(model));
            }
            for (name, stack, output) in &s.outputs {
                out.push_str(&format!("{name}=$({})\n", output_command(model, target, *stack, output)));
            }
            let region = shell_quote(&model.primary_region);
            out.push_str(&format!(
                "aws s3api put-bucket-versioning --region {region} --bucket \"${var}\" --versioning-configuration Status=Enabled\n"
            ));
            out.push_str(&format!(
                "aws s3api put-bucket-lifecycle-configuration --region {region} --bucket \"${var}\" --lifecycle-configuration {}\n",
                shell_quote(&s.lifecycle_json)
            ));
            if let Some(json) = &s.replication_json {
                out.push_str(&format!(
                    "aws s3api put-bucket-replication --region {region} --bucket \"${var}\" --replication-configuration \"$(cat <<EOF\n{json}\nEOF\n)\"\n"
                ));
            }
            out.push_str("```\n\n");
        }
    }
}

fn import(
    out: &mut String,
    model: &InfraModel,
    target: Target,
    e: &ExistingResource,
    name: &str,
    changes: &[String],
) {
    out.push_str(&format!(
        "Managed in full (`manage_existing: full`): adopted by import under its name {} (AWS imports only resources whose template states a static name), kept if the stack is ever deleted, and then set up like a new bucket. CloudFormation does not apply a template's settings while importing, so the settings come in a second step; that step changes the live bucket:\n\n",
        code_span(name)
    ));
    for c in changes {
        out.push_str(&format!("- {}\n", super::text::markdown_text(c)));
    }
    out.push('\n');
    out.push_str(&super::deploy::import_note(model, target, e));
    out.push_str("\n\n");
}

fn reference(
    out: &mut String,
    model: &InfraModel,
    target: Target,
    e: &ExistingResource,
    commands: &[String],
) {
    let param = e.param.as_deref().unwrap_or("");
    let list = model.parameter(param).is_some_and(|p| p.kind.is_list());
    let (it, them) = if list { ("them", "the list") } else { ("it", "it") };
    out.push_str(&format!(
        "Referenced by name only (input `{}`): a guessed engine, class or key schema in an imported definition could modify or replace a production database, so this bundle does not manage {it}. Backups, alarms and functions point at {them}. Apply the settings the plan gives {it} with:\n\n",
        param_name(model, target, param)
    ));
    if commands.is_empty() {
        out.push_str("(nothing to apply)\n\n");
        return;
    }
    out.push_str("```sh\n");
    // The variables the commands use, with the inputs' defaults.
    let default = model.parameter(param).and_then(|p| p.default.clone()).unwrap_or_default();
    out.push_str(&format!("{}={}\n", param.to_ascii_uppercase(), shell_quote(&default)));
    if commands.iter().any(|c| c.contains("$ACCOUNT_ID")) {
        out.push_str("ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)\n");
    }
    let dr_key = commands.iter().any(|c| c.contains("$DR_KEY_ARN"));
    if commands.iter().any(|c| c.contains("$PROJECT_NAME"))
        || (dr_key && target != Target::Terraform)
    {
        out.push_str(&project_line(model));
    }
    if dr_key {
        if let Some(k) = model
            .resources
            .iter()
            .find(|r| r.stack == StackId::Dr && matches!(r.kind, super::model::Kind::Key(_)))
        {
            out.push_str(&format!(
                "DR_KEY_ARN=$({})\n",
                output_command(model, target, StackId::Dr, &format!("{}-arn", k.name))
            ));
        }
    }
    for c in commands {
        out.push_str(c);
        out.push('\n');
    }
    out.push_str("```\n\n");
}

/// The section, empty when the plan has no existing resources.
pub fn section(model: &InfraModel, target: Target) -> String {
    if model.notes.existing.is_empty() {
        return String::new();
    }
    let mut out = String::from("## Existing resources\n\n");
    for e in &model.notes.existing {
        out.push_str(&format!("### {} {}\n\n", e.label, code_span(&e.component)));
        match &e.mode {
            ExistingMode::Settings(s) => settings(&mut out, model, target, e, s),
            ExistingMode::Import { name, changes } => {
                import(&mut out, model, target, e, name, changes)
            }
            ExistingMode::Reference { commands } => reference(&mut out, model, target, e, commands),
        }
    }
    out
}

/// The backup account's id and region, as the replication rule into it names them.
fn account_lines(model: &InfraModel) -> String {
    use super::model::account::{BACKUP_ACCOUNT_ID, BACKUP_ACCOUNT_REGION};
    let value = |key: &str| {
        model.parameter(key).and_then(|p| p.default.clone()).unwrap_or_else(|| "REPLACE_ME".into())
    };
    format!(
        "BACKUP_ACCOUNT_ID={}   # the backup account\nBACKUP_ACCOUNT_REGION={}\n",
        shell_quote(&value(BACKUP_ACCOUNT_ID)),
        shell_quote(&value(BACKUP_ACCOUNT_REGION))
    )
}
