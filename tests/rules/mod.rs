//! AWS deploy rules: the constraints the AWS APIs enforce at deploy or run time that
//! no linter checks, each with the documentation sentence it enforces.
//!
//! A rule looks at a [`Bundle`]: the target-neutral model of a plan and what each
//! target emits for it, read back the way the tools read it (CloudFormation YAML
//! with its short tags, Terraform HCL, and, when `tests/iac/validate.py` has run
//! `cdk synth`, the CloudFormation templates the two CDK apps synthesize). A rule
//! returns one finding per violation, naming the target and the resource.
//!
//! `tests/deploy_rules.rs` runs every rule on every preset and the all-options plan;
//! each rule module holds the test that shows the rule failing on a bundle that
//! breaks it.

#![allow(dead_code)]

pub mod account;
pub mod adoption;
pub mod cfn;
pub mod closed;
pub mod lambda;
pub mod network;
pub mod order;
pub mod rds;
pub mod restore_testing;
pub mod sns;
pub mod terraform_style;
pub mod tf;

use std::collections::BTreeMap;

use drplan::export::model::{build, InfraModel};
use drplan::export::{emit, GeneratedFile, Target};
use drplan::plan::Plan;

/// One deploy rule.
pub struct Rule {
    pub id: &'static str,
    /// What the rule requires of a bundle.
    pub requires: &'static str,
    /// The AWS (or Terraform) documentation sentence it enforces, quoted.
    pub source_says: &'static str,
    /// Where that sentence is.
    pub source: &'static str,
    pub check: fn(&Bundle) -> Vec<String>,
}

/// Everything a rule may read about one plan's export.
pub struct Bundle {
    pub plan_id: String,
    pub plan: Plan,
    pub model: InfraModel,
    pub files: BTreeMap<Target, Vec<GeneratedFile>>,
    /// CloudFormation templates to check: the CloudFormation export, and the
    /// synthesized templates of the CDK apps when they are available.
    pub templates: Vec<cfn::Template>,
    pub terraform: tf::Config,
}

impl Bundle {
    /// Exports a plan to every target and reads the CloudFormation and Terraform
    /// bundles back.
    pub fn of(plan_id: &str, plan: &Plan) -> Bundle {
        let model = build(plan).unwrap_or_else(|e| panic!("{plan_id}: {e}"));
        let mut files = BTreeMap::new();
        for target in Target::ALL {
            let out = emit(&model, target).unwrap_or_else(|e| panic!("{plan_id}: {e}"));
            files.insert(target, out);
        }
        let templates = cfn::templates_of(Target::Cloudformation, &files[&Target::Cloudformation]);
        let terraform = tf::Config::read(&files[&Target::Terraform]);
        Bundle { plan_id: plan_id.into(), plan: plan.clone(), model, files, templates, terraform }
    }

    /// The text of a file of a target's bundle.
    pub fn file(&self, target: Target, path: &str) -> Option<&str> {
        self.files.get(&target)?.iter().find(|f| f.path == path).map(|f| f.contents.as_str())
    }

    pub fn readme(&self, target: Target) -> &str {
        self.file(target, "README.md").unwrap_or("")
    }
}

/// Every rule, in the order the report lists them.
pub fn catalogue() -> Vec<Rule> {
    vec![
        lambda::STATEMENT_IDS,
        lambda::RESERVED_CONCURRENCY,
        sns::PUBLISHERS_ALLOWED,
        order::DESTINATIONS_FIRST,
        adoption::STATIC_IMPORTS,
        adoption::ADOPTION_KEEPS_LIVE_SETTINGS,
        rds::ENGINE_VERSION_PREFIX,
        rds::KEY_ARN_FORM,
        network::ENDPOINTS_USED,
        network::VPC_FUNCTIONS_REACH_THEIR_APIS,
        closed::CLOSED_SERVICES,
        order::DEPENDS_ON_ONLY_FOR_AWS_ORDERING,
        terraform_style::REFERENCES_NOT_BUILT_ARNS,
        terraform_style::NO_UNUSED_INPUTS,
        terraform_style::KEPT_ON_DESTROY,
        terraform_style::NUMERIC_VALIDATION_BY_COMPARISON,
        account::COPIES_NAME_THE_BACKUP_ACCOUNT,
        account::LOCK_COOLING_OFF,
        account::REPLICAS_ACCEPT_THE_SOURCE_ROLE,
        restore_testing::SELECTION_ROLE_RESTORES,
        restore_testing::PLAN_TESTS_OWN_VAULTS,
        restore_testing::SELECTION_PROTECTED_AFTER_PLAN,
        restore_testing::RULES_MAY_INVOKE,
    ]
}

/// Findings of every rule on a bundle, each prefixed with the rule id.
pub fn check_all(bundle: &Bundle) -> Vec<String> {
    let mut out = Vec::new();
    for rule in catalogue() {
        for finding in (rule.check)(bundle) {
            out.push(format!("{}: {}: {finding}", bundle.plan_id, rule.id));
        }
    }
    out
}

/// The plans every rule must pass on: the presets, the all-options and backup-account
/// plans of the IaC validator, variants of the backup account, and the restore-testing
/// feature case.
pub fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> =
        drplan::presets::PRESETS.iter().map(|p| (p.id.to_string(), p.plan())).collect();
    let all = drplan::plan::parse_plan(include_str!("../iac/plans/all-options.json"))
        .expect("all-options plan parses");
    out.push(("all-options".into(), all));
    let account = drplan::plan::parse_plan(include_str!("../iac/plans/backup-account.json"))
        .expect("backup-account plan parses");
    out.push(("backup-account".into(), account));
    use drplan::plan::AccountVaultKind as K;
    out.push((
        "photo-portfolio-air-gapped".into(),
        account::photo_portfolio_account(K::LogicallyAirGapped),
    ));
    out.push(("backup-account-replica-only".into(), account::replica_only()));
    // Restore testing of a table the bundle creates, beside a test that stays manual.
    let restore = drplan::plan::parse_plan(include_str!("../cases/restore-testing/plan.json"))
        .expect("restore-testing case parses");
    out.push(("restore-testing".into(), restore));
    out
}

/// A preset's plan by id.
pub fn preset(id: &str) -> Plan {
    drplan::presets::PRESETS
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.plan())
        .unwrap_or_else(|| panic!("no preset {id}"))
}

/// The bundle of a preset (or of the all-options plan).
pub fn bundle(id: &str) -> Bundle {
    let (id, plan) = plans().into_iter().find(|(p, _)| p == id).expect("known plan");
    Bundle::of(&id, &plan)
}
