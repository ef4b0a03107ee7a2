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

/// [`write_qty`] into any writer.
pub(super) fn write_qty_to(out: &mut impl Write, value: f64) -> fmt::Result {
    if !value.is_finite() {
        return out.write_char('0');
    }
    let rounded = (value * 100.0).round() / 100.0;
    let whole = rounded.trunc() as u64;
    let frac = ((rounded - rounded.trunc()) * 100.0).round() as u64;
    write_digits(out, whole, true)?;
    match frac {
        0 => Ok(()),
        f if f % 10 == 0 => {
            out.write_char('.')?;
            write_digits(out, f / 10, false)
        }
        f => {
            out.write_char('.')?;
            if f < 10 {
                out.write_char('0')?;
            }
            write_digits(out, f, false)
        }
    }
}

/// The decimal digits of `value`, in groups of three separated by commas if `grouped`.
pub fn push_digits(out: &mut String, value: u64, grouped: bool) {
    // Writing into a String cannot fail.
    let _ = write_digits(out, value, grouped);
}

/// [`push_digits`] into any writer, in one write.
fn write_digits(out: &mut impl Write, mut value: u64, grouped: bool) -> fmt::Result {
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
    // At most 20 digits and 6 commas.
    let mut text = [0u8; 26];
    let mut at = 0;
    for i in (0..len).rev() {
        text[at] = digits[i];
        at += 1;
        if grouped && i > 0 && i % 3 == 0 {
            text[at] = b',';
            at += 1;
        }
    }
    // Only ASCII digits and commas were written.
    out.write_str(std::str::from_utf8(&text[..at]).unwrap_or_default())
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
