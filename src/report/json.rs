//! The JSON output of `drplan estimate --format json`: a contract for scripts.
//! Fields are only ever added, never renamed. Keys come out sorted, so the output is
//! byte-for-byte deterministic. With a recovery report, the output gains `recovery`
//! (see [`super::recovery_json_value`]).

use serde_json::{json, Map, Value};

use crate::cost::{Estimate, FreeTier};
use crate::plan::{Diagnostic, Plan};
use crate::recovery::RecoveryReport;

pub fn estimate_json_value(
    plan: &Plan,
    estimate: &Estimate,
    diagnostics: &[Diagnostic],
    recovery: Option<&RecoveryReport>,
) -> Value {
    let components: Vec<Value> = estimate
        .components
        .iter()
        .map(|c| json!({"id": c.id, "kind": c.kind.id(), "monthly_usd": c.monthly.as_f64()}))
        .collect();
    let lines: Vec<Value> = estimate
        .lines
        .iter()
        .map(|l| {
            json!({
                "component": l.component,
                "item": l.item,
                "quantity": l.quantity.as_f64(),
                "unit": l.unit,
                "unit_price_usd": l.unit_price.as_f64(),
                "monthly_usd": l.monthly.as_f64(),
                "price_id": l.price_id,
                "source": l.source,
                "basis": l.basis,
                "free_units": l.free_units.as_f64(),
                "free_tier": free_tier_json(&l.free_tier),
                "region": l.region,
                "price_region": l.price_region,
                "volume_tier": l.volume_tier,
            })
        })
        .collect();
    let ledger: Vec<Value> = estimate
        .ledger
        .iter()
        .map(|m| {
            let storage: Map<String, Value> = m.storage_gb_by_class.iter().map(|(k, v)| (k.to_string(), json!(round6(*v)))).collect();
            let by_component: Map<String, Value> =
                estimate.components.iter().zip(&m.by_component).map(|(c, usd)| (c.id.clone(), json!(usd.as_f64()))).collect();
            json!({"month": m.month, "total_usd": m.total.as_f64(), "storage_gb_by_class": storage, "by_component_usd": by_component})
        })
        .collect();
    let outlook = &estimate.outlook;
    let steady_state = json!({
        "reached": outlook.steady_at(estimate.horizon_months),
        "plateau_month": outlook.plateau.map(|p| p.0),
        "plateau_monthly_usd": outlook.plateau.map(|p| p.1.as_f64()),
        "change_per_month_usd": outlook.change_per_month.as_f64(),
        "months_priced": outlook.months_priced,
        "sentence": super::steady_state_sentence(estimate),
    });
    let region_caveats: Vec<Value> = estimate
        .region_caveats
        .iter()
        .map(|c| {
            json!({"billed_region": c.billed_region, "priced_as": c.priced_as, "sheets": c.sheets, "price_ids": c.price_ids})
        })
        .collect();
    let mut value = json!({
        "plan": estimate.plan_name,
        "price_sheet": estimate.price_sheet,
        "price_sheet_title": super::sheet_words(&estimate.price_sheet),
        "headline": super::headline(estimate, recovery),
        "steady_state": steady_state,
        "caveats": super::caveats(estimate),
        "region_caveats": region_caveats,
        "free_tier_applied": estimate.free_tier_applied,
        "horizon_months": estimate.horizon_months,
        "monthly_total_usd": estimate.monthly_total.as_f64(),
        "horizon_total_usd": estimate.horizon_total.as_f64(),
        "components": components,
        "lines": lines,
        "ledger": ledger,
        "notes": plan.notes,
        "diagnostics": diagnostics,
    });
    if let (Some(report), Some(object)) = (recovery, value.as_object_mut()) {
        object.insert("recovery".into(), super::recovery_json_value(report));
    }
    value
}

/// Pretty JSON text with a trailing newline.
pub fn estimate_json(
    plan: &Plan,
    estimate: &Estimate,
    diagnostics: &[Diagnostic],
    recovery: Option<&RecoveryReport>,
) -> String {
    let mut text =
        serde_json::to_string_pretty(&estimate_json_value(plan, estimate, diagnostics, recovery))
            .unwrap_or_default();
    text.push('\n');
    text
}

fn free_tier_json(free: &FreeTier) -> Value {
    match free {
        FreeTier::NotOffered => json!({"offered": false}),
        FreeTier::Applied(used) => {
            json!({"offered": true, "applied": true, "free_units": used.as_f64()})
        }
        FreeTier::NotApplied(allowance) => {
            json!({"offered": true, "applied": false, "allowance_units": allowance.as_f64()})
        }
    }
}

/// Storage GB are simulated in `f64`; six decimals keep output stable and readable.
fn round6(value: f64) -> f64 {
    (value * 1e6).round() / 1e6
}
