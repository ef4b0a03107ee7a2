//! Billed usage: what a component consumes each month, before any price is applied.
//!
//! Usage models (one module per family of components) turn a plan into
//! [`UsageSeries`]; the pricing step in `cost::mod` multiplies them by unit prices.
//! Keeping the two apart means a price sheet switch or override never re-runs a
//! simulation, and every quantity can explain where it comes from.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use crate::plan::{Plan, StorageClass, MAX_HORIZON_MONTHS};

// Quantities in texts are written by `texts`; the paths under `usage` stay for callers.
pub use super::texts::{fmt_qty, push_digits, write_qty};

/// Storage categories the ledger reports besides the S3 classes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum StorageKind {
    S3(StorageClass),
    DynamodbBackup,
    DatabaseBackup,
    AwsBackupWarm,
    AwsBackupCold,
    Logs,
}

impl StorageKind {
    /// Number of distinct kinds, for fixed-size accumulators.
    pub const COUNT: usize = 10;

    /// A dense index in `0..COUNT`.
    pub fn index(self) -> usize {
        match self {
            StorageKind::S3(class) => super::cohorts::class_index(class),
            StorageKind::DynamodbBackup => 5,
            StorageKind::DatabaseBackup => 6,
            StorageKind::AwsBackupWarm => 7,
            StorageKind::AwsBackupCold => 8,
            StorageKind::Logs => 9,
        }
    }

    /// Key in the ledger's `storage_gb_by_class`.
    pub fn id(self) -> &'static str {
        match self {
            StorageKind::S3(class) => class.id(),
            StorageKind::DynamodbBackup => "dynamodb_backups",
            StorageKind::DatabaseBackup => "database_backups",
            StorageKind::AwsBackupWarm => "aws_backup_warm",
            StorageKind::AwsBackupCold => "aws_backup_cold",
            StorageKind::Logs => "cloudwatch_logs",
        }
    }
}

/// One billed item of one component over the horizon.
#[derive(Clone, Debug, PartialEq)]
pub struct UsageSeries {
    /// The texts and quantities are shared (with the series' copies the app keeps
    /// between estimates, and the texts with the cost lines made from them), not copied.
    pub component: Arc<str>,
    /// What is billed, in words: "Noncurrent versions in S3 Standard-IA".
    pub item: Arc<str>,
    pub price_id: Arc<str>,
    /// Quantity in the price's unit, month 1 first.
    pub per_month: Arc<[f64]>,
    /// How the last month's quantity comes about, in words.
    pub basis: Arc<str>,
    /// Set on series that are stored data, so the ledger can chart them.
    pub storage: Option<StorageKind>,
    /// The region the usage is billed in; `None` for the plan's primary region.
    pub region: Option<Arc<str>>,
    /// For a transfer between regions, where the data goes (prices depend on the pair).
    pub to_region: Option<Arc<str>>,
    /// Whether usage only comes after `per_month` ends: set when the series stops
    /// before [`MAX_HORIZON_MONTHS`] (the horizon-only estimate) and is zero throughout,
    /// so that both estimates list the same lines (see `engine::listed`).
    pub later: bool,
}

impl UsageSeries {
    /// The same usage, billed in `region`.
    pub fn in_region(mut self, region: &str) -> UsageSeries {
        self.region = Some(region_text(region));
        self
    }

    /// The same usage, a transfer to `region`.
    pub fn sent_to(mut self, region: &str) -> UsageSeries {
        self.to_region = Some(region_text(region));
        self
    }

    /// The same usage, charted as stored data of `kind`.
    pub fn stored_as(mut self, kind: StorageKind) -> UsageSeries {
        self.storage = Some(kind);
        self
    }
}

/// The text of a region series are billed in or sent to: the last one made, when it
/// is the same region. A plan's hundreds of such series name one or two regions (its
/// DR region, mostly), and each series had a copy of its own. The text kept is the
/// region's, whichever estimate made it: texts are never changed once made.
fn region_text(region: &str) -> Arc<str> {
    thread_local! {
        static LAST: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
    }
    LAST.with(|cell| {
        let Ok(mut last) = cell.try_borrow_mut() else { return Arc::from(region) };
        match &*last {
            Some(text) if **text == *region => Arc::clone(text),
            _ => Arc::clone(last.insert(Arc::from(region))),
        }
    })
}

/// Shared inputs of the usage models.
pub struct Context<'a> {
    pub plan: &'a Plan,
    /// Months simulated (the length of every series).
    pub months: usize,
    /// The month the bases describe (the horizon's last month), at most `months`.
    pub horizon: usize,
    /// The last series' component id: a component's series (and the lines made from
    /// them) share one text instead of each copying the id.
    component: Cell<Option<Arc<str>>>,
    /// Each price id once: a plan's hundreds of series use a few dozen.
    price_ids: RefCell<HashSet<Arc<str>, BuildHasherDefault<super::key_hash::KeyHasher>>>,
}

impl Context<'_> {
    /// A context that simulates exactly the months it describes.
    pub fn new(plan: &Plan, months: usize) -> Context<'_> {
        Context::describing(plan, months, months)
    }

    /// A context that simulates `months` and describes month `horizon`.
    pub fn describing(plan: &Plan, months: usize, horizon: usize) -> Context<'_> {
        Context {
            plan,
            months,
            horizon,
            component: Cell::new(None),
            price_ids: RefCell::new(HashSet::default()),
        }
    }

    /// The text of component id `id`: the last series' when it is the same id.
    fn component_text(&self, id: &str) -> Arc<str> {
        let text = match self.component.take() {
            Some(last) if *last == *id => last,
            _ => Arc::from(id),
        };
        self.component.set(Some(Arc::clone(&text)));
        text
    }

    /// The text of price id `id`, shared by every series priced at it.
    fn price_id_text(&self, id: &str) -> Arc<str> {
        let Ok(mut ids) = self.price_ids.try_borrow_mut() else { return Arc::from(id) };
        if let Some(text) = ids.get(id) {
            return Arc::clone(text);
        }
        let text: Arc<str> = Arc::from(id);
        ids.insert(Arc::clone(&text));
        text
    }

    /// The value of a monthly series at the horizon's last month.
    pub fn at_horizon(&self, series: &[f64]) -> f64 {
        series.get(self.horizon.clamp(1, series.len().max(1)) - 1).copied().unwrap_or(0.0)
    }

    /// The plan's DR region, when it names one other than the primary.
    pub fn dr_region(&self) -> Option<&str> {
        self.plan.dr_region.as_deref().filter(|dr| *dr != self.plan.primary_region)
    }

    /// A series with the same quantity every month.
    pub fn flat(
        &self,
        component: &str,
        item: impl Into<Arc<str>>,
        price_id: impl AsRef<str>,
        quantity: f64,
        basis: impl Into<Arc<str>>,
    ) -> UsageSeries {
        // Collected straight into the series' shared slice (one allocation).
        let per_month: Arc<[f64]> = std::iter::repeat_n(quantity, self.months).collect();
        self.series(component, item, price_id, basis, per_month)
    }

    /// A series with the given quantities, month 1 first (as many as `months`).
    pub fn series(
        &self,
        component: &str,
        item: impl Into<Arc<str>>,
        price_id: impl AsRef<str>,
        basis: impl Into<Arc<str>>,
        per_month: impl Into<Arc<[f64]>>,
    ) -> UsageSeries {
        UsageSeries {
            component: self.component_text(component),
            item: item.into(),
            price_id: self.price_id_text(price_id.as_ref()),
            per_month: per_month.into(),
            basis: basis.into(),
            storage: None,
            region: None,
            to_region: None,
            later: false,
        }
    }

    /// A series whose month `m` (1-based) quantity is `f(m)`.
    pub fn by_month(
        &self,
        component: &str,
        item: impl Into<Arc<str>>,
        price_id: impl AsRef<str>,
        basis: impl Into<Arc<str>>,
        f: impl Fn(usize) -> f64,
    ) -> UsageSeries {
        self.by_month_settled(component, item, price_id, basis, usize::MAX, f)
    }

    /// [`Context::by_month`] for a quantity that stops changing: from month
    /// `settled` (1-based) on, `f` returns what it returns for `settled` (a backup
    /// pile once full, of a component whose size does not change), so later months
    /// copy that value instead of computing `f` again. `usize::MAX`: it may change.
    pub fn by_month_settled(
        &self,
        component: &str,
        item: impl Into<Arc<str>>,
        price_id: impl AsRef<str>,
        basis: impl Into<Arc<str>>,
        settled: usize,
        f: impl Fn(usize) -> f64,
    ) -> UsageSeries {
        #[cfg(test)]
        let settled = if every_month::get() { usize::MAX } else { settled };
        // Months up to `settled` are computed; the rest copy it, without a step of
        // their own. (`f` reads nothing but the month: computing the settled month
        // first gives the same quantities.)
        let computed = settled.max(1).min(self.months);
        let held = if computed > 0 { f(computed) } else { 0.0 };
        let copies = self.months - computed.saturating_sub(1);
        let per_month: Arc<[f64]> =
            (1..computed).map(&f).chain(std::iter::repeat_n(held, copies)).collect();
        // Zero until the series ends early: look on to the last month any estimate
        // prices (cold storage after 90 days in a one-month horizon, say).
        let later = self.months < MAX_HORIZON_MONTHS as usize
            && per_month.iter().all(|v| *v == 0.0)
            && (self.months + 1..=MAX_HORIZON_MONTHS as usize).any(|m| f(m) != 0.0);
        UsageSeries { later, ..self.series(component, item, price_id, basis, per_month) }
    }
}

/// Tests switch the usage models' shortcuts off (`every_month::set(true)`) to check
/// that they give the figures of computing every month.
#[cfg(test)]
pub(super) mod every_month {
    use std::cell::Cell;

    thread_local! {
        static EVERY_MONTH: Cell<bool> = const { Cell::new(false) };
    }

    pub fn get() -> bool {
        EVERY_MONTH.with(Cell::get)
    }

    // Its callers are property tests; proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn set(on: bool) {
        EVERY_MONTH.with(|c| c.set(on));
    }
}

/// The first month (1-based, at most `months`) from which [`retained_copies`] returns
/// the same count for every later month: the pile is full once the retention window
/// has passed. `usize::MAX` when it still grows in month `months`. The count never
/// falls as months pass, so a binary search finds the first month it is full in.
pub fn pile_full_from(months: usize, every_days: f64, retention_days: f64) -> usize {
    let full = retained_copies(usize::MAX / 2, every_days, retention_days);
    let is_full = |m: usize| retained_copies(m, every_days, retention_days) == full;
    if months == 0 || !is_full(months) {
        return usize::MAX;
    }
    let (mut lo, mut hi) = (1, months);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if is_full(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

/// How many backups taken `every_days` apart (the first at day 0) are kept at the end
/// of month `m` (1-based) when each is kept `retention_days`: the pile-up of retained
/// backups, full once the retention window has passed. Counting at the month's end
/// errs on the side of cost during the first months.
pub fn retained_copies(month: usize, every_days: f64, retention_days: f64) -> f64 {
    let elapsed_days = month as f64 * crate::plan::schedule_expr::DAYS_PER_MONTH;
    let taken = floor(elapsed_days / every_days) + 1.0;
    let kept = floor(retention_days / every_days).max(1.0);
    taken.min(kept)
}

/// 2⁵²: from here on every `f64` is a whole number.
const WHOLE_FROM: f64 = 4_503_599_627_370_496.0;

/// `x.floor()`, bit for bit, without a call. The release build has no rounding
/// instruction to use (`f64::floor` is libm's, about 12 instructions and a call), and
/// the usage models floor every month of every backup series. Between zero and 2⁵²
/// truncating to an integer is the floor and converts back exactly; zero (either
/// sign), negative numbers, whole numbers from 2⁵² on and NaN go to `f64::floor`.
pub fn floor(x: f64) -> f64 {
    if x > 0.0 && x < WHOLE_FROM {
        // Signed: x86-64 converts between f64 and i64 in one instruction each, not u64.
        (x as i64) as f64
    } else {
        x.floor()
    }
}

// Property tests: proptest is a native-only dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_well() {
        assert_eq!(fmt_qty(1234.5), "1,234.5");
        assert_eq!(fmt_qty(0.004), "0");
        assert_eq!(fmt_qty(12.05), "12.05");
        assert_eq!(fmt_qty(f64::NAN), "0");
        assert_eq!(fmt_qty(1_000_000.07), "1,000,000.07");
        assert_eq!(fmt_qty(-3.5), "0");
        assert_eq!(fmt_qty(1e30), "18,446,744,073,709,551,615");
        // Halves round away from zero; a decimal below ten keeps its zero.
        assert_eq!(fmt_qty(2.125), "2.13");
        assert_eq!(fmt_qty(0.005), "0.01");
        assert_eq!(fmt_qty(7.09), "7.09");
        assert_eq!(fmt_qty(7.5), "7.5");
    }

    /// The formatting as first written (`group_thousands` and `format!`), which the
    /// allocation-free one must match character for character.
    fn fmt_qty_reference(value: f64) -> String {
        if !value.is_finite() {
            return "0".into();
        }
        let rounded = (value * 100.0).round() / 100.0;
        let whole = rounded.trunc() as u64;
        let frac = ((rounded - rounded.trunc()) * 100.0).round() as u64;
        let grouped = crate::money::group_thousands(whole);
        match frac {
            0 => grouped,
            f if f % 10 == 0 => format!("{grouped}.{}", f / 10),
            f => format!("{grouped}.{f:02}"),
        }
    }

    proptest::proptest! {
        #[test]
        fn quantities_read_as_they_always_did(value in proptest::num::f64::ANY, scale in 0i32..20) {
            let scaled = value * 10f64.powi(scale - 10);
            for v in [value, scaled, value.trunc(), (scaled * 100.0).round() / 100.0] {
                proptest::prop_assert_eq!(fmt_qty(v), fmt_qty_reference(v), "{:e}", v);
            }
        }
    }

    /// Values where a floor without libm could go wrong: signed zeros, the ends of
    /// the integer range, just below whole numbers, NaN and the infinities.
    #[test]
    fn floor_is_libms_floor_at_the_edges() {
        let edges = [
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.0 - f64::EPSILON / 2.0,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            5e-324,
            WHOLE_FROM,
            WHOLE_FROM - 0.5,
            WHOLE_FROM - 1.0,
            2.0 * WHOLE_FROM + 2.0,
            u64::MAX as f64,
            f64::MAX,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        for x in edges {
            assert_eq!(floor(x).to_bits(), x.floor().to_bits(), "{x:e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn floor_is_libms_floor(bits in proptest::num::u64::ANY, scale in 0i32..64) {
            let x = f64::from_bits(bits);
            let near = (bits % (1 << 20)) as f64 * 2f64.powi(scale - 12);
            for v in [x, near, -near, near + 0.5] {
                proptest::prop_assert_eq!(floor(v).to_bits(), v.floor().to_bits(), "{:e}", v);
            }
        }
    }

    #[test]
    fn backups_pile_up_to_their_retention() {
        assert_eq!(retained_copies(1, 1.0, 90.0), 31.0);
        assert_eq!(retained_copies(3, 1.0, 90.0), 90.0);
        assert_eq!(retained_copies(36, 1.0, 90.0), 90.0);
        assert_eq!(retained_copies(36, 7.0, 3.0), 1.0);
    }
}
