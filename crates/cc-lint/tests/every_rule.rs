//! One CLI run per rule in `--format json`: a payload whose offending value sits
//! on its own line fires the rule, and the JSON output names the rule, its
//! severity, the pointer and the line.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use serde_json::Value;
use std::process::Command;

const UPDATE: &str = "update_process_instance.json";
const CREATE: &str = "batch_create_proc_template.json";

const NAMES: &str = r#""bk_process_name": {"value": "p1", "as_default_value": true},
"bk_func_name": {"value": "p1", "as_default_value": true}"#;

/// (rule, file name, payload, severity, pointer, line). Payloads that need a
/// template are linted with `tests/template/get_proc_template.response.json`.
fn cases() -> Vec<(
    &'static str,
    &'static str,
    String,
    &'static str,
    &'static str,
    u64,
)> {
    let row = |ip: &str, port: &str, protocol: &str| {
        format!(
            r#"{{"ip": "{ip}", "port": "{port}", "protocol": "{protocol}", "template_row_id": 1}}"#
        )
    };
    let spec_row = |ip: &str, port: &str, protocol: &str| {
        format!(
            r#"{{"ip": {{"value": "{ip}"}}, "port": {{"value": "{port}"}}, "protocol": {{"value": "{protocol}"}}, "row_id": 1}}"#
        )
    };
    let update = |entry: &str| {
        format!("{{\"bk_biz_id\": 1,\n\"processes\": [{{\"bk_process_id\": 43,\n{entry}}}]}}")
    };
    let create = |extra: &str| {
        format!(
            "{{\"bk_biz_id\": 1, \"service_template_id\": 51,\n\"processes\": [{{\"spec\": {{{NAMES},\n{extra}}}}}]}}"
        )
    };
    let create_rows = |row: String| create(&format!("\"bind_info\": {{\"value\": [\n{row}]}}"));
    let many: Vec<String> = (1..=101)
        .map(|id| format!("{{\"bk_process_id\": {id}}}"))
        .collect();
    vec![
        ("json-syntax", UPDATE, "{\"bk_biz_id\": 1,\n\"processes\": [,]}".to_owned(), "error", "", 2),
        ("duplicate-key", UPDATE, update("\"user\": \"a\",\n\"user\": \"b\""), "error", "/processes/0/user", 4),
        ("schema", UPDATE, update("\"priority\": 20000"), "error", "/processes/0/priority", 3),
        ("integer-literal", UPDATE, update("\"proc_num\": 1.0"), "error", "/processes/0/proc_num", 3),
        ("unknown-field", UPDATE, update("\"bk_proces_name\": \"x\""), "error", "/processes/0/bk_proces_name", 3),
        ("key-case", UPDATE, update("\"Proc_Num\": 2"), "warning", "/processes/0/Proc_Num", 3),
        ("legacy-field", UPDATE, update("\"auto_time_gap\": 60"), "warning", "/processes/0/auto_time_gap", 3),
        ("surrounding-whitespace", CREATE, create("\"user\": {\"value\": \" root\"}"), "error", "/processes/0/spec/user/value", 4),
        ("port-syntax", CREATE, create_rows(spec_row("1", "080", "1")), "error", "/processes/0/spec/bind_info/value/0/port/value", 5),
        ("port-range-order", CREATE, create_rows(spec_row("1", "90-80", "1")), "error", "/processes/0/spec/bind_info/value/0/port/value", 5),
        ("port-overlap", CREATE, create_rows(spec_row("1", "80,80", "1")), "error", "/processes/0/spec/bind_info/value/0/port/value", 5),
        ("bind-ip-code", CREATE, create_rows(spec_row("9", "80", "1")), "error", "/processes/0/spec/bind_info/value/0/ip/value", 5),
        ("instance-ip", UPDATE, update(&format!("\"bind_info\": [\n{}]", row("localhost", "80", "1"))), "error", "/processes/0/bind_info/0/ip", 4),
        ("ip-protocol-family", CREATE, create_rows(spec_row("5", "80", "1")), "error", "/processes/0/spec/bind_info/value/0/ip/value", 5),
        ("duplicate-row-id", UPDATE, update(&format!("\"bind_info\": [\n{},\n{}]", row("127.0.0.1", "80", "1"), row("127.0.0.1", "81", "1"))), "error", "/processes/0/bind_info/1/template_row_id", 5),
        (
            "duplicate-process-name",
            CREATE,
            format!("{{\"bk_biz_id\": 1, \"service_template_id\": 51, \"processes\": [\n{{\"spec\": {{{NAMES}}}}},\n{{\"spec\": {{{}}}}}]}}", NAMES.replace("\"bk_func_name\": {\"value\": \"p1\"", "\"bk_func_name\": {\"value\": \"p2\"")),
            "error",
            "/processes/1/spec/bk_process_name/value",
            4,
        ),
        (
            "duplicate-func-name-regex",
            CREATE,
            format!("{{\"bk_biz_id\": 1, \"service_template_id\": 51, \"processes\": [\n{{\"spec\": {{{NAMES}, \"bk_start_param_regex\": {{\"value\": \"\"}}}}}},\n{{\"spec\": {{{}}}}}]}}", NAMES.replace("\"bk_process_name\": {\"value\": \"p1\"", "\"bk_process_name\": {\"value\": \"p2\"")),
            "error",
            "/processes/1/spec/bk_func_name/value",
            5,
        ),
        ("too-many-items", UPDATE, format!("{{\"bk_biz_id\": 1,\n\"processes\": [{}]}}", many.join(", ")), "error", "/processes", 2),
        ("empty-batch", UPDATE, "{\"bk_biz_id\": 1,\n\"processes\": []}".to_owned(), "warning", "/processes", 2),
        ("missing-service-template-id", CREATE, format!("{{\"bk_biz_id\": 1,\n\"service_template_id\": 0, \"processes\": [{{\"spec\": {{{NAMES}}}}}]}}"), "error", "/service_template_id", 2),
        ("missing-process-id", UPDATE, "{\"bk_biz_id\": 1, \"processes\": [\n{\"bk_process_id\": 0}]}".to_owned(), "error", "/processes/0/bk_process_id", 2),
        ("invalid-id", CREATE, format!("{{\"service_template_id\": 51,\n\"bk_biz_id\": -1, \"processes\": [{{\"spec\": {{{NAMES}}}}}]}}"), "error", "/bk_biz_id", 2),
        (
            "instance-attribute",
            "create_process_instance.json",
            "{\"bk_biz_id\": 1, \"service_instance_id\": 48, \"processes\": [{\"process_info\": {\"bk_process_name\": \"api\", \"bk_func_name\": \"api\",\n\"bind_info\": [{\"port\": \"80,443\", \"protocol\": \"1\", \"enable\": true}]}}]}".to_owned(),
            "error",
            "/processes/0/process_info/bind_info/0/port",
            2,
        ),
        ("raw-process-edit", UPDATE, update("\"bk_process_name\": \"p1\", \"bk_func_name\": \"p1\""), "warning", "/processes/0", 2),
        ("start-check-secs-range", CREATE, create("\"bk_start_check_secs\": {\"value\": 900}"), "warning", "/processes/0/spec/bk_start_check_secs/value", 4),
        ("secret-in-payload", UPDATE, "{\"bk_biz_id\": 1,\n\"bk_token\": \"tok-9f8e7d\", \"processes\": [{\"bk_process_id\": 43}]}".to_owned(), "warning", "/bk_token", 2),
        (
            "ignored-field",
            "create_process_instance.json",
            "{\"bk_biz_id\": 1, \"service_instance_id\": 48, \"processes\": [{\"process_info\": {\"bk_process_name\": \"api\",\n\"bk_process_id\": 7}}]}".to_owned(),
            "warning",
            "/processes/0/process_info/bk_process_id",
            2,
        ),
        ("locked-field-edit", UPDATE, String::new(), "warning", "/processes/0/proc_num", 6),
        ("unmatched-template-row", UPDATE, update("\"bind_info\": [{\"ip\": \"10.0.0.5\", \"port\": \"80\", \"protocol\": \"1\", \"template_row_id\": 1},\n{\"ip\": \"0.0.0.0\", \"port\": \"9000\", \"protocol\": \"1\", \"template_row_id\": 2},\n{\"port\": \"1\", \"template_row_id\": 9}]"), "warning", "/processes/0/bind_info/2", 5),
        ("bind-info-reset", UPDATE, update("\"user\": \"root\""), "warning", "/processes/0", 2),
        // Linted with `--max-file-size 64`: the payload is larger, so unread.
        ("file-too-large", UPDATE, update(&"\"user\": \"root\", ".repeat(8)), "error", "", 0),
    ]
}

#[test]
fn every_rule_fires_through_the_cli_in_json_format() {
    let template = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/template");
    let dir = tempfile::TempDir::new().unwrap();
    let cases = cases();
    let covered: Vec<&str> = cases.iter().map(|case| case.0).collect();
    let all: Vec<&str> = cc_validate::Rule::ALL
        .iter()
        .map(|rule| rule.id())
        .collect();
    assert_eq!(covered, all, "one case per rule, in catalogue order");
    for (rule, name, text, severity, pointer, line) in cases {
        let path = if text.is_empty() {
            template.join(name)
        } else {
            let path = dir.path().join(rule).join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            path
        };
        let limit: &[&str] = if rule == "file-too-large" {
            &["--max-file-size", "64"]
        } else {
            &[]
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_cc-lint"));
        command.args(limit).args(["--format", "json"]);
        // raw-process-edit is about processes not created from a template.
        if rule == "raw-process-edit" {
            command.arg("--raw");
        } else {
            command
                .arg("--host")
                .arg(template.join("host.json"))
                .arg("--template")
                .arg(template.join("get_proc_template.response.json"));
        }
        let output = command.arg(&path).output().unwrap();
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        let diagnostics = document["files"][0]["diagnostics"].as_array().unwrap();
        let hit = diagnostics
            .iter()
            .find(|d| d["rule"] == rule && d["pointer"] == pointer)
            .unwrap_or_else(|| panic!("{rule}: not at {pointer}: {diagnostics:#?}"));
        assert_eq!(hit["severity"], severity, "{rule}");
        if line == 0 {
            assert!(hit["line"].is_null(), "{rule}: no place in the file");
        } else {
            assert_eq!(hit["line"], line, "{rule}");
        }
        let expected_exit = i32::from(diagnostics.iter().any(|d| d["severity"] == "error"));
        assert_eq!(output.status.code(), Some(expected_exit), "{rule}");
    }
}
