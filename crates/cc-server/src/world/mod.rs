//! The world file: the apps allowed to call, and the CMDB objects the process API
//! needs but does not create (businesses, hosts, service categories, service
//! templates, modules). Its JSON Schema is generated from these types
//! ([`schema`]) and written by `cargo xtask schema` to `schemas/server/world.json`.

#[cfg(feature = "server")]
mod load;
mod schema;

#[cfg(feature = "server")]
pub use load::{WorldError, load, parse};
pub use schema::{SCHEMA_FILE, SCHEMA_ID, schema};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Everything a world file declares. Every list may be left out (it is empty).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct World {
    /// The apps that may call the server, with their secrets.
    pub apps: Vec<App>,
    /// Businesses.
    pub businesses: Vec<Business>,
    /// Hosts, each in one business.
    pub hosts: Vec<Host>,
    /// Service categories.
    pub service_categories: Vec<ServiceCategory>,
    /// Service templates, each in one business and one category. Process
    /// templates are added to them through the API.
    pub service_templates: Vec<ServiceTemplate>,
    /// Modules, each in one business, bound to a service template or not.
    pub modules: Vec<Module>,
}

/// An app that may call: its code and secret, as the ESB and the API gateway
/// check them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct App {
    /// The app code (`bk_app_code` in a body, or in the `X-Bkapi-Authorization`
    /// header).
    #[schemars(length(min = 1, max = 128))]
    pub bk_app_code: String,
    /// The app secret. Compared in constant time; never logged or echoed.
    #[schemars(length(min = 1, max = 1024))]
    pub bk_app_secret: String,
}

/// A business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Business {
    /// Business id.
    #[schemars(range(min = 1))]
    pub bk_biz_id: i64,
    /// Business name.
    #[schemars(length(min = 1, max = 256))]
    pub bk_biz_name: String,
}

/// A host and its addresses (comma-separated lists, as CMDB stores them; the
/// first address of a list is what template bind types 3, 4, 7 and 8 resolve to).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// Host id.
    #[schemars(range(min = 1))]
    pub bk_host_id: i64,
    /// The business the host is in.
    #[schemars(range(min = 1))]
    pub bk_biz_id: i64,
    /// Inner (LAN) IPv4 addresses, comma-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bk_host_innerip: String,
    /// Outer (WAN) IPv4 addresses, comma-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bk_host_outerip: String,
    /// Inner IPv6 addresses, comma-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bk_host_innerip_v6: String,
    /// Outer IPv6 addresses, comma-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bk_host_outerip_v6: String,
}

/// A service category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceCategory {
    /// Service category id.
    #[schemars(range(min = 1))]
    pub id: i64,
    /// Category name.
    #[schemars(length(min = 1, max = 256))]
    pub name: String,
}

/// A service template (without process templates: those are created through
/// `batch_create_proc_template`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceTemplate {
    /// Service template id.
    #[schemars(range(min = 1))]
    pub id: i64,
    /// The business the template is in.
    #[schemars(range(min = 1))]
    pub bk_biz_id: i64,
    /// Template name, unique within the business.
    #[schemars(length(min = 1, max = 256))]
    pub name: String,
    /// The template's service category.
    #[schemars(range(min = 1))]
    pub service_category_id: i64,
}

/// A module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// Module id.
    #[schemars(range(min = 1))]
    pub bk_module_id: i64,
    /// The business the module is in.
    #[schemars(range(min = 1))]
    pub bk_biz_id: i64,
    /// Module name.
    #[schemars(length(min = 1, max = 256))]
    pub bk_module_name: String,
    /// The service template the module is bound to; 0 (or left out) for none.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub service_template_id: i64,
}
