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

/// The quantities of a month table, each per class: GB-months stored as a current
/// version ([`CURRENT`]) and as a noncurrent one ([`NONCURRENT`]), GB-months billed
/// for leaving a class before its minimum duration ([`EARLY_DELETION`]), and GB moved
/// into a class by lifecycle transitions ([`TRANSITIONED`]).
pub const FIELDS: usize = 4;
pub const CURRENT: usize = 0;
pub const NONCURRENT: usize = 1;
pub const EARLY_DELETION: usize = 2;
pub const TRANSITIONED: usize = 3;

/// Month-by-month quantities per (field, class) slot. A slot nothing was added to
/// holds no months: most slots of a bucket stay zero, and are neither stored nor
/// visited.
#[derive(Clone, Debug)]
pub struct Months {
    len: usize,
    slots: [Option<Vec<f64>>; FIELDS * CLASSES],
}

impl Months {
    /// A table of `len` months, all zero.
    pub fn new(len: usize) -> Months {
        Months { len, slots: Default::default() }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// The months of a slot; `None` when every month is zero.
    pub fn get(&self, field: usize, class: usize) -> Option<&[f64]> {
        self.slots.get(field * CLASSES + class)?.as_deref()
    }

    /// One month's value of a slot.
    pub fn value(&self, field: usize, class: usize, month: usize) -> f64 {
        self.get(field, class).and_then(|v| v.get(month)).copied().unwrap_or(0.0)
    }

    fn slot_mut(&mut self, slot: usize) -> &mut [f64] {
        let len = self.len;
        self.slots[slot].get_or_insert_with(|| vec![0.0; len])
    }
}

/// Monthly profiles of a tiering for cohorts written `entry_day` days into their month.
#[derive(Clone, Debug)]
pub struct Profile {
    pub months: Months,
    /// The slots that hold months.
    filled: Vec<usize>,
    /// Months up to the last non-zero one: adding a cohort skips the rest, whose terms
    /// are exact zeros (+0.0 added to a non-negative sum changes no bit of it).
    support: usize,
}

impl Profile {
    pub fn new(tiering: &Tiering, entry_day: f64, horizon_months: usize) -> Profile {
        let d = DAYS_PER_MONTH;
        let n = horizon_months;
        let mut months = Months::new(n);
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
        // The months up to the last non-zero one, noted as they are written; zeros are
        // not written at all.
        let mut support = 0;
        let mut add = |months: &mut Months, j: usize, field: usize, c: usize, v: f64| {
            if v != 0.0 {
                months.slot_mut(field * CLASSES + c)[j] += v;
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
        let filled = (0..FIELDS * CLASSES).filter(|s| months.slots[*s].is_some()).collect();
        Profile { months, filled, support }
    }
}

/// Every slot, zero or not: a size that is not finite (only in plans validation
/// rejects) turns even zero terms into NaN, as `NaN × 0` is NaN.
fn every_slot(out: &mut Months) {
    for slot in 0..FIELDS * CLASSES {
        out.slot_mut(slot);
    }
}

/// Adds `size × profile[m − k]` into `out` for a cohort written in month index `k`.
pub fn accumulate(out: &mut Months, profile: &Profile, written_month: usize, size_gb: f64) {
    if size_gb <= 0.0 {
        return;
    }
    let span = if size_gb.is_finite() {
        profile.support
    } else {
        every_slot(out);
        profile.months.len()
    };
    let end = out.len().min(written_month.saturating_add(span));
    let months = written_month.min(end)..end;
    if size_gb.is_finite() {
        for &slot in &profile.filled {
            let from = profile.months.slots[slot].as_deref().unwrap_or_default();
            for (v, p) in out.slot_mut(slot)[months.clone()].iter_mut().zip(from) {
                *v += size_gb * p;
            }
        }
        return;
    }
    for slot in 0..FIELDS * CLASSES {
        let from = profile.months.slots[slot].as_deref();
        for (j, v) in out.slot_mut(slot)[months.clone()].iter_mut().enumerate() {
            // A zero slot of the profile adds `size × 0`, NaN for a size that is not finite.
            *v += size_gb * from.map_or(0.0, |p| p[j]);
        }
    }
}

/// Adds a cohort of `size_gb` written in every month (month 0 onwards): month `m`
/// receives `size × Σ_{j ≤ m} profile[j]`, a running sum instead of a double loop.
pub fn accumulate_every_month(out: &mut Months, profile: &Profile, size_gb: f64) {
    if size_gb <= 0.0 {
        return;
    }
    if !size_gb.is_finite() {
        every_slot(out);
    }
    let n = out.len().min(profile.months.len());
    for slot in 0..FIELDS * CLASSES {
        let from = profile.months.slots[slot].as_deref();
        // A zero slot keeps a running sum of +0.0: it adds nothing to a finite size.
        if from.is_none() && size_gb.is_finite() {
            continue;
        }
        let into = out.slot_mut(slot);
        let mut running = 0.0;
        for (j, v) in into[..n].iter_mut().enumerate() {
            running += from.map_or(0.0, |p| p[j]);
            *v += size_gb * running;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: f64 = DAYS_PER_MONTH;

    /// A slot's months added up.
    fn total(profile: &Profile, field: usize, class: StorageClass) -> f64 {
        profile.months.get(field, class_index(class)).map_or(0.0, |v| v.iter().sum())
    }

    /// A field's months added up over every class.
    fn all_classes(profile: &Profile, field: usize) -> f64 {
        StorageClass::ALL.iter().map(|c| total(profile, field, *c)).sum()
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
        let gb_days = |c: StorageClass| total(&p, CURRENT, c) * D;
        assert!((gb_days(StorageClass::Standard) - 30.0).abs() < 1e-9);
        assert!((gb_days(StorageClass::StandardIa) - 60.0).abs() < 1e-9);
        assert!((gb_days(StorageClass::GlacierFlexibleRetrieval) - 275.0).abs() < 1e-9);
        assert_eq!(all_classes(&p, TRANSITIONED), 2.0);
        assert_eq!(all_classes(&p, EARLY_DELETION), 0.0);
    }

    #[test]
    fn leaving_deep_archive_early_bills_the_minimum() {
        let mut t = Tiering::new(StorageClass::DeepArchive, 0.0, false, &[]);
        t.delete_at_day = Some(30.0);
        let p = Profile::new(&t, 0.0, 12);
        let early = total(&p, EARLY_DELETION, StorageClass::DeepArchive) * D;
        assert!((early - 150.0).abs() < 1e-9, "{early}");
        // Stored 30 days + billed 150 more = the 180-day minimum.
        let stored = total(&p, CURRENT, StorageClass::DeepArchive) * D;
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
        let (mut a, mut b) = (Months::new(14), Months::new(14));
        for k in 0..14 {
            accumulate(&mut a, &p, k, 3.0);
        }
        accumulate_every_month(&mut b, &p, 3.0);
        for m in 0..14 {
            for c in 0..CLASSES {
                for f in [CURRENT, EARLY_DELETION, TRANSITIONED] {
                    assert!((a.value(f, c, m) - b.value(f, c, m)).abs() < 1e-9);
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
        assert_eq!(all_classes(&p, TRANSITIONED), 0.0);
        let days = total(&p, NONCURRENT, StorageClass::DeepArchive) * D;
        assert!((days - 200.0).abs() < 1e-9, "{days}");
    }
}
