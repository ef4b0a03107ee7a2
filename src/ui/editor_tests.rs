//! Component tests of the editors in a real browser: every plan field has an editor on
//! screen (the coverage table is true), and the editors of the newer fields write the
//! plan as undo steps and show the core's diagnostics at the field; the recovery view
//! shows the core's recovery and test costs and edits the scheduled tests.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::editor::{BundleSettings, ComponentList, PlanSettings};
use super::results::recovery::RecoveryMatrix;
use super::results::testing::RecoveryTests;
use super::session_view::UndoRedo;
use super::tests::{button, mount, settle, type_into};
use crate::plan::{Component, ComponentKind, Plan};
use crate::session::Source;

wasm_bindgen_test_configure!(run_in_browser);

/// Every element under `host` that matches `selector`.
fn select_all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let query: js_sys::Function =
        js_sys::Reflect::get(host, &"querySelectorAll".into()).unwrap().unchecked_into();
    let list = query.call1(host, &selector.into()).unwrap();
    js_sys::Array::from(&list).iter().map(|e| e.unchecked_into()).collect()
}

/// The plan that sets every field (see `editor::coverage`).
const ALL_FIELDS: &str = include_str!("../../tests/browser/plans/all-fields.json");

#[wasm_bindgen_test]
async fn every_plan_field_has_an_editor_on_screen() {
    use super::editor::coverage::{nodes, EDITOR_PATHS, MAP_PATHS};
    use std::collections::{BTreeMap, BTreeSet};
    let (host, state) = mount(|| {
        view! {
            <PlanSettings />
            <ComponentList />
            <super::results::costs::PriceOverrides />
            <super::results::notes::PlanNotes />
            <super::editor::BundleSettings />
            <super::results::testing::RecoveryTests />
            <super::decision::DecisionEditor />
            <super::results::drills::DrillResults />
        }
    });
    settle().await;
    let state = state.get_untracked().unwrap();
    let plan = crate::plan::parse_plan(ALL_FIELDS).unwrap();
    state.open(plan.clone(), Source::File("all-fields.json".into()));
    settle().await;
    for card in select_all(&host, "[data-testid^=open-]") {
        card.unchecked_into::<web_sys::HtmlElement>().click();
    }
    settle().await;
    let json: serde_json::Value = serde_json::from_str(&plan.to_json_pretty()).unwrap();
    let all = nodes(&json);
    let normalised: BTreeMap<&str, &str> =
        all.iter().map(|n| (n.path.as_str(), n.normalised.as_str())).collect();
    let leaves: BTreeSet<&str> = all.iter().filter(|n| n.leaf).map(|n| n.path.as_str()).collect();
    // An entry a map could have (a price not overridden yet, a data class without
    // targets of its own) is a path of that map even though the plan lacks it.
    let map_entry = |path: &str| {
        all.iter().any(|n| {
            MAP_PATHS.contains(&n.normalised.as_str())
                && path.strip_prefix(n.path.as_str()).is_some_and(|rest| rest.starts_with('.'))
        })
    };
    let (mut bound, mut undeclared, mut not_in_plan) = (BTreeSet::new(), Vec::new(), Vec::new());
    let declared: BTreeSet<&str> = EDITOR_PATHS.iter().copied().collect();
    for element in select_all(&host, "[data-path]") {
        let path = element.get_attribute("data-path").unwrap_or_default();
        match normalised.get(path.as_str()) {
            Some(n) if declared.contains(n) => {
                bound.insert(n.to_string());
            }
            // Parts switched on and off as a whole may have an editor without being
            // declared (a data class's own targets); a value may not.
            Some(n) if leaves.contains(path.as_str()) => undeclared.push(n.to_string()),
            Some(_) => {}
            None if map_entry(&path) => {}
            // An optional part the plan leaves unset (left out of the file) has its
            // switch on screen: its path is its parent's plus a declared key.
            None if path.rsplit_once('.').is_some_and(|(parent, key)| {
                normalised
                    .get(parent)
                    .is_some_and(|n| declared.contains(format!("{n}.{key}").as_str()))
            }) => {}
            None => not_in_plan.push(path),
        }
    }
    let missing: Vec<_> = declared.iter().filter(|p| !bound.contains(**p)).collect();
    assert!(
        missing.is_empty() && undeclared.is_empty() && not_in_plan.is_empty(),
        "declared but no editor on screen: {missing:#?}\nan editor not declared: {undeclared:#?}\n\
         editor paths that are no plan path (diagnostics would miss them): {not_in_plan:#?}"
    );
}

/// The editor bound to `path`.
fn editor(host: &web_sys::HtmlElement, path: &str) -> web_sys::Element {
    host.query_selector(&format!("[data-path=\"{path}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no editor of {path}"))
}

fn index_of(plan: &Plan, id: &str) -> usize {
    plan.components.iter().position(|c| c.id() == id).unwrap()
}

fn choose(host: &web_sys::HtmlElement, selector: &str, value: &str) {
    let select: web_sys::HtmlSelectElement =
        host.query_selector(selector).unwrap().expect(selector).unchecked_into();
    select.set_value(value);
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

fn tick(host: &web_sys::HtmlElement, selector: &str) {
    let input: web_sys::HtmlInputElement =
        host.query_selector(selector).unwrap().expect(selector).unchecked_into();
    input.click();
}

fn text(element: &web_sys::Element) -> String {
    element.text_content().unwrap_or_default()
}

/// Mounts `view` on the all-fields plan; returns the host, the state and the plan.
async fn on_all_fields<V: IntoView + 'static>(
    view: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, super::state::AppState, Plan) {
    let (host, state) = mount(view);
    settle().await;
    let state = state.get_untracked().unwrap();
    let plan = crate::plan::parse_plan(ALL_FIELDS).unwrap();
    state.open(plan.clone(), Source::File("all-fields.json".into()));
    settle().await;
    (host, state, plan)
}

fn dns(plan: &Plan, i: usize) -> Option<String> {
    match &plan.components[i] {
        Component::DnsFailover(d) => d.hosted_zone_id.clone(),
        _ => None,
    }
}

#[wasm_bindgen_test]
async fn the_failover_hosted_zone_is_checked_at_its_field_and_undone() {
    let (host, state, plan) = on_all_fields(|| view! { <UndoRedo /><ComponentList /> }).await;
    let i = index_of(&plan, "failover");
    button(&host, "open-failover").click();
    settle().await;
    let path = format!("components[{i}].hosted_zone_id");
    let selector = format!("[data-path=\"{path}\"] input");
    type_into(&host, &selector, "zone-1");
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| dns(p, i)), Some("zone-1".into()));
    assert!(text(&editor(&host, &path)).contains("is not a Route 53 hosted zone id"));
    type_into(&host, &selector, "Z0PRIMARYZONE");
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| dns(p, i)), Some("Z0PRIMARYZONE".into()));
    assert!(!text(&editor(&host, &path)).contains("hosted zone id"), "the diagnostic clears");
    type_into(&host, &selector, "");
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| dns(p, i)), None, "empty: given at deploy time");
    button(&host, "undo").click();
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| dns(p, i)), dns(&plan, i), "typing is one step");
}

#[wasm_bindgen_test]
async fn a_function_in_the_vpc_and_its_reservation_are_checked_at_their_fields() {
    let (host, state, plan) = on_all_fields(|| view! { <UndoRedo /><ComponentList /> }).await;
    let i = index_of(&plan, "snapshots");
    button(&host, "open-snapshots").click();
    settle().await;
    let in_vpc = format!("components[{i}].in_vpc");
    tick(&host, &format!("[data-path=\"{in_vpc}\"] input"));
    settle().await;
    let in_vpc_of = |p: &Plan| matches!(&p.components[i], Component::LambdaFunction(f) if f.in_vpc);
    assert!(state.plan.with_untracked(in_vpc_of));
    // The bundle's own VPC has no NAT: the function's services need endpoints.
    assert!(
        text(&editor(&host, &in_vpc)).contains("from a VPC without NAT"),
        "{}",
        text(&editor(&host, &in_vpc))
    );
    button(&host, "undo").click();
    settle().await;
    assert!(!state.plan.with_untracked(in_vpc_of));
    assert!(!text(&editor(&host, &in_vpc)).contains("NAT"));
    let reserved = format!("components[{i}].reserved_concurrency");
    type_into(&host, &format!("[data-path=\"{reserved}\"] input"), "0");
    settle().await;
    assert!(text(&editor(&host, &reserved)).contains("must be between 1 and 10000 executions"));
}

#[wasm_bindgen_test]
async fn the_repository_mirror_switches_in_one_undo_step() {
    let (host, state, plan) = on_all_fields(|| view! { <UndoRedo /><ComponentList /> }).await;
    let i = index_of(&plan, "config");
    button(&host, "open-config").click();
    settle().await;
    let mirror = |p: &Plan| match &p.components[i] {
        Component::ConfigBackup(c) => crate::ui::editor::lenses::enum_id(&c.mirror_to),
        _ => String::new(),
    };
    assert_eq!(state.plan.with_untracked(mirror), "s3");
    choose(&host, &format!("[data-path=\"components[{i}].mirror_to\"] select"), "codecommit");
    settle().await;
    assert_eq!(state.plan.with_untracked(mirror), "codecommit");
    assert!(button(&host, "undo").title().contains("Mirror to"));
    button(&host, "undo").click();
    settle().await;
    assert_eq!(state.plan.with_untracked(mirror), "s3");
}

#[wasm_bindgen_test]
async fn each_gateway_endpoint_shows_its_own_warning() {
    let (host, state) = mount(|| view! { <ComponentList /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let mut plan = Plan::default();
    plan.add_component(ComponentKind::VpcEndpoints);
    let id = plan.components[0].id().to_string();
    state.open(plan, Source::File("endpoints.json".into()));
    settle().await;
    button(&host, &format!("open-{id}")).click();
    settle().await;
    let toggles = select_all(&host, "[data-path=\"components[0].gateway\"]");
    assert_eq!(toggles.len(), 2);
    let (s3, dynamodb) = (text(&toggles[0]), text(&toggles[1]));
    assert!(s3.contains("calls s3") && !s3.contains("calls dynamodb"), "{s3}");
    assert!(dynamodb.contains("calls dynamodb") && !dynamodb.contains("calls s3"), "{dynamodb}");
    tick(&host, "[data-path=\"components[0].gateway\"] input");
    settle().await;
    let toggles = select_all(&host, "[data-path=\"components[0].gateway\"]");
    assert!(!text(&toggles[0]).contains("calls"), "no S3 endpoint, no warning");
    assert!(text(&toggles[1]).contains("calls dynamodb"), "the other keeps its own");
}

#[wasm_bindgen_test]
async fn an_input_is_added_checked_at_its_row_and_removed() {
    let (host, state) = mount(|| view! { <UndoRedo /><BundleSettings /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    state.open(crate::presets::find("rds-pitr").unwrap().plan(), Source::Preset("rds-pitr".into()));
    settle().await;
    let inputs = editor(&host, "export.inputs");
    let before = state.plan.with_untracked(|p| p.export.inputs.clone());
    let fields = select_all(&host, "[data-path=\"export.inputs\"] .new input");
    for (field, value) in fields.iter().zip(["components.nothing.memory_mb", "Memory"]) {
        let input: web_sys::HtmlInputElement = field.clone().unchecked_into();
        input.set_value(value);
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    }
    let add = inputs.query_selector(".new button").unwrap().unwrap();
    add.unchecked_into::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(
        state.plan.with_untracked(|p| p.export.inputs.get("components.nothing.memory_mb").cloned()),
        Some("Memory".into())
    );
    let row = text(&editor(&host, "export.inputs.components.nothing.memory_mb"));
    assert!(row.contains("is not a plan setting the export can make an input"), "{row}");
    assert!(row.contains("lowercase letters, digits and underscores"), "{row}");
    button(&host, "undo").click();
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| p.export.inputs.clone()), before);
}

#[wasm_bindgen_test]
async fn the_recovery_view_shows_the_cores_costs_and_edits_the_tests() {
    let (host, state) = mount(|| view! { <UndoRedo /><RecoveryMatrix /><RecoveryTests /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let plan = crate::presets::find("photo-portfolio").unwrap().plan();
    state.open(plan.clone(), Source::Preset("photo-portfolio".into()));
    settle().await;
    let core = crate::recovery::assess(&plan);
    let cell = |testid: String| {
        text(&host.query_selector(&format!("[data-testid={testid}]")).unwrap().expect(&testid))
    };
    for s in &core.scenarios {
        let shown = cell(format!("scenario-{}-cost", s.scenario.id()));
        let expected =
            if s.not_recoverable.is_some() { "—".into() } else { s.recovery_cost.display_usd() };
        assert_eq!(shown.trim(), expected, "{}", s.scenario.id());
    }
    assert_eq!(cell("testing-monthly".into()), core.testing_monthly.display_usd());
    for (j, t) in core.testing.iter().enumerate() {
        assert_eq!(cell(format!("recovery-test-{j}-monthly")), t.monthly.display_usd());
    }
    button(&host, "add-recovery-test").click();
    settle().await;
    let n = plan.recovery_tests.len();
    assert_eq!(state.plan.with_untracked(|p| p.recovery_tests.len()), n + 1);
    choose(&host, &format!("[data-path=\"recovery_tests[{n}].frequency\"] select"), "weekly");
    settle().await;
    let edited = state.plan.get_untracked();
    assert_eq!(edited.recovery_tests[n].frequency, crate::plan::TestFrequency::Weekly);
    let now = crate::recovery::assess(&edited);
    assert_eq!(cell(format!("recovery-test-{n}-monthly")), now.testing[n].monthly.display_usd());
    assert_eq!(cell("testing-monthly".into()), now.testing_monthly.display_usd());
    let remove = host
        .query_selector(&format!("[data-testid=recovery-test-{n}] button.danger"))
        .unwrap()
        .unwrap();
    remove.unchecked_into::<web_sys::HtmlElement>().click();
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| p.recovery_tests.len()), n);
    button(&host, "undo").click();
    settle().await;
    assert_eq!(state.plan.with_untracked(|p| p.recovery_tests.len()), n + 1, "removing is undone");
}
