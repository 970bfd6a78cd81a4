//! A request for a business, module, host, service template, process template,
//! service instance or process that does not exist, or is not the request's
//! business's, is refused and changes nothing.

mod common;

use common::{create_templates, esb, spec, state};
use serde_json::json;

#[tokio::test]
async fn objects_that_do_not_exist_or_are_another_business_s_are_refused() {
    let state = state();
    let template = create_templates(&state, vec![spec("p1", "")]).await.data()[0].clone();
    let answer = esb(
        &state,
        "create_service_instance",
        json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [{"bk_host_id": 2,
            "processes": [{"process_info": {"bk_process_name": "raw", "bk_func_name": "raw"}}]}]}),
    )
    .await;
    let instance = answer.data()[0].clone();
    let process = esb(
        &state,
        "list_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": instance}),
    )
    .await
    .data()[0]["property"]["bk_process_id"]
        .clone();
    // (endpoint, body, code, message) — business 2 exists, 77 does not; host 3
    // and every object made above are business 1's or 2's, not the other's.
    let cases = [
        (
            "batch_create_proc_template",
            json!({"bk_biz_id": 77, "service_template_id": 51, "processes": [{"spec": spec("p9", "")}]}),
            1_199_006,
            "'bk_biz_id' data parameter verification does not pass",
        ),
        (
            "batch_create_proc_template",
            json!({"bk_biz_id": 2, "service_template_id": 51, "processes": [{"spec": spec("p9", "")}]}),
            1_199_006,
            "'bk_biz_id' data parameter verification does not pass",
        ),
        (
            "get_proc_template",
            json!({"bk_biz_id": 2, "process_template_id": template}),
            1_199_019,
            "No relevant data found",
        ),
        (
            "create_service_instance",
            json!({"bk_biz_id": 1, "bk_module_id": 99, "instances": [{"bk_host_id": 1}]}),
            1_199_006,
            "'bk_module_id' data parameter verification does not pass",
        ),
        (
            "create_service_instance",
            json!({"bk_biz_id": 2, "bk_module_id": 11, "instances": [{"bk_host_id": 3}]}),
            1_199_006,
            "'bk_module_id' data parameter verification does not pass",
        ),
        (
            "create_service_instance",
            json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [{"bk_host_id": 3}]}),
            1_199_006,
            "'instances[0].bk_host_id' data parameter verification does not pass",
        ),
        (
            "create_service_instance",
            json!({"bk_biz_id": 1, "bk_module_id": 11, "instances": [{"bk_host_id": 404}]}),
            1_199_006,
            "'instances[0].bk_host_id' data parameter verification does not pass",
        ),
        (
            "list_process_instance",
            json!({"bk_biz_id": 2, "service_instance_id": instance}),
            1_199_006,
            "'service_instance_id' data parameter verification does not pass",
        ),
        (
            "update_process_instance",
            json!({"bk_biz_id": 2, "processes": [{"bk_process_id": process, "bk_process_name": "x", "bk_func_name": "x"}]}),
            1_199_011,
            "'[bk_process_id: 1]' the parameter is invalid or does not exist",
        ),
        (
            "delete_process_instance",
            json!({"bk_biz_id": 2, "process_instance_ids": [process]}),
            1_199_006,
            "'process_instance_ids' data parameter verification does not pass",
        ),
    ];
    for (endpoint, body, code, message) in cases {
        let answer = esb(&state, endpoint, body).await;
        assert_eq!(answer.error(code), message, "{endpoint}");
    }
    // A list is a filter, as the server's: another business's list holds none
    // of business 1's templates.
    let listed = esb(
        &state,
        "list_proc_template",
        json!({"bk_biz_id": 2, "service_template_id": 51}),
    )
    .await;
    assert_eq!(listed.data()["count"], 0);
    // Nothing changed.
    let listed = esb(
        &state,
        "list_process_instance",
        json!({"bk_biz_id": 1, "service_instance_id": instance}),
    )
    .await;
    assert_eq!(listed.data()[0]["property"]["bk_process_name"], "raw");
    let templates = esb(
        &state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51}),
    )
    .await;
    assert_eq!(templates.data()["count"], 1);
}
