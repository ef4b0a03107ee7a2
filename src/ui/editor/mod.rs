//! The plan editor: plan-wide settings, and a card per component with its kind's fields.

mod account;
mod bundle;
#[cfg(test)]
pub(crate) mod coverage;
mod data;
pub(crate) mod lenses;
mod maps;
mod operations;
pub(crate) mod protection;
mod settings;

pub use bundle::BundleSettings;

use leptos::prelude::*;

use super::by_position::{shared, ByPosition};
use super::field_values::{minutes_message_in, NonNegative};
use super::fields::{next_id, Choice, Field, Lens, Reword, WholeField};
use super::state::use_state;
use crate::money::Money;
use crate::plan::regions::REGIONS;
use crate::plan::validate::{DiagnosticsByPath, MAX_COMPONENTS};
use crate::plan::{ComponentKind, Plan};
use crate::session::limits::can_add_component;
use lenses::field;

fn region_options(with_none: bool) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> =
        if with_none { vec![(String::new(), "none (single region)".into())] } else { Vec::new() };
    out.extend(REGIONS.iter().map(|(code, name)| (code.to_string(), format!("{code} ({name})"))));
    out
}

/// The largest of minutes, hours and days that shows `minutes` as a whole number.
fn best_unit(minutes: u32) -> u32 {
    match minutes {
        m if m > 0 && m % 1440 == 0 => 1440,
        m if m > 0 && m % 60 == 0 => 60,
        _ => 1,
    }
}

/// Minutes shown in a chosen unit: minutes, hours or days.
#[component]
pub(crate) fn DurationField(label: &'static str, lens: Lens<u32>) -> impl IntoView {
    let state = use_state();
    let get = lens.get.clone();
    let value = Memo::new(move |_| state.plan.with(|p| get(p)));
    // The unit the user picked or last typed in, with the value the plan held then.
    // While the plan still holds that value the unit stays; a value from elsewhere (a
    // preset, a file, a fix, undo) is shown in its own best unit. Derived, so no
    // effect writes the unit.
    let chosen = RwSignal::new(None::<(u32, Option<u32>)>);
    let unit = Memo::new(move |_| {
        let minutes = value.get();
        chosen.with(|c| match c {
            Some((unit, at)) if *at == minutes => *unit,
            _ => best_unit(minutes.unwrap_or(0)),
        })
    });
    let select_id = next_id("u");
    let (get, set) = (lens.get.clone(), lens.set.clone());
    // The field shows the value in the chosen unit; the plan keeps minutes.
    let scaled = Lens::<NonNegative> {
        path: lens.path.clone(),
        get: std::sync::Arc::new(move |p| {
            get(p).map(|m| NonNegative(m as f64 / unit.get() as f64))
        }),
        set: std::sync::Arc::new(move |p, NonNegative(v)| {
            // Never negative (refused at the field); past u32 the core's range check
            // names the value.
            let per_unit = unit.get_untracked();
            let minutes = (v * per_unit as f64).round().clamp(0.0, u32::MAX as f64) as u32;
            chosen.set(Some((per_unit, Some(minutes))));
            set(p, minutes)
        }),
    };
    let reword: Reword = std::sync::Arc::new(move |message: &str| {
        let per_unit = unit.get();
        let name = match per_unit {
            1440 => "days",
            60 => "hours",
            _ => "minutes",
        };
        minutes_message_in(message, per_unit, name)
    });
    view! {
        <div class="duration">
            <Field label=label lens=scaled inputmode="decimal" reword=reword />
            <label class="sr-only" for=select_id.clone()>{format!("{label} unit")}</label>
            <select id=select_id class="unit-picker" on:change=move |ev| chosen.set(Some((event_target_value(&ev).parse().unwrap_or(1), value.get_untracked())))>
                <option value="1" selected=move || unit.get() == 1>"minutes"</option>
                <option value="60" selected=move || unit.get() == 60>"hours"</option>
                <option value="1440" selected=move || unit.get() == 1440>"days"</option>
            </select>
        </div>
    }
}

/// Name, regions, targets, prices and horizon.
#[component]
pub fn PlanSettings() -> impl IntoView {
    let sheets: Vec<(String, String)> =
        crate::pricing::sheets().iter().map(|s| (s.id.clone(), s.title.clone())).collect();
    view! {
        <section class="panel settings" aria-labelledby="settings-title">
            <h2 id="settings-title">"Plan"</h2>
            <div class="grid">
                <Field label="Name" lens=field!(plan.name) />
                <Choice label="Primary region" options=region_options(false)
                    lens=field!(plan.primary_region) />
                <Choice label="DR region" options=region_options(true)
                    lens=lenses::as_optional_text(field!(plan.dr_region)) />
                <DurationField label="RPO target" lens=field!(plan.targets.rpo_minutes) />
                <DurationField label="RTO target" lens=field!(plan.targets.rto_minutes) />
                <div data-testid="price-sheet-picker">
                    <Choice label="Price sheet" options=sheets
                        lens=field!(plan.pricing.sheet) />
                </div>
                <WholeField label="Projection horizon" unit="months"
                    lens=field!(plan.horizon_months) />
            </div>
            <settings::MoreSettings />
            <account::BackupAccountSettings />
        </section>
    }
}

/// The list of components with add, duplicate, rename and remove.
#[component]
pub fn ComponentList() -> impl IntoView {
    let state = use_state();
    let new_kind = RwSignal::new(ComponentKind::S3Bucket);
    let add_id = next_id("add");
    // Cards are rebuilt only when components are added, removed or change kind, so
    // typing in a field never loses focus.
    let shape = Memo::new(move |_| {
        state.plan.with(|p| p.components.iter().map(|c| c.kind()).collect::<Vec<_>>())
    });
    // Adding or duplicating stops at the CLI's component limit.
    // Every card reads it: a signal set only when it changes (see [`shared`]).
    let room = shared(move || state.plan.with(can_add_component));
    let figures = CardFigures::new();
    view! {
        <section class="panel components" aria-labelledby="components-title">
            <div class="panel-head">
                <h2 id="components-title">"Components"</h2>
                <div class="add">
                    <label for=add_id.clone() class="sr-only">"Kind of component to add"</label>
                    <select id=add_id on:change=move |ev| {
                        if let Some(kind) = ComponentKind::ALL.iter().find(|k| k.id() == event_target_value(&ev)) { new_kind.set(*kind); }
                    }>
                        {ComponentKind::ALL.iter().map(|k| view! { <option value=k.id() selected=move || new_kind.get() == *k>{k.label()}</option> }).collect_view()}
                    </select>
                    <button type="button" data-testid="add-component" disabled=move || !room.get()
                        title=move || (!room.get()).then(|| format!("A plan holds at most {MAX_COMPONENTS} components, as the command line accepts."))
                        on:click=move |_| {
                            let kind = new_kind.get_untracked();
                            let mut added = 0;
                            if state.edit(format!("add a {}", kind.label()), |p| added = p.add_component(kind)) {
                                state.opened.set(Some(added));
                                state.say(format!("Added a {}.", kind.label()));
                            }
                        }>"Add"</button>
                </div>
            </div>
            <Show when=move || shape.with(Vec::is_empty)>
                <p class="empty">"No components yet: add one above, or open a preset from the gallery."</p>
            </Show>
            // Keyed by position and kind: a card's fields are bound by position, so adding
            // or removing a component renders only the cards whose position or kind
            // changed, and every other card keeps its focus and what is typed in it.
            <For each=move || shape.get().into_iter().enumerate() key=|entry| *entry let((index, kind))>
                <ComponentCard index=index kind=kind room=room figures=figures />
            </For>
        </section>
    }
}

/// What a card's header shows, per component position, derived once for every card:
/// an edit wakes only the cards whose id, cost or problem count it changed (see
/// [`ByPosition`]).
#[derive(Clone, Copy)]
struct CardFigures {
    ids: ByPosition<String>,
    monthly: ByPosition<Money>,
    problems: ByPosition<usize>,
}

impl CardFigures {
    fn new() -> CardFigures {
        let state = use_state();
        CardFigures {
            ids: ByPosition::new(move || {
                state.plan.with(|p| p.components.iter().map(|c| c.id().to_string()).collect())
            }),
            monthly: ByPosition::new(move || {
                state.estimate.with(|e| e.components.iter().map(|c| c.monthly).collect())
            }),
            problems: ByPosition::new(move || {
                state.diagnostics.with(DiagnosticsByPath::per_component)
            }),
        }
    }
}

#[component]
fn ComponentCard(
    index: usize,
    kind: ComponentKind,
    room: Signal<bool>,
    figures: CardFigures,
) -> impl IntoView {
    let state = use_state();
    // Cards start folded so a whole design fits on a projector; a new one opens.
    let open = RwSignal::new(state.opened.get_untracked() == Some(index));
    let title_id = next_id("card");
    let label_id = title_id.clone();
    let id = figures.ids.at(index);
    let cost = figures.monthly.at(index);
    let problems = figures.problems.at(index);
    // Renaming also renames the references to the component.
    let id_lens = Lens::plan_opt(
        super::fields::component_path(index, "id"),
        move |p: &Plan| p.components.get(index).map(|c| c.id().to_string()),
        move |p: &mut Plan, v: String| p.rename_component(index, &v),
    );
    view! {
        <article class="card" aria-labelledby=label_id data-testid=move || format!("component-{}", id.get())>
            <header>
                <button type="button" class="disclosure" data-testid=move || format!("open-{}", id.get()) aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                    <span id=title_id>{kind.label()}" "<code>{move || id.get()}</code></span>
                </button>
                <span class="card-cost" title="steady-state monthly cost">{move || cost.get().display_usd()}</span>
                {move || (problems.get() > 0).then(|| view! { <span class="badge warn">{format!("{} to check", problems.get())}</span> })}
                <button type="button" class="small" disabled=move || !room.get() on:click=move |_| {
                    let mut copy = None;
                    let original = id.get_untracked();
                    if state.edit(format!("duplicate {original}"), |p| copy = p.duplicate_component(index)) {
                        state.opened.set(copy);
                        state.say(format!("Duplicated {original}."));
                    }
                }>"Duplicate"</button>
                <button type="button" class="small danger" data-testid=move || format!("remove-{}", id.get()) on:click=move |_| {
                    let removed = id.get_untracked();
                    if state.edit(format!("remove {removed}"), |p| { p.remove_component(index); }) {
                        state.say(format!("Removed {removed}; references to it were removed too. Undo (Ctrl+Z) brings it back."));
                        // The card and its button are gone: focus goes to the list.
                        crate::ui::browser::focus_by_id("components-title");
                    }
                }>"Remove"</button>
            </header>
            <Show when=move || open.get()>
                <div class="card-body grid">
                    <Field label="Id (used in resource names)" lens=id_lens.clone() />
                    {match kind {
                        ComponentKind::S3Bucket => data::s3_bucket(index).into_any(),
                        ComponentKind::DynamodbTable => data::dynamodb_table(index).into_any(),
                        ComponentKind::RdsInstance => data::rds_instance(index).into_any(),
                        ComponentKind::AuroraCluster => data::aurora_cluster(index).into_any(),
                        ComponentKind::BackupPlan => protection::backup_plan(index).into_any(),
                        ComponentKind::LambdaFunction => protection::lambda_function(index).into_any(),
                        ComponentKind::Schedule => protection::schedule(index).into_any(),
                        ComponentKind::SnsTopic => operations::sns_topic(index).into_any(),
                        ComponentKind::Monitoring => operations::monitoring(index).into_any(),
                        ComponentKind::KmsKey => operations::kms_key(index).into_any(),
                        ComponentKind::VpcEndpoints => operations::vpc_endpoints(index).into_any(),
                        ComponentKind::ConfigBackup => operations::config_backup(index).into_any(),
                        ComponentKind::DnsFailover => operations::dns_failover(index).into_any(),
                    }}
                </div>
            </Show>
        </article>
    }
}
