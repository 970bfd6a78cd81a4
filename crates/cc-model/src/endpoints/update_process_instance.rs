//! `update_process_instance`: edit process instances.

use crate::{Auth, Process, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `update_process_instance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = crate::schema::require_biz_and_processes)]
pub struct UpdateProcessInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id. The server answers an empty or missing `processes` before
    /// reading it, so the model reads a body without it (as 0); the schema
    /// keeps it required, as the docs do.
    #[serde(default)]
    pub bk_biz_id: i64,
    /// The processes to edit, each with its `bk_process_id` (at most 100; an empty
    /// list does nothing). A key given as `null` clears that field.
    #[serde(default)]
    #[schemars(length(max = 100))]
    pub processes: Vec<Process>,
}

/// The response of `update_process_instance`: the ids of the edited processes.
pub type UpdateProcessInstanceResponse = Response<Vec<i64>>;
