//! Which component a diagnostic is about, read from its path: what groups the
//! diagnostics per component ([`super::DiagnosticsByPath`]), for each card's "N to
//! check" and each field's messages.

/// The position of the component a diagnostic path is about: `components[3]`,
/// `components[3].id` and `components[3].rules[0].name` are about component 3;
/// `components` and `components[x]` about none.
pub fn component_of(path: &str) -> Option<usize> {
    let inside = path.strip_prefix("components[")?;
    let (index, rest) = inside.split_once(']')?;
    if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with(['.', '['])) {
        return None;
    }
    index.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::validate::{Diagnostic, DiagnosticsByPath};
    use crate::plan::Severity;

    fn per_component(diagnostics: &[Diagnostic]) -> Vec<usize> {
        DiagnosticsByPath::new(diagnostics.to_vec()).per_component()
    }

    fn at(path: &str) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, path: path.into(), message: "m".into() }
    }

    #[test]
    fn a_component_counts_its_own_and_its_fields_diagnostics_only() {
        let diagnostics = [
            at("components[2].id"),
            at("components[2]"),
            at("components[2].rules[0].name"),
            at("components[0].lifecycle.glacier_days"),
            at("components[20]"),
            at("components"),
            at("name"),
            at("components[x].id"),
            at("components[]"),
            at("components[1]x"),
            at("recovery_tests[1].component"),
        ];
        let counts = per_component(&diagnostics);
        assert_eq!(counts.len(), 21);
        assert_eq!((counts[0], counts[1], counts[2], counts[20]), (1, 0, 3, 1));
        assert_eq!(counts.iter().sum::<usize>(), 5);
    }

    #[test]
    fn a_path_outside_the_components_is_about_none() {
        assert_eq!(component_of("components[12].id"), Some(12));
        assert_eq!(component_of("components[12][0]"), Some(12));
        assert_eq!(component_of("components[12]"), Some(12));
        assert_eq!(component_of("components[99999999999999999999999]"), None);
        assert_eq!(component_of("components[12]id"), None);
        assert_eq!(component_of("components[-1]"), None);
        assert_eq!(component_of("export.inputs.components[1]"), None);
        assert!(per_component(&[]).is_empty());
    }
}
