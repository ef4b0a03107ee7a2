//! The browser app (Leptos, client-side rendered). The only layer that knows Leptos or
//! the DOM; every figure it shows comes from the core.
//!
//! State is the core's session (plan, undo history, recent plans) in one signal with
//! memos derived from it ([`state`]); effects only sync with the outside world
//! (autosave, charts, the fix-search worker), except [`by_position`]'s, which hands each
//! component card the values at its position (so that a keystroke wakes only the cards
//! it changed). Fields write the plan through lenses
//! ([`fields`]) as undoable edits; the core validates and prices it.

mod browser;
mod by_position;
#[cfg(test)]
mod card_tests;
mod decision;
mod editor;
#[cfg(test)]
mod editor_tests;
mod export_view;
mod field_values;
mod fields;
mod fix_search;
mod plan_files;
mod report_runbook;
mod report_view;
mod results;
mod review;
mod session_view;
mod state;
mod storage;
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
        <button type="button" role="tab" id=format!("tab-{}", tab.slug()) aria-selected=move || (state.tab.get() == tab).to_string()
            aria-controls="view-panel" tabindex=move || if state.tab.get() == tab { "0" } else { "-1" }
            class=move || if state.tab.get() == tab { "tab active" } else { "tab" } data-testid=format!("tab-{}", tab.slug())
            on:click=move |_| state.tab.set(tab)>{label}</button>
    }
}

/// Arrow keys, Home and End move between the tabs (the WAI-ARIA tabs pattern).
fn tab_keys(state: AppState, ev: leptos::ev::KeyboardEvent) {
    let current = Tab::ALL.iter().position(|t| *t == state.tab.get_untracked()).unwrap_or(0);
    let next = match ev.key().as_str() {
        "ArrowRight" => (current + 1) % Tab::ALL.len(),
        "ArrowLeft" => (current + Tab::ALL.len() - 1) % Tab::ALL.len(),
        "Home" => 0,
        "End" => Tab::ALL.len() - 1,
        _ => return,
    };
    ev.prevent_default();
    state.tab.set(Tab::ALL[next]);
    browser::focus_by_id(&format!("tab-{}", Tab::ALL[next].slug()));
}

thread_local! {
    /// The view shown before printing switched to the report, while printing.
    static PRINTING_FROM: std::cell::Cell<Option<Tab>> = const { std::cell::Cell::new(None) };
}

/// Printing from any view prints the whole review report: the report is shown for
/// the print (the browser renders it before it lays out the pages) and the view the
/// user was on comes back afterwards.
fn print_the_report(state: AppState) {
    let before = window_event_listener(leptos::ev::beforeprint, move |_| {
        let tab = state.tab.get_untracked();
        if tab != Tab::Report {
            PRINTING_FROM.with(|p| p.set(Some(tab)));
            state.tab.set(Tab::Report);
        }
    });
    let after = window_event_listener(leptos::ev::afterprint, move |_| {
        if let Some(tab) = PRINTING_FROM.with(|p| p.take()) {
            browser::show_view_in_address(tab.slug(), true);
            state.tab.set(tab);
        }
    });
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
}

/// Keeps the view in the address: each move to another view is a history entry, and
/// Back and Forward move between views.
fn views_in_history(state: AppState) {
    Effect::new(move |_| {
        let tab = state.tab.get();
        let shown = browser::view_in_address();
        if shown.as_deref() != Some(tab.slug()) {
            // Printing shows the report for a moment: no history entry for that.
            let printing = PRINTING_FROM.with(|p| p.get()).is_some();
            browser::show_view_in_address(tab.slug(), shown.is_none() || printing);
        }
    });
    let listener = leptos::prelude::window_event_listener(leptos::ev::popstate, move |_| {
        if let Some(tab) = browser::view_in_address().and_then(|v| Tab::from_slug(&v)) {
            state.tab.set(tab);
        }
    });
    on_cleanup(move || listener.remove());
}

#[component]
fn App(interrupted: bool) -> impl IntoView {
    let state = AppState::starting(interrupted);
    provide_context(state);
    session_view::listen_to_window(state);
    views_in_history(state);
    print_the_report(state);
    view! {
        <header class="top">
            <a class="skip" href="#view">"Skip to the current view"</a>
            <div class="brand"><span class="logo" aria-hidden="true">"◆"</span>" drplan"<span class="tagline">"AWS backup & DR planner"</span></div>
            <h1 class="plan-title" id="plan-title" tabindex="-1">{move || state.plan.with(|p| p.name.clone())}</h1>
            <div class="history"><session_view::UndoRedo /></div>
            <plan_files::PlanFiles />
        </header>
        {move || state.notice.get().map(|n| view! {
            <div class=if n.is_error { "notice error" } else { "notice" } role=if n.is_error { "alert" } else { "status" } data-testid="notice">
                <span>{n.text}</span>
                <button type="button" class="small" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>"×"</button>
            </div>
        })}
        <section class="summary-bar" aria-label="Summary: total and recovery verdicts" data-testid="summary-bar">
            <results::costs::Summary />
            <results::recovery::RecoveryBadges />
        </section>
        <section class="summary-more" aria-label="Headline and notes">
            <results::costs::SummaryDetail />
            <results::notes::PlanNotes />
        </section>
        <nav class="tabs" aria-label="Views">
            <div role="tablist" aria-label="Views" on:keydown=move |ev| tab_keys(state, ev)>
                <TabButton tab=Tab::Plan label="Plan" />
                <TabButton tab=Tab::Costs label="Costs" />
                <TabButton tab=Tab::Recovery label="Recovery" />
                <TabButton tab=Tab::Export label="Export" />
                <TabButton tab=Tab::Review label="Review" />
                <TabButton tab=Tab::Report label="Report" />
                <TabButton tab=Tab::Presets label="Presets" />
            </div>
        </nav>
        <main class="content" id="view" tabindex="-1">
            <div role="tabpanel" id="view-panel" aria-labelledby=move || format!("tab-{}", state.tab.get().slug())>
            {move || match state.tab.get() {
                Tab::Plan => view! {
                    <div class="two-columns">
                        <div class="editor"><editor::PlanSettings /><editor::ComponentList /></div>
                        <aside class="live" aria-label="Cost by component"><results::costs::ComponentTotals /></aside>
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
                    <results::drills::DrillResults />
                    <section class="panel" aria-label="Recovery chart"><results::charts::RecoveryChart /></section>
                    <results::recovery::Fixes />
                }.into_any(),
                Tab::Export => view! { <editor::BundleSettings /><export_view::ExportView /> }.into_any(),
                Tab::Review => view! { <review::Review /> }.into_any(),
                Tab::Report => view! { <report_view::Report /> }.into_any(),
                Tab::Presets => view! { <plan_files::Gallery /><session_view::RecentPlans /> }.into_any(),
            }}
            </div>
        </main>
        <footer class="foot">"Prices: the design documents' own prices or AWS list prices (us-east-1), as the price sheet says; every line shows its source. Nothing leaves your browser."</footer>
    }
}
