//! End-to-end tests of the `cc-lint` binary: exit codes, both output formats,
//! endpoint detection, inputs that cannot be read. Each payload is written inline
//! so the expected pointer, line and column can be read off the test.
#![allow(clippy::unwrap_used, clippy::missing_panics_doc)] // Tests fail loudly by design.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tempfile::TempDir;

fn cc_lint() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cc-lint"));
    command.env_remove("NO_COLOR");
    command
}

fn run(args: &[&str]) -> Output {
    cc_lint().args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

const OUT_OF_RANGE: &str = r#"{
  "bk_biz_id": 1,
  "processes": [
    {
      "bk_process_id": 43,
      "priority": 20000
    }
  ]
}
"#;

const WRONG_TYPE: &str = r#"{
  "bk_biz_id": 1,
  "processes": [{"bk_process_id": 43, "proc_num": "4"}]
}
"#;

const MISSING_REQUIRED: &str = r#"{
  "service_template_id": 51,
  "processes": [{"spec": {"bk_process_name": {"value": "p1"}, "bk_func_name": {"value": "p1"}}}]
}
"#;

const BAD_ENUM: &str = r#"{
  "bk_biz_id": 1,
  "service_template_id": 51,
  "processes": [{"spec": {
    "bk_process_name": {"value": "p1", "as_default_value": true},
    "bk_func_name": {"value": "p1", "as_default_value": true},
    "bind_info": {"value": [{"protocol": {"value": "9", "as_default_value": true}, "port": {"value": "80"}, "row_id": 1}],
                  "as_default_value": true}
  }}]
}
"#;

/// Clean: every field given, so no reading of the write (field by field or
/// whole, `raw-process-edit`) changes what it stores.
const VALID_UPDATE: &str = r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "p1", "bk_func_name": "java", "bk_start_param_regex": "", "proc_num": 2, "priority": 1, "timeout": 30, "bk_start_check_secs": 5, "auto_start": false, "start_cmd": "", "stop_cmd": "", "restart_cmd": "", "face_stop_cmd": "", "reload_cmd": "", "pid_file": "", "work_path": "", "user": null, "description": "", "bind_info": []}]}"#;

/// (file name, payload, rule, pointer, line, column, message)
const BROKEN: [(&str, &str, &str, &str, usize, usize, &str); 4] = [
    (
        "update_process_instance.range.json",
        OUT_OF_RANGE,
        "schema",
        "/processes/0/priority",
        6,
        19,
        "`priority` must be between -100 and 10000, got 20000",
    ),
    (
        "update_process_instance.type.json",
        WRONG_TYPE,
        "schema",
        "/processes/0/proc_num",
        3,
        51,
        "`proc_num` must be an integer or null, got string \"4\"",
    ),
    (
        "batch_create_proc_template.required.json",
        MISSING_REQUIRED,
        "schema",
        "",
        1,
        1,
        "missing required field `bk_biz_id`",
    ),
    (
        "batch_create_proc_template.enum.json",
        BAD_ENUM,
        "schema",
        "/processes/0/spec/bind_info/value/0/protocol/value",
        7,
        52,
        "`protocol.value` must be one of \"1\", \"2\", \"3\" or \"4\", got \"9\"",
    ),
];

#[test]
fn broken_payloads_fail_with_pointer_and_position_in_json() {
    let dir = TempDir::new().unwrap();
    for (name, text, rule, pointer, line, column, message) in BROKEN {
        let path = write(dir.path(), name, text);
        let output = run(&["--format", "json", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let document = json(&output);
        assert_eq!(document["version"], 1);
        let file = &document["files"][0];
        assert_eq!(file["path"], path.to_str().unwrap());
        assert_eq!(file["kind"], "request");
        let diagnostics = file["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 1, "{name}: {diagnostics:#?}");
        let diagnostic = &diagnostics[0];
        assert_eq!(diagnostic["severity"], "error", "{name}");
        assert_eq!(diagnostic["rule"], rule, "{name}");
        assert_eq!(diagnostic["pointer"], pointer, "{name}");
        assert_eq!(diagnostic["line"], line, "{name}");
        assert_eq!(diagnostic["column"], column, "{name}");
        assert_eq!(diagnostic["message"], message, "{name}");
        assert_eq!(document["summary"]["errors"], 1);
    }
}

#[test]
fn broken_payloads_fail_with_position_and_caret_in_human_output() {
    let dir = TempDir::new().unwrap();
    for (name, text, rule, _pointer, line, column, message) in BROKEN {
        let path = write(dir.path(), name, text);
        let output = run(&[path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        let text_out = stdout(&output);
        let header = format!(
            "{}:{line}:{column}: error[{rule}]: {message}",
            path.display()
        );
        assert!(text_out.starts_with(&header), "{name}:\n{text_out}");
        let source_line = text.lines().nth(line - 1).unwrap();
        assert!(
            text_out.contains(&format!("{line} | {source_line}")),
            "{name}:\n{text_out}"
        );
        let caret_line = text_out
            .lines()
            .find(|l| l.trim_start().starts_with('|') && l.contains('^'))
            .unwrap();
        let bar = caret_line.find('|').unwrap();
        assert_eq!(
            caret_line.find('^').unwrap() - bar - 2,
            column - 1,
            "{name}"
        );
        assert!(text_out.ends_with("found 1 error and 0 warnings in 1 file\n"));
    }
}

#[test]
fn a_clean_payload_exits_zero() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "update_process_instance.json", VALID_UPDATE);
    let output = run(&[path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "no problems found in 1 file\n");
    let output = run(&["--format", "json", path.to_str().unwrap()]);
    let document = json(&output);
    assert_eq!(document["files"][0]["endpoint"], "update_process_instance");
    assert_eq!(document["files"][0]["diagnostics"], serde_json::json!([]));
}

#[test]
fn directories_are_walked_recursively_in_name_order() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "b/update_process_instance.json", VALID_UPDATE);
    write(
        dir.path(),
        "a/nested/update_process_instance.json",
        OUT_OF_RANGE,
    );
    write(dir.path(), "a/notes.txt", "not json and not linted");
    let output = run(&["--format", "json", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let document = json(&output);
    let paths: Vec<String> = document["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("a/nested/update_process_instance.json"));
    assert!(paths[1].ends_with("b/update_process_instance.json"));
}

#[test]
fn endpoint_comes_from_the_parent_directory_name() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "update_process_instance/edit.json",
        OUT_OF_RANGE,
    );
    let document = json(&run(&["--format", "json", path.to_str().unwrap()]));
    assert_eq!(document["files"][0]["endpoint"], "update_process_instance");
}

#[test]
fn endpoint_comes_from_content_when_the_name_says_nothing() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "payload.json", BAD_ENUM);
    let document = json(&run(&["--format", "json", path.to_str().unwrap()]));
    assert_eq!(
        document["files"][0]["endpoint"],
        "batch_create_proc_template"
    );
}

#[test]
fn an_ambiguous_payload_asks_for_endpoint_and_others_are_still_linted() {
    let dir = TempDir::new().unwrap();
    let ambiguous = write(
        dir.path(),
        "ids.json",
        r#"{"result": true, "code": 0, "message": "success", "data": [43]}"#,
    );
    let broken = write(dir.path(), "update_process_instance.json", OUT_OF_RANGE);
    let output = run(&[ambiguous.to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("--endpoint"), "{err}");
    assert!(
        err.contains(
            "batch_create_proc_template, update_process_instance, create_process_instance and create_service_instance"
        ),
        "{err}"
    );
    assert!(stdout(&output).contains("error[schema]"));
    // Naming the endpoint settles it.
    let output = run(&[
        "--endpoint",
        "update_process_instance",
        ambiguous.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_missing_file_is_an_io_error_and_does_not_stop_the_others() {
    let dir = TempDir::new().unwrap();
    let good = write(dir.path(), "update_process_instance.json", VALID_UPDATE);
    let missing = dir.path().join("missing.json");
    let output = run(&[
        "--format",
        "json",
        missing.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let document = json(&output);
    assert_eq!(document["files"].as_array().unwrap().len(), 2);
    assert!(
        document["files"][0]["error"]
            .as_str()
            .unwrap()
            .starts_with("cannot read")
    );
    assert_eq!(document["files"][1]["diagnostics"], serde_json::json!([]));
    assert_eq!(document["summary"]["failures"], 1);
}

#[test]
fn stdin_is_read_for_dash() {
    let mut child = cc_lint()
        .args([
            "--endpoint",
            "update_process_instance",
            "--format",
            "json",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(OUT_OF_RANGE.as_bytes()).unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let document = json(&output);
    assert_eq!(document["files"][0]["path"], "<stdin>");
    assert_eq!(document["files"][0]["diagnostics"][0]["line"], 6);
}

#[test]
fn invalid_json_is_one_syntax_error_with_position() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "update_process_instance.json",
        "{\n  \"bk_biz_id\": 1,\n  \"processes\": [,]\n}\n",
    );
    let output = run(&["--format", "json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let diagnostics = &json(&output)["files"][0]["diagnostics"];
    assert_eq!(diagnostics.as_array().unwrap().len(), 1);
    assert_eq!(diagnostics[0]["rule"], "json-syntax");
    assert_eq!(diagnostics[0]["line"], 3);
    assert_eq!(diagnostics[0]["column"], 17);
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(run(&[]).status.code(), Some(2));
    let output = run(&["--endpoint", "no_such_endpoint", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown endpoint `no_such_endpoint`"));
    assert_eq!(run(&["--format", "xml", "x.json"]).status.code(), Some(2));
    assert_eq!(run(&["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn schema_subcommand_prints_the_committed_schema() {
    let output = run(&["schema", "update_process_instance"]);
    assert_eq!(output.status.code(), Some(0));
    let schema = json(&output);
    assert_eq!(
        schema["$id"],
        "urn:cc-lint:schema:update_process_instance.request.json"
    );
    let output = run(&["schema", "batch_create_proc_template", "--kind", "response"]);
    assert_eq!(
        json(&output)["title"],
        "batch_create_proc_template response"
    );
}

#[test]
fn secrets_are_never_printed() {
    let dir = TempDir::new().unwrap();
    let path = write(
        dir.path(),
        "update_process_instance.json",
        r#"{"bk_app_secret": "Zx9-real-secret-Qw", "bk_token": 5, "bk_biz_id": "1", "processes": []}"#,
    );
    for format in ["human", "json"] {
        let output = run(&["--format", format, path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1));
        let all = format!("{}{}", stdout(&output), stderr(&output));
        assert!(!all.contains("Zx9-real-secret-Qw"), "{format}:\n{all}");
        assert!(
            all.contains("`bk_token` must be a string or null, got an integer"),
            "{all}"
        );
    }
}

#[test]
fn colour_is_off_when_not_a_terminal() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "update_process_instance.json", OUT_OF_RANGE);
    let output = run(&[path.to_str().unwrap()]);
    assert!(!stdout(&output).contains('\u{1b}'));
}
