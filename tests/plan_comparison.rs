//! The core comparison every surface uses (the app's review mode, `drplan diff`):
//! components and lines matched by identity, deltas signed one way, recovery changes
//! in words with the verdicts that flipped.

mod support;

use drplan::cost::estimate;
use drplan::money::Money;
use drplan::plan::Plan;
use drplan::recovery::{assess, Measure, Scenario};
use drplan::report::{compare, CostChange, PlanComparison};
use support::preset;

fn comparison(base: &Plan, new: &Plan) -> PlanComparison {
    let (b, n) = (estimate(base), estimate(new));
    let (rb, rn) = (assess(base), assess(new));
    compare((&b, Some(&rb)), (&n, Some(&rn)))
}

#[test]
fn a_plan_compared_with_itself_is_unchanged() {
    let plan = preset("multi-az-dr");
    let c = comparison(&plan, &plan);
    assert!(c.is_unchanged());
    assert_eq!(c.components.len(), plan.components.len());
    assert_eq!(c.verdict_changes().count(), 0);
    assert_eq!(c.total.delta_text(), "no change");
}

#[test]
fn removed_and_added_components_keep_their_costs() {
    let base = preset("rds-pitr");
    let mut new = base.clone();
    let removed = new.components.remove(0);
    let c = comparison(&base, &new);
    let gone = c.components.iter().find(|x| x.id == removed.id()).unwrap();
    assert!(gone.cost.before.is_some() && gone.cost.after.is_none());
    assert_eq!(gone.cost.delta(), Money::ZERO.saturating_sub(gone.cost.before.unwrap()));
    // The total's delta is the sum of the components' deltas.
    let sum: i64 = c.components.iter().map(|x| x.cost.delta().micros()).sum();
    assert_eq!(c.total.delta().micros(), sum);
    // Every line of the removed component is listed as gone.
    assert!(c.lines.iter().filter(|l| l.component == removed.id()).all(|l| l.cost.after.is_none()));
    assert!(c.lines.iter().any(|l| l.component == removed.id()));
}

#[test]
fn signed_deltas_are_written_one_way() {
    let up = CostChange { before: Some(Money::from_micros(1_000_000)), after: None };
    assert_eq!(up.delta_text(), "-$1.00");
    assert_eq!(up.direction(), "down");
    let down = CostChange { before: None, after: Some(Money::from_micros(2_500_000)) };
    assert_eq!(down.delta_text(), "+$2.50");
    assert_eq!(down.direction(), "up");
    // Less than a cent either way is no change.
    let same = CostChange {
        before: Some(Money::from_micros(1_000_000)),
        after: Some(Money::from_micros(1_004_000)),
    };
    assert_eq!(same.delta_text(), "no change");
}

fn case_plan(file: &str) -> Plan {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/add-replication");
    drplan::plan::parse_plan(&std::fs::read_to_string(path.join(file)).unwrap()).unwrap()
}

#[test]
fn adding_replication_flips_the_region_loss_verdicts() {
    let c = comparison(&case_plan("base.json"), &case_plan("new.json"));
    assert_eq!(c.recovery.len(), 8);
    for measure in [Measure::Rpo, Measure::Rto] {
        let o = c
            .recovery
            .iter()
            .find(|o| o.scenario == Scenario::RegionLoss && o.measure == measure)
            .unwrap();
        assert!(o.before.is_none() && o.after.is_some(), "{o:?}");
        assert!(!o.meets_before && o.meets_after, "{o:?}");
        assert_eq!(o.direction(), "better");
        assert_eq!(o.change_text(), "now recoverable");
    }
    assert_eq!(c.verdict_changes().count(), 2);
    // The deletion scenario did not move.
    let deletion = c.recovery.iter().find(|o| o.scenario == Scenario::Deletion).unwrap();
    assert_eq!(deletion.change_text(), "no change");
}

#[test]
fn signed_money_has_one_form() {
    assert_eq!(Money::from_micros(1_250_000).display_signed(), "+$1.25");
    assert_eq!(Money::from_micros(-400_000).display_signed(), "-$0.40");
    assert_eq!(Money::from_micros(-1_234_567_000_000).display_signed(), "-$1,234,567.00");
    assert_eq!(Money::ZERO.display_signed(), "+$0.00");
    // Less than half a cent rounds to zero and takes no minus sign.
    assert_eq!(Money::from_micros(-4_000).display_signed(), "+$0.00");
}

#[test]
fn dollar_amounts_parse_exactly() {
    assert_eq!(Money::parse_usd("1500"), Ok(Money::from_micros(1_500_000_000)));
    assert_eq!(Money::parse_usd("$1,500.25"), Ok(Money::from_micros(1_500_250_000)));
    assert_eq!(Money::parse_usd("0.000001"), Ok(Money::from_micros(1)));
    for bad in ["", "-5", "1e3", "1,5", "15,00", "1.0000001", "abc", "99999999999999999999"] {
        assert!(Money::parse_usd(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn a_fix_costs_are_told_relative_to_todays_total() {
    use drplan::report::cost_change_words;
    let usd = |cents: i64| Money::from_micros(cents * 10_000);
    // The s3-glacier-backup case: a large fix on a small plan reads as a multiple.
    assert_eq!(cost_change_words(usd(173_390), usd(1_419)), "+$1,733.90/month, 122× today's cost");
    assert_eq!(cost_change_words(usd(733), usd(1_419)), "+$7.33/month, +52% on today's cost");
    assert_eq!(cost_change_words(usd(-400), usd(1_000)), "-$4.00/month, -40% on today's cost");
    assert_eq!(cost_change_words(usd(500), usd(0)), "+$5.00/month");
}
