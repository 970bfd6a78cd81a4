#![doc = include_str!("../README.md")]

mod context;
mod describe;
mod detect;
mod diagnostic;
mod document;
mod embedded;
mod error;
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
pub use describe::{SECRET_KEYS, is_secret};
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
