//! Injection attempts: every free-text field and every component id of a plan that
//! uses all component kinds is replaced with text that tries to break out of a
//! string literal or comment in each target (quotes, backslashes, `${`, `%{`,
//! newlines, U+2028, `*/`, HTML, unicode). Validation would reject such a plan, so
//! the test exports it unchecked, then lexes every generated file: the payload's
//! marker `pwn(` may appear only inside string literals and comments.

mod lang;

use std::collections::BTreeMap;

use drplan::export::{export_unchecked, Target};
use drplan::plan::{parse_plan, Component, Plan};

const MARKER: &str = "pwn(";
const EVIL: &str = "x\"'\\`${pwn()}%{pwn()}\n#pwn()\u{2028}pwn() */ pwn() <script>pwn()</script> '); pwn(); ('\"); pwn(); (\" é☃𝄞 $(pwn()) `pwn()`";

fn evil(tag: &str) -> String {
    format!("{tag}{EVIL}")
}

fn rename(id: &mut String, map: &BTreeMap<String, String>) {
    if let Some(new) = map.get(id.as_str()) {
        *id = new.clone();
    }
}

/// The all-options plan with every id and free-text field made hostile.
fn hostile_plan() -> Plan {
    let mut plan = parse_plan(include_str!("iac/plans/all-options.json")).unwrap();
    plan.name = evil("plan");
    plan.notes = vec![evil("note"), "```\nrm -rf / pwn()\n```".into()];
    plan.primary_region = evil("region");
    let map: BTreeMap<String, String> = plan
        .components
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id().to_string(), evil(&format!("id{i}"))))
        .collect();
    for c in plan.components.iter_mut() {
        let new_id = map[c.id()].clone();
        c.set_id(&new_id);
        match c {
            Component::BackupPlan(p) => {
                p.protects.iter_mut().for_each(|id| rename(id, &map));
                if let Some(t) = p.notify_topic.as_mut() {
                    rename(t, &map);
                }
                for r in p.rules.iter_mut() {
                    r.name = evil("rule");
                }
            }
            Component::LambdaFunction(f) => {
                f.targets.iter_mut().for_each(|id| rename(id, &map));
                if let Some(t) = f.notify_topic.as_mut() {
                    rename(t, &map);
                }
            }
            Component::Schedule(s) => {
                rename(&mut s.target, &map);
                s.backup_type = evil("type");
                s.expression = evil("expr");
            }
            Component::SnsTopic(t) => {
                t.email_subscriptions = vec![evil("mail1@example.com"), evil("mail2")]
            }
            Component::Monitoring(m) => {
                if let Some(t) = m.notify_topic.as_mut() {
                    rename(t, &map);
                }
                for a in m.alarms.iter_mut() {
                    a.name = evil("alarm");
                    if let Some(id) = a.component.as_mut() {
                        rename(id, &map);
                    }
                }
                m.custom_metrics = vec![evil("metric")];
            }
            Component::DnsFailover(d) => d.domain_name = evil("host"),
            // Endpoint services are exported only when a function in the VPC calls
            // them (known services): a hostile name is refused before any output.
            Component::RdsInstance(r) => r.instance_class = evil("class"),
            Component::AuroraCluster(a) => a.instance_class = evil("class"),
            _ => {}
        }
    }
    // Export settings name components by id: they follow the renames. Outputs are
    // named after the export's shortened ids: only the region one is kept.
    let inputs = std::mem::take(&mut plan.export.inputs);
    for (path, name) in inputs {
        let path = match path.strip_prefix("components.").and_then(|p| p.split_once('.')) {
            Some((id, field)) => {
                format!("components.{}.{field}", map.get(id).map_or(id, String::as_str))
            }
            None => path,
        };
        plan.export.inputs.insert(path, name);
    }
    for members in plan.export.lists.values_mut() {
        members.iter_mut().for_each(|id| rename(id, &map));
    }
    plan.export.outputs.retain(|_, source| source == "primary_region");
    plan
}

fn check_file(target: Target, path: &str, contents: &str) -> Result<(), String> {
    let code = if path.ends_with(".yaml") {
        lang::yaml_code(contents)
    } else if path.ends_with(".tf") || path.ends_with(".tfvars.example") {
        lang::hcl_code(contents)
    } else if path.ends_with(".py") {
        lang::python_code(contents)
    } else if path.ends_with(".ts") {
        lang::typescript_code(contents)
    } else if path.ends_with(".json") {
        serde_json::from_str::<serde_json::Value>(contents)
            .map_err(|e| format!("{path}: not valid JSON: {e}"))?;
        return Ok(());
    } else if path.ends_with(".md") {
        return check_readme(contents).map_err(|e| format!("{path}: {e}"));
    } else if path.ends_with(".txt") {
        return if contents.contains(MARKER) {
            Err(format!("{path}: payload in a plain file"))
        } else {
            Ok(())
        };
    } else {
        return Err(format!("{path}: unexpected file type in {}", target.id()));
    };
    if code.contains(MARKER) {
        let at = code.find(MARKER).unwrap_or(0);
        return Err(format!(
            "{}: {path}: payload outside a literal or comment: ...{}...",
            target.id(),
            &code[at.saturating_sub(80)..(at + 20).min(code.len())]
        ));
    }
    // No raw line separators anywhere (they end comments in JavaScript and YAML 1.1).
    if contents.contains('\u{2028}') || contents.contains('\u{2029}') || contents.contains('\u{85}')
    {
        return Err(format!("{}: {path}: raw U+2028/U+2029/U+0085", target.id()));
    }
    Ok(())
}

/// README: the payload only as escaped Markdown text, and inside shell blocks only
/// within quotes.
fn check_readme(md: &str) -> Result<(), String> {
    let mut in_code = false;
    for line in md.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            if lang::shell_code(line).contains(MARKER) {
                return Err(format!("payload outside quotes in a shell line: {line}"));
            }
        } else {
            // Code spans show their text literally (backticks inside are replaced),
            // so only the text outside them can form HTML or links.
            let mut text = String::new();
            let mut in_span = false;
            let mut escaped = false;
            for c in line.chars() {
                if c == '`' && !escaped {
                    in_span = !in_span;
                } else if !in_span {
                    text.push(c);
                }
                escaped = c == '\\' && !escaped;
            }
            if in_span {
                return Err(format!("unbalanced code span: {line}"));
            }
            if text.match_indices("<script").any(|(i, _)| !text[..i].ends_with('\\'))
                || text.contains("](") && text.contains(MARKER)
            {
                return Err(format!("unescaped Markdown from the plan: {line}"));
            }
        }
    }
    if in_code {
        return Err("a code block is left open".into());
    }
    Ok(())
}

#[test]
fn hostile_text_stays_inside_literals_in_every_target() {
    let plan = hostile_plan();
    assert!(
        !drplan::plan::validate(&plan).is_empty(),
        "the hostile plan must be one validation rejects"
    );
    let mut failures = Vec::new();
    for target in Target::ALL {
        let files = match export_unchecked(&plan, target) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{}: {e}", target.id()));
                continue;
            }
        };
        assert!(files.len() > 5, "{}", target.id());
        let mut payload_seen = false;
        for f in &files {
            payload_seen |= f.contents.contains("pwn");
            if let Err(e) = check_file(target, &f.path, &f.contents) {
                failures.push(e);
            }
        }
        assert!(payload_seen, "{}: the payload should appear (escaped) somewhere", target.id());
    }
    assert!(failures.is_empty(), "{} injection(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn hostile_output_is_deterministic() {
    let plan = hostile_plan();
    for target in Target::ALL {
        assert_eq!(
            export_unchecked(&plan, target).unwrap(),
            export_unchecked(&plan.clone(), target).unwrap(),
            "{}",
            target.id()
        );
    }
}

#[test]
fn lexers_catch_a_breakout() {
    // The lexers themselves must see code after a literal ends.
    assert!(lang::python_code("x = \"a\" + pwn()").contains(MARKER));
    assert!(!lang::python_code("x = \"a\\\" + pwn()\"").contains(MARKER));
    assert!(lang::typescript_code("const x = 'a';\npwn();").contains(MARKER));
    assert!(!lang::typescript_code("// pwn()\nconst x = 'pwn()';").contains(MARKER));
    assert!(lang::hcl_code("x = \"${pwn()}\"").contains(MARKER));
    assert!(!lang::hcl_code("x = \"$${pwn()}\" # pwn()").contains(MARKER));
    assert!(lang::yaml_code("A: \"x\"\nB: pwn()").contains(MARKER));
    assert!(!lang::yaml_code("A: \"x\\\" pwn()\" # pwn()").contains(MARKER));
    assert!(lang::shell_code("echo 'a' pwn()").contains(MARKER));
    assert!(!lang::shell_code("echo 'a\" pwn()'").contains(MARKER));
    assert!(!lang::shell_code("echo 'it'\\''s pwn()'").contains(MARKER));
}

/// With `DRPLAN_DUMP_HOSTILE=<dir>`, writes the hostile bundles there so that the
/// real parsers (Python's ast, tsc, cfn-lint, Terraform's loader) can be run on them.
#[test]
fn dump_hostile_bundles_when_asked() {
    let Ok(dir) = std::env::var("DRPLAN_DUMP_HOSTILE") else { return };
    let plan = hostile_plan();
    for target in Target::ALL {
        for f in export_unchecked(&plan, target).unwrap() {
            let path = std::path::Path::new(&dir).join(target.id()).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f.contents).unwrap();
        }
    }
}

/// Numbers validation would reject (zero, the largest u32, NaN, infinities) still
/// give a bundle or an error, never a panic.
#[test]
fn extreme_numbers_never_panic() {
    for (big, float) in [(u32::MAX, f64::NAN), (0, f64::INFINITY), (u32::MAX, -1.0)] {
        let mut plan = parse_plan(include_str!("iac/plans/all-options.json")).unwrap();
        plan.horizon_months = big;
        for c in plan.components.iter_mut() {
            match c {
                Component::S3Bucket(b) => {
                    b.stored_gb = float;
                    b.versioning.noncurrent_expiration_days = Some(big);
                    b.versioning.noncurrent_glacier_days = Some(big);
                    b.lifecycle.expiration_days = Some(big);
                    b.lifecycle.deep_archive_days = Some(big);
                }
                Component::DynamodbTable(t) => {
                    t.pitr.recovery_period_days = big;
                    if let Some(o) = t.on_demand_backups.as_mut() {
                        o.every_hours = big;
                        o.retention_days = big;
                    }
                }
                Component::RdsInstance(r) => {
                    r.storage_gb = float;
                    r.backup_retention_days = big;
                    r.manual_snapshots = Some(drplan::plan::ManualSnapshots {
                        every_days: big,
                        retention_days: big,
                        copy_to_dr_region: true,
                    });
                }
                Component::AuroraCluster(a) => {
                    a.instance_count = big;
                    a.backtrack_window_hours = Some(big);
                }
                Component::BackupPlan(p) => {
                    for r in p.rules.iter_mut() {
                        r.frequency_minutes = big;
                        r.start_hour_utc = big;
                        r.retention_days = big;
                        r.cold_storage_after_days = Some(big);
                    }
                    if let Some(l) = p.vault_lock.as_mut() {
                        l.min_retention_days = big;
                        l.max_retention_days = 0;
                    }
                }
                Component::LambdaFunction(f) => {
                    f.memory_mb = big;
                    f.timeout_seconds = big;
                    f.log_retention_days = big;
                }
                Component::Monitoring(m) => {
                    m.dashboards = big;
                    for a in m.alarms.iter_mut() {
                        a.threshold = float;
                        a.period_minutes = big;
                        a.evaluation_periods = big;
                    }
                }
                Component::KmsKey(k) => k.count = big,
                Component::DnsFailover(d) => {
                    d.health_checks = big;
                    d.failure_threshold = big;
                }
                Component::ConfigBackup(b) => b.export_retention_days = big,
                _ => {}
            }
        }
        for target in Target::ALL {
            let _ = export_unchecked(&plan, target);
        }
    }
}
