//! EventBridge schedule expressions: `cron(...)` with AWS's six fields and `rate(...)`.
//!
//! The cost engine needs how many times a schedule fires in a month; validation
//! needs a message a person understands when an expression is wrong; and every
//! export target checks the same grammar in its own variable validation
//! ([`PATTERN`]), so that an expression the plan accepts deploys, and one a user
//! later types into a `tfvars` file or a stack parameter is checked the same way.
//!
//! The grammar is EventBridge's (user guide, "Rate expressions reference" and "Cron
//! expressions reference"): `rate(value unit)` with a positive whole value, the
//! unit singular for 1 and plural otherwise; `cron(fields)` with six fields
//! separated by white space. It is written here with single ASCII spaces only, no
//! signs, and nothing before or after, because that is the form every tool reads
//! alike: a leading space, a tab, a line break, U+2028 or U+3000 passes some
//! parsers and fails others (cfn-lint, Terraform's validation). Within it, this build
//! supports a subset: no `L`, `W` or `#`, the year `*` (so the schedule keeps
//! running), month and weekday names in capitals, and a rate of at most a year.

/// Average days in a month: 730 hours ÷ 24.
pub const DAYS_PER_MONTH: f64 = crate::HOURS_PER_MONTH as f64 / 24.0;

/// A parsed expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ScheduleExpr {
    /// Fires every `minutes` minutes.
    Rate {
        minutes: u64,
    },
    Cron(Cron),
}

/// The allowed values of each cron field, as bit sets.
#[derive(Clone, Debug, PartialEq)]
pub struct Cron {
    minutes: u64,
    hours: u32,
    /// Bit d set: day-of-month d (1–31); `None` for `?`.
    days_of_month: Option<u32>,
    /// Bit m set: month m (1–12).
    months: u16,
    /// Bit d set: weekday d (1 = Sunday … 7 = Saturday); `None` for `?`.
    days_of_week: Option<u8>,
}

use super::untrusted::{is_hidden, quoted};

impl ScheduleExpr {
    pub fn parse(text: &str) -> Result<ScheduleExpr, String> {
        if let Some(odd) = text.chars().find(|c| (c.is_whitespace() && *c != ' ') || is_hidden(*c))
        {
            return Err(format!(
                "contains {}; write the expression on one line with plain spaces",
                quoted(&odd.to_string())
            ));
        }
        if text.starts_with(' ') || text.ends_with(' ') {
            return Err("starts or ends with a space: remove it".into());
        }
        if text.contains("  ") {
            return Err("has two spaces in a row: separate the fields with one space".into());
        }
        if let Some(body) = text.strip_prefix("rate(").and_then(|t| t.strip_suffix(')')) {
            return parse_rate(body);
        }
        if let Some(body) = text.strip_prefix("cron(").and_then(|t| t.strip_suffix(')')) {
            return parse_cron(body).map(ScheduleExpr::Cron);
        }
        Err("write cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 * * ? *), or rate(1 day)".into())
    }

    /// Runs in an average month (a 365-day year ÷ 12; years are not restricted).
    pub fn runs_per_month(&self) -> f64 {
        match self {
            ScheduleExpr::Rate { minutes } => {
                crate::HOURS_PER_MONTH as f64 * 60.0 / *minutes as f64
            }
            ScheduleExpr::Cron(cron) => {
                let per_day = (cron.minutes.count_ones() * cron.hours.count_ones()) as f64;
                let days = cron.matching_days_in_year(); // 2025 is a common year starting on Wednesday.
                per_day * days as f64 / 12.0
            }
        }
    }

    /// The longest gap between two runs, in minutes, over a year. Drives RPO.
    pub fn longest_gap_minutes(&self) -> f64 {
        match self {
            ScheduleExpr::Rate { minutes } => *minutes as f64,
            ScheduleExpr::Cron(cron) => cron.longest_gap_minutes(),
        }
    }
}

impl Cron {
    fn day_matches(&self, month: u32, day: u32, weekday: u32) -> bool {
        if self.months & (1 << month) == 0 {
            return false;
        }
        match (self.days_of_month, self.days_of_week) {
            (Some(dom), None) => dom & (1 << day) != 0,
            (None, Some(dow)) => dow & (1 << weekday) != 0,
            // Parsing guarantees exactly one of the two is `?`.
            _ => false,
        }
    }

    /// Iterates the days of a common year as (month, day, weekday 1=Sunday).
    fn days_of_year() -> impl Iterator<Item = (u32, u32, u32)> {
        const LENGTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let mut weekday = 4; // 1 January 2025 was a Wednesday (Sunday = 1).
        LENGTHS
            .iter()
            .enumerate()
            .flat_map(|(m, len)| (1..=*len).map(move |d| (m as u32 + 1, d)))
            .map(move |(m, d)| {
                let out = (m, d, weekday);
                weekday = weekday % 7 + 1;
                out
            })
    }

    fn matching_days_in_year(&self) -> u32 {
        Cron::days_of_year().filter(|(m, d, w)| self.day_matches(*m, *d, *w)).count() as u32
    }

    /// Scans two consecutive years so that gaps across New Year count, with weekdays
    /// running on (a yearly schedule's gap is then its full year).
    fn longest_gap_minutes(&self) -> f64 {
        let times_in_day: Vec<u64> = (0..24u64)
            .filter(|h| self.hours & (1 << h) != 0)
            .flat_map(|h| {
                (0..60u64).filter(|m| self.minutes & (1 << m) != 0).map(move |m| h * 60 + m)
            })
            .collect();
        let days: Vec<(u32, u32, u32)> = Cron::days_of_year().collect();
        let mut last: Option<u64> = None;
        let mut longest = 0u64;
        for year in 0..2u64 {
            for (index, (m, d, _)) in days.iter().enumerate() {
                let day = year * 365 + index as u64;
                let weekday = ((3 + day) % 7) as u32 + 1; // day 0 is a Wednesday (Sunday = 1).
                if !self.day_matches(*m, *d, weekday) {
                    continue;
                }
                for t in &times_in_day {
                    let at = day * 1440 + t;
                    if let Some(prev) = last {
                        longest = longest.max(at - prev);
                    }
                    last = Some(at);
                }
            }
        }
        if last.is_none() {
            f64::INFINITY
        } else {
            longest as f64
        }
    }
}

/// Longest rate accepted, per unit: a year (a schedule that runs less often is a
/// cron expression with a month and day).
const MAX_RATE: [(&str, u64, u64); 3] =
    [("minutes", 1, 525_600), ("hours", 60, 8_760), ("days", 1_440, 365)];

fn parse_rate(body: &str) -> Result<ScheduleExpr, String> {
    let (Some((n, unit)), 1) = (body.split_once(' '), body.matches(' ').count()) else {
        return Err("rate() takes a number and a unit, e.g. rate(6 hours)".into());
    };
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
        return Err(format!(
            "rate value {} must be a whole number above 0, written with digits only",
            quoted(n)
        ));
    }
    let base = unit.strip_suffix('s').unwrap_or(unit);
    let Some(&(plural_unit, per, max)) =
        MAX_RATE.iter().find(|r| r.0.strip_suffix('s') == Some(base))
    else {
        return Err(format!("rate unit {} must be minute(s), hour(s) or day(s)", quoted(unit)));
    };
    if (n != "1") != unit.ends_with('s') {
        return Err(format!(
            "rate unit {}: singular for 1 (rate(1 day)), plural otherwise (rate(2 days))",
            quoted(unit)
        ));
    }
    // Seven digits exceed every maximum; shorter values parse without overflow.
    let value = n.parse::<u64>().ok().filter(|v| n.len() <= 6 && *v <= max).ok_or_else(|| {
        format!("rate value {n} is longer than a year: use at most {max} {plural_unit}")
    })?;
    Ok(ScheduleExpr::Rate { minutes: value.saturating_mul(per) })
}

fn parse_cron(body: &str) -> Result<Cron, String> {
    let fields: Vec<&str> = body.split(' ').collect();
    if fields.len() != 6 {
        return Err(format!(
            "cron() needs 6 fields (minutes hours day-of-month month day-of-week year); found {}",
            fields.len()
        ));
    }
    let minutes = parse_field(fields[0], 0, 59, &[], "minutes")?;
    let hours = parse_field(fields[1], 0, 23, &[], "hours")? as u32;
    let months = parse_field(fields[3], 1, 12, &MONTHS, "month")? as u16;
    let (dom, dow) = (fields[2], fields[4]);
    let (days_of_month, days_of_week) = match (dom == "?", dow == "?") {
        (true, false) => (None, Some(parse_field(dow, 1, 7, &DAYS, "day-of-week")? as u8)),
        (false, true) => (Some(parse_field(dom, 1, 31, &[], "day-of-month")? as u32), None),
        _ => return Err("exactly one of day-of-month and day-of-week must be ?".into()),
    };
    let year = fields[5];
    if year != "*" {
        return Err(format!(
            "year {}: only * is supported, so that the schedule keeps running",
            quoted(year)
        ));
    }
    Ok(Cron { minutes, hours, days_of_month, months, days_of_week })
}

const MONTHS: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Parses `*`, `5`, `05`, `1-5`, `MON-FRI`, `0/15`, `*/6` and comma lists into a bit
/// set. Values are one or two digits or a name in capitals; steps are 1–99 without a
/// leading zero.
fn parse_field(text: &str, min: u32, max: u32, names: &[&str], what: &str) -> Result<u64, String> {
    let value_of = |token: &str| -> Result<u32, String> {
        if let Some(i) = names.iter().position(|n| *n == token) {
            return Ok(min + i as u32);
        }
        let digits = (1..=2).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_digit());
        match token.parse::<u32>() {
            Ok(v) if digits && (min..=max).contains(&v) => Ok(v),
            _ if token.contains(['L', 'W', '#']) => {
                Err(format!("{what}: {} (L, W and #) is not supported", quoted(token)))
            }
            _ => Err(format!(
                "{what}: {} must be between {min} and {max}{}",
                quoted(token),
                if names.is_empty() { "" } else { ", or a name in capitals" }
            )),
        }
    };
    let mut bits = 0u64;
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => {
                let ok = (1..=2).contains(&s.len())
                    && s.bytes().all(|b| b.is_ascii_digit())
                    && !s.starts_with('0');
                let step = s.parse::<u32>().ok().filter(|_| ok).ok_or_else(|| {
                    format!("{what}: step {} must be a whole number from 1 to 99", quoted(s))
                })?;
                (r, step)
            }
            None => (part, 1),
        };
        let (start, end) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            let (a, b) = (value_of(a)?, value_of(b)?);
            if a > b {
                return Err(format!("{what}: range {} runs backwards", quoted(range)));
            }
            (a, b)
        } else {
            let v = value_of(range)?;
            // `5/15` means from 5 to the end, every 15.
            (v, if part.contains('/') { max } else { v })
        };
        let mut v = start;
        while v <= end {
            bits |= 1 << v;
            // A step past the end stops the walk (never wraps around).
            let Some(next) = v.checked_add(step) else { break };
            v = next;
        }
    }
    Ok(bits)
}

/// [`PATTERN`] in words, for messages.
pub const RULE: &str = "must be an EventBridge schedule expression such as cron(0 2 * * ? *) or rate(1 day): the six cron fields (year *) or a rate of at most a year, separated by single spaces, with no signs and nothing before or after";

/// A cron field of comma-separated items, each `*`, a value or a range of values,
/// optionally with a step, for values matching `$value`.
macro_rules! cron_field {
    ($value:literal) => {
        concat!(
            "([*]|",
            $value,
            "(-",
            $value,
            ")?)([/][1-9][0-9]?)?",
            "(,([*]|",
            $value,
            "(-",
            $value,
            ")?)([/][1-9][0-9]?)?)*"
        )
    };
}

/// The grammar [`ScheduleExpr::parse`] accepts, as a regular expression every target
/// reads alike (CloudFormation's AllowedPattern, Terraform's `regex`, Python and
/// JavaScript): literal brackets instead of backslashes, no flags, no lookaround. It
/// matches exactly the expressions the parser accepts, except that a cron range
/// running backwards (`5-1`), which the parser refuses, has the pattern's shape.
pub const PATTERN: &str = concat!(
    "^(rate[(](1 (minute|hour|day)",
    "|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-9][0-9][0-9][0-9]|[1-9][0-9][0-9][0-9][0-9]",
    "|[1-4][0-9][0-9][0-9][0-9][0-9]|5[0-1][0-9][0-9][0-9][0-9]|52[0-4][0-9][0-9][0-9]",
    "|525[0-5][0-9][0-9]|525600) minutes",
    "|([2-9]|[1-9][0-9]|[1-9][0-9][0-9]|[1-7][0-9][0-9][0-9]|8[0-6][0-9][0-9]|87[0-5][0-9]|8760) hours",
    "|([2-9]|[1-9][0-9]|[1-2][0-9][0-9]|3[0-5][0-9]|36[0-5]) days",
    ")[)]|cron[(]",
    cron_field!("[0-5]?[0-9]"),
    " ",
    cron_field!("([01]?[0-9]|2[0-3])"),
    // Day-of-month and month with day-of-week ?, or ? and month with day-of-week.
    " (",
    cron_field!("(0?[1-9]|[12][0-9]|3[01])"),
    " ",
    cron_field!("(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"),
    " [?]|[?] ",
    cron_field!("(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"),
    " ",
    cron_field!("(0?[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)"),
    ") [*][)])$"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_per_month_of_common_expressions() {
        let runs = |e: &str| ScheduleExpr::parse(e).unwrap().runs_per_month();
        assert!((runs("cron(0 2 * * ? *)") - 365.0 / 12.0).abs() < 1e-9);
        assert!((runs("cron(0 1 ? * SUN *)") - 52.0 / 12.0).abs() < 1e-9);
        assert!((runs("rate(1 hour)") - 730.0).abs() < 1e-9);
        assert!((runs("cron(0/15 * * * ? *)") - 4.0 * 24.0 * 365.0 / 12.0).abs() < 1e-9);
        assert!((runs("cron(0 3 1 * ? *)") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn longest_gaps() {
        let gap = |e: &str| ScheduleExpr::parse(e).unwrap().longest_gap_minutes();
        assert_eq!(gap("cron(0 2 * * ? *)"), 1440.0);
        assert_eq!(gap("cron(0 1 ? * SUN *)"), 7.0 * 1440.0);
        assert_eq!(gap("cron(0 */6 * * ? *)"), 360.0);
        assert_eq!(gap("rate(12 hours)"), 720.0);
    }

    #[test]
    fn bad_expressions_say_why() {
        for (bad, fragment) in [
            ("cron(0 2 * * * *)", "exactly one"),
            ("cron(0 25 * * ? *)", "hours"),
            ("cron(0 2 L * ? *)", "not supported"),
            ("cron(0 2 * *)", "6 fields"),
            ("rate(0 days)", "above 0"),
            ("rate(2 day)", "singular"),
            ("every day", "cron("),
            ("cron(0 2 * * ? 2027)", "year"),
        ] {
            let err = ScheduleExpr::parse(bad).unwrap_err();
            assert!(err.contains(fragment), "{bad}: {err}");
        }
    }
}
