//! The cost lines per component, and the report's table of them
//! (`report::board::cost_groups`): every line of a plan of up to `MAX_REPORT_LINES`
//! lines; past that, every component with its cost, the lines of the costliest that
//! fit, and how many lines each other one has, said in the table and above it, in
//! the app's Report tab and in `drplan report --html` alike.

#[path = "support/synthetic.rs"]
mod synthetic;

use drplan::cost::{estimate, CostLine, Estimate};
use drplan::money::group_thousands;
use drplan::plan::Plan;
use drplan::presets::PRESETS;
use drplan::report::board::{
    cost_groups, cost_groups_note, left_out_words, plan_report_html, MAX_REPORT_LINES,
};

/// The lines billed to component id `id`, as the views once filtered them.
fn filtered<'e>(e: &'e Estimate, id: &str) -> Vec<&'e CostLine> {
    e.lines.iter().filter(|l| &*l.component == id).collect()
}

fn presets() -> Vec<Plan> {
    PRESETS.iter().map(|p| p.plan()).collect()
}

/// A preset with its first component twice: two components with one id (a plan
/// validation rejects, which the app still prices while the user fixes it).
fn duplicated_id() -> Plan {
    let mut plan = PRESETS[0].plan();
    let first = plan.components[0].clone();
    plan.components.push(first);
    plan
}

#[test]
fn each_component_gets_the_lines_billed_to_its_id() {
    let plans = presets().into_iter().chain([duplicated_id(), synthetic::mixed(50)]);
    for plan in plans {
        let e = estimate(&plan);
        let grouped = e.lines_by_component();
        assert_eq!(grouped.len(), e.components.len(), "{}", plan.name);
        for ((c, lines), component) in grouped.iter().zip(&e.components) {
            assert!(std::ptr::eq(*c, component), "{}: components in plan order", plan.name);
            assert_eq!(lines, &filtered(&e, &c.id), "{}: {}", plan.name, c.id);
        }
    }
}

#[test]
fn a_report_lists_every_line_of_a_plan_within_the_limit() {
    for plan in presets().into_iter().chain([duplicated_id()]) {
        let e = estimate(&plan);
        assert!(e.lines.len() <= MAX_REPORT_LINES, "{}: {} lines", plan.name, e.lines.len());
        let groups = cost_groups(&e);
        for (g, c) in groups.iter().zip(&e.components) {
            assert_eq!((g.component.id.as_str(), g.left_out), (c.id.as_str(), 0), "{}", plan.name);
            assert_eq!(g.lines, filtered(&e, &c.id), "{}: {}", plan.name, c.id);
        }
        assert_eq!(cost_groups_note(&groups), None, "{}", plan.name);
        let html = plan_report_html(&plan, None, "2026-12-01");
        assert!(!html.contains("left-out"), "{}", plan.name);
    }
}

#[test]
fn past_the_limit_a_report_lists_the_costliest_components_that_fit() {
    for n in [50, 100, 200] {
        let plan = synthetic::mixed(n);
        let e = estimate(&plan);
        let total = e.lines.len();
        assert!(total > MAX_REPORT_LINES, "{}: {total} lines", plan.name);
        let groups = cost_groups(&e);
        let ids: Vec<&str> = groups.iter().map(|g| g.component.id.as_str()).collect();
        let plan_ids: Vec<&str> = e.components.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, plan_ids, "{}: every component, in plan order", plan.name);
        let listed: usize = groups.iter().map(|g| g.lines.len()).sum();
        let left_out: usize = groups.iter().map(|g| g.left_out).sum();
        assert_eq!(listed + left_out, total, "{}", plan.name);
        assert!(listed <= MAX_REPORT_LINES, "{}: {listed} listed", plan.name);
        for g in &groups {
            let all = filtered(&e, &g.component.id);
            let whole = (g.left_out == 0 && g.lines == all)
                || (g.lines.is_empty() && g.left_out == all.len());
            assert!(whole, "{}: {} lists some of its lines", plan.name, g.component.id);
        }
        // Nothing left out would have fitted in the room left, and among the
        // components that would each have fitted alone, the costliest come first.
        let room = MAX_REPORT_LINES - listed;
        for g in groups.iter().filter(|g| g.left_out > 0) {
            assert!(g.left_out > room, "{}: {} would fit", plan.name, g.component.id);
            let cheaper_listed = groups
                .iter()
                .filter(|h| !h.lines.is_empty() && h.component.monthly < g.component.monthly);
            let taken: usize = cheaper_listed.map(|h| h.lines.len()).sum();
            assert!(
                g.left_out > room + taken,
                "{}: cheaper components listed in place of {}",
                plan.name,
                g.component.id
            );
        }
        let note = cost_groups_note(&groups).unwrap_or_default();
        let total_words = group_thousands(total as u64);
        assert!(note.contains(&format!("has {total_words} cost lines")), "{note}");
        assert!(note.contains(&format!("components, {listed} in all (")), "{note}");

        // The HTML report says the same.
        let html = plan_report_html(&plan, None, "2026-12-01");
        assert!(html.contains(&format!("has {total_words} cost lines")), "{}", plan.name);
        let left_out_groups = groups.iter().filter(|g| g.left_out > 0);
        for g in left_out_groups.clone() {
            assert!(html.contains(&left_out_words(g.left_out)), "{}", plan.name);
        }
        assert_eq!(html.matches("<tr class=\"left-out\">").count(), left_out_groups.count());
        let costs = &html[html.find("id=\"costs-h\"").unwrap_or(0)..];
        let costs = &costs[..costs.find("</table>").unwrap_or(costs.len())];
        assert_eq!(costs.matches("<tr><td>").count(), listed, "{}: line rows", plan.name);
    }
}

#[test]
fn left_out_counts_read_as_words() {
    assert_eq!(left_out_words(1), "1 line, not listed here");
    assert_eq!(left_out_words(7_012), "7,012 lines, not listed here");
}
