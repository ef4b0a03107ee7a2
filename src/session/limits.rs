//! The limits every plan in the app keeps, exactly the CLI's: the plan-file size and
//! nesting that [`parse_plan`] checks, and the component count that validation
//! enforces. They apply alike to what is typed, pasted, opened from a file, shared in
//! a link or restored from storage, so that no input can make the engines slow.

pub use crate::plan::admit::{check_component_count, read_plan_text};
use crate::plan::validate::MAX_COMPONENTS;
use crate::plan::{Plan, MAX_PLAN_BYTES};

/// Whether one more component fits.
pub fn can_add_component(plan: &Plan) -> bool {
    plan.components.len() < MAX_COMPONENTS
}

/// Bytes of the plan's file form (the autosave, a saved file, a share link's payload).
pub fn file_bytes(plan: &Plan) -> usize {
    // Built and dropped rather than counted through a writer of its own: a second
    // instance of the whole plan serialiser would cost the web app more download than
    // this costs time (well under a millisecond for a plan at the limits).
    plan.to_json_pretty().len()
}

/// Checks a plan about to become the current one; returns its size in bytes.
pub fn check(plan: &Plan) -> Result<usize, String> {
    check_component_count(plan)?;
    let bytes = file_bytes(plan);
    if bytes > MAX_PLAN_BYTES {
        return Err(format!(
            "the plan would take {bytes} bytes as a file; the limit is {MAX_PLAN_BYTES}"
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::ComponentKind;

    #[test]
    fn the_size_counted_is_the_file_size() {
        let plan = crate::presets::default_plan();
        assert_eq!(file_bytes(&plan), plan.to_json_pretty().len());
        assert_eq!(check(&plan), Ok(plan.to_json_pretty().len()));
    }

    #[test]
    fn the_cli_limits_refuse_with_a_reason() {
        let mut plan = Plan::default();
        while can_add_component(&plan) {
            plan.add_component(ComponentKind::S3Bucket);
        }
        assert_eq!(plan.components.len(), MAX_COMPONENTS);
        assert!(check(&plan).is_ok());
        plan.add_component(ComponentKind::S3Bucket);
        assert!(check(&plan).unwrap_err().contains("at most 200"));
        let text = plan.to_json_pretty();
        assert!(read_plan_text(&text).unwrap_err().contains("201 components"));

        let huge = Plan { name: "x".repeat(MAX_PLAN_BYTES), ..Plan::default() };
        assert!(check(&huge).unwrap_err().contains("the limit is 1000000"));
        assert!(read_plan_text(&huge.to_json_pretty()).is_err());
    }
}
