//! Price sheets: unit prices with their sources and regions, kept apart from what is
//! billed.
//!
//! Two sheets ship as JSON data embedded at build time (`data/prices/`). Each entry
//! carries its source and the region it is for; a sheet prices every item in its own
//! region and some items in other regions too (inter-region transfer by source region
//! and destination, for instance). A sheet that lacks an item falls back to the other
//! sheet and says so; a region no sheet prices an item for is priced at the sheet's
//! own region and says so ([`RegionFallback`]); a plan may override any unit price.
//! The cost engine asks for prices by id and region through [`Prices`] and never sees
//! a raw number without its provenance.

pub mod ids;
mod sheet;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::OnceLock;

use crate::money::{Quantity, UnitPrice};
pub use sheet::{PriceEntry, PriceSheet, Tier};

/// The sheet a new plan uses.
pub const DEFAULT_SHEET_ID: &str = "seed-documented";
/// Every shipped sheet, default first.
pub const SHEET_IDS: [&str; 2] = ["seed-documented", "aws-list-2026"];

const SHEET_SOURCES: [&str; 2] = [
    include_str!("../../data/prices/seed-documented.json"),
    include_str!("../../data/prices/aws-list-2026.json"),
];

/// The shipped sheets, parsed once. The data is part of the binary and is tested, so
/// a parse failure is a build defect; it surfaces as an empty sheet list rather than a panic.
pub fn sheets() -> &'static [PriceSheet] {
    static SHEETS: OnceLock<Vec<PriceSheet>> = OnceLock::new();
    SHEETS.get_or_init(|| SHEET_SOURCES.iter().filter_map(|s| sheet::parse_sheet(s).ok()).collect())
}

pub fn sheet(id: &str) -> Option<&'static PriceSheet> {
    sheets().iter().find(|s| s.id == id)
}

/// Where a resolved price came from.
#[derive(Clone, Debug, PartialEq)]
pub enum PriceOrigin {
    Sheet,
    /// The chosen sheet lacks the item; the fallback sheet's value is used.
    Fallback {
        reason: String,
    },
    Override,
    /// No sheet prices the item; it is shown at zero with the reason.
    Unpriced,
}

/// A price used for another region than the one billed, because the sheet has no
/// price of its own for that region.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RegionFallback {
    /// The region the usage is billed in.
    pub billed_region: String,
    /// The region whose price is used instead.
    pub priced_as: String,
    /// The sheet whose price it is.
    pub sheet: String,
}

/// A price ready for a cost line: value (and volume tiers), unit, region, source and
/// origin.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedPrice {
    pub id: String,
    pub label: String,
    /// Shared with every cost line priced with it (as are `source` and `region`).
    pub unit: Arc<str>,
    /// The price of the first (or only) tier.
    pub usd: UnitPrice,
    pub first_tier_label: Option<Arc<str>>,
    /// Later volume tiers; empty for a flat price (and for overrides).
    pub tiers: Vec<Tier>,
    pub free_units_per_month: Quantity,
    /// Lines whose prices share a pool share one free allowance.
    pub free_pool: String,
    pub origin: PriceOrigin,
    /// A sentence naming where the price comes from, fit for a cost line.
    pub source: Arc<str>,
    /// The region the price is for (for an override, the region billed).
    pub region: Arc<str>,
    /// Set when the sheets have no price for the billed region.
    pub region_fallback: Option<RegionFallback>,
}

/// Prices for one plan: its sheet, the fallback, and its overrides.
#[derive(Clone, Debug)]
pub struct Prices {
    pub sheet: &'static PriceSheet,
    fallback: Option<&'static PriceSheet>,
    overrides: std::collections::BTreeMap<String, UnitPrice>,
}

/// The entry of `id` in `sheet` for a region, following an alias to the id it is
/// priced as; with the entry that named the alias, if any.
fn find<'s>(
    sheet: &'s PriceSheet,
    id: &str,
    region: &str,
    to_region: Option<&str>,
) -> Option<(&'s PriceEntry, Option<&'s PriceEntry>)> {
    if let Some(alias) = sheet.entry(id).filter(|e| e.alias_of.is_some()) {
        let target = alias.alias_of.as_deref().unwrap_or_default();
        return sheet.entry_in(target, region, to_region).map(|e| (e, Some(alias)));
    }
    sheet.entry_in(id, region, to_region).map(|e| (e, None))
}

impl Prices {
    /// Resolves a plan's sheet (the default one if the id is unknown, which
    /// validation reports) and its valid overrides (price id → USD per unit). Pricing
    /// knows nothing of plans: `PricingChoice::prices` is the plan's way in.
    pub fn for_choice(sheet_id: &str, overrides: &BTreeMap<String, f64>) -> Option<Prices> {
        let sheet = sheet(sheet_id).or_else(|| sheet(DEFAULT_SHEET_ID))?;
        let overrides = overrides
            .iter()
            .filter_map(|(id, v)| UnitPrice::from_f64(*v).ok().map(|p| (id.clone(), p)))
            .collect();
        Some(Prices { sheet, fallback: self::sheet(&sheet.fallback), overrides })
    }

    /// Whether the plan overrides the price of `id`.
    pub fn is_overridden(&self, id: &str) -> bool {
        self.overrides.contains_key(id)
    }

    /// The price of `id` in the sheet's own region.
    pub fn get(&self, id: &str) -> ResolvedPrice {
        self.get_at(id, &self.sheet.region, None)
    }

    /// The price of `id` billed in `region` (for a transfer, sent to `to_region`).
    /// Order: the chosen sheet's price for the region, the fallback sheet's, then the
    /// chosen and the fallback sheet's price for their own region, said out loud.
    pub fn get_at(&self, id: &str, region: &str, to_region: Option<&str>) -> ResolvedPrice {
        let own_base = self.sheet.entry(id);
        let fallback_base = self.fallback.and_then(|f| f.entry(id));
        let template = own_base.or(fallback_base).or_else(|| {
            let any = |s: &'static PriceSheet| s.entries.get(id).and_then(|v| v.first());
            any(self.sheet).or_else(|| self.fallback.and_then(any))
        });
        let (label, unit) = match template {
            Some(e) => (e.label.clone(), e.unit.clone()),
            None => (ids::describe_dynamic(id), ids::dynamic_unit(id).to_string()),
        };
        // An always-free allowance is a fact of the AWS account, not of a price: it
        // applies whichever sheet prices the item (the seeds state none).
        let (free, pool) = [own_base, fallback_base]
            .into_iter()
            .flatten()
            .find(|e| e.free_units_per_month > Quantity::ZERO)
            .or(template)
            .map_or((Quantity::ZERO, id.to_string()), |e| {
                (e.free_units_per_month, e.free_pool.clone())
            });
        let resolved = |usd: UnitPrice, origin: PriceOrigin, source: String| ResolvedPrice {
            id: id.into(),
            label: label.clone(),
            unit: Arc::from(unit.as_str()),
            usd,
            first_tier_label: None,
            tiers: Vec::new(),
            free_units_per_month: free,
            free_pool: pool.clone(),
            origin,
            source: source.into(),
            region: region.into(),
            region_fallback: None,
        };
        if let Some(price) = self.overrides.get(id) {
            return resolved(
                *price,
                PriceOrigin::Override,
                "overridden in this plan (applies in every region)".into(),
            );
        }
        let fallback_reason = || {
            self.sheet
                .missing_reasons
                .get(id)
                .cloned()
                .unwrap_or_else(|| format!("{} has no value for this item", self.sheet.id))
        };
        let mut candidates: Vec<(&'static PriceSheet, &str, Option<&str>)> =
            vec![(self.sheet, region, to_region)];
        if let Some(f) = self.fallback {
            candidates.push((f, region, to_region));
        }
        candidates.push((self.sheet, &self.sheet.region, None));
        if let Some(f) = self.fallback {
            candidates.push((f, &f.region, None));
        }
        for (sheet, at, to) in candidates {
            let Some((entry, alias)) = find(sheet, id, at, to) else { continue };
            let Some(usd) = entry.usd else { continue };
            let mut source = match alias {
                Some(a) => format!("{}; {}", a.source, entry.source),
                None => entry.source.clone(),
            };
            let own = std::ptr::eq(sheet, self.sheet);
            let origin = if own {
                PriceOrigin::Sheet
            } else {
                let reason = fallback_reason();
                source = format!("{} (fallback: {reason}): {source}", sheet.id);
                PriceOrigin::Fallback { reason }
            };
            let mut price = resolved(usd, origin, source);
            price.first_tier_label = entry.first_tier_label.clone();
            price.tiers = entry.tiers.clone();
            price.region = entry.region.as_str().into();
            if entry.region != region {
                price.region_fallback = Some(RegionFallback {
                    billed_region: region.to_string(),
                    priced_as: entry.region.clone(),
                    sheet: sheet.id.clone(),
                });
                price.source = format!(
                    "{} (no {region} price in {}: {} rate used)",
                    price.source, sheet.id, entry.region
                )
                .into();
            }
            return price;
        }
        let why = template.map(|e| e.source.clone()).unwrap_or_else(|| {
            format!("no sheet prices this item; add a price override for \"{id}\"")
        });
        resolved(UnitPrice::ZERO, PriceOrigin::Unpriced, format!("unpriced: {why}"))
    }

    /// Whether `id` may be overridden: a listed item, or an instance price id.
    pub fn accepts_override(sheet: &PriceSheet, id: &str) -> bool {
        sheet.lists(id)
            || self::sheet(&sheet.fallback).is_some_and(|f| f.lists(id))
            || ids::is_dynamic(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Plan;

    #[test]
    fn shipped_sheets_parse() {
        for source in SHEET_SOURCES {
            sheet::parse_sheet(source).unwrap();
        }
        assert_eq!(sheets().len(), SHEET_IDS.len());
        for (sheet, id) in sheets().iter().zip(SHEET_IDS) {
            assert_eq!(sheet.id, id);
            assert!(self::sheet(&sheet.fallback).is_some());
        }
    }

    #[test]
    fn every_entry_cites_a_source() {
        for sheet in sheets() {
            for entry in sheet.entries.values().flatten() {
                assert!(entry.source.len() > 10, "{}: {}", sheet.id, entry.id);
                assert!(
                    crate::plan::regions::is_known_region(&entry.region)
                        || entry.region == crate::cost::GLOBAL_REGION,
                    "{}: {} names no region",
                    sheet.id,
                    entry.id
                );
            }
        }
        for entry in sheet("seed-documented").unwrap().entries.values().flatten() {
            assert!(
                entry.source.starts_with("design document “"),
                "{} must cite its design document",
                entry.id
            );
        }
    }

    #[test]
    fn fallback_says_why() {
        let plan = Plan::default();
        let prices = plan.pricing.prices().unwrap();
        let p = prices.get("dynamodb.storage");
        assert!(matches!(p.origin, PriceOrigin::Fallback { .. }));
        assert!(
            p.source.contains("aws-list-2026") && p.source.contains("table storage"),
            "{}",
            p.source
        );
        assert_eq!(p.usd.to_string(), "0.25");
    }

    #[test]
    fn override_wins_and_unknown_is_unpriced() {
        let mut plan = Plan::default();
        plan.pricing.overrides.insert("s3.storage.standard".into(), 0.021);
        let prices = plan.pricing.prices().unwrap();
        assert_eq!(prices.get("s3.storage.standard").usd.to_string(), "0.021");
        let unknown = prices.get("rds.instance_hour.mysql.db.m5.large");
        assert_eq!(unknown.origin, PriceOrigin::Unpriced);
        assert!(unknown.source.contains("override"));
    }

    /// AWS data transfer pricing: "$0.01 per GB" from us-east-1 to us-east-2 and
    /// $0.02 to other regions; $0.147 out of Cape Town (AWS Price List API, as recorded
    /// in infracost's data_transfer_test golden file).
    #[test]
    fn inter_region_transfer_is_priced_by_pair() {
        let plan = Plan {
            pricing: crate::plan::PricingChoice {
                sheet: "aws-list-2026".into(),
                ..Default::default()
            },
            ..Plan::default()
        };
        let prices = plan.pricing.prices().unwrap();
        let rate = |from: &str, to: &str| {
            prices.get_at("transfer.inter_region", from, Some(to)).usd.to_string()
        };
        assert_eq!(rate("us-east-1", "us-east-2"), "0.01");
        assert_eq!(rate("us-east-2", "us-east-1"), "0.01");
        assert_eq!(rate("us-east-1", "us-west-2"), "0.02");
        assert_eq!(rate("af-south-1", "eu-west-1"), "0.147");
        // S3 replication is billed as inter-region transfer out of the source region.
        let s3 = prices.get_at("s3.replication.data", "us-east-1", Some("us-east-2"));
        assert_eq!(s3.usd.to_string(), "0.01");
        assert_eq!(s3.region_fallback, None);
    }

    #[test]
    fn a_region_without_prices_is_priced_at_the_sheet_region_and_says_so() {
        let plan = Plan {
            pricing: crate::plan::PricingChoice {
                sheet: "aws-list-2026".into(),
                ..Default::default()
            },
            ..Plan::default()
        };
        let prices = plan.pricing.prices().unwrap();
        let p = prices.get_at("s3.storage.standard", "eu-west-1", None);
        assert_eq!(p.usd.to_string(), "0.023");
        assert_eq!(&*p.region, "us-east-1");
        let fallback = p.region_fallback.unwrap();
        assert_eq!(
            (fallback.billed_region.as_str(), fallback.priced_as.as_str()),
            ("eu-west-1", "us-east-1")
        );
        assert!(p.source.contains("no eu-west-1 price"), "{}", p.source);
        let own = prices.get_at("s3.storage.standard", "us-east-1", None);
        assert_eq!(own.region_fallback, None);
    }
}
