//! The recovery runbook (RUNBOOK.md) of every bundle: its scenarios are the recovery
//! model's, its step durations add up to the model's recovery time per data store,
//! it keeps the RPO target where the model's quickest path would not, it is in
//! every target's bundle with that target's names, and hostile plan text never runs
//! as a command. Goldens of the all-options plan's runbooks under
//! `tests/cases/runbook/all-options/<target>/RUNBOOK.md` (the presets' are part of
//! their bundles' goldens); `tests/iac/runbook_check.py` checks every golden runbook's
//! commands with `bash -n` and against the AWS CLI's command model.

mod support;

use drplan::export::model::build as build_model;
use drplan::export::runbook::{build, runbook_path, Runbook, StepKind};
use drplan::export::{export, export_unchecked, Target};
use drplan::plan::{parse_plan, Component, Plan};
use drplan::presets::PRESETS;
use drplan::recovery::{assess, assumed_path, Range, Stage};
use support::{assert_all, check_golden};

fn all_options() -> Plan {
    parse_plan(include_str!("iac/plans/all-options.json")).expect("all-options plan parses")
}

fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> =
        PRESETS.iter().map(|p| (p.id.to_string(), p.plan())).collect();
    out.push(("all-options".into(), all_options()));
    out
}

fn runbook(plan: &Plan, target: Target) -> Runbook {
    let model = build_model(plan).expect("model builds");
    build(plan, &model, target)
}

fn close(a: Range, b: Range) -> bool {
    (a.best - b.best).abs() < 1e-6
        && (a.expected - b.expected).abs() < 1e-6
        && (a.worst - b.worst).abs() < 1e-6
}

fn stage(path: &drplan::recovery::Path, stage: Stage) -> Range {
    path.rto_parts.iter().filter(|p| p.stage == stage).fold(Range::ZERO, |s, p| s.plus(p.minutes))
}

/// Each data store's restore step, plus the redeploy and cut-over steps after it, is
/// exactly its path's recovery time in all three cases; the last running total is
/// the slowest data store's; and where the runbook follows the model's own path for
/// every data store, that total is the model's worst-case RTO.
#[test]
fn step_durations_add_up_to_the_recovery_model() {
    for (id, plan) in plans() {
        let report = assess(&plan);
        let book = runbook(&plan, Target::Terraform);
        let expected: Vec<_> = report
            .scenarios
            .iter()
            .filter(|s| !s.components.is_empty())
            .map(|s| s.scenario)
            .collect();
        let got: Vec<_> = book.scenarios.iter().map(|s| s.scenario).collect();
        assert_eq!(got, expected, "{id}: the runbook's scenarios are the model's");
        for s in &book.scenarios {
            let after = |kind| {
                s.steps.iter().find(|st| st.kind == kind).map_or(Range::ZERO, |st| st.minutes)
            };
            let closing = after(StepKind::Redeploy).plus(after(StepKind::Cutover));
            let restores: Vec<_> =
                s.steps.iter().filter(|st| st.kind == StepKind::Restore).collect();
            let mut slowest = Range::ZERO;
            let mut follows_model = true;
            let mut model_worst: f64 = 0.0;
            let mut n = 0;
            for outcome in &s.report.components {
                let Some(path) = runbook_path(outcome) else { continue };
                let step = restores[n];
                n += 1;
                assert!(step.title.contains(&outcome.component), "{id}: {}", step.title);
                assert!(close(step.minutes, stage(path, Stage::Restore)), "{id} {}", step.title);
                let done = step.done_at.expect("a restore step is done at a time");
                assert!(
                    close(done.plus(closing), path.rto()),
                    "{id} {:?} {}",
                    s.scenario,
                    step.title
                );
                slowest = Range {
                    best: slowest.best.max(path.rto().best),
                    expected: slowest.expected.max(path.rto().expected),
                    worst: slowest.worst.max(path.rto().worst),
                };
                follows_model &= assumed_path(&outcome.paths).map(|p| &p.name) == Some(&path.name);
                model_worst = model_worst.max(outcome.rto_minutes.map_or(0.0, |r| r.worst));
            }
            assert_eq!(n, restores.len(), "{id}: one restore step per recoverable data store");
            let total = s.steps.iter().rev().find_map(|st| st.done_at).expect("a total");
            assert!(close(total, slowest), "{id} {:?}: {total:?} vs {slowest:?}", s.scenario);
            if follows_model {
                assert!((total.worst - model_worst).abs() < 0.01, "{id} {:?}", s.scenario);
            }
        }
    }
}

/// Seed 004's table restores fastest from its daily backup, which loses up to a
/// day: the runbook restores from PITR (RPO 5 min, within the 60 min target) and
/// says why it is not the model's quickest path.
#[test]
fn the_runbook_keeps_the_rpo_target_over_a_quicker_path() {
    let plan = PRESETS.iter().find(|p| p.id == "photo-portfolio").expect("preset").plan();
    let book = runbook(&plan, Target::Cloudformation);
    let deletion = &book.scenarios[0];
    let table = deletion.report.component("portfolio-table").expect("table");
    assert_eq!(
        assumed_path(&table.paths).map(|p| p.name.as_str()),
        Some("DynamoDB on-demand backups")
    );
    assert_eq!(runbook_path(table).map(|p| p.name.as_str()), Some("DynamoDB PITR"));
    let text = drplan::export::runbook::render(&book);
    assert!(text.contains("Restore `portfolio-table` from DynamoDB PITR"));
    assert!(text.contains("restore-table-to-point-in-time"));
    assert!(text.contains("The model's RTO for it takes the quicker DynamoDB on-demand backups"));
}

/// Every target's bundle carries the runbook, with that target's way to read the
/// names it does not know statically.
#[test]
fn every_bundle_has_a_runbook_in_its_own_terms() {
    let plan = all_options();
    for (target, reads) in [
        (Target::Terraform, "terraform output -raw "),
        (Target::Cloudformation, "aws cloudformation describe-stacks"),
        (Target::CdkPython, "aws cloudformation describe-stacks"),
        (Target::CdkTypescript, "aws cloudformation describe-stacks"),
    ] {
        let files = export(&plan, target).expect("exports");
        let book = files.iter().find(|f| f.path == "RUNBOOK.md").expect("RUNBOOK.md");
        assert!(book.contents.contains(reads), "{target:?}");
        assert!(book.contents.contains("## Scenario: loss of the primary region"));
    }
    let all = drplan::export::export_all(&plan).expect("exports");
    assert_eq!(all.iter().filter(|f| f.path.ends_with("/RUNBOOK.md")).count(), 4);
}

#[test]
fn all_options_runbooks_match_their_goldens() {
    let plan = all_options();
    let mut results = Vec::new();
    for target in Target::ALL {
        let files = export(&plan, target).expect("exports");
        let book = files.iter().find(|f| f.path == "RUNBOOK.md").expect("RUNBOOK.md");
        results.push(check_golden(
            &format!("runbook/all-options/{}/RUNBOOK.md", target.id()),
            &book.contents,
        ));
    }
    assert_all(results);
}

/// The bash blocks of a runbook.
fn blocks(text: &str) -> Vec<String> {
    text.split("```bash\n")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .map(String::from)
        .collect()
}

/// Component ids, the plan's name, a backup plan's id, an existing bucket's name and
/// an instance class that try to run a command, end a string or a line: every block of every target's runbook parses, and run by
/// bash (with `aws`, `terraform` and `jq` as stubs that do nothing) creates nothing.
#[test]
fn hostile_plan_text_never_runs() {
    let hostile =
        |id: &str| format!("{id}$(touch PWNED)'`touch PWNED`\\\"; touch PWNED; \\n touch PWNED");
    let mut json = include_str!("iac/plans/all-options.json").to_string();
    for id in ["orders", "assets", "billing-db", "catalog", "central", "legacy-db"] {
        json = json.replace(&format!("\"{id}\""), &format!("\"{}\"", hostile(id)));
    }
    let mut plan = parse_plan(&json).expect("hostile plan parses");
    plan.name = hostile("name");
    // Output names the plan gives refer to the original ids.
    plan.export.outputs.clear();
    // Plan text that reaches commands: an existing bucket's name, an instance class.
    for c in &mut plan.components {
        match c {
            Component::S3Bucket(b) if b.existing => b.bucket_name = Some(hostile("bucket")),
            Component::AuroraCluster(a) => a.instance_class = hostile("db.r6g.large"),
            _ => {}
        }
    }
    let dir = std::env::temp_dir().join(format!("drplan-runbook-{}", std::process::id()));
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).expect("temp dir");
    for stub in ["aws", "terraform", "jq"] {
        let path = bin.join(stub);
        std::fs::write(&path, "#!/bin/sh\nexit 0\n").expect("stub");
        let mut perms = std::fs::metadata(&path).expect("stub").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&path, perms).expect("stub");
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    for target in Target::ALL {
        let files = export_unchecked(&plan, target).expect("exports");
        let book = files.iter().find(|f| f.path == "RUNBOOK.md").expect("RUNBOOK.md");
        let script = blocks(&book.contents).join("\n");
        assert!(script.contains("touch PWNED"), "the hostile text is in the commands");
        // Every value a command asks for (`${VAR:?...}`) is given.
        let mut command = std::process::Command::new("bash");
        for part in script.split("${").skip(1) {
            if let Some((name, _)) = part.split_once(":?") {
                command.env(name, "given");
            }
        }
        let out = command
            .arg("-c")
            .arg(&script)
            .current_dir(&dir)
            .env("PATH", &path)
            .output()
            .expect("bash runs");
        assert!(out.status.success(), "{target:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!dir.join("PWNED").exists(), "{target:?}: plan text ran as a command");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Seed 004's weekly restore test, monthly drill and quarterly test are in the
/// runbook with what they restore and the recovery model's cost, which adds up to
/// the estimate's "scheduled recovery tests" figure; a plan without tests has none.
#[test]
fn the_drill_schedule_is_the_models() {
    let plan = PRESETS.iter().find(|p| p.id == "photo-portfolio").expect("preset").plan();
    let report = assess(&plan);
    let text = drplan::export::runbook::render(&runbook(&plan, Target::Terraform));
    assert!(text.contains(
        "| weekly-pitr-restore | weekly | accidental deletion or corruption | `portfolio-table` | 31 min |"
    ));
    assert!(text.contains(
        "| monthly-dr-drill | monthly | loss of the primary region | `portfolio-table`, `media` |"
    ));
    assert!(
        text.contains(&format!("All drills: {} a month.", report.testing_monthly.display_usd()))
    );
    assert!(report.testing_monthly.micros() > 0);
    let mut untested = plan.clone();
    untested.recovery_tests.clear();
    assert!(!drplan::export::runbook::render(&runbook(&untested, Target::Terraform))
        .contains("## Drills"));
}
