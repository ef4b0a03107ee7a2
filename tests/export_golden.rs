//! Golden files of every preset's bundle in every target, under
//! `tests/cases/<preset>/export/<target>/` with their real file names (rewrite with
//! `UPDATE_GOLDEN=1`). A file the export no longer writes is reported too (and
//! removed when updating), so the goldens are exactly the bundles.

mod support;

use drplan::export::{export, Target};
use drplan::presets::PRESETS;
use support::{assert_all, check_bundle};

#[test]
fn every_preset_bundle_matches_its_golden_files() {
    let mut results = Vec::new();
    for preset in PRESETS {
        let plan = preset.plan();
        for target in Target::ALL {
            match export(&plan, target) {
                Ok(files) => results.extend(check_bundle(
                    &format!("{}/export/{}", preset.id, target.id()),
                    files.iter().map(|f| (f.path.as_str(), f.contents.as_str())),
                )),
                Err(e) => results.push(Err(format!("{} {}: {e}", preset.id, target.id()))),
            }
        }
    }
    assert_all(results);
}
