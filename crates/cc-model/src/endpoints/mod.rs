//! Request and response bodies, one module per endpoint.

mod batch_create_proc_template;
mod create_process_instance;
mod delete_proc_template;
mod delete_process_instance;
mod get_proc_template;
mod list_proc_template;
mod list_process_detail_by_ids;
mod list_process_instance;
mod list_process_related_info;
mod page;
mod proc_template;
mod update_proc_template;
mod update_process_instance;

pub use batch_create_proc_template::{
    BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse, ProcessTemplateEntry,
    TemplateIds,
};
pub use create_process_instance::{
    CreateProcessInstanceRequest, CreateProcessInstanceResponse, ProcessInfoEntry,
};
pub use delete_proc_template::{DeleteProcTemplateRequest, DeleteProcTemplateResponse};
pub use delete_process_instance::{DeleteProcessInstanceRequest, DeleteProcessInstanceResponse};
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
pub use page::Page;
pub use proc_template::ProcTemplate;
pub use update_proc_template::{UpdateProcTemplateRequest, UpdateProcTemplateResponse};
pub use update_process_instance::{UpdateProcessInstanceRequest, UpdateProcessInstanceResponse};
