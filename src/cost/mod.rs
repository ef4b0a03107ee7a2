//! The cost engine: steady-state monthly cost line by line, and a month-by-month ledger.
//!
//! [`estimate`] runs each component's usage model (what is billed, month by month over
//! the horizon), then prices every series with the plan's [`Prices`]. The **steady
//! state** is the last month of the horizon: by then lifecycle tiers have filled and
//! backups have piled up to their retention (with the default 36 months, every
//! lifecycle step up to three years has happened), while growth keeps accruing. The
//! ledger shows every month, one-off charges included, so a reader sees how the
//! steady state is reached. Each line carries quantity × unit price = cost, the price
//! id and its source, and a sentence on how the quantity comes about.

mod backup;
mod cohorts;
mod databases;
mod operations;
mod s3;
pub mod usage;

use std::collections::BTreeMap;

use crate::money::{Money, Quantity, UnitPrice};
use crate::plan::{Component, ComponentKind, Plan, MAX_HORIZON_MONTHS};
use crate::pricing::{PriceOrigin, Prices};
pub use s3::final_gb_by_class;
pub use usage::{Context, StorageKind, UsageSeries};

/// One priced line of the steady-state month.
#[derive(Clone, Debug, PartialEq)]
pub struct CostLine {
    pub component: String,
    pub item: String,
    /// Billed quantity, after any free allowance.
    pub quantity: Quantity,
    pub unit: String,
    pub unit_price: UnitPrice,
    pub monthly: Money,
    pub price_id: String,
    pub source: String,
    /// How the quantity comes about.
    pub basis: String,
    /// Units of the month's free allowance used by this line.
    pub free_units: Quantity,
    pub origin: PriceOrigin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ComponentCost {
    pub id: String,
    pub kind: ComponentKind,
    pub monthly: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LedgerMonth {
    /// 1-based month of the horizon.
    pub month: u32,
    pub total: Money,
    /// Cost per component, in plan order.
    pub by_component: Vec<Money>,
    /// Average GB stored during the month, by storage class (S3 classes and backup stores).
    pub storage_gb_by_class: BTreeMap<&'static str, f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub plan_name: String,
    pub price_sheet: String,
    pub horizon_months: u32,
    /// The steady-state month: the horizon's last month.
    pub monthly_total: Money,
    pub components: Vec<ComponentCost>,
    pub lines: Vec<CostLine>,
    pub ledger: Vec<LedgerMonth>,
    /// Every month of the ledger added up.
    pub horizon_total: Money,
}

/// All usage series of a plan, in component order.
pub fn usage_of(plan: &Plan, months: usize) -> Vec<UsageSeries> {
    let ctx = Context { plan, months };
    let mut out = Vec::new();
    for component in &plan.components {
        out.extend(match component {
            Component::S3Bucket(b) => s3::usage(&ctx, b),
            Component::DynamodbTable(t) => databases::dynamodb(&ctx, t),
            Component::RdsInstance(r) => databases::rds(&ctx, r),
            Component::AuroraCluster(a) => databases::aurora(&ctx, a),
            Component::BackupPlan(p) => backup::usage(&ctx, p),
            Component::LambdaFunction(f) => operations::lambda(&ctx, f),
            Component::Schedule(s) => operations::schedule(&ctx, s),
            Component::SnsTopic(t) => operations::sns(&ctx, t),
            Component::Monitoring(m) => operations::monitoring(&ctx, m),
            Component::KmsKey(k) => operations::kms(&ctx, k),
            Component::VpcEndpoints(v) => operations::vpc_endpoints(&ctx, v),
            Component::ConfigBackup(c) => operations::config_backup(&ctx, c),
            Component::DnsFailover(d) => operations::dns_failover(&ctx, d),
        });
    }
    out
}

/// Prices a plan. Never panics: out-of-range values (which validation reports) are
/// clamped or treated as zero so that a half-edited plan still shows a figure.
pub fn estimate(plan: &Plan) -> Estimate {
    let Some(prices) = Prices::for_plan(plan) else {
        return empty_estimate(plan);
    };
    estimate_with(plan, &prices)
}

fn empty_estimate(plan: &Plan) -> Estimate {
    Estimate {
        plan_name: plan.name.clone(),
        price_sheet: plan.pricing.sheet.clone(),
        horizon_months: 0,
        monthly_total: Money::ZERO,
        components: Vec::new(),
        lines: Vec::new(),
        ledger: Vec::new(),
        horizon_total: Money::ZERO,
    }
}

pub fn estimate_with(plan: &Plan, prices: &Prices) -> Estimate {
    let months = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS) as usize;
    let series = usage_of(plan, months);
    // Resolve every lookup once, outside the month loop: which component each series
    // belongs to, and which free-allowance slot (one per price id) it draws on.
    let index_of: BTreeMap<&str, usize> =
        plan.components.iter().enumerate().map(|(i, c)| (c.id(), i)).rev().collect();
    let component_of: Vec<Option<usize>> =
        series.iter().map(|s| index_of.get(s.component.as_str()).copied()).collect();
    let mut slot_ids: Vec<&str> = series.iter().map(|s| s.price_id.as_str()).collect();
    slot_ids.sort_unstable();
    slot_ids.dedup();
    let slot_of: Vec<usize> =
        series.iter().map(|s| slot_ids.binary_search(&s.price_id.as_str()).unwrap_or(0)).collect();
    // Prices are resolved once per distinct id (sources are formatted strings).
    let slot_prices: Vec<_> = slot_ids.iter().map(|id| prices.get(id)).collect();
    let resolved: Vec<_> = slot_of.iter().map(|slot| &slot_prices[*slot]).collect();
    let free_per_slot: Vec<Quantity> = slot_prices.iter().map(|p| p.free_units_per_month).collect();
    let mut kind_ids = [""; StorageKind::COUNT];
    for kind in series.iter().filter_map(|s| s.storage) {
        kind_ids[kind.index()] = kind.id();
    }

    let mut ledger = Vec::with_capacity(months);
    let mut lines = Vec::with_capacity(series.len());
    for month_index in 0..months {
        let mut total = Money::ZERO;
        let mut by_component = vec![Money::ZERO; plan.components.len()];
        let mut stored = [0.0f64; StorageKind::COUNT];
        let mut has_kind = [false; StorageKind::COUNT];
        // Free allowances are per account and month: used up in plan order.
        let mut free_left = free_per_slot.clone();
        for (i, (s, price)) in series.iter().zip(&resolved).enumerate() {
            let raw = Quantity::from_f64(s.per_month[month_index]);
            let free = &mut free_left[slot_of[i]];
            let used_free = raw.min(*free);
            *free = free.saturating_sub(used_free);
            let billed = raw.saturating_sub(used_free);
            let cost = price.usd.times(billed);
            total += cost;
            if let Some(c) = component_of[i] {
                by_component[c] += cost;
            }
            if let Some(kind) = s.storage {
                // Non-finite quantities (only from plans validation rejects) count as zero, as in pricing.
                let gb = s.per_month[month_index];
                stored[kind.index()] += if gb.is_finite() { gb.max(0.0) } else { 0.0 };
                has_kind[kind.index()] = true;
            }
            if month_index + 1 == months {
                lines.push(CostLine {
                    component: s.component.clone(),
                    item: s.item.clone(),
                    quantity: billed,
                    unit: price.unit.clone(),
                    unit_price: price.usd,
                    monthly: cost,
                    price_id: s.price_id.clone(),
                    source: price.source.clone(),
                    basis: if used_free > Quantity::ZERO {
                        format!("{} − {} free", s.basis, used_free)
                    } else {
                        s.basis.clone()
                    },
                    free_units: used_free,
                    origin: price.origin.clone(),
                });
            }
        }
        let storage_gb_by_class = (0..StorageKind::COUNT)
            .filter(|k| has_kind[*k])
            .map(|k| (kind_ids[k], stored[k]))
            .collect();
        ledger.push(LedgerMonth {
            month: month_index as u32 + 1,
            total,
            by_component,
            storage_gb_by_class,
        });
    }
    let last = ledger.last();
    let components = plan
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| ComponentCost {
            id: c.id().to_string(),
            kind: c.kind(),
            monthly: last.map_or(Money::ZERO, |m| m.by_component[i]),
        })
        .collect();
    Estimate {
        plan_name: plan.name.clone(),
        price_sheet: prices.sheet.id.clone(),
        horizon_months: months as u32,
        monthly_total: last.map_or(Money::ZERO, |m| m.total),
        components,
        lines,
        horizon_total: ledger.iter().map(|m| m.total).sum(),
        ledger,
    }
}
