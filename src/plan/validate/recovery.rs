//! Checks of the plan-wide recovery settings (`recovery.*`).

use super::Checker;

/// A week: no detection or cut-over time beyond it makes a meaningful plan.
const MAX_MINUTES: u32 = 10_080;

pub(super) fn recovery_settings(c: &mut Checker) {
    let r = &c.plan.recovery;
    c.whole(
        &|| "recovery.detection_minutes".into(),
        r.detection_minutes,
        0,
        MAX_MINUTES,
        "minutes",
    );
    // Zero would make every restore take forever; 10 TB an hour is far beyond any
    // restore AWS documents.
    c.number(
        &|| "recovery.restore_throughput_gb_per_hour".into(),
        r.restore_throughput_gb_per_hour,
        0.1,
        10_000.0,
        "GB per hour",
    );
    c.whole(
        &|| "recovery.manual_cutover_minutes".into(),
        r.manual_cutover_minutes,
        0,
        MAX_MINUTES,
        "minutes",
    );
}
