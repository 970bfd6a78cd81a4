//! The endpoints this crate models, and which request and response types belong to
//! each.

use crate::endpoints::{
    BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse, CreateProcessInstanceRequest,
    CreateProcessInstanceResponse, DeleteProcTemplateRequest, DeleteProcTemplateResponse,
    DeleteProcessInstanceRequest, DeleteProcessInstanceResponse, GetProcTemplateRequest,
    GetProcTemplateResponse, ListProcTemplateRequest, ListProcTemplateResponse,
    ListProcessDetailByIdsRequest, ListProcessDetailByIdsResponse, ListProcessInstanceRequest,
    ListProcessInstanceResponse, ListProcessRelatedInfoRequest, ListProcessRelatedInfoResponse,
    UpdateProcTemplateRequest, UpdateProcTemplateResponse, UpdateProcessInstanceRequest,
    UpdateProcessInstanceResponse,
};
use crate::endpoints::{
    CreateServiceInstanceRequest, CreateServiceInstanceResponse, CreateServiceTemplateRequest,
    CreateServiceTemplateResponse, DeleteServiceInstanceRequest, DeleteServiceInstanceResponse,
    ListServiceInstanceRequest, ListServiceInstanceResponse, ListServiceTemplateDifferenceRequest,
    ListServiceTemplateDifferenceResponse, SyncServiceTemplateToServiceInstanceRequest,
    SyncServiceTemplateToServiceInstanceResponse,
};
use schemars::{Schema, SchemaGenerator};
use std::fmt;
use std::str::FromStr;

/// A CMDB API endpoint whose payloads are modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    /// `batch_create_proc_template`: create process templates in a service template.
    BatchCreateProcTemplate,
    /// `update_process_instance`: edit process instances.
    UpdateProcessInstance,
    /// `update_proc_template`: change some fields of a process template.
    UpdateProcTemplate,
    /// `delete_proc_template`: delete process templates.
    DeleteProcTemplate,
    /// `create_process_instance`: add processes to a service instance.
    CreateProcessInstance,
    /// `get_proc_template`: read one process template.
    GetProcTemplate,
    /// `list_proc_template`: list process templates.
    ListProcTemplate,
    /// `list_process_instance`: list the processes of a service instance.
    ListProcessInstance,
    /// `list_process_detail_by_ids`: read processes by id.
    ListProcessDetailByIds,
    /// `list_process_related_info`: list processes with their set, module, host and templates.
    ListProcessRelatedInfo,
    /// `delete_process_instance`: delete processes.
    DeleteProcessInstance,
    /// `create_service_template`: create a service template.
    CreateServiceTemplate,
    /// `create_service_instance`: create service instances in a module.
    CreateServiceInstance,
    /// `list_service_instance`: list the service instances of a business.
    ListServiceInstance,
    /// `delete_service_instance`: delete service instances and their processes.
    DeleteServiceInstance,
    /// `list_service_template_difference`: whether service instances differ from
    /// their service templates.
    ListServiceTemplateDifference,
    /// `sync_service_template_to_service_instance`: apply a service template to
    /// the service instances of modules.
    SyncServiceTemplateToServiceInstance,
}

/// Whether a payload is a request body or a response body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PayloadKind {
    /// A request body.
    Request,
    /// A response body (`{result, code, message, data, ...}`).
    Response,
}

impl PayloadKind {
    /// Both kinds, requests first.
    pub const ALL: [Self; 2] = [Self::Request, Self::Response];

    /// `request` or `response`.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Request => "request",
            Self::Response => "response",
        }
    }
}

impl fmt::Display for PayloadKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Endpoint {
    /// Every modelled endpoint: the first two in name order, the others in the
    /// order they were added, so that the order of existing output stays.
    pub const ALL: [Self; 17] = [
        Self::BatchCreateProcTemplate,
        Self::UpdateProcessInstance,
        Self::UpdateProcTemplate,
        Self::DeleteProcTemplate,
        Self::CreateProcessInstance,
        Self::GetProcTemplate,
        Self::ListProcTemplate,
        Self::ListProcessInstance,
        Self::ListProcessDetailByIds,
        Self::ListProcessRelatedInfo,
        Self::DeleteProcessInstance,
        Self::CreateServiceTemplate,
        Self::CreateServiceInstance,
        Self::ListServiceInstance,
        Self::DeleteServiceInstance,
        Self::ListServiceTemplateDifference,
        Self::SyncServiceTemplateToServiceInstance,
    ];

    /// The endpoint's API name, as in its URL.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::BatchCreateProcTemplate => "batch_create_proc_template",
            Self::UpdateProcessInstance => "update_process_instance",
            Self::UpdateProcTemplate => "update_proc_template",
            Self::DeleteProcTemplate => "delete_proc_template",
            Self::CreateProcessInstance => "create_process_instance",
            Self::GetProcTemplate => "get_proc_template",
            Self::ListProcTemplate => "list_proc_template",
            Self::ListProcessInstance => "list_process_instance",
            Self::ListProcessDetailByIds => "list_process_detail_by_ids",
            Self::ListProcessRelatedInfo => "list_process_related_info",
            Self::DeleteProcessInstance => "delete_process_instance",
            Self::CreateServiceTemplate => "create_service_template",
            Self::CreateServiceInstance => "create_service_instance",
            Self::ListServiceInstance => "list_service_instance",
            Self::DeleteServiceInstance => "delete_service_instance",
            Self::ListServiceTemplateDifference => "list_service_template_difference",
            Self::SyncServiceTemplateToServiceInstance => {
                "sync_service_template_to_service_instance"
            }
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An endpoint name that is not one of [`Endpoint::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownEndpoint(pub String);

impl fmt::Display for UnknownEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown endpoint `{}`; expected one of ", self.0)?;
        for (index, endpoint) in Endpoint::ALL.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(endpoint.name())?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownEndpoint {}

impl FromStr for Endpoint {
    type Err = UnknownEndpoint;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|endpoint| endpoint.name() == name)
            .ok_or_else(|| UnknownEndpoint(name.to_owned()))
    }
}

/// One table of each endpoint's request and response types, from which the
/// per-endpoint operations are generated.
macro_rules! endpoint_types {
    ($($variant:ident => $request:ty, $response:ty;)*) => {
        impl Endpoint {
            /// The root schema of the endpoint's request or response body.
            #[must_use]
            pub fn root_schema(self, generator: SchemaGenerator, kind: PayloadKind) -> Schema {
                match (self, kind) {
                    $(
                        (Self::$variant, PayloadKind::Request) => generator.into_root_schema_for::<$request>(),
                        (Self::$variant, PayloadKind::Response) => generator.into_root_schema_for::<$response>(),
                    )*
                }
            }

            /// Reads `value` into the endpoint's typed request or response and writes
            /// it back: the value as the typed model sees it (unknown keys dropped).
            pub fn round_trip(self, kind: PayloadKind, value: &serde_json::Value) -> Result<serde_json::Value, serde_json::Error> {
                match (self, kind) {
                    $(
                        (Self::$variant, PayloadKind::Request) => {
                            serde_json::to_value(<$request as serde::Deserialize>::deserialize(value)?)
                        }
                        (Self::$variant, PayloadKind::Response) => {
                            serde_json::to_value(<$response as serde::Deserialize>::deserialize(value)?)
                        }
                    )*
                }
            }
        }
    };
}

endpoint_types! {
    BatchCreateProcTemplate => BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse;
    UpdateProcessInstance => UpdateProcessInstanceRequest, UpdateProcessInstanceResponse;
    UpdateProcTemplate => UpdateProcTemplateRequest, UpdateProcTemplateResponse;
    DeleteProcTemplate => DeleteProcTemplateRequest, DeleteProcTemplateResponse;
    CreateProcessInstance => CreateProcessInstanceRequest, CreateProcessInstanceResponse;
    GetProcTemplate => GetProcTemplateRequest, GetProcTemplateResponse;
    ListProcTemplate => ListProcTemplateRequest, ListProcTemplateResponse;
    ListProcessInstance => ListProcessInstanceRequest, ListProcessInstanceResponse;
    ListProcessDetailByIds => ListProcessDetailByIdsRequest, ListProcessDetailByIdsResponse;
    ListProcessRelatedInfo => ListProcessRelatedInfoRequest, ListProcessRelatedInfoResponse;
    DeleteProcessInstance => DeleteProcessInstanceRequest, DeleteProcessInstanceResponse;
    CreateServiceTemplate => CreateServiceTemplateRequest, CreateServiceTemplateResponse;
    CreateServiceInstance => CreateServiceInstanceRequest, CreateServiceInstanceResponse;
    ListServiceInstance => ListServiceInstanceRequest, ListServiceInstanceResponse;
    DeleteServiceInstance => DeleteServiceInstanceRequest, DeleteServiceInstanceResponse;
    ListServiceTemplateDifference => ListServiceTemplateDifferenceRequest, ListServiceTemplateDifferenceResponse;
    SyncServiceTemplateToServiceInstance => SyncServiceTemplateToServiceInstanceRequest, SyncServiceTemplateToServiceInstanceResponse;
}
