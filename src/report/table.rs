//! The human-readable estimate: lines grouped by component with quantity × unit price
//! = cost and how each quantity comes about, totals, a ledger summary, the source of
//! every price used, and (when given) the recovery section.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{fmt_quantity, fmt_unit_price};
use crate::cost::Estimate;
use crate::plan::limits::MAX_TEXT_CHARS;
use crate::plan::untrusted::escape;
use crate::plan::{Diagnostic, Plan};
use crate::recovery::RecoveryReport;

pub fn estimate_table(
    plan: &Plan,
    estimate: &Estimate,
    diagnostics: &[Diagnostic],
    recovery: Option<&RecoveryReport>,
) -> String {
    let mut out = String::new();
    // Plan text is escaped: a note could otherwise print a fake line or clear a terminal.
    let _ = writeln!(out, "{}", escape(&estimate.plan_name, MAX_TEXT_CHARS));
    let _ = writeln!(
        out,
        "Price sheet: {} ({})",
        estimate.price_sheet,
        super::sheet_words(&estimate.price_sheet)
    );
    let _ = writeln!(out, "{}", super::headline(estimate, recovery));
    let caveats = super::caveats(estimate);
    if !caveats.is_empty() {
        out.push_str("Caveats:\n");
        for c in &caveats {
            let _ = writeln!(out, "  - {c}");
        }
    }
    out.push('\n');

    let rows: Vec<[String; 4]> = estimate
        .lines
        .iter()
        .map(|l| {
            [
                l.item.to_string(),
                format!("{} {}", fmt_quantity(l.quantity), l.unit),
                fmt_unit_price(l.unit_price),
                l.monthly.display_usd(),
            ]
        })
        .collect();
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0);
    let (w_item, w_qty, w_price, w_cost) = (width(0).max(20), width(1), width(2), width(3).max(10));

    let mut lines = estimate.lines.iter().zip(&rows).peekable();
    for component in &estimate.components {
        let _ = writeln!(out, "{} ({})  {}", component.id, component.kind.id(), component.monthly);
        while let Some((line, row)) = lines.next_if(|(l, _)| *l.component == component.id) {
            let _ = writeln!(
                out,
                "  {:<w_item$}  {:>w_qty$} × {:>w_price$} = {:>w_cost$}  [{}]",
                row[0], row[1], row[2], row[3], line.price_id
            );
            let _ = writeln!(out, "      ↳ {}", line.basis);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "Total per month (month {}): {}",
        estimate.horizon_months, estimate.monthly_total
    );
    let _ =
        writeln!(out, "Total over {} months: {}", estimate.horizon_months, estimate.horizon_total);

    if !estimate.ledger.is_empty() {
        out.push_str("\nLedger (selected months):\n");
        let n = estimate.ledger.len();
        let mut picks: Vec<usize> =
            [1, 3, 6, 12, 24, 36, 60, 120].into_iter().filter(|m| *m <= n).collect();
        if picks.last() != Some(&n) {
            picks.push(n);
        }
        for m in picks {
            let month = &estimate.ledger[m - 1];
            let _ = writeln!(
                out,
                "  month {:>3}: {:>12}   {:>12} GB stored",
                m,
                month.total.to_string(),
                super::super::cost::usage::fmt_qty(super::stored_gb(month))
            );
        }
    }

    out.push_str("\nPrice sources:\n");
    let mut sources: BTreeMap<&str, &str> = BTreeMap::new();
    for l in &estimate.lines {
        sources.entry(&l.price_id).or_insert(&l.source);
    }
    for (id, source) in sources {
        let _ = writeln!(out, "  {id}: {source}");
    }
    if !plan.notes.is_empty() {
        out.push_str("\nNotes:\n");
        for note in &plan.notes {
            let _ = writeln!(out, "  - {}", escape(note, MAX_TEXT_CHARS));
        }
    }
    if let Some(report) = recovery {
        out.push('\n');
        out.push_str(&super::recovery_table(report));
    }
    if !diagnostics.is_empty() {
        out.push_str("\nDiagnostics:\n");
        for d in diagnostics {
            let _ = writeln!(out, "  {d}");
        }
    }
    out
}
