//! What the module's inputs decide: resources that exist only where a condition on
//! them holds (`count`), the caller's own key or topic looked up in place of the
//! module's, the secret a sensitive input gives (written write-only, so that the
//! value never enters the state), a function subscribed to a topic, and the
//! preconditions the inputs must meet before anything changes.

use super::hcl::{raw, s, Block, Item, Part, H};
use super::refs::{condition, count, region_of, var, Names};
use super::resources::{resource, Out};
use crate::export::model::{Kind, Lookup, LookupOf, Need, Resource, Secret, Subscription, When};

/// Makes every block of a resource exist only where `when` holds. References
/// between its own blocks (written `aws_x.label.attr` by the emitters) become
/// `aws_x.label[0].attr`.
pub fn only_where(names: &Names, r: &Resource, when: &When, out: &mut Out) {
    let n = raw(count(names.model, when));
    let addresses: Vec<String> = out
        .iter()
        .filter_map(|(_, b)| match b.kind.as_str() {
            "resource" => Some(format!("{}.{}", b.labels[0], b.labels[1])),
            "data" => Some(format!("data.{}.{}", b.labels[0], b.labels[1])),
            _ => None,
        })
        .collect();
    for (_, b) in out.iter_mut() {
        if b.kind != "resource" && b.kind != "data" {
            continue;
        }
        rewrite_block(b, &addresses);
        // A topic's email subscriptions go to whichever topic is used, the module's
        // or the caller's: they have their own condition (an address given).
        let subscription = matches!(r.kind, Kind::Topic(_))
            && b.labels.first().is_some_and(|t| t == "aws_sns_topic_subscription");
        let counted = b.body.iter().any(|i| matches!(i, Item::Attr(k, _) if k == "count"));
        if !subscription && !counted {
            b.body.insert(0, Item::Attr("count".into(), n.clone()));
        }
    }
}

fn rewrite_block(b: &mut Block, addresses: &[String]) {
    for item in b.body.iter_mut() {
        match item {
            Item::Attr(name, value) if name != "depends_on" => rewrite(value, addresses),
            Item::Block(inner) => rewrite_block(inner, addresses),
            _ => {}
        }
    }
}

fn rewrite(h: &mut H, addresses: &[String]) {
    match h {
        H::Raw(text) => *text = indexed(text, addresses),
        H::Tpl(parts) => {
            for p in parts.iter_mut() {
                if let Part::Interp(text) = p {
                    *text = indexed(text, addresses);
                }
            }
        }
        H::List(items) => items.iter_mut().for_each(|i| rewrite(i, addresses)),
        H::Object(entries) => entries.iter_mut().for_each(|(_, v)| rewrite(v, addresses)),
        H::Call(_, arg) => rewrite(arg, addresses),
        H::Str(_) => {}
    }
}

/// `aws_x.label.attr` → `aws_x.label[0].attr` for each of `addresses`, where the
/// address starts a reference (not the tail of a longer one).
fn indexed(text: &str, addresses: &[String]) -> String {
    let mut out = text.to_string();
    for a in addresses {
        let needle = format!("{a}.");
        let mut result = String::with_capacity(out.len() + 3);
        let mut last = 0;
        for (i, _) in out.match_indices(&needle) {
            let before = out[..i].chars().last();
            let starts =
                before.is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'));
            result.push_str(&out[last..i]);
            result.push_str(a);
            result.push_str(if starts { "[0]." } else { "." });
            last = i + needle.len();
        }
        result.push_str(&out[last..]);
        out = result;
    }
    out
}

/// The checks of a resource as preconditions of its main Terraform resource.
pub fn preconditions(names: &Names, r: &Resource, out: &mut Out) {
    if r.checks.is_empty() {
        return;
    }
    let ty = super::refs::main_type(&r.kind);
    let Some((_, main)) = out.iter_mut().find(|(_, b)| b.labels.first().is_some_and(|l| l == ty))
    else {
        return;
    };
    let mut lifecycle = Block::new("lifecycle", &[]);
    for c in &r.checks {
        let needs = match &c.needs {
            Need::When(w) => condition(names.model, w),
            Need::RegionOf { input, stack } => {
                format!("{} == {}", var(names.model, input), region_of(*stack))
            }
        };
        let holds = match &c.when {
            // A conditional: Terraform evaluates both operands of ||.
            Some(w) => format!("{} ? {needs} : true", condition(names.model, w)),
            None => needs,
        };
        lifecycle = lifecycle.block(
            Block::new("precondition", &[])
                .attr("condition", raw(holds))
                .attr("error_message", s(c.message.clone())),
        );
    }
    main.push(Item::Block(lifecycle));
}

/// The caller's key or topic, looked up by the input that names it.
pub fn lookup(names: &Names, r: &Resource, k: &Lookup) -> Out {
    let l = names.label(&r.name);
    let by = names.expr(&k.by, r.stack);
    let b = match k.of {
        LookupOf::Key => Block::new("data", &["aws_kms_key", &l]).attr("key_id", by),
        LookupOf::Topic => {
            // The data source finds a topic by its name, the ARN's last part.
            let arn = match by {
                H::Raw(e) => e,
                _ => "null".into(),
            };
            Block::new("data", &["aws_sns_topic", &l])
                .attr("name", raw(format!("element(split(\":\", {arn}), 5)")))
        }
    };
    let file = if k.of == LookupOf::Key { "kms.tf" } else { "monitoring.tf" };
    vec![(file, b)]
}

/// A sensitive input kept as an SSM SecureString, written write-only.
pub fn secret(names: &Names, r: &Resource, secret: &Secret) -> Out {
    let l = names.label(&r.name);
    let value = var(names.model, &secret.value);
    let b = resource("aws_ssm_parameter", &l, r)
        .attr("name", names.expr(&secret.name, r.stack))
        .attr("description", s(secret.description.clone()))
        .attr("type", s("SecureString"))
        .attr("key_id", names.expr(&secret.key_arn, r.stack))
        // Write-only: sent to AWS, never stored in the state; a new value has a
        // new version (a fingerprint of the value, not the value).
        .attr("value_wo", raw(value.clone()))
        .attr("value_wo_version", raw(format!("parseint(substr(sha256({value}), 0, 8), 16)")));
    vec![("monitoring.tf", b)]
}

/// A function subscribed to a topic, with the permission SNS needs to invoke it.
pub fn subscription(names: &Names, r: &Resource, sub: &Subscription) -> Out {
    let l = names.label(&r.name);
    let function = names.attr_ref(&sub.function, crate::export::model::Attr::Arn);
    let function_name = names.attr_ref(&sub.function, crate::export::model::Attr::Name);
    let topic = names.expr(&sub.topic_arn, r.stack);
    vec![
        (
            "monitoring.tf",
            resource("aws_sns_topic_subscription", &l, r)
                .attr("topic_arn", topic.clone())
                .attr("protocol", s("lambda"))
                .attr("endpoint", raw(function)),
        ),
        (
            "monitoring.tf",
            Block::new("resource", &["aws_lambda_permission", &l])
                .attr("statement_id", s(format!("AllowSns-{l}")))
                .attr("action", s("lambda:InvokeFunction"))
                .attr("function_name", raw(function_name))
                .attr("principal", s("sns.amazonaws.com"))
                .attr("source_arn", topic),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_references_are_indexed_once() {
        let a = vec!["aws_kms_key.k".to_string(), "data.aws_iam_policy_document.k_policy".into()];
        assert_eq!(indexed("aws_kms_key.k.key_id", &a), "aws_kms_key.k[0].key_id");
        assert_eq!(indexed("aws_kms_key.k[0].arn", &a), "aws_kms_key.k[0].arn");
        assert_eq!(
            indexed("data.aws_iam_policy_document.k_policy.json", &a),
            "data.aws_iam_policy_document.k_policy[0].json"
        );
        assert_eq!(indexed("data.aws_kms_key.k.arn", &a), "data.aws_kms_key.k.arn");
        assert_eq!(indexed("x_aws_kms_key.k.arn", &a), "x_aws_kms_key.k.arn");
    }
}
