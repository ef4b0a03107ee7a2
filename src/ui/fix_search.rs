//! The fix list's search, run in its own instance of the app's Web Worker so it never
//! blocks typing. Once the fix list has been shown, every plan change goes to the
//! worker; [`FixQueue`] (the core) decides when to send, when to drop an outdated
//! answer and when to replace a worker stuck on an outdated plan.

use std::time::Duration;

use leptos::prelude::*;

use super::browser::{self, WorkerRole};
use crate::plan::Plan;
use crate::session::fix_queue::{Action, FixQueue, RESTART_STALE_AFTER_MS};
use crate::session::fix_search::{FixAnswer, FixRequest};
use crate::session::worker::{WorkerAnswer, WorkerRequest};

/// What the fix list shows.
#[derive(Clone, Debug, PartialEq)]
pub enum FixStatus {
    /// Not asked for yet (the fix list has not been shown).
    Off,
    /// The worker is searching for the current plan.
    Computing,
    /// The fixes of the current plan.
    Ready(FixAnswer),
    Failed(String),
}

#[derive(Clone, Copy)]
pub struct FixSearch {
    pub status: RwSignal<FixStatus>,
    active: RwSignal<bool>,
    queue: StoredValue<FixQueue>,
    /// The plan, written out for the worker only when a request goes.
    plan: super::state::CurrentPlan,
}

impl FixSearch {
    /// Follows `plan` once [`FixSearch::start`] has been called.
    pub fn new(plan: super::state::CurrentPlan) -> FixSearch {
        let search = FixSearch {
            status: RwSignal::new(FixStatus::Off),
            active: RwSignal::new(false),
            queue: StoredValue::new(FixQueue::default()),
            plan,
        };
        Effect::new(move |_| {
            if !search.active.get() {
                return;
            }
            // Each change is a new plan to search; it is written out only when sent (a
            // keystroke while the worker is busy writes nothing).
            plan.track();
            let now = browser::now_ms();
            let action = search.queue.try_update_value(|q| q.plan_changed(now).1);
            search.status.set(FixStatus::Computing);
            match action {
                // A search about an older plan runs: look again once it has had its time.
                Some(Action::Wait) => set_timeout(
                    move || {
                        let now = browser::now_ms();
                        if let Some(action) = search.queue.try_update_value(|q| q.check(now)) {
                            search.act(action);
                        }
                    },
                    Duration::from_millis(RESTART_STALE_AFTER_MS as u64),
                ),
                // Sent from a task of its own: writing out a large plan for the worker
                // never delays the edit's own update on screen.
                Some(action) => set_timeout(move || search.act(action), Duration::ZERO),
                None => {}
            }
        });
        search
    }

    /// Starts following the plan (the fix list is shown).
    pub fn start(&self) {
        if !self.active.get_untracked() {
            self.active.set(true);
        }
    }

    fn act(self, action: Action) {
        let generation = match action {
            Action::Wait => return,
            Action::Send(generation) => generation,
            Action::Restart(generation) => {
                browser::stop_worker(WorkerRole::Fixes);
                generation
            }
        };
        // The newest plan: the one `generation` numbers, or a later one typed since
        // (whose own request the queue then sends, the answer to this one being stale).
        let Some(plan_json) = self.plan.try_with_untracked(Plan::to_json_pretty) else { return };
        let request = WorkerRequest::Fixes(FixRequest { generation, plan_json });
        let sent = serde_json::to_string(&request)
            .map_err(|_| "the fix request could not be written".to_string())
            .and_then(|text| {
                browser::worker_request(WorkerRole::Fixes, &text, move |a| self.answered(a))
            });
        if let Err(why) = sent {
            self.failed(why);
        }
    }

    fn answered(self, answer: Result<String, String>) {
        let text = match answer {
            Ok(text) => text,
            Err(why) => return self.failed(why),
        };
        let answer = match serde_json::from_str::<WorkerAnswer>(&text) {
            Ok(WorkerAnswer::Fixes(answer)) => answer,
            Ok(_) | Err(_) => {
                return self.failed("the worker gave an answer that could not be read".into())
            }
        };
        let now = browser::now_ms();
        let Some((current, next)) =
            self.queue.try_update_value(|q| q.answered(answer.generation, now))
        else {
            return;
        };
        if current {
            self.status.set(match answer.error {
                Some(error) => FixStatus::Failed(error),
                None => FixStatus::Ready(answer),
            });
        }
        self.act(next);
    }

    fn failed(self, why: String) {
        let now = browser::now_ms();
        match self.queue.try_update_value(|q| q.failed(now)) {
            Some(Action::Wait) | None => {
                self.status.set(FixStatus::Failed(format!("the fix search stopped: {why}")))
            }
            Some(next) => self.act(next),
        }
    }
}
