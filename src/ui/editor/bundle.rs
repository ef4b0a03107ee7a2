//! The settings that shape exported bundles rather than the estimate (the Export tab):
//! the VPC the plan's databases and functions use, and how the bundles name their
//! inputs, resources and outputs. Each with the core's diagnostics at the field; the
//! bundle below regenerates on every change.

use leptos::prelude::*;

use super::lenses::{as_id, field, options};
use super::maps::{InstanceLists, StringMap};
use crate::plan::deployment::component_input_settings;
use crate::plan::{KeyCase, Naming, VpcSource};
use crate::ui::fields::{Choice, Field, WholeField};
use crate::ui::state::use_state;

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
                    <Choice label="VPC"
                        options=options(&[(VpcSource::Existing, "an existing VPC (its ids are deploy-time inputs)"), (VpcSource::Create, "a VPC the bundle creates (no NAT: AWS through endpoints)")])
                        lens=as_id(field!(plan.network.vpc)) />
                    <Show when=move || creates_vpc.get()>
                        <Field label="Address range" placeholder="10.0.0.0/16" lens=field!(plan.network.cidr) />
                        <WholeField label="Availability Zones" unit="2–6" lens=field!(plan.network.az_count) />
                    </Show>
                </fieldset>
                <fieldset class="group">
                    <legend>"Names"</legend>
                    <Field label="Project name (default of the input)" placeholder="the plan's name"
                        lens=field!(plan.export.project_name) />
                    <Field label="Environment (default of the input)" placeholder="production"
                        lens=field!(plan.export.environment) />
                    <Choice label="Resource names"
                        options=options(&[(Naming::Project, "<project>-<component>"), (Naming::ProjectEnvironment, "<project>-<environment>-<component>"), (Naming::EnvironmentSuffix, "<component>-<environment suffix>")])
                        lens=as_id(field!(plan.export.naming)) />
                    <Field label="Terraform module directory (modules/…)" placeholder="the project name"
                        lens=field!(plan.export.terraform_module) />
                    <Choice label="CDK context keys"
                        options=options(&[(KeyCase::Snake, "snake_case (notification_email)"), (KeyCase::Camel, "camelCase (notificationEmail)")])
                        lens=as_id(field!(plan.export.cdk_context_keys)) />
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
