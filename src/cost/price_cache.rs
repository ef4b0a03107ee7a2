//! Resolved prices kept between estimates. Resolving a price walks both sheets,
//! their regions and aliases and copies its texts; the result depends only on the
//! sheet, the id, the regions and the plan's override of that id, so the app's
//! estimate on every edit, the fix search's many estimates of changed plans and the
//! recovery costs of each assessment resolve each price once. Prices with an override are not kept (overrides are rare
//! and differ from plan to plan); the cache is emptied when it reaches
//! [`MAX_ENTRIES`], so user-typed ids cannot grow it without bound.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use crate::pricing::{Prices, ResolvedPrice};

/// Entries kept at most (a plan uses a few dozen prices).
const MAX_ENTRIES: usize = 4_096;

#[derive(Default)]
struct Cache {
    by_key: BTreeMap<String, Rc<ResolvedPrice>>,
    /// Scratch space for the key of a lookup, so that a hit allocates nothing.
    key: String,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache::default());
}

/// `prices.get_at(id, region, to_region)`, shared.
pub fn resolve(
    prices: &Prices,
    id: &str,
    region: &str,
    to_region: Option<&str>,
) -> Rc<ResolvedPrice> {
    let fresh = || Rc::new(prices.get_at(id, region, to_region));
    if prices.is_overridden(id) {
        return fresh();
    }
    CACHE.with(|cell| {
        let Ok(mut cache) = cell.try_borrow_mut() else { return fresh() };
        let Cache { by_key, key } = &mut *cache;
        key.clear();
        // Each part with its length, so that no two lookups share a key whatever
        // characters the plan's ids and regions hold. Written piece by piece: a
        // format per part cost more than the lookup itself.
        for part in [prices.sheet.id.as_str(), id, region, to_region.unwrap_or("")] {
            super::texts::push_digits(key, part.len() as u64, false);
            key.push(':');
            key.push_str(part);
        }
        key.push(if to_region.is_some() { '>' } else { '.' });
        if let Some(hit) = by_key.get(key.as_str()) {
            return hit.clone();
        }
        if by_key.len() >= MAX_ENTRIES {
            by_key.clear();
        }
        let price = fresh();
        by_key.insert(key.clone(), price.clone());
        price
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    #[test]
    fn a_kept_price_is_the_price_resolved_afresh() {
        let mut plan = Plan::default();
        for sheet in crate::pricing::SHEET_IDS {
            plan.pricing.sheet = sheet.into();
            let Some(prices) = plan.pricing.prices() else { continue };
            for (id, region, to) in [
                ("s3.storage.standard", "us-east-1", None),
                ("s3.storage.standard", "eu-west-1", None),
                ("transfer.inter_region", "us-east-1", Some("us-west-2")),
                ("transfer.inter_region", "us-east-1", None),
                ("rds.instance_hour.mysql.db.t3.micro", "us-east-1", None),
            ] {
                for _ in 0..2 {
                    assert_eq!(*resolve(&prices, id, region, to), prices.get_at(id, region, to));
                }
            }
        }
    }

    #[test]
    fn overrides_and_sheets_never_share_a_kept_price() {
        let mut plan = Plan::default();
        let id = "s3.storage.standard";
        let seed = plan.pricing.prices().map(|p| resolve(&p, id, "us-east-1", None));
        plan.pricing.sheet = "aws-list-2026".into();
        let list = plan.pricing.prices().map(|p| resolve(&p, id, "us-east-1", None));
        assert_ne!(seed.map(|p| p.source.clone()), list.map(|p| p.source.clone()));
        plan.pricing.overrides.insert(id.into(), 1.5);
        let overridden = plan.pricing.prices().map(|p| resolve(&p, id, "us-east-1", None));
        assert_eq!(overridden.map(|p| p.usd.to_string()), Some("1.5".to_string()));
    }
}
