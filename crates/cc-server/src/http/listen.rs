//! The accept loop: HTTP/1.1 connections served by hyper with a header read
//! timeout (which also closes idle keep-alive connections), at most
//! [`Limits::max_connections`] at once (one more is answered with an envelope
//! error and closed), and a graceful stop that finishes the requests in flight.

use super::envelope::Envelope;
use super::error::ApiError;
use super::request_id::RequestId;
use crate::app::Limits;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// Serves `router` on `listener` until `shutdown` completes, then waits at most
/// [`Limits::shutdown_grace`] for the connections' requests in flight.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            tokio::spawn(refuse(stream, limits.max_connections));
            continue;
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A connection error (a client gone, a header timeout) ends only
            // that connection.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(limits.shutdown_grace) => {
            tracing::warn!("requests still in flight after the shutdown grace; stopping anyway");
        }
    }
}

/// Answers a connection over the limit with the envelope error and closes it.
async fn refuse(mut stream: TcpStream, limit: usize) {
    let error = ApiError::TooManyConnections { limit };
    let id = RequestId::fresh();
    let envelope = Envelope::<()> {
        result: false,
        code: error.code(),
        message: error.to_string(),
        permission: None,
        request_id: id.to_string(),
        data: None,
    };
    let body = serde_json::to_string(&envelope).unwrap_or_default();
    let status = error.status();
    let response = format!(
        "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\nx-request-id: {id}\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        status.as_u16(),
        status.canonical_reason().unwrap_or_default(),
        body.len()
    );
    tracing::warn!(
        target: "cc_server::request",
        code = error.code(),
        status = status.as_u16(),
        request_id = %id,
        "connection refused: {error}"
    );
    let work = async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await?;
        // Read what the client sent, so that closing does not reset the
        // connection before it reads the answer.
        let mut sink = [0_u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        Ok::<_, std::io::Error>(())
    };
    let _ = tokio::time::timeout(Duration::from_secs(1), work).await;
}
