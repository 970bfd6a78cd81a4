//! App credentials: from the `X-Bkapi-Authorization` header (a JSON object, as
//! `bkapi-client-core` sends it) or from the body's `bk_app_code` and
//! `bk_app_secret` (the ESB style). Checked before the payload is validated or
//! anything is stored; secrets are compared in constant time and never echoed.

use super::error::ApiError;
use axum::http::HeaderMap;
use serde_json::Value;
use std::collections::HashMap;
use subtle::ConstantTimeEq;

/// The header the API gateway reads credentials from.
pub const HEADER: &str = "x-bkapi-authorization";

/// What a request presents.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The app code.
    pub app_code: String,
    /// The secret, if given.
    secret: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("app_code", &self.app_code)
            .field("secret", &self.secret.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// The credentials of the `X-Bkapi-Authorization` header, if it is sent.
pub fn from_header(headers: &HeaderMap) -> Result<Option<Credentials>, ApiError> {
    let Some(header) = headers.get(HEADER) else {
        return Ok(None);
    };
    let value: Value =
        serde_json::from_slice(header.as_bytes()).map_err(|_| ApiError::BadAuthorizationHeader)?;
    if !value.is_object() {
        return Err(ApiError::BadAuthorizationHeader);
    }
    Ok(from_object(&value))
}

/// The credentials in a JSON body (`bk_app_code`, `bk_app_secret`), if any.
#[must_use]
pub fn from_body(body: &Value) -> Option<Credentials> {
    from_object(body)
}

fn from_object(object: &Value) -> Option<Credentials> {
    let app_code = object.get("bk_app_code")?.as_str()?.to_owned();
    let secret = object
        .get("bk_app_secret")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Some(Credentials { app_code, secret })
}

/// The app code of `credentials` if the app is declared and its secret matches.
pub fn check<S: std::hash::BuildHasher>(
    apps: &HashMap<String, String, S>,
    credentials: Option<Credentials>,
) -> Result<String, ApiError> {
    let Some(credentials) = credentials else {
        return Err(ApiError::MissingCredentials);
    };
    let given = credentials.secret.as_deref().unwrap_or_default().as_bytes();
    // An unknown app still pays for a comparison, against a secret nobody has.
    let (expected, known) = match apps.get(&credentials.app_code) {
        Some(secret) => (secret.as_bytes(), true),
        None => (&[0_u8; 32][..], false),
    };
    let equal: bool = given.ct_eq(expected).into();
    if equal && known && credentials.secret.is_some() {
        Ok(credentials.app_code)
    } else {
        Err(ApiError::BadCredentials {
            app_code: printable(&credentials.app_code),
        })
    }
}

/// The app code as it may appear in a message: at most 128 printable characters.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).take(128).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn apps() -> HashMap<String, String> {
        HashMap::from([("ops".to_owned(), "s3cret-value".to_owned())])
    }

    #[test]
    fn a_known_app_with_its_secret_gets_in() {
        let body = serde_json::json!({"bk_app_code": "ops", "bk_app_secret": "s3cret-value"});
        assert_eq!(check(&apps(), from_body(&body)), Ok("ops".to_owned()));
    }

    #[test]
    fn a_wrong_or_missing_secret_is_refused_naming_the_app_only() {
        for body in [
            serde_json::json!({"bk_app_code": "ops", "bk_app_secret": "s3cret-valuf"}),
            serde_json::json!({"bk_app_code": "ops", "bk_app_secret": ""}),
            serde_json::json!({"bk_app_code": "ops"}),
            serde_json::json!({"bk_app_code": "other", "bk_app_secret": "s3cret-value"}),
        ] {
            let error = check(&apps(), from_body(&body)).expect_err("refused");
            let message = error.to_string();
            assert!(message.contains(body["bk_app_code"].as_str().unwrap_or_default()));
            assert!(!message.contains("s3cret"), "{message}");
        }
        assert_eq!(
            check(&apps(), from_body(&serde_json::json!({}))),
            Err(ApiError::MissingCredentials)
        );
    }

    #[test]
    fn the_header_is_a_json_object() {
        let mut headers = HeaderMap::new();
        headers.insert(
            HEADER,
            HeaderValue::from_static(r#"{"bk_app_code": "ops", "bk_app_secret": "s3cret-value"}"#),
        );
        let credentials = from_header(&headers).expect("parsed");
        assert_eq!(check(&apps(), credentials), Ok("ops".to_owned()));
        headers.insert(HEADER, HeaderValue::from_static("ops:s3cret-value"));
        assert_eq!(from_header(&headers), Err(ApiError::BadAuthorizationHeader));
    }
}
