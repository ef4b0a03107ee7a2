//! AWS's billing rules for the supporting services (KMS, Route 53, Lambda, VPC
//! endpoints, the always-free tier) and the estimate's own honesty rules (the steady
//! state, region caveats, scheduled recovery tests), each citing its source.

use drplan::cost::{estimate, FreeTier};
use drplan::plan::{
    Architecture, Component, DnsFailover, DynamoDbTable, KmsKey, LambdaFunction, Monitoring, Plan,
    PricingChoice, RecoveryTest, RehearsedScenario, SnsTopic, TestFrequency, VpcEndpoints,
};
use drplan::presets::find;
use drplan::{recovery, report};

fn plan_of(components: Vec<Component>, months: u32) -> Plan {
    Plan {
        pricing: PricingChoice { sheet: "aws-list-2026".into(), ..Default::default() },
        horizon_months: months,
        components,
        ..Plan::default()
    }
}

/// AWS KMS pricing: a key costs $1 a month, and each of the first two rotations of its
/// material adds $1 a month; later rotations are not charged. A yearly-rotated key
/// costs $1 in year 1, $2 in year 2 and $3 from its third year on.
#[test]
fn kms_rotations_add_a_dollar_each_for_the_first_two() {
    let key = |rotation| {
        Component::KmsKey(KmsKey {
            id: "k".into(),
            rotation,
            monthly_requests_thousands: 0.0,
            ..KmsKey::default()
        })
    };
    for (months, rotating, usd) in
        [(12, true, 1), (13, true, 2), (25, true, 3), (120, true, 3), (120, false, 1)]
    {
        let e = estimate(&plan_of(vec![key(rotating)], months));
        assert_eq!(
            e.monthly_total.micros(),
            usd * 1_000_000,
            "month {months}, rotation {rotating}"
        );
    }
}

/// Route 53 pricing (infracost's route53_health_check_test, from the Price List API):
/// a health check of an AWS endpoint costs $0.50 a month and each optional feature
/// (HTTPS, string matching, fast interval, latency measurement) $1.00; of another
/// endpoint $0.75 and $2.00. The exported checks probe over HTTPS; a 10-second
/// interval is the fast-interval feature.
#[test]
fn route53_checks_bill_their_optional_features() {
    for (aws, interval, usd) in [
        (true, 30, 1_500_000),
        (false, 30, 2_750_000),
        (true, 10, 2_500_000),
        (false, 10, 4_750_000),
    ] {
        let d = DnsFailover {
            id: "d".into(),
            aws_endpoints: aws,
            request_interval_seconds: interval,
            ..DnsFailover::default()
        };
        let e = estimate(&plan_of(vec![Component::DnsFailover(d)], 1));
        assert_eq!(e.monthly_total.micros(), usd, "AWS endpoint {aws}, {interval} s");
        assert!(e.lines.iter().all(|l| &*l.region == "global"), "Route 53 is a global service");
    }
}

/// AWS Lambda pricing (infracost's lambda_function_test): x86 duration is
/// $0.0000166667 per GB-second for the first 6 billion a month, $0.000015 for the next
/// 9 billion and $0.0000133334 beyond 15 billion: 15 billion requests of 2 GB for
/// 2.048 s are $100,000.20 + $135,000.00 + $619,203.10.
#[test]
fn lambda_duration_is_priced_in_volume_tiers() {
    let f = LambdaFunction {
        id: "f".into(),
        memory_mb: 2048,
        average_duration_seconds: 2.048,
        extra_invocations_per_month: 15e9,
        architecture: Architecture::X86_64,
        ..LambdaFunction::default()
    };
    let plan = plan_of(vec![Component::LambdaFunction(f)], 1);
    let e = estimate(&plan);
    let tiers: Vec<(f64, String)> = e
        .lines
        .iter()
        .filter(|l| &*l.price_id == "lambda.compute.x86_64")
        .map(|l| (l.quantity.as_f64(), l.monthly.display_usd()))
        .collect();
    assert_eq!(
        tiers,
        [
            (6e9, "$100,000.20".to_string()),
            (9e9, "$135,000.00".to_string()),
            (46.44e9, "$619,203.10".to_string())
        ]
    );
    // Each tier's line is the one series' bill: every one names the function, its
    // region and the price, shows the same working, and says its own tier.
    let lines: Vec<_> =
        e.lines.iter().filter(|l| &*l.price_id == "lambda.compute.x86_64").collect();
    let first = lines[0];
    assert!(!first.basis.is_empty());
    for line in &lines {
        assert_eq!(
            (&*line.component, &*line.region, &*line.basis),
            ("f", &*first.region, &*first.basis)
        );
        let tier = line.volume_tier.as_deref().unwrap_or_default();
        assert!(!tier.is_empty() && line.item.ends_with(&format!(" ({tier})")), "{}", line.item);
    }
    let tiers: std::collections::BTreeSet<_> = lines.iter().map(|l| &l.volume_tier).collect();
    assert_eq!(tiers.len(), 3, "each line its own tier");
    // The free allowance is offered on the compute price: the caveats count each of its
    // tier's lines, as the app's editor counts them without making the lines.
    assert!(lines.iter().all(|l| l.free_tier != drplan::cost::FreeTier::NotOffered));
    let offered = e.lines.iter().filter(|l| l.free_tier != drplan::cost::FreeTier::NotOffered);
    let figures = drplan::cost::estimate_reusing(
        &plan,
        &mut drplan::cost::KeptUsage::default(),
        drplan::cost::Detail::Figures,
    )
    .0;
    assert_eq!(
        (e.lines_with_free_tier, figures.lines_with_free_tier),
        (offered.count(), e.lines_with_free_tier)
    );
    assert!(figures.lines.is_empty());
}

/// AWS PrivateLink pricing (infracost's vpc_endpoint_test): interface endpoint data is
/// $0.01 per GB for the first 1 PB a month, $0.006 for the next 4 PB, $0.004 beyond.
#[test]
fn vpc_endpoint_data_is_priced_in_volume_tiers() {
    let v = VpcEndpoints {
        id: "v".into(),
        gateway: vec![],
        interface: vec!["ec2".into()],
        az_count: 1,
        interface_processed_gb_per_month: 7_000_000.0,
    };
    let e = estimate(&plan_of(vec![Component::VpcEndpoints(v)], 1));
    let data: Vec<String> = e
        .lines
        .iter()
        .filter(|l| &*l.price_id == "vpc.interface_endpoint_data")
        .map(|l| l.monthly.display_usd())
        .collect();
    assert_eq!(data, ["$10,000.00", "$24,000.00", "$8,000.00"]);
}

/// The always-free tier (AWS Free Tier, "always free" offers): one plan setting applies
/// it to every line that has an allowance (Lambda's million requests and 400,000
/// GB-seconds, 10 alarms, 10 custom metrics, 3 dashboards, 5 GB of logs ingested and
/// stored, 20,000 KMS requests, 1,000 SNS emails, 25 GB of DynamoDB storage), and every
/// such line says whether it did.
#[test]
fn one_setting_applies_every_free_allowance_and_each_line_says_so() {
    let components = vec![
        Component::LambdaFunction(LambdaFunction {
            id: "f".into(),
            extra_invocations_per_month: 1000.0,
            ..LambdaFunction::default()
        }),
        Component::Monitoring(Monitoring { id: "m".into(), ..Monitoring::default() }),
        Component::KmsKey(KmsKey { id: "k".into(), rotation: false, ..KmsKey::default() }),
        Component::SnsTopic(SnsTopic {
            id: "t".into(),
            email_subscriptions: vec!["a@example.com".into()],
            ..SnsTopic::default()
        }),
        Component::DynamodbTable(DynamoDbTable {
            id: "d".into(),
            monthly_writes_millions: 0.0,
            ..DynamoDbTable::default()
        }),
    ];
    let mut p = plan_of(components, 1);
    let off = estimate(&p);
    p.pricing.apply_free_tier = true;
    let on = estimate(&p);
    let offered = |id: &str| {
        matches!(
            id,
            "lambda.requests"
                | "lambda.compute.x86_64"
                | "cloudwatch.alarm"
                | "cloudwatch.custom_metric"
                | "cloudwatch.dashboard"
                | "logs.ingestion"
                | "logs.storage"
                | "kms.requests"
                | "sns.email"
                | "dynamodb.storage"
        )
    };
    for l in &off.lines {
        assert_eq!(
            matches!(l.free_tier, FreeTier::NotApplied(_)),
            offered(&l.price_id),
            "{}",
            l.price_id
        );
    }
    for l in &on.lines {
        assert_eq!(
            matches!(l.free_tier, FreeTier::Applied(_)),
            offered(&l.price_id),
            "{}",
            l.price_id
        );
        if offered(&l.price_id) {
            // Every allowance here covers the plan's whole usage.
            assert_eq!(l.monthly.micros(), 0, "{}", l.price_id);
        }
    }
    // What has no allowance is left: the KMS key ($1) and the table's PITR (10 GB × $0.20).
    assert_eq!(on.monthly_total.micros(), 3_000_000);
    assert!(off.monthly_total > on.monthly_total);
}

/// The headline is the steady state only where the cost has levelled off: seed 003's
/// snapshot module keeps piling Deep Archive exports until month 86, so month 36 is
/// "still rising" and the plateau is named; seed 002's plan is level from month 25,
/// when its keys' second rotation is charged.
#[test]
fn the_headline_names_the_plateau_or_says_the_cost_is_still_rising() {
    let snapshot = find("rds-snapshot-module").unwrap().plan();
    let e = estimate(&snapshot);
    let (month, plateau) = e.outlook.plateau.unwrap();
    assert_eq!(month, 86);
    assert!(plateau > e.monthly_total, "the plateau is above month 36");
    let sentence = report::steady_state_sentence(&e);
    assert!(
        sentence.starts_with(&format!("Month 36: {} a month, still rising by $", e.monthly_total)),
        "{sentence}"
    );
    assert!(
        sentence.ends_with(&format!("it levels off at {plateau} from month 86.")),
        "{sentence}"
    );
    let pitr = estimate(&find("rds-pitr").unwrap().plan());
    assert_eq!(
        report::steady_state_sentence(&pitr),
        format!("Steady state: {} a month, reached in month 25.", pitr.monthly_total)
    );
}

/// Every price carries its region; a region no sheet prices an item for is priced at
/// the sheet's region, said on every surface (CLI table, JSON) with the fallback used.
#[test]
fn a_region_without_prices_gets_a_caveat_with_its_fallback() {
    let mut p = find("rds-pitr").unwrap().plan();
    p.primary_region = "eu-west-1".into();
    p.dr_region = Some("eu-central-1".into());
    let e = estimate(&p);
    let caveats = report::caveats(&e);
    assert!(
        caveats.iter().any(|c| c.starts_with("No price sheet lists eu-west-1 prices")
            && c.contains("us-east-1 rates")),
        "{caveats:?}"
    );
    let table = report::estimate_table(&p, &e, &[], None);
    assert!(table.contains("No price sheet lists eu-central-1 prices"), "{table}");
    let json = report::estimate_json_value(&p, &e, &[], None);
    let regions: Vec<&str> = json["region_caveats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["billed_region"].as_str().unwrap())
        .collect();
    assert_eq!(regions, ["eu-central-1", "eu-west-1"]);
    // Inter-region transfer out of eu-west-1 has its own price ($0.02): no caveat for it.
    let transfer = e.lines.iter().find(|l| &*l.price_id == "transfer.inter_region").unwrap();
    assert_eq!((&*transfer.region, &*transfer.price_region), ("eu-west-1", "eu-west-1"));
    assert!(e
        .region_caveats
        .iter()
        .all(|c| !c.price_ids.contains(&"transfer.inter_region".to_string())));
}

/// Seed 004 asks for weekly PITR restore tests ("Restore small dataset from PITR") and
/// monthly DR drills: scheduled in the plan, each is priced monthly from the recovery
/// it performs (a DynamoDB restore is $0.15 per GB, and restores the whole table).
#[test]
fn scheduled_restore_tests_are_priced_monthly() {
    let mut p = find("photo-portfolio").unwrap().plan();
    p.pricing.sheet = "aws-list-2026".into();
    p.recovery_tests = vec![RecoveryTest {
        name: "weekly".into(),
        scenario: RehearsedScenario::Deletion,
        frequency: TestFrequency::Weekly,
        components: vec!["portfolio-table".into()],
        ..RecoveryTest::default()
    }];
    let e = estimate(&p);
    let r = recovery::report(&p, &e);
    let weekly = &r.testing[0];
    assert_eq!(weekly.per_run.display_usd(), "$1.50");
    // 365 ÷ 12 ÷ 7 runs a month × 10 GB × $0.15.
    assert_eq!(weekly.monthly.micros(), 6_517_857);
    assert_eq!(r.testing_monthly, weekly.monthly);
    assert!(report::headline(&e, Some(&r)).contains("Scheduled recovery tests add $6.52 a month"));
    let json = report::recovery_json_value(&r);
    assert_eq!(json["testing"][0]["monthly_usd"].as_f64(), Some(6.517857));
}

/// An always-free allowance belongs to the AWS account, not to a price sheet: with the
/// setting on, the seed sheet's CodeCommit mirror ($1.00 a user) is free for up to 5
/// users (AWS CodeCommit pricing) just as at AWS list prices.
#[test]
fn free_allowances_apply_whichever_sheet_prices_the_item() {
    let mut p = find("photo-portfolio").unwrap().plan();
    p.pricing.apply_free_tier = true;
    for sheet in ["seed-documented", "aws-list-2026"] {
        p.pricing.sheet = sheet.into();
        let e = estimate(&p);
        let codecommit = e.lines.iter().find(|l| &*l.price_id == "codecommit.active_user").unwrap();
        assert_eq!(
            codecommit.free_tier,
            FreeTier::Applied(drplan::money::Quantity::from_f64(1.0)),
            "{sheet}"
        );
        assert_eq!(codecommit.monthly.micros(), 0, "{sheet}");
    }
}
