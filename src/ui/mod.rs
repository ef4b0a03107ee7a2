//! The browser app (Leptos, client-side rendered). The only layer that knows Leptos or
//! the DOM; every figure it shows comes from the core.
//!
//! State is one plan signal with memos derived from it ([`state`]); effects only sync
//! with the outside world (autosave, charts). Fields write the plan through lenses
//! ([`fields`]); the core validates and prices it.

mod browser;
mod editor;
mod export_view;
mod fields;
mod plan_files;
mod results;
mod review;
mod state;
#[cfg(test)]
mod tests;

use leptos::prelude::*;

use state::{AppState, Tab};

/// Mounts the app on `<body>`, with a panic hook that leaves a recovery message.
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        browser::show_crash_notice(&info.to_string());
    }));
    leptos::mount::mount_to_body(App);
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("drplan-mounted");
    }
}

#[component]
fn TabButton(tab: Tab, label: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <button type="button" role="tab" id=format!("tab-{label}") aria-selected=move || (state.tab.get() == tab).to_string()
            class=move || if state.tab.get() == tab { "tab active" } else { "tab" } data-testid=format!("tab-{}", label.to_lowercase())
            on:click=move |_| state.tab.set(tab)>{label}</button>
    }
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    view! {
        <header class="top">
            <div class="brand"><span class="logo" aria-hidden="true">"◆"</span>" drplan"<span class="tagline">"AWS backup & DR planner"</span></div>
            <div class="plan-title">{move || state.plan.with(|p| p.name.clone())}</div>
            <plan_files::PlanFiles />
        </header>
        {move || state.notice.get().map(|n| view! {
            <div class=if n.is_error { "notice error" } else { "notice" } role=if n.is_error { "alert" } else { "status" } data-testid="notice">
                <span>{n.text}</span>
                <button type="button" class="small" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>"×"</button>
            </div>
        })}
        <results::costs::Summary />
        <results::notes::PlanNotes />
        <results::recovery::RecoveryBadges />
        <nav class="tabs" role="tablist" aria-label="Views">
            <TabButton tab=Tab::Plan label="Plan" />
            <TabButton tab=Tab::Costs label="Costs" />
            <TabButton tab=Tab::Recovery label="Recovery" />
            <TabButton tab=Tab::Export label="Export" />
            <TabButton tab=Tab::Review label="Review" />
            <TabButton tab=Tab::Presets label="Presets" />
        </nav>
        <main class="content">
            {move || match state.tab.get() {
                Tab::Plan => view! {
                    <div class="two-columns">
                        <div class="editor"><editor::PlanSettings /><editor::ComponentList /></div>
                        <aside class="live"><results::costs::ComponentTotals /></aside>
                    </div>
                }.into_any(),
                Tab::Costs => view! {
                    <results::charts::CostCharts />
                    <results::costs::CostLines />
                    <results::costs::PriceOverrides />
                    <results::costs::Ledger />
                }.into_any(),
                Tab::Recovery => view! {
                    <results::recovery::RecoveryMatrix />
                    <section class="panel"><results::charts::RecoveryChart /></section>
                    <results::recovery::Fixes />
                }.into_any(),
                Tab::Export => view! { <export_view::ExportView /> }.into_any(),
                Tab::Review => view! { <review::Review /> }.into_any(),
                Tab::Presets => view! { <plan_files::Gallery /> }.into_any(),
            }}
        </main>
        <footer class="foot">"Prices: seed documents and AWS list prices (us-east-1); every line shows its source. Nothing leaves your browser."</footer>
    }
}
