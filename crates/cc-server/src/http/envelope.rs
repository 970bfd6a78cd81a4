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

/// An endpoint's data: a value, or JSON text the server built itself.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// A value, serialised into the envelope.
    Value(Value),
    /// The compact JSON text of a value (as `serde_json::to_string` writes it),
    /// built by the server from what it stored, never from a request: spliced
    /// into the envelope as it is, so a list of stored processes is answered
    /// without parsing them (the bytes are those [`Data::Value`] of the parsed
    /// text gives).
    Json(String),
}

impl From<Value> for Data {
    fn from(value: Value) -> Self {
        Self::Value(value)
    }
}

/// A successful call's data.
#[derive(Debug)]
pub struct Reply(pub Data);

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
fn respond(status: StatusCode, code: i64, message: String, data: Option<Data>) -> Response {
    let id = request_id::current();
    let body = body(code, message, id.to_string(), data);
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

/// The envelope's bytes.
fn body(code: i64, message: String, request_id: String, data: Option<Data>) -> Vec<u8> {
    let (value, json) = match data {
        None => (None, None),
        Some(Data::Value(value)) => (Some(value), None),
        Some(Data::Json(json)) => (None, Some(json)),
    };
    let envelope = Envelope {
        result: code == 0,
        code,
        message,
        permission: None,
        request_id,
        data: value,
    };
    // Serialising a Value cannot fail; keep a valid envelope regardless.
    let failed = || {
        br#"{"result":false,"code":1199001,"message":"Serialized JSON failed","permission":null,"request_id":"","data":null}"#.to_vec()
    };
    let Ok(mut body) = serde_json::to_vec(&envelope) else {
        return failed();
    };
    if let Some(json) = json {
        // `data` is the envelope's last field: its `null}` becomes the text.
        if !body.ends_with(br#","data":null}"#) {
            return failed();
        }
        body.truncate(body.len() - b"null}".len());
        body.reserve(json.len() + 1);
        body.extend_from_slice(json.as_bytes());
        body.push(b'}');
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_text_is_spliced_as_its_value_would_be_serialised() {
        let value = json!([{"property": {"name": "ü \"q\" \u{1F600}", "n": null, "rows": [1, -2.5]},
            "relation": {"bk_biz_id": 3}}, [], {}]);
        for data in [value.clone(), Value::Null, json!("text"), json!(0)] {
            let text = serde_json::to_string(&data).expect("text");
            let spliced = body(
                0,
                "success".to_owned(),
                "id \"1\"".to_owned(),
                Some(Data::Json(text)),
            );
            let serialised = body(
                0,
                "success".to_owned(),
                "id \"1\"".to_owned(),
                Some(Data::Value(data)),
            );
            assert_eq!(
                String::from_utf8(spliced).expect("UTF-8"),
                String::from_utf8(serialised).expect("UTF-8")
            );
        }
    }

    #[test]
    fn a_failure_has_null_data() {
        let failed: Value =
            serde_json::from_slice(&body(1_199_014, "taken".to_owned(), "r".to_owned(), None))
                .expect("JSON");
        assert_eq!(
            failed,
            json!({"result": false, "code": 1_199_014, "message": "taken", "permission": null,
                "request_id": "r", "data": null})
        );
    }
}
