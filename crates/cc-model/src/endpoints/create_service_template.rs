//! `create_service_template`: create a service template in a business.

use crate::{Auth, Patch, Response};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The request body of `create_service_template`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreateServiceTemplateRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// Service template name, unique within the business (1 to 256 characters;
    /// the server rejects a blank name).
    #[schemars(length(min = 1, max = 256))]
    pub name: String,
    /// The service category (service class) the template belongs to.
    pub service_category_id: i64,
}

/// A service template, as the server stores it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ServiceTemplate {
    /// Business id.
    pub bk_biz_id: i64,
    /// Service template id.
    pub id: i64,
    /// Service template name.
    pub name: String,
    /// The service category the template belongs to.
    pub service_category_id: i64,
    /// Who created the template.
    pub creator: String,
    /// Who changed the template last.
    pub modifier: String,
    /// Creation time (RFC 3339).
    pub create_time: String,
    /// Last change time (RFC 3339).
    pub last_time: String,
    /// Supplier account.
    pub bk_supplier_account: String,
    /// Whether host apply rules are enabled for the template's modules. The
    /// server sends it; the doc example leaves it out.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub host_apply_enabled: Patch<bool>,
}

/// The response of `create_service_template`: the new template.
pub type CreateServiceTemplateResponse = Response<ServiceTemplate>;
