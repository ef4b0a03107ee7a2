//! Gates for CI (`drplan check`): a plan passes when it is valid, its monthly cost is
//! within a budget and, when asked, every recovery target is met. The core decides;
//! the CLI only turns the outcome into an exit code.

use std::fmt::Write;

use super::summary::DiagnosticCounts;
use crate::cost::Estimate;
use crate::money::Money;
use crate::plan::Diagnostic;
use crate::recovery::{fmt_minutes, Measure, RecoveryReport};

/// What a plan must satisfy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gates {
    /// The most the steady-state month may cost, compared in whole cents as every
    /// surface shows the total (a budget of $17.19 passes a total shown as $17.19).
    pub max_monthly: Option<Money>,
    /// Every scenario's RPO and RTO must meet its target.
    pub require_targets: bool,
}

/// One gate's outcome, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GateOutcome {
    pub gate: &'static str,
    pub passed: bool,
    pub detail: String,
}

/// Checks a valid plan's estimate and recovery report against the gates. Validity is
/// a gate of its own: errors fail it (the estimate still shows what it can).
pub fn check(
    diagnostics: &[Diagnostic],
    estimate: &Estimate,
    recovery: &RecoveryReport,
    gates: Gates,
) -> Vec<GateOutcome> {
    let counts = DiagnosticCounts::of(diagnostics);
    let mut out =
        vec![GateOutcome { gate: "valid", passed: counts.errors == 0, detail: counts.summary() }];
    if let Some(max) = gates.max_monthly {
        let total = estimate.monthly_total;
        out.push(GateOutcome {
            gate: "max-monthly-usd",
            passed: total.cents() <= max.cents(),
            detail: format!("{total} per month against a budget of {max}"),
        });
    }
    if gates.require_targets {
        let mut missed = Vec::new();
        for s in &recovery.scenarios {
            for m in [Measure::Rpo, Measure::Rto] {
                if !s.meets(m) {
                    let worst =
                        s.figure(m).map_or("not recoverable".into(), |r| fmt_minutes(r.worst));
                    let target = match m {
                        Measure::Rpo => s.rpo_target_minutes,
                        Measure::Rto => s.rto_target_minutes,
                    }
                    .map_or("none".into(), |t| fmt_minutes(f64::from(t)));
                    missed.push(format!(
                        "{} {} {worst} (target {target})",
                        s.scenario.label(),
                        m.label()
                    ));
                }
            }
        }
        out.push(GateOutcome {
            gate: "require-targets",
            passed: missed.is_empty(),
            detail: if missed.is_empty() {
                "every scenario meets its RPO and RTO targets".into()
            } else {
                format!("misses: {}", missed.join("; "))
            },
        });
    }
    out
}

/// The outcomes as the CLI prints them: one line per gate, then the verdict.
pub fn check_text(outcomes: &[GateOutcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        let mark = if o.passed { "pass" } else { "FAIL" };
        let _ = writeln!(out, "{mark}  {}: {}", o.gate, o.detail);
    }
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    let _ = match failed {
        0 => writeln!(out, "all {} gate(s) passed", outcomes.len()),
        n => writeln!(out, "{n} of {} gate(s) failed", outcomes.len()),
    };
    out
}
