//! Price sheets: unit prices with their sources, kept apart from what is billed.
//!
//! Two sheets ship as JSON data embedded at build time (`data/prices/`). Each entry
//! carries its source. A sheet that lacks an item falls back to the other sheet and
//! says so; a plan may override any unit price. The cost engine asks for prices by
//! id through [`Prices`] and never sees a raw number without its provenance.

pub mod ids;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::money::{Quantity, UnitPrice};
use crate::plan::Plan;

/// The sheet a new plan uses.
pub const DEFAULT_SHEET_ID: &str = "seed-documented";
/// Every shipped sheet, default first.
pub const SHEET_IDS: [&str; 2] = ["seed-documented", "aws-list-2026"];

const SHEET_SOURCES: [&str; 2] = [
    include_str!("../../data/prices/seed-documented.json"),
    include_str!("../../data/prices/aws-list-2026.json"),
];

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    label: String,
    unit: String,
    usd: Option<String>,
    #[serde(default)]
    free_units_per_month: Option<String>,
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

/// One priced item of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceEntry {
    pub id: String,
    pub label: String,
    pub unit: String,
    /// `None` when no sourced price exists; the item is shown unpriced.
    pub usd: Option<UnitPrice>,
    /// Units a month AWS gives free per account (applied once across the plan).
    pub free_units_per_month: Quantity,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PriceSheet {
    pub id: String,
    pub title: String,
    pub region: String,
    pub fallback: String,
    pub entries: BTreeMap<String, PriceEntry>,
    /// Why this sheet has no value for an item the other sheet prices.
    pub missing_reasons: BTreeMap<String, String>,
}

impl PriceSheet {
    pub fn entry(&self, id: &str) -> Option<&PriceEntry> {
        self.entries.get(id)
    }
}

fn parse_sheet(source: &str) -> Result<PriceSheet, String> {
    let raw: RawSheet = serde_json::from_str(source).map_err(|e| e.to_string())?;
    let mut entries = BTreeMap::new();
    for e in raw.prices {
        let usd = e
            .usd
            .as_deref()
            .map(UnitPrice::parse)
            .transpose()
            .map_err(|why| format!("{}: {why}", e.id))?;
        let free = match e.free_units_per_month.as_deref() {
            Some(text) => Quantity::from_f64(
                text.parse::<f64>().map_err(|_| format!("{}: bad free units", e.id))?,
            ),
            None => Quantity::ZERO,
        };
        let entry = PriceEntry {
            id: e.id.clone(),
            label: e.label,
            unit: e.unit,
            usd,
            free_units_per_month: free,
            source: e.source,
        };
        if entries.insert(e.id.clone(), entry).is_some() {
            return Err(format!("price id {} appears twice", e.id));
        }
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

/// The shipped sheets, parsed once. The data is part of the binary and is tested, so
/// a parse failure is a build defect; it surfaces as an empty sheet list rather than a panic.
pub fn sheets() -> &'static [PriceSheet] {
    static SHEETS: OnceLock<Vec<PriceSheet>> = OnceLock::new();
    SHEETS.get_or_init(|| SHEET_SOURCES.iter().filter_map(|s| parse_sheet(s).ok()).collect())
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

/// A price ready for a cost line: value, unit, source and origin.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedPrice {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub usd: UnitPrice,
    pub free_units_per_month: Quantity,
    pub origin: PriceOrigin,
    /// A sentence naming where the price comes from, fit for a cost line.
    pub source: String,
}

/// Prices for one plan: its sheet, the fallback, and its overrides.
#[derive(Clone, Debug)]
pub struct Prices {
    pub sheet: &'static PriceSheet,
    fallback: Option<&'static PriceSheet>,
    overrides: BTreeMap<String, UnitPrice>,
}

impl Prices {
    /// Resolves the plan's sheet (the default one if the id is unknown, which
    /// validation reports) and its valid overrides.
    pub fn for_plan(plan: &Plan) -> Option<Prices> {
        let sheet = sheet(&plan.pricing.sheet).or_else(|| sheet(DEFAULT_SHEET_ID))?;
        let overrides = plan
            .pricing
            .overrides
            .iter()
            .filter_map(|(id, v)| UnitPrice::from_f64(*v).ok().map(|p| (id.clone(), p)))
            .collect();
        Some(Prices { sheet, fallback: self::sheet(&sheet.fallback), overrides })
    }

    pub fn get(&self, id: &str) -> ResolvedPrice {
        let own = self.sheet.entry(id);
        let fallback = self.fallback.and_then(|f| f.entry(id));
        let template = own.or(fallback);
        let (label, unit, free) = match template {
            Some(e) => (e.label.clone(), e.unit.clone(), e.free_units_per_month),
            None => (ids::describe_dynamic(id), ids::dynamic_unit(id).to_string(), Quantity::ZERO),
        };
        if let Some(price) = self.overrides.get(id) {
            return ResolvedPrice {
                id: id.into(),
                label,
                unit,
                usd: *price,
                free_units_per_month: free,
                origin: PriceOrigin::Override,
                source: "overridden in this plan".into(),
            };
        }
        match (own, fallback) {
            (Some(e), _) if e.usd.is_some() => ResolvedPrice {
                id: id.into(),
                label,
                unit,
                usd: e.usd.unwrap_or_default(),
                free_units_per_month: free,
                origin: PriceOrigin::Sheet,
                source: e.source.clone(),
            },
            (_, Some(f)) if f.usd.is_some() => {
                let reason = self
                    .sheet
                    .missing_reasons
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| format!("{} has no value for this item", self.sheet.id));
                let fallback_id = self.fallback.map(|s| s.id.as_str()).unwrap_or_default();
                ResolvedPrice {
                    id: id.into(),
                    label,
                    unit,
                    usd: f.usd.unwrap_or_default(),
                    free_units_per_month: free,
                    source: format!("{fallback_id} (fallback: {reason}): {}", f.source),
                    origin: PriceOrigin::Fallback { reason },
                }
            }
            _ => {
                let why = own.or(fallback).map(|e| e.source.clone()).unwrap_or_else(|| {
                    format!("no sheet prices this item; add a price override for \"{id}\"")
                });
                ResolvedPrice {
                    id: id.into(),
                    label,
                    unit,
                    usd: UnitPrice::ZERO,
                    free_units_per_month: free,
                    origin: PriceOrigin::Unpriced,
                    source: format!("unpriced: {why}"),
                }
            }
        }
    }

    /// Whether `id` may be overridden: a listed item, or an instance price id.
    pub fn accepts_override(sheet: &PriceSheet, id: &str) -> bool {
        sheet.entry(id).is_some()
            || self::sheet(&sheet.fallback).is_some_and(|f| f.entry(id).is_some())
            || ids::is_dynamic(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_sheets_parse() {
        for source in SHEET_SOURCES {
            parse_sheet(source).unwrap();
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
            for entry in sheet.entries.values() {
                assert!(entry.source.len() > 10, "{}: {}", sheet.id, entry.id);
            }
        }
        for entry in sheet("seed-documented").unwrap().entries.values() {
            assert!(entry.source.starts_with("seed 00"), "{} must cite its seed", entry.id);
        }
    }

    #[test]
    fn fallback_says_why() {
        let plan = Plan::default();
        let prices = Prices::for_plan(&plan).unwrap();
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
        let prices = Prices::for_plan(&plan).unwrap();
        assert_eq!(prices.get("s3.storage.standard").usd.to_string(), "0.021");
        let unknown = prices.get("rds.instance_hour.mysql.db.m5.large");
        assert_eq!(unknown.origin, PriceOrigin::Unpriced);
        assert!(unknown.source.contains("override"));
    }
}
