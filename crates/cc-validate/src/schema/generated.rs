//! The fast path's validators: code generated at build time from the committed
//! schemas (this crate's copy in `schemas/`) by `jsonschema`'s `validator`
//! macro. They answer only "valid or not", without compiling anything at run
//! time and faster than the runtime validator; the findings of an invalid
//! payload come from the runtime validator (see [`crate::Validator`]), which
//! the tests and the fuzz target hold to the same verdicts.

use cc_model::{Endpoint, PayloadKind};
use serde_json::Value;

macro_rules! generated {
    ($($endpoint:ident => $module:ident, $request:literal, $response:literal;)*) => {
        $(
            #[doc = concat!("`", stringify!($module), "`'s request and response validators.")]
            mod $module {
                #[jsonschema::validator(
                    path = $request,
                    draft = Draft202012,
                    methods = { is_valid = true, validate = false, iter_errors = false }
                )]
                pub(super) struct Request;

                #[jsonschema::validator(
                    path = $response,
                    draft = Draft202012,
                    methods = { is_valid = true, validate = false, iter_errors = false }
                )]
                pub(super) struct Response;
            }
        )*

        /// Whether `value` is valid against `endpoint`'s `kind` schema.
        pub(crate) fn is_valid(endpoint: Endpoint, kind: PayloadKind, value: &Value) -> bool {
            match (endpoint, kind) {
                $(
                    (Endpoint::$endpoint, PayloadKind::Request) => $module::Request::is_valid(value),
                    (Endpoint::$endpoint, PayloadKind::Response) => $module::Response::is_valid(value),
                )*
            }
        }
    };
}

generated! {
    BatchCreateProcTemplate => batch_create_proc_template,
        "schemas/batch_create_proc_template.request.json",
        "schemas/batch_create_proc_template.response.json";
    UpdateProcessInstance => update_process_instance,
        "schemas/update_process_instance.request.json",
        "schemas/update_process_instance.response.json";
    UpdateProcTemplate => update_proc_template,
        "schemas/update_proc_template.request.json",
        "schemas/update_proc_template.response.json";
    DeleteProcTemplate => delete_proc_template,
        "schemas/delete_proc_template.request.json",
        "schemas/delete_proc_template.response.json";
    CreateProcessInstance => create_process_instance,
        "schemas/create_process_instance.request.json",
        "schemas/create_process_instance.response.json";
    GetProcTemplate => get_proc_template,
        "schemas/get_proc_template.request.json",
        "schemas/get_proc_template.response.json";
    ListProcTemplate => list_proc_template,
        "schemas/list_proc_template.request.json",
        "schemas/list_proc_template.response.json";
    ListProcessInstance => list_process_instance,
        "schemas/list_process_instance.request.json",
        "schemas/list_process_instance.response.json";
    ListProcessDetailByIds => list_process_detail_by_ids,
        "schemas/list_process_detail_by_ids.request.json",
        "schemas/list_process_detail_by_ids.response.json";
    ListProcessRelatedInfo => list_process_related_info,
        "schemas/list_process_related_info.request.json",
        "schemas/list_process_related_info.response.json";
    DeleteProcessInstance => delete_process_instance,
        "schemas/delete_process_instance.request.json",
        "schemas/delete_process_instance.response.json";
    CreateServiceTemplate => create_service_template,
        "schemas/create_service_template.request.json",
        "schemas/create_service_template.response.json";
    CreateServiceInstance => create_service_instance,
        "schemas/create_service_instance.request.json",
        "schemas/create_service_instance.response.json";
    ListServiceInstance => list_service_instance,
        "schemas/list_service_instance.request.json",
        "schemas/list_service_instance.response.json";
    DeleteServiceInstance => delete_service_instance,
        "schemas/delete_service_instance.request.json",
        "schemas/delete_service_instance.response.json";
    ListServiceTemplateDifference => list_service_template_difference,
        "schemas/list_service_template_difference.request.json",
        "schemas/list_service_template_difference.response.json";
    SyncServiceTemplateToServiceInstance => sync_service_template_to_service_instance,
        "schemas/sync_service_template_to_service_instance.request.json",
        "schemas/sync_service_template_to_service_instance.response.json";
}
