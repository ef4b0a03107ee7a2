//! Golden files of every preset's bundle in every target, under
//! `tests/cases/<preset>/export/<target>/` with their real file names (rewrite with
//! `UPDATE_GOLDEN=1`). A file the export no longer writes is reported too (and
//! removed when updating), so the goldens are exactly the bundles.

mod support;

use std::path::Path;

use drplan::export::{export, Target};
use drplan::presets::PRESETS;
use support::{assert_all, cases_dir, check_golden, UPDATE_VAR};

fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) {
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

#[test]
fn every_preset_bundle_matches_its_golden_files() {
    let updating = std::env::var(UPDATE_VAR).is_ok_and(|v| v == "1");
    let mut results = Vec::new();
    for preset in PRESETS {
        let plan = preset.plan();
        for target in Target::ALL {
            let files = match export(&plan, target) {
                Ok(f) => f,
                Err(e) => {
                    results.push(Err(format!("{} {}: {e}", preset.id, target.id())));
                    continue;
                }
            };
            let relative_dir = format!("{}/export/{}", preset.id, target.id());
            for f in &files {
                results.push(check_golden(&format!("{relative_dir}/{}", f.path), &f.contents));
            }
            let dir = cases_dir().join(&relative_dir);
            let mut existing = Vec::new();
            files_under(&dir, &dir, &mut existing);
            for stale in existing.into_iter().filter(|e| !files.iter().any(|f| &f.path == e)) {
                if updating {
                    let _ = std::fs::remove_file(dir.join(&stale));
                } else {
                    results.push(Err(format!("{relative_dir}/{stale} is no longer exported (run with {UPDATE_VAR}=1 to remove it)")));
                }
            }
        }
    }
    assert_all(results);
}
