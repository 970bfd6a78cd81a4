//! Service instances and process instances through the real router: processes
//! instantiated from the service template on the instance's host, locked edits
//! dropped, raw processes refused in template-bound instances, template-bound
//! processes that cannot be deleted, names unique within an instance.

mod common;

use axum::http::Method;
use common::{backend, create_templates, esb, spec, state};
use serde_json::{Value, json};

/// A service instance on host `host` in module `module`; returns its id.
async fn instance(state: &cc_server::AppState, module: i64, host: i64, processes: Value) -> i64 {
    let answer = esb(
        state,
        "create_service_instance",
        json!({"bk_biz_id": 1, "bk_module_id": module,
               "instances": [{"bk_host_id": host, "processes": processes}]}),
    )
    .await;
    answer.data()[0].as_i64().expect("id")
}

async fn processes(state: &cc_server::AppState, instance: i64) -> Vec<Value> {
    let answer = esb(
        state,
        "list_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": instance}),
    )
    .await;
    answer.data().as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn a_template_bound_instance_gets_its_processes_and_drops_locked_edits() {
    let state = state();
    let mut template = spec("nginx", "");
    template["bind_info"]["value"][0]["ip"]["value"] = json!("3");
    create_templates(&state, vec![template]).await.data();
    let id = instance(&state, 10, 1, json!([])).await;
    let listed = processes(&state, id).await;
    assert_eq!(listed.len(), 1);
    let process = &listed[0]["property"];
    assert_eq!(process["bk_process_name"], "nginx");
    // Bind type 3 is the host's first inner address.
    assert_eq!(process["bind_info"][0]["ip"], "10.0.0.5");
    assert_eq!(listed[0]["relation"]["service_instance_id"], id);
    assert_eq!(listed[0]["relation"]["bk_host_id"], 1);
    let process_id = process["bk_process_id"].clone();
    // proc_num is locked by the template, bk_start_param_regex is not.
    let answer = backend(
        &state,
        Method::PUT,
        "/api/v3/update/proc/process_instance",
        json!({"bk_biz_id": 1, "processes": [
            {"bk_process_id": process_id, "proc_num": 7, "bk_start_param_regex": "--edited"}
        ]}),
    )
    .await;
    assert_eq!(answer.data(), &json!([process_id]));
    let process = processes(&state, id).await[0]["property"].clone();
    assert_eq!(process["proc_num"], 1);
    assert_eq!(process["bk_start_param_regex"], "--edited");
    // No raw process in it, and its process cannot be deleted.
    let answer = esb(
        &state,
        "create_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": id,
               "processes": [{"process_info": {"bk_process_name": "raw", "bk_func_name": "raw"}}]}),
    )
    .await;
    answer.error(1_108_035);
    let answer = esb(
        &state,
        "delete_process_instance",
        json!({"bk_biz_id": 1, "process_instance_ids": [process_id]}),
    )
    .await;
    assert_eq!(
        answer.error(1_113_022),
        "delete processe [nginx] created by template forbidden"
    );
    assert_eq!(processes(&state, id).await.len(), 1);
}

#[tokio::test]
async fn raw_processes_are_created_edited_listed_and_deleted() {
    let state = state();
    let id = instance(
        &state,
        11,
        2,
        json!([{"process_info": {"bk_process_name": "p1", "bk_func_name": "p1"}}]),
    )
    .await;
    let answer = esb(
        &state,
        "create_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": id, "processes": [
            {"process_info": {"bk_process_name": "p2", "bk_func_name": "p2", "bk_start_param_regex": "123",
             "bind_info": [{"ip": "127.0.0.1", "port": "1024", "protocol": "1", "enable": true}]}}
        ]}),
    )
    .await;
    let p2 = answer.data()[0].clone();
    let listed = processes(&state, id).await;
    assert_eq!(listed.len(), 2);
    // The server adds a template_row_id to a row without one.
    assert_eq!(listed[1]["property"]["bind_info"][0]["template_row_id"], 1);
    // A name already used in the instance, across requests: the server's
    // unique index answers.
    let answer = esb(
        &state,
        "create_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": id,
               "processes": [{"process_info": {"bk_process_name": "p1", "bk_func_name": "other"}}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_014),
        "duplicated instances exist, fields [service_instance_id, bk_process_name] duplicated"
    );
    let answer = esb(
        &state,
        "update_process_instance",
        json!({"bk_biz_id": 1, "processes": [{"bk_process_id": p2, "bk_process_name": "p2", "bk_func_name": "p1", "bk_start_param_regex": ""}]}),
    )
    .await;
    answer.error(1_199_014);
    // A raw process is written whole: without a name the edit is refused.
    let answer = esb(
        &state,
        "update_process_instance",
        json!({"bk_biz_id": 1, "processes": [{"bk_process_id": p2, "bk_process_name": "p3"}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_011),
        "''bk_func_name' unassigned' the parameter is invalid or does not exist"
    );
    // Every field is editable, null clears, and what the entry leaves out is
    // cleared too.
    let answer = esb(
        &state,
        "update_process_instance",
        json!({"bk_biz_id": 1, "processes": [{"bk_process_id": p2, "bk_process_name": " p3 ", "bk_func_name": "p2", "bk_start_param_regex": null}]}),
    )
    .await;
    answer.data();
    let listed = processes(&state, id).await;
    assert_eq!(listed[1]["property"]["bk_process_name"], "p3");
    assert_eq!(listed[1]["property"]["bk_start_param_regex"], Value::Null);
    assert_eq!(listed[1]["property"]["bind_info"], Value::Null);
    assert_eq!(listed[1]["property"]["bk_process_id"], p2);
    let answer = backend(
        &state,
        Method::DELETE,
        "/api/v3/delete/proc/process_instance",
        json!({"bk_biz_id": 1, "process_instance_ids": [p2]}),
    )
    .await;
    answer.data();
    assert_eq!(processes(&state, id).await.len(), 1);
}

#[tokio::test]
async fn objects_of_another_business_or_that_do_not_exist_are_refused() {
    let state = state();
    let answer = esb(
        &state,
        "create_service_instance",
        json!({"bk_biz_id": 1, "bk_module_id": 10, "instances": [{"bk_host_id": 3}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'instances[0].bk_host_id' data parameter verification does not pass"
    );
    let answer = esb(
        &state,
        "create_service_instance",
        json!({"bk_biz_id": 2, "bk_module_id": 10, "instances": [{"bk_host_id": 3}]}),
    )
    .await;
    answer.error(1_199_006);
    let id = instance(&state, 11, 1, json!([])).await;
    let answer = esb(
        &state,
        "create_process_instance",
        json!({"bk_biz_id": 2, "service_instance_id": id,
               "processes": [{"process_info": {"bk_process_name": "p", "bk_func_name": "p"}}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'bk_biz_id' data parameter verification does not pass"
    );
    let answer = esb(
        &state,
        "update_process_instance",
        json!({"bk_biz_id": 1, "processes": [{"bk_process_id": 999, "proc_num": 2}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_011),
        "'[bk_process_id: 999]' the parameter is invalid or does not exist"
    );
}

#[tokio::test]
async fn service_instances_are_listed_and_deleted_with_their_processes() {
    let state = state();
    create_templates(&state, vec![spec("nginx", "")])
        .await
        .data();
    let a = instance(&state, 10, 1, json!([])).await;
    let b = instance(&state, 10, 2, json!([])).await;
    let answer = esb(
        &state,
        "list_service_instance",
        json!({"bk_biz_id": 1, "bk_host_ids": [2]}),
    )
    .await;
    assert_eq!(answer.data()["count"], 1);
    assert_eq!(answer.data()["info"][0]["id"], b);
    assert_eq!(answer.data()["info"][0]["name"], "10.0.0.6_nginx");
    let answer = esb(
        &state,
        "delete_service_instance",
        json!({"bk_biz_id": 1, "service_instance_ids": [a]}),
    )
    .await;
    answer.data();
    let answer = esb(
        &state,
        "list_service_instance",
        json!({"bk_biz_id": 1, "bk_module_id": 10}),
    )
    .await;
    assert_eq!(answer.data()["count"], 1);
    let answer = esb(
        &state,
        "list_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": a}),
    )
    .await;
    answer.error(1_199_006);
}

#[tokio::test]
async fn a_service_template_is_created_once_per_name() {
    let state = state();
    let body = json!({"bk_biz_id": 1, "name": "redis", "service_category_id": 2});
    let answer = esb(&state, "create_service_template", body.clone()).await;
    let created = answer.data();
    assert_eq!(created["name"], "redis");
    assert!(created["id"].as_i64() > Some(51));
    let answer = esb(&state, "create_service_template", body).await;
    answer.error(1_199_014);
    let answer = esb(
        &state,
        "create_service_template",
        json!({"bk_biz_id": 1, "name": "x", "service_category_id": 99}),
    )
    .await;
    answer.error(1_199_011);
}

#[tokio::test]
async fn a_template_update_shows_as_a_difference_and_a_sync_applies_it() {
    let state = state();
    let template = create_templates(&state, vec![spec("nginx", "")])
        .await
        .data()[0]
        .clone();
    let id = instance(&state, 10, 1, json!([])).await;
    let difference = |state: &cc_server::AppState| {
        let state = state.clone();
        async move {
            esb(
                &state,
                "list_service_template_difference",
                json!({"bk_biz_id": 1, "bk_module_ids": [10, 11]}),
            )
            .await
            .data()
            .clone()
        }
    };
    assert_eq!(
        difference(&state).await,
        json!({"modules": [{"bk_module_id": 10, "need_sync": false}, {"bk_module_id": 11, "need_sync": false}]})
    );
    esb(
        &state,
        "update_proc_template",
        json!({"bk_biz_id": 1, "process_template_id": template,
               "process_property": {"proc_num": {"value": 4, "as_default_value": true}}}),
    )
    .await
    .data();
    assert_eq!(difference(&state).await["modules"][0]["need_sync"], true);
    let answer = esb(
        &state,
        "list_service_template_difference",
        json!({"bk_biz_id": 1, "service_template_ids": [51]}),
    )
    .await;
    assert_eq!(
        answer.data(),
        &json!({"service_templates": [{"service_template_id": 51, "need_sync": true}]})
    );
    esb(
        &state,
        "sync_service_template_to_service_instance",
        json!({"bk_biz_id": 1, "service_template_id": 51, "bk_module_ids": [10]}),
    )
    .await
    .data();
    assert_eq!(processes(&state, id).await[0]["property"]["proc_num"], 4);
    assert_eq!(difference(&state).await["modules"][0]["need_sync"], false);
    let answer = esb(
        &state,
        "sync_service_template_to_service_instance",
        json!({"bk_biz_id": 1, "service_template_id": 51, "bk_module_ids": [11]}),
    )
    .await;
    assert_eq!(answer.error(1_113_021), "module not bound with template");
}

#[tokio::test]
async fn listing_and_deleting_service_instances_refuse_bad_requests() {
    let state = state();
    let id = instance(&state, 11, 1, json!([])).await;
    let answer = esb(&state, "list_service_instance", json!({"bk_module_id": 11})).await;
    assert!(
        answer
            .error(1_199_006)
            .starts_with("'the request body' data parameter verification does not pass")
    );
    let answer = esb(&state, "list_service_instance", json!({"bk_biz_id": 2})).await;
    assert_eq!(answer.data()["count"], 0);
    let answer = esb(
        &state,
        "delete_service_instance",
        json!({"bk_biz_id": 2, "service_instance_ids": [id]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'service_instance_ids' data parameter verification does not pass"
    );
    let answer = esb(
        &state,
        "delete_service_instance",
        json!({"bk_biz_id": 1, "service_instance_ids": []}),
    )
    .await;
    assert_eq!(answer.error(1_199_010), "'service_instance_ids' unassigned");
    let answer = esb(&state, "list_service_instance", json!({"bk_biz_id": 1})).await;
    assert_eq!(answer.data()["count"], 1);
}

#[tokio::test]
async fn a_difference_needs_templates_or_modules_of_the_business() {
    let state = state();
    let answer = esb(
        &state,
        "list_service_template_difference",
        json!({"bk_biz_id": 1}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'service_template_ids' data parameter verification does not pass"
    );
    let answer = esb(
        &state,
        "list_service_template_difference",
        json!({"bk_biz_id": 2, "service_template_ids": [51]}),
    )
    .await;
    answer.error(1_199_006);
    let answer = backend(
        &state,
        Method::POST,
        "/api/v3/findmany/proc/service_template/sync_status/biz/1",
        json!({"service_template_ids": [51]}),
    )
    .await;
    assert_eq!(
        answer.data(),
        &json!({"service_templates": [{"service_template_id": 51, "need_sync": false}]})
    );
}
