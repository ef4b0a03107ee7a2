//! What every bundle's README says about the money: the plan's estimate in the
//! sentences `drplan estimate` prints (price sheet, headline) and the caveats of the
//! prices, in all four targets, so that whoever deploys a bundle sees what the
//! review saw, including that a region no price sheet lists was priced at another
//! region's rates.

mod support;

use drplan::export::{export, Target};
use drplan::plan::Plan;
use drplan::presets::PRESETS;
use drplan::{cost, recovery, report};
use support::preset;

/// A README as its reader sees it: Markdown's backslash escapes removed.
fn rendered(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some(next)) if next.is_ascii_punctuation() => {}
            _ => out.push(c),
        }
    }
    out
}

fn readme(plan: &Plan, target: Target) -> String {
    let files = export(plan, target).unwrap_or_else(|e| panic!("{}: {e}", target.id()));
    let text = files.iter().find(|f| f.path == "README.md").map(|f| f.contents.clone());
    rendered(&text.unwrap_or_default())
}

/// The lines `drplan estimate` prints before the cost lines: its sheet, headline and
/// caveats (the CLI prints the table this function returns).
fn cli_summary(plan: &Plan) -> Vec<String> {
    let e = cost::estimate(plan);
    let table = report::estimate_table(plan, &e, &[], Some(&recovery::report(plan, &e)));
    table
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| *l != "Caveats:")
        .map(|l| l.trim_start_matches("  - ").to_string())
        .collect()
}

#[test]
fn a_plan_in_regions_no_sheet_prices_says_so_in_every_readme() {
    let mut plan = preset("s3-glacier-backup");
    plan.primary_region = "ap-southeast-2".into();
    plan.dr_region = Some("eu-west-1".into());
    let summary = cli_summary(&plan);
    for region in ["ap-southeast-2", "eu-west-1"] {
        assert!(
            summary.iter().any(|l| l.starts_with("No price sheet lists") && l.contains(region)),
            "the CLI names {region}: {summary:#?}"
        );
    }
    for target in Target::ALL {
        let text = readme(&plan, target);
        for line in &summary {
            assert!(text.contains(line.as_str()), "{} README lacks: {line}", target.id());
        }
    }
}

#[test]
fn every_readme_states_the_estimate_as_the_cli_does() {
    for p in PRESETS {
        let plan = p.plan();
        let summary = cli_summary(&plan);
        assert!(summary.len() >= 2, "{}: {summary:?}", p.id);
        for target in Target::ALL {
            let text = readme(&plan, target);
            let section = text.split("## Estimate").nth(1).unwrap_or("");
            let section = section.split("\n## ").next().unwrap_or("");
            for line in &summary {
                assert!(section.contains(line.as_str()), "{} {}: lacks {line}", p.id, target.id());
            }
            // Only the CLI's caveats: a plan priced where its sheet lists prices has none
            // about regions.
            let regions = section.matches("No price sheet lists").count();
            let expected = summary.iter().filter(|l| l.starts_with("No price sheet lists")).count();
            assert_eq!(regions, expected, "{} {}", p.id, target.id());
        }
    }
}
