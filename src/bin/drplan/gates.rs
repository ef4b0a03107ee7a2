//! `diff` and `check`: the core's plan comparison and CI gates, printed. Both price
//! plans as `estimate` does and assess recovery as its table does (the verdicts need
//! no fix search, so none is run).

use drplan::money::Money;
use drplan::plan::untrusted::quoted;
use drplan::plan::Plan;
use drplan::{cost, recovery, report};

use super::args::{CheckArgs, DiffArgs};
use super::{fail, load, require_valid, sheet_arg, terminal, terminal_json, Done, Failure};

/// Loads a plan, prices it with `sheet` if given, and refuses it if invalid.
pub(crate) fn load_valid(source: &str, sheet: &Option<String>) -> Result<Plan, Failure> {
    let mut plan = load(source)?;
    if let Some(sheet) = sheet {
        plan.pricing.sheet = sheet.clone();
    }
    require_valid(&plan, source)?;
    Ok(plan)
}

pub fn diff(args: DiffArgs) -> Result<String, Failure> {
    let (Some(base), Some(new)) = (args.base, args.new) else {
        return Err(fail(2, "diff needs two plans: BASE and NEW (files, - or preset ids)"));
    };
    let format = match (args.json, args.markdown) {
        (true, _) => "json",
        (_, true) => "markdown",
        _ => args.format.as_str(),
    };
    let sheet = sheet_arg(args.prices)?;
    let (base, new) = (load_valid(&base, &sheet)?, load_valid(&new, &sheet)?);
    let (base_estimate, new_estimate) = (cost::estimate(&base), cost::estimate(&new));
    let (base_recovery, new_recovery) = (recovery::assess(&base), recovery::assess(&new));
    let comparison = report::compare(
        (&base_estimate, Some(&base_recovery)),
        (&new_estimate, Some(&new_recovery)),
    );
    Ok(match format {
        "json" => {
            let value = report::comparison_json_value(&comparison);
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            terminal_json(&text)
        }
        "markdown" => terminal(&report::comparison_markdown(&comparison)),
        _ => terminal(&report::comparison_table(&comparison)),
    })
}

pub fn check(args: CheckArgs) -> Result<Done, Failure> {
    let source = args.plan.ok_or_else(|| {
        fail(2, "check needs a plan file or preset id; run `drplan presets` for the ids")
    })?;
    let max_monthly = match args.max_monthly_usd {
        None => None,
        Some(text) => Some(Money::parse_usd(&text).map_err(|why| {
            fail(
                2,
                format!("--max-monthly-usd {} must be an amount in dollars: {why}", quoted(&text)),
            )
        })?),
    };
    let sheet = sheet_arg(args.prices)?;
    let mut plan = load(&source)?;
    if let Some(sheet) = sheet {
        plan.pricing.sheet = sheet;
    }
    // An invalid plan fails the `valid` gate (exit 1) with every other gate still shown.
    let diagnostics = drplan::plan::validate(&plan);
    let estimate = cost::estimate(&plan);
    let recovery = recovery::assess(&plan);
    let gates = report::Gates { max_monthly, require_targets: args.require_targets };
    let outcomes = report::check(&diagnostics, &estimate, &recovery, gates);
    let valid = outcomes.iter().all(|o| o.gate != "valid" || o.passed);
    let passed = outcomes.iter().all(|o| o.passed);
    let code = match (valid, passed) {
        (false, _) => 1,
        (true, false) => 3,
        (true, true) => 0,
    };
    let stdout = if args.format == "json" {
        let value = serde_json::json!({
            "plan": estimate.plan_name,
            "passed": passed,
            "monthly_total_usd": estimate.monthly_total.as_f64(),
            "gates": outcomes.iter().map(|o| serde_json::json!({
                "gate": o.gate, "passed": o.passed, "detail": o.detail,
            })).collect::<Vec<_>>(),
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        terminal_json(&text)
    } else {
        terminal(&report::check_text(&outcomes))
    };
    Ok(Done { stdout, code })
}
