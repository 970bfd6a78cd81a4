//! The common gateway fields a request body may carry beside its own fields.

use crate::Patch;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Authentication fields of the ESB gateway, flattened into every request body.
///
/// The old ESB address requires `bk_app_code` and `bk_app_secret` in the body;
/// the API gateway sends them in a header, so here they are optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Auth {
    /// The calling application's id.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_app_code: Patch<String>,
    /// The calling application's secret. Keep real secrets out of payload files.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_app_secret: Patch<String>,
    /// The user's login token. Keep real tokens out of payload files.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_token: Patch<String>,
    /// The user name, for applications on the login-free allow list.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_username: Patch<String>,
}
