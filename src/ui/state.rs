//! The app's state: the session (current plan, undo history, recent plans) in one
//! signal and values derived from it as memos; its effects, which only sync with the
//! outside world, are in [`super::storage`] (autosave, recent plans) and
//! [`super::fix_search`] (the worker). Every decision is the core's
//! ([`crate::session`]); this wires it to signals and browser APIs.

use std::sync::Arc;

use leptos::prelude::*;

use super::browser;
use crate::cost::{estimate, Detail, Estimate};
use crate::plan::{validate, Diagnostic, Plan};
use crate::recovery::{assess, RecoveryReport};
use crate::session::{self, Change, Opened, RecentPlan, Session, Source};

/// The main views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Plan,
    Costs,
    Recovery,
    Export,
    Review,
    Report,
    Presets,
}

impl Tab {
    pub const ALL: [Tab; 7] =
        [Tab::Plan, Tab::Costs, Tab::Recovery, Tab::Export, Tab::Review, Tab::Report, Tab::Presets];

    /// The view's name in the address (`?view=costs`).
    pub fn slug(self) -> &'static str {
        match self {
            Tab::Plan => "plan",
            Tab::Costs => "costs",
            Tab::Recovery => "recovery",
            Tab::Export => "export",
            Tab::Review => "review",
            Tab::Report => "report",
            Tab::Presets => "presets",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Tab> {
        Tab::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

/// A change is autosaved once typing pauses this long (a fast typist's keys come about
/// 100 ms apart), or when the page is left or hidden.
pub const AUTOSAVE_PAUSE_MS: u32 = 300;
/// While typing goes on, the autosave is written at least this often.
pub const AUTOSAVE_AT_LEAST_EVERY_MS: u32 = 2_000;

/// A message for the user, shown until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// The session's current plan as a reactive value: shared with the session, not copied
/// from it, and changed exactly when the session holds another plan (each change of plan
/// is a new one: see [`Session::shared_plan`]), without comparing whole plans.
#[derive(Clone, Copy)]
pub struct CurrentPlan(Memo<Arc<Plan>>);

impl CurrentPlan {
    /// Reads the plan, tracked.
    pub fn with<R>(&self, read: impl FnOnce(&Plan) -> R) -> R {
        self.0.with(|p| read(p))
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&Plan) -> R) -> R {
        self.0.with_untracked(|p| read(p))
    }

    /// Reads the shared plan itself, tracked: to keep it without copying it.
    pub fn with_shared<R>(&self, read: impl FnOnce(&Arc<Plan>) -> R) -> R {
        self.0.with(read)
    }

    /// Reads the plan, untracked, unless the app is gone (a timer that outlived it).
    pub fn try_with_untracked<R>(&self, read: impl FnOnce(&Plan) -> R) -> Option<R> {
        self.0.try_with_untracked(|p| read(p))
    }

    /// A copy of the plan, untracked.
    pub fn get_untracked(&self) -> Plan {
        self.with_untracked(Plan::clone)
    }

    /// Subscribes to changes of the plan.
    pub fn track(&self) {
        self.0.track();
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub(super) session: RwSignal<Session>,
    /// The current plan. Written only through [`AppState::edit`], [`AppState::open`],
    /// undo and redo, so every change is an undo step within the limits.
    pub plan: CurrentPlan,
    /// The other side of review mode.
    pub baseline: RwSignal<Option<Plan>>,
    pub tab: RwSignal<Tab>,
    pub notice: RwSignal<Option<Notice>>,
    /// The component card to open (a newly added or duplicated one).
    pub opened: RwSignal<Option<usize>>,
    /// The plan's diagnostics, indexed by path for the fields (see
    /// [`AppState::messages_at`]).
    pub diagnostics: Memo<validate::DiagnosticsByPath>,
    /// Made with its lines and GB stored only while a view that shows them is on
    /// screen (see [`AppState::show_cost_detail`]).
    pub estimate: Memo<Estimate>,
    /// How many views on screen show the estimate's lines or GB stored.
    detail_views: RwSignal<usize>,
    /// Achieved RPO/RTO per scenario: the cheap assessment, without the fix search
    /// (which runs in a worker: see [`super::fix_search`]).
    pub recovery: Memo<RecoveryReport>,
    /// What Undo and Redo would do, in words.
    pub undo_label: Memo<Option<String>>,
    pub redo_label: Memo<Option<String>>,
    /// The recent plans, without their plan text.
    pub recent: Memo<Vec<RecentPlan>>,
    /// The fix list, from the worker.
    pub fixes: super::fix_search::FixSearch,
}

impl AppState {
    /// Starts from the autosave and the share link in the address bar, as
    /// [`session::start`] decides (told whether the previous start was interrupted: see
    /// [`session::Stored::interrupted`]); the link is removed from the address bar.
    pub fn starting(interrupted: bool) -> AppState {
        let (autosave, recent) =
            (browser::load(browser::AUTOSAVE_KEY), browser::load(browser::RECENT_KEY));
        let stored = session::Stored {
            autosave: autosave.as_deref(),
            recent: recent.as_deref(),
            interrupted,
        };
        let fragment = browser::fragment();
        // A link may carry review mode's baseline too: it replaces the pinned one.
        let linked_baseline = crate::share::decode_baseline(&fragment);
        let started = session::start(stored, &fragment, browser::now_ms());
        if started.consume_fragment {
            browser::clear_fragment();
        }
        let mut notice = started.notice.map(|n| Notice { text: n.text, is_error: n.is_error });
        if let Some(Err(why)) = &linked_baseline {
            let before = notice.map(|n| format!("{} ", n.text)).unwrap_or_default();
            notice = Some(Notice {
                text: format!("{before}The link's baseline could not be opened: {why}."),
                is_error: true,
            });
        }
        let session = RwSignal::new(started.session);
        let plan = CurrentPlan(Memo::new_with_compare(
            move |_| session.with(Session::shared_plan),
            |before, now| !matches!((before, now), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
        ));
        let recent_revision = Memo::new(move |_| session.with(|s| s.recent().revision()));
        let recent = Memo::new(move |_| {
            recent_revision.track();
            session.with_untracked(|s| {
                s.recent()
                    .entries()
                    .iter()
                    .map(|e| RecentPlan { plan_json: String::new(), ..e.clone() })
                    .collect()
            })
        });
        // Each edit changes one component or setting: the others' usage series are
        // kept from the last estimate (same figures as estimating afresh). The lines and
        // the GB stored are made only while a view shows them: on a large plan they were
        // about a third of each edit's estimate in the plan editor, which shows neither.
        let kept = StoredValue::new(crate::cost::KeptUsage::default());
        let detail_views = RwSignal::new(0usize);
        let detail = Memo::new(move |_| match detail_views.get() {
            0 => Detail::Figures,
            _ => Detail::Full,
        });
        // The replaced estimate (thousands of lines on a large plan) and the series the
        // new one priced are freed after the new total is on screen, not before.
        let estimate = Memo::new_owning(move |last: Option<Estimate>| {
            let detail = detail.get();
            let next = plan
                .with(|p| {
                    kept.try_update_value(|kept| crate::cost::estimate_reusing(p, kept, detail))
                })
                .map(|(next, spent)| {
                    browser::drop_later(spent);
                    next
                })
                .unwrap_or_else(|| plan.with(estimate));
            let changed = last.as_ref() != Some(&next);
            if let Some(last) = last {
                browser::drop_later(last);
            }
            (next, changed)
        });
        // Likewise the outcomes of the data components an edit cannot reach, moved out of
        // the last report, which also says whether anything changed (no whole comparison).
        let kept = StoredValue::new_local(crate::recovery::KeptAssessment::default());
        let recovery = Memo::new_owning(move |last| {
            plan.with_shared(|p| {
                kept.try_update_value(|kept| crate::recovery::assess_reusing(p, last, kept))
            })
            .unwrap_or_else(|| (plan.with(assess), true))
        });
        let notice = RwSignal::new(notice);
        let diagnostics = Memo::new(move |_| validate::DiagnosticsByPath::new(plan.with(validate)));
        let state = AppState {
            session,
            plan,
            // The pinned baseline outlives a reload; it is read with the CLI's limits.
            baseline: RwSignal::new(match &linked_baseline {
                Some(Ok(plan)) => {
                    let _ = browser::save(browser::BASELINE_KEY, &plan.to_json_pretty());
                    Some(plan.clone())
                }
                _ => browser::load(browser::BASELINE_KEY)
                    .and_then(|text| session::limits::read_plan_text(&text).ok()),
            }),
            tab: RwSignal::new(
                browser::view_in_address().and_then(|v| Tab::from_slug(&v)).unwrap_or(Tab::Plan),
            ),
            notice,
            opened: RwSignal::new(None),
            diagnostics,
            estimate,
            detail_views,
            recovery,
            undo_label: Memo::new(move |_| session.with(|s| s.undo_label().map(String::from))),
            redo_label: Memo::new(move |_| session.with(|s| s.redo_label().map(String::from))),
            recent,
            fixes: super::fix_search::FixSearch::new(plan),
        };
        super::storage::keep_in_storage(&state, recent_revision);
        state
    }

    /// For a view that shows the estimate's lines or GB stored, called as it is made:
    /// while it is on screen, the estimate carries them.
    pub fn show_cost_detail(&self) {
        let views = self.detail_views;
        views.update(|n| *n += 1);
        on_cleanup(move || {
            views.try_update(|n| *n = n.saturating_sub(1));
        });
    }

    /// Pins `plan` as review mode's baseline (or clears it), kept in this browser so
    /// that a reload still compares against it.
    pub fn pin_baseline(&self, plan: Option<Plan>) {
        match &plan {
            Some(p) => {
                if let Err(why) = browser::save(browser::BASELINE_KEY, &p.to_json_pretty()) {
                    self.warn(why);
                }
            }
            None => browser::remove(browser::BASELINE_KEY),
        }
        self.baseline.set(plan);
    }

    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), is_error: false }));
    }

    pub fn warn(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), is_error: true }));
    }

    /// Applies an edit as one undo step (typing coalesced per field). Returns whether
    /// the plan changed, or why the edit was refused (a limit); a refused edit changes
    /// nothing.
    pub fn try_edit(&self, change: Change, edit: impl FnOnce(&mut Plan)) -> Result<bool, String> {
        self.session
            .try_maybe_update(|s| {
                let result = s.edit(change, edit);
                (result == Ok(true), result)
            })
            .unwrap_or(Ok(false))
    }

    /// [`AppState::try_edit`] of a one-step change labelled `label`; a refusal is
    /// shown as a notice.
    pub fn edit(&self, label: impl Into<String>, edit: impl FnOnce(&mut Plan)) -> bool {
        match self.try_edit(Change::step(label, browser::now_ms()), edit) {
            Ok(changed) => changed,
            Err(why) => {
                self.warn(format!("That change was not made: {why}."));
                false
            }
        }
    }

    /// Ends the open typing step (a field lost focus).
    pub fn seal(&self) {
        self.session.update_untracked(Session::seal);
    }

    /// Opens a plan from `source` as one undo step, and says how to go back.
    pub fn open(&self, plan: Plan, source: Source) {
        let from = source.clone();
        self.opening(source, move |s, now| s.open(plan, &from, now));
    }

    /// Reopens recent plan `index`.
    pub fn reopen_recent(&self, index: usize) {
        let name = self.recent.with_untracked(|r| r.get(index).map(|e| e.name.clone()));
        self.opening(Source::Recent(name.unwrap_or_default()), move |s, now| {
            s.reopen_recent(index, now)
        });
    }

    fn opening(
        &self,
        source: Source,
        open: impl FnOnce(&mut Session, f64) -> Result<Opened, String>,
    ) {
        let now = browser::now_ms();
        let result = self.session.try_maybe_update(|s| {
            let result = open(s, now);
            let message = result.as_ref().map(|opened| s.opened_message(&source, opened));
            (matches!(result, Ok(Opened::Replaced { .. })), message.map_err(Clone::clone))
        });
        match result {
            Some(Ok(message)) => self.say(message),
            Some(Err(why)) => self.warn(format!(
                "That plan could not be opened: {why}. Your current plan is unchanged."
            )),
            None => {}
        }
    }

    /// Opens the share link now in the address bar (a link pasted into this tab), and
    /// removes it from there, so a reload restores the autosave.
    pub fn open_link_from_address_bar(&self) {
        let fragment = browser::fragment();
        if !crate::share::carries_plan(&fragment) {
            return;
        }
        browser::clear_fragment();
        let now = browser::now_ms();
        let notice = self.session.try_maybe_update(|s| {
            let (notice, changed) = session::open_link(s, &fragment, now);
            (changed, notice)
        });
        if let Some(n) = notice {
            self.notice.set(Some(Notice { text: n.text, is_error: n.is_error }));
        }
    }

    pub fn forget_recent(&self, index: usize) {
        self.session.update(|s| s.forget_recent(index));
    }

    pub fn undo(&self) {
        if let Some(Some(label)) = self.session.try_maybe_update(|s| {
            let label = s.undo();
            (label.is_some(), label)
        }) {
            self.say(format!("Undid: {label}. Redo with Ctrl+Shift+Z."));
        }
    }

    pub fn redo(&self) {
        if let Some(Some(label)) = self.session.try_maybe_update(|s| {
            let label = s.redo();
            (label.is_some(), label)
        }) {
            self.say(format!("Redid: {label}."));
        }
    }

    /// Diagnostics whose path is `path` or lies inside it.
    pub fn messages_at(&self, path: &str) -> Vec<Diagnostic> {
        self.diagnostics.with(|index| index.at(path))
    }
}

pub fn use_state() -> AppState {
    expect_context::<AppState>()
}
