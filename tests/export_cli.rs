//! `drplan export` end to end: files written, exit codes, one-line errors.

use std::path::PathBuf;
use std::process::{Command, Output};

fn drplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drplan")).args(args).output().expect("run drplan")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drplan-export-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn writes_one_target() {
    let out = temp_dir("one");
    let o =
        drplan(&["export", "rds-pitr", "--target", "terraform", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("wrote"));
    for f in [
        "versions.tf",
        "providers.tf",
        "variables.tf",
        "outputs.tf",
        "terraform.tfvars.example",
        "README.md",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn writes_every_target_in_its_directory() {
    let out = temp_dir("all");
    let o =
        drplan(&["export", "s3-glacier-backup", "--target", "all", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in [
        "cdk-python/app.py",
        "cdk-typescript/bin/app.ts",
        "terraform/main.tf",
        "cloudformation/primary.yaml",
        "cloudformation/lambda/backup/handler.py",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn plan_files_export_like_their_preset() {
    let out = temp_dir("file");
    std::fs::create_dir_all(&out).unwrap();
    let plan = out.join("plan.json");
    std::fs::write(&plan, drplan::presets::find("multi-az-dr").unwrap().plan().to_json_pretty())
        .unwrap();
    let from_file = drplan(&[
        "export",
        plan.to_str().unwrap(),
        "--target",
        "cloudformation",
        "--out",
        out.join("a").to_str().unwrap(),
    ]);
    let from_preset = drplan(&[
        "export",
        "multi-az-dr",
        "--target",
        "cloudformation",
        "--out",
        out.join("b").to_str().unwrap(),
    ]);
    assert!(from_file.status.success() && from_preset.status.success());
    assert_eq!(
        std::fs::read(out.join("a/primary.yaml")).unwrap(),
        std::fs::read(out.join("b/primary.yaml")).unwrap()
    );
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn invalid_plans_exit_1_with_one_line() {
    let out = temp_dir("invalid");
    std::fs::create_dir_all(&out).unwrap();
    let plan = out.join("bad.json");
    std::fs::write(
        &plan,
        r#"{"schema_version": 1, "components": [{"kind": "s3_bucket", "id": "Bad Id"}]}"#,
    )
    .unwrap();
    let o = drplan(&[
        "export",
        plan.to_str().unwrap(),
        "--target",
        "terraform",
        "--out",
        out.join("x").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("invalid plan") && err.contains("components[0].id"), "{err}");
    assert!(!out.join("x").exists(), "nothing is written for an invalid plan");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        vec!["export"],
        vec!["export", "rds-pitr"],
        vec!["export", "rds-pitr", "--target", "terraform"],
        vec!["export", "rds-pitr", "--target", "pulumi", "--out", "/tmp/x"],
        vec!["export", "rds-pitr", "--target", "terraform", "--out", "/tmp/x", "--frobnicate"],
        vec!["export", "no-such-plan.json", "--target", "terraform", "--out", "/tmp/x"],
        vec!["export", "rds-pitr", "extra", "--target", "terraform", "--out", "/tmp/x"],
    ] {
        let o = drplan(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{args:?}");
    }
}

#[test]
fn usage_lists_export() {
    let o = drplan(&["--help"]);
    assert!(String::from_utf8_lossy(&o.stdout)
        .contains("drplan export <PLAN.json | PRESET-ID> --target"));
}
