//! `drplan`: the command-line shell over the core. It reads files, parses arguments
//! and prints; every decision is the core's.

use std::io::Write;
use std::process::ExitCode;

use drplan::export::{ExportError, Target};
use drplan::plan::{parse_plan, validate, Plan, Severity, MAX_HORIZON_MONTHS};
use drplan::{cost, presets, pricing, recovery, report};

const USAGE: &str = "\
drplan: backup and disaster-recovery planner for AWS

USAGE:
  drplan presets
  drplan estimate <PLAN.json | PRESET-ID> [--prices SHEET] [--months N] [--format table|json|csv|ledger-csv]
  drplan validate <PLAN.json | PRESET-ID>
  drplan export <PLAN.json | PRESET-ID> --target cdk-python|cdk-typescript|terraform|cloudformation|all --out DIR

Price sheets: seed-documented (default), aws-list-2026. Months: 1-120 (default: the plan's horizon).
Export writes the bundle's files under DIR (with --target all, one directory per target).
Exit codes: 0 success, 1 invalid plan, 2 bad arguments or unreadable input.";

/// A failure to report: one line on stderr and an exit code.
struct Failure {
    code: u8,
    message: String,
}

fn fail(code: u8, message: impl Into<String>) -> Failure {
    Failure { code, message: message.into() }
}

fn main() -> ExitCode {
    // A bug must still end in one readable line, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("drplan: internal error: {info}");
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`drplan … | head`) is not an error worth reporting.
            let _ = stdout.write_all(output.as_bytes());
            ExitCode::SUCCESS
        }
        Err(f) => {
            eprintln!("drplan: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        None | Some("help" | "--help" | "-h") => Ok(format!("{USAGE}\n")),
        Some("--version" | "-V") => Ok(format!("drplan {}\n", env!("CARGO_PKG_VERSION"))),
        Some("presets") => {
            Ok(presets::PRESETS.iter().map(|p| format!("{:<20} {}\n", p.id, p.title)).collect())
        }
        Some("estimate") => estimate(&args[1..]),
        Some("validate") => validate_command(&args[1..]),
        Some("export") => export_command(&args[1..]),
        Some(other) => Err(fail(2, format!("unknown command \"{other}\"; run `drplan --help`"))),
    }
}

/// Loads a plan from a file path or a preset id.
fn load(source: &str) -> Result<Plan, Failure> {
    if let Some(preset) = presets::find(source) {
        return Ok(preset.plan());
    }
    let text = std::fs::read_to_string(source).map_err(|e| {
        let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
        fail(2, format!("cannot read \"{source}\": {e} (nor is it a preset: {})", ids.join(", ")))
    })?;
    parse_plan(&text).map_err(|e| fail(2, format!("{source}: {e}")))
}

struct EstimateArgs {
    source: String,
    sheet: Option<String>,
    months: Option<u32>,
    format: String,
}

fn parse_estimate_args(args: &[String]) -> Result<EstimateArgs, Failure> {
    let mut parsed =
        EstimateArgs { source: String::new(), sheet: None, months: None, format: "table".into() };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next().cloned().ok_or_else(|| fail(2, format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "--prices" => parsed.sheet = Some(value("--prices")?),
            "--months" => {
                let text = value("--months")?;
                let months =
                    text.parse::<u32>().ok().filter(|m| (1..=MAX_HORIZON_MONTHS).contains(m));
                parsed.months = Some(months.ok_or_else(|| fail(2, format!("--months \"{text}\" must be a whole number from 1 to {MAX_HORIZON_MONTHS}")))?);
            }
            "--format" => parsed.format = value("--format")?,
            flag if flag.starts_with("--") => {
                return Err(fail(2, format!("unknown option {flag}; run `drplan --help`")))
            }
            source if parsed.source.is_empty() => parsed.source = source.to_string(),
            extra => return Err(fail(2, format!("unexpected argument \"{extra}\""))),
        }
    }
    if parsed.source.is_empty() {
        return Err(fail(
            2,
            "estimate needs a plan file or preset id; run `drplan presets` for the ids",
        ));
    }
    if !["table", "json", "csv", "ledger-csv"].contains(&parsed.format.as_str()) {
        return Err(fail(
            2,
            format!("--format \"{}\" must be table, json, csv or ledger-csv", parsed.format),
        ));
    }
    if let Some(sheet) = &parsed.sheet {
        if pricing::sheet(sheet).is_none() {
            return Err(fail(
                2,
                format!(
                    "--prices \"{sheet}\" is not a price sheet; choose {}",
                    pricing::SHEET_IDS.join(" or ")
                ),
            ));
        }
    }
    Ok(parsed)
}

fn estimate(args: &[String]) -> Result<String, Failure> {
    let args = parse_estimate_args(args)?;
    let mut plan = load(&args.source)?;
    if let Some(sheet) = args.sheet {
        plan.pricing.sheet = sheet;
    }
    if let Some(months) = args.months {
        plan.horizon_months = months;
    }
    let diagnostics = validate(&plan);
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    if let Some(first) = diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(fail(1, format!("{}: invalid plan ({errors} error(s)); first: {}: {}; run `drplan validate` for all", args.source, first.path, first.message)));
    }
    let estimate = cost::estimate(&plan);
    Ok(match args.format.as_str() {
        "json" => report::estimate_json(
            &plan,
            &estimate,
            &diagnostics,
            Some(&recovery::report(&plan, &estimate)),
        ),
        "csv" => report::lines_csv(&estimate),
        "ledger-csv" => report::ledger_csv(&estimate),
        _ => report::estimate_table(
            &plan,
            &estimate,
            &diagnostics,
            Some(&recovery::report(&plan, &estimate)),
        ),
    })
}

fn validate_command(args: &[String]) -> Result<String, Failure> {
    let [source] = args else {
        return Err(fail(2, "validate needs exactly one plan file or preset id"));
    };
    let plan = load(source)?;
    let diagnostics = validate(&plan);
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let listing: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
    if errors > 0 {
        return Err(fail(1, format!("{source}: {errors} error(s)\n{}", listing.trim_end())));
    }
    Ok(format!("{source}: valid ({} warning(s))\n{listing}", diagnostics.len()))
}

fn export_command(args: &[String]) -> Result<String, Failure> {
    let (mut source, mut target, mut out) = (None, None, None);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next().cloned().ok_or_else(|| fail(2, format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "--target" => target = Some(value("--target")?),
            "--out" => out = Some(value("--out")?),
            flag if flag.starts_with("--") => {
                return Err(fail(2, format!("unknown option {flag}; run `drplan --help`")))
            }
            s if source.is_none() => source = Some(s.to_string()),
            extra => return Err(fail(2, format!("unexpected argument \"{extra}\""))),
        }
    }
    let source = source.ok_or_else(|| {
        fail(2, "export needs a plan file or preset id; run `drplan presets` for the ids")
    })?;
    let target = target.ok_or_else(|| {
        fail(2, "export needs --target cdk-python|cdk-typescript|terraform|cloudformation|all")
    })?;
    let out = out.ok_or_else(|| fail(2, "export needs --out DIR"))?;
    let plan = load(&source)?;
    let result = if target == "all" {
        drplan::export::export_all(&plan)
    } else {
        let t = Target::from_id(&target).ok_or_else(|| fail(2, format!("--target \"{target}\" must be cdk-python, cdk-typescript, terraform, cloudformation or all")))?;
        drplan::export::export(&plan, t)
    };
    let files = result.map_err(|e| match &e {
        ExportError::InvalidPlan(_) => {
            fail(1, format!("{source}: {e}; run `drplan validate` for all"))
        }
        ExportError::Unsupported { .. } => fail(1, format!("{source}: {e}")),
    })?;
    let root = std::path::Path::new(&out);
    for f in &files {
        // Paths are generated, never taken from the plan; refuse anything that could leave DIR anyway.
        let relative = std::path::Path::new(&f.path);
        if relative.is_absolute()
            || relative.components().any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(fail(2, format!("refusing to write outside {out}: {}", f.path)));
        }
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| fail(2, format!("cannot create {}: {e}", parent.display())))?;
        }
        std::fs::write(&path, &f.contents)
            .map_err(|e| fail(2, format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(format!("{source}: wrote {} file(s) to {out}\n", files.len()))
}
