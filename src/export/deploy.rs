//! The target-specific parts of each README: how inputs are given, the exact deploy
//! commands in order, how existing resources are adopted, and how to remove a
//! deployment. Values from the plan are single-quoted for the shell.

use super::model::{
    Deletion, ExistingResource, InfraModel, Kind, ParamKind, Parameter, StackId,
    KEY_DELETION_WINDOW_DAYS,
};
use super::text::shell_quote;
use super::Target;

/// What a target calls the input with this key: a CloudFormation parameter, a
/// Terraform variable, a CDK context key.
pub fn param_name(model: &InfraModel, target: Target, key: &str) -> String {
    let name = model.input_name(key);
    match target {
        Target::Cloudformation => super::cloudformation::refs::logical_id(name),
        Target::Terraform => name.to_string(),
        Target::CdkPython | Target::CdkTypescript => super::cdk::project::context_key(model, name),
    }
}

pub fn inputs_intro(target: Target) -> &'static str {
    match target {
        Target::Cloudformation => "CloudFormation parameters. Each stack's values are in `<stack>.parameters.json`: edit the required ones (marked `REPLACE_ME`) before deploying.",
        Target::Terraform => "Terraform variables (`variables.tf`). Copy `terraform.tfvars.example` to `terraform.tfvars` and fill in the required ones.",
        Target::CdkPython | Target::CdkTypescript => "CDK context values, read from `cdk.json` or given as `-c name=value`. Fill in the required ones (empty in `cdk.json`) before deploying; the app refuses to synthesize without them.",
    }
}

pub fn param_applies(model: &InfraModel, target: Target, p: &Parameter) -> bool {
    match target {
        Target::Cloudformation => !p.stacks.is_empty(),
        // The root's variables: the module's (what it uses), and what the providers read.
        Target::Terraform => {
            p.from_output.is_none()
                && super::terraform::root::passed(p)
                && p.kind != ParamKind::AvailabilityZones
                && (!p.stacks.is_empty()
                    || ["project_name", "environment", "primary_region"].contains(&p.key.as_str())
                    || (p.key == "dr_region" && model.dr_region.is_some()))
        }
        Target::CdkPython | Target::CdkTypescript => super::cdk::setting_applies(model, p),
    }
}

fn has_functions(model: &InfraModel, stack: StackId) -> bool {
    model.resources_in(stack).any(|r| matches!(r.kind, Kind::Function(_)))
}

fn has_imports(model: &InfraModel, stack: StackId) -> bool {
    model.resources_in(stack).any(|r| r.imported)
}

fn project_default(model: &InfraModel) -> String {
    model
        .parameter("project_name")
        .and_then(|p| p.default.clone())
        .unwrap_or_else(|| "drplan".into())
}

/// The deploy section; `template_bytes` are the CloudFormation templates' sizes.
pub fn commands(model: &InfraModel, target: Target, template_bytes: &[(StackId, usize)]) -> String {
    match target {
        Target::Cloudformation => cloudformation(model, template_bytes),
        Target::Terraform => terraform(model),
        Target::CdkPython => cdk(model, true),
        Target::CdkTypescript => cdk(model, false),
    }
}

/// CloudFormation accepts templates up to this size inline; larger ones go through S3.
const INLINE_TEMPLATE_BYTES: usize = 51_200;

/// Inputs of a stack filled from another stack's outputs: `(shell variable, logical id, output)`.
fn from_outputs(model: &InfraModel, stack: StackId) -> Vec<(String, String, String)> {
    model
        .parameters_in(stack)
        .filter_map(|p| {
            let output = p.from_output.clone()?;
            Some((
                p.name.to_ascii_uppercase(),
                super::cloudformation::refs::logical_id(&p.name),
                output,
            ))
        })
        .collect()
}

fn cloudformation(model: &InfraModel, template_bytes: &[(StackId, usize)]) -> String {
    let mut out = String::new();
    let needs_jq = model.stacks.iter().any(|s| !from_outputs(model, *s).is_empty());
    out.push_str(&format!(
        "Needs the AWS CLI v2{} and credentials for the target account. Stacks deploy in order: the DR stack first, because the primary stack's replication rules, copy actions and replica keys name what it creates. Each stack's parameter values are in `<stack>.parameters.json`.\n\n",
        if needs_jq { ", jq" } else { "" }
    ));
    out.push_str("```sh\n");
    out.push_str(&format!(
        "PROJECT_NAME={}   # the ProjectName in both parameter files\n",
        shell_quote(&project_default(model))
    ));
    out.push_str("ENVIRONMENT='production'\n");
    let needs_bucket = |stack: StackId| {
        has_functions(model, stack)
            || has_imports(model, stack)
            || template_bytes.iter().any(|(s, n)| *s == stack && *n >= INLINE_TEMPLATE_BYTES)
    };
    if model.stacks.iter().any(|s| *s == StackId::Primary && needs_bucket(*s)) {
        out.push_str("ARTIFACT_BUCKET='REPLACE_ME'   # an S3 bucket you own in the primary region, for Lambda code and templates\n");
    }
    if model.stacks.iter().any(|s| *s == StackId::Dr && needs_bucket(*s)) {
        out.push_str("DR_ARTIFACT_BUCKET='REPLACE_ME'   # an S3 bucket you own in the DR region, for the DR template\n");
    }
    for (n, &stack) in model.stacks.iter().enumerate() {
        let region = shell_quote(model.region_of(stack));
        let id = stack.id();
        let bucket = if stack == StackId::Dr { "$DR_ARTIFACT_BUCKET" } else { "$ARTIFACT_BUCKET" };
        // The region as a URL part (the plan validates it; anything else is dropped).
        let plain_region: String = model
            .region_of(stack)
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        out.push_str(&format!(
            "\n# {}. {} stack in {}\n",
            n + 1,
            match stack {
                StackId::Account => "Backup account",
                StackId::Dr => "DR",
                StackId::Primary => "Primary",
            },
            model.region_of(stack)
        ));
        if stack == StackId::Account {
            out.push_str("# With credentials for the backup account (e.g. AWS_PROFILE set to its profile); the other stacks with the workload account's.
");
        }
        let package = |out: &mut String, file: &str, packaged: &str| -> String {
            if has_functions(model, stack) {
                out.push_str(&format!(
                    "aws cloudformation package --region {region} --template-file {file} --s3-bucket \"{bucket}\" --s3-prefix \"$PROJECT_NAME/lambda\" --output-template-file {packaged}\n"
                ));
                packaged.to_string()
            } else {
                file.to_string()
            }
        };
        let mut parameters = format!("{id}.parameters.json");
        let inputs = from_outputs(model, stack);
        if !inputs.is_empty() {
            out.push_str("# Values this stack takes from the DR stack's outputs:\n");
            let mut filter = String::new();
            for (var, logical, output) in &inputs {
                out.push_str(&format!(
                    "{var}=$(aws cloudformation describe-stacks --region {} --stack-name \"$PROJECT_NAME-dr\" --query \"Stacks[0].Outputs[?OutputKey=='{}'].OutputValue\" --output text)\n",
                    shell_quote(model.region_of(StackId::Dr)),
                    super::cloudformation::refs::logical_id(output)
                ));
                filter.push_str(&format!(
                    "(.[] | select(.ParameterKey == \"{logical}\") | .ParameterValue) = ${} | ",
                    var.to_ascii_lowercase()
                ));
            }
            let args: Vec<String> = inputs
                .iter()
                .map(|(var, _, _)| format!("--arg {} \"${var}\"", var.to_ascii_lowercase()))
                .collect();
            out.push_str(&format!(
                "jq {} '{}' {id}.parameters.json > {id}.parameters.resolved.json\n",
                args.join(" "),
                filter.trim_end_matches(" | ")
            ));
            parameters = format!("{id}.parameters.resolved.json");
        }
        let tags = "--tags \"Project=$PROJECT_NAME\" \"Environment=$ENVIRONMENT\"";
        if has_imports(model, stack) {
            // Step one: adopt the existing resources by their static names; the import
            // template gives them their names only (CloudFormation applies no settings
            // while importing). `deploy` cannot import: a change set can.
            let import_file = super::cloudformation::import_file(stack);
            let import_caps =
                if named_iam(model, stack) { "CAPABILITY_NAMED_IAM" } else { "CAPABILITY_IAM" };
            let first = package(&mut out, &import_file, &format!("{id}.import.packaged.yaml"));
            out.push_str(&format!(
                "aws s3 cp {first} \"s3://{bucket}/$PROJECT_NAME/{id}.import.yaml\"\n"
            ));
            out.push_str(&format!(
                "aws cloudformation create-change-set --region {region} --stack-name \"$PROJECT_NAME-{id}\" --change-set-name drplan-adopt --change-set-type CREATE --import-existing-resources \\\n  --template-url \"https://{bucket}.s3.{plain_region}.amazonaws.com/$PROJECT_NAME/{id}.import.yaml\" --parameters file://{parameters} \\\n  --capabilities {import_caps} --tags Key=Project,Value=\"$PROJECT_NAME\" Key=Environment,Value=\"$ENVIRONMENT\"\n"
            ));
            out.push_str(&format!(
                "aws cloudformation wait change-set-create-complete --region {region} --stack-name \"$PROJECT_NAME-{id}\" --change-set-name drplan-adopt\n"
            ));
            out.push_str(&format!(
                "aws cloudformation execute-change-set --region {region} --stack-name \"$PROJECT_NAME-{id}\" --change-set-name drplan-adopt\n"
            ));
            out.push_str(&format!("aws cloudformation wait stack-create-complete --region {region} --stack-name \"$PROJECT_NAME-{id}\"\n"));
            out.push_str(
                "# Step two: apply the adopted resources' settings (and every later change).\n",
            );
        }
        let template = package(
            &mut out,
            &super::cloudformation::template_file(stack),
            &format!("{id}.packaged.yaml"),
        );
        let s3 = if needs_bucket(stack) {
            format!(" --s3-bucket \"{bucket}\" --s3-prefix \"$PROJECT_NAME\"")
        } else {
            String::new()
        };
        // A template with a transform (Fn::ForEach) deploys only with AUTO_EXPAND.
        let caps = match (
            model.resources_in(stack).any(|r| r.for_each.is_some()),
            named_iam(model, stack),
        ) {
            (true, true) => "CAPABILITY_NAMED_IAM CAPABILITY_AUTO_EXPAND",
            (true, false) => "CAPABILITY_IAM CAPABILITY_AUTO_EXPAND",
            (false, true) => "CAPABILITY_NAMED_IAM",
            (false, false) => "CAPABILITY_IAM",
        };
        out.push_str(&format!(
            "aws cloudformation deploy --region {region} --stack-name \"$PROJECT_NAME-{id}\" --template-file {template}{s3} \\\n  --parameter-overrides file://{parameters} --capabilities {caps} {tags}\n"
        ));
    }
    out.push_str("```\n\n");
    if model.resources.iter().any(|r| r.for_each.is_some()) {
        out.push_str("The primary template uses the `AWS::LanguageExtensions` transform: its `Fn::ForEach` makes the grants on each RDS instance of a list parameter once per instance, so the list can hold more or fewer than its default. Deploying it needs `CAPABILITY_AUTO_EXPAND`.\n\n");
    }
    if model.resources.iter().any(|r| r.imported) {
        out.push_str("A stack that adopts existing resources is created in two steps: a change set with `--import-existing-resources` adopts them by their static names (`aws cloudformation deploy` cannot import, and CloudFormation applies no settings while importing), then `aws cloudformation deploy` applies their settings like any later change.\n\n");
    }
    if !from_outputs(model, StackId::Primary).is_empty() {
        out.push_str("Some inputs of the primary stack are outputs of the DR stack (they are ARNs the API takes in no other form): the commands read them after the DR stack is deployed. Until they are set, what needs them stays off (see Inputs).\n\n");
    }
    out.push_str("Later changes: export again and run the same `aws cloudformation deploy` commands; they update the stacks in place. `ProjectName` must stay the same in both parameter files: the primary stack finds the DR vault, key alias and replica buckets by names built from it.\n\n");
    out
}

fn terraform(model: &InfraModel) -> String {
    let mut out = String::new();
    let version =
        super::terraform::required_version(model).trim_start_matches(">= ").trim_end_matches(".0");
    out.push_str(&format!("Needs Terraform {version} or later and credentials for the target account. One configuration holds both regions (the DR region through the `aws.dr` provider alias), so Terraform orders the work itself.\n\n"));
    out.push_str("```sh\ncp terraform.tfvars.example terraform.tfvars   # then fill in the required values\nterraform init\nterraform plan -out drplan.tfplan\nterraform apply drplan.tfplan\n```\n\n");
    if model.resources.iter().any(|r| r.imported) {
        out.push_str("`imports.tf` adopts the existing resources during that same apply (check `terraform plan` lists them under \"import\").\n\n");
    }
    out.push_str("The backup function's code is zipped from `lambda/` by the `archive_file` data source during plan.\n\n");
    out
}

fn cdk(model: &InfraModel, python: bool) -> String {
    let mut out = String::new();
    let setup = if python {
        "python3 -m venv .venv && . .venv/bin/activate\npip install -r requirements.txt\n"
    } else {
        "npm install\n"
    };
    out.push_str("Needs Node.js 20 or later, the AWS CDK CLI 2.1148.1 and credentials for the target account");
    out.push_str(if python { ", and Python 3.11 or later.\n\n" } else { ".\n\n" });
    out.push_str("```sh\n");
    out.push_str(setup);
    out.push_str("npm install -g aws-cdk@2.1148.1\n");
    out.push_str("# Bootstraps every environment the app's stacks deploy to: your account, in the regions\n# of the primary_region and dr_region settings (give the same -c values as for deploy).\ncdk bootstrap\n");
    out.push_str("cdk synth      # runs the cdk-nag AwsSolutions checks\n");
    let imports = model.resources.iter().any(|r| r.imported);
    if imports {
        out.push_str(
            "# Step one: adopt the existing buckets by their names (settings come in step two).\n",
        );
        out.push_str(&format!(
            "cdk deploy --all -c {}=import --import-existing-resources\n",
            crate::export::model::ADOPTION_STEP
        ));
        out.push_str("# Step two: apply their settings (and every later change).\n");
    }
    let project = shell_quote(&project_default(model));
    let inputs = from_outputs(model, StackId::Primary);
    if inputs.is_empty() {
        out.push_str("cdk deploy --all\n");
    } else {
        out.push_str(&format!("PROJECT_NAME={project}\n"));
        out.push_str("cdk deploy --all\n# Values the primary stack takes from the DR stack's outputs, then the primary stack again:\n");
        let mut args = String::new();
        for (var, _, output) in &inputs {
            let key = super::cloudformation::refs::logical_id(&format!("{output}-output"));
            out.push_str(&format!(
                "{var}=$(aws cloudformation describe-stacks --region {} --stack-name \"$PROJECT_NAME-dr\" --query \"Stacks[0].Outputs[?OutputKey=='{key}'].OutputValue\" --output text)\n",
                shell_quote(model.region_of(StackId::Dr))
            ));
            args.push_str(&format!(" -c {}=\"${var}\"", var.to_ascii_lowercase()));
        }
        out.push_str(&format!("cdk deploy \"$PROJECT_NAME-primary\"{args}\n"));
    }
    out.push_str("```\n\n");
    if model.stacks.len() > 1 {
        out.push_str("`cdk deploy --all` deploys the DR stack first: the primary stack depends on it, because its replication rules, copy actions and replica keys name what the DR stack creates.\n\n");
    }
    if imports {
        out.push_str("Adopting existing buckets takes two deploys: CloudFormation applies no settings while it imports, so step one (`adoption_step` import) states the buckets' names only and skips the cdk-nag checks, and step two applies their settings.\n\n");
    }
    if !inputs.is_empty() {
        out.push_str("Some inputs of the primary stack are outputs of the DR stack (ARNs the API takes in no other form): what needs them stays off until the second deploy of the primary stack sets them (see Inputs).\n\n");
    }
    out
}

pub fn import_note(model: &InfraModel, target: Target, e: &ExistingResource) -> String {
    match target {
        Target::Cloudformation => "Step one of the deploy commands creates the stack from `primary.import.yaml` with `--import-existing-resources`, which names the bucket only; step two, `aws cloudformation deploy`, applies the changes above. `DeletionPolicy: Retain` keeps it if the stack is ever deleted.".into(),
        Target::Terraform => {
            let address = e.resource.as_deref().map(|n| super::terraform::address(model, n)).unwrap_or_default();
            format!("`imports.tf` adopts it during `terraform apply` (the same as `terraform import {address} <bucket name>`), and the same apply makes the changes above (`terraform plan` lists them); `prevent_destroy` keeps it from being destroyed.")
        }
        Target::CdkPython | Target::CdkTypescript => {
            "Step one (`cdk deploy --all -c adoption_step=import --import-existing-resources`) adopts it by its name; step two (`cdk deploy --all`) makes the changes above. Its removal policy is RETAIN.".into()
        }
    }
}

/// What `terraform destroy` does, resource by resource: data, keys and logs carry
/// `prevent_destroy`, so destroy stops until they leave the state.
fn terraform_removal(model: &InfraModel) -> String {
    let kept: Vec<&super::model::Resource> =
        model.resources.iter().filter(|r| r.deletion != Deletion::Delete).collect();
    let mut out = String::from("`terraform destroy` deletes what this configuration created, except what carries `prevent_destroy`: Terraform refuses to plan the destroy while any of these is in the state.\n\n");
    if kept.is_empty() {
        return out;
    }
    let address = super::terraform::addresses(model);
    out.push_str("Kept on destroy (prevent_destroy):\n\n");
    for r in &kept {
        out.push_str(&format!("- `{}`\n", address(&r.name)));
    }
    out.push_str("\nTo remove the rest and keep these in the account, take them out of the state first:\n\n```sh\n");
    for r in &kept {
        out.push_str(&format!("terraform state rm '{}'\n", address(&r.name)));
    }
    out.push_str("terraform destroy\n```\n\n");
    if kept.iter().any(|r| matches!(r.kind, Kind::Key(_))) {
        out.push_str(&format!("KMS keys: deleting one (in the console, or by deleting it from this configuration after removing `prevent_destroy`) schedules it for deletion after a waiting period of {KEY_DELETION_WINDOW_DAYS} days (`deletion_window_in_days`); once it is deleted, every backup, replica and log it encrypted can no longer be decrypted. Keep the keys as long as any of that data.\n\n"));
    }
    if kept.iter().any(|r| matches!(r.kind, Kind::DbInstance(_) | Kind::DbCluster(_))) {
        out.push_str("Databases also have deletion protection on, and a final snapshot is taken when they are deleted (`skip_final_snapshot = false`).\n\n");
    }
    out
}

pub fn removal(model: &InfraModel, target: Target) -> String {
    let retained = "Buckets, tables, keys, vaults and log groups are retained (empty them and delete them by hand if you really mean to), databases leave a final snapshot, and deletion protection must be turned off on databases and tables first.";
    match target {
        Target::Cloudformation => {
            let mut out = String::from("Delete the stacks in reverse order:\n\n```sh\n");
            for &stack in model.stacks.iter().rev() {
                out.push_str(&format!(
                    "aws cloudformation delete-stack --region {} --stack-name \"$PROJECT_NAME-{}\"\n",
                    shell_quote(model.region_of(stack)),
                    stack.id()
                ));
            }
            out.push_str(&format!("```\n\n{retained}\n"));
            out
        }
        Target::Terraform => terraform_removal(model),
        Target::CdkPython | Target::CdkTypescript => {
            format!("`cdk destroy --all` removes the stacks (primary first). {retained}\n")
        }
    }
}

/// Whether a stack names an IAM role itself, which CloudFormation deploys only with
/// `CAPABILITY_NAMED_IAM` (the replication role the backup account's bucket policy names).
fn named_iam(model: &InfraModel, stack: StackId) -> bool {
    model.resources_in(stack).any(|r| matches!(&r.kind, Kind::Role(role) if role.name.is_some()))
}
