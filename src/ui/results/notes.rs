//! The plan's notes and assumptions beside the total: the price sheet named in words
//! with the plan's total at the other sheet one glance away (and one click to switch),
//! the caveats of the prices used (regions no sheet prices, the free-tier setting,
//! with its switch), and the plan's own notes. Every sentence comes from the core
//! (`report`); this view only lays them out.
//!
//! The other sheet's total is a second estimate of the whole plan: it is priced
//! [`OTHER_SHEET_DELAY`] after the last edit rather than in the edit's own frame, so a
//! typing burst draws the plan's total at every keystroke and prices the comparison
//! once, re-simulating only the components changed since it last priced. Until then
//! the former figure stays, marked as being updated.

use std::time::Duration;

use leptos::prelude::*;

use crate::cost::KeptUsage;
use crate::money::Money;
use crate::report::{caveats, other_sheet_total, sheet_words};
use crate::ui::state::use_state;

/// How long after the last edit the other sheet's total is priced: longer than the
/// gap between a typist's keystrokes, short enough to read as live.
pub(crate) const OTHER_SHEET_DELAY: Duration = Duration::from_millis(200);

#[component]
pub fn PlanNotes() -> impl IntoView {
    let state = use_state();
    let other = RwSignal::new(None::<(String, String, Money)>);
    let updating = RwSignal::new(true);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // The other sheet's usage series, kept from one pricing to the next: a delayed
    // pricing re-simulates only the components edited since.
    let kept = StoredValue::new(KeptUsage::default());
    Effect::new(move |_| {
        state.plan.track();
        updating.try_set(true);
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
        let price_other = move || {
            // The panel may be gone by now: then there is nothing to update.
            let total = state.plan.try_with_untracked(|plan| {
                kept.try_update_value(|kept| other_sheet_total(plan, kept))
            });
            if let Some(Some(total)) = total {
                other.try_set(total);
                updating.try_set(false);
            }
        };
        // (Its own values are gone when the panel closed while this effect was due; the
        // pricing then finds nothing to update.)
        pending.try_set_value(set_timeout_with_handle(price_other, OTHER_SHEET_DELAY).ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    let caveat_lines = Memo::new(move |_| state.estimate.with(caveats));
    let notes = Memo::new(move |_| state.plan.with(|p| p.notes.clone()));
    let count = move || caveat_lines.with(Vec::len) + notes.with(Vec::len);
    let switch_sheet = move |_| {
        if let Some((id, words, _)) = other.get_untracked() {
            if state.edit(format!("switch prices to {words}"), |p| p.pricing.sheet = id) {
                state.say(format!("Prices switched to {words}."));
            }
        }
    };
    let free_tier = move || state.plan.with(|p| p.pricing.apply_free_tier);
    view! {
        <aside class="plan-notes" aria-labelledby="plan-notes-title" data-testid="plan-notes">
            <p class="sheet">
                "Price sheet: "
                <strong data-testid="sheet-words">{move || state.estimate.with(|e| sheet_words(&e.price_sheet))}</strong>
                {move || other.get().map(|(_, words, total)| view! {
                    <span class="other" class:updating=move || updating.get() aria-busy=move || updating.get().to_string() data-testid="other-sheet-total">
                        " · at " {words} ": " <strong>{total.display_usd()}</strong> " a month "
                        <button type="button" class="small" disabled=move || updating.get() on:click=switch_sheet>"use these prices"</button>
                    </span>
                })}
            </p>
            <details>
                <summary id="plan-notes-title">{move || format!("Notes and assumptions ({})", count())}</summary>
                <label class="free-tier" data-path="pricing.apply_free_tier">
                    <input
                        type="checkbox"
                        data-testid="apply-free-tier"
                        prop:checked=free_tier
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let verb = if on { "apply" } else { "stop applying" };
                            state.edit(format!("{verb} the always-free allowances"), |p| p.pricing.apply_free_tier = on);
                        }
                    />
                    " Apply the account's always-free allowances (off when other workloads in the account already use them)"
                </label>
                <ul class="caveats" data-testid="price-caveats">
                    {move || caveat_lines.get().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
                <ul class="notes" data-testid="plan-notes-list">
                    {move || notes.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            </details>
        </aside>
    }
}
