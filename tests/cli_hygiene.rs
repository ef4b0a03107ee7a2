//! The CLI as a shell script meets it (issue 8, item 4): reads are bounded while
//! reading (a device, a pipe), every message names the field it is about, plan text
//! never reaches the terminal raw (no control, bidi or zero-width character, no line
//! of its own), and a BOM and duplicate keys get their own messages.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn drplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_drplan")).args(args).output().expect("run drplan")
}

fn drplan_stdin(args: &[&str], input: Vec<u8>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_drplan"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run drplan");
    let mut stdin = child.stdin.take().unwrap();
    // The CLI stops reading at the limit: a refused write is expected.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait for drplan");
    let _ = writer.join();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("drplan-hygiene-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// No byte a terminal acts on (C0 controls but the line feed, DEL, C1) and no bidi or
/// zero-width character.
fn assert_inert(text: &str, what: &str) {
    for c in text.chars() {
        // `is_hidden` covers every control character.
        let control = c != '\n' && drplan::plan::untrusted::is_hidden(c);
        assert!(!control, "{what}: raw U+{:04X} in {text:?}", c as u32);
    }
}

#[test]
fn a_device_is_read_up_to_the_limit_only() {
    let o = drplan(&["validate", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("larger than 1000000 bytes"), "{}", stderr(&o));
}

#[test]
fn a_pipe_is_read_up_to_the_limit_only() {
    let o = drplan_stdin(&["validate", "-"], vec![b' '; 3_000_000]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("standard input is larger than 1000000 bytes"), "{}", stderr(&o));
    let plan = drplan::presets::find("rds-pitr").unwrap().plan().to_json_pretty();
    let o = drplan_stdin(&["validate", "-"], plan.into_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn type_errors_inside_a_component_name_the_field() {
    let plan = temp_file(
        "az.json",
        br#"{"schema_version": 1, "components": [{"kind": "vpc_endpoints", "id": "v", "az_count": -1}]}"#,
    );
    let o = drplan(&["validate", plan.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("components[0].az_count: invalid value: integer `-1`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_bom_and_duplicate_keys_get_their_own_messages() {
    let bom = temp_file("bom.json", b"\xef\xbb\xbf{\"schema_version\": 1}");
    let o = drplan(&["validate", bom.to_str().unwrap()]);
    assert!(stderr(&o).contains("byte-order mark"), "{}", stderr(&o));
    let twice = temp_file(
        "twice.json",
        br#"{"schema_version": 1, "horizon_months": 12, "horizon_months": 24}"#,
    );
    let o = drplan(&["validate", twice.to_str().unwrap()]);
    assert!(
        stderr(&o).contains("horizon_months: the key \"horizon_months\" appears twice"),
        "{}",
        stderr(&o)
    );
    let binary = temp_file("binary.json", b"{\"name\": \"\xff\"}");
    assert!(stderr(&drplan(&["validate", binary.to_str().unwrap()])).contains("not UTF-8"));
    let dir = std::env::temp_dir();
    assert!(stderr(&drplan(&["validate", dir.to_str().unwrap()])).contains("is a directory"));
}

/// A plan whose text tries to clear the screen and print a fake "valid" line.
#[test]
fn plan_text_never_reaches_the_terminal_raw() {
    let evil = "\u{1b}[2J\u{1b}[1;1H\r\nplan.json: valid (0 warning(s))\u{0}\u{202e}\u{200b}";
    let mut plan = drplan::presets::find("rds-pitr").unwrap().plan();
    plan.name = evil.into();
    plan.primary_region = format!("{evil}{}", "x".repeat(1_900));
    plan.components[0].set_id(evil);
    let invalid = temp_file("evil.json", plan.to_json_pretty().as_bytes());
    let o = drplan(&["validate", invalid.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_inert(&err, "validate");
    assert!(!err.lines().any(|l| l.starts_with("plan.json: valid")), "{err}");
    assert!(err.lines().all(|l| l.chars().count() < 600), "messages are cut short: {err}");
    for args in
        [vec!["estimate"], vec!["export", "--target", "terraform", "--out", "/nonexistent/x"]]
    {
        let mut args = args.clone();
        args.insert(1, invalid.to_str().unwrap());
        let o = drplan(&args);
        assert_inert(&stderr(&o), "estimate/export");
        assert_eq!(stderr(&o).trim_end().lines().count(), 1, "{}", stderr(&o));
    }

    // A valid plan's notes are free text: the table and the JSON show them escaped.
    let mut plan = drplan::presets::find("rds-pitr").unwrap().plan();
    plan.notes = vec![evil.into()];
    let valid = temp_file("notes.json", plan.to_json_pretty().as_bytes());
    for format in ["table", "json", "csv"] {
        let o = drplan(&["estimate", valid.to_str().unwrap(), "--format", format]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = String::from_utf8_lossy(&o.stdout).replace("\r\n", "\n");
        assert_inert(&out, format);
        assert!(!out.lines().any(|l| l.starts_with("plan.json: valid")), "{format}: {out}");
    }
}

#[test]
fn arguments_are_quoted_escaped() {
    let o = drplan(&["frob\u{1b}[2Jnicate"]);
    assert_inert(&stderr(&o), "unknown command");
    assert!(stderr(&o).contains("\"frob\\u{1b}[2Jnicate\""), "{}", stderr(&o));
}
