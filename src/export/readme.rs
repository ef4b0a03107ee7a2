//! The README.md of every bundle: what it creates, the inputs, the deploy steps
//! with exact commands (target-specific, from [`super::deploy`]), existing resources,
//! what the export adds, and the plan's own notes.
//!
//! All plan text in a README is escaped for Markdown, and every value pasted into a
//! shell command is single-quoted, so a hostile plan name, email or note can neither
//! restructure the document nor run in a reader's shell.

use super::model::{InfraModel, Kind, StackId};
use super::text::{code_span, markdown_text};
use super::Target;

/// The name a parameter has in a target.
/// What a target calls the input with this key: a CloudFormation parameter, a
/// Terraform variable, a CDK context key.
pub fn param_name(model: &InfraModel, target: Target, key: &str) -> String {
    let name = model.input_name(key);
    match target {
        Target::Cloudformation => super::cloudformation::refs::logical_id(name),
        Target::Terraform => name.to_string(),
        Target::CdkPython | Target::CdkTypescript => context_key(model, name),
    }
}

/// A CDK context key in the case the plan asks for (`environmentSuffix`).
pub fn context_key(model: &InfraModel, name: &str) -> String {
    match model.context_keys {
        crate::plan::KeyCase::Snake => name.to_string(),
        crate::plan::KeyCase::Camel => super::text::camel(name),
    }
}

fn kind_label(kind: &Kind) -> &'static str {
    match kind {
        Kind::Key(_) => "KMS key",
        Kind::Bucket(_) => "S3 bucket",
        Kind::Role(_) => "IAM role",
        Kind::Table(_) => "DynamoDB table",
        Kind::SubnetGroup(_) => "DB subnet group",
        Kind::SecurityGroup(_) => "security group",
        Kind::DbInstance(_) => "RDS instance",
        Kind::DbCluster(_) => "Aurora cluster",
        Kind::Vault(_) => "backup vault",
        Kind::BackupPlan(_) => "backup plan",
        Kind::Selection(_) => "backup selection",
        Kind::LogGroup(_) => "log group",
        Kind::Function(_) => "Lambda function",
        Kind::Rule(_) => "EventBridge rule",
        Kind::Topic(_) => "SNS topic",
        Kind::Alarm(_) => "CloudWatch alarm",
        Kind::Dashboard(_) => "CloudWatch dashboard",
        Kind::GatewayEndpoint(_) => "gateway VPC endpoint",
        Kind::InterfaceEndpoint(_) => "interface VPC endpoint",
        Kind::HealthCheck(_) => "Route 53 health check",
        Kind::Repository(_) => "CodeCommit repository",
        Kind::Vpc(_) => "VPC (subnets, route tables, internet gateway)",
        Kind::RecordSet(_) => "Route 53 failover record",
        Kind::BucketSettings(_) => "backup settings of an existing S3 bucket",
        Kind::RolePolicy(_) => "IAM policy",
        Kind::RestoreTestingPlan(_) => "AWS Backup restore testing plan",
        Kind::RestoreTestingSelection(_) => "AWS Backup restore testing selection",
        Kind::Lookup(l) => match l.of {
            super::model::LookupOf::Key => "the caller's KMS key (looked up)",
            super::model::LookupOf::Topic => "the caller's SNS topic (looked up)",
        },
        Kind::Secret(_) => "SSM SecureString parameter",
        Kind::Subscription(_) => "SNS subscription of a function",
    }
}

/// A condition on inputs in words: "when `sns_topic_arn` is set".
pub fn when_words(model: &InfraModel, w: &super::model::When) -> String {
    use super::model::When;
    let name = |k: &str| format!("`{}`", model.input_name(k));
    match w {
        When::Set(k) => format!("when {} is set", name(k)),
        When::Unset(k) => format!("while {} is unset", name(k)),
        When::True(k) => format!("when {} is true", name(k)),
        When::NonEmpty(k) => format!("when {} is given", name(k)),
        When::All(all) => {
            let parts: Vec<String> = all.iter().map(|w| when_words(model, w)).collect();
            parts.join(" and ").replace(" and when ", " and ")
        }
    }
}

fn bullet_list(out: &mut String, items: &[String]) {
    for i in items {
        out.push_str(&format!("- {}\n", markdown_text(i)));
    }
    out.push('\n');
}

/// What the plan costs a month, in the sentences `drplan estimate` prints, with the
/// caveats of the prices (the same for every target).
fn estimate_section(out: &mut String, model: &InfraModel) {
    let e = &model.estimate;
    if e.headline.is_empty() {
        return;
    }
    out.push_str("## Estimate\n\n");
    out.push_str(&format!("{}\n\n{}\n\n", markdown_text(&e.sheet), markdown_text(&e.headline)));
    if !e.caveats.is_empty() {
        out.push_str("Caveats:\n\n");
        bullet_list(out, &e.caveats);
    }
    out.push_str("`drplan estimate` on the plan prints every line with its quantity, unit price and the source of its price.\n\n");
}

/// The README of a target's bundle; `template_bytes` are the sizes of its
/// CloudFormation templates (empty for other targets).
pub fn render(model: &InfraModel, target: Target, template_bytes: &[(StackId, usize)]) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {} bundle: {}\n\n", target.label(), markdown_text(&model.plan_name)));
    out.push_str(&format!(
        "Generated by drplan {} from the plan \"{}\". Primary region {}{}. Every file here is generated: edit the plan and export again rather than editing the files.\n\n",
        env!("CARGO_PKG_VERSION"),
        markdown_text(&model.plan_name),
        code_span(&model.primary_region),
        model.dr_region.as_deref().map(|d| format!(", DR region {}", code_span(d))).unwrap_or_default()
    ));

    estimate_section(&mut out, model);

    out.push_str("## What it creates\n\n");
    for &stack in &model.stacks {
        let label = match stack {
            StackId::Account => "Backup account stack, deployed first, in the backup account",
            StackId::Dr if model.stacks.contains(&StackId::Account) => {
                "DR stack, deployed after the backup account's"
            }
            StackId::Dr => "DR stack, deployed first",
            StackId::Primary => "Primary stack",
        };
        out.push_str(&format!("{label} ({}):\n\n", code_span(model.region_of(stack))));
        for r in model.resources_in(stack) {
            let from = r
                .component
                .as_deref()
                .map(|c| format!(" for component {}", code_span(c)))
                .unwrap_or_else(|| " (added by the export)".into());
            let imported = if r.imported { ", existing, imported" } else { "" };
            let when = r
                .when
                .as_ref()
                .map(|w| format!(", only {}", when_words(model, w)))
                .unwrap_or_default();
            out.push_str(&format!(
                "- {} `{}`{from}{imported}{when}\n",
                kind_label(&r.kind),
                r.name
            ));
        }
        out.push('\n');
    }

    out.push_str("## Inputs\n\n");
    out.push_str(&format!("{}\n\n", super::deploy::inputs_intro(target)));
    out.push_str("| name | default | meaning |\n|---|---|---|\n");
    for p in &model.parameters {
        if !super::deploy::param_applies(model, target, p) {
            continue;
        }
        let default = match (&p.default, p.optional) {
            (Some(d), _) if d.is_empty() => "empty".into(),
            (Some(d), _) => code_span(d).replace('|', "\\|"),
            (None, true) => "unset".into(),
            (None, false) => "required".into(),
        };
        let bounds = match (p.min, p.max) {
            (Some(a), Some(b)) => format!(" ({a}-{b})"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "| `{}` | {default} | {}{bounds} |\n",
            param_name(model, target, &p.key),
            markdown_text(&p.description)
        ));
    }
    out.push('\n');
    if model.network == Some(super::model::NetworkModel::Existing) {
        out.push_str("The plan has no VPC of its own: the databases and endpoints go into an existing VPC with private subnets, which you name in the network inputs. Clients in the VPC's CIDR may reach the databases on their port; nothing else may.\n\n");
    }

    out.push_str(&super::readme_inputs::sections(model, target));

    out.push_str("## Deploy\n\n");
    out.push_str(&super::deploy::commands(model, target, template_bytes));

    out.push_str(&super::readme_existing::section(model, target));

    if !model.notes.after_deploy.is_empty() {
        out.push_str("## After deploying\n\n");
        bullet_list(&mut out, &model.notes.after_deploy);
    }
    if !model.notes.additions.is_empty() {
        out.push_str("## Added by the export\n\n");
        bullet_list(&mut out, &model.notes.additions);
    }
    out.push_str("## Secure by default\n\n");
    bullet_list(
        &mut out,
        &[
            "Customer-managed KMS keys with yearly rotation encrypt buckets (unless the plan chose SSE-S3), tables, databases, backup vaults, SNS topics, log groups and function environments.".into(),
            "Every bucket blocks public access, enforces bucket-owner object ownership, denies requests without TLS and logs its requests to an access-log bucket.".into(),
            "Databases are encrypted, private (no public address, reachable only from the VPC CIDR), deletion-protected and keep a final snapshot; RDS generates the master password and keeps it in Secrets Manager (`ManageMasterUserPassword`), so there is no password input: a password passed as a parameter or variable would sit in the stack's parameters, the Terraform state and shell history. Read it with `aws secretsmanager get-secret-value --secret-id <the instance's MasterUserSecret ARN>`.".into(),
            "IAM roles carry one inline policy naming their resources; every wildcard that remains is explained next to it.".into(),
            "Log groups have a retention period; buckets, tables, keys, vaults and logs are retained when the stack is deleted.".into(),
        ],
    );
    if !model.notes.estimate_only.is_empty() {
        out.push_str("## Plan settings that only size the estimate\n\n");
        bullet_list(&mut out, &model.notes.estimate_only);
    }
    if !model.plan_notes.is_empty() {
        out.push_str("## Notes from the plan\n\n");
        bullet_list(&mut out, &model.plan_notes);
    }
    out.push_str("## Removing\n\n");
    out.push_str(&super::deploy::removal(model, target));
    out
}
