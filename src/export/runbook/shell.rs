//! Shell quoting for the runbook's commands (bash).
//!
//! Commands are fixed text written by drplan; what comes from the plan or the model
//! (names, regions, input defaults) enters only through this module: as a single-
//! quoted word, as the inside of a double-quoted string (where `$VAR` expansions of
//! the runbook's own variables are allowed next to it), or as a variable name built
//! from letters, digits and underscores. Hidden characters (line breaks, bidi
//! controls, zero-width characters) become `?`, so a pasted command is one line and
//! reads as what it runs.

use crate::plan::untrusted::is_hidden;

fn visible(c: char) -> char {
    if is_hidden(c) || c.is_control() {
        '?'
    } else {
        c
    }
}

/// A single-quoted word: nothing inside is special; `'` is written `'\''`.
pub fn word(text: &str) -> String {
    let clean: String = text.chars().map(visible).collect();
    format!("'{}'", clean.replace('\'', "'\\''"))
}

/// Text for the inside of a double-quoted string: `\`, `"`, `$` and `` ` `` are
/// backslash-escaped, so the text never expands, substitutes or ends the string.
pub fn in_double_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(visible) {
        if matches!(c, '\\' | '"' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A shell variable name from any text: uppercase ASCII letters, digits and
/// underscores, starting with a letter; `suffix` names what it holds (`BUCKET`).
/// Text with nothing usable, or whose letters were changed, keeps a short hash so
/// that two components never share a variable.
pub fn var(text: &str, suffix: &str) -> String {
    let base = crate::export::text::upper_snake(text);
    let exact = base.to_ascii_lowercase().replace('_', "-") == text;
    let mut name = if base.is_empty() { "C".to_string() } else { base };
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "C_");
    }
    if !exact {
        name = format!("{name}_{}", crate::export::text::hash4(text).to_ascii_uppercase());
    }
    format!("{name}_{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `bash -c 'printf %s <quoted>'` and returns what it printed: the quoted
    /// text must come back as itself (with hidden characters shown), never run.
    fn through_bash(script: &str) -> String {
        let out = std::process::Command::new("bash").arg("-c").arg(script).output();
        match out {
            Ok(o) => String::from_utf8_lossy(&o.stdout).into_owned(),
            Err(e) => panic!("bash: {e}"),
        }
    }

    const HOSTILE: [&str; 7] = [
        "a'b; touch /tmp/drplan-pwned",
        "$(touch /tmp/drplan-pwned)",
        "`touch /tmp/drplan-pwned`",
        "\"; touch /tmp/drplan-pwned; \"",
        "x\ntouch /tmp/drplan-pwned",
        "${HOME} \\ \\\" \\$",
        "a\u{202e}b\u{200b}c",
    ];

    #[test]
    fn single_quoted_words_stay_literal() {
        assert_eq!(word("media"), "'media'");
        assert_eq!(word("a'b"), "'a'\\''b'");
        assert_eq!(word("a\nb\u{202e}"), "'a?b?'");
        for text in HOSTILE {
            let expected: String = text.chars().map(visible).collect();
            assert_eq!(through_bash(&format!("printf %s {}", word(text))), expected, "{text}");
        }
    }

    #[test]
    fn double_quoted_text_never_expands() {
        assert_eq!(in_double_quotes("a\"b$c`d\\e"), "a\\\"b\\$c\\`d\\\\e");
        for text in HOSTILE {
            let expected: String = text.chars().map(visible).collect();
            let script = format!("X=1; printf %s \"{}-$X\"", in_double_quotes(text));
            assert_eq!(through_bash(&script), format!("{expected}-1"), "{text}");
        }
    }

    #[test]
    fn variable_names_are_identifiers_and_distinct() {
        assert_eq!(var("media", "BUCKET"), "MEDIA_BUCKET");
        assert_eq!(var("prod-db-1", "DB"), "PROD_DB_1_DB");
        for text in HOSTILE.iter().chain(&["", "1db", "Media", "a_b"]) {
            let v = var(text, "DB");
            assert!(v.starts_with(|c: char| c.is_ascii_uppercase()), "{v}");
            assert!(v.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'));
        }
        assert_ne!(var("a-b", "X"), var("a_b", "X"));
        assert_ne!(var("media", "X"), var("Media", "X"));
    }
}
