//! `update_proc_template`: change some fields of a process template.

use crate::endpoints::ProcTemplate;
use crate::{Auth, ProcessTemplatePatch, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `update_proc_template`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct UpdateProcTemplateRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id. Most doc tables leave it out; every example and the server
    /// use it.
    pub bk_biz_id: i64,
    /// The process template to change.
    pub process_template_id: i64,
    /// The fields to change, each as `{value, as_default_value}`: only the keys
    /// present are changed, and a present `bind_info` replaces the whole list.
    /// The server ignores `bk_func_name` here and keeps `bk_process_name` locked.
    pub process_property: ProcessTemplatePatch,
}

/// The response of `update_proc_template`: the template as stored after the
/// change.
pub type UpdateProcTemplateResponse = Response<ProcTemplate>;
