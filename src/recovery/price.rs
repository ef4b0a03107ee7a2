//! What recovering costs: the one-off cost of performing the recovery the model
//! assumes for each component and scenario (the path that gives its best worst-case
//! recovery time), and the monthly cost of the restore tests and DR drills the plan
//! schedules (`recovery_tests`).
//!
//! A path's [`Costs`] are per-GB charges (restores, retrievals, requests) and restored
//! resources billed by the hour. A real recovery runs them from the start of the
//! restore until the recovery is complete (its worst-case time less detection). A test
//! restores `data_percent` of the data, keeps the restored copy `keep_restored_hours`
//! for checks and then deletes it, so it runs them for the restore itself (without the
//! cut-over) plus that time. Every figure is quantity × unit price from the plan's
//! price sheet, rounded once, as in the cost engine.

use std::collections::BTreeMap;

use super::context::{Costs, Ctx, Path};
use super::Scenario;
use crate::money::{Money, Quantity, UnitPrice};
use crate::plan::{RecoveryTest, RehearsedScenario, TestFrequency};
use crate::pricing::Prices;

/// One priced charge of a recovery or of a month of tests.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCharge {
    pub component: String,
    pub item: String,
    pub quantity: Quantity,
    pub unit: String,
    pub unit_price: UnitPrice,
    pub cost: Money,
    pub price_id: String,
    pub source: String,
    /// How the quantity comes about.
    pub basis: String,
    /// The region billed.
    pub region: String,
}

/// The one-off cost of recovering one component in one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCost {
    /// The path whose recovery is priced.
    pub path: String,
    pub lines: Vec<RecoveryCharge>,
    pub total: Money,
}

/// One scheduled test, priced for a month.
#[derive(Clone, Debug, PartialEq)]
pub struct TestCost {
    pub name: String,
    pub scenario: Scenario,
    pub frequency: TestFrequency,
    pub runs_per_month: f64,
    /// What one run costs.
    pub per_run: Money,
    pub monthly: Money,
    /// The month's charges (each run's quantities × runs a month).
    pub lines: Vec<RecoveryCharge>,
    /// Components in its scope that no path recovers in that scenario (nothing to run).
    pub not_covered: Vec<String>,
}

pub fn scenario_of(s: RehearsedScenario) -> Scenario {
    match s {
        RehearsedScenario::Deletion => Scenario::Deletion,
        RehearsedScenario::AzLoss => Scenario::AzLoss,
        RehearsedScenario::RegionLoss => Scenario::RegionLoss,
        RehearsedScenario::AccountCompromise => Scenario::AccountCompromise,
    }
}

/// The path the model assumes: the best worst-case recovery time, then expected.
pub fn assumed_path(paths: &[Path]) -> Option<&Path> {
    paths.iter().min_by(|a, b| {
        let (ra, rb) = (a.rto(), b.rto());
        ra.worst.total_cmp(&rb.worst).then(ra.expected.total_cmp(&rb.expected))
    })
}

/// How a path is performed: a real recovery, or a test run.
#[derive(Clone, Copy)]
pub enum Run {
    Recovery,
    /// `share` of the data (0–1), `keep_hours` of checks, `times` runs.
    Test {
        share: f64,
        keep_hours: f64,
        times: f64,
    },
}

pub struct Pricer<'a> {
    prices: Option<Prices>,
    ctx: &'a Ctx<'a>,
}

impl<'a> Pricer<'a> {
    pub fn new(ctx: &'a Ctx<'a>) -> Pricer<'a> {
        Pricer { prices: ctx.plan.pricing.prices(), ctx }
    }

    #[allow(clippy::too_many_arguments)]
    fn line(
        &self,
        component: &str,
        item: &str,
        price_id: &str,
        quantity: f64,
        region: Option<&str>,
        basis: String,
    ) -> Option<RecoveryCharge> {
        let prices = self.prices.as_ref()?;
        let region = region.unwrap_or(&self.ctx.plan.primary_region);
        let price = crate::cost::resolve_price(prices, price_id, region, None);
        let quantity = Quantity::from_f64(quantity);
        Some(RecoveryCharge {
            component: component.to_string(),
            item: item.to_string(),
            quantity,
            unit: price.unit.to_string(),
            unit_price: price.usd,
            cost: price.usd.times(quantity),
            price_id: price_id.to_string(),
            source: price.source.to_string(),
            basis,
            region: region.to_string(),
        })
    }

    /// The charges of performing `path` for `component` in `scenario`.
    pub fn charges(
        &self,
        component: &str,
        path: &Path,
        scenario: Scenario,
        run: Run,
    ) -> Vec<RecoveryCharge> {
        let Costs { charges, running } = &path.costs;
        let (share, times) = match run {
            Run::Recovery => (1.0, 1.0),
            Run::Test { share, times, .. } => (share.clamp(0.0, 1.0), times.max(0.0)),
        };
        let mut out: Vec<RecoveryCharge> = charges
            .iter()
            .filter_map(|c| {
                let basis = match run {
                    Run::Recovery => c.basis.clone(),
                    Run::Test { .. } if share < 1.0 => format!(
                        "{} × {}% of the data × {} run(s) a month",
                        c.basis,
                        crate::cost::usage::fmt_qty(share * 100.0),
                        crate::cost::usage::fmt_qty(times)
                    ),
                    Run::Test { .. } => {
                        format!(
                            "{} × {} run(s) a month",
                            c.basis,
                            crate::cost::usage::fmt_qty(times)
                        )
                    }
                };
                self.line(
                    component,
                    &c.item,
                    &c.price_id,
                    c.quantity * share * times,
                    c.region.as_deref(),
                    basis,
                )
            })
            .collect();
        if let Some(r) = running {
            let rto = path.rto().worst;
            let detection = self.ctx.detection_minutes;
            let (minutes, words) = match run {
                Run::Recovery => (
                    (rto - detection).max(0.0),
                    "from the start of the restore until the recovery is complete (worst case)"
                        .to_string(),
                ),
                Run::Test { keep_hours, .. } => {
                    let cutover = self.ctx.cutover(scenario).map_or(0.0, |p| p.minutes.worst);
                    (
                        (rto - detection - cutover).max(0.0) + keep_hours.max(0.0) * 60.0,
                        format!(
                            "for the restore and {} h of checks before it is deleted",
                            crate::cost::usage::fmt_qty(keep_hours)
                        ),
                    )
                }
            };
            let hours = minutes / 60.0;
            let basis = format!(
                "{} instance(s) × {} h {words}{}",
                crate::cost::usage::fmt_qty(r.instances),
                crate::cost::usage::fmt_qty(hours),
                if matches!(run, Run::Test { .. }) {
                    format!(" × {} run(s) a month", crate::cost::usage::fmt_qty(times))
                } else {
                    String::new()
                }
            );
            out.extend(self.line(
                component,
                &r.item,
                &r.price_id,
                r.instances * hours * times,
                r.region.as_deref(),
                basis,
            ));
        }
        out
    }

    /// The one-off cost of the assumed recovery of `component`, if any path exists.
    pub fn recovery(
        &self,
        component: &str,
        paths: &[Path],
        scenario: Scenario,
    ) -> Option<RecoveryCost> {
        let path = assumed_path(paths)?;
        let lines = self.charges(component, path, scenario, Run::Recovery);
        let total = lines.iter().map(|l| l.cost).sum();
        Some(RecoveryCost { path: path.name.clone(), lines, total })
    }

    /// Prices every scheduled test from the paths each component takes per scenario.
    pub fn tests(
        &self,
        tests: &[RecoveryTest],
        chosen: &BTreeMap<(Scenario, &str), &Path>,
        data_components: &[String],
    ) -> Vec<TestCost> {
        tests
            .iter()
            .map(|t| {
                let scenario = scenario_of(t.scenario);
                let runs = t.frequency.runs_per_month();
                let share = if t.data_percent.is_finite() { t.data_percent / 100.0 } else { 1.0 };
                let keep =
                    if t.keep_restored_hours.is_finite() { t.keep_restored_hours } else { 0.0 };
                let scope: &[String] =
                    if t.components.is_empty() { data_components } else { &t.components };
                let (mut lines, mut per_run_lines, mut not_covered) =
                    (Vec::new(), Vec::new(), Vec::new());
                for id in scope {
                    match chosen.get(&(scenario, id.as_str())) {
                        Some(path) => {
                            let test = |times| Run::Test { share, keep_hours: keep, times };
                            lines.extend(self.charges(id, path, scenario, test(runs)));
                            per_run_lines.extend(self.charges(id, path, scenario, test(1.0)));
                        }
                        None => not_covered.push(id.clone()),
                    }
                }
                TestCost {
                    name: t.name.clone(),
                    scenario,
                    frequency: t.frequency,
                    runs_per_month: runs,
                    per_run: per_run_lines.iter().map(|l| l.cost).sum(),
                    monthly: lines.iter().map(|l| l.cost).sum(),
                    lines,
                    not_covered,
                }
            })
            .collect()
    }
}
