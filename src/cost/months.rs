//! The cost of every priced month, series by series instead of month by month.
//!
//! Pricing every series in every month (the [`reference`]) does the same work again
//! for nearly every series and month: a plan's series mostly keep a quantity for
//! months, and most of them cost `unit price × quantity` whatever else is billed.
//! [`fast`] therefore prices the plan in three parts, each giving the reference's
//! figures exactly:
//!
//! - **Independent series** (no free allowance the plan applies, no volume tiers in
//!   their slot) are priced one at a time over all months, once per run of months
//!   with the same quantity (bit for bit), and their cost added to each month. The
//!   app's estimate on every edit keeps each data component's sum of them (see
//!   `reuse`): an edit prices again only what it changed.
//! - **Coupled series** share a free allowance or a tiered slot with others: billing
//!   one depends on what the series before it in plan order used of the month's
//!   allowance and tier. They form clusters (series linked through a pool or slot,
//!   found with a union-find); each cluster is billed in plan order, as the
//!   reference bills it, but only in months where one of its series' quantities
//!   changes: a month with the same quantities bills the same.
//! - **The horizon's last month**, whose bills make the lines, is billed as the
//!   reference bills it: every series in plan order.
//!
//! Totals are [`Money`] sums of costs that are never negative (quantities and unit
//! prices are not), and a saturating sum of non-negative terms is the same in any
//! order (the exact sum, capped), so adding series by series gives the reference's
//! totals. Months past the horizon and past the last change of any series cost what
//! the month before does and take its total.

use super::clusters::{bill_tier_cluster, tier_only, KeptCluster};
use super::independent::{add_independent, flat_cost, FlatCosts};
use super::lines::Billed;
use super::reuse::{KeptCost, KeptUsage, Spans};
use super::setup::{bill, Setup};
use super::UsageSeries;
use crate::money::{Money, Quantity, UnitPrice};

/// The costs of the priced months.
pub(super) struct MonthCosts {
    /// Every month's total.
    pub totals: Vec<Money>,
    /// The horizon's months: cost per component, in plan order.
    pub by_component: Vec<Vec<Money>>,
    /// Each listed series as billed in the horizon's last month.
    pub last: Vec<Option<Billed>>,
    /// The account's usage per tier slot in the horizon's last month.
    pub last_tier_use: Vec<Quantity>,
}

/// A series' quantity in month `m` (zero past its end).
fn quantity(s: &UsageSeries, m: usize) -> f64 {
    s.per_month.get(m).copied().unwrap_or(0.0)
}

/// The month's allowances and tier use, as every month starts them.
struct Month {
    free_left: Vec<Quantity>,
    tier_used: Vec<Quantity>,
}

impl Month {
    fn new(setup: &Setup) -> Month {
        Month {
            free_left: vec![Quantity::ZERO; setup.pool_allowance.len()],
            tier_used: vec![Quantity::ZERO; setup.tier_ids.len()],
        }
    }

    /// Starts a month for the series `members`: their pools' allowances in full (when
    /// the plan applies them, none otherwise) and nothing used of their tier slots.
    fn start(&mut self, setup: &Setup, members: impl Iterator<Item = usize>) {
        for i in members {
            let pool = setup.pool_of[i];
            self.free_left[pool] =
                if setup.apply_free { setup.pool_allowance[pool] } else { Quantity::ZERO };
            self.tier_used[setup.tier_of[i]] = Quantity::ZERO;
        }
    }
}

/// The cost of each component month by month (and of series without a component,
/// which a plan with duplicate ids could leave), added to as series are priced.
struct Sums {
    by_component: Vec<Vec<Money>>,
    unattributed: Vec<Money>,
}

impl Sums {
    fn new(setup: &Setup, months: usize) -> Sums {
        Sums {
            by_component: vec![vec![Money::ZERO; months]; setup.components],
            unattributed: vec![Money::ZERO; months],
        }
    }

    /// The months series `i`'s cost is added to.
    fn of(&mut self, setup: &Setup, i: usize) -> &mut [Money] {
        match setup.component_of[i].and_then(|c| self.by_component.get_mut(c)) {
            Some(months) => months,
            None => &mut self.unattributed,
        }
    }

    /// The months of group `g` (see [`group`]).
    fn of_group(&mut self, g: usize) -> &mut [Money] {
        match self.by_component.get_mut(g) {
            Some(months) => months,
            None => &mut self.unattributed,
        }
    }

    /// Adds series `i`'s cost in month `m`.
    fn add(&mut self, setup: &Setup, i: usize, m: usize, cost: Money) {
        if let Some(month) = self.of(setup, i).get_mut(m) {
            *month += cost;
        }
    }

    /// Each month's total (every component's cost added up) and the horizon's months
    /// per component, in plan order.
    fn into_costs(self, months: usize, horizon: usize, last: LastMonth) -> MonthCosts {
        let mut totals = self.unattributed;
        for component in &self.by_component {
            for (total, cost) in totals.iter_mut().zip(component) {
                *total += *cost;
            }
        }
        totals.resize(months, Money::ZERO);
        let by_component = (0..horizon)
            .map(|m| {
                self.by_component.iter().map(|c| c.get(m).copied().unwrap_or_default()).collect()
            })
            .collect();
        MonthCosts { totals, by_component, last: last.last, last_tier_use: last.tier_use }
    }
}

/// The group of months series `i`'s cost is added to, as [`Sums::of`] finds them:
/// its component's, or (`setup.components`) those of series without one.
fn group(setup: &Setup, i: usize) -> usize {
    setup.component_of[i].filter(|c| *c < setup.components).unwrap_or(setup.components)
}

/// The lines' bills: each listed series as billed in the horizon's last month, and
/// the account's usage per tier slot that month.
struct LastMonth {
    last: Vec<Option<Billed>>,
    tier_use: Vec<Quantity>,
}

impl LastMonth {
    fn new(setup: &Setup, series: &[UsageSeries]) -> LastMonth {
        LastMonth {
            last: vec![None; series.len()],
            tier_use: vec![Quantity::ZERO; setup.tier_ids.len()],
        }
    }
}

/// Bills every series of month `m` in plan order, as the reference does each month;
/// `last`: where the lines' bills go, when `m` is the horizon's last month.
fn bill_month(
    setup: &Setup,
    series: &[UsageSeries],
    m: usize,
    sums: &mut Sums,
    month: &mut Month,
    mut last: Option<&mut LastMonth>,
) {
    month.start(setup, 0..series.len());
    for (i, s) in series.iter().enumerate() {
        let b = bill(setup, i, quantity(s, m), &mut month.free_left, &mut month.tier_used);
        sums.add(setup, i, m, b.cost);
        if let Some(bills) = last.as_mut().filter(|_| setup.listed[i]) {
            bills.last[i] = Some(b);
        }
    }
    if let Some(bills) = last {
        bills.tier_use.copy_from_slice(&month.tier_used);
    }
}

/// Every series priced in every month, in plan order: the figures [`fast`] must give
/// (the property tests compare them; proptest is a native-only dev-dependency).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(super) fn reference(
    setup: &Setup,
    series: &[UsageSeries],
    months: usize,
    horizon: usize,
) -> MonthCosts {
    let mut sums = Sums::new(setup, months);
    let mut month = Month::new(setup);
    let mut last = LastMonth::new(setup, series);
    for m in 0..months {
        let bills = Some(&mut last).filter(|_| m + 1 == horizon);
        bill_month(setup, series, m, &mut sums, &mut month, bills);
    }
    sums.into_costs(months, horizon, last)
}

/// Adds the independent series of each kept component (`Spans::kept`) to its months:
/// their summed cost as the last estimate kept it when each series is priced and
/// coupled as it was then (the series themselves are the kept ones), else summed now
/// and kept. Returns which series are so added. A saturating sum of costs that are
/// never negative is the same however it is grouped, so this gives the figures of
/// adding each series on its own.
fn add_kept(
    setup: &Setup,
    series: &[UsageSeries],
    spans: &Spans,
    kept: &mut KeptUsage,
    sums: &mut Sums,
    priced: usize,
    left_out: Option<usize>,
) -> Vec<bool> {
    let mut added = vec![false; series.len()];
    let kept_spans = spans.of_component.iter().zip(&spans.kept).enumerate();
    for (c, (span, _)) in kept_spans.filter(|(_, (_, was_kept))| **was_kept) {
        // Series a duplicate id attributes to another component are added one by one.
        if span.clone().any(|i| !setup.coupled[i] && setup.component_of[i] != Some(c)) {
            continue;
        }
        let (Some(slot), Some(into)) = (kept.cost_slot(c), sums.by_component.get_mut(c)) else {
            continue;
        };
        // Each series' unit price, or none when it is coupled (billed with its cluster).
        let price = |i: usize| (!setup.coupled[i]).then(|| setup.resolved[setup.price_of[i]].usd);
        let still = |k: &KeptCost| {
            k.priced == priced
                && k.left_out == left_out
                && k.prices.len() == span.len()
                && span.clone().zip(&k.prices).all(|(i, kept)| price(i) == *kept)
        };
        if !slot.as_ref().is_some_and(still) {
            let prices: Vec<Option<UnitPrice>> = span.clone().map(price).collect();
            let mut per_month = vec![Money::ZERO; priced];
            let mut flat = FlatCosts::new(1);
            for (i, usd) in span.clone().zip(&prices) {
                if let Some(usd) = *usd {
                    match flat_cost(usd, &series[i], priced) {
                        Some(cost) => flat.add(0, cost),
                        None => add_independent(usd, &series[i], &mut per_month, left_out),
                    }
                }
            }
            flat.add_into(0, &mut per_month, left_out);
            *slot = Some(KeptCost { priced, left_out, prices, per_month });
        }
        if let Some(cost) = slot {
            for (sum, month) in into.iter_mut().zip(&cost.per_month) {
                *sum += *month;
            }
        }
        for i in span.clone() {
            added[i] = !setup.coupled[i];
        }
    }
    added
}

/// The reference's figures, priced as the module's doc says. `settled_after`: the
/// last month index in which some series' quantity differs from the month before.
/// `kept`: where each component's series are and the kept usage whose costs are
/// reused (see [`add_kept`]).
pub(super) fn fast(
    setup: &Setup,
    series: &[UsageSeries],
    months: usize,
    horizon: usize,
    settled_after: usize,
    kept: Option<(&Spans, &mut KeptUsage)>,
) -> MonthCosts {
    // Months after both the horizon and the last change are copies of the one before.
    let priced = months.min(horizon.max(settled_after.saturating_add(1)));
    let mut sums = Sums::new(setup, priced);
    let mut month = Month::new(setup);
    // The last month is billed below with every series, as the reference bills it.
    let last_month = horizon.checked_sub(1).filter(|m| *m < priced);
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut cluster_of_root = vec![usize::MAX; setup.pool_allowance.len() + setup.tier_ids.len()];
    let mut links = Links::new(setup);
    for i in (0..series.len()).filter(|i| setup.coupled[*i]) {
        links.join(setup, i);
    }
    // Flat series' costs, summed per component (see `independent`).
    let mut flat = FlatCosts::new(setup.components + 1);
    let (spans, mut kept) = kept.unzip();
    let kept_cost = match (spans, kept.as_deref_mut()) {
        (Some(spans), Some(kept)) => {
            add_kept(setup, series, spans, kept, &mut sums, priced, last_month)
        }
        _ => vec![false; series.len()],
    };
    for (i, s) in series.iter().enumerate() {
        if setup.coupled[i] {
            let root = links.root_of(setup, i);
            if cluster_of_root[root] == usize::MAX {
                cluster_of_root[root] = clusters.len();
                clusters.push(Vec::new());
            }
            clusters[cluster_of_root[root]].push(i);
            continue;
        }
        if !kept_cost[i] {
            let usd = setup.resolved[setup.price_of[i]].usd;
            match flat_cost(usd, s, priced) {
                Some(cost) => flat.add(group(setup, i), cost),
                None => add_independent(usd, s, sums.of(setup, i), last_month),
            }
        }
    }
    for g in 0..=setup.components {
        flat.add_into(g, sums.of_group(g), last_month);
    }
    let mut kept_clusters = kept.map(|kept| kept.clusters(clusters.len()));
    for (c, members) in clusters.iter().enumerate() {
        if tier_only(setup, members) {
            let mut unkept = KeptCluster::default();
            let kept = kept_clusters.as_mut().map_or(&mut unkept, |kept| &mut kept[c]);
            bill_tier_cluster(setup, series, members, priced, last_month, kept);
            for (k, &i) in members.iter().enumerate() {
                for (sum, cost) in sums.of(setup, i).iter_mut().zip(kept.costs_of(k)) {
                    *sum += *cost;
                }
            }
            continue;
        }
        let mut billed: Vec<Money> = vec![Money::ZERO; members.len()];
        let mut bits: Vec<u64> = vec![0; members.len()];
        let mut fresh = true;
        for m in (0..priced).filter(|m| Some(*m) != last_month) {
            let changed = fresh
                || members.iter().zip(&bits).any(|(i, b)| quantity(&series[*i], m).to_bits() != *b);
            if changed {
                fresh = false;
                month.start(setup, members.iter().copied());
                for (k, &i) in members.iter().enumerate() {
                    let q = quantity(&series[i], m);
                    bits[k] = q.to_bits();
                    billed[k] = bill(setup, i, q, &mut month.free_left, &mut month.tier_used).cost;
                }
            }
            for (k, &i) in members.iter().enumerate() {
                sums.add(setup, i, m, billed[k]);
            }
        }
    }
    let mut last = LastMonth::new(setup, series);
    if let Some(m) = last_month {
        bill_month(setup, series, m, &mut sums, &mut month, Some(&mut last));
    }
    let mut costs = sums.into_costs(months, horizon, last);
    for m in priced.max(1)..months {
        costs.totals[m] = costs.totals[m - 1];
    }
    costs
}

/// Which coupled series share a free pool or a tier slot: a union-find over the
/// pools (`0..pools`) and the slots (`pools..`) that couple series.
struct Links {
    parent: Vec<usize>,
    pools: usize,
}

impl Links {
    fn new(setup: &Setup) -> Links {
        let pools = setup.pool_allowance.len();
        Links { parent: (0..pools + setup.tier_ids.len()).collect(), pools }
    }

    fn find(&mut self, mut node: usize) -> usize {
        while self.parent[node] != node {
            self.parent[node] = self.parent[self.parent[node]];
            node = self.parent[node];
        }
        node
    }

    /// The nodes through which series `i` is coupled: its pool when the plan applies
    /// its allowance, its slot when the slot has tiers.
    fn nodes(&self, setup: &Setup, i: usize) -> [Option<usize>; 2] {
        let pool = setup.pool_of[i];
        let slot = setup.tier_of[i];
        [
            (setup.apply_free && setup.pool_allowance[pool] > Quantity::ZERO).then_some(pool),
            setup.tiered_slot[slot].then_some(self.pools + slot),
        ]
    }

    fn join(&mut self, setup: &Setup, i: usize) {
        if let [Some(a), Some(b)] = self.nodes(setup, i) {
            let (a, b) = (self.find(a), self.find(b));
            self.parent[a] = b;
        }
    }

    /// The cluster's node of a coupled series.
    fn root_of(&mut self, setup: &Setup, i: usize) -> usize {
        let [pool, slot] = self.nodes(setup, i);
        // A coupled series has a pool or a slot that couples it.
        let node = pool.or(slot).unwrap_or(0);
        self.find(node)
    }
}
