//! Renderings of an estimate and its recovery report: the CLI's table, the JSON
//! contract for scripts, and CSV downloads; and the view model every surface shares
//! (plan comparison, CI gates, diagnostic counts, prices used, stored data). Pure
//! functions from core types to values and text, shared by CLI and web app.

pub mod board;
mod check;
mod compare;
mod compare_text;
mod csv;
mod headline;
mod json;
pub mod offers;
mod recovery;
mod summary;
mod table;

pub use check::{check, check_text, GateOutcome, Gates};
pub use compare::{
    compare, comparison_json_value, minutes_text, target_text, verdict_word, ComponentChange,
    CostChange, LineChange, ObjectiveChange, PlanComparison,
};
pub use compare_text::{comparison_markdown, comparison_table, markdown_text};
pub use summary::{
    cost_change_words, first_error, prices_used, stored_gb, stored_text, DiagnosticCounts,
    PriceUsed,
};

pub use csv::{ledger_csv, lines_csv};
pub use headline::{
    caveats, headline, other_sheet_total, pricing_caveats, sheet_words, steady_state_sentence,
};
pub use json::{estimate_json, estimate_json_value};
pub use recovery::{charge_text, recovery_json, recovery_json_value, recovery_table};
pub use table::estimate_table;

use crate::money::{Quantity, UnitPrice};

/// `0.0000166667` → `$0.0000166667`; `3` → `$3.00`: at least cents, never rounded.
pub fn fmt_unit_price(price: UnitPrice) -> String {
    let text = price.to_string();
    match text.split_once('.') {
        None => format!("${text}.00"),
        Some((_, frac)) if frac.len() == 1 => format!("${text}0"),
        Some(_) => format!("${text}"),
    }
}

/// A quantity grouped by thousands with up to six decimals.
pub fn fmt_quantity(quantity: Quantity) -> String {
    let text = quantity.to_string();
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = crate::money::group_thousands(whole.parse().unwrap_or(0));
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_and_quantities_read_well() {
        assert_eq!(fmt_unit_price(UnitPrice::parse("3").unwrap()), "$3.00");
        assert_eq!(fmt_unit_price(UnitPrice::parse("0.2").unwrap()), "$0.20");
        assert_eq!(fmt_unit_price(UnitPrice::parse("0.0000166667").unwrap()), "$0.0000166667");
        assert_eq!(fmt_quantity(Quantity::from_f64(1234567.125)), "1,234,567.125");
    }
}
