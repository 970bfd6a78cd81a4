//! CMDB's response envelope, `{result, code, message, permission, request_id,
//! data}`: the one place where a success ([`Reply`]) or a failure
//! ([`ApiError`]) becomes an HTTP response.

use super::error::ApiError;
use super::request_id::{self, HEADER};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

/// The envelope every response body is.
#[derive(Debug, Serialize)]
pub struct Envelope<T> {
    /// Whether the call succeeded.
    pub result: bool,
    /// 0 on success, else CMDB's error code.
    pub code: i64,
    /// `success`, or the error message.
    pub message: String,
    /// Always `null`: the server has no permission model beyond app credentials.
    pub permission: Option<Value>,
    /// The request's id (also in the `X-Request-Id` header).
    pub request_id: String,
    /// The endpoint's data; `null` on failure.
    pub data: Option<T>,
}

/// What the logging middleware reads off a response: the CMDB code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The envelope's `code`.
    pub code: i64,
}

/// A successful call's data.
#[derive(Debug)]
pub struct Reply(pub Value);

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        respond(StatusCode::OK, 0, "success".to_owned(), Some(self.0))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        respond(self.status(), self.code(), self.to_string(), None)
    }
}

/// The envelope as a JSON response with the request id header.
fn respond(status: StatusCode, code: i64, message: String, data: Option<Value>) -> Response {
    let id = request_id::current();
    let envelope = Envelope {
        result: code == 0,
        code,
        message,
        permission: None,
        request_id: id.to_string(),
        data,
    };
    let body = serde_json::to_vec(&envelope).unwrap_or_else(|_| {
        // Serialising a Value cannot fail; keep a valid envelope regardless.
        br#"{"result":false,"code":1199001,"message":"Serialized JSON failed","permission":null,"request_id":"","data":null}"#.to_vec()
    });
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        headers.insert(HEADER, value);
    }
    response.extensions_mut().insert(Outcome { code });
    response
}
