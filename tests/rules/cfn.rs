//! CloudFormation templates as the rules read them: YAML with short intrinsic tags
//! (`!Ref`, `!GetAtt`, `!Sub`, ...) turned into the JSON form CloudFormation itself
//! works on, or the JSON templates `cdk synth` writes.

use drplan::export::{GeneratedFile, Target};
use serde_json::{json, Map, Value};

/// One stack's template.
#[derive(Clone, Debug)]
pub struct Template {
    pub target: Target,
    /// `primary` or `dr`.
    pub stack: String,
    pub json: Value,
}

/// The templates of a CloudFormation bundle (`<stack>.yaml`).
pub fn templates_of(target: Target, files: &[GeneratedFile]) -> Vec<Template> {
    files
        .iter()
        .filter(|f| f.path.ends_with(".yaml") && !f.path.contains('/'))
        .map(|f| Template {
            target,
            stack: f.path.trim_end_matches(".yaml").to_string(),
            json: from_yaml(&f.contents).unwrap_or_else(|e| panic!("{}: {e}", f.path)),
        })
        .collect()
}

/// A template in YAML (short tags allowed) as JSON.
pub fn from_yaml(text: &str) -> Result<Value, String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    Ok(convert(value))
}

fn convert(v: serde_yaml::Value) -> Value {
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                json!(i)
            } else {
                json!(n.as_f64().unwrap_or(0.0))
            }
        }
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(convert).collect())
        }
        serde_yaml::Value::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    serde_yaml::Value::String(s) => s,
                    other => serde_yaml::to_string(&other).unwrap_or_default().trim().to_string(),
                };
                out.insert(key, convert(v));
            }
            Value::Object(out)
        }
        serde_yaml::Value::Tagged(tagged) => {
            let name = tagged.tag.to_string();
            let name = name.trim_start_matches('!');
            let inner = convert(tagged.value);
            match name {
                "Ref" => json!({ "Ref": inner }),
                "Condition" => json!({ "Condition": inner }),
                "GetAtt" => {
                    let parts = match inner {
                        Value::String(s) => match s.split_once('.') {
                            Some((a, b)) => json!([a, b]),
                            None => json!([s]),
                        },
                        other => other,
                    };
                    json!({ "Fn::GetAtt": parts })
                }
                other => json!({ format!("Fn::{other}"): inner }),
            }
        }
    }
}

impl Template {
    pub fn label(&self) -> String {
        format!("{} {}", self.target.id(), self.stack)
    }

    /// `(logical id, type, resource)` of every resource.
    pub fn resources(&self) -> Vec<(&str, &str, &Value)> {
        self.json
            .get("Resources")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(id, r)| {
                        (id.as_str(), r.get("Type").and_then(Value::as_str).unwrap_or(""), r)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn of_type(&self, ty: &str) -> Vec<(&str, &Value)> {
        self.resources()
            .into_iter()
            .filter(|(_, t, _)| *t == ty)
            .map(|(id, _, r)| (id, r))
            .collect()
    }

    pub fn resource(&self, id: &str) -> Option<&Value> {
        self.json.get("Resources")?.get(id)
    }

    pub fn parameters(&self) -> Vec<&str> {
        self.json
            .get("Parameters")
            .and_then(Value::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// A resource's property.
pub fn prop<'a>(resource: &'a Value, name: &str) -> Option<&'a Value> {
    resource.get("Properties")?.get(name)
}

/// The logical id a value refers to (`Ref` or `Fn::GetAtt`), if it is a reference.
pub fn referenced(value: &Value) -> Option<&str> {
    if let Some(r) = value.get("Ref").and_then(Value::as_str) {
        return Some(r);
    }
    value.get("Fn::GetAtt")?.get(0)?.as_str()
}

/// Whether a value is a plain literal (no intrinsic function anywhere in it).
pub fn is_literal(value: &Value) -> bool {
    match value {
        Value::Object(m) => {
            !m.keys().any(|k| k == "Ref" || k.starts_with("Fn::")) && m.values().all(is_literal)
        }
        Value::Array(items) => items.iter().all(is_literal),
        _ => true,
    }
}

/// Every logical id a value refers to, anywhere inside it (including `${X}` and
/// `${X.Attr}` in `Fn::Sub` strings).
pub fn references_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(m) => {
            for (k, v) in m {
                match k.as_str() {
                    "Ref" => out.extend(v.as_str().map(String::from)),
                    "Fn::GetAtt" => out.extend(v.get(0).and_then(Value::as_str).map(String::from)),
                    "Fn::Sub" => {
                        let text =
                            v.as_str().or_else(|| v.get(0).and_then(Value::as_str)).unwrap_or("");
                        for part in text.split("${").skip(1) {
                            if let Some(name) = part.split('}').next() {
                                if !name.starts_with('!') {
                                    out.push(name.split('.').next().unwrap_or(name).to_string());
                                }
                            }
                        }
                        references_in(v, out);
                    }
                    _ => references_in(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| references_in(i, out)),
        _ => {}
    }
}

/// A policy document's statements as a list.
pub fn statements(document: &Value) -> Vec<&Value> {
    match document.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    }
}

/// A field that may hold one value or a list, as a list.
pub fn as_list(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    }
}

/// Whether a statement allows `action` (or a wildcard covering it) to the service principal `service`.
pub fn allows_service(statement: &Value, service: &str, action: &str) -> bool {
    if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
        return false;
    }
    let principals = statement.get("Principal").and_then(|p| p.get("Service"));
    let names_service = as_list(principals).iter().any(|p| p.as_str() == Some(service));
    let actions = as_list(statement.get("Action"));
    let covers = actions.iter().filter_map(|a| a.as_str()).any(|a| action_matches(a, action));
    names_service && covers
}

/// IAM action matching: case-insensitive, `*` matches any suffix.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let p = pattern.to_ascii_lowercase();
    let a = action.to_ascii_lowercase();
    match p.strip_suffix('*') {
        Some(prefix) => a.starts_with(prefix),
        None => p == a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_become_intrinsic_functions() {
        let t = from_yaml("A: !Ref B\nC: !GetAtt D.Arn\nE: !Sub 'x-${F}'\nG: !Join ['', [a, b]]\n")
            .unwrap();
        assert_eq!(t["A"], json!({"Ref": "B"}));
        assert_eq!(t["C"], json!({"Fn::GetAtt": ["D", "Arn"]}));
        assert_eq!(t["E"], json!({"Fn::Sub": "x-${F}"}));
        assert_eq!(t["G"], json!({"Fn::Join": ["", ["a", "b"]]}));
        let mut refs = Vec::new();
        references_in(&t, &mut refs);
        assert_eq!(refs, vec!["B", "D", "F"]);
    }
}
