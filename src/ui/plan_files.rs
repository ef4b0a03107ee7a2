//! Keeping and sharing plans: the preset gallery, new plan, open and save plan files,
//! and share links. Opening anything replaces the plan in one undoable step (see
//! [`crate::session`]); the gallery says so.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::state::use_state;
use crate::plan::Plan;
use crate::presets::PRESETS;
use crate::session::limits::read_plan_text;
use crate::session::{empty_plan, Source};
use crate::share;

/// The five seed presets and an empty plan.
#[component]
pub fn Gallery() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">"Start from a design"</h2>
            <p class="hint" data-testid="replace-hint">"Opening a design replaces the current plan in one step: Undo (Ctrl+Z) brings your plan back, and your own work is also kept under Recent plans below."</p>
            <ul>
                {PRESETS.iter().map(|preset| view! {
                    <li>
                        <button type="button" data-testid=format!("preset-{}", preset.id) on:click=move |_| {
                            state.open(preset.plan(), Source::Preset(preset.id.to_string()));
                            state.tab.set(super::state::Tab::Plan);
                        }>
                            <strong>{preset.title}</strong>
                            <span class="hint">{format!("{} · seed {}", preset.id, &preset.seed[..3])}</span>
                        </button>
                    </li>
                }).collect_view()}
                <li>
                    <button type="button" data-testid="preset-empty" on:click=move |_| {
                        state.open(empty_plan(), Source::EmptyPlan);
                        state.tab.set(super::state::Tab::Plan);
                    }>
                        <strong>"Empty plan"</strong>
                        <span class="hint">"add components one by one"</span>
                    </button>
                </li>
            </ul>
        </section>
    }
}

/// A file-name stem from a plan's name: its first `max_words` words, lowercase and
/// hyphenated, or `fallback` when nothing usable remains.
pub fn file_stem(plan_name: &str, max_words: usize, fallback: &str) -> String {
    let words = crate::export::text::words(plan_name);
    if words.is_empty() {
        fallback.to_string()
    } else {
        words.into_iter().take(max_words).collect::<Vec<_>>().join("-")
    }
}

/// File name for a saved plan, from its name.
fn file_name(plan: &Plan) -> String {
    format!("{}.drplan.json", file_stem(&plan.name, 12, "plan"))
}

/// Save, open and share buttons.
#[component]
pub fn PlanFiles() -> impl IntoView {
    let state = use_state();
    let link = RwSignal::new(String::new());
    let file_input = NodeRef::<leptos::html::Input>::new();
    let save = move |_| {
        let (name, json) = state.plan.with(|p| (file_name(p), p.to_json_pretty()));
        match browser::download(&name, "application/json", json.as_bytes()) {
            Ok(()) => state.say(format!("Saved {name}.")),
            Err(why) => state.warn(why),
        }
    };
    let open = move |_| {
        let Some(input) = file_input.get() else { return };
        let input: web_sys::HtmlInputElement = input.unchecked_into();
        leptos::task::spawn_local(async move {
            match browser::read_chosen_file(&input).await {
                Ok((name, text)) => match read_plan_text(&text) {
                    Ok(plan) => state.open(plan, Source::File(name)),
                    Err(e) => state.warn(format!(
                        "{name} is not a drplan plan file: {e}. Your current plan is unchanged."
                    )),
                },
                Err(why) => state.warn(why),
            }
            input.set_value("");
        });
    };
    let share_link = move |_| {
        // The link is offered, never put in the address bar: a reload must restore the
        // autosave with later edits, not reopen the plan as shared.
        let fragment = state.plan.with(share::encode_fragment);
        let url = browser::url_with_fragment(&fragment);
        link.set(url.clone());
        leptos::task::spawn_local(async move {
            match browser::copy_text(url).await {
                Ok(()) => state.say("Share link copied. It carries the whole plan; nothing is sent anywhere."),
                Err(_) => state.say("Share link ready below: copy it by hand. It carries the whole plan; nothing is sent anywhere."),
            }
        });
    };
    view! {
        <div class="files">
            <button type="button" on:click=save data-testid="save-plan">"Save plan"</button>
            <label class="button" for="open-plan">"Open plan…"</label>
            <input id="open-plan" class="sr-only" type="file" accept=".json,application/json" node_ref=file_input on:change=open data-testid="open-plan" />
            <button type="button" on:click=share_link data-testid="share-button">"Share link"</button>
            <button type="button" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print report"</button>
            <Show when=move || !link.get().is_empty()>
                <label class="share">"Link "<input type="text" readonly data-testid="share-link" prop:value=move || link.get() on:focus=move |ev| {
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { input.select(); }
                } /></label>
            </Show>
        </div>
    }
}
