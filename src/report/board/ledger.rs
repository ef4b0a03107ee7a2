//! The month-by-month ledger as a table a board can read: each month's cost, its
//! change from the month before, and the data stored by class in words, the same rows
//! in the app's Report tab and the HTML report.

use crate::charts::storage_class_label;
use crate::cost::{usage::fmt_qty, Estimate};
use crate::money::Money;

/// The ledger as a header and rows of text, one row per month.
#[derive(Clone, Debug, PartialEq)]
pub struct LedgerTable {
    /// "Month", "Cost", "Change", "Stored", then one column per storage class in words.
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The ledger of `estimate` (its horizon), with a column for every storage class any
/// month holds data in, in the order the storage chart stacks them.
pub fn ledger_table(estimate: &Estimate) -> LedgerTable {
    let mut classes: Vec<&str> =
        estimate.ledger.iter().flat_map(|m| m.storage_gb_by_class.keys().copied()).collect();
    classes.sort_unstable();
    classes.dedup();
    let mut header: Vec<String> =
        ["Month", "Cost", "Change", "Stored (GB)"].iter().map(|h| h.to_string()).collect();
    header.extend(classes.iter().map(|c| format!("{} (GB)", storage_class_label(c))));
    let mut previous: Option<Money> = None;
    let rows = estimate
        .ledger
        .iter()
        .map(|m| {
            let change = match previous {
                None => "—".to_string(),
                Some(p) if p == m.total => "no change".to_string(),
                Some(p) => {
                    Money::from_micros(m.total.micros().saturating_sub(p.micros())).display_signed()
                }
            };
            previous = Some(m.total);
            let mut row = vec![
                m.month.to_string(),
                m.total.display_usd(),
                change,
                fmt_qty(super::super::stored_gb(m)),
            ];
            row.extend(
                classes
                    .iter()
                    .map(|c| fmt_qty(m.storage_gb_by_class.get(c).copied().unwrap_or(0.0))),
            );
            row
        })
        .collect();
    LedgerTable { header, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_month_with_its_change_and_classes_in_words() {
        let plan = crate::presets::find("s3-glacier-backup").map(|p| p.plan()).unwrap_or_default();
        let e = crate::cost::estimate(&plan);
        let table = ledger_table(&e);
        assert_eq!(table.rows.len(), e.ledger.len());
        assert_eq!(table.rows[0][2], "—");
        assert!(table.header.iter().any(|h| h.starts_with("S3 ")), "{:?}", table.header);
        assert!(table.header.iter().all(|h| !h.contains('_')), "{:?}", table.header);
        assert!(table.rows.iter().all(|r| r.len() == table.header.len()));
    }
}
