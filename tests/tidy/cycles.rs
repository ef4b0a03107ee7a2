//! Module cycles: for the crate and for every module with submodules (`export`,
//! `export::model`, `recovery`, …), the graph of the paths (`crate::`, `super::`,
//! `self::`, a child module's name) by which its children's code outside tests uses
//! its other children. The module's own file (`export/mod.rs`) is not a node: a
//! parent that declares what its children share and calls them is how Rust modules
//! are built. A cycle is a set of children each reachable from every other (a
//! strongly connected component); each is printed with the edges inside it and the
//! first place each edge is used.

use std::collections::{BTreeMap, BTreeSet};

use super::lex::mask;

/// A graph's edges (from, to) with the first `path:line` using each.
pub type Edges = BTreeMap<(String, String), String>;

/// A file's module path: `src/plan/validate/data.rs` → `plan::validate::data`,
/// `src/plan/mod.rs` → `plan`, `src/lib.rs` → the crate root (empty).
pub fn module_of(path: &str) -> Vec<String> {
    let rel = path.trim_start_matches("src/").trim_end_matches(".rs");
    let mut parts: Vec<String> = rel.split('/').map(String::from).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn ident_len(s: &str) -> usize {
    s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len())
}

/// The paths a `use` tree or path at the start of `s` names, each as segments
/// (`{a::b, c}` gives `a::b` and `c`).
fn paths_at(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let s = s.trim_start();
    if let Some(group) = s.strip_prefix('{') {
        let (mut depth, mut last) = (0i32, 0);
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    paths_at(&group[last..i], prefix, out);
                    return;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    paths_at(&group[last..i], prefix, out);
                    last = i + 1;
                }
                _ => {}
            }
        }
        return;
    }
    let len = ident_len(s);
    if len == 0 {
        if !prefix.is_empty() {
            out.push(prefix.to_vec());
        }
        return;
    }
    let mut path = prefix.to_vec();
    path.push(s[..len].to_string());
    match s[len..].strip_prefix("::") {
        Some(rest) => paths_at(rest, &path, out),
        None => out.push(path),
    }
}

/// The absolute module paths a file's code refers to, with their lines.
pub fn references(
    path: &str,
    text: &str,
    modules: &BTreeSet<Vec<String>>,
) -> Vec<(Vec<String>, usize)> {
    let here = module_of(path);
    let code = mask(text);
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts_word =
            i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b':');
        let len = ident_len(&code[i..]);
        if !starts_word || len == 0 || !code[i + len..].starts_with("::") {
            i += len.max(1);
            continue;
        }
        let word = &code[i..i + len];
        // The module the path starts from, and where its remaining segments begin.
        let (mut base, mut rest) = (None, i + len + 2);
        match word {
            "crate" => base = Some(Vec::new()),
            "self" => base = Some(here.clone()),
            "super" => {
                let mut m = here.clone();
                m.pop();
                while code[rest..].starts_with("super::") {
                    m.pop();
                    rest += "super::".len();
                }
                base = Some(m);
            }
            _ => {
                let mut child = here.clone();
                child.push(word.to_string());
                if modules.contains(&child) {
                    (base, rest) = (Some(here.clone()), i);
                }
            }
        }
        if let Some(base) = base {
            let line = code[..i].bytes().filter(|&c| c == b'\n').count() + 1;
            let mut found = Vec::new();
            paths_at(&code[rest..], &base, &mut found);
            out.extend(found.into_iter().map(|p| (p, line)));
            // Skip the whole path so its inner segments are not read again.
            rest += ident_len(&code[rest..]).max(1);
        }
        i = rest.max(i + len);
    }
    out
}

/// The longest prefix of `path` that is a module.
fn module_prefix(path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
        .unwrap_or_default()
}

/// The node of a module in the graph of `scope`'s children (`[]` for the crate's
/// top-level modules, `["export"]` for export's): the child it lies in; `None` for
/// the scope's own file and outside the scope.
pub fn node(module: &[String], scope: &[String]) -> Option<String> {
    module.strip_prefix(scope)?.first().cloned()
}

/// Every module with submodules among `files`, the crate first.
pub fn scopes(files: &[(String, String)]) -> Vec<Vec<String>> {
    let mut out: BTreeSet<Vec<String>> = BTreeSet::new();
    for (path, _) in files {
        let mut m = module_of(path);
        while m.pop().is_some() {
            out.insert(m.clone());
        }
    }
    out.into_iter().collect()
}

/// The edges between `scope`'s children over `files` (path, text).
pub fn graph(files: &[(String, String)], scope: &[String]) -> Edges {
    let modules: BTreeSet<Vec<String>> = files
        .iter()
        .flat_map(|(p, _)| {
            let m = module_of(p);
            (0..=m.len()).map(move |n| m[..n].to_vec())
        })
        .collect();
    let mut edges = Edges::new();
    for (path, text) in files {
        let Some(from) = node(&module_of(path), scope) else { continue };
        for (target, line) in references(path, text, &modules) {
            let target = module_prefix(&target, &modules);
            let Some(to) = node(&target, scope) else { continue };
            if to != from && !target.is_empty() {
                edges.entry((from.clone(), to)).or_insert_with(|| format!("{path}:{line}"));
            }
        }
    }
    edges
}

/// The cycles of a graph: its strongly connected components of two modules or more,
/// each as sorted names.
pub fn cycles(edges: &Edges) -> Vec<Vec<String>> {
    let nodes: BTreeSet<&String> = edges.keys().flat_map(|(a, b)| [a, b]).collect();
    let reach = |from: &String| {
        let mut seen = BTreeSet::from([from.clone()]);
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for (_, to) in edges.keys().filter(|(a, _)| *a == n) {
                if seen.insert(to.clone()) {
                    todo.push(to.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for n in &nodes {
        let component: Vec<String> = nodes
            .iter()
            .filter(|m| reaches[*n].contains(**m) && reaches[*m].contains(*n))
            .map(|m| (*m).clone())
            .collect();
        if component.len() > 1 && !out.contains(&component) {
            out.push(component);
        }
    }
    out
}

/// A cycle's edges with where each is used, one per line.
pub fn describe(cycle: &[String], edges: &Edges) -> String {
    edges
        .iter()
        .filter(|((a, b), _)| cycle.contains(a) && cycle.contains(b))
        .map(|((a, b), at)| format!("    {a} → {b} ({at})"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn cycle_rule_finds_modules_that_use_each_other() {
    let files: Vec<(String, String)> = [
        ("src/a/mod.rs", "//! a\nmod inner;\nuse crate::b::B;\n"),
        ("src/a/inner.rs", "//! in a\npub fn f() {}\n"),
        ("src/b.rs", "//! b\nuse crate::{c::C, a::inner::f};\n"),
        ("src/c.rs", "//! c: a comment naming crate::b and a string do not count\nconst S: &str = \"crate::a::x\";\n"),
        ("src/x/mod.rs", "//! x calls its children: not a cycle\npub fn g() { left::l(); right::r(); }\n"),
        ("src/x/left.rs", "//! l\npub fn l() { super::right::r() }\n"),
        ("src/x/right.rs", "//! r\npub fn r() { super::g(); self::s() }\nfn s() {}\n"),
    ]
    .map(|(p, t)| (p.to_string(), t.to_string()))
    .into();
    let top = graph(&files, &[]);
    assert_eq!(cycles(&top), [["a", "b"]]);
    assert!(describe(&["a".into(), "b".into()], &top).contains("b → a (src/b.rs:2)"));
    let x = graph(&files, &["x".to_string()]);
    assert_eq!(x.keys().collect::<Vec<_>>(), [&("left".to_string(), "right".to_string())]);
    assert!(cycles(&x).is_empty());
    let mut tangled = files.clone();
    tangled[6].1.push_str("use super::left;\n");
    let x = graph(&tangled, &["x".to_string()]);
    assert_eq!(cycles(&x), [["left", "right"]]);
    assert_eq!(scopes(&files), [vec![], vec!["a".to_string()], vec!["x".to_string()]]);
}
