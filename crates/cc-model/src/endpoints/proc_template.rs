//! The process template object that `get_proc_template`, `update_proc_template`
//! and `list_proc_template` return.

use crate::ProcessTemplateSpec;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A stored process template, as the server returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProcTemplate {
    /// Process template id.
    pub id: i64,
    /// The template's process alias (a copy of `property.bk_process_name.value`).
    pub bk_process_name: String,
    /// Business id.
    pub bk_biz_id: i64,
    /// The service template the process template belongs to.
    pub service_template_id: i64,
    /// The template's fields, each as `{value, as_default_value}`.
    pub property: ProcessTemplateSpec,
    /// Who created the template.
    pub creator: String,
    /// Who changed the template last.
    pub modifier: String,
    /// Creation time.
    pub create_time: String,
    /// Last change time.
    pub last_time: String,
    /// Supplier account.
    pub bk_supplier_account: String,
}
