//! Which plan fields the editors bind: a declared table of field paths, and a walk of a
//! plan's JSON that lists its fields in the same form.
//!
//! The promise of the app is that every plan field can be edited in the browser. Two
//! tests keep it: `tests/editor_coverage.rs` (native) compares this table with the
//! fields of a plan that sets every field (`tests/browser/plans/all-fields.json`, which
//! the same test proves complete by asking the plan's own deserializer for each
//! object's fields), so a field added to the plan without an editor fails `cargo
//! test`; the wasm test in `src/ui/tests.rs` renders every editor on that plan and
//! checks that the `data-path`s the fields carry are exactly this table, so the table
//! cannot claim an editor that is not there.
//!
//! Paths are normalised: a component's fields under `components[<kind>]`, list items as
//! `[]`, keys the user chooses (map entries) as `{}`.
//!
//! No Leptos here: the native test includes this file as it is.

use serde_json::Value;

/// Every plan field an editor binds, normalised, and every optional part (an `Option`
/// of a struct) an editor switches on and off. When you add a plan field, add its
/// editor, its path here, and a value for it in `tests/browser/plans/all-fields.json`.
pub const EDITOR_PATHS: &[&str] = &[
    // Plan settings (Plan tab).
    "name",
    "primary_region",
    "dr_region",
    "targets.rpo_minutes",
    "targets.rto_minutes",
    "targets.by_data_class.{}.rpo_minutes",
    "targets.by_data_class.{}.rto_minutes",
    "pricing.sheet",
    "pricing.apply_free_tier",
    "horizon_months",
    "notes",
    "recovery.detection_minutes",
    "recovery.restore_throughput_gb_per_hour",
    "recovery.archive_retrieval",
    "recovery.manual_cutover_minutes",
    // The backup account (Plan tab).
    "backup_account",
    "backup_account.name",
    "backup_account.account_id",
    "backup_account.region",
    "backup_account.same_organization",
    "backup_account.activation_minutes",
    "backup_account.vault.kind",
    "backup_account.vault.lock",
    "backup_account.vault.lock.mode",
    "backup_account.vault.lock.min_retention_days",
    "backup_account.vault.lock.max_retention_days",
    "backup_account.vault.lock.changeable_for_days",
    // The decision record (Report tab).
    "decision",
    "decision.decision",
    "decision.owner",
    "decision.date",
    "decision.text",
    // Prices used (Costs tab).
    "pricing.overrides.{}",
    // Bundle settings (Export tab).
    "network.vpc",
    "network.cidr",
    "network.az_count",
    "export.terraform_module",
    "export.naming",
    "export.inputs.{}",
    "export.cdk_environment.{}",
    "export.cdk_context_keys",
    "export.project_name",
    "export.environment",
    "export.lists.{}",
    "export.outputs.{}",
    // Recovery tests (Recovery tab).
    "recovery_tests[].name",
    "recovery_tests[].scenario",
    "recovery_tests[].frequency",
    "recovery_tests[].components",
    "recovery_tests[].data_percent",
    "recovery_tests[].keep_restored_hours",
    "drill_results[].component",
    "drill_results[].mechanism",
    "drill_results[].measured_on",
    "drill_results[].restore_minutes",
    // Component cards (Plan tab).
    "components[s3_bucket].id",
    "components[s3_bucket].existing",
    "components[s3_bucket].data_class",
    "components[s3_bucket].stored_gb",
    "components[s3_bucket].monthly_growth_gb",
    "components[s3_bucket].average_object_size_kb",
    "components[s3_bucket].monthly_change_percent",
    "components[s3_bucket].initial_storage_class",
    "components[s3_bucket].versioning.enabled",
    "components[s3_bucket].versioning.noncurrent_standard_ia_days",
    "components[s3_bucket].versioning.noncurrent_glacier_days",
    "components[s3_bucket].versioning.noncurrent_expiration_days",
    "components[s3_bucket].lifecycle.standard_ia_days",
    "components[s3_bucket].lifecycle.glacier_days",
    "components[s3_bucket].lifecycle.glacier_class",
    "components[s3_bucket].lifecycle.deep_archive_days",
    "components[s3_bucket].lifecycle.expiration_days",
    "components[s3_bucket].encryption",
    "components[s3_bucket].replication",
    "components[s3_bucket].replication.storage_class",
    "components[s3_bucket].replication.replication_time_control",
    "components[s3_bucket].backup_account_replica",
    "components[s3_bucket].backup_account_replica.storage_class",
    "components[s3_bucket].backup_account_replica.replication_time_control",
    "components[s3_bucket].backup_account_replica.owner_override",
    "components[s3_bucket].bucket_name",
    "components[s3_bucket].manage_existing",
    "components[dynamodb_table].id",
    "components[dynamodb_table].existing",
    "components[dynamodb_table].data_class",
    "components[dynamodb_table].size_gb",
    "components[dynamodb_table].monthly_writes_millions",
    "components[dynamodb_table].monthly_reads_millions",
    "components[dynamodb_table].pitr.enabled",
    "components[dynamodb_table].pitr.recovery_period_days",
    "components[dynamodb_table].on_demand_backups",
    "components[dynamodb_table].on_demand_backups.every_hours",
    "components[dynamodb_table].on_demand_backups.retention_days",
    "components[dynamodb_table].global_table",
    "components[dynamodb_table].global_table.replica_region",
    "components[rds_instance].id",
    "components[rds_instance].existing",
    "components[rds_instance].data_class",
    "components[rds_instance].engine",
    "components[rds_instance].instance_class",
    "components[rds_instance].multi_az",
    "components[rds_instance].storage_gb",
    "components[rds_instance].daily_change_percent",
    "components[rds_instance].backup_retention_days",
    "components[rds_instance].cross_region_backups",
    "components[rds_instance].cross_region_backups.retention_days",
    "components[rds_instance].manual_snapshots",
    "components[rds_instance].manual_snapshots.every_days",
    "components[rds_instance].manual_snapshots.retention_days",
    "components[rds_instance].manual_snapshots.copy_to_dr_region",
    "components[rds_instance].snapshot_export_to_s3",
    "components[aurora_cluster].id",
    "components[aurora_cluster].existing",
    "components[aurora_cluster].data_class",
    "components[aurora_cluster].engine",
    "components[aurora_cluster].instance_class",
    "components[aurora_cluster].instance_count",
    "components[aurora_cluster].storage_gb",
    "components[aurora_cluster].monthly_io_millions",
    "components[aurora_cluster].daily_change_percent",
    "components[aurora_cluster].backup_retention_days",
    "components[aurora_cluster].backtrack_window_hours",
    "components[aurora_cluster].backtrack_change_records_per_hour_millions",
    "components[backup_plan].id",
    "components[backup_plan].rules[].name",
    "components[backup_plan].rules[].frequency_minutes",
    "components[backup_plan].rules[].start_hour_utc",
    "components[backup_plan].rules[].continuous",
    "components[backup_plan].rules[].retention_days",
    "components[backup_plan].rules[].cold_storage_after_days",
    "components[backup_plan].rules[].copy_to_dr",
    "components[backup_plan].rules[].copy_to_dr.retention_days",
    "components[backup_plan].rules[].copy_to_backup_account",
    "components[backup_plan].rules[].copy_to_backup_account.retention_days",
    "components[backup_plan].vault_lock",
    "components[backup_plan].vault_lock.mode",
    "components[backup_plan].vault_lock.min_retention_days",
    "components[backup_plan].vault_lock.max_retention_days",
    "components[backup_plan].protects",
    "components[backup_plan].notify_topic",
    "components[lambda_function].id",
    "components[lambda_function].tasks",
    "components[lambda_function].targets",
    "components[lambda_function].memory_mb",
    "components[lambda_function].average_duration_seconds",
    "components[lambda_function].timeout_seconds",
    "components[lambda_function].architecture",
    "components[lambda_function].extra_invocations_per_month",
    "components[lambda_function].log_retention_days",
    "components[lambda_function].notify_topic",
    "components[lambda_function].reserved_concurrency",
    "components[lambda_function].in_vpc",
    "components[lambda_function].source_bucket",
    "components[lambda_function].source_prefix",
    "components[schedule].id",
    "components[schedule].expression",
    "components[schedule].target",
    "components[schedule].backup_type",
    "components[sns_topic].id",
    "components[sns_topic].email_subscriptions",
    "components[sns_topic].notifications_per_month",
    "components[monitoring].id",
    "components[monitoring].dashboards",
    "components[monitoring].alarms[].name",
    "components[monitoring].alarms[].metric",
    "components[monitoring].alarms[].component",
    "components[monitoring].alarms[].threshold",
    "components[monitoring].alarms[].period_minutes",
    "components[monitoring].alarms[].evaluation_periods",
    "components[monitoring].custom_metrics",
    "components[monitoring].log_ingestion_gb_per_month",
    "components[monitoring].log_retention_days",
    "components[monitoring].notify_topic",
    "components[kms_key].id",
    "components[kms_key].count",
    "components[kms_key].rotation",
    "components[kms_key].monthly_requests_thousands",
    "components[kms_key].replica_in_dr_region",
    "components[vpc_endpoints].id",
    "components[vpc_endpoints].gateway",
    "components[vpc_endpoints].interface",
    "components[vpc_endpoints].az_count",
    "components[vpc_endpoints].interface_processed_gb_per_month",
    "components[config_backup].id",
    "components[config_backup].parameter_store_export",
    "components[config_backup].export_retention_days",
    "components[config_backup].codecommit_mirror",
    "components[config_backup].codecommit_users",
    "components[config_backup].redeploy_minutes",
    "components[config_backup].mirror_to",
    "components[dns_failover].id",
    "components[dns_failover].domain_name",
    "components[dns_failover].health_checks",
    "components[dns_failover].aws_endpoints",
    "components[dns_failover].request_interval_seconds",
    "components[dns_failover].failure_threshold",
    "components[dns_failover].hosted_zone_id",
    "components[dns_failover].primary_endpoint",
    "components[dns_failover].secondary_endpoint",
];

/// Plan fields no editor binds, and why (read by the native test).
#[allow(dead_code)]
pub const NOT_EDITED: &[(&str, &str)] =
    &[
        ("schema_version", "the plan-file format, which the app writes itself"),
        (
            "export.module_defaults",
            "the Terraform module's own defaults (a typed value per input, set in the plan file and kept as it is); no editor yet",
        ),
    ];

/// Objects of a plan whose keys the user chooses (maps), normalised.
pub const MAP_PATHS: &[&str] = &[
    "targets.by_data_class",
    "pricing.overrides",
    "export.inputs",
    "export.cdk_environment",
    "export.lists",
    "export.outputs",
];

/// One place in a plan's JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// As validation writes paths: `components[3].versioning.enabled`,
    /// `export.inputs.components.snapshots.memory_mb`.
    pub path: String,
    /// As [`EDITOR_PATHS`] writes them: `components[s3_bucket].versioning.enabled`.
    pub normalised: String,
    /// The JSON pointer of the node (`/components/3/versioning/enabled`).
    pub pointer: String,
    /// A value an editor sets as a whole: a scalar, `null`, a list of scalars, or an
    /// empty list or map. Other nodes are objects and lists of objects.
    pub leaf: bool,
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        key.to_string()
    } else {
        format!("{base}.{key}")
    }
}

fn is_leaf(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.first().is_none_or(|v| !v.is_object()),
        _ => true,
    }
}

/// Every node of a plan's JSON (the form [`crate::plan::Plan::to_json_pretty`]
/// writes), parents before children. A component's `kind` is its variant, not a
/// field, and is left out.
pub fn nodes(plan_json: &Value) -> Vec<Node> {
    let mut out = Vec::new();
    walk(plan_json, ("", "", ""), &mut out);
    out
}

/// A key as a JSON pointer token.
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn walk(value: &Value, at: (&str, &str, &str), out: &mut Vec<Node>) {
    let (path, normalised, pointer) = at;
    if !path.is_empty() {
        out.push(Node {
            path: path.to_string(),
            normalised: normalised.to_string(),
            pointer: pointer.to_string(),
            leaf: is_leaf(value),
        });
    }
    if is_leaf(value) {
        return;
    }
    match value {
        Value::Object(map) => {
            let is_map = MAP_PATHS.contains(&normalised);
            for (key, child) in map {
                if key == "kind"
                    && normalised.starts_with("components[")
                    && !normalised.contains('.')
                {
                    continue;
                }
                let child_normalised = join(normalised, if is_map { "{}" } else { key });
                let child_pointer = format!("{pointer}/{}", token(key));
                walk(child, (&join(path, key), &child_normalised, &child_pointer), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let slot = match item.get("kind").and_then(Value::as_str) {
                    Some(kind) if normalised == "components" => kind.to_string(),
                    _ => String::new(),
                };
                let item_at = (
                    format!("{path}[{i}]"),
                    format!("{normalised}[{slot}]"),
                    format!("{pointer}/{i}"),
                );
                walk(item, (&item_at.0, &item_at.1, &item_at.2), out);
            }
        }
        _ => {}
    }
}
