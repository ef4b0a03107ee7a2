//! The input limits: how large a plan may be, in one place.
//!
//! Every engine's work grows with the plan, so the plan's size is bounded where it
//! enters: [`super::parse_plan`] refuses a document past any of these limits while
//! reading it (the CLI, plan files, share links and the autosave all go through it),
//! and [`check`] applies the count limits to a plan built in memory (the web app's
//! edits), which validation reports as errors. The limits sit far above any real
//! design (the seed designs use at most 14 components and 5 backup rule × component
//! pairs) and keep the estimate and the recovery assessment of any accepted plan
//! within tens of milliseconds; `benches/limits.rs` measures the worst shapes.

use super::{Component, Plan};

/// Largest plan document accepted, in bytes of UTF-8 JSON.
pub const MAX_PLAN_BYTES: usize = 1_000_000;
/// Deepest nesting of JSON objects and arrays. A plan nests 6 levels at most
/// (`components[0].rules[0].copy_to_dr`); the slack lets a future field fit.
pub const MAX_JSON_DEPTH: usize = 16;
/// Longest string (value or key) in characters: the longest field a plan has, a note.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Most items of any one JSON array (alarms, subscriptions, notes…).
pub const MAX_LIST_ITEMS: usize = 1_000;
/// Most components one plan may hold.
pub const MAX_COMPONENTS: usize = 200;
/// Most rules one AWS Backup plan may hold.
pub const MAX_BACKUP_RULES: usize = 20;
/// Most (AWS Backup rule, protected component) pairs across the plan. Each pair is a
/// pile of recovery points the cost engine simulates month by month and a recovery
/// path the assessment weighs in four scenarios, so their number, not the number of
/// components, is what bounds both engines.
pub const MAX_BACKUP_PAIRS: usize = 1_000;

/// Where a plan is past a limit, and which, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitError {
    pub path: String,
    pub message: String,
}

/// The (rule, protected component) pairs of a plan, counted per AWS Backup plan.
pub fn backup_pairs(plan: &Plan) -> impl Iterator<Item = (usize, usize)> + '_ {
    plan.components.iter().enumerate().filter_map(|(index, c)| match c {
        Component::BackupPlan(p) => Some((index, p.rules.len().saturating_mul(p.protects.len()))),
        _ => None,
    })
}

/// The count limits of a plan already in memory: components, backup rules and
/// (rule, component) pairs. Lengths of text and lists are checked where a plan is
/// read, and by validation for the fields a user types.
pub fn check(plan: &Plan) -> Vec<LimitError> {
    let mut out = Vec::new();
    if plan.components.len() > MAX_COMPONENTS {
        out.push(LimitError {
            path: "components".into(),
            message: format!(
                "has {} components; at most {MAX_COMPONENTS} are supported",
                plan.components.len()
            ),
        });
    }
    let mut pairs = 0usize;
    for (index, count) in backup_pairs(plan) {
        if let Some(Component::BackupPlan(p)) = plan.components.get(index) {
            if p.rules.len() > MAX_BACKUP_RULES {
                out.push(LimitError {
                    path: format!("components[{index}].rules"),
                    message: format!(
                        "has {} rules; an AWS Backup plan here holds at most {MAX_BACKUP_RULES}",
                        p.rules.len()
                    ),
                });
            }
        }
        let before = pairs;
        pairs = pairs.saturating_add(count);
        if before <= MAX_BACKUP_PAIRS && pairs > MAX_BACKUP_PAIRS {
            out.push(LimitError {
                path: format!("components[{index}].protects"),
                message: format!(
                    "AWS Backup rules × the components they protect come to more than \
                     {MAX_BACKUP_PAIRS} across the plan here (each pair is costed and assessed \
                     on its own); protect fewer components per plan or use fewer rules"
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{BackupPlan, BackupRule, ComponentKind};

    fn backup(id: &str, rules: usize, protects: usize) -> Component {
        Component::BackupPlan(BackupPlan {
            id: id.into(),
            rules: (0..rules)
                .map(|i| BackupRule { name: format!("r{i}"), ..Default::default() })
                .collect(),
            protects: (0..protects).map(|i| format!("d{i}")).collect(),
            ..Default::default()
        })
    }

    #[test]
    fn counts_past_the_limits_are_named_at_their_field() {
        let mut plan = Plan::default();
        assert!(check(&plan).is_empty());
        plan.components = (0..=MAX_COMPONENTS)
            .map(|i| ComponentKind::S3Bucket.new_component(&format!("b{i}")))
            .collect();
        assert_eq!(check(&plan)[0].path, "components");

        let mut plan = Plan {
            components: vec![
                backup("a", MAX_BACKUP_RULES, 40),
                backup("b", 1, 201),
                backup("c", 21, 1),
            ],
            ..Plan::default()
        };
        let errors = check(&plan);
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["components[1].protects", "components[2].rules"], "{errors:?}");
        // 800 + 200 pairs is exactly the limit.
        plan.components = vec![backup("a", MAX_BACKUP_RULES, 40), backup("b", 1, 200)];
        assert!(check(&plan).is_empty());
    }
}
