//! Price ids the engine asks for, and the families of ids built from a plan's
//! values (database instance classes).

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
