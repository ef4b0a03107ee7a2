//! A peer test suite: infracost's golden AWS cases
//! (`internal/providers/terraform/aws/testdata/<case>/`, whose unit prices come from
//! the AWS Price List API) rebuilt as drplan plans, one folder per case under
//! `tests/peer/`. Each folder holds `plan.json` (the resources and usage of the case,
//! written as a drplan plan) and `expected.json`:
//!
//! * `lines`: cost lines of the plan's last month, matched by component, price id and
//!   item, whose quantity must equal infracost's exactly and whose dollars must equal
//!   infracost's at infracost's own unit price;
//! * `recovery`: one-off charges of the recovery the model assumes (infracost prices
//!   restores as monthly usage; drplan as the cost of performing a recovery);
//! * `unit_prices`: prices infracost lists without usage, by region;
//! * `differs`: where drplan deliberately differs, with why and the AWS source, and
//!   drplan's own figure, which is asserted too.

use std::path::Path;

use drplan::cost::estimate;
use drplan::money::{Money, Quantity, UnitPrice};
use drplan::plan::{parse_plan, validate, Severity};
use drplan::recovery::{self, Scenario};
use serde_json::Value;

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("missing \"{key}\" in {v}"))
}

fn quantity(v: &Value, key: &str) -> Quantity {
    Quantity::from_f64(text(v, key).parse::<f64>().unwrap())
}

fn cents(v: &Value, key: &str) -> i64 {
    Money::from_micros((text(v, key).parse::<f64>().unwrap() * 1e6).round() as i64).cents()
}

fn scenario(id: &str) -> Scenario {
    *Scenario::ALL.iter().find(|s| s.id() == id).unwrap_or_else(|| panic!("scenario {id}"))
}

fn check_case(dir: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    let plan = parse_plan(&std::fs::read_to_string(dir.join("plan.json")).unwrap())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    let errors: Vec<_> =
        validate(&plan).into_iter().filter(|d| d.severity == Severity::Error).collect();
    if !errors.is_empty() {
        failures.push(format!("{name}: invalid plan: {errors:?}"));
    }
    assert!(text(&expected, "infracost").contains("testdata/"), "{name} names its infracost case");
    let e = estimate(&plan);
    let find_line = |want: &Value| {
        let matches: Vec<_> = e
            .lines
            .iter()
            .filter(|l| {
                *l.component == *text(want, "component")
                    && *l.price_id == *text(want, "price_id")
                    && l.item.contains(text(want, "item"))
            })
            .collect();
        match matches.as_slice() {
            [one] => Ok(*one),
            other => Err(format!("{} line(s) match {want}", other.len())),
        }
    };
    for want in expected["lines"].as_array().into_iter().flatten() {
        let label = format!("{name}: {}", text(want, "infracost"));
        match find_line(want) {
            Err(why) => failures.push(format!("{label}: {why}")),
            Ok(line) => {
                if line.quantity != quantity(want, "quantity") {
                    failures.push(format!(
                        "{label}: quantity {} ≠ {}",
                        line.quantity,
                        text(want, "quantity")
                    ));
                }
                if line.unit_price != UnitPrice::parse(text(want, "unit_price_usd")).unwrap() {
                    failures.push(format!(
                        "{label}: unit price {} ≠ {}",
                        line.unit_price,
                        text(want, "unit_price_usd")
                    ));
                }
                if line.monthly.cents() != cents(want, "monthly_usd") {
                    failures.push(format!(
                        "{label}: {} ≠ ${}",
                        line.monthly,
                        text(want, "monthly_usd")
                    ));
                }
            }
        }
    }
    let report = recovery::assess(&plan);
    for want in expected["recovery"].as_array().into_iter().flatten() {
        let label = format!("{name}: {}", text(want, "infracost"));
        let charge = report
            .scenario(scenario(text(want, "scenario")))
            .and_then(|s| s.component(text(want, "component")))
            .and_then(|c| c.recovery_cost.as_ref())
            .and_then(|c| c.lines.iter().find(|l| l.price_id == text(want, "price_id")));
        match charge {
            None => failures.push(format!("{label}: no such recovery charge")),
            Some(l) => {
                if l.quantity != quantity(want, "quantity")
                    || l.cost.cents() != cents(want, "cost_usd")
                {
                    failures.push(format!("{label}: {} {} for {}", l.quantity, l.unit, l.cost));
                }
            }
        }
    }
    let prices = plan.pricing.prices().unwrap();
    for want in expected["unit_prices"].as_array().into_iter().flatten() {
        let p = prices.get_at(text(want, "price_id"), text(want, "region"), None);
        if p.usd != UnitPrice::parse(text(want, "usd")).unwrap() || p.region_fallback.is_some() {
            failures.push(format!(
                "{name}: {}: {} in {} ({})",
                text(want, "infracost"),
                p.usd,
                p.region,
                p.source
            ));
        }
    }
    for d in expected["differs"].as_array().into_iter().flatten() {
        let why = text(d, "why");
        assert!(
            why.contains("AWS") || why.contains("seed"),
            "{name}: a difference cites its source: {why}"
        );
        if d.get("price_id").is_some() {
            match find_line(d) {
                Ok(line) if line.quantity == quantity(d, "quantity") => {}
                Ok(line) => failures.push(format!(
                    "{name}: drplan's own figure moved: {} ≠ {}",
                    line.quantity,
                    text(d, "quantity")
                )),
                Err(why) => failures.push(format!("{name}: differs entry: {why}")),
            }
        }
    }
    failures
}

#[test]
fn infracost_golden_cases_rebuilt_as_plans_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("peer");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "at least ten peer cases, found {}", cases.len());
    let failures: Vec<String> = cases.iter().flat_map(|c| check_case(c)).collect();
    assert!(failures.is_empty(), "{} mismatch(es):\n{}", failures.len(), failures.join("\n"));
}
