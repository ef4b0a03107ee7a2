//! The report's table of cost by component and line. A report names every component
//! with its monthly cost, and lists the lines under them up to [`MAX_REPORT_LINES`]:
//! a plan of 200 versioned, tiered and replicated buckets has about 7,000 lines,
//! some 150 printed pages, which took the app's Report tab 2.2-2.7 s to build and
//! lay out. Past that, the report lists the lines of the costliest components that
//! fit, and says of every other component how many lines it has; every line stays
//! in the Costs view and its Lines CSV.

use crate::cost::{ComponentCost, CostLine, Estimate};
use crate::money::group_thousands;

/// Most cost lines a report lists (the presets have 20-51; about eight printed pages).
pub const MAX_REPORT_LINES: usize = 300;

/// One component's rows in the report's cost table.
#[derive(Debug)]
pub struct CostGroup<'e> {
    pub component: &'e ComponentCost,
    /// The lines listed: all of the component's, or none.
    pub lines: Vec<&'e CostLine>,
    /// How many of its lines are not listed: zero, or all of them.
    pub left_out: usize,
}

/// Every component in plan order, with its lines, or (when the plan has more than
/// [`MAX_REPORT_LINES`]) with the lines of the costliest components that fit.
pub fn cost_groups(e: &Estimate) -> Vec<CostGroup<'_>> {
    let mut groups: Vec<CostGroup> = e
        .lines_by_component()
        .into_iter()
        .map(|(component, lines)| CostGroup { component, lines, left_out: 0 })
        .collect();
    if groups.iter().map(|g| g.lines.len()).sum::<usize>() <= MAX_REPORT_LINES {
        return groups;
    }
    // Costliest first; among equal costs, plan order (the sort is stable).
    let mut by_cost: Vec<usize> = (0..groups.len()).collect();
    by_cost.sort_by_key(|&i| std::cmp::Reverse(groups[i].component.monthly));
    let mut room = MAX_REPORT_LINES;
    for i in by_cost {
        let group = &mut groups[i];
        if group.lines.len() <= room {
            room -= group.lines.len();
        } else {
            group.left_out = group.lines.len();
            group.lines.clear();
        }
    }
    groups
}

/// What the table leaves out, in words, or `None` when it lists every line.
pub fn cost_groups_note(groups: &[CostGroup]) -> Option<String> {
    let left_out: usize = groups.iter().map(|g| g.left_out).sum();
    if left_out == 0 {
        return None;
    }
    let listed: usize = groups.iter().map(|g| g.lines.len()).sum();
    let count = |n: usize| group_thousands(n as u64);
    Some(format!(
        "This plan has {} cost lines, too many to print: the report lists the lines of \
         its costliest components, {} in all (as many as fit in {}), and for every other \
         component its cost and how many lines it has. Every line, with its source and \
         working, is in the Costs view and its Lines CSV.",
        count(listed + left_out),
        count(listed),
        count(MAX_REPORT_LINES)
    ))
}

/// The row of a component whose lines are not listed.
pub fn left_out_words(left_out: usize) -> String {
    match left_out {
        1 => "1 line, not listed here".into(),
        n => format!("{} lines, not listed here", group_thousands(n as u64)),
    }
}
