//! The cost engine: monthly cost line by line, a month-by-month ledger, and the
//! outlook (where the monthly cost levels off).
//!
//! [`estimate`] runs each component's usage model (what is billed, month by month),
//! then prices every series with the plan's [`Prices`] for the region it is billed in
//! (`engine`): account-wide always-free allowances when the plan applies them, and
//! volume tiers, which AWS counts per account and region. The lines are those of the
//! horizon's last month; the ledger shows every month of the horizon, one-off charges
//! included. The engine always prices [`MAX_HORIZON_MONTHS`] so that the [`Outlook`]
//! can say whether and when the cost levels off ("steady state") even when the
//! horizon ends before. Each line carries quantity × unit price = cost, the price id,
//! its source and region, whether a free allowance applied, and how the quantity comes
//! about.

mod account;
mod backup;
mod clusters;
mod cohorts;
// A proptest reference: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod cohorts_reference;
mod databases;
mod engine;
mod independent;
mod key_hash;
mod lines;
mod months;
mod operations;
mod outlook;
mod price_cache;
mod reuse;
mod setup;
mod storage;
pub mod texts;
pub mod usage;

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use crate::money::{Money, Quantity, UnitPrice};
use crate::plan::{Component, ComponentKind, Plan, MAX_HORIZON_MONTHS};
use crate::pricing::{PriceOrigin, Prices, RegionFallback};
pub use operations::GLOBAL_REGION;
pub use outlook::{Outlook, PLATEAU_MIN_MONTHS};
pub use price_cache::resolve as resolve_price;
pub use reuse::KeptUsage;
pub use storage::final_gb_by_class;
pub use usage::{Context, StorageKind, UsageSeries};

/// Whether an always-free allowance applied to a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FreeTier {
    /// The price has no always-free allowance.
    NotOffered,
    /// The plan applies free allowances; this many units of the line were free (zero
    /// when earlier lines used the allowance up).
    Applied(Quantity),
    /// The price has an allowance of this many units a month, but the plan does not
    /// apply free allowances (`pricing.apply_free_tier`).
    NotApplied(Quantity),
}

/// One priced line of the last month of the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct CostLine {
    pub component: Arc<str>,
    pub item: Arc<str>,
    /// Billed quantity, after any free allowance.
    pub quantity: Quantity,
    pub unit: Arc<str>,
    pub unit_price: UnitPrice,
    pub monthly: Money,
    pub price_id: Arc<str>,
    pub source: Arc<str>,
    /// How the quantity comes about.
    pub basis: Arc<str>,
    /// Units of the month's free allowance used by this line.
    pub free_units: Quantity,
    pub free_tier: FreeTier,
    pub origin: PriceOrigin,
    /// The region the usage is billed in.
    pub region: Arc<str>,
    /// The region the price is for (differs from `region` when no sheet prices it).
    pub price_region: Arc<str>,
    /// The volume tier of this line's price ("next 450 TB"), for tiered prices.
    pub volume_tier: Option<Arc<str>>,
    /// Whether the line's cost depends on other components' usage: it used a free
    /// allowance, or its price has volume tiers and the account's usage of it comes
    /// within reach of the first tier's end. A plan change's cost delta can be priced
    /// on its own components only when none of their lines is account-dependent.
    pub account_dependent: bool,
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

/// Prices no sheet lists for a region the plan uses, and the region priced instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionCaveat {
    pub billed_region: String,
    pub priced_as: String,
    /// The sheets whose prices for `priced_as` are used, sorted.
    pub sheets: Vec<String>,
    /// The price ids affected, sorted.
    pub price_ids: Vec<String>,
}

/// What an estimate carries besides its figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// The last month's lines and every month's GB stored by class, as every report,
    /// export and the app's cost views show them.
    #[default]
    Full,
    /// The figures alone: totals, the cost per component in every month, the outlook
    /// and the caveats. No lines, and no GB stored (`storage_gb_by_class` is empty):
    /// the app's plan editor shows neither, and making them was about a third of an
    /// edit's estimate of a 200-bucket plan (each of thousands of lines, and of every
    /// month's stored GB added up series by series).
    Figures,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub plan_name: String,
    pub price_sheet: String,
    pub horizon_months: u32,
    /// The cost of the horizon's last month (see [`Estimate::outlook`] for whether it
    /// is the steady state).
    pub monthly_total: Money,
    pub components: Vec<ComponentCost>,
    pub lines: Vec<CostLine>,
    pub ledger: Vec<LedgerMonth>,
    /// Every month of the ledger added up.
    pub horizon_total: Money,
    /// Where the monthly cost levels off, over [`MAX_HORIZON_MONTHS`].
    pub outlook: Outlook,
    /// Regions some prices are not listed for, and the fallback used.
    pub region_caveats: Vec<RegionCaveat>,
    /// Whether the plan applies the account's always-free allowances.
    pub free_tier_applied: bool,
    /// How many of the last month's lines have an always-free allowance (applied or
    /// not), counted with [`Detail::Figures`] too.
    pub lines_with_free_tier: usize,
    /// Whether `lines` and the GB stored were made.
    pub detail: Detail,
}

impl Estimate {
    /// Each component's cost with its lines (those billed to its id, in the lines'
    /// order), found in one pass: a 200-bucket plan has about 7,000 lines, and
    /// filtering them once per component took 1.4 million comparisons.
    pub fn lines_by_component(&self) -> Vec<(&ComponentCost, Vec<&CostLine>)> {
        // Looked up, never iterated: the hasher's order cannot reach the views.
        let mut of_id: HashMap<&str, Vec<&CostLine>, BuildHasherDefault<key_hash::KeyHasher>> =
            HashMap::default();
        for line in &self.lines {
            of_id.entry(&*line.component).or_default().push(line);
        }
        self.components
            .iter()
            .map(|c| (c, of_id.get(c.id.as_str()).cloned().unwrap_or_default()))
            .collect()
    }
}

/// All usage series of a plan, in component order.
/// `horizon` is the month the bases describe; `months` the length of every series.
pub fn usage_of(plan: &Plan, months: usize, horizon: usize) -> Vec<UsageSeries> {
    usage_reusing(plan, months, horizon, None).0
}

/// [`usage_of`], taking each data component's series from `kept` where it has them
/// (and keeping the new ones there).
fn usage_reusing(
    plan: &Plan,
    months: usize,
    horizon: usize,
    mut kept: Option<&mut reuse::KeptUsage>,
) -> (Vec<UsageSeries>, reuse::Spans) {
    let ctx = Context::describing(plan, months, horizon.clamp(1, months.max(1)));
    if let Some(kept) = kept.as_deref_mut() {
        kept.start(&ctx);
    }
    // Room for as many series as the last estimate had: growing one series at a time
    // would copy the plan's thousands of series again and again.
    let mut out = Vec::with_capacity(kept.as_deref().map_or(0, reuse::KeptUsage::series_hint));
    let mut spans = reuse::Spans::default();
    for (index, component) in plan.components.iter().enumerate() {
        let start = out.len();
        let was_kept = match kept.as_deref_mut() {
            Some(kept) if reuse::KeptUsage::keeps(component) => {
                out.extend_from_slice(
                    kept.series(index, component, || component_usage(&ctx, component)),
                );
                true
            }
            _ => {
                out.extend(component_usage(&ctx, component));
                false
            }
        };
        spans.of_component.push(start..out.len());
        spans.kept.push(was_kept);
    }
    if let Some(kept) = kept {
        kept.note_series(out.len());
    }
    (out, spans)
}

/// One component's usage series.
fn component_usage(ctx: &Context, component: &Component) -> Vec<UsageSeries> {
    match component {
        Component::S3Bucket(b) => {
            // The replica in the backup account, after the bucket's own series.
            let mut series = storage::usage(ctx, b);
            account::bucket_replica(ctx, b, &mut series);
            series
        }
        Component::DynamodbTable(t) => databases::dynamodb(ctx, t),
        Component::RdsInstance(r) => databases::rds(ctx, r),
        Component::AuroraCluster(a) => databases::aurora(ctx, a),
        Component::BackupPlan(p) => backup::usage(ctx, p),
        Component::LambdaFunction(f) => operations::lambda(ctx, f),
        Component::Schedule(s) => operations::schedule(ctx, s),
        Component::SnsTopic(t) => operations::sns(ctx, t),
        Component::Monitoring(m) => operations::monitoring(ctx, m),
        Component::KmsKey(k) => operations::kms(ctx, k),
        Component::VpcEndpoints(v) => operations::vpc_endpoints(ctx, v),
        Component::ConfigBackup(c) => operations::config_backup(ctx, c),
        Component::DnsFailover(d) => operations::dns_failover(ctx, d),
    }
}

/// Prices a plan. Never panics: out-of-range values (which validation reports) are
/// clamped or treated as zero so that a half-edited plan still shows a figure.
pub fn estimate(plan: &Plan) -> Estimate {
    let Some(prices) = plan.pricing.prices() else {
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
        outlook: Outlook::default(),
        region_caveats: Vec::new(),
        free_tier_applied: plan.pricing.apply_free_tier,
        lines_with_free_tier: 0,
        detail: Detail::Full,
    }
}

/// [`estimate`] without the outlook: only the horizon's months are simulated and
/// priced (the outlook is left empty, `months_priced` = the horizon). For callers that
/// need the monthly figures only, such as the fix search pricing many changed plans.
pub fn estimate_horizon(plan: &Plan) -> Estimate {
    match plan.pricing.prices() {
        Some(prices) => estimate_months(plan, &prices, false, None, Detail::Full).0,
        None => empty_estimate(plan),
    }
}

/// [`estimate_horizon`] of one version of a plan after another, with the usage series
/// kept in `kept` as [`estimate_reusing`] keeps them (a `kept` of its own: the months
/// simulated differ). The same figures as [`estimate_horizon`], with `detail`.
pub fn estimate_horizon_reusing(plan: &Plan, kept: &mut KeptUsage, detail: Detail) -> Estimate {
    match plan.pricing.prices() {
        Some(prices) => estimate_months(plan, &prices, false, Some(kept), detail).0,
        None => empty_estimate(plan),
    }
}

pub fn estimate_with(plan: &Plan, prices: &Prices) -> Estimate {
    estimate_months(plan, prices, true, None, Detail::Full).0
}

/// [`estimate`] of one version of a plan after another, as the app estimates on every
/// edit: the data components' usage series are kept in `kept` between calls and reused
/// where the component and the plan's settings are as they were. The same figures
/// as [`estimate`], with `detail`; and the series no line took, to free when it suits.
pub fn estimate_reusing(plan: &Plan, kept: &mut KeptUsage, detail: Detail) -> (Estimate, Spent) {
    match plan.pricing.prices() {
        Some(prices) => estimate_months(plan, &prices, true, Some(kept), detail),
        None => (empty_estimate(plan), Spent { _series: Vec::new() }),
    }
}

/// The usage series an estimate priced but made no line of (every one with
/// [`Detail::Figures`]). Freeing them (thousands of shared texts and quantities on a
/// large plan) is the estimate's last work: a caller that shows the estimate first
/// may do it after (the app frees them once the new total is on screen).
pub struct Spent {
    _series: Vec<UsageSeries>,
}

fn estimate_months(
    plan: &Plan,
    prices: &Prices,
    outlook: bool,
    mut kept: Option<&mut KeptUsage>,
    detail: Detail,
) -> (Estimate, Spent) {
    let horizon = plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS) as usize;
    let months = if outlook { MAX_HORIZON_MONTHS as usize } else { horizon };
    let (series, spans) = usage_reusing(plan, months, horizon, kept.as_deref_mut());
    let kept = kept.map(|kept| (&spans, kept));
    let priced = engine::price(plan, prices, series, horizon, kept, detail);
    let last = priced.ledger.last();
    let components = plan
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| ComponentCost {
            id: c.id().to_string(),
            kind: c.kind(),
            monthly: last
                .map_or(Money::ZERO, |m| m.by_component.get(i).copied().unwrap_or_default()),
        })
        .collect();
    let estimate = Estimate {
        plan_name: plan.name.clone(),
        price_sheet: prices.sheet.id.clone(),
        horizon_months: horizon as u32,
        monthly_total: last.map_or(Money::ZERO, |m| m.total),
        components,
        horizon_total: priced.ledger.iter().map(|m| m.total).sum(),
        outlook: if outlook {
            Outlook::of(&priced.totals, horizon)
        } else {
            Outlook { months_priced: horizon as u32, ..Outlook::default() }
        },
        region_caveats: region_caveats(&priced.fallbacks),
        lines: priced.lines,
        ledger: priced.ledger,
        free_tier_applied: plan.pricing.apply_free_tier,
        lines_with_free_tier: priced.lines_with_free_tier,
        detail,
    };
    (estimate, Spent { _series: priced.spent })
}

/// Groups the prices used outside their region by billed region and the region used.
fn region_caveats(fallbacks: &[(RegionFallback, String)]) -> Vec<RegionCaveat> {
    let mut grouped: BTreeMap<(&str, &str), RegionCaveat> = BTreeMap::new();
    for (f, id) in fallbacks {
        let caveat =
            grouped.entry((&f.billed_region, &f.priced_as)).or_insert_with(|| RegionCaveat {
                billed_region: f.billed_region.clone(),
                priced_as: f.priced_as.clone(),
                sheets: Vec::new(),
                price_ids: Vec::new(),
            });
        if !caveat.sheets.contains(&f.sheet) {
            caveat.sheets.push(f.sheet.clone());
        }
        if !caveat.price_ids.contains(id) {
            caveat.price_ids.push(id.clone());
        }
    }
    grouped
        .into_values()
        .map(|mut c| {
            c.sheets.sort();
            c.price_ids.sort();
            c
        })
        .collect()
}
