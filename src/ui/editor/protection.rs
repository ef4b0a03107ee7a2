//! Editors of the kinds that protect or orchestrate: AWS Backup plans, Lambda
//! functions and schedules, with pickers for the components they refer to.

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::*;
use crate::plan::*;
use crate::ui::fields::{
    diagnostics, next_id, Choice, Field, Lens, NumberField, OptionalField, Toggle, WholeField,
};
use crate::ui::state::use_state;

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
    kinds: &'static [ComponentKind],
    lens: Lens<Vec<String>>,
) -> impl IntoView {
    let path = lens.path.clone();
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
    kinds: &'static [ComponentKind],
    lens: Lens<Option<String>>,
    #[prop(optional)] none_label: &'static str,
) -> impl IntoView {
    let path = lens.path.clone();
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
    view! {
        <fieldset class="group rule">
            <legend>{format!("Rule {}", j + 1)}</legend>
            <Field label="Name" lens=field!(i, BackupPlan, rules[j].name) />
            <Choice label="Frequency" options=frequency_options()
                lens=field!(i, BackupPlan, rules[j].frequency_minutes).map(|m| m.to_string(), |v: String| v.parse().ok()) />
            <WholeField label="Start hour" unit="UTC" lens=field!(i, BackupPlan, rules[j].start_hour_utc) />
            <Toggle label="Continuous backup (point-in-time restore)" lens=field!(i, BackupPlan, rules[j].continuous) />
            <WholeField label="Keep" unit="days" lens=field!(i, BackupPlan, rules[j].retention_days) />
            <OptionalField label="Move to cold storage after" unit="days" lens=field!(i, BackupPlan, rules[j].cold_storage_after_days) />
            <Optional label="Copy to the DR region" lens=field!(i, BackupPlan, rules[j].copy_to_dr?)>
                <WholeField label="Keep copies" unit="days"
                    lens=field!(i, BackupPlan, rules[j].copy_to_dr?.retention_days) />
            </Optional>
            <Optional label="Copy to the backup account" lens=field!(i, BackupPlan, rules[j].copy_to_backup_account?)>
                <WholeField label="Keep copies" unit="days"
                    lens=field!(i, BackupPlan, rules[j].copy_to_backup_account?.retention_days) />
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
    view! {
        <RefChecklist label="Protects" kinds=DATA_KINDS lens=field!(i, BackupPlan, protects) />
        <RefChoice label="Notify on failed jobs" kinds=TOPICS lens=field!(i, BackupPlan, notify_topic) />
        <For each=move || 0..rule_count.get() key=|j| *j let:j>{rule_editor(i, j)}</For>
        <button type="button" class="small" on:click=move |_| { state.edit("add a backup rule", |p| {
            if let Some(b) = p.components.get_mut(i).and_then(backup_mut) {
                let name = (1..).map(|n| format!("rule-{n}")).find(|n| !b.rules.iter().any(|r| r.name == *n)).unwrap_or_default();
                b.rules.push(BackupRule { name, ..BackupRule::default() });
            }
        }); }>"Add rule"</button>
        <Optional label="Vault lock" lens=field!(i, BackupPlan, vault_lock?)>
            <Choice label="Mode" options=options(&[(VaultLockMode::Governance, "governance"), (VaultLockMode::Compliance, "compliance (nobody can delete early)")])
                lens=as_id(field!(i, BackupPlan, vault_lock?.mode)) />
            <WholeField label="Minimum retention" unit="days" lens=field!(i, BackupPlan, vault_lock?.min_retention_days) />
            <WholeField label="Maximum retention" unit="days" lens=field!(i, BackupPlan, vault_lock?.max_retention_days) />
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
    let messages_path = crate::ui::fields::component_path(i, "tasks");
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
    view! {
        {task_checklist(i)}
        <RefChecklist label="Acts on" kinds=DATA_KINDS lens=field!(i, LambdaFunction, targets) />
        <WholeField label="Memory" unit="MB" lens=field!(i, LambdaFunction, memory_mb) />
        <NumberField label="Average run" unit="seconds" lens=field!(i, LambdaFunction, average_duration_seconds) />
        <WholeField label="Timeout" unit="seconds" lens=field!(i, LambdaFunction, timeout_seconds) />
        <Choice label="Architecture" options=options(&[(Architecture::X86_64, "x86_64"), (Architecture::Arm64, "arm64 (Graviton)")])
            lens=as_id(field!(i, LambdaFunction, architecture)) />
        <NumberField label="Other runs" unit="per month" lens=field!(i, LambdaFunction, extra_invocations_per_month) />
        <WholeField label="Log retention" unit="days" lens=field!(i, LambdaFunction, log_retention_days) />
        <RefChoice label="Notify on failure" kinds=TOPICS lens=field!(i, LambdaFunction, notify_topic) />
        <OptionalField label="Reserved concurrency (none: the account's shared pool)" unit="executions"
            lens=field!(i, LambdaFunction, reserved_concurrency) />
        <Toggle label="Runs in the plan's VPC (reaches AWS through its VPC endpoints)" lens=field!(i, LambdaFunction, in_vpc) />
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
                <RefChoice label="Source bucket" kinds=&[ComponentKind::S3Bucket] none_label="a bucket outside the plan (named at deploy time)"
                    lens=field!(i, LambdaFunction, source_bucket) />
                <Field label="Key prefix of scheduled runs" placeholder="the whole bucket"
                    lens=field!(i, LambdaFunction, source_prefix) />
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
        <Field label="Schedule expression" placeholder="cron(0 2 * * ? *)"
            lens=field!(i, Schedule, expression) />
        <p class="hint">{move || runs.get().unwrap_or_default()}</p>
        <RefChoice label="Runs" kinds=LAMBDAS none_label="choose a function"
            lens=field!(i, Schedule, target).map(|t| (!t.is_empty()).then_some(t), |v: Option<String>| Some(v.unwrap_or_default())) />
        <Field label="Backup type passed to the function" lens=field!(i, Schedule, backup_type) />
    }
}
