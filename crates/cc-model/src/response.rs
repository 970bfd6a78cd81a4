//! The response envelope every endpoint shares.

use crate::Patch;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// `{result, code, message, permission, request_id, data}`; `code` 0 is success.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "Response_{T}")]
pub struct Response<T> {
    /// Whether the request succeeded.
    pub result: bool,
    /// 0 on success, an error code otherwise.
    pub code: i64,
    /// The error message, or `success`.
    pub message: String,
    /// What permission was missing, on a permission error.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub permission: Patch<Map<String, Value>>,
    /// The request's trace id (the API gateway's examples leave it out).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub request_id: Patch<String>,
    /// The endpoint's result, `null` on failure.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub data: Patch<T>,
}
