//! `--format github`: one workflow command per finding, escaped the way the
//! runner unescapes them, and nothing else on stdout.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{run, run_with_stdin, stderr, stdout, write};
use tempfile::TempDir;

const BROKEN: &str = r#"{
  "bk_biz_id": 1,
  "processes": [{"bk_process_id": 43, "priority": 20000, "bk_extra_note": "x"}]
}
"#;

#[test]
fn every_line_is_a_workflow_command() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "update_process_instance.json", BROKEN);
    let path = path.to_str().unwrap();
    let output = run(&["--format", "github", path]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "::error file={},line=3,col=51,title=schema::`priority` must be between -100 and 10000, got 20000",
                path.replace(':', "%3A").replace(',', "%2C")
            ),
            format!(
                "::warning file={},line=3,col=58,title=unknown-field::unknown field `bk_extra_note`",
                path.replace(':', "%3A").replace(',', "%2C")
            ),
        ]
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn property_values_escape_colon_comma_and_percent() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "a,b%c/update_process_instance.json", BROKEN);
    let output = run(&["--format", "github", path.to_str().unwrap()]);
    let text = stdout(&output);
    let escaped = path
        .to_str()
        .unwrap()
        .replace('%', "%25")
        .replace(':', "%3A")
        .replace(',', "%2C");
    assert!(escaped.contains("a%2Cb%25c/"), "{escaped}");
    assert!(
        text.starts_with(&format!("::error file={escaped},line=3,")),
        "{text}"
    );
}

#[test]
fn inputs_that_could_not_be_checked_are_error_commands() {
    let dir = TempDir::new().unwrap();
    let missing = dir.path().join("missing.json");
    let good = write(
        dir.path(),
        "update_process_instance.json",
        &common::complete_update(""),
    );
    let output = run(&[
        "--format",
        "github",
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with(&format!(
            "::error file={},title=cc-lint::cannot read: ",
            missing.to_str().unwrap()
        )),
        "{text}"
    );
}

#[test]
fn a_clean_run_prints_nothing() {
    let dir = TempDir::new().unwrap();
    let good = write(
        dir.path(),
        "update_process_instance.json",
        &common::complete_update(""),
    );
    let output = run(&["--format", "github", good.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
}

#[test]
fn stdin_findings_have_no_file() {
    let output = run_with_stdin(
        &[
            "--format",
            "github",
            "--endpoint",
            "update_process_instance",
            "-",
        ],
        r#"{"bk_biz_id": "1", "processes": [{"bk_process_id": 43}]}"#,
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "::error title=schema::`bk_biz_id` must be an integer, got string \"1\"\n"
    );
}
