//! The plan-wide settings beyond the basics: targets of their own per data class, the
//! recovery model's assumptions (how soon an incident is noticed, restore speed, the
//! archive retrieval tier, a manual cut-over) and the plan's notes. Folded under the
//! plan settings, with what is set and a count of what to check in the summary.

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::{as_id, field, options};
use super::DurationField;
use crate::plan::{DataClass, Objective, Plan, RetrievalTier};
use crate::ui::fields::{Choice, Field, Lens, Lines, NumberField};
use crate::ui::state::use_state;

/// Paths whose diagnostics this section shows.
const SECTION_PATHS: [&str; 3] = ["targets.by_data_class", "recovery", "notes"];

/// Target `name` of a data class, read while the class has targets of its own. Map
/// entries are keyed by the class, which `field!` does not name, so the path is built
/// here from the same name the closures use.
fn objective_lens(
    class: DataClass,
    name: &str,
    get: fn(&Objective) -> u32,
    set: fn(&mut Objective, u32),
) -> Lens<u32> {
    Lens::plan_opt(
        format!("targets.by_data_class.{}.{name}", class.id()),
        move |p: &Plan| p.targets.by_data_class.get(&class).map(get),
        move |p: &mut Plan, v| {
            if let Some(o) = p.targets.by_data_class.get_mut(&class) {
                set(o, v)
            }
        },
    )
}

/// A data class's own RPO and RTO, switched on from the plan's.
fn class_targets(class: DataClass) -> impl IntoView {
    let label = match class {
        DataClass::Critical => "Critical data has its own targets",
        DataClass::Important => "Important data has its own targets",
        DataClass::LowPriority => "Low-priority data has its own targets",
    };
    let on = Lens::plan(
        format!("targets.by_data_class.{}", class.id()),
        move |p: &Plan| p.targets.by_data_class.contains_key(&class),
        move |p, on| {
            if on {
                let plan_wide = Objective {
                    rpo_minutes: p.targets.rpo_minutes,
                    rto_minutes: p.targets.rto_minutes,
                };
                p.targets.by_data_class.entry(class).or_insert(plan_wide);
            } else {
                p.targets.by_data_class.remove(&class);
            }
        },
    );
    view! {
        <Optional label=label lens=on>
            <DurationField label="RPO target" lens=objective_lens(class, "rpo_minutes", |o| o.rpo_minutes, |o, v| o.rpo_minutes = v) />
            <DurationField label="RTO target" lens=objective_lens(class, "rto_minutes", |o| o.rto_minutes, |o, v| o.rto_minutes = v) />
        </Optional>
    }
}

fn retrieval_options() -> Vec<(String, String)> {
    options(&[
        (
            RetrievalTier::Expedited,
            "expedited: 1–5 minutes (Glacier Flexible Retrieval; Deep Archive uses standard)",
        ),
        (RetrievalTier::Standard, "standard: 3–5 hours, Deep Archive within 12 hours"),
        (RetrievalTier::Bulk, "bulk: 5–12 hours, Deep Archive within 48 hours"),
    ])
}

/// Targets per data class, recovery assumptions and notes.
#[component]
pub fn MoreSettings() -> impl IntoView {
    let state = use_state();
    let to_check = Memo::new(move |_| {
        SECTION_PATHS.iter().map(|path| state.messages_at(path).len()).sum::<usize>()
    });
    // Folded, so the components stay in view; the summary says what is set.
    let summary = Memo::new(move |_| {
        state.plan.with(|p| {
            let classes = p.targets.by_data_class.len();
            format!(
                "Targets per data class ({}) · recovery assumptions ({}) · notes ({})",
                if classes == 0 { "none".to_string() } else { format!("{classes} of their own") },
                if p.recovery.is_default() { "the defaults" } else { "changed" },
                p.notes.len()
            )
        })
    });
    view! {
        <details class="more-settings" data-testid="more-settings">
            <summary>
                {move || summary.get()}
                {move || (to_check.get() > 0).then(|| view! { <span class="badge warn">{format!("{} to check", to_check.get())}</span> })}
            </summary>
            <div class="grid">
                <fieldset class="group">
                    <legend>"Targets per data class (otherwise the plan's)"</legend>
                    {DataClass::ALL.map(class_targets).into_iter().collect_view()}
                </fieldset>
                <fieldset class="group">
                    <legend>"Recovery assumptions"</legend>
                    <DurationField label="Time to notice an incident" lens=field!(plan.recovery.detection_minutes) />
                    <NumberField label="Restore throughput" unit="GB/hour"
                        lens=field!(plan.recovery.restore_throughput_gb_per_hour) />
                    <Choice label="Archive retrieval tier" options=retrieval_options()
                        lens=as_id(field!(plan.recovery.archive_retrieval)) />
                    <DurationField label="Manual cut-over (no Route 53 failover)" lens=field!(plan.recovery.manual_cutover_minutes) />
                </fieldset>
                <div class="wide">
                    <Field label="Notes (one per line)" multiline=true placeholder="Assumptions, decisions, open questions"
                        lens=field!(plan.notes).map(Lines, |v: Lines| Some(v.0)) />
                </div>
            </div>
        </details>
    }
}
