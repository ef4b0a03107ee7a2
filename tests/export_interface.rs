//! Every preset's interface in every target (golden files under
//! `tests/cases/<preset>/interface/<target>.json`, read back from the bundle's own
//! files), and the seed presets' interfaces checked against the tables of their
//! seed documents (`tests/interface/seeds.rs`): the names, types and defaults each
//! seed gives its inputs and outputs, in every target that can carry them.

mod interface;
mod rules;
mod support;

use drplan::export::Target;
use drplan::presets::PRESETS;
use interface::seeds::{INPUTS, SEED_003_OUTPUTS, SEED_003_VARIABLES};
use interface::Interface;
use rules::cfn::from_yaml;
use rules::tf::Config;
use support::{assert_all, check_golden, preset};

#[test]
fn every_preset_interface_matches_its_golden() {
    let mut results = Vec::new();
    for p in PRESETS {
        let all = interface::all(&p.plan());
        // The two CDK apps take the same context keys, defaults and outputs.
        let (py, ts) = (&all[&Target::CdkPython], &all[&Target::CdkTypescript]);
        assert_eq!(py.inputs, ts.inputs, "{}: CDK Python and TypeScript settings differ", p.id);
        assert_eq!(py.outputs, ts.outputs, "{}: CDK Python and TypeScript outputs differ", p.id);
        assert!(!py.inputs.is_empty() && !py.outputs.is_empty(), "{}: no CDK settings read", p.id);
        for (target, i) in all {
            results
                .push(check_golden(&format!("{}/interface/{}.json", p.id, target.id()), &i.json()));
        }
    }
    assert_all(results);
}

fn name_in(input: &interface::seeds::SeedInput, target: Target) -> Option<&'static str> {
    match target {
        Target::Cloudformation => input.cloudformation,
        Target::Terraform => input.terraform,
        Target::CdkPython | Target::CdkTypescript => input.cdk,
    }
}

#[test]
fn seed_inputs_are_in_every_target_under_the_seed_names() {
    let mut problems = Vec::new();
    let mut table = String::from("| seed preset | the seed's input | CloudFormation | Terraform | CDK (Python, TypeScript) | default |\n|---|---|---|---|---|---|\n");
    for item in &INPUTS {
        let all = interface::all(&preset(item.preset));
        for (target, i) in &all {
            let Some(name) = name_in(item, *target) else {
                let lower = item.seed_name.to_lowercase();
                let present =
                    i.inputs.iter().any(|x| x.name.to_lowercase().replace('_', "") == lower);
                if present || !i.file("README.md").contains(item.readme) {
                    problems.push(format!(
                        "{} {}: no input {}, and the README should say: {}",
                        item.preset,
                        target.id(),
                        item.seed_name,
                        item.readme
                    ));
                }
                continue;
            };
            match i.input(name) {
                None => problems.push(format!(
                    "{} {}: no input {name} ({})",
                    item.preset,
                    target.id(),
                    item.seed_name
                )),
                Some(found) => {
                    if let Some(d) = item.default {
                        if found.default.as_deref() != Some(d) {
                            problems.push(format!(
                                "{} {}: {name} defaults to {:?}, the seed says {d}",
                                item.preset,
                                target.id(),
                                found.default
                            ));
                        }
                    }
                    let cdk = matches!(target, Target::CdkPython | Target::CdkTypescript);
                    if cdk && item.env.is_some() && found.env.as_deref() != item.env {
                        problems.push(format!(
                            "{} {}: {name} is not read from {:?}",
                            item.preset,
                            target.id(),
                            item.env
                        ));
                    }
                }
            }
        }
        let show = |n: Option<&str>| n.map(|x| format!("`{x}`")).unwrap_or_else(|| "—".into());
        table.push_str(&format!(
            "| {} | {} | {} | {} | {}{} | {} |\n",
            item.preset,
            item.seed_name,
            show(item.cloudformation),
            show(item.terraform),
            show(item.cdk),
            item.env.map(|e| format!(" (or `{e}`)")).unwrap_or_default(),
            item.default.unwrap_or(item.note),
        ));
    }
    println!("{table}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A default as the seed's table writes it: quotes and spacing aside.
fn same_default(ours: &str, seed: &str) -> bool {
    let norm = |t: &str| t.replace(['"', ','], "").split_whitespace().collect::<Vec<_>>().join(" ");
    norm(ours) == norm(seed)
}

#[test]
fn seed_003_is_a_module_with_all_the_seed_variables_and_outputs() {
    let plan = preset("rds-snapshot-module");
    let all = interface::all(&plan);
    let tf = &all[&Target::Terraform];
    let mut problems = Vec::new();
    let mut table = String::from("| variable | type | seed default | module default | what the module does | CloudFormation | CDK |\n|---|---|---|---|---|---|---|\n");
    assert_eq!(tf.module_dir.as_deref(), Some("modules/database-backup"));
    let readme = tf.file("README.md");
    for v in &SEED_003_VARIABLES {
        let Some(found) = tf.module_input(v.name) else {
            problems.push(format!("{}: missing from the module", v.name));
            continue;
        };
        if !found.kind.starts_with(v.ty) {
            problems.push(format!("{}: type {}, the seed says {}", v.name, found.kind, v.ty));
        }
        if v.required != found.default.is_none() {
            problems.push(format!(
                "{}: required is {}, the seed says {}",
                v.name,
                found.default.is_none(),
                v.required
            ));
        }
        let expected = v.deviation.map_or(v.default, |(d, _)| d);
        let ours = found.default.clone().unwrap_or_default();
        if !v.required && !same_default(&ours, expected) {
            problems.push(format!("{}: module default {ours}, expected {expected}", v.name));
        }
        if let Some((_, why)) = v.deviation {
            if v.default == ours {
                problems.push(format!(
                    "{}: listed as deviating ({why}) but keeps the seed's default",
                    v.name
                ));
            }
        }
        // A value refused for a secure default is listed with the reason.
        if v.does.starts_with("false is refused")
            && !readme.contains(&format!("`{} = false` is refused", v.name))
        {
            problems.push(format!("{}: the README does not say false is refused", v.name));
        }
        // The stacks refuse it too, with the reason: a CloudFormation rule, the CDK
        // settings' pattern.
        if let (true, Some(cfn)) = (v.does.starts_with("false is refused"), v.cloudformation) {
            let template = all[&Target::Cloudformation].file("primary.yaml");
            if !template.contains(&format!("  {cfn}Refused:")) {
                problems.push(format!("{cfn}: no CloudFormation rule refuses false"));
            }
            let settings = all[&Target::CdkPython].file("stacks/settings.py");
            if !settings
                .contains(&format!("(\"{}\", \"{}\", \"text\", \"^(true)$\"", v.name, v.name))
            {
                problems.push(format!("{}: the CDK settings take false", v.name));
            }
        }
        for (target, name) in [
            (Target::Cloudformation, v.cloudformation),
            (Target::CdkPython, v.cdk),
            (Target::CdkTypescript, v.cdk),
        ] {
            let i = &all[&target];
            match name {
                Some(n) if i.input(n).is_none() => {
                    problems.push(format!("{} {}: no input {n}", target.id(), v.name))
                }
                None if i
                    .inputs
                    .iter()
                    .any(|x| x.name.to_lowercase().replace('_', "") == v.name.replace('_', "")) =>
                {
                    problems.push(format!(
                        "{} {}: has the input, the table says module only",
                        target.id(),
                        v.name
                    ))
                }
                None => {
                    let section =
                        i.file("README.md").split("## Terraform module only").nth(1).unwrap_or("");
                    if !section.contains(&format!("{}:", v.name.replace('_', "\\_"))) {
                        problems.push(format!(
                            "{} {}: the README does not list it as the module's own",
                            target.id(),
                            v.name
                        ));
                    }
                }
                Some(_) => {}
            }
        }
        let show =
            |n: Option<&str>| n.map(|x| format!("`{x}`")).unwrap_or_else(|| "module only".into());
        table.push_str(&format!(
            "| `{}` | {} | `{}` | {} | {} | {} | {} |\n",
            v.name,
            v.ty,
            if v.required { "required" } else { v.default },
            v.deviation.map_or("the seed's".to_string(), |(d, why)| format!("`{d}` ({why})")),
            v.does,
            show(v.cloudformation),
            show(v.cdk),
        ));
    }
    println!("{table}");
    // The module takes nothing the seed does not name but what the plan adds.
    let required: Vec<&str> =
        tf.module_inputs.iter().filter(|i| i.default.is_none()).map(|i| i.name.as_str()).collect();
    assert_eq!(
        required,
        ["project_name", "environment", "rds_instance_ids"],
        "what a Basic Example call gives"
    );
    assert!(
        tf.input("cross_region_destination").is_some(),
        "the root sets the DR provider's region"
    );
    for name in SEED_003_OUTPUTS {
        if !tf.module_outputs.iter().any(|o| o == name) || !tf.outputs.iter().any(|o| o == name) {
            problems.push(format!("output {name}: not in the module and the root"));
        }
    }
    // A real module: no provider blocks, called by the root like the seed's example.
    let config = Config::read(&tf.files);
    assert!(config.in_dir("modules/database-backup").all(|b| b.kind != "provider"));
    let call = config.in_dir("").find(|b| b.kind == "module").expect("the root calls the module");
    assert_eq!(call.labels, ["database_backup"]);
    assert_eq!(call.text("source").as_deref(), Some("\"./modules/database-backup\""));
    for name in ["project_name", "environment", "rds_instance_ids"] {
        assert!(call.attr(name).is_some(), "the root passes {name}");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn template(i: &Interface, file: &str) -> serde_json::Value {
    from_yaml(i.file(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn of_type<'a>(t: &'a serde_json::Value, ty: &str) -> Vec<&'a serde_json::Value> {
    t["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(_, r)| r)
        .filter(|r| r["Type"] == ty)
        .collect()
}

#[test]
fn seed_001_creates_its_vpc_and_runs_the_function_in_it_under_suffixed_names() {
    let all = interface::all(&preset("multi-az-dr"));
    let cfn = template(&all[&Target::Cloudformation], "primary.yaml");
    assert_eq!(of_type(&cfn, "AWS::EC2::VPC").len(), 1);
    assert_eq!(of_type(&cfn, "AWS::EC2::Subnet").len(), 6, "public and private subnets in 3 AZs");
    assert!(of_type(&cfn, "AWS::EC2::NatGateway").is_empty(), "no NAT: endpoints instead");
    let gateways: Vec<String> = of_type(&cfn, "AWS::EC2::VPCEndpoint")
        .into_iter()
        .filter(|e| e["Properties"]["VpcEndpointType"] == "Gateway")
        .map(|e| e["Properties"]["ServiceName"].to_string())
        .collect();
    assert!(
        gateways.iter().any(|s| s.contains(".s3"))
            && gateways.iter().any(|s| s.contains(".dynamodb")),
        "{gateways:?}"
    );
    let functions = of_type(&cfn, "AWS::Lambda::Function");
    assert!(
        functions.iter().all(|f| f["Properties"]["VpcConfig"].is_object()),
        "the function runs in the VPC"
    );
    assert_eq!(
        functions[0]["Properties"]["FunctionName"]["Fn::Sub"],
        "dr-function-${EnvironmentSuffix}"
    );
    let tables = of_type(&cfn, "AWS::DynamoDB::GlobalTable");
    let tables: Vec<_> = tables.into_iter().chain(of_type(&cfn, "AWS::DynamoDB::Table")).collect();
    assert_eq!(tables[0]["Properties"]["TableName"]["Fn::Sub"], "dr-table-${EnvironmentSuffix}");
    let tf = Config::read(&all[&Target::Terraform].files);
    assert_eq!(tf.resources("aws_vpc").count(), 1);
    assert!(tf
        .resources("aws_lambda_function")
        .all(|f| rules::tf::blocks(&f.body, "vpc_config").count() == 1));
    for target in [Target::CdkPython, Target::CdkTypescript] {
        let code: String = all[&target].files.iter().map(|f| f.contents.as_str()).collect();
        assert!(code.contains("ec2.Vpc(") && code.contains("PRIVATE_ISOLATED"), "{}", target.id());
    }
}

#[test]
fn seed_004_failover_answers_with_primary_and_secondary_records() {
    let all = interface::all(&preset("photo-portfolio"));
    let cfn = template(&all[&Target::Cloudformation], "primary.yaml");
    let records = of_type(&cfn, "AWS::Route53::RecordSet");
    let roles: Vec<&str> =
        records.iter().filter_map(|r| r["Properties"]["Failover"].as_str()).collect();
    assert_eq!(roles, ["PRIMARY", "SECONDARY"]);
    assert!(
        records[0]["Properties"]["HealthCheckId"].is_object(),
        "the primary answers while healthy"
    );
    let tf = Config::read(&all[&Target::Terraform].files);
    let kinds: Vec<String> = tf
        .resources("aws_route53_record")
        .flat_map(|r| {
            rules::tf::blocks(&r.body, "failover_routing_policy")
                .map(|b| rules::tf::attr(&b.body, "type").map(rules::tf::text).unwrap_or_default())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(kinds, ["\"PRIMARY\"", "\"SECONDARY\""]);
    for target in [Target::CdkPython, Target::CdkTypescript] {
        let code: String = all[&target].files.iter().map(|f| f.contents.as_str()).collect();
        assert!(
            code.contains("Failover.PRIMARY") && code.contains("Failover.SECONDARY"),
            "{}",
            target.id()
        );
    }
}
