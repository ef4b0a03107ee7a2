//! Checks of the settings that only shape the bill: recovery tests, DynamoDB reads,
//! Aurora backtrack change records.

use super::rules::is_simple_name;
use super::Checker;
use crate::plan::untrusted::quoted;
use crate::plan::{Component, RehearsedScenario};

/// At most this many scheduled tests: each is priced against the whole plan.
const MAX_TESTS: usize = 20;
/// A month: restored copies kept longer are no longer a test.
const MAX_KEEP_HOURS: f64 = 720.0;

pub(super) fn billing_settings(c: &mut Checker) {
    let plan = c.plan;
    if plan.recovery_tests.len() > MAX_TESTS {
        c.error("recovery_tests", format!("at most {MAX_TESTS} recovery tests"));
    }
    let mut names = std::collections::BTreeSet::new();
    for (i, t) in plan.recovery_tests.iter().enumerate().take(MAX_TESTS) {
        let at = format!("recovery_tests[{i}]");
        if !is_simple_name(&t.name, 64) {
            c.error(
                format!("{at}.name"),
                format!(
                    "{}: names are 1–64 letters, digits, hyphens, underscores and dots",
                    quoted(&t.name)
                ),
            );
        } else if !names.insert(t.name.as_str()) {
            c.error(format!("{at}.name"), format!("{} names another test too", quoted(&t.name)));
        }
        c.number(&|| format!("{at}.data_percent"), t.data_percent, 0.01, 100.0, "percent");
        c.number(
            &|| format!("{at}.keep_restored_hours"),
            t.keep_restored_hours,
            0.0,
            MAX_KEEP_HOURS,
            "hours",
        );
        for (j, id) in t.components.iter().enumerate() {
            let path = format!("{at}.components[{j}]");
            match c.component(id) {
                None => c.error(
                    path,
                    format!("refers to {}, which is not a component of this plan", quoted(id)),
                ),
                Some(component) if !component.holds_data() => c.error(
                    path,
                    format!(
                        "{} is a {}, which holds no data to restore",
                        quoted(id),
                        component.kind().id()
                    ),
                ),
                Some(_) => {}
            }
        }
        if t.scenario == RehearsedScenario::RegionLoss && plan.dr_region.is_none() {
            c.warn(
                format!("{at}.scenario"),
                "a region-loss drill needs a DR region to fail over to; nothing survives it in this plan",
            );
        }
    }
    let paths = std::rc::Rc::clone(&c.component_paths);
    for (component, at) in plan.components.iter().zip(paths.iter()).take(super::MAX_COMPONENTS) {
        match component {
            Component::DynamodbTable(t) => c.number(
                &|| format!("{at}.monthly_reads_millions"),
                t.monthly_reads_millions,
                0.0,
                10_000_000.0,
                "million reads",
            ),
            Component::AuroraCluster(a) => {
                if let Some(v) = a.backtrack_change_records_per_hour_millions {
                    c.number(
                        &|| format!("{at}.backtrack_change_records_per_hour_millions"),
                        v,
                        0.0,
                        100_000.0,
                        "million change records an hour",
                    );
                }
            }
            _ => {}
        }
    }
}
