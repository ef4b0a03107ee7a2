//! The price-sheet data model and its JSON form (`data/prices/*.json`).
//!
//! An entry prices one item (a price id) in one region, optionally for transfers to
//! one destination region, optionally in volume tiers, optionally with an always-free
//! monthly allowance. A sheet may list the same id once per region it has a sourced
//! price for; its `region` is the one every item is priced in.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Deserialize;

use crate::money::{Quantity, UnitPrice};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    /// Units a month (account-wide, per region) from which this tier's price applies.
    from_units: String,
    usd: String,
    /// Words for the tier: "next 450 TB".
    label: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    label: String,
    unit: String,
    usd: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    to_region: Option<String>,
    #[serde(default)]
    alias_of: Option<String>,
    #[serde(default)]
    first_tier_label: Option<String>,
    #[serde(default)]
    tiers: Vec<RawTier>,
    #[serde(default)]
    free_units_per_month: Option<String>,
    #[serde(default)]
    free_pool: Option<String>,
    source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMissing {
    id: String,
    reason: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSheet {
    id: String,
    title: String,
    region: String,
    fallback: String,
    prices: Vec<RawEntry>,
    #[serde(default)]
    missing: Vec<RawMissing>,
}

/// A volume tier beyond the first: from `from_units` a month on, each unit costs `usd`.
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    pub from_units: Quantity,
    pub usd: UnitPrice,
    /// Shared with every cost line at this tier's price.
    pub label: Arc<str>,
}

/// One priced item of a sheet, in one region.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceEntry {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// `None` when no sourced price exists; the item is shown unpriced. With tiers,
    /// the price of the first tier.
    pub usd: Option<UnitPrice>,
    /// The region this price is for.
    pub region: String,
    /// For transfers: the destination this price is for; `None` for any other.
    pub to_region: Option<String>,
    /// Priced as another id of the same sheet (same region and destination).
    pub alias_of: Option<String>,
    /// Words for the first tier when `tiers` is not empty ("first 50 TB").
    pub first_tier_label: Option<Arc<str>>,
    /// Later volume tiers, ascending; empty for a flat price.
    pub tiers: Vec<Tier>,
    /// Units a month AWS gives free per account (the always-free tier).
    pub free_units_per_month: Quantity,
    /// Entries with the same pool share one allowance (Lambda's compute allowance
    /// covers both architectures); the id by default.
    pub free_pool: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PriceSheet {
    pub id: String,
    pub title: String,
    /// The region the sheet prices every item in; other regions only where listed.
    pub region: String,
    pub fallback: String,
    /// Every entry of an id, one per region (and destination) it is priced for.
    pub entries: BTreeMap<String, Vec<PriceEntry>>,
    /// Why this sheet has no value for an item the other sheet prices.
    pub missing_reasons: BTreeMap<String, String>,
}

impl PriceSheet {
    /// The entry of `id` in the sheet's own region (for any destination).
    pub fn entry(&self, id: &str) -> Option<&PriceEntry> {
        self.entry_in(id, &self.region, None)
    }

    /// The entry of `id` for `region`: for a transfer to `to_region` the pair's own
    /// price when listed, else the region's price for any destination.
    pub fn entry_in(&self, id: &str, region: &str, to_region: Option<&str>) -> Option<&PriceEntry> {
        let variants = self.entries.get(id)?;
        let in_region = || variants.iter().filter(|e| e.region == region);
        to_region
            .and_then(|to| in_region().find(|e| e.to_region.as_deref() == Some(to)))
            .or_else(|| in_region().find(|e| e.to_region.is_none()))
    }

    /// Whether the sheet lists `id` at all.
    pub fn lists(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// Regions with at least one price of their own, the sheet's region first.
    pub fn regions(&self) -> Vec<&str> {
        let mut out = vec![self.region.as_str()];
        for e in self.entries.values().flatten() {
            if !out.contains(&e.region.as_str()) {
                out.push(&e.region);
            }
        }
        out
    }
}

fn quantity(text: &str, what: &str) -> Result<Quantity, String> {
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(Quantity::from_f64(v)),
        _ => Err(format!("bad {what} \"{text}\"")),
    }
}

pub(super) fn parse_sheet(source: &str) -> Result<PriceSheet, String> {
    let raw: RawSheet = serde_json::from_str(source).map_err(|e| e.to_string())?;
    let mut entries: BTreeMap<String, Vec<PriceEntry>> = BTreeMap::new();
    for e in raw.prices {
        let at = |why: String| format!("{}: {why}", e.id);
        let usd = e.usd.as_deref().map(UnitPrice::parse).transpose().map_err(at)?;
        let free = match e.free_units_per_month.as_deref() {
            Some(text) => quantity(text, "free units").map_err(at)?,
            None => Quantity::ZERO,
        };
        let mut tiers = Vec::new();
        for t in &e.tiers {
            let from = quantity(&t.from_units, "tier start").map_err(at)?;
            if tiers.last().is_some_and(|prev: &Tier| prev.from_units >= from) {
                return Err(at("tiers must ascend".into()));
            }
            tiers.push(Tier {
                from_units: from,
                usd: UnitPrice::parse(&t.usd).map_err(at)?,
                label: t.label.as_str().into(),
            });
        }
        let entry = PriceEntry {
            id: e.id.clone(),
            label: e.label,
            unit: e.unit,
            usd,
            region: e.region.unwrap_or_else(|| raw.region.clone()),
            to_region: e.to_region,
            alias_of: e.alias_of,
            first_tier_label: e.first_tier_label.map(Arc::from),
            tiers,
            free_units_per_month: free,
            free_pool: e.free_pool.unwrap_or_else(|| e.id.clone()),
            source: e.source,
        };
        let variants = entries.entry(e.id.clone()).or_default();
        if variants.iter().any(|v| v.region == entry.region && v.to_region == entry.to_region) {
            return Err(format!("price id {} appears twice for {}", e.id, entry.region));
        }
        variants.push(entry);
    }
    let missing_reasons = raw.missing.into_iter().map(|m| (m.id, m.reason)).collect();
    Ok(PriceSheet {
        id: raw.id,
        title: raw.title,
        region: raw.region,
        fallback: raw.fallback,
        entries,
        missing_reasons,
    })
}
