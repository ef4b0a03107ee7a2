//! Review mode: the current plan beside a baseline (e.g. current vs proposed), with
//! cost deltas per component and in total.

use leptos::prelude::*;

use super::state::use_state;
use crate::cost::estimate;
use crate::money::Money;
use crate::presets::PRESETS;
use crate::recovery::{assess, fmt_minutes, Measure, RecoveryReport, Scenario};

/// Worst case of one objective in one scenario, in words.
fn worst(report: &RecoveryReport, scenario: Scenario, measure: Measure) -> (Option<f64>, String) {
    let figure = report.scenario(scenario).and_then(|s| s.figure(measure)).map(|r| r.worst);
    (figure, figure.map_or("not recoverable".into(), fmt_minutes))
}

/// Better, worse or the same, for a time where less is better.
fn time_change(before: Option<f64>, after: Option<f64>) -> (String, &'static str) {
    match (before, after) {
        (Some(b), Some(a)) if (a - b).abs() < 1e-6 => ("no change".into(), ""),
        (Some(b), Some(a)) if a < b => (format!("{} better", fmt_minutes(b - a)), "down"),
        (Some(b), Some(a)) => (format!("{} worse", fmt_minutes(a - b)), "up"),
        (None, Some(_)) => ("now recoverable".into(), "down"),
        (Some(_), None) => ("no longer recoverable".into(), "up"),
        (None, None) => ("no change".into(), ""),
    }
}

fn delta(a: Money, b: Money) -> (String, &'static str) {
    let d = a.micros() - b.micros();
    let text = Money::from_micros(d.abs()).display_usd();
    match d.signum() {
        1 => (format!("+{text}"), "up"),
        -1 => (format!("−{text}"), "down"),
        _ => ("no change".into(), ""),
    }
}

#[component]
pub fn Review() -> impl IntoView {
    let state = use_state();
    let baseline_estimate = Memo::new(move |_| state.baseline.with(|b| b.as_ref().map(estimate)));
    let baseline_recovery = Memo::new(move |_| state.baseline.with(|b| b.as_ref().map(assess)));
    view! {
        <section class="panel review" aria-labelledby="review-title">
            <h2 id="review-title">"Compare plans"</h2>
            <div class="files">
                <button type="button" data-testid="pin-baseline" on:click=move |_| {
                    state.baseline.set(Some(state.plan.get_untracked()));
                    state.say("Pinned the current plan as the baseline; edit the plan to see the differences.");
                }>"Pin current plan as baseline"</button>
                <label>"or compare with a preset "
                    <select on:change=move |ev| {
                        if let Some(p) = crate::presets::find(&event_target_value(&ev)) { state.baseline.set(Some(p.plan())); }
                    }>
                        <option value="">"choose…"</option>
                        {PRESETS.iter().map(|p| view! { <option value=p.id>{p.id}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=move |_| {
                    if let Some(b) = state.baseline.get_untracked() {
                        state.baseline.set(Some(state.plan.get_untracked()));
                        state.open(b, crate::session::Source::Baseline);
                    }
                }>"Swap"</button>
            </div>
            {move || match baseline_estimate.get() {
                None => view! { <p class="hint">"Pin a baseline to compare the current plan with it side by side."</p> }.into_any(),
                Some(base) => {
                    let now = state.estimate.get();
                    let mut ids: Vec<String> = base.components.iter().map(|c| c.id.clone()).collect();
                    for c in &now.components { if !ids.contains(&c.id) { ids.push(c.id.clone()); } }
                    let cost_of = |e: &crate::cost::Estimate, id: &str| e.components.iter().find(|c| c.id == id).map(|c| c.monthly);
                    let (total_delta, total_class) = delta(now.monthly_total, base.monthly_total);
                    view! {
                        <table class="compare" data-testid="review-table">
                            <thead><tr><th>"Component"</th><th class="num">{format!("Baseline: {}", base.plan_name)}</th><th class="num">{format!("Current: {}", now.plan_name)}</th><th class="num">"Change"</th></tr></thead>
                            <tbody>
                                {ids.into_iter().map(|id| {
                                    let (b, n) = (cost_of(&base, &id), cost_of(&now, &id));
                                    let (d, class) = delta(n.unwrap_or_default(), b.unwrap_or_default());
                                    view! {
                                        <tr>
                                            <th scope="row"><code>{id}</code></th>
                                            <td class="num">{b.map_or("—".into(), |m| m.display_usd())}</td>
                                            <td class="num">{n.map_or("—".into(), |m| m.display_usd())}</td>
                                            <td class=format!("num {class}")>{d}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th>"Total per month"</th>
                                <td class="num">{base.monthly_total.display_usd()}</td>
                                <td class="num">{now.monthly_total.display_usd()}</td>
                                <td class=format!("num {total_class}") data-testid="review-total-delta">{total_delta}</td>
                            </tr></tfoot>
                        </table>
                        {baseline_recovery.get().map(|before| {
                            let after = state.recovery.get();
                            view! {
                                <table class="compare" data-testid="review-recovery">
                                    <thead><tr><th>"Scenario"</th><th>"Objective"</th><th class="num">"Baseline (worst case)"</th><th class="num">"Current (worst case)"</th><th class="num">"Change"</th></tr></thead>
                                    <tbody>
                                        {Scenario::ALL.iter().flat_map(|s| [(*s, Measure::Rpo), (*s, Measure::Rto)]).map(|(s, m)| {
                                            let ((b, b_text), (a, a_text)) = (worst(&before, s, m), worst(&after, s, m));
                                            let (change, class) = time_change(b, a);
                                            view! { <tr><th scope="row">{s.label()}</th><td>{m.label()}</td><td class="num">{b_text}</td><td class="num">{a_text}</td><td class=format!("num {class}")>{change}</td></tr> }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
