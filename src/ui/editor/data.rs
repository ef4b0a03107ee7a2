//! Editors of the data-holding kinds: S3 buckets, DynamoDB tables, RDS and Aurora.

use leptos::prelude::*;

use super::lenses::*;
use crate::plan::Component;
use crate::plan::*;
use crate::ui::fields::{Choice, Field, Lens, NumberField, OptionalField, Toggle, WholeField};
use crate::ui::state::use_state;

fn path(index: usize, field: &str) -> String {
    format!("components[{index}].{field}")
}

fn data_class_options() -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "plan targets".to_string())];
    out.extend(options(&[
        (DataClass::Critical, "critical"),
        (DataClass::Important, "important"),
        (DataClass::LowPriority, "low priority"),
    ]));
    out
}

fn data_class_lens<K: 'static>(
    index: usize,
    pick: fn(&Component) -> Option<&K>,
    pick_mut: fn(&mut Component) -> Option<&mut K>,
    get: fn(&K) -> Option<DataClass>,
    set: fn(&mut K, Option<DataClass>),
) -> Lens<String> {
    Lens::component(
        index,
        pick,
        pick_mut,
        move |k| get(k).map(|c| enum_id(&c)).unwrap_or_default(),
        move |k, v: String| set(k, enum_from(&v)),
    )
}

/// A section shown while an optional part is set, with a checkbox to add or drop it.
#[component]
pub fn Optional(
    label: &'static str,
    path: String,
    lens: Lens<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let state = use_state();
    let get = lens.get.clone();
    let on = Memo::new(move |_| state.plan.with(|p| get(p)).unwrap_or(false));
    view! {
        <fieldset class="optional">
            <legend><Toggle label=label path=path lens=lens /></legend>
            <Show when=move || on.get()>{children()}</Show>
        </fieldset>
    }
}

pub fn s3_bucket(i: usize) -> impl IntoView {
    let l = move |get: fn(&S3Bucket) -> f64, set: fn(&mut S3Bucket, f64)| {
        Lens::component(i, s3, s3_mut, get, set)
    };
    let o = move |get: fn(&S3Bucket) -> Option<u32>, set: fn(&mut S3Bucket, Option<u32>)| {
        Lens::component(i, s3, s3_mut, get, set)
    };
    view! {
        <Toggle label="Existing bucket (current data billed elsewhere)" path=path(i, "existing") lens=Lens::component(i, s3, s3_mut, |b| b.existing, |b, v| b.existing = v) />
        {existing_bucket(i)}
        <Choice label="Data class" path=path(i, "data_class") options=data_class_options() lens=data_class_lens(i, s3, s3_mut, |b| b.data_class, |b, v| b.data_class = v) />
        <NumberField label="Stored data" unit="GB" path=path(i, "stored_gb") lens=l(|b| b.stored_gb, |b, v| b.stored_gb = v) />
        <NumberField label="Growth" unit="GB/month" path=path(i, "monthly_growth_gb") lens=l(|b| b.monthly_growth_gb, |b, v| b.monthly_growth_gb = v) />
        <NumberField label="Average object size" unit="KB" path=path(i, "average_object_size_kb") lens=l(|b| b.average_object_size_kb, |b, v| b.average_object_size_kb = v) />
        <NumberField label="Overwritten each month" unit="%" path=path(i, "monthly_change_percent") lens=l(|b| b.monthly_change_percent, |b, v| b.monthly_change_percent = v) />
        <Choice label="Written in" path=path(i, "initial_storage_class") options=storage_class_options()
            lens=as_id(Lens::component(i, s3, s3_mut, |b| b.initial_storage_class, |b, v| b.initial_storage_class = v)) />
        <Choice label="Encryption" path=path(i, "encryption") options=options(&[(Encryption::SseKms, "SSE-KMS (customer key)"), (Encryption::SseS3, "SSE-S3")])
            lens=as_id(Lens::component(i, s3, s3_mut, |b| b.encryption, |b, v| b.encryption = v)) />
        <fieldset class="group">
            <legend>"Lifecycle of current objects (days after creation)"</legend>
            <OptionalField label="To Standard-IA" unit="days" path=path(i, "lifecycle.standard_ia_days") lens=o(|b| b.lifecycle.standard_ia_days, |b, v| b.lifecycle.standard_ia_days = v) />
            <OptionalField label="To Glacier" unit="days" path=path(i, "lifecycle.glacier_days") lens=o(|b| b.lifecycle.glacier_days, |b, v| b.lifecycle.glacier_days = v) />
            <Choice label="Glacier class" path=path(i, "lifecycle.glacier_class") options=options(&[(GlacierClass::FlexibleRetrieval, "Flexible Retrieval"), (GlacierClass::InstantRetrieval, "Instant Retrieval")])
                lens=as_id(Lens::component(i, s3, s3_mut, |b| b.lifecycle.glacier_class, |b, v| b.lifecycle.glacier_class = v)) />
            <OptionalField label="To Deep Archive" unit="days" path=path(i, "lifecycle.deep_archive_days") lens=o(|b| b.lifecycle.deep_archive_days, |b, v| b.lifecycle.deep_archive_days = v) />
            <OptionalField label="Expire" unit="days" path=path(i, "lifecycle.expiration_days") lens=o(|b| b.lifecycle.expiration_days, |b, v| b.lifecycle.expiration_days = v) />
        </fieldset>
        <Optional label="Versioning" path=path(i, "versioning.enabled") lens=Lens::component(i, s3, s3_mut, |b| b.versioning.enabled, |b, v| b.versioning.enabled = v)>
            <OptionalField label="Noncurrent to Standard-IA" unit="days" path=path(i, "versioning.noncurrent_standard_ia_days") lens=o(|b| b.versioning.noncurrent_standard_ia_days, |b, v| b.versioning.noncurrent_standard_ia_days = v) />
            <OptionalField label="Noncurrent to Glacier" unit="days" path=path(i, "versioning.noncurrent_glacier_days") lens=o(|b| b.versioning.noncurrent_glacier_days, |b, v| b.versioning.noncurrent_glacier_days = v) />
            <OptionalField label="Delete noncurrent after" unit="days" path=path(i, "versioning.noncurrent_expiration_days") lens=o(|b| b.versioning.noncurrent_expiration_days, |b, v| b.versioning.noncurrent_expiration_days = v) />
        </Optional>
        <Optional label="Cross-region replication" path=path(i, "replication")
            lens=Lens::component(i, s3, s3_mut, |b| b.replication.is_some(), |b, on| b.replication = on.then(Replication::default))>
            <Choice label="Replica class" path=path(i, "replication.storage_class") options=storage_class_options()
                lens=as_id(Lens::component_opt(i, s3, s3_mut, |b| b.replication.as_ref().map(|r| r.storage_class), |b, v| if let Some(r) = &mut b.replication { r.storage_class = v })) />
            <Toggle label="Replication Time Control (15-minute SLA)" path=path(i, "replication.replication_time_control")
                lens=Lens::component_opt(i, s3, s3_mut, |b| b.replication.as_ref().map(|r| r.replication_time_control), |b, v| if let Some(r) = &mut b.replication { r.replication_time_control = v }) />
        </Optional>
    }
}

/// What the export does to an existing bucket; shown while the bucket is existing (or
/// still names one, so a diagnostic about it has its field).
fn existing_bucket(i: usize) -> impl IntoView {
    let state = use_state();
    let adopted = Memo::new(move |_| {
        state.plan.with(|p| {
            p.components.get(i).and_then(s3).is_some_and(|b| {
                b.existing
                    || b.bucket_name.is_some()
                    || b.manage_existing != ExistingManagement::BackupSettings
            })
        })
    });
    let manages = options(&[
        (ExistingManagement::BackupSettings, "backup settings only: versioning, lifecycle, replication"),
        (ExistingManagement::Full, "the whole bucket: imported, its policy, public access, ownership and encryption replaced"),
    ]);
    view! {
        <Show when=move || adopted.get()>
            <fieldset class="group">
                <legend>"The existing bucket"</legend>
                <Field label="Bucket name in the account" path=path(i, "bucket_name") placeholder="the component id"
                    lens=Lens::component(i, s3, s3_mut, |b| b.bucket_name.clone(), |b, v| b.bucket_name = v) />
                <Choice label="The export manages" path=path(i, "manage_existing") options=manages.clone()
                    lens=as_id(Lens::component(i, s3, s3_mut, |b| b.manage_existing, |b, v| b.manage_existing = v)) />
            </fieldset>
        </Show>
    }
}

pub fn dynamodb_table(i: usize) -> impl IntoView {
    view! {
        <Toggle label="Existing table (storage billed elsewhere)" path=path(i, "existing") lens=Lens::component(i, dynamo, dynamo_mut, |t| t.existing, |t, v| t.existing = v) />
        <Choice label="Data class" path=path(i, "data_class") options=data_class_options() lens=data_class_lens(i, dynamo, dynamo_mut, |t| t.data_class, |t, v| t.data_class = v) />
        <NumberField label="Table size" unit="GB" path=path(i, "size_gb") lens=Lens::component(i, dynamo, dynamo_mut, |t| t.size_gb, |t, v| t.size_gb = v) />
        <NumberField label="Writes" unit="million/month" path=path(i, "monthly_writes_millions") lens=Lens::component(i, dynamo, dynamo_mut, |t| t.monthly_writes_millions, |t, v| t.monthly_writes_millions = v) />
        <NumberField label="Reads (billed for tables the plan manages)" unit="million/month" path=path(i, "monthly_reads_millions") lens=Lens::component(i, dynamo, dynamo_mut, |t| t.monthly_reads_millions, |t, v| t.monthly_reads_millions = v) />
        <Optional label="Point-in-time recovery" path=path(i, "pitr.enabled") lens=Lens::component(i, dynamo, dynamo_mut, |t| t.pitr.enabled, |t, v| t.pitr.enabled = v)>
            <WholeField label="Recovery period" unit="days" path=path(i, "pitr.recovery_period_days") lens=Lens::component(i, dynamo, dynamo_mut, |t| t.pitr.recovery_period_days, |t, v| t.pitr.recovery_period_days = v) />
        </Optional>
        <Optional label="On-demand backups" path=path(i, "on_demand_backups")
            lens=Lens::component(i, dynamo, dynamo_mut, |t| t.on_demand_backups.is_some(), |t, on| t.on_demand_backups = on.then(BackupSchedule::default))>
            <WholeField label="Every" unit="hours" path=path(i, "on_demand_backups.every_hours")
                lens=Lens::component_opt(i, dynamo, dynamo_mut, |t| t.on_demand_backups.as_ref().map(|b| b.every_hours), |t, v| if let Some(b) = &mut t.on_demand_backups { b.every_hours = v }) />
            <WholeField label="Keep" unit="days" path=path(i, "on_demand_backups.retention_days")
                lens=Lens::component_opt(i, dynamo, dynamo_mut, |t| t.on_demand_backups.as_ref().map(|b| b.retention_days), |t, v| if let Some(b) = &mut t.on_demand_backups { b.retention_days = v }) />
        </Optional>
        <Optional label="Global-table replica" path=path(i, "global_table")
            lens=Lens::component(i, dynamo, dynamo_mut, |t| t.global_table.is_some(), |t, on| t.global_table = on.then(GlobalTable::default))>
            <Choice label="Replica region" path=path(i, "global_table.replica_region") options=super::region_options(true)
                lens=Lens::component_opt(i, dynamo, dynamo_mut, |t| t.global_table.as_ref().map(|g| g.replica_region.clone().unwrap_or_default()),
                    |t, v: String| if let Some(g) = &mut t.global_table { g.replica_region = (!v.is_empty()).then_some(v) }) />
        </Optional>
    }
}

pub fn rds_instance(i: usize) -> impl IntoView {
    let n = move |get: fn(&RdsInstance) -> f64, set: fn(&mut RdsInstance, f64)| {
        Lens::component(i, rds, rds_mut, get, set)
    };
    view! {
        <Toggle label="Existing instance (only backups planned)" path=path(i, "existing") lens=Lens::component(i, rds, rds_mut, |r| r.existing, |r, v| r.existing = v) />
        <Choice label="Data class" path=path(i, "data_class") options=data_class_options() lens=data_class_lens(i, rds, rds_mut, |r| r.data_class, |r, v| r.data_class = v) />
        <Choice label="Engine" path=path(i, "engine") options=options(&[(RdsEngine::Mysql, "MySQL"), (RdsEngine::Postgres, "PostgreSQL")])
            lens=as_id(Lens::component(i, rds, rds_mut, |r| r.engine, |r, v| r.engine = v)) />
        <Field label="Instance class" path=path(i, "instance_class") lens=Lens::component(i, rds, rds_mut, |r| r.instance_class.clone(), |r, v| r.instance_class = v) />
        <Toggle label="Multi-AZ" path=path(i, "multi_az") lens=Lens::component(i, rds, rds_mut, |r| r.multi_az, |r, v| r.multi_az = v) />
        <NumberField label="Storage" unit="GB" path=path(i, "storage_gb") lens=n(|r| r.storage_gb, |r, v| r.storage_gb = v) />
        <NumberField label="Changed per day" unit="%" path=path(i, "daily_change_percent") lens=n(|r| r.daily_change_percent, |r, v| r.daily_change_percent = v) />
        <WholeField label="Automated backups kept" unit="days" path=path(i, "backup_retention_days") lens=Lens::component(i, rds, rds_mut, |r| r.backup_retention_days, |r, v| r.backup_retention_days = v) />
        <Optional label="Cross-region automated backups" path=path(i, "cross_region_backups")
            lens=Lens::component(i, rds, rds_mut, |r| r.cross_region_backups.is_some(), |r, on| r.cross_region_backups = on.then(CrossRegionBackups::default))>
            <WholeField label="Kept in DR region" unit="days" path=path(i, "cross_region_backups.retention_days")
                lens=Lens::component_opt(i, rds, rds_mut, |r| r.cross_region_backups.as_ref().map(|c| c.retention_days), |r, v| if let Some(c) = &mut r.cross_region_backups { c.retention_days = v }) />
        </Optional>
        <Optional label="Manual snapshots" path=path(i, "manual_snapshots")
            lens=Lens::component(i, rds, rds_mut, |r| r.manual_snapshots.is_some(), |r, on| r.manual_snapshots = on.then(ManualSnapshots::default))>
            <WholeField label="Every" unit="days" path=path(i, "manual_snapshots.every_days")
                lens=Lens::component_opt(i, rds, rds_mut, |r| r.manual_snapshots.as_ref().map(|s| s.every_days), |r, v| if let Some(s) = &mut r.manual_snapshots { s.every_days = v }) />
            <WholeField label="Keep" unit="days" path=path(i, "manual_snapshots.retention_days")
                lens=Lens::component_opt(i, rds, rds_mut, |r| r.manual_snapshots.as_ref().map(|s| s.retention_days), |r, v| if let Some(s) = &mut r.manual_snapshots { s.retention_days = v }) />
            <Toggle label="Copy to DR region" path=path(i, "manual_snapshots.copy_to_dr_region")
                lens=Lens::component_opt(i, rds, rds_mut, |r| r.manual_snapshots.as_ref().map(|s| s.copy_to_dr_region), |r, v| if let Some(s) = &mut r.manual_snapshots { s.copy_to_dr_region = v }) />
            <Toggle label="Export snapshots to S3" path=path(i, "snapshot_export_to_s3") lens=Lens::component(i, rds, rds_mut, |r| r.snapshot_export_to_s3, |r, v| r.snapshot_export_to_s3 = v) />
        </Optional>
    }
}

pub fn aurora_cluster(i: usize) -> impl IntoView {
    let n = move |get: fn(&AuroraCluster) -> f64, set: fn(&mut AuroraCluster, f64)| {
        Lens::component(i, aurora, aurora_mut, get, set)
    };
    view! {
        <Toggle label="Existing cluster (only backups planned)" path=path(i, "existing") lens=Lens::component(i, aurora, aurora_mut, |a| a.existing, |a, v| a.existing = v) />
        <Choice label="Data class" path=path(i, "data_class") options=data_class_options() lens=data_class_lens(i, aurora, aurora_mut, |a| a.data_class, |a, v| a.data_class = v) />
        <Choice label="Engine" path=path(i, "engine") options=options(&[(AuroraEngine::AuroraPostgresql, "Aurora PostgreSQL"), (AuroraEngine::AuroraMysql, "Aurora MySQL")])
            lens=as_id(Lens::component(i, aurora, aurora_mut, |a| a.engine, |a, v| a.engine = v)) />
        <Field label="Instance class" path=path(i, "instance_class") lens=Lens::component(i, aurora, aurora_mut, |a| a.instance_class.clone(), |a, v| a.instance_class = v) />
        <WholeField label="Instances" unit="writer + readers" path=path(i, "instance_count") lens=Lens::component(i, aurora, aurora_mut, |a| a.instance_count, |a, v| a.instance_count = v) />
        <NumberField label="Storage" unit="GB" path=path(i, "storage_gb") lens=n(|a| a.storage_gb, |a, v| a.storage_gb = v) />
        <NumberField label="I/O" unit="million/month" path=path(i, "monthly_io_millions") lens=n(|a| a.monthly_io_millions, |a, v| a.monthly_io_millions = v) />
        <NumberField label="Changed per day" unit="%" path=path(i, "daily_change_percent") lens=n(|a| a.daily_change_percent, |a, v| a.daily_change_percent = v) />
        <WholeField label="Backups kept" unit="days" path=path(i, "backup_retention_days") lens=Lens::component(i, aurora, aurora_mut, |a| a.backup_retention_days, |a, v| a.backup_retention_days = v) />
        <OptionalField label="Backtrack window (MySQL)" unit="hours" path=path(i, "backtrack_window_hours") lens=Lens::component(i, aurora, aurora_mut, |a| a.backtrack_window_hours, |a, v| a.backtrack_window_hours = v) />
        <Field label="Backtrack change records" unit="million/hour" placeholder="the I/O of an hour" inputmode="decimal" path=path(i, "backtrack_change_records_per_hour_millions")
            lens=Lens::component(i, aurora, aurora_mut, |a| a.backtrack_change_records_per_hour_millions, |a, v| a.backtrack_change_records_per_hour_millions = v) />
    }
}
