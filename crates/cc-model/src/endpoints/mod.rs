//! Request and response bodies, one module per endpoint.

mod batch_create_proc_template;
mod update_process_instance;

pub use batch_create_proc_template::{
    BatchCreateProcTemplateRequest, BatchCreateProcTemplateResponse, ProcessTemplateEntry,
    TemplateIds,
};
pub use update_process_instance::{UpdateProcessInstanceRequest, UpdateProcessInstanceResponse};
