//! CloudFormation resources for keys, buckets, roles, tables, databases and AWS
//! Backup, and the IAM policy documents they carry.

use super::refs::Names;
use super::yaml::{boolean, int, map, raw, s, seq, Entry, Y};
use crate::export::model::BackupPlan;
use crate::export::model::{
    Bucket, BucketEncryption, Deletion, Effect, Key, Lifecycle, Num, Principal, Resource, Role,
    Selection, Skip, Statement, Tool, Vault,
};

/// A resource entry: logical id and its YAML.
pub type Emitted = (String, Y);

pub fn num(names: &Names, n: &Num) -> Y {
    match n {
        Num::Lit(v) => int(*v),
        Num::Param(key) => names.expr(&crate::export::model::Expr::Param(key.clone())),
    }
}

pub fn policy_document(names: &Names, statements: &[Statement]) -> Y {
    map(vec![
        ("Version", s("2012-10-17")),
        ("Statement", seq(statements.iter().map(|st| statement(names, st)).collect())),
    ])
}

fn one_or_many(items: Vec<Y>) -> Y {
    if items.len() == 1 {
        items.into_iter().next().unwrap_or(Y::Seq(Vec::new()))
    } else {
        seq(items)
    }
}

fn statement(names: &Names, st: &Statement) -> Y {
    let mut entries = vec![
        ("Sid", s(st.sid.clone())),
        ("Effect", raw(if st.effect == Effect::Allow { "Allow" } else { "Deny" })),
    ];
    if let Some(p) = &st.principal {
        let principal = match p {
            Principal::Service(e) => map(vec![("Service", names.expr(e))]),
            Principal::AnyAws => map(vec![("AWS", s("*"))]),
            Principal::Aws(e) => map(vec![("AWS", names.expr(e))]),
            Principal::Any => s("*"),
        };
        entries.push(("Principal", principal));
    }
    entries.push(("Action", one_or_many(st.actions.iter().map(|a| s(a.clone())).collect())));
    entries.push(("Resource", one_or_many(st.resources.iter().map(|r| names.expr(r)).collect())));
    if !st.conditions.is_empty() {
        // Conditions with the same operator share one map, as IAM requires.
        let mut ops: Vec<(&str, Vec<Entry>)> = Vec::new();
        for c in &st.conditions {
            let value = one_or_many(c.values.iter().map(|v| names.expr(v)).collect());
            let entry = Entry { key: c.key.clone(), value, comment: None };
            match ops.iter_mut().find(|(op, _)| *op == c.test) {
                Some((_, list)) => list.push(entry),
                None => ops.push((c.test, vec![entry])),
            }
        }
        entries.push((
            "Condition",
            Y::Map(
                ops.into_iter()
                    .map(|(op, list)| Entry {
                        key: op.to_string(),
                        value: Y::Map(list),
                        comment: None,
                    })
                    .collect(),
            ),
        ));
    }
    map(entries)
}

/// `Metadata` with checkov skips (reasons in `comment`) and cfn-lint ignores.
pub fn metadata(skips: &[Skip], cfn_lint: &[(&str, &str)]) -> Option<Y> {
    let checkov: Vec<Y> = skips
        .iter()
        .filter(|k| matches!(k.tool, Tool::Checkov | Tool::CheckovCfn))
        .map(|k| map(vec![("id", s(k.rule.clone())), ("comment", s(k.reason.clone()))]))
        .collect();
    let mut entries = Vec::new();
    if !checkov.is_empty() {
        entries.push(("checkov", map(vec![("skip", seq(checkov))])));
    }
    let cfn_lint: Vec<(&str, &str)> = cfn_lint
        .iter()
        .copied()
        .chain(
            skips
                .iter()
                .filter(|k| k.tool == Tool::CfnLint)
                .map(|k| (k.rule.as_str(), k.reason.as_str())),
        )
        .collect();
    if !cfn_lint.is_empty() {
        let ignores = cfn_lint
            .iter()
            .map(|(rule, why)| Entry {
                key: "-".into(),
                value: s(*rule),
                comment: Some(format!("{rule}: {why}")),
            })
            .collect::<Vec<_>>();
        // A list whose items carry comments: written as a map-less sequence below.
        let items: Vec<Y> = ignores.into_iter().map(|e| e.value).collect();
        let reasons = cfn_lint
            .iter()
            .map(|(rule, why)| format!("{rule}: {why}"))
            .collect::<Vec<_>>()
            .join("; ");
        entries.push((
            "cfn-lint",
            Y::Map(vec![Entry {
                key: "config".into(),
                value: map(vec![("ignore_checks", seq(items))]),
                comment: Some(reasons),
            }]),
        ));
    }
    (!entries.is_empty()).then(|| map(entries))
}

/// Wraps properties into a resource with its policies and metadata.
pub fn resource(ty: &str, r: Option<&Resource>, properties: Y, metadata_value: Option<Y>) -> Y {
    let mut entries = vec![("Type", raw(ty))];
    if let Some(r) = r {
        let policy = match r.deletion {
            Deletion::Delete => None,
            Deletion::Retain => Some("Retain"),
            Deletion::Snapshot => Some("Snapshot"),
        };
        if let Some(p) = policy {
            entries.push(("DeletionPolicy", raw(p)));
            entries.push(("UpdateReplacePolicy", raw(p)));
        }
    }
    if let Some(m) = metadata_value {
        entries.push(("Metadata", m));
    }
    entries.push(("Properties", properties));
    map(entries)
}

pub fn key(names: &mut Names, r: &Resource, k: &Key) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let props = map(vec![
        ("Description", s(k.description.clone())),
        ("EnableKeyRotation", boolean(k.rotation)),
        ("KeyPolicy", policy_document(names, &k.policy())),
    ]);
    let mut out =
        vec![(id.clone(), resource("AWS::KMS::Key", Some(r), props, metadata(&r.skips, &[])))];
    if let Some(alias) = &k.alias {
        let alias_id = names.claim(&format!("{id}Alias"));
        let props = map(vec![
            ("AliasName", names.expr(alias)),
            ("TargetKeyId", Y::Tag("!Ref", Box::new(raw(id)))),
        ]);
        out.push((alias_id, resource("AWS::KMS::Alias", None, props, None)));
    }
    out
}

fn lifecycle(names: &Names, l: &Lifecycle) -> Y {
    let mut rule = vec![("Id", s("drplan-lifecycle")), ("Status", raw("Enabled"))];
    if !l.transitions.is_empty() {
        let t = l
            .transitions
            .iter()
            .map(|(c, d)| map(vec![("StorageClass", raw(c.api())), ("TransitionInDays", int(*d))]))
            .collect();
        rule.push(("Transitions", seq(t)));
    }
    if let Some(d) = l.expiration_days {
        rule.push(("ExpirationInDays", int(d)));
    }
    if !l.noncurrent_transitions.is_empty() {
        let t = l
            .noncurrent_transitions
            .iter()
            .map(|(c, d)| map(vec![("StorageClass", raw(c.api())), ("TransitionInDays", int(*d))]))
            .collect();
        rule.push(("NoncurrentVersionTransitions", seq(t)));
    }
    if let Some(d) = &l.noncurrent_expiration_days {
        rule.push(("NoncurrentVersionExpiration", map(vec![("NoncurrentDays", num(names, d))])));
    }
    rule.push((
        "AbortIncompleteMultipartUpload",
        map(vec![("DaysAfterInitiation", int(l.abort_incomplete_upload_days))]),
    ));
    map(vec![("Rules", seq(vec![map(rule)]))])
}

/// One replication rule (`AWS::S3::Bucket` `ReplicationRule`).
fn replication_rule(names: &Names, rep: &crate::export::model::ReplicationRule) -> Y {
    let mut dest = vec![
        ("Bucket", names.expr(&rep.destination_bucket_arn)),
        ("StorageClass", raw(rep.storage_class.api())),
    ];
    if let Some(a) = &rep.account {
        // Another account's bucket: the replicas belong to it (the owner override).
        dest.push(("Account", names.expr(a)));
        dest.push(("AccessControlTranslation", map(vec![("Owner", raw("Destination"))])));
    }
    if let Some(k) = &rep.destination_key_arn {
        dest.push(("EncryptionConfiguration", map(vec![("ReplicaKmsKeyID", names.expr(k))])));
    }
    if rep.time_control {
        dest.push((
            "ReplicationTime",
            map(vec![("Status", raw("Enabled")), ("Time", map(vec![("Minutes", int(15))]))]),
        ));
    }
    if rep.metrics || rep.time_control {
        dest.push((
            "Metrics",
            map(vec![
                ("Status", raw("Enabled")),
                ("EventThreshold", map(vec![("Minutes", int(15))])),
            ]),
        ));
    }
    let mut rule = vec![
        ("Id", s(rep.id)),
        ("Status", raw("Enabled")),
        ("Priority", int(rep.priority)),
        ("Filter", map(vec![("Prefix", s(""))])),
        ("DeleteMarkerReplication", map(vec![("Status", raw("Disabled"))])),
        ("Destination", map(dest)),
    ];
    if rep.destination_key_arn.is_some() {
        rule.push((
            "SourceSelectionCriteria",
            map(vec![("SseKmsEncryptedObjects", map(vec![("Status", raw("Enabled"))]))]),
        ));
    }
    map(rule)
}

pub fn bucket(names: &mut Names, r: &Resource, b: &Bucket) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    if names.import_step && r.imported {
        // Step one of an adoption: the name only; step two applies the settings.
        let props = map(b.physical_name.iter().map(|n| ("BucketName", names.expr(n))).collect());
        return vec![(id, resource("AWS::S3::Bucket", Some(r), props, None))];
    }
    let mut props = Vec::new();
    if let Some(n) = &b.physical_name {
        props.push(("BucketName", names.expr(n)));
    }
    let by_default = match &b.encryption {
        BucketEncryption::S3Managed => map(vec![("SSEAlgorithm", raw("AES256"))]),
        BucketEncryption::Kms(k) => {
            map(vec![("SSEAlgorithm", s("aws:kms")), ("KMSMasterKeyID", names.expr(k))])
        }
    };
    let bucket_key = matches!(b.encryption, BucketEncryption::Kms(_));
    props.push((
        "BucketEncryption",
        map(vec![(
            "ServerSideEncryptionConfiguration",
            seq(vec![map(vec![
                ("ServerSideEncryptionByDefault", by_default),
                ("BucketKeyEnabled", boolean(bucket_key)),
            ])]),
        )]),
    ));
    props.push((
        "VersioningConfiguration",
        map(vec![("Status", raw(if b.versioned { "Enabled" } else { "Suspended" }))]),
    ));
    props.push((
        "PublicAccessBlockConfiguration",
        map(vec![
            ("BlockPublicAcls", boolean(true)),
            ("BlockPublicPolicy", boolean(true)),
            ("IgnorePublicAcls", boolean(true)),
            ("RestrictPublicBuckets", boolean(true)),
        ]),
    ));
    props.push((
        "OwnershipControls",
        map(vec![("Rules", seq(vec![map(vec![("ObjectOwnership", raw("BucketOwnerEnforced"))])]))]),
    ));
    if let Some(l) = &b.access_logging {
        let dest = Y::Tag("!Ref", Box::new(raw(names.resource(&l.bucket))));
        props.push((
            "LoggingConfiguration",
            map(vec![("DestinationBucketName", dest), ("LogFilePrefix", s(l.prefix.clone()))]),
        ));
    }
    props.push(("LifecycleConfiguration", lifecycle(names, &b.lifecycle)));
    if let Some(rep) = &b.replication {
        let rules = rep.rules.iter().map(|rule| replication_rule(names, rule)).collect();
        let role = Y::Tag("!GetAtt", Box::new(raw(format!("{}.Arn", names.resource(&rep.role)))));
        props.push(("ReplicationConfiguration", map(vec![("Role", role), ("Rules", seq(rules))])));
    }
    let mut out = vec![(
        id.clone(),
        resource("AWS::S3::Bucket", Some(r), map(props), metadata(&r.skips, &[])),
    )];
    let policy_id = names.claim(&format!("{id}Policy"));
    let policy = map(vec![
        ("Bucket", Y::Tag("!Ref", Box::new(raw(id)))),
        ("PolicyDocument", policy_document(names, &b.policy(&r.name))),
    ]);
    out.push((policy_id, resource("AWS::S3::BucketPolicy", None, policy, None)));
    out
}

pub fn role(names: &mut Names, r: &Resource, role: &Role) -> Vec<Emitted> {
    let id = names.resource(&r.name);
    let trust = map(vec![
        ("Version", s("2012-10-17")),
        (
            "Statement",
            seq(vec![map(vec![
                ("Effect", raw("Allow")),
                ("Principal", map(vec![("Service", s(role.service.clone()))])),
                ("Action", s("sts:AssumeRole")),
            ])]),
        ),
    ]);
    let mut props =
        vec![("Description", s(role.description.clone())), ("AssumeRolePolicyDocument", trust)];
    if let Some(n) = &role.name {
        props.insert(0, ("RoleName", names.expr(n)));
    }
    if !role.managed_policies.is_empty() {
        let arns = role
            .managed_policies
            .iter()
            .map(|p| {
                Y::Tag(
                    "!Sub",
                    Box::new(s(format!(
                        "arn:${{AWS::Partition}}:iam::aws:policy/{}",
                        super::refs::sub_escape(p)
                    ))),
                )
            })
            .collect();
        props.push(("ManagedPolicyArns", seq(arns)));
    }
    if !role.statements.is_empty() && !role.separate_policy {
        props.push((
            "Policies",
            seq(vec![map(vec![
                ("PolicyName", s("permissions")),
                ("PolicyDocument", policy_document(names, &role.statements)),
            ])]),
        ));
    }
    let mut out = vec![(
        id.clone(),
        resource("AWS::IAM::Role", Some(r), map(props), metadata(&r.skips, &[])),
    )];
    if !role.statements.is_empty() && role.separate_policy {
        let policy_id = names.claim(&format!("{id}Policy"));
        let props = map(vec![
            ("PolicyName", s("permissions")),
            ("Roles", seq(vec![Y::Tag("!Ref", Box::new(raw(id)))])),
            ("PolicyDocument", policy_document(names, &role.statements)),
        ]);
        out.push((policy_id, resource("AWS::IAM::Policy", None, props, None)));
    }
    out
}

/// Statements attached to a role as a policy of their own.
pub fn role_policy(
    names: &mut Names,
    r: &Resource,
    p: &crate::export::model::RolePolicy,
) -> Vec<Emitted> {
    let props = map(vec![
        ("PolicyName", names.expr(&p.name)),
        ("Roles", seq(vec![Y::Tag("!Ref", Box::new(raw(names.resource(&p.role))))])),
        ("PolicyDocument", policy_document(names, &p.statements)),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::IAM::Policy", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn vault(names: &mut Names, r: &Resource, v: &Vault) -> Vec<Emitted> {
    let mut props = vec![("BackupVaultName", names.expr(&v.name))];
    if v.air_gapped {
        // Always locked in compliance mode: its retention bounds are required.
        let (min, max) = v.lock.as_ref().map(|l| (l.min_days, l.max_days)).unwrap_or((7, 365));
        props.push(("MinRetentionDays", int(min)));
        props.push(("MaxRetentionDays", int(max)));
    }
    if let Some(k) = &v.key_arn {
        props.push(("EncryptionKeyArn", names.expr(k)));
    }
    if !v.policy.is_empty() {
        props.push(("AccessPolicy", policy_document(names, &v.policy)));
    }
    if let (Some(l), false) = (&v.lock, v.air_gapped) {
        let mut lock =
            vec![("MinRetentionDays", int(l.min_days)), ("MaxRetentionDays", int(l.max_days))];
        if let Some(d) = l.changeable_for_days {
            lock.push(("ChangeableForDays", int(d)));
        }
        props.push(("LockConfiguration", map(lock)));
    }
    let kind = if v.air_gapped {
        "AWS::Backup::LogicallyAirGappedBackupVault"
    } else {
        "AWS::Backup::BackupVault"
    };
    vec![(names.resource(&r.name), resource(kind, Some(r), map(props), metadata(&r.skips, &[])))]
}

pub fn backup_plan(names: &mut Names, r: &Resource, p: &BackupPlan) -> Vec<Emitted> {
    let vault = Y::Tag("!Ref", Box::new(raw(names.resource(&p.vault))));
    let rules = p
        .rules
        .iter()
        .map(|rule| {
            let mut lifecycle = vec![("DeleteAfterDays", num(names, &rule.delete_after_days))];
            if let Some(c) = rule.cold_storage_after_days {
                lifecycle.push(("MoveToColdStorageAfterDays", int(c)));
            }
            let mut e = vec![
                ("RuleName", s(rule.name.clone())),
                ("TargetBackupVault", vault.clone()),
                ("ScheduleExpression", s(rule.schedule.clone())),
                ("StartWindowMinutes", int(rule.start_window_minutes)),
                ("CompletionWindowMinutes", int(rule.completion_window_minutes)),
                ("EnableContinuousBackup", boolean(rule.continuous)),
                ("Lifecycle", map(lifecycle)),
            ];
            if !rule.copies.is_empty() {
                let copies = rule
                    .copies
                    .iter()
                    .map(|c| {
                        map(vec![
                            ("DestinationBackupVaultArn", names.expr(&c.vault_arn)),
                            ("Lifecycle", map(vec![("DeleteAfterDays", int(c.delete_after_days))])),
                        ])
                    })
                    .collect();
                e.push(("CopyActions", seq(copies)));
            }
            map(e)
        })
        .collect();
    let props = map(vec![(
        "BackupPlan",
        map(vec![("BackupPlanName", names.expr(&p.name)), ("BackupPlanRule", seq(rules))]),
    )]);
    vec![(
        names.resource(&r.name),
        resource("AWS::Backup::BackupPlan", Some(r), props, metadata(&r.skips, &[])),
    )]
}

pub fn selection(names: &mut Names, r: &Resource, sel: &Selection) -> Vec<Emitted> {
    let props = map(vec![
        ("BackupPlanId", Y::Tag("!Ref", Box::new(raw(names.resource(&sel.plan))))),
        (
            "BackupSelection",
            map(vec![
                ("SelectionName", names.expr(&sel.name)),
                (
                    "IamRoleArn",
                    Y::Tag("!GetAtt", Box::new(raw(format!("{}.Arn", names.resource(&sel.role))))),
                ),
                ("Resources", seq(sel.resources.iter().map(|e| names.expr(e)).collect())),
            ]),
        ),
    ]);
    vec![(
        names.resource(&r.name),
        resource("AWS::Backup::BackupSelection", Some(r), props, metadata(&r.skips, &[])),
    )]
}
