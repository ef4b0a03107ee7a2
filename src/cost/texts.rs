//! The texts of usage series (what is billed, how its quantity comes about): each
//! made once, straight into the shared `Arc<str>` the series and its cost lines
//! hold, in a buffer kept for the purpose instead of a `String` of its own, with
//! quantities written into it as they are formatted ([`Qty`]). Quantities are
//! written the one way every basis sentence and report shows them ([`fmt_qty`]).

use std::cell::RefCell;
use std::fmt::{self, Write};
use std::sync::Arc;

thread_local! {
    /// The buffer texts are written in before they are copied into their own.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `parts` one after another, as one text made in the buffer kept for the purpose:
/// the one allocation is the text's own (`[..].concat().into()` makes a `String` and
/// then copies it).
pub fn joined(parts: &[&str]) -> Arc<str> {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.clear();
            parts.iter().for_each(|part| scratch.push_str(part));
            Arc::from(scratch.as_str())
        }
        // A text made while writing another (no usage model does).
        Err(_) => Arc::from(parts.concat()),
    })
}

/// A text made from format arguments (see [`label!`]), written in a
/// buffer kept for the purpose: the one allocation is the text's own.
pub fn text(args: fmt::Arguments) -> Arc<str> {
    if let Some(plain) = args.as_str() {
        return Arc::from(plain);
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut scratch) => {
            scratch.clear();
            // Writing into a String cannot fail.
            let _ = scratch.write_fmt(args);
            Arc::from(scratch.as_str())
        }
        // A text made while writing another (no usage model does).
        Err(_) => Arc::from(fmt::format(args)),
    })
}

/// `format!` for the texts of usage series and lines: an `Arc<str>`, made with
/// [`text`].
macro_rules! label {
    ($($arg:tt)*) => {
        $crate::cost::texts::text(format_args!($($arg)*))
    };
}
pub(crate) use label;

/// A quantity as [`fmt_qty`] writes it, as a format argument: written into the text
/// being made, without a `String` of its own. (No width or padding applies.)
#[derive(Clone, Copy, Debug)]
pub struct Qty(pub f64);

impl fmt::Display for Qty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_qty_to(f, self.0)
    }
}

/// Formats a quantity for a basis sentence: at most two decimals, grouped.
pub fn fmt_qty(value: f64) -> String {
    let mut out = String::with_capacity(16);
    write_qty(&mut out, value);
    out
}

/// [`fmt_qty`] appended to `out`, without an allocation of its own.
pub fn write_qty(out: &mut String, value: f64) {
    // Writing into a String cannot fail.
    let _ = write_qty_to(out, value);
}

/// [`write_qty`] into any writer, in one write: the digits, commas, point and
/// decimals are put in a buffer first (each write to a formatter is a call through
/// it, and a quantity was three or four).
pub(super) fn write_qty_to(out: &mut impl Write, value: f64) -> fmt::Result {
    if !value.is_finite() {
        return out.write_char('0');
    }
    let rounded = round(value * 100.0) / 100.0;
    let whole = rounded.trunc() as u64;
    let frac = round((rounded - rounded.trunc()) * 100.0) as u64;
    // At most 20 digits and 6 commas, a point, a zero and 20 digits.
    let mut text = [0u8; 48];
    let mut at = put_digits(&mut text, 0, whole, true);
    if frac != 0 {
        text[at] = b'.';
        at += 1;
        let decimals = if frac.is_multiple_of(10) { frac / 10 } else { frac };
        if frac < 10 {
            text[at] = b'0';
            at += 1;
        }
        at = put_digits(&mut text, at, decimals, false);
    }
    // Only ASCII digits, commas and a point were written.
    out.write_str(std::str::from_utf8(&text[..at]).unwrap_or_default())
}

/// 2⁵²: from here on every `f64` is a whole number.
const WHOLE_FROM: f64 = 4_503_599_627_370_496.0;

/// `x.round()`, bit for bit, without libm's call for a value above zero and below
/// 2⁵² (every quantity written): there the fraction `x − whole` is exact.
fn round(x: f64) -> f64 {
    if x > 0.0 && x < WHOLE_FROM {
        let whole = (x as i64) as f64;
        if x - whole >= 0.5 {
            whole + 1.0
        } else {
            whole
        }
    } else {
        x.round()
    }
}

/// The decimal digits of `value`, in groups of three separated by commas if `grouped`.
pub fn push_digits(out: &mut String, value: u64, grouped: bool) {
    let mut text = [0u8; 26];
    let at = put_digits(&mut text, 0, value, grouped);
    // Only ASCII digits and commas were written.
    out.push_str(std::str::from_utf8(&text[..at]).unwrap_or_default());
}

/// Puts the digits of `value` (see [`push_digits`]) in `text` from `at` on, and
/// returns where they end. `text` has room for 26 bytes from `at`.
fn put_digits(text: &mut [u8], mut at: usize, mut value: u64, grouped: bool) -> usize {
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        digits[len] = b'0' + (value % 10) as u8;
        len += 1;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        text[at] = digits[i];
        at += 1;
        if grouped && i > 0 && i % 3 == 0 {
            text[at] = b',';
            at += 1;
        }
    }
    at
}

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A label reads as `format!` with `fmt_qty` made it, character for character,
        /// for any quantity (grouped thousands, decimals, NaN, infinities, negatives).
        #[test]
        fn labels_read_as_format_made_them(value in proptest::num::f64::ANY, scale in 0i32..24, text in "[a-z {}]{0,12}") {
            let scaled = value * 10f64.powi(scale - 12);
            for v in [value, scaled, scaled.trunc(), (scaled * 100.0).round() / 100.0] {
                let made = label!("{} GB in {text} ({}) and {}", Qty(v), Qty(v * 3.0), v.is_nan());
                let expected = format!("{} GB in {text} ({}) and {}", fmt_qty(v), fmt_qty(v * 3.0), v.is_nan());
                proptest::prop_assert_eq!(&*made, expected.as_str());
            }
            proptest::prop_assert_eq!(&*label!("plain"), "plain");
        }
    }
}
