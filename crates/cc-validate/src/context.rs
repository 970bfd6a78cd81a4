//! What a semantic rule sees: the parsed payload, which endpoint and kind it is,
//! the schema, and the process objects inside it.

use crate::views::{self, ProcessView};
use cc_model::{Endpoint, PayloadKind};
use serde_json::Value;

/// The input of every semantic rule.
pub(crate) struct Context<'a> {
    /// The endpoint.
    pub(crate) endpoint: Endpoint,
    /// Request or response.
    pub(crate) kind: PayloadKind,
    /// The parsed payload.
    pub(crate) value: &'a Value,
    /// The endpoint's JSON Schema.
    pub(crate) schema: &'a Value,
    /// The process objects of the payload (template specs or instances).
    pub(crate) processes: Vec<ProcessView<'a>>,
}

impl<'a> Context<'a> {
    /// Builds the context, finding the process objects once for every rule.
    pub(crate) fn new(
        endpoint: Endpoint,
        kind: PayloadKind,
        value: &'a Value,
        schema: &'a Value,
    ) -> Self {
        Self {
            endpoint,
            kind,
            value,
            schema,
            processes: views::processes(endpoint, kind, value),
        }
    }

    /// True for a request of `endpoint`.
    pub(crate) fn is_request_of(&self, endpoint: Endpoint) -> bool {
        self.endpoint == endpoint && self.kind == PayloadKind::Request
    }
}
