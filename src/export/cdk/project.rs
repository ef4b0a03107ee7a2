//! What the two CDK apps' project files share: `cdk.json` with every setting's default
//! as a context value. (Each app's own boilerplate is a template file under
//! `export/assets/cdk_python/` and `export/assets/cdk_typescript/`.)

use super::{Program, Setting};
use crate::export::model::InfraModel;

/// `cdk.json` for both CDK bundles: the app command, every setting with its
/// default (empty when required) and the feature flags the code relies on.
pub fn cdk_json(program: &Program, app: &str) -> String {
    let mut context = serde_json::Map::new();
    for s in program.settings.iter().filter(|s| s.env.is_none()) {
        context.insert(s.context_key.clone(), context_value(s));
    }
    // Access-log delivery through the log bucket's policy, as the other targets write it.
    context.insert(
        "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy".into(),
        serde_json::Value::Bool(true),
    );
    let doc = serde_json::json!({ "app": app, "context": context });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// Context value of a setting in cdk.json.
pub fn context_value(s: &Setting) -> serde_json::Value {
    match (&s.default, s.kind) {
        (Some(d), k) if k.is_number() => serde_json::Value::from(d.parse::<u64>().unwrap_or(1)),
        (Some(d), k) if k.is_list() => serde_json::Value::Array(
            d.split(',').filter(|x| !x.is_empty()).map(serde_json::Value::from).collect(),
        ),
        (Some(d), _) => serde_json::Value::from(d.clone()),
        (None, k) if k.is_list() => serde_json::Value::Array(Vec::new()),
        (None, _) => serde_json::Value::from(""),
    }
}

/// A CDK context key in the case the plan asks for (`environmentSuffix`).
pub fn context_key(model: &InfraModel, name: &str) -> String {
    match model.context_keys {
        crate::plan::KeyCase::Snake => name.to_string(),
        crate::plan::KeyCase::Camel => crate::export::text::camel(name),
    }
}
