//! Diagnostics looked up by path: what each field of the editor shows under itself,
//! and counted per component for the cards.
//! An open card has a few dozen fields, each asking for the diagnostics at its path
//! after every edit; grouping the diagnostics by the component they are about answers
//! each field from its own component's few instead of from all of them.

use super::{component_of, Diagnostic};

/// A plan's diagnostics, with their positions grouped by component.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DiagnosticsByPath {
    diagnostics: Vec<Diagnostic>,
    /// Positions in `diagnostics` of those about component `i` ([`component_of`]), in
    /// validation's order.
    by_component: Vec<Vec<usize>>,
    /// Positions of those about no component (plan-wide settings, the list itself).
    elsewhere: Vec<usize>,
}

impl DiagnosticsByPath {
    pub fn new(diagnostics: Vec<Diagnostic>) -> DiagnosticsByPath {
        let (mut by_component, mut elsewhere) = (Vec::<Vec<usize>>::new(), Vec::new());
        for (position, d) in diagnostics.iter().enumerate() {
            match component_of(&d.path) {
                Some(i) => {
                    if by_component.len() <= i {
                        by_component.resize_with(i + 1, Vec::new);
                    }
                    by_component[i].push(position);
                }
                None => elsewhere.push(position),
            }
        }
        DiagnosticsByPath { diagnostics, by_component, elsewhere }
    }

    /// How many diagnostics are about each component (itself or any of its fields), by
    /// position: `counts[i]` for component `i`, what its card shows as "N to check".
    /// The list ends at the last component that has one, so a position past its end has
    /// none.
    pub fn per_component(&self) -> Vec<usize> {
        self.by_component.iter().map(Vec::len).collect()
    }

    /// Every diagnostic, in validation's order.
    pub fn all(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The diagnostics whose path is `path` or lies inside it (`path.field`,
    /// `path[2]`), in validation's order.
    pub fn at(&self, path: &str) -> Vec<Diagnostic> {
        let pick = |positions: &[usize]| -> Vec<Diagnostic> {
            positions
                .iter()
                .filter_map(|p| self.diagnostics.get(*p))
                .filter(|d| is_at_or_inside(&d.path, path))
                .cloned()
                .collect()
        };
        // A path inside a component's is about that component; only the list itself
        // (`components`) holds diagnostics about several.
        match component_of(path) {
            Some(i) => self.by_component.get(i).map_or_else(Vec::new, |own| pick(own)),
            None if path == "components" => self
                .diagnostics
                .iter()
                .filter(|d| is_at_or_inside(&d.path, path))
                .cloned()
                .collect(),
            None => pick(&self.elsewhere),
        }
    }
}

/// Whether `candidate` is `path` or a path inside it (not merely one that starts alike:
/// `components[20]` is not inside `components[2]`).
fn is_at_or_inside(candidate: &str, path: &str) -> bool {
    candidate.strip_prefix(path).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::plan::Severity;
    use proptest::prelude::*;

    /// What the editor did before the index: every diagnostic read for every field.
    fn by_reading_all(diagnostics: &[Diagnostic], path: &str) -> Vec<Diagnostic> {
        diagnostics.iter().filter(|d| is_at_or_inside(&d.path, path)).cloned().collect()
    }

    fn diagnostic(path: &str, message: &str) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, path: path.into(), message: message.into() }
    }

    #[test]
    fn a_field_gets_its_own_and_those_inside_it_in_validation_order() {
        let diagnostics = [
            diagnostic("components[2].rules[0].name", "first"),
            diagnostic("components[20].id", "other component"),
            diagnostic("components[2]", "second"),
            diagnostic("components[2].rules", "third"),
            diagnostic("components[2]x", "not inside"),
            diagnostic("components[2].rules", "fourth"),
            diagnostic("name", "plan"),
        ];
        let index = DiagnosticsByPath::new(diagnostics.to_vec());
        let messages =
            |path| -> Vec<String> { index.at(path).into_iter().map(|d| d.message).collect() };
        assert_eq!(messages("components[2]"), ["first", "second", "third", "fourth"]);
        assert_eq!(messages("components[2].rules"), ["first", "third", "fourth"]);
        assert_eq!(messages("components[20]"), ["other component"]);
        assert_eq!(
            messages("components"),
            ["first", "other component", "second", "third", "not inside", "fourth"]
        );
        assert!(messages("components[3]").is_empty());
        // The empty path is the plan itself, which no diagnostic here is about.
        assert!(messages("").is_empty());
    }

    fn path() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                prop::sample::select(vec!["components", "name", "rules", "id", "x", "."])
                    .prop_map(String::from),
                (0usize..25).prop_map(|i| format!("[{i}]")),
                (0usize..3).prop_map(|i| format!(".f{i}")),
            ],
            0..5,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        /// The index finds exactly what reading every diagnostic finds, in the same order.
        #[test]
        fn the_index_finds_what_reading_all_finds(paths in prop::collection::vec(path(), 0..40), asked in prop::collection::vec(path(), 1..10)) {
            let diagnostics: Vec<Diagnostic> =
                paths.iter().enumerate().map(|(n, p)| diagnostic(p, &n.to_string())).collect();
            let index = DiagnosticsByPath::new(diagnostics.clone());
            prop_assert_eq!(index.all(), &diagnostics[..]);
            for path in asked.iter().chain(&paths) {
                prop_assert_eq!(index.at(path), by_reading_all(&diagnostics, path), "at {:?}", path);
            }
        }
    }
}
