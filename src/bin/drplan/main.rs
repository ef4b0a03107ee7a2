//! `drplan`: the command-line shell over the core. It reads files, parses arguments
//! and prints; every decision is the core's.
//!
//! What it reads is bounded ([`input`]); what it writes to the terminal never carries
//! a raw control, bidi or zero-width character from a plan ([`terminal`]); bundles are
//! written so that nothing on disk is harmed ([`output`]).

mod input;
mod output;

use std::io::Write;
use std::process::ExitCode;

use drplan::export::{ExportError, Target};
use drplan::plan::untrusted::{escape, is_hidden, quoted};
use drplan::plan::{parse_plan, validate, Plan, Severity, MAX_HORIZON_MONTHS};
use drplan::{cost, presets, pricing, recovery, report};

const USAGE: &str = "\
drplan: backup and disaster-recovery planner for AWS

USAGE:
  drplan presets
  drplan estimate <PLAN.json | PRESET-ID> [--prices SHEET] [--months N] [--format table|json|csv|ledger-csv]
  drplan validate <PLAN.json | PRESET-ID>
  drplan export <PLAN.json | PRESET-ID> --target cdk-python|cdk-typescript|terraform|cloudformation|all --out DIR [--force]

A plan is a JSON file (at most 1,000,000 bytes), - for standard input, or a preset id.
Price sheets: seed-documented (default), aws-list-2026. Months: 1-120 (default: the plan's horizon).
Export writes the bundle's files under DIR (with --target all, one directory per target),
which must be new or empty; --force replaces a previous drplan export in DIR (the files
listed in its .drplan-export.json) and keeps every other file there.
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
        eprintln!("drplan: internal error: {}", terminal(&info.to_string()));
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
            eprintln!("drplan: {}", terminal(&f.message));
            ExitCode::from(f.code)
        }
    }
}

/// Text for the terminal: every control, bidi or zero-width character that is not a
/// line break written as a visible escape. Messages quote plan text escaped already;
/// this is the last line of defence for anything that reaches the terminal.
fn terminal(text: &str) -> String {
    text.split('\n').map(|line| escape(line, usize::MAX)).collect::<Vec<_>>().join("\n")
}

/// JSON for the terminal: serde escapes control characters; bidi and zero-width
/// characters (valid raw in JSON strings) are written as `\u` escapes too.
fn terminal_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden(c) && c != '\n' {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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
        Some(other) => {
            Err(fail(2, format!("unknown command {}; run `drplan --help`", quoted(other))))
        }
    }
}

/// Loads a plan from a file path, `-` (standard input) or a preset id.
fn load(source: &str) -> Result<Plan, Failure> {
    if let Some(preset) = presets::find(source) {
        return Ok(preset.plan());
    }
    let shown = input::shown(source);
    let text = input::read_plan_text(source).map_err(|why| {
        let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
        let preset = if source == "-" || std::path::Path::new(source).exists() {
            String::new()
        } else {
            format!(" (nor is it a preset: {})", ids.join(", "))
        };
        fail(2, format!("{shown} {why}{preset}"))
    })?;
    parse_plan(&text).map_err(|e| fail(2, format!("{shown}: {e}")))
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
                parsed.months = Some(months.ok_or_else(|| {
                    fail(
                        2,
                        format!(
                            "--months {} must be a whole number from 1 to {MAX_HORIZON_MONTHS}",
                            quoted(&text)
                        ),
                    )
                })?);
            }
            "--format" => parsed.format = value("--format")?,
            flag if flag.starts_with("--") => {
                return Err(fail(
                    2,
                    format!("unknown option {}; run `drplan --help`", quoted(flag)),
                ))
            }
            source if parsed.source.is_empty() => parsed.source = source.to_string(),
            extra => return Err(fail(2, format!("unexpected argument {}", quoted(extra)))),
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
            format!("--format {} must be table, json, csv or ledger-csv", quoted(&parsed.format)),
        ));
    }
    if let Some(sheet) = &parsed.sheet {
        if pricing::sheet(sheet).is_none() {
            return Err(fail(
                2,
                format!(
                    "--prices {} is not a price sheet; choose {}",
                    quoted(sheet),
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
        return Err(fail(
            1,
            format!(
                "{}: invalid plan ({errors} error(s)); first: {}: {}; run `drplan validate` for all",
                input::shown(&args.source),
                first.path,
                first.message
            ),
        ));
    }
    let estimate = cost::estimate(&plan);
    Ok(match args.format.as_str() {
        "json" => terminal_json(&report::estimate_json(
            &plan,
            &estimate,
            &diagnostics,
            Some(&recovery::report(&plan, &estimate)),
        )),
        // CSV rows end in \r\n; escape within each row.
        "csv" => report::lines_csv(&estimate)
            .split("\r\n")
            .map(terminal)
            .collect::<Vec<_>>()
            .join("\r\n"),
        "ledger-csv" => report::ledger_csv(&estimate),
        _ => terminal(&report::estimate_table(
            &plan,
            &estimate,
            &diagnostics,
            Some(&recovery::report(&plan, &estimate)),
        )),
    })
}

fn validate_command(args: &[String]) -> Result<String, Failure> {
    let [source] = args else {
        return Err(fail(2, "validate needs exactly one plan file or preset id"));
    };
    let plan = load(source)?;
    let diagnostics = validate(&plan);
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    // One line per diagnostic, whatever its text holds.
    let listing: String = diagnostics
        .iter()
        .map(|d| format!("{}\n", terminal(&d.to_string()).replace('\n', "\\n")))
        .collect();
    let shown = input::shown(source);
    if errors > 0 {
        return Err(fail(1, format!("{shown}: {errors} error(s)\n{}", listing.trim_end())));
    }
    Ok(format!("{shown}: valid ({} warning(s))\n{listing}", diagnostics.len()))
}

fn export_command(args: &[String]) -> Result<String, Failure> {
    let (mut source, mut target, mut out, mut force) = (None, None, None, false);
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |flag: &str| {
            iter.next().cloned().ok_or_else(|| fail(2, format!("{flag} needs a value")))
        };
        match arg.as_str() {
            "--target" => target = Some(value("--target")?),
            "--out" => out = Some(value("--out")?),
            "--force" => force = true,
            flag if flag.starts_with("--") => {
                return Err(fail(
                    2,
                    format!("unknown option {}; run `drplan --help`", quoted(flag)),
                ))
            }
            s if source.is_none() => source = Some(s.to_string()),
            extra => return Err(fail(2, format!("unexpected argument {}", quoted(extra)))),
        }
    }
    let source = source.ok_or_else(|| {
        fail(2, "export needs a plan file or preset id; run `drplan presets` for the ids")
    })?;
    let target = target.ok_or_else(|| {
        fail(2, "export needs --target cdk-python|cdk-typescript|terraform|cloudformation|all")
    })?;
    let out = out.ok_or_else(|| fail(2, "export needs --out DIR"))?;
    if out.is_empty() {
        return Err(fail(2, "--out is empty: name the directory to write the bundle to"));
    }
    let plan = load(&source)?;
    let shown = input::shown(&source);
    let result = if target == "all" {
        drplan::export::export_all(&plan)
    } else {
        let t = Target::from_id(&target).ok_or_else(|| {
            fail(2, format!("--target {} must be cdk-python, cdk-typescript, terraform, cloudformation or all", quoted(&target)))
        })?;
        drplan::export::export(&plan, t)
    };
    let files = result.map_err(|e| match &e {
        ExportError::InvalidPlan(_) => {
            fail(1, format!("{shown}: {e}; run `drplan validate` for all"))
        }
        ExportError::Unsupported { .. } => fail(1, format!("{shown}: {e}")),
    })?;
    let written = output::write_bundle(&out, &files, force).map_err(|why| fail(2, why))?;
    let kept = match written.kept {
        0 => String::new(),
        n => format!(" (kept {n} file(s) and folder(s) of your own there)"),
    };
    Ok(format!("{shown}: wrote {} file(s) to {}{kept}\n", written.files, quoted(&out)))
}
