//! SNS: a topic that an AWS service publishes to (an alarm action, an EventBridge
//! target, a backup vault's or a bucket's notifications) lets that service publish
//! in its topic policy, and the customer-managed key that encrypts it lets the
//! service use it.

use serde_json::Value;

use super::cfn::{allows_service, as_list, prop, referenced, statements, Template};
use super::tf::{policy_document_name, policy_statements, TfBlock};
use super::{Bundle, Rule};

pub const PUBLISHERS_ALLOWED: Rule = Rule {
    id: "sns-publishers-allowed",
    requires: "every topic an alarm, an EventBridge rule, a backup vault or a bucket notification targets allows that service principal to publish, and the topic's customer-managed key allows it kms:GenerateDataKey* and kms:Decrypt",
    source_says: "Several AWS services publish events to Amazon SNS topics. To allow these event sources to work with encrypted topics, you must perform the following steps. [...] To allow the AWS service to have the kms:GenerateDataKey* and kms:Decrypt permissions, add the following statement to the KMS policy. — and on the topic side: Amazon SNS grants a default policy to all newly created topics. The default policy grants access to your topic to all other AWS services. (A topic policy the template sets replaces that default, so it must name the service itself.)",
    source: "https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services; https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html",
    check: publishers,
};

const PUBLISH: &str = "sns:Publish";

/// `(topic logical id, service principal, who)` for every service that publishes to a topic.
fn cfn_publishers(t: &Template) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    let topics: Vec<&str> = t.of_type("AWS::SNS::Topic").into_iter().map(|(id, _)| id).collect();
    let mut add = |value: &Value, service: &'static str, who: &str| {
        if let Some(id) = referenced(value).filter(|id| topics.contains(id)) {
            out.push((id.to_string(), service, who.to_string()));
        }
    };
    for (id, r) in t.of_type("AWS::CloudWatch::Alarm") {
        for key in ["AlarmActions", "OKActions", "InsufficientDataActions"] {
            for a in as_list(prop(r, key)) {
                add(a, "cloudwatch.amazonaws.com", id);
            }
        }
    }
    for (id, r) in t.of_type("AWS::Events::Rule") {
        for target in as_list(prop(r, "Targets")) {
            if let Some(arn) = target.get("Arn") {
                add(arn, "events.amazonaws.com", id);
            }
        }
    }
    for (id, r) in t.of_type("AWS::Backup::BackupVault") {
        if let Some(arn) = prop(r, "Notifications").and_then(|n| n.get("SNSTopicArn")) {
            add(arn, "backup.amazonaws.com", id);
        }
    }
    for (id, r) in t.of_type("AWS::S3::Bucket") {
        let configs =
            prop(r, "NotificationConfiguration").and_then(|n| n.get("TopicConfigurations"));
        for c in as_list(configs) {
            if let Some(arn) = c.get("Topic") {
                add(arn, "s3.amazonaws.com", id);
            }
        }
    }
    out
}

fn check_template(t: &Template, out: &mut Vec<String>) {
    for (topic, service, who) in cfn_publishers(t) {
        let policies: Vec<&Value> = t
            .of_type("AWS::SNS::TopicPolicy")
            .into_iter()
            .filter(|(_, p)| {
                as_list(prop(p, "Topics")).iter().any(|x| referenced(x) == Some(topic.as_str()))
            })
            .map(|(_, p)| p)
            .collect();
        // Without a topic policy the default one applies, which lets AWS services publish.
        if !policies.is_empty()
            && !policies.iter().any(|p| {
                prop(p, "PolicyDocument")
                    .map(statements)
                    .unwrap_or_default()
                    .iter()
                    .any(|s| allows_service(s, service, PUBLISH))
            })
        {
            out.push(format!("{}: topic {topic} receives from {who} but its policy does not let {service} publish", t.label()));
        }
        let Some(key_ref) = t.resource(&topic).and_then(|r| prop(r, "KmsMasterKeyId")) else {
            continue;
        };
        match referenced(key_ref).and_then(|k| t.resource(k).map(|r| (k, r))) {
            Some((key, r)) if r["Type"] == "AWS::KMS::Key" => {
                let doc = prop(r, "KeyPolicy").map(statements).unwrap_or_default();
                for action in ["kms:GenerateDataKey*", "kms:Decrypt"] {
                    if !doc.iter().any(|s| allows_service(s, service, action)) {
                        out.push(format!(
                            "{}: key {key} of topic {topic} does not allow {service} {action}",
                            t.label()
                        ));
                    }
                }
            }
            _ => {
                if key_ref.as_str().is_some_and(|k| k.contains("alias/aws/sns")) {
                    out.push(format!("{}: topic {topic} uses the AWS-managed key, whose policy {service} cannot use", t.label()));
                }
            }
        }
    }
}

fn tf_topic_of(b: &TfBlock, attr: &str) -> Vec<String> {
    super::tf::strings(b.attr(attr))
        .iter()
        .filter_map(|s| {
            s.strip_prefix("aws_sns_topic.").map(|r| r.split('.').next().unwrap_or(r).to_string())
        })
        .collect()
}

fn check_terraform(b: &Bundle, out: &mut Vec<String>) {
    let tf = &b.terraform;
    let mut pairs: Vec<(String, String, &'static str, String)> = Vec::new();
    for a in tf.resources("aws_cloudwatch_metric_alarm") {
        for t in tf_topic_of(a, "alarm_actions") {
            pairs.push((a.dir.clone(), t, "cloudwatch.amazonaws.com", a.address()));
        }
    }
    for e in tf.resources("aws_cloudwatch_event_target") {
        for t in tf_topic_of(e, "arn") {
            pairs.push((e.dir.clone(), t, "events.amazonaws.com", e.address()));
        }
    }
    for n in tf.resources("aws_backup_vault_notifications") {
        for t in tf_topic_of(n, "sns_topic_arn") {
            pairs.push((n.dir.clone(), t, "backup.amazonaws.com", n.address()));
        }
    }
    for (dir, topic, service, who) in pairs {
        let policy = tf.in_dir(&dir).find(|p| {
            p.kind == "resource"
                && p.ty() == "aws_sns_topic_policy"
                && tf_topic_of(p, "arn").contains(&topic)
        });
        if let Some(p) = policy {
            let doc = policy_document_name(p.attr("policy")).unwrap_or_default();
            if !policy_statements(tf, &dir, &doc).iter().any(|s| s.allows_service(service, PUBLISH))
            {
                out.push(format!("{}: topic {topic} receives from {who} but its policy does not let {service} publish", p.at()));
            }
        }
        let Some(topic_block) = tf
            .in_dir(&dir)
            .find(|x| x.kind == "resource" && x.ty() == "aws_sns_topic" && x.labels[1] == topic)
        else {
            continue;
        };
        let Some((ty, key)) = topic_block.attr("kms_master_key_id").and_then(super::tf::referenced)
        else {
            continue;
        };
        if ty != "aws_kms_key" {
            continue;
        }
        let Some(k) = tf
            .in_dir(&dir)
            .find(|x| x.kind == "resource" && x.ty() == "aws_kms_key" && x.labels[1] == key)
        else {
            continue;
        };
        let doc = policy_document_name(k.attr("policy")).unwrap_or_default();
        let statements = policy_statements(tf, &dir, &doc);
        for action in ["kms:GenerateDataKey*", "kms:Decrypt"] {
            if !statements.iter().any(|s| s.allows_service(service, action)) {
                out.push(format!(
                    "{}: key of topic {topic} does not allow {service} {action}",
                    k.at()
                ));
            }
        }
    }
}

fn publishers(b: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for t in &b.templates {
        check_template(t, &mut out);
    }
    check_terraform(b, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::bundle;
    use super::*;

    /// Removes every statement for `service` from topic policies and key policies.
    fn strip(b: &mut super::super::Bundle, service: &str) {
        for t in b.templates.iter_mut() {
            let Some(resources) = t.json.get_mut("Resources").and_then(Value::as_object_mut) else {
                continue;
            };
            for r in resources.values_mut() {
                for doc in ["PolicyDocument", "KeyPolicy"] {
                    if let Some(Value::Array(list)) =
                        r.pointer_mut(&format!("/Properties/{doc}/Statement"))
                    {
                        list.retain(|s| !s.to_string().contains(service));
                    }
                }
            }
        }
    }

    #[test]
    fn publishers_fail_when_the_topic_policy_leaves_out_cloudwatch() {
        let mut b = bundle("rds-pitr");
        assert!(b.templates.iter().any(|t| !t.of_type("AWS::CloudWatch::Alarm").is_empty()));
        strip(&mut b, "cloudwatch.amazonaws.com");
        let findings = publishers(&b);
        assert!(
            findings.iter().any(|f| f.contains("policy does not let cloudwatch")),
            "{findings:?}"
        );
        assert!(
            findings.iter().any(|f| f.contains("does not allow cloudwatch.amazonaws.com kms:")),
            "{findings:?}"
        );
    }

    #[test]
    fn publishers_fail_when_events_cannot_use_the_key() {
        let mut b = bundle("rds-pitr");
        strip(&mut b, "events.amazonaws.com");
        assert!(publishers(&b).iter().any(|f| f.contains("events.amazonaws.com")));
    }
}
