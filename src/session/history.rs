//! Undo and redo over whole states, with typing coalesced into sensible steps.
//!
//! Every change is committed with a [`Change`] saying what it was. Keystrokes in one
//! field extend one step while they come less than [`COALESCE_WINDOW_MS`] apart and
//! nothing else happens in between (another field, a button, undo, or [`History::seal`]
//! when the field loses focus); every other change is a step of its own. The history is
//! bounded twice: at most a number of steps, and at most a total weight (the caller's
//! measure of a state's size), so a few huge plans cannot exhaust memory; the oldest
//! steps go first.

use std::collections::VecDeque;

/// Keystrokes further apart than this start a new undo step.
pub const COALESCE_WINDOW_MS: f64 = 1_500.0;
/// Most undo steps kept.
pub const MAX_UNDO_STEPS: usize = 100;

/// One change to the state.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// What the change did, for the undo and redo buttons: "typing in Name".
    pub label: String,
    /// Changes with the same key in quick succession are one step (typing in a field).
    pub coalesce_key: Option<String>,
    /// When it happened, in milliseconds.
    pub at_ms: f64,
}

impl Change {
    /// Typing in the field `key`: coalesced with the keystrokes around it.
    pub fn typing(key: impl Into<String>, label: impl Into<String>, at_ms: f64) -> Change {
        Change { label: label.into(), coalesce_key: Some(key.into()), at_ms }
    }

    /// A change that is always a step of its own (a checkbox, a button, a load).
    pub fn step(label: impl Into<String>, at_ms: f64) -> Change {
        Change { label: label.into(), coalesce_key: None, at_ms }
    }
}

/// A state left by a change, with that change's label and the state's weight.
#[derive(Clone, Debug)]
struct Step<T> {
    state: T,
    label: String,
    weight: usize,
}

/// The open coalescing group: its key and the time of its last keystroke.
#[derive(Clone, Debug)]
struct Group {
    key: String,
    last_ms: f64,
}

/// The present state with the steps to undo and redo.
#[derive(Clone, Debug)]
pub struct History<T> {
    present: T,
    present_weight: usize,
    undo: VecDeque<Step<T>>,
    redo: Vec<Step<T>>,
    group: Option<Group>,
    max_steps: usize,
    max_weight: usize,
}

impl<T: Clone + PartialEq> History<T> {
    /// A history with nothing to undo, keeping at most `max_steps` steps whose
    /// weights (with the present's) add up to at most `max_weight`.
    pub fn new(present: T, weight: usize, max_steps: usize, max_weight: usize) -> History<T> {
        History {
            present,
            present_weight: weight,
            undo: VecDeque::new(),
            redo: Vec::new(),
            group: None,
            max_steps,
            max_weight,
        }
    }

    pub fn present(&self) -> &T {
        &self.present
    }

    /// The weight the present was committed with.
    pub fn present_weight(&self) -> usize {
        self.present_weight
    }

    /// Makes `next` the present. Returns false, and records nothing, when `next` is the
    /// present already.
    pub fn commit(&mut self, next: T, weight: usize, change: Change) -> bool {
        if next == self.present {
            return false;
        }
        let extends = match (&self.group, &change.coalesce_key) {
            (Some(group), Some(key)) => {
                *key == group.key
                    && change.at_ms >= group.last_ms
                    && change.at_ms - group.last_ms <= COALESCE_WINDOW_MS
            }
            _ => false,
        };
        if extends {
            self.present = next;
            self.present_weight = weight;
            // Typing back to where the step began leaves nothing to undo.
            if self.undo.back().is_some_and(|s| s.state == self.present) {
                self.undo.pop_back();
                self.group = None;
            } else {
                self.group = change.coalesce_key.map(|key| Group { key, last_ms: change.at_ms });
            }
        } else {
            let previous = std::mem::replace(&mut self.present, next);
            let previous_weight = std::mem::replace(&mut self.present_weight, weight);
            self.undo.push_back(Step {
                state: previous,
                label: change.label,
                weight: previous_weight,
            });
            self.group = change.coalesce_key.map(|key| Group { key, last_ms: change.at_ms });
        }
        self.redo.clear();
        self.trim();
        true
    }

    /// Ends the open typing step, so the next keystroke starts a new one.
    pub fn seal(&mut self) {
        self.group = None;
    }

    /// Goes back one step; returns what the undone change was.
    pub fn undo(&mut self) -> Option<String> {
        let step = self.undo.pop_back()?;
        let label = step.label.clone();
        let now = std::mem::replace(&mut self.present, step.state);
        let now_weight = std::mem::replace(&mut self.present_weight, step.weight);
        self.redo.push(Step { state: now, label: step.label, weight: now_weight });
        self.group = None;
        Some(label)
    }

    /// Goes forward one undone step; returns what the redone change was.
    pub fn redo(&mut self) -> Option<String> {
        let step = self.redo.pop()?;
        let label = step.label.clone();
        let now = std::mem::replace(&mut self.present, step.state);
        let now_weight = std::mem::replace(&mut self.present_weight, step.weight);
        self.undo.push_back(Step { state: now, label: step.label, weight: now_weight });
        self.group = None;
        Some(label)
    }

    /// What Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    /// What Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }

    pub fn redo_steps(&self) -> usize {
        self.redo.len()
    }

    /// Drops the oldest steps past the bounds; the present always stays.
    fn trim(&mut self) {
        let weight = |steps: &VecDeque<Step<T>>, redo: &[Step<T>]| {
            steps.iter().chain(redo).fold(0usize, |sum, s| sum.saturating_add(s.weight))
        };
        while self.undo.len() > self.max_steps
            || (!self.undo.is_empty()
                && weight(&self.undo, &self.redo).saturating_add(self.present_weight)
                    > self.max_weight)
        {
            self.undo.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history() -> History<String> {
        History::new(String::new(), 0, MAX_UNDO_STEPS, usize::MAX)
    }

    /// Types `text` into field `key` one character at a time, `gap_ms` apart.
    fn type_text(h: &mut History<String>, key: &str, text: &str, start_ms: f64, gap_ms: f64) {
        let mut now = h.present().clone();
        for (i, c) in text.chars().enumerate() {
            now.push(c);
            h.commit(
                now.clone(),
                1,
                Change::typing(key, format!("typing in {key}"), start_ms + i as f64 * gap_ms),
            );
        }
    }

    #[test]
    fn keystrokes_in_one_field_are_one_step() {
        let mut h = history();
        type_text(&mut h, "name", "250", 0.0, 120.0);
        assert_eq!(h.present(), "250");
        assert_eq!(h.undo_steps(), 1);
        assert_eq!(h.undo(), Some("typing in name".to_string()));
        assert_eq!(h.present(), "");
        assert_eq!(h.redo(), Some("typing in name".to_string()));
        assert_eq!(h.present(), "250");
    }

    #[test]
    fn another_field_a_pause_a_seal_or_a_button_start_new_steps() {
        let mut h = history();
        type_text(&mut h, "a", "12", 0.0, 100.0);
        type_text(&mut h, "b", "3", 300.0, 100.0);
        assert_eq!(h.undo_steps(), 2, "another field");
        type_text(&mut h, "b", "4", 300.0 + COALESCE_WINDOW_MS + 1.0, 100.0);
        assert_eq!(h.undo_steps(), 3, "a pause");
        h.seal();
        type_text(&mut h, "b", "5", 2_000.0, 100.0);
        assert_eq!(h.undo_steps(), 4, "the field lost focus");
        h.commit("button".into(), 1, Change::step("press", 2_100.0));
        h.commit("button twice".into(), 1, Change::step("press", 2_110.0));
        assert_eq!(h.undo_steps(), 6, "discrete changes never coalesce");
        let mut seen = Vec::new();
        while h.undo().is_some() {
            seen.push(h.present().clone());
        }
        assert_eq!(seen, ["button", "12345", "1234", "123", "12", ""]);
    }

    #[test]
    fn a_new_change_clears_redo_and_no_op_changes_record_nothing() {
        let mut h = history();
        assert!(h.commit("a".into(), 1, Change::step("one", 0.0)));
        assert!(!h.commit("a".into(), 1, Change::step("same", 1.0)));
        assert_eq!(h.undo_steps(), 1);
        h.undo();
        assert_eq!(h.redo_label(), Some("one"));
        h.commit("b".into(), 1, Change::step("two", 2.0));
        assert_eq!(h.redo_steps(), 0);
        assert_eq!(h.redo(), None);
        // Typing back to where a step began leaves nothing to undo.
        h.commit("bx".into(), 1, Change::typing("f", "typing", 3.0));
        h.commit("b".into(), 1, Change::typing("f", "typing", 4.0));
        assert_eq!(h.undo_label(), Some("two"));
    }

    #[test]
    fn undo_ends_the_typing_step() {
        let mut h = history();
        type_text(&mut h, "a", "1", 0.0, 100.0);
        h.undo();
        h.redo();
        type_text(&mut h, "a", "2", 100.0, 100.0);
        assert_eq!(h.present(), "12");
        h.undo();
        assert_eq!(h.present(), "1", "typing after undo is a step of its own");
    }

    #[test]
    fn the_history_is_bounded_in_steps_and_weight() {
        let mut h = History::new(String::new(), 0, 5, usize::MAX);
        for i in 0..20 {
            h.commit(i.to_string(), 1, Change::step(format!("set {i}"), i as f64));
        }
        assert_eq!(h.undo_steps(), 5);
        while h.undo().is_some() {}
        assert_eq!(h.present(), "14", "the oldest steps went first");

        let mut heavy = History::new(String::new(), 10, 100, 45);
        for i in 0..10 {
            heavy.commit(i.to_string(), 10, Change::step("heavy", i as f64));
        }
        // Present (10) + 3 steps of 10 fit in 45; a fourth would not.
        assert_eq!(heavy.undo_steps(), 3);
        assert_eq!(heavy.present(), "9", "the present always stays");
    }
}
