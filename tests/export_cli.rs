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

// Safe export (issue 8, item 5).

fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.file_type().unwrap().is_dir() {
                stack.push((e.path(), format!("{rel}/")));
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

fn export_to(source: &str, target: &str, out: &std::path::Path, force: bool) -> Output {
    let mut args = vec!["export", source, "--target", target, "--out", out.to_str().unwrap()];
    if force {
        args.push("--force");
    }
    drplan(&args)
}

#[test]
fn a_non_empty_folder_is_refused_and_left_alone() {
    let out = temp_dir("non-empty");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("main.tf"), "# mine").unwrap();
    let o = export_to("rds-pitr", "terraform", &out, false);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not empty") && stderr(&o).contains("--force"),
        "{}",
        stderr(&o)
    );
    // --force replaces only a previous drplan export, never files drplan did not write.
    let o = export_to("rds-pitr", "terraform", &out, true);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("drplan did not write"), "{}", stderr(&o));
    assert_eq!(listing(&out), ["main.tf"]);
    assert_eq!(std::fs::read_to_string(out.join("main.tf")).unwrap(), "# mine");
    let _ = std::fs::remove_dir_all(out);
}

/// Re-exporting a different plan once left the old plan's files beside the new ones
/// (Terraform then loaded both).
#[test]
fn forcing_a_re_export_leaves_no_stale_file_and_keeps_the_users_own() {
    let out = temp_dir("re-export");
    assert!(export_to("photo-portfolio", "terraform", &out, false).status.success());
    let old = listing(&out);
    std::fs::write(out.join("terraform.tfvars"), "region = \"x\"").unwrap();
    std::fs::create_dir_all(out.join(".terraform")).unwrap();
    std::fs::write(out.join(".terraform/state"), "mine").unwrap();
    let o = export_to("rds-pitr", "terraform", &out, true);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut expected: Vec<String> = drplan::export::export(
        &drplan::presets::find("rds-pitr").unwrap().plan(),
        drplan::export::Target::Terraform,
    )
    .unwrap()
    .into_iter()
    .map(|f| f.path)
    .chain([".drplan-export.json", ".terraform/state", "terraform.tfvars"].map(String::from))
    .collect();
    expected.sort();
    assert_eq!(listing(&out), expected);
    assert_ne!(old, expected, "the two plans' bundles differ");
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn symbolic_links_are_never_followed() {
    let base = temp_dir("links");
    let elsewhere = base.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("precious.txt"), "keep").unwrap();
    // --out itself a link.
    let link = base.join("out-link");
    std::os::unix::fs::symlink(&elsewhere, &link).unwrap();
    let o = export_to("rds-pitr", "terraform", &link, true);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("symbolic link"), "{}", stderr(&o));
    assert_eq!(listing(&elsewhere), ["precious.txt"]);
    // A file of a previous export replaced by a link out of the folder.
    let out = base.join("out");
    assert!(export_to("rds-pitr", "terraform", &out, false).status.success());
    std::fs::remove_file(out.join("main.tf")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("precious.txt"), out.join("main.tf")).unwrap();
    let o = export_to("rds-pitr", "terraform", &out, true);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(elsewhere.join("precious.txt")).unwrap(), "keep");
    assert!(!std::fs::symlink_metadata(out.join("main.tf")).unwrap().file_type().is_symlink());
    let _ = std::fs::remove_dir_all(base);
}

#[test]
fn an_empty_out_path_is_refused() {
    let o = drplan(&["export", "rds-pitr", "--target", "terraform", "--out", ""]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--out is empty"), "{}", stderr(&o));
}

/// A failed export leaves nothing: not the folder, not a temporary one beside it.
#[test]
fn a_failed_export_leaves_nothing_behind() {
    let base = temp_dir("failed");
    std::fs::create_dir_all(&base).unwrap();
    // A name the file system refuses once the temporary suffix is added.
    let too_long = base.join("x".repeat(240));
    let o = export_to("rds-pitr", "all", &too_long, false);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(listing(&base).is_empty(), "{:?}", listing(&base));
    // An invalid plan writes nothing either.
    let bad = base.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"schema_version": 1, "components": [{"kind": "s3_bucket", "id": "Bad"}]}"#,
    )
    .unwrap();
    let o = export_to(bad.to_str().unwrap(), "terraform", &base.join("out"), false);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(listing(&base), ["bad.json"]);
    let _ = std::fs::remove_dir_all(base);
}
