//! The root configuration that calls the module: providers for the primary and the
//! DR region, the module call with every input, the outputs passed through, import
//! blocks for adopted resources, and an example `terraform.tfvars`.

use super::hcl::{raw, render, s, Block, Item, H};
use super::refs::{label, var, Names};
use super::{file, inputs, module_dir, module_label, root_versions};
use crate::export::model::{account, InfraModel, Kind, Parameter, StackId};
use crate::export::text::comment_safe;
use crate::export::GeneratedFile;

/// Root-only inputs: what the providers read.
const PROVIDER_INPUTS: [&str; 7] = [
    "project_name",
    "environment",
    "primary_region",
    "dr_region",
    account::BACKUP_ACCOUNT_ID,
    account::BACKUP_ACCOUNT_REGION,
    account::BACKUP_ACCOUNT_ROLE,
];

fn default_tags(model: &InfraModel) -> Block {
    Block::new("default_tags", &[]).attr(
        "tags",
        H::Object(vec![
            ("Project".into(), raw(var(model, "project_name"))),
            ("Environment".into(), raw(var(model, "environment"))),
            ("ManagedBy".into(), s("drplan")),
        ]),
    )
}

fn providers(model: &InfraModel) -> Vec<Block> {
    let mut blocks = vec![Block::new("provider", &["aws"])
        .attr("region", raw(var(model, "primary_region")))
        .block(default_tags(model))];
    if model.dr_region.is_some() {
        blocks.push(
            Block::new("provider", &["aws"])
                .attr("alias", s("dr"))
                .attr("region", raw(var(model, "dr_region")))
                .block(default_tags(model)),
        );
    }
    if model.stacks.contains(&StackId::Account) {
        // The backup account's resources are created through a role in that account
        // (AWS Organizations creates OrganizationAccountAccessRole in member accounts).
        let role_arn = format!(
            "arn:${{data.aws_partition.current.partition}}:iam::${{{}}}:role/${{{}}}",
            var(model, account::BACKUP_ACCOUNT_ID),
            var(model, account::BACKUP_ACCOUNT_ROLE)
        );
        blocks.push(
            Block::new("provider", &["aws"])
                .attr("alias", s("backup_account"))
                .attr("region", raw(var(model, account::BACKUP_ACCOUNT_REGION)))
                .block(
                    Block::new("assume_role", &[]).attr("role_arn", raw(format!("\"{role_arn}\""))),
                )
                .attr(
                    "allowed_account_ids",
                    raw(format!("[{}]", var(model, account::BACKUP_ACCOUNT_ID))),
                )
                .block(default_tags(model)),
        );
        blocks.push(Block::new("data", &["aws_partition", "current"]));
    }
    blocks
}

/// Whether the root passes an input to the module: not one that only refuses an
/// insecure value (the module's default keeps it on).
pub fn passed(p: &Parameter) -> bool {
    p.refuses.is_empty() || p.kind != crate::export::model::ParamKind::Bool
}

fn module_call(model: &InfraModel, variables: &[&Parameter]) -> Block {
    let mut b = Block::new("module", &[&module_label(model)])
        .attr("source", s(format!("./{}", module_dir(model))));
    // Provider addresses are written bare (`aws.dr`), which an object key in the
    // writer would quote: the map is written on one line as Terraform reads it.
    match (model.dr_region.is_some(), model.stacks.contains(&StackId::Account)) {
        (true, true) => {
            b = b.attr(
                "providers",
                raw("{ aws = aws, aws.dr = aws.dr, aws.backup_account = aws.backup_account }"),
            )
        }
        (true, false) => b = b.attr("providers", raw("{ aws = aws, aws.dr = aws.dr }")),
        (false, true) => {
            b = b.attr("providers", raw("{ aws = aws, aws.backup_account = aws.backup_account }"))
        }
        (false, false) => {}
    }
    b.push(Item::Blank);
    for p in variables.iter().filter(|p| passed(p)) {
        let name = label(&p.name);
        b = b.attr(&name, raw(format!("var.{name}")));
    }
    b
}

/// The root's variables: the module's and those the providers read, in model order.
fn root_variables<'m>(model: &'m InfraModel, module: &[&'m Parameter]) -> Vec<&'m Parameter> {
    model
        .parameters
        .iter()
        .filter(|p| {
            module.iter().any(|m| m.key == p.key && passed(m))
                || (PROVIDER_INPUTS.contains(&p.key.as_str())
                    && (p.key != "dr_region" || model.dr_region.is_some()))
        })
        .collect()
}

fn imports(model: &InfraModel, names: &Names) -> Vec<Block> {
    model
        .resources
        .iter()
        .filter(|r| r.imported)
        .filter_map(|r| match &r.kind {
            Kind::Bucket(b) => b.physical_name.as_ref().and_then(|n| n.as_lit()).map(|n| {
                Block::new("import", &[])
                    .attr(
                        "to",
                        raw(format!("module.{}.{}", module_label(model), names.address(&r.name))),
                    )
                    .attr("id", s(n))
            }),
            _ => None,
        })
        .collect()
}

fn tfvars(model: &InfraModel, vars: &[&Parameter]) -> String {
    let mut items = vec![
        Item::Comment(format!(
            "Copy to terraform.tfvars and fill in the REPLACE_ME values - plan {}",
            comment_safe(&model.plan_name, 80)
        )),
        Item::Blank,
    ];
    for p in vars {
        items.push(Item::Attr(label(&p.name), inputs::example_value(p)));
    }
    render(&items)
}

/// The root's files (everything but its README).
pub fn files(model: &InfraModel, names: &Names, module_vars: &[&Parameter]) -> Vec<GeneratedFile> {
    let vars = root_variables(model, module_vars);
    let mut out = vec![
        GeneratedFile::new(
            "versions.tf",
            file(model, "Terraform and provider versions", vec![root_versions(model)]),
        ),
        GeneratedFile::new(
            "providers.tf",
            file(
                model,
                "Providers: the primary region and the DR region (alias aws.dr)",
                providers(model),
            ),
        ),
        GeneratedFile::new(
            "main.tf",
            file(
                model,
                "The module with this plan's resources",
                vec![module_call(model, module_vars)],
            ),
        ),
        GeneratedFile::new(
            "variables.tf",
            file(model, "Inputs", vars.iter().map(|p| inputs::variable(p)).collect()),
        ),
        GeneratedFile::new("terraform.tfvars.example", tfvars(model, &vars)),
    ];
    let outputs: Vec<Block> = model
        .outputs
        .iter()
        .map(|o| {
            let name = label(&o.name);
            Block::new("output", &[&name])
                .attr("description", s(o.description.clone()))
                .attr("value", raw(format!("module.{}.{name}", module_label(model))))
        })
        .collect();
    out.push(GeneratedFile::new("outputs.tf", file(model, "Outputs of the module", outputs)));
    let imports = imports(model, names);
    if !imports.is_empty() {
        out.push(GeneratedFile::new(
            "imports.tf",
            file(model, "Existing resources adopted on apply", imports),
        ));
    }
    out
}
