//! Usage series kept from one estimate to the next. The app estimates the plan on
//! every edit, and an edit changes one component or one setting: the series of a data
//! component (its simulation is most of an estimate's work) depend only on the
//! component itself, the months simulated and the plan's settings outside its
//! components, so where all of these are as they were, the kept series are reused.
//!
//! With the series, pricing keeps what they cost on their own ([`KeptCost`]): the
//! month-by-month cost of the component's independent series (see `months`), reused
//! while the series are the kept ones and each is priced and coupled as before.

use std::ops::Range;

use super::clusters::KeptCluster;
use super::usage::{Context, UsageSeries};
use crate::money::{Money, UnitPrice};
use crate::plan::{Component, Plan};

/// The series of each data component at its position in the plan, with what they
/// were computed from. Empty until the first estimate.
#[derive(Default)]
pub struct KeptUsage {
    /// The plan the series were computed in, without its components.
    settings: Option<Plan>,
    months: usize,
    horizon: usize,
    by_position: Vec<Option<Kept>>,
    /// How many series the last estimate had (all components').
    series_hint: usize,
    /// What the last estimate billed in each cluster coupled only by volume tiers.
    clusters: Vec<KeptCluster>,
}

/// One component's kept series, and their cost once priced.
struct Kept {
    component: Component,
    series: Vec<UsageSeries>,
    cost: Option<KeptCost>,
}

/// What a kept component's independent series cost, month by month, with every input
/// of that figure besides the series themselves.
pub(super) struct KeptCost {
    /// The months priced, and the month left out (the horizon's last, which pricing
    /// bills with every series).
    pub(super) priced: usize,
    pub(super) left_out: Option<usize>,
    /// Per series of the component: its unit price when it is independent, `None`
    /// when it is coupled (priced with its cluster, not here).
    pub(super) prices: Vec<Option<UnitPrice>>,
    /// The independent series' cost added up, per priced month.
    pub(super) per_month: Vec<Money>,
}

/// Where each component's series are among the plan's series, and whether they are
/// the kept ones (whose cost [`KeptUsage::cost_slot`] keeps).
#[derive(Default)]
pub(super) struct Spans {
    pub(super) of_component: Vec<Range<usize>>,
    pub(super) kept: Vec<bool>,
}

impl KeptUsage {
    /// Whether a component's series are kept: the kinds whose usage reads no other
    /// component (a backup plan's reads the components it protects).
    pub(super) fn keeps(component: &Component) -> bool {
        matches!(
            component,
            Component::S3Bucket(_)
                | Component::DynamodbTable(_)
                | Component::RdsInstance(_)
                | Component::AuroraCluster(_)
        )
    }

    /// Starts an estimate: forgets every series when the months or a setting differ.
    /// The prices chosen are not such a setting: usage reads no price, so after a
    /// price override or another sheet the kept series are priced again as they are
    /// (each kept cost and cluster bill checks the prices it was made with).
    pub(super) fn start(&mut self, ctx: &Context) {
        let same = self.months == ctx.months
            && self.horizon == ctx.horizon
            && self
                .settings
                .as_ref()
                .is_some_and(|kept| kept.same_outside_components_and_prices(ctx.plan));
        if !same {
            let mut settings = ctx.plan.clone();
            settings.components.clear();
            *self = KeptUsage {
                settings: Some(settings),
                months: ctx.months,
                horizon: ctx.horizon,
                by_position: Vec::new(),
                series_hint: self.series_hint,
                clusters: Vec::new(),
            };
        }
        self.by_position.resize_with(ctx.plan.components.len(), || None);
    }

    /// The series of `component` at `index`: the kept ones if it is as it was, else
    /// `compute`'s, kept for the next estimate.
    pub(super) fn series(
        &mut self,
        index: usize,
        component: &Component,
        compute: impl FnOnce() -> Vec<UsageSeries>,
    ) -> &[UsageSeries] {
        if self.by_position.len() <= index {
            self.by_position.resize_with(index + 1, || None);
        }
        let slot = &mut self.by_position[index];
        if slot.as_ref().is_none_or(|kept| kept.component != *component) {
            *slot = Some(Kept { component: component.clone(), series: compute(), cost: None });
        }
        slot.as_ref().map_or(&[], |kept| kept.series.as_slice())
    }

    /// How many series the last estimate had, to make room for as many.
    pub(super) fn series_hint(&self) -> usize {
        self.series_hint
    }

    /// Notes how many series this estimate has.
    pub(super) fn note_series(&mut self, count: usize) {
        self.series_hint = count;
    }

    /// What the last estimate billed in each of `count` tier-coupled clusters, in the
    /// order `months::fast` meets them (empty where there was none).
    pub(super) fn clusters(&mut self, count: usize) -> &mut [KeptCluster] {
        self.clusters.resize_with(count, KeptCluster::default);
        &mut self.clusters
    }

    /// The kept cost of the component at `index`, whose series this estimate took
    /// from [`series`](Self::series) (`Spans::kept`); forgotten with its series.
    pub(super) fn cost_slot(&mut self, index: usize) -> Option<&mut Option<KeptCost>> {
        self.by_position.get_mut(index)?.as_mut().map(|kept| &mut kept.cost)
    }
}
