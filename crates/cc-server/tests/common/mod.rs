//! Shared test helpers: a server on the bundled world, in memory, driven
//! through the router with `tower::ServiceExt::oneshot`.

#![allow(dead_code, unreachable_pub)]

pub mod binary;
pub mod local;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use cc_server::{AppState, Limits, Location};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The bundled example world.
pub const WORLD: &str = include_str!("../../examples/world.json");
/// Its app and secret.
pub const APP: &str = "cc-demo";
pub const SECRET: &str = "demo-secret-change-me";

/// A fresh in-memory server state on the bundled world.
pub fn state() -> AppState {
    state_with(Limits::default())
}

/// The same, with `limits`.
pub fn state_with(limits: Limits) -> AppState {
    let world = cc_server::world::parse(WORLD.as_bytes(), "world.json").expect("bundled world");
    AppState::open(Location::Memory, Some(&world), limits)
        .expect("open")
        .0
}

/// A fresh server state on the bundled world, stored in a database file in
/// `dir` (WAL, as users run it).
pub fn file_state(dir: &std::path::Path) -> AppState {
    let world = cc_server::world::parse(WORLD.as_bytes(), "world.json").expect("bundled world");
    AppState::open(
        Location::File(dir.join("cc.db")),
        Some(&world),
        Limits::default(),
    )
    .expect("open")
    .0
}

/// A response: status, headers and the parsed envelope.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    /// Asserts a success and returns `data`.
    #[track_caller]
    pub fn data(&self) -> &Value {
        assert_eq!(self.body["result"], true, "{:#}", self.body);
        assert_eq!(self.body["code"], 0, "{:#}", self.body);
        &self.body["data"]
    }

    /// Asserts a failure with `code` and returns the message.
    #[track_caller]
    pub fn error(&self, code: i64) -> &str {
        assert_eq!(self.body["result"], false, "{:#}", self.body);
        assert_eq!(self.body["code"], code, "{:#}", self.body);
        assert_eq!(self.body["data"], Value::Null);
        self.body["message"].as_str().unwrap_or_default()
    }
}

/// Sends a raw request through the router.
pub async fn send(state: &AppState, request: Request<Body>) -> Answer {
    let response = state.router().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let body: Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)));
    Answer {
        status,
        headers,
        body,
    }
}

/// `body` with the bundled app's credentials added (the ESB style).
pub fn with_credentials(mut body: Value) -> Value {
    if let Some(object) = body.as_object_mut() {
        object.insert("bk_app_code".to_owned(), json!(APP));
        object.insert("bk_app_secret".to_owned(), json!(SECRET));
    }
    body
}

/// Calls `endpoint` on its ESB path with body credentials.
pub async fn esb(state: &AppState, endpoint: &str, body: Value) -> Answer {
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/c/compapi/v2/cc/{endpoint}/"))
        .header("content-type", "application/json")
        .body(Body::from(with_credentials(body).to_string()))
        .expect("request");
    send(state, request).await
}

/// Calls a backend path with header credentials.
pub async fn backend(state: &AppState, method: Method, path: &str, body: Value) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .header(
            "x-bkapi-authorization",
            json!({"bk_app_code": APP, "bk_app_secret": SECRET}).to_string(),
        )
        .body(Body::from(body.to_string()))
        .expect("request");
    send(state, request).await
}

/// A process template spec with `name` as both names.
pub fn spec(name: &str, regex: &str) -> Value {
    json!({
        "bk_func_name": {"value": name, "as_default_value": false},
        "bk_process_name": {"value": name, "as_default_value": false},
        "bk_start_param_regex": {"value": regex, "as_default_value": false},
        "proc_num": {"value": 1, "as_default_value": true},
        "bind_info": {"value": [
            {"ip": {"value": "1", "as_default_value": true},
             "port": {"value": "8080", "as_default_value": true},
             "protocol": {"value": "1", "as_default_value": true},
             "enable": {"value": true, "as_default_value": false}}
        ], "as_default_value": true}
    })
}

/// Creates process templates in service template 51 of business 1; returns the ids.
pub async fn create_templates(state: &AppState, specs: Vec<Value>) -> Answer {
    let processes: Vec<Value> = specs
        .into_iter()
        .map(|spec| json!({"spec": spec}))
        .collect();
    esb(
        state,
        "batch_create_proc_template",
        json!({"bk_biz_id": 1, "service_template_id": 51, "processes": processes}),
    )
    .await
}
