//! The emitters' dispatch over the model's kinds names every kind.
//!
//! A dispatch is a `match` in a file that renders the export model (`src/export/`
//! outside `model/`) whose arms name at least `DISPATCH_SHARE` of the variants of the
//! model's resource enum `Kind` (`src/export/model/kinds.rs`). It must not end in a
//! catch-all arm (`_`, `_ if …`, or a bare binding such as `other`): a new kind would
//! compile and silently vanish from that target. A query that asks about a few kinds
//! (`Kind::Bucket(_) => …, _ => None`) is not a dispatch and may keep its wildcard.

use super::lex::{alternatives, mask, matches};
use super::Violations;

/// A match naming at least this share (numerator, denominator) of `Kind`'s variants
/// dispatches over the kinds. A query names a handful; a dispatch split in two halves
/// (how kinds were once dropped) still names half in each.
const DISPATCH_SHARE: (usize, usize) = (1, 3);

/// Whether a file renders the export model.
pub fn renders_model(path: &str) -> bool {
    path.starts_with("src/export/") && !path.starts_with("src/export/model/")
}

/// The variants of `pub enum Kind` in `kinds_rs`.
pub fn kind_variants(kinds_rs: &str) -> Vec<String> {
    let masked = mask(kinds_rs);
    let Some(start) = masked.find("pub enum Kind {") else { return Vec::new() };
    let body = &masked[start + "pub enum Kind {".len()..];
    let body = &body[..body.find('}').unwrap_or(body.len())];
    body.split(',')
        .filter_map(|v| v.split('(').next())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && !v.starts_with('#'))
        .collect()
}

/// The `Kind` variant an alternative names (`Kind::Bucket(b)`, `&Kind::Key { .. }`,
/// `model::Kind::Role(_)`), if any.
fn kind_named(alternative: &str) -> Option<&str> {
    let at = alternative.find("Kind::")?;
    let before = alternative[..at].chars().last();
    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None; // ParamKind::, LookupKind::
    }
    let rest = &alternative[at + "Kind::".len()..];
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// Whether an alternative matches anything: `_` or a bare binding (`other`, `k @ _`).
fn catch_all(alternative: &str) -> bool {
    let a = alternative.trim_start_matches("ref ").trim_start_matches("mut ").trim();
    let a = a.split_once('@').map_or(a, |(_, p)| p.trim());
    a == "_"
        || (a.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            && a.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !["true", "false"].contains(&a))
}

/// Catch-all arms of dispatches over `variants` in `text`.
pub fn wildcard_dispatch(path: &str, text: &str, variants: &[String]) -> Violations {
    if !renders_model(path) || variants.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let code = mask(super::without_tests(path, text));
    for m in matches(&code) {
        let mut named: Vec<&str> = m
            .arms
            .iter()
            .flat_map(|(p, _)| alternatives(p))
            .filter_map(kind_named)
            .filter(|v| variants.iter().any(|k| k == v))
            .collect();
        named.sort_unstable();
        named.dedup();
        let (num, den) = DISPATCH_SHARE;
        if named.len() * den < variants.len() * num {
            continue;
        }
        for (pattern, line) in &m.arms {
            if alternatives(pattern).iter().any(|a| catch_all(a)) {
                out.push(format!(
                    "{path}:{line}: `{pattern} =>` in a dispatch over the model's kinds (the match at line {} names {} of {} kinds): name each kind, so that a new one does not compile until this emitter handles it",
                    m.line,
                    named.len(),
                    variants.len()
                ));
            }
        }
    }
    out
}

#[test]
fn dispatch_rule_refuses_a_wildcard_over_the_kinds() {
    let kinds: Vec<String> =
        ["Key", "Bucket", "Role", "Table", "Topic", "Vpc"].map(String::from).into();
    let split = r#"//! x
fn emit(r: &Resource) -> Vec<String> {
    match &r.kind {
        Kind::Key(k) => key(k),
        Kind::Bucket(b) => { bucket(b) }
        model::Kind::Role(x) | Kind::Table(x) if x.ok() => role(x),
        // a comment with `_ =>` and a string "}" do not confuse it
        _ => Vec::new(),
    }
}
"#;
    let found = wildcard_dispatch("src/export/terraform/x.rs", split, &kinds);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("src/export/terraform/x.rs:8: `_ =>`"), "{found:?}");
    let bound = split.replace("_ => Vec::new()", "other => skip(other)");
    assert_eq!(wildcard_dispatch("src/export/cdk/x.rs", &bound, &kinds).len(), 1);
    let guarded =
        split.replace("_ => Vec::new()", "_ if r.skip => Vec::new(),\n        _ => all()");
    assert_eq!(wildcard_dispatch("src/export/cdk/x.rs", &guarded, &kinds).len(), 2);
    // Every kind named: fine. A query about one kind, the model itself and other
    // enums (`ParamKind`) may keep a wildcard.
    let full = split.replace("_ => Vec::new()", "Kind::Topic(_) | Kind::Vpc(_) => Vec::new()");
    assert!(wildcard_dispatch("src/export/cdk/x.rs", &full, &kinds).is_empty());
    let query =
        "fn arn(k: &Kind) -> Option<u8> { match k { Kind::Key(_) => Some(1), _ => None } }\n";
    assert!(wildcard_dispatch("src/export/cdk/x.rs", query, &kinds).is_empty());
    assert!(wildcard_dispatch("src/export/model/x.rs", split, &kinds).is_empty());
    let other = split.replace("Kind::", "ParamKind::");
    assert!(wildcard_dispatch("src/export/cdk/x.rs", &other, &kinds).is_empty());
    // Nested matches are seen on their own; the variants come from the enum's source.
    let nested = format!(
        "fn f() {{ match a {{ A => 1, _ => match b {{ {} }} }} }}\n",
        "Kind::Key(_) => 1, Kind::Role(_) | Kind::Vpc(_) => 2, _ => 3"
    );
    assert_eq!(wildcard_dispatch("src/export/cdk/x.rs", &nested, &kinds).len(), 1);
    let enum_src = "//! k\npub enum Kind {\n    Key(Key),\n    Bucket(Bucket),\n}\n";
    assert_eq!(kind_variants(enum_src), ["Key", "Bucket"]);
}
