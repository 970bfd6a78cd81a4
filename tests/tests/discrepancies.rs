//! The doc discrepancies of `fixtures/upstream` (INDEX.md's D and S entries) that
//! concern the seed endpoints, each pinned to what the server does.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_model::endpoints::{BatchCreateProcTemplateResponse, TemplateIds};
use cc_validate::{Diagnostic, Endpoint, PayloadKind, check};
use std::path::Path;

const CREATE: Endpoint = Endpoint::BatchCreateProcTemplate;
const UPDATE: Endpoint = Endpoint::UpdateProcessInstance;

fn fixture(file: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/upstream")
            .join(file),
    )
    .unwrap()
}

fn lint(endpoint: Endpoint, kind: PayloadKind, bytes: &[u8]) -> Vec<(String, String, String)> {
    check(endpoint, kind, bytes)
        .unwrap()
        .iter()
        .map(|finding: &Diagnostic| {
            (
                finding.severity.name().to_owned(),
                finding.rule.id().to_owned(),
                finding.pointer.clone(),
            )
        })
        .collect()
}

fn triple(severity: &str, rule: &str, pointer: &str) -> (String, String, String) {
    (severity.to_owned(), rule.to_owned(), pointer.to_owned())
}

/// D1, S1: the seed's nested `[[52]]` and the server's flat `[52]` both lint
/// clean and mean the same ids.
#[test]
fn d1_nested_and_flat_template_ids() {
    for file in [
        "batch_create_proc_template/seed.response.json",
        "batch_create_proc_template/cc-en.response.json",
    ] {
        let bytes = fixture(file);
        assert!(
            lint(CREATE, PayloadKind::Response, &bytes).is_empty(),
            "{file}"
        );
        let response: BatchCreateProcTemplateResponse = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            response.data.value(),
            Some(&TemplateIds(vec![52])),
            "{file}"
        );
    }
}

/// D2: the API gateway's responses drop `request_id`; both forms are valid.
#[test]
fn d2_request_id_is_optional_in_responses() {
    for file in [
        "update_process_instance/apigw-en.response.json",
        "update_process_instance/cc-en.response.json",
    ] {
        assert!(
            lint(UPDATE, PayloadKind::Response, &fixture(file)).is_empty(),
            "{file}"
        );
    }
    let text = fixture("update_process_instance/apigw-en.response.json");
    assert!(!String::from_utf8(text).unwrap().contains("request_id"));
}

/// D4, S2: `auto_time_gap` and `bk_func_id` were removed in 3.9; the examples that
/// still send them are accepted, with a legacy-field warning for each.
#[test]
fn d4_legacy_fields_are_warnings_not_errors() {
    assert_eq!(
        lint(
            UPDATE,
            PayloadKind::Request,
            &fixture("update_process_instance/seed.request.json")
        ),
        [
            triple("warning", "legacy-field", "/processes/0/auto_time_gap"),
            triple("warning", "legacy-field", "/processes/0/bk_func_id"),
        ]
    );
    assert_eq!(
        lint(
            CREATE,
            PayloadKind::Request,
            &fixture("batch_create_proc_template/seed.request.json")
        ),
        [
            triple("warning", "legacy-field", "/processes/0/spec/auto_time_gap"),
            triple("warning", "legacy-field", "/processes/0/spec/bk_func_id"),
        ]
    );
}

/// D5: the docs' table describes flat typed process fields; the server (and the
/// example) wants them wrapped inside `spec`. The table's form is rejected, and
/// the table's instance-only fields are unknown inside a spec.
#[test]
fn d5_the_table_form_of_batch_create_is_wrong() {
    let flat = br#"{"bk_biz_id": 1, "service_template_id": 1, "processes": [{"bk_process_name": "p1", "proc_num": 1}]}"#;
    let found = lint(CREATE, PayloadKind::Request, flat);
    assert!(
        found.contains(&triple("error", "schema", "/processes/0")),
        "{found:?}"
    );
    let in_spec = br#"{"bk_biz_id": 1, "service_template_id": 1, "processes": [{"spec": {
        "bk_process_name": {"value": "p1", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true},
        "bk_process_id": {"value": 1, "as_default_value": false}}}]}"#;
    assert_eq!(
        lint(CREATE, PayloadKind::Request, in_spec),
        [triple(
            "warning",
            "unknown-field",
            "/processes/0/spec/bk_process_id"
        )]
    );
}

/// D10: the `update_process_instance` table lists `process_template_id` (a legacy
/// field the server ignores) and `process_info` (not a field of a process at
/// all: ignored), and neither is in the example.
#[test]
fn d10_table_only_fields_of_update_process_instance() {
    let text = br#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "process_template_id": 50, "process_info": {}}]}"#;
    assert_eq!(
        lint(UPDATE, PayloadKind::Request, text),
        [
            triple(
                "warning",
                "legacy-field",
                "/processes/0/process_template_id"
            ),
            triple("warning", "unknown-field", "/processes/0/process_info"),
        ]
    );
}

/// D15: the ESB examples carry the auth fields in the body, the gateway's do not;
/// both are accepted, and placeholder credentials are not reported.
#[test]
fn d15_credentials_in_the_body_are_optional() {
    assert_eq!(
        lint(
            UPDATE,
            PayloadKind::Request,
            &fixture("update_process_instance/apigw-en.request.json")
        )
        .len(),
        2
    );
    let esb = lint(
        UPDATE,
        PayloadKind::Request,
        &fixture("update_process_instance/cc-en.request.json"),
    );
    assert!(
        esb.iter()
            .all(|(severity, rule, _)| severity == "warning" && rule == "legacy-field"),
        "{esb:?}"
    );
}

/// S1, S5: an empty `processes` list succeeds and does nothing, for both
/// endpoints although the docs mark it required: a warning, not an error.
#[test]
fn s1_s5_empty_batches_are_warnings() {
    assert_eq!(
        lint(
            CREATE,
            PayloadKind::Request,
            br#"{"bk_biz_id": 1, "service_template_id": 51, "processes": []}"#
        ),
        [triple("warning", "empty-batch", "/processes")]
    );
    assert_eq!(
        lint(
            UPDATE,
            PayloadKind::Request,
            br#"{"bk_biz_id": 1, "processes": []}"#
        ),
        [triple("warning", "empty-batch", "/processes")]
    );
}

/// S6: creating a template rejects string values with surrounding whitespace,
/// which no doc mentions.
#[test]
fn s6_whitespace_is_rejected_on_create() {
    let text = br#"{"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": {
        "bk_process_name": {"value": "p1 ", "as_default_value": true},
        "bk_func_name": {"value": "p1", "as_default_value": true}}}]}"#;
    assert_eq!(
        lint(CREATE, PayloadKind::Request, text),
        [triple(
            "error",
            "surrounding-whitespace",
            "/processes/0/spec/bk_process_name/value"
        )]
    );
}

/// S8: the accepted API-test body sends `bk_enable_port`, which the server no
/// longer knows and ignores: a warning, and no error.
#[test]
fn s8_unknown_keys_are_ignored_by_the_server() {
    assert_eq!(
        lint(
            CREATE,
            PayloadKind::Request,
            &fixture("batch_create_proc_template/apitest-st-create-proc-template.request.json")
        ),
        [triple(
            "warning",
            "unknown-field",
            "/processes/0/spec/bk_enable_port"
        )]
    );
}

/// S9: create and update batches take at most 100 processes.
#[test]
fn s9_batches_are_capped_at_100() {
    let entries: Vec<String> = (1..=101)
        .map(|id| format!("{{\"bk_process_id\": {id}}}"))
        .collect();
    let over = format!(
        "{{\"bk_biz_id\": 1, \"processes\": [{}]}}",
        entries.join(",")
    );
    assert_eq!(
        lint(UPDATE, PayloadKind::Request, over.as_bytes()),
        [triple("error", "too-many-items", "/processes")]
    );
    let at = format!(
        "{{\"bk_biz_id\": 1, \"processes\": [{}]}}",
        entries[..100].join(",")
    );
    assert!(lint(UPDATE, PayloadKind::Request, at.as_bytes()).is_empty());
}
