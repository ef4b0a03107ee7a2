//! Shared syntax rules: component ids, email addresses and host names.

/// What a valid component id looks like, for messages.
pub const ID_RULE: &str = "ids are 1–40 characters of lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen (they become part of S3 bucket and resource names)";

/// An id must survive as part of an S3 bucket name, a CloudFormation logical id,
/// a Terraform name and a CDK construct id once each target's naming is applied.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 40
        && bytes[0].is_ascii_lowercase()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// A deliberately conservative address check: `local@domain.tld` with the characters
/// mail systems accept everywhere. Quotes, spaces and brackets are refused.
pub fn is_valid_email(email: &str) -> bool {
    if email.len() > 254 {
        return false;
    }
    let Some((local, domain)) = email.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.bytes().all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b));
    local_ok && is_valid_hostname(domain) && domain.contains('.')
}

/// A DNS host name: dot-separated labels of letters, digits and inner hyphens,
/// ending in a top-level domain of letters.
pub fn is_valid_hostname(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    name.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Retention periods CloudWatch Logs accepts, in days.
pub const LOG_RETENTION_DAYS: [u32; 22] = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// A name made of letters, digits and `-_.`, such as a backup rule or metric name.
pub fn is_simple_name(name: &str, max_len: usize) -> bool {
    !name.is_empty()
        && name.len() <= max_len
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in ["a", "media", "media-2", "db1"] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in
            ["", "Media", "1db", "a--b", "a-", "a_b", "a.b", "é", &"a".repeat(41), "a b", "${x}"]
        {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn emails() {
        for ok in ["admin@example.com", "dba-team@company.com", "a.b+tag@sub.example.org"] {
            assert!(is_valid_email(ok), "{ok}");
        }
        for bad in [
            "",
            "admin",
            "a@b",
            "a@@b.com",
            "a b@c.com",
            "\"x\"@c.com",
            "a@c.com\n",
            ".a@c.com",
            "a@-c.com",
            "a@c.c0m",
            "${x}@c.com",
        ] {
            assert!(!is_valid_email(bad), "{bad:?}");
        }
    }
}
