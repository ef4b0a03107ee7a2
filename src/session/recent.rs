//! Recent plans: the plans the app put aside when something else was opened (a
//! preset, a file, a share link), kept in local storage so that opening anything never
//! loses the user's work. Bounded in entries and in stored bytes; reading stored text
//! tolerates anything (a damaged list is an empty list, never an error or a freeze).

use serde::{Deserialize, Serialize};

use super::limits::read_plan_text;
use crate::plan::{Plan, MAX_PLAN_BYTES};

/// Most plans the list keeps.
pub const MAX_RECENT_PLANS: usize = 8;
/// Most bytes the stored list takes (browsers give an origin about 5 MB of local
/// storage, which the autosave shares).
pub const MAX_RECENT_BYTES: usize = 2_500_000;
/// Longest plan name shown in the list.
const MAX_NAME_CHARS: usize = 120;
/// The stored form's version.
const STORED_VERSION: u32 = 1;

/// One plan put aside.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecentPlan {
    pub name: String,
    /// When it was put aside, in milliseconds since the Unix epoch.
    pub kept_at_ms: f64,
    /// Why: "replaced by the rds-pitr preset".
    pub reason: String,
    /// The plan in its file form (compact JSON, as serde_json writes it), read only
    /// when reopened.
    pub plan_json: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    plans: Vec<RecentPlan>,
}

/// The list, newest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecentPlans {
    plans: Vec<RecentPlan>,
    /// Counts changes, so the app can save and redraw only when the list changed.
    revision: u64,
}

/// The plan as compact JSON, byte for byte what `serde_json::to_string` writes (the
/// form stored lists already hold, so an entry stored earlier still matches): the
/// file form with its layout taken out. Made from the pretty form so that the app
/// links one plan writer, not two (about 16 KB of its wasm).
fn compact_plan_json(plan: &Plan) -> String {
    let pretty = plan.to_json_pretty();
    let mut compact = String::with_capacity(pretty.len());
    let (mut in_text, mut escaped) = (false, false);
    for c in pretty.chars() {
        if in_text {
            // Inside a string: a quote ends it unless a backslash escapes it.
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_text = false,
                _ => {}
            }
        } else if c == '"' {
            in_text = true;
        } else if c == ' ' || c == '\n' {
            // serde_json's pretty layout: spaces and line breaks between tokens only.
            continue;
        }
        compact.push(c);
    }
    compact
}

fn stored_bytes(plan: &RecentPlan) -> usize {
    serde_json::to_string(plan).map_or(usize::MAX, |s| s.len())
}

impl RecentPlans {
    /// Reads the stored list. Anything damaged, oversized or from another version
    /// reads as an empty list; entries that cannot be plans are dropped.
    pub fn from_storage(text: &str) -> RecentPlans {
        if text.len() > MAX_RECENT_BYTES * 2 {
            return RecentPlans::default();
        }
        let Ok(stored) = serde_json::from_str::<Stored>(text) else {
            return RecentPlans::default();
        };
        if stored.version != STORED_VERSION {
            return RecentPlans::default();
        }
        let mut list = RecentPlans::default();
        for mut plan in stored.plans.into_iter().take(MAX_RECENT_PLANS) {
            if plan.plan_json.len() > MAX_PLAN_BYTES || !plan.kept_at_ms.is_finite() {
                continue;
            }
            plan.name = plan.name.chars().take(MAX_NAME_CHARS).collect();
            plan.reason = plan.reason.chars().take(MAX_NAME_CHARS * 2).collect();
            list.plans.push(plan);
        }
        list.trim();
        list
    }

    /// The stored form, within [`MAX_RECENT_BYTES`].
    pub fn to_storage(&self) -> String {
        let stored = Stored { version: STORED_VERSION, plans: self.plans.clone() };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    pub fn entries(&self) -> &[RecentPlan] {
        &self.plans
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Puts `plan` at the top of the list (once: an identical plan moves up). Returns
    /// false when the plan is too large to keep.
    pub fn remember(&mut self, plan: &Plan, reason: &str, now_ms: f64) -> bool {
        let plan_json = compact_plan_json(plan);
        if plan_json.is_empty() {
            return false;
        }
        let entry = RecentPlan {
            name: plan.name.chars().take(MAX_NAME_CHARS).collect(),
            kept_at_ms: if now_ms.is_finite() { now_ms } else { 0.0 },
            reason: reason.chars().take(MAX_NAME_CHARS * 2).collect(),
            plan_json,
        };
        if stored_bytes(&entry) > MAX_RECENT_BYTES {
            return false;
        }
        self.plans.retain(|p| p.plan_json != entry.plan_json);
        self.plans.insert(0, entry);
        self.trim();
        self.revision += 1;
        true
    }

    /// The plan of entry `index`, read within the limits.
    pub fn plan(&self, index: usize) -> Result<Plan, String> {
        let entry = self.plans.get(index).ok_or("that recent plan is no longer in the list")?;
        read_plan_text(&entry.plan_json)
    }

    /// Removes entry `index`.
    pub fn forget(&mut self, index: usize) {
        if index < self.plans.len() {
            self.plans.remove(index);
            self.revision += 1;
        }
    }

    /// Drops the oldest entries past the bounds.
    fn trim(&mut self) {
        self.plans.truncate(MAX_RECENT_PLANS);
        let mut total = 0usize;
        let keep = self
            .plans
            .iter()
            .take_while(|p| {
                total = total.saturating_add(stored_bytes(p));
                total <= MAX_RECENT_BYTES
            })
            .count();
        self.plans.truncate(keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    fn named(name: &str) -> Plan {
        Plan { name: name.into(), ..crate::presets::default_plan() }
    }

    #[test]
    fn the_list_survives_storage_newest_first_without_duplicates() {
        let mut list = RecentPlans::default();
        assert!(list.remember(&named("one"), "replaced by a preset", 1.0));
        assert!(list.remember(&named("two"), "replaced by a share link", 2.0));
        assert!(list.remember(&named("one"), "replaced again", 3.0));
        let names: Vec<_> = list.entries().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["one", "two"]);
        let back = RecentPlans::from_storage(&list.to_storage());
        assert_eq!(back.entries(), list.entries());
        assert_eq!(back.plan(0).unwrap(), named("one"));
        assert_eq!(back.entries()[0].reason, "replaced again");
    }

    #[test]
    fn a_remembered_plan_is_stored_exactly_as_earlier_versions_stored_it() {
        // Text that the layout removal must leave alone: spaces, line breaks, quotes
        // and backslashes inside strings, and escapes ending in a backslash.
        let tricky = Plan {
            name: "a \"quoted\" name\\".into(),
            notes: vec!["two  spaces\nand a line\\\\".into(), " \t \\\" ".into(), String::new()],
            ..named("x")
        };
        let mut plans: Vec<Plan> = PRESETS.iter().map(|p| p.plan()).collect();
        plans.push(tricky);
        for plan in plans {
            let mut list = RecentPlans::default();
            assert!(list.remember(&plan, "replaced", 1.0));
            let before = serde_json::to_string(&plan).unwrap();
            assert_eq!(list.entries()[0].plan_json, before, "{}", plan.name);
            // An entry an earlier version stored is the same entry: it moves up, once.
            let stored = RecentPlan { plan_json: before, ..list.entries()[0].clone() };
            let earlier = Stored { version: STORED_VERSION, plans: vec![stored] };
            let mut list = RecentPlans::from_storage(&serde_json::to_string(&earlier).unwrap());
            assert!(list.remember(&plan, "replaced again", 2.0));
            assert_eq!(list.entries().len(), 1, "{}", plan.name);
            assert_eq!(list.plan(0).unwrap(), plan);
        }
    }

    #[test]
    fn the_list_is_bounded_in_entries_and_bytes() {
        let mut list = RecentPlans::default();
        for i in 0..20 {
            list.remember(&named(&format!("plan {i}")), "replaced", i as f64);
        }
        assert_eq!(list.entries().len(), MAX_RECENT_PLANS);
        assert_eq!(list.entries()[0].name, "plan 19");

        // Plans of about 900 KB each: only two fit in the byte budget.
        let mut big = RecentPlans::default();
        for i in 0..4 {
            let plan = Plan { notes: vec![format!("{i}{}", "x".repeat(900_000))], ..named("big") };
            assert!(big.remember(&plan, "replaced", i as f64));
        }
        assert_eq!(big.entries().len(), 2);
        assert!(big.to_storage().len() <= MAX_RECENT_BYTES + 100);
        let too_big = Plan { notes: vec!["x".repeat(MAX_RECENT_BYTES)], ..named("too big") };
        assert!(!big.remember(&too_big, "replaced", 9.0));
        assert_eq!(big.entries().len(), 2);
    }

    #[test]
    fn damaged_storage_reads_as_an_empty_list_and_bad_entries_are_refused() {
        for text in ["", "null", "{", "[1,2]", "{\"version\":2,\"plans\":[]}", "\u{0}"] {
            assert!(RecentPlans::from_storage(text).entries().is_empty(), "{text:?}");
        }
        let huge = format!("{{\"version\":1,\"plans\":[],\"x\":\"{}\"}}", "y".repeat(6_000_000));
        assert!(RecentPlans::from_storage(&huge).entries().is_empty());
        // An entry whose plan is not a plan stays listed but says why it cannot open.
        let stored = r#"{"version":1,"plans":[{"name":"broken","kept_at_ms":1,"reason":"r","plan_json":"{\"schema_version\":1,\"horizon_months\":\"x\"}"}]}"#;
        let list = RecentPlans::from_storage(stored);
        assert!(list.plan(0).unwrap_err().contains("horizon_months"));
        assert!(list.plan(5).is_err());
    }

    #[test]
    fn forgetting_removes_one_entry() {
        let mut list = RecentPlans::default();
        for preset in PRESETS {
            list.remember(&preset.plan(), "replaced", 0.0);
        }
        let before = list.revision();
        list.forget(0);
        assert_eq!(list.entries().len(), PRESETS.len() - 1);
        assert!(list.revision() > before);
        list.forget(99);
        assert_eq!(list.entries().len(), PRESETS.len() - 1);
    }
}
