//! `report`: the review report as one self-contained HTML page, from the core's
//! report view. The date on the cover is `--date`, else `DRPLAN_REPORT_DATE`, else
//! `SOURCE_DATE_EPOCH` (reproducible builds' convention), else today (UTC), so a
//! script or a golden test gets the same bytes every day.

use std::path::Path;

use drplan::plan::check_date;
use drplan::plan::untrusted::quoted;
use drplan::report::board::{date_of_unix_day, plan_report_html};

use super::args::ReportArgs;
use super::gates::load_valid;
use super::{fail, sheet_arg, terminal, Failure};

/// The cover's date, checked, from the flag, the environment or the clock.
fn report_date(flag: Option<String>) -> Result<String, Failure> {
    let (date, from) = if let Some(date) = flag {
        (date, "--date")
    } else if let Ok(date) = std::env::var("DRPLAN_REPORT_DATE") {
        (date, "DRPLAN_REPORT_DATE")
    } else if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds = epoch.trim().parse::<i64>().map_err(|_| {
            fail(2, format!("SOURCE_DATE_EPOCH {} must be whole seconds", quoted(&epoch)))
        })?;
        (date_of_unix_day(seconds.div_euclid(86_400)), "SOURCE_DATE_EPOCH")
    } else {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        (date_of_unix_day(seconds.div_euclid(86_400)), "the clock")
    };
    check_date(&date).map_err(|why| fail(2, format!("{from} {}: {why}", quoted(&date))))?;
    Ok(date)
}

/// Writes `html` to `path` through a file beside it renamed into place, so a failed
/// write leaves any previous report whole. A directory or a symbolic link at `path`
/// is refused.
fn write_file(path: &str, html: &str) -> Result<(), Failure> {
    let target = Path::new(path);
    if path.is_empty() {
        return Err(fail(2, "-o needs a file name"));
    }
    if let Ok(meta) = std::fs::symlink_metadata(target) {
        if meta.is_dir() {
            return Err(fail(2, format!("-o {} is a directory; name a file", quoted(path))));
        }
        if meta.file_type().is_symlink() {
            return Err(fail(2, format!("-o {} is a symbolic link; name a file", quoted(path))));
        }
    }
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let staged = target.with_file_name(format!(".{name}.drplan-{}.tmp", std::process::id()));
    let written = std::fs::write(&staged, html).and_then(|()| std::fs::rename(&staged, target));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&staged);
        fail(2, format!("-o {} cannot be written: {e}", quoted(path)))
    })
}

pub fn report(args: ReportArgs) -> Result<String, Failure> {
    let source = args.plan.ok_or_else(|| {
        fail(2, "report needs a plan file or preset id; run `drplan presets` for the ids")
    })?;
    let date = report_date(args.date)?;
    let sheet = sheet_arg(args.prices)?;
    let plan = load_valid(&source, &sheet)?;
    let baseline = args.baseline.map(|b| load_valid(&b, &sheet)).transpose()?;
    let html = plan_report_html(&plan, baseline.as_ref(), &date);
    match args.out {
        Some(path) => {
            write_file(&path, &html)?;
            Ok(String::new())
        }
        None => Ok(terminal(&html)),
    }
}
