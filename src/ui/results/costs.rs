//! The cost views: the headline total, cost lines (grouped or sorted, each with its
//! working and source), price overrides, the ledger, and CSV downloads.

use leptos::prelude::*;

use crate::cost::CostLine;
use crate::money::{group_thousands, Money};
use crate::plan::Plan;
use crate::pricing::PriceOrigin;
use crate::report::{fmt_quantity, fmt_unit_price, ledger_csv, lines_csv};
use crate::ui::browser;
use crate::ui::by_position::{shared, ByPosition};
use crate::ui::fields::{Field, Lens};
use crate::ui::state::use_state;

/// The plan's validation errors, counted.
fn error_count(state: crate::ui::state::AppState) -> usize {
    state.diagnostics.with(|d| crate::report::DiagnosticCounts::of(d.all()).errors)
}

/// The headline total, always visible in the sticky summary bar. While the plan has
/// errors the bar says so first, and the figure is labelled as the estimate of a plan
/// that is not valid.
#[component]
pub fn Summary() -> impl IntoView {
    let state = use_state();
    let total = Memo::new(move |_| state.estimate.with(|e| e.monthly_total.display_usd()));
    let errors = Memo::new(move |_| error_count(state));
    view! {
        <div class=move || { if errors.get() > 0 { "headline invalid" } else { "headline" } } aria-live="polite">
            {move || (errors.get() > 0).then(|| view! {
                <p class="plan-errors" role="alert" data-testid="plan-errors">
                    <strong>{move || match errors.get() { 1 => "The plan has 1 error".to_string(), n => format!("The plan has {n} errors") }}</strong>
                    " — these figures are not valid until it is fixed; the field says what is wrong. Export is blocked."
                </p>
            })}
            <span class="label">{move || { if errors.get() > 0 { "Monthly cost (plan not valid)" } else { "Monthly cost" } }}</span>
            <strong data-testid="total-monthly-cost">{move || total.get()}</strong>
        </div>
    }
}

/// The sentences under the bar: the headline in words, the horizon and the sheet.
#[component]
pub fn SummaryDetail() -> impl IntoView {
    let state = use_state();
    view! {
        <p class="summary-detail">
            <span data-testid="headline">{move || state.estimate.with(|e| state.recovery.with(|r| crate::report::headline(e, Some(r))))}</span>
            <span>{move || state.estimate.with(|e| format!(" · {} over {} months", e.horizon_total.display_usd(), e.horizon_months))}</span>
            " · prices: "<span data-testid="price-sheet">{move || state.estimate.with(|e| e.price_sheet.clone())}</span>
        </p>
    }
}

/// Each component's share of the month, as bars. A row per component position, each
/// following its own figures (see [`ByPosition`]): an edit wakes and redraws only the
/// rows whose figures changed (and every bar when the largest cost changes).
#[component]
pub fn ComponentTotals() -> impl IntoView {
    let state = use_state();
    let rows = ByPosition::new(move || {
        state.estimate.with(|e| {
            e.components.iter().map(|c| (c.id.clone(), c.kind.label(), c.monthly)).collect()
        })
    });
    let count = Memo::new(move |_| state.estimate.with(|e| e.components.len()));
    // Every row reads it: a signal set only when it changes.
    let largest = shared(move || {
        state
            .estimate
            .with(|e| e.components.iter().map(|c| c.monthly.micros()).max().unwrap_or(1).max(1))
    });
    view! {
        <table class="totals">
            <caption>"By component"</caption>
            <tbody>
                <For each=move || 0..count.get() key=|index| *index let(index)>
                    <ComponentTotal row=rows.at(index) largest=largest />
                </For>
            </tbody>
        </table>
    }
}

/// One row of [`ComponentTotals`]: a component's id, kind and monthly cost.
#[component]
fn ComponentTotal(
    row: Signal<(String, &'static str, Money)>,
    largest: Signal<i64>,
) -> impl IntoView {
    let width = move || {
        let share = row.with(|r| r.2.micros()) as f64 / largest.get() as f64;
        format!("width: {:.1}%", share * 100.0)
    };
    view! {
        <tr>
            <th scope="row"><code>{move || row.with(|r| r.0.clone())}</code>" "<span class="kind">{move || row.with(|r| r.1)}</span></th>
            <td class="bar"><span style=width></span></td>
            <td class="num">{move || row.with(|r| r.2.display_usd())}</td>
        </tr>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Component,
    Largest,
    PriceId,
}

fn origin_note(origin: &PriceOrigin) -> &'static str {
    match origin {
        PriceOrigin::Sheet => "",
        PriceOrigin::Fallback { .. } => "fallback",
        PriceOrigin::Override => "override",
        PriceOrigin::Unpriced => "unpriced",
    }
}

fn line_row(line: CostLine, show_component: bool) -> impl IntoView {
    let note = origin_note(&line.origin);
    view! {
        <tr>
            {show_component.then(|| view! { <td><code>{line.component.clone()}</code></td> })}
            <td>
                {line.item.clone()}
                <details class="working">
                    <summary>"working"</summary>
                    <p>{format!("{} {} × {} = {}", fmt_quantity(line.quantity), line.unit, fmt_unit_price(line.unit_price), line.monthly.display_usd())}</p>
                    <p>{line.basis.clone()}</p>
                    <p class="source">{format!("{}: {}", line.price_id, line.source)}</p>
                </details>
            </td>
            <td class="num">{format!("{} {}", fmt_quantity(line.quantity), line.unit)}</td>
            <td class="num" title=line.source.clone()>{fmt_unit_price(line.unit_price)}{(!note.is_empty()).then(|| view! { <span class=format!("tag {note}")>{note}</span> })}</td>
            <td class="num">{line.monthly.display_usd()}</td>
        </tr>
    }
}

/// Lines the Costs view lists before a click asks for more: a plan of 200 versioned,
/// tiered and replicated buckets has about 7,000 lines, which took the browser
/// 2.5-2.9 s to build and lay out, and as long again after each price override.
/// Past this, the groups of the order by component start folded (each says its line
/// count and cost), and the sorted orders list the first lines and offer the rest.
const LINES_LISTED_AT_ONCE: usize = 300;

/// The cost lines with their working and sources.
#[component]
pub fn CostLines() -> impl IntoView {
    let state = use_state();
    state.show_cost_detail();
    let order = RwSignal::new(Order::Component);
    // Groups the user opened or folded, against how they start (open unless the
    // plan has more lines than the view lists at once), kept across edits.
    let toggled = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let show_all = RwSignal::new(false);
    let download = move |name: &str, text: String| {
        if let Err(why) = browser::download(name, "text/csv", text.as_bytes()) {
            state.warn(why);
        }
    };
    view! {
        <section class="panel" aria-labelledby="lines-title">
            <div class="panel-head">
                <h2 id="lines-title">"Cost lines"</h2>
                <label>"Order "
                    <select data-testid="lines-order" on:change=move |ev| order.set(match event_target_value(&ev).as_str() { "largest" => Order::Largest, "price" => Order::PriceId, _ => Order::Component })>
                        <option value="component">"by component"</option>
                        <option value="largest">"largest first"</option>
                        <option value="price">"by price id"</option>
                    </select>
                </label>
                <button type="button" class="small" on:click=move |_| download("drplan-cost-lines.csv", state.estimate.with(lines_csv))>"Lines CSV"</button>
                <button type="button" class="small" on:click=move |_| download("drplan-ledger.csv", state.estimate.with(ledger_csv))>"Ledger CSV"</button>
            </div>
            <table class="lines" data-testid="cost-lines">
                // Sorted orders add a component column: header and footer follow, so
                // every cell sits under its own heading in every order.
                <thead><tr>
                    {move || (order.get() != Order::Component).then(|| view! { <th scope="col">"Component"</th> })}
                    <th scope="col">"Item"</th><th scope="col" class="num">"Quantity"</th><th scope="col" class="num">"Unit price"</th><th scope="col" class="num">"Monthly"</th>
                </tr></thead>
                {move || state.estimate.with(|e| {
                    let open_at_first = e.lines.len() <= LINES_LISTED_AT_ONCE;
                    match order.get() {
                        Order::Component => e.lines_by_component().into_iter().map(|(c, lines)| {
                            let count = match lines.len() { 1 => "1 line".to_string(), n => format!("{} lines", group_thousands(n as u64)) };
                            let lines: Vec<CostLine> = lines.into_iter().cloned().collect();
                            // Read per group: a click renders that group's lines and
                            // nothing else.
                            let id = c.id.clone();
                            let open = Signal::derive(move || open_at_first != toggled.with(|t| t.contains(&id)));
                            let id = c.id.clone();
                            let toggle = move |_| toggled.update(|t| if !t.remove(&id) { t.insert(id.clone()); });
                            view! {
                                <tbody>
                                    <tr class="group"><th colspan="3">
                                        <button type="button" class="disclosure" aria-expanded=move || open.get().to_string() on:click=toggle>
                                            <code>{c.id.clone()}</code>" "{c.kind.label()}<span class="count">{format!(" · {count}")}</span>
                                        </button>
                                    </th><th class="num">{c.monthly.display_usd()}</th></tr>
                                    {move || open.get().then(|| lines.iter().map(|l| line_row(l.clone(), false)).collect_view())}
                                </tbody>
                            }
                        }).collect_view().into_any(),
                        other => {
                            let mut rows: Vec<&CostLine> = e.lines.iter().collect();
                            if other == Order::Largest { rows.sort_by_key(|l| std::cmp::Reverse(l.monthly)); } else { rows.sort_by(|a, b| a.price_id.cmp(&b.price_id)); }
                            let listed = if show_all.get() { rows.len() } else { rows.len().min(LINES_LISTED_AT_ONCE) };
                            let more = rows.len() - listed;
                            view! {
                                <tbody>
                                    {rows[..listed].iter().map(|l| line_row((*l).clone(), true)).collect_view()}
                                    {(more > 0).then(|| view! {
                                        <tr class="more"><td colspan="5">
                                            <button type="button" class="small" on:click=move |_| show_all.set(true)>{format!("Show the other {} lines", group_thousands(more as u64))}</button>
                                            {format!(" The first {} of {} are listed; the Lines CSV has every one.", group_thousands(listed as u64), group_thousands(rows.len() as u64))}
                                        </td></tr>
                                    })}
                                </tbody>
                            }.into_any()
                        }
                    }
                })}
                <tfoot><tr><th scope="row" colspan=move || if order.get() == Order::Component { "3" } else { "4" }>"Total per month"</th><th class="num">{move || state.estimate.with(|e| e.monthly_total.display_usd())}</th></tr></tfoot>
            </table>
        </section>
    }
}

/// Every price the estimate uses, with its source, and an override field.
#[component]
pub fn PriceOverrides() -> impl IntoView {
    let state = use_state();
    state.show_cost_detail();
    let used = Memo::new(move |_| state.estimate.with(crate::report::prices_used));
    view! {
        <section class="panel" aria-labelledby="prices-title">
            <h2 id="prices-title">"Prices used"</h2>
            <p class="hint">"Each price comes from the chosen sheet, a fallback sheet (with the reason), or your override. Leave an override empty to use the sheet."</p>
            <table class="prices">
                <thead><tr><th>"Price id"</th><th class="num">"Unit price"</th><th>"Source"</th><th>"Override (USD per unit)"</th></tr></thead>
                <tbody>
                    {move || used.get().into_iter().map(|crate::report::PriceUsed { price_id: id, unit_price: price, unit, source, .. }| {
                        let key = id.clone();
                        let key2 = id.clone();
                        let lens = Lens::<Option<f64>>::plan(format!("pricing.overrides.{id}"), move |p: &Plan| p.pricing.overrides.get(&key).copied(), move |p, v| match v {
                            Some(v) => { p.pricing.overrides.insert(key2.clone(), v); }
                            None => { p.pricing.overrides.remove(&key2); }
                        });
                        view! {
                            <tr>
                                <td><code>{id.clone()}</code></td>
                                <td class="num">{format!("{price} / {unit}")}</td>
                                <td class="source">{source}</td>
                                <td><Field label="override" lens=lens placeholder="sheet price" inputmode="decimal" /></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Selected months of the ledger.
#[component]
pub fn Ledger() -> impl IntoView {
    let state = use_state();
    state.show_cost_detail();
    view! {
        <details class="panel ledger">
            <summary><h2>"Month by month"</h2></summary>
            <table>
                <thead><tr><th class="num">"Month"</th><th class="num">"Cost"</th><th class="num">"Stored"</th></tr></thead>
                <tbody>
                    {move || state.estimate.with(|e| e.ledger.iter().map(|m| {
                        view! { <tr><td class="num">{m.month}</td><td class="num">{m.total.display_usd()}</td><td class="num">{crate::report::stored_text(m)}</td></tr> }
                    }).collect_view())}
                </tbody>
            </table>
        </details>
    }
}
