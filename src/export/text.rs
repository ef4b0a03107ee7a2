//! Text helpers shared by the model and every emitter: splitting names into words,
//! case conversion, slugs for physical names, a stable short hash, and making user
//! text safe for comments, Markdown and shell commands in READMEs.
//!
//! Nothing here escapes string literals of a language: each emitter has its own
//! escaping module with its own tests, because each language's rules differ.

use crate::plan::untrusted::is_hidden;

/// 32-bit FNV-1a: a stable hash (unlike `std`'s `DefaultHasher`, whose output may
/// change between Rust releases) used to keep truncated names unique.
pub fn fnv1a(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Four lowercase hex digits of [`fnv1a`].
pub fn hash4(text: &str) -> String {
    format!("{:04x}", fnv1a(text) & 0xffff)
}

/// The lowercase ASCII words of a name: letters and digits, split at anything else.
/// `prod-database-1` → `[prod, database, 1]`; non-ASCII characters are dropped.
pub fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

/// `prod-database-1` → `ProdDatabase1`.
pub fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

/// `prod-database-1` → `prodDatabase1`.
pub fn camel(name: &str) -> String {
    let ws = words(name);
    let mut out = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            out.push_str(&capitalize(w));
        }
    }
    out
}

/// `prod-database-1` → `prod_database_1`.
pub fn snake(name: &str) -> String {
    words(name).join("_")
}

/// `prod-database-1` → `PROD_DATABASE_1`.
pub fn upper_snake(name: &str) -> String {
    snake(name).to_ascii_uppercase()
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Lowercase letters, digits and single hyphens, as S3 bucket names, vault names
/// and most AWS names accept. Empty when nothing usable remains.
pub fn slug(text: &str) -> String {
    words(text).join("-")
}

/// A slug of at most `max` bytes (`max` ≥ 8) that starts with a letter. When the
/// slug differs from `text` or is cut, a hash of `text` is appended so that two
/// different inputs never end up with the same name.
pub fn short_slug(text: &str, max: usize) -> String {
    let mut s = slug(text);
    let starts_with_letter = s.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
    if s == text && s.len() <= max && starts_with_letter {
        return s;
    }
    if !starts_with_letter {
        s = format!("c-{s}");
    }
    let keep = max.saturating_sub(5);
    let mut cut: String = s.chars().take(keep).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    format!("{cut}-{}", hash4(text))
}

/// Text for a code comment or a heading: printable ASCII only (other characters
/// become `?`), one line, at most `max` characters. Comments never carry raw user
/// text, because a line break (or U+2028 in JavaScript, U+0085 in YAML 1.1) would
/// end the comment and let the rest run as code.
pub fn comment_safe(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c == ' ' || c.is_ascii_graphic() { c } else { '?' })
        .collect();
    // `*/` would end a block comment in languages that have them; emitters use line
    // comments, but keep the text inert everywhere.
    while out.contains("*/") {
        out = out.replace("*/", "*?");
    }
    if text.chars().count() > max {
        out.push_str("...");
    }
    out
}

/// `text` as CDK will read it back literally. CDK scans every string it resolves for
/// its token markers (`${Token[KEY]}`, `#{Token[KEY]}` with KEY of letters, digits
/// and `:._-`, and numbers of the form `-1.` + 10–16 digits + `e+289`) and fails on a
/// key it did not issue (`Unrecognized token key`), so plan text holding one would
/// break `cdk synth`. No escape exists for them, so the marker is broken up where it
/// cannot change what a reader sees: the `$` or `#` that opens it becomes its
/// fullwidth form (`＄`, `＃`), and the `e` of such a number an `E` (the same number).
pub fn cdk_inert(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let rest = &chars[i + 1..];
        let opens_marker = rest.len() >= 7 && rest[..7].iter().copied().eq("{Token[".chars());
        match c {
            '$' if opens_marker => out.push('\u{ff04}'),
            '#' if opens_marker => out.push('\u{ff03}'),
            'e' if rest.starts_with(&['+', '2', '8', '9']) && number_token_before(&chars[..i]) => {
                out.push('E')
            }
            c => out.push(c),
        }
    }
    out
}

/// Whether `before` ends with `-1.` and 10–16 digits (a CDK number token's mantissa).
fn number_token_before(before: &[char]) -> bool {
    let digits = before.iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let head = &before[..before.len() - digits];
    (10..=16).contains(&digits) && head.ends_with(&['-', '1', '.'])
}

/// A hidden character (see [`crate::plan::untrusted::is_hidden`]) written as visible
/// text, `[U+202E]`, for targets that have no escape for it.
fn shown(c: char) -> String {
    format!("[U+{:04X}]", c as u32)
}

/// User text as one line of Markdown: control characters and line breaks become
/// spaces, other hidden characters (bidi controls, zero-width characters) are shown
/// as `[U+202E]`, and the characters that start Markdown syntax mid-line (code, emphasis,
/// links, HTML, entities, tables) are backslash-escaped, as are the characters that
/// would open a list, quote or heading at the start, so the text can neither open a
/// code block, a link or HTML, nor end the list item or table cell it sits in.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            out.push(' ');
        } else if is_hidden(c) {
            out.push_str(&shown(c).replace('[', "\\[").replace(']', "\\]"));
        } else if "\\`*_{}[]<>#|~&$".contains(c) || (i == 0 && "-+=>".contains(c)) {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
    // "1. text" at the start would become an ordered list.
    if let Some(pos) = out.find(|c: char| !c.is_ascii_digit()) {
        if pos > 0 && (out[pos..].starts_with('.') || out[pos..].starts_with(')')) {
            out.insert(pos, '\\');
        }
    }
    out
}

/// User text as a Markdown code span: backticks cannot be escaped inside one, so
/// they become `'`; line breaks become spaces; other hidden characters are shown as
/// `[U+202E]`.
pub fn code_span(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if c == '`' {
                "'".to_string()
            } else if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                " ".to_string()
            } else if is_hidden(c) {
                shown(c)
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("`{}`", clean.trim())
}

/// A POSIX shell word for README commands: single quotes, with embedded single
/// quotes written as `'\''`. Control and other hidden characters (bidi controls
/// could make the command read differently from what it runs) are replaced by `?`
/// so that a pasted command stays one line and shows what it does.
pub fn shell_quote(text: &str) -> String {
    let clean: String = text.chars().map(|c| if is_hidden(c) { '?' } else { c }).collect();
    format!("'{}'", clean.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(pascal("prod-database-1"), "ProdDatabase1");
        assert_eq!(camel("prod-database-1"), "prodDatabase1");
        assert_eq!(snake("prod-database-1"), "prod_database_1");
        assert_eq!(upper_snake("media"), "MEDIA");
        assert_eq!(pascal("${evil}\"; x"), "EvilX");
        assert_eq!(words("é-ü"), Vec::<String>::new());
    }

    #[test]
    fn slugs_stay_unique_and_short() {
        assert_eq!(short_slug("media", 22), "media");
        let long = "a".repeat(40);
        let s = short_slug(&long, 22);
        assert!(s.len() <= 22, "{s}");
        assert_ne!(short_slug("Media", 22), short_slug("media", 22));
        assert_ne!(short_slug("a b", 22), short_slug("a-b", 22));
        assert!(short_slug("1db", 22).starts_with("c-1db-"));
        assert!(short_slug("", 22).starts_with("c-"));
        assert!(short_slug("€€€", 22).starts_with('c'));
    }

    #[test]
    fn hash_is_stable() {
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(hash4("a"), "292c");
    }

    #[test]
    fn comments_are_inert() {
        assert_eq!(comment_safe("a\nb\u{2028}c\u{85}d */ e", 100), "a?b?c?d *? e");
        assert_eq!(comment_safe("abcdef", 3), "abc...");
    }

    #[test]
    fn markdown_is_escaped() {
        assert_eq!(
            markdown_text("a\n```rm``` <b>[x](y)"),
            "a \\`\\`\\`rm\\`\\`\\` \\<b\\>\\[x\\](y)"
        );
        assert_eq!(markdown_text("# h"), "\\# h");
        assert_eq!(markdown_text("- item"), "\\- item");
        assert_eq!(markdown_text("12. x"), "12\\. x");
        assert_eq!(markdown_text("a | b & c"), "a \\| b \\& c");
        assert_eq!(markdown_text("us-east-1 (seed 004)."), "us-east-1 (seed 004).");
        assert_eq!(code_span("a`b\nc"), "`a'b c`");
    }

    #[test]
    fn hidden_characters_are_shown() {
        assert_eq!(markdown_text("a\u{202e}b"), "a\\[U+202E\\]b");
        assert_eq!(code_span("a\u{200b}b"), "`a[U+200B]b`");
        assert_eq!(shell_quote("a\u{2066}b"), "'a?b'");
    }

    /// CDK's own patterns (aws-cdk-lib `core/lib/private/encoding.js`) never match.
    #[test]
    fn cdk_markers_are_broken_up() {
        for (text, inert) in [
            ("${Token[TOKEN.123]}", "\u{ff04}{Token[TOKEN.123]}"),
            ("#{Token[a:b]}", "\u{ff03}{Token[a:b]}"),
            ("x -1.8881545897087626e+289 y", "x -1.8881545897087626E+289 y"),
            ("${Token[", "\u{ff04}{Token["),
            ("${Tok", "${Tok"),
            ("-1.5e+289 and 1e+289", "-1.5e+289 and 1e+289"),
            ("plain ${var} text", "plain ${var} text"),
        ] {
            assert_eq!(cdk_inert(text), inert, "{text}");
        }
    }

    #[test]
    fn shell_words() {
        assert_eq!(shell_quote("ops@example.com"), "'ops@example.com'");
        assert_eq!(shell_quote("a'b; rm -rf /"), "'a'\\''b; rm -rf /'");
        assert_eq!(shell_quote("a\nb"), "'a?b'");
    }
}
