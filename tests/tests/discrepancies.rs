//! The doc discrepancies of `fixtures/upstream` (INDEX.md's D and S entries),
//! for the seed endpoints and the nine others, each pinned to what the server
//! does.
#![allow(clippy::unwrap_used)] // Tests fail loudly by design.

use cc_model::endpoints::{BatchCreateProcTemplateResponse, TemplateIds};
use cc_validate::{Diagnostic, Endpoint, PayloadKind, check};
use serde_json::Value;
use std::collections::BTreeSet;
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

/// Every finding but `raw-process-edit`'s note that an edit's write is not
/// known without `--raw` or `--template` (tested in cc-validate's
/// `server_verdicts.rs`): these payloads are about other rules.
fn lint(endpoint: Endpoint, kind: PayloadKind, bytes: &[u8]) -> Vec<(String, String, String)> {
    check(endpoint, kind, bytes)
        .unwrap()
        .iter()
        .filter(|finding| finding.rule.id() != "raw-process-edit")
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

/// D3: ten response examples are not JSON (a trailing comma before the closing
/// `}`): `delete_proc_template` apigw-en/zh, `list_proc_template` and
/// `list_process_detail_by_ids` in all four variants. Each gives exactly one
/// `json-syntax` error, at the line and column INDEX.md gives (Python's `json`,
/// the `}` after the comma), and `index.json` marks exactly these ten invalid.
#[test]
fn d3_trailing_commas_are_one_syntax_error_each() {
    const BROKEN: [(&str, Endpoint, usize); 10] = [
        (
            "delete_proc_template/apigw-en.response.json",
            Endpoint::DeleteProcTemplate,
            7,
        ),
        (
            "delete_proc_template/apigw-zh.response.json",
            Endpoint::DeleteProcTemplate,
            7,
        ),
        (
            "list_proc_template/cc-en.response.json",
            Endpoint::ListProcTemplate,
            117,
        ),
        (
            "list_proc_template/cc-zh_hans.response.json",
            Endpoint::ListProcTemplate,
            117,
        ),
        (
            "list_proc_template/apigw-en.response.json",
            Endpoint::ListProcTemplate,
            116,
        ),
        (
            "list_proc_template/apigw-zh.response.json",
            Endpoint::ListProcTemplate,
            116,
        ),
        (
            "list_process_detail_by_ids/cc-en.response.json",
            Endpoint::ListProcessDetailByIds,
            47,
        ),
        (
            "list_process_detail_by_ids/cc-zh_hans.response.json",
            Endpoint::ListProcessDetailByIds,
            47,
        ),
        (
            "list_process_detail_by_ids/apigw-en.response.json",
            Endpoint::ListProcessDetailByIds,
            46,
        ),
        (
            "list_process_detail_by_ids/apigw-zh.response.json",
            Endpoint::ListProcessDetailByIds,
            46,
        ),
    ];
    for (file, endpoint, line) in BROKEN {
        let bytes = fixture(file);
        assert_eq!(
            lint(endpoint, PayloadKind::Response, &bytes),
            [triple("error", "json-syntax", "")],
            "{file}"
        );
        let found = check(endpoint, PayloadKind::Response, &bytes).unwrap();
        let location = found[0].location.unwrap();
        assert_eq!((location.line, location.column), (line, 1), "{file}");
        assert_eq!(bytes[location.offset], b'}', "{file}");
    }
    let index: Value = serde_json::from_slice(&fixture("index.json")).unwrap();
    let invalid: BTreeSet<&str> = index
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["valid_json"] == Value::Bool(false))
        .map(|entry| entry["file"].as_str().unwrap())
        .collect();
    let listed: BTreeSet<&str> = BROKEN.iter().map(|(file, _, _)| *file).collect();
    assert_eq!(invalid, listed);
    for entry in index.as_array().unwrap() {
        let Some((file, _, line)) = BROKEN.iter().find(|(file, _, _)| entry["file"] == *file)
        else {
            continue;
        };
        let error = entry["parse_error"].as_str().unwrap();
        assert!(
            error.contains(&format!("line {line} column 1 ")),
            "{file}: {error}"
        );
    }
}

/// D6: only apigw-zh's table lists `bk_biz_id` for `update_proc_template`, but
/// every example sends it and the server needs it: without it, an error. The
/// example of that variant has no error (only the D4 legacy fields and the S6
/// ignored `bk_func_name`).
#[test]
fn d6_update_proc_template_needs_bk_biz_id() {
    const UPDATE_TEMPLATE: Endpoint = Endpoint::UpdateProcTemplate;
    let without = br#"{"process_template_id": 50, "process_property": {"user": {"value": "root", "as_default_value": false}}}"#;
    assert_eq!(
        lint(UPDATE_TEMPLATE, PayloadKind::Request, without),
        [triple("error", "schema", "")]
    );
    let with = br#"{"bk_biz_id": 1, "process_template_id": 50, "process_property": {"user": {"value": "root", "as_default_value": false}}}"#;
    assert!(lint(UPDATE_TEMPLATE, PayloadKind::Request, with).is_empty());
    assert_eq!(
        lint(
            UPDATE_TEMPLATE,
            PayloadKind::Request,
            &fixture("update_proc_template/apigw-zh.request.json")
        ),
        [
            triple("warning", "ignored-field", "/process_property/bk_func_name"),
            triple("warning", "legacy-field", "/process_property/auto_time_gap"),
            triple("warning", "legacy-field", "/process_property/bk_func_id"),
        ]
    );
}

/// D7, S7: the docs say the template id goes in the URL, yet every example and
/// the table put `process_template_id` in the body. The server reads the id from
/// the path and decodes the body only for `bk_biz_id`: a body with the id is
/// accepted, and so is one without it.
#[test]
fn d7_s7_get_proc_template_id_in_the_body_is_optional() {
    const GET_TEMPLATE: Endpoint = Endpoint::GetProcTemplate;
    for file in [
        "get_proc_template/cc-en.request.json",
        "get_proc_template/cc-zh_hans.request.json",
        "get_proc_template/apigw-en.request.json",
        "get_proc_template/apigw-zh.request.json",
    ] {
        let bytes = fixture(file);
        assert!(
            String::from_utf8(bytes.clone())
                .unwrap()
                .contains("\"process_template_id\""),
            "{file}"
        );
        assert!(
            lint(GET_TEMPLATE, PayloadKind::Request, &bytes).is_empty(),
            "{file}"
        );
    }
    assert!(lint(GET_TEMPLATE, PayloadKind::Request, br#"{"bk_biz_id": 1}"#).is_empty());
}

/// D9, S5: no `create_process_instance` table lists the top-level `bk_biz_id`,
/// but the server rejects one that differs from the service instance's business,
/// so a missing one is an error; it also rejects an empty `processes` ("not set
/// processes"); and it overwrites `process_info.bk_process_id` and
/// `process_info.bk_biz_id` (the example's `2` against the top-level `1`), so
/// those are `ignored-field` warnings.
#[test]
fn d9_s5_create_process_instance() {
    const CREATE_INSTANCE: Endpoint = Endpoint::CreateProcessInstance;
    let without_biz = br#"{"service_instance_id": 48, "processes": [{"process_info": {"bk_process_name": "p2", "bk_func_name": "p2"}}]}"#;
    assert_eq!(
        lint(CREATE_INSTANCE, PayloadKind::Request, without_biz),
        [triple("error", "schema", "")]
    );
    let empty = br#"{"bk_biz_id": 1, "service_instance_id": 48, "processes": []}"#;
    assert_eq!(
        lint(CREATE_INSTANCE, PayloadKind::Request, empty),
        [triple("error", "schema", "/processes")]
    );
    let with_id = br#"{"bk_biz_id": 1, "service_instance_id": 48, "processes": [{"process_info": {"bk_process_name": "p2", "bk_func_name": "p2", "bk_process_id": 1}}]}"#;
    assert_eq!(
        lint(CREATE_INSTANCE, PayloadKind::Request, with_id),
        [triple(
            "warning",
            "ignored-field",
            "/processes/0/process_info/bk_process_id"
        )]
    );
    assert_eq!(
        lint(
            CREATE_INSTANCE,
            PayloadKind::Request,
            &fixture("create_process_instance/apigw-en.request.json")
        ),
        [
            triple(
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_biz_id"
            ),
            triple(
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_process_id"
            ),
        ]
    );
    assert_eq!(
        lint(
            CREATE_INSTANCE,
            PayloadKind::Request,
            &fixture("create_process_instance/cc-en.request.json")
        ),
        [
            triple(
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_supplier_account"
            ),
            triple(
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_biz_id"
            ),
            triple(
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_process_id"
            ),
        ]
    );
}

/// D11: the tables type `process_instance_ids` as `int`, the examples (and the
/// server, which decodes a `[]int64`) use an array. A list is valid; an int, as
/// the table says, is an error.
#[test]
fn d11_process_instance_ids_is_a_list() {
    const DELETE_INSTANCE: Endpoint = Endpoint::DeleteProcessInstance;
    for file in [
        "delete_process_instance/cc-en.request.json",
        "delete_process_instance/apigw-en.request.json",
        "delete_process_instance/apitest-nst-delete-process-instance.request.json",
    ] {
        assert!(
            lint(DELETE_INSTANCE, PayloadKind::Request, &fixture(file)).is_empty(),
            "{file}"
        );
    }
    assert_eq!(
        lint(
            DELETE_INSTANCE,
            PayloadKind::Request,
            br#"{"bk_biz_id": 1, "process_instance_ids": 54}"#
        ),
        [triple("error", "schema", "/process_instance_ids")]
    );
}

/// D13: `bk_biz_id` of `list_process_detail_by_ids` is a URL path parameter; the
/// doc examples also send it in the body, the accepted API-test body does not.
/// Both are valid.
#[test]
fn d13_list_process_detail_by_ids_without_bk_biz_id() {
    const DETAIL: Endpoint = Endpoint::ListProcessDetailByIds;
    let apitest =
        fixture("list_process_detail_by_ids/apitest-nst-list-process-detail-by-ids.request.json");
    let body: Value = serde_json::from_slice(&apitest).unwrap();
    assert!(body.get("bk_biz_id").is_none());
    assert!(lint(DETAIL, PayloadKind::Request, &apitest).is_empty());
    assert!(lint(DETAIL, PayloadKind::Request, br#"{"bk_process_ids": [43]}"#).is_empty());
    for file in [
        "list_process_detail_by_ids/cc-en.request.json",
        "list_process_detail_by_ids/apigw-en.request.json",
    ] {
        assert!(
            lint(DETAIL, PayloadKind::Request, &fixture(file)).is_empty(),
            "{file}"
        );
    }
}

/// D14, S3: every `list_process_related_info` example sends a `process` filter
/// (`bk_process_names`, `bk_process_ids`) that the server dropped in 2021 and
/// now ignores: an `unknown-field` warning, not an error. The API-test body,
/// which has no `process`, is clean.
#[test]
fn d14_s3_the_documented_process_filter_is_ignored() {
    const RELATED: Endpoint = Endpoint::ListProcessRelatedInfo;
    for file in [
        "list_process_related_info/cc-en.request.json",
        "list_process_related_info/cc-zh_hans.request.json",
        "list_process_related_info/apigw-backend-en.request.json",
        "list_process_related_info/apigw-backend-zh.request.json",
    ] {
        assert_eq!(
            lint(RELATED, PayloadKind::Request, &fixture(file)),
            [triple("warning", "unknown-field", "/process")],
            "{file}"
        );
    }
    assert!(
        lint(
            RELATED,
            PayloadKind::Request,
            &fixture(
                "list_process_related_info/apitest-nst-list-process-related-info.request.json"
            )
        )
        .is_empty()
    );
}

/// S6: `update_proc_template` ignores `bk_func_name` entirely and forces
/// `as_default_value: true` on `bk_process_name`; the accepted API-test body asks
/// for both changes and the test asserts neither happens. Both are
/// `ignored-field` warnings (one for `bk_func_name` as a whole, its own
/// `as_default_value: false` included).
#[test]
fn s6_update_proc_template_ignores_the_name_fields() {
    const UPDATE_TEMPLATE: Endpoint = Endpoint::UpdateProcTemplate;
    assert_eq!(
        lint(
            UPDATE_TEMPLATE,
            PayloadKind::Request,
            &fixture("update_proc_template/apitest-st-update-proc-template.request.json")
        ),
        [
            triple("warning", "ignored-field", "/process_property/bk_func_name"),
            triple(
                "warning",
                "ignored-field",
                "/process_property/bk_process_name/as_default_value"
            ),
        ]
    );
    let locked = br#"{"bk_biz_id": 1, "process_template_id": 50, "process_property": {"bk_process_name": {"value": "p2", "as_default_value": true}}}"#;
    assert!(lint(UPDATE_TEMPLATE, PayloadKind::Request, locked).is_empty());
}
