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

use super::lines::bill_cost;
use super::setup::Setup;
use super::UsageSeries;
use crate::money::{Money, Quantity, UnitPrice};
use crate::pricing::ResolvedPrice;

/// What a cluster's members were billed, month by month, kept for the next estimate.
#[derive(Default)]
pub(super) struct KeptCluster {
    /// Per member: the price's figures its cost depends on.
    prices: Vec<Figures>,
    /// The months priced.
    months: usize,
    /// Per member and month (member-major): how the member was billed.
    bills: Vec<Bill>,
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

    /// Whether `billed` units cost the same after `then` units of the slot were used
    /// as after `now`: the same use, a flat price, or a bill inside the same tier
    /// both times (past the last tier's start at once, as most bills of a large plan).
    fn bills_alike(&self, then: Quantity, now: Quantity, billed: Quantity) -> bool {
        if then == now || self.tiers.is_empty() {
            return true;
        }
        let Some((top, _)) = self.tiers.last() else { return true };
        let fits = |used: Quantity| used.millionths().checked_add(billed.millionths()).is_some();
        if then >= *top && now >= *top && fits(then) && fits(now) {
            return true;
        }
        self.tier_of_bill(then, billed)
            .is_some_and(|tier| self.tier_of_bill(now, billed) == Some(tier))
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

/// How a member was billed in a month (nothing, by default: the month left out).
#[derive(Clone, Copy, Default)]
struct Bill {
    quantity_bits: u64,
    /// The quantity billed (`Quantity::from_f64` of the month's quantity).
    billed: Quantity,
    used_before: Quantity,
    cost: Money,
}

/// Bills the cluster `members` (series coupled only through one tiered slot, in plan
/// order) in every month of `0..priced` but `left_out` into `kept`
/// ([`KeptCluster::costs_of`]), which keeps them for the next estimate. `kept`'s
/// earlier bills serve a member where its price figures and the months priced are as
/// they were.
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
    let same_shape = kept.prices.len() == members.len() && kept.months == priced;
    let usable: Vec<bool> = match same_shape {
        true => figures
            .iter()
            .zip(&kept.prices)
            .map(|(now, then)| now == then && now.ascending())
            .collect(),
        false => vec![false; members.len()],
    };
    let before = std::mem::take(&mut kept.bills);
    let copy_of = months_alike(series, members, priced, left_out);
    let mut used = vec![Quantity::ZERO; priced];
    let mut bills: Vec<Bill> = Vec::with_capacity(priced * members.len());
    for (k, &i) in members.iter().enumerate() {
        // Past its end a series reads zero.
        let per_month = &series[i].per_month;
        let then = before.get(k * priced..(k + 1) * priced).filter(|_| usable[k]);
        // A member billed alike in every month takes its row of bills as it was (each
        // still true of its own use before), as most members do after an edit.
        let alike = |then: &&[Bill]| row_alike(then, per_month, &used, &figures[k], left_out);
        if let Some(then) = then.filter(alike) {
            for (m, bill) in then.iter().enumerate().filter(|(m, _)| Some(*m) != left_out) {
                used[m] = used[m].saturating_add(bill.billed);
            }
            bills.extend_from_slice(then);
            continue;
        }
        let (price, figures) = (prices[k], &figures[k]);
        let row = bills.len();
        for m in 0..priced {
            let bill = if Some(m) == left_out {
                // Billed with every series (`months::bill_month`), not here.
                Bill::default()
            } else if let Some(from) = copy_of[m] {
                bills[row + from]
            } else {
                let q = per_month.get(m).copied().unwrap_or(0.0);
                let used_before = used[m];
                let earlier = then.map(|t| t[m]).filter(|b| b.quantity_bits == q.to_bits());
                let (billed, cost) = match earlier {
                    Some(b) if figures.bills_alike(b.used_before, used_before, b.billed) => {
                        (b.billed, b.cost)
                    }
                    Some(b) => (b.billed, bill_cost(price, used_before, b.billed)),
                    None => {
                        let billed = Quantity::from_f64(q);
                        (billed, bill_cost(price, used_before, billed))
                    }
                };
                used[m] = used_before.saturating_add(billed);
                Bill { quantity_bits: q.to_bits(), billed, used_before, cost }
            };
            bills.push(bill);
        }
    }
    *kept = KeptCluster { prices: figures, months: priced, bills };
}

impl KeptCluster {
    /// What member `k` (in cluster order) cost in each month priced (zero in the month
    /// left out), as [`bill_tier_cluster`] last billed it.
    pub(super) fn costs_of(&self, k: usize) -> impl Iterator<Item = Money> + '_ {
        let months = self.bills.get(k * self.months..(k + 1) * self.months).unwrap_or(&[]);
        months.iter().map(|bill| bill.cost)
    }
}

/// Whether every month's bill of a member (`then`, as last billed) serves again: its
/// quantity is bit for bit as it was, and [`Figures::bills_alike`] after the use before
/// it now (`used`).
fn row_alike(
    then: &[Bill],
    per_month: &[f64],
    used: &[Quantity],
    figures: &Figures,
    left_out: Option<usize>,
) -> bool {
    then.iter().zip(used).enumerate().all(|(m, (bill, &now))| {
        let q = per_month.get(m).copied().unwrap_or(0.0);
        Some(m) == left_out
            || (bill.quantity_bits == q.to_bits()
                && figures.bills_alike(bill.used_before, now, bill.billed))
    })
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
    use crate::plan::Plan;

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
        // A bill whose last unit is past the largest quantity is not read at all.
        let most = Quantity::from_f64(1e300);
        assert_eq!(figures.tier_of_bill(most, units(2_000_000)), None);
    }
}
