//! The floor: a bare axum handler answering a fixed envelope, on the same
//! runtime configuration as cc-server, in its own process. What the HTTP stack
//! and the load generator cost, without validation, storage or logging.

use axum::Router;
use axum::http::header;
use axum::routing::any;

const ENVELOPE: &str = r#"{"result":true,"code":0,"message":"success","permission":null,"request_id":"00000000000000000000000000000000","data":[]}"#;

/// Serves the fixed envelope on every path of a free loopback port; prints
/// `listening on ADDRESS` on standard error.
pub(crate) fn serve() -> std::io::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        eprintln!("listening on {}", listener.local_addr()?);
        let router = Router::new().fallback(any(|| async {
            ([(header::CONTENT_TYPE, "application/json")], ENVELOPE)
        }));
        axum::serve(listener, router).await
    })
}
