//! Where the monthly cost levels off. A plan's cost rises while lifecycle tiers fill,
//! backups pile up to their retention and key rotations accrue; it reaches its
//! *steady state* (a plateau) when every later month costs the same. Data that keeps
//! growing (monthly growth with no expiry) never levels off: then the honest figure is
//! the horizon's month with the rate it is still rising at.

use crate::money::Money;

/// Months a plateau must hold, up to the last month priced, to count as one: a total
/// that stopped moving only in the final months may still move after them.
pub const PLATEAU_MIN_MONTHS: usize = 12;

/// Months within which the total counts as unchanged: below a cent apart.
const PLATEAU_TOLERANCE_MICROS: i64 = 10_000;

/// Months averaged for the rate a cost is still changing at.
const TREND_MONTHS: usize = 12;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outlook {
    /// The first month from which every later priced month costs within a cent of
    /// it, and that month's total; `None` when the cost does not level off within the
    /// months priced.
    pub plateau: Option<(u32, Money)>,
    /// How fast the cost is still changing after the horizon's last month: zero on
    /// the plateau; the average change a month until the plateau when it comes later;
    /// without one, the average change over the next twelve months (the last twelve
    /// when the horizon ends less than a year before the last month priced).
    pub change_per_month: Money,
    /// Months priced to look for the plateau (120).
    pub months_priced: u32,
}

impl Outlook {
    /// The outlook of monthly `totals` (month 1 first) for a horizon of `horizon` months.
    pub fn of(totals: &[Money], horizon: usize) -> Outlook {
        let n = totals.len();
        let mut plateau = None;
        if n >= PLATEAU_MIN_MONTHS {
            // Walk back from the last month while every month stays within a cent of
            // the candidate: the earliest such month starts the plateau.
            let mut start = n - 1;
            let (mut lo, mut hi) = (totals[n - 1].micros(), totals[n - 1].micros());
            while start > 0 {
                let v = totals[start - 1].micros();
                let (nlo, nhi) = (lo.min(v), hi.max(v));
                if nhi.saturating_sub(nlo) >= PLATEAU_TOLERANCE_MICROS {
                    break;
                }
                (lo, hi) = (nlo, nhi);
                start -= 1;
            }
            if n - start >= PLATEAU_MIN_MONTHS {
                plateau = Some((start as u32 + 1, totals[start]));
            }
        }
        let horizon = horizon.clamp(1, n.max(1));
        // Average change a month from month `a` to month `b` (1-based, a < b).
        let average = |a: usize, b: usize| {
            let delta = totals[b - 1].saturating_sub(totals[a - 1]).micros();
            Money::from_micros(div_round(delta, (b - a) as i64))
        };
        let change_per_month = match plateau {
            _ if n < 2 => Money::ZERO,
            Some((month, _)) if month as usize <= horizon => Money::ZERO,
            Some((month, _)) => average(horizon, month as usize),
            None if horizon + TREND_MONTHS <= n => average(horizon, horizon + TREND_MONTHS),
            None => average(n.saturating_sub(TREND_MONTHS).max(1), n),
        };
        Outlook { plateau, change_per_month, months_priced: n as u32 }
    }

    /// Whether the horizon's last month is already on the plateau.
    pub fn steady_at(&self, horizon: u32) -> bool {
        self.plateau.is_some_and(|(month, _)| month <= horizon)
    }
}

/// `n ÷ d` rounded half away from zero, for a positive `d`.
fn div_round(n: i64, d: i64) -> i64 {
    let d = d.max(1);
    let (q, r) = (n / d, n % d);
    if 2 * r.abs() >= d {
        q + n.signum()
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dollars(values: &[f64]) -> Vec<Money> {
        values.iter().map(|v| Money::from_micros((v * 1e6).round() as i64)).collect()
    }

    #[test]
    fn a_cost_that_levels_off_has_a_plateau() {
        let mut totals = vec![1.0, 2.0, 3.0];
        totals.extend(std::iter::repeat_n(3.0, 117));
        let outlook = Outlook::of(&dollars(&totals), 36);
        assert_eq!(outlook.plateau, Some((3, Money::from_micros(3_000_000))));
        assert!(outlook.steady_at(36));
        assert_eq!(outlook.change_per_month, Money::ZERO);
    }

    #[test]
    fn a_cost_that_keeps_rising_has_none_and_says_how_fast() {
        let totals: Vec<f64> = (1..=120).map(|m| 10.0 + 0.5 * m as f64).collect();
        let outlook = Outlook::of(&dollars(&totals), 36);
        assert_eq!(outlook.plateau, None);
        assert_eq!(outlook.change_per_month, Money::from_micros(500_000));
    }

    #[test]
    fn a_late_plateau_is_found_beyond_the_horizon() {
        let totals: Vec<f64> = (1..=120).map(|m| (m.min(86) as f64) * 2.0).collect();
        let outlook = Outlook::of(&dollars(&totals), 36);
        assert_eq!(outlook.plateau, Some((86, Money::from_micros(172_000_000))));
        assert!(!outlook.steady_at(36));
        assert_eq!(outlook.change_per_month, Money::from_micros(2_000_000));
        // Flat for years, then a step down: the average until the plateau.
        let step: Vec<f64> = (1..=120).map(|m| if m < 91 { 110.63 } else { 110.42 }).collect();
        let outlook = Outlook::of(&dollars(&step), 36);
        assert_eq!(outlook.plateau, Some((91, Money::from_micros(110_420_000))));
        assert_eq!(outlook.change_per_month, Money::from_micros(-3_818));
    }

    #[test]
    fn levelling_off_in_the_last_months_is_not_a_plateau() {
        let totals: Vec<f64> = (1..=120).map(|m| (m.min(115) as f64) * 2.0).collect();
        assert_eq!(Outlook::of(&dollars(&totals), 36).plateau, None);
    }
}
