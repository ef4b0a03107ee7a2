//! Reading a plan: from a file, a device, a pipe or standard input (`-`), never more
//! than the plan size limit. The limit is enforced while reading (`/dev/zero` or an
//! endless pipe stops at the limit plus one byte), not after.

use std::io::Read;

use drplan::plan::untrusted::{is_hidden, quoted};
use drplan::plan::MAX_PLAN_BYTES;

/// At most `limit` bytes of `reader`; an error once there is more.
pub fn read_limited(reader: impl Read, limit: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!("is larger than {limit} bytes, the largest plan accepted"));
    }
    Ok(bytes)
}

/// The plan text of `source` (a path, or `-` for standard input), or why not.
pub fn read_plan_text(source: &str) -> Result<String, String> {
    let bytes = if source == "-" {
        read_limited(std::io::stdin().lock(), MAX_PLAN_BYTES)
    } else {
        let file = std::fs::File::open(source).map_err(|e| format!("cannot be read: {e}"))?;
        if file.metadata().is_ok_and(|m| m.is_dir()) {
            return Err("is a directory, not a plan file".into());
        }
        read_limited(file, MAX_PLAN_BYTES)
    }?;
    String::from_utf8(bytes).map_err(|e| {
        format!("is not UTF-8 text (byte {} is not valid UTF-8)", e.utf8_error().valid_up_to())
    })
}

/// `source` as messages show it: as typed when it is plain, else quoted and escaped.
pub fn shown(source: &str) -> String {
    let plain = source.chars().all(|c| !c.is_whitespace() && !is_hidden(c) && c != '"');
    if source == "-" {
        "standard input".into()
    } else if plain && source.chars().count() <= 200 {
        source.into()
    } else {
        quoted(source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_source_stops_at_the_limit() {
        let endless = std::io::repeat(b' ');
        assert!(read_limited(endless, 1_000).unwrap_err().contains("larger than 1000 bytes"));
        assert_eq!(read_limited(&b"{}"[..], 2).unwrap(), b"{}");
    }
}
