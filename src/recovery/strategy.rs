//! The plan's disaster-recovery strategy in AWS Well-Architected terms, derived from
//! what its data components keep outside the primary region.
//!
//! The DR whitepaper orders four strategies by how much runs in the DR region:
//! backup & restore (copies only; RPO/RTO in hours), pilot light (data replicated
//! live, the rest started on failover; tens of minutes), warm standby (a scaled-down
//! copy running; minutes) and multi-site active/active (both regions serve; near
//! zero). A plan is as strong as its weakest data component, so the strategy is the
//! one its least-replicated component allows. Route 53 failover records need a
//! running secondary endpoint, so their presence is read as a standby stack.

use std::fmt::Write as _;

use super::backup::protecting;
use super::context::Ctx;
use super::{Strategy, StrategyAssessment};
use crate::plan::Component;

/// What a component keeps outside the primary region, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    Nothing,
    Copies,
    Live,
    /// Accepts writes in every region (DynamoDB global tables).
    MultiWriter,
}

fn reach(ctx: &Ctx, component: &Component) -> (Reach, &'static str) {
    let backup_copy = ctx.dr_region.is_some()
        && protecting(ctx, component.id()).any(|p| p.rules.iter().any(|r| r.copy_to_dr.is_some()));
    let native = match component {
        Component::S3Bucket(b)
            if b.replication.is_some() && b.versioning.enabled && ctx.dr_region.is_some() =>
        {
            Some((Reach::Live, "cross-region replication"))
        }
        Component::DynamodbTable(t)
            if t.global_table.as_ref().is_some_and(|g| {
                ctx.other_region(g.replica_region.as_deref().or(ctx.dr_region)).is_some()
            }) =>
        {
            Some((Reach::MultiWriter, "global table"))
        }
        Component::RdsInstance(r)
            if ctx.dr_region.is_some()
                && (r.cross_region_backups.is_some()
                    || r.manual_snapshots.as_ref().is_some_and(|s| s.copy_to_dr_region)) =>
        {
            Some((Reach::Copies, "cross-region backups"))
        }
        _ => None,
    };
    match native {
        Some(found) => found,
        None if backup_copy => (Reach::Copies, "AWS Backup copies"),
        None => (Reach::Nothing, "nothing"),
    }
}

pub fn derive(ctx: &Ctx) -> StrategyAssessment {
    let data: Vec<&Component> = ctx.plan.components.iter().filter(|c| c.holds_data()).collect();
    let reaches: Vec<(Reach, &str, &str)> = data
        .iter()
        .map(|c| {
            let (r, how) = reach(ctx, c);
            (r, c.id(), how)
        })
        .collect();
    let Some(weakest) = reaches.iter().map(|r| r.0).min() else {
        return StrategyAssessment {
            strategy: Strategy::None,
            why: "the plan holds no data".into(),
        };
    };
    // Written into one text (a plan of 200 buckets lists 200).
    let list = |filter: &dyn Fn(Reach) -> bool| {
        let mut out = String::new();
        for r in reaches.iter().filter(|r| filter(r.0)) {
            if !out.is_empty() {
                out.push_str(", ");
            }
            let _ = write!(out, "{} ({})", r.1, r.2);
        }
        out
    };
    let dr = ctx.dr_region.unwrap_or("the DR region");
    let (strategy, why) = match (weakest, ctx.dns.is_some()) {
        (Reach::Nothing, _) => {
            let bare: Vec<&str> = reaches.iter().filter(|r| r.0 == Reach::Nothing).map(|r| r.1).collect();
            let covered = list(&|r| r > Reach::Nothing);
            let tail = if covered.is_empty() { String::new() } else { format!(" (copies elsewhere: {covered})") };
            (Strategy::None, format!("{} {} no copy outside {}, so region loss is not recoverable{tail}", bare.join(", "), if bare.len() == 1 { "keeps" } else { "keep" }, ctx.plan.primary_region))
        }
        (Reach::Copies, _) => (Strategy::BackupAndRestore, format!("{dr} holds backup copies that must be restored: {}", list(&|r| r == Reach::Copies))),
        (Reach::Live, false) | (Reach::MultiWriter, false) => {
            (Strategy::PilotLight, format!("data is replicated live to {dr} ({}) but no Route 53 failover moves traffic: the rest starts on failover", list(&|_| true)))
        }
        (Reach::Live, true) => (Strategy::WarmStandby, format!("data is replicated live to {dr} ({}) and Route 53 fails over to a standby endpoint", list(&|_| true))),
        (Reach::MultiWriter, true) => (Strategy::MultiSite, format!("every data component accepts writes in both regions ({}) and Route 53 routes between them", list(&|_| true))),
    };
    StrategyAssessment { strategy, why }
}
