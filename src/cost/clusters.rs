//! Clusters coupled only through a volume-tiered slot, billed again after an edit with
//! what the last estimate billed.
//!
//! Such a cluster bills each member on what the members before it used of the slot
//! that month (`tiered_cost(price, used_before, billed)`). An edit of one component
//! changes its own members' quantities, and the use before every later member by the
//! same amount, in every month: so `months::fast` billed the whole cluster again in
//! every month, which made an edit of a 200-bucket plan priced with AWS's tiered S3
//! prices about six times the work of one priced flat.
//!
//! But a bill that lies inside one volume tier costs that tier's price × the quantity,
//! whatever was used before it. So a member whose quantity is bit for bit as it was
//! costs what it did when its use before is also as it was, or when the bill then and
//! now lies inside the same tier; only the others are billed again. Past the last
//! tier's start (500 TB of S3 Standard a month) that is every member.

use std::sync::Arc;

use super::lines::bill_cost;
use super::setup::Setup;
use super::UsageSeries;
use crate::money::{Money, Quantity, UnitPrice};
use crate::pricing::ResolvedPrice;

/// What a cluster's members were billed, month by month, kept for the next estimate:
/// per member and month (member-major), each in its own list, so that checking whether
/// a member's row serves again reads each in one tight run.
#[derive(Default)]
pub(super) struct KeptCluster {
    /// Per member: the price's figures its cost depends on.
    prices: Vec<Figures>,
    /// The months priced.
    months: usize,
    /// Per member: the quantities billed (shared with its series, which keeps them
    /// from one estimate to the next while its component is as it was): the same
    /// quantities, without reading them. Replaced only when they change, so that an
    /// edit touches no other member's count of owners.
    series: Vec<Option<Arc<[f64]>>>,
    /// The month's quantity of the series, bit for bit.
    quantity_bits: Vec<u64>,
    /// The quantity billed (`Quantity::from_f64` of the month's quantity; zero in the
    /// month left out).
    billed: Vec<Quantity>,
    /// The uses of the slot before the bill after which it costs `cost` too
    /// ([`Figures::uses_alike`]), the use it was billed after among them; every use in
    /// the month left out.
    alike: Vec<UsesAlike>,
    cost: Vec<Money>,
}

/// The figures of a price that a bill's cost depends on.
#[derive(Clone, PartialEq)]
struct Figures {
    usd: UnitPrice,
    /// Each later tier's start and unit price (ascending starts).
    tiers: Vec<(Quantity, UnitPrice)>,
}

impl Figures {
    fn of(price: &ResolvedPrice) -> Figures {
        Figures {
            usd: price.usd,
            tiers: price.tiers.iter().map(|t| (t.from_units, t.usd)).collect(),
        }
    }

    /// Whether the tiers' starts ascend strictly from above zero, as the sheets require
    /// (`pricing::sheet`); the tier of a quantity is read from them only then.
    fn ascending(&self) -> bool {
        let starts = self.tiers.iter().map(|(from, _)| *from);
        starts.clone().zip(starts.skip(1)).all(|(a, b)| a < b)
            && self.tiers.first().is_none_or(|(from, _)| *from > Quantity::ZERO)
    }

    /// The uses of the slot before a bill of `billed` units, in millionths (both ends
    /// included), after any of which it costs what it costs after `used`: all of them
    /// for a flat price or nothing billed; for a bill inside one tier, every use that
    /// keeps it inside that tier (it costs that tier's price × `billed` there); only
    /// `used` itself for a bill that spans tiers.
    fn uses_alike(&self, used: Quantity, billed: Quantity) -> UsesAlike {
        if billed == Quantity::ZERO || self.tiers.is_empty() {
            return UsesAlike::ALL;
        }
        let (u, b) = (used.millionths(), billed.millionths());
        let Some(tier) = self.tier_of_bill(used, billed) else {
            return UsesAlike { from: u, to: u };
        };
        let start = tier.checked_sub(1).map_or(0, |t| self.tiers[t].0.millionths());
        // The last use after which the bill's last unit is still before the next tier
        // (or, in the top tier, after which the bill's end does not saturate).
        let until = self.tiers.get(tier).map_or(i64::MAX, |(from, _)| from.millionths());
        match (start, until - b) {
            (from, to) if from <= u && u <= to => UsesAlike { from, to },
            _ => UsesAlike { from: u, to: u },
        }
    }

    /// The tier in which `billed` units after `used_before` all lie (0: the first
    /// price), or `None` when the bill spans tiers or its end is past the largest
    /// quantity. Zero units lie in any tier: they cost nothing.
    fn tier_of_bill(&self, used_before: Quantity, billed: Quantity) -> Option<usize> {
        if billed == Quantity::ZERO {
            return Some(usize::MAX);
        }
        let last_unit = used_before.millionths().checked_add(billed.millionths() - 1)?;
        let tier =
            |at: i64| self.tiers.iter().take_while(|(from, _)| from.millionths() <= at).count();
        let first = tier(used_before.millionths());
        (first == tier(last_unit)).then_some(first)
    }
}

/// Uses of the slot before a bill, in millionths, from `from` to `to` included.
#[derive(Clone, Copy, Default)]
struct UsesAlike {
    from: i64,
    to: i64,
}

impl UsesAlike {
    /// Every use.
    const ALL: UsesAlike = UsesAlike { from: i64::MIN, to: i64::MAX };

    /// Whether `used` lies in these uses (both bounds read, without a branch: this is
    /// the check of every month of every kept row).
    fn holds(self, used: Quantity) -> bool {
        let u = used.millionths();
        (self.from <= u) & (u <= self.to)
    }
}

/// Bills the cluster `members` (series coupled only through one tiered slot, in plan
/// order) in every month of `0..priced` but `left_out` into `kept`
/// ([`KeptCluster::costs_of`]), which keeps them for the next estimate. `kept`'s
/// earlier bills serve a member where its price figures and the months priced are as
/// they were; the bills are billed again in place.
///
/// Member by member, each over every month (the month's use of the slot so far kept
/// per month), so that a member's quantities and bills are each read in one run.
pub(super) fn bill_tier_cluster(
    setup: &Setup,
    series: &[UsageSeries],
    members: &[usize],
    priced: usize,
    left_out: Option<usize>,
    kept: &mut KeptCluster,
) {
    let prices: Vec<&ResolvedPrice> =
        members.iter().map(|&i| &*setup.resolved[setup.price_of[i]]).collect();
    let figures: Vec<Figures> = prices.iter().map(|p| Figures::of(p)).collect();
    // Earlier bills of a member serve only with its price's figures unchanged.
    let size = priced * members.len();
    let same_shape = kept.prices.len() == members.len()
        && kept.months == priced
        && kept.series.len() == members.len()
        && [kept.quantity_bits.len(), kept.billed.len(), kept.alike.len(), kept.cost.len()]
            == [size; 4];
    let usable: Vec<bool> = match same_shape {
        true => figures
            .iter()
            .zip(&kept.prices)
            .map(|(now, then)| now == then && now.ascending())
            .collect(),
        false => {
            *kept = KeptCluster {
                prices: Vec::new(),
                months: priced,
                series: vec![None; members.len()],
                quantity_bits: vec![0; size],
                billed: vec![Quantity::ZERO; size],
                alike: vec![UsesAlike::default(); size],
                cost: vec![Money::ZERO; size],
            };
            vec![false; members.len()]
        }
    };
    let copy_of = months_alike(series, members, priced, left_out);
    // The month's use of the slot before the member, and after it.
    let (mut used, mut next) = (vec![Quantity::ZERO; priced], vec![Quantity::ZERO; priced]);
    for (k, &i) in members.iter().enumerate() {
        let row = k * priced..(k + 1) * priced;
        let per_month = &series[i].per_month;
        let quantity_bits = &mut kept.quantity_bits[row.clone()];
        let billed = &mut kept.billed[row.clone()];
        let alike = &mut kept.alike[row.clone()];
        let cost = &mut kept.cost[row];
        // A member billed alike in every month keeps its row of bills as it was (each
        // still true of its own use before), as most members do after an edit.
        // The kept series' quantities are as they were (an `Arc<[f64]>` is never
        // changed in place while shared): no need to read them.
        let same_series = kept.series[k].as_ref().is_some_and(|s| Arc::ptr_eq(s, per_month));
        let row_serves = usable[k]
            && (same_series || same_quantities(quantity_bits, per_month))
            && row_bills_alike(alike, billed, &used, &mut next);
        if !row_serves {
            let (price, figures) = (prices[k], &figures[k]);
            for m in 0..priced {
                // Past its end a series reads zero.
                let q = per_month.get(m).copied().unwrap_or(0.0);
                let (now, same_q) = (used[m], usable[k] && quantity_bits[m] == q.to_bits());
                if Some(m) == left_out {
                    // Billed with every series (`months::bill_month`), not here.
                    (billed[m], alike[m], cost[m]) = (Quantity::ZERO, UsesAlike::ALL, Money::ZERO);
                } else if let Some(from) = copy_of[m] {
                    // `from`'s bill, billed again above if need be: this month's.
                    (billed[m], alike[m], cost[m]) = (billed[from], alike[from], cost[from]);
                } else if !(same_q && alike[m].holds(now)) {
                    // The quantity billed is a function of the quantity's bits alone.
                    let units = if same_q { billed[m] } else { Quantity::from_f64(q) };
                    billed[m] = units;
                    alike[m] = figures.uses_alike(now, units);
                    cost[m] = bill_cost(price, now, units);
                }
                quantity_bits[m] = q.to_bits();
                // Every month's use advances, copied months too: a later member's row
                // is checked against each month's use (the month left out billed
                // nothing here).
                next[m] = now.saturating_add(billed[m]);
            }
        }
        if !same_series {
            kept.series[k] = Some(Arc::clone(per_month));
        }
        std::mem::swap(&mut used, &mut next);
    }
    kept.prices = figures;
}

/// Whether a member's quantities, as kept (`bits`, one per month priced), are bit for
/// bit its series' (`per_month`, read as zero past its end).
fn same_quantities(bits: &[u64], per_month: &[f64]) -> bool {
    let within = per_month.len().min(bits.len());
    // Without early exits, so that the run stays branch-free.
    let mut differ = 0;
    for (m, q) in per_month[..within].iter().enumerate() {
        differ |= bits[m] ^ q.to_bits();
    }
    differ | bits[within..].iter().fold(0, |d, b| d | b) == 0
}

/// Whether each month's bill of a member's kept row costs alike after the use before it
/// now (`used`), in one run over its months (the member being most of the work of an
/// edit, in most of them). Writes the use after it to `next` as it goes (meaningful
/// only when it serves).
fn row_bills_alike(
    alike: &[UsesAlike],
    billed: &[Quantity],
    used: &[Quantity],
    next: &mut [Quantity],
) -> bool {
    // Without early exits or bounds checks (every slice cut to the months' count), so
    // that the run stays branch-free.
    let months = alike.len();
    let (billed, used, next) = (&billed[..months], &used[..months], &mut next[..months]);
    let mut inside = true;
    for m in 0..months {
        inside &= alike[m].holds(used[m]);
        next[m] = used[m].saturating_add(billed[m]);
    }
    inside
}

impl KeptCluster {
    /// What member `k` (in cluster order) cost in each month priced (zero in the month
    /// left out), as [`bill_tier_cluster`] last billed it.
    pub(super) fn costs_of(&self, k: usize) -> &[Money] {
        self.cost.get(k * self.months..(k + 1) * self.months).unwrap_or(&[])
    }
}

/// For each month, the earlier month it bills as (every member's quantity bit for bit
/// as in the last month billed before it, so every bill too), or `None` when it is
/// billed on its own (and for `left_out`).
fn months_alike(
    series: &[UsageSeries],
    members: &[usize],
    priced: usize,
    left_out: Option<usize>,
) -> Vec<Option<usize>> {
    let mut copy_of = vec![None; priced];
    let mut last: Option<usize> = None;
    for (m, copy) in copy_of.iter_mut().enumerate().filter(|(m, _)| Some(*m) != left_out) {
        if let Some(l) = last {
            let bits =
                |i: usize, at: usize| series[i].per_month.get(at).copied().unwrap_or(0.0).to_bits();
            if members.iter().all(|&i| bits(i, m) == bits(i, l)) {
                // `l`'s bills are its own or copies: either way this month's.
                *copy = Some(l);
            }
        }
        last = Some(m);
    }
    copy_of
}

/// Whether `members` (a cluster) are coupled only through their tier slot: no free
/// allowance applies to any of them, so each is billed its whole quantity.
pub(super) fn tier_only(setup: &Setup, members: &[usize]) -> bool {
    members
        .iter()
        .all(|&i| !(setup.apply_free && setup.pool_allowance[setup.pool_of[i]] > Quantity::ZERO))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::lines::tiered_cost;
    use super::*;
    use crate::cost::usage::Context;
    use crate::plan::Plan;

    /// A month billed as the month before (every member's quantity as then) still
    /// counts each member's use of the slot: the member after it is billed after that
    /// use. Here the first member grows from nothing to 60,000 GB in months 2 and 3,
    /// which both copy month 1, so the second member's 100 GB move to the next tier's
    /// price in all three months.
    #[test]
    fn a_month_billed_as_the_month_before_counts_its_use() {
        let mut plan = Plan::default();
        plan.pricing.sheet = "aws-list-2026".into();
        // invariant: the shipped sheets are checked when they load (pricing's tests).
        let prices = plan.pricing.prices().expect("the sheet");
        let ctx = Context::new(&plan, 3);
        let standard = |component, per_month: &[f64]| {
            let item = "Current data, S3 Standard";
            ctx.series(component, item, "s3.storage.standard", "", per_month)
        };
        let bill = |first: &[f64], kept: &mut KeptCluster| {
            let series = [standard("a", first), standard("b", &[100.0; 3])];
            let setup = Setup::new(&plan, &prices, &series, 3);
            bill_tier_cluster(&setup, &series, &[0, 1], 3, None, kept);
            [kept.costs_of(0).to_vec(), kept.costs_of(1).to_vec()]
        };
        let mut kept = KeptCluster::default();
        bill(&[60_000.0, 0.0, 0.0], &mut kept);
        let reused = bill(&[60_000.0; 3], &mut kept);
        let fresh = bill(&[60_000.0; 3], &mut KeptCluster::default());
        assert_eq!(reused, fresh);
        let next_tier = prices.get_at("s3.storage.standard", "us-east-1", None).tiers[0].usd;
        assert_eq!(fresh[1], vec![next_tier.times(Quantity::from_f64(100.0)); 3]);
    }

    /// The tier a bill is read to lie in prices it as `tiered_cost` does, and a bill is
    /// read to span tiers exactly when a tier starts after its first unit and at or
    /// before its last: S3 Standard at AWS's list prices, billed from around each tier's
    /// start (51,200 and 512,000 GB), by units and by whole GB.
    #[test]
    fn a_bill_inside_one_tier_costs_that_tiers_price() {
        let mut plan = Plan::default();
        plan.pricing.sheet = "aws-list-2026".into();
        // invariant: the shipped sheets are checked when they load (pricing's tests).
        let prices = plan.pricing.prices().expect("the sheet");
        let price = prices.get_at("s3.storage.standard", "us-east-1", None);
        assert_eq!(price.tiers.len(), 2, "the test reads two later tiers");
        let figures = Figures::of(&price);
        assert!(figures.ascending());
        // Exact: every quantity here is far below 2⁵³ millionths.
        let units = |millionths: i64| {
            let q = Quantity::from_f64(millionths as f64 / 1e6);
            assert_eq!(q.millionths(), millionths);
            q
        };
        let mut checked = 0;
        for start in [Quantity::ZERO, price.tiers[0].from_units, price.tiers[1].from_units] {
            for offset in [-3_000_000i64, -2, -1, 0, 1, 2, 1_000_000, 5_000_000] {
                let used = units((start.millionths() + offset).max(0));
                for billed in [0, 1, 2, 3, 1_000_000, 2_000_000, 3_000_000, 6_000_000] {
                    let billed = units(billed);
                    let last = used.millionths() + billed.millionths() - 1;
                    let spans = price.tiers.iter().any(|t| {
                        let s = t.from_units.millionths();
                        used.millionths() < s && s <= last
                    });
                    match figures.tier_of_bill(used, billed) {
                        None => assert!(spans, "{used:?} + {billed:?} read as spanning tiers"),
                        Some(_) if billed == Quantity::ZERO => {}
                        Some(tier) => {
                            assert!(!spans, "{used:?} + {billed:?} read as inside tier {tier}");
                            let usd = if tier == 0 { price.usd } else { price.tiers[tier - 1].usd };
                            assert_eq!(usd.times(billed), tiered_cost(&price, used, billed));
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 100, "{checked} bills inside one tier");
        // Every use the bill is read to cost alike after costs it alike, ends included,
        // and a use one unit outside them moves the bill out of its tier.
        let mut ranges = 0;
        for used in [0, 1, 51_199_000_000, 51_200_000_000, 511_999_999_999, 600_000_000_000] {
            for billed in [1, 999_999, 1_000_000, 40_000_000_000] {
                let (used, billed) = (units(used), units(billed));
                let cost = tiered_cost(&price, used, billed);
                let alike = figures.uses_alike(used, billed);
                assert!(alike.from <= used.millionths() && used.millionths() <= alike.to);
                // (The top tier reaches to the largest quantity, past `units`' exact ones.)
                for end in [alike.from, alike.to].into_iter().filter(|e| *e < 1 << 50) {
                    assert_eq!(
                        tiered_cost(&price, units(end), billed),
                        cost,
                        "{used:?} {billed:?}"
                    );
                }
                if alike.from < alike.to && alike.to < i64::MAX - billed.millionths() {
                    ranges += 1;
                    // One unit further either way, the bill spans tiers or lies in another.
                    let tier = figures.tier_of_bill(used, billed);
                    assert_ne!(figures.tier_of_bill(units(alike.to + 1), billed), tier);
                    if alike.from > 0 {
                        assert_ne!(figures.tier_of_bill(units(alike.from - 1), billed), tier);
                    }
                }
            }
        }
        assert!(ranges > 10, "{ranges} tiers' reach checked");
        // A bill whose last unit is past the largest quantity is not read at all.
        let most = Quantity::from_f64(1e300);
        assert_eq!(figures.tier_of_bill(most, units(2_000_000)), None);
    }
}
