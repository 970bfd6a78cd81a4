//! `unknown-field`: a key no model of the endpoint knows. Reported by the schema
//! check (objects are closed), with the closest known key as a suggestion: an
//! error when the key is a typo of a known key (a misspelt field), else a warning.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;
use crate::vocab::fix::{Applicability, Fix, FixDoc};
use crate::vocab::pointer::escape_token;
use super::fix::{FixSource, last_token, rename_key};

pub(crate) const DOC: RuleDoc = RuleDoc {
    endpoint: Endpoint::UpdateProcessInstance,
    template: None,
    raw: false,
    summary: "a key that no model of the endpoint knows",
    explanation: "The server ignores keys it does not know and still reports success. A key \
                  within a typo of a field of its object (one edit for keys of up to five \
                  characters, two for longer ones: `bk_proces_name`, `proc_nun`) is that field \
                  misspelt: the field the author meant is not set, so the payload cannot mean \
                  what it says, and the finding is an error that names the field. Any other \
                  key is a warning (naming the most similar field, if one is similar): newer servers add fields (the upstream API tests send \
                  `bk_enable_port`), and the server accepts the payload either way. \
                  `--deny unknown-field` makes both errors, `--warn unknown-field` both warnings.",
    bad: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_proces_name": "nginx"}]}"#,
    good: r#"{"bk_biz_id": 1, "processes": [{"bk_process_id": 43, "bk_process_name": "nginx"}]}"#,
};

/// Reported by the schema check, before the semantic rules run.
pub(crate) fn check(_: &Context<'_>, _: &mut Vec<Diagnostic>) {}

/// The fix: rename the key to the one field it is a typo of (unsafe: the
/// server then sets that field).
pub(crate) const FIX: FixDoc = FixDoc {
    applicability: Applicability::Unsafe,
    summary: "renames a misspelt key to the one field it is a typo of; the server then sets that field",
};

/// Renames the key to the one field it is a typo of, unless the object has
/// that field already.
pub(crate) fn fix(diagnostic: &Diagnostic, source: &FixSource<'_>) -> Option<Fix> {
    let field = diagnostic.fix_hint.as_deref()?;
    let key = last_token(&diagnostic.pointer)?;
    let parent = diagnostic.pointer.strip_suffix(&escape_token(&key))?.strip_suffix('/')?;
    let object = source.value.pointer(parent)?.as_object()?;
    // The field, in any case, is there already: the rename would repeat it.
    if object.keys().any(|known| known.eq_ignore_ascii_case(field)) {
        return None;
    }
    rename_key(source, &diagnostic.pointer, field, Applicability::Unsafe)
}
