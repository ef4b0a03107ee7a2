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

/// Per-gigabyte quantities of one cohort in one month after it was written.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthProfile {
    /// GB-months stored in each class as a current version.
    pub current_gb_months: [f64; CLASSES],
    /// GB-months stored in each class as a noncurrent version.
    pub noncurrent_gb_months: [f64; CLASSES],
    /// GB-months billed for leaving each class before its minimum duration.
    pub early_deletion_gb_months: [f64; CLASSES],
    /// GB moved into each class by lifecycle transitions this month.
    pub transitioned_gb: [f64; CLASSES],
}

/// Monthly profiles of a tiering for cohorts written `entry_day` days into their month.
#[derive(Clone, Debug)]
pub struct Profile {
    pub months: Vec<MonthProfile>,
    /// The (field, class) slots that are non-zero in some month, and the months up to
    /// the last non-zero one: adding a cohort skips the rest, whose terms are exact
    /// zeros, so the sums are bit for bit those of the full loops.
    active: Vec<(usize, usize)>,
    support: usize,
}

/// Indices of [`MonthProfile::fields`].
const CURRENT: usize = 0;
const NONCURRENT: usize = 1;
const EARLY_DELETION: usize = 2;
const TRANSITIONED: usize = 3;

impl MonthProfile {
    /// The four quantities, each per class, in a fixed order.
    fn fields(&self) -> [&[f64; CLASSES]; 4] {
        [
            &self.current_gb_months,
            &self.noncurrent_gb_months,
            &self.early_deletion_gb_months,
            &self.transitioned_gb,
        ]
    }

    fn fields_mut(&mut self) -> [&mut [f64; CLASSES]; 4] {
        let MonthProfile {
            current_gb_months,
            noncurrent_gb_months,
            early_deletion_gb_months,
            transitioned_gb,
        } = self;
        [current_gb_months, noncurrent_gb_months, early_deletion_gb_months, transitioned_gb]
    }
}

impl Profile {
    pub fn new(tiering: &Tiering, entry_day: f64, horizon_months: usize) -> Profile {
        let d = DAYS_PER_MONTH;
        let n = horizon_months;
        let mut months = vec![MonthProfile::default(); n];
        // Month `j` covers ages [lo, hi) of the cohort.
        let bounds =
            |j: usize| ((j as f64 * d - entry_day).max(0.0), (j + 1) as f64 * d - entry_day);
        // The months whose ages may reach `from_day..until_day`, with a month to spare
        // on each side: every other month adds exact zeros, which change no sum, so
        // visiting only these gives the same figures bit for bit. Each step is visited
        // in order, as every month adds its steps in order.
        let months_of = |from_day: f64, until_day: f64| {
            let index = |day: f64| ((day + entry_day) / d).floor();
            let first = (index(from_day) - 1.0).max(0.0);
            let last = index(until_day) + 2.0;
            let first = if first.is_finite() { (first as usize).min(n) } else { n };
            let last = if last.is_finite() { (last.max(0.0) as usize).min(n) } else { n };
            first..last.max(first)
        };
        let delete_at = tiering.delete_at_day.unwrap_or(f64::INFINITY);
        // Non-zero slots and the months up to the last non-zero one, noted as they are
        // written. Adding +0.0 changes no sum, so zeros are not written at all.
        let mut used = [[false; CLASSES]; 4];
        let mut support = 0;
        let mut add = |months: &mut [MonthProfile], j: usize, field: usize, c: usize, v: f64| {
            if v != 0.0 {
                months[j].fields_mut()[field][c] += v;
                used[field][c] = true;
                support = support.max(j + 1);
            }
        };
        for (i, step) in tiering.steps.iter().enumerate() {
            let next = tiering.steps.get(i + 1);
            let end = next.map(|s| s.from_day).or(tiering.delete_at_day).unwrap_or(f64::INFINITY);
            let end = end.min(delete_at);
            let c = class_index(step.class);
            for j in months_of(step.from_day, end) {
                let (lo, hi) = bounds(j);
                if hi <= 0.0 {
                    continue;
                }
                let overlap = (end.min(hi) - step.from_day.max(lo)).max(0.0);
                add(
                    &mut months,
                    j,
                    if step.noncurrent { NONCURRENT } else { CURRENT },
                    c,
                    overlap / d,
                );
            }
            // A lifecycle transition moves data to another class. Expiring a current
            // version of a versioned bucket keeps the data where it is, as a
            // noncurrent version: no transition request is billed.
            let moves = i > 0 && tiering.steps[i - 1].class != step.class;
            if moves {
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
        let active = (0..4)
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
    if size_gb.is_finite() {
        // Skipped terms are `size × 0.0` = +0.0, which leaves every (non-negative)
        // sum unchanged.
        let end = out.len().min(written_month.saturating_add(profile.support));
        for (slot, p) in out[written_month.min(end)..end].iter_mut().zip(&profile.months) {
            let (into, from) = (slot.fields_mut(), p.fields());
            for &(f, c) in &profile.active {
                into[f][c] += size_gb * from[f][c];
            }
        }
        return;
    }
    for (m, slot) in out.iter_mut().enumerate().skip(written_month) {
        let p = &profile.months[m - written_month];
        for c in 0..CLASSES {
            slot.current_gb_months[c] += size_gb * p.current_gb_months[c];
            slot.noncurrent_gb_months[c] += size_gb * p.noncurrent_gb_months[c];
            slot.early_deletion_gb_months[c] += size_gb * p.early_deletion_gb_months[c];
            slot.transitioned_gb[c] += size_gb * p.transitioned_gb[c];
        }
    }
}

/// Adds a cohort of `size_gb` written in every month (month 0 onwards): month `m`
/// receives `size × Σ_{j ≤ m} profile[j]`, a running sum instead of a double loop.
pub fn accumulate_every_month(out: &mut [MonthProfile], profile: &Profile, size_gb: f64) {
    if size_gb <= 0.0 {
        return;
    }
    if size_gb.is_finite() {
        // Slots that are zero in every month keep a running sum of +0.0 and add
        // nothing: skipping them leaves every sum bit for bit the same.
        let mut running = MonthProfile::default();
        for (slot, p) in out.iter_mut().zip(&profile.months) {
            let (sum, from) = (running.fields_mut(), p.fields());
            for &(f, c) in &profile.active {
                sum[f][c] += from[f][c];
            }
            let (into, sum) = (slot.fields_mut(), running.fields());
            for &(f, c) in &profile.active {
                into[f][c] += size_gb * sum[f][c];
            }
        }
        return;
    }
    let mut running = MonthProfile::default();
    for (slot, p) in out.iter_mut().zip(&profile.months) {
        for c in 0..CLASSES {
            running.current_gb_months[c] += p.current_gb_months[c];
            running.noncurrent_gb_months[c] += p.noncurrent_gb_months[c];
            running.early_deletion_gb_months[c] += p.early_deletion_gb_months[c];
            running.transitioned_gb[c] += p.transitioned_gb[c];
            slot.current_gb_months[c] += size_gb * running.current_gb_months[c];
            slot.noncurrent_gb_months[c] += size_gb * running.noncurrent_gb_months[c];
            slot.early_deletion_gb_months[c] += size_gb * running.early_deletion_gb_months[c];
            slot.transitioned_gb[c] += size_gb * running.transitioned_gb[c];
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
        let gb_days = |c: StorageClass| total(&p, |m| m.current_gb_months[class_index(c)]) * D;
        assert!((gb_days(StorageClass::Standard) - 30.0).abs() < 1e-9);
        assert!((gb_days(StorageClass::StandardIa) - 60.0).abs() < 1e-9);
        assert!((gb_days(StorageClass::GlacierFlexibleRetrieval) - 275.0).abs() < 1e-9);
        assert_eq!(total(&p, |m| m.transitioned_gb.iter().sum()), 2.0);
        assert_eq!(total(&p, |m| m.early_deletion_gb_months.iter().sum()), 0.0);
    }

    #[test]
    fn leaving_deep_archive_early_bills_the_minimum() {
        let mut t = Tiering::new(StorageClass::DeepArchive, 0.0, false, &[]);
        t.delete_at_day = Some(30.0);
        let p = Profile::new(&t, 0.0, 12);
        let early =
            total(&p, |m| m.early_deletion_gb_months[class_index(StorageClass::DeepArchive)]) * D;
        assert!((early - 150.0).abs() < 1e-9, "{early}");
        // Stored 30 days + billed 150 more = the 180-day minimum.
        let stored = total(&p, |m| m.current_gb_months[class_index(StorageClass::DeepArchive)]) * D;
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
        let (mut a, mut b) = (vec![MonthProfile::default(); 14], vec![MonthProfile::default(); 14]);
        for k in 0..14 {
            accumulate(&mut a, &p, k, 3.0);
        }
        accumulate_every_month(&mut b, &p, 3.0);
        for (x, y) in a.iter().zip(&b) {
            for c in 0..CLASSES {
                assert!((x.current_gb_months[c] - y.current_gb_months[c]).abs() < 1e-9);
                assert!(
                    (x.early_deletion_gb_months[c] - y.early_deletion_gb_months[c]).abs() < 1e-9
                );
                assert!((x.transitioned_gb[c] - y.transitioned_gb[c]).abs() < 1e-9);
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
        assert_eq!(total(&p, |m| m.transitioned_gb.iter().sum()), 0.0);
        let days =
            total(&p, |m| m.noncurrent_gb_months[class_index(StorageClass::DeepArchive)]) * D;
        assert!((days - 200.0).abs() < 1e-9, "{days}");
    }
}
