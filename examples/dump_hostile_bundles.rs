//! Writes the bundles of the hostile plan (every id and free-text field made to break
//! out of a literal; see `tests/export_injection.rs`) into a folder, one sub-folder per
//! target, so the real parsers (Python's `ast`, `tsc`, cfn-lint, Terraform's loader)
//! can be run on them:
//!
//! ```sh
//! cargo run --example dump_hostile_bundles -- /tmp/hostile
//! ```

#[path = "../tests/hostile/mod.rs"]
mod hostile;

use std::path::PathBuf;
use std::process::ExitCode;

use drplan::export::{export_unchecked, Target};

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo run --example dump_hostile_bundles -- DIR");
        return ExitCode::from(2);
    };
    let plan = hostile::hostile_plan();
    for target in Target::ALL {
        let files = match export_unchecked(&plan, target) {
            Ok(files) => files,
            Err(e) => {
                eprintln!("{}: {e}", target.id());
                return ExitCode::FAILURE;
            }
        };
        for f in files {
            let path = dir.join(target.id()).join(&f.path);
            let written = path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, &f.contents));
            if let Err(e) = written {
                eprintln!("{}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        println!("{}: {}", target.id(), dir.join(target.id()).display());
    }
    ExitCode::SUCCESS
}
