//! The session in the page: Undo and Redo (buttons and Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y),
//! share links pasted into the address bar of an open tab, and the recent plans.

use leptos::ev;
use leptos::prelude::*;

use super::browser;
use super::state::{use_state, AppState};
use crate::session::{shortcut, Shortcut};

/// Listens to the window for the undo shortcuts and for a share link pasted into the
/// address bar (a `hashchange`: the page does not reload).
pub fn listen_to_window(state: AppState) {
    let keys = window_event_listener(ev::keydown, move |event| {
        let pressed = shortcut(
            &event.key(),
            event.ctrl_key() || event.meta_key(),
            event.shift_key(),
            event.alt_key(),
        );
        match pressed {
            // Text fields too: the app's undo covers typing (one step per field), and
            // the browser's own would fight the plan.
            Some(Shortcut::Undo) => {
                event.prevent_default();
                state.undo();
            }
            Some(Shortcut::Redo) => {
                event.prevent_default();
                state.redo();
            }
            None => {}
        }
    });
    let links = window_event_listener(ev::hashchange, move |_| state.open_link_from_address_bar());
    on_cleanup(move || {
        keys.remove();
        links.remove();
    });
}

/// The Undo and Redo buttons, saying what they would undo or redo.
#[component]
pub fn UndoRedo() -> impl IntoView {
    let state = use_state();
    let title = |verb: &str, label: Option<String>, keys: &str| match label {
        Some(label) => format!("{verb}: {label} ({keys})"),
        None => format!("Nothing to {}", verb.to_lowercase()),
    };
    view! {
        <button type="button" data-testid="undo" disabled=move || state.undo_label.with(Option::is_none)
            title=move || title("Undo", state.undo_label.get(), "Ctrl+Z") aria-keyshortcuts="Control+Z"
            on:click=move |_| state.undo()>"↶ Undo"</button>
        <button type="button" data-testid="redo" disabled=move || state.redo_label.with(Option::is_none)
            title=move || title("Redo", state.redo_label.get(), "Ctrl+Shift+Z") aria-keyshortcuts="Control+Shift+Z Control+Y"
            on:click=move |_| state.redo()>"↷ Redo"</button>
    }
}

/// The plans put aside when something else was opened, to reopen or forget.
#[component]
pub fn RecentPlans() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="panel recent" aria-labelledby="recent-title" data-testid="recent-plans">
            <h2 id="recent-title">"Recent plans"</h2>
            <p class="hint">"Plans you had open when you opened a design, a file or a share link, kept in this browser (newest first)."</p>
            {move || {
                let list = state.recent.get();
                if list.is_empty() {
                    return view! { <p class="empty">"None yet."</p> }.into_any();
                }
                view! {
                    <ul class="recent-list">
                        {list.into_iter().enumerate().map(|(index, entry)| view! {
                            <li data-testid="recent-plan">
                                <div>
                                    <strong>{entry.name}</strong>
                                    <span class="hint">{format!("{} · {}", entry.reason, browser::local_time(entry.kept_at_ms))}</span>
                                </div>
                                <button type="button" class="small" on:click=move |_| {
                                    state.reopen_recent(index);
                                    state.tab.set(super::state::Tab::Plan);
                                }>"Reopen"</button>
                                <button type="button" class="small danger" on:click=move |_| state.forget_recent(index)>"Forget"</button>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
