//! The endpoint models against the upstream conformance corpus
//! (`tests/fixtures/upstream/`, described by its `index.json`; the D and S ids
//! below are the discrepancies and server cross-checks of the corpus's INDEX.md).
//!
//! For every fixture that is valid JSON:
//! - it deserialises into its endpoint's typed request or response;
//! - written back, it equals what was read (requests and responses), except for
//!   the keys no model knows, which are recorded here;
//! - the generated JSON Schema accepts it, or rejects it with exactly the errors
//!   recorded here.
//!
//! When a model changes, update the recorded lists after reading each difference
//! against the corpus notes; `cargo xtask schema` then rewrites `schemas/`.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read or parse its own fixture should fail loudly"
)]

use cc_model::endpoints::{
    DeleteProcessInstanceRequest, DeleteProcessInstanceResponse, GetProcTemplateRequest,
    GetProcTemplateResponse, ListProcTemplateRequest, ListProcessDetailByIdsRequest,
    ListProcessInstanceResponse, ListProcessRelatedInfoRequest, ListProcessRelatedInfoResponse,
};
use cc_model::{Endpoint, PayloadKind};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const UPSTREAM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/upstream");

/// One entry of `index.json` (only the fields these tests use).
#[derive(Debug, serde::Deserialize)]
struct IndexEntry {
    file: String,
    endpoint: String,
    kind: String,
    valid_json: bool,
    expected: String,
}

impl IndexEntry {
    fn endpoint(&self) -> Endpoint {
        self.endpoint
            .parse()
            .unwrap_or_else(|error| panic!("{}: {error}", self.file))
    }

    fn kind(&self) -> PayloadKind {
        match self.kind.as_str() {
            "request" => PayloadKind::Request,
            "response" => PayloadKind::Response,
            other => panic!("{}: unknown kind `{other}`", self.file),
        }
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(upstream_dir().join(&self.file))
            .unwrap_or_else(|error| panic!("{}: {error}", self.file))
    }

    fn value(&self) -> Value {
        serde_json::from_slice(&self.bytes())
            .unwrap_or_else(|error| panic!("{}: {error}", self.file))
    }
}

fn upstream_dir() -> PathBuf {
    Path::new(UPSTREAM).to_path_buf()
}

fn index() -> Vec<IndexEntry> {
    let text = std::fs::read_to_string(upstream_dir().join("index.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn valid_entries() -> Vec<IndexEntry> {
    index()
        .into_iter()
        .filter(|entry| entry.valid_json)
        .collect()
}

/// Deserialises `bytes` into the endpoint's typed request or response and writes
/// it back as a `Value`, through the one endpoint-to-type table in cc-model.
fn typed_round_trip(endpoint: Endpoint, kind: PayloadKind, bytes: &[u8]) -> Result<Value, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|error| error.to_string())?;
    endpoint
        .round_trip(kind, &value)
        .map_err(|error| error.to_string())
}

// ---------------------------------------------------------------------------
// The recorded expectations.
// ---------------------------------------------------------------------------

/// Valid-JSON fixtures the typed model does not deserialise, each with the
/// reason, which must be one the server also rejects the payload for.
///
/// None today. The server rejects 12 of the fixtures (index `expected:
/// rejected`): 9 for server state the payload does not show (a name already
/// taken, a service template that does not exist, a template-bound service
/// instance or process), which no model can see, and 3 for empty process names
/// (`*-empty-name`): the template one the schema rejects (`minLength`, recorded
/// in [`SCHEMA_REJECTIONS`]), the two instance ones cc-validate's
/// `instance-attribute` rule (instance names are required and trimmed, which a
/// schema cannot say), while the typed model, which checks shapes and not
/// limits, accepts all three.
const TYPED_REJECTIONS: &[(&str, &str)] = &[];

/// Keys the typed model drops when a fixture is written back: keys no model knows
/// (serde ignores them, as the server does), each also an `additionalProperties`
/// error in [`SCHEMA_REJECTIONS`]; and the one value the model normalises.
/// `(file, JSON pointers of the dropped or rewritten members)`.
const ROUND_TRIP_CHANGES: &[(&str, &[&str])] = &[
    // S8: `bk_enable_port` is no field of the server's process template any more;
    // the server ignores it and accepts the request, and so does the model.
    (
        "batch_create_proc_template/apitest-st-create-proc-template.request.json",
        &["/processes/0/spec/bk_enable_port"],
    ),
    // D1, S1: the seed's nested `[[52]]` is read as the ids it holds and written
    // back flat (`[52]`), the shape the server sends.
    (
        "batch_create_proc_template/seed.response.json",
        &["/data/0"],
    ),
    // S3: the documented `process` filter is not in the server's request struct
    // at HEAD; the server ignores it, and the model does not know it.
    (
        "list_process_related_info/apigw-backend-en.request.json",
        &["/process"],
    ),
    (
        "list_process_related_info/apigw-backend-zh.request.json",
        &["/process"],
    ),
    (
        "list_process_related_info/cc-en.request.json",
        &["/process"],
    ),
    (
        "list_process_related_info/cc-zh_hans.request.json",
        &["/process"],
    ),
];

/// The errors the generated schema reports, for every valid-JSON fixture it
/// rejects: `/pointer: keyword`, or `/pointer/key: unknown` for a key no model
/// knows. Every valid-JSON fixture not listed here is accepted.
///
/// The legacy fields `auto_time_gap` and `bk_func_id` of the D4 examples (S2) are
/// known fields of [`cc_model::Process`] and its template form, so the schemas
/// accept them (the linter warns about them), as they accept the keys D15's
/// credentials and the missing `request_id` of D2 leave.
const SCHEMA_REJECTIONS: &[(&str, &[&str])] = &[
    // Server rejected (index `expected: rejected`, decidable from the payload):
    // empty `bk_process_name` and `bk_func_name`.
    (
        "batch_create_proc_template/apitest-st-create-proc-template-empty-name.request.json",
        &[
            "/processes/0/spec/bk_func_name/value: minLength",
            "/processes/0/spec/bk_process_name/value: minLength",
        ],
    ),
    // S8: unknown key, ignored by the server (which accepts the request).
    (
        "batch_create_proc_template/apitest-st-create-proc-template.request.json",
        &["/processes/0/spec/bk_enable_port: unknown"],
    ),
    // S3 (D14): the documented `process` filter object, which the server no
    // longer reads.
    (
        "list_process_related_info/apigw-backend-en.request.json",
        &["/process: unknown"],
    ),
    (
        "list_process_related_info/apigw-backend-zh.request.json",
        &["/process: unknown"],
    ),
    (
        "list_process_related_info/cc-en.request.json",
        &["/process: unknown"],
    ),
    (
        "list_process_related_info/cc-zh_hans.request.json",
        &["/process: unknown"],
    ),
];

// ---------------------------------------------------------------------------
// Tests.
// ---------------------------------------------------------------------------

#[test]
fn index_covers_every_endpoint_and_file() {
    let entries = index();
    assert_eq!(entries.len(), 116, "the full corpus index");
    let endpoints: BTreeSet<Endpoint> = entries.iter().map(IndexEntry::endpoint).collect();
    // The service endpoints' fixtures are in `upstream-service/`, with their own
    // index; between the two, every endpoint has fixtures.
    let service: Vec<IndexEntry> = serde_json::from_str(
        &std::fs::read_to_string(Path::new(UPSTREAM).join("../upstream-service/index.json"))
            .unwrap(),
    )
    .unwrap();
    let service: BTreeSet<Endpoint> = service.iter().map(IndexEntry::endpoint).collect();
    assert!(endpoints.is_disjoint(&service));
    let all: BTreeSet<Endpoint> = Endpoint::ALL.into_iter().collect();
    assert_eq!(
        endpoints.union(&service).copied().collect::<BTreeSet<_>>(),
        all,
        "every endpoint has fixtures, and only those"
    );

    let listed: BTreeSet<String> = entries.iter().map(|entry| entry.file.clone()).collect();
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

    for entry in &entries {
        let parsed = serde_json::from_slice::<Value>(&entry.bytes());
        assert_eq!(
            parsed.is_ok(),
            entry.valid_json,
            "{}: valid_json",
            entry.file
        );
    }
}

#[test]
fn recorded_files_exist_and_are_valid_json() {
    let valid: BTreeSet<String> = valid_entries()
        .into_iter()
        .map(|entry| entry.file)
        .collect();
    let recorded = TYPED_REJECTIONS
        .iter()
        .map(|(file, _)| *file)
        .chain(ROUND_TRIP_CHANGES.iter().map(|(file, _)| *file))
        .chain(SCHEMA_REJECTIONS.iter().map(|(file, _)| *file));
    for file in recorded {
        assert!(valid.contains(file), "{file}: not a valid-JSON fixture");
    }
}

#[test]
fn valid_fixtures_deserialise_into_their_typed_model() {
    let mut outcomes = BTreeMap::new();
    for entry in valid_entries() {
        let result = typed_round_trip(entry.endpoint(), entry.kind(), &entry.bytes());
        outcomes.insert(entry.file.clone(), result.err());
    }
    let mut problems = Vec::new();
    for (file, error) in &outcomes {
        let expected = TYPED_REJECTIONS.iter().find(|(name, _)| name == file);
        match (error, expected) {
            (None, None) | (Some(_), Some(_)) => {}
            (Some(error), None) => problems.push(format!("{file}: does not deserialise: {error}")),
            (None, Some((_, reason))) => {
                problems.push(format!(
                    "{file}: deserialises, but is recorded as rejected ({reason})"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(outcomes.len(), 106, "valid-JSON fixtures");
}

/// Writing a typed payload back loses nothing but what [`ROUND_TRIP_CHANGES`]
/// records: nulls, empty strings and absent keys all stay as they were.
#[test]
fn valid_fixtures_round_trip_exactly() {
    let mut actual: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in valid_entries() {
        let Ok(written) = typed_round_trip(entry.endpoint(), entry.kind(), &entry.bytes()) else {
            continue;
        };
        let mut changes = Vec::new();
        differences(&entry.value(), &written, "", &mut changes);
        if !changes.is_empty() {
            actual.insert(entry.file.clone(), changes);
        }
    }
    let expected: BTreeMap<String, Vec<String>> = ROUND_TRIP_CHANGES
        .iter()
        .map(|(file, pointers)| {
            (
                (*file).to_owned(),
                pointers.iter().map(|p| (*p).to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(actual, expected);
}

/// The pointers at which `written` differs from `original`: a member dropped,
/// added or changed (the deepest such member).
fn differences(original: &Value, written: &Value, pointer: &str, out: &mut Vec<String>) {
    match (original, written) {
        (Value::Object(a), Value::Object(b)) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                let child = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => differences(x, y, &child, out),
                    _ => out.push(child),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                differences(x, y, &format!("{pointer}/{index}"), out);
            }
        }
        (a, b) if a == b => {}
        _ => out.push(pointer.to_owned()),
    }
}

/// The generated schema accepts every valid-JSON fixture except those recorded in
/// [`SCHEMA_REJECTIONS`], and rejects those with exactly the recorded errors.
#[test]
fn generated_schemas_accept_exactly_the_recorded_fixtures() {
    let mut validators = BTreeMap::new();
    let mut actual: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut accepted = 0;
    for entry in valid_entries() {
        let (endpoint, kind) = (entry.endpoint(), entry.kind());
        let validator = validators.entry((endpoint, kind)).or_insert_with(|| {
            let schema = cc_model::schema::for_endpoint(endpoint, kind).to_value();
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .build(&schema)
                .unwrap_or_else(|error| panic!("{endpoint} {kind}: {error}"))
        });
        let instance = entry.value();
        let mut errors: Vec<String> = Vec::new();
        for error in validator.iter_errors(&instance) {
            let path = error.instance_path().as_str().to_owned();
            match error.kind() {
                jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                    errors.extend(
                        unexpected
                            .iter()
                            .map(|key| format!("{path}/{key}: unknown")),
                    );
                }
                kind => errors.push(format!("{path}: {}", kind.keyword())),
            }
        }
        errors.sort();
        if errors.is_empty() {
            accepted += 1;
        } else {
            actual.insert(entry.file.clone(), errors);
        }
    }
    let expected: BTreeMap<String, Vec<String>> = SCHEMA_REJECTIONS
        .iter()
        .map(|(file, errors)| {
            (
                (*file).to_owned(),
                errors.iter().map(|e| (*e).to_owned()).collect(),
            )
        })
        .collect();
    assert_eq!(actual, expected);
    assert_eq!(accepted + SCHEMA_REJECTIONS.len(), 106);
}

/// Documented and server-accepted payloads carry no error the schema reports,
/// other than keys the server ignores (unknown keys): every other schema
/// rejection is a payload the server rejects too.
#[test]
fn schema_rejections_other_than_unknown_keys_are_server_rejections() {
    let entries = valid_entries();
    for (file, errors) in SCHEMA_REJECTIONS {
        let entry = entries.iter().find(|entry| entry.file == *file).unwrap();
        if errors.iter().any(|error| !error.ends_with(": unknown")) {
            assert_eq!(entry.expected, "rejected", "{file}");
        }
    }
}

/// Where the docs disagree, the models follow the server; these fixtures show it.
#[test]
fn the_models_follow_the_server_where_the_docs_disagree() {
    use cc_model::Patch;

    fn read<T: DeserializeOwned>(file: &str) -> T {
        let bytes = std::fs::read(upstream_dir().join(file)).unwrap();
        serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{file}: {error}"))
    }

    // D7, S7: the id travels in the URL path; the body may still carry it.
    let get: GetProcTemplateRequest = read("get_proc_template/apigw-en.request.json");
    assert_eq!(get.process_template_id, Patch::Set(49));
    let get: GetProcTemplateResponse = read("get_proc_template/cc-zh_hans.response.json");
    let template = get.data.value().unwrap();
    assert_eq!(template.id, 49);
    assert!(template.property.bk_process_name.is_locked());

    // D13: bk_biz_id is a path parameter; the API test leaves it out of the body.
    let details: ListProcessDetailByIdsRequest =
        read("list_process_detail_by_ids/apitest-nst-list-process-detail-by-ids.request.json");
    assert_eq!(details.bk_biz_id, Patch::Absent);
    assert_eq!(details.bk_process_ids, [43]);

    // The API test's Go struct sends `process_template_ids: null` and a page
    // without a limit, and the server accepts both.
    let list: ListProcTemplateRequest =
        read("list_proc_template/apitest-st-list-proc-template-by-service-template.request.json");
    assert_eq!(list.process_template_ids, Patch::Null);
    assert_eq!(list.page.value().unwrap().limit, Patch::Absent);

    // D11: `process_instance_ids` is a list, not the documented int.
    let delete: DeleteProcessInstanceRequest = read("delete_process_instance/cc-en.request.json");
    assert_eq!(delete.process_instance_ids, [54]);
    let deleted: DeleteProcessInstanceResponse =
        read("delete_process_instance/cc-en.response.json");
    assert_eq!(deleted.data, Patch::Null);

    // D12: the legacy keys of `property` are Process's legacy fields.
    let instances: ListProcessInstanceResponse = read("list_process_instance/cc-en.response.json");
    let item = &instances.data.value().unwrap()[0];
    assert_eq!(item.property.auto_time_gap, Patch::Set(Value::from(60)));
    assert_eq!(item.relation.bk_supplier_account, "");

    // D14: the two items carry different host keys; the extra ones are kept.
    let related: ListProcessRelatedInfoResponse =
        read("list_process_related_info/cc-en.response.json");
    let info = &related.data.value().unwrap().info;
    assert_eq!(
        info[0].host.other.keys().collect::<Vec<_>>(),
        ["bk_host_innerip_v6", "bk_addressing", "bk_agent_id"]
    );
    assert!(info[1].host.other.is_empty());

    // S3: the API test's body, as the server's struct marshals it.
    let related: ListProcessRelatedInfoRequest =
        read("list_process_related_info/apitest-nst-list-process-related-info.request.json");
    assert_eq!(related.bk_biz_id, Patch::Absent);
    assert_eq!(related.process_property_filter, Patch::Null);
    assert_eq!(related.set.value().unwrap().bk_set_ids, Patch::Null);
}

/// The limits of the endpoints' lists and pages, as the schemas enforce them.
#[test]
fn schemas_enforce_the_server_limits() {
    fn accepts(endpoint: Endpoint, payload: &Value) -> bool {
        let schema = cc_model::schema::for_endpoint(endpoint, PayloadKind::Request).to_value();
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .unwrap()
            .is_valid(payload)
    }
    let ids = |count: i64| Value::from((1..=count).collect::<Vec<_>>());
    let process =
        serde_json::json!({"process_info": {"bk_process_name": "p", "bk_func_name": "p"}});
    let processes = |count: usize| Value::from(vec![process.clone(); count]);

    for (endpoint, key, max) in [
        (Endpoint::DeleteProcTemplate, "process_templates", 500),
        (Endpoint::DeleteProcessInstance, "process_instance_ids", 500),
        (Endpoint::ListProcessDetailByIds, "bk_process_ids", 500),
    ] {
        let payload = |count| serde_json::json!({"bk_biz_id": 1, key: ids(count)});
        assert!(!accepts(endpoint, &payload(0)), "{endpoint}: empty {key}");
        assert!(accepts(endpoint, &payload(1)), "{endpoint}");
        assert!(accepts(endpoint, &payload(max)), "{endpoint}");
        assert!(
            !accepts(endpoint, &payload(max + 1)),
            "{endpoint}: {key} over {max}"
        );
    }

    // S5: the server rejects an empty `processes` list and a missing `bk_biz_id`.
    let create = |count| serde_json::json!({"bk_biz_id": 1, "service_instance_id": 48, "processes": processes(count)});
    assert!(!accepts(Endpoint::CreateProcessInstance, &create(0)));
    assert!(accepts(Endpoint::CreateProcessInstance, &create(100)));
    assert!(!accepts(Endpoint::CreateProcessInstance, &create(101)));
    let mut without_biz = create(1);
    without_biz.as_object_mut().unwrap().remove("bk_biz_id");
    assert!(!accepts(Endpoint::CreateProcessInstance, &without_biz));

    let list = |ids_count, limit: i64| {
        serde_json::json!({
            "bk_biz_id": 1,
            "process_template_ids": ids(ids_count),
            "page": {"start": 0, "limit": limit},
        })
    };
    assert!(accepts(Endpoint::ListProcTemplate, &list(200, 1000)));
    assert!(!accepts(Endpoint::ListProcTemplate, &list(201, 10)));
    assert!(!accepts(Endpoint::ListProcTemplate, &list(1, 1001)));
    assert!(!accepts(Endpoint::ListProcTemplate, &list(1, 0)));

    // `list_process_related_info` needs a page; its filter stays open.
    let related = serde_json::json!({
        "process_property_filter": {"condition": "AND", "rules": [{"field": "bk_func_name", "operator": "equal", "value": "java"}]},
        "page": {"start": 0, "limit": 10},
    });
    assert!(accepts(Endpoint::ListProcessRelatedInfo, &related));
    assert!(!accepts(
        Endpoint::ListProcessRelatedInfo,
        &serde_json::json!({})
    ));

    // update_proc_template: every field of the partial form is optional, but
    // the three top-level keys are required.
    let update =
        serde_json::json!({"bk_biz_id": 1, "process_template_id": 50, "process_property": {}});
    assert!(accepts(Endpoint::UpdateProcTemplate, &update));
    for key in ["bk_biz_id", "process_template_id", "process_property"] {
        let mut partial = update.clone();
        partial.as_object_mut().unwrap().remove(key);
        assert!(
            !accepts(Endpoint::UpdateProcTemplate, &partial),
            "without {key}"
        );
    }
}
