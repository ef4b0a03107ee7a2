//! CSV downloads of cost lines and of the ledger, safe to open in a spreadsheet.

use crate::cost::Estimate;

/// Quotes a field when needed, and defuses spreadsheet formulas: a cell that starts
/// with `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe.
fn field(text: &str) -> String {
    let defused = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn row(fields: &[String]) -> String {
    let mut line = fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// One row per cost line of the steady-state month.
pub fn lines_csv(estimate: &Estimate) -> String {
    let mut out = row(&[
        "component",
        "item",
        "quantity",
        "unit",
        "unit_price_usd",
        "monthly_usd",
        "price_id",
        "source",
        "basis",
        "region",
        "price_region",
        "free_tier",
    ]
    .map(String::from));
    for l in &estimate.lines {
        out.push_str(&row(&[
            l.component.to_string(),
            l.item.to_string(),
            l.quantity.to_string(),
            l.unit.to_string(),
            l.unit_price.to_string(),
            format!("{:.6}", l.monthly.as_f64()),
            l.price_id.to_string(),
            l.source.to_string(),
            l.basis.to_string(),
            l.region.to_string(),
            l.price_region.to_string(),
            match &l.free_tier {
                crate::cost::FreeTier::NotOffered => String::new(),
                crate::cost::FreeTier::Applied(used) => format!("applied ({used} free)"),
                crate::cost::FreeTier::NotApplied(_) => "not applied".into(),
            },
        ]));
    }
    out
}

/// One row per month: total, each component's cost, and GB by storage class.
pub fn ledger_csv(estimate: &Estimate) -> String {
    let classes: Vec<&str> = {
        let mut all: Vec<&str> =
            estimate.ledger.iter().flat_map(|m| m.storage_gb_by_class.keys().copied()).collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    let mut header = vec!["month".to_string(), "total_usd".to_string()];
    header.extend(estimate.components.iter().map(|c| format!("{}_usd", c.id)));
    header.extend(classes.iter().map(|c| format!("{c}_gb")));
    let mut out = row(&header);
    for m in &estimate.ledger {
        let mut fields = vec![m.month.to_string(), format!("{:.6}", m.total.as_f64())];
        fields.extend(m.by_component.iter().map(|usd| format!("{:.6}", usd.as_f64())));
        fields.extend(
            classes
                .iter()
                .map(|c| format!("{:.3}", m.storage_gb_by_class.get(c).copied().unwrap_or(0.0))),
        );
        out.push_str(&row(&fields));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("-1"), "'-1");
    }
}
