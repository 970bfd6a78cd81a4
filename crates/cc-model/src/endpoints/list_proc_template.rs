//! `list_proc_template`: list the process templates of a service template, or
//! given by id.

use crate::endpoints::{Page, ProcTemplate};
use crate::{Auth, Patch, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `list_proc_template`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListProcTemplateRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// List the process templates of this service template. The server rejects a
    /// request without a service template id and without process template ids.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_template_id: Patch<i64>,
    /// List these process templates (at most 200).
    #[schemars(length(max = 200))]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub process_template_ids: Patch<Vec<i64>>,
    /// Which slice of the results to return.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub page: Patch<Page>,
}

/// The process templates found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ListProcTemplateData {
    /// Number of matching process templates.
    pub count: i64,
    /// The process templates of the requested page.
    pub info: Vec<ProcTemplate>,
}

/// The response of `list_proc_template`.
pub type ListProcTemplateResponse = Response<ListProcTemplateData>;
