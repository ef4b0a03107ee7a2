//! Small figures every surface shows alike, computed once: how many diagnostics of each
//! severity a plan has, the prices an estimate uses, and the data stored in a month.

use crate::money::Money;
use std::collections::BTreeMap;

use crate::cost::{Estimate, LedgerMonth};
use crate::plan::{Diagnostic, Severity};
use crate::pricing::PriceOrigin;

/// Diagnostics counted by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DiagnosticCounts {
    pub errors: usize,
    pub warnings: usize,
}

impl DiagnosticCounts {
    pub fn of(diagnostics: &[Diagnostic]) -> DiagnosticCounts {
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        DiagnosticCounts { errors, warnings: diagnostics.len() - errors }
    }

    /// `valid`, `valid (2 warning(s))`, `3 error(s), 1 warning(s)`.
    pub fn summary(&self) -> String {
        match (self.errors, self.warnings) {
            (0, 0) => "valid".into(),
            (0, w) => format!("valid ({w} warning(s))"),
            (e, 0) => format!("{e} error(s)"),
            (e, w) => format!("{e} error(s), {w} warning(s)"),
        }
    }
}

/// The first error, if any: what a one-line refusal quotes.
pub fn first_error(diagnostics: &[Diagnostic]) -> Option<&Diagnostic> {
    diagnostics.iter().find(|d| d.severity == Severity::Error)
}

/// One price an estimate uses, once however many lines use it.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceUsed {
    pub price_id: String,
    pub unit_price: String,
    pub unit: String,
    pub source: String,
    pub origin: PriceOrigin,
}

/// The prices an estimate uses, by price id (the first line's price where lines of one
/// id are priced differently, e.g. by region).
pub fn prices_used(estimate: &Estimate) -> Vec<PriceUsed> {
    let mut by_id: BTreeMap<&str, PriceUsed> = BTreeMap::new();
    for l in &estimate.lines {
        by_id.entry(&l.price_id).or_insert_with(|| PriceUsed {
            price_id: l.price_id.to_string(),
            unit_price: super::fmt_unit_price(l.unit_price),
            unit: l.unit.to_string(),
            source: l.source.to_string(),
            origin: l.origin.clone(),
        });
    }
    by_id.into_values().collect()
}

/// GB stored across every storage class in one month of the ledger.
pub fn stored_gb(month: &LedgerMonth) -> f64 {
    month.storage_gb_by_class.values().sum()
}

/// `1,234.5 GB`: a month's stored data in words.
pub fn stored_text(month: &LedgerMonth) -> String {
    format!("{} GB", crate::cost::usage::fmt_qty(stored_gb(month)))
}

/// A fix's monthly cost change in words, relative to today's total:
/// `+$1,733.90/month, 122× today's cost` from twice today's cost up, otherwise
/// `+$7.33/month, +52% on today's cost`.
pub fn cost_change_words(delta: Money, today: Money) -> String {
    let signed = delta.display_signed();
    if today.micros() <= 0 {
        return format!("{signed}/month");
    }
    let ratio = delta.micros() as f64 / today.micros() as f64;
    if ratio.abs() >= 2.0 {
        format!("{signed}/month, {:.0}× today's cost", ratio.abs())
    } else {
        let sign = if delta.micros() < 0 { "-" } else { "+" };
        format!("{signed}/month, {sign}{:.0}% on today's cost", (ratio * 100.0).abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_split_by_severity() {
        let mut plan = crate::presets::default_plan();
        plan.targets.rpo_minutes = 0;
        let diagnostics = crate::plan::validate(&plan);
        let counts = DiagnosticCounts::of(&diagnostics);
        assert!(counts.errors >= 1, "{diagnostics:?}");
        assert_eq!(counts.errors + counts.warnings, diagnostics.len());
        assert!(counts.summary().starts_with(&format!("{} error(s)", counts.errors)));
        assert_eq!(DiagnosticCounts::default().summary(), "valid");
    }

    #[test]
    fn each_price_is_listed_once_in_id_order() {
        let plan = crate::presets::find("rds-pitr").unwrap().plan();
        let estimate = crate::cost::estimate(&plan);
        let used = prices_used(&estimate);
        let ids: Vec<&str> = used.iter().map(|p| p.price_id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for l in &estimate.lines {
            assert!(ids.contains(&&*l.price_id), "{}", l.price_id);
        }
    }
}
