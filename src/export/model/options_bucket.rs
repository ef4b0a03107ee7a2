//! A bucket's deploy-time choices (export settings a plan binds to inputs): an
//! optional name (generated while unset), the storage class its objects are kept in
//! and the days of its lifecycle rule (Terraform module inputs: an object a stack
//! cannot take), and versioning, encryption and access logging, which the inputs
//! keep on: turning them off is refused.

use super::build::Ctx;
use super::expr::Expr;
use super::kinds::{Lifecycle, LifecycleInputs, S3Class};
use super::{ParamKind, StackId};
use crate::export::ExportError;
use crate::plan::{GlacierClass, S3Bucket};

/// S3's general-purpose bucket names.
const BUCKET_NAME: &str = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$";

/// The plan's lifecycle days as the lifecycle input's default (JSON, nulls kept).
fn lifecycle_default(b: &S3Bucket) -> String {
    let l = &b.lifecycle;
    let fields = [
        ("transition_to_ia_days", l.standard_ia_days),
        ("transition_to_glacier_days", l.glacier_days),
        ("transition_to_deep_archive_days", l.deep_archive_days),
        ("expiration_days", l.expiration_days),
    ];
    let map: std::collections::BTreeMap<&str, Option<u32>> = fields.into_iter().collect();
    serde_json::to_string(&map).unwrap_or_default()
}

impl Ctx<'_> {
    /// The choices of a bucket the bundle makes; returns its name, where the plan
    /// binds one (an optional input: S3 generates a name while it is unset).
    pub(super) fn bucket_options(
        &mut self,
        b: &S3Bucket,
        lifecycle: &mut Lifecycle,
    ) -> Result<Option<Expr>, ExportError> {
        let id = super::describe_id(&b.id);
        let path = |field: &str| format!("components.{}.{field}", b.id);
        let mut name = None;
        if let Some(key) = self.export_input(
            &path("bucket_name"),
            ParamKind::Identifier,
            None,
            &format!("Name of the S3 bucket of component {id} (3-63 lowercase letters, digits, dots and hyphens, unique across AWS); unset, one is generated"),
        ) {
            if let Some(p) = self.params.iter_mut().find(|p| p.key == key) {
                p.optional = true;
                p.pattern_override = Some(BUCKET_NAME.into());
            }
            name = Some(self.use_param(StackId::Primary, &key));
        }
        let class = self.module_input(
            &path("initial_storage_class"),
            ParamKind::StorageClass,
            Some(super::storage::class_of(b.initial_storage_class).api()),
            &format!("Storage class the objects of bucket {id} are kept in: S3 moves them there on their first day (STANDARD_IA: after 30 days, the earliest S3 allows); ONEZONE_IA is refused (one Availability Zone holds the only copy)"),
        );
        let rules = self.module_input(
            &path("lifecycle"),
            ParamKind::LifecycleRules,
            Some(&lifecycle_default(b)),
            &format!("Days after which objects of bucket {id} move to STANDARD_IA, GLACIER and DEEP_ARCHIVE, and expire (null: no such step); steps to a class no colder than the storage class are left out"),
        );
        match (class, rules) {
            (Some(storage_class), Some(rules)) => {
                self.use_param(StackId::Primary, &storage_class);
                self.use_param(StackId::Primary, &rules);
                if let Some(p) = self.params.iter_mut().find(|p| p.key == storage_class) {
                    p.refuses = vec![(
                        "ONEZONE_IA".into(),
                        "ONEZONE_IA keeps the only copy of a backup in one Availability Zone, which the loss of that zone destroys; use STANDARD_IA.".into(),
                    )];
                }
                let glacier = match b.lifecycle.glacier_class {
                    GlacierClass::InstantRetrieval => S3Class::GlacierIr,
                    GlacierClass::FlexibleRetrieval => S3Class::Glacier,
                };
                lifecycle.inputs = Some(LifecycleInputs { storage_class, rules, glacier });
            }
            (None, None) => {}
            _ => {
                return Err(ExportError::unsupported(
                    &b.id,
                    "bind initial_storage_class and lifecycle together: which transitions S3 accepts depends on both".into(),
                ))
            }
        }
        if super::interface::binding(self.plan, &path("versioning.enabled")).is_some()
            && !b.versioning.enabled
        {
            return Err(ExportError::unsupported(
                &b.id,
                "versioning.enabled becomes an input that keeps versioning on, but the plan turns it off".into(),
            ));
        }
        self.guard_input(
            &path("versioning.enabled"),
            "versioning of the backup bucket",
            "it is what keeps an overwritten or deleted backup recoverable, and S3 can only suspend it once enabled",
        );
        self.guard_input(
            &path("encryption"),
            "encryption at rest",
            "every object is encrypted, with the customer-managed key where the plan asks for SSE-KMS; S3 no longer stores unencrypted objects",
        );
        self.guard_input(
            &path("access_logging"),
            "S3 server access logging",
            "the access logs are the audit trail of who read or changed the backups",
        );
        Ok(name)
    }
}
