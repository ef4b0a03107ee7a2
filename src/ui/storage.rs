//! Keeping the user's work in the browser's storage: the plan autosaved once typing
//! pauses (and at once when the page is left or hidden), and the recent plans whenever
//! they change. These are the app's effects that sync with the outside world; what is
//! saved and how it is read back is the core's ([`crate::session`]).

use std::time::Duration;

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;

use super::browser;
use super::state::{AppState, Notice, AUTOSAVE_AT_LEAST_EVERY_MS, AUTOSAVE_PAUSE_MS};
use crate::plan::Plan;

/// Autosaves the plan after every change, and the recent plans when they change.
///
/// The first plan is saved at once (a share link opened at the start is then no
/// longer in the address bar). Later changes are saved once typing pauses for
/// [`AUTOSAVE_PAUSE_MS`] (and at least every [`AUTOSAVE_AT_LEAST_EVERY_MS`]), so a
/// keystroke never waits for the plan's file form and local storage; a pending save
/// is written at once when the page is left or hidden (reload, tab closed,
/// navigation, another tab or app in front), so nothing typed is lost.
pub fn keep_in_storage(state: &AppState, recent_revision: Memo<u64>) {
    let (plan, session, notice) = (state.plan, state.session, state.notice);
    let save_now = move || {
        let json = plan.with_untracked(Plan::to_json_pretty);
        if let Err(why) = browser::save(browser::AUTOSAVE_KEY, &json) {
            notice.set(Some(Notice { text: why, is_error: true }));
        }
    };
    // The pending save's timer, and when the first change it holds was made.
    let pending = StoredValue::new(None::<(TimeoutHandle, f64)>);
    let flush = move || {
        if let Some((timer, _)) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
            save_now();
        }
    };
    Effect::new(move |started: Option<()>| {
        plan.track();
        if started.is_none() {
            return save_now();
        }
        let now = browser::now_ms();
        let first = match pending.try_update_value(Option::take).flatten() {
            Some((timer, first)) => {
                timer.clear();
                first
            }
            None => now,
        };
        let due = (first + f64::from(AUTOSAVE_AT_LEAST_EVERY_MS) - now).max(0.0);
        let wait = f64::from(AUTOSAVE_PAUSE_MS).min(due) as u64;
        let saved = move || {
            pending.set_value(None);
            save_now();
        };
        if let Ok(timer) = set_timeout_with_handle(saved, Duration::from_millis(wait)) {
            pending.set_value(Some((timer, first)));
        } else {
            save_now();
        }
    });
    let flush_on = |event| window_event_listener_untyped(event, move |_| flush());
    let (hidden, left) = (flush_on("visibilitychange"), flush_on("pagehide"));
    on_cleanup(move || {
        flush();
        hidden.remove();
        left.remove();
    });
    Effect::new(move |_| {
        recent_revision.track();
        let text = session.with_untracked(|s| s.recent().to_storage());
        if let Err(why) = browser::save(browser::RECENT_KEY, &text) {
            notice.set(Some(Notice { text: why, is_error: true }));
        }
    });
}
