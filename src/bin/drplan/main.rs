//! `drplan`: the command-line shell over the core. It reads files, parses arguments
//! and prints; every decision is the core's.
//!
//! What it reads is bounded ([`input`]); what it writes to the terminal never carries
//! a raw control, bidi or zero-width character from a plan ([`terminal`]); bundles are
//! written so that nothing on disk is harmed ([`output`]).

mod args;
mod commands;
mod gates;
mod input;
mod output;
mod report_cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use drplan::plan::untrusted::{escape, is_hidden, quoted};
use drplan::plan::{parse_plan, validate, Plan};
use drplan::{presets, pricing, report};

use args::{Cli, Command};

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
    match run(std::env::args_os()) {
        Ok(done) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`drplan … | head`) is not an error worth reporting.
            let _ = stdout.write_all(done.stdout.as_bytes());
            ExitCode::from(done.code)
        }
        Err(f) => {
            eprintln!("drplan: {}", terminal(&f.message));
            ExitCode::from(f.code)
        }
    }
}

/// What a command prints on stdout, and its exit code (0, or 3 for a failed gate).
struct Done {
    stdout: String,
    code: u8,
}

impl From<String> for Done {
    fn from(stdout: String) -> Done {
        Done { stdout, code: 0 }
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

fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Done, Failure> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            return Ok(e.render().to_string().into())
        }
        Err(e) => return Err(fail(2, args::error_line(&e))),
    };
    let text = match cli.command {
        None => Cli::command().render_help().to_string(),
        Some(Command::Presets) => {
            presets::PRESETS.iter().map(|p| format!("{:<20} {}\n", p.id, p.title)).collect()
        }
        Some(Command::Estimate(a)) => commands::estimate(a)?,
        Some(Command::Validate { plan }) => commands::validate_command(plan)?,
        Some(Command::Export(a)) => commands::export_command(a)?,
        Some(Command::Diff(a)) => gates::diff(a)?,
        Some(Command::Check(a)) => return gates::check(a),
        Some(Command::Report(a)) => report_cmd::report(a)?,
    };
    Ok(text.into())
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

/// The price sheet a `--prices` flag names, checked.
fn sheet_arg(sheet: Option<String>) -> Result<Option<String>, Failure> {
    match sheet {
        Some(sheet) if pricing::sheet(&sheet).is_none() => Err(fail(
            2,
            format!(
                "--prices {} is not a price sheet; choose {}",
                quoted(&sheet),
                pricing::SHEET_IDS.join(" or ")
            ),
        )),
        other => Ok(other),
    }
}

/// Refuses a plan with errors: exit 1 with the count and the first error.
fn require_valid(plan: &Plan, source: &str) -> Result<Vec<drplan::plan::Diagnostic>, Failure> {
    let diagnostics = validate(plan);
    let counts = report::DiagnosticCounts::of(&diagnostics);
    if let Some(first) = report::first_error(&diagnostics) {
        return Err(fail(
            1,
            format!(
                "{}: invalid plan ({} error(s)); first: {}: {}; run `drplan validate` for all",
                input::shown(source),
                counts.errors,
                first.path,
                first.message
            ),
        ));
    }
    Ok(diagnostics)
}
