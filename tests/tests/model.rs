//! The typed models and the validator against real payloads: the seed API
//! documents' examples (`fixtures/seed/`) and the upstream conformance corpus
//! (`fixtures/upstream/`, described by its `index.json`).
//!
//! Every file read here lives inside the repository, under `tests/fixtures/`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read or parse its own fixture should fail loudly"
)]

use cc_model::endpoints::{
    BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse, TemplateIds,
    UpdateProcessInstanceRequest, UpdateProcessInstanceResponse,
};
use cc_model::{Patch, Property};
use cc_validate::{Diagnostic, Endpoint, PayloadKind};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;

const SEED_CREATE_REQUEST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/batch_create_proc_template.request.json"
));
const SEED_CREATE_RESPONSE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/batch_create_proc_template.response.json"
));
const SEED_UPDATE_REQUEST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/update_process_instance.request.json"
));
const SEED_UPDATE_RESPONSE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/seed/update_process_instance.response.json"
));
/// The current docs' `batch_create_proc_template` response: a flat id list.
const UPSTREAM_CREATE_RESPONSE_FLAT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/upstream/batch_create_proc_template/cc-en.response.json"
));

/// Deserialises `text` into `T`, writes it back, and checks that the written
/// value equals the parsed original: no key lost, none added, nulls kept.
fn assert_exact_round_trip<T: DeserializeOwned + Serialize>(name: &str, text: &str) -> T {
    let original: Value = serde_json::from_str(text).unwrap();
    let typed: T = serde_json::from_str(text)
        .unwrap_or_else(|error| panic!("{name}: does not deserialise: {error}"));
    let written = serde_json::to_value(&typed).unwrap();
    assert_eq!(written, original, "{name}: round trip changed the payload");
    typed
}

#[test]
fn seed_batch_create_request_round_trips_exactly() {
    let request: BatchCreateProcTemplateRequest =
        assert_exact_round_trip("seed batch_create request", SEED_CREATE_REQUEST);
    assert_eq!(request.bk_biz_id, 1);
    assert_eq!(request.service_template_id, Patch::Set(1));
    assert_eq!(request.auth.bk_app_code, Patch::Set("esb_test".to_owned()));
    assert_eq!(request.processes.len(), 1);
    let spec = &request.processes[0].spec;
    assert_eq!(
        spec.bk_process_name,
        Property::new(Some("p1".to_owned()), true)
    );
    assert_eq!(
        spec.bk_func_name,
        Property::new(Some("p1".to_owned()), true)
    );
    // `"value": null` stays a present wrapper with no value.
    assert_eq!(spec.proc_num, Some(Property::new(None, false)));
    let bind_info = spec.bind_info.as_ref().unwrap();
    assert!(bind_info.is_locked());
    let rows = bind_info.value.as_ref().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].row_id, Patch::Set(1));
}

#[test]
fn seed_update_request_round_trips_exactly() {
    let request: UpdateProcessInstanceRequest =
        assert_exact_round_trip("seed update request", SEED_UPDATE_REQUEST);
    assert_eq!(request.bk_biz_id, 1);
    assert_eq!(request.processes.len(), 1);
    let process = &request.processes[0];
    assert_eq!(process.bk_process_id, Patch::Set(43));
    assert_eq!(process.bk_biz_id, Patch::Set(2));
    assert_eq!(process.user, Patch::Set(String::new()));
    // Keys the seed does not send stay absent.
    assert_eq!(process.bk_start_check_secs, Patch::Absent);
    let rows = process.bind_info.value().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].template_row_id, Patch::Set(1));
}

#[test]
fn seed_batch_create_response_normalises_nested_ids() {
    let response: BatchCreateProcTemplateResponse =
        serde_json::from_str(SEED_CREATE_RESPONSE).unwrap();
    assert!(response.result);
    assert_eq!(response.code, 0);
    assert_eq!(response.permission, Patch::Null);
    assert_eq!(response.data, Patch::Set(TemplateIds(vec![52])));

    // Written back, the seed's `[[52]]` becomes the flat list the server sends;
    // everything else is unchanged.
    let mut expected: Value = serde_json::from_str(SEED_CREATE_RESPONSE).unwrap();
    assert_eq!(expected["data"], json!([[52]]));
    expected["data"] = json!([52]);
    assert_eq!(serde_json::to_value(&response).unwrap(), expected);

    // The current docs' flat `[52]` parses to the same ids.
    let flat: BatchCreateProcTemplateResponse =
        assert_exact_round_trip("upstream flat response", UPSTREAM_CREATE_RESPONSE_FLAT);
    assert_eq!(flat.data, response.data);
}

#[test]
fn seed_update_response_round_trips_exactly() {
    let response: UpdateProcessInstanceResponse =
        assert_exact_round_trip("seed update response", SEED_UPDATE_RESPONSE);
    assert!(response.result);
    assert_eq!(response.data, Patch::Set(vec![43]));
    assert_eq!(
        response.request_id,
        Patch::Set("e43da4ef221746868dc4c837d36f3807".to_owned())
    );
}

#[test]
fn patch_keeps_absent_null_and_set_apart() {
    let text = r#"{
  "bk_biz_id": 1,
  "processes": [
    {
      "bk_process_id": 43,
      "user": null,
      "work_path": "/data/app"
    }
  ]
}"#;
    let findings = cc_validate::check(
        Endpoint::UpdateProcessInstance,
        PayloadKind::Request,
        text.as_bytes(),
    )
    .unwrap();
    // Only raw-process-edit's note: a whole write would clear what is omitted.
    let rules: Vec<&str> = findings.iter().map(|finding| finding.rule.id()).collect();
    assert_eq!(rules, ["raw-process-edit"], "{findings:#?}");

    let request: UpdateProcessInstanceRequest = assert_exact_round_trip("patch states", text);
    let process = &request.processes[0];
    assert_eq!(process.user, Patch::Null);
    assert_eq!(process.pid_file, Patch::Absent);
    assert_eq!(process.work_path, Patch::Set("/data/app".to_owned()));

    let written = serde_json::to_value(&request).unwrap();
    let entry = written["processes"][0].as_object().unwrap();
    assert_eq!(entry.get("user"), Some(&Value::Null));
    assert!(!entry.contains_key("pid_file"));
}

// ---------------------------------------------------------------------------
// The upstream conformance corpus.
// ---------------------------------------------------------------------------

use cc_tests::upstream::{IndexEntry, findings};

fn upstream_dir() -> PathBuf {
    cc_tests::upstream::dir("upstream")
}

fn index() -> Vec<IndexEntry> {
    cc_tests::upstream::index("upstream")
}

fn check(entry: &IndexEntry) -> Vec<Diagnostic> {
    entry.check()
}

/// Every finding `(severity, rule id, pointer)` for every fixture of the index
/// with `valid_json: true`, each row read against `docs/cmdb-process-semantics.md`
/// and the fixture's index note. Documented and accepted payloads have no error:
/// their legacy fields (INDEX.md D4, S2), the unknown `bk_enable_port` (S8) and
/// the documented `process` filter of `list_process_related_info` (S3) are
/// warnings, and so are the fields the server ignores or overwrites (S5, S6),
/// because the server accepts such payloads.
/// `(severity, rule id, pointer)`.
type Finding = (&'static str, &'static str, &'static str);

const EXPECTED_FINDINGS: &[(&str, &[Finding])] = &[
    (
        "batch_create_proc_template/cc-en.request.json",
        &[("warning", "legacy-field", "/processes/0/spec/bk_func_id")],
    ),
    ("batch_create_proc_template/cc-en.response.json", &[]),
    (
        "batch_create_proc_template/cc-zh_hans.request.json",
        &[("warning", "legacy-field", "/processes/0/spec/bk_func_id")],
    ),
    ("batch_create_proc_template/cc-zh_hans.response.json", &[]),
    (
        "batch_create_proc_template/apigw-en.request.json",
        &[("warning", "legacy-field", "/processes/0/spec/bk_func_id")],
    ),
    ("batch_create_proc_template/apigw-en.response.json", &[]),
    (
        "batch_create_proc_template/apigw-zh.request.json",
        &[("warning", "legacy-field", "/processes/0/spec/bk_func_id")],
    ),
    ("batch_create_proc_template/apigw-zh.response.json", &[]),
    (
        "batch_create_proc_template/seed.request.json",
        &[
            ("warning", "legacy-field", "/processes/0/spec/auto_time_gap"),
            ("warning", "legacy-field", "/processes/0/spec/bk_func_id"),
        ],
    ),
    ("batch_create_proc_template/seed.response.json", &[]),
    // accepted by the server.
    (
        "batch_create_proc_template/apitest-st-create-proc-template.request.json",
        &[(
            "warning",
            "unknown-field",
            "/processes/0/spec/bk_enable_port",
        )],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "batch_create_proc_template/apitest-st-create-proc-template-same-name.request.json",
        &[],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "batch_create_proc_template/apitest-st-create-proc-template-same-funcname-regex.request.json",
        &[],
    ),
    // rejected by the server for what the payload shows.
    (
        "batch_create_proc_template/apitest-st-create-proc-template-empty-name.request.json",
        &[
            ("error", "schema", "/processes/0/spec/bk_func_name/value"),
            ("error", "schema", "/processes/0/spec/bk_process_name/value"),
        ],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "batch_create_proc_template/apitest-st-create-proc-template-invalid-service-template.request.json",
        &[],
    ),
    (
        "update_proc_template/cc-en.request.json",
        &[
            ("warning", "ignored-field", "/process_property/bk_func_name"),
            ("warning", "legacy-field", "/process_property/auto_time_gap"),
            ("warning", "legacy-field", "/process_property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/cc-en.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/cc-zh_hans.request.json",
        &[
            ("warning", "ignored-field", "/process_property/bk_func_name"),
            ("warning", "legacy-field", "/process_property/auto_time_gap"),
            ("warning", "legacy-field", "/process_property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/cc-zh_hans.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/apigw-en.request.json",
        &[
            ("warning", "ignored-field", "/process_property/bk_func_name"),
            ("warning", "legacy-field", "/process_property/auto_time_gap"),
            ("warning", "legacy-field", "/process_property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/apigw-en.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/apigw-zh.request.json",
        &[
            ("warning", "ignored-field", "/process_property/bk_func_name"),
            ("warning", "legacy-field", "/process_property/auto_time_gap"),
            ("warning", "legacy-field", "/process_property/bk_func_id"),
        ],
    ),
    (
        "update_proc_template/apigw-zh.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    // accepted by the server.
    (
        "update_proc_template/apitest-st-update-proc-template.request.json",
        &[
            ("warning", "ignored-field", "/process_property/bk_func_name"),
            (
                "warning",
                "ignored-field",
                "/process_property/bk_process_name/as_default_value",
            ),
        ],
    ),
    ("delete_proc_template/cc-en.request.json", &[]),
    ("delete_proc_template/cc-en.response.json", &[]),
    ("delete_proc_template/cc-zh_hans.request.json", &[]),
    ("delete_proc_template/cc-zh_hans.response.json", &[]),
    ("delete_proc_template/apigw-en.request.json", &[]),
    ("delete_proc_template/apigw-zh.request.json", &[]),
    // accepted by the server.
    (
        "delete_proc_template/apitest-st-delete-proc-template.request.json",
        &[],
    ),
    ("get_proc_template/cc-en.request.json", &[]),
    (
        "get_proc_template/cc-en.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    ("get_proc_template/cc-zh_hans.request.json", &[]),
    (
        "get_proc_template/cc-zh_hans.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    ("get_proc_template/apigw-en.request.json", &[]),
    (
        "get_proc_template/apigw-en.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    ("get_proc_template/apigw-zh.request.json", &[]),
    (
        "get_proc_template/apigw-zh.response.json",
        &[
            ("warning", "legacy-field", "/data/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/property/bk_func_id"),
        ],
    ),
    ("list_proc_template/cc-en.request.json", &[]),
    ("list_proc_template/cc-zh_hans.request.json", &[]),
    ("list_proc_template/apigw-en.request.json", &[]),
    ("list_proc_template/apigw-zh.request.json", &[]),
    // accepted by the server.
    (
        "list_proc_template/apitest-st-list-proc-template-by-service-template.request.json",
        &[],
    ),
    (
        "create_process_instance/cc-en.request.json",
        &[
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_supplier_account",
            ),
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_biz_id",
            ),
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_process_id",
            ),
        ],
    ),
    ("create_process_instance/cc-en.response.json", &[]),
    (
        "create_process_instance/cc-zh_hans.request.json",
        &[
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_supplier_account",
            ),
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_biz_id",
            ),
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_process_id",
            ),
        ],
    ),
    ("create_process_instance/cc-zh_hans.response.json", &[]),
    (
        "create_process_instance/apigw-en.request.json",
        &[
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_biz_id",
            ),
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_process_id",
            ),
        ],
    ),
    ("create_process_instance/apigw-en.response.json", &[]),
    (
        "create_process_instance/apigw-zh.request.json",
        &[
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_biz_id",
            ),
            (
                "warning",
                "ignored-field",
                "/processes/0/process_info/bk_process_id",
            ),
        ],
    ),
    ("create_process_instance/apigw-zh.response.json", &[]),
    // rejected by the server only for server state the payload cannot show.
    (
        "create_process_instance/apitest-st-create-process-instance-on-template-service-instance.request.json",
        &[],
    ),
    // accepted by the server.
    (
        "create_process_instance/apitest-nst-create-process-instance.request.json",
        &[],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "create_process_instance/apitest-nst-create-process-instance-same-name.request.json",
        &[],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "create_process_instance/apitest-nst-create-process-instance-same-funcname-regex.request.json",
        &[],
    ),
    // rejected by the server for what the payload shows.
    // The name is checked by the instance attribute definitions (required,
    // trimmed), and `bk_func_name` is required there too (semantics sections 7
    // and 8): both are instance-attribute's, no longer the schema's.
    (
        "create_process_instance/apitest-nst-create-process-instance-empty-name.request.json",
        &[
            ("error", "instance-attribute", "/processes/0/process_info"),
            (
                "error",
                "instance-attribute",
                "/processes/0/process_info/bk_process_name",
            ),
        ],
    ),
    (
        "update_process_instance/cc-en.request.json",
        &[
            // Not known whether the server writes the entry whole.
            ("warning", "raw-process-edit", "/processes/0"),
            ("warning", "legacy-field", "/processes/0/auto_time_gap"),
            ("warning", "legacy-field", "/processes/0/bk_func_id"),
        ],
    ),
    ("update_process_instance/cc-en.response.json", &[]),
    (
        "update_process_instance/cc-zh_hans.request.json",
        &[
            // Not known whether the server writes the entry whole.
            ("warning", "raw-process-edit", "/processes/0"),
            ("warning", "legacy-field", "/processes/0/auto_time_gap"),
            ("warning", "legacy-field", "/processes/0/bk_func_id"),
        ],
    ),
    ("update_process_instance/cc-zh_hans.response.json", &[]),
    (
        "update_process_instance/apigw-en.request.json",
        &[
            ("warning", "raw-process-edit", "/processes/0"),
            ("warning", "legacy-field", "/processes/0/auto_time_gap"),
            ("warning", "legacy-field", "/processes/0/bk_func_id"),
        ],
    ),
    ("update_process_instance/apigw-en.response.json", &[]),
    (
        "update_process_instance/apigw-zh.request.json",
        &[
            ("warning", "raw-process-edit", "/processes/0"),
            ("warning", "legacy-field", "/processes/0/auto_time_gap"),
            ("warning", "legacy-field", "/processes/0/bk_func_id"),
        ],
    ),
    ("update_process_instance/apigw-zh.response.json", &[]),
    (
        "update_process_instance/seed.request.json",
        &[
            ("warning", "raw-process-edit", "/processes/0"),
            ("warning", "legacy-field", "/processes/0/auto_time_gap"),
            ("warning", "legacy-field", "/processes/0/bk_func_id"),
        ],
    ),
    ("update_process_instance/seed.response.json", &[]),
    // accepted by the server.
    (
        "update_process_instance/apitest-st-update-process-instance.request.json",
        &[("warning", "raw-process-edit", "/processes/0")],
    ),
    // accepted by the server.
    (
        "update_process_instance/apitest-st-update-process-instance-after-template-sync.request.json",
        &[("warning", "raw-process-edit", "/processes/0")],
    ),
    // accepted by the server.
    (
        "update_process_instance/apitest-nst-update-process-instance-with-bind-info.request.json",
        &[("warning", "raw-process-edit", "/processes/0")],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "update_process_instance/apitest-nst-update-process-instance-same-name.request.json",
        &[("warning", "raw-process-edit", "/processes/0")],
    ),
    // rejected by the server only for server state the payload cannot show.
    (
        "update_process_instance/apitest-nst-update-process-instance-same-funcname-regex.request.json",
        &[("warning", "raw-process-edit", "/processes/0")],
    ),
    // rejected by the server for what the payload shows.
    (
        "update_process_instance/apitest-nst-update-process-instance-empty-name.request.json",
        &[(
            "error",
            "instance-attribute",
            "/processes/0/bk_process_name",
        )],
    ),
    ("delete_process_instance/cc-en.request.json", &[]),
    ("delete_process_instance/cc-en.response.json", &[]),
    ("delete_process_instance/cc-zh_hans.request.json", &[]),
    ("delete_process_instance/cc-zh_hans.response.json", &[]),
    ("delete_process_instance/apigw-en.request.json", &[]),
    ("delete_process_instance/apigw-en.response.json", &[]),
    ("delete_process_instance/apigw-zh.request.json", &[]),
    ("delete_process_instance/apigw-zh.response.json", &[]),
    // rejected by the server only for server state the payload cannot show.
    (
        "delete_process_instance/apitest-st-delete-template-process-instance.request.json",
        &[],
    ),
    // accepted by the server.
    (
        "delete_process_instance/apitest-nst-delete-process-instance.request.json",
        &[],
    ),
    ("list_process_instance/cc-en.request.json", &[]),
    (
        "list_process_instance/cc-en.response.json",
        &[
            ("warning", "legacy-field", "/data/0/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/0/property/bk_func_id"),
        ],
    ),
    ("list_process_instance/cc-zh_hans.request.json", &[]),
    (
        "list_process_instance/cc-zh_hans.response.json",
        &[
            ("warning", "legacy-field", "/data/0/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/0/property/bk_func_id"),
        ],
    ),
    ("list_process_instance/apigw-en.request.json", &[]),
    (
        "list_process_instance/apigw-en.response.json",
        &[
            ("warning", "legacy-field", "/data/0/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/0/property/bk_func_id"),
        ],
    ),
    ("list_process_instance/apigw-zh.request.json", &[]),
    (
        "list_process_instance/apigw-zh.response.json",
        &[
            ("warning", "legacy-field", "/data/0/property/auto_time_gap"),
            ("warning", "legacy-field", "/data/0/property/bk_func_id"),
        ],
    ),
    // accepted by the server.
    (
        "list_process_instance/apitest-nst-list-process-instance.request.json",
        &[],
    ),
    ("list_process_detail_by_ids/cc-en.request.json", &[]),
    ("list_process_detail_by_ids/cc-zh_hans.request.json", &[]),
    ("list_process_detail_by_ids/apigw-en.request.json", &[]),
    ("list_process_detail_by_ids/apigw-zh.request.json", &[]),
    // accepted by the server.
    (
        "list_process_detail_by_ids/apitest-nst-list-process-detail-by-ids.request.json",
        &[],
    ),
    (
        "list_process_related_info/cc-en.request.json",
        &[("warning", "unknown-field", "/process")],
    ),
    ("list_process_related_info/cc-en.response.json", &[]),
    (
        "list_process_related_info/cc-zh_hans.request.json",
        &[("warning", "unknown-field", "/process")],
    ),
    ("list_process_related_info/cc-zh_hans.response.json", &[]),
    (
        "list_process_related_info/apigw-backend-en.request.json",
        &[("warning", "unknown-field", "/process")],
    ),
    (
        "list_process_related_info/apigw-backend-en.response.json",
        &[],
    ),
    (
        "list_process_related_info/apigw-backend-zh.request.json",
        &[("warning", "unknown-field", "/process")],
    ),
    (
        "list_process_related_info/apigw-backend-zh.response.json",
        &[],
    ),
    // accepted by the server.
    (
        "list_process_related_info/apitest-nst-list-process-related-info.request.json",
        &[],
    ),
];

#[test]
fn index_lists_every_fixture_file() {
    let listed: BTreeSet<String> = index().into_iter().map(|entry| entry.file).collect();
    let mut on_disk = BTreeSet::new();
    for dir in std::fs::read_dir(upstream_dir()).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let endpoint = dir.file_name().unwrap().to_str().unwrap().to_owned();
        for file in std::fs::read_dir(&dir).unwrap() {
            let name = file.unwrap().file_name();
            on_disk.insert(format!("{endpoint}/{}", name.to_str().unwrap()));
        }
    }
    assert_eq!(listed, on_disk);
}

#[test]
fn upstream_fixtures_give_the_recorded_findings() {
    let entries = index();
    let valid: Vec<&IndexEntry> = entries.iter().filter(|entry| entry.valid_json).collect();
    let recorded: BTreeSet<&str> = EXPECTED_FINDINGS.iter().map(|(file, _)| *file).collect();
    let listed: BTreeSet<&str> = valid.iter().map(|entry| entry.file.as_str()).collect();
    // A fixture added later needs no row here: `verdicts_match_what_the_server_did`
    // checks it from its index entry alone. Every row must name a fixture.
    let stale: Vec<&&str> = recorded.difference(&listed).collect();
    assert!(
        stale.is_empty(),
        "rows for fixtures not in the index: {stale:?}"
    );
    assert_eq!(recorded.len(), EXPECTED_FINDINGS.len(), "duplicate rows");
    assert!(recorded.len() >= 106, "every fixture of today has a row");

    let mut mismatches = Vec::new();
    for entry in valid {
        let found = check(entry);
        let actual = findings(&found);
        let Some(expected) = EXPECTED_FINDINGS
            .iter()
            .find(|(file, _)| *file == entry.file)
            .map(|(_, errors)| errors.to_vec())
        else {
            continue;
        };
        if actual != expected {
            mismatches.push(format!(
                "{}:\n  expected {expected:?}\n  actual   {actual:?}",
                entry.file
            ));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn invalid_json_fixtures_give_one_syntax_error() {
    for entry in index().iter().filter(|entry| !entry.valid_json) {
        let found = check(entry);
        assert_eq!(
            findings(&found),
            [("error", "json-syntax", "")],
            "{}",
            entry.file
        );
    }
}

/// The verdict of every fixture is the server's: documented and accepted
/// payloads lint without errors, rejections the payload shows are errors, and
/// rejections that depend on server state lint without errors.
#[test]
fn verdicts_match_what_the_server_did() {
    for entry in index().iter().filter(|entry| entry.valid_json) {
        let has_error = check(entry).iter().any(Diagnostic::is_error);
        let expected_error = entry.expected == "rejected" && entry.decidable_from_payload;
        assert_eq!(
            has_error, expected_error,
            "{} ({}, decidable: {})",
            entry.file, entry.expected, entry.decidable_from_payload
        );
    }
}

#[test]
fn decidable_rejections_are_errors() {
    let entries = index();
    let decidable: Vec<&IndexEntry> = entries
        .iter()
        .filter(|entry| entry.decidable_from_payload && entry.expected == "rejected")
        .collect();
    assert!(!decidable.is_empty());
    for entry in decidable {
        let findings = check(entry);
        assert!(
            findings.iter().any(Diagnostic::is_error),
            "{}: the server rejects it for a reason the payload shows, but the linter finds no error",
            entry.file
        );
    }
}

/// Deserialises `bytes` into the endpoint's typed request or response.
fn deserialise(endpoint: Endpoint, kind: PayloadKind, bytes: &[u8]) -> Result<(), String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    endpoint
        .round_trip(kind, &value)
        .map(drop)
        .map_err(|error| error.to_string())
}

#[test]
fn schema_clean_fixtures_deserialise() {
    let mut checked = 0;
    for entry in index().iter().filter(|entry| entry.valid_json) {
        if check(entry).iter().any(Diagnostic::is_error) {
            continue;
        }
        if let Err(error) = deserialise(entry.endpoint(), entry.kind(), &entry.bytes()) {
            panic!(
                "{}: the schema accepts it but serde does not: {error}",
                entry.file
            );
        }
        checked += 1;
    }
    assert!(checked > 0);
}

/// Request fixtures without errors round-trip exactly through the typed
/// request: serde keeps every key the schema accepts.
#[test]
fn schema_clean_requests_round_trip_exactly() {
    for entry in index().iter().filter(|entry| entry.valid_json) {
        // Unknown keys are dropped by the typed model (the server ignores them
        // too), so payloads with such keys are not expected to round-trip.
        let found = check(entry);
        let dropped = found
            .iter()
            .any(|finding| matches!(finding.rule.id(), "unknown-field" | "key-case"));
        if entry.kind() != PayloadKind::Request || dropped || found.iter().any(Diagnostic::is_error)
        {
            continue;
        }
        let value: Value = serde_json::from_slice(&entry.bytes()).unwrap();
        let written = entry.endpoint().round_trip(entry.kind(), &value).unwrap();
        assert_eq!(
            written, value,
            "{}: the typed round trip changed it",
            entry.file
        );
    }
}
