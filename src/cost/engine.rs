//! Pricing usage series month by month: always-free allowances (per account, shared
//! by every line of the same pool, used up in plan order) when the plan applies them,
//! then volume tiers (per account and region, filled in plan order), then quantity ×
//! unit price rounded once per line and tier. Prices, pools and tier slots are looked
//! up once per estimate ([`Setup`]); `months` prices every month series by series
//! with the same figures as billing every series in every month.

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

#[cfg_attr(test, derive(Debug, PartialEq))]
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

/// A price as the series ask for it: id, billed region, transfer destination.
type PriceKey<'a> = (&'a str, &'a str, Option<&'a str>);

/// Every lookup of the month loop, resolved once per estimate.
pub(super) struct Setup<'a> {
    pub(super) primary: &'a str,
    pub(super) apply_free: bool,
    /// The distinct prices, in key order.
    pub(super) resolved: Vec<Rc<ResolvedPrice>>,
    /// Per series: its price, its component, its free pool, its tier slot.
    pub(super) price_of: Vec<usize>,
    pub(super) component_of: Vec<Option<usize>>,
    pub(super) pool_of: Vec<usize>,
    pub(super) tier_of: Vec<usize>,
    pub(super) pool_allowance: Vec<Quantity>,
    /// The tier slots (price id, billed region), sorted, and the first of each slot's
    /// prices (the one without a destination, if any).
    pub(super) tier_ids: Vec<(&'a str, &'a str)>,
    pub(super) slot_first_price: Vec<usize>,
    /// Per series: whether its cost depends on other series of the month (a free
    /// allowance the plan applies, or a tier slot with volume tiers). The others cost
    /// `unit price × quantity` whatever else is billed.
    pub(super) coupled: Vec<bool>,
    /// Per series: whether it is listed and charted (see `price`).
    pub(super) listed: Vec<bool>,
    /// Per tier slot: whether one of its prices has volume tiers.
    pub(super) tiered_slot: Vec<bool>,
    /// The plan's number of components.
    pub(super) components: usize,
}

/// The index of each series' component: the first component with its id, as a lookup
/// by id finds it. Series come in the plan order of their components, so each is
/// found where the last one was or just after; a lookup serves the rest.
fn components_of(plan: &Plan, series: &[UsageSeries]) -> Vec<Option<usize>> {
    let index_of: BTreeMap<&str, usize> =
        plan.components.iter().enumerate().map(|(i, c)| (c.id(), i)).rev().collect();
    let mut at = 0;
    series
        .iter()
        .map(|s| {
            let ahead = plan.components.iter().enumerate().skip(at).take(4);
            match ahead.into_iter().find(|(_, c)| c.id() == s.component) {
                Some((j, c)) => {
                    at = j;
                    index_of.get(c.id()).copied()
                }
                None => index_of.get(s.component.as_str()).copied(),
            }
        })
        .collect()
}

impl<'a> Setup<'a> {
    fn new(plan: &'a Plan, prices: &Prices, series: &'a [UsageSeries], horizon: usize) -> Self {
        let primary = plan.primary_region.as_str();
        let component_of = components_of(plan, series);
        // One sort of the series by price key gives the distinct prices and, as
        // runs of the same (id, region), the tier slots.
        let keys: Vec<PriceKey> = series
            .iter()
            .map(|s| {
                let region = s.region.as_deref().unwrap_or(primary);
                (s.price_id.as_str(), region, s.to_region.as_deref())
            })
            .collect();
        let mut order: Vec<usize> = (0..series.len()).collect();
        order.sort_unstable_by(|a, b| keys[*a].cmp(&keys[*b]));
        let mut resolved: Vec<Rc<ResolvedPrice>> = Vec::new();
        let (mut tier_ids, mut slot_first_price) = (Vec::new(), Vec::new());
        let (mut price_of, mut tier_of) = (vec![0; series.len()], vec![0; series.len()]);
        let mut last: Option<PriceKey> = None;
        for &i in &order {
            let key = keys[i];
            if last != Some(key) {
                resolved.push(super::price_cache::resolve(prices, key.0, key.1, key.2));
                if tier_ids.last() != Some(&(key.0, key.1)) {
                    tier_ids.push((key.0, key.1));
                    slot_first_price.push(resolved.len() - 1);
                }
                last = Some(key);
            }
            price_of[i] = resolved.len() - 1;
            tier_of[i] = tier_ids.len() - 1;
        }
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
        let listed = series.iter().map(|s| listed(s, horizon)).collect();
        Setup {
            primary,
            apply_free,
            resolved,
            price_of,
            component_of,
            pool_of,
            tier_of,
            pool_allowance,
            tier_ids,
            slot_first_price,
            coupled,
            listed,
            tiered_slot,
            components: plan.components.len(),
        }
    }
}

/// The one rule for which lines an estimate lists (and charts): every series the
/// plan calls for, zero or not, except one that only starts after the horizon (data
/// that becomes noncurrent in year 8, say), which is priced for the outlook but
/// neither listed nor charted. Series that stop at the horizon say whether usage
/// comes later (`UsageSeries::later`), so the horizon-only estimate lists the same.
fn listed(s: &UsageSeries, horizon: usize) -> bool {
    let zero_in_horizon = s.per_month.iter().take(horizon).all(|v| *v == 0.0);
    let starts_later = zero_in_horizon && (s.later || s.per_month.iter().any(|v| *v != 0.0));
    !starts_later
}

/// Prices series `i` given what the month's earlier series used of the free
/// allowances (`free_left`) and of the tier slots (`tier_used`).
pub(super) fn bill(
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
            // The slot's first price (without a destination, if any) sets the bound.
            let Ok(slot) = setup.tier_ids.binary_search(&(id, region)) else { return false };
            let first = &setup.resolved[setup.slot_first_price[slot]];
            let Some(bound) = first.tiers.first().map(|t| t.from_units) else { return false };
            let account = used.get(slot).copied().unwrap_or_default();
            account.millionths().saturating_mul(TIER_HEADROOM_DIVISOR) >= bound.millionths()
        })
        .collect()
}

/// The horizon's months: each total, its cost per component and the GB stored by
/// kind, added up over the listed stored series in plan order.
fn ledger(
    setup: &Setup,
    series: &[UsageSeries],
    by_component: Vec<Vec<Money>>,
    totals: &[Money],
) -> Vec<LedgerMonth> {
    let mut kind_ids = [""; StorageKind::COUNT];
    let mut has_kind = [false; StorageKind::COUNT];
    let stored_series: Vec<(usize, usize)> = series
        .iter()
        .enumerate()
        .filter(|(i, _)| setup.listed[*i])
        .filter_map(|(i, s)| s.storage.map(|kind| (i, kind)))
        .map(|(i, kind)| {
            kind_ids[kind.index()] = kind.id();
            has_kind[kind.index()] = true;
            (i, kind.index())
        })
        .collect();
    by_component
        .into_iter()
        .zip(totals)
        .enumerate()
        .map(|(m, (by_component, total))| {
            let mut stored = [0.0f64; StorageKind::COUNT];
            for &(i, k) in &stored_series {
                let q = series[i].per_month.get(m).copied().unwrap_or(0.0);
                // Non-finite quantities (only from plans validation rejects) count as
                // zero, as in pricing; sums of such huge ones stay finite, at the largest f64.
                let gb = if q.is_finite() { q.max(0.0) } else { 0.0 };
                stored[k] = (stored[k] + gb).min(f64::MAX);
            }
            let storage_gb_by_class = (0..StorageKind::COUNT)
                .filter(|k| has_kind[*k])
                .map(|k| (kind_ids[k], stored[k]))
                .collect();
            LedgerMonth { month: m as u32 + 1, total: *total, by_component, storage_gb_by_class }
        })
        .collect()
}

pub fn price(plan: &Plan, prices: &Prices, series: Vec<UsageSeries>, horizon: usize) -> Priced {
    price_months(plan, prices, series, horizon, true)
}

/// Prices every month. With `shortcuts`, as `months::fast` does (series by series,
/// each cost computed again only when what it depends on changes); without, every
/// series in every month (the reference the shortcuts must match).
fn price_months(
    plan: &Plan,
    prices: &Prices,
    series: Vec<UsageSeries>,
    horizon: usize,
    shortcuts: bool,
) -> Priced {
    let months = series.first().map_or(horizon, |s| s.per_month.len()).max(horizon);
    let setup = Setup::new(plan, prices, &series, horizon);
    let costs = if shortcuts {
        super::months::fast(&setup, &series, months, horizon, last_change(&series, months))
    } else {
        super::months::reference(&setup, &series, months, horizon)
    };
    let ledger = ledger(&setup, &series, costs.by_component, &costs.totals);
    let (totals, last, last_tier_use) = (costs.totals, costs.last, costs.last_tier_use);
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

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Scales every size, count and rate of a plan (its numbers named like a
    /// quantity) by `factor`, in its JSON form.
    fn scaled(value: &mut serde_json::Value, factor: f64) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    let quantity = ["_gb", "_millions", "_thousands", "_per_month", "_percent"]
                        .iter()
                        .any(|end| key.ends_with(end));
                    match v.as_f64() {
                        Some(x) if quantity => *v = serde_json::json!(x * factor),
                        _ => scaled(v, factor),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| scaled(v, factor)),
            _ => {}
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

        /// Pricing with the shortcuts gives every figure, line and month of pricing
        /// every series in every month, for any preset, size, horizon, sheet and
        /// free-tier setting (tiers and allowances couple series; growth never settles).
        #[test]
        fn shortcuts_price_as_every_month_would(
            preset in 0usize..5,
            factor in prop_oneof![Just(1.0), 0.0..3.0f64, 100.0..10_000.0f64],
            months in 1u32..=120,
            free in any::<bool>(),
            list_sheet in any::<bool>(),
        ) {
            let mut json = serde_json::to_value(crate::presets::PRESETS[preset].plan()).unwrap_or_default();
            scaled(&mut json, factor);
            let Ok(mut plan) = serde_json::from_value::<Plan>(json) else { return Ok(()) };
            plan.horizon_months = months;
            plan.pricing.apply_free_tier = free;
            plan.pricing.sheet = crate::pricing::SHEET_IDS[usize::from(list_sheet)].into();
            let Some(prices) = plan.pricing.prices() else { return Ok(()) };
            let horizon = months as usize;
            let series = || super::super::usage_of(&plan, crate::plan::MAX_HORIZON_MONTHS as usize, horizon);
            let fast = price_months(&plan, &prices, series(), horizon, true);
            let slow = price_months(&plan, &prices, series(), horizon, false);
            prop_assert_eq!(fast, slow);
        }
    }
}
