//! Replays the server-truth cases (`tests/fixtures/server-truth/cases.json` at
//! the workspace root: bk-cmdb's own results on process payloads) against
//! cc-server, for the endpoints they exercise through the API:
//! `batch_create_proc_template`, `create_process_instance`,
//! `update_proc_template` and `update_process_instance`. The state a case
//! describes (a stored template, a stored process, template-bound or raw, a
//! host) is set up through the API and, where the API cannot write it as given,
//! through the store; the case's ids (template 5, process 43) are mapped to the
//! ids cc-server assigns.
//!
//! Every case in `AGREES` must get the server's result (accepted or not, and the
//! code); the test prints the cases that disagree, which `docs/server.md`
//! lists as known differences. A case that starts to agree is reported so it
//! can be added to the list.

mod common;

use axum::body::Body;
use axum::http::{Method, Request};
use cc_server::{AppState, Limits, Location};
use serde_json::{Value, json};

/// The cases cc-server answers as the server does (result and code).
const AGREES: &[&str] = &[
    "start-check-secs-create-600-accepted",
    "start-check-secs-template-1-accepted",
    "start-check-secs-template-10000-accepted",
    "start-check-secs-template-0-rejected",
    "start-check-secs-template-10001-rejected",
    "bind-row-port-single-accepted",
    "bind-row-port-range-accepted",
    "bind-row-ip-empty-accepted",
    "bind-row-ip-null-accepted",
    "bind-row-missing-port-key-accepted",
    "length-name-256-bytes-accepted",
    "length-name-85-cjk-accepted",
    "length-start-cmd-2000-accepted",
    "length-work-path-2000-accepted",
    "create-strings-stored-trimmed",
    "create-empty-processes-rejected",
    "create-101-processes-rejected",
    "create-duplicate-name-trimmed-collides",
    "create-duplicate-func-name-no-regex-collides",
    "create-service-instance-id-0-rejected",
    "create-on-template-service-instance-rejected",
    "template-biz-id-zero-rejected",
    "template-biz-id-negative-rejected",
    "template-service-template-id-negative-rejected",
    "template-null-row-rejected",
    "template-fraction-rejected",
    "batch-create-empty-processes-ok",
    "batch-create-missing-processes-ok",
    "batch-create-101-processes-rejected",
    "batch-create-whitespace-rejected-1199998",
    "batch-create-whitespace-in-row-not-1199998",
    "duplicate-func-name-regex-null-vs-empty",
    "duplicate-func-name-regex-empty-collides",
    "duplicate-process-name-collides",
    "create-key-case-dropped",
    "duplicate-key-last-wins-template",
    "template-rows-without-row-id-numbered",
    "template-port-list-accepted",
    "template-port-overlap-rejected",
    "template-ip-family-mismatch-rejected",
    "template-timeout-0-rejected",
    "template-priority-minus-100-accepted",
    "template-priority-minus-101-rejected",
    "bind-row-port-65536-rejected",
    "bind-row-port-zero-rejected",
    "bind-row-ip-hostname-rejected",
    "bind-row-ip-256-rejected",
    "bind-row-protocol-5-rejected",
    "bind-row-protocol-padded-rejected",
    "bind-row-protocol-number-rejected",
    "bind-row-enable-string-rejected",
    "bind-row-template-row-id-string-rejected",
    "length-name-257-bytes-rejected",
    "length-bk-func-name-257-rejected",
    "create-func-name-empty-rejected",
    "create-fraction-proc-num-rejected",
    "create-name-missing-1199010",
    "create-name-uppercase-key-missing",
    "create-name-blank-rejected",
    "create-name-null-rejected",
    "create-func-name-missing-1199010",
    "create-bookkeeping-overwritten",
    "duplicate-row-id-template-accepted",
    "start-check-secs-raw-instance-600-accepted",
    "start-check-secs-raw-instance-minus-1-rejected",
    "start-check-secs-locked-edit-601-dropped",
    "bind-row-unknown-key-dropped-on-update",
    "raw-update-omitted-fields-cleared",
    "raw-update-omitted-name-rejected",
    "raw-update-omitted-func-name-rejected",
    "raw-update-key-case-accepted",
    "raw-update-service-instance-id-not-written",
    "update-process-id-key-case-rejected",
    "update-process-id-string-rejected",
    "update-process-id-zero-rejected",
    "update-create-time-not-timestamp-rejected",
    "update-create-time-timestamp-ignored",
    "update-biz-id-zero-rejected",
    "update-101-processes-rejected",
    "update-template-id-zero-rejected",
    "update-template-id-negative-rejected",
    "update-template-property-missing-rejected",
    "update-template-name-null-rejected",
    "update-instance-empty-processes-ok",
    "update-instance-missing-processes-ok",
    "update-template-key-case-dropped",
    "update-template-func-name-ignored",
    "edit-duplicate-template-row-id-last-wins",
    "edit-no-rows-writes-empty-list",
    "update-template-wrapper-replaced",
    "update-template-lock-only-nulls-value",
    "update-template-row-ids-counted-over-new-list",
    "update-template-bind-info-replaces-list",
    "edit-bookkeeping-fields-not-written",
    "edit-strings-stored-trimmed",
    "edit-locked-equal-dropped",
    "edit-null-locked-ignored",
    "edit-null-unlocked-cleared",
    "edit-name-always-locked",
    "edit-unmatched-row-dropped-missing-restored",
    "edit-bind-info-null-resets",
    "edit-locked-row-attribute-template-value",
    "start-check-secs-instantiate-600-accepted",
    "length-template-name-257-instantiate-rejected",
    "duplicate-row-id-instantiate-both-rows",
    "instantiate-ip-empty-string",
    "instantiate-ip-null",
    "instantiate-ip-missing",
    "sync-ip-empty-unchanged",
    "instantiate-bind-type-3-first-address",
    "sync-duplicate-template-row-id-last-wins",
    "sync-locked-enable-null-always-changed",
    "sync-locked-ip-null-always-changed",
    "sync-unlocked-enable-null-becomes-false",
    "sync-locked-null-clears-field",
    "instantiate-empty-rows-null",
    "instantiate-enable-missing-false",
    "start-check-secs-raw-instance-601-rejected",
    "start-check-secs-raw-instance-0-accepted",
    "start-check-secs-create-601-rejected",
    "start-check-secs-unlocked-edit-601-rejected",
    "start-check-secs-instantiate-601-rejected",
    "start-check-secs-sync-locked-601-rejected",
    "bind-row-port-comma-list-rejected",
    "bind-row-port-reversed-range-accepted",
    "bind-row-port-leading-space-accepted",
    "bind-row-port-empty-rejected",
    "bind-row-port-null-rejected",
    "bind-row-ipv6-with-tcp-accepted",
    "bind-row-ipv4-with-tcp6-accepted",
    "bind-row-ip-leading-zero-accepted",
    "bind-row-enable-null-rejected",
    "bind-row-unknown-key-rejected",
    "length-name-86-cjk-rejected",
    "length-name-trimmed-before-length-accepted",
    "length-description-257-rejected",
    "length-user-257-rejected",
    "length-start-cmd-2001-rejected",
    "length-bk-start-param-regex-2001-rejected",
    "length-template-name-257-accepted",
    "create-unknown-key-dropped",
    "create-timeout-0-accepted",
    "template-null-wrapper-accepted",
    "template-null-bind-info-accepted",
    "template-null-row-ip-accepted",
    "template-legacy-fields-ignored",
    "update-legacy-fields-ignored",
    "instantiate-bind-type-3-no-address",
    "instantiate-bind-type-8-empty-address",
    "instantiate-bind-type-3-leading-comma",
    "instantiate-bind-type-3-trailing-comma",
    "instantiate-template-port-list-rejected",
    "update-reset-row-enable-null-rejected",
    "bind-row-missing-enable-rejected-on-update",
];

/// The accepted cases after which cc-server stores what the server stores
/// (nulls, empty wrappers and assigned ids aside).
const STORES_AGREE: &[&str] = &[
    "start-check-secs-raw-instance-600-accepted",
    "start-check-secs-create-600-accepted",
    "start-check-secs-template-1-accepted",
    "start-check-secs-template-10000-accepted",
    "bind-row-port-single-accepted",
    "bind-row-port-range-accepted",
    "bind-row-ip-empty-accepted",
    "bind-row-ip-null-accepted",
    "bind-row-unknown-key-dropped-on-update",
    "length-name-256-bytes-accepted",
    "length-name-85-cjk-accepted",
    "length-start-cmd-2000-accepted",
    "length-work-path-2000-accepted",
    "create-strings-stored-trimmed",
    "create-bookkeeping-overwritten",
    "raw-update-omitted-fields-cleared",
    "raw-update-service-instance-id-not-written",
    "update-create-time-timestamp-ignored",
    "batch-create-empty-processes-ok",
    "batch-create-missing-processes-ok",
    "update-instance-empty-processes-ok",
    "update-instance-missing-processes-ok",
    "update-template-key-case-dropped",
    "update-template-func-name-ignored",
    "create-key-case-dropped",
    "duplicate-key-last-wins-template",
    "duplicate-row-id-template-accepted",
    "template-rows-without-row-id-numbered",
    "edit-no-rows-writes-empty-list",
    "update-template-wrapper-replaced",
    "update-template-lock-only-nulls-value",
    "update-template-row-ids-counted-over-new-list",
    "update-template-bind-info-replaces-list",
    "edit-bookkeeping-fields-not-written",
    "edit-strings-stored-trimmed",
    "template-port-list-accepted",
    "template-priority-minus-100-accepted",
    "start-check-secs-instantiate-600-accepted",
    "duplicate-row-id-instantiate-both-rows",
    "instantiate-bind-type-3-first-address",
    "sync-locked-enable-null-always-changed",
    "sync-locked-ip-null-always-changed",
    "sync-locked-null-clears-field",
    "instantiate-enable-missing-false",
    "start-check-secs-raw-instance-0-accepted",
    "bind-row-port-reversed-range-accepted",
    "bind-row-port-leading-space-accepted",
    "bind-row-ipv6-with-tcp-accepted",
    "bind-row-ipv4-with-tcp6-accepted",
    "bind-row-ip-leading-zero-accepted",
    "length-name-trimmed-before-length-accepted",
    "length-template-name-257-accepted",
    "create-unknown-key-dropped",
    "create-timeout-0-accepted",
    "template-null-wrapper-accepted",
    "template-null-bind-info-accepted",
    "template-null-row-ip-accepted",
    "instantiate-ip-empty-string",
    "instantiate-ip-null",
    "instantiate-ip-missing",
    "instantiate-bind-type-3-no-address",
    "instantiate-bind-type-8-empty-address",
    "sync-duplicate-template-row-id-last-wins",
    "sync-unlocked-enable-null-becomes-false",
    "instantiate-empty-rows-null",
];

/// The world of the cases: business 2 with host 5, service template 3 bound to
/// module 20, module 21 without a template.
const WORLD: &str = r#"{
  "apps": [{"bk_app_code": "cc-demo", "bk_app_secret": "demo-secret-change-me"}],
  "businesses": [{"bk_biz_id": 2, "bk_biz_name": "two"}],
  "hosts": [{"bk_host_id": 5, "bk_biz_id": 2, "bk_host_innerip": "10.0.0.5"}],
  "service_categories": [{"id": 1, "name": "Default"}],
  "service_templates": [{"id": 3, "bk_biz_id": 2, "name": "t", "service_category_id": 1}],
  "modules": [
    {"bk_module_id": 20, "bk_biz_id": 2, "bk_module_name": "bound", "service_template_id": 3},
    {"bk_module_id": 21, "bk_biz_id": 2, "bk_module_name": "raw", "service_template_id": 0}
  ]
}"#;

fn cases() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/server-truth/cases.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"));
    serde_json::from_str(&text).expect("cases.json")
}

async fn send(state: &AppState, path: &str, body: String) -> Value {
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header("content-type", "application/json")
        .header(
            "x-bkapi-authorization",
            json!({"bk_app_code": common::APP, "bk_app_secret": common::SECRET}).to_string(),
        )
        .body(Body::from(body))
        .expect("request");
    common::send(state, request).await.body
}

/// A fresh server on the cases' world, with host 5's addresses from the case.
fn server(case: &Value) -> AppState {
    let mut world: Value = serde_json::from_str(WORLD).expect("world");
    if let Some(host) = case.get("host").and_then(Value::as_object) {
        let mut addresses = json!({"bk_host_id": 5, "bk_biz_id": 2});
        for (key, value) in host {
            if value.is_string() {
                addresses[key] = value.clone();
            }
        }
        world["hosts"][0] = addresses;
    }
    let world = cc_server::world::parse(world.to_string().as_bytes(), "world.json").expect("world");
    AppState::open(Location::Memory, Some(&world), Limits::default())
        .expect("open")
        .0
}

/// Creates a service instance on host 5 in `module`; returns its id.
async fn service_instance(state: &AppState, module: i64) -> i64 {
    let answer = send(
        state,
        "/api/v3/create/proc/service_instance",
        json!({"bk_biz_id": 2, "bk_module_id": module, "instances": [{"bk_host_id": 5}]})
            .to_string(),
    )
    .await;
    assert_eq!(answer["result"], true, "{answer}");
    answer["data"][0].as_i64().expect("id")
}

/// Stores the case's template in service template 3, as given; returns its id.
fn stored_template(state: &AppState, case: &Value) -> i64 {
    let spec: cc_model::ProcessTemplateSpec =
        serde_json::from_value(case["template"].clone()).expect("template spec");
    state
        .store()
        .write(|tx| cc_server::store::proc_templates::insert(tx, 2, 3, &spec, "case"))
        .expect("template")
}

/// Sets up the process an `update_process_instance` case edits; returns its id.
async fn stored_process(state: &AppState, case: &Value) -> i64 {
    let instance: Option<cc_model::Process> = case
        .get("instance")
        .filter(|instance| !instance.is_null())
        .map(|instance| serde_json::from_value(instance.clone()).expect("instance"));
    if case["template_bound"] == true || case["endpoint"] == "sync" {
        let sync = case["endpoint"] == "sync";
        // A sync case's template may hold what no instance can (a locked 601
        // seconds): the instance is made from its names alone, and the
        // template then takes the case's spec, as an edit of it would.
        let template = if sync {
            let mut names = json!({});
            for name in ["bk_process_name", "bk_func_name"] {
                names[name] = case["template"][name].clone();
            }
            stored_template(state, &json!({"template": names}))
        } else {
            stored_template(state, case)
        };
        let id = service_instance(state, 20).await;
        if sync {
            let spec: cc_model::ProcessTemplateSpec =
                serde_json::from_value(case["template"].clone()).expect("template spec");
            state
                .store()
                .write(|tx| {
                    cc_server::store::proc_templates::update(tx, template, 3, &spec, "case")
                })
                .expect("template update");
        }
        let stored = state
            .store()
            .read(|tx| cc_server::store::processes::of_service_instance(tx, id))
            .expect("processes")
            .pop()
            .expect("an instantiated process");
        if let Some(instance) = instance {
            state
                .store()
                .write(|tx| cc_server::store::processes::update(tx, &stored, instance))
                .expect("instance");
        }
        stored.bk_process_id
    } else {
        let id = service_instance(state, 21).await;
        let instance = instance.unwrap_or_else(|| {
            serde_json::from_value(json!({"bk_process_name": "p1", "bk_func_name": "java"}))
                .expect("process")
        });
        state
            .store()
            .write(|tx| cc_server::store::processes::insert(tx, instance, 2, id, 0, 5))
            .expect("process")
    }
}

/// Replaces the number `from` by `to` at `key` of every object under `value`.
fn remap(value: &mut Value, key: &str, from: i64, to: i64) {
    match value {
        Value::Object(object) => {
            for (name, child) in object.iter_mut() {
                if name == key && child.as_i64() == Some(from) {
                    *child = json!(to);
                } else {
                    remap(child, key, from, to);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| remap(item, key, from, to)),
        _ => {}
    }
}

/// What cc-server answered and stored for a case.
struct Outcome {
    accepted: bool,
    code: i64,
    message: String,
    /// What it stored, in the case's `stored` form, normalised.
    stored: Option<Value>,
}

/// Keys whose values are ids or times cc-server assigns itself.
const ASSIGNED: [&str; 6] = [
    "bk_process_id",
    "bk_biz_id",
    "service_instance_id",
    "bk_supplier_account",
    "create_time",
    "last_time",
];

/// A stored object without nulls, empty wrappers and assigned ids, so that
/// "absent" and "null" compare equal.
fn normalise(value: &Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter(|(key, value)| {
                    !value.is_null()
                        && !ASSIGNED.contains(&key.as_str())
                        && **value != json!({"value": null, "as_default_value": null})
                })
                .map(|(key, value)| (key.clone(), normalise(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

/// The expected stored value of a case, normalised like cc-server's.
fn expected_stored(case: &Value) -> Option<Value> {
    let stored = case["server"].get("stored")?;
    match case["endpoint"].as_str()? {
        "sync" => stored.get("result").map(normalise),
        "update_process_instance" => {
            let results: Option<Vec<Value>> = stored
                .as_array()?
                .iter()
                .map(|entry| entry.get("result").map(normalise))
                .collect();
            Some(Value::Array(results?))
        }
        _ => Some(normalise(stored)),
    }
}

/// The templates of service template 3, the processes of service instance
/// `instance`, or the `edited` processes, as stored, normalised.
fn stored_now(
    state: &AppState,
    endpoint: &str,
    template: Option<i64>,
    instance: Option<i64>,
    edited: &[i64],
) -> Option<Value> {
    let store = state.store();
    match endpoint {
        "batch_create_proc_template" => {
            let templates = store
                .read(|tx| cc_server::store::proc_templates::of_service_template(tx, 3))
                .ok()?;
            Some(Value::Array(
                templates
                    .iter()
                    .map(|t| normalise(&serde_json::to_value(&t.property).unwrap_or_default()))
                    .collect(),
            ))
        }
        "update_proc_template" => {
            let id = template?;
            let template = store
                .read(|tx| cc_server::store::proc_templates::get(tx, id))
                .ok()??;
            Some(normalise(&serde_json::to_value(&template.property).ok()?))
        }
        "update_process_instance" => {
            // The processes the entries name, in their order.
            let mut listed = Vec::new();
            for id in edited.iter().copied() {
                if let Some(process) = store
                    .read(|tx| cc_server::store::processes::get(tx, id))
                    .ok()?
                {
                    listed.push(normalise(&serde_json::to_value(&process.process).ok()?));
                }
            }
            Some(Value::Array(listed))
        }
        _ => {
            let id = instance?;
            let processes = store
                .read(|tx| cc_server::store::processes::of_service_instance(tx, id))
                .ok()?;
            Some(Value::Array(
                processes
                    .iter()
                    .map(|p| normalise(&serde_json::to_value(&p.process).unwrap_or_default()))
                    .collect(),
            ))
        }
    }
}

/// Runs one case on a fresh server.
async fn run(case: &Value) -> Outcome {
    let state = server(case);
    let endpoint = case["endpoint"].as_str().unwrap_or_default();
    let mut payload = case["payload"].clone();
    let (mut template, mut instance) = (None, None);
    match endpoint {
        "create_process_instance" => {
            // Service instance 7, bound to the template where the case says so.
            let bound = case["id"]
                .as_str()
                .unwrap_or_default()
                .contains("template-service-instance");
            for _ in 0..7 {
                instance = Some(service_instance(&state, if bound { 20 } else { 21 }).await);
            }
        }
        "update_proc_template" => {
            let id = stored_template(&state, case);
            template = Some(id);
            remap(&mut payload, "process_template_id", 5, id);
        }
        "instantiate" => {
            // A service instance in the template's module, on the case's host.
            stored_template(&state, case);
            let answer = send(
                &state,
                "/api/v3/create/proc/service_instance",
                json!({"bk_biz_id": 2, "bk_module_id": 20, "instances": [{"bk_host_id": 5}]})
                    .to_string(),
            )
            .await;
            let service = answer["data"][0].as_i64();
            return Outcome {
                accepted: answer["result"] == true,
                code: answer["code"].as_i64().unwrap_or(-1),
                message: answer["message"].as_str().unwrap_or_default().to_owned(),
                stored: stored_now(&state, endpoint, None, service, &[])
                    .and_then(|stored| stored.get(0).cloned()),
            };
        }
        "sync" => {
            let id = stored_process(&state, case).await;
            let answer = send(
                &state,
                "/api/c/compapi/v2/cc/sync_service_template_to_service_instance/",
                json!({"bk_biz_id": 2, "service_template_id": 3, "bk_module_ids": [20]})
                    .to_string(),
            )
            .await;
            return Outcome {
                accepted: answer["result"] == true,
                code: answer["code"].as_i64().unwrap_or(-1),
                message: answer["message"].as_str().unwrap_or_default().to_owned(),
                stored: stored_now(&state, "update_process_instance", None, None, &[id])
                    .and_then(|stored| stored.get(0).cloned()),
            };
        }
        "update_process_instance" => {
            let id = stored_process(&state, case).await;
            instance = state
                .store()
                .read(|tx| cc_server::store::processes::get(tx, id))
                .ok()
                .flatten()
                .map(|process| process.service_instance_id);
            remap(&mut payload, "bk_process_id", 43, id);
        }
        _ => {}
    }
    let edited: Vec<i64> = payload["processes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["bk_process_id"].as_i64())
        .collect();
    let body = match payload {
        Value::Null => case["payload_text"].as_str().unwrap_or_default().to_owned(),
        payload => payload.to_string(),
    };
    let answer = send(&state, &format!("/api/c/compapi/v2/cc/{endpoint}/"), body).await;
    Outcome {
        accepted: answer["result"] == true,
        code: answer["code"].as_i64().unwrap_or(-1),
        message: answer["message"].as_str().unwrap_or_default().to_owned(),
        stored: stored_now(&state, endpoint, template, instance, &edited),
    }
}

#[tokio::test]
async fn the_server_truth_cases_get_the_servers_results() {
    let (mut agree, mut disagree) = (Vec::new(), Vec::new());
    let (mut stored_agree, mut stored_disagree) = (Vec::new(), Vec::new());
    for case in cases() {
        let endpoint = case["endpoint"].as_str().unwrap_or_default();
        if !matches!(
            endpoint,
            "batch_create_proc_template"
                | "create_process_instance"
                | "update_proc_template"
                | "update_process_instance"
                | "instantiate"
                | "sync"
        ) {
            continue;
        }
        // Every service instance has a host: a case without one cannot be set up.
        if endpoint == "instantiate" && case["host"].is_null() {
            eprintln!("{}: no host, which cc-server cannot set up", case["id"]);
            continue;
        }
        let id = case["id"].as_str().unwrap_or_default().to_owned();
        let server = &case["server"];
        let expected = (
            server["accepted"] == true,
            server["code"].as_i64().unwrap_or(-1),
        );
        let Outcome {
            accepted,
            code,
            message,
            stored,
        } = run(&case).await;
        if (accepted, code) == expected {
            if let (true, Some(want)) = (accepted, expected_stored(&case)) {
                if stored.as_ref() == Some(&want) {
                    stored_agree.push(id.clone());
                } else {
                    stored_disagree.push(format!(
                        "{id}:\n  server    {want}\n  cc-server {}",
                        stored.unwrap_or_default()
                    ));
                }
            }
            agree.push(id);
        } else {
            disagree.push(format!(
                "{id}: server {expected:?} {:?}, cc-server ({accepted}, {code}) {message:?}",
                server["message"].as_str().unwrap_or_default()
            ));
        }
    }
    eprintln!(
        "{} cases agree, {} disagree:\n{}",
        agree.len(),
        disagree.len(),
        disagree.join("\n")
    );
    eprintln!(
        "of the accepted cases with a stored value, {} store what the server stores, {} do not:\n{}",
        stored_agree.len(),
        stored_disagree.len(),
        stored_disagree.join("\n")
    );
    let regressed: Vec<&&str> = STORES_AGREE
        .iter()
        .filter(|id| !stored_agree.iter().any(|a| a == **id))
        .collect();
    assert!(
        regressed.is_empty(),
        "cases that stored what the server stores and no longer do: {regressed:?}"
    );
    let new: Vec<&String> = stored_agree
        .iter()
        .filter(|id| !STORES_AGREE.contains(&id.as_str()))
        .collect();
    assert!(
        new.is_empty(),
        "cases that now store what the server stores; add them to STORES_AGREE: {new:?}"
    );
    let regressed: Vec<&&str> = AGREES
        .iter()
        .filter(|id| !agree.iter().any(|a| a == **id))
        .collect();
    assert!(
        regressed.is_empty(),
        "cases that agreed and no longer do: {regressed:?}"
    );
    let new: Vec<&String> = agree
        .iter()
        .filter(|id| !AGREES.contains(&id.as_str()))
        .collect();
    assert!(
        new.is_empty(),
        "cases that now agree; add them to AGREES: {new:?}"
    );
}
