//! The review report's view model: every section a review board reads, as plain text
//! and rows, in reading order. The app's Report tab lays these out with Leptos and
//! [`html`] writes them as one self-contained HTML page (`drplan report --html`), so
//! both say the same thing in the same words. Cover (plan, regions, targets, prices in
//! words, date), headline and verdicts, recovery per scenario with its working, cost
//! by component and line, the month-by-month ledger, notes and assumptions, the fixes
//! considered, the comparison with a baseline, and the decision record.

pub mod html;
mod ledger;
mod lines;

pub use html::{board_html, BoardPage};
pub use ledger::{ledger_table, LedgerTable};
pub use lines::{cost_groups, cost_groups_note, left_out_words, CostGroup, MAX_REPORT_LINES};

use crate::cost::Estimate;
use crate::money::Money;
use crate::plan::Plan;
use crate::recovery::{fmt_minutes, fmt_range, Measure, RecoveryReport, ScenarioReport};
use crate::report::offers::FixOffer;

use super::{cost_change_words, sheet_words};

/// Most working lines shown per scenario: each component adds one, each path a few.
pub const MAX_WORKING_LINES: usize = 40;

/// A labelled fact of the cover or the decision record.
pub type Fact = (&'static str, String);

/// A target in words: "1 h".
fn target_words(minutes: u32) -> String {
    fmt_minutes(f64::from(minutes))
}

/// The cover: plan, regions, targets, prices in words, components and the date the
/// report was prepared (given by the caller, so the core never reads a clock).
pub fn cover_facts(plan: &Plan, estimate: &Estimate, date: &str) -> Vec<Fact> {
    let mut facts = vec![
        ("Primary region", plan.primary_region.clone()),
        (
            "Disaster-recovery region",
            plan.dr_region.clone().unwrap_or_else(|| "none (single region)".into()),
        ),
        ("Recovery point objective (data loss)", {
            format!("at most {}", target_words(plan.targets.rpo_minutes))
        }),
        ("Recovery time objective (downtime)", {
            format!("at most {}", target_words(plan.targets.rto_minutes))
        }),
    ];
    for (class, objective) in &plan.targets.by_data_class {
        facts.push((
            "Objectives of a data class",
            format!(
                "{}: data loss at most {}, downtime at most {}",
                class.id().replace('_', " "),
                target_words(objective.rpo_minutes),
                target_words(objective.rto_minutes)
            ),
        ));
    }
    facts.push(("Prices", sheet_words(&estimate.price_sheet)));
    facts.push(("Components", plan.components.len().to_string()));
    facts.push(("Prepared", date.to_string()));
    facts
}

/// "✓ 1 h (meets, 1 h to spare)", "✗ 5 h (misses by 3 h)" or "✗ not recoverable".
pub fn verdict(s: &ScenarioReport, measure: Measure) -> String {
    let margin = match measure {
        Measure::Rpo => s.rpo_margin_minutes,
        Measure::Rto => s.rto_margin_minutes,
    };
    match (s.figure(measure), margin) {
        (None, _) => "✗ not recoverable".into(),
        (Some(r), Some(m)) if m >= 0.0 => {
            format!("✓ {} (meets, {} to spare)", fmt_minutes(r.worst), fmt_minutes(m))
        }
        (Some(r), Some(m)) => {
            format!("✗ {} (misses by {})", fmt_minutes(r.worst), fmt_minutes(-m))
        }
        (Some(r), None) => fmt_minutes(r.worst),
    }
}

/// A label as a heading or the first cell of a row: its first letter capitalised.
pub fn sentence_case(label: &str) -> String {
    let mut chars = label.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The strategy and why, in one sentence.
pub fn strategy_sentence(recovery: &RecoveryReport) -> String {
    let s = &recovery.strategy;
    format!(
        "Strategy: {} ({}). Here: {}.",
        s.strategy.label(),
        s.strategy.explain().trim_end_matches('.'),
        s.why
    )
}

/// A scenario's verdicts and the one-off cost of recovering, in one line.
pub fn scenario_summary(s: &ScenarioReport) -> String {
    let cost =
        if s.not_recoverable.is_some() { "—".to_string() } else { s.recovery_cost.display_usd() };
    format!(
        "RPO: {} · RTO: {} · one-off cost of the recovery: {cost}",
        verdict(s, Measure::Rpo),
        verdict(s, Measure::Rto)
    )
}

/// A scenario's working: how each figure is made, then each component's ranges. The
/// reason a scenario is not recoverable is shown once, beside its verdict, not again.
pub fn working_lines(s: &ScenarioReport) -> Vec<String> {
    let explained = s
        .explanation
        .iter()
        .filter(|l| s.not_recoverable.as_ref().is_none_or(|n| !l.contains(n.as_str())))
        .take(MAX_WORKING_LINES)
        .cloned();
    let per_component = s.components.iter().take(MAX_WORKING_LINES).map(|c| {
        let range = |r: Option<crate::recovery::Range>| r.map(fmt_range).unwrap_or("—".into());
        format!("{}: RPO {}, RTO {}", c.component, range(c.rpo_minutes), range(c.rto_minutes))
    });
    explained.chain(per_component).collect()
}

/// Notes and assumptions: the caveats of the prices used, then the plan's own notes.
pub fn notes(plan: &Plan, estimate: &Estimate) -> Vec<String> {
    super::caveats(estimate).into_iter().chain(plan.notes.iter().cloned()).collect()
}

/// What the fix search said about the plan, as the report lists it.
#[derive(Clone, Debug, PartialEq)]
pub enum FixesConsidered {
    /// Still searching (the app's worker has not answered yet).
    Searching,
    /// The search could not run, and why.
    Failed(String),
    /// The verified fixes, cheapest first, and the targets no fix meets.
    Ready { fixes: Vec<FixOffer>, unfixed: Vec<String> },
}

/// One fix as the report lists it: the change, and its cost and outcome in words.
#[derive(Clone, Debug, PartialEq)]
pub struct FixLine {
    pub change: String,
    /// `+$12.00/month, +85% on today's cost; meets every target of …`.
    pub detail: String,
}

/// The fixes considered as lines; a fix meeting one target of a scenario that still
/// misses another is a partial improvement, said so.
pub fn fix_lines<Apply>(fixes: &[FixOffer<Apply>], today: Money) -> Vec<FixLine> {
    fixes
        .iter()
        .map(|f| {
            let what = if f.resolves.is_empty() {
                format!("partial: improves {}, which still misses a target", f.improves.join("; "))
            } else {
                format!("meets every target of {}", f.resolves.join("; "))
            };
            let cost = cost_change_words(Money::from_micros(f.monthly_cost_delta_micros), today);
            FixLine { change: f.change.clone(), detail: format!("{cost}; {what}.") }
        })
        .collect()
}

/// The decision record as the report prints it; blanks say what is missing.
pub fn decision_facts(plan: &Plan) -> Vec<Fact> {
    let record = plan.decision.clone().unwrap_or_default();
    let or_blank = |t: &str, blank: &str| {
        if t.trim().is_empty() {
            blank.to_string()
        } else {
            t.to_string()
        }
    };
    vec![
        ("Decision", record.decision.label().to_string()),
        ("Owner", or_blank(&record.owner, "not named")),
        ("Date", or_blank(&record.date, "not dated")),
        ("Reasons, conditions and follow-ups", or_blank(&record.text, "none recorded")),
    ]
}

/// The report of `plan` as one HTML page, everything computed here: its estimate, its
/// recovery with the full fix search, and (with `baseline`) the comparison base → plan.
/// What `drplan report --html` writes.
pub fn plan_report_html(plan: &Plan, baseline: Option<&Plan>, date: &str) -> String {
    let estimate = crate::cost::estimate(plan);
    let full = crate::recovery::report(plan, &estimate);
    let recovery = RecoveryReport { fixes: Vec::new(), ..full.clone() };
    let (fixes, unfixed) = super::offers::offers(full);
    let fixes = FixesConsidered::Ready { fixes, unfixed };
    let comparison = baseline.map(|base| {
        let base_estimate = crate::cost::estimate(base);
        let base_recovery = crate::recovery::assess(base);
        super::compare((&base_estimate, Some(&base_recovery)), (&estimate, Some(&recovery)))
    });
    board_html(&BoardPage {
        plan,
        estimate: &estimate,
        recovery: &recovery,
        fixes: &fixes,
        baseline: comparison.as_ref(),
        date,
    })
}

/// `YYYY-MM-DD` of a day counted from 1970-01-01 (the proleptic Gregorian calendar;
/// Howard Hinnant's `civil_from_days`). The shells read the clock; this only names
/// the day.
pub fn date_of_unix_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_name_the_calendar_day() {
        assert_eq!(date_of_unix_day(0), "1970-01-01");
        assert_eq!(date_of_unix_day(19_782), "2024-02-29");
        assert_eq!(date_of_unix_day(20_787), "2026-11-30");
        assert_eq!(date_of_unix_day(-1), "1969-12-31");
    }

    #[test]
    fn an_unrecorded_decision_prints_as_pending_and_blank() {
        let facts = decision_facts(&Plan::default());
        assert_eq!(facts[0].1, "Pending (not decided yet)");
        assert_eq!(facts[1].1, "not named");
    }
}
