//! The component cards' headers and the cost rows beside them, in a real browser: each
//! shows the id, monthly cost and problem count of the component now at its position,
//! through edits of other components, removals, duplicates, renames and undo (each
//! position's value is set on its own by [`super::by_position`]).

use leptos::prelude::*;
use wasm_bindgen_test::*;

use super::editor::ComponentList;
use super::results::costs::ComponentTotals;
use super::state::AppState;
use super::tests::{mount, settle};
use crate::plan::{Component, ComponentKind, Plan};
use crate::session::Source;

wasm_bindgen_test_configure!(run_in_browser);

/// The elements under `root` that match `selector`, in document order.
fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let mut found = Vec::new();
    let mut child = root.first_element_child();
    while let Some(element) = child {
        if element.matches(selector).unwrap() {
            found.push(element.clone());
        }
        found.extend(all(&element, selector));
        child = element.next_element_sibling();
    }
    found
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    all(host, selector).iter().map(|e| e.text_content().unwrap_or_default()).collect()
}

/// Every card and cost row against the core: the plan's ids, the estimate's monthly
/// costs, and the diagnostics inside each component.
fn assert_cards_follow_the_plan(host: &web_sys::HtmlElement, state: AppState, step: &str) {
    let ids: Vec<String> =
        state.plan.with_untracked(|p| p.components.iter().map(|c| c.id().to_string()).collect());
    let costs: Vec<String> = state
        .estimate
        .with_untracked(|e| e.components.iter().map(|c| c.monthly.display_usd()).collect());
    let cards = all(host, "article.card");
    assert_eq!(cards.len(), ids.len(), "{step}: a card per component");
    for (i, (id, card)) in ids.iter().zip(&cards).enumerate() {
        let within =
            |selector: &str| card.query_selector(selector).unwrap().and_then(|e| e.text_content());
        assert_eq!(within("header code").as_ref(), Some(id), "{step}: card {i}'s id");
        assert_eq!(within(".card-cost").as_ref(), Some(&costs[i]), "{step}: card {i}'s cost");
        let problems = state.messages_at(&format!("components[{i}]")).len();
        let badge = (problems > 0).then(|| format!("{problems} to check"));
        assert_eq!(within(".badge"), badge, "{step}: card {i}'s badge");
    }
    assert_eq!(texts(host, "table.totals th code"), ids, "{step}: the cost rows' ids");
    assert_eq!(texts(host, "table.totals td.num"), costs, "{step}: the cost rows' costs");
}

fn set_stored_gb(plan: &mut Plan, index: usize, gb: f64) {
    if let Some(Component::S3Bucket(b)) = plan.components.get_mut(index) {
        b.stored_gb = gb;
    }
}

#[wasm_bindgen_test]
async fn each_card_and_cost_row_follows_the_component_at_its_position() {
    let (host, state) = mount(|| view! { <ComponentList /><ComponentTotals /> });
    settle().await;
    let state = state.get_untracked().unwrap();
    let mut plan = Plan::default();
    for i in 0..40 {
        plan.add_component(ComponentKind::S3Bucket);
        set_stored_gb(&mut plan, i, 100.0 + 10.0 * i as f64);
    }
    state.open(plan, Source::File("forty.json".into()));
    settle().await;
    assert_cards_follow_the_plan(&host, state, "opened");
    let steps: [(&str, fn(&mut Plan)); 6] = [
        ("another card's cost", |p| set_stored_gb(p, 20, 5_000.0)),
        ("a problem in one card", |p| set_stored_gb(p, 17, -1.0)),
        ("a removal shifting every later card", |p| {
            p.remove_component(3);
        }),
        ("a duplicate", |p| {
            p.duplicate_component(30);
        }),
        ("a rename", |p| p.rename_component(16, "renamed-bucket")),
        ("a problem moved by a removal", |p| {
            p.remove_component(0);
        }),
    ];
    for (step, edit) in steps {
        assert!(state.edit(step, edit), "{step} changes the plan");
        settle().await;
        assert_cards_follow_the_plan(&host, state, step);
    }
    // Every new bucket has one thing to check; the one given a problem has two.
    let badges = texts(&host, "article.card .badge");
    assert_eq!(badges.iter().position(|b| b == "2 to check"), Some(15), "moved along: {badges:?}");
    for n in 0..steps.len() {
        state.undo();
        settle().await;
        assert_cards_follow_the_plan(&host, state, &format!("undo {n}"));
    }
    state.redo();
    settle().await;
    assert_cards_follow_the_plan(&host, state, "redo");
}
