//! Every integer overflow issue 8 found on numbers a user can type, each through the
//! public API a plan reaches it by. Tests build with overflow checks on, so before
//! the fixes each of these panicked; in a release build each gave a wrong figure.

use drplan::cost::estimate;
use drplan::money::UnitPrice;
use drplan::plan::schedule_expr::ScheduleExpr;
use drplan::plan::*;

fn messages(plan: &Plan) -> Vec<String> {
    validate(plan).into_iter().map(|d| d.to_string()).collect()
}

fn with(components: Vec<Component>) -> Plan {
    Plan { components, ..Plan::default() }
}

/// `schedule_expr.rs`: `n * per` overflowed for `rate(576460752303423488 days)`,
/// which then passed validation and cost $0.
#[test]
fn a_rate_too_long_is_an_error_at_its_field() {
    let plan = with(vec![
        ComponentKind::LambdaFunction.new_component("job"),
        Component::Schedule(Schedule {
            id: "s".into(),
            expression: "rate(576460752303423488 days)".into(),
            target: "job".into(),
            ..Schedule::default()
        }),
    ]);
    let all = messages(&plan);
    assert!(
        all.iter()
            .any(|m| m.contains("components[1].expression") && m.contains("longer than a year")),
        "{all:?}"
    );
    let _ = estimate(&plan);
}

/// The cron step count: `cron(1/4294967295 …)` wrapped past 2^32 and counted every
/// run twice.
#[test]
fn a_huge_cron_step_is_an_error_and_runs_are_counted_once() {
    assert!(ScheduleExpr::parse("cron(1/4294967295 * * * ? *)").is_err());
    let hourly = ScheduleExpr::parse("cron(1/99 * * * ? *)").unwrap();
    assert_eq!(hourly.runs_per_month(), 730.0);
}

/// `validate/data.rs`: `ia + 30` wrapped, so the message advised "use 29 or more".
#[test]
fn lifecycle_advice_never_wraps() {
    let bucket = S3Bucket {
        id: "b".into(),
        versioning: Versioning {
            enabled: true,
            noncurrent_standard_ia_days: Some(u32::MAX),
            noncurrent_glacier_days: Some(5),
            noncurrent_expiration_days: None,
        },
        ..S3Bucket::default()
    };
    let all = messages(&with(vec![Component::S3Bucket(bucket)]));
    assert!(
        all.iter().any(|m| m
            .contains("noncurrent_standard_ia_days: is 4294967295; must be at most 36500 days")),
        "{all:?}"
    );
    assert!(!all.iter().any(|m| m.contains("use 29")), "{all:?}");
    let rule = BackupRule { cold_storage_after_days: Some(u32::MAX), ..BackupRule::default() };
    let plan = with(vec![Component::BackupPlan(BackupPlan {
        id: "p".into(),
        rules: vec![rule],
        ..BackupPlan::default()
    })]);
    let _ = messages(&plan);
}

/// `money.rs`: a price override of 1e30 overflowed while being scaled.
#[test]
fn a_huge_price_override_is_an_error_at_its_field() {
    let mut plan = with(vec![ComponentKind::S3Bucket.new_component("b")]);
    plan.pricing.overrides.insert("s3.storage.standard".into(), 1e30);
    let all = messages(&plan);
    assert!(
        all.iter()
            .any(|m| m.contains("pricing.overrides.s3.storage.standard") && m.contains("above")),
        "{all:?}"
    );
    let e = estimate(&plan);
    assert!(e.monthly_total.micros() >= 0);
    assert!(UnitPrice::from_f64(1e30).is_err());
}

/// `cost/operations.rs`: `count × regions` overflowed for a key count near 2^32, which
/// the app estimates while the field is still invalid.
#[test]
fn a_huge_key_count_is_priced_without_overflow() {
    let plan = with(vec![Component::KmsKey(KmsKey {
        id: "k".into(),
        count: u32::MAX,
        replica_in_dr_region: true,
        ..KmsKey::default()
    })]);
    assert!(messages(&plan).iter().any(|m| m.contains("components[0].count")));
    let e = estimate(&plan);
    assert!(e.monthly_total.micros() > 0);
}

/// `cost/operations.rs`: `health_checks × features` overflowed for a count near 2^32
/// (found by `tests/extreme_plans.rs` once the billing model added features).
#[test]
fn a_huge_health_check_count_is_priced_without_overflow() {
    let plan = with(vec![Component::DnsFailover(DnsFailover {
        id: "dns".into(),
        health_checks: u32::MAX,
        request_interval_seconds: 10,
        ..DnsFailover::default()
    })]);
    assert!(messages(&plan).iter().any(|m| m.contains("components[0].health_checks")));
    assert!(estimate(&plan).monthly_total.micros() > 0);
}
