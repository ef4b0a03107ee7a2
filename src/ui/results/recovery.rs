//! The recovery views: the strategy, the scenario × RPO/RTO matrix with margins, the
//! limiting component and the working, and the fixes, each applicable in one click.

use leptos::prelude::*;

use crate::recovery::{apply_fix, fmt_minutes, fmt_range, Measure, Range, ScenarioReport};
use crate::ui::state::use_state;

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
        </td>
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
                <span class="strategy" data-testid="dr-strategy">{move || state.recovery.with(|r| r.strategy.strategy.id().replace('_', " "))}</span>
            </div>
            <p class="hint">{move || state.recovery.with(|r| r.strategy.why.clone())}</p>
            <table class="matrix">
                <thead><tr><th>"Scenario"</th><th>"Data loss (RPO, worst case)"</th><th>"Downtime (RTO, worst case)"</th><th>"Limited by"</th></tr></thead>
                <tbody>
                    {move || state.recovery.with(|r| r.scenarios.iter().map(|s| {
                        let working = s.explanation.clone();
                        let components = s.components.iter().map(|c| (c.component.clone(), c.rpo_minutes, c.rto_minutes, c.not_recoverable.clone(), c.explanation.clone())).collect::<Vec<_>>();
                        view! {
                            <tr>
                                <th scope="row">{s.scenario.label()}
                                    <details class="working">
                                        <summary>"working"</summary>
                                        {working.into_iter().map(|line| view! { <p>{line}</p> }).collect_view()}
                                        {components.into_iter().map(|(id, rpo, rto, not, lines)| view! {
                                            <div class="component-working">
                                                <p><code>{id}</code>": RPO "{rpo.map(fmt_range).unwrap_or_else(|| "—".into())}", RTO "{rto.map(fmt_range).unwrap_or_else(|| "—".into())}</p>
                                                {not.map(|n| view! { <p class="message error">{n}</p> })}
                                                {lines.into_iter().map(|l| view! { <p class="line">{l}</p> }).collect_view()}
                                            </div>
                                        }).collect_view()}
                                    </details>
                                </th>
                                {cell(s, Measure::Rpo)}
                                {cell(s, Measure::Rto)}
                                <td>{s.limiting_component.clone().map(|c| view! { <code>{c}</code> })}{s.not_recoverable.clone().map(|n| view! { <p class="message error">{n}</p> })}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
        </section>
    }
}

/// The cheapest verified changes for missed targets.
#[component]
pub fn Fixes() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel fixes" aria-labelledby="fixes-title">
            <h2 id="fixes-title">"Cheapest fixes"</h2>
            {move || state.recovery.with(|r| {
                if r.fixes.is_empty() && r.unfixed.is_empty() {
                    return view! { <p class="hint" data-testid="no-fixes">"Every target is met: nothing to fix."</p> }.into_any();
                }
                let fixes = r.fixes.clone();
                let unfixed = r.unfixed.clone();
                view! {
                    <ol class="fix-list">
                        {fixes.into_iter().enumerate().map(|(i, fix)| {
                            let delta = fix.monthly_cost_delta;
                            let sign = if delta.micros() >= 0 { "+" } else { "−" };
                            let delta_text = format!("{sign}{}/month", crate::money::Money::from_micros(delta.micros().abs()).display_usd());
                            let scenarios = fix.fixes_scenarios.iter().map(|s| s.label()).collect::<Vec<_>>().join(", ");
                            let effects = fix.effects.clone();
                            let change = fix.change.clone();
                            view! {
                                <li data-testid=format!("fix-{i}")>
                                    <div class="fix-head">
                                        <strong>{change.clone()}</strong>
                                        <span class="delta">{delta_text}</span>
                                        <button type="button" class="small" data-testid=format!("apply-fix-{i}") on:click=move |_| {
                                            state.plan.update(|p| *p = apply_fix(p, &fix));
                                            state.say(format!("Applied: {change}."));
                                        }>"Apply"</button>
                                    </div>
                                    <p class="hint">{format!("fixes: {scenarios}")}</p>
                                    {effects.into_iter().map(|e| view! { <p class="line">{e}</p> }).collect_view()}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    {unfixed.into_iter().map(|u| view! { <p class="message warning">{u}</p> }).collect_view()}
                }.into_any()
            })}
        </section>
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
        </div>
    }
}
