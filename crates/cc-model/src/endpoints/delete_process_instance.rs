//! `delete_process_instance`: delete processes.

use crate::{Auth, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `delete_process_instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeleteProcessInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// Ids of the processes to delete (1 to 500). The doc tables type it `int`;
    /// it is a list.
    #[schemars(length(min = 1, max = 500))]
    pub process_instance_ids: Vec<i64>,
}

/// The response of `delete_process_instance`: `data` is `null`.
pub type DeleteProcessInstanceResponse = Response<()>;
