//! The cohort simulation as first written (every month of every step, every slot of
//! every month), kept as the reference the fast one must match bit for bit: the
//! profiles, and month tables built by any sequence of cohorts, whatever the tiering
//! and sizes (zero, negative, NaN and infinite included).

use proptest::prelude::*;

use super::cohorts::{
    accumulate, accumulate_every_month, class_index, Months, Profile, Step, Tiering, CLASSES,
    CURRENT, EARLY_DELETION, FIELDS, NONCURRENT, TRANSITIONED,
};
use crate::plan::schedule_expr::DAYS_PER_MONTH;
use crate::plan::StorageClass;

type Month = [[f64; CLASSES]; FIELDS];

fn reference_profile(tiering: &Tiering, entry_day: f64, n: usize) -> Vec<Month> {
    let d = DAYS_PER_MONTH;
    let mut months = vec![[[0.0; CLASSES]; FIELDS]; n];
    let end_of = |i: usize| {
        tiering
            .steps
            .get(i + 1)
            .map(|s| s.from_day)
            .or(tiering.delete_at_day)
            .unwrap_or(f64::INFINITY)
    };
    for (j, month) in months.iter_mut().enumerate() {
        let (lo, hi) = ((j as f64 * d - entry_day).max(0.0), (j + 1) as f64 * d - entry_day);
        if hi <= 0.0 {
            continue;
        }
        for (i, step) in tiering.steps.iter().enumerate() {
            let end = end_of(i).min(tiering.delete_at_day.unwrap_or(f64::INFINITY));
            let overlap = (end.min(hi) - step.from_day.max(lo)).max(0.0);
            let c = class_index(step.class);
            month[if step.noncurrent { NONCURRENT } else { CURRENT }][c] += overlap / d;
            let moves = i > 0 && tiering.steps[i - 1].class != step.class;
            if moves && step.from_day >= lo && step.from_day < hi {
                month[TRANSITIONED][c] += 1.0;
            }
            let leaves_class = tiering.steps.get(i + 1).is_none_or(|next| next.class != step.class);
            if end.is_finite() && end >= lo && end < hi && leaves_class {
                let entered = tiering.steps[..=i]
                    .iter()
                    .rev()
                    .take_while(|s| s.class == step.class)
                    .last()
                    .map_or(step.from_day, |s| s.from_day);
                let shortfall = step.class.minimum_storage_days() as f64 - (end - entered);
                if shortfall > 0.0 {
                    month[EARLY_DELETION][c] += shortfall / d;
                }
            }
        }
    }
    months
}

fn reference_accumulate(out: &mut [Month], profile: &[Month], written: usize, size: f64) {
    if size <= 0.0 {
        return;
    }
    for (m, slot) in out.iter_mut().enumerate().skip(written) {
        let p = &profile[m - written];
        for c in 0..CLASSES {
            for f in 0..FIELDS {
                slot[f][c] += size * p[f][c];
            }
        }
    }
}

fn reference_every_month(out: &mut [Month], profile: &[Month], size: f64) {
    if size <= 0.0 {
        return;
    }
    let mut running = [[0.0; CLASSES]; FIELDS];
    for (slot, p) in out.iter_mut().zip(profile) {
        for c in 0..CLASSES {
            for f in 0..FIELDS {
                running[f][c] += p[f][c];
                slot[f][c] += size * running[f][c];
            }
        }
    }
}

/// Every value of `fast` equals the reference's, bit for bit.
fn same(fast: &Months, reference: &[Month]) -> Result<(), TestCaseError> {
    prop_assert_eq!(fast.len(), reference.len());
    for (m, month) in reference.iter().enumerate() {
        for (f, field) in month.iter().enumerate() {
            for (c, b) in field.iter().enumerate() {
                let a = fast.value(f, c, m);
                prop_assert!(a.to_bits() == b.to_bits(), "month {m} slot {f}/{c}: {a:e} vs {b:e}");
            }
        }
    }
    Ok(())
}

fn class() -> impl Strategy<Value = StorageClass> {
    prop::sample::select(StorageClass::ALL.to_vec())
}

/// Tierings as the S3 model builds them (steps in order of their start) and stranger
/// ones (a deletion before a step, a step back to a warmer class).
fn tiering() -> impl Strategy<Value = Tiering> {
    let step = (class(), 0u32..3_000, any::<bool>());
    (class(), 0u32..400, prop::collection::vec(step, 0..5), prop::option::of(0u32..4_000)).prop_map(
        |(start, start_day, later, delete)| {
            let mut steps =
                vec![Step { class: start, from_day: start_day as f64, noncurrent: false }];
            let mut day = start_day as f64;
            for (class, gap, noncurrent) in later {
                day += gap as f64;
                steps.push(Step { class, from_day: day, noncurrent });
            }
            Tiering { steps, delete_at_day: delete.map(f64::from) }
        },
    )
}

fn size() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(-5.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        0.0..1e7f64,
        (0u32..1_000).prop_map(f64::from),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Versions read the current data once (`add_versions`), as reading it every month
    /// would, even when a size that is not finite turns the table into NaN.
    #[test]
    fn versions_read_the_current_data_as_every_month_would(
        current in tiering(),
        versions in tiering(),
        n in 1usize..=120,
        stored in size(),
        growth in size(),
        percent in prop_oneof![Just(f64::INFINITY), 0.0..100.0f64, Just(1e300)],
    ) {
        let versions = Tiering {
            steps: versions.steps.into_iter().map(|s| Step { noncurrent: true, ..s }).collect(),
            ..versions
        };
        let mid = DAYS_PER_MONTH / 2.0;
        let mut months = Months::new(n);
        accumulate(&mut months, &Profile::new(&current, 0.0, n), 0, stored);
        accumulate_every_month(&mut months, &Profile::new(&current, mid, n), growth);
        let profile = Profile::new(&versions, mid, n);
        let (mut fast, mut slow) = (months.clone(), months);
        let (mut fast_gb, mut slow_gb) = (vec![growth; n], vec![growth; n]);
        super::storage::add_versions(&mut fast, &profile, &mut fast_gb, percent, false);
        super::storage::add_versions(&mut slow, &profile, &mut slow_gb, percent, true);
        for (a, b) in fast_gb.iter().zip(&slow_gb) {
            prop_assert!(a.to_bits() == b.to_bits(), "{a:e} vs {b:e}");
        }
        for f in 0..FIELDS {
            for c in 0..CLASSES {
                for m in 0..n {
                    let (a, b) = (fast.value(f, c, m), slow.value(f, c, m));
                    prop_assert!(a.to_bits() == b.to_bits(), "month {m} slot {f}/{c}: {a:e} vs {b:e}");
                }
            }
        }
    }

    #[test]
    fn fast_cohorts_match_the_reference_bit_for_bit(
        tiering in tiering(),
        mid_month in any::<bool>(),
        n in 1usize..=120,
        cohorts in prop::collection::vec((any::<bool>(), 0usize..130, size()), 0..5),
    ) {
        let entry = if mid_month { DAYS_PER_MONTH / 2.0 } else { 0.0 };
        let profile = Profile::new(&tiering, entry, n);
        let reference = reference_profile(&tiering, entry, n);
        same(&profile.months, &reference)?;
        let (mut fast, mut slow) = (Months::new(n), vec![[[0.0; CLASSES]; FIELDS]; n]);
        for (every_month, written, size) in cohorts {
            if every_month {
                accumulate_every_month(&mut fast, &profile, size);
                reference_every_month(&mut slow, &reference, size);
            } else {
                let written = written.min(n);
                accumulate(&mut fast, &profile, written, size);
                reference_accumulate(&mut slow, &reference, written, size);
            }
        }
        same(&fast, &slow)?;
    }
}
