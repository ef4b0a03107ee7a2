//! What pricing looks up once per estimate ([`Setup`]: each series' price, component,
//! free pool and tier slot, and whether its cost depends on other series) and how one
//! series is billed in a month ([`bill`]), shared by the month loop (`months`) and the
//! lines (`engine`).

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::rc::Rc;

use super::key_hash::KeyHasher;
use super::lines::{bill_cost, Billed};
use super::UsageSeries;
use crate::money::Quantity;
use crate::plan::Plan;
use crate::pricing::{Prices, ResolvedPrice};

/// A price as the series ask for it: id, billed region, transfer destination.
type PriceKey<'a> = (&'a str, &'a str, Option<&'a str>);

/// Price keys found by the addresses of their texts. The series of one estimate
/// share each price id's text (and the primary region's), so most series find their
/// key here, without hashing or comparing text. Texts at the same address and of the
/// same length are the same text; a key not here (or pushed out) is looked up by its
/// texts, so this only ever saves work.
struct ByAddress<'a> {
    slots: [Option<(PriceKey<'a>, usize)>; BY_ADDRESS_SLOTS],
}

/// Slots of [`ByAddress`] (a plan uses a few dozen price keys).
const BY_ADDRESS_SLOTS: usize = 256;

impl Default for ByAddress<'_> {
    fn default() -> Self {
        ByAddress { slots: [None; BY_ADDRESS_SLOTS] }
    }
}

impl<'a> ByAddress<'a> {
    fn slot((id, region, to): PriceKey) -> usize {
        let address = |t: &str| t.as_ptr() as usize;
        let mixed = (address(id) >> 3) ^ (address(region) >> 5) ^ (to.map_or(0, address) >> 7);
        (mixed.wrapping_mul(0x9e37_79b9) >> 8) & (BY_ADDRESS_SLOTS - 1)
    }

    /// The key index kept for texts at these very addresses.
    fn get(&self, key: PriceKey) -> Option<usize> {
        let (kept, k) = self.slots[Self::slot(key)]?;
        let same = |a: &str, b: &str| std::ptr::eq(a, b);
        let same_to = match (kept.2, key.2) {
            (None, None) => true,
            (Some(a), Some(b)) => same(a, b),
            _ => false,
        };
        (same(kept.0, key.0) && same(kept.1, key.1) && same_to).then_some(k)
    }

    fn put(&mut self, key: PriceKey<'a>, k: usize) {
        self.slots[Self::slot(key)] = Some((key, k));
    }
}

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
    // For each component, the first with its id (itself, unless an id repeats).
    let first: Vec<usize> =
        plan.components.iter().map(|c| index_of.get(c.id()).copied().unwrap_or(0)).collect();
    let mut at = 0;
    series
        .iter()
        .map(|s| {
            let ahead = plan.components.iter().enumerate().skip(at).take(4);
            match ahead.into_iter().find(|(_, c)| c.id() == &*s.component) {
                Some((j, _)) => {
                    at = j;
                    first.get(j).copied()
                }
                None => index_of.get(&*s.component).copied(),
            }
        })
        .collect()
}

impl<'a> Setup<'a> {
    pub(super) fn new(
        plan: &'a Plan,
        prices: &Prices,
        series: &'a [UsageSeries],
        horizon: usize,
    ) -> Self {
        let primary = plan.primary_region.as_str();
        let component_of = components_of(plan, series);
        // The distinct price keys (a plan's hundreds of series use a few dozen), then
        // one sort of those gives the prices in key order and, as runs of the same
        // (id, region), the tier slots.
        let mut distinct: Vec<PriceKey> = Vec::new();
        let mut index_of: HashMap<PriceKey, usize, BuildHasherDefault<KeyHasher>> =
            HashMap::default();
        let mut by_address = ByAddress::default();
        let key_of: Vec<usize> = series
            .iter()
            .map(|s| {
                let region = s.region.as_deref().unwrap_or(primary);
                let key = (&*s.price_id, region, s.to_region.as_deref());
                if let Some(k) = by_address.get(key) {
                    return k;
                }
                let k = *index_of.entry(key).or_insert_with(|| {
                    distinct.push(key);
                    distinct.len() - 1
                });
                by_address.put(key, k);
                k
            })
            .collect();
        let mut order: Vec<usize> = (0..distinct.len()).collect();
        order.sort_unstable_by(|a, b| distinct[*a].cmp(&distinct[*b]));
        let mut resolved: Vec<Rc<ResolvedPrice>> = Vec::with_capacity(distinct.len());
        let (mut tier_ids, mut slot_first_price) = (Vec::new(), Vec::new());
        let (mut price_of_key, mut tier_of_key) =
            (vec![0; distinct.len()], vec![0; distinct.len()]);
        for &k in &order {
            let key = distinct[k];
            resolved.push(super::price_cache::resolve(prices, key.0, key.1, key.2));
            if tier_ids.last() != Some(&(key.0, key.1)) {
                tier_ids.push((key.0, key.1));
                slot_first_price.push(resolved.len() - 1);
            }
            price_of_key[k] = resolved.len() - 1;
            tier_of_key[k] = tier_ids.len() - 1;
        }
        let price_of: Vec<usize> = key_of.iter().map(|k| price_of_key[*k]).collect();
        let tier_of: Vec<usize> = key_of.iter().map(|k| tier_of_key[*k]).collect();
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
    // Only the lines of the last month split a tiered bill into its pieces.
    let cost = bill_cost(price, used_before, billed);
    Billed { raw, used_free, billed, used_before, cost }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// Series share a price exactly when their price id, billed region and destination
    /// read the same, whether their texts are shared, copies, or the primary region's
    /// (`None`): every preset's series, each also with its texts copied, and the
    /// copies in reverse order (so a key is met first at another address).
    #[test]
    fn series_share_a_price_when_their_keys_read_the_same() {
        let copied = |s: &UsageSeries| UsageSeries {
            price_id: Arc::from(&*s.price_id),
            region: s.region.as_deref().map(Arc::from),
            to_region: s.to_region.as_deref().map(Arc::from),
            ..s.clone()
        };
        for preset in crate::presets::PRESETS {
            let mut plan = preset.plan();
            plan.dr_region = plan.dr_region.or(Some("us-west-2".into()));
            let Some(prices) = plan.pricing.prices() else { continue };
            let original = super::super::usage_of(&plan, 12, 12);
            let mut series = original.clone();
            series.extend(original.iter().rev().map(copied));
            // The primary region written out, as a series billed there names it.
            series.extend(original.iter().map(|s| {
                let region = s.region.as_deref().unwrap_or(&plan.primary_region);
                UsageSeries { region: Some(Arc::from(region)), ..s.clone() }
            }));
            // Sent elsewhere or nowhere, sharing the price id's text.
            let sent: Vec<UsageSeries> = original
                .iter()
                .filter(|s| s.to_region.is_some())
                .flat_map(|s| {
                    let to = |to: Option<&str>| UsageSeries {
                        to_region: to.map(Arc::from),
                        ..s.clone()
                    };
                    [to(None), to(Some("eu-central-1"))]
                })
                .collect();
            series.extend(sent);
            let setup = Setup::new(&plan, &prices, &series, 12);
            let key = |s: &UsageSeries| {
                let region = s.region.as_deref().unwrap_or(&plan.primary_region).to_string();
                (s.price_id.to_string(), region, s.to_region.as_deref().map(str::to_string))
            };
            for (i, a) in series.iter().enumerate() {
                for (j, b) in series.iter().enumerate() {
                    let same = setup.price_of[i] == setup.price_of[j];
                    assert_eq!(same, key(a) == key(b), "{:?} {:?}", key(a), key(b));
                }
            }
        }
    }
}
