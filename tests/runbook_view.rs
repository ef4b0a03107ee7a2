//! The runbook as the app's report shows it (issue 14, item 4) is the bundle's
//! RUNBOOK.md: the same scenarios, steps, durations and running totals, the same
//! drill schedule and monthly cost, as plain text; the export worker answers with it
//! and refuses an invalid plan with a reason.

use drplan::export::protocol::{handle_runbook, RunbookRequest};
use drplan::export::runbook::{build, plain, render, view};
use drplan::export::{model, Target};
use drplan::presets::PRESETS;

#[test]
fn the_view_is_the_bundles_runbook_for_every_preset_and_target() {
    for preset in PRESETS {
        let plan = preset.plan();
        let infra = model::build(&plan).unwrap();
        for target in Target::ALL {
            let shown = view(&plan, target).unwrap();
            let markdown = render(&build(&plan, &infra, target));
            let headings: Vec<&str> =
                markdown.lines().filter_map(|l| l.strip_prefix("## Scenario: ")).collect();
            let labels: Vec<&str> = shown.scenarios.iter().map(|s| s.label.as_str()).collect();
            assert_eq!(labels, headings, "{} {}", preset.id, target.id());
            for s in &shown.scenarios {
                assert!(markdown.contains(&s.summary), "{}: {}", preset.id, s.summary);
                assert!(s.outcome.is_empty() || markdown.contains(&s.outcome));
                for (n, step) in s.steps.iter().enumerate() {
                    // The summary table's row, unescaped.
                    let row = markdown
                        .lines()
                        .find(|l| {
                            l.starts_with(&format!("| {}. ", n + 1))
                                && plain(l).contains(&step.title)
                                && l.contains(&step.done_at)
                        })
                        .map(plain);
                    assert!(
                        row.is_some() || s.steps.iter().all(|st| st.duration == "—"),
                        "{} {}: step {} {:?}",
                        preset.id,
                        s.id,
                        n + 1,
                        step.title
                    );
                    for command in &step.commands {
                        assert!(markdown.contains(command.as_str()), "{command}");
                    }
                }
            }
            let report = drplan::recovery::assess(&plan);
            assert_eq!(shown.drills.len(), report.testing.len());
            assert_eq!(shown.drills_monthly, report.testing_monthly.display_usd());
            if !shown.drills.is_empty() {
                assert!(
                    markdown.contains(&format!("All drills: {} a month.", shown.drills_monthly))
                );
            }
            for d in &shown.drills {
                let row = format!("| {} | {} | {} |", d.worst_case, d.per_run, d.monthly);
                assert!(markdown.contains(&row), "{}: {row}", preset.id);
            }
        }
    }
}

#[test]
fn photo_portfolio_shows_seed_004s_weekly_tests_with_their_cost() {
    let plan = drplan::presets::find("photo-portfolio").unwrap().plan();
    let shown = view(&plan, Target::Terraform).unwrap();
    assert!(!shown.drills.is_empty());
    assert!(shown.drills.iter().any(|d| d.frequency == "weekly"), "{:?}", shown.drills);
    assert!(shown.drills_monthly.starts_with('$'));
    assert!(shown.scenarios.iter().any(|s| s.id == "deletion"));
}

#[test]
fn the_worker_answers_with_the_view_or_a_reason() {
    let plan = drplan::presets::find("rds-pitr").unwrap().plan();
    let ask = |target: &str, plan_json: String| {
        handle_runbook(&RunbookRequest { sequence: 3, target: target.into(), plan_json })
    };
    let answer = ask("cloudformation", plan.to_json_pretty());
    assert_eq!(answer.sequence, 3);
    assert_eq!(answer.runbook, Some(view(&plan, Target::Cloudformation).unwrap()));
    let mut invalid = plan.clone();
    invalid.horizon_months = 0;
    let refused = ask("terraform", invalid.to_json_pretty());
    assert!(refused.runbook.is_none());
    assert!(refused.error.unwrap().contains("problems to fix"));
    assert!(ask("pulumi", plan.to_json_pretty()).error.unwrap().contains("not an export target"));
    assert!(ask("terraform", "{".into()).error.unwrap().contains("cannot be read"));
}
