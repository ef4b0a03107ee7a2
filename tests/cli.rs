//! The `drplan` binary end to end: commands, formats, exit codes, and one clean line on
//! stderr for every kind of bad input.

use std::process::{Command, Output};

fn drplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drplan")).args(args).output().expect("run drplan")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("drplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn presets_lists_every_preset() {
    let o = drplan(&["presets"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    for p in drplan::presets::PRESETS {
        assert!(text.contains(p.id), "{}", p.id);
    }
}

#[test]
fn estimate_formats() {
    let table = drplan(&["estimate", "rds-pitr"]);
    assert!(table.status.success(), "{}", stderr(&table));
    let text = String::from_utf8_lossy(&table.stdout).into_owned();
    assert!(text.contains("Price sources:"));
    let costs = text.find("Total per month").unwrap();
    let recovery = text.find("Recovery (worst cases").expect("recovery section");
    assert!(recovery > costs, "the recovery section follows the costs");
    assert!(text.contains("DR strategy: backup_and_restore"));

    let json = drplan(&[
        "estimate",
        "rds-pitr",
        "--format",
        "json",
        "--prices",
        "aws-list-2026",
        "--months",
        "12",
    ]);
    assert!(json.status.success());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["price_sheet"], "aws-list-2026");
    assert_eq!(value["ledger"].as_array().unwrap().len(), 12);

    let recovery = &value["recovery"];
    assert_eq!(recovery["scenarios"].as_array().unwrap().len(), 4);
    assert_eq!(recovery["strategy"], "backup_and_restore");

    let csv = drplan(&["estimate", "rds-pitr", "--format", "csv"]);
    assert!(String::from_utf8_lossy(&csv.stdout).starts_with("component,item,quantity"));
    let ledger = drplan(&["estimate", "rds-pitr", "--format", "ledger-csv"]);
    assert_eq!(String::from_utf8_lossy(&ledger.stdout).lines().count(), 37);
}

#[test]
fn a_saved_plan_file_estimates_like_its_preset() {
    let plan = drplan::presets::find("multi-az-dr").unwrap().plan();
    let path = temp_file("plan.json", &plan.to_json_pretty());
    let from_file = drplan(&["estimate", path.to_str().unwrap(), "--format", "json"]);
    let from_preset = drplan(&["estimate", "multi-az-dr", "--format", "json"]);
    assert!(from_file.status.success());
    assert_eq!(from_file.stdout, from_preset.stdout);
}

#[test]
fn validate_reports_every_diagnostic() {
    let mut plan = drplan::presets::default_plan();
    plan.targets.rpo_minutes = 0;
    plan.components.push(plan.components[0].clone());
    let path = temp_file("invalid.json", &plan.to_json_pretty());
    let o = drplan(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("targets.rpo_minutes"), "{err}");
    assert!(err.contains("must be unique"), "{err}");
    assert!(drplan(&["validate", "photo-portfolio"]).status.success());
}

#[test]
fn bad_input_gives_one_line_and_no_panic() {
    let broken = temp_file("broken.json", "{\"schema_version\": 1, \"components\": [");
    let wrong_type =
        temp_file("wrong.json", "{\"schema_version\": 1, \"horizon_months\": \"soon\"}");
    let newer = temp_file("newer.json", "{\"schema_version\": 9}");
    let mut invalid_plan = drplan::presets::default_plan();
    invalid_plan.horizon_months = 500;
    let invalid = temp_file("invalid-estimate.json", &invalid_plan.to_json_pretty());
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["estimate", "/no/such/file.json"], 2, "cannot be read"),
        (vec!["estimate", "no-such-preset"], 2, "nor is it a preset"),
        (vec!["estimate", broken.to_str().unwrap()], 2, "not valid JSON"),
        (vec!["estimate", wrong_type.to_str().unwrap()], 2, "horizon_months"),
        (vec!["estimate", newer.to_str().unwrap()], 2, "schema_version"),
        (vec!["estimate", invalid.to_str().unwrap()], 1, "horizon_months"),
        (vec!["estimate", "rds-pitr", "--months", "0"], 2, "--months"),
        (vec!["estimate", "rds-pitr", "--prices", "cheap"], 2, "--prices"),
        (vec!["estimate", "rds-pitr", "--format", "xml"], 2, "--format"),
        (vec!["estimate"], 2, "needs a plan"),
        (vec!["frobnicate"], 2, "unknown command"),
    ];
    for (args, code, fragment) in cases {
        let o = drplan(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(fragment), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?} must print one line: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}
