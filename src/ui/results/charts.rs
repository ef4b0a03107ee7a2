//! Canvas charts: the core's drawing code on a plotters canvas backend, redrawn by an
//! effect whenever the estimate changes.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::charts::{cost_by_component, recovery_vs_targets, storage_by_class, ChartResult};
use crate::cost::Estimate;
use crate::ui::state::use_state;

#[component]
fn Chart(label: &'static str, draw: fn(&DrawingArea<CanvasBackend, plotters::coord::Shift>, &Estimate) -> ChartResult) -> impl IntoView {
    let state = use_state();
    let canvas = NodeRef::<Canvas>::new();
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let estimate = state.estimate.get();
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            error.set(Some("this browser cannot draw on a canvas".into()));
            return;
        };
        error.set(draw(&backend.into_drawing_area(), &estimate).err());
    });
    view! {
        <figure class="chart">
            <canvas node_ref=canvas width="880" height="380" role="img" aria-label=label></canvas>
            {move || error.get().map(|e| view! { <p class="message error">{e}</p> })}
        </figure>
    }
}

/// The recovery chart, redrawn when the recovery report changes.
#[component]
pub fn RecoveryChart() -> impl IntoView {
    let state = use_state();
    let canvas = NodeRef::<Canvas>::new();
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let report = state.recovery.get();
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            error.set(Some("this browser cannot draw on a canvas".into()));
            return;
        };
        error.set(recovery_vs_targets(&backend.into_drawing_area(), &report).err());
    });
    view! {
        <figure class="chart">
            <canvas node_ref=canvas width="880" height="340" role="img" aria-label="Bars of achieved RPO and RTO per scenario, with the targets marked"></canvas>
            {move || error.get().map(|e| view! { <p class="message error">{e}</p> })}
        </figure>
    }
}

#[component]
pub fn CostCharts() -> impl IntoView {
    view! {
        <section class="panel charts" aria-label="Charts">
            <Chart label="Stacked bars of monthly cost by component over the projection" draw=cost_by_component />
            <Chart label="Stacked areas of gigabytes stored by storage class over the projection" draw=storage_by_class />
        </section>
    }
}
