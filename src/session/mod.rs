//! The user's working session: the current plan with its undo history, the plans it
//! replaced (recent plans), and what opening a preset, a file, a share link or a
//! recent plan does to them. Plain Rust with no browser in sight: `ui` only wires it to
//! signals, local storage and the address bar, and every decision is tested natively.
//!
//! The rules it keeps: every change is one undo step (typing coalesced per field);
//! opening anything replaces the plan in one step that Undo takes back, and the plan
//! it replaced also goes to the recent plans when it is the user's own work; every plan
//! that comes in keeps the CLI's limits or is refused, leaving the current plan alone.

pub mod fix_queue;
pub mod fix_search;
mod history;
pub mod limits;
mod recent;
mod startup;
pub mod worker;

pub use history::{Change, History, COALESCE_WINDOW_MS, MAX_UNDO_STEPS};
pub use recent::{RecentPlan, RecentPlans, MAX_RECENT_BYTES, MAX_RECENT_PLANS};
pub use startup::{open_link, start, Startup, StartupNotice, Stored};

use std::sync::Arc;

use crate::plan::Plan;
use crate::presets::PRESETS;

/// Total size of the plans the undo history keeps, in file bytes: a few huge plans
/// keep fewer steps instead of exhausting the tab's memory.
pub const MAX_HISTORY_BYTES: usize = 50_000_000;

/// Where a plan being opened comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A preset, by id.
    Preset(String),
    /// The empty plan.
    EmptyPlan,
    /// A plan file, by file name.
    File(String),
    /// A share link.
    Link,
    /// An entry of the recent plans, by plan name.
    Recent(String),
    /// The review baseline, swapped with the current plan.
    Baseline,
}

impl Source {
    /// The undo step's label: "open the rds-pitr preset".
    pub fn action(&self) -> String {
        match self {
            Source::Preset(id) => format!("open the {id} preset"),
            Source::EmptyPlan => "start an empty plan".into(),
            Source::File(name) => format!("open {name}"),
            Source::Link => "open a share link".into(),
            Source::Recent(name) => format!("reopen \"{name}\""),
            Source::Baseline => "swap with the baseline".into(),
        }
    }

    /// Why a plan was put aside: "replaced by the rds-pitr preset".
    fn reason(&self) -> String {
        match self {
            Source::Preset(id) => format!("replaced by the {id} preset"),
            Source::EmptyPlan => "replaced by an empty plan".into(),
            Source::File(name) => format!("replaced by {name}"),
            Source::Link => "replaced by a share link".into(),
            Source::Recent(name) => format!("replaced by \"{name}\""),
            Source::Baseline => "swapped with the baseline".into(),
        }
    }

    /// "Opened the rds-pitr preset", for the notice.
    fn opened(&self, plan_name: &str) -> String {
        match self {
            Source::Preset(id) => format!("Opened the {id} preset."),
            Source::EmptyPlan => "Started an empty plan.".into(),
            Source::File(name) => format!("Opened {name}."),
            Source::Link => format!("Opened \"{plan_name}\" from a share link."),
            Source::Recent(name) => format!("Reopened \"{name}\"."),
            Source::Baseline => "Swapped the baseline and the current plan.".into(),
        }
    }
}

/// What opening a plan did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// It is the current plan already: nothing changed.
    AlreadyOpen,
    /// It replaced the current plan, which Undo brings back; `kept` when the replaced
    /// plan was also put into the recent plans.
    Replaced { kept: bool },
}

/// The current plan, its history and the recent plans.
#[derive(Clone, Debug)]
pub struct Session {
    /// Plans are shared, not copied: the app reads the current one without a copy, and
    /// a new one is a new allocation, so "is it another plan" is a pointer comparison.
    history: History<Arc<Plan>>,
    recent: RecentPlans,
}

/// A plan a preset, the empty plan or nothing at all reproduces: not the user's work.
fn is_reproducible(plan: &Plan) -> bool {
    *plan == Plan::default()
        || *plan == empty_plan()
        || PRESETS.iter().any(|preset| preset.plan() == *plan)
}

/// The plan "Empty plan" starts.
pub fn empty_plan() -> Plan {
    Plan { name: "New plan".into(), ..Plan::default() }
}

impl Session {
    /// A session on `plan` with nothing to undo. The plan is taken as it is: callers
    /// read it through [`limits`] first.
    pub fn new(plan: Plan, recent: RecentPlans) -> Session {
        let bytes = limits::file_bytes(&plan);
        let plan = Arc::new(plan);
        Session { history: History::new(plan, bytes, MAX_UNDO_STEPS, MAX_HISTORY_BYTES), recent }
    }

    pub fn plan(&self) -> &Plan {
        self.history.present()
    }

    /// The current plan, shared: each change of plan (an edit, opening, undo, redo)
    /// makes a new one, so [`Arc::ptr_eq`] tells whether the plan changed.
    pub fn shared_plan(&self) -> Arc<Plan> {
        Arc::clone(self.history.present())
    }

    pub fn recent(&self) -> &RecentPlans {
        &self.recent
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.history.redo_label()
    }

    /// Applies an edit as one change. Returns whether the plan changed, or why the
    /// edit was refused (it would break a limit); a refused edit changes nothing.
    pub fn edit(&mut self, change: Change, edit: impl FnOnce(&mut Plan)) -> Result<bool, String> {
        let mut next = self.plan().clone();
        edit(&mut next);
        if next == *self.plan() {
            return Ok(false);
        }
        let bytes = limits::check_edit(self.plan(), self.history.present_weight(), &next)?;
        Ok(self.history.commit(Arc::new(next), bytes, change))
    }

    /// Ends the open typing step (the field lost focus).
    pub fn seal(&mut self) {
        self.history.seal();
    }

    pub fn undo(&mut self) -> Option<String> {
        self.history.undo()
    }

    pub fn redo(&mut self) -> Option<String> {
        self.history.redo()
    }

    /// Opens `plan` from `source` as one undoable step; the replaced plan also goes to
    /// the recent plans when it is the user's own work. A plan past the limits is
    /// refused with the reason and nothing changes.
    pub fn open(&mut self, plan: Plan, source: &Source, now_ms: f64) -> Result<Opened, String> {
        if plan == *self.plan() {
            return Ok(Opened::AlreadyOpen);
        }
        let bytes = limits::check(&plan)?;
        let kept = !is_reproducible(self.plan())
            && self.recent.remember(self.history.present(), &source.reason(), now_ms);
        self.history.commit(Arc::new(plan), bytes, Change::step(source.action(), now_ms));
        Ok(Opened::Replaced { kept })
    }

    /// Reopens entry `index` of the recent plans.
    pub fn reopen_recent(&mut self, index: usize, now_ms: f64) -> Result<Opened, String> {
        let plan = self.recent.plan(index)?;
        let name = self.recent.entries().get(index).map(|e| e.name.clone()).unwrap_or_default();
        self.open(plan, &Source::Recent(name), now_ms)
    }

    /// Removes entry `index` of the recent plans.
    pub fn forget_recent(&mut self, index: usize) {
        self.recent.forget(index);
    }

    /// The sentence telling the user what opening did and how to go back.
    pub fn opened_message(&self, source: &Source, opened: &Opened) -> String {
        let name = &self.plan().name;
        match opened {
            Opened::AlreadyOpen => match source {
                Source::Link => {
                    "This share link carries the plan that is open already; nothing changed.".into()
                }
                _ => format!("\"{name}\" is open already; nothing changed."),
            },
            Opened::Replaced { kept } => {
                let back = if *kept {
                    "Undo (Ctrl+Z) brings your previous plan back; it is also kept in Recent plans (Presets tab)."
                } else {
                    "Undo (Ctrl+Z) brings the previous plan back."
                };
                format!("{} {back}", source.opened(name))
            }
        }
    }
}

/// A keyboard shortcut of the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Undo,
    Redo,
}

/// The shortcut a key press means: Ctrl+Z (⌘Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo.
/// `key` is the key's character as the keyboard layout gives it (`KeyboardEvent.key`),
/// so the shortcuts follow the letters wherever a layout puts them.
pub fn shortcut(key: &str, control_or_command: bool, shift: bool, alt: bool) -> Option<Shortcut> {
    if !control_or_command || alt {
        return None;
    }
    match (key.to_lowercase().as_str(), shift) {
        ("z", false) => Some(Shortcut::Undo),
        ("z", true) | ("y", false) => Some(Shortcut::Redo),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
