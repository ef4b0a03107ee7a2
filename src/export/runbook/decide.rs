//! The Decide step's text: per data store, the path followed with the RPO it gives
//! and where its last good copy is, the other paths, and what cannot be recovered.

use super::commands;
use super::names::Names;
use super::Chosen;
use crate::export::text::{code_span, markdown_text};
use crate::plan::Plan;
use crate::recovery::{assumed_path, fmt_minutes, fmt_range, Scenario, ScenarioReport};

pub fn text(plan: &Plan, s: &ScenarioReport, chosen: &[Chosen], names: &mut Names) -> Vec<String> {
    let mut out = vec![format!(
        "Declare the incident ({}) and pick each data store's path: the quickest that keeps its RPO target (worst case).",
        s.scenario.label()
    ), String::new()];
    for (component, outcome, path) in chosen {
        let others: Vec<String> = outcome
            .paths
            .iter()
            .filter(|p| !std::ptr::eq(*p, *path))
            .map(|p| {
                format!(
                    "{} (RPO {}, RTO {})",
                    markdown_text(&p.name),
                    fmt_range(p.rpo),
                    fmt_range(p.rto())
                )
            })
            .collect();
        let last_good =
            commands::for_path(plan, component, path, s.scenario == Scenario::Deletion, names)
                .last_good;
        out.push(format!(
            "- {}: {}, RPO {} ({}); last good copy: {}{}",
            code_span(&outcome.component),
            markdown_text(&path.name),
            fmt_range(path.rpo),
            markdown_text(&path.rpo_basis),
            markdown_text(&last_good),
            if others.is_empty() {
                String::new()
            } else {
                format!("; other paths: {}", others.join(", "))
            }
        ));
        if let Some(quick) = assumed_path(&outcome.paths).filter(|q| !std::ptr::eq(*q, *path)) {
            out.push(format!(
                "  The model's RTO for it takes the quicker {} ({}), which can lose up to {} of data, more than its RPO target: this runbook keeps the data.",
                markdown_text(&quick.name),
                fmt_range(quick.rto()),
                fmt_minutes(quick.rpo.worst)
            ));
        }
    }
    for outcome in s.components.iter().filter(|c| c.not_recoverable.is_some()) {
        out.push(format!(
            "- {}: **not recoverable** in this scenario: {}",
            code_span(&outcome.component),
            markdown_text(outcome.not_recoverable.as_deref().unwrap_or_default())
        ));
    }
    out
}
