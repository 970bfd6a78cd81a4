//! `sync_service_template_to_service_instance`: apply a service template to
//! the service instances of modules.

use crate::{Auth, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `sync_service_template_to_service_instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SyncServiceTemplateToServiceInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id (the server rejects 0).
    pub bk_biz_id: i64,
    /// The service template to apply (the server rejects 0); every module must
    /// be bound to it.
    pub service_template_id: i64,
    /// The modules whose service instances are synced (the server rejects an
    /// empty list).
    #[schemars(length(min = 1))]
    pub bk_module_ids: Vec<i64>,
}

/// The response of `sync_service_template_to_service_instance`: `data` is
/// `null`.
pub type SyncServiceTemplateToServiceInstanceResponse = Response<()>;
