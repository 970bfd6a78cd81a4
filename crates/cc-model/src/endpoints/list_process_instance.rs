//! `list_process_instance`: list the processes of a service instance.

use crate::{Auth, Process, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `list_process_instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListProcessInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// The service instance whose processes are listed.
    pub service_instance_id: i64,
}

/// One process of the service instance, with where it belongs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProcessWithRelation {
    /// The process's fields.
    pub property: Process,
    /// The process's service instance, template and host.
    pub relation: ProcessRelation,
}

/// Where a process belongs.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProcessRelation {
    /// Business id.
    pub bk_biz_id: i64,
    /// Process id.
    pub bk_process_id: i64,
    /// The service instance holding the process.
    pub service_instance_id: i64,
    /// The process template the process was created from (0 when none).
    pub process_template_id: i64,
    /// The host the process runs on.
    pub bk_host_id: i64,
    /// Supplier account.
    pub bk_supplier_account: String,
}

/// The response of `list_process_instance`.
pub type ListProcessInstanceResponse = Response<Vec<ProcessWithRelation>>;
