//! `list_service_template_difference`: whether the service instances of
//! service templates or modules differ from their templates (would a sync
//! change anything).

use crate::{Auth, Patch, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `list_service_template_difference`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListServiceTemplateDifferenceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// The modules to report on when `is_partial` is false (at most 100: the
    /// docs say 20, the server takes 100).
    #[schemars(length(max = 100))]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub bk_module_ids: Patch<Vec<i64>>,
    /// The service templates to report on when `is_partial` is true (at most
    /// 100: the docs say 20, the server takes 100).
    #[schemars(length(max = 100))]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_template_ids: Patch<Vec<i64>>,
    /// True: report per service template (`service_template_ids`); false: per
    /// module (`bk_module_ids`). The docs call it required; the server reads a
    /// missing one as false.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub is_partial: Patch<bool>,
}

/// Whether each service template or module needs a sync.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ServiceTemplateDifferenceData {
    /// One entry per requested service template (`is_partial` true; `null`
    /// otherwise).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_templates: Patch<Vec<ServiceTemplateSyncStatus>>,
    /// One entry per requested module (`is_partial` false; `null` otherwise).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub modules: Patch<Vec<ModuleSyncStatus>>,
}

/// Whether a service template's instances differ from it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ServiceTemplateSyncStatus {
    /// Service template id.
    pub service_template_id: i64,
    /// Whether a service instance in a module using the template differs from it.
    pub need_sync: bool,
}

/// Whether a module's service instances differ from its service template.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ModuleSyncStatus {
    /// Module id.
    pub bk_module_id: i64,
    /// Whether a service instance of the module differs from its template.
    pub need_sync: bool,
}

/// The response of `list_service_template_difference`.
pub type ListServiceTemplateDifferenceResponse = Response<ServiceTemplateDifferenceData>;
