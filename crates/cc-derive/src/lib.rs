//! `#[derive(ProcessTemplate)]`: turns a plain `BlueKing` CMDB process struct into
//! its template form.
//!
//! Use it through `cc_model`, which re-exports it next to the trait of the same
//! name; the generated code names `::cc_model` (override with
//! `#[cc(crate = "...")]`).
//!
//! On a struct whose fields are `Option<T>` or `cc_model::Patch<T>`, the derive
//! generates `{Name}Template` (or the name given by `#[cc(template = "...")]`), in
//! which each field is a `cc_model::Property<T>`: `{"value": T | null,
//! "as_default_value": bool | null}`. The template derives serde and
//! `schemars::JsonSchema`; each wrapped field's `value` schema is taken from the
//! plain field's schema, so limits written once on the plain struct (for example
//! `#[schemars(range(min = 1, max = 10000))]`) appear in both schemas.
//! It also implements `cc_model::ProcessTemplate` for the plain struct, whose
//! `FIELDS` describe every field.
//!
//! A field's JSON key is its name or its `#[serde(rename = "...")]`;
//! `#[serde(rename_all = "...")]` on the struct is rejected.
//!
//! ## `#[cc(template = "Name")]` (on the struct)
//! The name of the generated type; it must differ from the struct's.
//!
//! ## `#[cc(crate = "path")]` (on the struct)
//! Where cc-model is found, when it is not `::cc_model`.
//!
//! ## `#[cc(skip)]`
//! The field exists only on instances (for example `bk_process_id`).
//!
//! ## `#[cc(plain)]`
//! The field is copied into the template as it is, not wrapped (the template
//! row's `row_id`).
//!
//! ## `#[cc(rename = "key")]`
//! The field's key in the template (`template_row_id` is `row_id` there).
//!
//! ## `#[cc(nested)]`
//! The field is a list of rows whose type derives `ProcessTemplate` too; the
//! template holds a wrapped list of the rows' templates (`bind_info`).
//!
//! ## `#[cc(template_type = "Type")]`
//! The template's `value` has another type than the instance field (a bind row's
//! `ip` is an address on an instance and a bind-type code in a template).
//!
//! ## `#[cc(required)]`
//! The template must hold the field with a non-null value.
//!
//! ## `#[cc(always_locked)]`
//! The server locks the field whatever `as_default_value` says.
//!
//! ## `#[cc(null_as_default)]`
//! A `null` template value instantiates as the type's default (a bind row's
//! `enable`: `false`) instead of staying `null`.
//!
//! ## `#[cc(legacy)]`
//! Accepted and ignored by current servers.
//!
//! ```
//! use cc_model::{Patch, ProcessTemplate, Property};
//!
//! #[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, ProcessTemplate)]
//! struct Worker {
//!     #[serde(default, skip_serializing_if = "Patch::is_absent")]
//!     #[cc(skip)]
//!     id: Patch<i64>,
//!     /// How many copies run.
//!     #[serde(default, skip_serializing_if = "Patch::is_absent")]
//!     #[schemars(range(min = 1, max = 10))]
//!     copies: Patch<i64>,
//! }
//!
//! let template = WorkerTemplate { copies: Some(Property::new(Some(3), true)) };
//! assert_eq!(
//!     serde_json::to_value(&template).unwrap(),
//!     serde_json::json!({"copies": {"value": 3, "as_default_value": true}}),
//! );
//! assert_eq!(Worker::FIELDS.len(), 2);
//! ```

mod ast;
mod attr;
mod behaviour;
mod check;
mod ctxt;
mod expand;
mod fallback;
mod symbol;

use proc_macro::TokenStream;

/// Derives the template form of a plain process struct; see the crate docs for the
/// `#[cc(...)]` attributes.
#[proc_macro_derive(ProcessTemplate, attributes(cc))]
pub fn derive_process_template(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}
