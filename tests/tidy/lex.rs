//! Just enough of Rust's lexical structure for the tidy rules that read code: comments
//! and literals blanked out (so a brace or a path in a string or a comment is not
//! code), and `match` expressions split into their arms.

/// `text` with comments, string, byte-string, raw-string and char literals replaced by
/// spaces, newlines kept, so that byte offsets and line numbers stay as they were.
pub fn mask(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').map_or(b.len(), |e| i + e);
            blank(&mut out, i, end);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (0usize, i);
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, i, j);
            i = j;
        } else if !prev_ident
            && (rest.starts_with(b"r\"") || rest.starts_with(b"r#") || rest.starts_with(b"br"))
        {
            let start = if rest[0] == b'b' { i + 2 } else { i + 1 };
            let hashes = b[start..].iter().take_while(|&&c| c == b'#').count();
            if b.get(start + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close: Vec<u8> =
                std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            let body = start + hashes + 1;
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |e| body + e + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if rest[0] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if rest[0] == b'\'' {
            // A char literal ('x', '\n', '\u{7f}'), not a lifetime ('a).
            let end = if rest.get(1) == Some(&b'\\') {
                rest.iter().skip(2).position(|&c| c == b'\'').map(|e| i + e + 3)
            } else {
                let len = std::str::from_utf8(&rest[1..])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                (rest.get(1 + len) == Some(&b'\'')).then_some(i + len + 2)
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One `match` expression: the line of its keyword and its arms' patterns (guards
/// included), each with its line.
pub struct Match {
    pub line: usize,
    pub arms: Vec<(String, usize)>,
}

fn line_at(text: &str, at: usize) -> usize {
    text[..at].bytes().filter(|&c| c == b'\n').count() + 1
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Every `match` of a masked text, nested ones too.
pub fn matches(masked: &str) -> Vec<Match> {
    let b = masked.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = masked[from..].find("match") {
        let at = from + found;
        from = at + 5;
        let word =
            (at == 0 || !is_ident(b[at - 1])) && b.get(at + 5).is_some_and(|&c| !is_ident(c));
        if !word {
            continue;
        }
        // The scrutinee ends at the first `{` outside brackets.
        let mut depth = 0i32;
        let mut open = None;
        for (j, &c) in b.iter().enumerate().skip(at + 5) {
            match c {
                b'(' | b'[' => depth += 1,
                b')' | b']' => depth -= 1,
                b'{' if depth == 0 => {
                    open = Some(j);
                    break;
                }
                b';' | b'}' if depth <= 0 => break,
                _ => {}
            }
        }
        let Some(open) = open else { continue };
        out.push(Match { line: line_at(masked, at), arms: arms(masked, open + 1) });
    }
    out
}

/// The arm patterns of the match body starting at `start` (just past its `{`). An
/// arm's body ends at a comma outside brackets, or at the end of a block (`{ … }`,
/// `if … { … }`, `match … { … }`) not followed by `else`, `.`, `?` or a comma.
fn arms(masked: &str, start: usize) -> Vec<(String, usize)> {
    let b = masked.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut arm_start, mut in_pattern) = (0i32, start, true);
    let mut j = start;
    while j < b.len() {
        let c = b[j];
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    break; // the match's own closing brace
                }
                depth -= 1;
                if depth == 0 && !in_pattern && c == b'}' {
                    let next = masked[j + 1..].trim_start();
                    let continues = next.starts_with("else")
                        || next.starts_with(['.', '?', ','])
                        || next.starts_with("as ");
                    if !continues {
                        (in_pattern, arm_start) = (true, j + 1);
                    }
                }
            }
            b'=' if depth == 0 && in_pattern && b.get(j + 1) == Some(&b'>') => {
                let pattern = masked[arm_start..j].trim().trim_start_matches(',').trim();
                out.push((pattern.to_string(), line_at(masked, j)));
                (in_pattern, arm_start) = (false, j + 2);
                j += 1;
            }
            b',' if depth == 0 && !in_pattern => (in_pattern, arm_start) = (true, j + 1),
            _ => {}
        }
        j += 1;
    }
    out
}

/// A pattern's alternatives (split at `|` outside brackets), guard removed.
pub fn alternatives(pattern: &str) -> Vec<&str> {
    let b = pattern.as_bytes();
    let (mut depth, mut last, mut out) = (0i32, 0, Vec::new());
    let mut end = pattern.len();
    for (j, &c) in b.iter().enumerate() {
        match c {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'|' if depth == 0 && b.get(j + 1) != Some(&b'|') && (j == 0 || b[j - 1] != b'|') => {
                out.push(pattern[last..j].trim());
                last = j + 1;
            }
            b'i' if depth == 0
                && pattern[j..].starts_with("if")
                && (j == 0 || !is_ident(b[j - 1]))
                && b.get(j + 2).is_some_and(|&c| !is_ident(c)) =>
            {
                end = j;
                break;
            }
            _ => {}
        }
    }
    out.push(pattern[last..end].trim());
    out.retain(|a| !a.is_empty());
    out
}
