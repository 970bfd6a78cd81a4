//! `--template` and the `preview`, `sync` and `instantiate` subcommands, run as
//! the real binary over the files in `tests/template/`: a `get_proc_template`
//! response (`proc_num` and the bind rows' ip, port and protocol locked; row 2's
//! port not), a host, and an edit.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use serde_json::{Value, json};
use std::path::PathBuf;
use std::process::{Command, Output};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/template")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cc-lint"))
        .current_dir(dir())
        .args(args)
        .output()
        .unwrap()
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

const TEMPLATE: &str = "get_proc_template.response.json";

#[test]
fn lint_with_a_template_reports_every_dropped_edit_at_its_pointer() {
    let output = run(&[
        "--format",
        "json",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        "update_process_instance.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "warnings only");
    let found: Vec<(String, String, String, i64)> = json_of(&output)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().to_owned(),
                d["rule"].as_str().unwrap().to_owned(),
                d["pointer"].as_str().unwrap().to_owned(),
                d["line"].as_i64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("warning", "locked-field-edit", "/processes/0/proc_num", 6),
        ("warning", "bind-info-reset", "/processes/0/bind_info", 8),
        (
            "warning",
            "locked-field-edit",
            "/processes/0/bind_info/0/port",
            9,
        ),
    ];
    let expected: Vec<(String, String, String, i64)> = expected
        .iter()
        .map(|(s, r, p, l)| ((*s).to_owned(), (*r).to_owned(), (*p).to_owned(), *l))
        .collect();
    assert_eq!(found, expected);
    // --deny makes them fail the run.
    let output = run(&[
        "--template",
        TEMPLATE,
        "--deny",
        "locked-field-edit",
        "update_process_instance.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn an_edit_row_matching_no_template_row_is_reported() {
    let dir = tempfile::TempDir::new().unwrap();
    let edit = dir.path().join("update_process_instance.json");
    std::fs::write(
        &edit,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bind_info": [
{"ip": "10.0.0.5", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1},
{"ip": "0.0.0.0", "port": "9000", "protocol": "1", "enable": true, "template_row_id": 2},
{"ip": "0.0.0.0", "port": "9100", "protocol": "1", "template_row_id": 3}]}]}"#,
    )
    .unwrap();
    let template = dir_file(TEMPLATE);
    let output = run(&[
        "--format",
        "json",
        "--template",
        &template,
        "--host",
        &dir_file("host.json"),
        edit.to_str().unwrap(),
    ]);
    let diagnostics = &json_of(&output)["files"][0]["diagnostics"];
    assert_eq!(diagnostics.as_array().unwrap().len(), 1, "{diagnostics:#}");
    assert_eq!(diagnostics[0]["rule"], "unmatched-template-row");
    assert_eq!(diagnostics[0]["pointer"], "/processes/0/bind_info/2");
    assert_eq!(diagnostics[0]["line"], 4);
}

fn dir_file(name: &str) -> String {
    dir().join(name).to_str().unwrap().to_owned()
}

#[test]
fn a_bad_template_file_is_a_usage_error() {
    let output = run(&["--template", "host.json", "update_process_instance.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("host.json: not a process template"));
    let output = run(&["--template", "missing.json", "update_process_instance.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read missing.json"));
}

#[test]
fn preview_shows_what_is_stored_and_what_is_ignored() {
    let output = run(&[
        "preview",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        "update_process_instance.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let process = &json_of(&output)["processes"][0];
    assert_eq!(process["pointer"], "/processes/0");
    assert_eq!(process["bk_process_id"], 43);
    assert_eq!(
        process["stored"],
        json!({
            "user": "root",
            "bind_info": [
                {"ip": "10.0.0.5", "port": "80", "protocol": "1", "enable": true, "template_row_id": 1},
                {"ip": "0.0.0.0", "port": "9000", "protocol": "1", "enable": true, "template_row_id": 2}
            ]
        })
    );
    assert_eq!(
        process["dropped"],
        json!([
            {"field": "proc_num", "pointer": "/processes/0/proc_num", "reason": "locked"},
            {"field": "port", "row_id": 1, "pointer": "/processes/0/bind_info/0/port", "reason": "template_value"}
        ])
    );
    assert_eq!(
        process["reset_rows"],
        json!([{"row_id": 2, "template_pointer": "/bind_info/value/1"}])
    );
    let human = run(&[
        "preview",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        "update_process_instance.json",
    ]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("proc_num at /processes/0/proc_num: the template locks this field"),
        "{text}"
    );
    assert!(
        text.contains("bind rows reset to the template's values (left out of the edit): 2"),
        "{text}"
    );
}

#[test]
fn sync_shows_old_and_new_values_and_row_changes() {
    let output = run(&[
        "sync",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        "update_process_instance.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let process = &json_of(&output)["processes"][0];
    assert_eq!(
        process["fields"],
        json!([
            {"field": "bk_process_name", "pointer": "/bk_process_name", "old": null, "new": "nginx"},
            {"field": "bk_func_name", "pointer": "/bk_func_name", "old": null, "new": "nginx"},
            {"field": "proc_num", "pointer": "/proc_num", "old": 8, "new": 4}
        ])
    );
    assert_eq!(process["rows"][0]["change"], "changed");
    assert_eq!(
        process["rows"][0]["changes"][0],
        json!({"field": "port", "pointer": "/bind_info/0/port", "old": "8080", "new": "80"})
    );
    assert_eq!(process["rows"][1]["change"], "added");
    assert_eq!(process["rows"][1]["row_id"], 2);
    // The result is in sync: planning it again changes nothing.
    let dir = tempfile::TempDir::new().unwrap();
    let synced = dir.path().join("synced.json");
    std::fs::write(&synced, process["result"].to_string()).unwrap();
    let again = run(&[
        "sync",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        synced.to_str().unwrap(),
    ]);
    assert!(
        String::from_utf8(again.stdout)
            .unwrap()
            .contains("in sync with the template: nothing changes")
    );
}

#[test]
fn instantiate_resolves_bind_types_with_the_host() {
    let output = run(&[
        "instantiate",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let instance = &json_of(&output)["instance"];
    assert_eq!(instance["proc_num"], 4);
    assert_eq!(
        instance["bind_info"][0]["ip"], "10.0.0.5",
        "the first inner IPv4"
    );
    assert_eq!(instance["bind_info"][1]["ip"], "0.0.0.0");
    assert_eq!(instance["bind_info"][0]["template_row_id"], 1);
    // Bind type 3 needs the host's inner IPv4: without a host, an error naming the row.
    let output = run(&["instantiate", "--template", TEMPLATE]);
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8(output.stderr).unwrap();
    assert!(
        error.contains(
            "/bind_info/value/0/ip/value: bind type \"3\" needs the host's `bk_host_innerip`"
        ),
        "{error}"
    );
}

#[test]
fn preview_lists_locked_fields_sent_with_the_templates_value_as_unchanged() {
    // `proc_num` 4 and `bk_func_name` "nginx" are the template's own values: the
    // server does not apply them, but stores them all the same (issue 13).
    let dir = tempfile::tempdir().unwrap();
    let edit = dir.path().join("update_process_instance.json");
    std::fs::write(
        &edit,
        r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "proc_num": 4, "bk_func_name": "nginx", "user": "root"}]}"#,
    )
    .unwrap();
    let edit = edit.to_str().unwrap();
    let output = run(&[
        "preview",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        edit,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let process = &json_of(&output)["processes"][0];
    assert_eq!(process["dropped"], json!([]));
    assert_eq!(
        process["unchanged"],
        json!([
            {"field": "bk_func_name", "pointer": "/processes/0/bk_func_name", "reason": "locked_unchanged"},
            {"field": "proc_num", "pointer": "/processes/0/proc_num", "reason": "locked_unchanged"}
        ])
    );
    let human = run(&[
        "preview",
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        edit,
    ]);
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("nothing of the edit is dropped"), "{text}");
    assert!(
        text.contains("unchanged (not applied, but stored as sent):\n    bk_func_name at /processes/0/bk_func_name: the template locks this field, and the edit sends the template's value: nothing changes"),
        "{text}"
    );
    // The same payload linted with the template: no locked-field-edit finding.
    let lint = run(&[
        "--template",
        TEMPLATE,
        "--host",
        "host.json",
        "--format",
        "json",
        edit,
    ]);
    let report = json_of(&lint);
    let rules: Vec<&Value> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| &finding["rule"])
        .collect();
    assert!(!rules.contains(&&json!("locked-field-edit")), "{report:#}");
}
