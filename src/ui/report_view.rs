//! The review report: every section a review board needs on one page, in reading
//! order, for the screen and for print (each section starts on its own printed page
//! where it is long). Cover (plan, regions, targets, prices in words, date), headline
//! and verdicts, the recovery matrix with its working, cost by component and lines,
//! the charts, notes and assumptions, the fixes considered, the comparison with a
//! pinned baseline, and the decision record kept in the plan. Every figure and
//! sentence comes from the core's report view model (`report::board`), which
//! `drplan report --html` prints too; this view lays them out.

use leptos::prelude::*;

use super::browser;
use super::fix_search::FixStatus;
use super::state::use_state;
use crate::recovery::Measure;
use crate::report::board::{
    cost_groups, cost_groups_note, cover_facts, fix_lines, ledger_table, left_out_words, notes,
    scenario_summary, sentence_case, strategy_sentence, verdict, working_lines,
};
use crate::report::headline;

#[component]
fn Cover() -> impl IntoView {
    let state = use_state();
    let today = browser::today();
    view! {
        <section class="report-section cover" aria-labelledby="report-cover">
            <p class="kicker">"Backup and disaster-recovery design review"</p>
            <h2 id="report-cover" data-testid="report-plan-name">{move || state.plan.with(|p| p.name.clone())}</h2>
            <dl class="facts">
                {move || state.plan.with(|p| state.estimate.with(|e| cover_facts(p, e, &today))).into_iter().map(|(label, value)| view! {
                    <dt>{label}</dt><dd>{value}</dd>
                }).collect_view()}
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
                        <tr><th scope="row">{sentence_case(s.scenario.label())}</th><td>{verdict(s, Measure::Rpo)}</td><td>{verdict(s, Measure::Rto)}</td></tr>
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
            <p>{move || state.recovery.with(strategy_sentence)}</p>
            {move || state.recovery.with(|r| r.scenarios.iter().map(|s| view! {
                <div class="report-scenario">
                    <h3>{sentence_case(s.scenario.label())}</h3>
                    <p>{scenario_summary(s)}</p>
                    {s.not_recoverable.clone().map(|n| view! { <p class="message error">{n}</p> })}
                    <ul class="working-lines">
                        {working_lines(s).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
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
            // The groups once per estimate, for the note and the table both.
            {move || state.estimate.with(|e| {
                let groups = cost_groups(e);
                let note = cost_groups_note(&groups).map(|note| view! { <p class="hint" data-testid="report-lines-note">{note}</p> });
                let bodies = groups.into_iter().map(|g| view! {
                    <tbody>
                        <tr class="group"><th scope="rowgroup" colspan="3"><code>{g.component.id.clone()}</code>" "{g.component.kind.label()}</th><th class="num">{g.component.monthly.display_usd()}</th></tr>
                        {g.lines.iter().map(|l| view! {
                            <tr>
                                <td>{l.item.clone()}<span class="source">{format!(" — {}", l.source)}</span></td>
                                <td class="num">{format!("{} {}", crate::report::fmt_quantity(l.quantity), l.unit)}</td>
                                <td class="num">{crate::report::fmt_unit_price(l.unit_price)}</td>
                                <td class="num">{l.monthly.display_usd()}</td>
                            </tr>
                        }).collect_view()}
                        {(g.left_out > 0).then(|| view! { <tr class="left-out"><td colspan="4" class="source">{left_out_words(g.left_out)}</td></tr> })}
                    </tbody>
                }).collect_view();
                view! {
                    {note}
                    <table class="lines report-lines">
                        <thead><tr><th scope="col">"Item"</th><th scope="col" class="num">"Quantity"</th><th scope="col" class="num">"Unit price"</th><th scope="col" class="num">"Monthly"</th></tr></thead>
                        {bodies}
                        <tfoot><tr><th scope="row" colspan="3">"Total per month"</th><th class="num">{e.monthly_total.display_usd()}</th></tr></tfoot>
                    </table>
                }
            })}
            <super::results::charts::CostCharts />
        </section>
    }
}

/// The month-by-month ledger: cost, its change, and the data stored by class.
#[component]
fn Ledger() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="report-section page-break" aria-labelledby="report-ledger">
            <h2 id="report-ledger">"Month by month: cost and data stored"</h2>
            {move || state.estimate.with(|e| {
                let table = ledger_table(e);
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Ledger, month by month">
                        <table class="lines report-ledger" data-testid="report-ledger">
                            <thead><tr>{table.header.into_iter().enumerate().map(|(i, h)| view! {
                                <th scope="col" class=(i > 0).then_some("num")>{h}</th>
                            }).collect_view()}</tr></thead>
                            <tbody>{table.rows.into_iter().map(|row| view! {
                                <tr>{row.into_iter().enumerate().map(|(i, c)| view! {
                                    <td class=(i > 0).then_some("num")>{c}</td>
                                }).collect_view()}</tr>
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                }
            })}
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
                {move || state.plan.with(|p| state.estimate.with(|e| notes(p, e))).into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
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
                        {fix_lines(&answer.fixes, state.estimate.with(|e| e.monthly_total)).into_iter().map(|f| view! {
                            <li><strong>{f.change}</strong>{format!(" — {}", f.detail)}</li>
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

/// The decision record: decision, owner, date and free text, kept in the plan.
#[component]
fn DecisionRecord() -> impl IntoView {
    view! {
        <section class="report-section decision" aria-labelledby="report-decision">
            <h2 id="report-decision">"Decision record"</h2>
            <super::decision::DecisionEditor />
        </section>
    }
}

/// The whole report.
#[component]
pub fn Report() -> impl IntoView {
    let state = use_state();
    state.show_cost_detail();
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
            <Ledger />
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
