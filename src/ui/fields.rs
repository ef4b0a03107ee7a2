//! Form fields bound to one value of the plan through a [`Lens`]. Each keeps the text
//! the user typed, writes the plan only when the text parses, and shows at the field
//! both its own parse error and the core's diagnostics for its path.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use super::browser::now_ms;
use super::state::use_state;
use crate::plan::{Component, Plan};
use crate::session::Change;

pub use super::field_values::{FieldValue, Lines};

type Getter<T> = Arc<dyn Fn(&Plan) -> Option<T> + Send + Sync>;
type Setter<T> = Arc<dyn Fn(&mut Plan, T) + Send + Sync>;

/// Reads and writes one value of a plan, and names it: `path` is where the core's
/// diagnostics about the value point (`components[2].stored_gb`), so the field shows
/// them. Build lenses with [`crate::ui::editor::lenses::field!`], which takes the path
/// and both closures from one written path, so the messages cannot point elsewhere
/// than the value the field edits.
pub struct Lens<T> {
    pub path: String,
    pub get: Getter<T>,
    pub set: Setter<T>,
}

impl<T> Clone for Lens<T> {
    fn clone(&self) -> Self {
        Lens { path: self.path.clone(), get: self.get.clone(), set: self.set.clone() }
    }
}

/// The path of component `index`'s value `field` (`components[2].lifecycle.glacier_days`).
pub fn component_path(index: usize, field: &str) -> String {
    format!("components[{index}].{field}")
}

impl<T: 'static> Lens<T> {
    /// A value of the plan itself.
    pub fn plan(
        path: impl Into<String>,
        get: impl Fn(&Plan) -> T + Send + Sync + 'static,
        set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
    ) -> Lens<T> {
        Lens { path: path.into(), get: Arc::new(move |p| Some(get(p))), set: Arc::new(set) }
    }

    /// A value of the plan that may be absent (inside an optional part).
    pub fn plan_opt(
        path: impl Into<String>,
        get: impl Fn(&Plan) -> Option<T> + Send + Sync + 'static,
        set: impl Fn(&mut Plan, T) + Send + Sync + 'static,
    ) -> Lens<T> {
        Lens { path: path.into(), get: Arc::new(get), set: Arc::new(set) }
    }

    /// Value `field` of component `index`, when it is of kind `K`. The accessors are
    /// plain functions (what [`crate::ui::editor::lenses::field!`] passes), so this
    /// lens's code is compiled once per kind and value type, not once per field.
    pub fn of<K: Part>(index: usize, field: &str, get: fn(&K) -> T, set: fn(&mut K, T)) -> Lens<T> {
        Lens::of_opt(index, field, move |k| Some(get(k)), set)
    }

    /// Like [`Lens::of`] for a value that may be absent (inside an optional part).
    pub fn of_opt<K: Part>(
        index: usize,
        field: &str,
        get: impl Fn(&K) -> Option<T> + Send + Sync + 'static,
        set: fn(&mut K, T),
    ) -> Lens<T> {
        Lens {
            path: component_path(index, field),
            get: Arc::new(move |p| p.components.get(index).and_then(K::pick).and_then(&get)),
            set: Arc::new(move |p, v| {
                if let Some(k) = p.components.get_mut(index).and_then(K::pick_mut) {
                    set(k, v)
                }
            }),
        }
    }

    /// Like [`Lens::of_opt`] for a value of item `item` of one of the component's
    /// lists: the accessors take the item's position.
    pub fn of_item<K: Part>(
        index: usize,
        item: usize,
        field: &str,
        get: fn(&K, usize) -> Option<T>,
        set: fn(&mut K, usize, T),
    ) -> Lens<T> {
        Lens {
            path: component_path(index, field),
            get: Arc::new(move |p| {
                p.components.get(index).and_then(K::pick).and_then(|k| get(k, item))
            }),
            set: Arc::new(move |p, v| {
                if let Some(k) = p.components.get_mut(index).and_then(K::pick_mut) {
                    set(k, item, v)
                }
            }),
        }
    }

    /// A value of item `item` of one of the plan's lists.
    pub fn plan_item(
        path: String,
        item: usize,
        get: fn(&Plan, usize) -> Option<T>,
        set: fn(&mut Plan, usize, T),
    ) -> Lens<T> {
        Lens {
            path,
            get: Arc::new(move |p| get(p, item)),
            set: Arc::new(move |p, v| set(p, item, v)),
        }
    }

    /// The same value seen as another type: `to` shows it, `from` reads it back (and
    /// may refuse, which leaves the plan as it is).
    pub fn map<U: 'static>(
        self,
        to: impl Fn(T) -> U + Send + Sync + 'static,
        from: impl Fn(U) -> Option<T> + Send + Sync + 'static,
    ) -> Lens<U> {
        let (get, set) = (self.get, self.set);
        Lens {
            path: self.path,
            get: Arc::new(move |p| get(p).map(&to)),
            set: Arc::new(move |p, u| {
                if let Some(t) = from(u) {
                    set(p, t)
                }
            }),
        }
    }
}

/// A component kind's settings, picked out of a [`Component`].
pub trait Part: 'static {
    fn pick(c: &Component) -> Option<&Self>;
    fn pick_mut(c: &mut Component) -> Option<&mut Self>;
}

/// A non-capturing closure as a plain function, so that the lenses `field!` builds
/// share their compiled code per value type (each closure is a type of its own).
pub fn getter<A, T>(get: fn(&A) -> T) -> fn(&A) -> T {
    get
}

/// The setter's counterpart of [`getter`].
pub fn setter<A, T>(set: fn(&mut A, T)) -> fn(&mut A, T) {
    set
}

/// Field names joined by dots: `lifecycle.glacier_days`.
pub fn dotted(names: &[&str]) -> String {
    names.join(".")
}

/// A fresh element id, so labels point at their inputs.
pub fn next_id(prefix: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// The core's diagnostics, each styled by its severity.
pub fn diagnostics(list: Vec<crate::plan::Diagnostic>) -> impl IntoView {
    list.into_iter()
        .map(|d| {
            let class = match d.severity {
                crate::plan::Severity::Error => "message error",
                crate::plan::Severity::Warning => "message warning",
            };
            view! { <p class=class>{d.message}</p> }
        })
        .collect_view()
}

/// Rewrites a core message for the unit a field shows its value in.
pub type Reword = Arc<dyn Fn(&str) -> String + Send + Sync>;

/// The messages for `path`: its own parse error when the text does not parse (the
/// core's diagnostics are then about a value no longer shown, so they wait until the
/// text parses again), else the core's diagnostics, reworded for the field's unit.
#[component]
pub fn Messages(
    path: String,
    #[prop(into)] local: Signal<Option<String>>,
    id: String,
    #[prop(default = None)] reword: Option<Reword>,
) -> impl IntoView {
    let state = use_state();
    view! {
        <div class="messages" id=id aria-live="polite">
            {move || match local.get() {
                Some(m) => view! { <p class="message error">{m}</p> }.into_any(),
                None => {
                    let mut list = state.messages_at(&path);
                    if let Some(reword) = &reword {
                        for d in &mut list { d.message = reword(&d.message); }
                    }
                    diagnostics(list).into_any()
                }
            }}
        </div>
    }
}

/// A field's value as text: what the plan holds and how to write a text. Built once
/// per field from a typed [`Lens`], so the view code below is compiled once rather
/// than once per value type (it keeps the app small).
#[derive(Clone)]
struct TextLens {
    shown: Shown,
    write: WriteText,
    check: CheckText,
}

type Shown = Arc<dyn Fn(&Plan) -> Option<String> + Send + Sync>;
type WriteText = Arc<dyn Fn(&mut Plan, &str) -> Result<(), String> + Send + Sync>;
type CheckText = Arc<dyn Fn(&str) -> Result<(), String> + Send + Sync>;

fn text_lens<T: FieldValue>(lens: Lens<T>) -> TextLens {
    let (get, set) = (lens.get.clone(), lens.set.clone());
    TextLens {
        shown: Arc::new(move |p| get(p).map(|v| v.show())),
        write: Arc::new(move |p, text| T::parse(text).map(|v| set(p, v))),
        check: Arc::new(|text| T::parse(text).map(|_| ())),
    }
}

/// What the user last typed in a field: the text, why it was not written (if it was
/// not), and the field's value as the plan held it right after. The field shows the
/// typed text while the plan still holds that value, so "1.50" stays "1.50" and a text
/// that does not parse stays with its message; once the value changes elsewhere (undo,
/// a preset, a fix) the field shows the plan's value. Derived, not synchronised: no
/// effect writes the field's state.
#[derive(Clone, PartialEq)]
struct Typed {
    text: String,
    problem: Option<String>,
    plan_value: Option<String>,
}

/// The text a field shows and its own message, from the plan's value and what was typed.
fn displayed(plan_value: Option<String>, typed: Option<&Typed>) -> (String, Option<String>) {
    match typed {
        Some(t) if t.plan_value == plan_value => (t.text.clone(), t.problem.clone()),
        _ => (plan_value.unwrap_or_default(), None),
    }
}

/// A labelled text input for any [`FieldValue`].
#[component]
pub fn Field<T: FieldValue>(
    label: &'static str,
    lens: Lens<T>,
    #[prop(optional)] unit: &'static str,
    #[prop(optional)] placeholder: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] inputmode: &'static str,
    #[prop(optional)] reword: Option<Reword>,
) -> impl IntoView {
    let path = lens.path.clone();
    text_field(label, path, text_lens(lens), (unit, placeholder, inputmode), multiline, reword)
}

fn text_field(
    label: &'static str,
    path: String,
    lens: TextLens,
    (unit, placeholder, inputmode): (&'static str, &'static str, &'static str),
    multiline: bool,
    reword: Option<Reword>,
) -> AnyView {
    let state = use_state();
    let id = next_id("f");
    let message_id = format!("{id}-msg");
    let typed = RwSignal::new(None::<Typed>);
    let shown = lens.shown.clone();
    // This field's own value: edits elsewhere in the plan leave it (and any half-typed
    // text here) alone.
    let value = Memo::new(move |_| state.plan.with(|p| shown(p)));
    let display = Memo::new(move |_| typed.with(|t| displayed(value.get(), t.as_ref())));
    let draft = Signal::derive(move || display.with(|d| d.0.clone()));
    let local = Signal::derive(move || display.with(|d| d.1.clone()));
    let (write, check) = (lens.write.clone(), lens.check.clone());
    // Keystrokes in this field are one undo step until it loses focus or the user
    // pauses (see `session::Change::typing`).
    let undo_key = path.clone();
    let on_input = move |text: String| {
        let written = check(&text).and_then(|()| {
            let change = Change::typing(undo_key.clone(), format!("typing in {label}"), now_ms());
            state.try_edit(change, |p| {
                let _ = write(p, &text);
            })
        });
        let plan_value = value.get_untracked();
        typed.set(Some(Typed { text, problem: written.err(), plan_value }));
    };
    let path_for_state = path.clone();
    let invalid =
        move || local.with(Option::is_some) || !state.messages_at(&path_for_state).is_empty();
    let input = if multiline {
        let on_input = on_input.clone();
        view! {
            <textarea id=id.clone() rows="3" placeholder=placeholder aria-describedby=message_id.clone() aria-invalid=move || invalid().to_string()
                prop:value=move || draft.get() on:input=move |ev| on_input(event_target_value(&ev)) on:change=move |_| state.seal()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" inputmode=if inputmode.is_empty() { None } else { Some(inputmode) } placeholder=placeholder
                aria-describedby=message_id.clone() aria-invalid=move || invalid().to_string()
                prop:value=move || draft.get() on:input=move |ev| on_input(event_target_value(&ev)) on:change=move |_| state.seal() />
        }
        .into_any()
    };
    let data_path = path.clone();
    view! {
        <div class="field" data-path=data_path>
            <label for=id>{label}</label>
            <div class="control">{input}{(!unit.is_empty()).then(|| view! { <span class="unit">{unit}</span> })}</div>
            <Messages path=path local=local id=message_id reword=reword />
        </div>
    }
    .into_any()
}

/// A number with a unit.
#[component]
pub fn NumberField(
    label: &'static str,
    lens: Lens<f64>,
    #[prop(optional)] unit: &'static str,
) -> impl IntoView {
    view! { <Field label=label lens=lens unit=unit inputmode="decimal" /> }
}

/// A whole number with a unit.
#[component]
pub fn WholeField(
    label: &'static str,
    lens: Lens<u32>,
    #[prop(optional)] unit: &'static str,
) -> impl IntoView {
    view! { <Field label=label lens=lens unit=unit inputmode="numeric" /> }
}

/// An optional whole number: empty means "not set".
#[component]
pub fn OptionalField(
    label: &'static str,
    lens: Lens<Option<u32>>,
    #[prop(optional)] unit: &'static str,
) -> impl IntoView {
    view! { <Field label=label lens=lens unit=unit placeholder="none" inputmode="numeric" /> }
}

/// A checkbox.
#[component]
pub fn Toggle(label: &'static str, lens: Lens<bool>) -> impl IntoView {
    let path = lens.path.clone();
    let state = use_state();
    let id = next_id("t");
    let get = lens.get.clone();
    let set = lens.set.clone();
    let message_id = format!("{id}-msg");
    let data_path = path.clone();
    view! {
        <div class="field toggle" data-path=data_path>
            <input id=id.clone() type="checkbox" aria-describedby=message_id.clone()
                prop:checked=move || state.plan.with(|p| get(p)).unwrap_or(false)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.edit(format!("{} {label}", if on { "tick" } else { "untick" }), |p| set(p, on));
                } />
            <label for=id>{label}</label>
            <Messages path=path local=Signal::stored(None::<String>) id=message_id />
        </div>
    }
}

/// A drop-down of `(value, label)` options.
#[component]
pub fn Choice(
    label: &'static str,
    lens: Lens<String>,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let path = lens.path.clone();
    let state = use_state();
    let id = next_id("c");
    let message_id = format!("{id}-msg");
    let get = lens.get.clone();
    let set = lens.set.clone();
    let current = Memo::new(move |_| state.plan.with(|p| get(p)).unwrap_or_default());
    let data_path = path.clone();
    view! {
        <div class="field" data-path=data_path>
            <label for=id.clone()>{label}</label>
            <div class="control">
                <select id=id aria-describedby=message_id.clone() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.edit(format!("choose {label}"), |p| set(p, v));
                }>
                    {options.into_iter().map(|(value, text)| {
                        let v = value.clone();
                        view! { <option value=value selected=move || current.get() == v>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Messages path=path local=Signal::stored(None::<String>) id=message_id />
        </div>
    }
}
