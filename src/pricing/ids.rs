//! Price ids the engine asks for, and the families of ids built from a plan's
//! values (database instance classes).

use crate::plan::StorageClass;

/// `class` is an S3 storage class's id (`StorageClass::id`).
pub fn s3_storage(class: &str) -> String {
    format!("s3.storage.{class}")
}

/// `class` is an S3 storage class's id (`StorageClass::id`).
pub fn s3_put(class: &str) -> String {
    format!("s3.put.{class}")
}

/// `class` is an S3 storage class's id (`StorageClass::id`).
pub fn s3_transition(class: &str) -> String {
    format!("s3.transition.{class}")
}

/// [`s3_storage`] of `class`, written out: the usage models ask for it for every series of
/// every bucket, and a `String` each time cost more than the lookup it serves.
pub fn s3_storage_of(class: StorageClass) -> &'static str {
    match class {
        StorageClass::Standard => "s3.storage.standard",
        StorageClass::StandardIa => "s3.storage.standard_ia",
        StorageClass::GlacierInstantRetrieval => "s3.storage.glacier_instant_retrieval",
        StorageClass::GlacierFlexibleRetrieval => "s3.storage.glacier_flexible_retrieval",
        StorageClass::DeepArchive => "s3.storage.deep_archive",
    }
}

/// [`s3_put`] of `class`, written out: the usage models ask for it for every series of
/// every bucket, and a `String` each time cost more than the lookup it serves.
pub fn s3_put_of(class: StorageClass) -> &'static str {
    match class {
        StorageClass::Standard => "s3.put.standard",
        StorageClass::StandardIa => "s3.put.standard_ia",
        StorageClass::GlacierInstantRetrieval => "s3.put.glacier_instant_retrieval",
        StorageClass::GlacierFlexibleRetrieval => "s3.put.glacier_flexible_retrieval",
        StorageClass::DeepArchive => "s3.put.deep_archive",
    }
}

/// [`s3_transition`] of `class`, written out: the usage models ask for it for every series of
/// every bucket, and a `String` each time cost more than the lookup it serves.
pub fn s3_transition_of(class: StorageClass) -> &'static str {
    match class {
        StorageClass::Standard => "s3.transition.standard",
        StorageClass::StandardIa => "s3.transition.standard_ia",
        StorageClass::GlacierInstantRetrieval => "s3.transition.glacier_instant_retrieval",
        StorageClass::GlacierFlexibleRetrieval => "s3.transition.glacier_flexible_retrieval",
        StorageClass::DeepArchive => "s3.transition.deep_archive",
    }
}

pub fn rds_instance_hour(engine: &str, class: &str) -> String {
    format!("rds.instance_hour.{engine}.{class}")
}

pub fn aurora_instance_hour(engine: &str, class: &str) -> String {
    format!("aurora.instance_hour.{engine}.{class}")
}

/// Instance-hour ids exist for any engine and class, priced or not.
pub fn is_dynamic(id: &str) -> bool {
    let valid_tail = |tail: &str| {
        let mut parts = tail.splitn(2, '.');
        let engine = parts.next().unwrap_or_default();
        let class = parts.next().unwrap_or_default();
        !engine.is_empty()
            && class.starts_with("db.")
            && class.len() <= 40
            && class.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.')
    };
    id.strip_prefix("rds.instance_hour.").is_some_and(valid_tail)
        || id.strip_prefix("aurora.instance_hour.").is_some_and(valid_tail)
}

pub fn describe_dynamic(id: &str) -> String {
    match (id.strip_prefix("rds.instance_hour."), id.strip_prefix("aurora.instance_hour.")) {
        (Some(rest), _) => format!("RDS instance {rest}"),
        (_, Some(rest)) => format!("Aurora instance {rest}"),
        _ => id.to_string(),
    }
}

pub fn dynamic_unit(id: &str) -> &'static str {
    if is_dynamic(id) {
        "instance-hour"
    } else {
        "unit"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The written-out ids are the ids built from the class's id.
    #[test]
    fn written_out_ids_are_the_built_ones() {
        for class in StorageClass::ALL {
            assert_eq!(s3_storage_of(class), s3_storage(class.id()));
            assert_eq!(s3_put_of(class), s3_put(class.id()));
            assert_eq!(s3_transition_of(class), s3_transition(class.id()));
        }
    }
}
