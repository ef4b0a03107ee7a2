//! Terraform resources for keys, buckets, roles, tables, databases and AWS Backup,
//! and the `aws_iam_policy_document` data sources of their policies.

use super::hcl::{boolean, num, raw, s, Block, Item, H};
use super::refs::{provider_item, Names};
use crate::export::model::{
    BackupPlan, Bucket, BucketEncryption, Effect, Key, Kind, Num, Principal, Resource, Role,
    Selection, Skip, StackId, Statement, Tool, Vault,
};
use crate::export::text::comment_safe;

/// Blocks for one file of the configuration.
pub type Out = Vec<(&'static str, Block)>;

pub fn number(n: &Num) -> H {
    match n {
        Num::Lit(v) => num(*v),
        Num::Param(key) => raw(format!("var.{}", super::refs::label(key))),
    }
}

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
        .attr("deletion_window_in_days", num(30))
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

fn sub(ty: &str, l: &str, r: &Resource) -> Block {
    let mut b = Block::new("resource", &[ty, l]);
    if let Some((k, v)) = provider_item(r) {
        b.push(Item::Attr(k, v));
    }
    b.attr("bucket", raw(format!("aws_s3_bucket.{l}.id")))
}

pub fn bucket(names: &Names, r: &Resource, b: &Bucket) -> Out {
    let l = names.label(&r.name);
    let mut main = resource("aws_s3_bucket", &l, r);
    if let Some(n) = &b.physical_name {
        main = main.attr("bucket", names.expr(n, r.stack));
    }
    if r.imported {
        main = main.block(Block::new("lifecycle", &[]).attr("prevent_destroy", boolean(true)));
    }
    let mut out = vec![("s3.tf", main)];
    let status = if b.versioned { "Enabled" } else { "Suspended" };
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_versioning", &l, r)
            .block(Block::new("versioning_configuration", &[]).attr("status", s(status))),
    ));
    let by_default = match &b.encryption {
        BucketEncryption::S3Managed => Block::new("apply_server_side_encryption_by_default", &[])
            .attr("sse_algorithm", s("AES256")),
        BucketEncryption::Kms(k) => Block::new("apply_server_side_encryption_by_default", &[])
            .attr("sse_algorithm", s("aws:kms"))
            .attr("kms_master_key_id", names.expr(k, r.stack)),
    };
    let rule = Block::new("rule", &[])
        .block(by_default)
        .attr("bucket_key_enabled", boolean(matches!(b.encryption, BucketEncryption::Kms(_))));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_server_side_encryption_configuration", &l, r).block(rule),
    ));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_public_access_block", &l, r)
            .attr("block_public_acls", boolean(true))
            .attr("block_public_policy", boolean(true))
            .attr("ignore_public_acls", boolean(true))
            .attr("restrict_public_buckets", boolean(true)),
    ));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_ownership_controls", &l, r)
            .block(Block::new("rule", &[]).attr("object_ownership", s("BucketOwnerEnforced"))),
    ));
    if let Some(log) = &b.access_logging {
        out.push((
            "s3.tf",
            sub("aws_s3_bucket_logging", &l, r)
                .attr(
                    "target_bucket",
                    raw(format!("aws_s3_bucket.{}.id", names.label(&log.bucket))),
                )
                .attr("target_prefix", s(log.prefix.clone())),
        ));
    }
    let lc = &b.lifecycle;
    let mut rule = Block::new("rule", &[])
        .attr("id", s("drplan-lifecycle"))
        .attr("status", s("Enabled"))
        .block(Block::new("filter", &[]));
    for (class, days) in &lc.transitions {
        rule = rule.block(
            Block::new("transition", &[])
                .attr("days", num(*days))
                .attr("storage_class", s(class.api())),
        );
    }
    if let Some(d) = lc.expiration_days {
        rule = rule.block(Block::new("expiration", &[]).attr("days", num(d)));
    }
    for (class, days) in &lc.noncurrent_transitions {
        rule = rule.block(
            Block::new("noncurrent_version_transition", &[])
                .attr("noncurrent_days", num(*days))
                .attr("storage_class", s(class.api())),
        );
    }
    if let Some(d) = &lc.noncurrent_expiration_days {
        rule = rule.block(
            Block::new("noncurrent_version_expiration", &[]).attr("noncurrent_days", number(d)),
        );
    }
    rule = rule.block(
        Block::new("abort_incomplete_multipart_upload", &[])
            .attr("days_after_initiation", num(lc.abort_incomplete_upload_days)),
    );
    let mut lifecycle = sub("aws_s3_bucket_lifecycle_configuration", &l, r).block(rule);
    lifecycle.push(Item::Attr(
        "depends_on".into(),
        H::List(vec![raw(format!("aws_s3_bucket_versioning.{l}"))]),
    ));
    out.push(("s3.tf", lifecycle));
    if let Some(rep) = &b.replication {
        let mut dest = Block::new("destination", &[])
            .attr("bucket", names.expr(&rep.destination_bucket_arn, r.stack))
            .attr("storage_class", s(rep.storage_class.api()));
        if let Some(k) = &rep.destination_key_arn {
            dest = dest.block(
                Block::new("encryption_configuration", &[])
                    .attr("replica_kms_key_id", names.expr(k, r.stack)),
            );
        }
        if rep.time_control {
            dest = dest.block(
                Block::new("replication_time", &[])
                    .attr("status", s("Enabled"))
                    .block(Block::new("time", &[]).attr("minutes", num(15))),
            );
        }
        if rep.metrics || rep.time_control {
            dest = dest.block(
                Block::new("metrics", &[])
                    .attr("status", s("Enabled"))
                    .block(Block::new("event_threshold", &[]).attr("minutes", num(15))),
            );
        }
        let mut rule = Block::new("rule", &[])
            .attr("id", s(crate::export::model::REPLICATION_RULE_ID))
            .attr("status", s("Enabled"))
            .attr("priority", num(1))
            .block(Block::new("filter", &[]))
            .block(Block::new("delete_marker_replication", &[]).attr("status", s("Disabled")))
            .block(dest);
        if rep.destination_key_arn.is_some() {
            rule =
                rule.block(Block::new("source_selection_criteria", &[]).block(
                    Block::new("sse_kms_encrypted_objects", &[]).attr("status", s("Enabled")),
                ));
        }
        let mut replication = sub("aws_s3_bucket_replication_configuration", &l, r)
            .attr(
                "role",
                names.expr(
                    &crate::export::model::attr(&rep.role, crate::export::model::Attr::Arn),
                    r.stack,
                ),
            )
            .block(rule);
        // The source's versioning, and the replica (with its key) in the DR region.
        let mut deps = vec![raw(format!("aws_s3_bucket_versioning.{l}"))];
        if let Some((_, H::List(more))) = super::refs::depends_on(names, r) {
            deps.extend(more);
        }
        replication.push(Item::Attr("depends_on".into(), H::List(deps)));
        out.push(("s3.tf", replication));
    }
    let doc = format!("{l}_policy");
    out.push(("s3.tf", policy_document(names, &doc, &b.policy(&r.name), r.stack, &[])));
    out.push((
        "s3.tf",
        sub("aws_s3_bucket_policy", &l, r)
            .attr("policy", raw(format!("data.aws_iam_policy_document.{doc}.json"))),
    ));
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
    out.push((
        "iam.tf",
        resource("aws_iam_role", &l, r).attr("description", s(role.description.clone())).attr(
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
        let skips: Vec<Skip> = if reasons.is_empty() {
            Vec::new()
        } else {
            vec![Skip {
                tool: Tool::CheckovTf,
                rule: "CKV_AWS_356".into(),
                reason: reasons.join("; "),
            }]
        };
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
    let mut out = vec![(
        "backup.tf",
        resource("aws_backup_vault", &l, r)
            .attr("name", names.expr(&v.name, r.stack))
            .attr("kms_key_arn", names.expr(&v.key_arn, r.stack)),
    )];
    if let Some(lock) = &v.lock {
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
        let mut lifecycle =
            Block::new("lifecycle", &[]).attr("delete_after", number(&rule.delete_after_days));
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
        if let Some(c) = &rule.copy {
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
        .attr("name", s(sel.name.clone()))
        .attr("plan_id", raw(format!("aws_backup_plan.{}.id", names.label(&sel.plan))))
        .attr("iam_role_arn", raw(format!("aws_iam_role.{}.arn", names.label(&sel.role))))
        .attr("resources", H::List(sel.resources.iter().map(|e| names.expr(e, r.stack)).collect()));
    vec![("backup.tf", b)]
}

pub fn emit_resource(names: &Names, r: &Resource) -> Out {
    match &r.kind {
        Kind::Key(k) => key(names, r, k),
        Kind::Bucket(b) => bucket(names, r, b),
        Kind::Role(role_spec) => role(names, r, role_spec),
        Kind::Table(t) => super::databases::table(names, r, t),
        Kind::SubnetGroup(g) => super::databases::subnet_group(names, r, g),
        Kind::SecurityGroup(g) => super::databases::security_group(names, r, g),
        Kind::DbInstance(d) => super::databases::db_instance(names, r, d),
        Kind::DbCluster(c) => super::databases::db_cluster(names, r, c),
        Kind::Vault(v) => vault(names, r, v),
        Kind::BackupPlan(p) => backup_plan(names, r, p),
        Kind::Selection(sel) => selection(names, r, sel),
        _ => super::operations::emit_resource(names, r),
    }
}
