//! Lenses into each component kind, the [`field!`] declaration that makes a field's
//! lens and its diagnostic path from one written path, and enum conversions for
//! drop-downs.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::plan::*;
use crate::ui::fields::{Lens, Part};

macro_rules! picks {
    ($($name:ident, $name_mut:ident: $variant:ident($ty:ty);)*) => {
        $(
            pub fn $name(c: &Component) -> Option<&$ty> {
                match c { Component::$variant(k) => Some(k), _ => None }
            }
            pub fn $name_mut(c: &mut Component) -> Option<&mut $ty> {
                match c { Component::$variant(k) => Some(k), _ => None }
            }
            impl Part for $ty {
                fn pick(c: &Component) -> Option<&Self> { $name(c) }
                fn pick_mut(c: &mut Component) -> Option<&mut Self> { $name_mut(c) }
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

/// The lens of one plan value, and with it the path its diagnostics carry, from the
/// value's path written once:
///
/// - `field!(plan.targets.rpo_minutes)`: a value of the plan;
/// - `field!(plan.backup_account?)`: an optional part, ticked means present (with its
///   defaults); `field!(plan.backup_account?.name)`: a value inside it, and
///   `field!(plan.backup_account?.vault.lock?.mode)` inside an optional part of it;
/// - `field!(plan.recovery_tests[j].name)`: a value of item `j` of a list of the plan;
/// - `field!(i, S3Bucket, lifecycle.glacier_days)`: a value of component `i` of kind
///   `S3Bucket`; `field!(i, S3Bucket, replication?)` and
///   `field!(i, S3Bucket, replication?.storage_class)` as for the plan;
/// - `field!(i, BackupPlan, rules[j].retention_days)` (also `rules[j].copy_to_dr?` and
///   `rules[j].copy_to_dr?.retention_days`): a value of item `j` of a list.
///
/// The path is the plan file's (and the validator's): `components[3].replication.storage_class`.
macro_rules! field {
    (plan . $part:ident ? . $($inner:ident).+ ? . $($f:ident).+) => {
        $crate::ui::fields::Lens::plan_opt(
            $crate::ui::fields::dotted(&[stringify!($part), $(stringify!($inner),)+ $(stringify!($f)),+]),
            $crate::ui::fields::getter(|p: &$crate::plan::Plan| {
                p.$part.as_ref().and_then(|r| r.$($inner).+.as_ref()).map(|r| ::std::clone::Clone::clone(&r.$($f).+))
            }),
            $crate::ui::fields::setter(|p: &mut $crate::plan::Plan, v| if let Some(r) = p.$part.as_mut().and_then(|r| r.$($inner).+.as_mut()) { r.$($f).+ = v }),
        )
    };
    (plan . $list:ident [$j:expr] . $($f:ident).+) => {
        $crate::ui::fields::Lens::plan_item(
            format!("{}[{}].{}", stringify!($list), $j, $crate::ui::fields::dotted(&[$(stringify!($f)),+])),
            $j,
            |p, j| p.$list.get(j).map(|r| ::std::clone::Clone::clone(&r.$($f).+)),
            |p, j, v| if let Some(r) = p.$list.get_mut(j) { r.$($f).+ = v },
        )
    };
    (plan . $part:ident ?) => {
        $crate::ui::fields::Lens::plan(
            stringify!($part),
            $crate::ui::fields::getter(|p: &$crate::plan::Plan| p.$part.is_some()),
            $crate::ui::fields::setter(|p: &mut $crate::plan::Plan, on: bool| p.$part = on.then(Default::default)),
        )
    };
    (plan . $part:ident ? . $($f:ident).+) => {
        $crate::ui::fields::Lens::plan_opt(
            $crate::ui::fields::dotted(&[stringify!($part), $(stringify!($f)),+]),
            $crate::ui::fields::getter(|p: &$crate::plan::Plan| p.$part.as_ref().map(|r| ::std::clone::Clone::clone(&r.$($f).+))),
            $crate::ui::fields::setter(|p: &mut $crate::plan::Plan, v| if let Some(r) = &mut p.$part { r.$($f).+ = v }),
        )
    };
    (plan . $($f:ident).+) => {
        $crate::ui::fields::Lens::plan(
            $crate::ui::fields::dotted(&[$(stringify!($f)),+]),
            $crate::ui::fields::getter(|p: &$crate::plan::Plan| ::std::clone::Clone::clone(&p.$($f).+)),
            $crate::ui::fields::setter(|p: &mut $crate::plan::Plan, v| p.$($f).+ = v),
        )
    };
    ($i:expr, $kind:ty, $list:ident [$j:expr] . $part:ident ?) => {
        $crate::ui::fields::Lens::of_item::<$kind>(
            $i,
            $j,
            &format!("{}[{}].{}", stringify!($list), $j, stringify!($part)),
            |k, j| k.$list.get(j).map(|r| r.$part.is_some()),
            |k, j, on: bool| if let Some(r) = k.$list.get_mut(j) { r.$part = on.then(Default::default) },
        )
    };
    ($i:expr, $kind:ty, $list:ident [$j:expr] . $part:ident ? . $($f:ident).+) => {
        $crate::ui::fields::Lens::of_item::<$kind>(
            $i,
            $j,
            &format!("{}[{}].{}", stringify!($list), $j, $crate::ui::fields::dotted(&[stringify!($part), $(stringify!($f)),+])),
            |k, j| k.$list.get(j).and_then(|r| r.$part.as_ref()).map(|r| ::std::clone::Clone::clone(&r.$($f).+)),
            |k, j, v| if let Some(r) = k.$list.get_mut(j).and_then(|r| r.$part.as_mut()) { r.$($f).+ = v },
        )
    };
    ($i:expr, $kind:ty, $list:ident [$j:expr] . $($f:ident).+) => {
        $crate::ui::fields::Lens::of_item::<$kind>(
            $i,
            $j,
            &format!("{}[{}].{}", stringify!($list), $j, $crate::ui::fields::dotted(&[$(stringify!($f)),+])),
            |k, j| k.$list.get(j).map(|r| ::std::clone::Clone::clone(&r.$($f).+)),
            |k, j, v| if let Some(r) = k.$list.get_mut(j) { r.$($f).+ = v },
        )
    };
    ($i:expr, $kind:ty, $part:ident ?) => {
        $crate::ui::fields::Lens::of::<$kind>(
            $i,
            stringify!($part),
            |k| k.$part.is_some(),
            |k, on: bool| k.$part = on.then(Default::default),
        )
    };
    ($i:expr, $kind:ty, $part:ident ? . $($f:ident).+) => {
        $crate::ui::fields::Lens::of_opt::<$kind>(
            $i,
            &$crate::ui::fields::dotted(&[stringify!($part), $(stringify!($f)),+]),
            $crate::ui::fields::getter(|k: &$kind| k.$part.as_ref().map(|r| ::std::clone::Clone::clone(&r.$($f).+))),
            |k, v| if let Some(r) = &mut k.$part { r.$($f).+ = v },
        )
    };
    ($i:expr, $kind:ty, $($f:ident).+) => {
        $crate::ui::fields::Lens::of::<$kind>(
            $i,
            &$crate::ui::fields::dotted(&[$(stringify!($f)),+]),
            |k| ::std::clone::Clone::clone(&k.$($f).+),
            |k, v| k.$($f).+ = v,
        )
    };
}
pub(crate) use field;

/// An optional enum as a drop-down's id: empty means none.
pub fn as_optional_id<E: Serialize + DeserializeOwned + 'static>(
    lens: Lens<Option<E>>,
) -> Lens<String> {
    lens.map(|e| e.map(|e| enum_id(&e)).unwrap_or_default(), |id: String| Some(enum_from(&id)))
}

/// An optional text as a drop-down's or field's text: empty means none.
pub fn as_optional_text(lens: Lens<Option<String>>) -> Lens<String> {
    lens.map(Option::unwrap_or_default, |v: String| Some((!v.is_empty()).then_some(v)))
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
    lens.map(|e| enum_id(&e), |id: String| enum_from::<E>(&id))
}

/// Options of a drop-down from values and labels.
pub fn options<E: Serialize>(values: &[(E, &str)]) -> Vec<(String, String)> {
    values.iter().map(|(v, label)| (enum_id(v), label.to_string())).collect()
}

pub fn storage_class_options() -> Vec<(String, String)> {
    StorageClass::ALL.iter().map(|c| (c.id().to_string(), c.label().to_string())).collect()
}
