//! The restore tests and DR drills the plan schedules (seed 004: weekly restore tests
//! from PITR, monthly DR drills), each editable (scenario, frequency, components,
//! share of the data, hours the restored copy is kept) beside what one run and a
//! month of runs cost, as the core prices them; add and remove. Every figure and
//! charge line comes from the core (`recovery::TestCost`, `report::charge_text`).

use leptos::prelude::*;

use crate::cost::usage::fmt_qty;
use crate::plan::{RecoveryTest, TestFrequency};
use crate::recovery::{Scenario, TestCost};
use crate::report::charge_text;
use crate::ui::editor::lenses::{as_id, field, options};
use crate::ui::editor::protection::{RefChecklist, DATA_KINDS};
use crate::ui::fields::{diagnostics, Choice, Field, NumberField};
use crate::ui::state::use_state;

/// The recovery model's scenarios, which a test rehearses (the same ids).
fn scenario_options() -> Vec<(String, String)> {
    Scenario::ALL.iter().map(|s| (s.id().to_string(), s.label().to_string())).collect()
}

fn frequency_options() -> Vec<(String, String)> {
    options(&[
        (TestFrequency::Weekly, "weekly"),
        (TestFrequency::Monthly, "monthly"),
        (TestFrequency::Quarterly, "quarterly"),
        (TestFrequency::Yearly, "yearly"),
    ])
}

/// What test `j` costs, from the core's assessment.
fn cost_of(j: usize) -> Memo<Option<TestCost>> {
    let state = use_state();
    Memo::new(move |_| state.recovery.with(|r| r.testing.get(j).cloned()))
}

fn test_editor(j: usize) -> impl IntoView {
    let state = use_state();
    let name = Memo::new(move |_| {
        state.plan.with(|p| p.recovery_tests.get(j).map(|t| t.name.clone()).unwrap_or_default())
    });
    let cost = cost_of(j);
    view! {
        <fieldset class="group rule recovery-test" data-testid=format!("recovery-test-{j}")>
            <legend>{move || name.get()}</legend>
            <Field label="Name" lens=field!(plan.recovery_tests[j].name) />
            <Choice label="Rehearses" options=scenario_options() lens=as_id(field!(plan.recovery_tests[j].scenario)) />
            <Choice label="Runs" options=frequency_options() lens=as_id(field!(plan.recovery_tests[j].frequency)) />
            <RefChecklist label="Restores (none ticked: every component that holds data)" kinds=DATA_KINDS lens=field!(plan.recovery_tests[j].components) />
            <NumberField label="Share of each component's data" unit="%" lens=field!(plan.recovery_tests[j].data_percent) />
            <NumberField label="Restored copy kept for checks" unit="hours" lens=field!(plan.recovery_tests[j].keep_restored_hours) />
            {move || cost.get().map(|c| view! {
                <p class="test-cost">
                    {format!("{} a run × {} runs a month = ", c.per_run.display_usd(), fmt_qty(c.runs_per_month))}
                    <strong data-testid=format!("recovery-test-{j}-monthly")>{c.monthly.display_usd()}</strong>" a month"
                </p>
                {(!c.not_covered.is_empty()).then(|| view! {
                    <p class="message warning">{format!("Nothing recovers {} in this scenario: not priced.", c.not_covered.join(", "))}</p>
                })}
                <details class="working">
                    <summary>"working"</summary>
                    {c.lines.iter().map(|l| view! { <p class="line">{charge_text(l)}</p> }).collect_view()}
                </details>
            })}
            <button type="button" class="small danger" on:click=move |_| {
                let gone = name.get_untracked();
                if state.edit(format!("remove the recovery test {gone}"), |plan| {
                    if j < plan.recovery_tests.len() { plan.recovery_tests.remove(j); }
                }) {
                    state.say(format!("Removed the recovery test {gone}. Undo (Ctrl+Z) brings it back."));
                }
            }>"Remove test"</button>
        </fieldset>
    }
}

/// The scheduled tests with their monthly cost, editable.
#[component]
pub fn RecoveryTests() -> impl IntoView {
    let state = use_state();
    let count = Memo::new(move |_| state.plan.with(|p| p.recovery_tests.len()));
    let total = Memo::new(move |_| state.recovery.with(|r| r.testing_monthly.display_usd()));
    // Problems with the list itself (too many tests), rather than with one test.
    let list_messages = move || {
        let mut all = state.messages_at("recovery_tests");
        all.retain(|d| d.path == "recovery_tests");
        all
    };
    let add = move |_| {
        state.edit("add a recovery test", |p| {
            let taken = |n: &String| p.recovery_tests.iter().any(|t| t.name == *n);
            let name = (1..).map(|n| format!("restore-test-{n}")).find(|n| !taken(n));
            p.recovery_tests
                .push(RecoveryTest { name: name.unwrap_or_default(), ..Default::default() });
        });
    };
    view! {
        <section class="panel recovery-tests" aria-labelledby="tests-title">
            <div class="panel-head">
                <h2 id="tests-title">"Restore tests and DR drills"</h2>
                <span class="total">"as scheduled: "<strong data-testid="testing-monthly">{move || total.get()}</strong>" a month"</span>
                <button type="button" class="small" data-testid="add-recovery-test" on:click=add>"Add test"</button>
            </div>
            <p class="hint">"Each run performs the recovery the model assumes for its scenario on a share of the data, keeps the restored copy for checks, then deletes it. Priced monthly, on top of the estimate's total."</p>
            <div class="messages" aria-live="polite">{move || diagnostics(list_messages())}</div>
            {move || match count.get() {
                0 => view! { <p class="empty">"No tests scheduled. Add one to see what testing your recovery costs."</p> }.into_any(),
                n => (0..n).map(test_editor).collect_view().into_any(),
            }}
        </section>
    }
}
