//! `create_process_instance`: add processes to a service instance that was not
//! created from a service template.

use crate::{Auth, Process, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `create_process_instance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CreateProcessInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id; must be the service instance's business. No doc table lists
    /// it, but the server requires it.
    pub bk_biz_id: i64,
    /// The service instance to add the processes to.
    pub service_instance_id: i64,
    /// The processes to create (1 to 100; the server rejects an empty list).
    #[schemars(length(min = 1, max = 100))]
    pub processes: Vec<ProcessInfoEntry>,
}

/// One process to create.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProcessInfoEntry {
    /// The process's fields. The server overwrites `bk_process_id`, `bk_biz_id`,
    /// `bk_supplier_account`, `service_instance_id`, `create_time` and
    /// `last_time`.
    pub process_info: Process,
}

/// The response of `create_process_instance`: the ids of the new processes.
pub type CreateProcessInstanceResponse = Response<Vec<i64>>;
