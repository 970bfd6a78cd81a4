//! The committed schemas, embedded at build time from this crate's own copy
//! (`crates/cc-validate/schemas/`, so that the published crate is self-contained).
//! `cargo xtask schema` writes it and the workspace's `schemas/` from the models,
//! and its `--check` mode (and drift test) fails when either differs.

use cc_model::{Endpoint, PayloadKind};

macro_rules! embedded {
    ($($endpoint:ident => $name:literal),* $(,)?) => {
        /// The committed schema text of an endpoint's request or response body.
        #[must_use]
        pub fn schema_text(endpoint: Endpoint, kind: PayloadKind) -> &'static str {
            match (endpoint, kind) {
                $(
                    (Endpoint::$endpoint, PayloadKind::Request) => include_str!(
                        concat!("../../schemas/", $name, ".request.json")
                    ),
                    (Endpoint::$endpoint, PayloadKind::Response) => include_str!(
                        concat!("../../schemas/", $name, ".response.json")
                    ),
                )*
            }
        }
    };
}

embedded! {
    BatchCreateProcTemplate => "batch_create_proc_template",
    UpdateProcessInstance => "update_process_instance",
    UpdateProcTemplate => "update_proc_template",
    DeleteProcTemplate => "delete_proc_template",
    CreateProcessInstance => "create_process_instance",
    GetProcTemplate => "get_proc_template",
    ListProcTemplate => "list_proc_template",
    ListProcessInstance => "list_process_instance",
    ListProcessDetailByIds => "list_process_detail_by_ids",
    ListProcessRelatedInfo => "list_process_related_info",
    DeleteProcessInstance => "delete_process_instance",
    CreateServiceTemplate => "create_service_template",
    CreateServiceInstance => "create_service_instance",
    ListServiceInstance => "list_service_instance",
    DeleteServiceInstance => "delete_service_instance",
    ListServiceTemplateDifference => "list_service_template_difference",
    SyncServiceTemplateToServiceInstance => "sync_service_template_to_service_instance",
}
