//! Pricing usage series month by month: always-free allowances (per account, shared
//! by every line of the same pool, used up in plan order) when the plan applies them,
//! then volume tiers (per account and region, filled in plan order), then quantity ×
//! unit price rounded once per line and tier.

use std::collections::BTreeMap;

use super::{CostLine, FreeTier, LedgerMonth, StorageKind, UsageSeries};
use crate::money::{Money, Quantity, UnitPrice};
use crate::plan::Plan;
use crate::pricing::{Prices, RegionFallback, ResolvedPrice};

/// A line of a tiered price depends on the rest of the account once the account's
/// usage of that price reaches this share of the first tier. With every candidate
/// plan change and the plan itself below an eighth of the tier, up to seven changes
/// combined stay within the first tier, where prices are linear.
const TIER_HEADROOM_DIVISOR: i64 = 8;

pub struct Priced {
    /// The horizon's months.
    pub ledger: Vec<LedgerMonth>,
    /// Every priced month's total (all of `MAX_HORIZON_MONTHS`).
    pub totals: Vec<Money>,
    /// The lines of the horizon's last month.
    pub lines: Vec<CostLine>,
    /// Prices used for another region than the one billed, with their price id.
    pub fallbacks: Vec<(RegionFallback, String)>,
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
fn tiered_cost(price: &ResolvedPrice, used: Quantity, billed: Quantity) -> Money {
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

fn basis_with_free(s: &UsageSeries, free: &FreeTier, raw: Quantity, unit: &str) -> String {
    match free {
        FreeTier::Applied(used) if *used > Quantity::ZERO => {
            format!("{} − {} free (always-free allowance)", s.basis, units(*used, unit))
        }
        FreeTier::NotApplied(allowance) if raw > Quantity::ZERO => format!(
            "{}; always-free allowance of {} a month not applied (pricing.apply_free_tier is off)",
            s.basis,
            units(*allowance, unit)
        ),
        _ => s.basis.clone(),
    }
}

/// Every lookup of the month loop, resolved once per estimate.
struct Setup<'a> {
    primary: &'a str,
    apply_free: bool,
    resolved: Vec<ResolvedPrice>,
    cache: BTreeMap<(&'a str, &'a str, Option<&'a str>), usize>,
    /// Per series: its price, its component, its free pool, its tier slot.
    price_of: Vec<usize>,
    component_of: Vec<Option<usize>>,
    pool_of: Vec<usize>,
    tier_of: Vec<usize>,
    pool_allowance: Vec<Quantity>,
    tier_ids: Vec<(&'a str, &'a str)>,
    /// Per series: whether its cost depends on other series of the month (a free
    /// allowance the plan applies, or a tier slot with volume tiers). The others cost
    /// `unit price × quantity` whatever else is billed.
    coupled: Vec<bool>,
    /// Per series: whether it is listed and charted (see `price`).
    listed: Vec<bool>,
}

impl<'a> Setup<'a> {
    fn new(plan: &'a Plan, prices: &Prices, series: &'a [UsageSeries], horizon: usize) -> Self {
        let primary = plan.primary_region.as_str();
        let index_of: BTreeMap<&str, usize> =
            plan.components.iter().enumerate().map(|(i, c)| (c.id(), i)).rev().collect();
        let component_of =
            series.iter().map(|s| index_of.get(s.component.as_str()).copied()).collect();
        let mut cache: BTreeMap<(&str, &str, Option<&str>), usize> = BTreeMap::new();
        let mut resolved: Vec<ResolvedPrice> = Vec::new();
        let price_of: Vec<usize> = series
            .iter()
            .map(|s| {
                let key = (
                    s.price_id.as_str(),
                    s.region.as_deref().unwrap_or(primary),
                    s.to_region.as_deref(),
                );
                *cache.entry(key).or_insert_with(|| {
                    resolved.push(prices.get_at(key.0, key.1, key.2));
                    resolved.len() - 1
                })
            })
            .collect();
        // Free allowances are per account and pool; tiers per account, price and region.
        let pool_ids: Vec<&str> = {
            let mut ids: Vec<&str> = resolved.iter().map(|p| p.free_pool.as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let pool_of_price: Vec<usize> = resolved
            .iter()
            .map(|p| pool_ids.binary_search(&p.free_pool.as_str()).unwrap_or(0))
            .collect();
        let mut pool_allowance = vec![Quantity::ZERO; pool_ids.len()];
        for (p, pool) in resolved.iter().zip(&pool_of_price) {
            pool_allowance[*pool] = pool_allowance[*pool].max(p.free_units_per_month);
        }
        let tier_keys: Vec<(&str, &str)> = series
            .iter()
            .map(|s| (s.price_id.as_str(), s.region.as_deref().unwrap_or(primary)))
            .collect();
        let tier_ids: Vec<(&str, &str)> = {
            let mut ids = tier_keys.clone();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let tier_of: Vec<usize> =
            tier_keys.iter().map(|k| tier_ids.binary_search(k).unwrap_or(0)).collect();
        let pool_of: Vec<usize> = price_of.iter().map(|p| pool_of_price[*p]).collect();
        let apply_free = plan.pricing.apply_free_tier;
        let mut tiered_slot = vec![false; tier_ids.len()];
        for (slot, price) in tier_of.iter().zip(&price_of) {
            tiered_slot[*slot] |= !resolved[*price].tiers.is_empty();
        }
        let coupled = (0..series.len())
            .map(|i| {
                (apply_free && pool_allowance[pool_of[i]] > Quantity::ZERO)
                    || tiered_slot[tier_of[i]]
            })
            .collect();
        // A series that only starts after the horizon (data that becomes noncurrent in
        // year 8, say) is priced for the outlook but neither listed nor charted.
        let listed = series
            .iter()
            .map(|s| {
                let starts_later = s.per_month.iter().take(horizon).all(|v| *v == 0.0)
                    && s.per_month.iter().any(|v| *v != 0.0);
                !starts_later
            })
            .collect();
        Setup {
            primary,
            apply_free,
            resolved,
            cache,
            price_of,
            component_of,
            pool_of,
            tier_of,
            pool_allowance,
            tier_ids,
            coupled,
            listed,
        }
    }
}

/// One series in one month, priced after the series before it in plan order.
struct Billed {
    raw: Quantity,
    used_free: Quantity,
    billed: Quantity,
    used_before: Quantity,
    cost: Money,
}

/// Prices series `i` given what the month's earlier series used of the free
/// allowances (`free_left`) and of the tier slots (`tier_used`).
fn bill(
    setup: &Setup,
    i: usize,
    quantity: f64,
    free_left: &mut [Quantity],
    tier_used: &mut [Quantity],
) -> Billed {
    let price = &setup.resolved[setup.price_of[i]];
    let raw = Quantity::from_f64(quantity);
    let free = &mut free_left[setup.pool_of[i]];
    let used_free = raw.min(*free);
    *free = free.saturating_sub(used_free);
    let billed = raw.saturating_sub(used_free);
    let slot = setup.tier_of[i];
    let used_before = tier_used[slot];
    tier_used[slot] = used_before.saturating_add(billed);
    // Flat prices (nearly all) need no split; tiered ones split without allocating
    // except for the lines of the last month.
    let cost = if price.tiers.is_empty() {
        price.usd.times(billed)
    } else {
        tiered_cost(price, used_before, billed)
    };
    Billed { raw, used_free, billed, used_before, cost }
}

/// The quantity of a series in a month (zero past its end).
fn quantity(s: &UsageSeries, month_index: usize) -> f64 {
    s.per_month.get(month_index).copied().unwrap_or(0.0)
}

/// The last month index at which some series' quantity differs from the month before
/// (bit for bit); every later month costs exactly what that one does.
fn last_change(series: &[UsageSeries], months: usize) -> usize {
    series
        .iter()
        .map(|s| {
            (1..months).rev().find(|m| quantity(s, *m).to_bits() != quantity(s, m - 1).to_bits())
        })
        .max()
        .flatten()
        .unwrap_or(0)
}

pub fn price(plan: &Plan, prices: &Prices, series: &[UsageSeries], horizon: usize) -> Priced {
    let months = series.first().map_or(horizon, |s| s.per_month.len()).max(horizon);
    let setup = Setup::new(plan, prices, series, horizon);
    let mut kind_ids = [""; StorageKind::COUNT];
    for kind in series.iter().filter_map(|s| s.storage) {
        kind_ids[kind.index()] = kind.id();
    }
    let settled_after = last_change(series, months);

    let mut out = Priced {
        ledger: Vec::with_capacity(horizon),
        totals: Vec::with_capacity(months),
        lines: Vec::new(),
        fallbacks: Vec::new(),
    };
    let mut last_tier_use = vec![Quantity::ZERO; setup.tier_ids.len()];
    // The allowances and tier usage of the month, reset each month without allocating.
    let mut free_left = vec![Quantity::ZERO; setup.pool_allowance.len()];
    let mut tier_used = vec![Quantity::ZERO; setup.tier_ids.len()];
    // The cost of each uncoupled series at its last quantity (as bits): most series
    // keep their quantity for months, and the conversion and product are skipped.
    let mut memo: Vec<Option<(u64, Money)>> = vec![None; series.len()];
    for month_index in 0..months {
        let in_horizon = month_index < horizon;
        let is_last = month_index + 1 == horizon;
        if !in_horizon && month_index > settled_after {
            if let Some(total) = out.totals.last().copied() {
                out.totals.push(total);
                continue;
            }
        }
        let mut total = Money::ZERO;
        let mut by_component =
            if in_horizon { vec![Money::ZERO; plan.components.len()] } else { Vec::new() };
        let mut stored = [0.0f64; StorageKind::COUNT];
        let mut has_kind = [false; StorageKind::COUNT];
        if setup.apply_free {
            free_left.copy_from_slice(&setup.pool_allowance);
        }
        tier_used.fill(Quantity::ZERO);
        for (i, s) in series.iter().enumerate() {
            let q = quantity(s, month_index);
            let cost = match memo[i] {
                Some((bits, cost)) if !is_last && bits == q.to_bits() => cost,
                _ if !is_last && !setup.coupled[i] => {
                    let cost = setup.resolved[setup.price_of[i]].usd.times(Quantity::from_f64(q));
                    memo[i] = Some((q.to_bits(), cost));
                    cost
                }
                _ => {
                    let b = bill(&setup, i, q, &mut free_left, &mut tier_used);
                    if is_last && setup.listed[i] {
                        push_lines(&mut out, &setup, s, i, &b);
                    }
                    b.cost
                }
            };
            total += cost;
            if !in_horizon {
                continue;
            }
            if let Some(c) = setup.component_of[i] {
                by_component[c] += cost;
            }
            if let Some(kind) = s.storage.filter(|_| setup.listed[i]) {
                // Non-finite quantities (only from plans validation rejects) count as zero, as in pricing.
                stored[kind.index()] += if q.is_finite() { q.max(0.0) } else { 0.0 };
                has_kind[kind.index()] = true;
            }
        }
        if is_last {
            last_tier_use.copy_from_slice(&tier_used);
        }
        out.totals.push(total);
        if in_horizon {
            let storage_gb_by_class = (0..StorageKind::COUNT)
                .filter(|k| has_kind[*k])
                .map(|k| (kind_ids[k], stored[k]))
                .collect();
            out.ledger.push(LedgerMonth {
                month: month_index as u32 + 1,
                total,
                by_component,
                storage_gb_by_class,
            });
        }
    }
    let Setup { resolved, cache, tier_ids, primary, .. } = setup;
    mark_tier_dependence(&mut out.lines, &resolved, &cache, &tier_ids, &last_tier_use, primary);
    out
}

/// The lines of a series in the horizon's last month: one per volume tier its
/// quantity reaches.
fn push_lines(out: &mut Priced, setup: &Setup, s: &UsageSeries, i: usize, b: &Billed) {
    let price = &setup.resolved[setup.price_of[i]];
    let free_tier = match (price.free_units_per_month > Quantity::ZERO, setup.apply_free) {
        (false, _) => FreeTier::NotOffered,
        (true, true) => FreeTier::Applied(b.used_free),
        (true, false) => FreeTier::NotApplied(price.free_units_per_month),
    };
    let basis = basis_with_free(s, &free_tier, b.raw, &price.unit);
    let pieces = segments(price, b.used_before, b.billed);
    let split = pieces.len() > 1;
    for piece in pieces {
        let tier = piece.tier.filter(|_| !price.tiers.is_empty());
        let item = match (&tier, split || piece.price != price.usd) {
            (Some(label), true) => format!("{} ({label})", s.item),
            _ => s.item.clone(),
        };
        out.lines.push(CostLine {
            component: s.component.clone(),
            item,
            quantity: piece.quantity,
            unit: price.unit.clone(),
            unit_price: piece.price,
            monthly: piece.price.times(piece.quantity),
            price_id: s.price_id.clone(),
            source: price.source.clone(),
            basis: basis.clone(),
            free_units: b.used_free,
            free_tier: free_tier.clone(),
            origin: price.origin.clone(),
            region: s.region.clone().unwrap_or_else(|| setup.primary.to_string()),
            price_region: price.region.clone(),
            volume_tier: tier,
            account_dependent: b.used_free > Quantity::ZERO,
        });
    }
    if let Some(f) = &price.region_fallback {
        out.fallbacks.push((f.clone(), s.price_id.clone()));
    }
}

/// Marks the lines of tiered prices whose account-wide usage comes within reach of
/// the first tier's end (see [`TIER_HEADROOM_DIVISOR`]).
fn mark_tier_dependence(
    lines: &mut [CostLine],
    resolved: &[ResolvedPrice],
    cache: &BTreeMap<(&str, &str, Option<&str>), usize>,
    tier_ids: &[(&str, &str)],
    used: &[Quantity],
    primary: &str,
) {
    let first_bound = |id: &str, region: &str| {
        cache
            .iter()
            .find(|((i, r, _), _)| *i == id && *r == region)
            .and_then(|(_, p)| resolved[*p].tiers.first().map(|t| t.from_units))
    };
    for line in lines.iter_mut() {
        let region = if line.region.is_empty() { primary } else { line.region.as_str() };
        let Some(bound) = first_bound(&line.price_id, region) else { continue };
        let slot = tier_ids.binary_search(&(line.price_id.as_str(), region));
        let account = slot.ok().and_then(|i| used.get(i)).copied().unwrap_or_default();
        if account.millionths().saturating_mul(TIER_HEADROOM_DIVISOR) >= bound.millionths() {
            line.account_dependent = true;
        }
    }
}
