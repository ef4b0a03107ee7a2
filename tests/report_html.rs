//! The review report as a standalone HTML page (`drplan report --html`): a golden per
//! preset (`tests/cases/<preset>/report.html`) and one with a baseline and a decision
//! record (`tests/cases/report/`), every section present, nothing that runs or
//! reaches the network, and plan text that cannot add markup.

mod support;

use std::process::Command;

use drplan::plan::{parse_plan, Decision, DecisionRecord, Plan};
use drplan::presets::{find, PRESETS};
use drplan::report::board::plan_report_html;

const DATE: &str = "2026-11-30";

/// Every section's heading, in reading order.
const SECTIONS: [&str; 7] = [
    "id=\"headline-h\"",
    "id=\"recovery-h\"",
    "id=\"costs-h\"",
    "id=\"ledger-h\"",
    "id=\"notes-h\"",
    "id=\"fixes-h\"",
    "id=\"decision-h\"",
];

/// What would make the page run code or fetch anything: script, handlers, frames,
/// objects, links, imports, URLs of any scheme.
fn active_or_external(html: &str) -> Vec<&'static str> {
    let lower = html.to_lowercase();
    [
        "<script",
        "javascript:",
        "<iframe",
        "<object",
        "<embed",
        "<link",
        "<img",
        "<base",
        "<a ",
        "href=",
        "src=",
        "@import",
        "url(",
        "http:",
        "https:",
        "//",
        " on",
    ]
    .into_iter()
    .filter(|needle| match *needle {
        // `//` only as a protocol-relative address, not inside prose or a comment.
        "//" => lower.contains("=\"//") || lower.contains("('//"),
        // An event handler attribute (` onload=`), not the word "on" in text.
        " on" => lower.split(" on").skip(1).any(|rest| {
            rest.chars().take_while(|c| c.is_ascii_alphabetic()).count() > 0
                && rest.trim_start_matches(|c: char| c.is_ascii_alphabetic()).starts_with('=')
        }),
        n => lower.contains(n),
    })
    .collect()
}

fn positions(html: &str) -> Vec<usize> {
    SECTIONS.iter().map(|s| html.find(s).unwrap_or(usize::MAX)).collect()
}

#[test]
fn every_preset_gives_a_complete_self_contained_report() {
    let mut results = Vec::new();
    for preset in PRESETS {
        let plan = preset.plan();
        let html = plan_report_html(&plan, None, DATE);
        let at = positions(&html);
        assert!(at.iter().all(|&p| p != usize::MAX), "{}: a section is missing {at:?}", preset.id);
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{}: sections out of order", preset.id);
        assert!(html.contains(DATE), "{}: the date", preset.id);
        // The cover, the ledger's charts and every month of the ledger.
        assert!(html.contains("<h1>"), "{}", preset.id);
        assert_eq!(html.matches("<svg ").count(), 3, "{}: three charts", preset.id);
        let ledger = &html[html.find("<table class=\"ledger\"").unwrap()..];
        let ledger = &ledger[..ledger.find("</table>").unwrap()];
        assert_eq!(
            ledger.matches("<tr>").count(),
            plan.horizon_months as usize + 1,
            "{}",
            preset.id
        );
        assert_eq!(active_or_external(&html), Vec::<&str>::new(), "{}", preset.id);
        results.push(support::check_golden(&format!("{}/report.html", preset.id), &html));
    }
    support::assert_all(results);
}

#[test]
fn a_baseline_and_a_decision_are_printed() {
    let base = find("photo-portfolio").unwrap().plan();
    let mut plan = base.clone();
    plan.name = "Photography portfolio, media in one region".into();
    plan.components.retain(|c| c.kind().id() != "dns_failover");
    plan.decision = Some(DecisionRecord {
        decision: Decision::ApprovedWithChanges,
        owner: "Platform team".into(),
        date: "2026-11-27".into(),
        text: "Approved for the media bucket.\nRevisit failover in Q1.".into(),
    });
    let html = plan_report_html(&plan, Some(&base), DATE);
    assert!(html.contains("id=\"baseline-h\""));
    let baseline = html.find("id=\"baseline-h\"").unwrap();
    assert!(baseline > html.find("id=\"fixes-h\"").unwrap());
    assert!(baseline < html.find("id=\"decision-h\"").unwrap());
    assert!(html.contains("Approved with changes"));
    assert!(html.contains("Approved for the media bucket.<br>Revisit failover in Q1."));
    assert!(html.contains("Cost by component</h3>"));
    support::assert_all(vec![support::check_golden("report/baseline.html", &html)]);
}

/// A plan whose every text tries to escape into markup, scripts, links or reordered text.
fn hostile() -> Plan {
    let mut plan = find("rds-pitr").unwrap().plan();
    plan.name = "</title><script>alert(1)</script>".into();
    plan.notes = vec![
        "<img src=x onerror=alert(2)> & \"quotes\" 'single'".into(),
        "see https://evil.example/ and <a href=\"//evil\">here</a>".into(),
        "hidden \u{202e}txet desrever\u{202c} and \u{200b} and \u{1b}[2J".into(),
    ];
    plan.decision = Some(DecisionRecord {
        decision: Decision::Rejected,
        owner: "<style>body{display:none}</style>".into(),
        date: "2026-11-30".into(),
        text: "<iframe src=\"https://evil.example\"></iframe>\n<!-- comment -->".into(),
    });
    plan
}

#[test]
fn hostile_plan_text_is_shown_not_run() {
    let html = plan_report_html(&hostile(), None, DATE);
    assert_eq!(html.matches("<script").count(), 0);
    assert_eq!(html.matches("<style>").count(), 1, "only the page's own styles");
    assert!(!html.contains("<img") && !html.contains("<iframe") && !html.contains("<a "));
    assert!(!html.contains("<!-- comment"));
    assert!(html.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html
        .contains("&lt;img src=x onerror=alert(2)&gt; &amp; &quot;quotes&quot; &#39;single&#39;"));
    // Hidden characters are written as visible escapes, never raw.
    assert!(html.contains("hidden \\u{202e}txet desrever\\u{202c} and \\u{200b} and \\u{1b}[2J"));
    for c in ['\u{202e}', '\u{202c}', '\u{200b}', '\u{1b}'] {
        assert!(!html.contains(c), "raw U+{:04X}", c as u32);
    }
    // The only addresses are the plan's own words, escaped as text.
    assert!(!html.contains("href=\"") && html.contains("&lt;a href=&quot;//evil&quot;&gt;"));
}

fn drplan(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_drplan"));
    command.args(args).env_remove("DRPLAN_REPORT_DATE").env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("run drplan")
}

#[test]
fn the_cli_writes_the_same_page_to_a_file_or_stdout() {
    let dir = std::env::temp_dir().join(format!("drplan-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("review.html");
    let out = drplan(
        &["report", "rds-pitr", "--html", "--date", DATE, "-o", file.to_str().unwrap()],
        &[],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, plan_report_html(&find("rds-pitr").unwrap().plan(), None, DATE));
    // The date from the environment: DRPLAN_REPORT_DATE, else SOURCE_DATE_EPOCH.
    let out = drplan(&["report", "rds-pitr", "--html"], &[("DRPLAN_REPORT_DATE", DATE)]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), written);
    let out = drplan(&["report", "rds-pitr"], &[("SOURCE_DATE_EPOCH", "1795999200")]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), written);
    // No leftovers beside the file.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_cli_refuses_bad_dates_outputs_and_plans() {
    let out = drplan(&["report", "rds-pitr", "--date", "30/11/2026"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
    let out = drplan(&["report", "rds-pitr"], &[("DRPLAN_REPORT_DATE", "2026-02-30")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("DRPLAN_REPORT_DATE"));
    let dir = std::env::temp_dir();
    let out = drplan(&["report", "rds-pitr", "--date", DATE, "-o", dir.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
    // An invalid plan is refused with its first error (exit 1), as `diff` does.
    let mut plan = hostile();
    plan.decision.as_mut().unwrap().date = "2026-13-01".into();
    let path = dir.join(format!("drplan-report-bad-{}.json", std::process::id()));
    std::fs::write(&path, plan.to_json_pretty()).unwrap();
    let out = drplan(&["report", path.to_str().unwrap(), "--date", DATE], &[]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("decision.date"));
}

#[test]
fn plans_without_a_decision_read_and_save_unchanged() {
    for preset in PRESETS {
        let plan = parse_plan(preset.json).unwrap();
        assert_eq!(plan.decision, None);
        assert!(!plan.to_json_pretty().contains("\"decision\""), "{}", preset.id);
    }
    let mut plan = find("rds-pitr").unwrap().plan();
    plan.decision = Some(DecisionRecord { owner: "Ana".into(), ..Default::default() });
    let again = parse_plan(&plan.to_json_pretty()).unwrap();
    assert_eq!(again.decision, plan.decision);
}

#[test]
fn a_decision_record_is_validated_at_its_fields() {
    let mut plan = find("rds-pitr").unwrap().plan();
    plan.decision = Some(DecisionRecord {
        decision: Decision::Approved,
        owner: "x".repeat(101),
        date: "2026-02-29".into(),
        text: "y".repeat(2_001),
    });
    let found: Vec<(String, String)> = drplan::plan::validate(&plan)
        .into_iter()
        .filter(|d| d.path.starts_with("decision"))
        .map(|d| (d.path, d.message))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].0 == "decision.owner" && found[0].1.contains("at most 100 characters"));
    assert!(found[1].0 == "decision.date" && found[1].1.contains("days 01 to 28"));
    assert!(found[2].0 == "decision.text" && found[2].1.contains("at most 2000 characters"));
    plan.decision.as_mut().unwrap().owner = "Ana\u{202e}".into();
    let owner = drplan::plan::validate(&plan).into_iter().find(|d| d.path == "decision.owner");
    assert!(owner.unwrap().message.contains("U+202E"));
    // An unknown field of the record is refused at its path.
    let json = plan.to_json_pretty().replace("\"owner\"", "\"ownr\"");
    assert!(parse_plan(&json).unwrap_err().to_string().contains("decision"));
}
