//! The AWS deploy rules (`tests/rules/`) on every preset and the all-options plan,
//! in every target: CloudFormation and Terraform as exported, and the CDK apps'
//! synthesized templates when `tests/iac/validate.py` has left them in
//! `DRPLAN_SYNTH_DIR` (it runs `synthesized_cdk_templates_pass_every_rule` after
//! `cdk synth`). Each rule's own module shows it failing on a bundle that breaks it.

mod rules;

use std::path::Path;

use drplan::export::Target;
use rules::{catalogue, check_all, plans, Bundle};

#[test]
fn every_rule_passes_on_every_plan_and_target() {
    let mut findings = Vec::new();
    for (id, plan) in plans() {
        findings.extend(check_all(&Bundle::of(&id, &plan)));
    }
    assert!(findings.is_empty(), "{} finding(s):\n{}", findings.len(), findings.join("\n"));
}

#[test]
fn every_rule_quotes_its_source() {
    let rules = catalogue();
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rules.len(), "rule ids are unique");
    for r in &rules {
        assert!(r.source_says.len() > 40 && r.source.starts_with("https://"), "{}", r.id);
        assert!(!r.requires.is_empty(), "{}", r.id);
    }
}

/// Reads `<dir>/<plan>/<target>/<stack>.template.json` written by the validator.
fn synthesized(dir: &Path, plan: &str) -> Vec<rules::cfn::Template> {
    let mut out = Vec::new();
    for target in [Target::CdkPython, Target::CdkTypescript] {
        let Ok(entries) = std::fs::read_dir(dir.join(plan).join(target.id())) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            let Some(stem) = name.strip_suffix(".template.json") else { continue };
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let json =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let stack = if stem == "backup-account" || stem.ends_with("-backup-account") {
                "backup-account".to_string()
            } else {
                stem.rsplit('-').next().unwrap_or(stem).to_string()
            };
            out.push(rules::cfn::Template { target, stack, json });
        }
    }
    out
}

/// Run by `tests/iac/validate.py` after `cdk synth` (ignored otherwise).
#[test]
#[ignore = "needs the synthesized CDK templates; tests/iac/validate.py runs it"]
fn synthesized_cdk_templates_pass_every_rule() {
    let dir = std::env::var("DRPLAN_SYNTH_DIR").expect("DRPLAN_SYNTH_DIR");
    let dir = Path::new(&dir);
    let mut findings = Vec::new();
    let mut checked = 0;
    for (id, plan) in plans() {
        let templates = synthesized(dir, &id);
        if templates.is_empty() {
            continue;
        }
        checked += templates.len();
        let mut bundle = Bundle::of(&id, &plan);
        bundle.templates = templates;
        findings.extend(check_all(&bundle));
    }
    assert!(checked > 0, "no synthesized templates under {}", dir.display());
    assert!(findings.is_empty(), "{} finding(s):\n{}", findings.len(), findings.join("\n"));
    println!("{checked} synthesized template(s) pass every deploy rule");
}
