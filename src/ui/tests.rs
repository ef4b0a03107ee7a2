//! Component tests in a real browser (wasm-bindgen-test in headless Chromium): fields
//! parse, explain and write the plan; the summary shows the core's total; typing is
//! one undo step; adding stops at the component limit.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::editor::{ComponentList, PlanSettings};
use super::fields::NumberField;
use super::results::costs::Summary;
use super::session_view::UndoRedo;
use super::state::AppState;
use crate::plan::{Component, ComponentKind, Plan};
use crate::session::Source;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets effects and re-renders run.
pub(super) async fn settle() {
    wait_ms(10).await;
}

/// Lets `ms` milliseconds of timers run.
pub(super) async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Mounts `view` in a fresh element with a fresh app state; returns both.
pub(super) fn mount<V: IntoView + 'static>(
    view: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, RwSignal<Option<AppState>>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let slot = RwSignal::new(None);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        let state = AppState::starting(false);
        slot.set(Some(state));
        provide_context(state);
        view()
    });
    handle.forget();
    (host, slot)
}

pub(super) fn type_into(host: &web_sys::HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement =
        host.query_selector(selector).unwrap().expect(selector).unchecked_into();
    input.set_value(text);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn stored_gb(plan: &Plan) -> f64 {
    match &plan.components[1] {
        Component::S3Bucket(b) => b.stored_gb,
        _ => f64::NAN,
    }
}

#[wasm_bindgen_test]
async fn a_number_field_parses_explains_and_writes_the_plan() {
    let (host, state) = mount(|| {
        let lens = super::editor::lenses::field!(1, crate::plan::S3Bucket, stored_gb);
        assert_eq!(lens.path, "components[1].stored_gb");
        view! { <NumberField label="Stored data" unit="GB" lens=lens /> }
    });
    settle().await;
    let state = state.get_untracked().unwrap();
    state.open(crate::presets::default_plan(), Source::Link);
    settle().await;
    type_into(&host, "input", "lots");
    settle().await;
    assert!(host.text_content().unwrap().contains("\"lots\" is not a number"));
    assert_eq!(state.plan.with_untracked(stored_gb), 100.0, "bad text never reaches the plan");
    type_into(&host, "input", "250.5");
    settle().await;
    assert_eq!(state.plan.with_untracked(stored_gb), 250.5);
    assert!(!host.text_content().unwrap().contains("is not a number"));
    type_into(&host, "input", "-5");
    settle().await;
    assert!(
        host.text_content().unwrap().contains("must be between 0"),
        "the core's diagnostic shows at the field"
    );
    let input: web_sys::HtmlInputElement =
        host.query_selector("input").unwrap().unwrap().unchecked_into();
    type_into(&host, "input", "1.50");
    settle().await;
    assert_eq!(input.value(), "1.50", "a text that means the plan's value is left as typed");
    type_into(&host, "input", "lots");
    settle().await;
    // The value changes elsewhere (a fix, a preset, undo): the field shows it, and the
    // message about the text no longer shown goes with the text.
    state.edit("set the size", |p| {
        if let Some(Component::S3Bucket(b)) = p.components.get_mut(1) {
            b.stored_gb = 300.0;
        }
    });
    settle().await;
    assert_eq!(input.value(), "300");
    assert!(!host.text_content().unwrap().contains("is not a number"));
}

#[wasm_bindgen_test]
async fn the_summary_shows_the_cores_total() {
    let (host, state) = mount(|| view! { <Summary /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let plan = crate::presets::find("rds-pitr").unwrap().plan();
    let expected = crate::cost::estimate(&plan).monthly_total.display_usd();
    state.open(plan, Source::Preset("rds-pitr".into()));
    settle().await;
    let total = host.query_selector("[data-testid=total-monthly-cost]").unwrap().unwrap();
    assert_eq!(total.text_content().unwrap(), expected);
}

#[wasm_bindgen_test]
async fn the_rpo_target_takes_hours_and_keeps_minutes() {
    let (host, state) = mount(|| view! { <PlanSettings /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let plan = Plan {
        targets: crate::plan::Targets { rpo_minutes: 120, ..Default::default() },
        ..Plan::default()
    };
    state.open(plan, Source::File("plan.json".into()));
    settle().await;
    // The first duration field is the RPO; 120 minutes shows as 2 hours.
    let input: web_sys::HtmlInputElement =
        host.query_selector(".duration input").unwrap().unwrap().unchecked_into();
    assert_eq!(input.value(), "2");
    type_into(&host, ".duration input", "1.5");
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| p.targets.rpo_minutes), 90);
    assert_eq!(input.value(), "1.5", "the typed text stays while it means the plan's value");
    // A plan loaded from elsewhere picks its own unit: a day shows as 1 day.
    state.edit("set the RPO", |p| p.targets.rpo_minutes = 1440);
    settle().await;
    assert_eq!(input.value(), "1");
    let unit: web_sys::HtmlSelectElement =
        host.query_selector(".unit-picker").unwrap().unwrap().unchecked_into();
    assert_eq!(unit.value(), "1440");
}

pub(super) fn button(host: &web_sys::HtmlElement, testid: &str) -> web_sys::HtmlButtonElement {
    host.query_selector(&format!("[data-testid={testid}]")).unwrap().expect(testid).unchecked_into()
}

#[wasm_bindgen_test]
async fn typing_in_a_field_is_one_undo_step() {
    let (host, state) = mount(|| view! { <UndoRedo /><PlanSettings /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let before = crate::presets::find("rds-pitr").unwrap().plan();
    state.open(before.clone(), Source::Preset("rds-pitr".into()));
    settle().await;
    // Keystroke by keystroke, as a user types.
    let mut typed = before.name.clone();
    for c in " (reviewed)".chars() {
        typed.push(c);
        type_into(&host, ".settings input", &typed);
    }
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| p.name.clone()), typed);
    let undo = button(&host, "undo");
    assert!(undo.title().contains("typing in Name"), "{}", undo.title());
    undo.click();
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| p.name.clone()), before.name, "one step");
    let input: web_sys::HtmlInputElement =
        host.query_selector(".settings input").unwrap().unwrap().unchecked_into();
    assert_eq!(input.value(), before.name, "the field follows the undone plan");
    button(&host, "redo").click();
    settle().await;
    assert_eq!(input.value(), typed);
}

#[wasm_bindgen_test]
async fn adding_a_component_leaves_the_other_cards_as_they_are() {
    let (host, state) = mount(|| view! { <ComponentList /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    state.open(crate::presets::default_plan(), Source::Link);
    settle().await;
    let count = || host.inner_html().matches("<article class=\"card\"").count();
    let first_card = || host.query_selector("article.card").unwrap().unwrap();
    let before = count();
    let first = first_card();
    state.edit("add", |p| {
        p.add_component(ComponentKind::SnsTopic);
    });
    settle().await;
    assert_eq!(count(), before + 1);
    assert!(
        first_card().is_same_node(Some(&first)),
        "the existing cards are kept (keyed list), not rebuilt"
    );
    // Removing the first component shifts the others: each card then shows the
    // component now at its position.
    let second_id = state.plan.with_untracked(|p| p.components[1].id().to_string());
    state.edit("remove", |p| {
        p.remove_component(0);
    });
    settle().await;
    assert_eq!(first_card().get_attribute("data-testid"), Some(format!("component-{second_id}")));
}

#[wasm_bindgen_test]
async fn adding_stops_at_the_component_limit() {
    let (host, state) = mount(|| view! { <ComponentList /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let mut full = Plan::default();
    while crate::session::limits::can_add_component(&full) {
        full.add_component(ComponentKind::SnsTopic);
    }
    state.open(full, Source::File("full.json".into()));
    settle().await;
    let add = button(&host, "add-component");
    assert!(add.disabled(), "the Add button says no at the limit");
    assert!(add.title().contains("at most 200"), "{}", add.title());
    let refused = state.try_edit(crate::session::Change::step("add", 0.0), |p| {
        p.add_component(ComponentKind::S3Bucket);
    });
    assert!(refused.is_err());
    assert_eq!(state.plan.with_untracked(|p| p.components.len()), 200);
    // Below the limit again, adding works.
    state.edit("remove", |p| {
        p.remove_component(0);
    });
    settle().await;
    assert!(!add.disabled());
}

#[wasm_bindgen_test]
async fn the_notes_panel_names_the_sheet_shows_the_other_total_and_switches_the_free_tier() {
    let (host, state) = mount(|| view! { <super::results::notes::PlanNotes /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let plan = crate::presets::find("multi-az-dr").unwrap().plan();
    let mut at_list = plan.clone();
    at_list.pricing.sheet = "aws-list-2026".into();
    let list_total = crate::cost::estimate(&at_list).monthly_total.display_usd();
    state.open(plan.clone(), Source::Preset("multi-az-dr".into()));
    settle().await;
    let other = || host.query_selector("[data-testid=other-sheet-total]").unwrap();
    // Priced a moment after the last edit, not in the edit's own frame.
    let busy = |o: web_sys::Element| o.get_attribute("aria-busy").as_deref() == Some("true");
    let updating = other().is_none_or(busy);
    assert!(updating, "the comparison waits for the edits to pause");
    let delay_ms = super::results::notes::OTHER_SHEET_DELAY.as_millis() as i32;
    wait_ms(delay_ms + 50).await;
    let text = host.text_content().unwrap();
    assert!(text.contains("Prices stated in the design documents"), "{text}");
    assert!(text.contains(&list_total), "the other sheet's total is one glance away: {text}");
    assert!(!other().is_some_and(busy), "the figure is marked current once priced");
    assert!(text.contains(&plan.notes[0]), "the plan's notes are listed");
    let checkbox: web_sys::HtmlInputElement =
        host.query_selector("[data-testid=apply-free-tier]").unwrap().unwrap().unchecked_into();
    assert!(!checkbox.checked());
    checkbox.click();
    settle().await;
    assert!(state.plan.with_untracked(|p| p.pricing.apply_free_tier));
    assert!(host.text_content().unwrap().contains("Always-free allowances are applied"));
}
