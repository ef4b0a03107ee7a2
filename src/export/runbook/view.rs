//! The runbook as the app shows it: per scenario, the summary, each step with its
//! duration, its running total and its commands, and the drill schedule with its
//! costs, all as plain text (the Markdown escapes of RUNBOOK.md removed), so the app
//! lays out what the core wrote and computes nothing. Sent by the export worker.

use serde::{Deserialize, Serialize};

use super::render::{done, duration, outcome, summary};
use super::{build, Runbook};
use crate::export::{model, ExportError, Target};
use crate::plan::{validate, Plan, Severity};
use crate::recovery::fmt_minutes;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    /// "3. Restore `orders`" without the Markdown: "Restore orders".
    pub title: String,
    /// "10–20 min (15 min)" or "—".
    pub duration: String,
    /// Worst-case minutes since the incident, in words, or "after recovery".
    pub done_at: String,
    pub text: Vec<String>,
    /// Bash lines, shown as they are (quoted for the shell by the core).
    pub commands: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScenarioView {
    /// The scenario id (`deletion`).
    pub id: String,
    pub label: String,
    pub summary: String,
    pub not_recoverable: Option<String>,
    /// What the steps come to (the total against the RTO target); may be empty.
    pub outcome: String,
    pub steps: Vec<StepView>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DrillView {
    pub name: String,
    pub frequency: String,
    pub scenario: String,
    /// "orders, media", or what it cannot restore.
    pub restores: String,
    /// The slowest restore's worst case by the model.
    pub worst_case: String,
    pub per_run: String,
    pub monthly: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunbookView {
    pub target: String,
    /// Shell lines setting the names the commands use.
    pub setup: Vec<String>,
    pub scenarios: Vec<ScenarioView>,
    pub drills: Vec<DrillView>,
    /// All drills for a month, e.g. "$12.40".
    pub drills_monthly: String,
}

/// Markdown as plain text: backslash escapes resolved, code spans and emphasis marks
/// dropped. The app writes the result as text nodes, never as HTML.
pub fn plain(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '`' => {}
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
            }
            c => out.push(c),
        }
    }
    out
}

fn from_book(book: &Runbook, monthly: String) -> RunbookView {
    let scenarios = book
        .scenarios
        .iter()
        .map(|s| ScenarioView {
            id: s.scenario.id().into(),
            label: s.scenario.label().into(),
            summary: summary(&s.report),
            not_recoverable: s.report.not_recoverable.clone(),
            outcome: outcome(s),
            steps: s
                .steps
                .iter()
                .map(|step| StepView {
                    title: plain(&step.title),
                    duration: duration(step.minutes),
                    done_at: done(step),
                    text: step.text.iter().map(|l| plain(l)).collect(),
                    commands: step.commands.clone(),
                })
                .collect(),
        })
        .collect();
    let drills = book
        .drill_rows
        .iter()
        .map(|d| {
            let mut restores = if d.restores.is_empty() {
                "nothing it can restore".to_string()
            } else {
                d.restores.join(", ")
            };
            if !d.not_covered.is_empty() {
                restores.push_str(&format!(
                    "; not recoverable in this scenario: {}",
                    d.not_covered.join(", ")
                ));
            }
            DrillView {
                name: d.name.clone(),
                frequency: d.frequency.id().into(),
                scenario: d.scenario.label().into(),
                restores,
                worst_case: fmt_minutes(d.worst_minutes),
                per_run: d.per_run.display_usd(),
                monthly: d.monthly.display_usd(),
            }
        })
        .collect();
    RunbookView {
        target: book.target.id().into(),
        setup: book.setup.clone(),
        scenarios,
        drills,
        drills_monthly: monthly,
    }
}

/// The runbook of `plan` for `target`'s bundle, as the app shows it. Invalid plans are
/// refused with their diagnostics, as export refuses them.
pub fn view(plan: &Plan, target: Target) -> Result<RunbookView, ExportError> {
    let diagnostics = validate(plan);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(ExportError::InvalidPlan(diagnostics));
    }
    let infra = model::build(plan)?;
    let book = build(plan, &infra, target);
    let monthly = crate::recovery::assess(plan).testing_monthly.display_usd();
    Ok(from_book(&book, monthly))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text() {
        assert_eq!(
            plain(r"Restore `orders\_v2` \*now\* **first**"),
            "Restore orders_v2 *now* first"
        );
        assert_eq!(plain(r"\<script\>"), "<script>");
        assert_eq!(plain("trailing \\"), "trailing ");
    }
}
