//! Cohort simulation of data moving through storage tiers.
//!
//! Data written at one time forms a cohort that ages through a [`Tiering`]: a list of
//! (storage class, age it enters that class) steps and an optional deletion age. A
//! [`Profile`] integrates one gigabyte of such a cohort over each month after it is
//! written: the GB-months it spends in each class, the transitions it makes, and the
//! early-deletion days it is billed when it leaves a class before that class's minimum
//! storage duration. Month quantities of a bucket are then a convolution of the
//! cohort sizes with the profile, so a 120-month ledger costs O(months²) additions.

use crate::plan::schedule_expr::DAYS_PER_MONTH;
use crate::plan::StorageClass;

/// Number of storage classes, for fixed-size arrays indexed by `class_index`.
pub const CLASSES: usize = 5;

pub fn class_index(class: StorageClass) -> usize {
    match class {
        StorageClass::Standard => 0,
        StorageClass::StandardIa => 1,
        StorageClass::GlacierInstantRetrieval => 2,
        StorageClass::GlacierFlexibleRetrieval => 3,
        StorageClass::DeepArchive => 4,
    }
}

/// One stretch of a cohort's life in a class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Step {
    pub class: StorageClass,
    /// Age in days at which the cohort enters this step.
    pub from_day: f64,
    /// Whether the data is a noncurrent version during this step.
    pub noncurrent: bool,
}

/// The path of a cohort through classes, and when it is deleted.
#[derive(Clone, Debug, PartialEq)]
pub struct Tiering {
    /// Ordered by `from_day`; the first starts at day 0.
    pub steps: Vec<Step>,
    pub delete_at_day: Option<f64>,
}

impl Tiering {
    /// Builds a path from a starting class and optional later steps, skipping steps
    /// that would not move the data to a colder class (S3 lifecycle only moves down).
    pub fn new(
        start: StorageClass,
        start_day: f64,
        noncurrent: bool,
        later: &[(StorageClass, Option<u32>)],
    ) -> Tiering {
        let mut steps = vec![Step { class: start, from_day: start_day, noncurrent }];
        for (class, days) in later {
            if let Some(days) = days {
                let last = steps[steps.len() - 1];
                if *class > last.class && start_day + *days as f64 > last.from_day {
                    steps.push(Step {
                        class: *class,
                        from_day: start_day + *days as f64,
                        noncurrent,
                    });
                }
            }
        }
        Tiering { steps, delete_at_day: None }
    }

    /// The class the cohort is in just before `day`.
    pub fn class_at(&self, day: f64) -> StorageClass {
        self.steps.iter().rev().find(|s| s.from_day < day).map_or(self.steps[0].class, |s| s.class)
    }
}

/// Per-gigabyte quantities of one cohort in one month after it was written, per
/// class: GB-months stored as a current version ([`CURRENT`]) and as a noncurrent one
/// ([`NONCURRENT`]), GB-months billed for leaving a class before its minimum duration
/// ([`EARLY_DELETION`]), and GB moved into a class by lifecycle transitions
/// ([`TRANSITIONED`]). Plain arrays of floats, so that a month table starts zeroed
/// straight from the allocator.
pub type MonthProfile = [[f64; CLASSES]; FIELDS];

/// The quantities of a [`MonthProfile`].
pub const FIELDS: usize = 4;
pub const CURRENT: usize = 0;
pub const NONCURRENT: usize = 1;
pub const EARLY_DELETION: usize = 2;
pub const TRANSITIONED: usize = 3;

/// A month table of `n` zeroed months.
pub fn zeroed_months(n: usize) -> Vec<MonthProfile> {
    vec![[[0.0; CLASSES]; FIELDS]; n]
}

/// Monthly profiles of a tiering for cohorts written `entry_day` days into their month.
#[derive(Clone, Debug)]
pub struct Profile {
    pub months: Vec<MonthProfile>,
    /// The (field, class) slots that are non-zero in some month, and the months up to
    /// the last non-zero one: adding a cohort skips the rest, whose terms are exact
    /// zeros (+0.0 added to a non-negative sum changes no bit of it).
    active: Vec<(usize, usize)>,
    support: usize,
}

impl Profile {
    pub fn new(tiering: &Tiering, entry_day: f64, horizon_months: usize) -> Profile {
        let d = DAYS_PER_MONTH;
        let n = horizon_months;
        let mut months = zeroed_months(n);
        // Month `j` covers ages [lo, hi) of the cohort.
        let bounds =
            |j: usize| ((j as f64 * d - entry_day).max(0.0), (j + 1) as f64 * d - entry_day);
        // The months whose ages may reach `from_day..until_day`, with a month to spare
        // on each side: every other month would add exact zeros. Steps are visited in
        // order, so each month adds its steps' terms in the same order as a loop over
        // every month and step would: the figures are the same bit for bit.
        let months_of = |from_day: f64, until_day: f64| {
            let index = |day: f64| ((day + entry_day) / d).floor();
            let first = (index(from_day) - 1.0).max(0.0);
            let last = index(until_day) + 2.0;
            let first = if first.is_finite() { (first as usize).min(n) } else { n };
            let last = if last.is_finite() { (last.max(0.0) as usize).min(n) } else { n };
            first..last.max(first)
        };
        // Non-zero slots and the months up to the last non-zero one, noted as they are
        // written; zeros are not written at all.
        let mut used = [[false; CLASSES]; FIELDS];
        let mut support = 0;
        let mut add = |months: &mut [MonthProfile], j: usize, field: usize, c: usize, v: f64| {
            if v != 0.0 {
                months[j][field][c] += v;
                used[field][c] = true;
                support = support.max(j + 1);
            }
        };
        let delete_at = tiering.delete_at_day.unwrap_or(f64::INFINITY);
        for (i, step) in tiering.steps.iter().enumerate() {
            let next = tiering.steps.get(i + 1);
            let end = next.map(|s| s.from_day).or(tiering.delete_at_day).unwrap_or(f64::INFINITY);
            let end = end.min(delete_at);
            let c = class_index(step.class);
            let field = if step.noncurrent { NONCURRENT } else { CURRENT };
            for j in months_of(step.from_day, end) {
                let (lo, hi) = bounds(j);
                if hi > 0.0 {
                    let overlap = (end.min(hi) - step.from_day.max(lo)).max(0.0);
                    add(&mut months, j, field, c, overlap / d);
                }
            }
            // A lifecycle transition moves data to another class. Expiring a current
            // version of a versioned bucket keeps the data where it is, as a
            // noncurrent version: no transition request is billed.
            if i > 0 && tiering.steps[i - 1].class != step.class {
                for j in months_of(step.from_day, step.from_day) {
                    let (lo, hi) = bounds(j);
                    if hi > 0.0 && step.from_day >= lo && step.from_day < hi {
                        add(&mut months, j, TRANSITIONED, c, 1.0);
                    }
                }
            }
            // Leaving a class early: billed the rest of its minimum duration, in the
            // month it leaves. A class change between current and noncurrent in the
            // same class is not a move.
            let leaves_class = next.is_none_or(|next| next.class != step.class);
            if end.is_finite() && leaves_class {
                let entered = tiering.steps[..=i]
                    .iter()
                    .rev()
                    .take_while(|s| s.class == step.class)
                    .last()
                    .map_or(step.from_day, |s| s.from_day);
                let shortfall = step.class.minimum_storage_days() as f64 - (end - entered);
                for j in months_of(end, end) {
                    let (lo, hi) = bounds(j);
                    if hi > 0.0 && end >= lo && end < hi && shortfall > 0.0 {
                        add(&mut months, j, EARLY_DELETION, c, shortfall / d);
                    }
                }
            }
        }
        let active = (0..FIELDS)
            .flat_map(|f| (0..CLASSES).map(move |c| (f, c)))
            .filter(|(f, c)| used[*f][*c])
            .collect();
        Profile { months, active, support }
    }
}

/// Adds `size × profile[m − k]` into `out` for a cohort written in month index `k`.
pub fn accumulate(out: &mut [MonthProfile], profile: &Profile, written_month: usize, size_gb: f64) {
    if size_gb <= 0.0 {
        return;
    }
    if !size_gb.is_finite() {
        // Only from plans validation rejects: every term, as `NaN × 0` is not zero.
        for (slot, p) in out.iter_mut().skip(written_month).zip(&profile.months) {
            for (into, from) in slot.iter_mut().flatten().zip(p.iter().flatten()) {
                *into += size_gb * from;
            }
        }
        return;
    }
    let end = out.len().min(written_month.saturating_add(profile.support));
    for (slot, p) in out[written_month.min(end)..end].iter_mut().zip(&profile.months) {
        for &(f, c) in &profile.active {
            slot[f][c] += size_gb * p[f][c];
        }
    }
}

/// Adds a cohort of `size_gb` written in every month (month 0 onwards): month `m`
/// receives `size × Σ_{j ≤ m} profile[j]`, a running sum instead of a double loop.
pub fn accumulate_every_month(out: &mut [MonthProfile], profile: &Profile, size_gb: f64) {
    if size_gb <= 0.0 {
        return;
    }
    // Slots that are zero in every month keep a running sum of +0.0 and add nothing,
    // unless the size is not finite (only in plans validation rejects).
    let all: Vec<(usize, usize)>;
    let slots = if size_gb.is_finite() {
        &profile.active
    } else {
        all = (0..FIELDS).flat_map(|f| (0..CLASSES).map(move |c| (f, c))).collect();
        &all
    };
    let mut running: MonthProfile = [[0.0; CLASSES]; FIELDS];
    for (slot, p) in out.iter_mut().zip(&profile.months) {
        for &(f, c) in slots {
            running[f][c] += p[f][c];
            slot[f][c] += size_gb * running[f][c];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: f64 = DAYS_PER_MONTH;

    fn total(profile: &Profile, f: impl Fn(&MonthProfile) -> f64) -> f64 {
        profile.months.iter().map(f).sum()
    }

    #[test]
    fn a_cohort_spends_its_days_in_each_class() {
        let mut t = Tiering::new(
            StorageClass::Standard,
            0.0,
            false,
            &[
                (StorageClass::StandardIa, Some(30)),
                (StorageClass::GlacierFlexibleRetrieval, Some(90)),
            ],
        );
        t.delete_at_day = Some(365.0);
        let p = Profile::new(&t, 0.0, 24);
        let gb_days = |c: StorageClass| total(&p, |m| m[CURRENT][class_index(c)]) * D;
        assert!((gb_days(StorageClass::Standard) - 30.0).abs() < 1e-9);
        assert!((gb_days(StorageClass::StandardIa) - 60.0).abs() < 1e-9);
        assert!((gb_days(StorageClass::GlacierFlexibleRetrieval) - 275.0).abs() < 1e-9);
        assert_eq!(total(&p, |m| m[TRANSITIONED].iter().sum()), 2.0);
        assert_eq!(total(&p, |m| m[EARLY_DELETION].iter().sum()), 0.0);
    }

    #[test]
    fn leaving_deep_archive_early_bills_the_minimum() {
        let mut t = Tiering::new(StorageClass::DeepArchive, 0.0, false, &[]);
        t.delete_at_day = Some(30.0);
        let p = Profile::new(&t, 0.0, 12);
        let early = total(&p, |m| m[EARLY_DELETION][class_index(StorageClass::DeepArchive)]) * D;
        assert!((early - 150.0).abs() < 1e-9, "{early}");
        // Stored 30 days + billed 150 more = the 180-day minimum.
        let stored = total(&p, |m| m[CURRENT][class_index(StorageClass::DeepArchive)]) * D;
        assert!((stored + early - 180.0).abs() < 1e-9);
    }

    #[test]
    fn running_sum_equals_one_cohort_per_month() {
        let mut t = Tiering::new(
            StorageClass::Standard,
            0.0,
            false,
            &[(StorageClass::StandardIa, Some(30)), (StorageClass::DeepArchive, Some(95))],
        );
        t.delete_at_day = Some(200.0);
        let p = Profile::new(&t, 15.0, 14);
        let (mut a, mut b) = (zeroed_months(14), zeroed_months(14));
        for k in 0..14 {
            accumulate(&mut a, &p, k, 3.0);
        }
        accumulate_every_month(&mut b, &p, 3.0);
        for (x, y) in a.iter().zip(&b) {
            for c in 0..CLASSES {
                for f in [CURRENT, EARLY_DELETION, TRANSITIONED] {
                    assert!((x[f][c] - y[f][c]).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn steps_that_do_not_move_colder_are_skipped() {
        let t = Tiering::new(
            StorageClass::StandardIa,
            0.0,
            false,
            &[(StorageClass::StandardIa, Some(30)), (StorageClass::Standard, Some(40))],
        );
        assert_eq!(t.steps.len(), 1);
    }

    /// S3 user guide (lifecycle and versioning): when a current version expires in a
    /// versioned bucket, "Amazon S3 retains the current version as a noncurrent object
    /// version" — it stays in its storage class, so no transition request is billed.
    #[test]
    fn expiring_a_current_version_is_not_a_transition() {
        let mut t = Tiering::new(StorageClass::DeepArchive, 0.0, false, &[]);
        t.steps.push(Step { class: StorageClass::DeepArchive, from_day: 200.0, noncurrent: true });
        t.delete_at_day = Some(400.0);
        let p = Profile::new(&t, 0.0, 24);
        assert_eq!(total(&p, |m| m[TRANSITIONED].iter().sum()), 0.0);
        let days = total(&p, |m| m[NONCURRENT][class_index(StorageClass::DeepArchive)]) * D;
        assert!((days - 200.0).abs() < 1e-9, "{days}");
    }
}
