//! Validation: every field checked against AWS's real constraints.
//!
//! [`validate`] returns every problem at once as [`Diagnostic`]s, each with the path
//! of the field it is about (`components[2].lifecycle.glacier_days`) and a sentence a
//! user understands. It never panics, whatever the plan holds.

mod account;
mod backup;
mod billing;
mod by_path;
mod data;
mod deployment;
mod drills;
mod operations;
mod per_component;
mod recovery;
mod rules;

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::{Component, ComponentKind, Plan, MAX_HORIZON_MONTHS};
use crate::plan::limits::MAX_TEXT_CHARS;
use crate::plan::regions::is_known_region;
use crate::plan::untrusted::{escape, is_hidden, quoted, QUOTE_CHARS};

pub use by_path::DiagnosticsByPath;
pub use per_component::component_of;
pub use rules::{is_valid_email, is_valid_hostname, is_valid_id, ID_RULE};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The plan cannot be deployed as it stands; estimates still run.
    Error,
    /// Allowed, but probably not what the user wants.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {}: {}", self.path, self.message)
    }
}

pub use crate::plan::limits::MAX_COMPONENTS;

/// Collects diagnostics while the checks walk the plan.
pub(crate) struct Checker<'a> {
    pub plan: &'a Plan,
    pub diagnostics: Vec<Diagnostic>,
    /// `components[i]` for each component, written once for every pass that checks
    /// the components (shared, so a pass can hold them while it adds diagnostics).
    pub component_paths: Rc<[String]>,
    /// The components by id (the first of a repeated id, as [`Plan::component`]) and
    /// the kinds present: looked up for every reference and every bucket, so a plan of
    /// 200 components is not searched 200 times.
    by_id: BTreeMap<&'a str, (usize, &'a Component)>,
    kinds: BTreeSet<ComponentKind>,
}

/// A diagnostic's path, written only when there is a diagnostic (see
/// [`Checker::number`]); one `dyn` type, so no check is compiled once per call site.
pub type Path<'p> = &'p dyn Fn() -> String;

impl<'a> Checker<'a> {
    pub fn new(plan: &'a Plan) -> Checker<'a> {
        let mut by_id = BTreeMap::new();
        for (index, c) in plan.components.iter().enumerate() {
            by_id.entry(c.id()).or_insert((index, c));
        }
        Checker {
            plan,
            diagnostics: Vec::new(),
            component_paths: (0..plan.components.len())
                .map(|i| format!("components[{i}]"))
                .collect(),
            by_id,
            kinds: plan.components.iter().map(Component::kind).collect(),
        }
    }

    /// The plan's component `id` (the first, if repeated).
    pub fn component(&self, id: &str) -> Option<&'a Component> {
        self.by_id.get(id).map(|(_, c)| *c)
    }

    /// The position of the first component with `id`.
    fn first_with_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|(index, _)| *index)
    }

    /// Whether the plan has a component of `kind`.
    pub fn has_kind(&self, kind: ComponentKind) -> bool {
        self.kinds.contains(&kind)
    }

    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        });
    }

    pub fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        });
    }

    /// A finite number within `[min, max]`; `unit` completes the message ("GB").
    ///
    /// Paths are passed as closures here and below, written only for a diagnostic:
    /// a plan of 200 components has thousands of checks and few findings, and
    /// writing every checked path was half of validation's time on each edit.
    pub fn number(&mut self, path: Path, value: f64, min: f64, max: f64, unit: &str) {
        if !value.is_finite() {
            self.error(path(), "must be a number");
        } else if value < min || value > max {
            self.error(
                path(),
                format!("is {value}; must be between {min} and {max} {unit}")
                    .trim_end()
                    .to_string(),
            );
        }
    }

    pub fn whole(&mut self, path: Path, value: u32, min: u32, max: u32, unit: &str) {
        if value < min || value > max {
            self.error(
                path(),
                format!("is {value}; must be between {min} and {max} {unit}")
                    .trim_end()
                    .to_string(),
            );
        }
    }

    /// `reference` must name a component of one of `kinds`.
    pub fn reference(&mut self, path: Path, reference: &str, kinds: &[ComponentKind]) {
        match self.component(reference) {
            None => self.error(
                path(),
                format!("refers to {}, which is not a component of this plan", quoted(reference)),
            ),
            Some(c) if !kinds.contains(&c.kind()) => {
                let wanted: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
                self.error(
                    path(),
                    format!(
                        "{} is a {}; expected {}",
                        quoted(reference),
                        c.kind().id(),
                        wanted.join(" or ")
                    ),
                )
            }
            Some(_) => {}
        }
    }

    /// The DR region, or an error at `path` saying the feature needs one.
    pub fn needs_dr_region(&mut self, path: Path, feature: &str) {
        if self.plan.dr_region.is_none() {
            self.error(path(), format!("{feature} needs a DR region: set the plan's dr_region"));
        }
    }
}

/// Checks a plan. An empty list means the plan is valid.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    let mut checker = Checker::new(plan);
    check_plan_fields(&mut checker);
    recovery::recovery_settings(&mut checker);
    billing::billing_settings(&mut checker);
    drills::drill_results(&mut checker);
    check_ids(&mut checker);
    let paths = Rc::clone(&checker.component_paths);
    for (component, at) in plan.components.iter().zip(paths.iter()).take(MAX_COMPONENTS) {
        match component {
            Component::S3Bucket(c) => data::s3_bucket(&mut checker, at, c),
            Component::DynamodbTable(c) => data::dynamodb_table(&mut checker, at, c),
            Component::RdsInstance(c) => data::rds_instance(&mut checker, at, c),
            Component::AuroraCluster(c) => data::aurora_cluster(&mut checker, at, c),
            Component::BackupPlan(c) => backup::backup_plan(&mut checker, at, c),
            Component::LambdaFunction(c) => operations::lambda_function(&mut checker, at, c),
            Component::Schedule(c) => operations::schedule(&mut checker, at, c),
            Component::SnsTopic(c) => operations::sns_topic(&mut checker, at, c),
            Component::Monitoring(c) => operations::monitoring(&mut checker, at, c),
            Component::KmsKey(c) => operations::kms_key(&mut checker, at, c),
            Component::VpcEndpoints(c) => operations::vpc_endpoints(&mut checker, at, c),
            Component::ConfigBackup(c) => operations::config_backup(&mut checker, at, c),
            Component::DnsFailover(c) => operations::dns_failover(&mut checker, at, c),
        }
    }
    account::check(&mut checker);
    deployment::check(&mut checker);
    checker.diagnostics
}

fn check_plan_fields(c: &mut Checker) {
    let plan = c.plan;
    let name = plan.name.trim();
    if name.is_empty() {
        c.error("name", "must not be empty");
    } else if plan.name.chars().count() > 100 {
        c.error("name", "must be at most 100 characters");
    } else if let Some(hidden) = plan.name.chars().find(|ch| is_hidden(*ch)) {
        c.error(
            "name",
            format!(
                "must be one line of visible characters: it holds U+{:04X}, a control, \
                 invisible or direction-changing character",
                hidden as u32
            ),
        );
    }
    if !is_known_region(&plan.primary_region) {
        c.error(
            "primary_region",
            format!("{} is not an AWS region code such as us-east-1", quoted(&plan.primary_region)),
        );
    }
    if let Some(dr) = &plan.dr_region {
        if !is_known_region(dr) {
            c.error(
                "dr_region",
                format!("{} is not an AWS region code such as us-west-2", quoted(dr)),
            );
        } else if *dr == plan.primary_region {
            c.error(
                "dr_region",
                "must differ from the primary region; leave it empty for a single-region design",
            );
        }
    }
    c.whole(&|| "targets.rpo_minutes".into(), plan.targets.rpo_minutes, 1, 525_600, "minutes");
    c.whole(&|| "targets.rto_minutes".into(), plan.targets.rto_minutes, 1, 525_600, "minutes");
    for (class, objective) in &plan.targets.by_data_class {
        c.whole(
            &|| format!("targets.by_data_class.{}.rpo_minutes", class.id()),
            objective.rpo_minutes,
            1,
            525_600,
            "minutes",
        );
        c.whole(
            &|| format!("targets.by_data_class.{}.rto_minutes", class.id()),
            objective.rto_minutes,
            1,
            525_600,
            "minutes",
        );
    }
    match crate::pricing::sheet(&plan.pricing.sheet) {
        None => c.error(
            "pricing.sheet",
            format!(
                "{} is not a price sheet; choose one of: {}",
                quoted(&plan.pricing.sheet),
                crate::pricing::SHEET_IDS.join(", ")
            ),
        ),
        Some(sheet) => {
            for (id, value) in &plan.pricing.overrides {
                let path = format!("pricing.overrides.{}", escape(id, QUOTE_CHARS));
                if !crate::pricing::Prices::accepts_override(sheet, id) {
                    c.error(
                        path,
                        format!("{} is not a price id of sheet {}", quoted(id), sheet.id),
                    );
                } else if let Err(why) = crate::money::UnitPrice::from_f64(*value) {
                    c.error(path, why);
                }
            }
        }
    }
    c.whole(&|| "horizon_months".into(), plan.horizon_months, 1, MAX_HORIZON_MONTHS, "months");
    if plan.notes.len() > 50 || plan.notes.iter().any(|n| n.chars().count() > MAX_TEXT_CHARS) {
        c.error("notes", format!("at most 50 notes of at most {MAX_TEXT_CHARS} characters each"));
    }
    for problem in crate::plan::limits::check(plan) {
        c.error(problem.path, problem.message);
    }
    if let Some(record) = &plan.decision {
        check_decision(c, record);
    }
}

/// The decision record: one line of owner, a calendar date, bounded free text.
fn check_decision(c: &mut Checker, record: &crate::plan::DecisionRecord) {
    use crate::plan::{MAX_DECISION_TEXT_CHARS, MAX_OWNER_CHARS};
    let owner_chars = record.owner.chars().count();
    if owner_chars > MAX_OWNER_CHARS {
        c.error(
            "decision.owner",
            format!("must be at most {MAX_OWNER_CHARS} characters (it has {owner_chars})"),
        );
    } else if let Some(hidden) = record.owner.chars().find(|ch| is_hidden(*ch)) {
        c.error(
            "decision.owner",
            format!(
                "must be one line of visible characters: it holds U+{:04X}, a control, \
                 invisible or direction-changing character",
                hidden as u32
            ),
        );
    }
    if !record.date.is_empty() {
        if let Err(why) = crate::plan::check_date(&record.date) {
            c.error("decision.date", why);
        }
    }
    let text_chars = record.text.chars().count();
    if text_chars > MAX_DECISION_TEXT_CHARS {
        c.error(
            "decision.text",
            format!("must be at most {MAX_DECISION_TEXT_CHARS} characters (it has {text_chars})"),
        );
    }
}

fn check_ids(c: &mut Checker) {
    // The repeats only, each naming the one before it.
    let mut repeated = BTreeMap::new();
    for (index, component) in c.plan.components.iter().enumerate().take(MAX_COMPONENTS) {
        let id = component.id();
        let path = || format!("components[{index}].id");
        if !is_valid_id(id) {
            c.error(path(), format!("{}: {ID_RULE}", quoted(id)));
        } else if let Some(first) = c.first_with_id(id).filter(|first| *first != index) {
            let first = repeated.insert(id, index).unwrap_or(first);
            c.error(
                path(),
                format!(
                    "{} is already the id of components[{first}]; ids must be unique",
                    quoted(id)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each repeat of an id names the component before it with that id, as the editor
    /// lists them one after another.
    #[test]
    fn each_repeated_id_names_the_one_before_it() {
        let mut plan = Plan::default();
        for _ in 0..3 {
            plan.add_component(ComponentKind::SnsTopic);
        }
        for component in &mut plan.components {
            component.set_id("alerts");
        }
        let repeats: Vec<(String, String)> = validate(&plan)
            .into_iter()
            .filter(|d| d.message.contains("ids must be unique"))
            .map(|d| (d.path, d.message))
            .collect();
        let expected = [("components[1].id", 0), ("components[2].id", 1)].map(|(path, first)| {
            let message =
                format!("\"alerts\" is already the id of components[{first}]; ids must be unique");
            (path.to_string(), message)
        });
        assert_eq!(repeats, expected);
    }
}
