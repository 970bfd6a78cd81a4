//! `list_process_detail_by_ids`: read processes by id.

use crate::{Auth, Patch, Process, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `list_process_detail_by_ids`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListProcessDetailByIdsRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id. The server takes it from the URL path
    /// (`.../detail/biz/{bk_biz_id}`); the doc examples also send it in the body.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub bk_biz_id: Patch<i64>,
    /// The processes to read (1 to 500).
    #[schemars(length(min = 1, max = 500))]
    pub bk_process_ids: Vec<i64>,
    /// The process fields to return.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub fields: Patch<Vec<String>>,
}

/// The response of `list_process_detail_by_ids`: the processes, with the fields
/// asked for.
pub type ListProcessDetailByIdsResponse = Response<Vec<Process>>;
