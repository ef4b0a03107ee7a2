//! The target-specific parts of each README: how inputs are given, the exact deploy
//! commands in order, how existing resources are adopted, and how to remove a
//! deployment. Values from the plan are single-quoted for the shell.

use super::model::{ExistingResource, InfraModel, Kind, ParamKind, Parameter, StackId};
use super::text::shell_quote;
use super::Target;

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
        Target::Terraform => p.kind != ParamKind::AvailabilityZones,
        Target::CdkPython | Target::CdkTypescript => {
            p.key != "dr_region" || model.dr_region.is_some()
        }
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

fn cloudformation(model: &InfraModel, template_bytes: &[(StackId, usize)]) -> String {
    let mut out = String::new();
    out.push_str("Needs the AWS CLI v2 and credentials for the target account. Stacks deploy in order: the DR stack first, because the primary stack's replication rules, copy actions and replica keys name what it creates. Each stack's parameter values are in `<stack>.parameters.json`.\n\n");
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
        let file = super::cloudformation::template_file(stack);
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
            if stack == StackId::Dr { "DR" } else { "Primary" },
            model.region_of(stack)
        ));
        let mut template = file.clone();
        if has_functions(model, stack) {
            out.push_str(&format!(
                "aws cloudformation package --region {region} --template-file {file} --s3-bucket \"{bucket}\" --s3-prefix \"$PROJECT_NAME/lambda\" --output-template-file {id}.packaged.yaml\n"
            ));
            template = format!("{id}.packaged.yaml");
        }
        let tags = "--tags \"Project=$PROJECT_NAME\" \"Environment=$ENVIRONMENT\"";
        if has_imports(model, stack) {
            // `deploy` cannot adopt existing resources; a change set can.
            out.push_str(&format!(
                "aws s3 cp {template} \"s3://{bucket}/$PROJECT_NAME/{id}.yaml\"\n"
            ));
            out.push_str(&format!(
                "aws cloudformation create-change-set --region {region} --stack-name \"$PROJECT_NAME-{id}\" --change-set-name drplan-create --change-set-type CREATE --import-existing-resources \\\n  --template-url \"https://{bucket}.s3.{plain_region}.amazonaws.com/$PROJECT_NAME/{id}.yaml\" --parameters file://{id}.parameters.json \\\n  --capabilities CAPABILITY_IAM --tags Key=Project,Value=\"$PROJECT_NAME\" Key=Environment,Value=\"$ENVIRONMENT\"\n"
            ));
            out.push_str(&format!(
                "aws cloudformation wait change-set-create-complete --region {region} --stack-name \"$PROJECT_NAME-{id}\" --change-set-name drplan-create\n"
            ));
            out.push_str(&format!(
                "aws cloudformation execute-change-set --region {region} --stack-name \"$PROJECT_NAME-{id}\" --change-set-name drplan-create\n"
            ));
            out.push_str(&format!("aws cloudformation wait stack-create-complete --region {region} --stack-name \"$PROJECT_NAME-{id}\"\n"));
            out.push_str(&format!(
                "# later updates of this stack:\n# aws cloudformation deploy --region {region} --stack-name \"$PROJECT_NAME-{id}\" --template-file {template} --s3-bucket \"{bucket}\" --s3-prefix \"$PROJECT_NAME\" --parameter-overrides file://{id}.parameters.json --capabilities CAPABILITY_IAM {tags}\n"
            ));
        } else {
            let s3 = if needs_bucket(stack) {
                format!(" --s3-bucket \"{bucket}\" --s3-prefix \"$PROJECT_NAME\"")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "aws cloudformation deploy --region {region} --stack-name \"$PROJECT_NAME-{id}\" --template-file {template}{s3} \\\n  --parameter-overrides file://{id}.parameters.json --capabilities CAPABILITY_IAM {tags}\n"
            ));
        }
    }
    out.push_str("```\n\n");
    if model.resources.iter().any(|r| r.imported) {
        out.push_str("The stack that adopts existing resources is created through a change set with `--import-existing-resources` (`aws cloudformation deploy` cannot import); later updates of it can use `aws cloudformation deploy` like the others.\n\n");
    }
    out.push_str("Later changes: export again and run the same `aws cloudformation deploy` commands; they update the stacks in place. `ProjectName` must stay the same in both parameter files: the primary stack finds the DR vault, key alias and replica buckets by names built from it.\n\n");
    out
}

fn terraform(model: &InfraModel) -> String {
    let mut out = String::new();
    out.push_str("Needs Terraform 1.6 or later and credentials for the target account. One configuration holds both regions (the DR region through the `aws.dr` provider alias), so Terraform orders the work itself.\n\n");
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
    let regions: Vec<String> =
        model.stacks.iter().map(|s| format!("aws://$ACCOUNT_ID/{}", model.region_of(*s))).collect();
    out.push_str("ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)\n");
    out.push_str(&format!("cdk bootstrap {}\n", regions.join(" ")));
    out.push_str("cdk synth      # runs the cdk-nag AwsSolutions checks\n");
    let import = if model.resources.iter().any(|r| r.imported) {
        " --import-existing-resources"
    } else {
        ""
    };
    out.push_str(&format!("cdk deploy --all{import}\n"));
    out.push_str("```\n\n");
    if model.stacks.len() > 1 {
        out.push_str("`cdk deploy --all` deploys the DR stack first: the primary stack depends on it, because its replication rules, copy actions and replica keys name what the DR stack creates.\n\n");
    }
    out
}

pub fn import_note(target: Target, e: &ExistingResource) -> String {
    match target {
        Target::Cloudformation => "The deploy commands pass `--import-existing-resources`, so CloudFormation adopts the bucket instead of creating it; its `DeletionPolicy: Retain` keeps it if the stack is ever deleted.".into(),
        Target::Terraform => {
            let address = e.resource.as_deref().map(super::terraform::bucket_address).unwrap_or_default();
            format!("`imports.tf` adopts it during `terraform apply` (the same as `terraform import {address} <bucket name>`); `prevent_destroy` keeps it from being destroyed.")
        }
        Target::CdkPython | Target::CdkTypescript => {
            "`cdk deploy --import-existing-resources` adopts it (alternatively, deploy the rest first and run `cdk import`); its removal policy is RETAIN.".into()
        }
    }
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
        Target::Terraform => format!("`terraform destroy` removes what this configuration created. {retained} Imported buckets carry `prevent_destroy`.\n"),
        Target::CdkPython | Target::CdkTypescript => format!("`cdk destroy --all` removes the stacks (primary first). {retained}\n"),
    }
}
