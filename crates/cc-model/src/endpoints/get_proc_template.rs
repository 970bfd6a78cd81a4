//! `get_proc_template`: read one process template.

use crate::endpoints::ProcTemplate;
use crate::{Auth, Patch, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `get_proc_template`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GetProcTemplateRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// The process template to read. The server takes the id from the URL path
    /// (`.../proc_template/id/{process_template_id}`) and ignores this key; the
    /// doc examples send it in the body.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub process_template_id: Patch<i64>,
}

/// The response of `get_proc_template`: the process template.
pub type GetProcTemplateResponse = Response<ProcTemplate>;
