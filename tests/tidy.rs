//! Tidy: ARCHITECTURE.md's invariants as a test (after rust-analyzer's `tidy.rs`).
//!
//! Each rule is a pure function from a file's path and text to its violations, so each
//! has a test that runs it on a snippet that breaks it. The rules:
//! - the core (everything under `src/` but `src/ui/`, `src/bin/` and `src/main.rs`)
//!   names no Leptos, `web_sys`, `std::fs`, `std::net`, `std::process`, and prints
//!   nothing;
//! - core code outside tests does not `unwrap`, `expect`, `panic!`, `unreachable!`,
//!   `todo!` or `unimplemented!` unless an `// invariant: <why>` comment says why it
//!   cannot happen, on that line or in the lines of the statement above it;
//! - every Rust file starts with `//!`;
//! - no source file is longer than 500 lines;
//! - an emitter's dispatch over the model's kinds has no catch-all arm
//!   (`tidy/dispatch.rs` says what a dispatch is);
//! - no module cycle between the core's top-level modules or between `export`'s
//!   submodules (`tidy/cycles.rs` builds the graphs) but the allow-listed ones;
//! - ARCHITECTURE.md's code map names every file and folder of `src/`.
//!
//! Allow-lists name today's offenders with the issue that removes them; they may only
//! shrink: an entry that no longer offends fails the test until it is deleted.

#[path = "tidy/cycles.rs"]
mod cycles;
#[path = "tidy/dispatch.rs"]
mod dispatch;
#[path = "tidy/lex.rs"]
mod lex;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Longest source file, in lines.
const MAX_FILE_LINES: usize = 500;

/// Files over `MAX_FILE_LINES` today (issue 11, item 2 splits them by concept).
const LONG_FILES: &[(&str, &str)] = &[];

/// Core files with unjustified panicking calls today, and how many (issue 11).
const PANIC_SITES: &[(&str, usize, &str)] = &[];

/// Emitters whose dispatch over the model's kinds ends in a catch-all today: the
/// attribute a reference reads falls back to a default for kinds not named (issue 11;
/// these files belong to the emitters' work of issue 13).
const DISPATCH_WILDCARDS: &[(&str, usize, &str)] =
    &[("src/export/cdk/build.rs", 1, "#11"), ("src/export/terraform/refs.rs", 1, "#11")];

/// Module cycles today, as `graph: modules` (sorted), with the issue that breaks them.
/// The test prints each cycle's edges and where each is used.
const MODULE_CYCLES: &[(&str, &str)] = &[
    ("cost: account backup", "#11"),
    ("export::cloudformation: network refs resources", "#13"),
    // Issue 13's backup-account builders (`account`, `account_replica`) joined the
    // builders' mesh through `build`, like every other family of the model; so did
    // issue 14's restore testing (`restore_testing`, `restore_validation`).
    ("export::model: account account_replica backup backup_function build config copy databases dynamodb existing groups interface lambda lambda_targets monitoring network options rds_export replication restore_testing restore_validation schedules storage", "#11"),
    ("export::terraform: conditional resources", "#13"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under `dir`, as paths relative to the crate root with `/`.
fn rust_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(root()).unwrap_or(&path);
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    out
}

fn sources() -> Vec<(String, String)> {
    rust_files(&root().join("src"))
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(root().join(&p)).unwrap_or_default();
            (p, text)
        })
        .collect()
}

/// Whether a file belongs to the pure core.
fn is_core(path: &str) -> bool {
    path.starts_with("src/")
        && !path.starts_with("src/ui/")
        && !path.starts_with("src/bin/")
        && path != "src/main.rs"
}

/// Test-only files, and the tail of a file from its first top-level `#[cfg(test)]`.
fn without_tests<'a>(path: &str, text: &'a str) -> &'a str {
    if path.ends_with("/tests.rs") || path.ends_with("_tests.rs") {
        return "";
    }
    match text.find("\n#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// A line's code, without a trailing `//` comment (a crude cut that may also drop the
/// end of a string holding `//`: it can only miss a violation, never invent one).
fn code_of(line: &str) -> &str {
    match line.find("//") {
        Some(at) => &line[..at],
        None => line,
    }
}

/// Violations as `path:line: message`.
type Violations = Vec<String>;

fn core_io(path: &str, text: &str) -> Violations {
    const FORBIDDEN: &[(&str, &str)] = &[
        ("leptos", "Leptos belongs to src/ui"),
        ("web_sys", "web_sys belongs to src/ui"),
        ("std::fs", "file IO belongs to the CLI"),
        ("std::net", "the core does no networking"),
        ("std::process", "processes belong to the CLI"),
        ("println!", "the core prints nothing"),
        ("eprintln!", "the core prints nothing"),
        ("print!", "the core prints nothing"),
        ("eprint!", "the core prints nothing"),
        ("dbg!", "the core prints nothing"),
    ];
    if !is_core(path) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (n, line) in without_tests(path, text).lines().enumerate() {
        let code = code_of(line);
        for (token, why) in FORBIDDEN {
            let at_word = code
                .match_indices(token)
                .any(|(i, _)| !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            if at_word {
                out.push(format!("{path}:{}: `{token}` in the core: {why}", n + 1));
            }
        }
    }
    out
}

/// Whether an `// invariant:` comment covers line `n`: on it, or above it within the
/// same statement (up to the previous line ending a statement or block) and the comment
/// block right before it.
fn justified(lines: &[&str], n: usize) -> bool {
    if lines[n].contains("// invariant:") {
        return true;
    }
    let mut i = n;
    while i > 0 && n - i < 8 {
        i -= 1;
        let line = lines[i].trim();
        if line.contains("// invariant:") {
            return true;
        }
        let ends_statement = line.ends_with(';') || line.ends_with('}') || line.is_empty();
        if !line.starts_with("//") && ends_statement {
            return false;
        }
    }
    false
}

fn panics(path: &str, text: &str) -> Violations {
    const CALLS: &[&str] =
        &[".unwrap()", ".expect(", "panic!(", "unreachable!(", "todo!(", "unimplemented!("];
    if !is_core(path) {
        return Vec::new();
    }
    let lines: Vec<&str> = without_tests(path, text).lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let code = code_of(line);
        for call in CALLS {
            if code.contains(call) && !justified(&lines, n) {
                out.push(format!(
                    "{path}:{}: `{}` without an `// invariant:` comment saying why it cannot fail",
                    n + 1,
                    call.trim_matches(|c| c == '.' || c == '(')
                ));
            }
        }
    }
    out
}

fn module_doc(path: &str, text: &str) -> Violations {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    if first.starts_with("//!") {
        Vec::new()
    } else {
        vec![format!("{path}:1: a module starts with a `//!` comment saying what it is for")]
    }
}

fn file_length(path: &str, text: &str) -> Violations {
    let lines = text.lines().count();
    if lines > MAX_FILE_LINES {
        vec![format!("{path}: {lines} lines, more than {MAX_FILE_LINES}: split it by concept")]
    } else {
        Vec::new()
    }
}

/// The variants of the export model's `Kind`, read once from its source.
fn model_kinds() -> &'static [String] {
    static KINDS: OnceLock<Vec<String>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let kinds_rs = std::fs::read_to_string(root().join("src/export/model/kinds.rs"));
        dispatch::kind_variants(&kinds_rs.unwrap_or_default())
    })
}

fn emitter_dispatch(path: &str, text: &str) -> Violations {
    dispatch::wildcard_dispatch(path, text, model_kinds())
}

/// The code map section of ARCHITECTURE.md.
fn code_map(architecture: &str) -> &str {
    let start = architecture.find("## Code map").unwrap_or(architecture.len());
    let rest = &architecture[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 3);
    &rest[..end]
}

/// Every folder of `files` must appear as `name/` and every file by its name (or its
/// path from `src/`) in the code map.
fn unmapped(files: &[String], map: &str) -> Violations {
    let mut out = Vec::new();
    let mut folders: Vec<String> = Vec::new();
    for file in files {
        let rel = file.trim_start_matches("src/");
        let name = rel.rsplit('/').next().unwrap_or(rel);
        if !map.contains(name) && !map.contains(rel) {
            out.push(format!("{file}: not in ARCHITECTURE.md's code map"));
        }
        let mut parts: Vec<&str> = rel.split('/').collect();
        parts.pop();
        for depth in 1..=parts.len() {
            let folder = format!("{}/", parts[..depth].join("/"));
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
    }
    for folder in folders {
        let last = folder.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if !map.contains(&format!("{last}/")) {
            out.push(format!("src/{folder}: not in ARCHITECTURE.md's code map"));
        }
    }
    out
}

/// Checks every source file with every per-file rule; `allowed` counts per path are
/// today's known offenders for `rule`.
fn run_rule(
    rule: fn(&str, &str) -> Violations,
    allowed: &BTreeMap<&str, usize>,
) -> (Violations, Violations) {
    let (mut fresh, mut stale) = (Vec::new(), Vec::new());
    let sources = sources();
    for (path, text) in &sources {
        let found = rule(path, text);
        let limit = allowed.get(path.as_str()).copied().unwrap_or(0);
        if found.len() > limit {
            fresh.extend(found);
        } else if found.len() < limit {
            stale.push(format!(
                "{path}: the allow-list expects {limit}, found {}: lower it",
                found.len()
            ));
        }
    }
    for path in allowed.keys() {
        if !sources.iter().any(|(p, _)| p == path) {
            stale.push(format!("{path}: allow-listed but gone: remove the entry"));
        }
    }
    (fresh, stale)
}

fn assert_tidy(rule: fn(&str, &str) -> Violations, allowed: BTreeMap<&str, usize>) {
    let (fresh, stale) = run_rule(rule, &allowed);
    assert!(fresh.is_empty(), "{} violation(s):\n{}", fresh.len(), fresh.join("\n"));
    assert!(stale.is_empty(), "stale allow-list entries:\n{}", stale.join("\n"));
}

#[test]
fn the_core_does_no_io_and_knows_no_ui() {
    assert_tidy(core_io, BTreeMap::new());
}

#[test]
fn the_core_says_why_it_cannot_panic() {
    assert_tidy(panics, PANIC_SITES.iter().map(|(p, n, _)| (*p, *n)).collect());
}

#[test]
fn every_module_says_what_it_is_for() {
    assert_tidy(module_doc, BTreeMap::new());
}

#[test]
fn no_file_is_too_long() {
    assert_tidy(file_length, LONG_FILES.iter().map(|(p, _)| (*p, 1)).collect());
}

#[test]
fn emitters_name_every_kind_they_dispatch_over() {
    assert!(model_kinds().len() > 20, "read the model's kinds: {:?}", model_kinds());
    assert_tidy(emitter_dispatch, DISPATCH_WILDCARDS.iter().map(|(p, n, _)| (*p, *n)).collect());
}

/// Each graph's cycles as `graph: a b c`, with the edges inside each.
fn module_cycles() -> Vec<(String, String)> {
    let core: Vec<(String, String)> = sources()
        .into_iter()
        .filter(|(p, _)| is_core(p))
        .map(|(p, t)| {
            let code = without_tests(&p, &t).to_string();
            (p, code)
        })
        .collect();
    let mut out = Vec::new();
    for scope in cycles::scopes(&core) {
        let name = if scope.is_empty() { "crate".to_string() } else { scope.join("::") };
        let edges = cycles::graph(&core, &scope);
        for cycle in cycles::cycles(&edges) {
            out.push((format!("{name}: {}", cycle.join(" ")), cycles::describe(&cycle, &edges)));
        }
    }
    out
}

#[test]
fn no_new_module_cycles() {
    let found = module_cycles();
    let allowed: Vec<&str> = MODULE_CYCLES.iter().map(|(c, _)| *c).collect();
    let within = |cycle: &str, entry: &str| {
        let (g, members) = cycle.split_once(": ").unwrap_or_default();
        let (eg, emembers) = entry.split_once(": ").unwrap_or_default();
        g == eg && members.split(' ').all(|m| emembers.split(' ').any(|e| e == m))
    };
    let fresh: Vec<String> = found
        .iter()
        .filter(|(c, _)| !allowed.iter().any(|a| within(c, a)))
        .map(|(c, edges)| format!("{c}\n{edges}"))
        .collect();
    assert!(fresh.is_empty(), "{} module cycle(s):\n{}", fresh.len(), fresh.join("\n"));
    let stale: Vec<&&str> =
        allowed.iter().filter(|a| !found.iter().any(|(c, _)| c == *a)).collect();
    assert!(stale.is_empty(), "allow-listed cycles that shrank or went: update them: {stale:?}");
}

#[test]
fn the_code_map_names_every_file_and_folder() {
    let architecture =
        std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let files = rust_files(&root().join("src"));
    let missing = unmapped(&files, code_map(&architecture));
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

// Each rule fails on a snippet that breaks it.

#[test]
fn core_io_rule_catches_io_ui_and_printing() {
    let snippet = "//! x\nuse std::fs;\nfn f() { println!(\"hi\"); }\nuse leptos::prelude::*;\n";
    let found = core_io("src/cost/x.rs", snippet);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("src/cost/x.rs:2:"), "{found:?}");
    // The UI and the CLI may; tests and comments may mention them.
    assert!(core_io("src/ui/x.rs", snippet).is_empty());
    assert!(core_io("src/bin/drplan/x.rs", snippet).is_empty());
    let tests = "//! x\n// std::fs is not used here\n#[cfg(test)]\nmod tests { use std::fs; }\n";
    assert!(core_io("src/cost/x.rs", tests).is_empty());
    assert_eq!(core_io("src/cost/x.rs", "fn f() { eprint!(\"x\"); }\n").len(), 1);
    assert!(core_io("src/cost/x.rs", "fn f() { my_print!(\"x\"); }\n").is_empty());
}

#[test]
fn panic_rule_asks_for_an_invariant_comment() {
    let bad = "fn f(v: &[u8]) -> u8 {\n    let x = v.first().unwrap();\n    *x\n}\n";
    assert_eq!(panics("src/plan/x.rs", bad).len(), 1);
    assert_eq!(panics("src/plan/x.rs", "fn f() { panic!(\"no\") }\n").len(), 1);
    assert_eq!(panics("src/plan/x.rs", "fn f() { unreachable!() }\n").len(), 1);
    assert_eq!(panics("src/plan/x.rs", "fn f(o: Option<u8>) { o.expect(\"x\"); }\n").len(), 1);
    let above = "fn f(v: &[u8]) -> u8 {\n    // invariant: v is never empty (checked by new)\n    *v.first().unwrap()\n}\n";
    assert!(panics("src/plan/x.rs", above).is_empty());
    let chained = "fn f(v: &[u8]) -> u8 {\n    // invariant: v holds 1\n    *v\n        .first()\n        .unwrap()\n}\n";
    assert!(panics("src/plan/x.rs", chained).is_empty());
    // A comment for the previous statement does not cover the next one.
    let stale = "fn f(v: &[u8]) {\n    // invariant: v holds 1\n    let a = v[0];\n    let b = v.last().unwrap();\n}\n";
    assert_eq!(panics("src/plan/x.rs", stale).len(), 1);
    assert!(panics("src/plan/x.rs", "fn f(o: Option<u8>) -> u8 { o.unwrap_or(0) }\n").is_empty());
    assert!(panics("src/ui/x.rs", bad).is_empty());
    assert!(panics("src/plan/tests.rs", bad).is_empty());
}

#[test]
fn module_doc_rule_wants_a_doc_comment_first() {
    assert_eq!(module_doc("src/x.rs", "use std::fmt;\n").len(), 1);
    assert_eq!(module_doc("src/x.rs", "// a plain comment\n").len(), 1);
    assert!(module_doc("src/x.rs", "\n//! What it is for.\nuse std::fmt;\n").is_empty());
}

#[test]
fn file_length_rule_counts_lines() {
    let long = "//! x\n".repeat(MAX_FILE_LINES + 1);
    assert_eq!(file_length("src/x.rs", &long).len(), 1);
    assert!(file_length("src/x.rs", &"//! x\n".repeat(MAX_FILE_LINES)).is_empty());
}

#[test]
fn code_map_rule_finds_missing_files_and_folders() {
    let map = "## Code map\n- `src/report/`: `table.rs`, `json.rs`.\n";
    let files = ["src/report/table.rs", "src/report/json.rs"].map(String::from);
    assert!(unmapped(&files, map).is_empty());
    let more = ["src/report/csv.rs", "src/view/mod.rs"].map(String::from);
    let missing = unmapped(&more, map);
    assert_eq!(missing.len(), 3, "{missing:?}"); // csv.rs, view/mod.rs and view/
    assert!(missing.iter().any(|m| m == "src/view/: not in ARCHITECTURE.md's code map"));
}

#[test]
fn allow_lists_only_shrink() {
    let allowed: BTreeMap<&str, usize> = [("src/no/such/file.rs", 1)].into_iter().collect();
    let (_, stale) = run_rule(file_length, &allowed);
    assert!(stale.iter().any(|s| s.contains("src/no/such/file.rs")), "{stale:?}");
}
