//! Renderings of a recovery report: the table section `drplan estimate` prints after
//! the costs, and the `recovery` object of the JSON contract (fields are only ever
//! added, never renamed).

use std::fmt::Write;

use serde_json::{json, Value};

use crate::plan::Objective;
use crate::recovery::{
    fmt_minutes, fmt_range, ComponentOutcome, Range, RecoveryCharge, RecoveryReport, ScenarioReport,
};

fn range_json(r: Option<Range>) -> Value {
    r.map_or(Value::Null, |r| {
        let r = r.rounded();
        json!({"best": r.best, "expected": r.expected, "worst": r.worst})
    })
}

fn target_json(t: Option<Objective>) -> Value {
    t.map_or(Value::Null, |t| json!({"rpo_minutes": t.rpo_minutes, "rto_minutes": t.rto_minutes}))
}

fn charge_json(l: &RecoveryCharge) -> Value {
    json!({
        "component": l.component,
        "item": l.item,
        "quantity": l.quantity.as_f64(),
        "unit": l.unit,
        "unit_price_usd": l.unit_price.as_f64(),
        "cost_usd": l.cost.as_f64(),
        "price_id": l.price_id,
        "source": l.source,
        "basis": l.basis,
        "region": l.region,
    })
}

fn component_json(c: &ComponentOutcome) -> Value {
    json!({
        "component": c.component,
        "kind": c.kind.id(),
        "data_class": c.data_class.map(|d| d.id()),
        "target": target_json(c.target),
        "rpo_minutes": range_json(c.rpo_minutes),
        "rto_minutes": range_json(c.rto_minutes),
        "meets_rpo": c.meets_rpo,
        "meets_rto": c.meets_rto,
        "not_recoverable": c.not_recoverable,
        "explanation": c.explanation,
        "recovery_cost": c.recovery_cost.as_ref().map(|r| json!({
            "path": r.path,
            "total_usd": r.total.as_f64(),
            "lines": r.lines.iter().map(charge_json).collect::<Vec<_>>(),
        })),
    })
}

fn scenario_json(s: &ScenarioReport) -> Value {
    let mut value = json!({
        "scenario": s.scenario.id(),
        "label": s.scenario.label(),
        "rpo_minutes": range_json(s.rpo_minutes),
        "rto_minutes": range_json(s.rto_minutes),
        "meets_rpo": s.meets_rpo,
        "meets_rto": s.meets_rto,
        "rpo_target_minutes": s.rpo_target_minutes,
        "rto_target_minutes": s.rto_target_minutes,
        "rpo_margin_minutes": s.rpo_margin_minutes,
        "rto_margin_minutes": s.rto_margin_minutes,
        "limiting_component": s.limiting_component,
        "not_recoverable": s.not_recoverable,
        "explanation": s.explanation,
        "recovery_cost_usd": s.recovery_cost.as_f64(),
        "components": s.components.iter().map(component_json).collect::<Vec<_>>(),
    });
    // Only plans recording drill results can be flagged; others keep their form.
    if s.rto_met_on_assumptions {
        value["rto_met_on_assumptions"] = Value::Bool(true);
    }
    value
}

/// The `recovery` object of the JSON output.
pub fn recovery_json_value(report: &RecoveryReport) -> Value {
    let fixes: Vec<Value> = report
        .fixes
        .iter()
        .map(|f| {
            json!({
                "change": f.change,
                "monthly_cost_delta_usd": f.monthly_cost_delta.as_f64(),
                "fixes_scenarios": f.fixes_scenarios.iter().map(|s| s.id()).collect::<Vec<_>>(),
                "fixes_targets": f.fixes_targets.iter().map(|t| t.id()).collect::<Vec<_>>(),
                "effects": f.effects,
                "changes": f.changes,
            })
        })
        .collect();
    let testing: Vec<Value> = report
        .testing
        .iter()
        .map(|t| {
            json!({
                "name": t.name,
                "scenario": t.scenario.id(),
                "frequency": t.frequency.id(),
                "runs_per_month": (t.runs_per_month * 1e6).round() / 1e6,
                "per_run_usd": t.per_run.as_f64(),
                "monthly_usd": t.monthly.as_f64(),
                "lines": t.lines.iter().map(charge_json).collect::<Vec<_>>(),
                "not_covered": t.not_covered,
            })
        })
        .collect();
    json!({
        "testing": testing,
        "testing_monthly_usd": report.testing_monthly.as_f64(),
        "strategy": report.strategy.strategy.id(),
        "strategy_why": report.strategy.why,
        "scenarios": report.scenarios.iter().map(scenario_json).collect::<Vec<_>>(),
        "fixes": fixes,
        "unfixed": report.unfixed,
        // How the fix search went (absent from an assessment without fixes); its work
        // units are an internal measure and stay out of the contract.
        "fix_search": report.fix_search.map(|s| json!({
            "candidates": s.candidates,
            "evaluated": s.evaluated,
            "cut_short": s.cut_short,
        })),
    })
}

/// Pretty JSON of the recovery report alone, with a trailing newline.
pub fn recovery_json(report: &RecoveryReport) -> String {
    let mut text = serde_json::to_string_pretty(&recovery_json_value(report)).unwrap_or_default();
    text.push('\n');
    text
}

fn worst(r: Option<Range>) -> String {
    r.map_or("not recoverable".into(), |r| fmt_minutes(r.worst))
}

fn verdict(meets: bool) -> &'static str {
    if meets {
        "meets"
    } else {
        "MISSES"
    }
}

/// `restore of 10 GB: 10 GB × $0.15 = $1.50 [dynamodb.restore] (10 GB restored…)`: one
/// charge of a recovery or test with its working, as the CLI and the app show it.
pub fn charge_text(l: &RecoveryCharge) -> String {
    format!(
        "{} of {}: {} {} × {} = {} [{}] ({})",
        l.item,
        l.component,
        super::fmt_quantity(l.quantity),
        l.unit,
        super::fmt_unit_price(l.unit_price),
        l.cost,
        l.price_id,
        l.basis
    )
}

/// The recovery section of the CLI table.
pub fn recovery_table(report: &RecoveryReport) -> String {
    let mut out = String::new();
    out.push_str(
        "Recovery (worst cases against targets; ranges are best–worst with the expected case):\n",
    );
    let _ =
        writeln!(out, "  DR strategy: {}: {}", report.strategy.strategy.id(), report.strategy.why);
    out.push('\n');
    let rows: Vec<[String; 6]> = report
        .scenarios
        .iter()
        .map(|s| {
            let targets = match (s.rpo_target_minutes, s.rto_target_minutes) {
                (Some(p), Some(t)) => {
                    format!("{} / {}", fmt_minutes(p as f64), fmt_minutes(t as f64))
                }
                _ => "-".into(),
            };
            let limit = s
                .limiting_component
                .as_deref()
                .map(|c| format!(" (limited by {c})"))
                .unwrap_or_default();
            [
                s.scenario.id().to_string(),
                worst(s.rpo_minutes),
                worst(s.rto_minutes),
                targets,
                if s.not_recoverable.is_some() { "-".into() } else { s.recovery_cost.to_string() },
                format!(
                    "RPO {}, RTO {}{}{limit}",
                    verdict(s.meets_rpo),
                    verdict(s.meets_rto),
                    if s.rto_met_on_assumptions { " on assumed figures" } else { "" }
                ),
            ]
        })
        .collect();
    let header = ["scenario", "RPO", "RTO", "target RPO / RTO", "recovery cost", "verdict"]
        .map(String::from);
    let widths: Vec<usize> = (0..5)
        .map(|i| rows.iter().chain([&header]).map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let _ = writeln!(
            out,
            "  {:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}  {:>w4$}  {}",
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2],
            w3 = widths[3],
            w4 = widths[4]
        );
    }
    for s in &report.scenarios {
        let _ = writeln!(out, "\n  {}: {}", s.scenario.id(), s.scenario.label());
        for line in &s.explanation {
            let _ = writeln!(out, "    {line}");
        }
        for c in &s.components {
            let target = c.target.map_or("no target".to_string(), |t| {
                format!(
                    "target RPO {}, RTO {}",
                    fmt_minutes(t.rpo_minutes as f64),
                    fmt_minutes(t.rto_minutes as f64)
                )
            });
            let class = c.data_class.map(|d| format!(", {}", d.id())).unwrap_or_default();
            let figures = match (&c.not_recoverable, c.rpo_minutes, c.rto_minutes) {
                (Some(_), _, _) => "not recoverable".to_string(),
                (None, Some(rpo), Some(rto)) => {
                    format!("RPO {}, RTO {}", fmt_range(rpo), fmt_range(rto))
                }
                _ => String::new(),
            };
            let _ =
                writeln!(out, "    {} ({}{class}; {target}): {figures}", c.component, c.kind.id());
            for line in &c.explanation {
                let _ = writeln!(out, "      ↳ {line}");
            }
            if let Some(cost) = &c.recovery_cost {
                let _ = writeln!(out, "      ↳ recovery cost {} via {}", cost.total, cost.path);
                for l in &cost.lines {
                    let _ = writeln!(out, "          {}", charge_text(l));
                }
            }
        }
    }
    if !report.testing.is_empty() {
        let _ =
            writeln!(out, "\n  Recovery tests as scheduled: {} a month", report.testing_monthly);
        for t in &report.testing {
            let _ = writeln!(
                out,
                "    {} ({}, {}): {} a run × {} runs a month = {}",
                t.name,
                t.scenario.id(),
                t.frequency.id(),
                t.per_run,
                crate::cost::usage::fmt_qty(t.runs_per_month),
                t.monthly
            );
            for l in &t.lines {
                let _ = writeln!(out, "        {}", charge_text(l));
            }
            if !t.not_covered.is_empty() {
                let _ = writeln!(
                    out,
                    "        nothing recovers {} in this scenario: not priced",
                    t.not_covered.join(", ")
                );
            }
        }
    }
    if !report.fixes.is_empty() {
        out.push_str("\n  Fixes (cheapest first; each verified by re-running the cost and recovery engines on the changed plan):\n");
        for f in &report.fixes {
            let _ =
                writeln!(out, "    {}/month  {}", f.monthly_cost_delta.display_signed(), f.change);
            for effect in &f.effects {
                let _ = writeln!(out, "        ↳ {effect}");
            }
        }
    }
    if !report.unfixed.is_empty() {
        out.push_str("\n  Missed targets no candidate change meets:\n");
        for line in &report.unfixed {
            let _ = writeln!(out, "    {line}");
        }
    }
    if let Some(search) = report.fix_search.filter(|s| s.cut_short) {
        let _ = writeln!(
            out,
            "\n  Fix search cut short: it tried {} of {} candidate changes within its budget; \
             a cheaper fix may exist among the rest.",
            search.evaluated, search.candidates
        );
    }
    out
}
