//! What every recovery path shares: the plan's settings (cleaned so that an invalid
//! value never produces NaN), the plan-wide parts of a recovery time (detection,
//! restore throughput, archive retrieval, DNS cut-over, stack redeploy), and the
//! [`Path`] type the per-kind models return.

use super::facts;
use super::range::{fmt_minutes, Part, Range, Stage};
use super::Scenario;
use crate::cost::usage::fmt_qty;
use crate::plan::{
    Component, ConfigBackup, DnsFailover, Plan, RetrievalTier, StorageClass, MAX_HORIZON_MONTHS,
};

/// `format!` that only formats when the context explains: the fix search re-assesses
/// many changed plans and needs their figures, not their working.
macro_rules! text {
    ($ctx:expr, $($arg:tt)*) => {
        if $ctx.explain { format!($($arg)*) } else { String::new() }
    };
}
pub(crate) use text;

/// A one-off charge of performing a recovery, in the unit of its price.
#[derive(Clone, Debug, PartialEq)]
pub struct Charge {
    pub item: String,
    pub price_id: String,
    pub quantity: f64,
    /// Where it is billed; `None` for the primary region.
    pub region: Option<String>,
    /// How the quantity comes about.
    pub basis: String,
}

/// A restored resource billed by the hour from the start of the restore until the
/// recovery is complete (the restored database runs while it is checked and clients
/// are moved to it).
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub item: String,
    pub price_id: String,
    /// Instances restored.
    pub instances: f64,
    pub region: Option<String>,
}

/// What performing a path costs: per-GB charges (restores, retrievals, requests) and
/// restored resources billed by the hour.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Costs {
    pub charges: Vec<Charge>,
    pub running: Option<Running>,
}

/// What a path recovers from, in terms a runbook can turn into commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mechanism {
    /// Storage or a standby that survives by itself (multi-AZ): nothing to restore.
    Automatic,
    S3Versions,
    /// The cross-region replica bucket in `region`.
    S3Replica {
        region: String,
    },
    DynamodbPitr,
    DynamodbBackups,
    /// The global table's replica in `region`.
    DynamodbReplica {
        region: String,
    },
    RdsPitr,
    RdsSnapshots,
    /// Automated backups replicated to `region`.
    RdsCrossRegionBackups {
        region: String,
    },
    /// Manual snapshots copied to `region`.
    RdsSnapshotCopies {
        region: String,
    },
    AuroraBacktrack,
    AuroraPitr,
    /// A recovery point of the backup plan `plan` (component id), rule `rule`: in
    /// the primary region's vault, or its copy in `copy_region`.
    AwsBackup {
        plan: String,
        rule: String,
        copy_region: Option<String>,
    },
    /// A copy of the backup plan `plan`'s rule `rule` in the backup account's vault in
    /// `region`.
    BackupAccountCopy {
        plan: String,
        rule: String,
        region: String,
    },
    /// The bucket's replica in the backup account, in `region`.
    BackupAccountReplica {
        region: String,
    },
}

/// One way to recover a component from one scenario: how much data it loses, the
/// parts its recovery time is made of, and what performing it costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// What the path restores from, e.g. "DynamoDB PITR".
    pub name: String,
    pub mechanism: Mechanism,
    pub rpo: Range,
    /// Why the RPO is what it is, with its source.
    pub rpo_basis: String,
    pub rto_parts: Vec<Part>,
    pub costs: Costs,
    /// The day of the drill whose measured duration replaced the restore figures;
    /// `None` while they are documented or assumed.
    pub measured_on: Option<String>,
}

impl Path {
    pub fn rto(&self) -> Range {
        self.rto_parts.iter().fold(Range::ZERO, |sum, p| sum.plus(p.minutes))
    }
}

/// The paths found for one component and scenario, and notes on mechanisms that do
/// not help (said out loud so that nothing passes silently).
#[derive(Clone, Debug, Default)]
pub struct Found {
    pub paths: Vec<Path>,
    pub notes: Vec<String>,
}

impl Found {
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }
}

/// Plan-wide inputs of the recovery model.
pub struct Ctx<'a> {
    pub plan: &'a Plan,
    /// Months of the plan's horizon: data sizes are taken at its end, like the cost
    /// engine's steady state.
    pub months: usize,
    pub detection_minutes: f64,
    pub throughput_gb_per_hour: f64,
    pub tier: RetrievalTier,
    pub manual_cutover_minutes: f64,
    /// The DR region, if the plan names one that differs from the primary.
    pub dr_region: Option<&'a str>,
    pub dns: Option<&'a DnsFailover>,
    pub config: Option<&'a ConfigBackup>,
    /// Whether to write the working (labels, sources, notes) or only the figures.
    pub explain: bool,
    /// Bucket sizes simulated by earlier assessments of the same search.
    pub sizes: Option<&'a super::sizes::SizeCache>,
}

impl<'a> Ctx<'a> {
    /// A bucket's current data at the end of the horizon, in GB, through this
    /// assessment's cache.
    pub fn bucket_gb(&self, sizes: &super::sizes::BucketSizes) -> f64 {
        sizes.total_gb(self.plan, self.months, self.sizes)
    }

    pub fn new(
        plan: &'a Plan,
        explain: bool,
        sizes: Option<&'a super::sizes::SizeCache>,
    ) -> Ctx<'a> {
        let r = &plan.recovery;
        let throughput = r.restore_throughput_gb_per_hour;
        let dns = plan.components.iter().find_map(|c| {
            if let Component::DnsFailover(d) = c {
                Some(d)
            } else {
                None
            }
        });
        let config = plan.components.iter().find_map(|c| {
            if let Component::ConfigBackup(k) = c {
                Some(k)
            } else {
                None
            }
        });
        Ctx {
            plan,
            months: plan.horizon_months.clamp(1, MAX_HORIZON_MONTHS) as usize,
            detection_minutes: r.detection_minutes as f64,
            // Validation rejects a throughput outside 0.1–10,000 GB/h; an unvalidated
            // plan falls back to the default rather than dividing by zero.
            throughput_gb_per_hour: if throughput.is_finite() && throughput >= 0.1 {
                throughput
            } else {
                crate::plan::DEFAULT_RESTORE_THROUGHPUT_GB_PER_HOUR
            },
            tier: r.archive_retrieval,
            manual_cutover_minutes: r.manual_cutover_minutes as f64,
            dr_region: plan.dr_region.as_deref().filter(|dr| *dr != plan.primary_region),
            dns,
            config,
            explain,
            sizes,
        }
    }

    /// Another region than the primary, or none.
    pub fn other_region(&self, region: Option<&'a str>) -> Option<&'a str> {
        region.filter(|r| *r != self.plan.primary_region)
    }

    pub fn detection(&self) -> Part {
        let source =
            if self.plan.recovery.detection_minutes == crate::plan::DEFAULT_DETECTION_MINUTES {
                "the photography portfolio DR strategy's mean time to detect"
            } else {
                "plan setting recovery.detection_minutes"
            };
        Part::new(text!(self, "detection ({source})"), Range::exact(self.detection_minutes))
            .at(Stage::Detect)
    }

    /// Writing `gb` of data back at the plan's restore throughput.
    pub fn transfer(&self, gb: f64) -> Part {
        let gb = if gb.is_finite() && gb > 0.0 { gb } else { 0.0 };
        let minutes = gb / self.throughput_gb_per_hour * 60.0;
        let source = if self.plan.recovery.restore_throughput_gb_per_hour
            == crate::plan::DEFAULT_RESTORE_THROUGHPUT_GB_PER_HOUR
        {
            "recovery.restore_throughput_gb_per_hour: an assumption, AWS states no restore rate"
        } else {
            "plan setting recovery.restore_throughput_gb_per_hour"
        };
        Part::new(
            text!(
                self,
                "restore {} GB at {} GB/h ({source})",
                fmt_qty(gb),
                fmt_qty(self.throughput_gb_per_hour)
            ),
            Range::exact(minutes),
        )
    }

    /// Waiting for objects in an archive class to become readable, at the plan's tier.
    /// `object_kb` decides whether expedited retrieval is allowed (under 250 MB).
    pub fn retrieval(&self, class: StorageClass, object_kb: f64) -> Option<Part> {
        let fact = match (class, self.tier) {
            (StorageClass::GlacierFlexibleRetrieval, RetrievalTier::Expedited)
                if object_kb < facts::GLACIER_EXPEDITED_MAX_OBJECT_KB =>
            {
                facts::GLACIER_EXPEDITED
            }
            (StorageClass::GlacierFlexibleRetrieval, RetrievalTier::Bulk) => facts::GLACIER_BULK,
            (StorageClass::GlacierFlexibleRetrieval, _) => facts::GLACIER_STANDARD,
            (StorageClass::DeepArchive, RetrievalTier::Bulk) => facts::DEEP_ARCHIVE_BULK,
            (StorageClass::DeepArchive, _) => facts::DEEP_ARCHIVE_STANDARD,
            _ => return None,
        };
        Some(Part::new(
            text!(self, "retrieval from {} ({})", class.label(), fact.source),
            fact.range(),
        ))
    }

    /// A documented restore or failover step.
    pub fn step(&self, what: &str, fact: facts::Fact) -> Part {
        Part::new(text!(self, "{what} ({})", fact.source), fact.range())
    }

    /// Moving clients to the recovered copy. Only region loss and account compromise
    /// move data to a new place; the other scenarios recover behind the same names.
    pub fn cutover(&self, scenario: Scenario) -> Option<Part> {
        let manual = || {
            Part::new(
                text!(self, "manual DNS cut-over (recovery.manual_cutover_minutes, default {} min, an assumption)", crate::plan::DEFAULT_MANUAL_CUTOVER_MINUTES),
                Range::exact(self.manual_cutover_minutes),
            )
            .at(Stage::Cutover)
        };
        match scenario {
            Scenario::Deletion | Scenario::AzLoss => None,
            // The attacker holds the account's hosted zone: its failover records
            // cannot be trusted, and DNS is repointed by hand.
            Scenario::AccountCompromise => Some(manual()),
            Scenario::RegionLoss => Some(match self.dns {
                Some(d) => {
                    // Route 53 marks an endpoint unhealthy after `failure_threshold`
                    // failed checks `request_interval_seconds` apart.
                    let checks = d.request_interval_seconds.max(1) as f64
                        * d.failure_threshold.max(1) as f64
                        / 60.0;
                    let automatic =
                        Range::between(checks, facts::ROUTE53_FAILOVER_TARGET_MINUTES.max(checks));
                    // Failover records do not stop anyone repointing DNS by hand: when
                    // the plan says that is quicker, it is the figure.
                    if self.manual_cutover_minutes < automatic.worst {
                        manual()
                    } else {
                        Part::new(
                            text!(
                                self,
                                "Route 53 failover \"{}\": {} checks × {} s, up to {} ({})",
                                d.id,
                                d.failure_threshold,
                                d.request_interval_seconds,
                                fmt_minutes(facts::ROUTE53_FAILOVER_TARGET_MINUTES),
                                facts::ROUTE53_SOURCE
                            ),
                            automatic,
                        )
                        .at(Stage::Cutover)
                    }
                }
                None => manual(),
            }),
        }
    }

    /// Rebuilding the stack in a clean account after a compromise: redeploy from git.
    /// Without a configuration backup nothing outside the attacker's reach records
    /// how to rebuild, so the path fails with the reason.
    pub fn stack(&self, scenario: Scenario) -> Result<Option<Part>, String> {
        if scenario != Scenario::AccountCompromise {
            return Ok(None);
        }
        match self.config {
            Some(k) => Ok(Some(Part::new(
                text!(self, "redeploy the stack from git in a clean account (\"{}\".redeploy_minutes; the photography portfolio DR strategy: 30 min)", k.id),
                Range::exact(k.redeploy_minutes as f64),
            ).at(Stage::Redeploy))),
            None => Err("no config_backup: nothing outside the compromised account records how to redeploy the stack".into()),
        }
    }

    /// Appends the plan-wide closing parts (stack redeploy, DNS cut-over) to a path's
    /// parts, or says why the scenario cannot be completed.
    pub fn close(&self, scenario: Scenario, mut parts: Vec<Part>) -> Result<Vec<Part>, String> {
        if let Some(stack) = self.stack(scenario)? {
            parts.push(stack);
        }
        if let Some(cutover) = self.cutover(scenario) {
            parts.push(cutover);
        }
        Ok(parts)
    }

    /// Adds a path whose parts are closed for the scenario, or records why not.
    pub fn push(
        &self,
        found: &mut Found,
        scenario: Scenario,
        (name, mechanism): (String, Mechanism),
        rpo: Range,
        rpo_basis: String,
        parts: Vec<Part>,
    ) {
        self.push_costed(
            found,
            scenario,
            (name, mechanism),
            rpo,
            rpo_basis,
            parts,
            Costs::default(),
        );
    }

    /// [`Ctx::push`] for a path that costs something to perform.
    #[allow(clippy::too_many_arguments)]
    pub fn push_costed(
        &self,
        found: &mut Found,
        scenario: Scenario,
        (name, mechanism): (String, Mechanism),
        rpo: Range,
        rpo_basis: String,
        parts: Vec<Part>,
        costs: Costs,
    ) {
        match self.close(scenario, parts) {
            Ok(rto_parts) => found.paths.push(Path {
                name,
                mechanism,
                rpo,
                rpo_basis,
                rto_parts,
                costs,
                measured_on: None,
            }),
            Err(why) => found.note(text!(self, "{name}: {why}")),
        }
    }

    /// A per-GB (or per-request) charge of a recovery.
    pub fn charge(
        &self,
        item: &str,
        price_id: &str,
        quantity: f64,
        region: Option<&str>,
        basis: String,
    ) -> Charge {
        Charge {
            item: text!(self, "{item}"),
            price_id: price_id.to_string(),
            quantity: if quantity.is_finite() && quantity > 0.0 { quantity } else { 0.0 },
            region: region.map(str::to_string),
            basis,
        }
    }
}
