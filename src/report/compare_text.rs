//! A plan comparison as text: the CLI's table and Markdown for pull-request comments.
//! Both show the same sections (total, cost by component, changed lines, RPO/RTO per
//! scenario, verdict changes); plan text is escaped for the terminal or for Markdown.

use std::fmt::Write;

use super::compare::{minutes_text, target_text, verdict_word, CostChange, PlanComparison};
use crate::money::Money;
use crate::plan::limits::MAX_TEXT_CHARS;
use crate::plan::untrusted::escape;

fn money(m: Option<Money>) -> String {
    m.map_or("—".into(), |m| m.display_usd())
}

/// Pads columns to their widest cell; `align` has one letter per column, `l` or `r`.
fn aligned(rows: &[Vec<String>], align: &str) -> String {
    let left: Vec<bool> = align.chars().map(|a| a == 'l').collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|i| rows.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                if left.get(i).copied().unwrap_or(true) {
                    format!("{cell:<w$}")
                } else {
                    format!("{cell:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "  {}", cells.join("  ").trim_end());
    }
    out
}

fn cost_cells(c: &CostChange) -> [String; 3] {
    [money(c.before), money(c.after), c.delta_text()]
}

/// The comparison as the CLI prints it.
pub fn comparison_table(c: &PlanComparison) -> String {
    let mut out = String::new();
    let name = |n: &str| escape(n, MAX_TEXT_CHARS);
    let _ = writeln!(out, "Base: {}\nNew:  {}", name(&c.base_name), name(&c.new_name));
    if c.base_sheet != c.new_sheet {
        let _ = writeln!(out, "Price sheet: {} → {}", c.base_sheet, c.new_sheet);
    }
    let _ = writeln!(
        out,
        "Total per month: {} → {} ({})",
        money(c.total.before),
        money(c.total.after),
        c.total.delta_text()
    );
    if c.is_unchanged() {
        out.push_str("No differences in cost or recovery.\n");
        return out;
    }
    out.push_str("\nCost by component:\n");
    let mut rows = vec![["component", "kind", "base", "new", "change"].map(String::from).to_vec()];
    for x in &c.components {
        let mut row = vec![name(&x.id), x.kind.to_string()];
        row.extend(cost_cells(&x.cost));
        rows.push(row);
    }
    out.push_str(&aligned(&rows, "llrrr"));

    let changed: Vec<_> = c.lines.iter().filter(|l| l.cost.changed()).collect();
    if !changed.is_empty() {
        out.push_str("\nCost lines that changed:\n");
        let mut rows = vec![["component", "line", "price id", "base", "new", "change"]
            .map(String::from)
            .to_vec()];
        for l in changed {
            let mut row = vec![name(&l.component), name(&l.item), l.price_id.clone()];
            row.extend(cost_cells(&l.cost));
            rows.push(row);
        }
        out.push_str(&aligned(&rows, "lllrrr"));
    }
    if !c.recovery.is_empty() {
        out.push_str("\nRecovery (worst case against the target):\n");
        let mut rows =
            vec![["scenario", "objective", "base", "new", "target", "verdict", "change"]
                .map(String::from)
                .to_vec()];
        for o in &c.recovery {
            let verdict = if o.verdict_changed() {
                format!("{} → {}", verdict_word(o.meets_before), verdict_word(o.meets_after))
            } else {
                verdict_word(o.meets_after).to_string()
            };
            rows.push(vec![
                o.scenario.label().to_string(),
                o.measure.label().to_string(),
                minutes_text(o.before),
                minutes_text(o.after),
                target_text(o.target_after),
                verdict,
                o.change_text(),
            ]);
        }
        out.push_str(&aligned(&rows, "llrrrll"));
        let changes: Vec<_> = c.verdict_changes().collect();
        if !changes.is_empty() {
            out.push_str("\nVerdict changes:\n");
            for o in changes {
                let _ = writeln!(
                    out,
                    "  - {} {}: {} → {}",
                    o.scenario.label(),
                    o.measure.label(),
                    verdict_word(o.meets_before),
                    verdict_word(o.meets_after)
                );
            }
        }
    }
    out
}

/// Plan text for a Markdown table cell or heading: hidden characters escaped, and the
/// punctuation that starts emphasis, code, links, HTML, entities or a cell
/// backslash-escaped, so a plan cannot add markup, links or cells to a comment.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::new();
    for c in escape(text, MAX_TEXT_CHARS).chars() {
        if "\\`*_[]<>|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// A header row and its rule; `align` has one letter per column, `l` or `r`.
fn md_header(cells: &[&str], align: &str) -> String {
    let rule: Vec<&str> = align.chars().map(|a| if a == 'r' { "---:" } else { "---" }).collect();
    format!("| {} |\n| {} |\n", cells.join(" | "), rule.join(" | "))
}

fn verdict_md(meets: bool) -> &'static str {
    if meets {
        "✅ meets"
    } else {
        "❌ misses"
    }
}

/// The comparison as Markdown, for a pull-request comment.
pub fn comparison_markdown(c: &PlanComparison) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### drplan: {} → {}\n",
        markdown_text(&c.base_name),
        markdown_text(&c.new_name)
    );
    let _ = writeln!(
        out,
        "**Monthly cost:** {} → {} (**{}**)",
        money(c.total.before),
        money(c.total.after),
        c.total.delta_text()
    );
    if c.base_sheet != c.new_sheet {
        let _ = writeln!(out, "\n**Price sheet:** {} → {}", c.base_sheet, c.new_sheet);
    }
    let changes: Vec<_> = c.verdict_changes().collect();
    if !changes.is_empty() {
        out.push_str("\n**Verdict changes:**\n\n");
        for o in changes {
            let _ = writeln!(
                out,
                "- {} {}: {} → {}",
                o.scenario.label(),
                o.measure.label(),
                verdict_md(o.meets_before),
                verdict_md(o.meets_after)
            );
        }
    }
    if c.is_unchanged() {
        out.push_str("\nNo differences in cost or recovery.\n");
        return out;
    }
    out.push_str("\n#### Cost by component\n\n");
    out.push_str(&md_header(&["Component", "Kind", "Base", "New", "Change"], "llrrr"));
    for x in &c.components {
        let mut row = vec![markdown_text(&x.id), x.kind.to_string()];
        row.extend(cost_cells(&x.cost));
        out.push_str(&md_row(&row));
    }
    let changed: Vec<_> = c.lines.iter().filter(|l| l.cost.changed()).collect();
    if !changed.is_empty() {
        out.push_str("\n#### Cost lines that changed\n\n");
        out.push_str(&md_header(
            &["Component", "Line", "Price id", "Base", "New", "Change"],
            "lllrrr",
        ));
        for l in changed {
            let mut row = vec![
                markdown_text(&l.component),
                markdown_text(&l.item),
                format!("`{}`", l.price_id),
            ];
            row.extend(cost_cells(&l.cost));
            out.push_str(&md_row(&row));
        }
    }
    if !c.recovery.is_empty() {
        out.push_str("\n#### Recovery (worst case against the target)\n\n");
        out.push_str(&md_header(
            &["Scenario", "Objective", "Base", "New", "Target", "Verdict", "Change"],
            "llrrrll",
        ));
        for o in &c.recovery {
            let verdict = if o.verdict_changed() {
                format!("{} → {}", verdict_md(o.meets_before), verdict_md(o.meets_after))
            } else {
                verdict_md(o.meets_after).to_string()
            };
            out.push_str(&md_row(&[
                o.scenario.label().to_string(),
                o.measure.label().to_string(),
                minutes_text(o.before),
                minutes_text(o.after),
                target_text(o.target_after),
                verdict,
                o.change_text(),
            ]));
        }
    }
    out
}
