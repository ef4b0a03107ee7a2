//! The hostile plan: the all-options plan with every id and free-text field replaced
//! by text that tries to break out of a string literal or comment in each target.
//! Shared by `export_injection.rs` and `examples/dump_hostile_bundles.rs`.

use std::collections::BTreeMap;

use drplan::plan::{parse_plan, Component, Plan};

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
pub fn hostile_plan() -> Plan {
    let mut plan = parse_plan(include_str!("../iac/plans/all-options.json")).unwrap();
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
