//! Independent series (see `months`): priced on their own, whatever else the month
//! bills, and added to their component's months.
//!
//! Most change from month to month or settle after a while: [`add_independent`]
//! adds each month's cost, priced again only when the quantity changes. Some have
//! the same quantity in every priced month (a flat rate, a fixed count of keys or
//! alarms, a backup pile of constant size once full from month 1): such a series
//! costs the same each month, so instead of adding its cost to each month,
//! [`FlatCosts`] adds up the costs of a component's flat series and adds the sum to
//! each of its months once.
//!
//! Costs are never negative (quantities and unit prices are not), so a month's
//! saturating [`Money`] sum of them is their exact sum capped at the largest amount,
//! however they are grouped: the exact sum kept here (in `i128`, which no count of
//! `i64` costs a plan has can overflow), capped and added to each month, gives the
//! figures of adding each series' cost to each month one by one.

use super::UsageSeries;
use crate::money::{Money, Quantity, UnitPrice};

/// Adds an independent series' cost at unit price `usd` to each month of `into`, but
/// the one `left_out` (the horizon's last, billed with every series): priced once per
/// run of months with the same quantity.
pub(super) fn add_independent(
    usd: UnitPrice,
    s: &UsageSeries,
    into: &mut [Money],
    left_out: Option<usize>,
) {
    // Past its end a series reads zero and costs nothing.
    let n = into.len().min(s.per_month.len());
    let kept = left_out.and_then(|m| into.get(m).copied());
    let q = &s.per_month[..n];
    // The last quantity priced (its bits) and its cost; to start, bits that differ
    // from the first quantity's, so that it is priced.
    let Some(first) = q.first() else { return };
    let (mut bits, mut cost) = (!first.to_bits(), Money::ZERO);
    for (q, sum) in q.iter().zip(&mut into[..n]) {
        if q.to_bits() != bits {
            (bits, cost) = (q.to_bits(), usd.times(Quantity::from_f64(*q)));
        }
        *sum += cost;
    }
    if let (Some(m), Some(kept)) = (left_out, kept) {
        into[m] = kept;
    }
}

/// The cost at unit price `usd` of a series whose quantity is the same (bit for bit)
/// in each of the first `months` months, or `None`: it changes, or ends before.
pub(super) fn flat_cost(usd: UnitPrice, s: &UsageSeries, months: usize) -> Option<Money> {
    let q = s.per_month.get(..months)?;
    let first = q.first()?.to_bits();
    // Most series that change grow: their last month tells at once.
    if q.last()?.to_bits() != first {
        return None;
    }
    // Eight months at a time, without stopping inside the eight: a few instructions a
    // month where the quantity stays, and a series that changes stops at the first
    // eight where it does (most at once: their quantity grows every month).
    let same = |months: &[f64]| months.iter().fold(true, |same, v| same & (v.to_bits() == first));
    let chunks = q.chunks_exact(8);
    let rest = chunks.remainder();
    let flat = chunks.into_iter().all(same) && same(rest);
    flat.then(|| usd.times(Quantity::from_f64(q[0])))
}

/// The summed cost of flat series per group of months (a component's, or those of
/// series without one), exact.
pub(super) struct FlatCosts {
    sums: Vec<i128>,
}

impl FlatCosts {
    pub(super) fn new(groups: usize) -> FlatCosts {
        FlatCosts { sums: vec![0; groups] }
    }

    /// Adds a flat series' cost to group `g`'s.
    pub(super) fn add(&mut self, g: usize, cost: Money) {
        self.sums[g] += i128::from(cost.micros());
    }

    /// Adds group `g`'s summed cost to each of its months `into` (saturating, as
    /// adding series by series would) except the month `left_out`.
    pub(super) fn add_into(&self, g: usize, into: &mut [Money], left_out: Option<usize>) {
        let sum = self.sums[g];
        if sum == 0 {
            return;
        }
        let cost = Money::from_micros(i64::try_from(sum).unwrap_or(i64::MAX));
        for (m, month) in into.iter_mut().enumerate() {
            if Some(m) != left_out {
                *month += cost;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn series(per_month: &[f64]) -> UsageSeries {
        let text: Arc<str> = Arc::from("");
        UsageSeries {
            component: text.clone(),
            item: text.clone(),
            price_id: text.clone(),
            per_month: per_month.into(),
            basis: text,
            storage: None,
            region: None,
            to_region: None,
            later: false,
        }
    }

    /// A series is flat only when every one of the months reads the same bits: a
    /// change in a group of eight or in the months after the last eight, -0 for 0,
    /// or an end before the months, and it is not.
    #[test]
    fn only_the_same_quantity_every_month_is_flat() {
        let usd = UnitPrice::parse("0.5").unwrap_or(UnitPrice::ZERO);
        let mut q = vec![2.0; 19];
        assert_eq!(flat_cost(usd, &series(&q), 19), Some(Money::from_micros(1_000_000)));
        assert_eq!(flat_cost(usd, &series(&q), 20), None, "shorter than the months");
        for (at, other) in [(3, 2.5), (17, 2.5), (18, 2.5), (0, 0.0)] {
            q[at] = other;
            assert_eq!(flat_cost(usd, &series(&q), 19), None, "month {at}");
            q[at] = 2.0;
        }
        let zeros = [0.0, 0.0, -0.0];
        assert_eq!(flat_cost(usd, &series(&zeros), 2), Some(Money::ZERO));
        assert_eq!(flat_cost(usd, &series(&zeros), 3), None);
    }

    /// Every month but the one left out gets the group's sum, capped at the largest
    /// amount as a saturating sum is.
    #[test]
    fn sums_go_to_every_month_but_the_one_left_out() {
        let mut flat = FlatCosts::new(2);
        flat.add(1, Money::from_micros(5));
        flat.add(1, Money::from_micros(7));
        flat.add(0, Money::from_micros(i64::MAX));
        flat.add(0, Money::from_micros(i64::MAX));
        let mut months = vec![Money::from_micros(1); 4];
        flat.add_into(1, &mut months, Some(2));
        assert_eq!(months.iter().map(|m| m.micros()).collect::<Vec<_>>(), [13, 13, 1, 13]);
        flat.add_into(0, &mut months, None);
        assert!(months.iter().all(|m| m.micros() == i64::MAX));
    }
}
