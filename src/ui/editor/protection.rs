//! Editors of the kinds that protect or orchestrate: AWS Backup plans, Lambda
//! functions and schedules, with pickers for the components they refer to.

use std::sync::Arc;

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::*;
use crate::plan::*;
use crate::ui::fields::{
    diagnostics, next_id, Choice, Field, Lens, NumberField, OptionalField, Toggle, WholeField,
};
use crate::ui::state::use_state;

fn path(index: usize, field: &str) -> String {
    format!("components[{index}].{field}")
}

/// Ids of the plan's components of the given kinds, reactively.
fn ids_of(kinds: &'static [ComponentKind]) -> Memo<Vec<String>> {
    let state = use_state();
    Memo::new(move |_| {
        state.plan.with(|p| {
            p.components
                .iter()
                .filter(|c| kinds.contains(&c.kind()))
                .map(|c| c.id().to_string())
                .collect()
        })
    })
}

/// Checkboxes choosing a set of components.
#[component]
pub fn RefChecklist(
    label: &'static str,
    path: String,
    kinds: &'static [ComponentKind],
    lens: Lens<Vec<String>>,
) -> impl IntoView {
    let state = use_state();
    let candidates = ids_of(kinds);
    let (get, set) = (lens.get.clone(), lens.set.clone());
    let chosen = Memo::new(move |_| state.plan.with(|p| get(p)).unwrap_or_default());
    let messages_path = path.clone();
    view! {
        <fieldset class="group refs" data-path=path>
            <legend>{label}</legend>
            {move || {
                let list = candidates.get();
                if list.is_empty() {
                    return view! { <p class="hint">"No matching components in this plan yet."</p> }.into_any();
                }
                list.into_iter().map(|id| {
                    let box_id = next_id("ref");
                    let (id_for_check, id_for_change, set) = (id.clone(), id.clone(), set.clone());
                    view! {
                        <span class="check">
                            <input type="checkbox" id=box_id.clone() prop:checked=move || chosen.with(|c| c.contains(&id_for_check))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let mut next = chosen.get_untracked();
                                    next.retain(|x| *x != id_for_change);
                                    if on { next.push(id_for_change.clone()); }
                                    state.edit(format!("{} {id_for_change} in {label}", if on { "tick" } else { "untick" }), |p| set(p, next));
                                } />
                            <label for=box_id>{id}</label>
                        </span>
                    }
                }).collect_view().into_any()
            }}
            <div class="messages" aria-live="polite">{move || diagnostics(state.messages_at(&messages_path))}</div>
        </fieldset>
    }
}

/// A drop-down choosing one component of the given kinds, or none.
#[component]
pub fn RefChoice(
    label: &'static str,
    path: String,
    kinds: &'static [ComponentKind],
    lens: Lens<Option<String>>,
    #[prop(optional)] none_label: &'static str,
) -> impl IntoView {
    let state = use_state();
    let candidates = ids_of(kinds);
    let (get, set) = (lens.get.clone(), lens.set.clone());
    let current = Memo::new(move |_| state.plan.with(|p| get(p)).flatten().unwrap_or_default());
    let id = next_id("refc");
    let none_label = if none_label.is_empty() { "none" } else { none_label };
    let data_path = path.clone();
    view! {
        <div class="field" data-path=data_path>
            <label for=id.clone()>{label}</label>
            <div class="control">
                <select id=id on:change=move |ev| { let v = event_target_value(&ev); state.edit(format!("choose {label}"), |p| set(p, (!v.is_empty()).then_some(v))); }>
                    <option value="" selected=move || current.get().is_empty()>{none_label}</option>
                    {move || {
                        let mut list = candidates.get();
                        let now = current.get();
                        // A dangling reference stays visible so the user sees what to fix.
                        if !now.is_empty() && !list.contains(&now) { list.push(now.clone()); }
                        list.into_iter().map(|c| { let (c2, value) = (c.clone(), c.clone()); view! { <option value=value selected=move || current.get() == c2>{c}</option> } }).collect_view()
                    }}
                </select>
            </div>
            <div class="messages" aria-live="polite">{move || diagnostics(state.messages_at(&path))}</div>
        </div>
    }
}

pub(crate) const DATA_KINDS: &[ComponentKind] = &[
    ComponentKind::S3Bucket,
    ComponentKind::DynamodbTable,
    ComponentKind::RdsInstance,
    ComponentKind::AuroraCluster,
];
const TOPICS: &[ComponentKind] = &[ComponentKind::SnsTopic];
const LAMBDAS: &[ComponentKind] = &[ComponentKind::LambdaFunction];

fn rule_lens<T: 'static>(
    i: usize,
    j: usize,
    get: fn(&BackupRule) -> T,
    set: fn(&mut BackupRule, T),
) -> Lens<T> {
    Lens::component_opt(
        i,
        backup,
        backup_mut,
        move |p| p.rules.get(j).map(get),
        move |p, v| {
            if let Some(r) = p.rules.get_mut(j) {
                set(r, v)
            }
        },
    )
}

fn frequency_options() -> Vec<(String, String)> {
    [
        (60, "hourly"),
        (120, "every 2 hours"),
        (240, "every 4 hours"),
        (360, "every 6 hours"),
        (720, "every 12 hours"),
        (1440, "daily"),
        (10080, "weekly"),
    ]
    .iter()
    .map(|(m, l)| (m.to_string(), l.to_string()))
    .collect()
}

fn rule_editor(i: usize, j: usize) -> impl IntoView {
    let state = use_state();
    let p = move |f: &str| path(i, &format!("rules[{j}].{f}"));
    view! {
        <fieldset class="group rule">
            <legend>{format!("Rule {}", j + 1)}</legend>
            <Field label="Name" path=p("name") lens=rule_lens(i, j, |r| r.name.clone(), |r, v| r.name = v) />
            <Choice label="Frequency" path=p("frequency_minutes") options=frequency_options()
                lens=rule_lens(i, j, |r| r.frequency_minutes.to_string(), |r, v: String| if let Ok(m) = v.parse() { r.frequency_minutes = m }) />
            <WholeField label="Start hour" unit="UTC" path=p("start_hour_utc") lens=rule_lens(i, j, |r| r.start_hour_utc, |r, v| r.start_hour_utc = v) />
            <Toggle label="Continuous backup (point-in-time restore)" path=p("continuous") lens=rule_lens(i, j, |r| r.continuous, |r, v| r.continuous = v) />
            <WholeField label="Keep" unit="days" path=p("retention_days") lens=rule_lens(i, j, |r| r.retention_days, |r, v| r.retention_days = v) />
            <OptionalField label="Move to cold storage after" unit="days" path=p("cold_storage_after_days") lens=rule_lens(i, j, |r| r.cold_storage_after_days, |r, v| r.cold_storage_after_days = v) />
            <Optional label="Copy to the DR region" path=p("copy_to_dr") lens=rule_lens(i, j, |r| r.copy_to_dr.is_some(), |r, on| r.copy_to_dr = on.then(CrossRegionCopy::default))>
                <WholeField label="Keep copies" unit="days" path=p("copy_to_dr.retention_days")
                    lens=Lens::component_opt(i, backup, backup_mut, move |b| b.rules.get(j).and_then(|r| r.copy_to_dr.as_ref()).map(|c| c.retention_days),
                        move |b, v| if let Some(c) = b.rules.get_mut(j).and_then(|r| r.copy_to_dr.as_mut()) { c.retention_days = v }) />
            </Optional>
            <button type="button" class="small danger" on:click=move |_| { state.edit(format!("remove rule {}", j + 1), |plan| {
                if let Some(b) = plan.components.get_mut(i).and_then(backup_mut) { if j < b.rules.len() { b.rules.remove(j); } }
            }); }>"Remove rule"</button>
        </fieldset>
    }
}

pub fn backup_plan(i: usize) -> impl IntoView {
    let state = use_state();
    let rule_count = Memo::new(move |_| {
        state.plan.with(|p| p.components.get(i).and_then(backup).map_or(0, |b| b.rules.len()))
    });
    let lock = move |get: fn(&VaultLock) -> u32, set: fn(&mut VaultLock, u32)| {
        Lens::component_opt(
            i,
            backup,
            backup_mut,
            move |b| b.vault_lock.as_ref().map(get),
            move |b, v| {
                if let Some(l) = &mut b.vault_lock {
                    set(l, v)
                }
            },
        )
    };
    view! {
        <RefChecklist label="Protects" path=path(i, "protects") kinds=DATA_KINDS lens=Lens::component(i, backup, backup_mut, |b| b.protects.clone(), |b, v| b.protects = v) />
        <RefChoice label="Notify on failed jobs" path=path(i, "notify_topic") kinds=TOPICS lens=Lens::component(i, backup, backup_mut, |b| b.notify_topic.clone(), |b, v| b.notify_topic = v) />
        {move || (0..rule_count.get()).map(|j| rule_editor(i, j)).collect_view()}
        <button type="button" class="small" on:click=move |_| { state.edit("add a backup rule", |p| {
            if let Some(b) = p.components.get_mut(i).and_then(backup_mut) {
                let name = (1..).map(|n| format!("rule-{n}")).find(|n| !b.rules.iter().any(|r| r.name == *n)).unwrap_or_default();
                b.rules.push(BackupRule { name, ..BackupRule::default() });
            }
        }); }>"Add rule"</button>
        <Optional label="Vault lock" path=path(i, "vault_lock") lens=Lens::component(i, backup, backup_mut, |b| b.vault_lock.is_some(), |b, on| b.vault_lock = on.then(VaultLock::default))>
            <Choice label="Mode" path=path(i, "vault_lock.mode") options=options(&[(VaultLockMode::Governance, "governance"), (VaultLockMode::Compliance, "compliance (nobody can delete early)")])
                lens=as_id(Lens::component_opt(i, backup, backup_mut, |b| b.vault_lock.as_ref().map(|l| l.mode), |b, v| if let Some(l) = &mut b.vault_lock { l.mode = v })) />
            <WholeField label="Minimum retention" unit="days" path=path(i, "vault_lock.min_retention_days") lens=lock(|l| l.min_retention_days, |l, v| l.min_retention_days = v) />
            <WholeField label="Maximum retention" unit="days" path=path(i, "vault_lock.max_retention_days") lens=lock(|l| l.max_retention_days, |l, v| l.max_retention_days = v) />
        </Optional>
    }
}

/// Checkboxes for the Lambda's tasks.
fn task_checklist(i: usize) -> impl IntoView {
    let state = use_state();
    let tasks = [
        (LambdaTask::Snapshot, "snapshot"),
        (LambdaTask::Export, "export to S3"),
        (LambdaTask::Cleanup, "clean up old snapshots"),
        (LambdaTask::Verify, "verify and publish metrics"),
        (LambdaTask::Copy, "copy a bucket prefix into the target bucket"),
    ];
    let messages_path = path(i, "tasks");
    let data_path = messages_path.clone();
    view! {
        <fieldset class="group refs" data-path=data_path>
            <legend>"Tasks"</legend>
            {tasks.into_iter().map(|(task, label)| {
                let box_id = next_id("task");
                view! {
                    <span class="check">
                        <input type="checkbox" id=box_id.clone()
                            prop:checked=move || state.plan.with(|p| p.components.get(i).and_then(lambda).is_some_and(|f| f.tasks.contains(&task)))
                            on:change=move |ev| { let on = event_target_checked(&ev); state.edit(format!("{} the {label} task", if on { "tick" } else { "untick" }), |p| if let Some(f) = p.components.get_mut(i).and_then(lambda_mut) {
                                f.tasks.retain(|t| *t != task);
                                if on { f.tasks.push(task); f.tasks.sort(); }
                            }); } />
                        <label for=box_id>{label}</label>
                    </span>
                }
            }).collect_view()}
            <div class="messages" aria-live="polite">{move || diagnostics(state.messages_at(&messages_path))}</div>
        </fieldset>
    }
}

pub fn lambda_function(i: usize) -> impl IntoView {
    let w = move |get: fn(&LambdaFunction) -> u32, set: fn(&mut LambdaFunction, u32)| {
        Lens::component(i, lambda, lambda_mut, get, set)
    };
    view! {
        {task_checklist(i)}
        <RefChecklist label="Acts on" path=path(i, "targets") kinds=DATA_KINDS lens=Lens::component(i, lambda, lambda_mut, |f| f.targets.clone(), |f, v| f.targets = v) />
        <WholeField label="Memory" unit="MB" path=path(i, "memory_mb") lens=w(|f| f.memory_mb, |f, v| f.memory_mb = v) />
        <NumberField label="Average run" unit="seconds" path=path(i, "average_duration_seconds") lens=Lens::component(i, lambda, lambda_mut, |f| f.average_duration_seconds, |f, v| f.average_duration_seconds = v) />
        <WholeField label="Timeout" unit="seconds" path=path(i, "timeout_seconds") lens=w(|f| f.timeout_seconds, |f, v| f.timeout_seconds = v) />
        <Choice label="Architecture" path=path(i, "architecture") options=options(&[(Architecture::X86_64, "x86_64"), (Architecture::Arm64, "arm64 (Graviton)")])
            lens=as_id(Lens::component(i, lambda, lambda_mut, |f| f.architecture, |f, v| f.architecture = v)) />
        <NumberField label="Other runs" unit="per month" path=path(i, "extra_invocations_per_month") lens=Lens::component(i, lambda, lambda_mut, |f| f.extra_invocations_per_month, |f, v| f.extra_invocations_per_month = v) />
        <WholeField label="Log retention" unit="days" path=path(i, "log_retention_days") lens=w(|f| f.log_retention_days, |f, v| f.log_retention_days = v) />
        <RefChoice label="Notify on failure" path=path(i, "notify_topic") kinds=TOPICS lens=Lens::component(i, lambda, lambda_mut, |f| f.notify_topic.clone(), |f, v| f.notify_topic = v) />
        <OptionalField label="Reserved concurrency (none: the account's shared pool)" unit="executions" path=path(i, "reserved_concurrency")
            lens=Lens::component(i, lambda, lambda_mut, |f| f.reserved_concurrency, |f, v| f.reserved_concurrency = v) />
        <Toggle label="Runs in the plan's VPC (reaches AWS through its VPC endpoints)" path=path(i, "in_vpc") lens=Lens::component(i, lambda, lambda_mut, |f| f.in_vpc, |f, v| f.in_vpc = v) />
        {copy_source(i)}
    }
}

/// Where the copy task reads; shown while the function copies (or still names a
/// source, so a diagnostic about it has its field).
fn copy_source(i: usize) -> impl IntoView {
    let state = use_state();
    let copies = Memo::new(move |_| {
        state.plan.with(|p| {
            p.components.get(i).and_then(lambda).is_some_and(|f| {
                f.tasks.contains(&LambdaTask::Copy)
                    || f.source_bucket.is_some()
                    || !f.source_prefix.is_empty()
            })
        })
    });
    view! {
        <Show when=move || copies.get()>
            <fieldset class="group">
                <legend>"What the copy task reads"</legend>
                <RefChoice label="Source bucket" path=path(i, "source_bucket") kinds=&[ComponentKind::S3Bucket] none_label="a bucket outside the plan (named at deploy time)"
                    lens=Lens::component(i, lambda, lambda_mut, |f| f.source_bucket.clone(), |f, v| f.source_bucket = v) />
                <Field label="Key prefix of scheduled runs" path=path(i, "source_prefix") placeholder="the whole bucket"
                    lens=Lens::component(i, lambda, lambda_mut, |f| f.source_prefix.clone(), |f, v| f.source_prefix = v) />
            </fieldset>
        </Show>
    }
}

pub fn schedule(i: usize) -> impl IntoView {
    let runs = {
        let state = use_state();
        Memo::new(move |_| {
            state
                .plan
                .with(|p| {
                    p.components.get(i).and_then(super::lenses::schedule).and_then(|s| {
                        crate::plan::schedule_expr::ScheduleExpr::parse(&s.expression).ok()
                    })
                })
                .map(|e| {
                    format!("{} runs a month", crate::cost::usage::fmt_qty(e.runs_per_month()))
                })
        })
    };
    view! {
        <Field label="Schedule expression" path=path(i, "expression") placeholder="cron(0 2 * * ? *)"
            lens=Lens::component(i, super::lenses::schedule, schedule_mut, |s| s.expression.clone(), |s, v| s.expression = v) />
        <p class="hint">{move || runs.get().unwrap_or_default()}</p>
        <RefChoice label="Runs" path=path(i, "target") kinds=LAMBDAS none_label="choose a function"
            lens=Lens { get: Arc::new(move |p: &Plan| p.components.get(i).and_then(super::lenses::schedule).map(|s| (!s.target.is_empty()).then(|| s.target.clone()))),
                        set: Arc::new(move |p: &mut Plan, v: Option<String>| if let Some(s) = p.components.get_mut(i).and_then(schedule_mut) { s.target = v.unwrap_or_default() }) } />
        <Field label="Backup type passed to the function" path=path(i, "backup_type") lens=Lens::component(i, super::lenses::schedule, schedule_mut, |s| s.backup_type.clone(), |s, v| s.backup_type = v) />
    }
}
