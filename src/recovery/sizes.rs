//! Bucket sizes for the recovery model: a bucket's current data at the end of the
//! horizon (what a restore or a retrieval moves), simulated by the cost engine once
//! per assessment, and a cache the fix search shares across its re-assessments.
//! No recovery types here, so every recovery module can use it.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;

use crate::cost::{final_gb_by_class, Context};
use crate::plan::{Component, Plan, S3Bucket};

/// Buckets already simulated, shared by the many re-assessments of the fix search and
/// by the app's assessments from one edit to the next (a bucket's sizes depend only on
/// its own settings and the horizon).
/// A bucket's settings, the months simulated, and its GB per class at their end.
type Simulated = (S3Bucket, usize, [f64; 5]);

#[derive(Default)]
pub struct SizeCache {
    /// By bucket id: the settings simulated and their sizes (a fix may change a bucket).
    entries: RefCell<BTreeMap<String, Vec<Simulated>>>,
}

impl SizeCache {
    fn get(&self, bucket: &S3Bucket, months: usize) -> Option<[f64; 5]> {
        let entries = self.entries.borrow();
        let known = entries.get(&bucket.id)?;
        known.iter().find(|(b, m, _)| *m == months && b == bucket).map(|e| e.2)
    }

    fn put(&self, bucket: &S3Bucket, months: usize, sizes: [f64; 5]) {
        let mut entries = self.entries.borrow_mut();
        entries.entry(bucket.id.clone()).or_default().push((bucket.clone(), months, sizes));
    }

    /// Forgets the simulations of buckets `plan` no longer has as they were: the app
    /// keeps one cache while the plan is edited, and each edit of a bucket simulates
    /// new settings.
    pub fn forget_stale(&self, plan: &Plan) {
        let mut entries = self.entries.borrow_mut();
        let buckets = plan.components.iter().filter(|c| matches!(c, Component::S3Bucket(_)));
        // Only once the cache holds more than a simulation per bucket (and a margin,
        // for an edit and its undo), so that this costs nothing on most edits.
        if entries.values().map(Vec::len).sum::<usize>() <= 2 * buckets.count() + 8 {
            return;
        }
        let current: BTreeMap<&str, S3Bucket> = plan
            .components
            .iter()
            .filter_map(|c| match c {
                Component::S3Bucket(b) => Some((b.id.as_str(), BucketSizes::new(b).bucket)),
                _ => None,
            })
            .collect();
        entries.retain(|id, known| {
            known.retain(|(b, _, _)| current.get(id.as_str()) == Some(b));
            !known.is_empty()
        });
    }

    /// Simulations held.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.borrow().values().map(Vec::len).sum()
    }
}

/// Current data of a bucket at the end of the horizon, simulated once and only if a
/// path needs it. Noncurrent versions are left out: bringing the service back needs
/// the current objects, and counting versions would make turning versioning on
/// lengthen every restore.
pub struct BucketSizes {
    bucket: S3Bucket,
    by_class: OnceCell<[f64; 5]>,
}

impl BucketSizes {
    pub fn new(bucket: &S3Bucket) -> BucketSizes {
        // Without versioning the cost engine's simulation keeps current data only
        // (expired objects are deleted rather than kept as versions).
        let mut current = bucket.clone();
        current.versioning.enabled = false;
        BucketSizes { bucket: current, by_class: OnceCell::new() }
    }

    /// GB per class in `StorageClass::ALL` order (the cost engine's class order), at
    /// the end of `months` of `plan`.
    fn by_class(&self, plan: &Plan, months: usize, cache: Option<&SizeCache>) -> &[f64; 5] {
        self.by_class.get_or_init(|| {
            if let Some(known) = cache.and_then(|c| c.get(&self.bucket, months)) {
                return known;
            }
            let gb = final_gb_by_class(&Context::new(plan, months), &self.bucket).map(|v| {
                if v.is_finite() && v > 0.0 {
                    v
                } else {
                    0.0
                }
            });
            if let Some(cache) = cache {
                cache.put(&self.bucket, months, gb);
            }
            gb
        })
    }

    /// The bucket's current data in GB (see [`super::context::Ctx::bucket_gb`]).
    pub fn total_gb(&self, plan: &Plan, months: usize, cache: Option<&SizeCache>) -> f64 {
        self.by_class(plan, months, cache).iter().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::StorageClass;

    #[test]
    fn class_order_matches_the_cost_engine() {
        let b = S3Bucket {
            id: "a".into(),
            initial_storage_class: StorageClass::DeepArchive,
            stored_gb: 10.0,
            ..S3Bucket::default()
        };
        let plan = Plan { components: vec![Component::S3Bucket(b.clone())], ..Plan::default() };
        let sizes = BucketSizes::new(&b);
        assert!((sizes.total_gb(&plan, 12, None) - 10.0).abs() < 1e-6);
        assert!(
            (sizes.by_class(&plan, 12, None)[4] - 10.0).abs() < 1e-6,
            "Deep Archive is the last class"
        );
    }
}
