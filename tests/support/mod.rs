//! Shared helpers of the integration tests: golden-file comparison (single files and
//! whole bundles) and the worst plan shapes.

#![allow(dead_code)]

pub mod mutate;
pub mod shapes;

use std::path::{Path, PathBuf};

use drplan::plan::Plan;

/// Set this variable to rewrite golden files from the current output.
pub const UPDATE_VAR: &str = "UPDATE_GOLDEN";

pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("cases")
}

/// Compares `actual` with the golden file at `path` (relative to `tests/cases`), or
/// rewrites it when `UPDATE_GOLDEN=1`. Returns a description of a mismatch.
pub fn check_golden(relative: &str, actual: &str) -> Result<(), String> {
    check_golden_at(&cases_dir().join(relative), actual)
}

/// Compares `actual` with the golden file at `path`, or rewrites it when
/// `UPDATE_GOLDEN=1`. Returns a description of a mismatch.
pub fn check_golden_at(path: &Path, actual: &str) -> Result<(), String> {
    let actual = &without_version(actual);
    if std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1") {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: {e} (run with {UPDATE_VAR}=1 to create it)", path.display()))?;
    let expected = without_version(&expected);
    if expected == *actual {
        return Ok(());
    }
    let first_diff = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Err(format!(
        "{} differs at line {}:\n  expected: {:?}\n  actual:   {:?}\n(run with {UPDATE_VAR}=1 to accept the new output)",
        path.display(),
        first_diff + 1,
        expected.lines().nth(first_diff).unwrap_or("<end of file>"),
        actual.lines().nth(first_diff).unwrap_or("<end of file>"),
    ))
}

/// `drplan 1.2.3` → `drplan {version}`: goldens never hold the crate's version, so a
/// release does not rewrite them (goldens written before hold it and still match).
pub fn without_version(text: &str) -> String {
    const MARK: &str = "drplan ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        let len = after.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(after.len());
        // A sentence's full stop is not part of the version.
        let version = after[..len].trim_end_matches('.');
        let len = version.len();
        let semver = version.split('.').count() == 3
            && version.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        out.push_str(&rest[..at + MARK.len()]);
        if semver {
            out.push_str("{version}");
        } else {
            out.push_str(version);
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

/// Every file under `dir`, as paths relative to `base` with `/`.
pub fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// Compares a bundle's files (path, contents) with the golden folder `relative_dir`
/// (under `tests/cases`), file by file; a golden file the bundle no longer holds is a
/// mismatch too, removed when updating, so that the folder is exactly the bundle.
pub fn check_bundle<'a>(
    relative_dir: &str,
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<Result<(), String>> {
    let updating = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1");
    let files: Vec<(&str, &str)> = files.into_iter().collect();
    let mut results: Vec<Result<(), String>> = files
        .iter()
        .map(|(path, contents)| check_golden(&format!("{relative_dir}/{path}"), contents))
        .collect();
    let dir = cases_dir().join(relative_dir);
    let mut existing = Vec::new();
    files_under(&dir, &dir, &mut existing);
    for stale in existing.into_iter().filter(|e| !files.iter().any(|(p, _)| p == e)) {
        if updating {
            let _ = std::fs::remove_file(dir.join(&stale));
        } else {
            results.push(Err(format!(
                "{relative_dir}/{stale} is no longer exported (run with {UPDATE_VAR}=1 to remove it)"
            )));
        }
    }
    results
}

/// Runs every check and fails once, listing all mismatches.
pub fn assert_all(results: Vec<Result<(), String>>) {
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    assert!(
        failures.is_empty(),
        "{} golden mismatch(es):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The plan of the preset `id`.
pub fn preset(id: &str) -> Plan {
    drplan::presets::find(id).map(|p| p.plan()).expect("preset exists")
}

/// Every preset, changed by each of `edits` and changed back, through `check_in_turn`
/// (one engine's kept state over versions of a plan against that engine afresh).
pub fn check_each_preset_changed_and_back(
    edits: &[fn(&mut Plan)],
    check_in_turn: fn(&[Plan]) -> Result<(), String>,
) {
    for p in drplan::presets::PRESETS {
        let base = p.plan();
        for edit in edits {
            let mut changed = base.clone();
            edit(&mut changed);
            assert_eq!(
                check_in_turn(&[base.clone(), changed.clone(), base.clone()]),
                Ok(()),
                "{}",
                p.id
            );
        }
    }
}
