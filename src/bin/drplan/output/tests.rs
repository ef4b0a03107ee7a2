//! Cleanup on failure, and what a forced export replaces and keeps.

use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drplan-output-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn bundle(files: &[(&str, &str)]) -> Vec<GeneratedFile> {
    files.iter().map(|(p, c)| GeneratedFile::new(*p, *c)).collect()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((d, prefix)) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let rel = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.file_type().unwrap().is_dir() {
                stack.push((e.path(), format!("{rel}/")));
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_failure_midway_leaves_nothing_behind() {
    let parent = scratch("fail-new");
    let out = parent.join("out");
    let files = bundle(&[("a.tf", "a"), ("dir/b.tf", "b"), ("c.tf", "c")]);
    let e = write_bundle_with(out.to_str().unwrap(), &files, false, Some(2)).unwrap_err();
    assert!(e.contains("injected"), "{e}");
    assert!(listing(&parent).is_empty(), "{:?}", listing(&parent));
}

#[test]
fn a_failure_midway_leaves_a_previous_export_as_it_was() {
    let parent = scratch("fail-previous");
    let out = parent.join("out");
    let path = out.to_str().unwrap();
    write_bundle(path, &bundle(&[("a.tf", "old"), ("b.tf", "old")]), false).unwrap();
    let before = listing(&parent);
    let e = write_bundle_with(path, &bundle(&[("a.tf", "new"), ("c.tf", "new")]), true, Some(1));
    assert!(e.is_err());
    assert_eq!(listing(&parent), before);
    assert_eq!(fs::read_to_string(out.join("a.tf")).unwrap(), "old");
}

#[test]
fn force_replaces_every_previous_file_and_keeps_the_users_own() {
    let parent = scratch("force");
    let out = parent.join("out");
    let path = out.to_str().unwrap();
    write_bundle(path, &bundle(&[("tf/main.tf", "old"), ("tf/stale.tf", "old")]), false).unwrap();
    fs::write(out.join("tf/terraform.tfvars"), "mine").unwrap();
    fs::create_dir_all(out.join(".terraform/providers")).unwrap();
    fs::write(out.join(".terraform/providers/p"), "mine").unwrap();
    let written = write_bundle(path, &bundle(&[("tf/main.tf", "new")]), true).unwrap();
    assert_eq!((written.files, written.kept), (1, 2));
    assert_eq!(
        listing(&out),
        [".drplan-export.json", ".terraform/providers/p", "tf/main.tf", "tf/terraform.tfvars"]
    );
    assert_eq!(fs::read_to_string(out.join("tf/main.tf")).unwrap(), "new");
    assert_eq!(listing(&parent).len(), 4, "no temporary directory is left: {:?}", listing(&parent));
}
