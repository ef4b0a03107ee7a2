//! The review report as one self-contained HTML page, ready to print or save as PDF:
//! inline CSS, the charts as inline SVG, no script, no link to anything outside the
//! file. Every piece of plan text is HTML-escaped, with hidden characters (controls,
//! bidi overrides, zero-width) written as visible escapes, so a plan can add no markup
//! and reorder no text. Each long section starts on its own printed page; everything
//! prints in black and white.

use std::fmt::Write;

use super::{
    cost_groups, cost_groups_note, cover_facts, decision_facts, fix_lines, ledger_table,
    left_out_words, notes, scenario_summary, sentence_case, strategy_sentence, verdict,
    working_lines, FixesConsidered,
};
use crate::charts::{cost_by_component, recovery_vs_targets, storage_by_class, to_svg};
use crate::cost::Estimate;
use crate::plan::untrusted::escape;
use crate::plan::Plan;
use crate::recovery::{Measure, RecoveryReport};
use crate::report::compare::PlanComparison;
use crate::report::{fmt_quantity, fmt_unit_price, headline};

/// Everything the page shows, computed by the caller (the CLI prices and assesses the
/// plan and runs the fix search; the app has all of it already).
pub struct BoardPage<'a> {
    pub plan: &'a Plan,
    pub estimate: &'a Estimate,
    pub recovery: &'a RecoveryReport,
    pub fixes: &'a FixesConsidered,
    /// The plan compared with a baseline (base → this plan), if one is given.
    pub baseline: Option<&'a PlanComparison>,
    /// The day the report is prepared, as the cover prints it.
    pub date: &'a str,
}

/// Plan text for HTML: hidden characters made visible, then `& < > " '` as entities.
fn text(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in escape(t, usize::MAX).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Free text kept as its lines: each line escaped, joined by line breaks.
fn paragraph(t: &str) -> String {
    t.split('\n').map(|line| text(line.trim_end_matches('\r'))).collect::<Vec<_>>().join("<br>")
}

/// A chart as inline SVG (the namespace attribute dropped: HTML needs none, and the
/// page then names no address at all), or why it could not be drawn.
fn figure(out: &mut String, label: &str, svg: Result<String, String>) {
    match svg {
        Ok(svg) => {
            let svg = svg.replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1).replacen(
                "<svg ",
                &format!("<svg role=\"img\" aria-label=\"{}\" ", text(label)),
                1,
            );
            let _ = write!(out, "<figure>{svg}<figcaption>{}</figcaption></figure>", text(label));
        }
        Err(why) => {
            let _ = write!(out, "<p class=\"note\">{}</p>", text(&why));
        }
    }
}

/// Opens a section with its heading; `page` starts it on a new printed page.
fn section(out: &mut String, id: &str, title: &str, page: bool) {
    let class = if page { "section page" } else { "section" };
    let _ = write!(out, "\n<section class=\"{class}\" id=\"{id}\" aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{}</h2>", text(title));
}

fn facts_list(out: &mut String, facts: &[super::Fact]) {
    out.push_str("<dl class=\"facts\">");
    for (label, value) in facts {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", text(label), paragraph(value));
    }
    out.push_str("</dl>");
}

/// A table: header cells, then rows; `align` has `l` or `r` per column.
fn table(out: &mut String, class: &str, header: &[String], align: &str, rows: &[Vec<String>]) {
    let right: Vec<bool> = align.chars().map(|a| a == 'r').collect();
    let cell =
        |i: usize| if right.get(i).copied().unwrap_or(false) { " class=\"num\"" } else { "" };
    let _ = write!(out, "<table class=\"{class}\"><thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th scope=\"col\"{}>{}</th>", cell(i), text(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", cell(i), text(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>");
}

fn cover(out: &mut String, p: &BoardPage) {
    let _ = write!(
        out,
        "<header class=\"cover\"><p class=\"kicker\">Backup and disaster-recovery design review</p><h1>{}</h1>",
        text(&p.plan.name)
    );
    facts_list(out, &cover_facts(p.plan, p.estimate, p.date));
    out.push_str("</header>");
}

fn verdicts(out: &mut String, p: &BoardPage) {
    section(out, "headline", "Headline", false);
    let _ = write!(
        out,
        "<p class=\"total\">Monthly cost: <strong>{}</strong></p><p>{}</p>",
        text(&p.estimate.monthly_total.display_usd()),
        text(&headline(p.estimate, Some(p.recovery)))
    );
    let rows: Vec<Vec<String>> = p
        .recovery
        .scenarios
        .iter()
        .map(|s| {
            vec![
                sentence_case(s.scenario.label()),
                verdict(s, Measure::Rpo),
                verdict(s, Measure::Rto),
            ]
        })
        .collect();
    let header = ["Failure scenario", "Data loss (RPO, worst case)", "Downtime (RTO, worst case)"];
    table(out, "verdicts", &header.map(String::from), "lll", &rows);
    out.push_str("</section>");
}

fn recovery(out: &mut String, p: &BoardPage) {
    section(out, "recovery", "Recovery per failure scenario, with the working", true);
    let _ = write!(out, "<p>{}</p>", text(&strategy_sentence(p.recovery)));
    for s in &p.recovery.scenarios {
        let _ = write!(
            out,
            "<div class=\"scenario\"><h3>{}</h3><p>{}</p>",
            text(&sentence_case(s.scenario.label())),
            text(&scenario_summary(s))
        );
        if let Some(why) = &s.not_recoverable {
            let _ = write!(out, "<p class=\"warn\">{}</p>", text(why));
        }
        out.push_str("<ul class=\"working\">");
        for line in working_lines(s) {
            let _ = writeln!(out, "<li>{}</li>", text(&line));
        }
        out.push_str("</ul></div>");
    }
    figure(
        out,
        "Achieved RPO and RTO against the targets",
        to_svg(900, 360, |root| recovery_vs_targets(root, p.recovery)),
    );
    out.push_str("</section>");
}

fn costs(out: &mut String, p: &BoardPage) {
    let e = p.estimate;
    section(out, "costs", "Cost by component and line", true);
    let groups = cost_groups(e);
    if let Some(note) = cost_groups_note(&groups) {
        let _ = write!(out, "<p>{}</p>", text(&note));
    }
    out.push_str("<table class=\"lines\"><thead><tr><th scope=\"col\">Item</th><th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" class=\"num\">Unit price</th><th scope=\"col\" class=\"num\">Monthly</th></tr></thead>");
    for g in &groups {
        let c = g.component;
        let _ = writeln!(
            out,
            "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"3\"><code>{}</code> {}</th><th class=\"num\">{}</th></tr>",
            text(&c.id),
            text(c.kind.label()),
            text(&c.monthly.display_usd())
        );
        for l in &g.lines {
            let _ = writeln!(
                out,
                "<tr><td>{}<span class=\"source\"> — {}</span></td><td class=\"num\">{} {}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                text(&l.item),
                text(&l.source),
                text(&fmt_quantity(l.quantity)),
                text(&l.unit),
                text(&fmt_unit_price(l.unit_price)),
                text(&l.monthly.display_usd())
            );
        }
        if g.left_out > 0 {
            let _ = writeln!(
                out,
                "<tr class=\"left-out\"><td colspan=\"4\" class=\"source\">{}</td></tr>",
                text(&left_out_words(g.left_out))
            );
        }
        out.push_str("</tbody>");
    }
    let _ = write!(
        out,
        "<tfoot><tr><th scope=\"row\" colspan=\"3\">Total per month</th><th class=\"num\">{}</th></tr></tfoot></table>",
        text(&e.monthly_total.display_usd())
    );
    out.push_str("</section>");
}

fn ledger(out: &mut String, p: &BoardPage) {
    section(out, "ledger", "Month by month: cost and data stored", true);
    figure(
        out,
        "Monthly cost by component",
        to_svg(900, 420, |root| cost_by_component(root, p.estimate)),
    );
    figure(
        out,
        "Data stored by class",
        to_svg(900, 420, |root| storage_by_class(root, p.estimate)),
    );
    let ledger = ledger_table(p.estimate);
    let align: String =
        ledger.header.iter().enumerate().map(|(i, _)| if i == 0 { 'l' } else { 'r' }).collect();
    table(out, "ledger", &ledger.header, &align, &ledger.rows);
    out.push_str("</section>");
}

fn notes_section(out: &mut String, p: &BoardPage) {
    section(out, "notes", "Notes and assumptions", true);
    let all = notes(p.plan, p.estimate);
    if all.is_empty() {
        out.push_str("<p>None.</p>");
    } else {
        out.push_str("<ul>");
        for n in all {
            let _ = writeln!(out, "<li>{}</li>", paragraph(&n));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

fn fixes(out: &mut String, p: &BoardPage) {
    section(out, "fixes", "Fixes considered", false);
    match p.fixes {
        FixesConsidered::Searching => out.push_str("<p>The search for fixes had not finished.</p>"),
        FixesConsidered::Failed(why) => {
            let _ = write!(out, "<p>{}</p>", text(why));
        }
        FixesConsidered::Ready { fixes, unfixed } if fixes.is_empty() && unfixed.is_empty() => {
            out.push_str("<p>Every target is met: nothing to fix.</p>")
        }
        FixesConsidered::Ready { fixes, unfixed } => {
            out.push_str("<ul>");
            for f in fix_lines(fixes, p.estimate.monthly_total) {
                let _ = writeln!(
                    out,
                    "<li><strong>{}</strong> — {}</li>",
                    text(&f.change),
                    text(&f.detail)
                );
            }
            for u in unfixed {
                let _ = writeln!(out, "<li>{}</li>", text(u));
            }
            out.push_str("</ul>");
        }
    }
    out.push_str("</section>");
}

fn baseline(out: &mut String, c: &PlanComparison) {
    section(out, "baseline", "Against the baseline", true);
    let _ = write!(
        out,
        "<p>Baseline: <strong>{}</strong>. Total per month: {} → {} ({}).</p>",
        text(&c.base_name),
        text(&c.total.before.map_or("—".into(), |m| m.display_usd())),
        text(&c.total.after.map_or("—".into(), |m| m.display_usd())),
        text(&c.total.delta_text())
    );
    if c.is_unchanged() {
        out.push_str("<p>No differences in cost or recovery.</p>");
    }
    for s in crate::report::compare_text::plain_sections(c) {
        let _ = write!(out, "<h3>{}</h3>", text(s.title));
        let header: Vec<String> = s.header.iter().map(|h| h.to_string()).collect();
        table(out, "compare", &header, s.align, &s.rows);
    }
    out.push_str("</section>");
}

fn decision(out: &mut String, p: &BoardPage) {
    section(out, "decision", "Decision record", true);
    facts_list(out, &decision_facts(p.plan));
    out.push_str("</section>");
}

/// Print-ready, black-and-white styles: A4 pages, each long section on a new page.
const STYLE: &str = "\
@page{size:A4;margin:16mm 14mm}\
*{box-sizing:border-box}\
body{font:11pt/1.45 system-ui,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#000;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem}\
h1{font-size:2rem;margin:.3rem 0 1.2rem}h2{font-size:1.4rem;border-bottom:2px solid #000;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem;margin:1.2rem 0 .3rem}\
.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:.85rem;margin:0}\
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1.2rem}.facts dt{font-weight:600}.facts dd{margin:0;overflow-wrap:anywhere}\
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.92em}th,td{border:1px solid #555;padding:.25rem .45rem;text-align:left;vertical-align:top;overflow-wrap:break-word}\
thead th{background:#e8e8e8}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}thead th.num{white-space:normal}table.ledger{font-size:.8em}\
tr.group th{background:#f3f3f3}.source{color:#333;font-size:.88em}tfoot th{border-top:2px solid #000}\
.total{font-size:1.3rem}.warn{font-weight:600}.working{margin:.2rem 0 .8rem}\
figure{margin:1rem 0;break-inside:avoid}figure svg{width:100%;height:auto;display:block}figcaption{font-size:.9em;font-style:italic}\
code{font-family:ui-monospace,'DejaVu Sans Mono',monospace;overflow-wrap:anywhere}\
@media print{body{max-width:none;padding:0;font-size:10pt}.page{break-before:page}h2,h3{break-after:avoid}tr,.scenario li{break-inside:avoid}thead{display:table-header-group}}";

/// The whole report as one HTML document.
pub fn board_html(p: &BoardPage) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\
         <title>{} — design review</title><style>{STYLE}</style></head><body><main>\n",
        text(&p.plan.name)
    );
    cover(&mut out, p);
    verdicts(&mut out, p);
    recovery(&mut out, p);
    costs(&mut out, p);
    ledger(&mut out, p);
    notes_section(&mut out, p);
    fixes(&mut out, p);
    if let Some(c) = p.baseline {
        baseline(&mut out, c);
    }
    decision(&mut out, p);
    out.push_str("\n</main></body></html>\n");
    out
}
