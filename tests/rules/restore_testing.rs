//! AWS Backup restore testing and the EventBridge rules that invoke functions: the
//! selection's role can restore, the plan tests vaults the bundle creates, the
//! selection names resources an AWS Backup plan of the bundle protects and is created
//! after its plan, and every function an EventBridge rule targets lets that rule
//! invoke it.

use serde_json::Value;

use super::cfn::{allows_service, as_list, prop, referenced, statements, Template};
use super::tf::{blocks, policy_document_name, policy_statements, strings, TfBlock};
use super::{Bundle, Rule};

pub const SELECTION_ROLE_RESTORES: Rule = Rule {
    id: "restore-testing-role-restores",
    requires: "every restore testing selection's role trusts backup.amazonaws.com and carries AWS Backup's restore permissions (AWSBackupServiceRolePolicyForRestores)",
    source_says: "IamRoleArn: The Amazon Resource Name (ARN) of the IAM role that AWS Backup uses to create the target resource. — AWSBackupServiceRolePolicyForRestores: Provides AWS Backup permission to perform restores of the supported resource types on your behalf. (A role AWS Backup cannot assume, or one without restore permissions, fails every restore test job.)",
    source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html; https://docs.aws.amazon.com/aws-backup/latest/devguide/security-iam-awsmanpol.html",
    check: role_restores,
};

pub const PLAN_TESTS_OWN_VAULTS: Rule = Rule {
    id: "restore-testing-vaults-exist",
    requires: "a restore testing plan's IncludeVaults names vaults the bundle creates (by reference), or `*`",
    source_says: "IncludeVaults: Accepted values include wildcard [\"*\"] or by specific ARNs or ARN wilcard replacement [\"arn:aws:backup:us-west-2:123456789012:backup-vault:asdf\", ...] (A vault named by a literal ARN may not exist in the deploying account, and a plan whose vaults hold no recovery point never starts a test.)",
    source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingRecoveryPointSelection.html",
    check: plan_vaults,
};

pub const SELECTION_PROTECTED_AFTER_PLAN: Rule = Rule {
    id: "restore-testing-selection-protected",
    requires: "a restore testing selection names its plan by reference (created after it) and only resources that a backup selection of the bundle protects, whose backup plan writes to a vault the restore testing plan includes",
    source_says: "This request can be sent after CreateRestoreTestingPlan request returns successfully. This is the second part of creating a resource testing plan, and it must be completed sequentially. — First, you create a restore testing plan [...]. Then, you assign the resources you want to include in your plan. You then choose to include specific or random recovery points in your test. (Restore testing restores recovery points: a resource without recovery points in the included vaults is never tested.)",
    source: "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateRestoreTestingSelection.html; https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html",
    check: selection_protected,
};

pub const RULES_MAY_INVOKE: Rule = Rule {
    id: "eventbridge-may-invoke-function",
    requires: "every function an EventBridge rule targets has a Lambda permission for events.amazonaws.com whose source is that rule",
    source_says: "To invoke your AWS Lambda function using an EventBridge rule, add the following permission to the policy of your Lambda function. [...] \"Principal\": {\"Service\": \"events.amazonaws.com\"}, \"Action\": \"lambda:InvokeFunction\", [...] \"Condition\": {\"ArnLike\": {\"AWS:SourceArn\": \"arn:aws:events:region:account-id:rule/rule-name\"}}",
    source: "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-lambda-permissions",
    check: rules_may_invoke,
};

const RESTORES_POLICY: &str = "AWSBackupServiceRolePolicyForRestores";

fn role_restores(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        for (id, sel) in t.of_type("AWS::Backup::RestoreTestingSelection") {
            let role = prop(sel, "IamRoleArn").and_then(referenced);
            let Some(r) = role.and_then(|r| t.resource(r)) else {
                out.push(format!("{} {id}: IamRoleArn is not a role of this template", t.label()));
                continue;
            };
            let trust = prop(r, "AssumeRolePolicyDocument").map(statements).unwrap_or_default();
            if !trust.iter().any(|s| allows_service(s, "backup.amazonaws.com", "sts:AssumeRole")) {
                out.push(format!(
                    "{} {id}: its role does not trust backup.amazonaws.com",
                    t.label()
                ));
            }
            let managed = as_list(prop(r, "ManagedPolicyArns"));
            if !managed.iter().any(|m| m.to_string().contains(RESTORES_POLICY)) {
                out.push(format!("{} {id}: its role lacks {RESTORES_POLICY}", t.label()));
            }
        }
    }
    for sel in b.terraform.resources("aws_backup_restore_testing_selection") {
        let role = sel.text("iam_role_arn").unwrap_or_default();
        let Some(name) = role.strip_prefix("aws_iam_role.").and_then(|r| r.strip_suffix(".arn"))
        else {
            out.push(format!("{}: iam_role_arn {role} is not a role of the module", sel.at()));
            continue;
        };
        let found =
            b.terraform.in_dir(&sel.dir).find(|r| r.address() == format!("aws_iam_role.{name}"));
        let trusts = found
            .and_then(|r| policy_document_name(r.attr("assume_role_policy")))
            .map(|doc| policy_statements(&b.terraform, &sel.dir, &doc))
            .unwrap_or_default()
            .iter()
            .any(|s| s.allows_service("backup.amazonaws.com", "sts:AssumeRole"));
        if !trusts {
            out.push(format!("{}: role {name} does not trust backup.amazonaws.com", sel.at()));
        }
        let attached = b.terraform.in_dir(&sel.dir).any(|a| {
            a.ty() == "aws_iam_role_policy_attachment"
                && a.text("role").is_some_and(|r| r == format!("aws_iam_role.{name}.name"))
                && a.text("policy_arn").is_some_and(|p| p.contains(RESTORES_POLICY))
        });
        if !attached {
            out.push(format!("{}: role {name} lacks {RESTORES_POLICY}", sel.at()));
        }
    }
    out
}

/// Logical ids of the template's vaults.
fn vaults(t: &Template) -> Vec<&str> {
    let mut out: Vec<&str> =
        t.of_type("AWS::Backup::BackupVault").into_iter().map(|(id, _)| id).collect();
    out.extend(
        t.of_type("AWS::Backup::LogicallyAirGappedBackupVault").into_iter().map(|(id, _)| id),
    );
    out
}

fn include_vaults(plan: &Value) -> Vec<&Value> {
    as_list(prop(plan, "RecoveryPointSelection").and_then(|s| s.get("IncludeVaults")))
}

fn plan_vaults(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        let own = vaults(t);
        for (id, plan) in t.of_type("AWS::Backup::RestoreTestingPlan") {
            let listed = include_vaults(plan);
            if listed.is_empty() {
                out.push(format!("{} {id}: IncludeVaults is empty", t.label()));
            }
            for v in listed {
                let ok = v.as_str() == Some("*") || referenced(v).is_some_and(|r| own.contains(&r));
                if !ok {
                    out.push(format!(
                        "{} {id}: IncludeVaults entry {v} is not a vault of this template",
                        t.label()
                    ));
                }
            }
        }
    }
    for p in b.terraform.resources("aws_backup_restore_testing_plan") {
        for sel in blocks(&p.body, "recovery_point_selection") {
            for v in strings(super::tf::attr(&sel.body, "include_vaults")) {
                let own = v.strip_prefix("aws_backup_vault.").is_some_and(|r| r.ends_with(".arn"))
                    || v.strip_prefix("aws_backup_logically_air_gapped_vault.").is_some();
                if v != "*" && !own {
                    out.push(format!(
                        "{}: include_vaults entry {v} is not a vault of the module",
                        p.at()
                    ));
                }
            }
        }
    }
    out
}

/// The vaults (logical ids) each resource expression of a backup selection is backed up to.
fn protected(t: &Template) -> Vec<(&Value, &str)> {
    let mut out = Vec::new();
    for (_, sel) in t.of_type("AWS::Backup::BackupSelection") {
        let plan = prop(sel, "BackupPlanId").and_then(referenced).and_then(|p| t.resource(p));
        let rules = plan.and_then(|p| prop(p, "BackupPlan")).and_then(|p| p.get("BackupPlanRule"));
        let targets: Vec<&str> = as_list(rules)
            .iter()
            .filter_map(|r| r.get("TargetBackupVault").and_then(referenced))
            .collect();
        let resources = prop(sel, "BackupSelection").and_then(|s| s.get("Resources"));
        for arn in as_list(resources) {
            for v in &targets {
                out.push((arn, *v));
            }
        }
    }
    out
}

fn selection_protected(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        let protected = protected(t);
        for (id, sel) in t.of_type("AWS::Backup::RestoreTestingSelection") {
            let plan = prop(sel, "RestoreTestingPlanName")
                .and_then(|v| v.get("Ref"))
                .and_then(Value::as_str);
            let plan = plan.filter(|p| {
                t.resource(p).and_then(|r| r.get("Type")).and_then(Value::as_str)
                    == Some("AWS::Backup::RestoreTestingPlan")
            });
            let Some(plan) = plan.and_then(|p| t.resource(p)) else {
                out.push(format!("{} {id}: RestoreTestingPlanName is not a Ref to a restore testing plan of this template", t.label()));
                continue;
            };
            let included: Vec<&Value> = include_vaults(plan);
            let any_vault = included.iter().any(|v| v.as_str() == Some("*"));
            let arns = as_list(prop(sel, "ProtectedResourceArns"));
            if arns.is_empty() {
                out.push(format!("{} {id}: names no protected resource", t.label()));
            }
            for arn in arns {
                let ok = protected.iter().any(|(p, vault)| {
                    *p == arn
                        && (any_vault || included.iter().any(|v| referenced(v) == Some(*vault)))
                });
                if !ok {
                    out.push(format!("{} {id}: {arn} has no recovery points in the plan's vaults (no backup selection of this template protects it)", t.label()));
                }
            }
        }
    }
    for sel in b.terraform.resources("aws_backup_restore_testing_selection") {
        let plan = sel.text("restore_testing_plan_name").unwrap_or_default();
        if !plan.starts_with("aws_backup_restore_testing_plan.") {
            out.push(format!(
                "{}: restore_testing_plan_name {plan} is not a reference to a plan of the module",
                sel.at()
            ));
        }
        let selected: Vec<String> = b
            .terraform
            .in_dir(&sel.dir)
            .filter(|s| s.ty() == "aws_backup_selection")
            .flat_map(|s: &TfBlock| strings(s.attr("resources")))
            .collect();
        for arn in strings(sel.attr("protected_resource_arns")) {
            if !selected.contains(&arn) {
                out.push(format!(
                    "{}: {arn} is in no aws_backup_selection of the module",
                    sel.at()
                ));
            }
        }
    }
    out
}

fn rules_may_invoke(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        let functions: Vec<&str> =
            t.of_type("AWS::Lambda::Function").into_iter().map(|(id, _)| id).collect();
        let permissions = t.of_type("AWS::Lambda::Permission");
        for (rule, r) in t.of_type("AWS::Events::Rule") {
            for target in as_list(prop(r, "Targets")) {
                let Some(function) =
                    target.get("Arn").and_then(referenced).filter(|f| functions.contains(f))
                else {
                    continue;
                };
                let allowed = permissions.iter().any(|(_, p)| {
                    prop(p, "FunctionName").and_then(referenced) == Some(function)
                        && prop(p, "Principal").and_then(Value::as_str)
                            == Some("events.amazonaws.com")
                        && prop(p, "SourceArn").and_then(referenced) == Some(rule)
                        && prop(p, "Action").and_then(Value::as_str)
                            == Some("lambda:InvokeFunction")
                });
                if !allowed {
                    out.push(format!(
                        "{} {rule}: no permission lets this rule invoke {function}",
                        t.label()
                    ));
                }
            }
        }
    }
    for target in b.terraform.resources("aws_cloudwatch_event_target") {
        let arn = target.text("arn").unwrap_or_default();
        let Some(function) =
            arn.strip_prefix("aws_lambda_function.").and_then(|f| f.strip_suffix(".arn"))
        else {
            continue;
        };
        let rule = target.text("rule").unwrap_or_default();
        let rule = rule.strip_suffix(".name").unwrap_or(&rule).to_string();
        let allowed = b.terraform.in_dir(&target.dir).any(|p| {
            p.ty() == "aws_lambda_permission"
                && p.text("function_name")
                    .is_some_and(|f| f.starts_with(&format!("aws_lambda_function.{function}.")))
                && p.attr("principal").map(super::tf::string).as_deref()
                    == Some("events.amazonaws.com")
                && p.text("source_arn") == Some(format!("{rule}.arn"))
        });
        if !allowed {
            out.push(format!(
                "{}: no aws_lambda_permission lets {rule} invoke {function}",
                target.at()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::bundle;
    use super::*;

    /// The photo-portfolio bundle, which tests its table weekly, with `edit` applied
    /// to every resource of type `ty` in its CloudFormation templates.
    fn edited(ty: &str, edit: impl Fn(&mut Value)) -> Bundle {
        let mut b = bundle("photo-portfolio");
        let mut seen = 0;
        for t in b.templates.iter_mut() {
            let Some(resources) = t.json.get_mut("Resources").and_then(Value::as_object_mut) else {
                continue;
            };
            for r in resources.values_mut() {
                if r.get("Type").and_then(Value::as_str) == Some(ty) {
                    edit(r);
                    seen += 1;
                }
            }
        }
        assert!(seen > 0, "photo-portfolio's bundle has no {ty}");
        b
    }

    fn roles_of_backup(edit: impl Fn(&mut Value)) -> Bundle {
        edited("AWS::IAM::Role", |r| {
            if r.to_string().contains("backup.amazonaws.com") {
                edit(r)
            }
        })
    }

    #[test]
    fn the_selection_role_must_trust_backup_and_restore() {
        assert!(role_restores(&bundle("photo-portfolio")).is_empty());
        let b = roles_of_backup(|r| {
            r["Properties"]["ManagedPolicyArns"] = Value::Array(Vec::new());
        });
        assert!(role_restores(&b)
            .iter()
            .any(|f| f.contains("lacks AWSBackupServiceRolePolicyForRestores")));
        let b = roles_of_backup(|r| {
            let doc = r["Properties"]["AssumeRolePolicyDocument"].to_string();
            r["Properties"]["AssumeRolePolicyDocument"] =
                serde_json::from_str(&doc.replace("backup.amazonaws.com", "lambda.amazonaws.com"))
                    .unwrap_or_default();
        });
        assert!(role_restores(&b)
            .iter()
            .any(|f| f.contains("does not trust backup.amazonaws.com")));
        let mut b = bundle("photo-portfolio");
        b.terraform.blocks.retain(|x| {
            !(x.ty() == "aws_iam_role_policy_attachment"
                && x.text("role").is_some_and(|r| r.contains("restore_test_role")))
        });
        assert!(role_restores(&b)
            .iter()
            .any(|f| f.starts_with("terraform") && f.contains("lacks")));
    }

    #[test]
    fn the_plan_must_include_the_bundles_own_vaults() {
        assert!(plan_vaults(&bundle("photo-portfolio")).is_empty());
        let b = edited("AWS::Backup::RestoreTestingPlan", |r| {
            r["Properties"]["RecoveryPointSelection"]["IncludeVaults"] = serde_json::json!([
                "arn:aws:backup:us-east-1:123456789012:backup-vault:someone-elses"
            ]);
        });
        assert!(plan_vaults(&b).iter().any(|f| f.contains("is not a vault of this template")));
    }

    #[test]
    fn the_selection_must_name_protected_resources_after_its_plan() {
        assert!(selection_protected(&bundle("photo-portfolio")).is_empty());
        let b = edited("AWS::Backup::RestoreTestingSelection", |r| {
            r["Properties"]["ProtectedResourceArns"] =
                serde_json::json!(["arn:aws:dynamodb:us-east-1:123456789012:table/unprotected"]);
        });
        assert!(selection_protected(&b).iter().any(|f| f.contains("has no recovery points")));
        let b = edited("AWS::Backup::RestoreTestingSelection", |r| {
            r["Properties"]["RestoreTestingPlanName"] = Value::String("weekly_plan".into());
        });
        assert!(selection_protected(&b).iter().any(|f| f.contains("is not a Ref")));
        // A plan that tests only a vault the resource is not backed up to.
        let b = edited("AWS::Backup::RestoreTestingPlan", |r| {
            r["Properties"]["RecoveryPointSelection"]["IncludeVaults"] =
                serde_json::json!([{"Fn::GetAtt": ["AccessLogs", "Arn"]}]);
        });
        assert!(selection_protected(&b).iter().any(|f| f.contains("has no recovery points")));
    }

    #[test]
    fn a_rule_must_be_allowed_to_invoke_its_function() {
        assert!(rules_may_invoke(&bundle("photo-portfolio")).is_empty());
        let b = edited("AWS::Lambda::Permission", |r| {
            r["Properties"]["Principal"] = Value::String("s3.amazonaws.com".into());
        });
        assert!(rules_may_invoke(&b)
            .iter()
            .any(|f| f.contains("no permission lets this rule invoke")));
        let b = edited("AWS::Lambda::Permission", |r| {
            r["Properties"]["SourceArn"] =
                serde_json::json!({"Fn::GetAtt": ["SomeOtherRule", "Arn"]});
        });
        assert!(rules_may_invoke(&b)
            .iter()
            .any(|f| f.contains("no permission lets this rule invoke")));
        let mut b = bundle("photo-portfolio");
        b.terraform.blocks.retain(|x| x.ty() != "aws_lambda_permission");
        assert!(rules_may_invoke(&b).iter().any(|f| f.contains("no aws_lambda_permission lets")));
    }
}
