//! Property tests over valid-shaped plans with extreme values (issue 8, item 3): every
//! component kind with every option (the all-options plan), many AWS Backup plans and
//! rules, every number replaced at random by an extreme its type can hold, and
//! hostile text. Each plan that reads goes through validation, the estimate, the
//! recovery report with its fix search, and the export (checked when the plan is
//! valid, unchecked otherwise) in a build with overflow checks on: nothing panics,
//! every amount is finite and never negative, and the fix search stays within its caps.

use drplan::cost::estimate;
use drplan::export::{export_all, export_unchecked, ExportError, Target};
use drplan::plan::{parse_plan, validate, Plan, Severity};
use drplan::recovery::{self, MAX_EVALUATED, MAX_WORK};
use proptest::prelude::*;
use serde_json::{json, Value};

const TEMPLATE: &str = include_str!("iac/plans/all-options.json");

/// Whole numbers a u32 field can hold, around every bound validation uses.
const WHOLE: [u64; 16] = [
    0,
    1,
    2,
    7,
    29,
    30,
    35,
    36,
    90,
    365,
    1440,
    10_080,
    36_500,
    36_501,
    2_147_483_648,
    4_294_967_295,
];

/// Numbers an f64 field can hold, from tiny to the largest finite.
const REAL: [f64; 14] = [
    0.0,
    -0.0,
    1e-9,
    0.001,
    0.5,
    1.0,
    100.0,
    1e7,
    1.000_000_1e7,
    1e12,
    1e15,
    1e300,
    f64::MAX,
    -1.0,
];

/// Text that tries to break out of every target's quoting, read as a CDK token, hide
/// or reorder characters, or fill a terminal.
const HOSTILE: [&str; 10] = [
    "${Token[TOKEN.123]}",
    "#{Token[L.1]}",
    "-1.8881545897087626e+289",
    "x\"'\\`${pwn()}%{pwn()}\n#pwn()",
    "\u{1b}[2J\u{1b}[1;1Hvalid\r\n",
    "a\u{202e}gnp.exe\u{202c}",
    "zero\u{200b}width\u{feff}",
    "*/ <script>pwn()</script> --",
    "é☃𝄞 東京",
    "",
];

/// Replaces each number, boolean and free-text leaf of `value` with an extreme of its
/// type, or keeps it, as `picks` decide (one pick per leaf, reused round robin; one
/// leaf in `rate` changes).
fn mutate(value: &mut Value, picks: &[u16], next: &mut usize, key: &str, rate: usize) {
    let mut pick = || {
        let p = picks[*next % picks.len()] as usize;
        *next += 1;
        if p.is_multiple_of(rate) {
            p / rate * 3
        } else {
            1
        }
    };
    match value {
        Value::Number(n) if n.is_u64() => {
            let p = pick();
            if p % 3 == 0 {
                *value = json!(WHOLE[p / 3 % WHOLE.len()]);
            }
        }
        Value::Number(_) => {
            let p = pick();
            if p % 3 == 0 {
                *value = json!(REAL[p / 3 % REAL.len()]);
            }
        }
        Value::Bool(b) if pick() % 4 == 0 => *b = !*b,
        // Free text and names; ids and references stay, so the plan keeps its shape.
        Value::String(s) if ["name", "notes", "backup_type", "domain_name"].contains(&key) => {
            let p = pick();
            if p % 3 == 0 {
                *s = HOSTILE[p / 3 % HOSTILE.len()].to_string();
            }
        }
        Value::Array(items) => {
            for item in items {
                mutate(item, picks, next, key, rate);
            }
        }
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if k != "kind" && k != "schema_version" {
                    mutate(v, picks, next, k, rate);
                }
            }
        }
        _ => {}
    }
}

/// The all-options plan with `extra` more AWS Backup plans of `rules` rules each,
/// protecting the template's data components in turn, then mutated by `picks`.
fn extreme_plan(picks: &[u16], rate: usize, extra: usize, rules: usize) -> Value {
    let mut value: Value = serde_json::from_str(TEMPLATE).unwrap();
    let data: Vec<String> = value["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            ["s3_bucket", "dynamodb_table", "rds_instance", "aurora_cluster"]
                .contains(&c["kind"].as_str().unwrap_or(""))
        })
        .map(|c| c["id"].as_str().unwrap_or("").to_string())
        .collect();
    let components = value["components"].as_array_mut().unwrap();
    for p in 0..extra {
        let protects: Vec<&String> = data.iter().skip(p % data.len()).take(3).collect();
        let rules: Vec<Value> = (0..rules)
            .map(|r| {
                let every = [60, 720, 1440, 10_080][r % 4];
                json!({"name": format!("r{r}"), "frequency_minutes": every, "retention_days": 35})
            })
            .collect();
        components.push(json!({"kind": "backup_plan", "id": format!("extra-{p}"), "rules": rules, "protects": protects}));
    }
    let mut next = 0;
    mutate(&mut value, picks, &mut next, "", rate);
    value
}

fn check_amounts(plan: &Plan) -> Result<(), TestCaseError> {
    let e = estimate(plan);
    for l in &e.lines {
        prop_assert!(l.monthly.micros() >= 0 && l.quantity.millionths() >= 0, "{:?}", l);
        prop_assert!(l.quantity.as_f64().is_finite() && l.unit_price.as_f64().is_finite());
    }
    for m in &e.ledger {
        prop_assert!(m.total.micros() >= 0);
        prop_assert!(m.storage_gb_by_class.values().all(|v| v.is_finite() && *v >= 0.0));
    }
    prop_assert!(e.monthly_total.micros() >= 0 && e.horizon_total.micros() >= 0);
    let report = recovery::report(plan, &e);
    for s in &report.scenarios {
        for r in [s.rpo_minutes, s.rto_minutes].into_iter().flatten() {
            prop_assert!(r.best.is_finite() && r.worst.is_finite() && r.best >= 0.0, "{:?}", r);
        }
    }
    let stats = report.fix_search.unwrap_or_default();
    prop_assert!(stats.evaluated <= MAX_EVALUATED + 8 && stats.work <= 2 * MAX_WORK, "{:?}", stats);
    let _ = drplan::report::estimate_json(plan, &e, &validate(plan), Some(&report));
    Ok(())
}

fn check_export(plan: &Plan) -> Result<(), TestCaseError> {
    let valid = !validate(plan).iter().any(|d| d.severity == Severity::Error);
    if valid {
        match export_all(plan) {
            Ok(files) => prop_assert!(!files.is_empty()),
            Err(ExportError::Unsupported { .. }) => {}
            Err(e) => prop_assert!(false, "a valid plan failed to export: {e}"),
        }
    } else {
        for target in Target::ALL {
            let _ = export_unchecked(plan, target);
        }
    }
    Ok(())
}

proptest! {
    // Each case estimates, runs a fix search and exports four bundles.
    #![proptest_config(ProptestConfig { cases: 32, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extreme_plans_never_panic_and_never_go_negative(
        picks in prop::collection::vec(any::<u16>(), 1..64),
        rate in 1usize..60,
        extra in 0usize..12,
        rules in 1usize..=20,
    ) {
        let text = extreme_plan(&picks, rate, extra, rules).to_string();
        let Ok(plan) = parse_plan(&text) else { return Ok(()) };
        check_amounts(&plan)?;
        check_export(&plan)?;
    }

    /// Only the free text made hostile, every number kept: the plan stays valid, and
    /// every target exports it.
    #[test]
    fn hostile_text_in_a_valid_plan_exports(which in 0usize..HOSTILE.len()) {
        let mut plan = parse_plan(TEMPLATE).unwrap();
        plan.notes.push(HOSTILE[which].to_string());
        // The name refuses hidden characters; keep the rest of the hostile text.
        let name: String = HOSTILE[which].chars().filter(|c| !drplan::plan::untrusted::is_hidden(*c)).collect();
        if !name.trim().is_empty() {
            plan.name = name;
        }
        prop_assert!(!validate(&plan).iter().any(|d| d.severity == Severity::Error), "{:?}", validate(&plan));
        prop_assert!(export_all(&plan).is_ok());
    }
}
