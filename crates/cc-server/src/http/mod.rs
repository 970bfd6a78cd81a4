//! The HTTP layer: routes, credentials, bodies, the envelope and the
//! per-request middleware. Handlers are thin: read the request, call
//! [`crate::endpoints::run`], answer in the envelope.

pub mod auth;
pub mod body;
pub mod envelope;
mod error;
pub mod listen;
pub mod middleware;
pub mod request_id;

pub use error::ApiError;

use crate::app::AppState;
use crate::endpoints::{self, Call, Endpoint};
use axum::Router;
use axum::extract::{RawPathParams, Request, State};
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, MethodRouter, on};
use envelope::{Data, Reply};
use middleware::EndpointName;

/// The router: the ESB paths and the backend paths of every endpoint, an
/// envelope error for any other path or method, and the request middleware.
pub fn router(state: AppState) -> Router {
    let mut router = Router::new();
    for &endpoint in Endpoint::ALL {
        for path in endpoint.esb_paths() {
            router = router.route(&path, route(endpoint, &Method::POST));
        }
        let (method, path) = endpoint.backend();
        router = router.route(path, route(endpoint, &method));
    }
    layers(router.fallback(unknown_path)).with_state(state)
}

/// The layers around every route, innermost first: a panicking handler is
/// answered as an internal error in the envelope (and the connection kept),
/// inside the request-id scope and the log line.
fn layers<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                tracing::error!("a handler panicked");
                ApiError::Internal("handler".to_owned()).into_response()
            },
        ))
        .layer(axum::middleware::from_fn(middleware::request_scope))
}

/// The route of `endpoint` on `method`; other methods get an envelope error.
fn route(endpoint: Endpoint, method: &Method) -> MethodRouter<AppState> {
    let allowed: &'static str = match *method {
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        _ => "POST",
    };
    let filter = match *method {
        Method::PUT => MethodFilter::PUT,
        Method::DELETE => MethodFilter::DELETE,
        _ => MethodFilter::POST,
    };
    on(
        filter,
        move |State(state): State<AppState>, params: RawPathParams, request: Request| {
            handle(endpoint, state, params, request)
        },
    )
    .fallback(move |request: Request| async move {
        ApiError::MethodNotAllowed {
            method: request.method().to_string(),
            path: request.uri().path().to_owned(),
            allowed,
        }
    })
}

/// Answers one call of `endpoint`.
async fn handle(
    endpoint: Endpoint,
    state: AppState,
    params: RawPathParams,
    request: Request,
) -> Response {
    let path = params
        .iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
    let mut response = match serve(endpoint, &state, path, request).await {
        Ok(data) => Reply(data).into_response(),
        Err(error) => error.into_response(),
    };
    response
        .extensions_mut()
        .insert(EndpointName(endpoint.name()));
    response
}

/// Credentials, body, then the endpoint. Header credentials are checked before
/// the body is read; body credentials right after it is parsed, before the
/// payload is validated or anything is stored.
async fn serve(
    endpoint: Endpoint,
    state: &AppState,
    path: Vec<(String, String)>,
    request: Request,
) -> Result<Data, ApiError> {
    let (parts, body) = request.into_parts();
    let header_credentials = auth::from_header(&parts.headers)?;
    let header_app = match header_credentials {
        Some(credentials) => Some(auth::check(state.apps(), Some(credentials))?),
        None => None,
    };
    body::check_content_type(&parts.headers)?;
    let limits = state.limits();
    let bytes = body::read(
        &parts.headers,
        body,
        limits.max_body_size,
        limits.body_read_timeout,
    )
    .await?;
    let value = body::parse(&bytes)?;
    let app_code = match header_app {
        Some(app_code) => app_code,
        None => auth::check(state.apps(), auth::from_body(&value))?,
    };
    endpoints::run(state, endpoint, Call::new(value, bytes, path, app_code)).await
}

/// Any path that is no endpoint's.
async fn unknown_path(request: Request) -> ApiError {
    ApiError::UnknownPath {
        method: request.method().to_string(),
        path: request.uri().path().chars().take(256).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request as HttpRequest, StatusCode};
    use http_body_util::BodyExt;
    use serde_json::Value;
    use tower::ServiceExt;

    /// A `std::io::Write` into a shared buffer, for capturing log lines.
    #[derive(Clone, Default)]
    struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .map_err(|_| std::io::Error::other("poisoned"))?
                .extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_panicking_handler_is_answered_in_the_envelope_logged_and_the_next_request_served() {
        let sink = Sink::default();
        let writer = sink.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let router = layers(
            Router::new()
                .route(
                    "/panic",
                    axum::routing::get(|| async {
                        let empty: Vec<u8> = Vec::new();
                        Response::new(Body::from(vec![empty[1]]))
                    }),
                )
                .route(
                    "/ok",
                    axum::routing::get(|| async { Reply(Data::Value(Value::Null)) }),
                ),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let (panicked, served) = tracing::subscriber::with_default(subscriber, || {
            runtime.block_on(async {
                let get = |path: &str| HttpRequest::get(path).body(Body::empty()).expect("request");
                let panicked = router
                    .clone()
                    .oneshot(get("/panic"))
                    .await
                    .expect("answered");
                let served = router.oneshot(get("/ok")).await.expect("answered");
                (panicked, served)
            })
        });
        assert_eq!(panicked.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(served.status(), StatusCode::OK);
        let id = panicked.headers()[request_id::HEADER]
            .to_str()
            .expect("id")
            .to_owned();
        let bytes = runtime
            .block_on(panicked.into_body().collect())
            .expect("body")
            .to_bytes();
        let body: Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(body["code"], 1_199_999);
        assert_eq!(body["result"], false);
        assert_eq!(body["message"], "'handler' Internal Server Error");
        assert_eq!(body["request_id"], id);
        let log = String::from_utf8(sink.0.lock().expect("log").clone()).expect("UTF-8");
        let line = log
            .lines()
            .find(|line| line.contains("a handler panicked"))
            .unwrap_or_else(|| panic!("no panic line in {log}"));
        assert!(line.contains("ERROR"), "{line}");
        assert!(
            log.lines()
                .any(|line| line.contains("code=1199999") && line.contains(&id)),
            "{log}"
        );
    }
}
