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
    /// Whether a restore drill measures this part (restore jobs, retrievals, writing
    /// the data): a recorded drill duration replaces every such part of its path.
    /// False for steps around the restore (taking over the backup account).
    pub drilled: bool,
}

impl Part {
    /// A part of restoring the data.
    pub fn new(label: impl Into<String>, minutes: Range) -> Part {
        Part { label: label.into(), minutes, stage: Stage::Restore, drilled: true }
    }

    /// A restore-stage part a restore drill does not measure.
    pub fn undrilled(mut self) -> Part {
        self.drilled = false;
        self
    }

    pub fn at(mut self, stage: Stage) -> Part {
        self.stage = stage;
        self.drilled = stage == Stage::Restore;
        self
    }
}

/// Tenths below which [`push_one_decimal`] writes the digits itself: far below 2⁵³, so
/// the tenths are exact integers and their double is the nearest to the decimal value.
const EXACT_TENTHS: f64 = 1e15;

/// Appends `v` (finite, not negative) rounded to one decimal, without a trailing `.0`.
/// The digits are those of `format!("{:.1}", …)`, written without its exact float
/// formatting, which the explanations of an assessment would call hundreds of times.
fn push_one_decimal(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    if !(0.0..EXACT_TENTHS).contains(&tenths) {
        let text = format!("{:.1}", tenths / 10.0);
        out.push_str(text.strip_suffix(".0").unwrap_or(&text));
        return;
    }
    let tenths = tenths as u64;
    crate::cost::usage::push_digits(out, tenths / 10, false);
    if !tenths.is_multiple_of(10) {
        out.push('.');
        out.push(char::from(b'0' + (tenths % 10) as u8));
    }
}

/// A minute count as a number and unit: minutes below two hours, hours below two
/// days, days beyond; at most one decimal. Returns the number in the unit.
fn unit_of(minutes: f64) -> (f64, &'static str) {
    let m = clean(minutes);
    if m < 120.0 {
        (m, "min")
    } else if m < 2880.0 {
        (m / 60.0, "h")
    } else {
        (m / 1440.0, "d")
    }
}

fn push_minutes(out: &mut String, minutes: f64) {
    let (number, unit) = unit_of(minutes);
    push_one_decimal(out, number);
    out.push(' ');
    out.push_str(unit);
}

/// `5 min`, `1.5 min`, `2.5 h`, `2 d`.
pub fn fmt_minutes(minutes: f64) -> String {
    let mut out = String::with_capacity(12);
    push_minutes(&mut out, minutes);
    out
}

/// `5 min`, or `10–20 min (expected 15 min)` for a spread.
pub fn fmt_range(r: Range) -> String {
    let mut out = String::with_capacity(40);
    if (r.worst - r.best).abs() < 1e-9 {
        push_minutes(&mut out, r.best);
        return out;
    }
    // `10–20 min` in one unit, `5 min–4 h` across two.
    let ((lo, lo_unit), (_, hi_unit)) = (unit_of(r.best), unit_of(r.worst));
    push_one_decimal(&mut out, lo);
    if lo_unit != hi_unit {
        out.push(' ');
        out.push_str(lo_unit);
    }
    out.push('–');
    push_minutes(&mut out, r.worst);
    out.push_str(" (expected ");
    push_minutes(&mut out, r.expected);
    out.push(')');
    out
}

/// The sum of parts as `a + b + c`, for working lines.
pub fn fmt_sum(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| format!("{} {}", p.label, fmt_range(p.minutes)))
        .collect::<Vec<_>>()
        .join(" + ")
}

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn ranges_add_and_stay_ordered() {
        let r = Range::between(20.0, 10.0).plus(Range::exact(5.0));
        assert_eq!(r, Range { best: 15.0, expected: 20.0, worst: 25.0 });
        assert_eq!(Range::exact(f64::NAN), Range::ZERO);
        assert_eq!(Range::periodic(1440.0).expected, 720.0);
    }

    /// One decimal as first written, with the exact float formatting.
    fn one_decimal_reference(v: f64) -> String {
        let text = format!("{:.1}", (v * 10.0).round() / 10.0);
        text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
    }

    /// Minutes and ranges as first written, with `format!` throughout.
    fn split_reference(minutes: f64) -> (String, &'static str) {
        let (number, unit) = unit_of(minutes);
        (one_decimal_reference(number), unit)
    }

    fn fmt_minutes_reference(minutes: f64) -> String {
        let (number, unit) = split_reference(minutes);
        format!("{number} {unit}")
    }

    fn fmt_range_reference(r: Range) -> String {
        if (r.worst - r.best).abs() < 1e-9 {
            return fmt_minutes_reference(r.best);
        }
        let ((lo, lo_unit), (hi, hi_unit)) = (split_reference(r.best), split_reference(r.worst));
        let span = if lo_unit == hi_unit {
            format!("{lo}–{hi} {hi_unit}")
        } else {
            format!("{lo} {lo_unit}–{hi} {hi_unit}")
        };
        format!("{span} (expected {})", fmt_minutes_reference(r.expected))
    }

    fn minutes() -> impl proptest::strategy::Strategy<Value = f64> {
        use proptest::prelude::*;
        prop_oneof![
            0.0..1e16f64,
            0.0..1e4f64,
            (0u64..100_000).prop_map(|t| t as f64 / 10.0),
            Just(f64::NAN),
            Just(-3.0),
            Just(f64::INFINITY)
        ]
    }

    proptest::proptest! {
        #[test]
        fn minutes_and_ranges_read_as_the_exact_formatting(a in minutes(), b in minutes(), c in minutes()) {
            for x in [a, b, c, a / 60.0, b / 1440.0] {
                proptest::prop_assert_eq!(fmt_minutes(x), fmt_minutes_reference(x), "{:e}", x);
            }
            for r in [Range::between(a, b), Range::between(a, b).plus(Range::exact(c)), Range { best: a, expected: b, worst: c }] {
                proptest::prop_assert_eq!(fmt_range(r), fmt_range_reference(r), "{:?}", r);
            }
        }
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
