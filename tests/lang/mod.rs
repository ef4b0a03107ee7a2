//! Minimal lexers for the generated languages: each returns the text that is code,
//! with string literals and comments removed. Injection tests use them to check
//! that hostile plan text only ever lands inside literals or comments.
//!
//! They cover the syntax the export writes (and the static helper code it ships),
//! not the whole languages.

#![allow(dead_code)]

/// Python: `#` comments, '...' / "..." and triple-quoted strings with escapes.
pub fn python_code(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '#' {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '"' || c == '\'' {
            let triple = i + 2 < b.len() && b[i + 1] == c && b[i + 2] == c;
            if triple {
                i += 3;
                while i + 2 < b.len() && !(b[i] == c && b[i + 1] == c && b[i + 2] == c) {
                    i += if b[i] == '\\' { 2 } else { 1 };
                }
                i += 3;
            } else {
                i += 1;
                while i < b.len() && b[i] != c {
                    assert!(b[i] != '\n', "unterminated Python string literal");
                    i += if b[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
            }
            out.push('S');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// TypeScript: `//` and `/* */` comments, '...', "..." and `...` literals.
pub fn typescript_code(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '/' && b.get(i + 1) == Some(&'/') {
            while i < b.len() && b[i] != '\n' && b[i] != '\u{2028}' && b[i] != '\u{2029}' {
                i += 1;
            }
        } else if c == '/' && b.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == '*' && b[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' || c == '`' {
            i += 1;
            while i < b.len() && b[i] != c {
                assert!(
                    c == '`' || (b[i] != '\n' && b[i] != '\u{2028}'),
                    "line break in a TypeScript string literal"
                );
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push('S');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// HCL: `#` and `//` comments, "..." templates whose `${...}` / `%{...}` parts are
/// code (and `$${` / `%%{` are literal).
pub fn hcl_code(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '#' || (c == '/' && b.get(i + 1) == Some(&'/')) {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                assert!(b[i] != '\n', "line break in an HCL string");
                if b[i] == '\\' {
                    i += 2;
                } else if (b[i] == '$' || b[i] == '%')
                    && b.get(i + 1) == Some(&b[i])
                    && b.get(i + 2) == Some(&'{')
                {
                    i += 3;
                } else if (b[i] == '$' || b[i] == '%') && b.get(i + 1) == Some(&'{') {
                    // An interpolation: its contents are code, up to the matching brace.
                    i += 2;
                    let mut depth = 1;
                    while i < b.len() && depth > 0 {
                        match b[i] {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            ch => out.push(ch),
                        }
                        i += 1;
                    }
                } else {
                    i += 1;
                }
            }
            i += 1;
            out.push('S');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// YAML as the export writes it: double-quoted scalars with escapes, `#` comments;
/// everything else (keys, plain scalars, tags) is structure.
pub fn yaml_code(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let at_token_start = i == 0 || b[i - 1] == ' ' || b[i - 1] == '\n';
        if c == '#' && at_token_start {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                assert!(
                    !matches!(b[i], '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'),
                    "line break in a YAML string"
                );
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push('S');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// A POSIX shell line: '...' (no escapes), "..." (with escapes), `#` comments.
pub fn shell_code(line: &str) -> String {
    let b: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '#' && (i == 0 || b[i - 1] == ' ') {
            break;
        } else if c == '\\' {
            // Outside quotes a backslash quotes the next character (`'\''`).
            out.push('S');
            i += 2;
        } else if c == '\'' {
            i += 1;
            while i < b.len() && b[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push('S');
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                i += if b[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push('S');
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}
