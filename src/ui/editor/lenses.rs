//! Lenses into each component kind and enum conversions for drop-downs.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::plan::*;
use crate::ui::fields::Lens;

macro_rules! picks {
    ($($name:ident, $name_mut:ident: $variant:ident($ty:ty);)*) => {
        $(
            pub fn $name(c: &Component) -> Option<&$ty> {
                match c { Component::$variant(k) => Some(k), _ => None }
            }
            pub fn $name_mut(c: &mut Component) -> Option<&mut $ty> {
                match c { Component::$variant(k) => Some(k), _ => None }
            }
        )*
    };
}

picks! {
    s3, s3_mut: S3Bucket(S3Bucket);
    dynamo, dynamo_mut: DynamodbTable(DynamoDbTable);
    rds, rds_mut: RdsInstance(RdsInstance);
    aurora, aurora_mut: AuroraCluster(AuroraCluster);
    backup, backup_mut: BackupPlan(BackupPlan);
    lambda, lambda_mut: LambdaFunction(LambdaFunction);
    schedule, schedule_mut: Schedule(Schedule);
    sns, sns_mut: SnsTopic(SnsTopic);
    monitoring, monitoring_mut: Monitoring(Monitoring);
    kms, kms_mut: KmsKey(KmsKey);
    vpc, vpc_mut: VpcEndpoints(VpcEndpoints);
    config, config_mut: ConfigBackup(ConfigBackup);
    dns, dns_mut: DnsFailover(DnsFailover);
}

/// A plan-file id of an enum value (`"deep_archive"`).
pub fn enum_id<E: Serialize>(value: &E) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

pub fn enum_from<E: DeserializeOwned>(id: &str) -> Option<E> {
    serde_json::from_value(serde_json::Value::String(id.to_string())).ok()
}

/// Views an enum-valued lens as its plan-file id, for a drop-down.
pub fn as_id<E: Serialize + DeserializeOwned + 'static>(lens: Lens<E>) -> Lens<String> {
    let (get, set) = (lens.get, lens.set);
    Lens {
        get: std::sync::Arc::new(move |p| get(p).map(|e| enum_id(&e))),
        set: std::sync::Arc::new(move |p, id: String| {
            if let Some(e) = enum_from::<E>(&id) {
                set(p, e)
            }
        }),
    }
}

/// Options of a drop-down from values and labels.
pub fn options<E: Serialize>(values: &[(E, &str)]) -> Vec<(String, String)> {
    values.iter().map(|(v, label)| (enum_id(v), label.to_string())).collect()
}

pub fn storage_class_options() -> Vec<(String, String)> {
    StorageClass::ALL.iter().map(|c| (c.id().to_string(), c.label().to_string())).collect()
}
