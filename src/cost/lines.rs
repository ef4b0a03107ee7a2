//! The cost lines of the horizon's last month: one per series and volume tier its
//! quantity reaches, with the working (the basis, the free allowance used) and the
//! price's source and region. Each series' texts move into its lines: they are made
//! once, by the usage model, and never copied for a line.

use std::sync::Arc;

use super::{CostLine, FreeTier, UsageSeries};
use crate::money::{Money, Quantity, UnitPrice};
use crate::pricing::ResolvedPrice;

/// A series in the horizon's last month, as billed after the series before it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Billed {
    pub raw: Quantity,
    pub used_free: Quantity,
    pub billed: Quantity,
    pub used_before: Quantity,
    pub cost: Money,
}

/// A piece of a line's quantity at one tier's price.
struct Segment {
    quantity: Quantity,
    price: UnitPrice,
    tier: Option<String>,
}

/// Splits `billed` units, which start after `used` units of the month already billed
/// at this price in the account and region, across the price's tiers.
fn segments(price: &ResolvedPrice, used: Quantity, billed: Quantity) -> Vec<Segment> {
    if price.tiers.is_empty() {
        return vec![Segment { quantity: billed, price: price.usd, tier: None }];
    }
    let mut bounds: Vec<(Quantity, UnitPrice, Option<String>)> =
        vec![(Quantity::ZERO, price.usd, price.first_tier_label.clone())];
    bounds.extend(price.tiers.iter().map(|t| (t.from_units, t.usd, Some(t.label.clone()))));
    let mut out = Vec::new();
    let (mut at, end) = (used, used.saturating_add(billed));
    for (i, (from, usd, label)) in bounds.iter().enumerate() {
        let until = bounds.get(i + 1).map(|b| b.0);
        let lo = at.max(*from);
        let hi = until.map_or(end, |u| end.min(u));
        if hi > lo {
            out.push(Segment { quantity: hi.saturating_sub(lo), price: *usd, tier: label.clone() });
            at = hi;
        }
    }
    if out.is_empty() {
        out.push(Segment { quantity: Quantity::ZERO, price: price.usd, tier: None });
    }
    out
}

/// `400,000 GB-second`, `2 × 10k requests`.
fn units(quantity: Quantity, unit: &str) -> String {
    let n = super::usage::fmt_qty(quantity.as_f64());
    if unit.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{n} × {unit}")
    } else {
        format!("{n} {unit}")
    }
}

/// The cost of `billed` units after `used` at a tiered price, without allocating.
pub(super) fn tiered_cost(price: &ResolvedPrice, used: Quantity, billed: Quantity) -> Money {
    let end = used.saturating_add(billed);
    let mut total = Money::ZERO;
    let mut from = Quantity::ZERO;
    let mut usd = price.usd;
    for tier in price.tiers.iter().map(Some).chain(std::iter::once(None)) {
        let until = tier.map_or(end, |t| t.from_units.min(end));
        let (lo, hi) = (used.max(from), until);
        if hi > lo {
            total += usd.times(hi.saturating_sub(lo));
        }
        if let Some(t) = tier {
            (from, usd) = (t.from_units, t.usd);
        }
    }
    total
}

fn basis_with_free(basis: Arc<str>, free: &FreeTier, raw: Quantity, unit: &str) -> Arc<str> {
    match free {
        FreeTier::Applied(used) if *used > Quantity::ZERO => {
            format!("{basis} − {} free (always-free allowance)", units(*used, unit)).into()
        }
        FreeTier::NotApplied(allowance) if raw > Quantity::ZERO => format!(
            "{basis}; always-free allowance of {} a month not applied (pricing.apply_free_tier is off)",
            units(*allowance, unit)
        )
        .into(),
        _ => basis,
    }
}

/// Appends the lines of series `s` (priced at `price`, billed as `b`) to `lines`.
/// `tier_dependent`: whether the account's usage of a tiered price comes within reach
/// of its first tier's end.
pub(super) fn push_lines(
    lines: &mut Vec<CostLine>,
    s: UsageSeries,
    price: &ResolvedPrice,
    b: &Billed,
    apply_free: bool,
    tier_dependent: bool,
    primary: &str,
) {
    let free_tier = match (price.free_units_per_month > Quantity::ZERO, apply_free) {
        (false, _) => FreeTier::NotOffered,
        (true, true) => FreeTier::Applied(b.used_free),
        (true, false) => FreeTier::NotApplied(price.free_units_per_month),
    };
    let UsageSeries { component, item, price_id, basis, region, .. } = s;
    let basis = basis_with_free(basis, &free_tier, b.raw, &price.unit);
    let region = region.unwrap_or_else(|| primary.into());
    let pieces = segments(price, b.used_before, b.billed);
    let split = pieces.len() > 1;
    // The series' own texts go to its last line; earlier tiers' lines get copies.
    let mut owned = Some((component, item, price_id, basis, region));
    let count = pieces.len();
    for (k, piece) in pieces.into_iter().enumerate() {
        let texts = if k + 1 == count { owned.take() } else { owned.clone() };
        let Some((component, item, price_id, basis, region)) = texts else { break };
        let tier = piece.tier.filter(|_| !price.tiers.is_empty());
        let item = match (&tier, split || piece.price != price.usd) {
            (Some(label), true) => format!("{item} ({label})").into(),
            _ => item,
        };
        lines.push(CostLine {
            component,
            item,
            quantity: piece.quantity,
            unit: price.unit.clone(),
            unit_price: piece.price,
            monthly: piece.price.times(piece.quantity),
            price_id,
            source: price.source.clone(),
            basis,
            free_units: b.used_free,
            free_tier: free_tier.clone(),
            origin: price.origin.clone(),
            region,
            price_region: price.region.clone(),
            volume_tier: tier,
            account_dependent: b.used_free > Quantity::ZERO || tier_dependent,
        });
    }
}
