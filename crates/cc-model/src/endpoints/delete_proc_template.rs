//! `delete_proc_template`: delete process templates.

use crate::{Auth, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `delete_proc_template`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeleteProcTemplateRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// Ids of the process templates to delete (1 to 500).
    #[schemars(length(min = 1, max = 500))]
    pub process_templates: Vec<i64>,
}

/// The response of `delete_proc_template`: `data` is `null`.
pub type DeleteProcTemplateResponse = Response<()>;
