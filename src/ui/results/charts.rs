//! Canvas charts: the core's drawing code on a plotters canvas backend, redrawn by an
//! effect whenever the data it draws changes.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use crate::charts::{cost_by_component, recovery_vs_targets, storage_by_class, ChartResult};
use crate::ui::state::use_state;

type Draw<T> = fn(&DrawingArea<CanvasBackend, Shift>, &T) -> ChartResult;

/// A canvas drawn by `draw` from `data`, with a text alternative and any drawing error.
#[component]
fn Chart<T: Clone + PartialEq + Send + Sync + 'static>(
    label: &'static str,
    height: u32,
    data: Memo<T>,
    draw: Draw<T>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let value = data.get();
        let Some(element) = canvas.get() else { return };
        let Some(backend) = CanvasBackend::with_canvas_object(element) else {
            error.set(Some("this browser cannot draw on a canvas".into()));
            return;
        };
        error.set(draw(&backend.into_drawing_area(), &value).err());
    });
    view! {
        <figure class="chart">
            <canvas node_ref=canvas width="880" height=height role="img" aria-label=label></canvas>
            {move || error.get().map(|e| view! { <p class="message error">{e}</p> })}
        </figure>
    }
}

#[component]
pub fn RecoveryChart() -> impl IntoView {
    let state = use_state();
    view! { <Chart label="Bars of achieved RPO and RTO per scenario, with the targets marked" height=340 data=state.recovery draw=recovery_vs_targets /> }
}

#[component]
pub fn CostCharts() -> impl IntoView {
    let state = use_state();
    state.show_cost_detail();
    view! {
        <section class="panel charts" aria-label="Charts">
            <Chart label="Stacked bars of monthly cost by component over the projection" height=380 data=state.estimate draw=cost_by_component />
            <Chart label="Stacked areas of gigabytes stored by storage class over the projection" height=380 data=state.estimate draw=storage_by_class />
        </section>
    }
}
