//! The runbook's drill schedule: the plan's `recovery_tests`, each with the scenario
//! section it rehearses, what it restores, how long the restores should take by the
//! model (so that a drill measures the real figure against it) and what it costs,
//! from the recovery model's pricing of the same runs.

use super::{runbook_path, ScenarioBook};
use crate::export::model::{InfraModel, Kind};
use crate::export::text::{code_span, markdown_text};
use crate::plan::Plan;
use crate::recovery::{fmt_minutes, RecoveryReport};

/// One scheduled drill: what it restores and what the model expects of it.
#[derive(Clone, Debug, PartialEq)]
pub struct DrillRow {
    pub name: String,
    pub frequency: crate::plan::TestFrequency,
    pub scenario: crate::recovery::Scenario,
    /// Ids of the data stores a run restores.
    pub restores: Vec<String>,
    /// Ids in its scope no path recovers in its scenario.
    pub not_covered: Vec<String>,
    /// The slowest restore's worst case by the model: what a drill measures against.
    pub worst_minutes: f64,
    pub per_run: crate::money::Money,
    pub monthly: crate::money::Money,
}

/// The plan's drills, in the recovery model's order.
pub fn rows(report: &RecoveryReport, plan: &Plan, books: &[ScenarioBook]) -> Vec<DrillRow> {
    let mut out = Vec::new();
    for test in &report.testing {
        let book = books.iter().find(|b| b.scenario == test.scenario);
        // The test's own list; none (or a test the plan no longer has) is every data store.
        let planned = plan
            .recovery_tests
            .iter()
            .find(|t| t.name == test.name)
            .map_or(&[][..], |t| t.components.as_slice());
        let in_scope = |id: &str| planned.is_empty() || planned.iter().any(|c| c == id);
        let mut restores = Vec::new();
        let mut worst: f64 = 0.0;
        for outcome in book.map(|b| b.report.components.as_slice()).unwrap_or_default() {
            if !in_scope(&outcome.component) {
                continue;
            }
            if let Some(path) = runbook_path(outcome) {
                restores.push(outcome.component.clone());
                worst = worst.max(path.rto().worst);
            }
        }
        out.push(DrillRow {
            name: test.name.clone(),
            frequency: test.frequency,
            scenario: test.scenario,
            restores,
            not_covered: test.not_covered.clone(),
            worst_minutes: worst,
            per_run: test.per_run,
            monthly: test.monthly,
        });
    }
    out
}

/// Markdown lines of the drill section; empty when the plan schedules none.
pub fn section(
    plan: &Plan,
    model: &InfraModel,
    report: &RecoveryReport,
    books: &[ScenarioBook],
) -> Vec<String> {
    if report.testing.is_empty() {
        return Vec::new();
    }
    let mut out = vec![
        "## Drills".to_string(),
        String::new(),
        "The plan's scheduled restore tests and DR drills. Each one runs its scenario's steps below for the data stores it names, notes when each step starts and ends, compares them with the durations given, and finishes with Clean up. Costs are the recovery model's, on the plan's price sheet.".to_string(),
        String::new(),
        "| Drill | Frequency | Scenario | Restores | Worst case by the model | Per run | A month |".to_string(),
        "|---|---|---|---|---|---|---|".to_string(),
    ];
    for row in rows(report, plan, books) {
        let names: Vec<String> = row.restores.iter().map(|c| code_span(c)).collect();
        let restores =
            if names.is_empty() { "nothing it can restore".to_string() } else { names.join(", ") };
        out.push(format!(
            "| {} | {} | {} | {restores} | {} | {} | {} |",
            markdown_text(&row.name),
            row.frequency.id(),
            row.scenario.label(),
            fmt_minutes(row.worst_minutes),
            row.per_run.display_usd(),
            row.monthly.display_usd()
        ));
        if !row.not_covered.is_empty() {
            let ids: Vec<String> = row.not_covered.iter().map(|c| code_span(c)).collect();
            out.push(format!(
                "| | | | not recoverable in this scenario: {} | | | |",
                ids.join(", ")
            ));
        }
    }
    out.push(String::new());
    out.push(format!("All drills: {} a month.", report.testing_monthly.display_usd()));
    out.extend(automated(plan, model));
    out
}

/// The weekly tests this bundle runs as AWS Backup restore testing plans: named, so
/// that nobody runs them by hand as well.
fn automated(plan: &Plan, model: &InfraModel) -> Vec<String> {
    let mut out = Vec::new();
    for t in plan
        .recovery_tests
        .iter()
        .filter(|t| crate::export::model::restore_testing::automated(t.frequency))
    {
        for r in &model.resources {
            let Kind::RestoreTestingPlan(p) = &r.kind else { continue };
            let Some(component) = r.component.as_deref() else { continue };
            let in_scope = t.components.is_empty() || t.components.iter().any(|c| c == component);
            if !in_scope {
                continue;
            }
            out.push(String::new());
            out.push(format!(
                "Automated: {} restores {} every week as the AWS Backup restore testing plan {} (Sundays 06:00 UTC); its validation function reports each restore's duration to AWS Backup and CloudWatch, and an alarm notifies when a test fails or runs longer than the RTO target allows. Run it by hand only to rehearse the steps themselves.",
                markdown_text(&t.name),
                code_span(component),
                code_span(&crate::export::model::restore_testing::shown_name(&p.name, &|k| {
                    model.parameter(k).and_then(|p| p.default.clone())
                })),
            ));
        }
    }
    out
}
