//! The browser app (Leptos, client-side rendered). The only layer that knows Leptos or
//! the DOM; every figure it shows comes from the core.
//!
//! State is the core's session (plan, undo history, recent plans) in one signal with
//! memos derived from it ([`state`]); effects only sync with the outside world
//! (autosave, charts, the fix-search worker). Fields write the plan through lenses
//! ([`fields`]) as undoable edits; the core validates and prices it.

mod browser;
mod editor;
#[cfg(test)]
mod editor_tests;
mod export_view;
mod field_values;
mod fields;
mod fix_search;
mod plan_files;
mod results;
mod review;
mod session_view;
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
    // A start that never finishes leaves this mark; the next start then does not reopen
    // the autosave that may have caused it (see `session::Stored::interrupted`). It is
    // cleared once the first render and its effects have run, or when the page is left
    // normally before that (a frozen page runs no handler, so its mark stays).
    let interrupted = browser::load(browser::STARTING_KEY).is_some();
    let _ = browser::save(browser::STARTING_KEY, "starting");
    let left = leptos::prelude::window_event_listener(leptos::ev::pagehide, |_| {
        browser::remove(browser::STARTING_KEY)
    });
    leptos::mount::mount_to_body(move || view! { <App interrupted=interrupted /> });
    set_timeout(
        move || {
            browser::remove(browser::STARTING_KEY);
            left.remove();
        },
        std::time::Duration::ZERO,
    );
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
fn App(interrupted: bool) -> impl IntoView {
    let state = AppState::starting(interrupted);
    provide_context(state);
    session_view::listen_to_window(state);
    view! {
        <header class="top">
            <div class="brand"><span class="logo" aria-hidden="true">"◆"</span>" drplan"<span class="tagline">"AWS backup & DR planner"</span></div>
            <div class="plan-title">{move || state.plan.with(|p| p.name.clone())}</div>
            <div class="history"><session_view::UndoRedo /></div>
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
                    <results::testing::RecoveryTests />
                    <section class="panel"><results::charts::RecoveryChart /></section>
                    <results::recovery::Fixes />
                }.into_any(),
                Tab::Export => view! { <editor::BundleSettings /><export_view::ExportView /> }.into_any(),
                Tab::Review => view! { <review::Review /> }.into_any(),
                Tab::Presets => view! { <plan_files::Gallery /><session_view::RecentPlans /> }.into_any(),
            }}
        </main>
        <footer class="foot">"Prices: seed documents and AWS list prices (us-east-1); every line shows its source. Nothing leaves your browser."</footer>
    }
}
