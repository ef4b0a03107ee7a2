//! drplan: a backup and disaster-recovery planner for AWS.
//!
//! The crate is a pure core (no IO, no UI) used by three shells: the web app
//! (`ui`, compiled only for the browser), the `drplan` command-line tool and the
//! tests. See ARCHITECTURE.md for the map.
//!
//! * [`plan`]: the plan model, its JSON form and validation.
//! * [`pricing`]: price sheets with sources, fallbacks and overrides.
//! * [`cost`]: usage models, the steady-state estimate and the monthly ledger.
//! * [`charts`]: plotters drawings of an estimate, generic over the backend.
//! * [`presets`]: the five seed designs as embedded plans.
//! * [`recovery`]: achieved RPO and RTO per failure scenario against the targets, the
//!   DR strategy, and the cheapest verified fixes.
//! * [`report`]: estimate renderings (table, JSON, CSV) shared by the CLI and the app.
//! * [`share`]: plans in compressed URL fragments (share links).
//! * [`session`]: the app's plan state: undo history, recent plans, what opening a
//!   link, file or preset does, the CLI's limits on every input, and the fix-search
//!   job of the app's Web Worker.
//! * [`zip`]: deterministic ZIP archives for downloaded bundles.
//! * [`export`]: ready-to-deploy CDK (Python, TypeScript), Terraform and CloudFormation bundles.

pub mod charts;
pub mod cost;
pub mod export;
pub mod money;
pub mod plan;
pub mod presets;
pub mod pricing;
pub mod recovery;
pub mod report;
pub mod session;
pub mod share;
pub mod zip;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Hours in a billing month, as AWS prices monthly figures (365 × 24 ÷ 12).
pub const HOURS_PER_MONTH: u32 = 730;
