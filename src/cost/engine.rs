//! Pricing usage series month by month: always-free allowances (per account, shared
//! by every line of the same pool, used up in plan order) when the plan applies them,
//! then volume tiers (per account and region, filled in plan order), then quantity ×
//! unit price rounded once per line and tier. Prices, pools and tier slots are looked
//! up once per estimate ([`Setup`]); `months` prices every month series by series
//! with the same figures as billing every series in every month.

use super::lines::Lines;
use super::reuse::{KeptUsage, Spans};
use super::setup::Setup;
use super::{CostLine, Detail, LedgerMonth, StorageKind, UsageSeries};
use crate::money::{Money, Quantity};
use crate::plan::Plan;
use crate::pricing::{Prices, RegionFallback};

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
    /// The lines of the horizon's last month (none with [`Detail::Figures`]).
    pub lines: Vec<CostLine>,
    /// How many of those lines have an always-free allowance (counted either way).
    pub lines_with_free_tier: usize,
    /// Prices used for another region than the one billed, with their price id: each
    /// resolved price once, in the order of the lines that first use it.
    pub fallbacks: Vec<(RegionFallback, String)>,
    /// The series no line took (all of them with [`Detail::Figures`]).
    pub spent: Vec<UsageSeries>,
}

/// The last month index at which some series' quantity differs from the month before
/// (bit for bit); every later month costs exactly what that one does. A series
/// shorter than the others counts as zero past its end.
fn last_change(series: &[UsageSeries], months: usize) -> usize {
    let mut last = 0;
    for s in series {
        let q = &s.per_month[..s.per_month.len().min(months)];
        // Past its end the series reads zero.
        if q.len() < months && q.last().is_some_and(|v| v.to_bits() != 0f64.to_bits()) {
            last = last.max(q.len());
            continue;
        }
        // Only a change after the latest one found so far can move it: a plan's
        // series mostly change until the last month, so most scans stop at once.
        let Some(after) = q.get(last..) else { continue };
        if let Some(i) = after.windows(2).rposition(|w| w[0].to_bits() != w[1].to_bits()) {
            last = last + i + 1;
        }
    }
    last
}

/// Whether each series' tier slot is within reach of its first tier's end in the
/// horizon's last month (`used`: the account's usage per slot that month). A slot
/// reads as the lines will (an empty region is the primary's).
fn tier_dependence(setup: &Setup, series: &[UsageSeries], used: &[Quantity]) -> Vec<bool> {
    series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let region = s.region.as_deref().unwrap_or(setup.primary);
            // The series' own slot, unless an empty region reads as the primary's.
            let slot = if region.is_empty() {
                let id = &*s.price_id;
                let Ok(slot) = setup.tier_ids.binary_search(&(id, setup.primary)) else {
                    return false;
                };
                slot
            } else {
                setup.tier_of[i]
            };
            // The slot's first price (without a destination, if any) sets the bound.
            let first = &setup.resolved[setup.slot_first_price[slot]];
            let Some(bound) = first.tiers.first().map(|t| t.from_units) else { return false };
            let account = used.get(slot).copied().unwrap_or_default();
            account.millionths().saturating_mul(TIER_HEADROOM_DIVISOR) >= bound.millionths()
        })
        .collect()
}

/// The GB stored in each of the first `months` months, per storage kind (kind-major),
/// added up over `stored` (each series' quantities and its kind index) series by
/// series: each month's sum takes the series in the given order, as adding month by
/// month would. Past its end a series reads zero: adding nothing leaves a sum as it is
/// (sums start at +0 and never turn -0).
fn stored_gb<'a>(stored: impl Iterator<Item = (&'a [f64], usize)>, months: usize) -> Vec<Vec<f64>> {
    let mut sums = vec![vec![0.0f64; months]; StorageKind::COUNT];
    for (per_month, kind) in stored {
        let q = &per_month[..per_month.len().min(months)];
        // Non-finite quantities (only from plans validation rejects) count as zero, and
        // negative ones too, as in pricing. (A -0 added to a sum leaves it as it is.)
        for (sum, q) in sums[kind].iter_mut().zip(q) {
            *sum += if q.is_finite() { q.max(0.0) } else { 0.0 };
        }
    }
    // Sums of huge quantities stay finite, at the largest f64. Capping once at the end
    // gives what capping after every addition would: no term is negative, so a sum
    // past the largest f64 (+inf) stays there either way.
    sums.iter_mut().flatten().for_each(|sum| *sum = sum.min(f64::MAX));
    sums
}

/// The horizon's months: each total, its cost per component and (with
/// [`Detail::Full`]) the GB stored by kind, added up over the listed stored series in
/// plan order.
fn ledger(
    setup: &Setup,
    series: &[UsageSeries],
    by_component: Vec<Vec<Money>>,
    totals: &[Money],
    detail: Detail,
) -> Vec<LedgerMonth> {
    let mut kind_ids = [""; StorageKind::COUNT];
    let mut has_kind = [false; StorageKind::COUNT];
    let stored_series: Vec<(usize, usize)> = series
        .iter()
        .enumerate()
        .filter(|(i, _)| detail == Detail::Full && setup.listed[*i])
        .filter_map(|(i, s)| s.storage.map(|kind| (i, kind)))
        .map(|(i, kind)| {
            kind_ids[kind.index()] = kind.id();
            has_kind[kind.index()] = true;
            (i, kind.index())
        })
        .collect();
    let months = by_component.len();
    let stored_gb =
        stored_gb(stored_series.iter().map(|&(i, k)| (&series[i].per_month[..], k)), months);
    by_component
        .into_iter()
        .zip(totals)
        .enumerate()
        .map(|(m, (by_component, total))| {
            let storage_gb_by_class = (0..StorageKind::COUNT)
                .filter(|k| has_kind[*k])
                .map(|k| (kind_ids[k], stored_gb[k][m]))
                .collect();
            LedgerMonth { month: m as u32 + 1, total: *total, by_component, storage_gb_by_class }
        })
        .collect()
}

/// Prices the series; `kept`: where each component's series are and the kept usage
/// whose costs may be reused (the app's estimate on every edit); `detail`: whether to
/// make the lines and the GB stored.
pub fn price(
    plan: &Plan,
    prices: &Prices,
    series: Vec<UsageSeries>,
    horizon: usize,
    kept: Option<(&Spans, &mut KeptUsage)>,
    detail: Detail,
) -> Priced {
    price_months(plan, prices, series, horizon, Months::Shortcuts(kept), detail)
}

/// How [`price_months`] prices the months.
enum Months<'a> {
    /// As `months::fast` does: series by series, each cost computed again only when
    /// what it depends on changes, with the kept costs reused where given.
    Shortcuts(Option<(&'a Spans, &'a mut KeptUsage)>),
    /// Every series in every month: the reference the shortcuts must match.
    #[cfg(all(test, not(target_arch = "wasm32")))]
    EveryMonth,
}

fn price_months(
    plan: &Plan,
    prices: &Prices,
    series: Vec<UsageSeries>,
    horizon: usize,
    how: Months,
    detail: Detail,
) -> Priced {
    let months = series.first().map_or(horizon, |s| s.per_month.len()).max(horizon);
    let setup = Setup::new(plan, prices, &series, horizon);
    let costs = match how {
        Months::Shortcuts(kept) => {
            let settled = last_change(&series, months);
            super::months::fast(&setup, &series, months, horizon, settled, kept)
        }
        #[cfg(all(test, not(target_arch = "wasm32")))]
        Months::EveryMonth => super::months::reference(&setup, &series, months, horizon),
    };
    let ledger = ledger(&setup, &series, costs.by_component, &costs.totals, detail);
    let (totals, last, last_tier_use) = (costs.totals, costs.last, costs.last_tier_use);
    let full = detail == Detail::Full;
    let (tier_dependent, room) = match full {
        true => {
            // A tiered series' bill may split into a line per tier: room for one split
            // each, so that a plan of many tiered lines does not move them all to grow
            // the list.
            let tiered = (0..series.len()).filter(|i| setup.tiered_slot[setup.tier_of[*i]]);
            let room = series.len() + tiered.count();
            (tier_dependence(&setup, &series, &last_tier_use), room)
        }
        false => (Vec::new(), 0),
    };
    let Setup { resolved, price_of, apply_free, .. } = setup;
    let mut lines = Lines::new(room, apply_free, &plan.primary_region);
    let (mut fallbacks, mut lines_with_free_tier) = (Vec::new(), 0);
    let mut spent = Vec::with_capacity(if full { 0 } else { series.len() });
    // Hundreds of lines share a few fallen-back prices; the caveats name each once.
    let mut fallback_named = vec![false; resolved.len()];
    for (i, s) in series.into_iter().enumerate() {
        let Some(b) = &last[i] else {
            spent.push(s);
            continue;
        };
        let price = &resolved[price_of[i]];
        if let Some(f) = price.region_fallback.as_ref().filter(|_| !fallback_named[price_of[i]]) {
            fallback_named[price_of[i]] = true;
            fallbacks.push((f.clone(), s.price_id.to_string()));
        }
        if full {
            lines_with_free_tier += lines.push(s, price, b, tier_dependent[i]);
        } else {
            lines_with_free_tier += lines.with_free_tier(price, b);
            spent.push(s);
        }
    }
    Priced { ledger, totals, lines: lines.lines, lines_with_free_tier, fallbacks, spent }
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

    /// Kept costs are reused only for series priced and coupled as when they were
    /// kept. The app's kept usage forgets everything when a setting changes, so this
    /// prices the kept series again under the other free-tier setting directly: the
    /// table's storage (25 GB free a month) becomes coupled to its free pool, and its
    /// kept cost on its own must not be added as well.
    #[test]
    fn kept_costs_follow_how_their_series_are_priced() -> Result<(), &'static str> {
        let mut plan = crate::presets::find("photo-portfolio").ok_or("no preset")?.plan();
        plan.pricing.sheet = crate::pricing::SHEET_IDS[1].into();
        let prices = plan.pricing.prices().ok_or("no sheet")?;
        let (months, horizon) = (crate::plan::MAX_HORIZON_MONTHS as usize, 12);
        // The series and their kept cost as the app's first estimate keeps them.
        let mut kept = KeptUsage::default();
        let (series, spans) = super::super::usage_reusing(&plan, months, horizon, Some(&mut kept));
        for apply_free in [false, true, false] {
            plan.pricing.apply_free_tier = apply_free;
            let reused = Months::Shortcuts(Some((&spans, &mut kept)));
            let with_kept =
                price_months(&plan, &prices, series.clone(), horizon, reused, Detail::Full);
            let afresh = Months::Shortcuts(None);
            let afresh =
                price_months(&plan, &prices, series.clone(), horizon, afresh, Detail::Full);
            assert!(with_kept == afresh, "free tier applied: {apply_free}");
        }
        Ok(())
    }

    /// The ledger's GB stored as first written: month by month, each quantity made
    /// safe and each sum capped as it is added.
    fn stored_gb_month_by_month(stored: &[(Vec<f64>, usize)], months: usize) -> Vec<Vec<f64>> {
        let mut by_month = vec![[0.0f64; StorageKind::COUNT]; months];
        for (m, month) in by_month.iter_mut().enumerate() {
            for (per_month, kind) in stored {
                let q = per_month.get(m).copied().unwrap_or(0.0);
                let gb = if q.is_finite() { q.max(0.0) } else { 0.0 };
                month[*kind] = (month[*kind] + gb).min(f64::MAX);
            }
        }
        (0..StorageKind::COUNT).map(|k| by_month.iter().map(|month| month[k]).collect()).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

        /// The GB stored per kind and month, added series by series and capped once,
        /// are bit for bit those of adding month by month and capping every sum, for
        /// any quantities: negative, -0, huge, infinite and NaN ones included.
        #[test]
        fn stored_gb_adds_as_month_by_month_would(
            stored in prop::collection::vec((prop::collection::vec(prop_oneof![
                prop::num::f64::ANY,
                1e300..f64::MAX,
                0.0..1e6f64,
                Just(-0.0),
            ], 0..14), 0..StorageKind::COUNT), 0..12),
            months in 0usize..14,
        ) {
            let fast = stored_gb(stored.iter().map(|(q, k)| (&q[..], *k)), months);
            let slow = stored_gb_month_by_month(&stored, months);
            let bits = |sums: &[Vec<f64>]| -> Vec<Vec<u64>> {
                sums.iter().map(|s| s.iter().map(|v| v.to_bits()).collect()).collect()
            };
            prop_assert_eq!(bits(&fast), bits(&slow));
        }

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
            let (shortcuts, every) = (Months::Shortcuts(None), Months::EveryMonth);
            let fast = price_months(&plan, &prices, series(), horizon, shortcuts, Detail::Full);
            let slow = price_months(&plan, &prices, series(), horizon, every, Detail::Full);
            prop_assert_eq!(fast, slow);
        }
    }
}
