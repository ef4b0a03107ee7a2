//! The session's rules as users meet them: edits undo, opening anything is one undo
//! away and keeps the user's work, share links at start-up never cost the autosave,
//! and nothing past the CLI's limits gets in.

use super::*;
use crate::plan::validate::MAX_COMPONENTS;
use crate::plan::{Component, ComponentKind};
use crate::presets::{default_plan, find};
use crate::share::encode_fragment;

fn preset(id: &str) -> Plan {
    find(id).map(|p| p.plan()).unwrap_or_default()
}

fn multi_az(plan: &Plan) -> Option<bool> {
    plan.components.iter().find_map(|c| match c {
        Component::RdsInstance(r) => Some(r.multi_az),
        _ => None,
    })
}

fn tick_multi_az(session: &mut Session, at_ms: f64) {
    let changed = session.edit(Change::step("Multi-AZ on", at_ms), |p| {
        for c in &mut p.components {
            if let Component::RdsInstance(r) = c {
                r.multi_az = true;
            }
        }
    });
    assert_eq!(changed, Ok(true));
}

#[test]
fn opening_a_preset_is_one_undo_away_and_keeps_the_edited_plan() {
    let mut session = Session::new(preset("rds-pitr"), RecentPlans::default());
    tick_multi_az(&mut session, 0.0);
    let edited = session.plan().clone();
    let opened =
        session.open(preset("photo-portfolio"), &Source::Preset("photo-portfolio".into()), 10.0);
    assert_eq!(opened, Ok(Opened::Replaced { kept: true }));
    assert_eq!(session.undo_label(), Some("open the photo-portfolio preset"));
    let message = session.opened_message(
        &Source::Preset("photo-portfolio".into()),
        &Opened::Replaced { kept: true },
    );
    assert!(message.contains("Undo (Ctrl+Z)") && message.contains("Recent plans"), "{message}");
    assert_eq!(session.undo().as_deref(), Some("open the photo-portfolio preset"));
    assert_eq!(*session.plan(), edited);
    assert_eq!(session.recent().plan(0), Ok(edited.clone()), "also kept in recent plans");
    assert_eq!(session.redo().as_deref(), Some("open the photo-portfolio preset"));
    assert_eq!(*session.plan(), preset("photo-portfolio"));
}

#[test]
fn an_untouched_preset_is_not_kept_but_still_one_undo_away() {
    let mut session = Session::new(preset("rds-pitr"), RecentPlans::default());
    let opened = session.open(empty_plan(), &Source::EmptyPlan, 0.0);
    assert_eq!(opened, Ok(Opened::Replaced { kept: false }));
    assert!(session.recent().entries().is_empty());
    session.undo();
    assert_eq!(*session.plan(), preset("rds-pitr"));
    // Opening the plan that is open already changes nothing and records nothing.
    assert_eq!(session.open(preset("rds-pitr"), &Source::Link, 1.0), Ok(Opened::AlreadyOpen));
    assert_eq!(session.undo_label(), None);
}

#[test]
fn a_share_link_at_start_up_opens_on_top_of_the_autosave_and_is_consumed() {
    // The repro: the autosave holds an edited plan, the address bar a link.
    let mut autosaved = preset("photo-portfolio");
    autosaved.name = "My edited plan".into();
    let link = encode_fragment(&preset("rds-pitr"));
    let json = autosaved.to_json_pretty();
    let started =
        start(Stored { autosave: Some(&json), ..Stored::default() }, &format!("#{link}"), 0.0);
    assert!(started.consume_fragment, "the app removes the link from the address bar");
    let notice = started.notice.unwrap();
    assert!(!notice.is_error && notice.text.contains("from a share link"), "{}", notice.text);
    let mut session = started.session;
    assert_eq!(*session.plan(), preset("rds-pitr"));
    assert_eq!(session.recent().plan(0), Ok(autosaved.clone()), "the autosaved plan is kept");
    // Edits to the shared plan are the plan now; a reload (no fragment) restores them.
    tick_multi_az(&mut session, 5.0);
    let (json, recent) = (session.plan().to_json_pretty(), session.recent().to_storage());
    let stored = Stored { autosave: Some(&json), recent: Some(&recent), interrupted: false };
    let reloaded = start(stored, "", 9.0);
    assert_eq!(multi_az(reloaded.session.plan()), Some(true));
    assert!(!reloaded.consume_fragment && reloaded.notice.is_none());
    assert_eq!(reloaded.session.recent().plan(0), Ok(autosaved.clone()));
    // And the autosaved plan is two undos away in the session that opened the link.
    session.undo();
    session.undo();
    assert_eq!(*session.plan(), autosaved);
}

#[test]
fn a_broken_link_or_autosave_never_stops_the_start_or_costs_the_plan() {
    let autosaved = Plan { name: "Must survive".into(), ..preset("rds-pitr") };
    let json = autosaved.to_json_pretty();
    let started =
        start(Stored { autosave: Some(&json), ..Stored::default() }, "#plan=v1.AAAA-broken", 0.0);
    assert!(started.consume_fragment);
    assert_eq!(*started.session.plan(), autosaved);
    let notice = started.notice.unwrap();
    assert!(notice.is_error && notice.text.contains("unchanged"), "{}", notice.text);
    assert_eq!(started.session.undo_label(), None);

    // An autosave past the limits (written by an older version) is refused, not run.
    let mut crowded = Plan::default();
    for _ in 0..=MAX_COMPONENTS {
        crowded.add_component(ComponentKind::S3Bucket);
    }
    let json = crowded.to_json_pretty();
    let started = start(
        Stored { autosave: Some(&json), recent: Some("garbage"), interrupted: false },
        "",
        0.0,
    );
    assert_eq!(*started.session.plan(), default_plan());
    assert!(started.notice.unwrap().text.contains("201 components"));
    assert!(started.session.recent().entries().is_empty());
    // A fragment that is not a share link is not ours to consume.
    assert!(!start(Stored::default(), "#section-2", 0.0).consume_fragment);
}

#[test]
fn an_autosave_whose_opening_was_interrupted_is_not_opened_again() {
    // The tab was killed while opening this plan: it may be the reason.
    let poisoned = Plan { name: "Froze the tab".into(), ..preset("rds-pitr") };
    let json = poisoned.to_json_pretty();
    let link = encode_fragment(&preset("multi-az-dr"));
    let started =
        start(Stored { autosave: Some(&json), recent: None, interrupted: true }, &link, 0.0);
    let notice = started.notice.unwrap();
    assert!(notice.is_error);
    assert!(
        notice.text.contains("Froze the tab") && notice.text.contains("Recent plans"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains("from a share link"), "the link still opens: {}", notice.text);
    let mut session = started.session;
    assert_eq!(*session.plan(), preset("multi-az-dr"));
    assert_eq!(session.recent().plan(0), Ok(poisoned.clone()), "nothing is lost");
    session.undo();
    assert_eq!(*session.plan(), default_plan());
    assert_eq!(session.reopen_recent(0, 1.0), Ok(Opened::Replaced { kept: false }));
    assert_eq!(*session.plan(), poisoned);
}

#[test]
fn a_pasted_link_opens_in_a_running_session() {
    let mut session = Session::new(preset("rds-pitr"), RecentPlans::default());
    tick_multi_az(&mut session, 0.0);
    let edited = session.plan().clone();
    let link = encode_fragment(&preset("multi-az-dr"));
    let (notice, changed) = open_link(&mut session, &link, 1.0);
    assert!(!notice.is_error && changed);
    assert_eq!(*session.plan(), preset("multi-az-dr"));
    assert_eq!(session.recent().plan(0), Ok(edited.clone()));
    session.undo();
    assert_eq!(*session.plan(), edited);
    // The same link again: the plan is open already.
    session.redo();
    let (notice, changed) = open_link(&mut session, &link, 2.0);
    assert!(notice.text.contains("open already") && !changed);
    // Another link straight after: a change again (the undo label is the same one).
    let (_, changed) = open_link(&mut session, &encode_fragment(&preset("rds-pitr")), 3.0);
    assert!(changed);
    assert_eq!(*session.plan(), preset("rds-pitr"));
    let (notice, changed) = open_link(&mut session, "plan=v1.broken", 4.0);
    assert!(notice.is_error && !changed);
}

#[test]
fn edits_past_the_limits_are_refused_and_change_nothing() {
    let mut session = Session::new(Plan::default(), RecentPlans::default());
    for i in 0..MAX_COMPONENTS {
        let added = session.edit(Change::step("add", i as f64), |p| {
            p.add_component(ComponentKind::S3Bucket);
        });
        assert_eq!(added, Ok(true));
    }
    let refused = session.edit(Change::step("add", 1e6), |p| {
        p.add_component(ComponentKind::S3Bucket);
    });
    assert!(refused.unwrap_err().contains("at most 200"));
    let refused = session.edit(Change::step("duplicate", 1e6), |p| {
        p.duplicate_component(0);
    });
    assert!(refused.is_err());
    assert_eq!(session.plan().components.len(), MAX_COMPONENTS);
    let pasted = session.edit(Change::typing("name", "typing in Name", 1e6), |p| {
        p.name = "x".repeat(crate::plan::MAX_PLAN_BYTES);
    });
    assert!(pasted.unwrap_err().contains("the limit is"));
    assert_eq!(session.plan().name, Plan::default().name);
    // A plan past the limits cannot be opened either.
    let mut crowded = session.plan().clone();
    crowded.add_component(ComponentKind::S3Bucket);
    assert!(session.open(crowded, &Source::File("big.json".into()), 0.0).is_err());
    assert_eq!(session.plan().components.len(), MAX_COMPONENTS);
}

#[test]
fn recent_plans_reopen_as_one_undo_step() {
    let mut session = Session::new(preset("rds-pitr"), RecentPlans::default());
    tick_multi_az(&mut session, 0.0);
    let edited = session.plan().clone();
    session.open(preset("multi-az-dr"), &Source::Preset("multi-az-dr".into()), 1.0).unwrap();
    assert_eq!(session.reopen_recent(0, 2.0), Ok(Opened::Replaced { kept: false }));
    assert_eq!(*session.plan(), edited);
    assert_eq!(session.undo_label(), Some("reopen \"RDS backup and point-in-time recovery\""));
    session.forget_recent(0);
    assert!(session.recent().entries().is_empty());
    assert!(session.reopen_recent(0, 3.0).is_err());
}

#[test]
fn the_undo_shortcuts() {
    assert_eq!(shortcut("z", true, false, false), Some(Shortcut::Undo));
    assert_eq!(shortcut("Z", true, true, false), Some(Shortcut::Redo));
    assert_eq!(shortcut("y", true, false, false), Some(Shortcut::Redo));
    assert_eq!(shortcut("z", false, false, false), None, "a plain z is typing");
    assert_eq!(shortcut("z", true, false, true), None, "AltGr combinations type characters");
    assert_eq!(shortcut("y", true, true, false), None);
}

/// The app follows the plan by pointer (`Session::shared_plan`): every change of plan
/// must be a new shared plan, and anything that leaves the plan alone must keep it.
#[test]
fn every_change_of_plan_and_only_that_is_a_new_shared_plan() {
    use std::sync::Arc;
    let mut session = Session::new(preset("rds-pitr"), RecentPlans::default());
    let mut last = session.shared_plan();
    let mut expect = |session: &Session, changed: bool, what: &str| {
        let now = session.shared_plan();
        assert_eq!(!Arc::ptr_eq(&last, &now), changed, "{what}");
        assert_eq!(*now, *session.plan(), "{what}");
        last = now;
    };
    tick_multi_az(&mut session, 0.0);
    expect(&session, true, "an edit");
    assert_eq!(session.edit(Change::step("nothing", 1.0), |_| {}), Ok(false));
    expect(&session, false, "an edit that changes nothing");
    for at_ms in [2.0, 3.0] {
        let typed = session.edit(Change::typing("name", "typing in Name", at_ms), |p| {
            p.name.push('x');
        });
        assert_eq!(typed, Ok(true));
        expect(&session, true, "a keystroke coalesced into one undo step");
    }
    session.seal();
    expect(&session, false, "sealing the typing step");
    assert!(session.undo().is_some());
    expect(&session, true, "undo");
    assert!(session.redo().is_some());
    expect(&session, true, "redo");
    let opened = session.open(preset("photo-portfolio"), &Source::Preset("p".into()), 4.0);
    assert_eq!(opened, Ok(Opened::Replaced { kept: true }));
    expect(&session, true, "opening a preset");
    let again = session.open(preset("photo-portfolio"), &Source::Preset("p".into()), 5.0);
    assert_eq!(again, Ok(Opened::AlreadyOpen));
    expect(&session, false, "opening the plan that is open");
    session.forget_recent(0);
    expect(&session, false, "forgetting a recent plan");
    let refused = session.edit(Change::step("too many", 6.0), |p| {
        while p.components.len() <= MAX_COMPONENTS {
            p.add_component(ComponentKind::S3Bucket);
        }
    });
    assert!(refused.is_err());
    expect(&session, false, "a refused edit");
}
