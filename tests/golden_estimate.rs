//! Golden files of every preset's estimate: the CLI table and the JSON contract (both
//! with the recovery section, as the CLI prints them), under `tests/cases/<preset>/`.
//! Rewrite them with `UPDATE_GOLDEN=1 cargo test`.

mod support;

use drplan::plan::validate;
use drplan::presets::PRESETS;
use drplan::{cost, recovery, report};

#[test]
fn preset_estimates_match_golden_files() {
    let mut results = Vec::new();
    for preset in PRESETS {
        let plan = preset.plan();
        let diagnostics = validate(&plan);
        let estimate = cost::estimate(&plan);
        let rec = recovery::report(&plan, &estimate);
        results.push(support::check_golden(
            &format!("{}/estimate.txt", preset.id),
            &report::estimate_table(&plan, &estimate, &diagnostics, Some(&rec)),
        ));
        results.push(support::check_golden(
            &format!("{}/estimate.json", preset.id),
            &report::estimate_json(&plan, &estimate, &diagnostics, Some(&rec)),
        ));
        results.push(support::check_golden(
            &format!("{}/lines.csv", preset.id),
            &report::lines_csv(&estimate),
        ));
        let mut list_plan = plan.clone();
        list_plan.pricing.sheet = "aws-list-2026".into();
        let list = cost::estimate(&list_plan);
        let list_rec = recovery::report(&list_plan, &list);
        results.push(support::check_golden(
            &format!("{}/estimate-aws-list.txt", preset.id),
            &report::estimate_table(&list_plan, &list, &diagnostics, Some(&list_rec)),
        ));
    }
    support::assert_all(results);
}

#[test]
fn presets_are_valid_and_round_trip() {
    for preset in PRESETS {
        let plan = preset.plan();
        assert_ne!(plan.components.len(), 0, "{} did not parse", preset.id);
        let diagnostics = validate(&plan);
        assert!(diagnostics.is_empty(), "{}: {diagnostics:?}", preset.id);
        let again = drplan::plan::parse_plan(&plan.to_json_pretty()).unwrap();
        assert_eq!(again, plan, "{} does not survive save and load", preset.id);
        assert!(!plan.notes.is_empty(), "{} must say where the seed's figures disagree", preset.id);
    }
}

#[test]
fn the_json_contract_has_its_fields() {
    let plan = drplan::presets::default_plan();
    let estimate = cost::estimate(&plan);
    let value = report::estimate_json_value(
        &plan,
        &estimate,
        &[],
        Some(&recovery::report(&plan, &estimate)),
    );
    for key in ["plan", "price_sheet", "monthly_total_usd", "components", "lines", "ledger"] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    for key in ["id", "kind", "monthly_usd"] {
        assert!(value["components"][0].get(key).is_some(), "components[].{key}");
    }
    for key in [
        "component",
        "item",
        "quantity",
        "unit",
        "unit_price_usd",
        "monthly_usd",
        "price_id",
        "source",
    ] {
        assert!(value["lines"][0].get(key).is_some(), "lines[].{key}");
    }
    for key in ["month", "total_usd", "storage_gb_by_class"] {
        assert!(value["ledger"][0].get(key).is_some(), "ledger[].{key}");
    }
    assert_eq!(value["ledger"].as_array().unwrap().len(), 36);
    let recovery = &value["recovery"];
    assert!(recovery["strategy"].is_string(), "recovery.strategy");
    let scenarios = recovery["scenarios"].as_array().unwrap();
    let ids: Vec<&str> = scenarios.iter().map(|s| s["scenario"].as_str().unwrap()).collect();
    assert_eq!(ids, ["deletion", "az_loss", "region_loss", "account_compromise"]);
    for s in scenarios {
        for key in [
            "scenario",
            "rpo_minutes",
            "rto_minutes",
            "meets_rpo",
            "meets_rto",
            "limiting_component",
            "explanation",
        ] {
            assert!(s.get(key).is_some(), "recovery.scenarios[].{key}");
        }
        for figure in ["rpo_minutes", "rto_minutes"] {
            match &s[figure] {
                serde_json::Value::Null => {
                    assert!(s["not_recoverable"].is_string(), "a null figure must say why")
                }
                f => {
                    for case in ["best", "expected", "worst"] {
                        assert!(f[case].is_number(), "{figure}.{case}");
                    }
                }
            }
        }
    }
    for f in recovery["fixes"].as_array().unwrap() {
        for key in ["change", "monthly_cost_delta_usd", "fixes_scenarios"] {
            assert!(f.get(key).is_some(), "recovery.fixes[].{key}");
        }
    }
    // Without a recovery report the contract is what it was.
    assert!(report::estimate_json_value(&plan, &estimate, &[], None).get("recovery").is_none());
}
