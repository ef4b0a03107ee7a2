//! The sentences every surface shows the same way (CLI table and JSON, the app, the
//! bundle README): the headline monthly figure with whether it is the steady state,
//! the price sheet in words, and the caveats of the prices used (regions a sheet does
//! not price, whether always-free allowances apply).

use crate::cost::{estimate, estimate_horizon_reusing, Detail, Estimate, KeptUsage};
use crate::money::Money;
use crate::plan::Plan;
use crate::pricing::{sheet, SHEET_IDS};
use crate::recovery::RecoveryReport;

/// The price sheet named in words, as its title says ("AWS list prices, us-east-1, 2026").
pub fn sheet_words(sheet_id: &str) -> String {
    sheet(sheet_id).map_or_else(|| sheet_id.to_string(), |s| s.title.clone())
}

/// `$0.58` for a rise, `$0.58` for a fall (the verb carries the sign).
fn magnitude(delta: Money) -> Money {
    Money::from_micros(delta.micros().saturating_abs())
}

/// Whether the horizon's last month is the steady state, in one sentence:
///
/// * "Steady state: $X a month, reached in month P."
/// * "Month N: $X a month, still rising by $Y a month; it levels off at $Z from month P."
/// * "Month N: $X a month, still rising by $Y a month; it does not level off within 120 months."
pub fn steady_state_sentence(e: &Estimate) -> String {
    let n = e.horizon_months;
    let o = &e.outlook;
    match o.plateau {
        Some((month, _)) if month <= n => {
            format!("Steady state: {} a month, reached in month {month}.", e.monthly_total)
        }
        plateau => {
            let verb = if o.change_per_month.micros() < 0 { "falling" } else { "rising" };
            let after = match plateau {
                Some((month, total)) => format!("it levels off at {total} from month {month}"),
                None => format!("it does not level off within {} months", o.months_priced),
            };
            match (o.change_per_month.cents(), plateau) {
                // Flat for now, with a later step (data reaching its expiry, say).
                (0, Some((month, total))) => {
                    format!(
                        "Month {n}: {} a month; it settles at {total} from month {month}.",
                        e.monthly_total
                    )
                }
                (0, None) => format!(
                    "Month {n}: {} a month, changing by less than a cent a month; {after}.",
                    e.monthly_total
                ),
                _ => format!(
                    "Month {n}: {} a month, still {verb} by {} a month; {after}.",
                    e.monthly_total,
                    magnitude(o.change_per_month)
                ),
            }
        }
    }
}

/// The headline: the steady-state sentence, and what scheduled recovery tests add.
pub fn headline(e: &Estimate, recovery: Option<&RecoveryReport>) -> String {
    let mut out = steady_state_sentence(e);
    if let Some(r) = recovery.filter(|r| !r.testing.is_empty()) {
        out.push_str(&format!(
            " Scheduled recovery tests add {} a month ({} with them).",
            r.testing_monthly,
            e.monthly_total + r.testing_monthly
        ));
    }
    out
}

/// Caveats of the prices an estimate used: each region a sheet has no prices for
/// (and the region priced instead), and whether always-free allowances apply.
pub fn caveats(e: &Estimate) -> Vec<String> {
    let mut out: Vec<String> = e
        .region_caveats
        .iter()
        .map(|c| {
            let n = c.price_ids.len();
            format!(
                "No price sheet lists {} prices for {n} item{} ({}): they are priced at {} rates ({}).",
                c.billed_region,
                if n == 1 { "" } else { "s" },
                c.price_ids.join(", "),
                c.priced_as,
                c.sheets.join(", ")
            )
        })
        .collect();
    let offered = e.lines_with_free_tier;
    if offered > 0 {
        out.push(if e.free_tier_applied {
            format!("Always-free allowances are applied (pricing.apply_free_tier): {offered} line(s) have one; each says how much it used.")
        } else {
            format!("Always-free allowances are not applied (pricing.apply_free_tier is off): {offered} line(s) would have one, because the account's other workloads usually use them first.")
        })
    }
    out
}

/// The caveats of a plan's prices, for the README of an exported bundle: the same
/// sentences as [`caveats`], from a fresh estimate of the plan.
pub fn pricing_caveats(plan: &Plan) -> Vec<String> {
    caveats(&estimate(plan))
}

/// The other shipped sheet's name in words and the plan's monthly total at it, for
/// a comparison one glance away. Only the horizon is priced: the monthly total is the
/// horizon's last month, which the outlook never changes.
///
/// `kept` holds the usage series of the last call's plan (as the app prices the other
/// sheet after each edit): only the components changed since are simulated again. A
/// whole fresh estimate of a 200-bucket plan took one 50–70 ms task in the browser.
pub fn other_sheet_total(plan: &Plan, kept: &mut KeptUsage) -> Option<(String, String, Money)> {
    let other = SHEET_IDS.iter().find(|id| **id != plan.pricing.sheet)?;
    let mut priced = plan.clone();
    priced.pricing.sheet = (*other).to_string();
    let total = estimate_horizon_reusing(&priced, kept, Detail::Figures).monthly_total;
    Some((other.to_string(), sheet_words(other), total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::Outlook;

    fn with_outlook(monthly: i64, horizon: u32, outlook: Outlook) -> Estimate {
        let mut e = estimate(&Plan::default());
        e.monthly_total = Money::from_micros(monthly);
        e.horizon_months = horizon;
        e.outlook = outlook;
        e
    }

    #[test]
    fn the_headline_says_whether_the_month_is_the_steady_state() {
        let flat = Outlook {
            plateau: Some((25, Money::from_micros(5_000_000))),
            change_per_month: Money::ZERO,
            months_priced: 120,
        };
        assert_eq!(
            steady_state_sentence(&with_outlook(5_000_000, 36, flat.clone())),
            "Steady state: $5.00 a month, reached in month 25."
        );
        let late = Outlook {
            plateau: Some((86, Money::from_micros(9_990_000))),
            change_per_month: Money::from_micros(580_000),
            ..flat
        };
        assert_eq!(
            steady_state_sentence(&with_outlook(5_000_000, 36, late)),
            "Month 36: $5.00 a month, still rising by $0.58 a month; it levels off at $9.99 from month 86."
        );
        let never = Outlook {
            plateau: None,
            change_per_month: Money::from_micros(150_000),
            months_priced: 120,
        };
        assert_eq!(
            steady_state_sentence(&with_outlook(5_000_000, 36, never)),
            "Month 36: $5.00 a month, still rising by $0.15 a month; it does not level off within 120 months."
        );
    }
}
