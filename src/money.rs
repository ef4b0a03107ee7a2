//! Exact money and quantity arithmetic.
//!
//! Money never touches binary floating point. Three fixed-point integer types carry
//! every figure the cost engine produces:
//!
//! * [`Quantity`]: a billed quantity (GB-months, requests, hours…) in millionths.
//! * [`UnitPrice`]: a price per unit in units of 10⁻¹⁰ USD, enough for AWS's
//!   finest published rate ($0.0000166667 per Lambda GB-second).
//! * [`Money`]: an amount in micro-dollars (10⁻⁶ USD).
//!
//! # The rounding rule
//! Quantities coming from the simulation (which works in `f64` gigabytes, never in
//! money) are rounded half away from zero to a millionth of a unit. A cost line is
//! `quantity × unit price`, computed exactly in `i128` and rounded **once**, half away
//! from zero, to a micro-dollar. Every total is the exact integer sum of its lines.
//! Displays round half away from zero to the cent.

use std::fmt;
use std::ops::{Add, AddAssign};

/// Highest unit price accepted, in USD: far above any AWS list price per unit.
pub const MAX_UNIT_PRICE_USD: i64 = 1_000_000;

/// Millionths of a unit in one [`Quantity`].
const QUANTITY_SCALE: i128 = 1_000_000;
/// Units of 10⁻¹⁰ USD in one dollar of [`UnitPrice`].
const PRICE_SCALE: i128 = 10_000_000_000;
/// Micro-dollars in one dollar of [`Money`].
const MONEY_SCALE: i64 = 1_000_000;

/// Divides `n` by a positive `d`, rounding half away from zero.
fn div_round_half_away(n: i128, d: i128) -> i128 {
    debug_assert!(d > 0);
    let q = n / d;
    let r = n % d;
    if 2 * r.abs() >= d {
        q + n.signum()
    } else {
        q
    }
}

/// A billed quantity in millionths of its unit. Never negative in a cost line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

impl Quantity {
    pub const ZERO: Quantity = Quantity(0);

    /// Rounds a simulated `f64` quantity to a millionth, half away from zero.
    /// Non-finite or negative inputs (which validation rejects upstream) become zero,
    /// so the engine can never emit a negative or NaN line.
    pub fn from_f64(value: f64) -> Quantity {
        // Not above zero (NaN included) or infinite. Two comparisons: `is_finite()`
        // compiles to a bit test of a dozen instructions, and every priced month of
        // every series comes through here.
        let above_zero_and_finite = value > 0.0 && value < f64::INFINITY;
        if !above_zero_and_finite {
            return Quantity::ZERO;
        }
        let scaled = value * QUANTITY_SCALE as f64;
        // Below 2⁵² the fraction `scaled − whole` is exact, so this is `round()` without
        // libm's call, which the engine would make for every priced month.
        if scaled < 4_503_599_627_370_496.0 {
            let whole = scaled as i64;
            return Quantity(whole + i64::from(scaled - whole as f64 >= 0.5));
        }
        let scaled = scaled.round();
        // Saturate: 9.2 × 10¹² units is far beyond any real plan.
        Quantity(if scaled >= i64::MAX as f64 { i64::MAX } else { scaled as i64 })
    }

    pub fn millionths(self) -> i64 {
        self.0
    }

    /// For display and charts only; never fed back into money arithmetic.
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / QUANTITY_SCALE as f64
    }

    pub fn saturating_sub(self, other: Quantity) -> Quantity {
        Quantity((self.0 - other.0).max(0))
    }

    pub fn saturating_add(self, other: Quantity) -> Quantity {
        Quantity(self.0.saturating_add(other.0))
    }

    pub fn min(self, other: Quantity) -> Quantity {
        Quantity(self.0.min(other.0))
    }
}

impl fmt::Display for Quantity {
    /// Up to six decimals, trailing zeros dropped, thousands not grouped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fixed(f, self.0 as i128, 6)
    }
}

/// A price per unit, in units of 10⁻¹⁰ USD.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitPrice(i64);

impl UnitPrice {
    pub const ZERO: UnitPrice = UnitPrice(0);

    /// Parses a non-negative decimal string such as `"0.0000166667"` exactly.
    pub fn parse(text: &str) -> Result<UnitPrice, String> {
        parse_fixed(text, 10).map(UnitPrice).map_err(|why| format!("price \"{text}\": {why}"))
    }

    /// Converts a price typed as a JSON number via its shortest decimal form, which is
    /// exactly what the user wrote (`0.021` stays `0.021`).
    pub fn from_f64(value: f64) -> Result<UnitPrice, String> {
        if !value.is_finite() || value < 0.0 {
            return Err(format!("price {value} must be a finite number ≥ 0"));
        }
        if value > MAX_UNIT_PRICE_USD as f64 {
            return Err(format!(
                "price {value} USD per unit is above {MAX_UNIT_PRICE_USD} (no AWS unit price comes near); check the decimal point"
            ));
        }
        UnitPrice::parse(&format!("{value}"))
    }

    pub fn ten_billionths(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / PRICE_SCALE as f64
    }

    /// `quantity × price`, rounded once, half away from zero, to a micro-dollar.
    pub fn times(self, quantity: Quantity) -> Money {
        const DIVISOR: i64 = (QUANTITY_SCALE * PRICE_SCALE / MONEY_SCALE as i128) as i64;
        const HALF: u64 = DIVISOR as u64 / 2;
        // The exact product is in 10⁻¹⁶ USD. Most lines fit in 64 bits, whose division
        // is far cheaper than 128-bit division; the result is identical either way.
        if let Some(exact) = quantity.0.checked_mul(self.0) {
            // Costs are never negative (neither quantities nor prices are), and for
            // them rounding half away from zero is adding half a micro-dollar and
            // dividing: one unsigned division, no remainder. (One comparison: a
            // negative product reads as above the bound.)
            if exact as u64 <= i64::MAX as u64 - HALF {
                return Money(((exact as u64 + HALF) / DIVISOR as u64) as i64);
            }
            let (q, r) = (exact / DIVISOR, exact % DIVISOR);
            return Money(if 2 * r.abs() >= DIVISOR { q + exact.signum() } else { q });
        }
        let exact = quantity.0 as i128 * self.0 as i128;
        // A large cost: the division by 10¹⁰ as a shift by 10 and a 64-bit division
        // by 5¹⁰ (whole divisions compose), instead of a 128-bit division, while the
        // shifted sum fits in 64 bits (products up to about 1.9 × 10²²).
        const _: () = assert!(DIVISOR == 1024 * 9_765_625);
        if let Ok(exact) = u128::try_from(exact) {
            if let Ok(shifted) = u64::try_from((exact + u128::from(HALF)) >> 10) {
                return Money((shifted / 9_765_625) as i64);
            }
        }
        let micros = div_round_half_away(exact, DIVISOR as i128);
        Money(i64::try_from(micros).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for UnitPrice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_fixed(f, self.0 as i128, 10)
    }
}

/// An amount of US dollars in micro-dollars.
/// Serialised as its whole number of micro-dollars (exact, unlike a float of dollars):
/// the form in which results cross to the app's Web Workers.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_micros(micros: i64) -> Money {
        Money(micros)
    }

    pub fn micros(self) -> i64 {
        self.0
    }

    /// Dollars as `f64` for JSON output and charts. Exact to the micro-dollar for any
    /// amount below 2⁵³ micro-dollars (about 9 billion dollars).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / MONEY_SCALE as f64
    }

    /// Whole cents, rounded half away from zero.
    pub fn cents(self) -> i64 {
        div_round_half_away(self.0 as i128, (MONEY_SCALE / 100) as i128) as i64
    }

    /// `$1,234.56`: cents, thousands grouped.
    pub fn display_usd(self) -> String {
        let cents = self.cents();
        let sign = if cents < 0 { "-" } else { "" };
        let cents = cents.unsigned_abs();
        let dollars = group_thousands(cents / 100);
        format!("{sign}${dollars}.{:02}", cents % 100)
    }

    /// `+$1.25`, `-$0.40`, `+$0.00`: a change in cost, always signed. Every surface (CLI
    /// table, Markdown, the app) writes a signed amount this one way, with the ASCII
    /// hyphen-minus that `display_usd` uses too, so a pasted figure parses anywhere.
    pub fn display_signed(self) -> String {
        let text = self.display_usd();
        if self.cents() < 0 {
            text
        } else {
            format!("+{text}")
        }
    }

    /// `"1500"`, `"1,500.25"` → dollars as money (at most six decimal places, no sign,
    /// no exponent; thousands separators are commas only between groups of three).
    pub fn parse_usd(text: &str) -> Result<Money, String> {
        let text = text.trim().trim_start_matches('$');
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped_ok = groups.len() == 1
            || (groups.iter().skip(1).all(|g| g.len() == 3)
                && (1..=3).contains(&groups.first().map_or(0, |g| g.len())));
        if !grouped_ok {
            return Err("commas may only separate thousands (1,500.25)".into());
        }
        let plain = if frac.is_empty() && !text.contains('.') {
            groups.concat()
        } else {
            format!("{}.{frac}", groups.concat())
        };
        parse_fixed(&plain, 6).map(Money)
    }

    /// The signed difference, saturating at the bounds of `i64` micro-dollars.
    pub fn saturating_sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl Add for Money {
    type Output = Money;
    /// Saturating at the bounds of `i64` micro-dollars. The sum is checked and the
    /// bound taken only on overflow (which no real plan reaches): two instructions
    /// instead of a saturating add's six, in the month loops' every addition.
    fn add(self, rhs: Money) -> Money {
        match self.0.checked_add(rhs.0) {
            Some(sum) => Money(sum),
            None => Money(saturated_sum(self.0, rhs.0)),
        }
    }
}

#[cold]
#[inline(never)]
fn saturated_sum(a: i64, b: i64) -> i64 {
    a.saturating_add(b)
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display_usd())
    }
}

/// `1234567` → `"1,234,567"`.
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Parses `"12.345"` into an integer scaled by 10^`decimals`, refusing signs,
/// exponents and more precision than the scale holds.
fn parse_fixed(text: &str, decimals: u32) -> Result<i64, String> {
    let text = text.trim();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty() {
        return Err("empty number".into());
    }
    if !whole.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return Err("expected a plain decimal number such as 0.023".into());
    }
    let frac = frac.trim_end_matches('0');
    if frac.len() > decimals as usize {
        return Err(format!("more than {decimals} decimal places"));
    }
    let scale = 10i128.pow(decimals);
    let whole: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| "number too large".to_string())?
    };
    let frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse::<i128>().map_err(|_| "bad fraction")? * 10i128.pow(decimals - frac.len() as u32)
    };
    // 39 digits parse into an i128 but overflow once scaled: check every step.
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(frac_value))
        .and_then(|v| i64::try_from(v).ok())
        .ok_or_else(|| "number too large".to_string())
}

/// Writes an integer scaled by 10^`decimals` as a decimal with trailing zeros dropped.
fn write_fixed(f: &mut fmt::Formatter<'_>, value: i128, decimals: u32) -> fmt::Result {
    let scale = 10i128.pow(decimals);
    let sign = if value < 0 { "-" } else { "" };
    let value = value.abs();
    let whole = value / scale;
    let frac = value % scale;
    if frac == 0 {
        return write!(f, "{sign}{whole}");
    }
    let digits = format!("{frac:0width$}", width = decimals as usize);
    write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(not(target_arch = "wasm32"))]
    use proptest::strategy::{Just, Strategy};

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The rounding without libm is libm's `round()`, for any bit pattern and for
        /// values just off a half.
        #[test]
        fn quantities_round_as_libm_rounds(bits in proptest::num::u64::ANY, n in 0u64..1 << 53) {
            let reference = |v: f64| {
                if !v.is_finite() || v <= 0.0 {
                    return 0;
                }
                let scaled = (v * QUANTITY_SCALE as f64).round();
                if scaled >= i64::MAX as f64 { i64::MAX } else { scaled as i64 }
            };
            let half = (n as f64 + 0.5) / QUANTITY_SCALE as f64;
            for v in [f64::from_bits(bits), half, half.next_down(), half.next_up(), n as f64 / 1e6] {
                proptest::prop_assert_eq!(Quantity::from_f64(v).millionths(), reference(v), "{:e}", v);
            }
        }
    }

    /// The values where the check for "above zero and finite" could go wrong.
    #[test]
    fn quantities_outside_the_range_are_zero_and_the_edges_round() {
        for v in [f64::NAN, -f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, -1.0, -5e-324] {
            assert_eq!(Quantity::from_f64(v), Quantity::ZERO, "{v:e}");
        }
        assert_eq!(Quantity::from_f64(f64::MAX).millionths(), i64::MAX);
        assert_eq!(Quantity::from_f64(5e-7).millionths(), 1);
        assert_eq!(Quantity::from_f64(f64::MIN_POSITIVE).millionths(), 0);
    }

    #[test]
    fn prices_parse_exactly() {
        assert_eq!(UnitPrice::parse("0.0000166667").unwrap().ten_billionths(), 166_667);
        assert_eq!(UnitPrice::parse("1").unwrap().ten_billionths(), 10_000_000_000);
        assert_eq!(UnitPrice::parse("0.023").unwrap().to_string(), "0.023");
        assert_eq!(UnitPrice::from_f64(0.1).unwrap().to_string(), "0.1");
        for bad in ["", "-1", "1e3", "0.00000000001", "abc", "."] {
            assert!(UnitPrice::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    /// A price override of 1e30 once overflowed 128 bits while being scaled (a panic
    /// with overflow checks on, a wrong price without).
    #[test]
    fn huge_prices_are_refused_not_overflowed() {
        assert!(UnitPrice::from_f64(1e30).unwrap_err().contains("above 1000000"));
        assert!(UnitPrice::from_f64(f64::MAX).is_err());
        assert!(UnitPrice::parse("1000000000000000000000000000000").is_err());
        assert!(UnitPrice::parse(&"9".repeat(39)).is_err());
        assert!(UnitPrice::parse(&"9".repeat(45)).is_err());
        assert_eq!(UnitPrice::from_f64(1e6).unwrap().to_string(), "1000000");
    }

    #[test]
    fn line_cost_rounds_once_half_away_from_zero() {
        let price = UnitPrice::parse("0.0125").unwrap();
        assert_eq!(price.times(Quantity::from_f64(100.0)).micros(), 1_250_000);
        // 0.5 micro-dollar rounds up: 0.05 units × 0.00001 = 0.0000005 USD.
        let tiny = UnitPrice::parse("0.00001").unwrap();
        assert_eq!(tiny.times(Quantity::from_f64(0.05)).micros(), 1);
        assert_eq!(tiny.times(Quantity::from_f64(0.049999)).micros(), 0);
    }

    #[test]
    fn the_64_bit_fast_path_agrees_with_128_bit_arithmetic() {
        let prices = ["0.0000166667", "0.023", "0.00099", "3", "1234.5678901234"];
        let quantities = [0.0, 0.5, 1.0, 12.345678, 1e3, 1e6, 9e9, 9e12];
        for p in prices {
            let price = UnitPrice::parse(p).unwrap();
            for q in quantities {
                let quantity = Quantity::from_f64(q);
                let exact = quantity.millionths() as i128 * price.ten_billionths() as i128;
                let expected =
                    div_round_half_away(exact, QUANTITY_SCALE * PRICE_SCALE / MONEY_SCALE as i128);
                assert_eq!(
                    price.times(quantity).micros() as i128,
                    expected.min(i64::MAX as i128),
                    "{p} × {q}"
                );
            }
        }
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// A line's cost is the exact product rounded half away from zero (capped at
        /// the largest amount), whichever path computes it: 64-bit, shifted or 128-bit,
        /// for any quantity and price, negative ones included.
        #[test]
        fn costs_round_as_exact_arithmetic_does(
            quantity in proptest::prop_oneof![0i64..1 << 40, proptest::num::i64::ANY, (0i64..1 << 20).prop_map(|k| k * 5_000)],
            price in proptest::prop_oneof![0i64..1 << 20, 0i64..10_000_000_000_000_000, proptest::num::i64::ANY, Just(2i64)],
            (odd, off) in (0i64..1 << 30, -1i64..=1),
        ) {
            // Products at and next to a half micro-dollar, in 64 bits and beyond (up to 10¹⁹).
            let halves = [((2 * (odd >> 1) + 1) * 5_000_000_000 + off, 1), ((2 * odd + 1) * 2_500_000_000 + off, 2)];
            for (quantity, price) in [(quantity, price)].into_iter().chain(halves) {
                let exact = quantity as i128 * price as i128;
                let expected = div_round_half_away(exact, QUANTITY_SCALE * PRICE_SCALE / MONEY_SCALE as i128);
                let expected = i64::try_from(expected).unwrap_or(i64::MAX);
                proptest::prop_assert_eq!(UnitPrice(price).times(Quantity(quantity)).micros(), expected);
            }
        }

        /// Money adds as `i64::saturating_add` does, at the bounds too.
        #[test]
        fn money_adds_saturating(
            a in proptest::prop_oneof![proptest::num::i64::ANY, Just(i64::MAX), Just(i64::MIN), -5i64..5],
            b in proptest::prop_oneof![proptest::num::i64::ANY, Just(i64::MAX), Just(i64::MIN), -5i64..5],
        ) {
            proptest::prop_assert_eq!({ let mut sum = Money(a); sum += Money(b); sum }.micros(), a.saturating_add(b));
            proptest::prop_assert_eq!((Money(a) + Money(b)).micros(), a.saturating_add(b));
        }
    }

    #[test]
    fn money_displays_cents_grouped() {
        assert_eq!(Money::from_micros(1_234_567_890).display_usd(), "$1,234.57");
        assert_eq!(Money::from_micros(4_999).display_usd(), "$0.00");
        assert_eq!(Money::from_micros(5_000).display_usd(), "$0.01");
        assert_eq!(Money::ZERO.display_usd(), "$0.00");
    }

    #[test]
    fn quantities_never_go_negative_or_nan() {
        assert_eq!(Quantity::from_f64(-3.0), Quantity::ZERO);
        assert_eq!(Quantity::from_f64(f64::NAN), Quantity::ZERO);
        assert_eq!(Quantity::from_f64(1e300).millionths(), i64::MAX);
        assert_eq!(Quantity::from_f64(2.5).to_string(), "2.5");
    }
}
