//! Pricing usage series month by month: always-free allowances (per account, shared
//! by every line of the same pool, used up in plan order) when the plan applies them,
//! then volume tiers (per account and region, filled in plan order), then quantity ×
//! unit price rounded once per line and tier.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::lines::{push_lines, tiered_cost, Billed};
use super::{CostLine, LedgerMonth, StorageKind, UsageSeries};
use crate::money::{Money, Quantity};
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

/// Every lookup of the month loop, resolved once per estimate.
struct Setup<'a> {
    primary: &'a str,
    apply_free: bool,
    resolved: Vec<Rc<ResolvedPrice>>,
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
        let mut resolved: Vec<Rc<ResolvedPrice>> = Vec::new();
        let price_of: Vec<usize> = series
            .iter()
            .map(|s| {
                let key = (
                    s.price_id.as_str(),
                    s.region.as_deref().unwrap_or(primary),
                    s.to_region.as_deref(),
                );
                *cache.entry(key).or_insert_with(|| {
                    resolved.push(super::price_cache::resolve(prices, key.0, key.1, key.2));
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

/// The last month index at which some series' quantity differs from the month before
/// (bit for bit); every later month costs exactly what that one does. A series
/// shorter than the others counts as zero past its end.
fn last_change(series: &[UsageSeries], months: usize) -> usize {
    series
        .iter()
        .map(|s| {
            let q = &s.per_month[..s.per_month.len().min(months)];
            let within = q.windows(2).rposition(|w| w[0].to_bits() != w[1].to_bits());
            let within = within.map_or(0, |i| i + 1);
            // Past its end the series reads zero.
            match q.last() {
                Some(v) if q.len() < months && v.to_bits() != 0f64.to_bits() => q.len(),
                _ => within,
            }
        })
        .max()
        .unwrap_or(0)
}

/// Whether each series' tier slot is within reach of its first tier's end in the
/// horizon's last month (`used`: the account's usage per slot that month). A slot
/// reads as the lines will (an empty region is the primary's).
fn tier_dependence(setup: &Setup, series: &[UsageSeries], used: &[Quantity]) -> Vec<bool> {
    series
        .iter()
        .map(|s| {
            let region = s.region.as_deref().unwrap_or(setup.primary);
            let region = if region.is_empty() { setup.primary } else { region };
            let id = s.price_id.as_str();
            // The first price resolved for the id and region (any destination).
            let first = setup.cache.range((id, region, None)..).next();
            let bound = first
                .filter(|((i, r, _), _)| *i == id && *r == region)
                .and_then(|(_, p)| setup.resolved[*p].tiers.first().map(|t| t.from_units));
            let Some(bound) = bound else { return false };
            let slot = setup.tier_ids.binary_search(&(id, region));
            let account = slot.ok().and_then(|i| used.get(i)).copied().unwrap_or_default();
            account.millionths().saturating_mul(TIER_HEADROOM_DIVISOR) >= bound.millionths()
        })
        .collect()
}

pub fn price(plan: &Plan, prices: &Prices, series: Vec<UsageSeries>, horizon: usize) -> Priced {
    let months = series.first().map_or(horizon, |s| s.per_month.len()).max(horizon);
    let setup = Setup::new(plan, prices, &series, horizon);
    let mut kind_ids = [""; StorageKind::COUNT];
    for kind in series.iter().filter_map(|s| s.storage) {
        kind_ids[kind.index()] = kind.id();
    }
    let settled_after = last_change(&series, months);
    let mut ledger = Vec::with_capacity(horizon);
    let mut totals: Vec<Money> = Vec::with_capacity(months);
    let mut last_tier_use = vec![Quantity::ZERO; setup.tier_ids.len()];
    // The allowances and tier usage of the month, reset each month without allocating.
    let mut free_left = vec![Quantity::ZERO; setup.pool_allowance.len()];
    let mut tier_used = vec![Quantity::ZERO; setup.tier_ids.len()];
    // The cost of each uncoupled series at its last quantity (as bits): most series
    // keep their quantity for months, and the conversion and product are skipped.
    let mut memo: Vec<Option<(u64, Money)>> = vec![None; series.len()];
    // Each listed series as billed in the horizon's last month.
    let mut last: Vec<Option<Billed>> = vec![None; series.len()];
    for month_index in 0..months {
        let in_horizon = month_index < horizon;
        let is_last = month_index + 1 == horizon;
        if !in_horizon && month_index > settled_after {
            if let Some(total) = totals.last().copied() {
                totals.push(total);
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
            let q = s.per_month.get(month_index).copied().unwrap_or(0.0);
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
                        last[i] = Some(b);
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
        totals.push(total);
        if in_horizon {
            let storage_gb_by_class = (0..StorageKind::COUNT)
                .filter(|k| has_kind[*k])
                .map(|k| (kind_ids[k], stored[k]))
                .collect();
            ledger.push(LedgerMonth {
                month: month_index as u32 + 1,
                total,
                by_component,
                storage_gb_by_class,
            });
        }
    }
    let tier_dependent = tier_dependence(&setup, &series, &last_tier_use);
    let Setup { resolved, price_of, apply_free, .. } = setup;
    let primary = plan.primary_region.as_str();
    let mut lines: Vec<CostLine> = Vec::with_capacity(series.len());
    let mut fallbacks = Vec::new();
    for (i, s) in series.into_iter().enumerate() {
        if let Some(b) = &last[i] {
            let price = &resolved[price_of[i]];
            let dependent = tier_dependent[i];
            push_lines(&mut lines, &mut fallbacks, s, price, b, apply_free, dependent, primary);
        }
    }
    Priced { ledger, totals, lines, fallbacks }
}
