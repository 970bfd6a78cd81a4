//! `list_process_detail_by_ids` and `list_process_related_info` through the
//! real router: the business from the path or the body, field projection,
//! paging, refusals.

mod common;

use axum::http::Method;
use common::{backend, create_templates, esb, spec, state};
use serde_json::json;

/// A template-bound instance on host 1 with one process; returns the process id.
async fn one_process(state: &cc_server::AppState) -> i64 {
    create_templates(state, vec![spec("nginx", "")])
        .await
        .data();
    esb(
        state,
        "create_service_instance",
        json!({"bk_biz_id": 1, "bk_module_id": 10, "instances": [{"bk_host_id": 1}]}),
    )
    .await
    .data();
    esb(
        state,
        "list_process_detail_by_ids",
        json!({"bk_biz_id": 1, "bk_process_ids": [1]}),
    )
    .await
    .data()[0]["bk_process_id"]
        .as_i64()
        .expect("process id")
}

#[tokio::test]
async fn details_by_ids_project_the_fields_asked_for() {
    let state = state();
    let id = one_process(&state).await;
    let answer = backend(
        &state,
        Method::POST,
        "/api/v3/findmany/proc/process_instance/detail/biz/1",
        json!({"bk_process_ids": [id, 999], "fields": ["bk_process_id", "bk_process_name"]}),
    )
    .await;
    assert_eq!(
        answer.data(),
        &json!([{"bk_process_name": "nginx", "bk_process_id": id}])
    );
    let answer = backend(
        &state,
        Method::POST,
        "/api/v3/findmany/proc/process_instance/detail/biz/2",
        json!({"bk_process_ids": [id]}),
    )
    .await;
    assert_eq!(answer.data(), &json!([]));
    let answer = backend(
        &state,
        Method::POST,
        "/api/v3/findmany/proc/process_instance/detail/biz/x",
        json!({"bk_process_ids": [id]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'bk_biz_id' data parameter verification does not pass: must be an integer"
    );
}

#[tokio::test]
async fn related_info_lists_each_process_with_its_module_host_and_instance() {
    let state = state();
    let id = one_process(&state).await;
    let answer = esb(
        &state,
        "list_process_related_info",
        json!({"bk_biz_id": 1, "module": {"bk_module_ids": [10]},
               "fields": ["bk_process_id", "bk_func_name"], "page": {"start": 0, "limit": 10}}),
    )
    .await;
    let data = answer.data();
    assert_eq!(data["count"], 1);
    let item = &data["info"][0];
    assert_eq!(
        item["module"],
        json!({"bk_module_id": 10, "bk_module_name": "web"})
    );
    assert_eq!(item["host"]["bk_host_innerip"], "10.0.0.5");
    assert_eq!(item["process_template"]["id"], 1);
    assert_eq!(
        item["process"],
        json!({"bk_func_name": "nginx", "bk_process_id": id})
    );
    let answer = esb(
        &state,
        "list_process_related_info",
        json!({"bk_biz_id": 1, "module": {"bk_module_ids": [11]}, "page": {"limit": 10}}),
    )
    .await;
    assert_eq!(answer.data()["count"], 0);
    let answer = esb(
        &state,
        "list_process_related_info",
        json!({"bk_biz_id": 1, "process_property_filter": {"condition": "AND", "rules": []},
               "page": {"limit": 10}}),
    )
    .await;
    assert!(answer.error(1_199_006).contains("process_property_filter"));
}
