#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod engine;
mod payload;
mod rules;
mod schema;
mod source;
mod vocab;

pub use engine::detect::{Detection, endpoint_from_content, endpoint_from_path, payload_kind};
pub use engine::fixer::{Fixed, MAX_FIX_ROUNDS, fix_source};
pub use engine::overrides::{Level, Overrides};
pub use engine::plans::{
    PLAN_VERSION, PlanError, instantiate_document, preview_document, sync_document,
};
pub use engine::validator::{Validator, locate};
pub use payload::context::CheckOptions;
pub use payload::inputs::{InputError, load_host, load_processes};
pub use payload::template::{TemplateError, load_template};
pub use rules::RuleDoc;
pub use schema::embedded::schema_text;
pub use source::apply::{Applied, apply_fixes};
pub use source::document::Document;
pub use source::parse::parse;
pub use source::span::SourceMap;
pub use vocab::diagnostic::{Anchor, Diagnostic, Location, Related};
pub use vocab::error::Error;
pub use vocab::fix::{Applicability, Edit, Fix, FixDoc};
pub use vocab::pointer::{escape_token, pointer_tokens};
pub use vocab::rule::{Rule, UnknownRule};
pub use vocab::severity::Severity;
pub use vocab::verdict::ServerVerdict;
pub use vocab::wording::{SECRET_KEYS, is_secret, is_secret_key};

/// Entry points for the fuzz targets in `fuzz/` and the property tests. **Not
/// API**: hidden from the docs, outside any semver promise, and free to change
/// or vanish in any release.
#[doc(hidden)]
pub mod __fuzz {
    pub use crate::payload::ports::{ItemProblem, PortError, PortItem, parse_ports};

    /// The payload with its keys as the server matches them: a key that
    /// matches a field only case-insensitively renamed to the field's spelling
    /// (what the `key-case` rule reports), so that the typed models, which match
    /// keys exactly, read what the server reads.
    #[must_use]
    pub fn as_server_reads(
        endpoint: crate::Endpoint,
        kind: crate::PayloadKind,
        value: &serde_json::Value,
    ) -> serde_json::Value {
        let mut read = crate::Validator::get(endpoint, kind)
            .ok()
            .and_then(|validator| validator.normalise(value))
            .map_or_else(|| value.clone(), |(renamed, _)| renamed);
        if kind == crate::PayloadKind::Request {
            drop_overwritten(endpoint, &mut read);
        }
        read
    }

    /// The bookkeeping fields of a new process's `process_info`, which the
    /// server sets itself whatever they hold (`processinstance.go:122-133`):
    /// read as absent.
    fn drop_overwritten(endpoint: crate::Endpoint, value: &mut serde_json::Value) {
        let processes: Vec<&mut serde_json::Value> = match endpoint {
            crate::Endpoint::CreateProcessInstance => value
                .get_mut("processes")
                .and_then(serde_json::Value::as_array_mut)
                .map(|list| list.iter_mut().collect())
                .unwrap_or_default(),
            crate::Endpoint::CreateServiceInstance => value
                .get_mut("instances")
                .and_then(serde_json::Value::as_array_mut)
                .into_iter()
                .flatten()
                .filter_map(|instance| instance.get_mut("processes"))
                .filter_map(serde_json::Value::as_array_mut)
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        for process in processes {
            if let Some(info) = process
                .get_mut("process_info")
                .and_then(serde_json::Value::as_object_mut)
            {
                for field in cc_model::attributes::OVERWRITTEN_ON_CREATE {
                    info.remove(field);
                }
            }
        }
    }
}

/// Re-exported so callers name endpoints without a direct cc-model dependency.
pub use cc_model::{Endpoint, PayloadKind};

/// Checks a payload's bytes against `endpoint`'s `kind` schema: every finding,
/// with line and column.
pub fn check(
    endpoint: Endpoint,
    kind: PayloadKind,
    source: &[u8],
) -> Result<Vec<Diagnostic>, Error> {
    Ok(Validator::get(endpoint, kind)?.check_source(source))
}
