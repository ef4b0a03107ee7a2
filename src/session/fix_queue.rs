//! When the app asks its worker for fixes. The worker runs one search at a time and
//! cannot be interrupted, so: a new plan waits while a search runs and only the newest
//! waiting plan is sent; answers about older plans are dropped; and a worker that has
//! spent [`RESTART_STALE_AFTER_MS`] on a plan the user has since changed is stopped
//! and started afresh, so a slow search never holds the fixes of the current plan back.

/// How long a search about an outdated plan may run before its worker is replaced.
pub const RESTART_STALE_AFTER_MS: f64 = 1_000.0;

/// What the app does with its worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing now.
    Wait,
    /// Send the newest plan, as this generation.
    Send(u64),
    /// Stop the worker, start a new one and send the newest plan as this generation.
    Restart(u64),
}

/// The search running in the worker.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Running {
    generation: u64,
    since_ms: f64,
}

/// The state of the fix search: the newest plan's generation, what the worker is
/// doing, and whether the newest plan waits for it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FixQueue {
    newest: u64,
    running: Option<Running>,
    waiting: bool,
}

impl FixQueue {
    /// The generation of the newest plan.
    pub fn newest(&self) -> u64 {
        self.newest
    }

    /// Whether an answer about `generation` is about the current plan.
    pub fn is_current(&self, generation: u64) -> bool {
        generation == self.newest
    }

    /// The plan changed (or the fix list opened): a new generation, and what to do.
    pub fn plan_changed(&mut self, now_ms: f64) -> (u64, Action) {
        self.newest += 1;
        let action = match self.running {
            None => self.send(now_ms),
            Some(r) if Self::stale_for_too_long(r, now_ms) => self.restart(now_ms),
            Some(_) => {
                self.waiting = true;
                Action::Wait
            }
        };
        (self.newest, action)
    }

    /// The worker answered about `generation`. Returns whether to show the answer, and
    /// what to do next.
    pub fn answered(&mut self, generation: u64, now_ms: f64) -> (bool, Action) {
        if self.running.is_some_and(|r| r.generation == generation) {
            self.running = None;
        }
        let next =
            if self.waiting && self.running.is_none() { self.send(now_ms) } else { Action::Wait };
        (self.is_current(generation), next)
    }

    /// The worker failed (it crashed or could not start): what ran is lost.
    pub fn failed(&mut self, now_ms: f64) -> Action {
        self.running = None;
        if self.waiting {
            self.send(now_ms)
        } else {
            Action::Wait
        }
    }

    /// Called a while after a send: replaces a worker stuck on an outdated plan.
    pub fn check(&mut self, now_ms: f64) -> Action {
        match self.running {
            Some(r) if self.waiting && Self::stale_for_too_long(r, now_ms) => self.restart(now_ms),
            _ => Action::Wait,
        }
    }

    /// Whether a search for the current plan is under way or waiting.
    pub fn computing(&self) -> bool {
        self.waiting || self.running.is_some_and(|r| r.generation == self.newest)
    }

    fn stale_for_too_long(r: Running, now_ms: f64) -> bool {
        // A clock that went wrong (NaN) counts as too long, not as never.
        let ran_ms = now_ms - r.since_ms;
        ran_ms >= RESTART_STALE_AFTER_MS || ran_ms.is_nan()
    }

    fn send(&mut self, now_ms: f64) -> Action {
        self.waiting = false;
        self.running = Some(Running { generation: self.newest, since_ms: now_ms });
        Action::Send(self.newest)
    }

    fn restart(&mut self, now_ms: f64) -> Action {
        self.waiting = false;
        self.running = Some(Running { generation: self.newest, since_ms: now_ms });
        Action::Restart(self.newest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_plan_is_sent_and_stale_answers_are_dropped() {
        let mut q = FixQueue::default();
        assert_eq!(q.plan_changed(0.0), (1, Action::Send(1)));
        assert!(q.computing());
        // Typing while the worker searches: plans 2 and 3 wait, only 3 is sent.
        assert_eq!(q.plan_changed(10.0), (2, Action::Wait));
        assert_eq!(q.plan_changed(20.0), (3, Action::Wait));
        assert_eq!(q.answered(1, 100.0), (false, Action::Send(3)), "1 is stale");
        assert!(q.computing());
        assert_eq!(q.answered(3, 200.0), (true, Action::Wait));
        assert!(!q.computing());
    }

    #[test]
    fn a_worker_stuck_on_an_outdated_plan_is_replaced() {
        let mut q = FixQueue::default();
        q.plan_changed(0.0);
        assert_eq!(q.plan_changed(500.0), (2, Action::Wait));
        assert_eq!(q.check(900.0), Action::Wait, "not long enough yet");
        assert_eq!(q.check(RESTART_STALE_AFTER_MS), Action::Restart(2));
        // The replaced worker's answer can never come; the new one's is current.
        assert_eq!(q.answered(2, 1_200.0), (true, Action::Wait));
        // A change long after a send also replaces the worker at once.
        q.plan_changed(2_000.0);
        assert_eq!(q.plan_changed(2_000.0 + RESTART_STALE_AFTER_MS), (4, Action::Restart(4)));
    }

    #[test]
    fn a_long_search_for_the_current_plan_is_never_interrupted() {
        let mut q = FixQueue::default();
        q.plan_changed(0.0);
        assert_eq!(q.check(60_000.0), Action::Wait);
        assert!(q.computing());
    }

    #[test]
    fn a_failed_worker_sends_what_waits() {
        let mut q = FixQueue::default();
        q.plan_changed(0.0);
        assert_eq!(q.failed(10.0), Action::Wait);
        assert!(!q.computing());
        q.plan_changed(20.0);
        q.plan_changed(30.0);
        assert_eq!(q.failed(40.0), Action::Send(3));
    }
}
