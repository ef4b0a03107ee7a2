//! Shared helpers of the integration tests: golden-file comparison and the worst plan
//! shapes.

#![allow(dead_code)]

pub mod shapes;

use std::path::{Path, PathBuf};

/// Set this variable to rewrite golden files from the current output.
pub const UPDATE_VAR: &str = "UPDATE_GOLDEN";

pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("cases")
}

/// Compares `actual` with the golden file at `path` (relative to `tests/cases`), or
/// rewrites it when `UPDATE_GOLDEN=1`. Returns a description of a mismatch.
pub fn check_golden(relative: &str, actual: &str) -> Result<(), String> {
    let path = cases_dir().join(relative);
    if std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1") {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (run with {UPDATE_VAR}=1 to create it)", path.display()))?;
    if expected == actual {
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
