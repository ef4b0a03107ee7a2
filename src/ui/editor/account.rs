//! The backup account (issue 13): a second AWS account for copies the workload's
//! account cannot delete, its vault and Vault Lock. Each mechanism's copy into it is
//! edited on its own card (a backup rule's copy, a bucket's replica).

use std::sync::Arc;

use leptos::prelude::*;

use super::data::Optional;
use super::lenses::{as_id, options};
use super::{region_options, DurationField};
use crate::plan::{AccountVaultKind, AccountVaultLock, BackupAccount, Plan, VaultLockMode};
use crate::ui::fields::{Choice, Field, Lens, Toggle, WholeField};

/// A lens into the backup account, reading nothing while the plan has none.
fn account_lens<T: 'static>(
    get: fn(&BackupAccount) -> T,
    set: fn(&mut BackupAccount, T),
) -> Lens<T> {
    Lens {
        get: Arc::new(move |p: &Plan| p.backup_account.as_ref().map(get)),
        set: Arc::new(move |p: &mut Plan, v| {
            if let Some(a) = p.backup_account.as_mut() {
                set(a, v)
            }
        }),
    }
}

/// A lens into the vault lock, reading nothing while the vault has none.
fn lock_lens(get: fn(&AccountVaultLock) -> u32, set: fn(&mut AccountVaultLock, u32)) -> Lens<u32> {
    Lens {
        get: Arc::new(move |p: &Plan| {
            p.backup_account.as_ref().and_then(|a| a.vault.lock.as_ref()).map(get)
        }),
        set: Arc::new(move |p: &mut Plan, v| {
            if let Some(l) = p.backup_account.as_mut().and_then(|a| a.vault.lock.as_mut()) {
                set(l, v)
            }
        }),
    }
}

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
    let on = Lens::plan(
        |p: &Plan| p.backup_account.is_some(),
        |p, on: bool| p.backup_account = on.then(BackupAccount::default),
    );
    view! {
        <Optional label="A backup account (survives a compromise of this account)" path="backup_account".into() lens=on>
            <Field label="Account label" path="backup_account.name".into()
                lens=account_lens(|a| a.name.clone(), |a, v| a.name = v) />
            <Field label="Account id (empty: an input of the bundle)" path="backup_account.account_id".into() inputmode="numeric"
                lens=account_lens(|a| a.account_id.clone().unwrap_or_default(), |a, v: String| a.account_id = (!v.trim().is_empty()).then(|| v.trim().to_string())) />
            <Choice label="Region (none: the primary region)" path="backup_account.region".into() options=region_options(true)
                lens=account_lens(|a| a.region.clone().unwrap_or_default(), |a, v: String| a.region = (!v.is_empty()).then_some(v)) />
            <Toggle label="In the same AWS Organization" path="backup_account.same_organization".into()
                lens=account_lens(|a| a.same_organization, |a, v| a.same_organization = v) />
            <DurationField label="Time to take over the account" path="backup_account.activation_minutes".into()
                lens=account_lens(|a| a.activation_minutes, |a, v| a.activation_minutes = v) />
            <Choice label="Vault" path="backup_account.vault.kind".into() options=vault_kind_options()
                lens=as_id(account_lens(|a| a.vault.kind, |a, v| a.vault.kind = v)) />
            <Optional label="Vault Lock" path="backup_account.vault.lock".into()
                lens=account_lens(|a| a.vault.lock.is_some(), |a, on| a.vault.lock = on.then(AccountVaultLock::default))>
                <Choice label="Lock mode" path="backup_account.vault.lock.mode".into() options=mode_options()
                    lens=as_id(Lens {
                        get: Arc::new(|p: &Plan| p.backup_account.as_ref().and_then(|a| a.vault.lock.as_ref()).map(|l| l.mode)),
                        set: Arc::new(|p: &mut Plan, v| if let Some(l) = p.backup_account.as_mut().and_then(|a| a.vault.lock.as_mut()) { l.mode = v }),
                    }) />
                <WholeField label="Minimum retention" unit="days" path="backup_account.vault.lock.min_retention_days".into()
                    lens=lock_lens(|l| l.min_retention_days, |l, v| l.min_retention_days = v) />
                <WholeField label="Maximum retention" unit="days" path="backup_account.vault.lock.max_retention_days".into()
                    lens=lock_lens(|l| l.max_retention_days, |l, v| l.max_retention_days = v) />
                <WholeField label="Cooling-off before the lock is final" unit="days" path="backup_account.vault.lock.changeable_for_days".into()
                    lens=lock_lens(|l| l.changeable_for_days, |l, v| l.changeable_for_days = v) />
            </Optional>
        </Optional>
    }
}
