//! drplan: a backup and disaster-recovery planner for AWS.
//!
//! The crate is a pure core (no IO, no UI) used by three shells: the web app
//! (`ui`, compiled only for the browser), the `drplan` command-line tool and the
//! tests. See ARCHITECTURE.md for the map.
//!
//! * [`plan`]: the plan model, its JSON form and validation.
//! * [`pricing`]: price sheets with sources, fallbacks and overrides.
//! * [`cost`]: usage models, the steady-state estimate and the monthly ledger.
//! * [`presets`]: the five seed designs as embedded plans.
//! * [`report`]: estimate renderings (table, JSON, CSV) shared by the CLI and the app.
//! * [`export`]: ready-to-deploy CDK (Python, TypeScript), Terraform and CloudFormation bundles.

pub mod cost;
pub mod export;
pub mod money;
pub mod plan;
pub mod presets;
pub mod pricing;
pub mod report;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// Hours in a billing month, as AWS prices monthly figures (365 × 24 ÷ 12).
pub const HOURS_PER_MONTH: u32 = 730;
