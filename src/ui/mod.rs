//! The browser app (Leptos, client-side rendered). The only layer that knows Leptos
//! or the DOM; every figure it shows comes from the core.

use leptos::prelude::*;

use crate::cost::estimate;
use crate::presets::default_plan;

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let plan = RwSignal::new(default_plan());
    let result = Memo::new(move |_| estimate(&plan.get()));
    view! {
        <main class="app">
            <h1>"drplan"</h1>
            <p class="plan-name">{move || result.get().plan_name}</p>
            <p class="total">
                "Steady-state monthly cost: "
                <strong data-testid="total-monthly-cost">{move || result.get().monthly_total.display_usd()}</strong>
            </p>
            <p data-testid="price-sheet">{move || result.get().price_sheet}</p>
            <table class="lines">
                <thead><tr><th>"Component"</th><th>"Item"</th><th>"Quantity"</th><th>"Unit price"</th><th>"Monthly"</th></tr></thead>
                <tbody>
                    {move || result.get().lines.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.component}</td>
                            <td title=l.source>{l.item}</td>
                            <td>{format!("{} {}", crate::report::fmt_quantity(l.quantity), l.unit)}</td>
                            <td>{crate::report::fmt_unit_price(l.unit_price)}</td>
                            <td>{l.monthly.display_usd()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </main>
    }
}
