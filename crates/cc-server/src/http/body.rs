//! Reading a request body: the size limit, the content type, and the JSON.

use super::error::ApiError;
use axum::body::Body;
use axum::body::Bytes;
use axum::http::{HeaderMap, header};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::Value;
use std::time::Duration;

/// Reads at most `limit` bytes of `body`; a longer body is refused as soon as
/// the limit is passed (or at once, when its `Content-Length` says so), and a
/// body that has not arrived whole within `timeout` is refused too.
pub async fn read(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
    timeout: Duration,
) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(ApiError::BodyTooLarge { limit });
    }
    let collected = tokio::time::timeout(timeout, Limited::new(body, limit).collect())
        .await
        .map_err(|_| ApiError::BodyTimeout {
            millis: timeout.as_millis(),
        })?;
    match collected {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(ApiError::BodyTooLarge { limit }),
        Err(_) => Err(ApiError::BodyRead),
    }
}

/// Refuses a `Content-Type` that is not JSON. A request without one is read as
/// JSON (some scripts send none).
pub fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(());
    };
    let text = value.to_str().unwrap_or_default();
    let essence = text.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/json")
        || essence.to_ascii_lowercase().ends_with("+json")
    {
        Ok(())
    } else {
        // Only the media type is echoed: its parameters may carry anything.
        Err(ApiError::UnsupportedMediaType {
            content_type: essence
                .chars()
                .filter(|c| c.is_ascii_graphic() || *c == ' ')
                .take(100)
                .collect(),
        })
    }
}

/// Parses the body as JSON: a repeated key keeps its last value, as the
/// server's reader does.
pub fn parse(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::EmptyBody);
    }
    let text = std::str::from_utf8(bytes).map_err(|error| ApiError::InvalidJson {
        detail: format!("the body is not UTF-8 (byte {})", error.valid_up_to()),
    })?;
    serde_json::from_str(text).map_err(|error| ApiError::InvalidJson {
        detail: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn bodies_that_are_not_json_are_refused_with_their_reason() {
        assert_eq!(parse(b""), Err(ApiError::EmptyBody));
        assert_eq!(parse(b"  \n"), Err(ApiError::EmptyBody));
        assert!(matches!(
            parse(b"{\"a\":"),
            Err(ApiError::InvalidJson { .. })
        ));
        assert!(
            matches!(parse(b"\"\xff\""), Err(ApiError::InvalidJson { detail }) if detail.contains("UTF-8"))
        );
        let deep = "[".repeat(100_000);
        assert!(matches!(
            parse(deep.as_bytes()),
            Err(ApiError::InvalidJson { .. })
        ));
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value() {
        assert_eq!(
            parse(br#"{"a": 1, "a": 2}"#),
            Ok(serde_json::json!({"a": 2}))
        );
    }

    #[test]
    fn only_json_content_types_pass() {
        let mut headers = HeaderMap::new();
        assert!(check_content_type(&headers).is_ok());
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        assert!(check_content_type(&headers).is_ok());
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; token=abc"),
        );
        assert!(matches!(
            check_content_type(&headers),
            Err(ApiError::UnsupportedMediaType { content_type }) if content_type == "text/plain"
        ));
    }
}
