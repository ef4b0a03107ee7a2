//! The limits every plan in the app keeps, exactly the CLI's: the plan-file size and
//! nesting that [`parse_plan`] checks, and the component count that validation
//! enforces. They apply alike to what is typed, pasted, opened from a file, shared in
//! a link or restored from storage, so that no input can make the engines slow.

pub use crate::plan::admit::{check_component_count, read_plan_text};
use crate::plan::validate::MAX_COMPONENTS;
use crate::plan::{Component, Plan, MAX_PLAN_BYTES};

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

/// Spaces a component's lines are indented by in the file form: components sit two
/// levels deep (`{ "components": [ {`), two spaces a level.
const COMPONENT_INDENT_BYTES: usize = 4;

/// Bytes of `component` as a part of its plan's file form: its own pretty form with each
/// line after the first indented to where the component list puts it. Every newline in
/// the pretty form is one the formatter wrote (a newline inside a text is written `\n`).
fn component_file_bytes(component: &Component) -> usize {
    // Serialising plain structs with string keys cannot fail.
    let text = serde_json::to_string_pretty(component).unwrap_or_default();
    let lines_after_first = text.bytes().filter(|b| *b == b'\n').count();
    text.len().saturating_add(lines_after_first.saturating_mul(COMPONENT_INDENT_BYTES))
}

/// [`file_bytes`] of `after`, given that `before` takes `before_bytes`: when the two
/// differ in one component only (an edit of one field, the commonest change by far),
/// the size is worked out from that component's old and new forms, so a keystroke on a
/// large plan does not write out all of it; any other change is counted in full.
pub fn file_bytes_after(before: &Plan, before_bytes: usize, after: &Plan) -> usize {
    single_changed_component(before, after)
        .and_then(|(old, new)| {
            before_bytes
                .checked_sub(component_file_bytes(old))?
                .checked_add(component_file_bytes(new))
        })
        .unwrap_or_else(|| file_bytes(after))
}

/// The one component, old and new, in which `before` and `after` differ, when nothing
/// else does.
fn single_changed_component<'a>(
    before: &'a Plan,
    after: &'a Plan,
) -> Option<(&'a Component, &'a Component)> {
    if !before.same_outside_components(after) || before.components.len() != after.components.len() {
        return None;
    }
    let mut changed =
        before.components.iter().zip(&after.components).filter(|(old, new)| old != new);
    let one = changed.next()?;
    changed.next().is_none().then_some(one)
}

/// Checks a plan about to become the current one; returns its size in bytes.
pub fn check(plan: &Plan) -> Result<usize, String> {
    checked_size(plan, file_bytes(plan))
}

/// [`check`] of `after`, an edit of `before` (which takes `before_bytes`), counting its
/// size as [`file_bytes_after`] does.
pub fn check_edit(before: &Plan, before_bytes: usize, after: &Plan) -> Result<usize, String> {
    checked_size(after, file_bytes_after(before, before_bytes, after))
}

fn checked_size(plan: &Plan, bytes: usize) -> Result<usize, String> {
    check_component_count(plan)?;
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

    /// An edit of one component is sized from that component alone; the size must be
    /// the file's, whatever the text typed (quotes, newlines, other scripts) and
    /// whichever component, for every preset.
    #[test]
    fn an_edit_of_one_component_is_sized_as_its_file_is() {
        for preset in crate::presets::PRESETS {
            let before = preset.plan();
            let before_bytes = file_bytes(&before);
            for at in 0..before.components.len() {
                for typed in
                    ["", "x", "a \"quoted\"\nline\tand\\ 漢字 \u{1f600}", &"long ".repeat(99)]
                {
                    let mut after = before.clone();
                    let component = &mut after.components[at];
                    let id = format!("{}{typed}", component.id());
                    component.set_id(&id);
                    assert_eq!(
                        check_edit(&before, before_bytes, &after),
                        Ok(file_bytes(&after)),
                        "{} component {at} renamed with {typed:?}",
                        preset.id
                    );
                }
                // A component replaced by another kind's: other fields, other lines.
                for kind in ComponentKind::ALL {
                    let mut after = before.clone();
                    after.add_component(kind);
                    let Some(new) = after.components.pop() else { continue };
                    after.components[at] = new;
                    assert_eq!(
                        check_edit(&before, before_bytes, &after),
                        Ok(file_bytes(&after)),
                        "{} component {at} replaced by a new {kind:?}",
                        preset.id
                    );
                }
            }
        }
    }

    /// Anything but a one-component edit is counted in full.
    #[test]
    fn other_edits_are_counted_in_full() {
        let before = crate::presets::default_plan();
        let bytes = file_bytes(&before);
        let mut renamed = before.clone();
        renamed.name.push_str(" \"renamed\"");
        let mut two = before.clone();
        for component in two.components.iter_mut().take(2) {
            let id = format!("{}-2", component.id());
            component.set_id(&id);
        }
        let mut added = before.clone();
        added.add_component(ComponentKind::S3Bucket);
        for after in [renamed, two, added] {
            assert_eq!(file_bytes_after(&before, bytes, &after), file_bytes(&after));
        }
        // A stale size for the plan before is not trusted into an underflow.
        assert_eq!(file_bytes_after(&before, 0, &before), file_bytes(&before));
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
