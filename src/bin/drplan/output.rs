//! Writing an export bundle without harm to what is already on disk.
//!
//! * The bundle is written into a fresh directory next to `--out` (created, never
//!   reused; every file created new) and moved into place with a rename, so a failed
//!   export leaves nothing behind and a reader never sees half a bundle.
//! * `--out` must be new or empty. With `--force`, it may hold a previous export:
//!   the manifest that export wrote ([`MANIFEST`]) says which files were its own.
//!   Those are all replaced, so no file of the previous plan survives; anything else
//!   (a `terraform.tfvars`, `.terraform/`, `cdk.out/`) is carried over untouched, and
//!   the export is refused if the new bundle would overwrite one of them.
//! * Symbolic links are never followed: `--out` itself may not be one, and links
//!   inside it are moved or removed as links, never written through.

use std::collections::BTreeSet;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use drplan::export::GeneratedFile;
use drplan::plan::untrusted::quoted;

/// The manifest a bundle carries at its root: the files the export wrote.
pub const MANIFEST: &str = ".drplan-export.json";
/// Largest manifest read back (a bundle lists a few hundred files).
const MAX_MANIFEST_BYTES: u64 = 1_000_000;

/// What an export wrote: files, and files of the user's kept from `--out`.
#[derive(Debug)]
pub struct Written {
    pub files: usize,
    pub kept: usize,
}

/// What `--out` holds before the export.
enum Existing {
    Nothing,
    Empty,
    /// A previous export: its files, and the user's own entries to carry over.
    Previous {
        carry: Vec<String>,
    },
}

/// Writes `files` as the bundle in `out`.
pub fn write_bundle(out: &str, files: &[GeneratedFile], force: bool) -> Result<Written, String> {
    write_bundle_with(out, files, force, None)
}

/// [`write_bundle`], failing on purpose after `fail_after` files (tests of cleanup).
fn write_bundle_with(
    out: &str,
    files: &[GeneratedFile],
    force: bool,
    fail_after: Option<usize>,
) -> Result<Written, String> {
    if out.is_empty() {
        return Err("--out is empty: name the directory to write the bundle to".into());
    }
    let target = Path::new(out);
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Err(format!("--out {} must name a directory, not . or ..", quoted(out)));
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    for f in files {
        let relative = Path::new(&f.path);
        // Paths are generated, never taken from the plan; refuse anything that could
        // leave the directory anyway.
        if relative.is_absolute()
            || relative.components().any(|c| !matches!(c, std::path::Component::Normal(_)))
            || f.path == MANIFEST
        {
            return Err(format!("refusing to write {} outside the bundle", quoted(&f.path)));
        }
    }
    let existing = inspect(target, out, files, force)?;
    let staging = fresh_dir(&parent, &name, "tmp")?;
    let written = fill(&staging, files, fail_after).and_then(|()| match &existing {
        Existing::Nothing => rename(&staging, target),
        Existing::Empty => fs::remove_dir(target)
            .map_err(|e| format!("cannot replace the empty directory {}: {e}", quoted(out)))
            .and_then(|()| {
                // Leave the empty directory as it was if the bundle cannot take its place.
                rename(&staging, target).inspect_err(|_| {
                    let _ = fs::create_dir(target);
                })
            }),
        Existing::Previous { .. } => Ok(()),
    });
    if let Err(why) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(why);
    }
    let kept = match existing {
        Existing::Previous { carry } => swap(target, &parent, &name, &staging, &carry, out)?,
        _ => 0,
    };
    Ok(Written { files: files.len(), kept })
}

/// Checks `--out` and works out what the export may do there.
fn inspect(
    target: &Path,
    out: &str,
    files: &[GeneratedFile],
    force: bool,
) -> Result<Existing, String> {
    let meta = match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(format!("cannot inspect --out {}: {e}", quoted(out))),
        Ok(meta) => meta,
    };
    if meta.file_type().is_symlink() {
        return Err(format!(
            "--out {} is a symbolic link; give the directory itself, so that the bundle is written where you see it",
            quoted(out)
        ));
    }
    if !meta.is_dir() {
        return Err(format!("--out {} exists and is not a directory", quoted(out)));
    }
    let mut entries =
        fs::read_dir(target).map_err(|e| format!("cannot list {}: {e}", quoted(out)))?;
    if entries.next().is_none() {
        return Ok(Existing::Empty);
    }
    if !force {
        return Err(format!(
            "--out {} is not empty; choose a new or empty directory, or add --force to replace a previous drplan export there (only the files it wrote)",
            quoted(out)
        ));
    }
    let previous = read_manifest(&target.join(MANIFEST)).ok_or_else(|| {
        format!(
            "--out {} holds files drplan did not write (no readable {MANIFEST}); --force only replaces a previous drplan export",
            quoted(out)
        )
    })?;
    let mut carry = Vec::new();
    collect_own(target, "", &previous, &mut carry)
        .map_err(|e| format!("cannot list {}: {e}", quoted(out)))?;
    let new: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    for own in &carry {
        let clash = new.iter().find(|n| {
            *n == own || n.starts_with(&format!("{own}/")) || own.starts_with(&format!("{n}/"))
        });
        if let Some(path) = clash {
            return Err(format!(
                "the bundle would overwrite {} in --out {}, which the previous export did not write; move it away first",
                quoted(path),
                quoted(out)
            ));
        }
    }
    Ok(Existing::Previous { carry })
}

/// The file list of a previous export's manifest, if it is one.
fn read_manifest(path: &Path) -> Option<BTreeSet<String>> {
    // A link or a device in its place is not a manifest this tool wrote.
    if !fs::symlink_metadata(path).ok()?.is_file() {
        return None;
    }
    let mut text = String::new();
    fs::File::open(path).ok()?.take(MAX_MANIFEST_BYTES).read_to_string(&mut text).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    if value.get("generator")?.as_str()? != "drplan" {
        return None;
    }
    let files = value.get("files")?.as_array()?;
    Some(files.iter().filter_map(|f| f.as_str().map(String::from)).collect())
}

/// The entries under `dir` (relative path `prefix`) that a previous export did not
/// write: whole directories it never wrote into, single entries elsewhere. Links are
/// entries, never followed.
fn collect_own(
    dir: &Path,
    prefix: &str,
    previous: &BTreeSet<String>,
    out: &mut Vec<String>,
) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
        if relative == MANIFEST || previous.contains(&relative) {
            continue;
        }
        let inside = format!("{relative}/");
        if entry.file_type()?.is_dir() && previous.iter().any(|p| p.starts_with(&inside)) {
            collect_own(&entry.path(), &relative, previous, out)?;
        } else {
            out.push(relative);
        }
    }
    Ok(())
}

/// A new directory `.{name}.drplan-{what}-{pid}[-n]` in `parent`.
fn fresh_dir(parent: &Path, name: &str, what: &str) -> Result<PathBuf, String> {
    let pid = std::process::id();
    for n in 0..100 {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let dir = parent.join(format!(".{name}.drplan-{what}-{pid}{suffix}"));
        match fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(format!(
                    "cannot create a directory next to --out in {}: {e}",
                    quoted(&parent.to_string_lossy())
                ))
            }
        }
    }
    Err("cannot find a free name for a temporary directory next to --out".into())
}

/// Writes every file, then the manifest, into the fresh directory `dir`.
fn fill(dir: &Path, files: &[GeneratedFile], fail_after: Option<usize>) -> Result<(), String> {
    let create = |relative: &str, contents: &[u8]| -> Result<(), String> {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", quoted(relative)))?;
        }
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("cannot create {}: {e}", quoted(relative)))?;
        file.write_all(contents).map_err(|e| format!("cannot write {}: {e}", quoted(relative)))
    };
    for (i, f) in files.iter().enumerate() {
        if fail_after == Some(i) {
            return Err(format!("cannot write {}: injected failure", quoted(&f.path)));
        }
        create(&f.path, f.contents.as_bytes())?;
    }
    let mut listed: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    listed.sort_unstable();
    let manifest = serde_json::json!({
        "generator": "drplan",
        "version": env!("CARGO_PKG_VERSION"),
        "about": "The files drplan export wrote here; `drplan export --force` replaces exactly these.",
        "files": listed,
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    create(MANIFEST, text.as_bytes())
}

fn rename(from: &Path, to: &Path) -> Result<(), String> {
    fs::rename(from, to)
        .map_err(|e| format!("cannot move the bundle into {}: {e}", quoted(&to.to_string_lossy())))
}

/// Puts the staged bundle in place of a previous export and carries the user's own
/// entries over: the old directory is renamed aside, the new one renamed in, the
/// carried entries renamed across, and what is left (the old export's files) removed.
fn swap(
    target: &Path,
    parent: &Path,
    name: &str,
    staging: &Path,
    carry: &[String],
    out: &str,
) -> Result<usize, String> {
    let aside = match fresh_dir(parent, name, "old").and_then(|dir| {
        fs::remove_dir(&dir).map_err(|e| e.to_string())?;
        Ok(dir)
    }) {
        Ok(dir) => dir,
        Err(why) => {
            let _ = fs::remove_dir_all(staging);
            return Err(why);
        }
    };
    if let Err(e) = fs::rename(target, &aside) {
        let _ = fs::remove_dir_all(staging);
        return Err(format!("cannot move the previous export in {} aside: {e}", quoted(out)));
    }
    if let Err(e) = fs::rename(staging, target) {
        // Put the previous export back as it was.
        let _ = fs::rename(&aside, target);
        let _ = fs::remove_dir_all(staging);
        return Err(format!("cannot move the bundle into {}: {e}", quoted(out)));
    }
    for relative in carry {
        let to = target.join(relative);
        let moved = to
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(aside.join(relative), &to));
        if let Err(e) = moved {
            return Err(format!(
                "the bundle is in {}, but {} could not be moved back into it ({e}); it is kept in {}",
                quoted(out),
                quoted(relative),
                quoted(&aside.to_string_lossy())
            ));
        }
    }
    // Only the previous export's own files are left aside (links among them are
    // removed as links).
    let _ = fs::remove_dir_all(&aside);
    Ok(carry.len())
}

#[cfg(test)]
mod tests;
