//! The cost lines of the horizon's last month: one per series and volume tier its
//! quantity reaches, with the working (the basis, the free allowance used) and the
//! price's source and region. Each series' texts move into its lines: they are made
//! once, by the usage model, and never copied for a line.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use super::key_hash::KeyHasher;
use super::texts::{label, write_qty_to};
use super::{CostLine, FreeTier, UsageSeries};
use crate::money::{Money, Quantity, UnitPrice};
use crate::pricing::ResolvedPrice;

/// A series in the horizon's last month, as billed after the series before it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Billed {
    pub raw: Quantity,
    pub used_free: Quantity,
    pub billed: Quantity,
    pub used_before: Quantity,
    pub cost: Money,
}

/// A series' texts that its lines carry.
#[derive(Clone)]
struct SeriesTexts {
    component: Arc<str>,
    item: Arc<str>,
    price_id: Arc<str>,
    basis: Arc<str>,
    region: Arc<str>,
}

/// A piece of a line's quantity at one tier's price.
struct Segment {
    quantity: Quantity,
    price: UnitPrice,
    tier: Option<Arc<str>>,
}

/// Splits `billed` units, which start after `used` units of the month already billed
/// at this price in the account and region, across the price's tiers, into `out`
/// (emptied first: one buffer serves every series). Inlined into both callers: out
/// of line, a call per series costs about 2% of an edit's estimate.
#[inline(always)]
fn segments(price: &ResolvedPrice, used: Quantity, billed: Quantity, out: &mut Vec<Segment>) {
    out.clear();
    if price.tiers.is_empty() {
        out.push(Segment { quantity: billed, price: price.usd, tier: None });
        return;
    }
    let (mut at, end) = (used, used.saturating_add(billed));
    // The first tier starts at zero at the price's own rate; each later one where the
    // sheet says, and each ends where the next starts.
    for i in 0..=price.tiers.len() {
        let (from, usd, label) = match i.checked_sub(1).and_then(|t| price.tiers.get(t)) {
            Some(tier) => (tier.from_units, tier.usd, Some(&tier.label)),
            None => (Quantity::ZERO, price.usd, price.first_tier_label.as_ref()),
        };
        let until = price.tiers.get(i).map(|t| t.from_units);
        let lo = at.max(from);
        let hi = until.map_or(end, |u| end.min(u));
        if hi > lo {
            out.push(Segment { quantity: hi.saturating_sub(lo), price: usd, tier: label.cloned() });
            at = hi;
        }
    }
    if out.is_empty() {
        out.push(Segment { quantity: Quantity::ZERO, price: price.usd, tier: None });
    }
}

/// `400,000 GB-second`, `2 × 10k requests`: a quantity and its unit, as a format
/// argument (written into the text being made, without a `String` of its own).
struct Units<'a>(Quantity, &'a str);

impl fmt::Display for Units<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Units(quantity, unit) = *self;
        write_qty_to(f, quantity.as_f64())?;
        f.write_str(if unit.starts_with(|c: char| c.is_ascii_digit()) { " × " } else { " " })?;
        f.write_str(unit)
    }
}

/// The cost of `billed` units after `used` of the price's tier slot: a flat price
/// (nearly all) needs no split; a tiered one splits without allocating.
pub(super) fn bill_cost(price: &ResolvedPrice, used: Quantity, billed: Quantity) -> Money {
    if price.tiers.is_empty() {
        price.usd.times(billed)
    } else {
        tiered_cost(price, used, billed)
    }
}

/// The cost of `billed` units after `used` at a tiered price, without allocating.
pub(super) fn tiered_cost(price: &ResolvedPrice, used: Quantity, billed: Quantity) -> Money {
    let end = used.saturating_add(billed);
    let mut total = Money::ZERO;
    let mut from = Quantity::ZERO;
    let mut usd = price.usd;
    for tier in price.tiers.iter().map(Some).chain(std::iter::once(None)) {
        let until = tier.map_or(end, |t| t.from_units.min(end));
        let (lo, hi) = (used.max(from), until);
        if hi > lo {
            total += usd.times(hi.saturating_sub(lo));
        }
        if let Some(t) = tier {
            (from, usd) = (t.from_units, t.usd);
        }
    }
    total
}

/// Whether a price's lines have an always-free allowance: the one test of both the
/// lines made and the lines counted without making them.
fn offers_allowance(price: &ResolvedPrice) -> bool {
    price.free_units_per_month > Quantity::ZERO
}

fn basis_with_free(basis: Arc<str>, free: &FreeTier, raw: Quantity, unit: &str) -> Arc<str> {
    match free {
        FreeTier::Applied(used) if *used > Quantity::ZERO => {
            label!("{basis} − {} free (always-free allowance)", Units(*used, unit))
        }
        FreeTier::NotApplied(allowance) if raw > Quantity::ZERO => label!(
            "{basis}; always-free allowance of {} a month not applied (pricing.apply_free_tier is off)",
            Units(*allowance, unit)
        ),
        _ => basis,
    }
}

/// The lines of the horizon's last month, made series by series.
pub(super) struct Lines {
    pub(super) lines: Vec<CostLine>,
    /// A series' split across tiers (one buffer for every series).
    pieces: Vec<Segment>,
    apply_free: bool,
    /// One text for every line billed in the primary region.
    primary: Arc<str>,
    /// The texts "item (tier)" made so far, by item and tier: the hundreds of tiered
    /// lines of a large plan (each bucket's) share a few dozen.
    tier_items: TierItems,
}

type TierItems = HashMap<(Arc<str>, Arc<str>), Arc<str>, BuildHasherDefault<KeyHasher>>;

/// At most this many texts are kept: a plan of many distinct tiered items makes the
/// rest each time.
const MAX_TIER_ITEMS: usize = 256;

/// "`item` (`tier`)", made once per estimate for each item and tier.
fn tier_item(texts: &mut TierItems, item: &Arc<str>, tier: &Arc<str>) -> Arc<str> {
    let key = (Arc::clone(item), Arc::clone(tier));
    if let Some(text) = texts.get(&key) {
        return Arc::clone(text);
    }
    let text: Arc<str> = label!("{item} ({tier})");
    if texts.len() < MAX_TIER_ITEMS {
        texts.insert(key, Arc::clone(&text));
    }
    text
}

impl Lines {
    pub(super) fn new(series: usize, apply_free: bool, primary: &str) -> Lines {
        let lines = Vec::with_capacity(series);
        let tier_items = TierItems::default();
        Lines { lines, pieces: Vec::new(), apply_free, primary: primary.into(), tier_items }
    }

    /// How many lines a series billed as `b` at `price` makes that have an always-free
    /// allowance (applied or not), without making them: one per tier its bill reaches,
    /// when the price offers one.
    pub(super) fn with_free_tier(&mut self, price: &ResolvedPrice, b: &Billed) -> usize {
        if !offers_allowance(price) {
            return 0;
        }
        segments(price, b.used_before, b.billed, &mut self.pieces);
        self.pieces.len()
    }

    /// Appends the lines of series `s` (priced at `price`, billed as `b`), and says how
    /// many of them have an always-free allowance. `tier_dependent`: whether the
    /// account's usage of a tiered price comes within reach of its first tier's end.
    pub(super) fn push(
        &mut self,
        s: UsageSeries,
        price: &ResolvedPrice,
        b: &Billed,
        tier_dependent: bool,
    ) -> usize {
        let Lines { lines, pieces, apply_free, primary, tier_items } = self;
        let free_tier = match (offers_allowance(price), *apply_free) {
            (false, _) => FreeTier::NotOffered,
            (true, true) => FreeTier::Applied(b.used_free),
            (true, false) => FreeTier::NotApplied(price.free_units_per_month),
        };
        let UsageSeries { component, item, price_id, basis, region, .. } = s;
        let basis = basis_with_free(basis, &free_tier, b.raw, &price.unit);
        let region = region.unwrap_or_else(|| Arc::clone(primary));
        segments(price, b.used_before, b.billed, pieces);
        let split = pieces.len() > 1;
        let last = pieces.len().saturating_sub(1);
        let with_free_tier = if free_tier == FreeTier::NotOffered { 0 } else { pieces.len() };
        let mut texts = Some(SeriesTexts { component, item, price_id, basis, region });
        for (k, piece) in pieces.drain(..).enumerate() {
            // The last line (nearly always the only one) takes the series' texts; the
            // tiers before it share them. Moving them instead of sharing them and then
            // dropping the series' own spares each series ten reference-count updates,
            // each on a text of its own.
            let these = if k == last { texts.take() } else { texts.clone() };
            let Some(SeriesTexts { component, item, price_id, basis, region }) = these else {
                break;
            };
            let tier = piece.tier.filter(|_| !price.tiers.is_empty());
            let item = match (&tier, split || piece.price != price.usd) {
                (Some(label), true) => tier_item(tier_items, &item, label),
                _ => item,
            };
            lines.push(CostLine {
                component,
                item,
                quantity: piece.quantity,
                unit: price.unit.clone(),
                unit_price: piece.price,
                monthly: piece.price.times(piece.quantity),
                price_id,
                source: price.source.clone(),
                basis,
                free_units: b.used_free,
                free_tier: free_tier.clone(),
                origin: price.origin.clone(),
                region,
                price_region: price.region.clone(),
                volume_tier: tier,
                account_dependent: b.used_free > Quantity::ZERO || tier_dependent,
            });
        }
        with_free_tier
    }
}
