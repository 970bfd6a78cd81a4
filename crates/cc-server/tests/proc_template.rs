//! Process templates through the real router: create (whole batches or
//! nothing, names unique across requests), get, list, update (the server's
//! forced locks and ignored `bk_func_name`), delete.

mod common;

use axum::http::Method;
use common::{backend, create_templates, esb, spec, state};
use serde_json::json;

async fn count(state: &cc_server::AppState) -> serde_json::Value {
    esb(
        state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51}),
    )
    .await
    .data()["count"]
        .clone()
}

#[tokio::test]
async fn a_created_template_is_stored_with_its_names_locked() {
    let state = state();
    let answer = create_templates(&state, vec![spec("p1", "123")]).await;
    let id = answer.data()[0].as_i64().expect("a flat list of ids");
    let answer = backend(
        &state,
        Method::POST,
        &format!("/api/v3/find/proc/proc_template/id/{id}"),
        json!({"bk_biz_id": 1}),
    )
    .await;
    let template = answer.data();
    assert_eq!(template["id"], id);
    assert_eq!(template["service_template_id"], 51);
    assert_eq!(template["bk_process_name"], "p1");
    assert_eq!(template["creator"], common::APP);
    let property = &template["property"];
    assert_eq!(
        property["bk_func_name"],
        json!({"value": "p1", "as_default_value": true})
    );
    assert_eq!(
        property["bk_process_name"],
        json!({"value": "p1", "as_default_value": true})
    );
    assert_eq!(
        property["bk_start_param_regex"],
        json!({"value": "123", "as_default_value": false})
    );
    assert_eq!(property["bind_info"]["value"][0]["row_id"], 1);
}

#[tokio::test]
async fn an_empty_batch_succeeds_and_does_nothing() {
    let state = state();
    let answer = create_templates(&state, vec![]).await;
    assert_eq!(answer.data(), &json!([]));
    assert_eq!(count(&state).await, 0);
}

#[tokio::test]
async fn a_batch_with_one_bad_process_stores_none() {
    let state = state();
    let mut bad = spec("p2", "");
    bad["proc_num"] = json!({"value": 0, "as_default_value": true});
    let answer = create_templates(&state, vec![spec("p1", ""), bad]).await;
    let message = answer.error(1_199_006);
    // The server names the spec's field, not where the process sits.
    assert!(
        message.starts_with("'proc_num' data parameter verification does not pass"),
        "{message}"
    );
    assert_eq!(count(&state).await, 0);
    // A stateful refusal late in the batch rolls back the earlier inserts too.
    create_templates(&state, vec![spec("p1", "")]).await.data();
    let answer = create_templates(&state, vec![spec("p3", ""), spec("p1", "x")]).await;
    assert_eq!(
        answer.error(1_113_019),
        "process name [p1] unique validation failed"
    );
    assert_eq!(count(&state).await, 1);
}

#[tokio::test]
async fn names_are_unique_within_the_service_template_across_requests() {
    let state = state();
    create_templates(&state, vec![spec("p1", "123")])
        .await
        .data();
    let answer = create_templates(&state, vec![spec("p1", "other")]).await;
    assert_eq!(
        answer.error(1_113_019),
        "process name [p1] unique validation failed"
    );
    let mut same_pair = spec("p1", "123");
    same_pair["bk_process_name"]["value"] = json!("another");
    let answer = create_templates(&state, vec![same_pair]).await;
    assert_eq!(
        answer.error(1_113_020),
        "process name [p1] and start parameter [123] unique validation failed"
    );
}

#[tokio::test]
async fn a_service_template_that_does_not_exist_or_is_not_the_business_is_refused() {
    let state = state();
    let answer = esb(
        &state,
        "batch_create_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 10000, "processes": [{"spec": spec("p1", "")}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'service_template_id' data parameter verification does not pass"
    );
    let answer = esb(
        &state,
        "batch_create_proc_template",
        json!({"bk_biz_id": 2, "service_template_id": 51, "processes": [{"spec": spec("p1", "")}]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'bk_biz_id' data parameter verification does not pass"
    );
}

#[tokio::test]
async fn update_ignores_bk_func_name_and_keeps_the_names_locked() {
    let state = state();
    let id = create_templates(&state, vec![spec("p1", "123")])
        .await
        .data()[0]
        .clone();
    let answer = backend(
        &state,
        Method::PUT,
        "/api/v3/update/proc/proc_template",
        json!({
            "bk_biz_id": 1,
            "process_template_id": id,
            "process_property": {
                "bk_func_name": {"value": "123", "as_default_value": false},
                "bk_process_name": {"value": "123", "as_default_value": false},
                "bk_start_param_regex": {"value": "123456", "as_default_value": true}
            }
        }),
    )
    .await;
    let property = &answer.data()["property"];
    assert_eq!(
        property["bk_func_name"],
        json!({"value": "p1", "as_default_value": true})
    );
    assert_eq!(
        property["bk_process_name"],
        json!({"value": "123", "as_default_value": true})
    );
    assert_eq!(
        property["bk_start_param_regex"],
        json!({"value": "123456", "as_default_value": true})
    );
    assert_eq!(answer.data()["bk_process_name"], "123");
    let answer = esb(
        &state,
        "update_proc_template",
        json!({"bk_biz_id": 1, "process_template_id": 999, "process_property": {}}),
    )
    .await;
    assert_eq!(answer.error(1_199_019), "No relevant data found");
    let answer = esb(
        &state,
        "update_proc_template",
        json!({"bk_biz_id": 1, "process_template_id": id, "process_property": {"bk_process_name": null}}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'bk_process_name' data parameter verification does not pass: `bk_process_name` must be an object, got null"
    );
    let answer = esb(
        &state,
        "update_proc_template",
        json!({"bk_biz_id": 1, "process_template_id": id}),
    )
    .await;
    assert_eq!(answer.error(1_199_003), "invalid input parameter");
}

#[tokio::test]
async fn list_filters_by_ids_and_pages() {
    let state = state();
    let ids = create_templates(&state, vec![spec("a", ""), spec("b", ""), spec("c", "")]).await;
    let ids = ids.data().clone();
    let answer = esb(
        &state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51, "page": {"start": 1, "limit": 1}}),
    )
    .await;
    assert_eq!(answer.data()["count"], 3);
    assert_eq!(answer.data()["info"][0]["id"], ids[1]);
    let answer = esb(
        &state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "process_template_ids": [ids[2]]}),
    )
    .await;
    assert_eq!(answer.data()["count"], 1);
    assert_eq!(answer.data()["info"][0]["bk_process_name"], "c");
    let answer = esb(&state, "list_proc_template", json!({"bk_biz_id": 1})).await;
    assert_eq!(
        answer.error(1_199_006),
        "'service_template_id' data parameter verification does not pass"
    );
}

#[tokio::test]
async fn delete_removes_owned_templates_and_ids_are_never_reused() {
    let state = state();
    let first = create_templates(&state, vec![spec("a", "")]).await.data()[0].clone();
    let answer = esb(
        &state,
        "delete_proc_template",
        json!({"bk_biz_id": 2, "process_templates": [first]}),
    )
    .await;
    assert_eq!(
        answer.error(1_199_006),
        "'process_templates' data parameter verification does not pass"
    );
    let answer = backend(
        &state,
        Method::DELETE,
        "/api/v3/deletemany/proc/proc_template",
        json!({"bk_biz_id": 1, "process_templates": [first]}),
    )
    .await;
    assert_eq!(answer.data(), &serde_json::Value::Null);
    assert_eq!(count(&state).await, 0);
    let second = create_templates(&state, vec![spec("a", "")]).await.data()[0].clone();
    assert!(second.as_i64() > first.as_i64(), "{second} after {first}");
}

#[tokio::test]
async fn get_refuses_a_template_that_does_not_exist_or_is_another_business() {
    let state = state();
    let id = create_templates(&state, vec![spec("p1", "")]).await.data()[0].clone();
    let answer = esb(
        &state,
        "get_proc_template",
        json!({"bk_biz_id": 1, "process_template_id": id}),
    )
    .await;
    assert_eq!(answer.data()["id"], id);
    let answer = esb(
        &state,
        "get_proc_template",
        json!({"bk_biz_id": 2, "process_template_id": id}),
    )
    .await;
    assert_eq!(answer.error(1_199_019), "No relevant data found");
    let answer = backend(
        &state,
        Method::POST,
        "/api/v3/find/proc/proc_template/id/4242",
        json!({"bk_biz_id": 1}),
    )
    .await;
    answer.error(1_199_019);
    let answer = esb(&state, "get_proc_template", json!({"bk_biz_id": 1})).await;
    assert_eq!(answer.error(1_199_010), "'process_template_id' unassigned");
}
