//! `list_service_instance`: list the service instances of a business.

use crate::endpoints::Page;
use crate::{Auth, Patch, Response};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// The request body of `list_service_instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListServiceInstanceRequest {
    /// Common gateway fields.
    #[serde(flatten)]
    pub auth: Auth,
    /// Business id.
    pub bk_biz_id: i64,
    /// List only the instances of this module (0 or missing: every module).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub bk_module_id: Patch<i64>,
    /// List only the instances on these hosts (at most 1000; empty: every host).
    #[schemars(length(max = 1000))]
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub bk_host_ids: Patch<Vec<i64>>,
    /// Label selectors every listed instance matches. The doc table types it
    /// `int`; it is a list of selectors.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub selectors: Patch<Vec<Selector>>,
    /// Which slice of the results to return (the docs say at most 500 a page).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub page: Patch<Page>,
    /// List only the instances whose name contains this text.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub search_key: Patch<String>,
}

/// One label selector: a label key, an operator and the values it compares
/// with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Selector {
    /// The label key.
    pub key: String,
    /// How the label's value is compared.
    pub operator: SelectorOperator,
    /// The values compared with (none for `exists` and `!`).
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub values: Patch<Vec<String>>,
}

/// A label selector's operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SelectorOperator {
    /// The label has the one value given.
    #[serde(rename = "=")]
    Equals,
    /// The label has not the one value given.
    #[serde(rename = "!=")]
    NotEquals,
    /// The label is set.
    #[serde(rename = "exists")]
    Exists,
    /// The label is not set.
    #[serde(rename = "!")]
    DoesNotExist,
    /// The label has one of the values.
    #[serde(rename = "in")]
    In,
    /// The label has none of the values.
    #[serde(rename = "notin")]
    NotIn,
}

impl SelectorOperator {
    /// Every operator, in the docs' order.
    pub const ALL: [Self; 6] = [
        Self::Equals,
        Self::NotEquals,
        Self::Exists,
        Self::DoesNotExist,
        Self::In,
        Self::NotIn,
    ];

    /// The operator as the API writes it.
    #[must_use]
    pub const fn symbol(self) -> &'static str {
        match self {
            Self::Equals => "=",
            Self::NotEquals => "!=",
            Self::Exists => "exists",
            Self::DoesNotExist => "!",
            Self::In => "in",
            Self::NotIn => "notin",
        }
    }
}

impl JsonSchema for SelectorOperator {
    fn schema_name() -> Cow<'static, str> {
        "SelectorOperator".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let symbols: Vec<&str> = Self::ALL.iter().map(|operator| operator.symbol()).collect();
        json_schema!({
            "description": "Selector operator: `=` and `!=` one value, `in` and `notin` a list, `exists` and `!` none.",
            "type": "string",
            "enum": symbols
        })
    }
}

/// A service instance, as the server stores it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ServiceInstance {
    /// Business id.
    pub bk_biz_id: i64,
    /// Service instance id.
    pub id: i64,
    /// Service instance name.
    pub name: String,
    /// The host the instance runs on.
    pub bk_host_id: i64,
    /// The module holding the instance.
    pub bk_module_id: i64,
    /// The service template the instance was created from (0 when none). The
    /// server sends it; the doc example leaves it out.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub service_template_id: Patch<i64>,
    /// The instance's labels, key to value. The server sends them; the doc
    /// example leaves them out.
    #[serde(default, skip_serializing_if = "Patch::is_absent")]
    pub labels: Patch<Map<String, Value>>,
    /// Who created the instance.
    pub creator: String,
    /// Who changed the instance last.
    pub modifier: String,
    /// Creation time (RFC 3339).
    pub create_time: String,
    /// Last change time (RFC 3339).
    pub last_time: String,
    /// Supplier account.
    pub bk_supplier_account: String,
}

/// The service instances found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ListServiceInstanceData {
    /// Number of matching service instances.
    pub count: i64,
    /// The service instances of the requested page.
    pub info: Vec<ServiceInstance>,
}

/// The response of `list_service_instance`.
pub type ListServiceInstanceResponse = Response<ListServiceInstanceData>;
