//! Terraform resources for keys, buckets, roles, tables, databases and AWS Backup,
//! and the `aws_iam_policy_document` data sources of their policies.

use super::hcl::{boolean, num, raw, s, Block, Item, H};
use super::refs::{provider_item, Names};
use crate::export::model::{
    BackupPlan, Deletion, Effect, Key, Principal, Resource, Role, Selection, Skip, StackId,
    Statement, Tool, Vault,
};
use crate::export::text::comment_safe;

/// Blocks for one file of the configuration.
pub type Out = Vec<(&'static str, Block)>;

/// A resource block with its provider (DR stack) and checkov skips (as comments
/// checkov reads, each with its reason).
pub fn resource(ty: &str, label: &str, r: &Resource) -> Block {
    let mut b = Block::new("resource", &[ty, label]);
    for k in &r.skips {
        if matches!(k.tool, Tool::Checkov | Tool::CheckovTf) {
            b.push(skip_comment(k));
        }
    }
    if let Some((k, v)) = provider_item(r) {
        b.push(Item::Attr(k, v));
    }
    b
}

pub fn skip_comment(k: &Skip) -> Item {
    Item::Comment(format!("checkov:skip={}: {}", k.rule, comment_safe(&k.reason, 300)))
}

/// `data "aws_iam_policy_document" "<label>"`.
pub fn policy_document(
    names: &Names,
    label: &str,
    statements: &[Statement],
    stack: StackId,
    skips: &[Skip],
) -> Block {
    let mut b = Block::new("data", &["aws_iam_policy_document", label]);
    for k in skips {
        b.push(skip_comment(k));
    }
    for st in statements {
        let mut sb = Block::new("statement", &[])
            .attr("sid", s(st.sid.clone()))
            .attr("effect", s(if st.effect == Effect::Allow { "Allow" } else { "Deny" }))
            .attr("actions", H::List(st.actions.iter().map(|a| s(a.clone())).collect()))
            .attr(
                "resources",
                H::List(st.resources.iter().map(|r| names.expr(r, stack)).collect()),
            );
        if let Some(p) = &st.principal {
            let (ty, ids) = match p {
                Principal::Service(e) => ("Service", vec![names.expr(e, stack)]),
                Principal::AnyAws => ("AWS", vec![s("*")]),
                Principal::Aws(e) => ("AWS", vec![names.expr(e, stack)]),
                Principal::Any => ("*", vec![s("*")]),
            };
            sb = sb.block(
                Block::new("principals", &[]).attr("type", s(ty)).attr("identifiers", H::List(ids)),
            );
        }
        for c in &st.conditions {
            sb = sb.block(
                Block::new("condition", &[])
                    .attr("test", s(c.test))
                    .attr("variable", s(c.key.clone()))
                    .attr(
                        "values",
                        H::List(c.values.iter().map(|v| names.expr(v, stack)).collect()),
                    ),
            );
        }
        b = b.block(sb);
    }
    b
}

pub fn key(names: &Names, r: &Resource, k: &Key) -> Out {
    let l = names.label(&r.name);
    let doc = format!("{l}_policy");
    let key_policy_skips: Vec<Skip> = ["CKV_AWS_109", "CKV_AWS_111", "CKV_AWS_356"]
        .iter()
        .map(|id| Skip {
            tool: Tool::CheckovTf,
            rule: id.to_string(),
            reason: "a key policy's Resource \"*\" means the key the policy is attached to; the account-administration statement is the AWS default key policy"
                .into(),
        })
        .collect();
    let mut out =
        vec![("kms.tf", policy_document(names, &doc, &k.policy(), r.stack, &key_policy_skips))];
    let key = resource("aws_kms_key", &l, r)
        .attr("description", s(k.description.clone()))
        .attr("enable_key_rotation", boolean(k.rotation))
        .attr("deletion_window_in_days", num(crate::export::model::KEY_DELETION_WINDOW_DAYS))
        .attr("policy", raw(format!("data.aws_iam_policy_document.{doc}.json")));
    out.push(("kms.tf", key));
    if let Some(alias) = &k.alias {
        let mut b = Block::new("resource", &["aws_kms_alias", &l]);
        if let Some((k, v)) = provider_item(r) {
            b.push(Item::Attr(k, v));
        }
        out.push((
            "kms.tf",
            b.attr("name", names.expr(alias, r.stack))
                .attr("target_key_id", raw(format!("aws_kms_key.{l}.key_id"))),
        ));
    }
    out
}

pub fn role(names: &Names, r: &Resource, role: &Role) -> Out {
    let l = names.label(&r.name);
    let trust = Statement {
        sid: "AssumeRole".into(),
        effect: Effect::Allow,
        principal: Some(Principal::Service(crate::export::model::lit(role.service.clone()))),
        actions: vec!["sts:AssumeRole".into()],
        resources: Vec::new(),
        conditions: Vec::new(),
        nag_reason: None,
    };
    let mut trust_doc = policy_document(names, &format!("{l}_trust"), &[trust], r.stack, &[]);
    // A trust policy has no resources.
    if let Some(Item::Block(st)) = trust_doc.body.first_mut() {
        st.body.retain(|i| !matches!(i, Item::Attr(n, _) if n == "resources"));
    }
    let mut out = vec![("iam.tf", trust_doc)];
    let mut block = resource("aws_iam_role", &l, r);
    if let Some(n) = &role.name {
        block = block.attr("name", names.expr(n, r.stack));
    }
    out.push((
        "iam.tf",
        block.attr("description", s(role.description.clone())).attr(
            "assume_role_policy",
            raw(format!("data.aws_iam_policy_document.{l}_trust.json")),
        ),
    ));
    if !role.statements.is_empty() {
        // Statements whose resource is "*" say why (the same reasons cdk-nag gets).
        let reasons: Vec<&str> = role
            .statements
            .iter()
            .filter(|st| st.has_star_resource())
            .filter_map(|st| st.nag_reason.as_deref())
            .collect();
        let mut skips: Vec<Skip> = if reasons.is_empty() {
            Vec::new()
        } else {
            vec![Skip {
                tool: Tool::CheckovTf,
                rule: "CKV_AWS_356".into(),
                reason: reasons.join("; "),
            }]
        };
        // checkov reads a role's statements from its policy document here.
        skips.extend(r.skips.iter().filter(|k| k.rule == "CKV_AWS_111").cloned());
        out.push((
            "iam.tf",
            policy_document(names, &format!("{l}_permissions"), &role.statements, r.stack, &skips),
        ));
        out.push((
            "iam.tf",
            Block::new("resource", &["aws_iam_role_policy", &l])
                .attr("name", s("permissions"))
                .attr("role", raw(format!("aws_iam_role.{l}.id")))
                .attr("policy", raw(format!("data.aws_iam_policy_document.{l}_permissions.json"))),
        ));
    }
    for (i, p) in role.managed_policies.iter().enumerate() {
        out.push((
            "iam.tf",
            Block::new("resource", &["aws_iam_role_policy_attachment", &format!("{l}_{}", i + 1)])
                .attr("role", raw(format!("aws_iam_role.{l}.name")))
                .attr(
                    "policy_arn",
                    H::Tpl(vec![
                        super::hcl::Part::Lit("arn:".into()),
                        super::hcl::Part::Interp("data.aws_partition.current.partition".into()),
                        super::hcl::Part::Lit(format!(":iam::aws:policy/{p}")),
                    ]),
                ),
        ));
    }
    out
}

pub fn vault(names: &Names, r: &Resource, v: &Vault) -> Out {
    let l = names.label(&r.name);
    let mut out = Vec::new();
    let vault_type = if v.air_gapped {
        // Always locked in compliance mode: its retention bounds are required.
        let (min, max) = v.lock.as_ref().map(|k| (k.min_days, k.max_days)).unwrap_or((7, 365));
        out.push((
            "backup.tf",
            resource("aws_backup_logically_air_gapped_vault", &l, r)
                .attr("name", names.expr(&v.name, r.stack))
                .attr("min_retention_days", num(min))
                .attr("max_retention_days", num(max)),
        ));
        "aws_backup_logically_air_gapped_vault"
    } else {
        let mut b = resource("aws_backup_vault", &l, r).attr("name", names.expr(&v.name, r.stack));
        if let Some(k) = &v.key_arn {
            b = b.attr("kms_key_arn", names.expr(k, r.stack));
        }
        out.push(("backup.tf", b));
        "aws_backup_vault"
    };
    if !v.policy.is_empty() {
        let doc = format!("{l}_access");
        out.push(("backup.tf", policy_document(names, &doc, &v.policy, r.stack, &[])));
        let mut b = Block::new("resource", &["aws_backup_vault_policy", &l]);
        if let Some((k, val)) = provider_item(r) {
            b.push(Item::Attr(k, val));
        }
        b = b
            .attr("backup_vault_name", raw(format!("{vault_type}.{l}.name")))
            .attr("policy", raw(format!("data.aws_iam_policy_document.{doc}.json")));
        out.push(("backup.tf", b));
    }
    if let (Some(lock), false) = (&v.lock, v.air_gapped) {
        let mut b = Block::new("resource", &["aws_backup_vault_lock_configuration", &l]);
        if let Some((k, val)) = provider_item(r) {
            b.push(Item::Attr(k, val));
        }
        b = b
            .attr("backup_vault_name", raw(format!("aws_backup_vault.{l}.name")))
            .attr("min_retention_days", num(lock.min_days))
            .attr("max_retention_days", num(lock.max_days));
        if let Some(d) = lock.changeable_for_days {
            b = b.attr("changeable_for_days", num(d));
        }
        out.push(("backup.tf", b));
    }
    out
}

pub fn backup_plan(names: &Names, r: &Resource, p: &BackupPlan) -> Out {
    let l = names.label(&r.name);
    let mut b = resource("aws_backup_plan", &l, r).attr("name", names.expr(&p.name, r.stack));
    for rule in &p.rules {
        let mut lifecycle = Block::new("lifecycle", &[])
            .attr("delete_after", names.number(&rule.delete_after_days));
        if let Some(c) = rule.cold_storage_after_days {
            lifecycle = lifecycle.attr("cold_storage_after", num(c));
        }
        let mut rb = Block::new("rule", &[])
            .attr("rule_name", s(rule.name.clone()))
            .attr(
                "target_vault_name",
                raw(format!("aws_backup_vault.{}.name", names.label(&p.vault))),
            )
            .attr("schedule", s(rule.schedule.clone()))
            .attr("start_window", num(rule.start_window_minutes))
            .attr("completion_window", num(rule.completion_window_minutes))
            .attr("enable_continuous_backup", boolean(rule.continuous))
            .block(lifecycle);
        for c in &rule.copies {
            rb = rb.block(
                Block::new("copy_action", &[])
                    .attr("destination_vault_arn", names.expr(&c.vault_arn, r.stack))
                    .block(
                        Block::new("lifecycle", &[]).attr("delete_after", num(c.delete_after_days)),
                    ),
            );
        }
        b = b.block(rb);
    }
    vec![("backup.tf", b)]
}

pub fn selection(names: &Names, r: &Resource, sel: &Selection) -> Out {
    let l = names.label(&r.name);
    let b = resource("aws_backup_selection", &l, r)
        .attr("name", names.expr(&sel.name, r.stack))
        .attr("plan_id", raw(format!("aws_backup_plan.{}.id", names.label(&sel.plan))))
        .attr("iam_role_arn", raw(format!("aws_iam_role.{}.arn", names.label(&sel.role))))
        .attr("resources", H::List(sel.resources.iter().map(|e| names.expr(e, r.stack)).collect()));
    vec![("backup.tf", b)]
}

/// Adds `prevent_destroy` to the main resource of what the other targets retain
/// (data, keys, logs) or snapshot (databases): `terraform destroy` then stops before
/// it, and the README lists the `terraform state rm` commands that leave it in place.
fn protect(r: &Resource, out: &mut Out) {
    if r.deletion == Deletion::Delete {
        return;
    }
    let ty = super::refs::main_type(&r.kind);
    let Some((_, main)) = out.iter_mut().find(|(_, b)| b.kind == "resource" && b.labels[0] == ty)
    else {
        return;
    };
    let existing = main.body.iter_mut().find_map(|i| match i {
        Item::Block(b) if b.kind == "lifecycle" => Some(b),
        _ => None,
    });
    match existing {
        Some(l) => l.body.insert(0, Item::Attr("prevent_destroy".into(), boolean(true))),
        None => main
            .push(Item::Block(Block::new("lifecycle", &[]).attr("prevent_destroy", boolean(true)))),
    }
}

pub fn emit_resource(names: &Names, r: &Resource) -> Out {
    let mut out = super::emit_kind(names, r);
    if let Some(list) = &r.for_each {
        // Made once per element of a list variable (each.value is the element).
        let each = H::Raw(format!("toset({})", names.param(list)));
        for (_, b) in out.iter_mut() {
            b.body.insert(0, Item::Attr("for_each".into(), each.clone()));
        }
    }
    if let Some(when) = &r.when {
        super::conditional::only_where(names, r, when, &mut out);
    }
    super::conditional::preconditions(names, r, &mut out);
    protect(r, &mut out);
    out
}

/// Statements attached to a role as a policy of their own; with `for_each`, one
/// policy (and document) per element of the list variable.
pub fn role_policy(names: &Names, r: &Resource, p: &crate::export::model::RolePolicy) -> Out {
    let l = names.label(&r.name);
    let doc = policy_document(names, &l, &p.statements, r.stack, &r.skips);
    // With for_each, each policy reads its own element's document.
    let document = match &r.for_each {
        Some(_) => format!("data.aws_iam_policy_document.{l}[each.key].json"),
        None => format!("data.aws_iam_policy_document.{l}.json"),
    };
    let policy = Block::new("resource", &["aws_iam_role_policy", &l])
        .attr("name", names.expr(&p.name, r.stack))
        .attr("role", raw(format!("aws_iam_role.{}.id", names.label(&p.role))))
        .attr("policy", raw(document));
    vec![("iam.tf", doc), ("iam.tf", policy)]
}
