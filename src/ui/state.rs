//! The app's state: one plan signal, values derived from it as memos, and effects that
//! sync with the outside world (autosave). Logic lives in the core.

use leptos::prelude::*;

use super::browser;
use crate::cost::{estimate, Estimate};
use crate::plan::{parse_plan, validate, Diagnostic, Plan};
use crate::presets::default_plan;
use crate::recovery::RecoveryReport;
use crate::share;

/// The main views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Plan,
    Costs,
    Recovery,
    Export,
    Review,
    Presets,
}

/// A message for the user, shown until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub plan: RwSignal<Plan>,
    /// The other side of review mode.
    pub baseline: RwSignal<Option<Plan>>,
    pub tab: RwSignal<Tab>,
    pub notice: RwSignal<Option<Notice>>,
    /// The component card to open (a newly added or duplicated one).
    pub opened: RwSignal<Option<usize>>,
    pub diagnostics: Memo<Vec<Diagnostic>>,
    pub estimate: Memo<Estimate>,
    /// Achieved RPO/RTO per scenario and the cheapest fixes for missed targets.
    pub recovery: Memo<RecoveryReport>,
}

impl AppState {
    /// Builds the state from, in order: a share link in the URL, the autosave, the
    /// default plan. A broken link leaves the autosaved plan in place and says why.
    pub fn new() -> AppState {
        let mut notice = None;
        let autosaved = browser::load_autosave().and_then(|json| parse_plan(&json).ok());
        let fragment = browser::fragment();
        let plan = if share::carries_plan(&fragment) {
            match share::decode_fragment(&fragment) {
                Ok(plan) => {
                    notice = Some(Notice {
                        text: format!("Opened \"{}\" from a share link.", plan.name),
                        is_error: false,
                    });
                    plan
                }
                Err(why) => {
                    notice = Some(Notice { text: format!("The share link could not be opened: {why}. Your current plan is unchanged."), is_error: true });
                    autosaved.unwrap_or_else(default_plan)
                }
            }
        } else {
            autosaved.unwrap_or_else(default_plan)
        };
        let plan = RwSignal::new(plan);
        let estimate = Memo::new(move |_| plan.with(estimate));
        let state = AppState {
            plan,
            baseline: RwSignal::new(None),
            tab: RwSignal::new(Tab::Plan),
            notice: RwSignal::new(notice),
            opened: RwSignal::new(None),
            diagnostics: Memo::new(move |_| plan.with(validate)),
            estimate,
            recovery: Memo::new(move |_| {
                plan.with(|p| estimate.with(|e| crate::recovery::report(p, e)))
            }),
        };
        state.autosave();
        state
    }

    /// Keeps the plan in local storage so a reload restores it exactly.
    fn autosave(&self) {
        let (plan, notice) = (self.plan, self.notice);
        Effect::new(move |_| {
            let json = plan.with(Plan::to_json_pretty);
            if let Err(why) = browser::save_autosave(&json) {
                notice.set(Some(Notice { text: why, is_error: true }));
            }
        });
    }

    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), is_error: false }));
    }

    pub fn warn(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), is_error: true }));
    }

    /// Replaces the whole plan (preset, opened file, share link, fix).
    pub fn load(&self, plan: Plan, message: impl Into<String>) {
        self.plan.set(plan);
        self.say(message);
    }

    /// Diagnostics whose path is `path` or lies inside it.
    pub fn messages_at(&self, path: &str) -> Vec<Diagnostic> {
        self.diagnostics.with(|all| {
            all.iter()
                .filter(|d| {
                    d.path == path
                        || (d.path.starts_with(path)
                            && d.path[path.len()..].starts_with(['.', '[']))
                })
                .cloned()
                .collect()
        })
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
