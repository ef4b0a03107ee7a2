//! User text inside messages: escaped and cut short.
//!
//! A plan can carry any Unicode. Echoed raw into a terminal, an ESC starts a control
//! sequence (clear the screen, move the cursor), a carriage return or newline can
//! print a fake line, and bidi controls (U+202E) reorder what the reader sees. Every
//! message that quotes plan text goes through [`quoted`] (or [`escape`]), which shows
//! such characters as visible escapes (`\n`, `\u{1b}`, `\u{202e}`) and keeps at most a
//! few dozen characters, so a message stays one short line whatever the plan holds.

/// Characters quoted in one message at most.
pub const QUOTE_CHARS: usize = 60;

/// Whether `c` is invisible or changes how the text around it is shown: control
/// characters, line and paragraph separators, bidi marks, embeddings, overrides and
/// isolates, zero-width characters, the BOM, soft hyphen and interlinear annotation
/// marks, and Unicode tag characters.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// `text` with every [`is_hidden`] character written as an escape, cut after
/// `max_chars` characters with `…`.
pub fn escape(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars.saturating_mul(4)));
    for (i, c) in text.chars().enumerate() {
        if i == max_chars {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// `"text"`, escaped and cut at [`QUOTE_CHARS`]: how messages quote plan text.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text, QUOTE_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_visible_escapes() {
        assert_eq!(escape("a\u{1b}[2Jb\r\nvalid\0", 100), "a\\u{1b}[2Jb\\r\\nvalid\\u{0}");
        assert_eq!(
            escape("abc\u{202e}def\u{200b}\u{2028}", 100),
            "abc\\u{202e}def\\u{200b}\\u{2028}"
        );
        assert_eq!(escape("plain Ünïcode 東京", 100), "plain Ünïcode 東京");
        assert_eq!(quoted(&"x".repeat(1_000_000)), format!("\"{}…\"", "x".repeat(QUOTE_CHARS)));
    }
}
