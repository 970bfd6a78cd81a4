//! `create_service_instance`: create service instances in a module, on hosts.

use crate::{Auth, Patch, Process, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `create_service_instance`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CreateServiceInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id; must be the module's business.
    pub bk_biz_id: i64,
    /// The module the service instances are created in. In a module bound to a
    /// service template, each instance gets one process per process template.
    pub bk_module_id: i64,
    /// The service instances to create (1 to 100; the server rejects an empty
    /// list).
    #[schemars(length(min = 1, max = 100))]
    pub instances: Vec<ServiceInstanceEntry>,
}

/// One service instance to create.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ServiceInstanceEntry {
    /// The host the service instance runs on; must be in the module.
    pub bk_host_id: i64,
    /// Service instance name (at most 256 characters). Empty or missing: the
    /// server names it after the host's IP, the first process's name and port.
    #[schemars(length(max = 256))]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_instance_name: Patch<String>,
    /// The processes to create in the instance. The docs call it required; the
    /// server accepts it missing. In a module bound to a service template, only
    /// the fields the template does not lock are taken.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub processes: Patch<Vec<ServiceInstanceProcess>>,
}

/// One process of a service instance to create.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ServiceInstanceProcess {
    /// The process template the process is created from (0 in a module without
    /// a service template).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub process_template_id: Patch<i64>,
    /// The process's fields, as in `create_process_instance`. The server
    /// overwrites `bk_process_id`, `bk_biz_id`, `bk_supplier_account`,
    /// `service_instance_id`, `create_time` and `last_time`.
    pub process_info: Process,
}

/// The response of `create_service_instance`: the ids of the new service
/// instances.
pub type CreateServiceInstanceResponse = Response<Vec<i64>>;
