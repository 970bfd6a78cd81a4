#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod case_names;
mod context;
mod describe;
mod detect;
mod diagnostic;
mod document;
mod embedded;
mod error;
mod generated;
mod normalise;
mod overrides;
mod parse;
mod ports;
mod rules;
mod schema_errors;
mod schema_nav;
mod span;
mod template_input;
mod validator;
mod views;

pub use context::CheckOptions;
pub use describe::{SECRET_KEYS, is_secret, is_secret_key};
pub use detect::{Detection, endpoint_from_content, endpoint_from_path, payload_kind};
pub use diagnostic::{Anchor, Diagnostic, Location, Related, Severity};
pub use document::Document;
pub use embedded::schema_text;
pub use error::Error;
pub use overrides::{Level, Overrides};
pub use parse::parse;
pub use rules::{Rule, RuleDoc, UnknownRule};
pub use span::{SourceMap, escape_token, pointer_tokens};
pub use template_input::{TemplateError, load_template};
pub use validator::{Validator, locate};

/// Entry points for the fuzz targets in `fuzz/` and the property tests. **Not
/// API**: hidden from the docs, outside any semver promise, and free to change
/// or vanish in any release.
#[doc(hidden)]
pub mod __fuzz {
    pub use crate::ports::{ItemProblem, PortError, PortItem, parse_ports};

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
        crate::Validator::get(endpoint, kind)
            .ok()
            .and_then(|validator| validator.normalise(value))
            .map_or_else(|| value.clone(), |(renamed, _)| renamed)
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
