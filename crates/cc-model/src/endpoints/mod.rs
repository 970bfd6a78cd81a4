//! Request and response bodies, one module per endpoint.

mod batch_create_proc_template;
mod create_process_instance;
mod create_service_instance;
mod create_service_template;
mod delete_proc_template;
mod delete_process_instance;
mod delete_service_instance;
mod get_proc_template;
mod list_proc_template;
mod list_process_detail_by_ids;
mod list_process_instance;
mod list_process_related_info;
mod list_service_instance;
mod list_service_template_difference;
mod page;
mod proc_template;
mod sync_service_template_to_service_instance;
mod update_proc_template;
mod update_process_instance;

pub use batch_create_proc_template::{
    BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse, ProcessTemplateEntry,
    TemplateIds,
};
pub use create_process_instance::{
    CreateProcessInstanceRequest, CreateProcessInstanceResponse, ProcessInfoEntry,
};
pub use create_service_instance::{
    CreateServiceInstanceRequest, CreateServiceInstanceResponse, ServiceInstanceEntry,
    ServiceInstanceProcess,
};
pub use create_service_template::{
    CreateServiceTemplateRequest, CreateServiceTemplateResponse, ServiceTemplate,
};
pub use delete_proc_template::{DeleteProcTemplateRequest, DeleteProcTemplateResponse};
pub use delete_process_instance::{DeleteProcessInstanceRequest, DeleteProcessInstanceResponse};
pub use delete_service_instance::{DeleteServiceInstanceRequest, DeleteServiceInstanceResponse};
pub use get_proc_template::{GetProcTemplateRequest, GetProcTemplateResponse};
pub use list_proc_template::{
    ListProcTemplateData, ListProcTemplateRequest, ListProcTemplateResponse,
};
pub use list_process_detail_by_ids::{
    ListProcessDetailByIdsRequest, ListProcessDetailByIdsResponse,
};
pub use list_process_instance::{
    ListProcessInstanceRequest, ListProcessInstanceResponse, ProcessRelation, ProcessWithRelation,
};
pub use list_process_related_info::{
    ListProcessRelatedInfoData, ListProcessRelatedInfoRequest, ListProcessRelatedInfoResponse,
    ModuleFilter, ProcessRelatedInfo, RelatedHost, RelatedModule, RelatedProcessTemplate,
    RelatedServiceInstance, RelatedSet, ServiceInstanceFilter, SetFilter,
};
pub use list_service_instance::{
    ListServiceInstanceData, ListServiceInstanceRequest, ListServiceInstanceResponse, Selector,
    SelectorOperator, ServiceInstance,
};
pub use list_service_template_difference::{
    ListServiceTemplateDifferenceRequest, ListServiceTemplateDifferenceResponse, ModuleSyncStatus,
    ServiceTemplateDifferenceData, ServiceTemplateSyncStatus,
};
pub use page::Page;
pub use proc_template::ProcTemplate;
pub use sync_service_template_to_service_instance::{
    SyncServiceTemplateToServiceInstanceRequest, SyncServiceTemplateToServiceInstanceResponse,
};
pub use update_proc_template::{UpdateProcTemplateRequest, UpdateProcTemplateResponse};
pub use update_process_instance::{UpdateProcessInstanceRequest, UpdateProcessInstanceResponse};
