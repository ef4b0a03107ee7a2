//! Editors of the data-holding kinds: S3 buckets, DynamoDB tables, RDS and Aurora.

use leptos::prelude::*;

use super::lenses::*;
use crate::plan::*;
use crate::ui::fields::{Choice, Field, Lens, NumberField, OptionalField, Toggle, WholeField};
use crate::ui::state::use_state;

fn data_class_options() -> Vec<(String, String)> {
    let mut out = vec![(String::new(), "plan targets".to_string())];
    out.extend(options(&[
        (DataClass::Critical, "critical"),
        (DataClass::Important, "important"),
        (DataClass::LowPriority, "low priority"),
    ]));
    out
}

/// A section shown while an optional part is set, with a checkbox to add or drop it.
#[component]
pub fn Optional(label: &'static str, lens: Lens<bool>, children: ChildrenFn) -> impl IntoView {
    let state = use_state();
    let get = lens.get.clone();
    let on = Memo::new(move |_| state.plan.with(|p| get(p)).unwrap_or(false));
    view! {
        <fieldset class="optional">
            <legend><Toggle label=label lens=lens /></legend>
            <Show when=move || on.get()>{children()}</Show>
        </fieldset>
    }
}

pub fn s3_bucket(i: usize) -> impl IntoView {
    view! {
        <Toggle label="Existing bucket (current data billed elsewhere)" lens=field!(i, S3Bucket, existing) />
        {existing_bucket(i)}
        <Choice label="Data class" options=data_class_options() lens=as_optional_id(field!(i, S3Bucket, data_class)) />
        <NumberField label="Stored data" unit="GB" lens=field!(i, S3Bucket, stored_gb) />
        <NumberField label="Growth" unit="GB/month" lens=field!(i, S3Bucket, monthly_growth_gb) />
        <NumberField label="Average object size" unit="KB" lens=field!(i, S3Bucket, average_object_size_kb) />
        <NumberField label="Overwritten each month" unit="%" lens=field!(i, S3Bucket, monthly_change_percent) />
        <Choice label="Written in" options=storage_class_options()
            lens=as_id(field!(i, S3Bucket, initial_storage_class)) />
        <Choice label="Encryption" options=options(&[(Encryption::SseKms, "SSE-KMS (customer key)"), (Encryption::SseS3, "SSE-S3")])
            lens=as_id(field!(i, S3Bucket, encryption)) />
        <fieldset class="group">
            <legend>"Lifecycle of current objects (days after creation)"</legend>
            <OptionalField label="To Standard-IA" unit="days" lens=field!(i, S3Bucket, lifecycle.standard_ia_days) />
            <OptionalField label="To Glacier" unit="days" lens=field!(i, S3Bucket, lifecycle.glacier_days) />
            <Choice label="Glacier class" options=options(&[(GlacierClass::FlexibleRetrieval, "Flexible Retrieval"), (GlacierClass::InstantRetrieval, "Instant Retrieval")])
                lens=as_id(field!(i, S3Bucket, lifecycle.glacier_class)) />
            <OptionalField label="To Deep Archive" unit="days" lens=field!(i, S3Bucket, lifecycle.deep_archive_days) />
            <OptionalField label="Expire" unit="days" lens=field!(i, S3Bucket, lifecycle.expiration_days) />
        </fieldset>
        <Optional label="Versioning" lens=field!(i, S3Bucket, versioning.enabled)>
            <OptionalField label="Noncurrent to Standard-IA" unit="days" lens=field!(i, S3Bucket, versioning.noncurrent_standard_ia_days) />
            <OptionalField label="Noncurrent to Glacier" unit="days" lens=field!(i, S3Bucket, versioning.noncurrent_glacier_days) />
            <OptionalField label="Delete noncurrent after" unit="days" lens=field!(i, S3Bucket, versioning.noncurrent_expiration_days) />
        </Optional>
        <Optional label="Cross-region replication" lens=field!(i, S3Bucket, replication?)>
            <Choice label="Replica class" options=storage_class_options()
                lens=as_id(field!(i, S3Bucket, replication?.storage_class)) />
            <Toggle label="Replication Time Control (15-minute SLA)" lens=field!(i, S3Bucket, replication?.replication_time_control) />
        </Optional>
        <Optional label="Replica in the backup account" lens=field!(i, S3Bucket, backup_account_replica?)>
            <Choice label="Replica class" options=storage_class_options()
                lens=as_id(field!(i, S3Bucket, backup_account_replica?.storage_class)) />
            <Toggle label="Replication Time Control (15-minute SLA)" lens=field!(i, S3Bucket, backup_account_replica?.replication_time_control) />
            <Toggle label="Backup account owns the replicas (owner override)" lens=field!(i, S3Bucket, backup_account_replica?.owner_override) />
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
                <Field label="Bucket name in the account" placeholder="the component id"
                    lens=field!(i, S3Bucket, bucket_name) />
                <Choice label="The export manages" options=manages.clone()
                    lens=as_id(field!(i, S3Bucket, manage_existing)) />
            </fieldset>
        </Show>
    }
}

pub fn dynamodb_table(i: usize) -> impl IntoView {
    view! {
        <Toggle label="Existing table (storage billed elsewhere)" lens=field!(i, DynamoDbTable, existing) />
        <Choice label="Data class" options=data_class_options() lens=as_optional_id(field!(i, DynamoDbTable, data_class)) />
        <NumberField label="Table size" unit="GB" lens=field!(i, DynamoDbTable, size_gb) />
        <NumberField label="Writes" unit="million/month" lens=field!(i, DynamoDbTable, monthly_writes_millions) />
        <NumberField label="Reads (billed for tables the plan manages)" unit="million/month" lens=field!(i, DynamoDbTable, monthly_reads_millions) />
        <Optional label="Point-in-time recovery" lens=field!(i, DynamoDbTable, pitr.enabled)>
            <WholeField label="Recovery period" unit="days" lens=field!(i, DynamoDbTable, pitr.recovery_period_days) />
        </Optional>
        <Optional label="On-demand backups" lens=field!(i, DynamoDbTable, on_demand_backups?)>
            <WholeField label="Every" unit="hours"
                lens=field!(i, DynamoDbTable, on_demand_backups?.every_hours) />
            <WholeField label="Keep" unit="days"
                lens=field!(i, DynamoDbTable, on_demand_backups?.retention_days) />
        </Optional>
        <Optional label="Global-table replica" lens=field!(i, DynamoDbTable, global_table?)>
            <Choice label="Replica region" options=super::region_options(true)
                lens=as_optional_text(field!(i, DynamoDbTable, global_table?.replica_region)) />
        </Optional>
    }
}

pub fn rds_instance(i: usize) -> impl IntoView {
    view! {
        <Toggle label="Existing instance (only backups planned)" lens=field!(i, RdsInstance, existing) />
        <Choice label="Data class" options=data_class_options() lens=as_optional_id(field!(i, RdsInstance, data_class)) />
        <Choice label="Engine" options=options(&[(RdsEngine::Mysql, "MySQL"), (RdsEngine::Postgres, "PostgreSQL")])
            lens=as_id(field!(i, RdsInstance, engine)) />
        <Field label="Instance class" lens=field!(i, RdsInstance, instance_class) />
        <Toggle label="Multi-AZ" lens=field!(i, RdsInstance, multi_az) />
        <NumberField label="Storage" unit="GB" lens=field!(i, RdsInstance, storage_gb) />
        <NumberField label="Changed per day" unit="%" lens=field!(i, RdsInstance, daily_change_percent) />
        <WholeField label="Automated backups kept" unit="days" lens=field!(i, RdsInstance, backup_retention_days) />
        <Optional label="Cross-region automated backups" lens=field!(i, RdsInstance, cross_region_backups?)>
            <WholeField label="Kept in DR region" unit="days"
                lens=field!(i, RdsInstance, cross_region_backups?.retention_days) />
        </Optional>
        <Optional label="Manual snapshots" lens=field!(i, RdsInstance, manual_snapshots?)>
            <WholeField label="Every" unit="days"
                lens=field!(i, RdsInstance, manual_snapshots?.every_days) />
            <WholeField label="Keep" unit="days"
                lens=field!(i, RdsInstance, manual_snapshots?.retention_days) />
            <Toggle label="Copy to DR region" lens=field!(i, RdsInstance, manual_snapshots?.copy_to_dr_region) />
            <Toggle label="Export snapshots to S3" lens=field!(i, RdsInstance, snapshot_export_to_s3) />
        </Optional>
    }
}

pub fn aurora_cluster(i: usize) -> impl IntoView {
    view! {
        <Toggle label="Existing cluster (only backups planned)" lens=field!(i, AuroraCluster, existing) />
        <Choice label="Data class" options=data_class_options() lens=as_optional_id(field!(i, AuroraCluster, data_class)) />
        <Choice label="Engine" options=options(&[(AuroraEngine::AuroraPostgresql, "Aurora PostgreSQL"), (AuroraEngine::AuroraMysql, "Aurora MySQL")])
            lens=as_id(field!(i, AuroraCluster, engine)) />
        <Field label="Instance class" lens=field!(i, AuroraCluster, instance_class) />
        <WholeField label="Instances" unit="writer + readers" lens=field!(i, AuroraCluster, instance_count) />
        <NumberField label="Storage" unit="GB" lens=field!(i, AuroraCluster, storage_gb) />
        <NumberField label="I/O" unit="million/month" lens=field!(i, AuroraCluster, monthly_io_millions) />
        <NumberField label="Changed per day" unit="%" lens=field!(i, AuroraCluster, daily_change_percent) />
        <WholeField label="Backups kept" unit="days" lens=field!(i, AuroraCluster, backup_retention_days) />
        <OptionalField label="Backtrack window (MySQL)" unit="hours" lens=field!(i, AuroraCluster, backtrack_window_hours) />
        <Field label="Backtrack change records" unit="million/hour" placeholder="the I/O of an hour" inputmode="decimal"
            lens=field!(i, AuroraCluster, backtrack_change_records_per_hour_millions) />
    }
}
