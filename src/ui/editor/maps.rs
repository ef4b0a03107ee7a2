//! Editors of the plan's maps, whose keys the user chooses: the export's inputs,
//! outputs, CDK environment variables and list inputs. One row per entry, its value
//! editable and the core's diagnostics for that entry (`export.inputs.<key>`) beside
//! it; a new entry is typed in its own row and added in one undo step. A key is never
//! edited in place (that would reorder the rows under the cursor): remove and add.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::protection::RefChecklist;
use crate::plan::{ComponentKind, Plan};
use crate::ui::fields::{next_id, Field, Lens};
use crate::ui::state::use_state;

type Entries<V> = fn(&Plan) -> &BTreeMap<String, V>;
type EntriesMut<V> = fn(&mut Plan) -> &mut BTreeMap<String, V>;

/// The keys of a map in the plan, reactively (rows are rebuilt only when they change).
fn keys_of<V: 'static>(get: Entries<V>) -> Memo<Vec<String>> {
    let state = use_state();
    Memo::new(move |_| state.plan.with(|p| get(p).keys().cloned().collect()))
}

/// The row that adds an entry: a key, optionally a first value, and Add.
#[component]
fn NewEntry(
    key_label: &'static str,
    key_placeholder: &'static str,
    /// The value's label and placeholder; none for entries added empty.
    value: Option<(&'static str, &'static str)>,
    suggestions: Option<Memo<Vec<String>>>,
    add: Arc<dyn Fn(String, String) -> Result<(), String> + Send + Sync>,
) -> impl IntoView {
    let add = StoredValue::new(add);
    let (key, text, problem) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(None::<String>));
    let (key_id, value_id, list_id) = (next_id("k"), next_id("v"), next_id("dl"));
    let submit = move || {
        let entry = key.get_untracked().trim().to_string();
        if entry.is_empty() {
            problem.set(Some(format!("enter the {}", key_label.to_lowercase())));
            return;
        }
        match add.with_value(|add| add(entry, text.get_untracked().trim().to_string())) {
            Ok(()) => {
                key.set(String::new());
                text.set(String::new());
                problem.set(None);
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    let on_enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            submit();
        }
    };
    view! {
        <div class="map-row new">
            <div class="field">
                <label for=key_id.clone()>{key_label}</label>
                <input id=key_id type="text" placeholder=key_placeholder list=suggestions.map(|_| list_id.clone())
                    prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev)) on:keydown=on_enter />
                {suggestions.map(|s| view! {
                    <datalist id=list_id.clone()>{move || s.get().into_iter().map(|o| view! { <option value=o></option> }).collect_view()}</datalist>
                })}
            </div>
            {value.map(|(label, placeholder)| view! {
                <div class="field">
                    <label for=value_id.clone()>{label}</label>
                    <input id=value_id.clone() type="text" placeholder=placeholder
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) on:keydown=on_enter />
                </div>
            })}
            <button type="button" class="small" on:click=move |_| submit()>"Add"</button>
            {move || problem.get().map(|m| view! { <p class="message error">{m}</p> })}
        </div>
    }
}

/// Inserts `key` into the map unless it is there, as one undo step.
fn adder<V: Send + Sync + 'static>(
    what: &'static str,
    get: Entries<V>,
    get_mut: EntriesMut<V>,
    make: fn(String) -> V,
) -> Arc<dyn Fn(String, String) -> Result<(), String> + Send + Sync> {
    let state = use_state();
    Arc::new(move |key, value| {
        if state.plan.with_untracked(|p| get(p).contains_key(&key)) {
            return Err(format!("{key} is listed already: change its row"));
        }
        let added = state.edit(format!("add {key} to {what}"), |p| {
            get_mut(p).insert(key.clone(), make(value));
        });
        if added {
            Ok(())
        } else {
            Err(format!("{key} was not added"))
        }
    })
}

fn remove_button<V: 'static>(
    what: &'static str,
    key: String,
    get_mut: EntriesMut<V>,
) -> impl IntoView {
    let state = use_state();
    view! {
        <button type="button" class="small danger" aria-label=format!("Remove {key} from {what}") on:click=move |_| {
            state.edit(format!("remove {key} from {what}"), |p| { get_mut(p).remove(&key); });
        }>"Remove"</button>
    }
}

/// A map of names to names (`export.inputs`, `export.outputs`, `export.cdk_environment`).
#[component]
pub fn StringMap(
    legend: &'static str,
    /// The map's path; an entry's diagnostics are at `<path>.<key>`.
    path: &'static str,
    key_label: &'static str,
    key_placeholder: &'static str,
    value_label: &'static str,
    value_placeholder: &'static str,
    get: Entries<String>,
    get_mut: EntriesMut<String>,
    #[prop(optional)] suggestions: Option<Memo<Vec<String>>>,
) -> impl IntoView {
    let keys = keys_of(get);
    let add = adder(legend, get, get_mut, |value| value);
    view! {
        <fieldset class="group map" data-path=path>
            <legend>{legend}</legend>
            {move || keys.get().into_iter().map(|key| {
                let (k1, k2) = (key.clone(), key.clone());
                let lens = Lens::<String> {
                    path: format!("{path}.{key}"),
                    get: Arc::new(move |p: &Plan| get(p).get(&k1).cloned()),
                    set: Arc::new(move |p: &mut Plan, v| if let Some(slot) = get_mut(p).get_mut(&k2) { *slot = v }),
                };
                view! {
                    <div class="map-row">
                        <code class="map-key">{key.clone()}</code>
                        <Field label=value_label lens=lens placeholder=value_placeholder />
                        {remove_button(legend, key, get_mut)}
                    </div>
                }
            }).collect_view()}
            <NewEntry key_label=key_label key_placeholder=key_placeholder value=Some((value_label, value_placeholder)) suggestions=suggestions add=add />
        </fieldset>
    }
}

/// A map of names to lists of existing RDS instances (`export.lists`).
#[component]
pub fn InstanceLists(
    legend: &'static str,
    path: &'static str,
    get: Entries<Vec<String>>,
    get_mut: EntriesMut<Vec<String>>,
) -> impl IntoView {
    let keys = keys_of(get);
    let add = adder(legend, get, get_mut, |_| Vec::new());
    view! {
        <fieldset class="group map" data-path=path>
            <legend>{legend}</legend>
            {move || keys.get().into_iter().map(|key| {
                let (k1, k2) = (key.clone(), key.clone());
                let lens = Lens::<Vec<String>> {
                    path: format!("{path}.{key}"),
                    get: Arc::new(move |p: &Plan| get(p).get(&k1).cloned()),
                    set: Arc::new(move |p: &mut Plan, v| if let Some(slot) = get_mut(p).get_mut(&k2) { *slot = v }),
                };
                view! {
                    <div class="map-row">
                        <code class="map-key">{key.clone()}</code>
                        <RefChecklist label="Instances (existing RDS)" kinds=&[ComponentKind::RdsInstance] lens=lens />
                        {remove_button(legend, key, get_mut)}
                    </div>
                }
            }).collect_view()}
            <NewEntry key_label="List input name" key_placeholder="rds_instance_ids" value=None suggestions=None add=add />
        </fieldset>
    }
}
