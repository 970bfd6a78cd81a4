//! `unknown-field`: a key no model of the endpoint knows. Reported by the schema
//! check (objects are closed), with the closest known key as a suggestion: an
//! error when the key is a typo of a known key (a misspelt field), else a warning.

use super::RuleDoc;
use cc_model::Endpoint;
use crate::payload::context::Context;
use crate::vocab::diagnostic::Diagnostic;

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
