//! The report's runbook section (issue 14): per failure scenario the recovery runbook
//! the bundles carry (summary, each step with its duration and running total, its
//! text and its commands under the chosen target's names), and the drill schedule
//! with each drill's cost per run and a month. The export worker writes it with the
//! core (`export::runbook::view`); this view only lays it out, so it prints with the
//! rest of the report.

use leptos::prelude::*;

use super::browser::{self, WorkerRole};
use super::state::use_state;
use crate::export::protocol::{RunbookAnswer, RunbookRequest};
use crate::export::runbook::{ScenarioView, StepView};
use crate::export::Target;
use crate::session::worker::{WorkerAnswer, WorkerRequest};

fn step_row(n: usize, step: &StepView) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{format!("{}. {}", n + 1, step.title)}</th>
            <td class="num">{step.duration.clone()}</td>
            <td class="num">{step.done_at.clone()}</td>
        </tr>
    }
}

fn step_detail(n: usize, step: StepView) -> impl IntoView {
    view! {
        <div class="runbook-step">
            <h4>{format!("{}. {}", n + 1, step.title)}</h4>
            {step.text.into_iter().filter(|l| !l.is_empty()).map(|l| view! { <p>{l}</p> }).collect_view()}
            {(!step.commands.is_empty()).then(|| view! { <pre class="commands"><code>{step.commands.join("\n")}</code></pre> })}
        </div>
    }
}

fn scenario(s: ScenarioView) -> impl IntoView {
    let heading = format!("runbook-title-{}", s.id);
    let labelled_by = heading.clone();
    let test_id = format!("runbook-{}", s.id);
    let steps = s.steps.clone();
    view! {
        <div class="runbook-scenario" data-testid=test_id role="group" aria-labelledby=labelled_by>
            <h3 id=heading>{format!("Scenario: {}", s.label)}</h3>
            <p>{s.summary}</p>
            {s.not_recoverable.map(|n| view! { <p class="message error">{format!("Not recoverable: {n}")}</p> })}
            <table class="runbook-steps">
                <thead><tr><th scope="col">"Step"</th><th scope="col" class="num">"Duration"</th><th scope="col" class="num">"Done at (worst case)"</th></tr></thead>
                <tbody>{steps.iter().enumerate().map(|(n, st)| step_row(n, st)).collect_view()}</tbody>
            </table>
            {(!s.outcome.is_empty()).then(|| view! { <p class="runbook-outcome"><strong>{s.outcome.clone()}</strong></p> })}
            {s.steps.into_iter().enumerate().map(|(n, st)| step_detail(n, st)).collect_view()}
        </div>
    }
}

/// The runbook and drill schedule, as a section of the report.
#[component]
pub fn RunbookSection() -> impl IntoView {
    let state = use_state();
    let target = RwSignal::new(Target::Terraform);
    let answer = RwSignal::new(None::<RunbookAnswer>);
    let latest = StoredValue::new(0u64);
    // Written in the export worker on every edit; answers to older requests are dropped,
    // and so is an answer that comes after the report closed (its values are gone).
    Effect::new(move |_| {
        let plan_json = state.plan.with(|p| p.to_json_pretty());
        let sequence = latest.get_value() + 1;
        latest.set_value(sequence);
        let request = WorkerRequest::Runbook(RunbookRequest {
            sequence,
            target: target.get().id().to_string(),
            plan_json,
        });
        let Ok(text) = serde_json::to_string(&request) else { return };
        let sent = browser::worker_request(WorkerRole::Export, &text, move |reply| {
            match reply.map(|text| serde_json::from_str::<WorkerAnswer>(&text)) {
                Ok(Ok(WorkerAnswer::Runbook(a))) if latest.try_get_value() == Some(a.sequence) => {
                    answer.try_set(Some(a));
                }
                Ok(Ok(_)) => {}
                Ok(Err(_)) => state.warn("the export worker gave an answer that could not be read"),
                Err(why) => state.warn(format!("the export worker stopped: {why}")),
            }
        });
        if let Err(why) = sent {
            state.warn(why);
        }
    });
    view! {
        <section class="report-section page-break runbook" aria-labelledby="report-runbook" data-testid="report-runbook">
            <h2 id="report-runbook">"Recovery runbook and drills"</h2>
            <div class="report-actions">
                <label>"Commands use the names of the bundle for "
                    <select data-testid="runbook-target" on:change=move |ev| {
                        if let Some(t) = Target::from_id(&event_target_value(&ev)) { target.set(t) }
                    }>
                        {Target::ALL.into_iter().map(|t| view! { <option value=t.id() selected=move || target.get() == t>{t.label()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            {move || match answer.get() {
                None => view! { <p role="status" data-testid="runbook-pending">"Writing the runbook…"</p> }.into_any(),
                Some(RunbookAnswer { error: Some(why), .. }) => view! { <p class="message warning" data-testid="runbook-error">{format!("No runbook: {why}.")}</p> }.into_any(),
                Some(RunbookAnswer { runbook: Some(book), .. }) => view! {
                    <h3>"Drill schedule"</h3>
                    {if book.drills.is_empty() {
                        view! { <p data-testid="drill-schedule-empty">"No restore tests or DR drills are scheduled (Recovery tab)."</p> }.into_any()
                    } else {
                        view! {
                            <table class="drill-schedule" data-testid="drill-schedule">
                                <thead><tr>
                                    <th scope="col">"Drill"</th><th scope="col">"Runs"</th><th scope="col">"Rehearses"</th><th scope="col">"Restores"</th>
                                    <th scope="col" class="num">"Worst case by the model"</th><th scope="col" class="num">"Per run"</th><th scope="col" class="num">"A month"</th>
                                </tr></thead>
                                <tbody>
                                    {book.drills.iter().map(|d| view! {
                                        <tr>
                                            <th scope="row">{d.name.clone()}</th><td>{d.frequency.clone()}</td><td>{d.scenario.clone()}</td><td>{d.restores.clone()}</td>
                                            <td class="num">{d.worst_case.clone()}</td><td class="num">{d.per_run.clone()}</td><td class="num">{d.monthly.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                                <tfoot><tr><th scope="row" colspan="6">"All drills, a month"</th><td class="num" data-testid="drill-schedule-monthly">{book.drills_monthly.clone()}</td></tr></tfoot>
                            </table>
                        }.into_any()
                    }}
                    <h3>"Set up"</h3>
                    <pre class="commands"><code>{book.setup.join("\n")}</code></pre>
                    {book.scenarios.into_iter().map(scenario).collect_view()}
                }.into_any(),
                Some(_) => view! { <p>"No runbook."</p> }.into_any(),
            }}
        </section>
    }
}
