//! Drill results (issue 14): restore durations measured in drills, per data component
//! and mechanism with the day, editable beside the drill schedule. The recovery model
//! uses them instead of its documented figures; this view only binds the fields and
//! shows the core's diagnostics at them.

use leptos::prelude::*;

use crate::plan::{DrillResult, RestoreMechanism};
use crate::ui::browser;
use crate::ui::editor::lenses::{as_id, field};
use crate::ui::editor::protection::{RefChoice, DATA_KINDS};
use crate::ui::fields::{diagnostics, Choice, Field, NumberField};
use crate::ui::state::use_state;

fn mechanism_options() -> Vec<(String, String)> {
    RestoreMechanism::ALL.iter().map(|m| (m.id().to_string(), m.label().to_string())).collect()
}

fn result_editor(j: usize) -> impl IntoView {
    let state = use_state();
    let title = Memo::new(move |_| {
        state.plan.with(|p| {
            p.drill_results
                .get(j)
                .map(|d| format!("{} · {} · {}", d.component, d.mechanism.label(), d.measured_on))
                .unwrap_or_default()
        })
    });
    // No component chosen is an empty id in the file, "choose" in the drop-down.
    let component = field!(plan.drill_results[j].component)
        .map(|c| (!c.is_empty()).then_some(c), |v: Option<String>| Some(v.unwrap_or_default()));
    view! {
        <fieldset class="group rule drill-result" data-testid=format!("drill-result-{j}")>
            <legend>{move || title.get()}</legend>
            <RefChoice label="Component restored" kinds=DATA_KINDS lens=component none_label="choose" />
            <Choice label="Restored from" options=mechanism_options() lens=as_id(field!(plan.drill_results[j].mechanism)) />
            <Field label="Day of the drill" placeholder="YYYY-MM-DD" lens=field!(plan.drill_results[j].measured_on) />
            <NumberField label="Restore took" unit="minutes" lens=field!(plan.drill_results[j].restore_minutes) />
            <button type="button" class="small danger" on:click=move |_| {
                if state.edit("remove a drill result", |plan| {
                    if j < plan.drill_results.len() { plan.drill_results.remove(j); }
                }) {
                    state.say("Removed the drill result. Undo (Ctrl+Z) brings it back.".to_string());
                }
            }>"Remove result"</button>
        </fieldset>
    }
}

/// The recorded drill results, editable.
#[component]
pub fn DrillResults() -> impl IntoView {
    let state = use_state();
    let count = Memo::new(move |_| state.plan.with(|p| p.drill_results.len()));
    let list_messages = move || {
        let mut all = state.messages_at("drill_results");
        all.retain(|d| d.path == "drill_results");
        all
    };
    let add = move |_| {
        let today = browser::today_iso();
        state.edit("add a drill result", move |p| {
            let first_data =
                p.components.iter().find(|c| c.holds_data()).map(|c| c.id().to_string());
            p.drill_results.push(DrillResult {
                component: first_data.unwrap_or_default(),
                measured_on: today,
                restore_minutes: 60.0,
                ..Default::default()
            });
        });
    };
    view! {
        <section class="panel drill-results" aria-labelledby="drill-results-title">
            <div class="panel-head">
                <h2 id="drill-results-title">"Measured restore durations"</h2>
                <button type="button" class="small" data-testid="add-drill-result" on:click=add>"Add result"</button>
            </div>
            <p class="hint">"Record how long a restore took in a drill. The recovery figures use the latest measurement per component and mechanism instead of the documented restore time; the working marks which figures are measured, and a target met only on assumed figures is flagged."</p>
            <div class="messages" aria-live="polite">{move || diagnostics(list_messages())}</div>
            {move || match count.get() {
                0 => view! { <p class="empty">"No drill results recorded: every restore figure is documented or assumed."</p> }.into_any(),
                n => (0..n).map(result_editor).collect_view().into_any(),
            }}
        </section>
    }
}
