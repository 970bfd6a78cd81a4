//! The envelope, request ids, unknown paths and methods, and bodies that are
//! not JSON: every answer is CMDB's JSON envelope.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{backend, esb, send, state};
use serde_json::json;

#[tokio::test]
async fn every_answer_has_a_fresh_request_id_in_the_body_and_the_header() {
    let state = state();
    let a = esb(
        &state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51}),
    )
    .await;
    let b = esb(
        &state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51}),
    )
    .await;
    for answer in [&a, &b] {
        let id = answer.body["request_id"].as_str().expect("request_id");
        assert_eq!(id.len(), 32);
        assert_eq!(answer.headers["x-request-id"], id);
        assert_eq!(answer.body["permission"], serde_json::Value::Null);
        assert_eq!(answer.body["message"], "success");
    }
    assert_ne!(a.body["request_id"], b.body["request_id"]);
}

#[tokio::test]
async fn an_unknown_path_is_an_envelope_error_not_html() {
    let state = state();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/c/compapi/v2/cc/no_such_endpoint/")
        .body(Body::empty())
        .expect("request");
    let answer = send(&state, request).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.headers["content-type"], "application/json");
    let message = answer.error(1_199_011);
    assert!(
        message.contains("/api/c/compapi/v2/cc/no_such_endpoint/"),
        "{message}"
    );
    assert_eq!(
        answer.headers["x-request-id"],
        answer.body["request_id"].as_str().expect("id")
    );
}

#[tokio::test]
async fn a_wrong_method_is_an_envelope_error() {
    let state = state();
    let answer = backend(
        &state,
        Method::GET,
        "/api/v3/createmany/proc/proc_template",
        json!({}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    let message = answer.error(1_199_011);
    assert!(message.contains("takes POST"), "{message}");
}

#[tokio::test]
async fn bodies_that_are_not_json_get_cmdb_codes() {
    let state = state();
    let header = json!({"bk_app_code": common::APP, "bk_app_secret": common::SECRET}).to_string();
    let request = |content_type: &str, body: &'static [u8]| {
        Request::builder()
            .method(Method::POST)
            .uri("/api/v3/findmany/proc/proc_template")
            .header("content-type", content_type)
            .header("x-bkapi-authorization", &header)
            .body(Body::from(body))
            .expect("request")
    };
    let answer = send(&state, request("application/json", b"{\"bk_biz_id\": ")).await;
    assert!(
        answer
            .error(1_199_000)
            .starts_with("Deserializing JSON data failed")
    );
    let answer = send(&state, request("application/json", b"")).await;
    assert_eq!(answer.error(1_199_005), "The input is empty");
    let answer = send(&state, request("text/plain", b"{}")).await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(answer.error(1_199_030).contains("text/plain"));
    // The server keeps serving.
    let answer = send(
        &state,
        request(
            "application/json",
            br#"{"bk_biz_id": 1, "service_template_id": 51}"#,
        ),
    )
    .await;
    assert_eq!(answer.data()["count"], 0);
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused() {
    let state = common::state_with(cc_server::Limits {
        max_body_size: 64,
        ..cc_server::Limits::default()
    });
    let body = json!({"bk_biz_id": 1, "service_template_id": 51, "padding": "x".repeat(100)});
    let answer = esb(&state, "list_proc_template", body).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.error(1_199_030).contains("larger than 64 bytes"));
}
