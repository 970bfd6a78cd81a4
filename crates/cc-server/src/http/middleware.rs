//! The middleware every request passes: a fresh request id for the task that
//! serves it, and one log line when it is answered (method, path, endpoint,
//! result code, duration, request id). The line never holds a query string, a
//! header or a body, so no credential or secret field can reach the log.

use super::envelope::Outcome;
use super::request_id::{self, RequestId};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The endpoint a response answered, for the log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndpointName(pub &'static str);

/// Serves `request` with a fresh request id and logs the outcome.
pub async fn request_scope(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = RequestId::fresh();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = request_id::scope(id.clone(), next.run(request)).await;
    let endpoint = response
        .extensions()
        .get::<EndpointName>()
        .map_or("-", |name| name.0);
    let code = response
        .extensions()
        .get::<Outcome>()
        .map_or(-1, |outcome| outcome.code);
    tracing::info!(
        target: "cc_server::request",
        method = %method,
        path = %printable(&path),
        endpoint,
        code,
        status = response.status().as_u16(),
        duration_ms = format_args!("{:.3}", started.elapsed().as_secs_f64() * 1000.0),
        request_id = %id,
        "request"
    );
    response
}

/// A path as it may appear in a log line: control characters dropped, at most
/// 256 characters.
fn printable(path: &str) -> String {
    path.chars().filter(|c| !c.is_control()).take(256).collect()
}
