//! What every way into the app and the CLI admits as a plan: its text read by
//! [`parse_plan`] within the file limits, then the count limits validation also
//! reports (components, backup rules, rule × component pairs), refused with a reason.
//! Shared by the share links, the autosave, recent plans, plan files and the fix
//! search's worker (`session::limits` re-exports it for the app).

use super::limits::MAX_COMPONENTS;
use super::{parse_plan, Plan};

/// Reads plan text (a file, the autosave, a recent plan) within the limits.
pub fn read_plan_text(text: &str) -> Result<Plan, String> {
    let plan = parse_plan(text).map_err(|e| e.to_string())?;
    check_component_count(&plan)?;
    Ok(plan)
}

/// Refuses a plan with more components than the CLI accepts, or past its other count
/// limits (rules per AWS Backup plan, rule × component pairs: `plan::limits`).
pub fn check_component_count(plan: &Plan) -> Result<(), String> {
    if plan.components.len() > MAX_COMPONENTS {
        return Err(format!(
            "it has {} components; a plan holds at most {MAX_COMPONENTS}",
            plan.components.len()
        ));
    }
    match super::limits::check(plan).into_iter().next() {
        Some(past) => Err(format!("{}: {}", past.path, past.message)),
        None => Ok(()),
    }
}
