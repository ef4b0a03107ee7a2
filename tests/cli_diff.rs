//! `drplan diff` and `drplan check` as CI runs them (issue 12, item 8): the comparison
//! of two plans as a table, JSON and Markdown for a pull-request comment (goldens, one
//! folder per case under `tests/diff/`), and the gates' exit codes.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn drplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drplan")).args(args).output().expect("run drplan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("diff");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("tests/diff")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// Every case folder holds `base.json` and `new.json`; the table, Markdown and JSON
/// renderings of their comparison are its goldens.
#[test]
fn diff_goldens() {
    let mut results = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 3, "{cases:?}");
    for case in cases {
        let (base, new) = (case.join("base.json"), case.join("new.json"));
        let (base, new) = (base.to_str().unwrap(), new.to_str().unwrap());
        for (flag, file) in
            [(None, "diff.txt"), (Some("--markdown"), "diff.md"), (Some("--json"), "diff.json")]
        {
            let mut args = vec!["diff", base, new];
            args.extend(flag);
            let o = drplan(&args);
            assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
            let text = stdout(&o);
            results.push(support::check_golden_at(&case.join(file), &text));
        }
    }
    support::assert_all(results);
}

#[test]
fn diff_shows_what_a_reviewer_needs() {
    let case = cases().into_iter().find(|c| c.ends_with("add-replication")).unwrap();
    let (base, new) = (case.join("base.json"), case.join("new.json"));
    let o = drplan(&["diff", base.to_str().unwrap(), new.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // Replication makes the region-loss scenario recoverable and costs more.
    assert!(v["monthly_total"]["delta_usd"].as_f64().unwrap() > 0.0, "{v}");
    let changes = v["verdict_changes"].as_array().unwrap();
    assert!(
        changes.iter().any(|c| c["scenario"] == "region_loss"
            && c["meets_before"] == false
            && c["meets_after"] == true),
        "{v}"
    );
    assert_eq!(v["recovery"].as_array().unwrap().len(), 8);
    let added = v["components"].as_array().unwrap().iter().find(|c| c["id"] == "alerts").unwrap();
    assert!(added["before_usd"].is_null(), "{added}");
    assert!(v["lines"].as_array().unwrap().iter().any(|l| l["price_id"] == "s3.replication.data"));
}

/// Plan text cannot add markup, links, cells or headings to a pull-request comment.
#[test]
fn markdown_escapes_plan_text() {
    let case = cases().into_iter().find(|c| c.ends_with("hostile-names")).unwrap();
    let o = drplan(&[
        "diff",
        case.join("base.json").to_str().unwrap(),
        case.join("new.json").to_str().unwrap(),
        "--markdown",
    ]);
    let md = stdout(&o);
    let title = md.lines().next().unwrap();
    // Every character that starts markup is escaped where plan text put it.
    let chars: Vec<char> = title.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if "<>[]*`&|~_".contains(*c) {
            assert_eq!(chars.get(i.wrapping_sub(1)), Some(&'\\'), "{c} unescaped in {title}");
        }
    }
    assert!(title.contains("\\<img") && title.contains("\\| cell"), "{title}");
    assert!(md.lines().filter(|l| l.starts_with('#')).count() <= 4, "{md}");
}

#[test]
fn diff_refuses_bad_arguments_and_invalid_plans() {
    let mut invalid = drplan::presets::default_plan();
    invalid.horizon_months = 500;
    let dir = std::env::temp_dir().join(format!("drplan-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("invalid.json");
    std::fs::write(&path, invalid.to_json_pretty()).unwrap();
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["diff", "rds-pitr"], 2, "needs two plans"),
        (vec!["diff", "rds-pitr", "nope"], 2, "nor is it a preset"),
        (vec!["diff", "rds-pitr", "rds-pitr", "--format", "html"], 2, "--format"),
        (vec!["diff", "rds-pitr", "rds-pitr", "--json", "--markdown"], 2, "cannot be used with"),
        (vec!["diff", "rds-pitr", path.to_str().unwrap()], 1, "horizon_months"),
    ];
    for (args, code, fragment) in cases {
        let o = drplan(&args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(fragment), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{args:?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn check_gates_exit_non_zero_when_one_fails() {
    // s3-glacier-backup costs $17.19 a month and cannot recover from an account compromise.
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["check", "s3-glacier-backup"], 0, "all 1 gate(s) passed"),
        (
            vec!["check", "s3-glacier-backup", "--max-monthly-usd", "100"],
            0,
            "pass  max-monthly-usd",
        ),
        (
            vec!["check", "s3-glacier-backup", "--max-monthly-usd", "17.18"],
            3,
            "FAIL  max-monthly-usd",
        ),
        (
            vec!["check", "s3-glacier-backup", "--max-monthly-usd", "17.19"],
            0,
            "pass  max-monthly-usd",
        ),
        (
            vec!["check", "s3-glacier-backup", "--require-targets"],
            3,
            "FAIL  require-targets: misses: compromise of the account",
        ),
        (
            vec!["check", "s3-glacier-backup", "--max-monthly-usd", "1,000", "--require-targets"],
            3,
            "1 of 3 gate(s) failed",
        ),
    ];
    for (args, code, fragment) in cases {
        let o = drplan(&args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}{}", stdout(&o), stderr(&o));
        assert!(stdout(&o).contains(fragment), "{args:?}: {}", stdout(&o));
    }
    let o = drplan(&["check", "s3-glacier-backup", "--require-targets", "--format", "json"]);
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["gates"][1]["gate"], "require-targets");
}

#[test]
fn check_refuses_bad_budgets_and_fails_invalid_plans() {
    for bad in ["-5", "1e3", "ten", "1,5", ""] {
        let o = drplan(&["check", "rds-pitr", "--max-monthly-usd", bad]);
        assert_eq!(o.status.code(), Some(2), "{bad}: {}", stderr(&o));
        assert!(stderr(&o).contains("--max-monthly-usd"), "{bad}: {}", stderr(&o));
    }
    let mut invalid = drplan::presets::default_plan();
    invalid.targets.rpo_minutes = 0;
    let dir = std::env::temp_dir().join(format!("drplan-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("invalid.json");
    std::fs::write(&path, invalid.to_json_pretty()).unwrap();
    let o = drplan(&["check", path.to_str().unwrap(), "--max-monthly-usd", "1000000"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("FAIL  valid: 1 error(s)"), "{}", stdout(&o));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn every_subcommand_answers_help() {
    for sub in ["presets", "estimate", "validate", "export", "diff", "check"] {
        let o = drplan(&[sub, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{sub}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage: drplan"), "{sub}: {}", stdout(&o));
        let o = drplan(&["help", sub]);
        assert_eq!(o.status.code(), Some(0), "help {sub}");
    }
    assert!(stdout(&drplan(&["check", "--help"])).contains("--max-monthly-usd"));
    assert_eq!(stdout(&drplan(&["--version"])), format!("drplan {}\n", env!("CARGO_PKG_VERSION")));
}

/// Goldens never depend on the crate's version (issue 11, item 6): a release must not
/// rewrite every bundle golden.
#[test]
fn goldens_hold_no_crate_version() {
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        support::without_version(&format!(
            "Generated by drplan {version} from\nGenerator: \"drplan 9.10.11\""
        )),
        "Generated by drplan {version} from\nGenerator: \"drplan {version}\""
    );
    // Not a version: left alone.
    assert_eq!(
        support::without_version("drplan 1.2 and drplan diff"),
        "drplan 1.2 and drplan diff"
    );
    // A golden written by another release still matches.
    let dir = std::env::temp_dir().join(format!("drplan-golden-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let golden = dir.join("README.md");
    std::fs::write(&golden, "Generated by drplan 0.0.1.\n").unwrap();
    if std::env::var(support::UPDATE_VAR).is_err() {
        assert_eq!(
            support::check_golden_at(&golden, &format!("Generated by drplan {version}.\n")),
            Ok(())
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}
