//! Schedule expressions: the plan accepts exactly EventBridge's grammar written one
//! way, and every export target validates its schedule variable with the same grammar
//! (issue 8, item 6).
//!
//! The rules, from the Amazon EventBridge user guide:
//! * "Rate expressions reference"
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rate-expressions.html>):
//!   `rate(value unit)`, two required fields separated by white space; the value is a
//!   positive number; units minute(s), hour(s), day(s), singular when the value is 1
//!   and plural when it is greater.
//! * "Cron expressions reference"
//!   (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html>):
//!   six required fields separated by white space; minutes 0-59, hours 0-23,
//!   day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7 or SUN-SAT, year; the
//!   wildcards `, - * / ?`; `*` cannot be used in both day fields, the other takes `?`.
//!
//! "White space" is read differently by different tools (cfn-lint and Terraform's
//! validation refuse a leading space, a tab or U+3000 that a trimming parser accepts),
//! so the plan accepts single ASCII spaces only, and no signs, which number parsers
//! accept (`+5`) and the targets' patterns refuse.

use drplan::plan::schedule_expr::{ScheduleExpr, PATTERN};
use drplan::plan::{validate, Component, Plan, Schedule};
use proptest::prelude::*;
use regex::Regex;

fn pattern() -> &'static Regex {
    static COMPILED: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    COMPILED.get_or_init(|| {
        Regex::new(PATTERN).expect("the pattern compiles as RE2 (Terraform's regex)")
    })
}

#[test]
fn the_documented_forms_are_accepted_by_the_core_and_every_pattern() {
    let re = pattern();
    for ok in [
        "rate(1 minute)",
        "rate(5 minutes)",
        "rate(1 hour)",
        "rate(1 day)",
        "rate(525600 minutes)",
        "rate(8760 hours)",
        "rate(365 days)",
        "cron(0 2 * * ? *)",
        "cron(0/15 * * * ? *)",
        "cron(0 1 ? * SUN *)",
        "cron(15 10 ? * MON-FRI *)",
        "cron(0 8 1 JAN,JUL ? *)",
        "cron(05 09 01 01 ? *)",
        "cron(0-59/10 0-23/2 1-31/3 1-12/4 ? *)",
        "cron(0 18 ? * 2-6/2 *)",
    ] {
        assert!(ScheduleExpr::parse(ok).is_ok(), "{ok}: {:?}", ScheduleExpr::parse(ok));
        assert!(re.is_match(ok), "{ok}");
    }
}

#[test]
fn odd_white_space_and_signs_are_refused_by_the_core_and_every_pattern() {
    let re = pattern();
    for bad in [
        " cron(0 2 * * ? *)",
        "cron(0 2 * * ? *) ",
        "\tcron(0 2 * * ? *)",
        "cron(0 2 * * ? *)\n",
        "cron(0\t2 * * ? *)",
        "cron(0  2 * * ? *)",
        "cron(0\u{2028}2 * * ? *)",
        "cron(0\u{3000}2 * * ? *)",
        "cron(0\u{200b} 2 * * ? *)",
        "\u{feff}rate(1 day)",
        "rate(+5 minutes)",
        "rate(5\u{a0}minutes)",
        "cron(+5 2 * * ? *)",
        "cron(0/+5 2 * * ? *)",
        "rate(-1 days)",
        "rate(1.5 hours)",
    ] {
        let core = ScheduleExpr::parse(bad);
        assert!(core.is_err(), "{bad:?} passes the core");
        assert!(!re.is_match(bad), "{bad:?} passes the pattern");
    }
}

#[test]
fn numbers_past_their_range_are_errors_not_overflows() {
    // 576460752303423488 × 1440 overflows 64 bits: once priced at $0 a month.
    let e = ScheduleExpr::parse("rate(576460752303423488 days)").unwrap_err();
    assert!(e.contains("longer than a year"), "{e}");
    assert!(ScheduleExpr::parse("rate(366 days)").is_err());
    // A step of 2^32 - 1 once wrapped around and counted every run twice.
    let e = ScheduleExpr::parse("cron(1/4294967295 * * * ? *)").unwrap_err();
    assert!(e.contains("step"), "{e}");
    let once_an_hour = ScheduleExpr::parse("cron(1/99 * * * ? *)").unwrap();
    assert!((once_an_hour.runs_per_month() - 730.0).abs() < 1e-9);
}

#[test]
fn validation_names_the_field_of_a_schedule_with_odd_white_space() {
    let plan = Plan {
        components: vec![
            drplan::plan::ComponentKind::LambdaFunction.new_component("job"),
            Component::Schedule(Schedule {
                id: "nightly".into(),
                expression: " cron(0 2 * * ? *)".into(),
                target: "job".into(),
                ..Schedule::default()
            }),
        ],
        ..Plan::default()
    };
    let d = validate(&plan);
    assert!(
        d.iter().any(|d| d.path == "components[1].expression" && d.message.contains("space")),
        "{d:?}"
    );
}

/// The schedule variable of every target is checked with [`PATTERN`] itself.
#[test]
fn every_target_validates_the_schedule_variable_with_the_core_pattern() {
    let plan = drplan::presets::find("s3-glacier-backup").unwrap().plan();
    let files = drplan::export::export_all(&plan).unwrap();
    let text = |path: &str| {
        files.iter().find(|f| f.path == path).map(|f| f.contents.clone()).unwrap_or_default()
    };
    let expected = [
        ("terraform/variables.tf", format!("can(regex(\"{PATTERN}\", var.backup_schedule))")),
        ("cloudformation/primary.yaml", format!("AllowedPattern: \"{PATTERN}\"")),
        (
            "cdk-python/stacks/settings.py",
            format!("(\"backup_schedule\", \"backup_schedule\", \"text\", \"{PATTERN}\""),
        ),
        (
            "cdk-typescript/lib/settings.ts",
            format!("'backup_schedule', 'backupSchedule', 'text', '{PATTERN}'"),
        ),
    ];
    for (path, line) in expected {
        assert!(text(path).contains(&line), "{path} does not validate with the core pattern");
    }
}

fn token() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        (0u32..70).prop_map(|v| v.to_string()),
        (0u32..10).prop_map(|v| format!("0{v}")),
        prop::sample::select(vec![
            "JAN", "DEC", "Jan", "MON", "FRI", "sun", "L", "5W", "1#2", "+5", "", "?", "*"
        ])
        .prop_map(String::from),
    ];
    let item = (
        value.clone(),
        prop::option::of(value),
        prop::option::of(prop::sample::select(vec![
            "0",
            "1",
            "5",
            "15",
            "05",
            "99",
            "100",
            "+3",
            "4294967295",
        ])),
    )
        .prop_map(|(a, b, step)| {
            let mut s = a;
            if let Some(b) = b {
                s = format!("{s}-{b}");
            }
            if let Some(step) = step {
                s = format!("{s}/{step}");
            }
            s
        });
    prop::collection::vec(item, 1..3).prop_map(|items| items.join(","))
}

fn expression() -> impl Strategy<Value = String> {
    let space = prop::sample::select(vec![" ", " ", " ", " ", "  ", "\t", "\u{3000}"]);
    let edge = prop::sample::select(vec!["", "", "", "", "", " ", "\n", "\u{2028}"]);
    let rate = (
        prop::sample::select(vec![
            "0",
            "1",
            "2",
            "05",
            "+5",
            "59",
            "525600",
            "525601",
            "8760",
            "8761",
            "365",
            "366",
            "999999",
            "1000000",
            "576460752303423488",
        ]),
        space.clone(),
        prop::sample::select(vec![
            "minute", "minutes", "hour", "hours", "day", "days", "week", "Minutes", "",
        ]),
    )
        .prop_map(|(n, sp, unit)| format!("rate({n}{sp}{unit})"));
    let cron = (
        prop::collection::vec((token(), space), 5..8),
        prop::sample::select(vec!["*", "2027", "?"]),
    )
        .prop_map(|(fields, year)| {
            let mut s = String::from("cron(");
            for (f, sp) in fields.iter().take(5) {
                s.push_str(f);
                s.push_str(sp);
            }
            s.push_str(year);
            s.push(')');
            s
        });
    let cron_common = (0u32..60, 0u32..24, prop::bool::ANY).prop_map(|(m, h, weekly)| {
        if weekly {
            format!("cron({m} {h} ? * MON-FRI *)")
        } else {
            format!("cron({m} {h} * * ? *)")
        }
    });
    (edge.clone(), prop_oneof![rate, cron, cron_common], edge)
        .prop_map(|(a, e, b)| format!("{a}{e}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// The core and the targets' pattern accept the same expressions; the one thing
    /// the pattern cannot see is a range that runs backwards, which the core refuses.
    #[test]
    fn the_core_and_the_pattern_agree(text in expression()) {
        let core = ScheduleExpr::parse(&text);
        let backwards = core.as_ref().err().is_some_and(|e| e.contains("runs backwards"));
        if !backwards {
            prop_assert_eq!(core.is_ok(), pattern().is_match(&text), "{:?}: {:?}", text, core);
        }
    }
}
