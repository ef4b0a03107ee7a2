//! The review report: every section a review board needs on one page, in reading
//! order, for the screen and for print (each section starts on its own printed page
//! where it is long). Cover (plan, regions, targets, prices in words, date), headline
//! and verdicts, the recovery matrix with its working, cost by component and lines,
//! the charts, notes and assumptions, the fixes considered, the comparison with a
//! pinned baseline, and a decision record kept in this browser. Every figure and
//! sentence comes from the core; this view lays them out.

use leptos::prelude::*;

use super::browser;
use super::fix_search::FixStatus;
use super::state::use_state;
use crate::recovery::{fmt_minutes, fmt_range, Measure, ScenarioReport};
use crate::report::{caveats, headline, sheet_words};

/// Local-storage key of the decision record.
const DECISION_KEY: &str = "drplan.decision.v1";

/// A target in words: "1 h".
fn target_words(minutes: u32) -> String {
    fmt_minutes(f64::from(minutes))
}

/// "meets (1 h to spare)" or "misses by 3 h", or "not recoverable".
fn verdict(s: &ScenarioReport, measure: Measure) -> String {
    let figure = s.figure(measure);
    let margin = match measure {
        Measure::Rpo => s.rpo_margin_minutes,
        Measure::Rto => s.rto_margin_minutes,
    };
    match (figure, margin) {
        (None, _) => "✗ not recoverable".into(),
        (Some(r), Some(m)) if m >= 0.0 => {
            format!("✓ {} (meets, {} to spare)", fmt_minutes(r.worst), fmt_minutes(m))
        }
        (Some(r), Some(m)) => format!("✗ {} (misses by {})", fmt_minutes(r.worst), fmt_minutes(-m)),
        (Some(r), None) => fmt_minutes(r.worst),
    }
}

#[component]
fn Cover() -> impl IntoView {
    let state = use_state();
    let today = browser::local_time(browser::now_ms());
    view! {
        <section class="report-section cover" aria-labelledby="report-cover">
            <p class="kicker">"Backup and disaster-recovery design review"</p>
            <h2 id="report-cover" data-testid="report-plan-name">{move || state.plan.with(|p| p.name.clone())}</h2>
            <dl class="facts">
                <dt>"Primary region"</dt><dd>{move || state.plan.with(|p| p.primary_region.clone())}</dd>
                <dt>"Disaster-recovery region"</dt><dd>{move || state.plan.with(|p| p.dr_region.clone().unwrap_or_else(|| "none (single region)".into()))}</dd>
                <dt>"Recovery point objective (data loss)"</dt><dd>{move || state.plan.with(|p| format!("at most {}", target_words(p.targets.rpo_minutes)))}</dd>
                <dt>"Recovery time objective (downtime)"</dt><dd>{move || state.plan.with(|p| format!("at most {}", target_words(p.targets.rto_minutes)))}</dd>
                <dt>"Prices"</dt><dd>{move || state.estimate.with(|e| sheet_words(&e.price_sheet))}</dd>
                <dt>"Components"</dt><dd>{move || state.plan.with(|p| p.components.len().to_string())}</dd>
                <dt>"Prepared"</dt><dd>{today}</dd>
            </dl>
        </section>
    }
}

#[component]
fn Verdicts() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="report-section" aria-labelledby="report-headline">
            <h2 id="report-headline">"Headline"</h2>
            <p class="report-total">"Monthly cost: "<strong>{move || state.estimate.with(|e| e.monthly_total.display_usd())}</strong></p>
            <p>{move || state.estimate.with(|e| state.recovery.with(|r| headline(e, Some(r))))}</p>
            <table class="report-verdicts">
                <thead><tr><th scope="col">"Failure scenario"</th><th scope="col">"Data loss (RPO, worst case)"</th><th scope="col">"Downtime (RTO, worst case)"</th></tr></thead>
                <tbody>
                    {move || state.recovery.with(|r| r.scenarios.iter().map(|s| view! {
                        <tr><th scope="row">{s.scenario.label()}</th><td>{verdict(s, Measure::Rpo)}</td><td>{verdict(s, Measure::Rto)}</td></tr>
                    }).collect_view())}
                </tbody>
            </table>
        </section>
    }
}

/// The matrix with the working written out (not folded away, so it prints).
#[component]
fn RecoveryWorking() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="report-section page-break" aria-labelledby="report-recovery">
            <h2 id="report-recovery">"Recovery per failure scenario, with the working"</h2>
            <p>{move || state.recovery.with(|r| format!("Strategy: {} ({}). Here: {}.", r.strategy.strategy.label(), r.strategy.strategy.explain().trim_end_matches('.'), r.strategy.why))}</p>
            {move || state.recovery.with(|r| r.scenarios.iter().map(|s| view! {
                <div class="report-scenario">
                    <h3>{s.scenario.label()}</h3>
                    <p>{format!("RPO: {} · RTO: {} · one-off cost of the recovery: {}", verdict(s, Measure::Rpo), verdict(s, Measure::Rto),
                        if s.not_recoverable.is_some() { "—".to_string() } else { s.recovery_cost.display_usd() })}</p>
                    {s.not_recoverable.clone().map(|n| view! { <p class="message error">{n}</p> })}
                    <ul class="working-lines">
                        // The reason a scenario is not recoverable is shown once, above.
                        {s.explanation.iter().filter(|l| s.not_recoverable.as_ref().is_none_or(|n| !l.contains(n.as_str()))).take(40).map(|l| view! { <li>{l.clone()}</li> }).collect_view()}
                        {s.components.iter().take(40).map(|c| view! {
                            <li><code>{c.component.clone()}</code>{format!(": RPO {}, RTO {}", c.rpo_minutes.map(fmt_range).unwrap_or_else(|| "—".into()), c.rto_minutes.map(fmt_range).unwrap_or_else(|| "—".into()))}</li>
                        }).collect_view()}
                    </ul>
                </div>
            }).collect_view())}
        </section>
    }
}

#[component]
fn Costs() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="report-section page-break" aria-labelledby="report-costs">
            <h2 id="report-costs">"Cost by component and line"</h2>
            <table class="lines report-lines">
                <thead><tr><th scope="col">"Item"</th><th scope="col" class="num">"Quantity"</th><th scope="col" class="num">"Unit price"</th><th scope="col" class="num">"Monthly"</th></tr></thead>
                {move || state.estimate.with(|e| e.components.iter().map(|c| view! {
                    <tbody>
                        <tr class="group"><th scope="rowgroup" colspan="3"><code>{c.id.clone()}</code>" "{c.kind.label()}</th><th class="num">{c.monthly.display_usd()}</th></tr>
                        {e.lines.iter().filter(|l| l.component == c.id).map(|l| view! {
                            <tr>
                                <td>{l.item.clone()}<span class="source">{format!(" — {}", l.source)}</span></td>
                                <td class="num">{format!("{} {}", crate::report::fmt_quantity(l.quantity), l.unit)}</td>
                                <td class="num">{crate::report::fmt_unit_price(l.unit_price)}</td>
                                <td class="num">{l.monthly.display_usd()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                }).collect_view())}
                <tfoot><tr><th scope="row" colspan="3">"Total per month"</th><th class="num">{move || state.estimate.with(|e| e.monthly_total.display_usd())}</th></tr></tfoot>
            </table>
            <super::results::charts::CostCharts />
        </section>
    }
}

#[component]
fn Notes() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="report-section" aria-labelledby="report-notes">
            <h2 id="report-notes">"Notes and assumptions"</h2>
            <ul>
                {move || state.estimate.with(caveats).into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                {move || state.plan.with(|p| p.notes.clone()).into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn FixesConsidered() -> impl IntoView {
    let state = use_state();
    state.fixes.start();
    view! {
        <section class="report-section" aria-labelledby="report-fixes">
            <h2 id="report-fixes">"Fixes considered"</h2>
            {move || match state.fixes.status.get() {
                FixStatus::Ready(answer) if answer.fixes.is_empty() && answer.unfixed.is_empty() => view! { <p>"Every target is met: nothing to fix."</p> }.into_any(),
                FixStatus::Ready(answer) => view! {
                    <ul>
                        {answer.fixes.into_iter().map(|f| {
                            let what = if f.resolves.is_empty() {
                                format!("partial: improves {}, which still misses a target", f.improves.join("; "))
                            } else {
                                format!("meets every target of {}", f.resolves.join("; "))
                            };
                            let sign = if f.monthly_cost_delta_micros >= 0 { "+" } else { "−" };
                            view! { <li><strong>{f.change}</strong>{format!(" — {sign}{}/month; {what}.", crate::money::Money::from_micros(f.monthly_cost_delta_micros.saturating_abs()).display_usd())}</li> }
                        }).collect_view()}
                        {answer.unfixed.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}
                    </ul>
                }.into_any(),
                FixStatus::Failed(why) => view! { <p>{why}</p> }.into_any(),
                _ => view! { <p role="status">"Finding the cheapest fixes…"</p> }.into_any(),
            }}
        </section>
    }
}

/// The decision record: decision, owner, date and free text, kept in this browser.
#[component]
fn DecisionRecord() -> impl IntoView {
    let stored: Vec<String> = browser::load(DECISION_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| vec![String::new(); 4]);
    let field = |i: usize| RwSignal::new(stored.get(i).cloned().unwrap_or_default());
    let values = [field(0), field(1), field(2), field(3)];
    let keep = move || {
        let all: Vec<String> = values.iter().map(|v| v.get_untracked()).collect();
        let _ = browser::save(DECISION_KEY, &serde_json::to_string(&all).unwrap_or_default());
    };
    let input = move |i: usize, label: &'static str, kind: &'static str| {
        let id = format!("decision-{i}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type=kind data-testid=format!("decision-{i}") prop:value=move || values[i].get()
                    on:input=move |ev| { values[i].set(event_target_value(&ev)); keep(); } />
                <span class="print-value">{move || values[i].get()}</span>
            </div>
        }
    };
    view! {
        <section class="report-section decision" aria-labelledby="report-decision">
            <h2 id="report-decision">"Decision record"</h2>
            <div class="grid">
                {input(0, "Decision (approved, approved with changes, rejected)", "text")}
                {input(1, "Owner", "text")}
                {input(2, "Date", "date")}
            </div>
            <div class="field">
                <label for="decision-3">"Reasons, conditions and follow-ups"</label>
                <textarea id="decision-3" rows="4" data-testid="decision-3" prop:value=move || values[3].get()
                    on:input=move |ev| { values[3].set(event_target_value(&ev)); keep(); }></textarea>
                <p class="print-value">{move || values[3].get()}</p>
            </div>
        </section>
    }
}

/// The whole report.
#[component]
pub fn Report() -> impl IntoView {
    let state = use_state();
    view! {
        <article class="board-report" aria-labelledby="report-cover" data-testid="report">
            <div class="report-actions">
                <button type="button" data-testid="print-report" on:click=move |_| browser::print()>"Print or save as PDF"</button>
                <span class="hint">"Every section below prints, in black and white, one after the other."</span>
            </div>
            <Cover />
            <Verdicts />
            <RecoveryWorking />
            <section class="report-section" aria-label="Recovery chart"><super::results::charts::RecoveryChart /></section>
            <Costs />
            <Notes />
            <FixesConsidered />
            <super::report_runbook::RunbookSection />
            {move || state.baseline.with(Option::is_some).then(|| view! {
                <section class="report-section page-break" aria-labelledby="report-baseline">
                    <h2 id="report-baseline">"Against the baseline"</h2>
                    <super::review::Comparison />
                </section>
            })}
            <DecisionRecord />
        </article>
    }
}
