//! What the app opens when it starts: the autosaved plan (or the default plan), then
//! the share link in the address bar, if any, as one undoable step on top of it. The
//! link is consumed: the app removes it from the address bar, so a reload restores the
//! autosave (with the user's edits) instead of opening the link again.

use super::{limits, Opened, RecentPlans, Session, Source};
use crate::presets::default_plan;
use crate::share;

/// A message for the user about start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartupNotice {
    pub text: String,
    pub is_error: bool,
}

/// The session to start with.
#[derive(Clone, Debug)]
pub struct Startup {
    pub session: Session,
    pub notice: Option<StartupNotice>,
    /// Whether the address bar's fragment was a share link, to be removed from it.
    pub consume_fragment: bool,
}

/// What the browser keeps between visits.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stored<'a> {
    /// The autosaved plan's text.
    pub autosave: Option<&'a str>,
    /// The recent plans' text.
    pub recent: Option<&'a str>,
    /// The previous start never finished: the tab was closed or killed while opening
    /// the autosave (a plan that froze it, say).
    pub interrupted: bool,
}

/// Starts from what is stored and the URL fragment (with or without `#`). Nothing
/// stored or linked can stop the start: what cannot be read is reported and left out,
/// and an autosave whose opening was interrupted last time is not opened again but put
/// into the recent plans, so one bad plan cannot make every visit hang.
pub fn start(stored: Stored, fragment: &str, now_ms: f64) -> Startup {
    let mut recent = RecentPlans::from_storage(stored.recent.unwrap_or_default());
    let mut notices = Vec::new();
    let plan = match stored.autosave.map(limits::read_plan_text) {
        None => default_plan(),
        Some(Ok(plan)) if stored.interrupted => {
            let kept = recent.remember(&plan, "the last visit stopped while opening it", now_ms);
            notices.push(StartupNotice {
                text: format!(
                    "The last visit stopped while opening \"{}\" (was the tab frozen or closed?), so it was not opened again{}.",
                    plan.name,
                    if kept { "; reopen it from Recent plans (Presets tab)" } else { "" }
                ),
                is_error: true,
            });
            default_plan()
        }
        Some(Ok(plan)) => plan,
        Some(Err(why)) => {
            notices.push(StartupNotice {
                text: format!("The autosaved plan could not be opened ({why}); started from the default plan."),
                is_error: true,
            });
            default_plan()
        }
    };
    let mut session = Session::new(plan, recent);
    let consume_fragment = share::carries_plan(fragment);
    if consume_fragment {
        notices.push(open_link(&mut session, fragment, now_ms).0);
    }
    let notice = (!notices.is_empty()).then(|| StartupNotice {
        text: notices.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join(" "),
        is_error: notices.iter().any(|n| n.is_error),
    });
    Startup { session, notice, consume_fragment }
}

/// Opens the share link in `fragment` in a running session (at start-up or when a link
/// is pasted into the address bar). Returns what to tell the user and whether the plan
/// changed; a link that cannot be opened changes nothing.
pub fn open_link(session: &mut Session, fragment: &str, now_ms: f64) -> (StartupNotice, bool) {
    let opened =
        share::decode_fragment(fragment).and_then(|plan| session.open(plan, &Source::Link, now_ms));
    match opened {
        Ok(opened) => (
            StartupNotice { text: session.opened_message(&Source::Link, &opened), is_error: false },
            matches!(opened, Opened::Replaced { .. }),
        ),
        Err(why) => (
            StartupNotice {
                text: format!(
                    "The share link could not be opened: {why}. Your current plan is unchanged."
                ),
                is_error: true,
            },
            false,
        ),
    }
}
