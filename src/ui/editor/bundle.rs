//! The settings that shape exported bundles rather than the estimate (the Export tab):
//! the VPC the plan's databases and functions use, and how the bundles name their
//! inputs, resources and outputs. Each with the core's diagnostics at the field; the
//! bundle below regenerates on every change.

use leptos::prelude::*;

use super::lenses::{as_id, options};
use super::maps::{InstanceLists, StringMap};
use crate::plan::deployment::component_input_settings;
use crate::plan::{ExportSettings, KeyCase, Naming, Network, Plan, VpcSource};
use crate::ui::fields::{Choice, Field, Lens, WholeField};
use crate::ui::state::use_state;

fn network<T: 'static>(get: fn(&Network) -> T, set: fn(&mut Network, T)) -> Lens<T> {
    Lens::plan(move |p: &Plan| get(&p.network), move |p, v| set(&mut p.network, v))
}

fn export<T: 'static>(get: fn(&ExportSettings) -> T, set: fn(&mut ExportSettings, T)) -> Lens<T> {
    Lens::plan(move |p: &Plan| get(&p.export), move |p, v| set(&mut p.export, v))
}

#[component]
pub fn BundleSettings() -> impl IntoView {
    let state = use_state();
    let creates_vpc = Memo::new(move |_| state.plan.with(|p| p.network.vpc == VpcSource::Create));
    let to_check = Memo::new(move |_| {
        ["network", "export"].iter().map(|path| state.messages_at(path).len()).sum::<usize>()
    });
    let settings = Memo::new(move |_| state.plan.with(component_input_settings));
    // Folded, so the bundle stays in view; the summary says what is set.
    let summary = Memo::new(move |_| {
        state.plan.with(|p| {
            let e = &p.export;
            let vpc = match p.network.vpc {
                VpcSource::Existing => "an existing VPC",
                VpcSource::Create => "a VPC of its own",
            };
            format!(
                " {vpc} · {} input(s) renamed or added · {} list input(s) · {} named output(s)",
                e.inputs.len(),
                e.lists.len(),
                e.outputs.len()
            )
        })
    });
    view! {
        <details class="panel bundle-settings" data-testid="bundle-settings">
            <summary>
                <h2>"Bundle settings"</h2>
                {move || summary.get()}
                {move || (to_check.get() > 0).then(|| view! { <span class="badge warn">{format!("{} to check", to_check.get())}</span> })}
            </summary>
            <div class="grid">
                <fieldset class="group">
                    <legend>"Network of the databases and VPC functions"</legend>
                    <Choice label="VPC" path="network.vpc".into()
                        options=options(&[(VpcSource::Existing, "an existing VPC (its ids are deploy-time inputs)"), (VpcSource::Create, "a VPC the bundle creates (no NAT: AWS through endpoints)")])
                        lens=as_id(network(|n| n.vpc, |n, v| n.vpc = v)) />
                    <Show when=move || creates_vpc.get()>
                        <Field label="Address range" path="network.cidr".into() placeholder="10.0.0.0/16" lens=network(|n| n.cidr.clone(), |n, v| n.cidr = v) />
                        <WholeField label="Availability Zones" unit="2–6" path="network.az_count".into() lens=network(|n| n.az_count, |n, v| n.az_count = v) />
                    </Show>
                </fieldset>
                <fieldset class="group">
                    <legend>"Names"</legend>
                    <Field label="Project name (default of the input)" path="export.project_name".into() placeholder="the plan's name"
                        lens=export(|e| e.project_name.clone(), |e, v| e.project_name = v) />
                    <Field label="Environment (default of the input)" path="export.environment".into() placeholder="production"
                        lens=export(|e| e.environment.clone(), |e, v| e.environment = v) />
                    <Choice label="Resource names" path="export.naming".into()
                        options=options(&[(Naming::Project, "<project>-<component>"), (Naming::ProjectEnvironment, "<project>-<environment>-<component>"), (Naming::EnvironmentSuffix, "<component>-<environment suffix>")])
                        lens=as_id(export(|e| e.naming, |e, v| e.naming = v)) />
                    <Field label="Terraform module directory (modules/…)" path="export.terraform_module".into() placeholder="the project name"
                        lens=export(|e| e.terraform_module.clone(), |e, v| e.terraform_module = v) />
                    <Choice label="CDK context keys" path="export.cdk_context_keys".into()
                        options=options(&[(KeyCase::Snake, "snake_case (notification_email)"), (KeyCase::Camel, "camelCase (notificationEmail)")])
                        lens=as_id(export(|e| e.cdk_context_keys, |e, v| e.cdk_context_keys = v)) />
                </fieldset>
                <StringMap legend="Plan settings as deploy-time inputs" path="export.inputs"
                    key_label="Setting" key_placeholder="components.<id>.memory_mb or dr_region"
                    value_label="Input name" value_placeholder="snake_case name"
                    get=|p| &p.export.inputs get_mut=|p| &mut p.export.inputs suggestions=settings />
                <InstanceLists legend="Existing RDS instances as one list input" path="export.lists"
                    get=|p| &p.export.lists get_mut=|p| &mut p.export.lists />
                <StringMap legend="Outputs under your names" path="export.outputs"
                    key_label="Output name" key_placeholder="snake_case name"
                    value_label="The bundle's output" value_placeholder="e.g. assets-bucket-name, or primary_region"
                    get=|p| &p.export.outputs get_mut=|p| &mut p.export.outputs />
                <StringMap legend="Environment variables the CDK apps also read" path="export.cdk_environment"
                    key_label="Input name" key_placeholder="environment_suffix"
                    value_label="Environment variable" value_placeholder="ENVIRONMENT_SUFFIX"
                    get=|p| &p.export.cdk_environment get_mut=|p| &mut p.export.cdk_environment />
            </div>
        </details>
    }
}
