//! Credentials: missing, wrong, in the body and in the header; refused before
//! anything is stored, naming the app code and never the secret.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use common::{APP, SECRET, send, spec, state};
use serde_json::{Value, json};

fn create_body() -> Value {
    json!({"bk_biz_id": 1, "service_template_id": 51, "processes": [{"spec": spec("p1", "")}]})
}

async fn call(state: &cc_server::AppState, body: Value, header: Option<String>) -> common::Answer {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("/api/c/compapi/v2/cc/batch_create_proc_template/")
        .header("content-type", "application/json");
    if let Some(header) = header {
        request = request.header("x-bkapi-authorization", header);
    }
    send(
        state,
        request.body(Body::from(body.to_string())).expect("request"),
    )
    .await
}

async fn stored_templates(state: &cc_server::AppState) -> Value {
    common::esb(
        state,
        "list_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51}),
    )
    .await
    .data()["count"]
        .clone()
}

#[tokio::test]
async fn missing_credentials_are_refused_and_nothing_is_stored() {
    let state = state();
    let answer = call(&state, create_body(), None).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(answer.error(1_199_048).contains("no bk_app_code"));
    assert_eq!(stored_templates(&state).await, 0);
}

#[tokio::test]
async fn a_wrong_secret_is_refused_naming_the_app_but_not_the_secret() {
    let state = state();
    let secret = "a-wrong-but-real-looking-secret-9f8e7d";
    let mut body = create_body();
    body["bk_app_code"] = json!(APP);
    body["bk_app_secret"] = json!(secret);
    let answer = call(&state, body, None).await;
    let message = answer.error(1_199_048).to_owned();
    assert!(message.contains(&format!("[{APP}]")), "{message}");
    assert!(!answer.body.to_string().contains(secret));
    let header = json!({"bk_app_code": "someone-else", "bk_app_secret": SECRET}).to_string();
    let answer = call(&state, create_body(), Some(header)).await;
    assert!(answer.error(1_199_048).contains("[someone-else]"));
    assert!(!answer.body.to_string().contains(SECRET));
    assert_eq!(stored_templates(&state).await, 0);
}

#[tokio::test]
async fn credentials_in_the_body_or_the_header_get_in() {
    let state = state();
    let mut body = create_body();
    body["bk_app_code"] = json!(APP);
    body["bk_app_secret"] = json!(SECRET);
    let answer = call(&state, body, None).await;
    assert_eq!(answer.data().as_array().map(Vec::len), Some(1));
    let header = json!({"bk_app_code": APP, "bk_app_secret": SECRET}).to_string();
    let mut body = create_body();
    body["processes"][0]["spec"] = spec("p2", "");
    let answer = call(&state, body, Some(header)).await;
    assert_eq!(answer.data().as_array().map(Vec::len), Some(1));
    assert_eq!(stored_templates(&state).await, 2);
}

#[tokio::test]
async fn a_header_that_is_not_a_json_object_is_refused() {
    let state = state();
    let answer = call(&state, create_body(), Some(format!("{APP}:{SECRET}"))).await;
    assert!(answer.error(1_199_048).contains("X-Bkapi-Authorization"));
}
