//! The command line's grammar, declared with clap: every subcommand answers `--help`.
//! Values the core checks (plan sources, sheets, months, budgets) stay text here so
//! their messages are the CLI's own; clap's errors become one line on stderr.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};

use drplan::plan::untrusted::quoted;

pub const EXIT_CODES: &str = "\
Exit codes: 0 success, 1 invalid plan, 2 bad arguments or unreadable input,
3 a gate of `drplan check` failed. Errors are one line on stderr.";

const USAGE: &str = "\
drplan presets
  drplan estimate <PLAN.json | PRESET-ID> [--prices SHEET] [--months N] [--format table|json|csv|ledger-csv]
  drplan validate <PLAN.json | PRESET-ID>
  drplan export <PLAN.json | PRESET-ID> --target cdk-python|cdk-typescript|terraform|cloudformation|all --out DIR [--force]
  drplan diff <BASE> <NEW> [--prices SHEET] [--format table|json|markdown | --json | --markdown]
  drplan check <PLAN> [--max-monthly-usd N] [--require-targets] [--prices SHEET] [--format table|json]
  drplan report <PLAN> --html [-o FILE] [--baseline BASE] [--date YYYY-MM-DD] [--prices SHEET]";

const ABOUT: &str = "\
drplan: backup and disaster-recovery planner for AWS

A plan is a JSON file (at most 1,000,000 bytes), - for standard input, or a preset id.
Price sheets: seed-documented (default), aws-list-2026.";

#[derive(Parser, Debug)]
#[command(name = "drplan", version, about = ABOUT, override_usage = USAGE, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List the presets (the seed design documents) by id.
    Presets,
    /// Monthly cost line by line with sources, the ledger and the recovery assessment.
    #[command(after_help = EXIT_CODES)]
    Estimate(EstimateArgs),
    /// Check a plan against AWS's rules; exit 1 with every diagnostic if it has errors.
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// A plan file, - for standard input, or a preset id.
        #[arg(value_name = "PLAN.json | PRESET-ID")]
        plan: Option<String>,
    },
    /// Write a ready-to-deploy bundle. DIR must be new or empty; --force replaces a
    /// previous drplan export there (the files its .drplan-export.json lists) and keeps
    /// every other file.
    #[command(after_help = EXIT_CODES)]
    Export(ExportArgs),
    /// Compare two plans: cost by component and line, RPO/RTO per scenario, verdicts.
    #[command(after_help = EXIT_CODES)]
    Diff(DiffArgs),
    /// Gate a plan in CI: valid, within a monthly budget, and (if asked) every target met.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// The review report as one self-contained, print-ready HTML page (no script, no
    /// network): cover, verdicts, recovery with its working, costs, the ledger, notes,
    /// fixes, the baseline (with --baseline) and the decision record.
    #[command(after_help = EXIT_CODES)]
    Report(ReportArgs),
}

#[derive(Args, Debug)]
pub struct EstimateArgs {
    /// A plan file, - for standard input, or a preset id.
    #[arg(value_name = "PLAN.json | PRESET-ID")]
    pub plan: Option<String>,
    /// The price sheet: seed-documented or aws-list-2026 (default: the plan's).
    #[arg(long, value_name = "SHEET")]
    pub prices: Option<String>,
    /// Months to project, 1 to 120 (default: the plan's horizon).
    #[arg(long, value_name = "N")]
    pub months: Option<String>,
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv", "ledger-csv"])]
    pub format: String,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// A plan file, - for standard input, or a preset id.
    #[arg(value_name = "PLAN.json | PRESET-ID")]
    pub plan: Option<String>,
    /// cdk-python, cdk-typescript, terraform, cloudformation, or all (one folder each).
    #[arg(long)]
    pub target: Option<String>,
    /// The directory to write the bundle to.
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Replace a previous drplan export in DIR.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The plan before the change: a file, - for standard input, or a preset id.
    pub base: Option<String>,
    /// The plan after the change.
    pub new: Option<String>,
    /// Price both plans with this sheet (default: each plan's own).
    #[arg(long, value_name = "SHEET")]
    pub prices: Option<String>,
    #[arg(long, default_value = "table", value_parser = ["table", "json", "markdown"])]
    pub format: String,
    /// Same as --format json.
    #[arg(long, conflicts_with_all = ["markdown"])]
    pub json: bool,
    /// Same as --format markdown (for a pull-request comment).
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// A plan file, - for standard input, or a preset id.
    #[arg(value_name = "PLAN.json | PRESET-ID")]
    pub plan: Option<String>,
    /// Fail when the steady-state monthly cost is above this many dollars (e.g. 1500.00).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub max_monthly_usd: Option<String>,
    /// Fail when any scenario misses its RPO or RTO target.
    #[arg(long)]
    pub require_targets: bool,
    /// Price the plan with this sheet (default: the plan's own).
    #[arg(long, value_name = "SHEET")]
    pub prices: Option<String>,
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    pub format: String,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// A plan file, - for standard input, or a preset id.
    #[arg(value_name = "PLAN.json | PRESET-ID")]
    pub plan: Option<String>,
    /// Write HTML (the report's one format; the flag says so in scripts).
    #[arg(long)]
    pub html: bool,
    /// The file to write (default: standard output); replaced whole, never half-written.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    pub out: Option<String>,
    /// Compare with this plan (a file or preset id): base → the plan.
    #[arg(long, value_name = "BASE")]
    pub baseline: Option<String>,
    /// The date on the cover, YYYY-MM-DD (default: DRPLAN_REPORT_DATE, else
    /// SOURCE_DATE_EPOCH, else today in UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Price the plan (and the baseline) with this sheet (default: each plan's own).
    #[arg(long, value_name = "SHEET")]
    pub prices: Option<String>,
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        other => Some(other.to_string()),
    }
}

/// A clap error as one line in the CLI's own words, plan and argument text quoted.
pub fn error_line(e: &clap::Error) -> String {
    // `--format <FORMAT>` → `--format`.
    let arg = context(e, ContextKind::InvalidArg)
        .map(|a| a.split(' ').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "unknown command {}; run `drplan --help`",
            quoted(&context(e, ContextKind::InvalidSubcommand).unwrap_or_default())
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("unknown option {}; run `drplan --help`", quoted(&arg))
        }
        ErrorKind::UnknownArgument => format!("unexpected argument {}", quoted(&arg)),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} needs a value"),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue).unwrap_or_default();
            format!("{arg} {} must be one of: {valid}", quoted(&value))
        }
        ErrorKind::ArgumentConflict => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} cannot be used with {other}")
        }
        _ => {
            // Anything else: clap's own first line, without its `error: ` prefix.
            let text = e.render().to_string();
            let first = text.lines().next().unwrap_or_default();
            first.trim_start_matches("error: ").to_string()
        }
    }
}
