//! `--fix`, `--unsafe-fixes` and `--diff` end to end: files rewritten with
//! every untouched byte kept, no write when there is nothing to fix, the
//! exit codes of `--diff`, and standard input.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

mod common;

use common::{run, run_with_stdin, stderr, stdout, write};
use std::fs;
use std::path::Path;

/// A payload with a safe fix (`Proc_Num`, `2.0`) and an unsafe one
/// (`auto_time_gap`), in a layout of its own: tabs, CRLF, odd spacing.
const MIXED: &str = "{\r\n\t\"bk_biz_id\" : 1,\r\n\t\"processes\": [\r\n\t\t{\"bk_process_id\": 43,  \"Proc_Num\": 2.0, \"auto_time_gap\": 60}\r\n\t]\r\n}";
const MIXED_SAFE: &str = "{\r\n\t\"bk_biz_id\" : 1,\r\n\t\"processes\": [\r\n\t\t{\"bk_process_id\": 43,  \"proc_num\": 2, \"auto_time_gap\": 60}\r\n\t]\r\n}";
const MIXED_ALL: &str = "{\r\n\t\"bk_biz_id\" : 1,\r\n\t\"processes\": [\r\n\t\t{\"bk_process_id\": 43,  \"proc_num\": 2}\r\n\t]\r\n}";
const CLEAN: &str =
    "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"proc_num\": 2}]}\n";

fn name(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).unwrap().ino()
}

#[test]
fn fix_rewrites_the_file_with_safe_fixes_only_and_keeps_every_other_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "update_process_instance.json", MIXED);
    let output = run(&["--fix", name(&path)]);
    assert_eq!(fs::read_to_string(&path).unwrap(), MIXED_SAFE);
    // What is left: the legacy field, a warning.
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = stdout(&output);
    assert!(report.contains("warning[legacy-field]"), "{report}");
    assert!(!report.contains("key-case"), "{report}");
    assert!(
        stderr(&output).contains("fixed 2 findings in 1 file"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "update_process_instance.json", MIXED);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let output = run(&["--fix", name(&path)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["update_process_instance.json"]);
}

#[test]
fn unsafe_fixes_apply_the_others_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "update_process_instance.json", MIXED);
    // The partial entry's `raw-process-edit` warning, which the fixed errors
    // held back, has no fix; it is not what this test is about.
    let output = run(&[
        "--fix",
        "--unsafe-fixes",
        "--allow",
        "raw-process-edit",
        name(&path),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&path).unwrap(), MIXED_ALL);
    assert!(
        stdout(&output).contains("no problems found"),
        "{}",
        stdout(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_file_with_nothing_to_fix_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "update_process_instance.clean.json", CLEAN);
    // Only an unsafe fix: nothing for --fix.
    let unsafe_only = write(
        dir.path(),
        "update_process_instance.legacy.json",
        MIXED_SAFE,
    );
    let before = [inode(&clean), inode(&unsafe_only)];
    let mtimes = [&clean, &unsafe_only].map(|path| fs::metadata(path).unwrap().modified().unwrap());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let output = run(&["--fix", name(&clean), name(&unsafe_only)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!([inode(&clean), inode(&unsafe_only)], before);
    let after = [&clean, &unsafe_only].map(|path| fs::metadata(path).unwrap().modified().unwrap());
    assert_eq!(after, mtimes);
    assert!(
        stderr(&output).contains("nothing to fix"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn remaining_errors_still_fail_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"proc_num\": 1.0, \"priority\": 20000}]}";
    let path = write(dir.path(), "update_process_instance.json", text);
    let output = run(&["--fix", "--format", "json", name(&path)]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&path).unwrap(), text.replace("1.0", "1"));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| finding["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["schema"]);
}

#[test]
fn diff_prints_what_fix_would_do_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "update_process_instance.json",
        "{\n  \"bk_biz_id\": 1,\n  \"processes\": [\n    {\"bk_process_id\": 43, \"Proc_Num\": 2}\n  ]\n}\n",
    );
    let before = fs::read(&path).unwrap();
    let output = run(&["--diff", name(&path)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(fs::read(&path).unwrap(), before);
    let shown = name(&path);
    assert_eq!(
        stdout(&output),
        format!(
            "--- {shown}\n+++ {shown}\n@@ -1,6 +1,6 @@\n {{\n   \"bk_biz_id\": 1,\n   \"processes\": [\n-    {{\"bk_process_id\": 43, \"Proc_Num\": 2}}\n+    {{\"bk_process_id\": 43, \"proc_num\": 2}}\n   ]\n }}\n"
        )
    );
    assert!(stderr(&output).contains("would fix 1 finding in 1 file"));
}

#[test]
fn diff_exits_0_when_there_is_nothing_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "update_process_instance.json", CLEAN);
    // Errors without a fix are not the diff's business.
    let broken = write(
        dir.path(),
        "update_process_instance.b.json",
        "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"priority\": 20000}]}",
    );
    let output = run(&["--diff", name(&clean), name(&broken)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    // Only an unsafe fix: shown with --unsafe-fixes.
    let legacy = write(dir.path(), "update_process_instance.c.json", MIXED_SAFE);
    assert_eq!(run(&["--diff", name(&legacy)]).status.code(), Some(0));
    let output = run(&["--diff", "--unsafe-fixes", name(&legacy)]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output)
            .contains("-\t\t{\"bk_process_id\": 43,  \"proc_num\": 2, \"auto_time_gap\": 60}\r\n")
    );
}

#[test]
fn diff_exits_2_when_an_input_cannot_be_checked() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = write(dir.path(), "mystery.json", "{\"a\": 1}");
    let output = run(&["--diff", name(&unknown)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("cannot tell which endpoint"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn standard_input_prints_the_fixed_document_and_reports_on_stderr() {
    let output = run_with_stdin(
        &["--fix", "--endpoint", "update_process_instance", "-"],
        MIXED,
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), MIXED_SAFE);
    assert!(
        stderr(&output).contains("warning[legacy-field]"),
        "{}",
        stderr(&output)
    );
    // Nothing to fix: the document comes back as it was.
    let output = run_with_stdin(
        &["--fix", "--endpoint", "update_process_instance", "-"],
        CLEAN,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), CLEAN);
    // And with --diff, the diff.
    let output = run_with_stdin(
        &["--diff", "--endpoint", "update_process_instance", "-"],
        MIXED,
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).starts_with("--- <stdin>\n+++ <stdin>\n"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    let output = run(&["--unsafe-fixes", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--unsafe-fixes goes with --fix or --diff"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_json_report_carries_a_fix_only_where_there_is_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"bk_biz_id\": 1, \"processes\": [{\"bk_process_id\": 43, \"Proc_Num\": 2, \"priority\": 20000}]}";
    let path = write(dir.path(), "update_process_instance.json", text);
    let output = run(&["--format", "json", name(&path)]);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report["files"][0]["diagnostics"].as_array().unwrap();
    let key_case = findings
        .iter()
        .find(|finding| finding["rule"] == "key-case")
        .unwrap();
    let start = text.find("\"Proc_Num\"").unwrap();
    assert_eq!(
        key_case["fix"],
        serde_json::json!({
            "applicability": "safe",
            "message": "rename `Proc_Num` to `proc_num`",
            "edits": [{"start": start, "end": start + 10, "replacement": "\"proc_num\""}],
        })
    );
    let schema = findings
        .iter()
        .find(|finding| finding["rule"] == "schema")
        .unwrap();
    assert!(schema.get("fix").is_none(), "{schema}");
}

#[test]
fn explain_says_whether_there_is_a_fix_and_whether_it_is_safe() {
    let safe = stdout(&run(&["explain", "key-case"]));
    assert!(safe.contains("Fix (safe, applied by `--fix`)"), "{safe}");
    let unsafe_fix = stdout(&run(&["explain", "legacy-field"]));
    assert!(
        unsafe_fix.contains("Fix (unsafe, applied by `--fix --unsafe-fixes`)"),
        "{unsafe_fix}"
    );
    let none = stdout(&run(&["explain", "port-syntax"]));
    assert!(none.contains("Fix: none"), "{none}");
}

#[cfg(unix)]
#[test]
fn through_a_symbolic_link_the_file_it_points_at_is_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(dir.path(), "real.json", MIXED);
    let link = dir.path().join("update_process_instance.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let output = run(&["--fix", name(&link)]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), MIXED_SAFE);
}
