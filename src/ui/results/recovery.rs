//! The recovery views: the strategy, the scenario × RPO/RTO matrix with margins, the
//! one-off cost of each recovery, the limiting component and the working (the cheap
//! assessment, always current), and the
//! fixes, searched in a worker and each applicable in one click.

use leptos::prelude::*;

use crate::money::Money;
use crate::recovery::{fmt_minutes, fmt_range, Measure, Range, ScenarioReport};
use crate::report::charge_text;
use crate::session::fix_search::{AppliedPlan, FixAnswer, FixOffer};
use crate::ui::fix_search::FixStatus;
use crate::ui::state::{use_state, Tab};

fn margin_text(margin: Option<f64>) -> String {
    match margin {
        Some(m) if m >= 0.0 => format!("meets, {} to spare", fmt_minutes(m)),
        Some(m) => format!("misses by {}", fmt_minutes(-m)),
        None => String::new(),
    }
}

fn cell(s: &ScenarioReport, measure: Measure) -> impl IntoView {
    let figure: Option<Range> = s.figure(measure);
    let (target, margin) = match measure {
        Measure::Rpo => (s.rpo_target_minutes, s.rpo_margin_minutes),
        Measure::Rto => (s.rto_target_minutes, s.rto_margin_minutes),
    };
    let meets = s.meets(measure);
    let class = if meets { "verdict meets" } else { "verdict misses" };
    let testid = format!("scenario-{}-{}", s.scenario.id(), measure.id());
    view! {
        <td class=class>
            <strong data-testid=testid>{figure.map_or("not recoverable".to_string(), |r| fmt_minutes(r.worst))}</strong>
            <span class="range">{figure.map(fmt_range).unwrap_or_default()}</span>
            <span class="target">{target.map(|t| format!("target {}", fmt_minutes(t as f64))).unwrap_or_default()}</span>
            <span class="margin">{if meets { "✓ " } else { "✗ " }}{margin_text(margin)}</span>
            {(measure == Measure::Rto && s.rto_met_on_assumptions).then(|| view! {
                <span class="message warning" data-testid=format!("scenario-{}-assumed", s.scenario.id())>"on assumed restore figures: no drill result for every restore (see the working)"</span>
            })}
        </td>
    }
}

/// Longest reason shown in the matrix itself; the working has the whole text.
const BRIEF_CHARS: usize = 300;

/// `text`, cut to [`BRIEF_CHARS`] characters: a plan with many backup rules can give a
/// reason of thousands of lines, which belongs in the working, not in the table.
fn brief(text: &str) -> String {
    match text.char_indices().nth(BRIEF_CHARS) {
        Some((end, _)) => format!("{}… (the rest is in the working)", &text[..end]),
        None => text.to_string(),
    }
}

/// A scenario's working, built only while it is open: for a large plan it is long,
/// and building it for every edit would slow typing down.
#[component]
fn Working(index: usize) -> impl IntoView {
    let state = use_state();
    let open = RwSignal::new(false);
    view! {
        <details class="working" on:toggle=move |ev| open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))>
            <summary>"working"</summary>
            <Show when=move || open.get()>
                {move || state.recovery.with(|r| r.scenarios.get(index).map(|s| view! {
                    {s.explanation.iter().map(|line| view! { <p>{line.clone()}</p> }).collect_view()}
                    {s.components.iter().map(|c| view! {
                        <div class="component-working">
                            <p><code>{c.component.clone()}</code>": RPO "{c.rpo_minutes.map(fmt_range).unwrap_or_else(|| "—".into())}", RTO "{c.rto_minutes.map(fmt_range).unwrap_or_else(|| "—".into())}</p>
                            {c.not_recoverable.clone().map(|n| view! { <p class="message error">{n}</p> })}
                            {c.explanation.iter().map(|l| view! { <p class="line">{l.clone()}</p> }).collect_view()}
                            {c.recovery_cost.as_ref().map(|cost| view! {
                                <p class="line">{format!("Recovery cost {} via {}", cost.total.display_usd(), cost.path)}</p>
                                {cost.lines.iter().map(|l| view! { <p class="line charge">{charge_text(l)}</p> }).collect_view()}
                            })}
                        </div>
                    }).collect_view()}
                }))}
            </Show>
        </details>
    }
}

/// The scenario matrix.
#[component]
pub fn RecoveryMatrix() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel recovery" aria-labelledby="recovery-title">
            <div class="panel-head">
                <h2 id="recovery-title">"Recovery per failure scenario"</h2>
                <span class="strategy" data-testid="dr-strategy" tabindex="0" title=move || state.recovery.with(|r| r.strategy.strategy.explain())>
                    {move || state.recovery.with(|r| r.strategy.strategy.label())}
                </span>
            </div>
            <p class="hint">{move || state.recovery.with(|r| r.strategy.why.clone())}</p>
            <table class="matrix">
                <thead><tr><th>"Scenario"</th><th>"Data loss (RPO, worst case)"</th><th>"Downtime (RTO, worst case)"</th><th class="num">"Cost of the recovery (one-off)"</th><th>"Limited by"</th></tr></thead>
                <tbody>
                    {move || state.recovery.with(|r| r.scenarios.iter().enumerate().map(|(index, s)| view! {
                        <tr>
                            <th scope="row"><span class="term">{s.scenario.label()}</span><span class="explain">{s.scenario.explain()}</span><Working index=index /></th>
                            {cell(s, Measure::Rpo)}
                            {cell(s, Measure::Rto)}
                            <td class="num recovery-cost" data-testid=format!("scenario-{}-cost", s.scenario.id())
                                title="restores, retrievals, transfer and the restored resources' hours until cut-over: see the working">
                                {if s.not_recoverable.is_some() { "—".to_string() } else { s.recovery_cost.display_usd() }}
                            </td>
                            <td>{s.limiting_component.clone().map(|c| view! { <code>{c}</code> })}{s.not_recoverable.as_deref().map(|n| view! { <p class="message error">{brief(n)}</p> })}</td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        </section>
    }
}

/// The cheapest verified changes for missed targets, found in the worker: the list
/// says so while it searches and shows only the fixes of the current plan.
#[component]
pub fn Fixes() -> impl IntoView {
    let state = use_state();
    state.fixes.start();
    view! {
        <section class="panel fixes" aria-labelledby="fixes-title">
            <h2 id="fixes-title">"Cheapest fixes"</h2>
            {move || match state.fixes.status.get() {
                FixStatus::Off | FixStatus::Computing => view! {
                    <p class="hint computing" role="status" data-testid="fixes-computing">
                        "Finding the cheapest fixes… This runs in the background: keep editing; the figures above are up to date."
                    </p>
                }.into_any(),
                FixStatus::Failed(why) => view! { <p class="message error" data-testid="fixes-failed">{why}</p> }.into_any(),
                FixStatus::Ready(answer) => fix_list(answer).into_any(),
            }}
        </section>
    }
}

/// One entry of the fix list; `index` numbers the entries across both groups.
fn fix_entry(index: usize, fix: FixOffer<AppliedPlan>) -> impl IntoView {
    let state = use_state();
    let delta_text = state.estimate.with_untracked(|e| {
        crate::report::cost_change_words(
            Money::from_micros(fix.monthly_cost_delta_micros),
            e.monthly_total,
        )
    });
    // The worker sends the plan the fix makes; opening it is applying the fix.
    let (change, fixed_json) = (fix.change, fix.changes.plan_json);
    let label = change.clone();
    let resolves = fix.resolves.join("; ");
    let improves = fix.improves.join("; ");
    view! {
        <li data-testid=format!("fix-{index}")>
            <div class="fix-head">
                <strong>{change.clone()}</strong>
                <span class="delta" data-testid=format!("fix-{index}-delta")>{delta_text}</span>
                <button type="button" class="small" data-testid=format!("apply-fix-{index}") on:click=move |_| {
                    let fixed = match crate::plan::parse_plan(&fixed_json) {
                        Ok(fixed) => fixed,
                        Err(why) => return state.warn(format!("The fix could not be applied: {why}")),
                    };
                    if state.edit(format!("apply the fix: {label}"), |p| *p = fixed) {
                        state.say(format!("Applied: {label}. Undo (Ctrl+Z) takes it back."));
                        // The recovery matrix shows what the fix did: focus goes there.
                        crate::ui::browser::focus_by_id("recovery-title");
                    }
                }>"Apply"<span class="sr-only">{format!(": {change}")}</span></button>
            </div>
            {(!resolves.is_empty()).then(|| view! { <p class="resolves">"Meets every target in: "{resolves}</p> })}
            {(!improves.is_empty()).then(|| view! { <p class="improves">"Improves, but still misses a target in: "{improves}</p> })}
            {fix.effects.into_iter().map(|e| view! { <p class="line">{e}</p> }).collect_view()}
        </li>
    }
}

fn fix_list(answer: FixAnswer) -> impl IntoView {
    if answer.fixes.is_empty() && answer.unfixed.is_empty() {
        return view! { <p class="hint" data-testid="no-fixes">"Every target is met: nothing to fix."</p> }.into_any();
    }
    let numbered: Vec<_> = answer.fixes.into_iter().enumerate().collect();
    let (full, partial): (Vec<_>, Vec<_>) =
        numbered.into_iter().partition(|(_, f)| !f.resolves.is_empty());
    let (has_full, has_partial) = (!full.is_empty(), !partial.is_empty());
    view! {
        {has_full.then(|| view! {
            <h3 class="fix-group">"Fixes: each meets every target of the scenarios it names"</h3>
            <ol class="fix-list" data-testid="fixes-full">
                {full.into_iter().map(|(i, f)| fix_entry(i, f)).collect_view()}
            </ol>
        })}
        {(!has_full).then(|| view! { <p class="hint" data-testid="no-full-fix">"No single change meets every target of a missed scenario."</p> })}
        {has_partial.then(|| view! {
            <h3 class="fix-group">"Partial improvements: a target is met, the scenario still misses another"</h3>
            <ol class="fix-list partial" data-testid="fixes-partial">
                {partial.into_iter().map(|(i, f)| fix_entry(i, f)).collect_view()}
            </ol>
        })}
        {answer.unfixed.into_iter().map(|u| view! { <p class="message warning">{brief(&u)}</p> }).collect_view()}
    }.into_any()
}

/// Where the fix search stands, for the summary strip once the fix list has been
/// shown: a button to the list.
fn fix_status_text(status: &FixStatus) -> Option<(String, &'static str)> {
    match status {
        FixStatus::Off => None,
        FixStatus::Computing => Some(("finding fixes…".into(), "pill busy")),
        FixStatus::Ready(a) if a.fixes.is_empty() && a.unfixed.is_empty() => {
            Some(("nothing to fix".into(), "pill ok"))
        }
        FixStatus::Ready(a) if a.fixes.is_empty() => Some(("no fix found".into(), "pill bad")),
        FixStatus::Ready(a) => {
            let full = a.fixes.iter().filter(|f| !f.resolves.is_empty()).count();
            match full {
                0 => Some(("only partial fixes".into(), "pill bad")),
                1 => Some(("1 fix available".into(), "pill")),
                n => Some((format!("{n} fixes available"), "pill")),
            }
        }
        FixStatus::Failed(_) => Some(("fixes unavailable".into(), "pill bad")),
    }
}

/// Pass/miss badges per scenario for the summary strip.
#[component]
pub fn RecoveryBadges() -> impl IntoView {
    let state = use_state();
    view! {
        <div class="badges" aria-label="Recovery targets per scenario">
            {move || state.recovery.with(|r| r.scenarios.iter().map(|s| {
                let ok = s.meets_rpo && s.meets_rto;
                let text = format!("{}: {}", s.scenario.label(), if ok { "meets targets" } else if s.not_recoverable.is_some() { "not recoverable" } else { "misses" });
                view! { <span class=if ok { "pill ok" } else { "pill bad" } title=text.clone()>{if ok { "✓ " } else { "✗ " }}{s.scenario.label()}</span> }
            }).collect_view())}
            {move || state.fixes.status.with(fix_status_text).map(|(text, class)| view! {
                <button type="button" class=class data-testid="fix-status" aria-live="polite" on:click=move |_| state.tab.set(Tab::Recovery)>{text}</button>
            })}
        </div>
    }
}
