//! Replays bk-cmdb's own API tests of the process server
//! (`src/test/proc_server/service_template_test.go` and
//! `no_service_template_test.go` at 111e7ac), as transcribed in the upstream
//! conformance corpus: every `apitest-*` request in `tests/upstream/`, in each
//! suite's source order, with the state the suite builds set up through the
//! API and the bundled world (business 1, host 1, service template 51 bound to
//! module 10, module 11 without a template). Each step gets the result the
//! upstream test asserts, and every follow-up value it asserts is checked.
//! The transcriptions' placeholder ids (template 50, service instance 48,
//! process 43) are replaced by the ids cc-server assigns.

mod common;

use axum::body::Body;
use axum::http::{Method, Request};
use cc_server::AppState;
use serde_json::{Value, json};

/// A transcribed request with the ids at `ids` (JSON pointers) replaced.
fn request(name: &str, ids: &[(&str, i64)]) -> Value {
    let path = format!(
        "{}/tests/upstream/{name}.request.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let mut body: Value = serde_json::from_str(&text).expect("JSON");
    for (pointer, id) in ids {
        *body
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("{name}: no {pointer}")) = json!(id);
    }
    body
}

/// Calls `path` with header credentials; returns the envelope.
async fn call(state: &AppState, method: Method, path: &str, body: &Value) -> Value {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header(
            "x-bkapi-authorization",
            json!({"bk_app_code": common::APP, "bk_app_secret": common::SECRET}).to_string(),
        )
        .body(Body::from(body.to_string()))
        .expect("request");
    common::send(state, request).await.body
}

/// Calls an endpoint on its ESB path.
async fn esb(state: &AppState, endpoint: &str, body: &Value) -> Value {
    call(
        state,
        Method::POST,
        &format!("/api/c/compapi/v2/cc/{endpoint}/"),
        body,
    )
    .await
}

#[track_caller]
fn accepted(answer: &Value) -> &Value {
    assert_eq!(answer["result"], true, "{answer:#}");
    &answer["data"]
}

#[track_caller]
fn rejected(answer: &Value) {
    assert_eq!(answer["result"], false, "{answer:#}");
    assert_ne!(answer["code"], 0, "{answer:#}");
}

/// The wrappers of a process template's property.
fn wrapper(property: &Value, field: &str) -> Value {
    property[field].clone()
}

#[tokio::test]
async fn the_service_template_suite() {
    let state = common::state();
    let biz = ("/bk_biz_id", 1);
    let st = ("/service_template_id", 51);

    // L362: create process template.
    let answer = esb(
        &state,
        "batch_create_proc_template",
        &request("apitest-st-create-proc-template", &[st, biz]),
    )
    .await;
    let template = accepted(&answer)[0].as_i64().expect("a flat list of ids");
    // L397: search process template.
    let answer = esb(
        &state,
        "list_proc_template",
        &request(
            "apitest-st-list-proc-template-by-service-template",
            &[biz, st],
        ),
    )
    .await;
    let listed = &accepted(&answer)["info"][0];
    assert_eq!(listed["id"], template);
    let property = &listed["property"];
    assert_eq!(
        wrapper(property, "bk_func_name"),
        json!({"value": "p1", "as_default_value": true})
    );
    assert_eq!(
        wrapper(property, "bk_process_name"),
        json!({"value": "p1", "as_default_value": true})
    );
    assert_eq!(
        wrapper(property, "bk_start_param_regex"),
        json!({"value": "123", "as_default_value": false})
    );
    // L417, L442, L471, L496: refused.
    for name in [
        "apitest-st-create-proc-template-same-name",
        "apitest-st-create-proc-template-same-funcname-regex",
        "apitest-st-create-proc-template-empty-name",
    ] {
        rejected(
            &esb(
                &state,
                "batch_create_proc_template",
                &request(name, &[st, biz]),
            )
            .await,
        );
    }
    rejected(
        &esb(
            &state,
            "batch_create_proc_template",
            &request(
                "apitest-st-create-proc-template-invalid-service-template",
                &[biz],
            ),
        )
        .await,
    );

    // The suite then creates a service instance from the template on host 1.
    let answer = esb(
        &state,
        "create_service_instance",
        &json!({"bk_biz_id": 1, "bk_module_id": 10, "instances": [{"bk_host_id": 1}]}),
    )
    .await;
    let service = accepted(&answer)[0].as_i64().expect("service instance id");
    let list = json!({"bk_biz_id": 1, "service_instance_id": service});
    let answer = esb(&state, "list_process_instance", &list).await;
    let process = accepted(&answer)[0]["property"]["bk_process_id"]
        .as_i64()
        .expect("process id");
    let si = ("/service_instance_id", service);
    let pid = ("/processes/0/bk_process_id", process);

    // L707: no raw process in a template-bound service instance.
    let answer = esb(
        &state,
        "create_process_instance",
        &request(
            "apitest-st-create-process-instance-on-template-service-instance",
            &[biz, si],
        ),
    )
    .await;
    rejected(&answer);
    assert_eq!(answer["code"], 1_108_035);
    // L726: the locked names are dropped, the unlocked regex stored.
    accepted(
        &esb(
            &state,
            "update_process_instance",
            &request("apitest-st-update-process-instance", &[biz, pid]),
        )
        .await,
    );
    let answer = esb(&state, "list_process_instance", &list).await;
    let stored = &accepted(&answer)[0]["property"];
    assert_eq!(stored["bk_process_name"], "p1");
    assert_eq!(stored["bk_func_name"], "p1");
    assert_eq!(stored["bk_start_param_regex"], "1234");
    // L759: bk_func_name ignored, bk_process_name stays locked.
    let answer = esb(
        &state,
        "update_proc_template",
        &request(
            "apitest-st-update-proc-template",
            &[("/process_template_id", template), biz],
        ),
    )
    .await;
    let property = &accepted(&answer)["property"];
    assert_eq!(
        wrapper(property, "bk_func_name"),
        json!({"value": "p1", "as_default_value": true})
    );
    assert_eq!(
        wrapper(property, "bk_process_name"),
        json!({"value": "123", "as_default_value": true})
    );
    assert_eq!(
        wrapper(property, "bk_start_param_regex"),
        json!({"value": "123456", "as_default_value": true})
    );

    // The suite then syncs the template to the service instance's module.
    accepted(
        &esb(
            &state,
            "sync_service_template_to_service_instance",
            &json!({"bk_biz_id": 1, "service_template_id": 51, "bk_module_ids": [10]}),
        )
        .await,
    );
    // L1026: every field is locked now, so the edit is a no-op.
    accepted(
        &esb(
            &state,
            "update_process_instance",
            &request(
                "apitest-st-update-process-instance-after-template-sync",
                &[biz, pid],
            ),
        )
        .await,
    );
    let answer = esb(&state, "list_process_instance", &list).await;
    let stored = &accepted(&answer)[0]["property"];
    assert_eq!(stored["bk_process_name"], "123");
    assert_eq!(stored["bk_func_name"], "p1");
    assert_eq!(stored["bk_start_param_regex"], "123456");
    // L1044: a template-bound process cannot be deleted.
    rejected(
        &esb(
            &state,
            "delete_process_instance",
            &request(
                "apitest-st-delete-template-process-instance",
                &[biz, ("/process_instance_ids/0", process)],
            ),
        )
        .await,
    );
    // L1618: remove the process template; the list is empty.
    accepted(
        &esb(
            &state,
            "delete_proc_template",
            &request(
                "apitest-st-delete-proc-template",
                &[biz, ("/process_templates/0", template)],
            ),
        )
        .await,
    );
    let answer = esb(
        &state,
        "list_proc_template",
        &json!({"bk_biz_id": 1, "service_template_id": 51}),
    )
    .await;
    assert_eq!(accepted(&answer)["count"], 0);
}

#[tokio::test]
async fn the_no_service_template_suite() {
    let state = common::state();
    let biz = ("/bk_biz_id", 1);

    // The suite first creates a service instance without a template on host 1
    // holding process p1.
    let answer = esb(
        &state,
        "create_service_instance",
        &json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [{"bk_host_id": 1, "processes": [
            {"process_info": {"bk_func_name": "p1", "bk_process_name": "p1", "bk_start_param_regex": ""}}
        ]}]}),
    )
    .await;
    let service = accepted(&answer)[0].as_i64().expect("service instance id");
    let si = ("/service_instance_id", service);

    // L604: create process instance.
    let answer = esb(
        &state,
        "create_process_instance",
        &request("apitest-nst-create-process-instance", &[biz, si]),
    )
    .await;
    let process = accepted(&answer)[0].as_i64().expect("a flat list of ids");
    let pid = ("/processes/0/bk_process_id", process);
    // L626: search process instance: p1 and p2 on host 1.
    let answer = esb(
        &state,
        "list_process_instance",
        &request("apitest-nst-list-process-instance", &[biz, si]),
    )
    .await;
    let listed = accepted(&answer).as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0]["property"]["bk_process_name"], "p1");
    assert_eq!(listed[0]["property"]["bk_func_name"], "p1");
    assert_eq!(listed[0]["relation"]["bk_host_id"], 1);
    assert_eq!(listed[1]["property"]["bk_process_name"], "p2");
    assert_eq!(listed[1]["property"]["bk_func_name"], "p2");
    assert_eq!(listed[1]["property"]["bk_start_param_regex"], "123");
    assert_eq!(listed[1]["relation"]["bk_host_id"], 1);
    // L645, L665, L685: refused.
    for name in [
        "apitest-nst-create-process-instance-same-name",
        "apitest-nst-create-process-instance-same-funcname-regex",
        "apitest-nst-create-process-instance-empty-name",
    ] {
        rejected(
            &esb(
                &state,
                "create_process_instance",
                &request(name, &[biz, si]),
            )
            .await,
        );
    }
    // L714: every field of a raw process is editable; the row gets an id.
    accepted(
        &esb(
            &state,
            "update_process_instance",
            &request(
                "apitest-nst-update-process-instance-with-bind-info",
                &[biz, pid],
            ),
        )
        .await,
    );
    let answer = esb(
        &state,
        "list_process_instance",
        &json!({"bk_biz_id": 1, "service_instance_id": service}),
    )
    .await;
    let stored = &accepted(&answer)[1]["property"];
    assert_eq!(stored["bk_process_name"], "p3");
    assert_eq!(stored["bk_func_name"], "p3");
    assert_eq!(stored["bk_start_param_regex"], "1234");
    // L757, L773, L791: refused.
    for name in [
        "apitest-nst-update-process-instance-same-name",
        "apitest-nst-update-process-instance-same-funcname-regex",
        "apitest-nst-update-process-instance-empty-name",
    ] {
        rejected(
            &esb(
                &state,
                "update_process_instance",
                &request(name, &[biz, pid]),
            )
            .await,
        );
    }
    // L818: list process related info (the business in the path).
    let answer = call(
        &state,
        Method::POST,
        "/api/v3/findmany/proc/process_related_info/biz/1",
        &request(
            "apitest-nst-list-process-related-info",
            &[("/service_instance/ids/0", service)],
        ),
    )
    .await;
    assert_ne!(accepted(&answer)["count"], 0);
    // L886: details by ids; the bind rows, without the added row id, as sent.
    let answer = call(
        &state,
        Method::POST,
        "/api/v3/findmany/proc/process_instance/detail/biz/1",
        &request(
            "apitest-nst-list-process-detail-by-ids",
            &[("/bk_process_ids/0", process)],
        ),
    )
    .await;
    let details = accepted(&answer).as_array().cloned().unwrap_or_default();
    assert_eq!(details.len(), 1);
    assert_eq!(details[0]["bk_process_name"], "p3");
    let answer = esb(
        &state,
        "list_process_detail_by_ids",
        &json!({"bk_biz_id": 1, "bk_process_ids": [process]}),
    )
    .await;
    let mut rows = accepted(&answer)[0]["bind_info"].clone();
    for row in rows.as_array_mut().into_iter().flatten() {
        row.as_object_mut().map(|row| row.remove("template_row_id"));
    }
    assert_eq!(
        rows,
        json!([{"ip": "127.0.0.1", "port": "1024", "protocol": "1", "enable": true}])
    );
    // L954: delete process instance; one process is left.
    accepted(
        &esb(
            &state,
            "delete_process_instance",
            &request(
                "apitest-nst-delete-process-instance",
                &[biz, ("/process_instance_ids/0", process)],
            ),
        )
        .await,
    );
    let answer = esb(
        &state,
        "list_process_instance",
        &json!({"bk_biz_id": 1, "service_instance_id": service}),
    )
    .await;
    assert_eq!(accepted(&answer).as_array().map(Vec::len), Some(1));
}
