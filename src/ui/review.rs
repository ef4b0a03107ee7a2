//! Review mode: the current plan beside a baseline (e.g. current vs proposed), with
//! cost deltas per component and in total, and each scenario's worst case against its
//! target. The comparison itself is the core's (`report::compare`), as `drplan diff`
//! prints it.

use leptos::prelude::*;

use super::state::use_state;
use crate::cost::estimate;
use crate::presets::PRESETS;
use crate::recovery::assess;
use crate::report::{compare, minutes_text, target_text, PlanComparison};

/// " · target 1 h ✓": a scenario's target beside its worst case, when it has one.
fn target_words(target: Option<u32>, meets: bool) -> String {
    target.map_or(String::new(), |t| {
        format!(" · target {} {}", target_text(Some(t)), if meets { "✓" } else { "✗" })
    })
}

/// The current plan against the pinned baseline: cost per component and in total,
/// and each scenario's worst case against its target.
#[component]
pub fn Comparison() -> impl IntoView {
    let state = use_state();
    state.show_cost_detail();
    let baseline_estimate = Memo::new(move |_| state.baseline.with(|b| b.as_ref().map(estimate)));
    let baseline_recovery = Memo::new(move |_| state.baseline.with(|b| b.as_ref().map(assess)));
    // The core's comparison, the same `drplan diff` prints.
    let comparison = Memo::new(move |_| -> Option<PlanComparison> {
        let base = baseline_estimate.get()?;
        let before = baseline_recovery.get();
        state.estimate.with(|now| {
            state.recovery.with(|after| Some(compare((&base, before.as_ref()), (now, Some(after)))))
        })
    });
    view! {
        {move || match comparison.get() {
                None => view! { <p class="hint">"Pin a baseline to compare the current plan with it side by side."</p> }.into_any(),
                Some(c) => {
                    let money = |m: Option<crate::money::Money>| m.map_or("—".into(), |m| m.display_usd());
                    view! {
                        <table class="compare" data-testid="review-table">
                            <thead><tr><th>"Component"</th><th class="num">{format!("Baseline: {}", c.base_name)}</th><th class="num">{format!("Current: {}", c.new_name)}</th><th class="num">"Change"</th></tr></thead>
                            <tbody>
                                {c.components.iter().map(|x| {
                                    view! {
                                        <tr>
                                            <th scope="row"><code>{x.id.clone()}</code></th>
                                            <td class="num">{money(x.cost.before)}</td>
                                            <td class="num">{money(x.cost.after)}</td>
                                            <td class=format!("num {}", x.cost.direction())>{x.cost.delta_text()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                            <tfoot><tr>
                                <th>"Total per month"</th>
                                <td class="num">{money(c.total.before)}</td>
                                <td class="num">{money(c.total.after)}</td>
                                <td class=format!("num {}", c.total.direction()) data-testid="review-total-delta">{c.total.delta_text()}</td>
                            </tr></tfoot>
                        </table>
                        {(!c.recovery.is_empty()).then(|| view! {
                            <table class="compare" data-testid="review-recovery">
                                <thead><tr><th>"Scenario"</th><th>"Objective"</th><th scope="col" class="num">"Baseline (worst case · target)"</th><th scope="col" class="num">"Current (worst case · target)"</th><th class="num">"Change"</th></tr></thead>
                                <tbody>
                                    {c.recovery.iter().map(|o| {
                                        let class = match o.direction() { "better" => "down", "worse" => "up", _ => "" };
                                        view! { <tr><th scope="row">{o.scenario.label()}</th><td>{o.measure.label()}</td><td class="num">{minutes_text(o.before)}{target_words(o.target_before, o.meets_before)}</td><td class="num">{minutes_text(o.after)}{target_words(o.target_after, o.meets_after)}</td><td class=format!("num {class}")>{o.change_text()}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                    }.into_any()
                }
            }}
    }
}

#[component]
pub fn Review() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel review" aria-labelledby="review-title">
            <h2 id="review-title">"Compare plans"</h2>
            <div class="files">
                <button type="button" data-testid="pin-baseline" on:click=move |_| {
                    state.pin_baseline(Some(state.plan.get_untracked()));
                    state.say("Pinned the current plan as the baseline; edit the plan to see the differences.");
                }>"Pin current plan as baseline"</button>
                <label>"or compare with a preset "
                    <select on:change=move |ev| {
                        if let Some(p) = crate::presets::find(&event_target_value(&ev)) { state.pin_baseline(Some(p.plan())); }
                    }>
                        <option value="">"choose…"</option>
                        {PRESETS.iter().map(|p| view! { <option value=p.id>{p.title}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" on:click=move |_| {
                    if let Some(b) = state.baseline.get_untracked() {
                        state.pin_baseline(Some(state.plan.get_untracked()));
                        state.open(b, crate::session::Source::Baseline);
                    }
                }>"Swap"</button>
                <button type="button" disabled=move || state.baseline.with(Option::is_none) on:click=move |_| state.pin_baseline(None)>"Clear baseline"</button>
            </div>
            <Comparison />
        </section>
    }
}
