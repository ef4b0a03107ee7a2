//! Minute ranges (best / expected / worst) and the shown parts a recovery time is
//! built from.

use serde::Serialize;

/// A duration or data-loss window in minutes: best case, expected, worst case.
/// Always finite and non-negative, with `best ≤ expected ≤ worst`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Range {
    pub best: f64,
    pub expected: f64,
    pub worst: f64,
}

/// Cleans a value that may come from an unvalidated plan: NaN, infinities and
/// negatives become zero, so arithmetic on ranges never produces NaN.
fn clean(minutes: f64) -> f64 {
    if minutes.is_finite() && minutes > 0.0 {
        minutes
    } else {
        0.0
    }
}

impl Range {
    pub const ZERO: Range = Range { best: 0.0, expected: 0.0, worst: 0.0 };

    /// One figure for all three cases.
    pub fn exact(minutes: f64) -> Range {
        let m = clean(minutes);
        Range { best: m, expected: m, worst: m }
    }

    /// A documented range `a–b`: best `a`, worst `b`, expected the midpoint.
    pub fn between(a: f64, b: f64) -> Range {
        let (lo, hi) = (clean(a).min(clean(b)), clean(a).max(clean(b)));
        Range { best: lo, expected: (lo + hi) / 2.0, worst: hi }
    }

    /// Data lost by a copy taken every `interval` minutes: nothing if the incident
    /// strikes just after a copy, the whole interval just before the next one, half
    /// of it on average.
    pub fn periodic(interval_minutes: f64) -> Range {
        Range::between(0.0, interval_minutes)
    }

    pub fn plus(self, other: Range) -> Range {
        Range {
            best: self.best + other.best,
            expected: self.expected + other.expected,
            worst: self.worst + other.worst,
        }
    }

    /// The better (smaller) of two ranges, case by case. After an incident the team
    /// picks whichever recovery path is best in the circumstances, so each case takes
    /// the best path for that case.
    pub fn min(self, other: Range) -> Range {
        Range {
            best: self.best.min(other.best),
            expected: self.expected.min(other.expected),
            worst: self.worst.min(other.worst),
        }
    }

    /// Rounded to hundredths of a minute for stable output.
    pub fn rounded(self) -> Range {
        let r = |v: f64| (v * 100.0).round() / 100.0;
        Range { best: r(self.best), expected: r(self.expected), worst: r(self.worst) }
    }
}

/// Where a part sits in a recovery: noticing the incident, restoring the data,
/// rebuilding the stack, or moving clients. The runbook orders its steps by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Detect,
    Restore,
    Redeploy,
    Cutover,
}

/// One shown part of a recovery time: what happens, how long, and the source.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub label: String,
    pub minutes: Range,
    pub stage: Stage,
}

impl Part {
    /// A part of restoring the data.
    pub fn new(label: impl Into<String>, minutes: Range) -> Part {
        Part { label: label.into(), minutes, stage: Stage::Restore }
    }

    pub fn at(mut self, stage: Stage) -> Part {
        self.stage = stage;
        self
    }
}

/// A minute count as a number and unit: minutes below two hours, hours below two
/// days, days beyond; at most one decimal.
fn split(minutes: f64) -> (String, &'static str) {
    let one = |v: f64| {
        let text = format!("{:.1}", (v * 10.0).round() / 10.0);
        text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
    };
    let m = clean(minutes);
    if m < 120.0 {
        (one(m), "min")
    } else if m < 2880.0 {
        (one(m / 60.0), "h")
    } else {
        (one(m / 1440.0), "d")
    }
}

/// `5 min`, `1.5 min`, `2.5 h`, `2 d`.
pub fn fmt_minutes(minutes: f64) -> String {
    let (number, unit) = split(minutes);
    format!("{number} {unit}")
}

/// `5 min`, or `10–20 min (expected 15 min)` for a spread.
pub fn fmt_range(r: Range) -> String {
    if (r.worst - r.best).abs() < 1e-9 {
        return fmt_minutes(r.best);
    }
    let ((lo, lo_unit), (hi, hi_unit)) = (split(r.best), split(r.worst));
    let span = if lo_unit == hi_unit {
        format!("{lo}–{hi} {hi_unit}")
    } else {
        format!("{lo} {lo_unit}–{hi} {hi_unit}")
    };
    format!("{span} (expected {})", fmt_minutes(r.expected))
}

/// The sum of parts as `a + b + c`, for working lines.
pub fn fmt_sum(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| format!("{} {}", p.label, fmt_range(p.minutes)))
        .collect::<Vec<_>>()
        .join(" + ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_add_and_stay_ordered() {
        let r = Range::between(20.0, 10.0).plus(Range::exact(5.0));
        assert_eq!(r, Range { best: 15.0, expected: 20.0, worst: 25.0 });
        assert_eq!(Range::exact(f64::NAN), Range::ZERO);
        assert_eq!(Range::periodic(1440.0).expected, 720.0);
    }

    #[test]
    fn minutes_read_well() {
        assert_eq!(fmt_minutes(5.0), "5 min");
        assert_eq!(fmt_minutes(1.5), "1.5 min");
        assert_eq!(fmt_minutes(720.0), "12 h");
        assert_eq!(fmt_minutes(150.0), "2.5 h");
        assert_eq!(fmt_minutes(2880.0), "2 d");
        assert_eq!(fmt_range(Range::between(10.0, 20.0)), "10–20 min (expected 15 min)");
        assert_eq!(fmt_range(Range::between(5.0, 240.0)), "5 min–4 h (expected 2 h)");
    }
}
