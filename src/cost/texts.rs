//! The texts of usage series (what is billed, how its quantity comes about): each
//! made once, straight into the shared `Arc<str>` the series and its cost lines
//! hold, in a buffer kept for the purpose instead of a `String` of its own, with
//! quantities written into it as they are formatted ([`Qty`]).

use std::cell::RefCell;
use std::fmt::{self, Write};
use std::sync::Arc;

/// A text made from format arguments (see [`label!`]), written in a
/// buffer kept for the purpose: the one allocation is the text's own.
pub fn text(args: fmt::Arguments) -> Arc<str> {
    thread_local! {
        static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
    }
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
        super::usage::write_qty_to(f, self.0)
    }
}

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::cost::usage::fmt_qty;

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
