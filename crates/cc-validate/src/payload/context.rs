//! What a semantic rule sees: the parsed payload, which endpoint and kind it is,
//! the schema, and the process objects inside it.

use crate::payload::port_values::{PortValue, find_port_values};
use crate::payload::views::{self, ProcessView};
use crate::source::document::Traits;
use cc_model::{EditPreview, Endpoint, Host, PayloadKind, Process, ProcessTemplateSpec, Template};
use serde_json::Value;

/// What a check may be given besides the payload.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// The process template the edited processes were created from
    /// (`--template`): `update_process_instance` entries are checked against it.
    pub template: Option<&'a ProcessTemplateSpec>,
    /// The host the processes run on, to resolve bind types 3/4/7/8.
    pub host: Option<&'a Host>,
    /// The edited processes were **not** created from a template (`--raw`):
    /// `update_process_instance` writes each entry whole, so every field it
    /// omits is cleared and an omitted required name refuses the update
    /// (semantics section 6). Without `raw` or `template` the linter does not
    /// know which of the two the server will do.
    pub raw: bool,
}

/// What the server will do with one `update_process_instance` entry.
pub(crate) struct EntryPreview {
    /// Pointer to the entry.
    pub(crate) pointer: String,
    /// Whether the entry has a `bind_info` key.
    pub(crate) has_bind_info: bool,
    /// The generated preview.
    pub(crate) preview: EditPreview<Process>,
}

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
    /// With a template: what the server does with each edited process.
    pub(crate) previews: Vec<EntryPreview>,
    /// The edited processes are raw (see [`CheckOptions::raw`]; never with a
    /// template).
    pub(crate) raw: bool,
    /// The port strings of every bind row, parsed (see [`find_port_values`]).
    pub(crate) ports: Vec<PortValue<'a>>,
    /// What the parse noticed about the values.
    pub(crate) traits: Traits,
}

impl<'a> Context<'a> {
    /// Builds the context, finding the process objects once for every rule.
    pub(crate) fn new(
        endpoint: Endpoint,
        kind: PayloadKind,
        value: &'a Value,
        schema: &'a Value,
        options: CheckOptions<'a>,
        traits: Traits,
    ) -> Self {
        let processes = views::processes(endpoint, kind, value);
        let previews = match options.template {
            Some(template)
                if endpoint == Endpoint::UpdateProcessInstance && kind == PayloadKind::Request =>
            {
                previews(template, options.host, &processes)
            }
            _ => Vec::new(),
        };
        let ports = find_port_values(&processes);
        Self {
            endpoint,
            kind,
            value,
            schema,
            processes,
            previews,
            raw: options.raw && options.template.is_none(),
            ports,
            traits,
        }
    }

    /// True for a request of `endpoint`.
    pub(crate) fn is_request_of(&self, endpoint: Endpoint) -> bool {
        self.endpoint == endpoint && self.kind == PayloadKind::Request
    }
}

/// How the addresses of the host that stands in for a host not given start.
const SYMBOLIC: &str = "<the host's ";

/// Stands in for a host that was not given: its addresses are descriptions, so
/// a locked bind type still resolves, to a value no real edit matches.
fn symbolic_host() -> Host {
    let address = |which: &str| Some(format!("{SYMBOLIC}{which}>"));
    Host {
        bk_host_innerip: address("first inner IPv4"),
        bk_host_outerip: address("first outer IPv4"),
        bk_host_innerip_v6: address("first inner IPv6"),
        bk_host_outerip_v6: address("first outer IPv6"),
    }
}

/// The host address a symbolic address stands for (`the host's first inner
/// IPv4`), when `value` is one: the host was not given, so whether an edit
/// matches it cannot be told.
pub(crate) fn symbolic_address(value: &str) -> Option<&str> {
    if !value.starts_with(SYMBOLIC) {
        return None;
    }
    value.strip_prefix('<')?.strip_suffix('>')
}

fn previews(
    template: &ProcessTemplateSpec,
    host: Option<&Host>,
    processes: &[ProcessView<'_>],
) -> Vec<EntryPreview> {
    let symbolic = symbolic_host();
    let host = host.unwrap_or(&symbolic);
    processes
        .iter()
        .filter_map(|process| {
            // An entry the schema rejects has its own findings; skip it here.
            let edit: Process =
                serde_json::from_value(Value::Object(process.object.clone())).ok()?;
            let preview = template.preview(&edit, Some(host)).ok()?;
            Some(EntryPreview {
                pointer: process.pointer(),
                has_bind_info: process.object.contains_key("bind_info"),
                preview,
            })
        })
        .collect()
}
