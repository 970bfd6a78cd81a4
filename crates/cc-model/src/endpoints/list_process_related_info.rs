//! `list_process_related_info`: list processes with their set, module, host,
//! service instance and process template.

use crate::endpoints::Page;
use crate::{Auth, Patch, Process, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The request body of `list_process_related_info`, as the server reads it.
///
/// The docs also show a `process` object (`bk_process_names`, `bk_process_ids`);
/// the server dropped it and ignores it, so it is not modelled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ListProcessRelatedInfoRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id. The server takes it from the URL path
    /// (`.../process_related_info/biz/{bk_biz_id}`); the doc examples also send it
    /// in the body.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub bk_biz_id: Patch<i64>,
    /// Only processes in these sets.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub set: Patch<SetFilter>,
    /// Only processes in these modules.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub module: Patch<ModuleFilter>,
    /// Only processes in these service instances.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_instance: Patch<ServiceInstanceFilter>,
    /// Only processes matching this query-builder filter on process fields
    /// (`{"condition": "AND", "rules": [...]}`); not in the docs.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub process_property_filter: Patch<Map<String, Value>>,
    /// The process fields to return.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub fields: Patch<Vec<String>>,
    /// Which slice of the results to return. The server rejects a request without
    /// a page limit.
    pub page: Page,
}

/// Sets to list the processes of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct SetFilter {
    /// Set ids.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_set_ids: Patch<Vec<i64>>,
}

/// Modules to list the processes of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ModuleFilter {
    /// Module ids.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub bk_module_ids: Patch<Vec<i64>>,
}

/// Service instances to list the processes of.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct ServiceInstanceFilter {
    /// Service instance ids.
    #[serde(skip_serializing_if = "Patch::is_absent")]
    pub ids: Patch<Vec<i64>>,
}

/// The processes found.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ListProcessRelatedInfoData {
    /// Number of matching processes.
    pub count: i64,
    /// The processes of the requested page, each with where it runs.
    pub info: Vec<ProcessRelatedInfo>,
}

/// One process with its set, module, host, service instance and template.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ProcessRelatedInfo {
    /// The set.
    pub set: RelatedSet,
    /// The module.
    pub module: RelatedModule,
    /// The host.
    pub host: RelatedHost,
    /// The service instance.
    pub service_instance: RelatedServiceInstance,
    /// The process template (id 0 when the process has none).
    pub process_template: RelatedProcessTemplate,
    /// The process, with the fields asked for.
    pub process: Process,
}

/// The set a process runs in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RelatedSet {
    /// Set id.
    pub bk_set_id: i64,
    /// Set name.
    pub bk_set_name: String,
    /// Set environment type code.
    pub bk_set_env: String,
}

/// The module a process runs in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RelatedModule {
    /// Module id.
    pub bk_module_id: i64,
    /// Module name.
    pub bk_module_name: String,
}

/// The host a process runs on. Which other host fields are present varies between
/// server versions and between items, so the object stays open to them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RelatedHost {
    /// Host id.
    pub bk_host_id: i64,
    /// Cloud area id.
    pub bk_cloud_id: i64,
    /// The host's inner IPv4 addresses, comma-separated.
    pub bk_host_innerip: String,
    /// Any other host fields (`bk_host_innerip_v6`, `bk_addressing`,
    /// `bk_agent_id`, ...).
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// The service instance holding a process.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RelatedServiceInstance {
    /// Service instance id.
    pub id: i64,
    /// Service instance name.
    pub name: String,
}

/// The process template a process was created from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RelatedProcessTemplate {
    /// Process template id.
    pub id: i64,
}

/// The response of `list_process_related_info`.
pub type ListProcessRelatedInfoResponse = Response<ListProcessRelatedInfoData>;
