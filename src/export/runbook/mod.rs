//! RUNBOOK.md, the recovery runbook every bundle carries: per failure scenario, the
//! ordered steps (detect, decide, restore each data store, redeploy, cut over,
//! verify, clean up) with the exact AWS CLI commands under the bundle's own names,
//! each step's expected duration and the running total against the RTO target.
//!
//! It is the recovery model ([`crate::recovery::assess`]) written for the person on
//! call: each component follows the path the model assumes (the best worst-case
//! RTO), its steps are that path's parts, and restores of different components run
//! side by side, so the last running total is the model's RTO for the scenario.
//! [`build`] gives the structure (tested against the model); [`render`] writes it.
//! Pure: no IO; plan text reaches commands only through [`shell`].

mod account;
mod commands;
mod decide;
mod drills;
mod names;
mod render;
pub mod shell;
mod view;

use crate::export::model::InfraModel;
use crate::export::Target;
use crate::plan::Plan;
use crate::recovery::{assess, ComponentOutcome, Path, Range, Scenario, ScenarioReport, Stage};
use names::Names;

pub use drills::DrillRow;
pub use render::render;
pub use view::{plain, view, DrillView, RunbookView, ScenarioView, StepView};

/// What a step is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Detect,
    Decide,
    Restore,
    Redeploy,
    Cutover,
    Verify,
    Cleanup,
}

/// One step of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub kind: StepKind,
    pub title: String,
    /// What the model counts for it (zero for steps it does not count).
    pub minutes: Range,
    /// Minutes since the incident when it is done; `None` for steps after recovery.
    pub done_at: Option<Range>,
    /// Lines of Markdown (already escaped).
    pub text: Vec<String>,
    /// The bash block, one command or comment a line.
    pub commands: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioBook {
    pub scenario: Scenario,
    pub report: ScenarioReport,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Runbook {
    pub plan_name: String,
    pub target: Target,
    /// Lines setting the variables every command uses.
    pub setup: Vec<String>,
    /// The drill schedule, Markdown lines (empty without `recovery_tests`).
    pub drills: Vec<String>,
    /// The same drills as rows, for the app.
    pub drill_rows: Vec<DrillRow>,
    pub scenarios: Vec<ScenarioBook>,
}

/// Case by case, the later of two ranges (restores run side by side).
fn later(a: Range, b: Range) -> Range {
    Range {
        best: a.best.max(b.best),
        expected: a.expected.max(b.expected),
        worst: a.worst.max(b.worst),
    }
}

fn stage_sum(path: &crate::recovery::Path, stage: Stage) -> Range {
    path.rto_parts.iter().filter(|p| p.stage == stage).fold(Range::ZERO, |s, p| s.plus(p.minutes))
}

fn stage_labels(path: &crate::recovery::Path, stage: Stage) -> Vec<String> {
    path.rto_parts
        .iter()
        .filter(|p| p.stage == stage)
        .map(|p| {
            format!(
                "- {}: {}",
                crate::export::text::markdown_text(&p.label),
                crate::recovery::fmt_range(p.minutes)
            )
        })
        .collect()
}

/// The runbook of `plan` for `target`'s bundle `model`.
pub fn build(plan: &Plan, model: &InfraModel, target: Target) -> Runbook {
    let report = assess(plan);
    let mut names = Names::new(model, target);
    let scenarios = report
        .scenarios
        .iter()
        .filter(|s| !s.components.is_empty())
        .map(|s| ScenarioBook {
            scenario: s.scenario,
            report: s.clone(),
            steps: steps(plan, model, s, &mut names),
        })
        .collect::<Vec<_>>();
    let drill_rows = drills::rows(&report, plan, &scenarios);
    let drills = drills::section(plan, model, &report, &scenarios);
    Runbook {
        plan_name: plan.name.clone(),
        target,
        setup: names.setup(),
        drills,
        drill_rows,
        scenarios,
    }
}

/// The path the runbook follows for a component: the quickest (worst case) of those
/// that keep its RPO target, else the one that loses the least data. The model's RTO
/// takes the quickest path whatever it loses; where that path would miss the RPO,
/// the runbook says so and follows the one that keeps the data.
pub fn runbook_path(outcome: &ComponentOutcome) -> Option<&Path> {
    let keeps = |p: &&Path| {
        outcome.target.is_none_or(|t| crate::recovery::within(p.rpo.worst, t.rpo_minutes))
    };
    // The same order as the model's assumed path: worst-case RTO, then expected.
    let quickest = outcome.paths.iter().filter(keeps).min_by(|a, b| {
        let (ra, rb) = (a.rto(), b.rto());
        ra.worst.total_cmp(&rb.worst).then(ra.expected.total_cmp(&rb.expected))
    });
    quickest.or_else(|| {
        outcome.paths.iter().min_by(|a, b| {
            a.rpo.worst.total_cmp(&b.rpo.worst).then(a.rto().worst.total_cmp(&b.rto().worst))
        })
    })
}

/// A component, its outcome in the scenario, and the path the runbook follows.
type Chosen<'a> = (&'a crate::plan::Component, &'a ComponentOutcome, &'a Path);

fn steps(plan: &Plan, model: &InfraModel, s: &ScenarioReport, names: &mut Names) -> Vec<Step> {
    let chosen: Vec<Chosen> = s
        .components
        .iter()
        .filter_map(|c| Some((c, runbook_path(c)?)))
        .filter_map(|(c, p)| Some((plan.components.iter().find(|x| x.id() == c.component)?, c, p)))
        .collect();
    let mut steps = Vec::new();
    let step = |kind, title: String, minutes, done_at, text, commands| Step {
        kind,
        title,
        minutes,
        done_at,
        text,
        commands,
    };
    // Detection: the same part in every path that waits for someone to notice.
    let detect =
        chosen.iter().map(|(_, _, p)| stage_sum(p, Stage::Detect)).fold(Range::ZERO, later);
    let detect_text =
        chosen.iter().find_map(|(_, _, p)| stage_labels(p, Stage::Detect).into_iter().next());
    steps.push(step(
        StepKind::Detect,
        "Detect".into(),
        detect,
        Some(detect),
        vec![detect_text.unwrap_or_else(|| {
            if chosen.is_empty() {
                "Nothing in the plan recovers the data in this scenario (see Decide).".into()
            } else {
                "Nothing to wait for: every data store here recovers by itself.".into()
            }
        })],
        detect_commands(plan, s.scenario),
    ));
    let mut decide_text = decide::text(plan, s, &chosen, names);
    let mut decide_commands = Vec::new();
    if s.scenario == Scenario::Deletion {
        decide_commands.push("RESTORE_TIME=\"${RESTORE_TIME:?set RESTORE_TIME to the last good moment in UTC, e.g. 2026-01-31T09:55:00Z}\"".into());
    }
    if s.scenario == Scenario::AccountCompromise {
        decide_text.push(String::new());
        decide_text.push("Work from a clean account or freshly issued credentials: revoke the attacker's sessions and keys before restoring anything.".into());
    }
    steps.push(step(
        StepKind::Decide,
        "Decide".into(),
        Range::ZERO,
        Some(detect),
        decide_text,
        decide_commands,
    ));
    let mut restored = detect;
    let mut verify = Vec::new();
    let mut cleanup = Vec::new();
    for (component, outcome, path) in &chosen {
        let start = stage_sum(path, Stage::Detect);
        let minutes = stage_sum(path, Stage::Restore);
        let done = start.plus(minutes);
        restored = later(restored, done);
        let c = commands::for_path(plan, component, path, s.scenario == Scenario::Deletion, names);
        let mut text = stage_labels(path, Stage::Restore);
        text.push(String::new());
        let alongside = if chosen.len() > 1 { "Runs alongside the other restores; t" } else { "T" };
        text.push(format!(
            "{alongside}arget RTO of this data store: {}.",
            outcome
                .target
                .map_or("none".into(), |t| crate::recovery::fmt_minutes(t.rto_minutes as f64))
        ));
        steps.push(step(
            StepKind::Restore,
            match path.mechanism {
                crate::recovery::Mechanism::Automatic => format!(
                    "{}: recovers by itself ({})",
                    crate::export::text::code_span(&outcome.component),
                    crate::export::text::markdown_text(&path.name)
                ),
                _ => format!(
                    "Restore {} from {}",
                    crate::export::text::code_span(&outcome.component),
                    crate::export::text::markdown_text(&path.name)
                ),
            },
            minutes,
            Some(done),
            text,
            c.restore,
        ));
        verify.extend(c.verify);
        cleanup.extend(c.cleanup);
    }
    let mut total = restored;
    if let Some((_, _, path)) = chosen.first() {
        let redeploy = stage_sum(path, Stage::Redeploy);
        if !stage_labels(path, Stage::Redeploy).is_empty() {
            total = total.plus(redeploy);
            steps.push(step(
                StepKind::Redeploy,
                "Redeploy the stacks in a clean account".into(),
                redeploy,
                Some(total),
                stage_labels(path, Stage::Redeploy),
                redeploy_commands(names.target()),
            ));
        }
        let cutover = stage_sum(path, Stage::Cutover);
        if !stage_labels(path, Stage::Cutover).is_empty() {
            total = total.plus(cutover);
            steps.push(step(
                StepKind::Cutover,
                "Cut over (Route 53)".into(),
                cutover,
                Some(total),
                stage_labels(path, Stage::Cutover),
                cutover_commands(plan, model, s.scenario, names),
            ));
        }
    }
    if !verify.is_empty() {
        steps.push(step(StepKind::Verify, "Verify".into(), Range::ZERO, Some(total), vec!["Check each restored data store before declaring recovery (the model counts this within the restore steps).".into()], verify));
    }
    if !cleanup.is_empty() {
        steps.push(step(StepKind::Cleanup, "Clean up".into(), Range::ZERO, None, vec!["After the recovery or a drill: delete what the restores created, so nothing keeps billing. Not counted in the RTO.".into()], cleanup));
    }
    steps
}

fn detect_commands(plan: &Plan, scenario: Scenario) -> Vec<String> {
    let region = shell::word(&plan.primary_region);
    let mut out = vec![format!("aws cloudwatch describe-alarms --region {region} --state-value ALARM --query 'MetricAlarms[].[AlarmName,StateReason]' --output text")];
    match scenario {
        Scenario::RegionLoss | Scenario::AzLoss => out.push(format!("aws health describe-events --region us-east-1 --filter regions={region},eventStatusCodes=open --query 'events[].[service,eventTypeCode,availabilityZone]' --output text")),
        Scenario::AccountCompromise => out.push(format!("aws cloudtrail lookup-events --region {region} --max-results 50 --query 'Events[].[EventTime,EventName,Username]' --output text")),
        Scenario::Deletion => {}
    }
    out
}

fn redeploy_commands(target: Target) -> Vec<String> {
    let mut out = vec!["# With credentials of the clean account, in this bundle's directory (README.md, Deploy, has every step and input):".to_string()];
    out.push(match target {
        Target::Terraform => "terraform init && terraform apply".into(),
        Target::CdkPython | Target::CdkTypescript => "npx cdk deploy --all".into(),
        Target::Cloudformation => {
            "# run the README's aws cloudformation deploy commands, DR stack first".into()
        }
    });
    out
}

fn cutover_commands(
    plan: &Plan,
    model: &InfraModel,
    scenario: Scenario,
    names: &mut Names,
) -> Vec<String> {
    use crate::export::model::Kind;
    let dns = plan.components.iter().find_map(|c| match c {
        crate::plan::Component::DnsFailover(d) => Some(d),
        _ => None,
    });
    let secondary = model.resources.iter().find_map(|r| match &r.kind {
        Kind::RecordSet(rec) if rec.failover == "SECONDARY" => Some((r.stack, rec.clone())),
        _ => None,
    });
    let mut out = Vec::new();
    if let (Some(d), Some((stack, rec)), Scenario::RegionLoss) = (dns, &secondary, scenario) {
        // The same choice the recovery model makes: Route 53 fails over by itself
        // unless repointing by hand is quicker.
        let checks =
            d.request_interval_seconds.max(1) as f64 * d.failure_threshold.max(1) as f64 / 60.0;
        let automatic = (plan.recovery.manual_cutover_minutes as f64) >= checks.max(15.0);
        let health = names.of(&d.id, names::Want::HealthCheck);
        out.push(format!("aws route53 get-health-check-status --health-check-id \"${health}\" --query 'HealthCheckObservations[].[Region,StatusReport.Status]' --output text"));
        if let (Some(zone), Some(record)) =
            (names.static_text(&rec.zone_id, *stack), names.static_text(&rec.name, *stack))
        {
            out.push(format!("aws route53 test-dns-answer --hosted-zone-id \"{zone}\" --record-name \"{record}\" --record-type CNAME"));
        }
        if automatic {
            out.push("# Route 53 answers with the SECONDARY record once the health check fails: nothing to run.".into());
            return out;
        }
    }
    out.push("# Repoint the application's name at the DR endpoint by hand (in the clean account's hosted zone after a compromise).".into());
    out.push("printf '{\"Changes\":[{\"Action\":\"UPSERT\",\"ResourceRecordSet\":{\"Name\":\"%s\",\"Type\":\"CNAME\",\"TTL\":60,\"ResourceRecords\":[{\"Value\":\"%s\"}]}}]}' \"${RECORD_NAME:?set RECORD_NAME to the application name}\" \"${DR_ENDPOINT:?set DR_ENDPOINT to the DR endpoint host name}\" > cutover.json".into());
    out.push("aws route53 change-resource-record-sets --hosted-zone-id \"${HOSTED_ZONE_ID:?set HOSTED_ZONE_ID}\" --change-batch file://cutover.json".into());
    out
}

/// RUNBOOK.md for `target`'s bundle of `plan`.
pub fn file(plan: &Plan, model: &InfraModel, target: Target) -> crate::export::GeneratedFile {
    crate::export::GeneratedFile::new("RUNBOOK.md", render(&build(plan, model, target)))
}

// Shared by the command writers (`commands`, `account`): kept here, above both, so
// neither leaf reaches into the other.

/// What the runbook says and runs for one component's path.
#[derive(Default)]
pub struct Commands {
    pub restore: Vec<String>,
    pub verify: Vec<String>,
    pub cleanup: Vec<String>,
    /// Where the last good copy is, in words.
    pub last_good: String,
}

/// The Glacier tier a restore of `class` uses: the plan's, except that Deep Archive
/// has no expedited tier (S3 user guide), as the recovery model assumes.
pub(super) fn tier(plan: &Plan, class: crate::plan::StorageClass) -> &'static str {
    match (plan.recovery.archive_retrieval, class) {
        (crate::plan::RetrievalTier::Bulk, _) => "Bulk",
        (
            crate::plan::RetrievalTier::Expedited,
            crate::plan::StorageClass::GlacierFlexibleRetrieval,
        ) => "Expedited",
        _ => "Standard",
    }
}
