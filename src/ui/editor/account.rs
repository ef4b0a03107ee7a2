//! The backup account (issue 13): a second AWS account for copies the workload's
//! account cannot delete, its vault and Vault Lock. Each mechanism's copy into it is
//! edited on its own card (a backup rule's copy, a bucket's replica).

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::{as_id, as_optional_text, field, options};
use super::{region_options, DurationField};
use crate::plan::{AccountVaultKind, AccountVaultLock, VaultLockMode};
use crate::ui::fields::{Choice, Field, Toggle, WholeField};

fn vault_kind_options() -> Vec<(String, String)> {
    options(&[
        (AccountVaultKind::Standard, "standard vault (a KMS key of the backup account)"),
        (
            AccountVaultKind::LogicallyAirGapped,
            "logically air-gapped vault (compliance-locked, AWS-owned key)",
        ),
    ])
}

fn mode_options() -> Vec<(String, String)> {
    options(&[
        (VaultLockMode::Compliance, "compliance: nobody can delete recovery points early"),
        (VaultLockMode::Governance, "governance: principals with the right permissions can"),
    ])
}

/// The backup account's settings, switched on and off as a whole.
#[component]
pub fn BackupAccountSettings() -> impl IntoView {
    // The account id is kept without the spaces a paste brings; empty means none.
    let account_id =
        field!(plan.backup_account?.account_id).map(Option::unwrap_or_default, |v: String| {
            let v = v.trim();
            Some((!v.is_empty()).then(|| v.to_string()))
        });
    let lock = field!(plan.backup_account?.vault.lock)
        .map(|l| l.is_some(), |on: bool| Some(on.then(AccountVaultLock::default)));
    view! {
        <Optional label="A backup account (survives a compromise of this account)" lens=field!(plan.backup_account?)>
            <Field label="Account label" lens=field!(plan.backup_account?.name) />
            <Field label="Account id (empty: an input of the bundle)" inputmode="numeric" lens=account_id.clone() />
            <Choice label="Region (none: the primary region)" options=region_options(true)
                lens=as_optional_text(field!(plan.backup_account?.region)) />
            <Toggle label="In the same AWS Organization" lens=field!(plan.backup_account?.same_organization) />
            <DurationField label="Time to take over the account" lens=field!(plan.backup_account?.activation_minutes) />
            <Choice label="Vault" options=vault_kind_options()
                lens=as_id(field!(plan.backup_account?.vault.kind)) />
            <Optional label="Vault Lock" lens=lock.clone()>
                <Choice label="Lock mode" options=mode_options()
                    lens=as_id(field!(plan.backup_account?.vault.lock?.mode)) />
                <WholeField label="Minimum retention" unit="days" lens=field!(plan.backup_account?.vault.lock?.min_retention_days) />
                <WholeField label="Maximum retention" unit="days" lens=field!(plan.backup_account?.vault.lock?.max_retention_days) />
                <WholeField label="Cooling-off before the lock is final" unit="days" lens=field!(plan.backup_account?.vault.lock?.changeable_for_days) />
            </Optional>
        </Optional>
    }
}
