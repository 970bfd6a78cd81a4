//! `delete_service_instance`: delete service instances and their processes.

use crate::{Auth, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `delete_service_instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeleteServiceInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id; every instance must belong to it.
    pub bk_biz_id: i64,
    /// Ids of the service instances to delete (1 to 500; the server rejects an
    /// empty list).
    #[schemars(length(min = 1, max = 500))]
    pub service_instance_ids: Vec<i64>,
}

/// The response of `delete_service_instance`: `data` is `null`.
pub type DeleteServiceInstanceResponse = Response<()>;
