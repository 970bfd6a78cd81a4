//! One request as an endpoint sees it: the parsed body, its bytes, the path
//! parameters and the calling app.

use crate::http::ApiError;
use axum::body::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A request that passed the credentials check.
#[derive(Debug, Clone)]
pub struct Call {
    body: Value,
    bytes: Bytes,
    path: Vec<(String, String)>,
    app_code: String,
}

impl Call {
    /// A call with its parsed `body`, the `bytes` it was parsed from, the path
    /// parameters and the app that made it.
    #[must_use]
    pub fn new(body: Value, bytes: Bytes, path: Vec<(String, String)>, app_code: String) -> Self {
        Self {
            body,
            bytes,
            path,
            app_code,
        }
    }

    /// The body's bytes.
    #[must_use]
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes to validate: the body's, or, where the route has integer path
    /// parameters (`{bk_biz_id}`) the body lacks, the body with them added, as
    /// the server reads them from the path.
    #[must_use]
    pub fn validated_bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        let mut body = self.body.clone();
        let mut added = false;
        if let Some(object) = body.as_object_mut() {
            for (key, text) in &self.path {
                if let (false, Ok(id)) = (object.contains_key(key), text.parse::<i64>()) {
                    object.insert(key.clone(), Value::from(id));
                    added = true;
                }
            }
        }
        match (added, serde_json::to_vec(&body)) {
            (true, Ok(bytes)) => std::borrow::Cow::Owned(bytes),
            _ => std::borrow::Cow::Borrowed(&self.bytes),
        }
    }

    /// The parsed body.
    #[must_use]
    pub fn body(&self) -> &Value {
        &self.body
    }

    /// The body as the endpoint's request type.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        serde_json::from_value(self.body.clone())
            .map_err(|error| ApiError::invalid_because("the request body", error))
    }

    /// The body, changed by `edit` first, as the endpoint's request type.
    pub fn parse_edited<T: DeserializeOwned>(
        &self,
        edit: impl FnOnce(&mut Value),
    ) -> Result<T, ApiError> {
        let mut body = self.body.clone();
        edit(&mut body);
        serde_json::from_value(body)
            .map_err(|error| ApiError::invalid_because("the request body", error))
    }

    /// An integer path parameter (`{bk_biz_id}`), if the route has it.
    pub fn path_id(&self, name: &str) -> Result<Option<i64>, ApiError> {
        let Some((_, text)) = self.path.iter().find(|(key, _)| key == name) else {
            return Ok(None);
        };
        text.parse()
            .map(Some)
            .map_err(|_| ApiError::invalid_because(name, "must be an integer"))
    }

    /// Who the call is made as: the body's `bk_username`, else the app code.
    #[must_use]
    pub fn user(&self) -> &str {
        self.body
            .get("bk_username")
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty())
            .unwrap_or(&self.app_code)
    }
}
