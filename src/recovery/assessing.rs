//! Assessing a plan: each data component through each scenario, its outcome taken from
//! an earlier report where the caller says it cannot have changed, then the scenario
//! figures, the strategy and the priced recovery tests derived from the outcomes.

use super::context::{Ctx, Found};
use super::{
    databases, measured, price, scenario, sizes, storage, strategy, ComponentOutcome,
    RecoveryReport, Scenario, Strategy, StrategyAssessment,
};
use crate::plan::validate::MAX_COMPONENTS;
use crate::plan::{Component, Plan};

/// Outcomes to reuse: those of a report on another plan, for every data component
/// outside the given set (see [`super::reuse::affected_data_from`]).
pub(crate) type Reuse<'a> = (&'a RecoveryReport, &'a std::collections::BTreeSet<String>);

/// [`assess`], optionally without the working: the fix search needs only figures and
/// verdicts of the many plans it tries (strategy and explanations are left empty).
/// `sizes` carries bucket simulations from one assessment to the next; `reuse` takes
/// unaffected components' outcomes from an earlier report.
pub(crate) fn assess_with(
    plan: &Plan,
    explain: bool,
    sizes: Option<&sizes::SizeCache>,
    reuse: Option<Reuse>,
) -> RecoveryReport {
    // Earlier outcomes are found at the same position (the fix search's plans keep
    // the components in place), else by id.
    let earlier = |scenario: usize, position: usize, id: &str| {
        let (report, affected) = reuse?;
        if affected.contains(id) {
            return None;
        }
        let components = &report.scenarios.get(scenario)?.components;
        match components.get(position) {
            Some(c) if c.component == id => Some(c.clone()),
            _ => components.iter().find(|c| c.component == id).cloned(),
        }
    };
    assess_taking(plan, explain, sizes, earlier)
}

/// [`assess_with`] taking each data component's outcome from `earlier` (given the
/// scenario's index in [`Scenario::ALL`], the component's position among the data
/// components and its id) where it has one, else assessing it.
pub(crate) fn assess_taking(
    plan: &Plan,
    explain: bool,
    sizes: Option<&sizes::SizeCache>,
    mut earlier: impl FnMut(usize, usize, &str) -> Option<ComponentOutcome>,
) -> RecoveryReport {
    let ctx = Ctx::new(plan, explain, sizes);
    let mut by_scenario: Vec<Vec<ComponentOutcome>> = vec![Vec::new(); Scenario::ALL.len()];
    // What recovering costs is part of the working: priced only when explaining.
    let pricer = explain.then(|| price::Pricer::new(&ctx));
    let mut data_components = Vec::new();
    let data = plan.components.iter().take(MAX_COMPONENTS).filter(|c| c.holds_data());
    for (position, component) in data.enumerate() {
        let sizes = match component {
            Component::S3Bucket(b) => Some(sizes::BucketSizes::new(b)),
            _ => None,
        };
        data_components.push(component.id().to_string());
        for (i, (slot, scenario)) in by_scenario.iter_mut().zip(Scenario::ALL).enumerate() {
            // Reports list scenarios in `Scenario::ALL` order.
            if let Some(outcome) = earlier(i, position, component.id()) {
                slot.push(outcome);
                continue;
            }
            let mut found = Found::default();
            match (component, &sizes) {
                (Component::S3Bucket(b), Some(sizes)) => {
                    storage::paths(&ctx, b, sizes, scenario, &mut found)
                }
                (Component::DynamodbTable(t), _) => {
                    databases::dynamodb(&ctx, t, scenario, &mut found)
                }
                (Component::RdsInstance(r), _) => databases::rds(&ctx, r, scenario, &mut found),
                (Component::AuroraCluster(a), _) => {
                    databases::aurora(&ctx, a, scenario, &mut found)
                }
                _ => continue,
            }
            measured::apply(&ctx, component.id(), &mut found);
            let cost =
                pricer.as_ref().and_then(|p| p.recovery(component.id(), &found.paths, scenario));
            let mut outcome =
                scenario::component_outcome(plan, component, scenario, found, explain);
            outcome.recovery_cost = cost;
            slot.push(outcome);
        }
    }
    // Scheduled tests are priced from the path each component's recovery assumes (the
    // outcomes keep their paths when explained; a repeated id's last one counts).
    let testing = match &pricer {
        Some(p) if !plan.recovery_tests.is_empty() => {
            let mut chosen = std::collections::BTreeMap::new();
            for (outcomes, scenario) in by_scenario.iter().zip(Scenario::ALL) {
                for c in outcomes {
                    if let Some(path) = price::assumed_path(&c.paths) {
                        chosen.insert((scenario, c.component.as_str()), path);
                    }
                }
            }
            p.tests(&plan.recovery_tests, &chosen, &data_components)
        }
        _ => Vec::new(),
    };
    let scenarios = Scenario::ALL
        .into_iter()
        .zip(by_scenario)
        .map(|(s, components)| {
            scenario::scenario_report(s, components, explain, !plan.drill_results.is_empty())
        })
        .collect();
    let testing_monthly = testing.iter().map(|t| t.monthly).sum();
    let strategy = if explain {
        strategy::derive(&ctx)
    } else {
        StrategyAssessment { strategy: Strategy::None, why: String::new() }
    };
    RecoveryReport {
        strategy,
        scenarios,
        fixes: Vec::new(),
        unfixed: Vec::new(),
        fix_search: None,
        testing,
        testing_monthly,
    }
}
