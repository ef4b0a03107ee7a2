//! Checks of recorded drill results (`drill_results[*]`): the component restored
//! exists and holds data, the mechanism is one that can restore its kind, the day is a
//! calendar day, and the duration is a measured number of minutes.

use super::Checker;
use crate::plan::untrusted::quoted;
use crate::plan::{is_iso_date, ComponentKind, RestoreMechanism};

/// At most this many results: a year of weekly results for a few components.
const MAX_RESULTS: usize = 200;
/// A year: a restore measured as taking longer is not a restore anyone waited for.
const MAX_RESTORE_MINUTES: f64 = 525_600.0;
/// Below a second nothing was measured.
const MIN_RESTORE_MINUTES: f64 = 0.01;

/// Whether `mechanism` can restore a component of `kind`.
fn restores(mechanism: RestoreMechanism, kind: ComponentKind) -> bool {
    use ComponentKind as K;
    use RestoreMechanism as M;
    match mechanism {
        M::Automatic | M::AwsBackup | M::BackupAccountCopy => true,
        M::S3Versions | M::S3Replica | M::BackupAccountReplica => kind == K::S3Bucket,
        M::DynamodbPitr | M::DynamodbBackups | M::DynamodbReplica => kind == K::DynamodbTable,
        M::RdsPitr | M::RdsSnapshots | M::RdsCrossRegionBackups | M::RdsSnapshotCopies => {
            kind == K::RdsInstance
        }
        M::AuroraBacktrack | M::AuroraPitr => kind == K::AuroraCluster,
    }
}

pub(super) fn drill_results(c: &mut Checker) {
    let plan = c.plan;
    if plan.drill_results.len() > MAX_RESULTS {
        c.error("drill_results", format!("at most {MAX_RESULTS} drill results"));
    }
    for (i, d) in plan.drill_results.iter().enumerate().take(MAX_RESULTS) {
        let at = format!("drill_results[{i}]");
        match c.component(&d.component) {
            None => c.error(
                format!("{at}.component"),
                format!(
                    "refers to {}, which is not a component of this plan",
                    quoted(&d.component)
                ),
            ),
            Some(component) if !component.holds_data() => c.error(
                format!("{at}.component"),
                format!(
                    "{} is a {}, which holds no data to restore",
                    quoted(&d.component),
                    component.kind().id()
                ),
            ),
            Some(component) if !restores(d.mechanism, component.kind()) => c.error(
                format!("{at}.mechanism"),
                format!(
                    "{} cannot restore {}, a {}",
                    d.mechanism.id(),
                    quoted(&d.component),
                    component.kind().id()
                ),
            ),
            Some(_) => {}
        }
        if !is_iso_date(&d.measured_on) {
            c.error(
                format!("{at}.measured_on"),
                format!(
                    "{} is not a day written YYYY-MM-DD, such as 2026-11-02",
                    quoted(&d.measured_on)
                ),
            );
        }
        c.number(
            &|| format!("{at}.restore_minutes"),
            d.restore_minutes,
            MIN_RESTORE_MINUTES,
            MAX_RESTORE_MINUTES,
            "minutes",
        );
    }
}
