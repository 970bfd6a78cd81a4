#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

extern crate self as cc_model;

pub mod attributes;
mod auth;
mod codes;
pub mod endpoint;
pub mod endpoints;
mod patch;
mod process;
mod property;
mod response;
pub mod schema;
mod stored;
pub mod template;
pub mod timestamp;

pub use auth::Auth;
pub use cc_derive::ProcessTemplate;
pub use codes::{BindType, Family, Protocol};
pub use endpoint::{Endpoint, PayloadKind};
pub use patch::Patch;
pub use process::{BindInfo, BindInfoTemplate, Process, ProcessTemplatePatch, ProcessTemplateSpec};
pub use property::Property;
pub use response::Response;
pub use stored::raw_update;
pub use template::{
    DropReason, Dropped, EditPreview, FieldChange, FieldInfo, FieldKind, Host, InstantiateError,
    LockedField, ProcessTemplate, ResetRow, RowChange, SyncPlan, Synced, Template,
};

/// Re-exports for the code `#[derive(ProcessTemplate)]` generates, so that user
/// crates need no direct serde or schemars dependency of their own. Not public API.
#[doc(hidden)]
pub mod __private {
    pub use schemars;
    pub use serde;
    pub use serde_json;
}
