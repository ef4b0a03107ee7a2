//! `estimate`, `validate` and `export`: load, ask the core, print.

use drplan::export::{ExportError, Target};
use drplan::plan::untrusted::quoted;
use drplan::plan::{validate, MAX_HORIZON_MONTHS};
use drplan::{cost, recovery, report};

use super::args::{EstimateArgs, ExportArgs};
use super::{
    fail, input, load, output, require_valid, sheet_arg, terminal, terminal_json, Failure,
};

fn months_arg(months: Option<String>) -> Result<Option<u32>, Failure> {
    let Some(text) = months else { return Ok(None) };
    let months = text.parse::<u32>().ok().filter(|m| (1..=MAX_HORIZON_MONTHS).contains(m));
    months.map(Some).ok_or_else(|| {
        fail(
            2,
            format!(
                "--months {} must be a whole number from 1 to {MAX_HORIZON_MONTHS}",
                quoted(&text)
            ),
        )
    })
}

pub fn estimate(args: EstimateArgs) -> Result<String, Failure> {
    let source = args.plan.ok_or_else(|| {
        fail(2, "estimate needs a plan file or preset id; run `drplan presets` for the ids")
    })?;
    let months = months_arg(args.months)?;
    let sheet = sheet_arg(args.prices)?;
    let mut plan = load(&source)?;
    if let Some(sheet) = sheet {
        plan.pricing.sheet = sheet;
    }
    if let Some(months) = months {
        plan.horizon_months = months;
    }
    let diagnostics = require_valid(&plan, &source)?;
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

pub fn validate_command(source: Option<String>) -> Result<String, Failure> {
    let source =
        source.ok_or_else(|| fail(2, "validate needs exactly one plan file or preset id"))?;
    let plan = load(&source)?;
    let diagnostics = validate(&plan);
    let counts = report::DiagnosticCounts::of(&diagnostics);
    // One line per diagnostic, whatever its text holds.
    let listing: String = diagnostics
        .iter()
        .map(|d| format!("{}\n", terminal(&d.to_string()).replace('\n', "\\n")))
        .collect();
    let shown = input::shown(&source);
    if counts.errors > 0 {
        return Err(fail(
            1,
            format!("{shown}: {} error(s)\n{}", counts.errors, listing.trim_end()),
        ));
    }
    Ok(format!("{shown}: valid ({} warning(s))\n{listing}", counts.warnings))
}

pub fn export_command(args: ExportArgs) -> Result<String, Failure> {
    let source = args.plan.ok_or_else(|| {
        fail(2, "export needs a plan file or preset id; run `drplan presets` for the ids")
    })?;
    let target = args.target.ok_or_else(|| {
        fail(2, "export needs --target cdk-python|cdk-typescript|terraform|cloudformation|all")
    })?;
    let out = args.out.ok_or_else(|| fail(2, "export needs --out DIR"))?;
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
    let written = output::write_bundle(&out, &files, args.force).map_err(|why| fail(2, why))?;
    let kept = match written.kept {
        0 => String::new(),
        n => format!(" (kept {n} file(s) and folder(s) of your own there)"),
    };
    Ok(format!("{shown}: wrote {} file(s) to {}{kept}\n", written.files, quoted(&out)))
}
