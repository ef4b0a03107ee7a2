//! The decision record's editor (Report tab): decision, owner, date and reasons,
//! kept in the plan (so it travels with plan files and share links, and each change
//! is an undo step) and checked by the core at each field. On paper each field
//! prints as its value, from the core's words for the record.

use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{Choice, Field, Lens};
use super::state::use_state;
use crate::plan::{Decision, DecisionRecord, Plan};
use crate::report::board::decision_facts;

/// A lens into the record: an empty record reads as the default, and a record edited
/// back to empty is dropped, so the plan file stays as it was.
fn record_lens<T: 'static>(
    name: &str,
    get: fn(&DecisionRecord) -> T,
    set: fn(&mut DecisionRecord, T),
) -> Lens<T> {
    Lens {
        path: format!("decision.{name}"),
        get: Arc::new(move |p: &Plan| {
            Some(get(p.decision.as_ref().unwrap_or(&Default::default())))
        }),
        set: Arc::new(move |p: &mut Plan, v| {
            let record = p.decision.get_or_insert_with(DecisionRecord::default);
            set(record, v);
            if record.is_empty() {
                p.decision = None;
            }
        }),
    }
}

fn decision_options() -> Vec<(String, String)> {
    Decision::ALL.iter().map(|d| (d.id().to_string(), d.label().to_string())).collect()
}

/// The record, editable on screen and printed as text.
#[component]
pub fn DecisionEditor() -> impl IntoView {
    let state = use_state();
    // The drop-down shows and writes a decision's id; an id never offered changes nothing.
    let decision = record_lens("decision", |r| r.decision, |r, v| r.decision = v)
        .map(|d| d.id().to_string(), |id: String| Decision::ALL.into_iter().find(|d| d.id() == id));
    let owner = record_lens("owner", |r| r.owner.clone(), |r, v| r.owner = v);
    let date = record_lens("date", |r| r.date.clone(), |r, v| r.date = v);
    let text = record_lens("text", |r| r.text.clone(), |r, v| r.text = v);
    let recorded = move || state.plan.with(|p| p.decision.is_some());
    view! {
        <div class="decision-editor" data-path="decision">
            <div class="grid screen-only">
                <Choice label="Decision" lens=decision options=decision_options() />
                <Field label="Owner" lens=owner placeholder="a person, role or team" />
                <Field label="Date" lens=date placeholder="YYYY-MM-DD" />
            </div>
            <div class="screen-only">
                <Field label="Reasons, conditions and follow-ups" lens=text multiline=true
                    placeholder="Why, on what conditions, who does what by when" />
                <button type="button" data-testid="decision-clear" disabled=move || !recorded()
                    on:click=move |_| { state.edit("clear the decision record", |p| p.decision = None); }>
                    "Clear the record"
                </button>
            </div>
            <dl class="facts print-only" data-testid="decision-printed">
                {move || state.plan.with(decision_facts).into_iter().map(|(label, value)| view! {
                    <dt>{label}</dt><dd class="pre-line">{value}</dd>
                }).collect_view()}
            </dl>
        </div>
    }
}
