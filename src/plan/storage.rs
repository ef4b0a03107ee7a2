//! The `s3_bucket` component: stored data, versioning, lifecycle tiers and
//! cross-region replication.

use serde::{Deserialize, Serialize};

use super::DataClass;

/// The S3 storage classes the planner models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageClass {
    Standard,
    StandardIa,
    GlacierInstantRetrieval,
    GlacierFlexibleRetrieval,
    DeepArchive,
}

impl StorageClass {
    pub const ALL: [StorageClass; 5] = [
        StorageClass::Standard,
        StorageClass::StandardIa,
        StorageClass::GlacierInstantRetrieval,
        StorageClass::GlacierFlexibleRetrieval,
        StorageClass::DeepArchive,
    ];

    /// The identifier used in plan files, JSON output and price ids.
    pub fn id(self) -> &'static str {
        match self {
            StorageClass::Standard => "standard",
            StorageClass::StandardIa => "standard_ia",
            StorageClass::GlacierInstantRetrieval => "glacier_instant_retrieval",
            StorageClass::GlacierFlexibleRetrieval => "glacier_flexible_retrieval",
            StorageClass::DeepArchive => "deep_archive",
        }
    }

    // The class's price ids as `pricing::ids` builds them from its id, written out:
    // the usage models ask for them for every series of every bucket, and a
    // `String` each time cost more than the lookup it serves.
    /// Its storage price id (`pricing::ids::s3_storage`).
    pub fn storage_price_id(self) -> &'static str {
        match self {
            StorageClass::Standard => "s3.storage.standard",
            StorageClass::StandardIa => "s3.storage.standard_ia",
            StorageClass::GlacierInstantRetrieval => "s3.storage.glacier_instant_retrieval",
            StorageClass::GlacierFlexibleRetrieval => "s3.storage.glacier_flexible_retrieval",
            StorageClass::DeepArchive => "s3.storage.deep_archive",
        }
    }

    /// Its PUT request price id (`pricing::ids::s3_put`).
    pub fn put_price_id(self) -> &'static str {
        match self {
            StorageClass::Standard => "s3.put.standard",
            StorageClass::StandardIa => "s3.put.standard_ia",
            StorageClass::GlacierInstantRetrieval => "s3.put.glacier_instant_retrieval",
            StorageClass::GlacierFlexibleRetrieval => "s3.put.glacier_flexible_retrieval",
            StorageClass::DeepArchive => "s3.put.deep_archive",
        }
    }

    /// Its lifecycle transition price id (`pricing::ids::s3_transition`).
    pub fn transition_price_id(self) -> &'static str {
        match self {
            StorageClass::Standard => "s3.transition.standard",
            StorageClass::StandardIa => "s3.transition.standard_ia",
            StorageClass::GlacierInstantRetrieval => "s3.transition.glacier_instant_retrieval",
            StorageClass::GlacierFlexibleRetrieval => "s3.transition.glacier_flexible_retrieval",
            StorageClass::DeepArchive => "s3.transition.deep_archive",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            StorageClass::Standard => "S3 Standard",
            StorageClass::StandardIa => "S3 Standard-IA",
            StorageClass::GlacierInstantRetrieval => "S3 Glacier Instant Retrieval",
            StorageClass::GlacierFlexibleRetrieval => "S3 Glacier Flexible Retrieval",
            StorageClass::DeepArchive => "S3 Glacier Deep Archive",
        }
    }

    /// Days an object is billed for at least, once it enters this class.
    pub fn minimum_storage_days(self) -> u32 {
        match self {
            StorageClass::Standard => 0,
            StorageClass::StandardIa => 30,
            StorageClass::GlacierInstantRetrieval | StorageClass::GlacierFlexibleRetrieval => 90,
            StorageClass::DeepArchive => 180,
        }
    }

    /// Objects smaller than this are billed as this size (Standard-IA, Glacier IR).
    pub fn minimum_billable_object_kb(self) -> f64 {
        match self {
            StorageClass::StandardIa | StorageClass::GlacierInstantRetrieval => 128.0,
            _ => 0.0,
        }
    }

    /// Archive classes add 40 KB of metadata per object: 8 KB billed at the
    /// Standard rate and 32 KB at the archive rate.
    pub fn is_archive(self) -> bool {
        matches!(self, StorageClass::GlacierFlexibleRetrieval | StorageClass::DeepArchive)
    }
}

/// Which Glacier class the lifecycle's Glacier step uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GlacierClass {
    InstantRetrieval,
    /// The class CDK and the console call plain "Glacier".
    #[default]
    FlexibleRetrieval,
}

impl GlacierClass {
    pub fn storage_class(self) -> StorageClass {
        match self {
            GlacierClass::InstantRetrieval => StorageClass::GlacierInstantRetrieval,
            GlacierClass::FlexibleRetrieval => StorageClass::GlacierFlexibleRetrieval,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encryption {
    /// S3-managed keys: no key or request charges.
    SseS3,
    /// A customer-managed KMS key (billed by a `kms_key` component); the secure default.
    #[default]
    SseKms,
}

/// Versioning and what happens to noncurrent versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Versioning {
    /// Default: true (recovery from deletion and replication both need it).
    pub enabled: bool,
    /// Days after becoming noncurrent that a version moves to Standard-IA. Default: none.
    pub noncurrent_standard_ia_days: Option<u32>,
    /// Days after becoming noncurrent that a version moves to Glacier Flexible Retrieval. Default: none.
    pub noncurrent_glacier_days: Option<u32>,
    /// Days after becoming noncurrent that a version is deleted. Default: 90.
    pub noncurrent_expiration_days: Option<u32>,
}

impl Default for Versioning {
    fn default() -> Self {
        Versioning {
            enabled: true,
            noncurrent_standard_ia_days: None,
            noncurrent_glacier_days: None,
            noncurrent_expiration_days: Some(90),
        }
    }
}

/// Lifecycle of current objects, in days after creation. Every step is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lifecycle {
    pub standard_ia_days: Option<u32>,
    pub glacier_days: Option<u32>,
    /// Default: Glacier Flexible Retrieval.
    pub glacier_class: GlacierClass,
    pub deep_archive_days: Option<u32>,
    pub expiration_days: Option<u32>,
}

/// Cross-region replication to a bucket in the plan's DR region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Replication {
    /// Storage class of the replicas. Default: Standard-IA.
    pub storage_class: StorageClass,
    /// S3 Replication Time Control (99.99% of objects within 15 minutes). Default: false.
    pub replication_time_control: bool,
}

impl Default for Replication {
    fn default() -> Self {
        Replication { storage_class: StorageClass::StandardIa, replication_time_control: false }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct S3Bucket {
    pub id: String,
    /// True when the bucket already exists and its current data is billed elsewhere;
    /// the plan then adds only versions, replicas and lifecycle. Default: false.
    pub existing: bool,
    pub data_class: Option<DataClass>,
    /// Current data at month 0, in GB. Default: 100.
    pub stored_gb: f64,
    /// New data written each month, in GB. Default: 0.
    pub monthly_growth_gb: f64,
    /// Average object size in KB; drives per-object overheads and request counts. Default: 1024.
    pub average_object_size_kb: f64,
    /// Share of current data overwritten each month (becoming noncurrent versions), in percent. Default: 0.
    pub monthly_change_percent: f64,
    /// The class objects are written in. Default: Standard.
    pub initial_storage_class: StorageClass,
    pub versioning: Versioning,
    pub lifecycle: Lifecycle,
    pub encryption: Encryption,
    /// Default: none.
    pub replication: Option<Replication>,
    /// For an existing bucket: its name in the account. Default: the component id.
    pub bucket_name: Option<String>,
    /// For an existing bucket: which of its settings the export manages. Default: backup_settings.
    pub manage_existing: ExistingManagement,
    /// Replicate into a bucket of the plan's backup account. Default: none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_account_replica: Option<super::AccountReplica>,
}

/// What the export changes on an existing bucket.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExistingManagement {
    /// Versioning, lifecycle and replication only; the bucket's policy, public-access
    /// block, object ownership, encryption and logging stay as they are.
    #[default]
    BackupSettings,
    /// The whole bucket, imported and set up like a new one (its policy, public-access
    /// block, ownership, encryption and logging are replaced).
    Full,
}

impl Default for S3Bucket {
    fn default() -> Self {
        S3Bucket {
            id: String::new(),
            existing: false,
            data_class: None,
            stored_gb: 100.0,
            monthly_growth_gb: 0.0,
            average_object_size_kb: 1024.0,
            monthly_change_percent: 0.0,
            initial_storage_class: StorageClass::Standard,
            versioning: Versioning::default(),
            lifecycle: Lifecycle::default(),
            encryption: Encryption::default(),
            replication: None,
            backup_account_replica: None,
            bucket_name: None,
            manage_existing: ExistingManagement::BackupSettings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::ids;

    /// The written-out price ids are the ids built from the class's id.
    #[test]
    fn written_out_price_ids_are_the_built_ones() {
        for class in StorageClass::ALL {
            assert_eq!(class.storage_price_id(), ids::s3_storage(class.id()));
            assert_eq!(class.put_price_id(), ids::s3_put(class.id()));
            assert_eq!(class.transition_price_id(), ids::s3_transition(class.id()));
        }
    }
}
