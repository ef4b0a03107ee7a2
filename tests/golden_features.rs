//! Per-feature golden cases: one small plan per feature of the plan model (S3
//! lifecycle tiers, versioning and replication; each backup kind; each operational
//! kind) in `tests/cases/<feature>/plan.json`, and the all-options plan
//! (`tests/iac/plans/all-options.json`, outputs in `tests/cases/all-options/`). Each
//! case's outputs sit beside its plan under their real names: the estimate as the CLI
//! prints it (`estimate.txt`, `estimate.json`), the recovery report (`recovery.txt`,
//! `recovery.json`) and every target's bundle (`export/<target>/…`). A change to one
//! feature's output rewrites that feature's files, not every preset's. Add a case by
//! adding a folder with a `plan.json`; rewrite the outputs with `UPDATE_GOLDEN=1`.

mod support;

use drplan::export::{export, Target};
use drplan::plan::{parse_plan, validate, ComponentKind, Plan, Severity};
use drplan::{cost, recovery, report};
use support::{assert_all, cases_dir, check_bundle, check_golden};

const ALL_OPTIONS: &str = include_str!("iac/plans/all-options.json");

/// The feature cases (folders of `tests/cases` holding a `plan.json`), by name.
fn feature_cases() -> Vec<(String, Result<Plan, String>)> {
    let mut names: Vec<String> = std::fs::read_dir(cases_dir())
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().join("plan.json").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = cases_dir().join(&name).join("plan.json");
            let plan = std::fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|text| parse_plan(&text).map_err(|e| format!("{e:?}")));
            (name, plan)
        })
        .collect()
}

/// Every case with its plan, the all-options plan last.
fn all_cases() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> = feature_cases()
        .into_iter()
        .map(|(name, plan)| {
            let plan = plan.unwrap_or_else(|e| panic!("{name}/plan.json: {e}"));
            (name, plan)
        })
        .collect();
    out.push(("all-options".into(), parse_plan(ALL_OPTIONS).expect("all-options plan parses")));
    out
}

fn errors(plan: &Plan) -> Vec<String> {
    validate(plan)
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{d:?}"))
        .collect()
}

#[test]
fn every_component_kind_has_a_valid_feature_case() {
    let cases = feature_cases();
    assert!(cases.len() >= ComponentKind::ALL.len(), "{} cases", cases.len());
    let (mut covered, mut wrong) = (Vec::new(), Vec::new());
    for (name, plan) in &cases {
        let plan = match plan {
            Ok(plan) => plan,
            Err(e) => {
                wrong.push(format!("{name}/plan.json: {e}"));
                continue;
            }
        };
        if !errors(plan).is_empty() {
            wrong.push(format!("{name} is not a valid plan: {:#?}", errors(plan)));
        }
        if plan.notes.is_empty() {
            wrong.push(format!("{name}: say in a note what the case shows"));
        }
        if drplan::presets::find(name).is_some() || name == "all-options" {
            wrong.push(format!("{name}: a preset's (or the all-options plan's) golden folder"));
        }
        // Small: a case shows one feature, with what it needs around it.
        if plan.components.len() > 4 {
            wrong.push(format!("{name} has {} components", plan.components.len()));
        }
        covered.extend(plan.components.iter().map(|c| c.kind()));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for kind in ComponentKind::ALL {
        assert!(covered.contains(&kind), "no feature case in tests/cases uses {kind:?}");
    }
}

#[test]
fn feature_estimates_and_recovery_match_golden_files() {
    let mut results = Vec::new();
    for (name, plan) in all_cases() {
        let diagnostics = validate(&plan);
        let estimate = cost::estimate(&plan);
        let rec = recovery::report(&plan, &estimate);
        let text = report::estimate_table(&plan, &estimate, &diagnostics, Some(&rec));
        results.push(check_golden(&format!("{name}/estimate.txt"), &text));
        let json = report::estimate_json(&plan, &estimate, &diagnostics, Some(&rec));
        results.push(check_golden(&format!("{name}/estimate.json"), &json));
        results.push(check_golden(&format!("{name}/recovery.txt"), &report::recovery_table(&rec)));
        results.push(check_golden(&format!("{name}/recovery.json"), &report::recovery_json(&rec)));
    }
    assert_all(results);
}

/// The Lambda handlers a bundle copies verbatim (`src/export/assets/`).
fn assets() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/export/assets");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.extend(std::fs::read_to_string(entry.path()));
    }
    out
}

/// Every file of every case's bundle, but verbatim copies of the Lambda handlers:
/// a golden of `include_str!` would only match itself (the handlers have their own
/// tests, and the presets' goldens hold a copy where each bundle puts it).
#[test]
fn feature_bundles_match_golden_files() {
    let assets = assets();
    assert!(assets.len() >= 2, "read the handlers of src/export/assets");
    let mut results = Vec::new();
    for (name, plan) in all_cases() {
        for target in Target::ALL {
            match export(&plan, target) {
                Ok(files) => results.extend(check_bundle(
                    &format!("{name}/export/{}", target.id()),
                    files
                        .iter()
                        .filter(|f| !assets.contains(&f.contents))
                        .map(|f| (f.path.as_str(), f.contents.as_str())),
                )),
                Err(e) => results.push(Err(format!("{name} {}: {e}", target.id()))),
            }
        }
    }
    assert_all(results);
}
