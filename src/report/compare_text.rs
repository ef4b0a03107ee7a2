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

/// How one rendering writes plan text, code and a verdict.
struct Style {
    text: fn(&str) -> String,
    code: fn(&str) -> String,
    verdict: fn(bool) -> &'static str,
}

/// One table of the comparison: its title, header, column alignment (`l`/`r` per
/// column) and rows, the same for every rendering.
pub(crate) struct Section {
    pub title: &'static str,
    pub header: &'static [&'static str],
    pub align: &'static str,
    pub rows: Vec<Vec<String>>,
}

fn sections(c: &PlanComparison, style: &Style) -> Vec<Section> {
    let mut out = vec![Section {
        title: "Cost by component",
        header: &["Component", "Kind", "Base", "New", "Change"],
        align: "llrrr",
        rows: c
            .components
            .iter()
            .map(|x| {
                let mut row = vec![(style.text)(&x.id), x.kind.to_string()];
                row.extend(cost_cells(&x.cost));
                row
            })
            .collect(),
    }];
    let lines: Vec<Vec<String>> = c
        .lines
        .iter()
        .filter(|l| l.cost.changed())
        .map(|l| {
            let mut row =
                vec![(style.text)(&l.component), (style.text)(&l.item), (style.code)(&l.price_id)];
            row.extend(cost_cells(&l.cost));
            row
        })
        .collect();
    if !lines.is_empty() {
        out.push(Section {
            title: "Cost lines that changed",
            header: &["Component", "Line", "Price id", "Base", "New", "Change"],
            align: "lllrrr",
            rows: lines,
        });
    }
    if !c.recovery.is_empty() {
        let rows = c
            .recovery
            .iter()
            .map(|o| {
                let after = (style.verdict)(o.meets_after);
                let verdict = if o.verdict_changed() {
                    format!("{} → {after}", (style.verdict)(o.meets_before))
                } else {
                    after.to_string()
                };
                vec![
                    o.scenario.label().to_string(),
                    o.measure.label().to_string(),
                    minutes_text(o.before),
                    minutes_text(o.after),
                    target_text(o.target_after),
                    verdict,
                    o.change_text(),
                ]
            })
            .collect();
        out.push(Section {
            title: "Recovery (worst case against the target)",
            header: &["Scenario", "Objective", "Base", "New", "Target", "Verdict", "Change"],
            align: "llrrrll",
            rows,
        });
    }
    out
}

/// `- loss of the primary region RPO: meets → misses`, one per verdict that changed.
fn verdict_list(c: &PlanComparison, style: &Style, indent: &str) -> String {
    c.verdict_changes()
        .map(|o| {
            format!(
                "{indent}- {} {}: {} → {}\n",
                o.scenario.label(),
                o.measure.label(),
                (style.verdict)(o.meets_before),
                (style.verdict)(o.meets_after)
            )
        })
        .collect()
}

/// The sections with plan text as it is, for a rendering that escapes it itself (the
/// HTML report).
pub(crate) fn plain_sections(c: &PlanComparison) -> Vec<Section> {
    const PLAIN: Style =
        Style { text: |t| t.to_string(), code: |t| t.to_string(), verdict: verdict_word };
    sections(c, &PLAIN)
}

const TERMINAL: Style =
    Style { text: |t| escape(t, MAX_TEXT_CHARS), code: |t| t.to_string(), verdict: verdict_word };

/// The comparison as the CLI prints it.
pub fn comparison_table(c: &PlanComparison) -> String {
    let mut out = String::new();
    let name = TERMINAL.text;
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
    for section in sections(c, &TERMINAL) {
        let _ = writeln!(out, "\n{}:", section.title);
        let header = section.header.iter().map(|h| h.to_lowercase());
        let rows: Vec<Vec<String>> =
            std::iter::once(header.collect()).chain(section.rows).collect();
        out.push_str(&aligned(&rows, section.align));
    }
    let changes = verdict_list(c, &TERMINAL, "  ");
    if !changes.is_empty() {
        let _ = write!(out, "\nVerdict changes:\n{changes}");
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

fn verdict_md(meets: bool) -> &'static str {
    if meets {
        "✅ meets"
    } else {
        "❌ misses"
    }
}

const MARKDOWN: Style =
    Style { text: markdown_text, code: |t| format!("`{t}`"), verdict: verdict_md };

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
    let changes = verdict_list(c, &MARKDOWN, "");
    if !changes.is_empty() {
        let _ = write!(out, "\n**Verdict changes:**\n\n{changes}");
    }
    if c.is_unchanged() {
        out.push_str("\nNo differences in cost or recovery.\n");
        return out;
    }
    for section in sections(c, &MARKDOWN) {
        let _ = writeln!(out, "\n#### {}\n", section.title);
        let rule: Vec<&str> =
            section.align.chars().map(|a| if a == 'r' { "---:" } else { "---" }).collect();
        let _ = writeln!(out, "| {} |\n| {} |", section.header.join(" | "), rule.join(" | "));
        for row in section.rows {
            let _ = writeln!(out, "| {} |", row.join(" | "));
        }
    }
    out
}
